// Errors never print a cookie value (DESIGN.md "Errors and diagnostics", issue 17 §2): a value
// is a credential, so no message, issue, JSON or inspection of an error, its zod cause included,
// and nothing the CLI prints, holds any part of it. Names, attributes and rule sources stay.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { expect } from 'chai';
import {
  Cookie,
  CookieError,
  CookieJarResponse,
  CookiePolicy,
  type CookieResult,
  type CookieValidationError,
} from '../src/index.js';
import { ensureBuilt, ROOT } from './support/build.js';

const SECRET = 'SESSIONTOKEN-0123456789abcdef';

/** Every 8 characters of the secret: any of them in a text is a leak. */
const PIECES = Array.from({ length: SECRET.length - 7 }, (_, i) => SECRET.slice(i, i + 8));

/** The first piece of the secret `text` holds, or `undefined`. */
function leakIn(text: string): string | undefined {
  return PIECES.find((piece) => text.includes(piece));
}

/** Every way an error reaches a log, its cause included. */
function printed(error: Error): Record<string, string> {
  const cause = error.cause as { issues?: unknown } | undefined;
  return {
    message: error.message,
    'String(error)': String(error),
    'JSON.stringify(error)': JSON.stringify(error),
    issues: JSON.stringify((error as CookieValidationError).issues ?? []),
    'inspect(error, { depth: 10 })': inspect(error, { depth: 10 }),
    'inspect(error, { showHidden })': inspect(error, { depth: null, showHidden: true }),
    'JSON.stringify(error.cause)': JSON.stringify(cause) ?? '',
    'error.cause.issues': JSON.stringify(cause?.issues ?? []),
    'inspect(error.cause, { showHidden })': inspect(cause, { depth: null, showHidden: true }),
  };
}

/** Asserts that `error` is a CookieError none of whose printed forms holds the secret. */
function expectNoSecret(where: string, error: unknown): void {
  expect(error, where).to.be.instanceOf(CookieError);
  for (const [form, text] of Object.entries(printed(error as Error))) {
    expect(leakIn(text), `${where}: ${form} prints the value: ${text.slice(0, 300)}`).to.equal(
      undefined,
    );
  }
}

/** The error `fn` throws (it must throw). */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  expect.fail('expected a throw');
}

/** The error of a failed safe call (it must fail). */
function errorOf(result: CookieResult): CookieValidationError {
  expect(result.success).to.equal(false);
  return (result as { error: CookieValidationError }).error;
}

/** Values holding the secret that no encoding can send, by the rule each breaks. */
const BAD_VALUES: readonly [string, string, 'uri' | 'raw' | 'base64url', string][] = [
  ['CR LF', `${SECRET}\r\nSet-Cookie: x=1`, 'uri', 'control_character'],
  ['NUL', `${SECRET}\u0000`, 'uri', 'control_character'],
  ['DEL', `${SECRET}\u007f`, 'uri', 'control_character'],
  ['HTAB', `${SECRET}\t`, 'uri', 'control_character'],
  ['a lone surrogate (uri)', `${SECRET}\ud800`, 'uri', 'value_encoding'],
  ['a lone surrogate (base64url)', `${SECRET}\ud800`, 'base64url', 'value_encoding'],
  ['";" under raw', `${SECRET};x`, 'raw', 'value_octets'],
  ['a space under raw', `${SECRET} x`, 'raw', 'value_octets'],
  ['a double quote under raw', `${SECRET}"`, 'raw', 'value_octets'],
  ['non-ASCII under raw', `${SECRET}é`, 'raw', 'value_octets'],
  ['a CTL under raw', `${SECRET}\u0001`, 'raw', 'value_octets'],
  ['too long (uri)', SECRET.repeat(150), 'uri', 'name_value_too_long'],
  ['too long once percent-encoded', `${SECRET}${'é'.repeat(1500)}`, 'uri', 'name_value_too_long'],
  ['too long (raw)', SECRET.repeat(150), 'raw', 'name_value_too_long'],
  ['too long (base64url)', SECRET.repeat(120), 'base64url', 'name_value_too_long'],
];

