// Firefox ESR through puppeteer-core over WebDriver BiDi. The store (partition keys included)
// is read from the cookie service in Firefox's privileged scope, and what Firefox says about a
// refused line from its console service, where it logs a message per cookie it rejects.
import type { Browser, Page } from 'puppeteer-core';
import { chromeScope, launchFirefox } from '../support/firefox.js';
import {
  CookieServer,
  type EngineHarness,
  PARTNER_HOST,
  type Step,
  type StoredCookie,
  sortStored,
  stepUrl,
  type Visit,
} from './harness.js';

/** A cookie of `Services.cookies.cookies` (nsICookie), as the chrome-scope script returns it. */
interface FirefoxCookie {
  name: string;
  value: string;
  host: string;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  /** nsICookie: 0 None, 1 Lax, 2 Strict, 256 unset. */
  sameSite: number;
  session: boolean;
  /** Milliseconds since the epoch in Firefox 153 (seconds in older releases). */
  expiry: number;
  /** `(https,cookie.test)` for a cookie partitioned under https://cookie.test, else empty. */
  partitionKey: string;
}

const READ_STORE = `JSON.stringify(Services.cookies.cookies.map((c) => ({
  name: c.name, value: c.value, host: c.host, path: c.path, secure: c.isSecure,
  httpOnly: c.isHttpOnly, sameSite: c.sameSite, session: c.isSession, expiry: c.expiry,
  partitionKey: c.originAttributes.partitionKey,
})))`;

// Firefox logs what it does with a cookie as a script error in a category named cookie…
// (cookiesRejection, cookieSameSite, cookiesOversize, …). Only the messages that name a
// cookie are kept: the others are about the page (partitioned storage given to a frame).
const READ_CONSOLE = `JSON.stringify(Services.console.getMessageArray()
  .filter((m) => m instanceof Ci.nsIScriptError && /^cookie/i.test(m.category))
  .map((m) => m.errorMessage)
  .filter((text) => /cookie “/i.test(text)))`;

const CLEAR_STORE = 'Services.cookies.removeAll(); "cleared"';
const CLEAR_CONSOLE = 'Services.console.reset(); "cleared"';

const SAME_SITE: Record<number, StoredCookie['sameSite']> = {
  0: 'None',
  1: 'Lax',
  2: 'Strict',
  256: 'unset',
};

/** One headless Firefox and one page for every case. */
export class FirefoxHarness implements EngineHarness {
  readonly engine = 'firefox';
  readonly version: string;
  readonly #server: CookieServer;
  readonly #browser: Browser;
  readonly #page: Page;
  readonly #chrome: (expression: string) => Promise<string>;

  private constructor(
    server: CookieServer,
    browser: Browser,
    page: Page,
    chrome: (expression: string) => Promise<string>,
    version: string,
  ) {
    this.#server = server;
    this.#browser = browser;
    this.#page = page;
    this.#chrome = chrome;
    this.version = version;
  }

  static async start(): Promise<FirefoxHarness> {
    const server = await CookieServer.start();
    let browser: Browser | undefined;
    try {
      browser = await launchFirefox();
      const page = (await browser.pages())[0] ?? (await browser.newPage());
      const chrome = await chromeScope(browser);
      const version = (await browser.version()).replace(/^firefox\//i, '');
      return new FirefoxHarness(server, browser, page, chrome, version);
    } catch (error) {
      await browser?.close();
      await server.close();
      throw error;
    }
  }

  async visit(steps: readonly Step[]): Promise<Visit> {
    await this.#chrome(CLEAR_STORE);
    if ((await this.#store()).length > 0) throw new Error('the cookie store could not be cleared');
    let failure: string | undefined;
    let before = 0;
    let after = 0;
    let documentCookie = '';
    for (const step of steps) {
      await this.#chrome(CLEAR_CONSOLE);
      const id = this.#server.route(step.lines);
      before = Math.floor(Date.now() / 1000);
      try {
        await this.#page.goto(stepUrl(this.#server.port, id, step), {
          waitUntil: 'load',
          timeout: 10_000,
        });
        failure = undefined;
      } catch (error) {
        failure = String((error as Error).message).split('\n')[0];
      }
      after = Math.ceil(Date.now() / 1000);
      this.#server.drop(id);
      documentCookie = failure === undefined ? await this.#documentCookie(step) : '';
    }
    const stored = sortStored((await this.#store()).map(toStored));
    const messages = JSON.parse(await this.#chrome(READ_CONSOLE)) as string[];
    const said = messages.map((message) => [message]);
    const visit: Visit = { stored, documentCookie, said, before, after };
    if (failure !== undefined) visit.failure = failure;
    return visit;
  }

  async #store(): Promise<FirefoxCookie[]> {
    return JSON.parse(await this.#chrome(READ_STORE)) as FirefoxCookie[];
  }

  async #documentCookie(step: Step): Promise<string> {
    const page = this.#page;
    const frame = step.frame
      ? page.frames().find((f) => f.url().includes(PARTNER_HOST))
      : page.mainFrame();
    if (frame === undefined) return '';
    return frame.evaluate(() => document.cookie);
  }

  async close(): Promise<void> {
    await this.#browser.close();
    await this.#server.close();
  }
}

function toStored(c: FirefoxCookie): StoredCookie {
  const sameSite = SAME_SITE[c.sameSite];
  if (sameSite === undefined) throw new Error(`unknown nsICookie sameSite ${c.sameSite}`);
  const stored: StoredCookie = {
    name: c.name,
    value: c.value,
    domain: c.host,
    path: c.path,
    secure: c.secure,
    httpOnly: c.httpOnly,
    sameSite,
    expires: c.session ? 'session' : Math.round(c.expiry > 1e11 ? c.expiry / 1000 : c.expiry),
  };
  if (c.partitionKey !== '') {
    const key = /^\(([a-z]+),([^,)]+)/.exec(c.partitionKey);
    stored.partitionKey = key === null ? c.partitionKey : `${key[1]}://${key[2]}`;
  }
  return stored;
}
