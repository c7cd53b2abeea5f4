import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import fc from 'fast-check';
import { Cookie as ToughCookie } from 'tough-cookie';
import {
  Cookie,
  type CookieBuilder,
  CookieError,
  type CookieIssue,
  CookieJarResponse,
  CookiePolicy,
  CookiePolicyConflictError,
  type CookiePolicyRequirements,
  CookieValidationError,
  cookiePolicySchema,
  type SameSite,
} from '../src/index.js';
import { PREFIXES } from '../src/rules/prefixes.js';

const DAY = 86400;

/** `[path, code]` of every issue, for comparing without message text. */
function pathsAndCodes(issues: readonly CookieIssue[]): [string, string][] {
  return issues.map((i) => [i.path.join('.'), i.code]);
}

/** The error `fn` throws; fails the test when it throws nothing. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  expect.fail('expected a throw');
}

function conflictOf(fn: () => unknown): CookiePolicyConflictError {
  const error = thrown(fn);
  expect(error).to.be.instanceOf(CookiePolicyConflictError);
  expect(error).to.be.instanceOf(CookieError);
  expect((error as CookieError).code).to.equal('policy_conflict');
  return error as CookiePolicyConflictError;
}

function validationOf(fn: () => unknown): CookieValidationError {
  const error = thrown(fn);
  expect(error).to.be.instanceOf(CookieValidationError);
  return error as CookieValidationError;
}

/** The issues a builder's build() reports (empty when it builds). */
function buildIssues(builder: CookieBuilder<string>): readonly CookieIssue[] {
  const result = builder.safeBuild();
  return result.success ? [] : result.error.issues;
}

const team = CookiePolicy.define({
  name: 'team-default',
  defaults: { path: '/', secure: true, httpOnly: true, sameSite: 'Lax' },
  require: { secure: true, sameSite: ['Lax', 'Strict'], maxLifetime: { days: 30 } },
});

