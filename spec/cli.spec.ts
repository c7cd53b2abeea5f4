import {
  type ChildProcessWithoutNullStreams,
  execFileSync,
  spawn,
  spawnSync,
} from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { Cookie, CookieJarResponse, CookiePolicy, lintSetCookie } from '../src/index.js';
import { ensureBuilt, ROOT } from './support/build.js';

const BIN = join(ROOT, 'dist/esm/cli/main.js');
const ESC = '\u001b[';

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built bin with a clean colour environment; `env` adds variables. */
function run(
  args: readonly string[],
  options: { input?: string; env?: NodeJS.ProcessEnv } = {},
): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  for (const key of ['NO_COLOR', 'FORCE_COLOR'])
    if (options.env?.[key] === undefined) delete env[key];
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the built bin without blocking this process (a server in it must answer). */
function runAsync(args: readonly string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ['NO_COLOR', 'FORCE_COLOR', 'NODE_TLS_REJECT_UNAUTHORIZED']) delete env[key];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, timeout: 30_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end();
  });
}

/** A key and a one-day certificate for 127.0.0.1, made with openssl in `dir`. */
function selfSignedCertificate(dir: string): { key: Buffer; cert: Buffer } {
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-days',
      '1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(keyFile), cert: readFileSync(certFile) };
}

function json<T = Record<string, unknown>>(result: Run): T {
  return JSON.parse(result.stdout) as T;
}

/** What a user must never see: a JavaScript stack trace. */
function expectNoStack(result: Run): void {
  expect(result.stderr).not.to.match(/\n\s+at .+\(.*:\d+:\d+\)/);
  expect(result.stdout).not.to.match(/\n\s+at .+\(.*:\d+:\d+\)/);
}

function headerLines(jar: CookieJarResponse): string {
  return jar
    .headers()
    .map(([name, value]) => `${name}: ${value}\n`)
    .join('');
}

interface Issue {
  readonly location: string;
  readonly field: string;
  readonly path: (string | number)[];
  readonly code: string;
}

