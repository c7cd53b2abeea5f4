// Runs every file in docs/examples/ by the convention in docs/examples/README.md: a script
// must exit 0; a server recipe is served on 127.0.0.1 and must send exactly its `expected`
// Set-Cookie lines; an edge recipe does the same inside the edge-runtime VM.
import { readdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAdaptorServer } from '@hono/node-server';
import { expect } from 'chai';
import { EdgeRuntime, runServer } from 'edge-runtime';
import { Cookie as ToughCookie } from 'tough-cookie';
import ts from 'typescript';
import { ensureBuilt, ROOT } from './support/build.js';
import { removeExampleOutput, runExample, type ScriptRun } from './support/run-example.js';

const EXAMPLES = join(ROOT, 'docs/examples');
const FILES = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.ts'))
  .sort();
const VERBS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** A file with an `export` is a recipe; one without is a script (docs/examples/README.md). */
function isModule(file: string): boolean {
  return /^export\s/m.test(readFileSync(join(EXAMPLES, file), 'utf8'));
}

type FetchHandler = (request: Request) => Response | Promise<Response>;

interface Expected {
  path: string;
  method: string | undefined;
  setCookie: string[];
  headers: Record<string, string>;
  status: number | undefined;
}

/** What a recipe module exports, checked so a malformed recipe fails with a clear message. */
function expectedOf(file: string, mod: Record<string, unknown>): Expected {
  const raw = mod.expected as Partial<Expected> | undefined;
  if (raw === undefined || !Array.isArray(raw.setCookie)) {
    throw new Error(
      `${file} exports a recipe but no \`expected.setCookie\` (docs/examples/README.md)`,
    );
  }
  return {
    path: raw.path ?? '/',
    method: raw.method,
    setCookie: raw.setCookie,
    headers: raw.headers ?? {},
    status: raw.status,
  };
}

