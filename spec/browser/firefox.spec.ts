// Every case of the browser suite in Firefox ESR; see engine-suite.ts and cases.ts.
import { describeEngine } from './engine-suite.js';

describeEngine('firefox');
