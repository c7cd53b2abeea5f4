// What the runtime suite (spec/runtimes.spec.ts) needs around Bun, Deno and workerd: where
// their binaries are, a project that has installed the packed package as a user does, and
// child processes that run a script or serve on 127.0.0.1, each bounded in time.
//
// The runtimes are not dev dependencies of the repository: `npm run runtimes:install` installs
// the packages of spec/runtimes/install (their own package.json and lockfile) into .runtimes/
// (gitignored, outside spec/), so that an everyday
// `npm ci` does not download some 350 MB of binaries. The npm packages `bun`, `deno`,
// `workerd` and `esbuild` ship each binary in a platform package (`@oven/bun-linux-x64`, …);
// their install scripts only move or check it, and are not run (spec/runtimes/install/.npmrc),
// so the binary is always found in the platform package.
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { ensureBuilt, ROOT } from './build.js';

/** Where `npm run runtimes:install` installs the runtimes. */
export const RUNTIMES_DIR = join(ROOT, '.runtimes');

/** How to install them, for the skip or failure message. */
export const RUNTIMES_INSTALL =
  'npm run runtimes:install (the packages of spec/runtimes/install, into .runtimes/)';

/** A runtime binary: where it is and what `--version` says, or why it cannot run. */
export interface RuntimeBinary {
  readonly path: string;
  /** The first line of `--version`, and the npm package's version where it differs. */
  readonly version: string;
  readonly missing: string | undefined;
}