/** The fetch-style entry of a recipe and the HTTP method it answers by its name. */
function fetchEntryOf(
  mod: Record<string, unknown>,
): { handler: FetchHandler; method: string } | undefined {
  for (const verb of VERBS) {
    if (typeof mod[verb] === 'function')
      return { handler: mod[verb] as FetchHandler, method: verb };
  }
  if (typeof mod.fetch === 'function') return { handler: mod.fetch as FetchHandler, method: 'GET' };
  const app = mod.default as { fetch?: unknown } | undefined;
  if (app !== undefined && app !== null && typeof app.fetch === 'function') {
    return { handler: (request) => (app.fetch as FetchHandler).call(app, request), method: 'GET' };
  }
  return undefined;
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve(`http://127.0.0.1:${port}`);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

async function check(base: string, expected: Expected, method: string): Promise<void> {
  const response = await fetch(`${base}${expected.path}`, {
    method: expected.method ?? method,
    redirect: 'manual',
  });
  const body = await response.text();
  if (expected.status === undefined) {
    expect(response.status, `status (body: ${body.slice(0, 200)})`).to.be.below(400);
  } else {
    expect(response.status, 'status').to.equal(expected.status);
  }
  const lines = response.headers.getSetCookie();
  expect(lines, 'Set-Cookie lines').to.deep.equal(expected.setCookie);
  for (const line of lines) {
    const parsed = ToughCookie.parse(line);
    expect(parsed, `tough-cookie parses ${line}`).to.not.equal(undefined);
    expect(`${parsed?.key}=${parsed?.value}`).to.equal(line.split(';')[0]);
  }
  for (const [name, value] of Object.entries(expected.headers)) {
    expect(response.headers.get(name), name).to.equal(value);
  }
}

/**
 * One classic script holding the built CommonJS library, zod and the recipe, each wrapped as a
 * module in a table, so the edge VM (which has no `require` and no module loader) can run them.
 * A `require` of anything outside the table (a Node built-in) fails the bundle.
 */
function edgeBundle(file: string): string {
  const modules = new Map<string, { code: string; deps: Record<string, string> }>();
  const REQUIRE = /\brequire\((["'])([^"']+)\1\)/g;
  const add = (path: string, code: string): string => {
    if (modules.has(path)) return path;
    const deps: Record<string, string> = {};
    modules.set(path, { code, deps });
    const resolve = createRequire(path).resolve;
    for (const [, , specifier] of code.matchAll(REQUIRE)) {
      if (specifier === undefined || specifier in deps) continue;
      const target =
        specifier === 'cookiesmith' ? join(ROOT, 'dist/cjs/index.js') : resolve(specifier);
      if (!target.startsWith('/')) throw new Error(`${path} requires the Node built-in ${target}`);
      deps[specifier] = add(target, readFileSync(target, 'utf8'));
    }
    return path;
  };
  const recipePath = join(EXAMPLES, file);
  const recipe = ts.transpileModule(readFileSync(recipePath, 'utf8'), {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
  }).outputText;
  add(recipePath, recipe);
  const table = [...modules]
    .map(
      ([path, { code, deps }]) =>
        `${JSON.stringify(path)}: [function (module, exports, require) {\n${code}\n}, ${JSON.stringify(deps)}]`,
    )
    .join(',\n');
  return `(() => {
const table = {\n${table}\n};
const cache = {};
const load = (path) => {
  if (cache[path]) return cache[path].exports;
  const [factory, deps] = table[path];
  const module = { exports: {} };
  cache[path] = module;
  factory(module, module.exports, (specifier) => {
    if (!(specifier in deps)) throw new Error('not in the edge bundle: ' + specifier);
    return load(deps[specifier]);
  });
  return module.exports;
};
const recipe = load(${JSON.stringify(recipePath)});
const handler = ${VERBS.map((v) => `recipe.${v}`).join(' ?? ')} ?? recipe.fetch ?? ((r) => recipe.default.fetch(r));
addEventListener('fetch', (event) => event.respondWith(handler(event.request)));
})();`;
}

describe('docs/examples', function () {
  this.timeout(120_000);

  // Scripts run in child processes, a few at a time, while the recipes are tested in-process.
  const scripts = new Map<string, Promise<ScriptRun>>();
  before(() => {
    ensureBuilt();
    const limit = Math.max(2, availableParallelism());
    let active = 0;
    const waiting: (() => void)[] = [];
    const slot = async (): Promise<void> => {
      if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
      active++;
    };
    const release = (): void => {
      active--;
      waiting.shift()?.();
    };
    for (const file of FILES.filter((f) => !isModule(f))) {
      scripts.set(
        file,
        slot()
          .then(() => runExample(join(EXAMPLES, file)))
          .finally(release),
      );
    }
  });

  after(() => removeExampleOutput());

  it('holds the quickstart that the README shows', () => {
    expect(FILES).to.include('quickstart.ts');
  });

  for (const file of FILES) {
    if (!isModule(file)) {
      it(`${file} runs as a script and exits 0`, async () => {
        const run = scripts.get(file);
        expect(run, 'started by the before hook').to.not.equal(undefined);
        const { code, output } = (await run) as ScriptRun;
        expect(code, output).to.equal(0);
      });
      continue;
    }

    it(`${file} sends its expected cookies from a server on 127.0.0.1`, async () => {
      const mod = (await import(pathToFileURL(join(EXAMPLES, file)).href)) as Record<
        string,
        unknown
      >;
      const expected = expectedOf(file, mod);
      const entry = fetchEntryOf(mod);

      if (mod.runtime === 'edge') {
        expect(entry, `${file}: an edge recipe exports GET/POST/fetch/default`).to.not.equal(
          undefined,
        );
        const runtime = new EdgeRuntime({ initialCode: edgeBundle(file) });
        expect(runtime.evaluate<string>('typeof require'), 'no require in the VM').to.equal(
          'undefined',
        );
        const server = await runServer({ runtime, port: 0, host: '127.0.0.1' });
        try {
          await check(server.url.replace(/\/$/, ''), expected, entry?.method ?? 'GET');
        } finally {
          await server.close();
        }
        return;
      }

      let server: Server;
      let method = 'GET';
      if (typeof mod.createServer === 'function') {
        server = await (mod.createServer as () => Server | Promise<Server>)();
      } else if (entry !== undefined) {
        server = createAdaptorServer({ fetch: entry.handler }) as Server;
        method = entry.method;
      } else {
        throw new Error(
          `${file} exports neither createServer() nor a fetch handler (docs/examples/README.md)`,
        );
      }
      const base = await listen(server);
      try {
        await check(base, expected, method);
      } finally {
        await close(server);
      }
    });
  }
});
