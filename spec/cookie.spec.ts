import { inspect } from 'node:util';
import { expect } from 'chai';
import {
  Cookie,
  CookieBuilder,
  type CookieConfig,
  CookieError,
  CookieValidationError,
} from '../src/index.js';
import { EVERY_ATTRIBUTE } from './support/fixtures.js';
import { issuesOf, onlyCookieErrors, rejects, thrownIssues } from './support/issues.js';

const FULL: CookieConfig = { ...EVERY_ATTRIBUTE, comment: 'session id', version: 1 };

/** Values of every type a caller could pass by mistake, with a label for the spec title. */
const JUNK: readonly (readonly [label: string, value: unknown])[] = [
  ['undefined', undefined],
  ['null', null],
  ['0', 0],
  ['-1', -1],
  ['NaN', Number.NaN],
  ['a bigint', 1n],
  ['an empty string', ''],
  ['a string', 'sid=abc'],
  ['true', true],
  ['an empty array', []],
  ['an array', ['sid', 'abc']],
  ['an empty object', {}],
  ['a symbol', Symbol('s')],
  ['a function', () => 1],
  ['an invalid Date', new Date(Number.NaN)],
  ['a Map', new Map([['name', 'sid']])],
  ['a null-prototype object', Object.create(null)],
  ['a fake Cookie', Object.create(Cookie.prototype)],
  [
    'a Proxy whose traps throw',
    new Proxy(
      {},
      {
        get() {
          throw new Error('trap');
        },
        has() {
          throw new Error('trap');
        },
        ownKeys() {
          throw new Error('trap');
        },
        getPrototypeOf() {
          throw new Error('trap');
        },
        getOwnPropertyDescriptor() {
          throw new Error('trap');
        },
      },
    ),
  ],
  [
    'an object whose getter throws',
    {
      name: 'sid',
      get value(): string {
        throw new Error('getter');
      },
    },
  ],
  [
    'an object whose getter throws something that cannot be printed',
    {
      name: 'sid',
      get value(): string {
        throw Object.create(null);
      },
    },
  ],
  [
    'an object whose getter throws something whose toString throws',
    {
      name: 'sid',
      value: 'abc',
      get path(): string {
        throw {
          toString() {
            throw new Error('toString');
          },
        };
      },
    },
  ],
];

