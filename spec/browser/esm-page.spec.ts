// The ESM build in a real page, without a bundler: docs/examples/browser served as it is from
// 127.0.0.1 (app.ts with its types stripped), its import map checked against what dist/esm
// imports, run in Chromium and Firefox ESR.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { expect } from 'chai';
import { chromium } from 'playwright-core';
import ts from 'typescript';
import { ensureBuilt, ROOT } from '../support/build.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumMissing, skipOrFail } from '../support/chromium.js';
import { FIREFOX_INSTALL, firefoxMissing, launchFirefox } from '../support/firefox.js';
import { importMapForBuild, importMapOf, PACKAGE_PATH } from './import-map.js';

const EXAMPLE = join(ROOT, 'docs/examples/browser');
/** What app.ts writes into the page once it has run. */
const RESULT = 'theme: dark blue; refused: same_site_none_insecure';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
};

/** A file under `base` for the URL path `rest`, or undefined when it would leave `base`. */
function inside(base: string, rest: string): string | undefined {
  const path = normalize(join(base, decodeURIComponent(rest)));
  return path.startsWith(base + sep) ? path : undefined;
}

/**
 * The example folder at /, with app.js compiled from app.ts; the package at
 * /node_modules/cookiesmith/ (its dist/esm only) and its dependencies under /node_modules/,
 * as an app that serves node_modules would.
 */
function file(path: string): { body: Buffer | string; type: string } | undefined {
  if (path === '/' || path === '/index.html')
    return { body: readFileSync(join(EXAMPLE, 'index.html')), type: TYPES['.html'] as string };
  if (path === '/app.js') {
    const source = readFileSync(join(EXAMPLE, 'app.ts'), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    return { body: outputText, type: TYPES['.js'] as string };
  }
  let found: string | undefined;
  if (path.startsWith(`${PACKAGE_PATH}dist/esm/`))
    found = inside(join(ROOT, 'dist/esm'), path.slice(`${PACKAGE_PATH}dist/esm/`.length));
  else if (path.startsWith('/node_modules/') && !path.startsWith(PACKAGE_PATH))
    found = inside(join(ROOT, 'node_modules'), path.slice('/node_modules/'.length));
  if (found === undefined) return undefined;
  try {
    return { body: readFileSync(found), type: TYPES[extname(found)] ?? 'application/octet-stream' };
  } catch {
    return undefined;
  }
}

async function serve(): Promise<Server> {
  const server = createServer((request, response) => {
    const found = file(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    if (found === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': found.type, 'cache-control': 'no-store' });
    response.end(found.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** What a page shows once app.ts ran, with the errors the page reported on the way. */
interface PageRun {
  output: string;
  documentCookie: string;
  errors: string[];
}

const readPage = () => ({
  output: document.querySelector('output')?.textContent ?? '',
  documentCookie: document.cookie,
});
const outputShown = () => (document.querySelector('output')?.textContent ?? '') !== '';

describe('the ESM build in a browser page (docs/examples/browser)', function () {
  this.timeout(60_000);
  let server: Server | undefined;
  let url = '';

  before(async function () {
    // A cold build on a busy machine takes a while.
    this.timeout(240_000);
    ensureBuilt();
    server = await serve();
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  after(async () => {
    await new Promise<void>((resolve) =>
      server === undefined ? resolve() : server.close(() => resolve()),
    );
  });

  it('index.html maps every bare import of dist/esm, as Node resolves them for browsers', () => {
    const { imports, problems } = importMapForBuild();
    expect(problems, 'what keeps dist/esm out of a browser').to.deep.equal([]);
    const html = readFileSync(join(EXAMPLE, 'index.html'), 'utf8');
    expect(importMapOf(html), 'the import map of index.html').to.deep.equal({ imports });
  });

  it('docs/browser.md shows index.html and app.ts as they are', () => {
    const doc = readFileSync(join(ROOT, 'docs/browser.md'), 'utf8');
    const blocks = [...doc.matchAll(/^```(html|ts)\n([\s\S]*?)^```$/gm)].map((m) => m[2]);
    expect(blocks).to.deep.equal([
      readFileSync(join(EXAMPLE, 'index.html'), 'utf8'),
      readFileSync(join(EXAMPLE, 'app.ts'), 'utf8'),
    ]);
  });

  function expectRun(run: PageRun): void {
    expect(run.errors, 'errors the page reported').to.deep.equal([]);
    expect(run.output).to.equal(RESULT);
    expect(run.documentCookie).to.equal('theme=dark%20blue');
  }

  it('Chromium: builds a cookie and reads document.cookie back with parseCookieHeader', async function () {
    skipOrFail(this, 'the Chromium page check', chromiumMissing());
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS],
    });
    try {
      console.log(`      Chromium ${browser.version()}`);
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      await page.goto(url);
      await page
        .waitForFunction(outputShown, undefined, { timeout: 10_000 })
        .catch(() => undefined);
      expectRun({ ...(await page.evaluate(readPage)), errors });
    } finally {
      await browser.close();
    }
  });

  it('Firefox ESR: builds a cookie and reads document.cookie back with parseCookieHeader', async function () {
    skipOrFail(this, 'the Firefox page check', firefoxMissing(), FIREFOX_INSTALL);
    const browser = await launchFirefox();
    try {
      console.log(`      Firefox ESR ${(await browser.version()).replace(/^firefox\//i, '')}`);
      const page = (await browser.pages())[0] ?? (await browser.newPage());
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(String((error as Error).message ?? error)));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      await page.goto(url);
      await page.waitForFunction(outputShown, { timeout: 10_000 }).catch(() => undefined);
      expectRun({ ...(await page.evaluate(readPage)), errors });
    } finally {
      await browser.close();
    }
  });
});
