import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server, type TLSSocket } from 'node:tls';
import {
  type Browser,
  type BrowserContext,
  type CDPSession,
  chromium,
  type Page,
} from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumMissing } from '../support/chromium.js';

/** The site the pages live on; every `*.cookie.test` name resolves to 127.0.0.1. */
export const HOST = 'www.cookie.test';
/** A second site, for the cross-site iframe a partitioned cookie needs. */
export const PARTNER_HOST = 'www.partner.test';

/** Why the browser suite cannot run here, or `undefined` when it can. */
export function browserSuiteUnavailable(): string | undefined {
  const missing = chromiumMissing();
  if (missing !== undefined) return missing;
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
  } catch {
    return 'openssl not found (needed to make the test certificate)';
  }
  return undefined;
}

/** A cookie as Chromium stored it (DevTools `Network.Cookie`), in a comparable form. */
export interface StoredCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  /** `'unset'` when the header carried no valid SameSite (Chromium then enforces Lax). */
  sameSite: 'Strict' | 'Lax' | 'None' | 'unset';
  priority: 'Low' | 'Medium' | 'High';
  /** `'session'`, or the expiry in whole epoch seconds. */
  expires: 'session' | number;
  /** The top-level site of a partitioned cookie (CHIPS). */
  partitionKey?: string;
}

/** A Set-Cookie line Chromium refused, with the reasons DevTools gives. */
export interface BlockedLine {
  line: string;
  reasons: string[];
}

/** One navigation: the lines the server sends, at the top level or in a cross-site iframe. */
export interface Step {
  lines: readonly string[];
  /** Serve the lines from www.partner.test inside an iframe of a www.cookie.test page. */
  frame?: boolean;
}

/** What one case left behind in a fresh browser context. */
export interface Visit {
  stored: StoredCookie[];
  /** `document.cookie` of the page (or iframe) that received the last step's lines. */
  documentCookie: string;
  /** Lines refused during the last step. */
  blocked: BlockedLine[];
  /** A navigation error (e.g. Chromium refusing the whole response), else `undefined`. */
  failure?: string;
  /** Epoch seconds just before and just after the last step's navigation. */
  before: number;
  after: number;
}

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

/**
 * A real HTTPS server on 127.0.0.1 that writes each case's Set-Cookie lines byte for byte
 * (node:http refuses control characters, so the response is written on the TLS socket), and
 * one headless Chromium that visits it.
 */
export class ChromiumHarness {
  readonly #server: Server;
  readonly #browser: Browser;
  readonly #routes: Map<string, readonly string[]>;
  readonly #port: number;
  readonly #session: { context: BrowserContext; page: Page; cdp: CDPSession };
  #blocked: BlockedLine[] = [];
  #next = 0;

  private constructor(
    server: Server,
    browser: Browser,
    routes: Map<string, readonly string[]>,
    session: { context: BrowserContext; page: Page; cdp: CDPSession },
  ) {
    this.#server = server;
    this.#browser = browser;
    this.#routes = routes;
    this.#session = session;
    this.#port = (server.address() as AddressInfo).port;
    session.cdp.on('Network.responseReceivedExtraInfo', (event: ExtraInfo) => {
      for (const b of event.blockedCookies)
        this.#blocked.push({ line: b.cookieLine, reasons: b.blockedReasons });
    });
  }

  /** The Chromium version, e.g. `156.0.8078.114`. */
  get version(): string {
    return this.#browser.version();
  }

