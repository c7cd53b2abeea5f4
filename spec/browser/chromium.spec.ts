// Every case of the browser suite in Chromium; see engine-suite.ts and cases.ts.
import { describeEngine } from './engine-suite.js';

describeEngine('chromium');