describe('Errors never print a cookie value', () => {
  it('its check finds the value in a message, a cause and an inspection (it can fail)', () => {
    const leaky = new CookieError(`value ${SECRET.slice(3, 14)} is bad`);
    expect(() => expectNoSecret('message', leaky)).to.throw(/prints the value/);
    const caused = new CookieError('bad', { cause: new Error(SECRET.slice(-9)) });
    expect(() => expectNoSecret('cause', caused)).to.throw(/prints the value/);
    expect(() => expectNoSecret('not a CookieError', new Error('x'))).to.throw();
  });

  describe('Cookie.from, safeFrom, the builder and with(): every way a value fails', () => {
    for (const [label, value, encoding, code] of BAD_VALUES) {
      it(`${label}: ${code} at value, the value nowhere`, () => {
        const config = { name: 'sid', value, encoding };
        const error = errorOf(Cookie.safeFrom(config));
        expect(error.issues.map((i) => [i.path, i.code])).to.deep.equal([[['value'], code]]);
        expectNoSecret('Cookie.safeFrom', error);
        expectNoSecret(
          'Cookie.from',
          thrownBy(() => Cookie.from(config)),
        );
        const builder = Cookie.builder('sid', value).encoding(encoding);
        expectNoSecret(
          'build()',
          thrownBy(() => builder.build()),
        );
        expectNoSecret('safeBuild()', errorOf(builder.safeBuild()));
        const base = Cookie.from({ name: 'sid', value: 'ok', encoding });
        expectNoSecret(
          'with()',
          thrownBy(() => base.with({ value })),
        );
      });
    }

    it('a value of the wrong type holding the secret: invalid_type, and the zod cause keeps no input', () => {
      for (const value of [{ token: SECRET }, [SECRET], new String(SECRET)]) {
        const error = errorOf(Cookie.safeFrom({ name: 'sid', value }));
        expect(error.issues.map((i) => [i.path, i.code])).to.deep.equal([
          [['value'], 'invalid_type'],
        ]);
        expectNoSecret('Cookie.safeFrom', error);
        const issues = (error.cause as { issues: object[] }).issues;
        for (const issue of issues) expect(issue).not.to.have.property('input');
      }
    });

    it('a bad value beside other problems: every issue listed, the value in none', () => {
      const error = errorOf(
        Cookie.safeFrom({
          name: '__Host-sid',
          value: `${SECRET}\n`,
          domain: '.example.com',
          sameSite: 'None',
          max_age: 5,
        }),
      );
      expect(error.issues.length).to.be.greaterThan(3);
      expectNoSecret('Cookie.safeFrom', error);
    });
  });

  describe('Cookie.parse', () => {
    const lines: readonly [string, string, object?][] = [
      ['a CTL in the value', `sid=${SECRET}\u0001; Path=/`],
      ['CR LF in the value', `sid=${SECRET}\r\nSet-Cookie: x=1`],
      ['non-ASCII in the value', `sid=${SECRET}é`],
      ['a space in the value', `sid=${SECRET} x`],
      ['a double quote in the value', `sid=${SECRET}"x`],
      ['a comma in the value', `sid=${SECRET},x`],
      ['a backslash in the value', `sid=${SECRET}\\x`],
      ['a malformed escape under uri', `sid=${SECRET}%E0%A4%A`],
      ['not base64url', `sid=${SECRET}!`, { encoding: 'base64url' }],
      ['too long', `sid=${SECRET.repeat(150)}`],
      ['no "="', `${SECRET}; Path=/`],
      ['an empty name', `=${SECRET}`],
      ['a quoted value with a space', `sid="${SECRET} x"`],
      [
        'a bad value beside a bad attribute',
        `Set-Cookie: sid=${SECRET} x; Domain=-bad-; Max-Age=x`,
      ],
      ['under rfc6265', `sid=${SECRET}\u0001`, { profile: 'rfc6265' }],
    ];
    for (const [label, line, options] of lines) {
      it(`${label}: refused, the value nowhere`, () => {
        const error = errorOf(Cookie.safeParse(line, options));
        expectNoSecret('Cookie.safeParse', error);
        expectNoSecret(
          'Cookie.parse',
          thrownBy(() => Cookie.parse(line, options)),
        );
      });
    }
  });

  describe('the jar and policies', () => {
    const policy = CookiePolicy.define({
      name: 'strict',
      defaults: { path: '/' },
      require: { secure: true, httpOnly: true, sameSite: 'Strict', maxLifetime: 60 },
    });
    const custom = CookiePolicy.define({
      name: 'custom',
      require: {
        custom: {
          check: (c) => c.value.length < 4,
          message: 'value must be short',
          path: ['value'],
        },
      },
    });

    it('sendCookie and add, with and without a policy, for every bad value', () => {
      for (const [label, value, encoding] of BAD_VALUES) {
        for (const jar of [new CookieJarResponse(), new CookieJarResponse({ policy })]) {
          const error = thrownBy(() => jar.sendCookie('sid', value, { encoding, maxAge: 3600 }));
          expectNoSecret(`sendCookie(${label})`, error);
          const builder = Cookie.builder('sid', value).encoding(encoding);
          expectNoSecret(
            `add(builder ${label})`,
            thrownBy(() => jar.add(builder)),
          );
        }
      }
    });

    it('a valid cookie that breaks a policy: enforce, check, apply and a jar say why, not the value', () => {
      const cookie = Cookie.from({ name: 'sid', value: SECRET, maxAge: 3600 });
      expectNoSecret(
        'enforce',
        thrownBy(() => policy.enforce(cookie)),
      );
      expectNoSecret(
        'custom enforce',
        thrownBy(() => custom.enforce(cookie)),
      );
      expect(leakIn(JSON.stringify(policy.check(cookie)))).to.equal(undefined);
      const applied = Cookie.builder('sid', SECRET).apply(policy).apply(custom);
      expectNoSecret(
        'apply().build()',
        thrownBy(() => applied.build()),
      );
      const jar = new CookieJarResponse({ policy: policy.and(custom) });
      expectNoSecret(
        'jar.add',
        thrownBy(() => jar.add(cookie)),
      );
      expectNoSecret(
        'jar.sendCookie',
        thrownBy(() => jar.sendCookie('sid', SECRET)),
      );
    });

    it('a bad value and a broken requirement together: both reported, the value in neither', () => {
      const builder = Cookie.builder('sid', `${SECRET}\r\n`).apply(policy).maxAge(3600);
      const error = errorOf(builder.safeBuild());
      expect(error.issues.map((i) => i.code)).to.include.members(['control_character', 'policy']);
      expectNoSecret('safeBuild()', error);
    });

    it('a policy default or requirement holding the secret names the key, not the text', () => {
      for (const definition of [
        { name: 'p', defaults: { value: SECRET } },
        { name: 'p', defaults: { comment: `${SECRET}\n` } },
        { name: 'p', require: { value: SECRET } },
      ]) {
        expectNoSecret(
          'CookiePolicy.define',
          thrownBy(() => CookiePolicy.define(definition as never)),
        );
        expectNoSecret(
          'CookiePolicy.from',
          thrownBy(() => CookiePolicy.from(definition)),
        );
      }
    });

    it('writeTo: a target whose error quotes the Set-Cookie line is described by kind only', () => {
      const jar = new CookieJarResponse().sendCookie('sid', SECRET);
      const refusing = {
        append(_name: string, value: string) {
          throw new TypeError(`Headers.append: "${value}" is an invalid header value.`);
        },
        get: () => null,
        set() {},
      };
      const error = thrownBy(() => jar.writeTo(refusing));
      expect((error as CookieError).code).to.equal('headers_immutable');
      expectNoSecret('writeTo', error);
      const inspecting = new Proxy(
        {},
        {
          get() {
            throw new Error(`cannot read ${SECRET}`);
          },
        },
      );
      const invalid = thrownBy(() => jar.writeTo(inspecting as Headers));
      expect((invalid as CookieError).code).to.equal('invalid_target');
      expectNoSecret('writeTo', invalid);
    });
  });

  describe('the CLI: cookiesmith build', function () {
    this.timeout(120_000);
    let dir: string;
    const BIN = join(ROOT, 'dist/esm/cli/main.js');

    before(function () {
      this.timeout(240_000);
      ensureBuilt();
      dir = mkdtempSync(join(tmpdir(), 'cookiesmith-secret-'));
    });

    after(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    function run(args: readonly string[]): { status: number | null; output: string } {
      const env = { ...process.env, NO_COLOR: '1' };
      const result = spawnSync(process.execPath, [BIN, 'build', ...args], {
        cwd: ROOT,
        env,
        encoding: 'utf8',
        timeout: 30_000,
      });
      return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
    }

    it('a bad --value: exit 2, the issue listed, the value nowhere (text and --json)', () => {
      // An argument cannot hold NUL, and a lone surrogate reaches the process as U+FFFD
      const passable = BAD_VALUES.filter(([, v]) => !v.includes('\u0000') && v.isWellFormed());
      for (const [label, value, encoding] of passable) {
        for (const json of [[], ['--json']]) {
          const result = run(['--name', 'sid', '--value', value, '--encoding', encoding, ...json]);
          expect(result.status, label).to.equal(2);
          expect(result.output, label).to.include('--value');
          expect(leakIn(result.output), `${label}: ${result.output}`).to.equal(undefined);
        }
      }
    });

    it('--config: bad values in the file, and a file that is not JSON, never print a value', () => {
      const bad = join(dir, 'bad.json');
      writeFileSync(
        bad,
        JSON.stringify(BAD_VALUES.map(([, value, encoding]) => ({ name: 'sid', value, encoding }))),
      );
      const broken = join(dir, 'broken.json');
      writeFileSync(broken, `{"name": "sid", "value": ${SECRET}}`);
      const unterminated = join(dir, 'unterminated.json');
      writeFileSync(unterminated, `{"name": "sid", "value": "${SECRET}`);
      for (const file of [bad, broken, unterminated]) {
        for (const json of [[], ['--json']]) {
          const result = run(['--config', file, ...json]);
          expect(result.status, file).to.equal(2);
          expect(leakIn(result.output), `${file}: ${result.output}`).to.equal(undefined);
        }
      }
      expect(run(['--config', broken]).output).to.include('not valid JSON');
    });
  });
});
