// Every case of the browser suite in WebKitGTK (libsoup's cookie store, not Safari's); see engine-suite.ts and cases.ts.
import { describeEngine } from './engine-suite.js';

describeEngine('webkit');
