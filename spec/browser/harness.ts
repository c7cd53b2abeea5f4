// What every engine of the browser suite shares: the HTTPS server that sends each case's
// Set-Cookie lines byte for byte, and the shape of what an engine is left with afterwards.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server, type TLSSocket } from 'node:tls';

/** The site the pages live on; every `*.cookie.test` name resolves to 127.0.0.1. */
export const HOST = 'www.cookie.test';
/** A second site, for the cross-site iframe a partitioned cookie needs. */
export const PARTNER_HOST = 'www.partner.test';
/** Every host name a page of the suite is loaded from (WebKitGTK's hosts file lists them). */
export const HOST_NAMES: readonly string[] = [HOST, 'cookie.test', PARTNER_HOST, 'partner.test'];

/** The three engines of the suite. */
export type EngineName = 'chromium' | 'firefox' | 'webkit';

/** How each engine is named in test titles and in docs/conformance.md. */
export const ENGINE_LABELS: Readonly<Record<EngineName, string>> = {
  chromium: 'Chromium',
  firefox: 'Firefox ESR',
  webkit: 'WebKitGTK',
};

/** Why no engine can run here, or `undefined` when the shared parts are present. */
export function opensslMissing(): string | undefined {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return undefined;
  } catch {
    return 'openssl not found (needed to make the test certificate)';
  }
}

/** A cookie as an engine stored it, in a form comparable across engines. */
export interface StoredCookie {
  name: string;
  value: string;
  /** The host of a host-only cookie, `.` + the Domain of a domain cookie. */
  domain: string;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  /** `'unset'` when the store keeps no SameSite for the cookie (the engine's default applies). */
  sameSite: 'Strict' | 'Lax' | 'None' | 'unset';
  /** Chromium's alone: the other engines keep no priority. */
  priority?: 'Low' | 'Medium' | 'High';
  /** `'session'`, or the expiry in whole epoch seconds. */
  expires: 'session' | number;
  /** The top-level site of a partitioned cookie (CHIPS), e.g. `https://cookie.test`. */
  partitionKey?: string;
}

/** One navigation: the lines the server sends, at the top level or in a cross-site iframe. */
export interface Step {
  lines: readonly string[];
  /** Serve the lines from www.partner.test inside an iframe of a www.cookie.test page. */
  frame?: boolean;
}

/** What one case left behind in an engine whose cookie store was empty before it. */
export interface Visit {
  stored: StoredCookie[];
  /** `document.cookie` of the page (or iframe) that received the last step's lines. */
  documentCookie: string;
  /**
   * What the engine said about the last step's lines: Chromium's DevTools blocked reasons (one
   * array per refused line), Firefox's cookie console messages (one array of one message
   * each). WebKitGTK says nothing.
   */
  said: string[][];
  /** A navigation error (e.g. the engine refusing the whole response), else `undefined`. */
  failure?: string;
  /** Epoch seconds just before and just after the last step's navigation. */
  before: number;
  after: number;
}

/** One engine driven by the suite: one browser for every case, store emptied between cases. */
export interface EngineHarness {
  readonly engine: EngineName;
  /** The engine's version, e.g. `156.0.8078.114`. */
  readonly version: string;
  /** Runs the steps with an empty cookie store and reports what the engine stored. */
  visit(steps: readonly Step[]): Promise<Visit>;
  /** Closes the browser and everything started for it. */
  close(): Promise<void>;
}

/** The URL of a page that sets a step's lines (or, for a frame step, embeds the page that does). */
export function stepUrl(port: number, id: string, step: Step): string {
  return step.frame ? `https://${HOST}:${port}/top/${id}` : `https://${HOST}:${port}/set/${id}`;
}

/** Sorts stored cookies by name, then domain, then path, as the expectations list them. */
export function sortStored(cookies: StoredCookie[]): StoredCookie[] {
  return cookies.sort(
    (a, b) =>
      a.name.localeCompare(b.name) ||
      a.domain.localeCompare(b.domain) ||
      a.path.localeCompare(b.path),
  );
}

/**
 * A real HTTPS server on 127.0.0.1 that writes each case's Set-Cookie lines byte for byte
 * (node:http refuses control characters, so the response is written on the TLS socket).
 * `/set/ID` sends the lines of route ID, `/top/ID` embeds `/set/ID` from www.partner.test in
 * an iframe, and any other path is a plain page that sets nothing (engines that can only
 * list the cookies of the URL they are on read them there).
 */
export class CookieServer {
  readonly #server: Server;
  readonly #routes: Map<string, readonly string[]>;
  #next = 0;

  private constructor(server: Server, routes: Map<string, readonly string[]>) {
    this.#server = server;
    this.#routes = routes;
  }

  /** Makes a one-day certificate for `*.cookie.test` and `*.partner.test` and listens. */
  static async start(): Promise<CookieServer> {
    const { key, cert } = makeCertificate();
    const routes = new Map<string, readonly string[]>();
    const server = createServer({ key, cert }, (socket) =>
      respond(socket, routes, (server.address() as AddressInfo).port),
    );
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    return new CookieServer(server, routes);
  }

  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }

  /** Serves `lines` under a fresh route id until `drop(id)`. */
  route(lines: readonly string[]): string {
    const id = String(this.#next++);
    this.#routes.set(id, lines);
    return id;
  }

  drop(id: string): void {
    this.#routes.delete(id);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

function makeCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'cookiesmith-tls-'));
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
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
    let body = '<!doctype html><title>cookiesmith</title><p>ok</p>';
    const head: string[] = [];
    if (lines === undefined || (kind !== 'set' && kind !== 'top')) {
      body = '<!doctype html><title>cookiesmith</title><p>nothing set here</p>';
    } else if (kind === 'top' && host === HOST) {
      body = `<!doctype html><title>top</title><iframe src="https://${PARTNER_HOST}:${port}/set/${id}"></iframe>`;
    } else {
      for (const line of lines) head.push(`Set-Cookie: ${line}`);
    }
    const bytes = Buffer.from(body, 'utf8');
    const text = [
      'HTTP/1.1 200 OK',
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
