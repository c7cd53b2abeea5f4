// `npm run size`: what an application's bundle pays for cookiesmith, beside the `cookie`
// package doing the same job. Each app is bundled by esbuild (--bundle --minify --format=esm)
// from the built package, as a user's bundler sees it, and compressed with gzip -9. Sizes are
// deterministic, so spec/size.spec.ts holds the budgets; this script prints the table and
// writes it to docs/benchmarks.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The apps, each with the `cookie` package's code for the same job and its budget in bytes. */
export const APPS = [
  {
    name: 'builds one cookie with the builder',
    ours: `import { Cookie } from 'cookiesmith';
console.log(Cookie.builder('sid', 'abc').path('/').secure().httpOnly().maxAge(3600).build().toString());`,
    peer: `import { stringifySetCookie } from 'cookie';
console.log(stringifySetCookie({ name: 'sid', value: 'abc', path: '/', secure: true, httpOnly: true, maxAge: 3600 }));`,
    budget: 25_000,
  },
  {
    name: 'sends a response jar',
    ours: `import { Cookie, CookieJarResponse } from 'cookiesmith';
const jar = new CookieJarResponse().add(Cookie.builder('sid', 'abc').path('/').secure().httpOnly()).delete('old');
console.log(jar.headers());`,
    peer: `import { stringifySetCookie } from 'cookie';
console.log([stringifySetCookie({ name: 'sid', value: 'abc', path: '/', secure: true, httpOnly: true }), stringifySetCookie({ name: 'old', value: '', maxAge: 0 })]);`,
    budget: 25_000,
  },
  {
    name: 'reads a Cookie header with parseCookieHeader',
    ours: `import { parseCookieHeader } from 'cookiesmith';
console.log(parseCookieHeader('a=1; b=2').get('a'));`,
    peer: `import { parseCookie } from 'cookie';
console.log(parseCookie('a=1; b=2').a);`,
    budget: 3_000,
  },
];

/** Bytes of an app bundled and minified, and gzipped at level 9. */
async function sizeOf(code) {
  const result = await build({
    stdin: { contents: code, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    logLevel: 'error',
    // the built package, through the nearest package.json a bundler reads for its files
    alias: { cookiesmith: join(ROOT, 'dist/esm/index.js') },
  });
  const bytes = result.outputFiles[0].contents;
  return { minified: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** Every app's size, ours and the peer's. */
export async function measureSizes() {
  const rows = [];
  for (const app of APPS) {
    rows.push({ ...app, ours: await sizeOf(app.ours), peer: await sizeOf(app.peer) });
  }
  return rows;
}

const kb = (n) => `${(n / 1000).toFixed(2)} KB`;

function table(rows) {
  const lines = [
    '| app | cookiesmith (gzip) | minified | `cookie` (gzip) | budget | |',
    '|---|---:|---:|---:|---:|---|',
  ];
  for (const r of rows) {
    const ok = r.ours.gzip <= r.budget ? 'met' : '**over**';
    lines.push(
      `| ${r.name} | ${kb(r.ours.gzip)} | ${kb(r.ours.minified)} | ${kb(r.peer.gzip)} | ≤ ${kb(r.budget)} | ${ok} |`,
    );
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = await measureSizes();
  const text = table(rows);
  console.log(text);
  const path = join(ROOT, 'docs/benchmarks.md');
  const doc = readFileSync(path, 'utf8');
  const start = '<!-- size:start -->';
  const end = '<!-- size:end -->';
  const section = `${start}\n${text}\n${end}`;
  const next = doc.includes(start)
    ? doc.replace(new RegExp(`${start}[\\s\\S]*${end}`), section)
    : `${doc.trimEnd()}\n\n## Bundle size\n\n${section}\n`;
  writeFileSync(path, next);
}