describe('Cookie', () => {
  describe('.builder()', () => {
    it('builds the seed defaults: Version=1 and a leading-dot domain', () => {
      const cookie = Cookie.builder('sid', 'abc').domain('.example.com').path('/').build();
      expect(cookie.toString()).to.equal('sid=abc; Version=1; Domain=.example.com; Path=/');
    });

    it('refuses a domain without a leading dot under rfc2109', () => {
      const result = Cookie.builder('sid', 'abc').domain('example.com').safeBuild();
      expect(issuesOf(result)).to.deep.equal([['domain', 'domain_leading_dot']]);
    });
  });

  describe('the seed (send_cookie) defaults', () => {
    it('emits Version=1 when no version is given', () => {
      const cookie = Cookie.from({ name: 'sid', value: 'abc' });
      expect(cookie.version).to.equal(1);
      expect(cookie.toString()).to.equal('sid=abc; Version=1');
    });

    it('requires an explicit domain to start with a dot', () => {
      expect(Cookie.from({ name: 'sid', value: 'a', domain: '.example.com' }).domain).to.equal(
        '.example.com',
      );
      expect(rejects({ name: 'sid', value: 'a', domain: 'example.com' })).to.deep.equal([
        ['domain', 'domain_leading_dot'],
      ]);
    });

    it('allows Max-Age=0, meaning discard now', () => {
      const cookie = Cookie.from({ name: 'sid', value: '', maxAge: 0 });
      expect(cookie.maxAge).to.equal(0);
      expect(cookie.toString()).to.equal('sid=; Version=1; Max-Age=0');
      // A discard is not a cookie that needs SameSite advice.
      expect(cookie.warnings).to.deep.equal([]);
    });

    it('quotes a Comment that is not a token', () => {
      expect(
        Cookie.from({ name: 'sid', value: 'a', comment: 'login session' }).toString(),
      ).to.equal('sid=a; Version=1; Comment="login session"');
      expect(Cookie.from({ name: 'sid', value: 'a', comment: 'login' }).toString()).to.equal(
        'sid=a; Version=1; Comment=login',
      );
    });

    it('reserves names that begin with "$"', () => {
      for (const name of ['$Version', '$Path', '$Domain', '$x']) {
        expect(rejects({ name, value: 'a' })).to.deep.equal([['name', 'name_reserved']]);
      }
    });

    it('treats the value as opaque: anything printable or not is encoded, not refused', () => {
      const value = 'ü; "x" = {1,2} \\ 100%';
      const cookie = Cookie.from({ name: 'sid', value });
      expect(cookie.value).to.equal(value);
      expect(cookie.toString()).to.match(/^[\x20-\x7E]+$/);
    });

    it('reads secure and httpOnly as booleans', () => {
      expect(
        Cookie.from({ name: 'sid', value: 'a', secure: true, httpOnly: true }).toString(),
      ).to.equal('sid=a; Version=1; Secure; HttpOnly');
      expect(rejects({ name: 'sid', value: 'a', secure: 'true', httpOnly: 1 })).to.deep.equal([
        ['secure', 'invalid_type'],
        ['httpOnly', 'invalid_type'],
      ]);
    });
  });

  describe('.from()', () => {
    it('returns a cookie whose properties are the normalised config', () => {
      const cookie = Cookie.from(FULL);
      expect(cookie.name).to.equal('sid');
      expect(cookie.value).to.equal('a b');
      expect(cookie.comment).to.equal('session id');
      expect(cookie.domain).to.equal('.example.com');
      expect(cookie.path).to.equal('/app');
      expect(cookie.secure).to.equal(true);
      expect(cookie.httpOnly).to.equal(true);
      expect(cookie.version).to.equal(1);
      expect(cookie.maxAge).to.equal(3600);
      expect(cookie.expires?.toISOString()).to.equal('2030-06-01T12:00:00.000Z');
      expect(cookie.sameSite).to.equal('Strict');
      expect(cookie.partitioned).to.equal(true);
      expect(cookie.priority).to.equal('High');
      expect(cookie.encoding).to.equal('uri');
      expect(cookie.profile).to.equal('rfc2109');
      expect(cookie.extensions).to.deep.equal([{ name: 'Foo', value: 'bar' }, { name: 'Baz' }]);
    });

    it('leaves absent options absent, not undefined keys', () => {
      const cookie = Cookie.from({ name: 'sid', value: 'a', profile: 'rfc6265' });
      for (const key of [
        'comment',
        'domain',
        'path',
        'version',
        'maxAge',
        'sameSite',
        'priority',
        'extensions',
      ]) {
        expect(Object.hasOwn(cookie, key), key).to.equal(false);
      }
      expect(cookie.expires).to.equal(undefined);
    });

    for (const [label, input] of JUNK) {
      it(`refuses ${label} as a config with a CookieValidationError`, () => {
        const error = onlyCookieErrors(() => Cookie.from(input as never));
        expect(error).to.be.instanceOf(CookieValidationError);
        expect(Cookie.safeFrom(input).success).to.equal(false);
      });
    }

    it('names the root for a config that is not an object', () => {
      for (const input of [null, undefined, 5, 'sid=a', [], true]) {
        expect(rejects(input)).to.deep.equal([['', 'invalid_type']]);
      }
    });

    it('reports every field of a junk object at once', () => {
      expect(rejects({ name: 1, value: 2, path: 3, secure: 'no', maxAge: 'x' })).to.deep.equal([
        ['name', 'invalid_type'],
        ['value', 'invalid_type'],
        ['path', 'invalid_type'],
        ['maxAge', 'max_age_integer'],
        ['secure', 'invalid_type'],
      ]);
    });

    it('refuses ";" in every field that reaches the header as text', () => {
      expect(rejects({ ...FULL, name: 'a;b' })).to.deep.include(['name', 'name_token']);
      expect(rejects({ ...FULL, comment: 'a;b' })).to.deep.include(['comment', 'comment_syntax']);
      expect(rejects({ ...FULL, domain: '.a;b.com' })).to.deep.include(['domain', 'domain_syntax']);
      expect(rejects({ ...FULL, path: '/a;b' })).to.deep.include(['path', 'path_syntax']);
      expect(rejects({ ...FULL, sameSite: 'Lax;' })).to.deep.include([
        'sameSite',
        'same_site_value',
      ]);
      expect(rejects({ ...FULL, priority: 'High;' })).to.deep.include([
        'priority',
        'priority_value',
      ]);
      expect(rejects({ ...FULL, expires: '2030-01-01;' })).to.deep.include([
        'expires',
        'expires_date',
      ]);
      expect(rejects({ ...FULL, extensions: [{ name: 'a;b' }] })).to.deep.include([
        'extensions.0.name',
        'extension_syntax',
      ]);
      expect(rejects({ ...FULL, extensions: [{ name: 'X', value: 'a;b' }] })).to.deep.include([
        'extensions.0.value',
        'extension_syntax',
      ]);
      expect(rejects({ ...FULL, value: 'a;b', encoding: 'raw' })).to.deep.include([
        'value',
        'value_octets',
      ]);
      // Under 'uri' the ";" is encoded rather than refused.
      expect(Cookie.from({ ...FULL, value: 'a;b' }).toString()).to.match(/^sid=a%3Bb; /);
    });

    it('refuses lone surrogates in every text field', () => {
      const lone = '\uD83D';
      expect(rejects({ name: `a${lone}`, value: 'a' })).to.deep.equal([['name', 'non_ascii']]);
      expect(rejects({ name: 'a', value: lone })).to.deep.equal([['value', 'value_encoding']]);
      expect(rejects({ name: 'a', value: 'a', path: `/${lone}` })).to.deep.equal([
        ['path', 'non_ascii'],
      ]);
      expect(rejects({ name: 'a', value: 'a', comment: lone })).to.deep.equal([
        ['comment', 'non_ascii'],
      ]);
    });

    it('refuses a 100 kB string in every field with a short message', () => {
      const big = 'x'.repeat(100_000);
      const cases: [Record<string, unknown>, string][] = [
        [{ name: big, value: 'a' }, 'value'],
        [{ name: 'a', value: big }, 'value'],
        [{ name: 'a', value: 'a', comment: big }, 'comment'],
        [{ name: 'a', value: 'a', domain: `.${big}.com` }, 'domain'],
        [{ name: 'a', value: 'a', path: `/${big}` }, 'path'],
        [{ name: 'a', value: 'a', sameSite: big }, 'sameSite'],
        [{ name: 'a', value: 'a', expires: big }, 'expires'],
        [{ name: 'a', value: 'a', extensions: [{ name: 'X', value: big }] }, 'extensions.0.value'],
      ];
      for (const [config, path] of cases) {
        const result = Cookie.safeFrom(config);
        expect(issuesOf(result).map(([p]) => p)).to.include(path);
        if (!result.success) expect(result.error.message.length).to.be.lessThan(2000);
      }
    });

    it('gives each issue a field, a rule and a source', () => {
      const result = Cookie.safeFrom({ name: '__Host-x', value: 'a', domain: 'example.com' });
      if (result.success) expect.fail('expected failure');
      for (const issue of result.error.issues) {
        expect(issue.path.length).to.be.greaterThan(0);
        expect(issue.code).to.be.a('string');
        expect(issue.source).to.match(/RFC|draft|seed/);
      }
      expect(result.error.code).to.equal('cookie_validation');
      expect(result.error.cookieName).to.equal('__Host-x');
      expect(result.error).to.be.instanceOf(CookieError);
      expect(result.error).to.be.instanceOf(Error);
    });
  });

  describe('constructor', () => {
    it('is private: calling it throws a CookieError', () => {
      const Ctor = Cookie as unknown as new (...args: unknown[]) => Cookie;
      expect(() => new Ctor()).to.throw(CookieError);
      expect(() => new Ctor(Symbol('Cookie'), {}, '')).to.throw(CookieError);
    });
  });

  describe('immutability', () => {
    // The state lives in private fields behind read-only properties (as Temporal's objects are
    // built), and the instance is frozen: nothing it holds can be assigned, added or deleted.
    it('is frozen: assignment throws in strict mode and changes nothing', () => {
      const cookie = Cookie.from(FULL);
      const before = cookie.toString();
      expect(Object.isFrozen(cookie)).to.equal(true);
      expect(() => {
        (cookie as { value: string }).value = 'evil';
      }).to.throw(TypeError);
      expect(() => {
        (cookie as { secure: boolean }).secure = false;
      }).to.throw(TypeError);
      expect(() => {
        (cookie as unknown as Record<string, unknown>).extra = 1;
      }).to.throw(TypeError);
      expect(delete (cookie as { path?: string }).path).to.equal(true);
      expect(() => Object.defineProperty(cookie, 'path', { value: '/evil' })).to.throw(TypeError);
      expect(cookie.value).to.equal('a b');
      expect(cookie.secure).to.equal(true);
      expect(cookie.path).to.equal('/app');
      expect(cookie.toString()).to.equal(before);
    });

    it('copies a Date on the way in', () => {
      const date = new Date('2030-01-01T00:00:00Z');
      const cookie = Cookie.from({ name: 'sid', value: 'a', expires: date });
      const builder = Cookie.builder('sid', 'a').expires(date);
      date.setUTCFullYear(2040);
      expect(cookie.expires?.getUTCFullYear()).to.equal(2030);
      expect(cookie.toString()).to.include('2030');
      expect(builder.build().expires?.getUTCFullYear()).to.equal(2030);
    });

    it('copies a Date on the way out', () => {
      const cookie = Cookie.from({ name: 'sid', value: 'a', expires: '2030-01-01T00:00:00Z' });
      const out = cookie.expires;
      out?.setUTCFullYear(2040);
      expect(cookie.expires?.getUTCFullYear()).to.equal(2030);
      expect(cookie.expires).not.to.equal(cookie.expires);
      expect(cookie.toString()).to.include('Expires=Tue, 01 Jan 2030');
    });

    it('freezes extensions, each extension, and warnings', () => {
      const cookie = Cookie.from({
        name: 'sid',
        value: 'a',
        maxAge: 10 ** 9,
        priority: 'Low',
        extensions: [{ name: 'X', value: 'y' }],
      });
      expect(Object.isFrozen(cookie.extensions)).to.equal(true);
      expect(Object.isFrozen(cookie.extensions?.[0])).to.equal(true);
      expect(() => (cookie.extensions as { name: string }[]).push({ name: 'Z' })).to.throw(
        TypeError,
      );
      expect(Object.isFrozen(cookie.warnings)).to.equal(true);
      expect(cookie.warnings.length).to.be.greaterThan(0);
      for (const warning of cookie.warnings) expect(Object.isFrozen(warning)).to.equal(true);
      expect(cookie.toString()).to.match(/; X=y$/);
    });

    it("freezes each warning's path, so a caller cannot rewrite what a shared warning says", () => {
      const cookie = Cookie.from({ name: 'sid', value: 'a' });
      const [warning] = cookie.warnings;
      expect(warning?.path).to.deep.equal(['sameSite']);
      expect(Object.isFrozen(warning?.path)).to.equal(true);
    });

    it('does not share extension objects with the config it was made from', () => {
      const extensions = [{ name: 'X', value: 'y' }];
      const cookie = Cookie.from({ name: 'sid', value: 'a', extensions });
      extensions[0]!.value = 'changed';
      extensions.push({ name: 'Z', value: 'z' });
      expect(cookie.extensions).to.deep.equal([{ name: 'X', value: 'y' }]);
    });

    it('freezes the issues of an error', () => {
      const result = Cookie.safeFrom({ name: '', value: 'a' });
      if (result.success) expect.fail('expected failure');
      expect(Object.isFrozen(result.error.issues)).to.equal(true);
      expect(Object.isFrozen(result.error.issues[0])).to.equal(true);
      expect(Object.isFrozen(result.error.issues[0]?.path)).to.equal(true);
    });
  });

  describe('#with()', () => {
    it('returns a new validated cookie and leaves the original unchanged', () => {
      const a = Cookie.from({ name: 'sid', value: 'a', path: '/' });
      const b = a.with({ value: 'b', secure: true });
      expect(b.toString()).to.equal('sid=b; Version=1; Path=/; Secure');
      expect(a.toString()).to.equal('sid=a; Version=1; Path=/');
    });

    it('removes an attribute given as undefined', () => {
      const a = Cookie.from({ name: 'sid', value: 'a', path: '/', maxAge: 5 });
      expect(a.with({ path: undefined, maxAge: undefined }).toString()).to.equal(
        'sid=a; Version=1',
      );
    });

    it('validates the result', () => {
      const a = Cookie.from({ name: 'sid', value: 'a' });
      expect(thrownIssues(() => a.with({ sameSite: 'None' }))).to.deep.equal([
        ['secure', 'same_site_none_insecure'],
      ]);
      expect(thrownIssues(() => a.with({ profile: 'rfc6265', comment: 'x' }))).to.deep.equal([
        ['comment', 'profile_attribute'],
      ]);
    });

    it('cannot change the name (name_immutable)', () => {
      const a = Cookie.from({ name: 'sid', value: 'a' });
      expect(thrownIssues(() => a.with({ name: 'other' } as never))).to.deep.equal([
        ['name', 'name_immutable'],
      ]);
    });

    it('turns a throwing getter in the changes into a CookieValidationError on the root', () => {
      const a = Cookie.from({ name: 'sid', value: 'a' });
      const changes = {
        get path(): string {
          throw new Error('getter');
        },
      };
      expect(thrownIssues(() => a.with(changes))).to.deep.equal([['', 'invalid_type']]);
    });

    it('refuses a "__proto__" key from JSON as unknown instead of inheriting through it', () => {
      const a = Cookie.from({ name: 'sid', value: 'a' });
      const changes = JSON.parse('{"__proto__": {"path": "/evil"}}');
      expect(thrownIssues(() => a.with(changes))).to.deep.equal([['__proto__', 'unknown_key']]);
    });

    it('refuses unknown keys with a hint', () => {
      const a = Cookie.from({ name: 'sid', value: 'a' });
      expect(thrownIssues(() => a.with({ max_age: 5 } as never))).to.deep.equal([
        ['max_age', 'unknown_key'],
      ]);
    });

    for (const [label, input] of JUNK) {
      it(`throws only a CookieError for ${label}`, () => {
        const a = Cookie.from({ name: 'sid', value: 'a' });
        onlyCookieErrors(() => a.with(input as never));
        expect(a.toString()).to.equal('sid=a; Version=1');
      });
    }
  });

  describe('#toBuilder()', () => {
    it('returns a builder holding the same state', () => {
      const cookie = Cookie.from(FULL);
      expect(cookie.toBuilder()).to.be.instanceOf(CookieBuilder);
      expect(cookie.toBuilder().build().equals(cookie)).to.equal(true);
      expect(cookie.toBuilder().path('/other').build().path).to.equal('/other');
      expect(cookie.path).to.equal('/app');
    });

    it('keeps the profile and encoding', () => {
      const cookie = Cookie.from({
        name: 'sid',
        value: 'a b',
        profile: 'rfc6265',
        encoding: 'base64url',
      });
      const copy = cookie.toBuilder().build();
      expect(copy.profile).to.equal('rfc6265');
      expect(copy.encoding).to.equal('base64url');
      expect(copy.equals(cookie)).to.equal(true);
    });
  });

  describe('#equals()', () => {
    it('is true for the same header, encoding and profile', () => {
      const a = Cookie.from({ name: 'sid', value: 'a', sameSite: 'lax' });
      const b = Cookie.builder('sid', 'a').sameSite('Lax').build();
      expect(a.equals(b)).to.equal(true);
      expect(b.equals(a)).to.equal(true);
      expect(a.equals(a)).to.equal(true);
    });

    it('is false when anything on the wire differs', () => {
      const a = Cookie.from({ name: 'sid', value: 'a' });
      expect(a.equals(a.with({ value: 'b' }))).to.equal(false);
      expect(a.equals(a.with({ path: '/' }))).to.equal(false);
      expect(a.equals(Cookie.from({ name: 'sid', value: 'a', profile: 'rfc6265' }))).to.equal(
        false,
      );
    });

    it('is false for the same wire form under another encoding', () => {
      const a = Cookie.from({ name: 'sid', value: 'abc' });
      const b = Cookie.from({ name: 'sid', value: 'abc', encoding: 'raw' });
      expect(a.toString()).to.equal(b.toString());
      expect(a.equals(b)).to.equal(false);
    });

    for (const [label, input] of JUNK) {
      it(`returns false for ${label} and never throws`, () => {
        const a = Cookie.from({ name: 'sid', value: 'a' });
        let result: unknown;
        onlyCookieErrors(() => {
          result = a.equals(input);
        });
        expect(result).to.equal(false);
      });
    }

    it('returns false for a look-alike with the same fields', () => {
      const a = Cookie.from({ name: 'sid', value: 'a' });
      expect(a.equals({ ...a, toString: () => a.toString() })).to.equal(false);
      expect(a.equals(a.toString())).to.equal(false);
    });
  });

  describe('#toJSON()', () => {
    it('is a plain config that Cookie.from accepts back', () => {
      const cookie = Cookie.from(FULL);
      const json = cookie.toJSON();
      expect(json).to.deep.equal({
        name: 'sid',
        value: 'a b',
        comment: 'session id',
        domain: '.example.com',
        path: '/app',
        secure: true,
        httpOnly: true,
        maxAge: 3600,
        expires: '2030-06-01T12:00:00.000Z',
        sameSite: 'Strict',
        partitioned: true,
        priority: 'High',
        extensions: [{ name: 'Foo', value: 'bar' }, { name: 'Baz' }],
      });
      expect(Cookie.from(json).equals(cookie)).to.equal(true);
    });

    it('survives JSON.stringify and JSON.parse under both profiles and every encoding', () => {
      const configs = [
        FULL,
        {
          ...FULL,
          comment: undefined,
          version: undefined,
          profile: 'rfc6265',
          domain: 'Example.com',
        },
        { name: 'v', value: 'x y', version: 0, encoding: 'base64url' },
        { name: 'r', value: '"quoted"', encoding: 'raw', expires: 1_900_000_000_123 },
        { name: '__Host-id', value: 'é', secure: true, path: '/', maxAge: { days: 30 } },
      ];
      for (const config of configs) {
        const cleaned = Object.fromEntries(
          Object.entries(config).filter(([, v]) => v !== undefined),
        );
        const cookie = Cookie.from(cleaned as never);
        const back = Cookie.from(JSON.parse(JSON.stringify(cookie)));
        expect(back.equals(cookie), cookie.toString()).to.equal(true);
        expect(back.toString()).to.equal(cookie.toString());
      }
    });

    it('returns a fresh object each time', () => {
      const cookie = Cookie.from(FULL);
      const json = cookie.toJSON() as unknown as { extensions: { name: string }[] };
      json.extensions.push({ name: 'Z' });
      expect(cookie.toJSON().extensions).to.have.length(2);
    });
  });

  describe('#toString()', () => {
    it('is the Set-Cookie value and the same string on every call', () => {
      const cookie = Cookie.from(FULL);
      expect(cookie.toString()).to.equal(
        'sid=a%20b; Version=1; Comment="session id"; Domain=.example.com; Path=/app; Expires=Sat, 01 Jun 2030 12:00:00 GMT; Max-Age=3600; Secure; HttpOnly; SameSite=Strict; Partitioned; Priority=High; Foo=bar; Baz',
      );
      expect(`${cookie}`).to.equal(cookie.toString());
      expect(cookie.toString()).to.equal(cookie.toString());
    });

    it('has a readable inspect form', () => {
      expect(inspect(Cookie.from({ name: 'sid', value: 'a' }))).to.include('sid=a; Version=1');
    });
  });

  describe('.safeFrom()', () => {
    it('returns the cookie or every problem, never throws', () => {
      const ok = Cookie.safeFrom({ name: 'sid', value: 'a' });
      expect(ok.success).to.equal(true);
      if (ok.success) expect(ok.cookie.toString()).to.equal('sid=a; Version=1');
      expect(issuesOf(Cookie.safeFrom({ name: '$x', value: 'a', path: 'x' }))).to.deep.equal([
        ['name', 'name_reserved'],
        ['path', 'path_syntax'],
      ]);
    });
  });
});