  /** Makes a one-day certificate for `*.cookie.test` and `*.partner.test`, starts both parts. */
  static async start(): Promise<ChromiumHarness> {
    const dir = mkdtempSync(join(tmpdir(), 'cookiesmith-tls-'));
    let key: Buffer;
    let cert: Buffer;
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-subj',
          '/CN=cookie.test',
          '-addext',
          'subjectAltName=DNS:*.cookie.test,DNS:cookie.test,DNS:*.partner.test,DNS:partner.test',
          '-days',
          '1',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
        ],
        { stdio: 'ignore' },
      );
      key = readFileSync(join(dir, 'key.pem'));
      cert = readFileSync(join(dir, 'cert.pem'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const routes = new Map<string, readonly string[]>();
    const server = createServer({ key, cert }, (socket) =>
      respond(socket, routes, (server.address() as AddressInfo).port),
    );
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: LAUNCH_ARGS });
      const context = await browser.newContext({ ignoreHTTPSErrors: true });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      return new ChromiumHarness(server, browser, routes, { context, page, cdp });
    } catch (error) {
      await browser?.close();
      server.close();
      throw error;
    }
  }

  /**
   * Runs the steps with an empty cookie store and reports what Chromium stored. One context
   * and one page serve the whole suite (a new page costs a renderer start); the store is
   * cleared through DevTools before each case, and checked to be empty.
   */
  async visit(steps: readonly Step[]): Promise<Visit> {
    const { page, cdp } = this.#session;
    await cdp.send('Network.clearBrowserCookies');
    const left = (await cdp.send('Network.getAllCookies')) as { cookies: CdpCookie[] };
    if (left.cookies.length > 0) throw new Error('the cookie store could not be cleared');
    let failure: string | undefined;
    let before = 0;
    let after = 0;
    let documentCookie = '';
    for (const step of steps) {
      this.#blocked = [];
      const id = String(this.#next++);
      this.#routes.set(id, step.lines);
      const url = step.frame
        ? `https://${HOST}:${this.#port}/top/${id}`
        : `https://${HOST}:${this.#port}/set/${id}`;
      before = Math.floor(Date.now() / 1000);
      try {
        await page.goto(url, { waitUntil: 'load', timeout: 10_000 });
        failure = undefined;
      } catch (error) {
        failure = String((error as Error).message).split('\n')[0];
        // Chromium then commits its error page; wait for it, or it interrupts the next case.
        await page
          .waitForURL((u) => u.protocol === 'chrome-error:', { timeout: 5_000 })
          .catch(() => undefined);
      }
      after = Math.ceil(Date.now() / 1000);
      this.#routes.delete(id);
      documentCookie = failure === undefined ? await readDocumentCookie(page, step) : '';
    }
    const { cookies } = (await cdp.send('Network.getAllCookies')) as { cookies: CdpCookie[] };
    const stored = cookies.map(toStored);
    stored.sort((a, b) => a.name.localeCompare(b.name) || a.domain.localeCompare(b.domain));
    const visit: Visit = { stored, documentCookie, blocked: this.#blocked, before, after };
    if (failure !== undefined) visit.failure = failure;
    return visit;
  }

  /** Closes Chromium and the server. */
  async close(): Promise<void> {
    await this.#browser.close();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
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

// A minimal HTTP/1.1 responder: one request per connection, lines written as given (latin1
// for the header block, so a non-ASCII test line goes out as its UTF-8 bytes).
function respond(
  socket: TLSSocket,
  routes: ReadonlyMap<string, readonly string[]>,
  port: number,
): void {
  let request = '';
  socket.on('error', () => {});
  socket.on('data', (chunk: Buffer) => {
    request += chunk.toString('latin1');
    if (request.length > 65_536) socket.destroy();
    if (!request.includes('\r\n\r\n')) return;
    const target = request.slice(0, request.indexOf('\r\n')).split(' ')[1] ?? '/';
    const host = /\r\nhost: ([^\r:]+)/i.exec(request)?.[1] ?? HOST;
    const [, kind, id] = target.split('/');
    const lines = id === undefined ? undefined : routes.get(id);
    let status = '200 OK';
    let body = '<!doctype html><title>cookiesmith</title><p>ok</p>';
    const head: string[] = [];
    if (lines === undefined) {
      status = '404 Not Found';
      body = 'not found';
    } else if (kind === 'top' && host === HOST) {
      body = `<!doctype html><title>top</title><iframe src="https://${PARTNER_HOST}:${port}/set/${id}"></iframe>`;
    } else if (kind === 'set' || kind === 'top') {
      for (const line of lines) head.push(`Set-Cookie: ${line}`);
    }
    const bytes = Buffer.from(body, 'utf8');
    const text = [
      `HTTP/1.1 ${status}`,
      'Content-Type: text/html; charset=utf-8',
      `Content-Length: ${bytes.length}`,
      'Cache-Control: no-store',
      'Connection: close',
      ...head,
      '',
      '',
    ].join('\r\n');
    socket.end(Buffer.concat([Buffer.from(text, 'utf8'), bytes]));
  });
}
