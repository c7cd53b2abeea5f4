// WebKitGTK (MiniBrowser, libsoup's cookie store) through WebKitWebDriver. WebDriver lists only
// the cookies of the URL the browser is on, so after a case the harness visits, on every host
// the case touched, a page under /set/ (which sees the cookies of / and of the default path
// /set) and each path a Path attribute of the case names, and joins what it saw there.
import {
  libsoupVersion,
  type WebDriverCookie,
  WebDriverError,
  WebKitSession,
} from '../support/webkit.js';
import {
  CookieServer,
  type EngineHarness,
  HOST,
  HOST_NAMES,
  PARTNER_HOST,
  type Step,
  type StoredCookie,
  sortStored,
  stepUrl,
  type Visit,
} from './harness.js';

/** A page under /set/ that sets nothing (the server has no route named `read`). */
const READ_PATH = '/set/read';

/** The Path attribute values of the lines, where a page can be loaded to read them. */
function pathsNamed(steps: readonly Step[]): string[] {
  const paths = new Set<string>([READ_PATH]);
  for (const step of steps) {
    for (const line of step.lines) {
      for (const part of line.split(';').slice(1)) {
        const eq = part.indexOf('=');
        if (eq === -1 || part.slice(0, eq).trim().toLowerCase() !== 'path') continue;
        const path = part.slice(eq + 1).trim();
        if (path.startsWith('/') && !/[\x00-\x20\x7F]/.test(path)) paths.add(path);
      }
    }
  }
  return [...paths];
}

/** One MiniBrowser session for every case. */
export class WebKitHarness implements EngineHarness {
  readonly engine = 'webkit';
  readonly #server: CookieServer;
  readonly #session: WebKitSession;
  /** Hosts whose cookies the previous case may have left. */
  #touched = new Set<string>();
  /** The host whose /set/ page the browser shows (its cookie list is that of READ_PATH). */
  #onSetPageOf: string | undefined;

  private constructor(server: CookieServer, session: WebKitSession) {
    this.#server = server;
    this.#session = session;
  }

  /** WebKitGTK's version and, where known, libsoup's: `2.50.6, libsoup 3.2.3`. */
  get version(): string {
    const soup = libsoupVersion();
    return soup === undefined ? this.#session.version : `${this.#session.version}, libsoup ${soup}`;
  }

  static async start(): Promise<WebKitHarness> {
    const server = await CookieServer.start();
    try {
      return new WebKitHarness(server, await WebKitSession.start(HOST_NAMES));
    } catch (error) {
      await server.close();
      throw error;
    }
  }

  /** Loads a page that sets nothing, unless the browser already shows its cookie list. */
  async #goTo(host: string, path: string): Promise<void> {
    if (path === READ_PATH && this.#onSetPageOf === host) return;
    this.#onSetPageOf = undefined;
    await this.#session.navigate(`https://${host}:${this.#server.port}${path}`);
    if (path === READ_PATH) this.#onSetPageOf = host;
  }

  async visit(steps: readonly Step[]): Promise<Visit> {
    const session = this.#session;
    for (const host of this.#touched) await this.#clear(host);
    const hosts = new Set([HOST, ...(steps.some((s) => s.frame) ? [PARTNER_HOST] : [])]);
    this.#touched = hosts;
    let failure: string | undefined;
    let before = 0;
    let after = 0;
    let documentCookie = '';
    for (const step of steps) {
      const id = this.#server.route(step.lines);
      before = Math.floor(Date.now() / 1000);
      this.#onSetPageOf = undefined;
      try {
        await session.navigate(stepUrl(this.#server.port, id, step));
        if (!step.frame) this.#onSetPageOf = HOST;
        failure = undefined;
      } catch (error) {
        if (!(error instanceof WebDriverError)) throw error;
        failure = error.message;
      }
      after = Math.ceil(Date.now() / 1000);
      this.#server.drop(id);
      documentCookie = failure === undefined ? await this.#documentCookie(step) : '';
    }
    const seen = new Map<string, StoredCookie>();
    for (const host of hosts) {
      for (const path of pathsNamed(steps)) {
        await this.#goTo(host, path);
        for (const cookie of await session.cookies()) {
          const stored = toStored(cookie);
          seen.set(`${stored.name}\n${stored.domain}\n${stored.path}`, stored);
        }
      }
    }
    const stored = sortStored([...seen.values()]);
    const visit: Visit = { stored, documentCookie, said: [], before, after };
    if (failure !== undefined) visit.failure = failure;
    return visit;
  }

  /**
   * Deletes the cookies of `host`. The network process applies the deletion after WebDriver
   * answers, so the list is read until it is empty (a few tries at most).
   */
  async #clear(host: string): Promise<void> {
    const session = this.#session;
    await this.#goTo(host, READ_PATH);
    for (let attempt = 0; attempt < 20; attempt++) {
      await session.deleteCookies();
      if ((await session.cookies()).length === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`the cookies of ${host} could not be cleared`);
  }

  async #documentCookie(step: Step): Promise<string> {
    const session = this.#session;
    if (!step.frame) return String(await session.execute('return document.cookie'));
    await session.enterFrame('iframe');
    try {
      return String(await session.execute('return document.cookie'));
    } finally {
      await session.leaveFrames();
    }
  }

  async close(): Promise<void> {
    await this.#session.close();
    await this.#server.close();
  }
}

function toStored(c: WebDriverCookie): StoredCookie {
  return {
    name: c.name,
    value: c.value,
    domain: c.domain,
    path: c.path,
    secure: c.secure,
    httpOnly: c.httpOnly,
    // libsoup keeps no "unset": WebDriver shows None for a cookie sent without SameSite.
    sameSite: c.sameSite ?? 'unset',
    expires: c.expiry === undefined ? 'session' : c.expiry,
  };
}
