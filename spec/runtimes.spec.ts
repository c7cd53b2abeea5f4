// The built package on the runtimes the README names besides Node: Bun, Deno and Cloudflare's
// workerd. The package is packed and installed into an empty project as a user installs it;
// each runtime runs the one smoke script (spec/runtimes/smoke.ts) over it, and serves its docs
// recipe (docs/examples/runtimes/) on 127.0.0.1, which a real fetch drives through a sign-in
// and back. workerd serves both as real workers, bundled by esbuild as wrangler does, with
// Node.js compatibility off, so a Node built-in imported by the library fails it.
// Runtimes come from `npm run runtimes:install`; one that cannot start is skipped loudly, and
// fails the suite under CI=true.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import ts from 'typescript';
import type { SmokeReport } from './runtimes/smoke.js';
import { ensureBuilt, ROOT } from './support/build.js';
import {
  findRuntime,
  installedProject,
  RUNTIMES_DIR,
  RUNTIMES_INSTALL,
  removeProject,
  run,
  type Served,
  serve,
} from './support/runtimes.js';
import { skipOrFail } from './support/skip-or-fail.js';

const RECIPES = join(ROOT, 'docs/examples/runtimes');
const KEYS =
  'Lm8vR2cYt5nXq0wEj3hUa7zKp1dSg9bFo4iNx6TeVrC,f3Jq0dXbM2kTz8hWc9yLr4uVn6pAe1sGx5oBi7KtQwZ';
// A recent date, as a new worker gets, with Node.js compatibility off: dates from mid-2026 on
// turn it on by default, and with it `import 'node:fs'` would load. Web APIs only, as a
// browser has.
const WORKER_COMPATIBILITY = {
  compatibility_date: '2026-11-01',
  compatibility_flags: ['no_nodejs_compat'],
};

const bun = findRuntime('bun', 'bun');
const deno = findRuntime('deno', 'deno');
const workerd = findRuntime('workerd', 'workerd');
const esbuild = findRuntime('esbuild', 'esbuild');

/** The smoke script as each runtime's entry: printed for Bun and Deno, served by a worker. */
const SMOKE_MAIN = `import { smoke } from './smoke.ts';\nconsole.log(JSON.stringify(await smoke()));\n`;
const SMOKE_WORKER = `import { smoke } from './smoke.ts';
export default { async fetch() { return Response.json(await smoke()); } };
`;

/** Fails with every failed check's name and error, and when a check is missing or extra. */
function expectAllPassed(report: SmokeReport, names: readonly string[]): void {
  const failed = report.checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.error}`);
  expect(failed, `failed checks:\n${failed.join('\n')}\n`).to.deep.equal([]);
  expect(report.checks.map((c) => c.name)).to.deep.equal(names);
}

function parseReport(text: string, where: string): SmokeReport {
  try {
    return JSON.parse(text.trim().split('\n').at(-1) ?? '') as SmokeReport;
  } catch {
    throw new Error(`${where} printed no report:\n${text}`);
  }
}

/**
 * The recipe's exchange, as a browser would have it: the first visit gets the sealed session
 * and a theme cookie with the cache directives; sent back, the session is read.
 */
async function signInAndBack(base: string): Promise<void> {
  const first = await fetch(`${base}/`);
  expect(first.status, await first.clone().text()).to.equal(200);
  expect(await first.json()).to.deep.equal({ signedIn: 42 });
  const lines = first.headers.getSetCookie();
  expect(lines).to.have.length(2);
  expect(lines[0]).to.match(/^__Host-session=e1\.[\w-]+; Path=\/; Secure; HttpOnly; SameSite=Lax$/);
  expect(lines[1]).to.equal('theme=dark; Path=/; Max-Age=2592000');
  expect(first.headers.get('cache-control')).to.equal('private, no-cache="set-cookie"');

  const cookie = lines.map((line) => line.split(';')[0]).join('; ');
  const back = await fetch(`${base}/`, { headers: { cookie } });
  expect(back.status).to.equal(200);
  expect(await back.json()).to.deep.equal({ uid: 42 });
  expect(back.headers.getSetCookie()).to.deep.equal([]);

  const tampered = cookie.replace(
    /(__Host-session=e1\.)(.)/,
    (_, p, c) => `${p}${c === 'A' ? 'B' : 'A'}`,
  );
  const refused = await fetch(`${base}/`, { headers: { cookie: tampered } });
  expect(await refused.json(), 'a tampered session signs in anew').to.deep.equal({ signedIn: 42 });
}

/** Runs `use` against a starting server, and stops the server whatever happens. */
async function withServer(starting: Promise<Served>, use: (server: Served) => Promise<void>) {
  const server = await starting;
  try {
    await use(server);
  } finally {
    await server.stop();
  }
}

/** Type errors of `file` compiled as a user of `lib` and `types` would, against the package. */
function typeErrors(dir: string, file: string, options: ts.CompilerOptions): string[] {
  const program = ts.createProgram([join(dir, file)], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Preserve,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    ...options,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const at = d.file?.getLineAndCharacterOfPosition(d.start ?? 0);
    return `${d.file?.fileName ?? ''}:${(at?.line ?? 0) + 1} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}

