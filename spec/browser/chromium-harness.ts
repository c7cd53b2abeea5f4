// Chromium through playwright-core: the store and the refused lines come from DevTools.
import {
  type Browser,
  type BrowserContext,
  type CDPSession,
  chromium,
  type Page,
} from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.js';
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

interface CdpCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  expires: number;
  httpOnly: boolean;
  secure: boolean;
  session: boolean;
  sameSite?: 'Strict' | 'Lax' | 'None';
  priority: 'Low' | 'Medium' | 'High';
  partitionKey?: { topLevelSite: string } | string;
}

interface ExtraInfo {
  blockedCookies: { blockedReasons: string[]; cookieLine: string }[];
}

const LAUNCH_ARGS = [
  ...CHROMIUM_ARGS,
  '--ignore-certificate-errors',
  '--host-resolver-rules=MAP *.cookie.test 127.0.0.1, MAP *.partner.test 127.0.0.1',
];

/** One headless Chromium, one context and one page for every case. */
export class ChromiumHarness implements EngineHarness {
  readonly engine = 'chromium';
  readonly #server: CookieServer;
  readonly #browser: Browser;
  readonly #page: Page;
  readonly #cdp: CDPSession;
  /** DevTools blocked reasons of the current step, one array per refused line. */
  #blocked: string[][] = [];

  private constructor(server: CookieServer, browser: Browser, page: Page, cdp: CDPSession) {
    this.#server = server;
    this.#browser = browser;
    this.#page = page;
    this.#cdp = cdp;
    cdp.on('Network.responseReceivedExtraInfo', (event: ExtraInfo) => {
      for (const b of event.blockedCookies) this.#blocked.push(b.blockedReasons);
    });
  }

  get version(): string {
    return this.#browser.version();
  }

  static async start(): Promise<ChromiumHarness> {
    const server = await CookieServer.start();
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: LAUNCH_ARGS });
      const context: BrowserContext = await browser.newContext({ ignoreHTTPSErrors: true });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      return new ChromiumHarness(server, browser, page, cdp);
    } catch (error) {
      await browser?.close();
      await server.close();
      throw error;
    }
  }

  /**
   * One context and one page serve the whole suite (a new page costs a renderer start); the
   * store is cleared through DevTools before each case, and checked to be empty.
   */
  async visit(steps: readonly Step[]): Promise<Visit> {
    const page = this.#page;
    await this.#cdp.send('Network.clearBrowserCookies');
    if ((await this.#allCookies()).length > 0)
      throw new Error('the cookie store could not be cleared');
    let failure: string | undefined;
    let before = 0;
    let after = 0;
    let documentCookie = '';
    for (const step of steps) {
      this.#blocked = [];
      const id = this.#server.route(step.lines);
      before = Math.floor(Date.now() / 1000);
      try {
        await page.goto(stepUrl(this.#server.port, id, step), {
          waitUntil: 'load',
          timeout: 10_000,
        });
        failure = undefined;
      } catch (error) {
        failure = String((error as Error).message).split('\n')[0];
        // Chromium then commits its error page; wait for it, or it interrupts the next case.
        await page
          .waitForURL((u) => u.protocol === 'chrome-error:', { timeout: 5_000 })
          .catch(() => undefined);
      }
      after = Math.ceil(Date.now() / 1000);
      this.#server.drop(id);
      documentCookie = failure === undefined ? await readDocumentCookie(page, step) : '';
    }
    const stored = sortStored((await this.#allCookies()).map(toStored));
    const visit: Visit = { stored, documentCookie, said: this.#blocked, before, after };
    if (failure !== undefined) visit.failure = failure;
    return visit;
  }

  async #allCookies(): Promise<CdpCookie[]> {
    const { cookies } = (await this.#cdp.send('Network.getAllCookies')) as {
      cookies: CdpCookie[];
    };
    return cookies;
  }

  async close(): Promise<void> {
    await this.#browser.close();
    await this.#server.close();
  }
}

async function readDocumentCookie(page: Page, step: Step): Promise<string> {
  const frame = step.frame ? page.frames().find((f) => f.url().includes(PARTNER_HOST)) : page;
  if (frame === undefined) return '';
  return frame.evaluate(() => document.cookie);
}

function toStored(c: CdpCookie): StoredCookie {
  const stored: StoredCookie = {
    name: c.name,
    value: c.value,
    domain: c.domain,
    path: c.path,
    secure: c.secure,
    httpOnly: c.httpOnly,
    sameSite: c.sameSite ?? 'unset',
    priority: c.priority,
    expires: c.session ? 'session' : Math.round(c.expires),
  };
  if (c.partitionKey !== undefined) {
    stored.partitionKey =
      typeof c.partitionKey === 'string' ? c.partitionKey : c.partitionKey.topLevelSite;
  }
  return stored;
}