describe('CookiePolicy', () => {
  describe('.define()', () => {
    it('returns a frozen policy with its name', () => {
      expect(team.name).to.equal('team-default');
      expect(Object.isFrozen(team)).to.equal(true);
      expect(team).to.be.instanceOf(CookiePolicy);
    });

    it('hands out a copy of the defaults, so changing it changes nothing', () => {
      const defaults = team.defaults as { path?: string };
      defaults.path = '/changed';
      expect(team.defaults.path).to.equal('/');
    });

    it('normalises requirements: lifetimes in seconds, one SameSite as is', () => {
      expect(team.toJSON()).to.deep.equal({
        name: 'team-default',
        defaults: { path: '/', secure: true, httpOnly: true, sameSite: 'Lax' },
        require: { secure: true, sameSite: ['Strict', 'Lax'], maxLifetime: 30 * DAY },
      });
    });

    it('refuses an unknown requirement with the path of the key', () => {
      const error = validationOf(() =>
        CookiePolicy.define({
          name: 'typo',
          // @ts-expect-error: not a requirement
          require: { sameSiteMode: 'Lax' },
        }),
      );
      expect(pathsAndCodes(error.issues)).to.deep.equal([['require.sameSiteMode', 'unknown_key']]);
    });

    it('refuses a default that is not a valid attribute, with its path and rule', () => {
      const error = validationOf(() =>
        CookiePolicy.define({ name: 'bad', defaults: { path: 'no-slash' } }),
      );
      expect(pathsAndCodes(error.issues)).to.deep.equal([['defaults.path', 'path_syntax']]);
    });

    it('refuses an empty name', () => {
      const error = validationOf(() => CookiePolicy.define({ name: '' }));
      expect(error.issues.map((i) => i.path.join('.'))).to.deep.equal(['name']);
    });

    it('refuses a custom rule without check() or without a message', () => {
      const noCheck = validationOf(() =>
        CookiePolicy.define({
          name: 'c',
          require: { custom: { message: 'm' } as never },
        }),
      );
      expect(pathsAndCodes(noCheck.issues)).to.deep.equal([
        ['require.custom.check', 'invalid_type'],
      ]);
      const noMessage = validationOf(() =>
        CookiePolicy.define({
          name: 'c',
          require: { custom: [{ check: () => true, message: '' }] },
        }),
      );
      expect(pathsAndCodes(noMessage.issues)).to.deep.equal([
        ['require.custom.0.message', 'invalid_type'],
      ]);
    });

    it('refuses a default that breaks its own requirement', () => {
      const error = conflictOf(() =>
        CookiePolicy.define({
          name: 'self',
          defaults: { sameSite: 'None', secure: true },
          require: { sameSite: ['Lax', 'Strict'] },
        }),
      );
      expect(error.path).to.deep.equal(['defaults', 'sameSite']);
      expect(error.policies).to.deep.equal(['self']);
    });

    it('refuses requirements that exclude each other (__Host- and a Domain)', () => {
      const error = conflictOf(() =>
        CookiePolicy.define({
          name: 'self',
          require: { prefix: '__Host-', domain: 'example.com' },
        }),
      );
      expect(error.path).to.deep.equal(['require', 'domain']);
    });

    it('refuses SameSite=None or Partitioned together with secure: false', () => {
      expect(
        conflictOf(() =>
          CookiePolicy.define({ name: 'x', require: { sameSite: 'None', secure: false } }),
        ).path,
      ).to.deep.equal(['require', 'secure']);
      expect(
        conflictOf(() =>
          CookiePolicy.define({ name: 'x', require: { partitioned: true, secure: false } }),
        ).path,
      ).to.deep.equal(['require', 'secure']);
    });

    it('throws only CookieError for any input', () => {
      fc.assert(
        fc.property(fc.anything(), (input) => {
          try {
            CookiePolicy.define(input as never);
          } catch (error) {
            expect(error).to.be.instanceOf(CookieError);
          }
        }),
        { numRuns: 200 },
      );
    });
  });

  describe('defaults through CookieBuilder#apply()', () => {
    it('fills every attribute the builder has not set', () => {
      const cookie = Cookie.builder('sid', 'abc').apply(team).build();
      expect(cookie.path).to.equal('/');
      expect(cookie.secure).to.equal(true);
      expect(cookie.httpOnly).to.equal(true);
      expect(cookie.sameSite).to.equal('Lax');
    });

    it('keeps values set explicitly before apply()', () => {
      const cookie = Cookie.builder('sid', 'abc')
        .path('/account')
        .sameSite('Strict')
        .httpOnly(false)
        .apply(team)
        .build();
      expect(cookie.path).to.equal('/account');
      expect(cookie.sameSite).to.equal('Strict');
      expect(cookie.httpOnly).to.equal(false);
    });

    it('keeps values set explicitly after apply()', () => {
      const cookie = Cookie.builder('sid', 'abc')
        .apply(team)
        .path('/api')
        .sameSite('strict')
        .build();
      expect(cookie.path).to.equal('/api');
      expect(cookie.sameSite).to.equal('Strict');
    });

    it('returns a new builder and leaves the original unchanged', () => {
      const base = Cookie.builder('sid', 'abc');
      const applied = base.apply(team);
      expect(applied).to.not.equal(base);
      expect(base.toConfig()).to.deep.equal({ name: 'sid', value: 'abc' });
      expect(base.build().secure).to.equal(false);
    });

    it('shows the filled defaults in toConfig()', () => {
      expect(Cookie.builder('sid', 'abc').apply(team).toConfig()).to.deep.equal({
        name: 'sid',
        value: 'abc',
        path: '/',
        secure: true,
        httpOnly: true,
        sameSite: 'Lax',
      });
    });

    it('keeps the policy through later builder calls, so its rules still apply', () => {
      const issues = buildIssues(
        Cookie.builder('sid', 'abc').apply(team).value('other').secure(false),
      );
      expect(pathsAndCodes(issues)).to.deep.equal([['secure', 'policy']]);
    });

    it('does not refill a lifetime that session() dropped', () => {
      const lasting = CookiePolicy.define({ name: 'lasting', defaults: { maxAge: 3600 } });
      const cookie = Cookie.builder('sid', 'abc').apply(lasting).session().build();
      expect(cookie.maxAge).to.equal(undefined);
    });

    it('property: each attribute is the explicit value when set, else the default', () => {
      const attrs = {
        path: fc.constantFrom('/', '/a', '/b'),
        secure: fc.boolean(),
        httpOnly: fc.boolean(),
        sameSite: fc.constantFrom<SameSite>('Strict', 'Lax'),
        maxAge: fc.constantFrom(0, 60, 3600),
      };
      fc.assert(
        fc.property(
          fc.record(attrs, { requiredKeys: [] }),
          fc.record(attrs, { requiredKeys: [] }),
          fc.boolean(),
          (defaults, explicit, before) => {
            const policy = CookiePolicy.define({ name: 'p', defaults });
            let builder = Cookie.builder('sid', 'v');
            if (!before) builder = builder.apply(policy);
            for (const [key, value] of Object.entries(explicit)) {
              builder = (builder as unknown as Record<string, (v: unknown) => typeof builder>)[
                key
              ]?.call(builder, value) as typeof builder;
            }
            if (before) builder = builder.apply(policy);
            const cookie = builder.build();
            for (const key of Object.keys(attrs) as (keyof typeof attrs)[]) {
              const want = key in explicit ? explicit[key] : defaults[key];
              const fallback = key === 'secure' || key === 'httpOnly' ? false : undefined;
              expect(cookie[key], key).to.equal(want ?? fallback);
            }
          },
        ),
        { numRuns: 200 },
      );
    });

    it('composes a second apply() with the first', () => {
      const builder = Cookie.builder('sid', 'abc').apply(team).apply(CookiePolicy.rfc6265);
      expect(builder.build().profile).to.equal('rfc6265');
      expect(pathsAndCodes(buildIssues(builder.profile('rfc2109')))).to.deep.equal([
        ['profile', 'policy'],
      ]);
    });

    it('refuses a second policy that conflicts with the first', () => {
      const error = conflictOf(() =>
        Cookie.builder('sid', 'abc').apply(team).apply(CookiePolicy.crossSite),
      );
      expect(error.policies).to.have.members(['team-default', 'crossSite']);
    });

    it('refuses something that is not a policy', () => {
      const error = thrown(() => Cookie.builder('sid', 'abc').apply({} as never));
      expect(error).to.be.instanceOf(CookieError);
      expect((error as CookieError).code).to.equal('invalid_policy');
    });
  });

  describe('requirements', () => {
    const inAWeek = () => new Date(Date.now() + 7 * DAY * 1000);
    const inAYear = () => new Date(Date.now() + 365 * DAY * 1000);
    const base = () => Cookie.builder('sid', 'abc').profile('rfc6265');
    const cases: {
      title: string;
      require: CookiePolicyRequirements;
      pass: () => CookieBuilder<string>;
      fail: () => CookieBuilder<string>;
      path: string;
    }[] = [
      {
        title: 'secure: true',
        require: { secure: true },
        pass: () => base().secure(),
        fail: () => base(),
        path: 'secure',
      },
      {
        title: 'secure: false',
        require: { secure: false },
        pass: () => base(),
        fail: () => base().secure(),
        path: 'secure',
      },
      {
        title: 'httpOnly',
        require: { httpOnly: true },
        pass: () => base().httpOnly(),
        fail: () => base().httpOnly(false),
        path: 'httpOnly',
      },
      {
        title: 'partitioned',
        require: { partitioned: true },
        pass: () => base().secure().partitioned(),
        fail: () => base().secure(),
        path: 'partitioned',
      },
      {
        title: 'sameSite, one value',
        require: { sameSite: 'Strict' },
        pass: () => base().sameSite('strict'),
        fail: () => base().sameSite('Lax'),
        path: 'sameSite',
      },
      {
        title: 'sameSite, a list',
        require: { sameSite: ['Lax', 'Strict'] },
        pass: () => base().sameSite('Lax'),
        fail: () => base().sameSite('None').secure(),
        path: 'sameSite',
      },
      {
        title: 'sameSite, absent counts as not met',
        require: { sameSite: ['Lax', 'Strict', 'None'] },
        pass: () => base().sameSite('None').secure(),
        fail: () => base(),
        path: 'sameSite',
      },
      {
        title: 'path',
        require: { path: '/app' },
        pass: () => base().path('/app'),
        fail: () => base().path('/'),
        path: 'path',
      },
      {
        title: 'domain, compared without case or leading dot',
        require: { domain: 'Example.com' },
        pass: () => Cookie.builder('sid', 'abc').domain('.example.COM'),
        fail: () => base().domain('other.example.com'),
        path: 'domain',
      },
      {
        title: 'domain: false (host-only)',
        require: { domain: false },
        pass: () => base(),
        fail: () => base().domain('example.com'),
        path: 'domain',
      },
      {
        title: 'profile',
        require: { profile: 'rfc6265' },
        pass: () => base(),
        fail: () => Cookie.builder('sid', 'abc'),
        path: 'profile',
      },
      {
        title: 'prefix, matched case-insensitively',
        require: { prefix: '__Secure-' },
        pass: () => Cookie.builder('__SECURE-sid', 'abc').secure(),
        fail: () => Cookie.builder('sid', 'abc').secure(),
        path: 'name',
      },
      {
        title: 'prefix __Host- is met by __Host-Http- (the name starts with it)',
        require: { prefix: '__Host-' },
        pass: () => Cookie.builder('__Host-Http-sid', 'abc').secure().httpOnly().path('/'),
        fail: () => Cookie.builder('__Secure-sid', 'abc').secure().path('/'),
        path: 'name',
      },
      {
        title: 'maxLifetime against Max-Age',
        require: { maxLifetime: { days: 30 } },
        pass: () => base().maxAge({ days: 30 }),
        fail: () => base().maxAge(30 * DAY + 1),
        path: 'maxAge',
      },
      {
        title: 'maxLifetime against Expires, relative to now',
        require: { maxLifetime: { days: 30 } },
        pass: () => base().expires(inAWeek()),
        fail: () => base().expires(inAYear()),
        path: 'expires',
      },
      {
        title: 'session: true (no Max-Age)',
        require: { session: true },
        pass: () => base(),
        fail: () => base().maxAge(60),
        path: 'maxAge',
      },
      {
        title: 'session: true (no Expires)',
        require: { session: true },
        pass: () => base().maxAge(60).session(),
        fail: () => base().expires(inAWeek()),
        path: 'expires',
      },
      {
        title: 'session: false (persistent)',
        require: { session: false },
        pass: () => base().expires(inAWeek()),
        fail: () => base(),
        path: 'maxAge',
      },
      {
        title: 'encoding',
        require: { encoding: 'base64url' },
        pass: () => base().encoding('base64url'),
        fail: () => base(),
        path: 'encoding',
      },
      {
        title: 'custom rule',
        require: {
          custom: { check: (c) => /^[a-z]+$/.test(c.name), message: 'lowercase', path: ['name'] },
        },
        pass: () => base(),
        fail: () => Cookie.builder('SID', 'abc').profile('rfc6265'),
        path: 'name',
      },
      {
        title: 'custom rule that throws (counts as not met)',
        require: {
          custom: {
            check: (c) => {
              if (c.value === 'boom') throw new Error('boom');
              return true;
            },
            message: 'does not explode',
          },
        },
        pass: () => base(),
        fail: () => base().value('boom'),
        path: '',
      },
    ];

    for (const { title, require, pass, fail, path } of cases) {
      describe(title, () => {
        const policy = CookiePolicy.define({ name: 'rule', require });

        it('builds a cookie that meets it', () => {
          expect(buildIssues(pass().apply(policy))).to.deep.equal([]);
          expect(policy.check(pass().build())).to.deep.equal([]);
        });

        it('refuses one that does not, with code "policy", the field and the policy', () => {
          const issues = buildIssues(fail().apply(policy));
          expect(pathsAndCodes(issues)).to.deep.equal([[path, 'policy']]);
          expect(issues[0]?.source).to.include('"rule"');
          expect(pathsAndCodes(policy.check(fail().build()))).to.deep.equal([[path, 'policy']]);
        });
      });
    }

    it('lets a removal cookie through lifetime requirements', () => {
      const policy = CookiePolicy.define({
        name: 'short',
        require: { session: true, maxLifetime: 60 },
      });
      const removal = Cookie.builder('sid', 'abc').maxAge(3600).removal().apply(policy).build();
      expect(removal.maxAge).to.equal(0);
      expect(policy.check(removal)).to.deep.equal([]);
    });

    it('reports schema issues and policy issues in one error', () => {
      const error = validationOf(() =>
        Cookie.builder('sid', 'abc')
          .domain('example.com')
          .apply(CookiePolicy.define({ name: 'p', require: { secure: true, path: '/' } }))
          .build(),
      );
      expect(pathsAndCodes(error.issues)).to.deep.equal([
        ['domain', 'domain_leading_dot'],
        ['secure', 'policy'],
        ['path', 'policy'],
      ]);
      expect(error.cookieName).to.equal('sid');
    });

    it('skips a requirement on a field the schema already refuses', () => {
      const issues = buildIssues(
        Cookie.builder('sid', 'abc')
          .sameSite('sideways' as never)
          .apply(CookiePolicy.define({ name: 'p', require: { sameSite: 'Lax' } })),
      );
      expect(pathsAndCodes(issues)).to.deep.equal([['sameSite', 'same_site_value']]);
    });

    it('runs custom rules only on an otherwise valid cookie', () => {
      let calls = 0;
      const policy = CookiePolicy.define({
        name: 'p',
        require: {
          custom: {
            check: () => {
              calls++;
              return false;
            },
            message: 'never',
          },
        },
      });
      buildIssues(Cookie.builder('sid', 'bad value;').encoding('raw').apply(policy));
      expect(calls).to.equal(0);
    });
    it('runs a custom rule once per cookie, however often its policy is composed in', () => {
      let calls = 0;
      const counted = CookiePolicy.define({
        name: 'counted',
        require: { custom: { check: () => ++calls > 0, message: 'counted' } },
      });
      const other = CookiePolicy.define({ name: 'other', require: { httpOnly: true } });
      const lax = Cookie.builder('sid', 'abc').httpOnly().build();
      const cases: [string, () => unknown][] = [
        ['counted & other & counted', () => counted.and(other).and(counted).check(lax)],
        [
          'a builder under counted, added to a jar of counted & other',
          () =>
            new CookieJarResponse({ policy: counted.and(other) }).add(
              Cookie.builder('sid', 'abc').httpOnly().apply(counted),
            ),
        ],
        [
          'a built cookie added to a jar of counted & (other & counted)',
          () => new CookieJarResponse({ policy: counted.and(other.and(counted)) }).add(lax),
        ],
      ];
      for (const [title, run] of cases) {
        calls = 0;
        run();
        expect(calls, title).to.equal(1);
      }
      const twin = CookiePolicy.define({
        name: 'twin',
        require: { custom: { check: () => ++calls > 0, message: 'counted' } },
      });
      calls = 0;
      counted.and(twin).check(lax);
      expect(calls, 'two rules that look alike are two rules').to.equal(2);
    });
  });

  describe('#check() and #enforce()', () => {
    const loose = Cookie.builder('sid', 'abc').build();

    it('check() returns the frozen list of issues of a built cookie', () => {
      const issues = team.check(loose);
      expect(Object.isFrozen(issues)).to.equal(true);
      expect(pathsAndCodes(issues)).to.deep.equal([
        ['secure', 'policy'],
        ['sameSite', 'policy'],
      ]);
    });

    it('enforce() returns a cookie that complies', () => {
      const ok = Cookie.builder('sid', 'abc').apply(team).build();
      expect(team.enforce(ok)).to.equal(ok);
    });

    it('throws only CookieError (invalid_cookie) for anything but a Cookie', () => {
      fc.assert(
        fc.property(fc.anything(), (input) => {
          for (const call of [
            () => team.check(input as never),
            () => team.enforce(input as never),
          ]) {
            const error = thrown(call);
            expect(error).to.be.instanceOf(CookieError);
            expect((error as CookieError).code).to.equal('invalid_cookie');
          }
        }),
        { numRuns: 100 },
      );
    });

    it('refuses with invalid_cookie an object that carries the Cookie brand but is no cookie', () => {
      const brand = Symbol.for('cookiesmith.Cookie');
      const unreadable = Object.create(Cookie.prototype) as Cookie;
      const throwing = new Proxy(
        {},
        {
          has() {
            throw new TypeError('trap');
          },
        },
      );
      const wrongTypes = { [brand]: true, name: 'sid', secure: 'yes', expires: 'soon' };
      for (const input of [unreadable, throwing, wrongTypes]) {
        for (const call of [() => team.check(input as never), () => team.enforce(input as never)]) {
          const error = thrown(call);
          expect(error).to.be.instanceOf(CookieError);
          expect((error as CookieError).code).to.equal('invalid_cookie');
        }
      }
    });

    it('enforce() throws a CookieValidationError naming the cookie', () => {
      const error = validationOf(() => team.enforce(loose));
      expect(error.cookieName).to.equal('sid');
      expect(error.issues.every((i) => i.code === 'policy')).to.equal(true);
    });
  });

  describe('#and()', () => {
    const a = CookiePolicy.define({
      name: 'a',
      defaults: { path: '/', secure: true },
      require: { sameSite: ['Lax', 'Strict'], maxLifetime: 3600 },
    });
    const b = CookiePolicy.define({
      name: 'b',
      defaults: { httpOnly: true, secure: true },
      require: { sameSite: ['Strict', 'None'], maxLifetime: 60, secure: true },
    });

    it('combines defaults, intersects lists and keeps the shorter lifetime', () => {
      expect(a.and(b).toJSON()).to.deep.equal({
        name: 'a & b',
        defaults: { path: '/', secure: true, httpOnly: true },
        require: { secure: true, sameSite: 'Strict', maxLifetime: 60 },
      });
    });

    it('keeps the longer of two prefixes when one starts with the other', () => {
      const host = CookiePolicy.define({ name: 'h', require: { prefix: '__Host-' } });
      const hostHttp = CookiePolicy.define({ name: 'hh', require: { prefix: '__Host-Http-' } });
      expect(host.and(hostHttp).toJSON().require).to.deep.equal({ prefix: '__Host-Http-' });
      expect(hostHttp.and(host).toJSON().require).to.deep.equal({ prefix: '__Host-Http-' });
    });

    it('adds up custom rules', () => {
      const x = CookiePolicy.define({
        name: 'x',
        require: { custom: { check: (c) => c.value !== 'x', message: 'not x' } },
      });
      const y = CookiePolicy.define({
        name: 'y',
        require: { custom: { check: (c) => c.value !== 'y', message: 'not y' } },
      });
      const both = x.and(y);
      expect(both.check(Cookie.builder('n', 'x').build()).map((i) => i.source)).to.deep.equal([
        'policy "x"',
      ]);
      expect(both.check(Cookie.builder('n', 'y').build()).map((i) => i.source)).to.deep.equal([
        'policy "y"',
      ]);
    });

    it('names the policies a violated requirement comes from', () => {
      const c = CookiePolicy.define({ name: 'c', require: { httpOnly: true } });
      const issues = a.and(b).and(c).check(Cookie.builder('n', 'v').sameSite('Lax').build());
      const byPath = Object.fromEntries(issues.map((i) => [i.path.join('.'), i.source]));
      expect(byPath).to.deep.equal({
        secure: 'policy "b"',
        httpOnly: 'policy "c"',
        sameSite: 'policy "a & b"',
      });
    });

    it('returns the same policy when composed with itself', () => {
      expect(team.and(team)).to.equal(team);
    });

    it('is a new frozen policy and leaves both sides unchanged', () => {
      const both = a.and(b);
      expect(Object.isFrozen(both)).to.equal(true);
      expect(a.toJSON().require).to.deep.equal({ sameSite: ['Strict', 'Lax'], maxLifetime: 3600 });
    });

    describe('conflicts (CookiePolicyConflictError naming both policies and the attribute)', () => {
      const define = (
        name: string,
        body: Omit<Parameters<typeof CookiePolicy.define>[0], 'name'>,
      ) => CookiePolicy.define({ name, ...body });
      const conflicts: [string, () => unknown, string[]][] = [
        [
          'defaults that disagree',
          () =>
            define('one', { defaults: { path: '/' } }).and(
              define('two', { defaults: { path: '/app' } }),
            ),
          ['defaults', 'path'],
        ],
        [
          'SameSite lists without a common value',
          () =>
            define('one', { require: { sameSite: ['Lax', 'Strict'] } }).and(
              define('two', { require: { sameSite: 'None' } }),
            ),
          ['require', 'sameSite'],
        ],
        [
          'different required paths',
          () =>
            define('one', { require: { path: '/' } }).and(
              define('two', { require: { path: '/a' } }),
            ),
          ['require', 'path'],
        ],
        [
          'prefixes neither of which starts with the other',
          () =>
            define('one', { require: { prefix: '__Secure-' } }).and(
              define('two', { require: { prefix: '__Host-' } }),
            ),
          ['require', 'prefix'],
        ],
        [
          'a required Domain against a host-only requirement',
          () =>
            define('one', { require: { domain: 'example.com' } }).and(
              define('two', { require: { domain: false } }),
            ),
          ['require', 'domain'],
        ],
        [
          'session against persistent',
          () =>
            define('one', { require: { session: true } }).and(
              define('two', { require: { session: false } }),
            ),
          ['require', 'session'],
        ],
        [
          'a default of one that breaks a requirement of the other',
          () =>
            define('one', { defaults: { sameSite: 'None', secure: true } }).and(
              define('two', { require: { sameSite: ['Lax', 'Strict'] } }),
            ),
          ['defaults', 'sameSite'],
        ],
        [
          'a default lifetime longer than the other’s maxLifetime',
          () =>
            define('one', { require: { maxLifetime: { hours: 1 } } }).and(
              define('two', { defaults: { maxAge: { days: 1 } } }),
            ),
          ['defaults', 'maxAge'],
        ],
        [
          'a __Host- prefix against a default domain',
          () =>
            define('one', { require: { prefix: '__Host-' } }).and(
              define('two', { defaults: { domain: '.example.com' } }),
            ),
          ['defaults', 'domain'],
        ],
        [
          'a __Host- prefix against a required path other than /',
          () =>
            define('one', { require: { path: '/app' } }).and(
              define('two', { require: { prefix: '__Host-' } }),
            ),
          ['require', 'path'],
        ],
      ];
      for (const [title, compose, path] of conflicts) {
        it(title, () => {
          const error = conflictOf(compose);
          expect(error.path).to.deep.equal(path);
          expect(error.policies).to.have.members(['one', 'two']);
        });
      }

      it('holds every prefix to what PREFIXES says it needs', () => {
        for (const needs of PREFIXES) {
          const prefixed = define('one', { require: { prefix: needs.prefix } });
          /** Whether composing with a policy of `body` is a conflict. */
          const refused = (body: Omit<Parameters<typeof CookiePolicy.define>[0], 'name'>) => {
            try {
              prefixed.and(define('two', body));
              return false;
            } catch (error) {
              return error instanceof CookiePolicyConflictError;
            }
          };
          expect(refused({ require: { secure: false } }), needs.prefix).to.equal(true);
          expect(refused({ defaults: { secure: false } }), needs.prefix).to.equal(true);
          for (const body of [{ require: { httpOnly: false } }, { defaults: { httpOnly: false } }])
            expect(refused(body), `${needs.prefix} httpOnly`).to.equal(needs.httpOnly);
          for (const body of [
            { require: { domain: 'example.com' } },
            { defaults: { domain: '.example.com' } },
            { require: { path: '/app' } },
            { defaults: { path: '/app' } },
          ])
            expect(refused(body), `${needs.prefix} host-only`).to.equal(needs.hostOnly);
        }
      });

      it('secureSession and crossSite (SameSite Lax vs None)', () => {
        const error = conflictOf(() => CookiePolicy.secureSession.and(CookiePolicy.crossSite));
        expect(error.path[1]).to.equal('sameSite');
        expect(error.policies).to.have.members(['secureSession', 'crossSite']);
      });

      it('refuses something that is not a policy', () => {
        const error = thrown(() => team.and('strict' as never));
        expect(error).to.be.instanceOf(CookieError);
      });
    });

    describe('associativity', () => {
      const sameSites = fc.subarray<SameSite>(['Strict', 'Lax', 'None'], { minLength: 1 });
      const policyArb = (name: string) =>
        fc
          .record(
            {
              defaults: fc.record(
                {
                  secure: fc.boolean(),
                  httpOnly: fc.boolean(),
                  path: fc.constantFrom('/', '/app'),
                  sameSite: fc.constantFrom<SameSite>('Strict', 'Lax', 'None'),
                  maxAge: fc.constantFrom(0, 60, 3600),
                },
                { requiredKeys: [] },
              ),
              require: fc.record(
                {
                  secure: fc.boolean(),
                  httpOnly: fc.boolean(),
                  sameSite: sameSites,
                  path: fc.constantFrom('/', '/app'),
                  domain: fc.constantFrom<string | false>('example.com', 'a.example.com', false),
                  prefix: fc.constantFrom(
                    '__Secure-',
                    '__Host-',
                    '__Http-',
                    '__Host-Http-' as const,
                  ),
                  maxLifetime: fc.constantFrom(60, 3600, 86400),
                  session: fc.boolean(),
                },
                { requiredKeys: [] },
              ),
            },
            { requiredKeys: [] },
          )
          .map((body) => {
            try {
              return CookiePolicy.define({ name, ...body } as never) as CookiePolicy;
            } catch {
              return CookiePolicy.define({ name });
            }
          });

      type Outcome = { ok: true; json: unknown } | { ok: false };
      const outcome = (compose: () => CookiePolicy): Outcome => {
        try {
          return { ok: true, json: compose().toJSON() };
        } catch (error) {
          expect(error).to.be.instanceOf(CookiePolicyConflictError);
          return { ok: false };
        }
      };

      it('(a & b) & c equals a & (b & c): same defaults, requirements and conflicts', () => {
        let bothOk = 0;
        fc.assert(
          fc.property(policyArb('a'), policyArb('b'), policyArb('c'), (a, b, c) => {
            const left = outcome(() => a.and(b).and(c));
            const right = outcome(() => a.and(b.and(c)));
            expect(left).to.deep.equal(right);
            if (left.ok) bothOk++;
          }),
          { numRuns: 300 },
        );
        // The property is only worth something if some compositions succeed.
        expect(bothOk).to.be.greaterThan(10);
      });

      it('also for the checks: the same issues for the same cookie', () => {
        let composed = 0;
        fc.assert(
          fc.property(
            policyArb('a'),
            policyArb('b'),
            policyArb('c'),
            fc.constantFrom('sid', '__Host-sid', '__Secure-sid'),
            fc.boolean(),
            fc.constantFrom<SameSite>('Strict', 'Lax', 'None'),
            (a, b, c, name, httpOnly, sameSite) => {
              let left: CookiePolicy;
              let right: CookiePolicy;
              try {
                left = a.and(b).and(c);
                right = a.and(b.and(c));
              } catch {
                return;
              }
              composed++;
              const cookie = Cookie.builder(name, 'v')
                .secure()
                .path('/')
                .httpOnly(httpOnly)
                .sameSite(sameSite)
                .build();
              expect(left.check(cookie)).to.deep.equal(right.check(cookie));
            },
          ),
          { numRuns: 300 },
        );
        expect(composed).to.be.greaterThan(10);
      });
    });
  });

  describe('presets', () => {
    it('secureSession: Secure, HttpOnly, SameSite=Lax, Path=/ and no lifetime', () => {
      const cookie = Cookie.builder('sid', 'abc')
        .profile('rfc6265')
        .apply(CookiePolicy.secureSession)
        .build();
      expect(cookie.toString()).to.equal('sid=abc; Path=/; Secure; HttpOnly; SameSite=Lax');
      const issues = buildIssues(
        Cookie.builder('sid', 'abc').apply(CookiePolicy.secureSession).maxAge({ days: 1 }),
      );
      expect(pathsAndCodes(issues)).to.deep.equal([['maxAge', 'policy']]);
    });

    it('hostOnly: the __Host- rules', () => {
      const cookie = Cookie.builder('__Host-sid', 'abc')
        .profile('rfc6265')
        .apply(CookiePolicy.hostOnly)
        .build();
      expect(cookie.toString()).to.equal('__Host-sid=abc; Path=/; Secure');
      const plain = Cookie.builder('sid' as string, 'abc').domain('.example.com');
      expect(pathsAndCodes(buildIssues(plain.apply(CookiePolicy.hostOnly)))).to.deep.equal([
        ['name', 'policy'],
        ['domain', 'policy'],
      ]);
    });

    it('crossSite: SameSite=None, Secure, Partitioned', () => {
      const cookie = Cookie.builder('embed', 'abc')
        .profile('rfc6265')
        .apply(CookiePolicy.crossSite)
        .build();
      expect(cookie.toString()).to.equal('embed=abc; Secure; SameSite=None; Partitioned');
      const issues = buildIssues(
        Cookie.builder('embed', 'abc').sameSite('Lax').apply(CookiePolicy.crossSite),
      );
      expect(pathsAndCodes(issues)).to.deep.equal([['sameSite', 'policy']]);
    });

    it('rfc6265: the modern profile, no Version', () => {
      const cookie = Cookie.builder('sid', 'abc').apply(CookiePolicy.rfc6265).build();
      expect(cookie.profile).to.equal('rfc6265');
      expect(cookie.toString()).to.equal('sid=abc');
      const issues = buildIssues(
        Cookie.builder('sid', 'abc').profile('rfc2109').apply(CookiePolicy.rfc6265),
      );
      expect(pathsAndCodes(issues)).to.deep.equal([['profile', 'policy']]);
    });

    it('compose: hostOnly & secureSession & rfc6265', () => {
      const policy = CookiePolicy.hostOnly
        .and(CookiePolicy.secureSession)
        .and(CookiePolicy.rfc6265);
      const cookie = Cookie.builder('__Host-sid', 'abc').apply(policy).build();
      expect(cookie.toString()).to.equal('__Host-sid=abc; Path=/; Secure; HttpOnly; SameSite=Lax');
    });

    it('are frozen', () => {
      for (const preset of [
        CookiePolicy.secureSession,
        CookiePolicy.hostOnly,
        CookiePolicy.crossSite,
        CookiePolicy.rfc6265,
      ]) {
        expect(Object.isFrozen(preset)).to.equal(true);
      }
    });
  });

  describe('.from() and cookiePolicySchema (policies as configuration)', () => {
    const json = JSON.parse(
      '{"name":"from-config","defaults":{"path":"/","secure":true,"sameSite":"lax"},"require":{"secure":true,"sameSite":["Lax","Strict"],"maxLifetime":{"days":7}}}',
    );

    it('reads a policy from a parsed JSON object', () => {
      const policy = CookiePolicy.from(json);
      expect(policy.name).to.equal('from-config');
      const cookie = Cookie.builder('sid', 'abc').apply(policy).build();
      expect(cookie.sameSite).to.equal('Lax');
      expect(pathsAndCodes(policy.check(cookie.with({ maxAge: 8 * DAY })))).to.deep.equal([
        ['maxAge', 'policy'],
      ]);
    });

    it('round-trips through toJSON()', () => {
      const policy = CookiePolicy.from(json);
      expect(CookiePolicy.from(JSON.parse(JSON.stringify(policy))).toJSON()).to.deep.equal(
        policy.toJSON(),
      );
    });

    it('points at a wrong key under require', () => {
      const error = validationOf(() =>
        CookiePolicy.from({ name: 'p', require: { samesite: 'Lax' } }),
      );
      expect(pathsAndCodes(error.issues)).to.deep.equal([['require.samesite', 'unknown_key']]);
    });

    it('points at a wrong key at the top and under defaults', () => {
      const error = validationOf(() =>
        CookiePolicy.from({ name: 'p', requires: {}, defaults: { max_age: 60 } }),
      );
      expect(pathsAndCodes(error.issues)).to.have.deep.members([
        ['requires', 'unknown_key'],
        ['defaults.max_age', 'unknown_key'],
      ]);
    });

    it('points at a wrong value', () => {
      const error = validationOf(() =>
        CookiePolicy.from({
          name: 'p',
          require: { sameSite: ['Lax', 'Sometimes'], maxLifetime: -1 },
        }),
      );
      const paths = error.issues.map((i) => i.path.join('.'));
      expect(paths).to.include('require.sameSite');
      expect(paths.some((p) => p.startsWith('require.maxLifetime'))).to.equal(true);
    });

    it('has no custom rules: they are code', () => {
      const error = validationOf(() =>
        CookiePolicy.from({ name: 'p', require: { custom: { message: 'x' } } }),
      );
      expect(pathsAndCodes(error.issues)).to.deep.equal([['require.custom', 'unknown_key']]);
    });

    it('returns a policy given to it as it is', () => {
      expect(CookiePolicy.from(team)).to.equal(team);
    });

    it('refuses what is not an object', () => {
      expect(validationOf(() => CookiePolicy.from('strict')).issues[0]?.path).to.deep.equal([]);
    });

    it('is a zod schema an application can embed in its own config schema', () => {
      const result = cookiePolicySchema.safeParse({ name: 'p', require: { prefix: '__Host-' } });
      expect(result.success).to.equal(true);
    });

    it('throws only CookieError for any input', () => {
      fc.assert(
        fc.property(fc.anything(), (input) => {
          try {
            CookiePolicy.from(input);
          } catch (error) {
            expect(error).to.be.instanceOf(CookieError);
          }
        }),
        { numRuns: 200 },
      );
    });
  });

  describe('in a CookieJarResponse ({ policy })', () => {
    const jar = () => new CookieJarResponse({ policy: CookiePolicy.secureSession });

    it('fills the defaults of an added builder and keeps its explicit values', () => {
      const out = jar()
        .add(Cookie.builder('sid', 'abc').profile('rfc6265'))
        .add(Cookie.builder('lang', 'en').profile('rfc6265').sameSite('Lax').httpOnly());
      expect(out.setCookieHeaders()).to.deep.equal([
        'sid=abc; Path=/; Secure; HttpOnly; SameSite=Lax',
        'lang=en; Path=/; Secure; HttpOnly; SameSite=Lax',
      ]);
    });

    it('refuses an added Cookie that breaks the policy, and leaves the jar unchanged', () => {
      const before = jar();
      const loose = Cookie.builder('sid', 'abc').path('/').maxAge(60).build();
      const error = validationOf(() => before.add(loose));
      expect(pathsAndCodes(error.issues)).to.deep.equal([
        ['secure', 'policy'],
        ['httpOnly', 'policy'],
        ['sameSite', 'policy'],
        ['maxAge', 'policy'],
      ]);
      expect(before.size).to.equal(0);
    });

    it('refuses an added builder whose explicit values break the policy', () => {
      const error = validationOf(() => jar().add(Cookie.builder('sid', 'abc').sameSite('Strict')));
      expect(pathsAndCodes(error.issues)).to.deep.equal([['sameSite', 'policy']]);
    });

    it('applies the policy to sendCookie(), defaults and requirements', () => {
      const out = jar().sendCookie('sid', 'abc', { profile: 'rfc6265' });
      expect(out.setCookieHeaders()).to.deep.equal([
        'sid=abc; Path=/; Secure; HttpOnly; SameSite=Lax',
      ]);
      const error = validationOf(() => jar().sendCookie('sid', 'abc', { maxAge: 3600 }));
      expect(pathsAndCodes(error.issues)).to.deep.equal([['maxAge', 'policy']]);
    });

    it('reports sendCookie() schema and policy issues together', () => {
      const error = validationOf(() =>
        jar().sendCookie('sid', 'abc', { domain: 'example.com', secure: false }),
      );
      expect(pathsAndCodes(error.issues)).to.deep.equal([
        ['domain', 'domain_leading_dot'],
        ['secure', 'policy'],
      ]);
    });

    it('lets delete() through: a removal gets the defaults and has no lifetime to limit', () => {
      const out = jar().delete('sid', { profile: 'rfc6265' });
      const removal = out.get('sid');
      expect(removal?.maxAge).to.equal(0);
      expect(removal?.path).to.equal('/');
      expect(removal?.secure).to.equal(true);
      expect(removal?.httpOnly).to.equal(true);
    });

    it('refuses a delete() outside the scope the policy requires', () => {
      const scoped = new CookieJarResponse({
        policy: CookiePolicy.define({
          name: 'scoped',
          require: { domain: 'example.com', profile: 'rfc6265' },
        }),
      });
      expect(scoped.delete('sid', { domain: 'example.com', profile: 'rfc6265' }).size).to.equal(1);
      const error = validationOf(() => scoped.delete('sid', { profile: 'rfc6265' }));
      expect(pathsAndCodes(error.issues)).to.deep.equal([['domain', 'policy']]);
    });

    it('keeps the policy in every jar derived from it', () => {
      const one = jar().add(Cookie.builder('a', '1'));
      const error = validationOf(() => one.add(Cookie.builder('b', '2').build()));
      expect(error.issues.every((i) => i.code === 'policy')).to.equal(true);
    });

    it('composes the jar policy with a builder’s own policy', () => {
      const out = jar().add(Cookie.builder('__Host-sid', 'abc').apply(CookiePolicy.hostOnly));
      expect(out.get('__Host-sid')?.httpOnly).to.equal(true);
      const error = conflictOf(() =>
        jar().add(Cookie.builder('embed', 'x').apply(CookiePolicy.crossSite)),
      );
      expect(error.policies).to.have.members(['crossSite', 'secureSession']);
    });

    it('refuses a policy option that is not a CookiePolicy', () => {
      const error = validationOf(
        () => new CookieJarResponse({ policy: { name: 'fake' } as unknown as CookiePolicy }),
      );
      expect(error.issues.map((i) => i.path.join('.'))).to.deep.equal(['policy']);
    });

    it('sends what a client stores, over node:http on 127.0.0.1', async () => {
      const server: Server = createServer((_req, res) => {
        jar().add(Cookie.builder('sid', 'abc').profile('rfc6265')).writeTo(res).end('ok');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = server.address() as AddressInfo;
        const response = await fetch(`http://127.0.0.1:${port}/`);
        await response.text();
        const lines = response.headers.getSetCookie();
        expect(lines).to.deep.equal(['sid=abc; Path=/; Secure; HttpOnly; SameSite=Lax']);
        const stored = ToughCookie.parse(lines[0] as string);
        expect(stored?.secure).to.equal(true);
        expect(stored?.httpOnly).to.equal(true);
        expect(stored?.sameSite).to.equal('lax');
        expect(stored?.path).to.equal('/');
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });
  });

  describe('types', () => {
    it('refuses a prefix policy on a literal name without the prefix', () => {
      const sid = Cookie.builder('sid', 'abc');
      // @ts-expect-error: hostOnly requires a __Host- name
      expect(() => sid.apply(CookiePolicy.hostOnly)).to.not.throw();
      const host: CookiePolicy<'__Host-'> = CookiePolicy.define({
        name: 'h',
        require: { prefix: '__Host-' },
      });
      Cookie.builder('__host-sid', 'abc').apply(host); // case-insensitive, as browsers match
      Cookie.builder('__Host-Http-sid', 'abc').apply(host);
      // @ts-expect-error: a __Secure- name does not start with __Host-
      Cookie.builder('__Secure-sid', 'abc').apply(host);
    });

    it('carries the prefix through composition', () => {
      const both: CookiePolicy<'__Host-Http-'> = CookiePolicy.hostOnly.and(
        CookiePolicy.define({ name: 'hh', require: { prefix: '__Host-Http-' } }),
      );
      expect(both.name).to.equal('hostOnly & hh');
      const plain: CookiePolicy<undefined> = CookiePolicy.secureSession.and(CookiePolicy.rfc6265);
      expect(plain.name).to.equal('secureSession & rfc6265');
    });
  });
});
