// The three engines of the browser suite: how each starts, and why it cannot here.
import { CHROMIUM_PATH, chromiumMissing } from '../support/chromium.js';
import { FIREFOX_INSTALL, firefoxMissing } from '../support/firefox.js';
import { WEBKIT_INSTALL, webkitMissing } from '../support/webkit.js';
import { ChromiumHarness } from './chromium-harness.js';
import { FirefoxHarness } from './firefox-harness.js';
import { type EngineHarness, type EngineName, opensslMissing } from './harness.js';
import { WebKitHarness } from './webkit-harness.js';

export interface Engine {
  readonly name: EngineName;
  /** Why the engine cannot run here, or `undefined` when it can. */
  missing(): string | undefined;
  /** How to install what `missing` reports. */
  readonly install: string;
  start(): Promise<EngineHarness>;
}

export const ENGINES: Readonly<Record<EngineName, Engine>> = {
  chromium: {
    name: 'chromium',
    missing: () => chromiumMissing() ?? opensslMissing(),
    install: `apt-get install -y chromium openssl (or set CHROMIUM_PATH, now ${CHROMIUM_PATH})`,
    start: () => ChromiumHarness.start(),
  },
  firefox: {
    name: 'firefox',
    missing: () => firefoxMissing() ?? opensslMissing(),
    install: FIREFOX_INSTALL,
    start: () => FirefoxHarness.start(),
  },
  webkit: {
    name: 'webkit',
    missing: () => webkitMissing() ?? opensslMissing(),
    install: WEBKIT_INSTALL,
    start: () => WebKitHarness.start(),
  },
};