describe('the built package on Bun, Deno and workerd', function () {
  this.timeout(120_000);

  let names: readonly string[];
  let project: string | undefined;

  before(async () => {
    ensureBuilt();
    // Every runtime must report every check the script has, in its order.
    names = Object.keys((await import('./runtimes/smoke.js')).CHECKS);
    if ([bun, deno, workerd].every((runtime) => runtime.missing !== undefined)) return;
    project = await installedProject({
      'smoke.ts': join(ROOT, 'spec/runtimes/smoke.ts'),
      'bun.ts': join(RECIPES, 'bun.ts'),
      'deno.ts': join(RECIPES, 'deno.ts'),
      'worker.ts': join(RECIPES, 'worker.ts'),
    });
    writeFileSync(join(project, 'smoke-main.ts'), SMOKE_MAIN);
    writeFileSync(join(project, 'smoke-worker.ts'), SMOKE_WORKER);
  });

  after(() => removeProject(project));

  describe(`Node ${process.version} (the smoke script itself)`, () => {
    it('passes every smoke check', async () => {
      const { smoke } = await import('./runtimes/smoke.js');
      expectAllPassed(await smoke(), names);
    });

    it('reports a failed check with its reason instead of passing it', async () => {
      const { same } = await import('./runtimes/smoke.js');
      expect(() => same({ a: 1 }, { a: 2 }, 'x')).to.throw('x: expected {"a":2}, got {"a":1}');
      expect(() => same([1], [1], 'x')).to.not.throw();
      expect(names).to.have.length.greaterThan(5);
    });
  });

  describe(`Bun ${bun.version}`, () => {
    before(function () {
      skipOrFail(this, 'the Bun suite', bun.missing, RUNTIMES_INSTALL);
    });

    it('passes every smoke check', async () => {
      const result = await run(bun.path, ['--no-install', 'smoke-main.ts'], {
        cwd: project ?? '',
        timeout: 60_000,
      });
      expect(result.code, result.output).to.equal(0);
      const report = parseReport(result.stdout, 'bun');
      expect(report.userAgent).to.match(/^Bun\//);
      expectAllPassed(report, names);
    });

    it('type-checks the Bun.serve recipe with Bun’s types and the published ones', () => {
      const errors = typeErrors(project ?? '', 'bun.ts', {
        lib: ['lib.esnext.d.ts'],
        types: ['bun'],
        typeRoots: [join(RUNTIMES_DIR, 'node_modules/@types')],
      });
      expect(errors, errors.join('\n')).to.deep.equal([]);
    });

    it('serves the Bun.serve recipe on 127.0.0.1: a sealed session set, then read back', async () => {
      const starting = serve(bun.path, ['--no-install', 'bun.ts'], {
        cwd: project ?? '',
        env: { PORT: '0', SESSION_KEYS: KEYS },
        timeout: 30_000,
        listening: 'stdout',
      });
      await withServer(starting, (server) => signInAndBack(server.url));
    });
  });

  describe(`Deno ${deno.version}`, () => {
    // Deno keeps its caches in the project, and asks no one for updates (see support/runtimes).
    const env = (): Record<string, string> => ({ DENO_DIR: join(project ?? '', '.deno') });

    before(function () {
      skipOrFail(this, 'the Deno suite', deno.missing, RUNTIMES_INSTALL);
    });

    it('passes every smoke check, with no permission granted', async () => {
      const result = await run(
        deno.path,
        ['run', '--no-prompt', '--cached-only', 'smoke-main.ts'],
        {
          cwd: project ?? '',
          env: env(),
          timeout: 60_000,
        },
      );
      expect(result.code, result.output).to.equal(0);
      const report = parseReport(result.stdout, 'deno');
      expect(report.userAgent).to.match(/^Deno\//);
      expectAllPassed(report, names);
    });

    it('type-checks the Deno.serve recipe with `deno check` and the published types', async () => {
      const result = await run(deno.path, ['check', '--cached-only', 'deno.ts'], {
        cwd: project ?? '',
        env: env(),
        timeout: 60_000,
      });
      expect(result.code, result.output).to.equal(0);
    });

    it('serves the Deno.serve recipe on 127.0.0.1: a sealed session set, then read back', async () => {
      const args = ['run', '--no-prompt', '--cached-only', '--allow-net=127.0.0.1'];
      const starting = serve(deno.path, [...args, '--allow-env=PORT,SESSION_KEYS', 'deno.ts'], {
        cwd: project ?? '',
        env: { ...env(), PORT: '0', SESSION_KEYS: KEYS },
        timeout: 30_000,
        listening: 'stdout',
      });
      await withServer(starting, (server) => signInAndBack(server.url));
    });
  });

  describe(`workerd ${workerd.version}, bundled by esbuild ${esbuild.version}`, () => {
    before(function () {
      skipOrFail(this, 'the workerd suite', workerd.missing ?? esbuild.missing, RUNTIMES_INSTALL);
    });

    /** Serves `main` as a module worker from a wrangler config, on 127.0.0.1 and a free port. */
    function serveWorker(main: string, vars: Record<string, string> = {}): Promise<Served> {
      const config = `${main.replace(/\.ts$/, '')}.wrangler.json`;
      writeFileSync(
        join(project ?? '', config),
        JSON.stringify({
          name: main.replace(/\W/g, '-'),
          main,
          ...WORKER_COMPATIBILITY,
          vars,
        }),
      );
      return serve(
        workerd.path,
        ['serve', config, '--control-fd', '3', '--socket-addr', 'http=127.0.0.1:0'],
        {
          cwd: project ?? '',
          env: { WORKERD_ESBUILD: esbuild.path },
          timeout: 60_000,
          listening: 'control-fd',
        },
      );
    }

    it('passes every smoke check in a worker fetched over HTTP', async () => {
      await withServer(serveWorker('smoke-worker.ts'), async (server) => {
        const response = await fetch(`${server.url}/`);
        const text = await response.text();
        expect(response.status, `${text}\n${server.output()}`).to.equal(200);
        const report = parseReport(text, 'the smoke worker');
        expect(report.userAgent).to.equal('Cloudflare-Workers');
        expectAllPassed(report, names);
      });
    });

    it('type-checks the worker recipe with web worker types only (no Node types)', () => {
      const errors = typeErrors(project ?? '', 'worker.ts', {
        lib: ['lib.es2022.d.ts', 'lib.webworker.d.ts'],
        types: [],
      });
      expect(errors, errors.join('\n')).to.deep.equal([]);
    });

    it('serves the worker recipe on 127.0.0.1: a sealed session set, then read back', async () => {
      const starting = serveWorker('worker.ts', { SESSION_KEYS: KEYS });
      await withServer(starting, (server) => signInAndBack(server.url));
    });
  });
});

describe('docs/runtimes.md', () => {
  const page = readFileSync(join(ROOT, 'docs/runtimes.md'), 'utf8');
  const blocks = [...page.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]);

  for (const recipe of ['bun.ts', 'deno.ts', 'worker.ts']) {
    it(`shows docs/examples/runtimes/${recipe}, code for code`, () => {
      expect(blocks).to.include(readFileSync(join(RECIPES, recipe), 'utf8'));
    });
  }
});