function packageJson(dir: string): Record<string, unknown> | undefined {
  const file = join(dir, 'package.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

/**
 * The binary `executable` that the npm package `wrapper` ships in whichever of its platform
 * packages (its optional dependencies) npm installed for this machine, checked by running it
 * with `--version`.
 */
export function findRuntime(wrapper: string, executable: string): RuntimeBinary {
  const modules = join(RUNTIMES_DIR, 'node_modules');
  const manifest = packageJson(join(modules, wrapper));
  if (manifest === undefined) {
    return { path: '', version: 'not installed', missing: `${wrapper} is not installed` };
  }
  const platforms = Object.keys((manifest.optionalDependencies ?? {}) as Record<string, string>);
  const path = platforms
    .flatMap((p) => [join(modules, p, 'bin', executable), join(modules, p, executable)])
    .find((candidate) => existsSync(candidate));
  if (path === undefined) {
    const platform = `${process.platform}-${process.arch}`;
    return {
      path: '',
      version: 'not installed',
      missing: `no platform package of ${wrapper} for ${platform} is installed`,
    };
  }
  let printed: string;
  try {
    printed = execFileSync(path, ['--version'], { encoding: 'utf8', timeout: 20_000 });
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { path, version: 'does not start', missing: `${path} does not start: ${why}` };
  }
  // `deno 2.9.6 (stable, …)` → `2.9.6 (stable, …)`; workerd prints a date, not its npm version.
  const first = (printed.trim().split('\n')[0] ?? '').replace(`${executable} `, '').trim();
  const npmVersion = String(manifest.version);
  const version = first.includes(npmVersion) ? first : `${first} (npm ${npmVersion})`;
  return { path, version, missing: undefined };
}

/**
 * An empty project with cookiesmith installed as a user gets it: the `npm pack` tarball of
 * the built package unpacked into node_modules/cookiesmith, and its dependencies (zod, which
 * has none of its own) copied whole from the repository's node_modules, so whichever entry
 * point of theirs the library imports resolves as it would for a user. Nothing else is
 * reachable from it: it lives in the system's temporary directory, outside the repository.
 * `files` maps a file name in the project to the file copied there.
 */
export async function installedProject(files: Record<string, string>): Promise<string> {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'cookiesmith-runtimes-'));
  try {
    // --ignore-scripts: dist/ is already built; prepack would rebuild it under other specs' feet.
    const packed = await run(
      'npm',
      ['pack', '--ignore-scripts', '--json', '--pack-destination', dir],
      { cwd: ROOT, timeout: 90_000 },
    );
    if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.output}`);
    const [info] = JSON.parse(packed.stdout) as { filename: string }[];
    const target = join(dir, 'node_modules/cookiesmith');
    mkdirSync(target, { recursive: true });
    const tarball = join(dir, info?.filename ?? '');
    execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
    const dependencies = (packageJson(target)?.dependencies ?? {}) as Record<string, string>;
    for (const name of Object.keys(dependencies)) {
      cpSync(join(ROOT, 'node_modules', name), join(dir, 'node_modules', name), {
        recursive: true,
        dereference: true,
      });
    }
    writeFileSync(
      join(dir, 'package.json'),
      `${JSON.stringify({ name: 'consumer', private: true, type: 'module' })}\n`,
    );
    for (const [name, source] of Object.entries(files)) cpSync(source, join(dir, name));
    return dir;
  } catch (error) {
    removeProject(dir);
    throw error;
  }
}

/** Removes a project made by `installedProject`. */
export function removeProject(dir: string | undefined): void {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
}

/** What a finished child process gave: its exit code (`null` when killed) and output. */
export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly output: string;
}

interface RunOptions {
  readonly cwd: string;
  readonly env?: Record<string, string>;
  readonly timeout: number;
}

/** The environment of every runtime: no update checks, no telemetry, no colours. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DENO_NO_UPDATE_CHECK: '1',
    DO_NOT_TRACK: '1',
    NO_COLOR: '1',
    ...extra,
  };
}

/** Runs `file` with `args` to its end, or kills it after `timeout` ms. */
export function run(file: string, args: readonly string[], options: RunOptions): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      {
        cwd: options.cwd,
        env: childEnv(options.env),
        timeout: options.timeout,
        maxBuffer: 1 << 24,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code, stdout, output: `${stdout}${stderr}` });
      },
    );
  });
}

/** A server running in a child process, and how to stop it. */
export interface Served {
  readonly url: string;
  /** Everything the process printed so far. */
  output(): string;
  stop(): Promise<void>;
}

interface ServeOptions extends RunOptions {
  /**
   * How the address is learnt: `'stdout'`, the first `http://127.0.0.1:PORT` the server prints;
   * `'control-fd'`, workerd's `--control-fd 3` message `{"event":"listen","port":…}`.
   */
  readonly listening: 'stdout' | 'control-fd';
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 3_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts `file` with `args` and resolves once it listens on 127.0.0.1; rejects with its output
 * if it exits first or does not listen within `timeout` ms (then it is killed).
 */
export function serve(
  file: string,
  args: readonly string[],
  options: ServeOptions,
): Promise<Served> {
  const stdio =
    options.listening === 'control-fd'
      ? ['ignore', 'pipe', 'pipe', 'pipe']
      : ['ignore', 'pipe', 'pipe'];
  const child = spawn(file, args, {
    cwd: options.cwd,
    env: childEnv(options.env),
    stdio: stdio as ('ignore' | 'pipe')[],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const served = (url: string): Served => ({
    url,
    output: () => output,
    stop: () => stopProcess(child),
  });

  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (error: Error | undefined, url = ''): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error === undefined) resolve(served(url));
      else void stopProcess(child).then(() => reject(error));
    };
    const timer = setTimeout(
      () => settle(new Error(`${file} did not listen within ${options.timeout} ms:\n${output}`)),
      options.timeout,
    );
    child.once('error', (error) => settle(error));
    child.once('exit', (code, signal) =>
      settle(new Error(`${file} exited (${code ?? signal}) before listening:\n${output}`)),
    );
    if (options.listening === 'stdout') {
      child.stdout?.on('data', () => {
        const port = /http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1];
        if (port !== undefined) settle(undefined, `http://127.0.0.1:${port}`);
      });
    } else {
      let control = '';
      (child.stdio[3] as Readable).on('data', (chunk: Buffer) => {
        control += chunk.toString();
        for (const line of control.split('\n')) {
          const message = /^\{.*\}$/.test(line.trim()) ? JSON.parse(line) : undefined;
          if (message?.event === 'listen') settle(undefined, `http://127.0.0.1:${message.port}`);
        }
      });
    }
  });
}
