// The package as users get it: `npm pack` the built package, install the tarball into an empty
// project, and use it from ESM, CommonJS and TypeScript; publint and arethetypeswrong check the
// same tarball.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ensureBuilt, ROOT } from './support/build.js';

interface Run {
  code: number | null;
  stdout: string;
  output: string;
}

function run(command: string, args: readonly string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, timeout: 90_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
      resolve({ code, stdout, output: `${stdout}${stderr}` });
    });
  });
}

const node = (args: readonly string[], cwd: string) => run(process.execPath, args, cwd);
const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);

// What both module systems must print for the same program.
const PROGRAM = `
const jar = new CookieJarResponse().add(
  Cookie.builder('sid', 'abc').profile('rfc6265').path('/').secure().httpOnly().sameSite('Lax'),
);
console.log(JSON.stringify({ headers: jar.headers(), error: Cookie.builder('$x', '').safeBuild().error?.issues[0]?.code }));
`;
const PRINTED = JSON.stringify({
  headers: [
    ['Set-Cookie', 'sid=abc; Path=/; Secure; HttpOnly; SameSite=Lax'],
    ['Cache-Control', 'private, no-cache="set-cookie"'],
    ['Expires', 'Thu, 01 Jan 1970 00:00:00 GMT'],
  ],
  error: 'name_reserved',
});

describe('the published package', function () {
  this.timeout(180_000);

  let dir: string;
  let tarball: string;
  let files: string[];

  before(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'cookiesmith-pack-'));
    // --ignore-scripts: dist/ is already built; prepack would rebuild it under other specs' feet.
    const packed = await run(
      'npm',
      ['pack', '--ignore-scripts', '--json', '--pack-destination', dir],
      ROOT,
    );
    expect(packed.code, packed.output).to.equal(0);
    const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    tarball = join(dir, info?.filename ?? '');
    files = (info?.files ?? []).map((f) => f.path);
  });

  after(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('ships dist/, README.md, LICENSE, CHANGELOG.md and package.json, nothing else', () => {
    const outside = files.filter(
      (f) => !/^(dist\/.+|README\.md|LICENSE|CHANGELOG\.md|package\.json)$/.test(f),
    );
    expect(outside).to.deep.equal([]);
    for (const entry of ['esm/index.js', 'esm/index.d.ts', 'cjs/index.js', 'cjs/index.d.ts']) {
      expect(files).to.include(`dist/${entry}`);
    }
  });

  it('declares no side effects and Node 20 or newer', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(manifest.sideEffects).to.equal(false);
    expect(manifest.engines).to.deep.equal({ node: '>=20' });
  });

  it('passes publint --strict', async () => {
    const result = await node([bin('publint'), 'run', tarball, '--strict'], dir);
    expect(result.code, result.output).to.equal(0);
  });

  it('passes arethetypeswrong for node10, node16 (ESM and CJS) and bundlers', async () => {
    const result = await node([bin('attw'), tarball, '--format', 'json'], dir);
    expect(result.code, result.output).to.equal(0);
    const report = JSON.parse(result.stdout) as { analysis?: { problems?: unknown[] } };
    expect(report.analysis?.problems).to.deep.equal([]);
  });

  describe('installed from the tarball into an empty project', () => {
    let project: string;

    before(async () => {
      project = join(dir, 'consumer');
      mkdirSync(project);
      writeFileSync(
        join(project, 'package.json'),
        JSON.stringify({ name: 'consumer', private: true, type: 'commonjs' }),
      );
      const install = await run(
        'npm',
        ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball],
        project,
      );
      expect(install.code, install.output).to.equal(0);
    });

    it('works with import (ESM)', async () => {
      writeFileSync(
        join(project, 'esm.mjs'),
        `import { Cookie, CookieJarResponse } from 'cookiesmith';\n${PROGRAM}`,
      );
      const result = await node(['esm.mjs'], project);
      expect(result.code, result.output).to.equal(0);
      expect(result.stdout.trim()).to.equal(PRINTED);
    });

    it('works with require (CommonJS)', async () => {
      writeFileSync(
        join(project, 'cjs.cjs'),
        `const { Cookie, CookieJarResponse } = require('cookiesmith');\n${PROGRAM}`,
      );
      const result = await node(['cjs.cjs'], project);
      expect(result.code, result.output).to.equal(0);
      expect(result.stdout.trim()).to.equal(PRINTED);
    });

    it('installs the `cookiesmith` command, which runs from the installed package', async () => {
      const result = await run(
        join(project, 'node_modules/.bin/cookiesmith'),
        ['build', '--name', 'sid', '--value', 'abc', '--path', '/'],
        project,
      );
      expect(result.code, result.output).to.equal(0);
      expect(result.stdout).to.include('Set-Cookie: sid=abc; Version=1; Path=/');
    });

    it('type-checks a strict TypeScript consumer in ESM and CommonJS files', async () => {
      const use = `
const cookie: Cookie = Cookie.builder('__Host-id', 'x').path('/').secure().build();
const headers: readonly (readonly [string, string])[] = new CookieJarResponse().add(cookie).headers();
const result = Cookie.builder('a', 'b').safeBuild();
if (!result.success) {
  const codes: CookieIssueCode[] = result.error.issues.map((issue) => issue.code);
  console.log(codes, headers);
}
// @ts-expect-error a __Host- cookie has Path=/ only
Cookie.builder('__Host-id', 'x').path('/app');
`;
      writeFileSync(
        join(project, 'esm.mts'),
        `import { Cookie, CookieJarResponse, type CookieIssueCode } from 'cookiesmith';\n${use}`,
      );
      writeFileSync(
        join(project, 'cjs.cts'),
        `import { Cookie, CookieJarResponse, type CookieIssueCode } from 'cookiesmith';\n${use}`,
      );
      writeFileSync(
        join(project, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            module: 'nodenext',
            moduleResolution: 'nodenext',
            target: 'es2022',
            strict: true,
            exactOptionalPropertyTypes: true,
            noEmit: true,
            skipLibCheck: true,
            types: [],
            lib: ['es2024', 'dom'],
          },
          files: ['esm.mts', 'cjs.cts'],
        }),
      );
      const result = await node(
        [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', '.'],
        project,
      );
      expect(result.code, result.output).to.equal(0);
    });
  });
});