describe('cookiesmith CLI', function () {
  this.timeout(60_000);
  let dir: string;

  before(function () {
    // A cold build on a busy machine takes a while; every command after it is quick.
    this.timeout(240_000);
    ensureBuilt();
    // ensureBuilt watches the library's outputs; the CLI is a separate compile step.
    if (!existsSync(BIN)) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT });
    dir = mkdtempSync(join(tmpdir(), 'cookiesmith-cli-'));
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  describe('the package', () => {
    it('declares the bin and makes npm start run the demo', () => {
      const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
      expect(pkg.bin).to.deep.equal({ cookiesmith: 'dist/esm/cli/main.js' });
      expect(pkg.scripts.start).to.match(/node dist\/esm\/cli\/main\.js demo$/);
      expect(readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).to.equal(true);
    });

    it('keeps the CLI out of the library entry point', () => {
      const index = readFileSync(join(ROOT, 'src/index.ts'), 'utf8');
      expect(index).not.to.match(/cli\//);
    });
  });

  describe('global options', () => {
    it('--version prints the package version', () => {
      const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
      const result = run(['--version']);
      expect(result.status).to.equal(0);
      expect(result.stdout).to.equal(`${pkg.version}\n`);
    });

    it('--help lists the commands, and each command has its own help', () => {
      const top = run(['--help']);
      expect(top.status).to.equal(0);
      for (const command of ['build', 'lint', 'demo'])
        expect(top.stdout).to.include(`  ${command} `);
      const build = run(['build', '--help']);
      expect(build.status).to.equal(0);
      for (const flag of [
        '--max-age',
        '--same-site',
        '--http-only',
        '--config',
        '--policy',
        '--json',
      ])
        expect(build.stdout).to.include(flag);
      expect(run(['help', 'lint']).stdout).to.equal(run(['lint', '--help']).stdout);
      expect(run(['demo', '-h']).stdout).to.include('--serve');
    });

    it('refuses an unknown command with exit 2 and a message on stderr', () => {
      const result = run(['bake']);
      expect(result.status).to.equal(2);
      expect(result.stdout).to.equal('');
      expect(result.stderr).to.include('unknown command "bake"');
      expectNoStack(result);
    });

    it('uses colours only when asked on a non-terminal, and NO_COLOR wins', () => {
      const args = ['build', '--name', 'a', '--value', 'b'];
      expect(run(args).stdout).not.to.include(ESC);
      expect(run(args, { env: { FORCE_COLOR: '1' } }).stdout).to.include(ESC);
      expect(run(args, { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout).not.to.include(ESC);
    });
  });

  describe('on a terminal', () => {
    // util-linux `script` runs the command on a pseudo-terminal, as a user's shell would.
    const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

    function onTty(env: NodeJS.ProcessEnv): string {
      const command = `"${process.execPath}" "${BIN}" build --name a --value b`;
      const clean: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm', ...env };
      for (const key of ['NO_COLOR', 'FORCE_COLOR']) if (env[key] === undefined) delete clean[key];
      const result = spawnSync('script', ['-qec', command, '/dev/null'], {
        cwd: ROOT,
        env: clean,
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(result.status).to.equal(0);
      return result.stdout;
    }

    it('uses colours on a terminal unless NO_COLOR is set', function () {
      if (!hasScript) this.skip();
      const coloured = onTty({});
      expect(coloured).to.include(ESC);
      expect(coloured).to.include('Set-Cookie:');
      expect(onTty({ NO_COLOR: '1' })).not.to.include(ESC);
    });
  });

  describe('build', () => {
    it('prints the headers exactly as the jar emits them: Set-Cookie, then cache directives', () => {
      const result = run([
        'build',
        '--name',
        'sid',
        '--value',
        'a3f9',
        '--domain',
        '.example.com',
        '--path',
        '/',
        '--secure',
        '--http-only',
        '--same-site',
        'lax',
        '--max-age',
        '8h',
        '--priority',
        'High',
        '--comment',
        'session id',
      ]);
      const cookie = Cookie.builder('sid', 'a3f9')
        .domain('.example.com')
        .path('/')
        .secure()
        .httpOnly()
        .sameSite('Lax')
        .maxAge(28_800)
        .priority('High')
        .comment('session id')
        .build();
      expect(result.status).to.equal(0);
      expect(result.stdout).to.equal(headerLines(new CookieJarResponse().add(cookie)));
      expect(result.stdout.split('\n')[0]).to.include('Max-Age=28800');
    });

    it('accepts every attribute flag', () => {
      const result = run([
        'build',
        '--name',
        'p',
        '--value',
        'hello world',
        '--profile',
        'rfc6265',
        '--domain',
        'Example.COM',
        '--expires',
        '2030-01-02T03:04:05Z',
        '--partitioned',
        '--secure',
        '--encoding',
        'base64url',
        '--extension',
        'Foo=bar',
        '--extension',
        'Baz',
        '--json',
      ]);
      const cookie = Cookie.from({
        name: 'p',
        value: 'hello world',
        profile: 'rfc6265',
        domain: 'example.com',
        expires: '2030-01-02T03:04:05Z',
        partitioned: true,
        secure: true,
        encoding: 'base64url',
        extensions: [{ name: 'Foo', value: 'bar' }, { name: 'Baz' }],
      });
      expect(result.status).to.equal(0);
      const output = json<{ headers: { name: string; value: string }[] }>(result);
      expect(output.headers[0]).to.deep.equal({ name: 'Set-Cookie', value: cookie.toString() });
      const version = run(['build', '--name', 'v', '--value', '1', '--version', '0']);
      expect(version.stdout).to.match(/^Set-Cookie: v=1; Version=0\n/);
    });

    it('--json prints headers and the warnings of each cookie', () => {
      const result = run(['build', '--name', 'a', '--value', 'b', '--json']);
      expect(result.status).to.equal(0);
      const output = json<{
        headers: { name: string; value: string }[];
        warnings: { cookie: string; code: string }[];
      }>(result);
      const expected = new CookieJarResponse().add(Cookie.from({ name: 'a', value: 'b' }));
      expect(output.headers.map((h) => [h.name, h.value])).to.deep.equal(expected.headers());
      expect(output.warnings.map((w) => [w.cookie, w.code])).to.deep.equal([
        ['a', 'same_site_absent'],
      ]);
      expect(result.stderr).to.equal('');
    });

    it('prints warnings on stderr, so stdout stays the headers alone', () => {
      const result = run(['build', '--name', 'a', '--value', 'b']);
      expect(result.stdout.startsWith('Set-Cookie: a=b; Version=1\n')).to.equal(true);
      expect(result.stderr).to.match(/^warning "a" sameSite: /);
    });

    it('--policy applies a preset: defaults filled in, requirements checked', () => {
      const result = run(['build', '--name', 'sid', '--value', 'x', '--policy', 'secureSession']);
      expect(result.status).to.equal(0);
      const cookie = Cookie.from({
        name: 'sid',
        value: 'x',
        secure: true,
        httpOnly: true,
        sameSite: 'Lax',
        path: '/',
      });
      expect(result.stdout).to.equal(headerLines(new CookieJarResponse().add(cookie)));
    });

    it('--policy composes presets given twice', () => {
      const result = run([
        'build',
        '--name',
        '__Host-id',
        '--value',
        'x',
        '--policy',
        'host-only',
        '--policy',
        'rfc6265',
        '--json',
      ]);
      expect(result.status).to.equal(0);
      const cookie = Cookie.builder('__Host-id', 'x')
        .apply(CookiePolicy.hostOnly.and(CookiePolicy.rfc6265))
        .build();
      expect(json<{ headers: { value: string }[] }>(result).headers[0]?.value).to.equal(
        cookie.toString(),
      );
    });

    it('--policy reports a violated requirement with exit 2', () => {
      const result = run([
        'build',
        '--name',
        'id',
        '--value',
        'x',
        '--policy',
        'hostOnly',
        '--json',
      ]);
      expect(result.status).to.equal(2);
      const { issues } = json<{ issues: Issue[] }>(result);
      expect(issues.map((i) => [i.path.join('.'), i.code])).to.deep.equal([['name', 'policy']]);
      expect(result.stderr).to.include('--name');
      expectNoStack(result);
    });

    it('--policy reports schema and policy issues together', () => {
      const args = ['build', '--name', 'id', '--value', 'x', '--domain', 'example.com'];
      const result = run([...args, '--policy', 'hostOnly', '--json']);
      expect(result.status).to.equal(2);
      const expected = new CookieJarResponse({ policy: CookiePolicy.hostOnly });
      let issues: readonly { path: readonly (string | number)[]; code: string }[] = [];
      try {
        expected.sendCookie('id', 'x', { domain: 'example.com' });
      } catch (error) {
        issues = (error as { issues: typeof issues }).issues;
      }
      expect(issues.length).to.be.greaterThan(1);
      expect(json<{ issues: Issue[] }>(result).issues.map((i) => [i.path, i.code])).to.deep.equal(
        issues.map((i) => [i.path, i.code]),
      );
    });

    it('--policy refuses an unknown preset', () => {
      const result = run(['build', '--name', 'a', '--value', 'b', '--policy', 'strictest']);
      expect(result.status).to.equal(2);
      expect(result.stderr).to.include('unknown policy "strictest"');
      expect(result.stderr).to.include('secureSession');
    });

    it('--cache chooses the cache directives, and refuses an unknown mode', () => {
      const result = run(['build', '--name', 'a', '--value', 'b', '--cache', 'no-store']);
      const jar = new CookieJarResponse({ cache: 'no-store' }).add(
        Cookie.from({ name: 'a', value: 'b' }),
      );
      expect(result.status).to.equal(0);
      expect(result.stdout).to.equal(headerLines(jar));
      const bad = run(['build', '--name', 'a', '--value', 'b', '--cache', 'sometimes', '--json']);
      expect(bad.status).to.equal(2);
      expect(json<{ issues: Issue[] }>(bad).issues.map((i) => i.path[0])).to.deep.equal(['cache']);
    });

    it('--removal prints the cookie that deletes the one named, in its scope', () => {
      const result = run(['build', '--name', '__Host-s', '--removal', '--json']);
      expect(result.status).to.equal(0);
      const removal = new CookieJarResponse().delete('__Host-s').get('__Host-s');
      expect(json<{ headers: { value: string }[] }>(result).headers[0]?.value).to.equal(
        removal?.toString(),
      );
      expect(removal?.maxAge).to.equal(0);
      const scoped = run([
        'build',
        '--name',
        'a',
        '--removal',
        '--path',
        '/app',
        '--domain',
        '.x.com',
      ]);
      expect(scoped.status).to.equal(0);
      expect(scoped.stdout.split('\n')[0]).to.equal(
        `Set-Cookie: ${new CookieJarResponse().delete('a', { path: '/app', domain: '.x.com' }).get('a')}`,
      );
      const extra = run(['build', '--name', 'a', '--removal', '--max-age', '5']);
      expect(extra.status).to.equal(2);
      expect(extra.stderr).to.include('--max-age');
    });

    it('lists every issue of invalid flags at once, by flag, with exit 2', () => {
      const args = ['build', '--name', 'sid', '--value', 'x', '--domain', 'example.com'];
      const result = run([...args, '--same-site', 'None', '--max-age', '1.5']);
      expect(result.status).to.equal(2);
      expect(result.stdout).to.equal('');
      expect(result.stderr).to.include('--domain');
      expect(result.stderr).to.include('--max-age');
      expect(result.stderr).to.include('3 problems');
      expectNoStack(result);
      const output = json<{ issues: Issue[] }>(run([...args, '--same-site', 'None', '--json']));
      expect(output.issues.map((i) => [i.field, i.code])).to.deep.equal([
        ['--domain', 'domain_leading_dot'],
        ['--secure', 'same_site_none_insecure'],
      ]);
    });

    it('refuses an unknown flag with exit 2 and suggests the closest one', () => {
      const result = run(['build', '--name', 'a', '--value', 'b', '--max-agee', '3']);
      expect(result.status).to.equal(2);
      expect(result.stderr).to.include('unknown option --max-agee');
      expect(result.stderr).to.include('--max-age?');
      expectNoStack(result);
    });

    it('refuses a missing value, a flag given a value, a repeated option and a stray argument', () => {
      for (const args of [
        ['build', '--name'],
        ['build', '--name', 'a', '--value', 'b', '--secure=yes'],
        ['build', '--name', 'a', '--name', 'b', '--value', 'c'],
        ['build', '--name', 'a', '--value', 'b', 'extra'],
        ['build', '--value', 'b'],
        ['build', '--name', 'a'],
        ['build', '--name', '--secure', '--value', 'b'],
      ]) {
        const result = run(args);
        expect(result.status, args.join(' ')).to.equal(2);
        expect(result.stderr, args.join(' ')).to.match(/^cookiesmith: build: /);
        expectNoStack(result);
      }
    });

    describe('--config', () => {
      it('reads one cookie from a file', () => {
        const file = join(dir, 'one.json');
        writeFileSync(file, JSON.stringify({ name: 'theme', value: 'dark', maxAge: 60 }));
        const result = run(['build', '--config', file]);
        const jar = new CookieJarResponse().add(
          Cookie.from({ name: 'theme', value: 'dark', maxAge: 60 }),
        );
        expect(result.status).to.equal(0);
        expect(result.stdout).to.equal(headerLines(jar));
      });

      it('reads a list, keeps its order, and applies --policy to each cookie', () => {
        const file = join(dir, 'list.json');
        const list = [
          { name: 'a', value: '1' },
          { name: 'b', value: '2', domain: '.example.com' },
        ];
        writeFileSync(file, JSON.stringify(list));
        const result = run(['build', '--config', file, '--policy', 'secureSession', '--json']);
        expect(result.status).to.equal(0);
        const values = json<{ headers: { name: string; value: string }[] }>(result).headers;
        expect(values.filter((h) => h.name === 'Set-Cookie').map((h) => h.value)).to.deep.equal([
          'a=1; Version=1; Path=/; Secure; HttpOnly; SameSite=Lax',
          'b=2; Version=1; Domain=.example.com; Path=/; Secure; HttpOnly; SameSite=Lax',
        ]);
      });

      it('points every issue at the file, the index and the key', () => {
        const file = join(dir, 'bad.json');
        writeFileSync(
          file,
          JSON.stringify([
            { name: 'ok', value: '1' },
            { name: 'sid', value: 'x', max_age: 60, domain: 'example.com' },
            { name: 'bad name', value: 'y' },
          ]),
        );
        const result = run(['build', '--config', file, '--json']);
        expect(result.status).to.equal(2);
        const { issues } = json<{ issues: Issue[] }>(result);
        expect(issues.map((i) => [i.location, i.field, i.code])).to.deep.equal([
          [`${file}[1]`, 'max_age', 'unknown_key'],
          [`${file}[1]`, 'domain', 'domain_leading_dot'],
          [`${file}[2]`, 'name', 'name_token'],
        ]);
        expect(result.stderr).to.include(`${file}[1] max_age`);
        expectNoStack(result);
      });

      it('refuses a missing file, invalid JSON, an empty list and flags beside the file', () => {
        const broken = join(dir, 'broken.json');
        writeFileSync(broken, '{ "name": ');
        const empty = join(dir, 'empty.json');
        writeFileSync(empty, '[]');
        const scalar = join(dir, 'scalar.json');
        writeFileSync(scalar, '"sid=1"');
        for (const [args, text] of [
          [['--config', join(dir, 'absent.json')], 'no such file'],
          [['--config', broken], 'not valid JSON'],
          [['--config', empty], 'empty list'],
          [['--config', scalar], 'must hold a cookie object'],
          [['--config', empty, '--secure'], 'cannot be combined with --secure'],
        ] as const) {
          const result = run(['build', ...args]);
          expect(result.status, text).to.equal(2);
          expect(result.stderr, text).to.include(text);
          expectNoStack(result);
        }
      });
    });
  });

  describe('lint', () => {
    const bad = 'sid=abc; SameSite=None';
    const good = 'sid=abc; Path=/; Secure; HttpOnly; SameSite=Lax';

    it('exits 0 for a clean header given as an argument', () => {
      const result = run(['lint', `Set-Cookie: ${good}`]);
      expect(result.status).to.equal(0);
      expect(result.stdout).to.include(good);
    });

    it('exits 1 when a header has an error, and prints severity, attribute, fix and source', () => {
      const result = run(['lint', good, bad]);
      expect(result.status).to.equal(1);
      const findings = lintSetCookie(bad).filter((d) => d.severity === 'error');
      expect(findings.length).to.be.greaterThan(0);
      for (const finding of findings) {
        expect(result.stdout).to.include(`${finding.attribute}: ${finding.message}`);
        expect(result.stdout).to.include(`fix: ${finding.fix}`);
        expect(result.stdout).to.include(finding.source);
      }
      expectNoStack(result);
    });

    it('--json gives the same diagnostics as lintSetCookie', () => {
      const result = run(['lint', '--json', bad]);
      expect(result.status).to.equal(1);
      const output = json<{
        errors: number;
        headers: { header: string; findings: { code: string; severity: string }[] }[];
      }>(result);
      const expected = lintSetCookie(bad);
      expect(output.headers).to.have.length(1);
      expect(output.headers[0]?.header).to.equal(bad);
      expect(output.headers[0]?.findings.map((f) => [f.severity, f.code])).to.deep.equal(
        expected.map((d) => [d.severity, d.code]),
      );
      expect(output.errors).to.equal(expected.filter((d) => d.severity === 'error').length);
    });

    it('reads headers from stdin, as piped from curl -sI', () => {
      const dump = [
        'HTTP/1.1 200 OK',
        'Content-Type: text/html',
        `set-cookie: ${good}`,
        'Date: Thu, 01 Jan 2026 00:00:00 GMT',
        `SET-COOKIE: ${bad}`,
        '',
      ].join('\r\n');
      const result = run(['lint', '--json'], { input: dump });
      expect(result.status).to.equal(1);
      const output = json<{ headers: { header: string }[] }>(result);
      expect(output.headers.map((h) => h.header)).to.deep.equal([good, bad]);
    });

    it('takes bare Set-Cookie values on stdin too, and exits 0 when none has an error', () => {
      const result = run(['lint'], { input: `${good}\n\nlang=en; Path=/; SameSite=Lax\n` });
      expect(result.status).to.equal(0);
      expect(result.stdout).to.match(/2 headers: 0 errors/);
    });

    it('exits 2 when the input holds no Set-Cookie header', () => {
      const result = run(['lint'], { input: 'HTTP/1.1 204 No Content\r\nServer: x\r\n\r\n' });
      expect(result.status).to.equal(2);
      expect(result.stderr).to.include('no Set-Cookie header');
      expectNoStack(result);
    });

    it('refuses an unknown flag with exit 2', () => {
      const result = run(['lint', '--strict', good]);
      expect(result.status).to.equal(2);
      expect(result.stderr).to.include('unknown option --strict');
    });

    it('lints what build prints, through a pipe', () => {
      const built = run(['build', '--name', 'a', '--value', 'b', '--policy', 'secureSession']);
      const result = run(['lint'], { input: built.stdout });
      expect(result.status).to.equal(0);
      expect(result.stdout).to.match(/1 header: 0 errors/);
    });

    it('shows what each engine does where they differ', () => {
      const result = run(['lint', 'v=a\tb; Path=/; SameSite=Lax']);
      expect(result.status).to.equal(1);
      expect(result.stdout).to.include('Chromium: refuses the line');
      expect(result.stdout).to.include('Firefox: stores the tab in the value');
      expect(result.stdout).to.include('WebKitGTK (libsoup): stops reading at index 3');
      expect(result.stdout, 'the tab is shown escaped').to.include('v=a\\tb');
    });

    describe('<url>: a live response, over HTTPS on 127.0.0.1', () => {
      let server: Server;
      let base: string;
      let certFile: string;

      before(async () => {
        const { key, cert } = selfSignedCertificate(dir);
        certFile = join(dir, 'server.pem');
        writeFileSync(certFile, cert);
        server = createHttpsServer({ key, cert }, (req, res) => {
          const routes: Record<string, () => void> = {
            '/login': () => {
              res.setHeader('Set-Cookie', ['sid=abc; SameSite=None']);
              res.writeHead(302, { Location: '/home' }).end();
            },
            '/home': () => {
              res.setHeader('Set-Cookie', [
                'theme=dark; Path=/; SameSite=Lax',
                'pref=1; Domain=other.example; Path=/; SameSite=Lax',
              ]);
              res.writeHead(200).end('home');
            },
            '/loop': () => res.writeHead(302, { Location: '/loop' }).end(),
          };
          (routes[req.url ?? ''] ?? (() => res.writeHead(404).end()))();
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
      });

      after(async () => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      });

      it('lints the first response and names the redirect it did not follow', async () => {
        const result = await runAsync(['lint', `${base}/login`, '--ca', certFile]);
        expect(result.status).to.equal(1);
        expect(result.stdout).to.include(`GET ${base}/login → 302`);
        expect(result.stdout).to.include(`(a redirect to ${base}/home: --follow to lint it too)`);
        expect(result.stdout).to.match(/1 response, 1 header: 1 error/);
        expectNoStack(result);
      });

      it('--follow lints each hop with its own lines, the Domain checked against its host', async () => {
        const result = await runAsync([
          'lint',
          `${base}/login`,
          '--follow',
          '--json',
          '--ca',
          certFile,
        ]);
        expect(result.status).to.equal(1);
        const output = json<{
          responses: {
            url: string;
            status: number;
            headers: { header: string; findings: { code: string }[] }[];
          }[];
        }>(result);
        expect(output.responses.map((r) => [r.url, r.status])).to.deep.equal([
          [`${base}/login`, 302],
          [`${base}/home`, 200],
        ]);
        expect(output.responses[0]?.headers[0]?.findings.map((f) => f.code)).to.include(
          'same_site_none_insecure',
        );
        const home = output.responses[1]?.headers.map((h) => h.findings.map((f) => f.code));
        expect(home).to.deep.equal([[], ['domain_mismatch']]);
      });

      it('stops following after 10 responses', async () => {
        const result = await runAsync([
          'lint',
          `${base}/loop`,
          '--follow',
          '--json',
          '--ca',
          certFile,
        ]);
        expect(result.status).to.equal(0);
        expect(json<{ responses: unknown[] }>(result).responses).to.have.length(10);
      });

      it('refuses an untrusted certificate with exit 2 and says how to trust it', async () => {
        const result = await runAsync(['lint', `${base}/home`]);
        expect(result.status).to.equal(2);
        expect(result.stderr).to.include('--ca <file>');
        expectNoStack(result);
      });

      it('--insecure skips the check, and says so on stderr', async () => {
        const result = await runAsync(['lint', `${base}/home`, '--insecure']);
        expect(result.status).to.equal(1);
        expect(result.stderr).to.include('not verified');
        expect(result.stdout).to.include('domain_mismatch');
      });

      it('refuses URL options without a URL, and a URL with headers', () => {
        expect(run(['lint', '--follow', 'a=1']).status).to.equal(2);
        expect(run(['lint', `${base}/home`, 'a=1']).status).to.equal(2);
      });
    });
  });

  describe('demo', () => {
    interface Demo {
      headers: { name: string; value: string }[];
      lint: { errors: number; warnings: number };
    }

    it('is the default command: a session, a __Host-, a partitioned and a removal cookie', () => {
      const result = run([]);
      expect(result.status).to.equal(0);
      expect(result.stdout).to.equal(run(['demo']).stdout);
      const output = json<Demo>(run(['demo', '--json']));
      const setCookie = output.headers.filter((h) => h.name === 'Set-Cookie').map((h) => h.value);
      expect(setCookie).to.have.length(4);
      const [session, host, partitioned, removal] = setCookie.map((line) => Cookie.parse(line));
      expect(CookiePolicy.secureSession.check(session as Cookie)).to.deep.equal([]);
      expect(CookiePolicy.hostOnly.check(host as Cookie)).to.deep.equal([]);
      expect(CookiePolicy.crossSite.check(partitioned as Cookie)).to.deep.equal([]);
      expect(partitioned?.partitioned).to.equal(true);
      expect(removal?.maxAge).to.equal(0);
      expect(output.headers.slice(4).map((h) => h.name)).to.deep.equal([
        'Cache-Control',
        'Expires',
      ]);
      expect(output.lint.errors).to.equal(0);
      for (const line of setCookie) expect(line).not.to.include('Version=');
      for (const line of setCookie) expect(result.stdout).to.include(`Set-Cookie: ${line}`);
      expect(result.stdout).to.match(/4 headers: 0 errors/);
    });

    it('refuses --port without --serve', () => {
      const result = run(['demo', '--port', '9000']);
      expect(result.status).to.equal(2);
      expect(result.stderr).to.include('--port needs --serve');
    });

    describe('--serve', () => {
      let child: ChildProcessWithoutNullStreams | undefined;
      let base: string;
      let stdout = '';

      before(async () => {
        child = spawn(process.execPath, [BIN, 'demo', '--serve', '--port', '0'], { cwd: ROOT });
        base = await new Promise<string>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no URL in: ${stdout}`)), 15_000);
          child?.stdout.on('data', (chunk: Buffer) => {
            stdout += chunk.toString();
            const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(stdout);
            if (match !== null) {
              clearTimeout(timer);
              resolve(match[0]);
            }
          });
          child?.once('exit', (code) => reject(new Error(`exited with ${code}: ${stdout}`)));
        });
      });

      after(() => {
        if (child !== undefined && child.exitCode === null) child.kill('SIGKILL');
      });

      it('serves the page with the demo response headers', async () => {
        const response = await fetch(base);
        expect(response.status).to.equal(200);
        const demo = json<Demo>(run(['demo', '--json']));
        const expected = demo.headers.filter((h) => h.name === 'Set-Cookie').map((h) => h.value);
        expect(response.headers.getSetCookie()).to.deep.equal(expected);
        expect(response.headers.get('cache-control')).to.include('no-cache="set-cookie"');
        const html = await response.text();
        expect(html).to.include('document.cookie');
        expect(html).to.include('HttpOnly');
      });

      it('sets and deletes one cookie per request', async () => {
        const set = await fetch(new URL('cookies/__Host-csrf/set', base), { method: 'POST' });
        const [line] = set.headers.getSetCookie();
        expect(CookiePolicy.hostOnly.check(Cookie.parse(line ?? ''))).to.deep.equal([]);
        expect(await set.json()).to.deep.equal({ sent: [line] });
        const removal = await fetch(new URL('cookies/__Host-csrf/delete', base), {
          method: 'POST',
        });
        const [gone] = removal.headers.getSetCookie();
        expect(Cookie.parse(gone ?? '').maxAge).to.equal(0);
        expect(
          (await fetch(new URL('cookies/nope/set', base), { method: 'POST' })).status,
        ).to.equal(404);
      });

      it('echoes the Cookie header it receives, and answers only to loopback host names', async () => {
        const echo = await fetch(new URL('received', base), { headers: { cookie: 'sid=1' } });
        expect(await echo.json()).to.deep.equal({ cookie: 'sid=1' });
        const url = new URL(base);
        const status = await new Promise<number | undefined>((resolve, reject) => {
          const req = request(
            { host: url.hostname, port: url.port, path: '/', headers: { host: 'evil.example' } },
            (res) => {
              res.resume();
              resolve(res.statusCode);
            },
          );
          req.once('error', reject);
          req.end();
        });
        expect(status).to.equal(403);
      });

      it('stops on Ctrl-C (SIGINT) with exit 0', async () => {
        const other = spawn(process.execPath, [BIN, 'demo', '--serve', '--port', '0'], {
          cwd: ROOT,
        });
        try {
          let text = '';
          await new Promise<void>((resolve, reject) => {
            other.stdout.on('data', (chunk: Buffer) => {
              text += chunk.toString();
              if (/http:\/\/127\.0\.0\.1:\d+\//.test(text)) resolve();
            });
            other.once('exit', (code) => reject(new Error(`exited with ${code}: ${text}`)));
          });
          const exited = new Promise<number | null>((resolve) => other.once('close', resolve));
          other.kill('SIGINT');
          expect(await exited).to.equal(0);
          expect(text).to.include('stopped');
        } finally {
          if (other.exitCode === null) other.kill('SIGKILL');
        }
      });

      it('stops on SIGTERM with exit 0', async () => {
        const exited = new Promise<number | null>((resolve) => child?.once('close', resolve));
        child?.kill('SIGTERM');
        expect(await exited).to.equal(0);
        expect(stdout).to.include('stopped');
      });
    });
  });
});
