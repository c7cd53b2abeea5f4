import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { ensureBuilt, ROOT } from '../support/build.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumMissing, skipOrFail } from '../support/chromium.js';

const OUTPUT = join(ROOT, '.test-output');
const BIN = join(ROOT, 'dist/esm/cli/main.js');

describe('cookiesmith demo --serve in Chromium', function () {
  this.timeout(60_000);
  let server: ChildProcessWithoutNullStreams | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  let base: string;

  before(async function () {
    // A cold build on a busy machine takes a while; the browser itself starts in seconds.
    this.timeout(240_000);
    skipOrFail(this, 'the demo page suite', chromiumMissing());
    ensureBuilt();
    // ensureBuilt watches the library's outputs; the CLI is a separate compile step.
    if (!existsSync(BIN)) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT });
    server = spawn(process.execPath, [BIN, 'demo', '--serve', '--port', '0'], { cwd: ROOT });
    let output = '';
    base = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${output}`)), 15_000);
      server?.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(output);
        if (match !== null) {
          clearTimeout(timer);
          resolve(match[0]);
        }
      });
      server?.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
    });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
    context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    page = await context.newPage();
  });

  after(async () => {
    await browser?.close();
    if (server !== undefined && server.exitCode === null) server.kill('SIGTERM');
  });

  /** The text of one state cell of a cookie's row once the page has refreshed it. */
  async function state(name: string, role: 'in-document' | 'at-server'): Promise<string> {
    const cell = page.locator(`tr[data-cookie="${name}"] [data-role="${role}"]`);
    return (await cell.textContent()) ?? '';
  }

  /** Clicks a button and waits until the page has re-read the cookies after it. */
  async function click(name: string, action: 'set' | 'delete'): Promise<void> {
    const before = await page.evaluate(() => Number(document.body.dataset.ready ?? 0));
    await page.click(`button[data-action="${action}"][data-name="${name}"]`);
    await page.waitForFunction((n) => Number(document.body.dataset.ready ?? 0) > n, before);
  }

  it('shows the cookies appearing and disappearing as "set" and "delete" are clicked', async () => {
    await page.goto(base);
    await page.waitForFunction(() => Number(document.body.dataset.ready ?? 0) >= 1);

    // The page response set three cookies and deleted theme.
    expect(await state('__Host-csrf', 'in-document')).to.equal('yes');
    expect(await state('widget_prefs', 'in-document')).to.equal('yes');
    expect(await state('sid', 'in-document')).to.equal('hidden (HttpOnly)');
    expect(await state('sid', 'at-server')).to.equal('yes');
    expect(await state('theme', 'in-document')).to.equal('no');
    const documentCookie = () => page.locator('#document-cookie').textContent();
    expect(await documentCookie()).to.include('__Host-csrf=k2Jd81xQ');
    expect(await documentCookie()).not.to.include('sid=');
    const stored = await context.cookies();
    expect(stored.map((c) => c.name).sort()).to.deep.equal(['__Host-csrf', 'sid', 'widget_prefs']);
    expect(stored.find((c) => c.name === 'sid')?.httpOnly).to.equal(true);

    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: join(OUTPUT, 'cli-serve-loaded.png'), fullPage: true });

    await click('__Host-csrf', 'delete');
    expect(await state('__Host-csrf', 'in-document')).to.equal('no');
    expect(await state('__Host-csrf', 'at-server')).to.equal('no');
    expect(await documentCookie()).not.to.include('__Host-csrf');
    expect(await page.locator('#sent').textContent()).to.match(
      /^Set-Cookie: __Host-csrf=; .*Max-Age=0/,
    );
    await page.screenshot({ path: join(OUTPUT, 'cli-serve-deleted.png'), fullPage: true });

    await click('__Host-csrf', 'set');
    expect(await state('__Host-csrf', 'in-document')).to.equal('yes');
    expect(await documentCookie()).to.include('__Host-csrf=k2Jd81xQ');

    await click('theme', 'set');
    expect(await state('theme', 'in-document')).to.equal('yes');
    await click('sid', 'delete');
    expect(await state('sid', 'at-server')).to.equal('no');
    expect(await state('sid', 'in-document')).to.equal('no');
    await click('widget_prefs', 'delete');
    expect(await state('widget_prefs', 'in-document')).to.equal('no');
    await click('widget_prefs', 'set');
    expect(await state('widget_prefs', 'in-document')).to.equal('yes');
    expect((await context.cookies()).map((c) => c.name).sort()).to.deep.equal([
      '__Host-csrf',
      'theme',
      'widget_prefs',
    ]);
    await page.screenshot({ path: join(OUTPUT, 'cli-serve-final.png'), fullPage: true });
  });
});
