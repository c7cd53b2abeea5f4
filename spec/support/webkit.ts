// Where the specs find WebKitGTK and how they drive it: Debian's WebKitWebDriver starting
// MiniBrowser on an Xvfb display, spoken to in plain W3C WebDriver over HTTP (fetch), so no
// client library is needed. The driver runs in its own mount namespace with a hosts file bound
// over /etc/hosts: that is how the suite's host names reach 127.0.0.1 without touching the
// machine (WebKitGTK has no host-resolver switch).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** How to install what the WebKitGTK specs need. */
export const WEBKIT_INSTALL = 'apt-get install -y webkit2gtk-driver xvfb openssl';

/** Debian's MiniBrowser, in the multiarch library folder of this machine. */
function findMiniBrowser(): string | undefined {
  const given = process.env.MINIBROWSER_PATH;
  if (given !== undefined) return existsSync(given) ? given : undefined;
  const lib = '/usr/lib';
  if (!existsSync(lib)) return undefined;
  for (const entry of readdirSync(lib)) {
    const path = join(lib, entry, 'webkit2gtk-4.1', 'MiniBrowser');
    if (entry.endsWith('-linux-gnu') && existsSync(path)) return path;
  }
  return undefined;
}

function onPath(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Why WebKitGTK cannot run here, or `undefined` when it can. */
export function webkitMissing(): string | undefined {
  for (const command of ['WebKitWebDriver', 'Xvfb', 'unshare'])
    if (!onPath(command)) return `${command} not found`;
  if (findMiniBrowser() === undefined) return 'MiniBrowser (webkit2gtk-4.1) not found';
  return undefined;
}

/**
 * The version of libsoup, whose cookie store WebKitGTK uses (e.g. `3.2.3`), where the package
 * manager can tell; cookie rules changed between libsoup releases.
 */
export function libsoupVersion(): string | undefined {
  try {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's format, not a template
    const text = execFileSync('dpkg-query', ['-W', '-f=${Version}', 'libsoup-3.0-0'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return /^\d+(\.\d+)+/.exec(text)?.[0];
  } catch {
    return undefined;
  }
}

/** A W3C WebDriver cookie as WebKitWebDriver lists it. */
export interface WebDriverCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite?: 'Strict' | 'Lax' | 'None';
  /** Epoch seconds; absent for a session cookie. */
  expiry?: number;
}

/** An error a WebDriver command answered with (e.g. a navigation the browser refused). */
export class WebDriverError extends Error {
  constructor(
    readonly error: string,
    message: string,
  ) {
    super(`${error}: ${message}`);
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

async function startXvfb(): Promise<{ process: ChildProcess; display: string }> {
  // -displayfd: Xvfb picks a free display and writes its number to fd 3.
  const xvfb = spawn(
    'Xvfb',
    ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'],
    {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
    },
  );
  const display = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Xvfb printed no display in 10 s')), 10_000);
    let text = '';
    xvfb.stdio[3]?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (!text.includes('\n')) return;
      clearTimeout(timer);
      resolve(`:${text.trim()}`);
    });
    xvfb.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited with ${code}`));
    });
  });
  return { process: xvfb, display };
}

/** One WebKitGTK session: MiniBrowser under WebKitWebDriver on its own Xvfb display. */
export class WebKitSession {
  readonly #base: string;
  readonly #driver: ChildProcess;
  readonly #xvfb: ChildProcess;
  readonly #dir: string;
  #version = '';
  /** `/session/ID` once the session exists. */
  #path = '';

  private constructor(base: string, driver: ChildProcess, xvfb: ChildProcess, dir: string) {
    this.#base = base;
    this.#driver = driver;
    this.#xvfb = xvfb;
    this.#dir = dir;
  }

  /** WebKitGTK's version as the driver reports it, e.g. `2.50.6`. */
  get version(): string {
    return this.#version;
  }

  /** Starts Xvfb, the driver (with `hostNames` mapped to 127.0.0.1) and a session. */
  static async start(hostNames: readonly string[]): Promise<WebKitSession> {
    const miniBrowser = findMiniBrowser();
    if (miniBrowser === undefined) throw new Error('MiniBrowser not found');
    const dir = mkdtempSync(join(tmpdir(), 'cookiesmith-webkit-'));
    const hosts = join(dir, 'hosts');
    writeFileSync(hosts, `127.0.0.1 localhost\n127.0.0.1 ${hostNames.join(' ')}\n`);
    const { process: xvfb, display } = await startXvfb();
    const port = await freePort();
    // Root may bind-mount in a new mount namespace; anyone else needs a user namespace too.
    const namespace = process.getuid?.() === 0 ? ['-m'] : ['-r', '-m'];
    const driver = spawn(
      'unshare',
      [
        ...namespace,
        'sh',
        '-c',
        'mount --bind "$0" /etc/hosts && exec WebKitWebDriver --port="$1"',
        hosts,
        String(port),
      ],
      { env: { ...process.env, DISPLAY: display }, stdio: 'ignore', detached: true },
    );
    const session = new WebKitSession(`http://127.0.0.1:${port}`, driver, xvfb, dir);
    try {
      await session.#waitForDriver();
      const created = (await session.#command('POST', '/session', {
        capabilities: {
          alwaysMatch: {
            acceptInsecureCerts: true,
            'webkitgtk:browserOptions': { binary: miniBrowser, args: ['--automation'] },
          },
        },
      })) as { sessionId: string; capabilities: { browserVersion: string } };
      session.#version = created.capabilities.browserVersion;
      session.#path = `/session/${created.sessionId}`;
      return session;
    } catch (error) {
      await session.close();
      throw error;
    }
  }

  async #waitForDriver(): Promise<void> {
    for (let attempt = 0; attempt < 100; attempt++) {
      if (this.#driver.exitCode !== null)
        throw new Error(`WebKitWebDriver exited with ${this.#driver.exitCode}`);
      try {
        await fetch(`${this.#base}/status`, { signal: AbortSignal.timeout(1_000) });
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    throw new Error('WebKitWebDriver did not answer in 10 s');
  }

  async #command(method: 'GET' | 'POST' | 'DELETE', path: string, body?: object): Promise<unknown> {
    const init: RequestInit = { method, signal: AbortSignal.timeout(30_000) };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { 'content-type': 'application/json' };
    }
    const response = await fetch(`${this.#base}${path}`, init);
    const { value } = (await response.json()) as {
      value: { error?: string; message?: string } | unknown;
    };
    if (!response.ok) {
      const error = value as { error?: string; message?: string };
      throw new WebDriverError(error.error ?? String(response.status), error.message ?? '');
    }
    return value;
  }

  /** Loads `url` and waits for its load event (a navigation error throws). */
  async navigate(url: string): Promise<void> {
    await this.#command('POST', `${this.#path}/url`, { url });
  }

  /** The cookies WebDriver shows for the current document: its URL's cookies, no others. */
  async cookies(): Promise<WebDriverCookie[]> {
    return (await this.#command('GET', `${this.#path}/cookie`)) as WebDriverCookie[];
  }

  /** Deletes the cookies of the current document's host (every path, domain cookies too). */
  async deleteCookies(): Promise<void> {
    await this.#command('DELETE', `${this.#path}/cookie`);
  }

  /** Runs a script in the current browsing context and returns its result. */
  async execute(script: string): Promise<unknown> {
    return this.#command('POST', `${this.#path}/execute/sync`, { script, args: [] });
  }

  /** Makes the first element matching `selector` (an iframe) the current browsing context. */
  async enterFrame(selector: string): Promise<void> {
    const element = await this.#command('POST', `${this.#path}/element`, {
      using: 'css selector',
      value: selector,
    });
    await this.#command('POST', `${this.#path}/frame`, { id: element });
  }

  /** Makes the top-level document the current browsing context again. */
  async leaveFrames(): Promise<void> {
    await this.#command('POST', `${this.#path}/frame`, { id: null });
  }

  /** Ends the session (MiniBrowser exits), then the driver and Xvfb. */
  async close(): Promise<void> {
    if (this.#path !== '') await this.#command('DELETE', this.#path).catch(() => undefined);
    for (const child of [this.#driver, this.#xvfb]) {
      if (child.exitCode !== null || child.pid === undefined) continue;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // The driver leads its own process group (detached): end it with whatever it started.
      try {
        if (child === this.#driver) process.kill(-child.pid, 'SIGTERM');
        else child.kill('SIGTERM');
      } catch {
        // already gone
      }
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    }
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
