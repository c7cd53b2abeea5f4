import { expect } from 'chai';
import fc from 'fast-check';
import {
  Cookie,
  type CookieConfig,
  CookieError,
  type CookieProfile,
  CookieValidationError,
} from '../src/index.js';
import { KNOWN_ATTRIBUTE_NAMES } from '../src/rules/attributes.js';
import { HTTP_STATE_CASES } from './fixtures/http-state-cases.js';

function issuesOf(header: unknown, options?: Parameters<typeof Cookie.safeParse>[1]) {
  const result = Cookie.safeParse(header as string, options);
  if (result.success) return [];
  expect(result.error).to.be.instanceOf(CookieValidationError);
  return result.error.issues.map((i) => [i.path.join('.'), i.code]);
}

const TCHARS = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const COOKIE_OCTETS = Array.from({ length: 0x7f - 0x21 }, (_, i) => String.fromCharCode(0x21 + i))
  .filter((c) => !'",;\\'.includes(c))
  .join('');
// av-octet: %x20-3A / %x3C-7E (no ";")
const AV_OCTETS = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i))
  .filter((c) => c !== ';')
  .join('');
const KNOWN = KNOWN_ATTRIBUTE_NAMES;

const chars = (alphabet: string, minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength, maxLength });

const token = chars(TCHARS, 1, 12);
const label = fc
  .tuple(chars('abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789', 1, 8), fc.boolean())
  .map(([l, hyphen]) => (hyphen && l.length > 2 ? `${l[0]}-${l.slice(1)}` : l));
const trimmedAv = chars(AV_OCTETS, 1, 20).filter((v) => v.trim() === v);

/** Arbitrary cookie configurations that are mostly valid; the property keeps the valid ones. */
function cookieConfig(profile: CookieProfile): fc.Arbitrary<CookieConfig> {
  const value = fc.oneof(
    fc.record({ encoding: fc.constant('uri' as const), value: fc.string({ maxLength: 30 }) }),
    fc.record({
      encoding: fc.constant('uri' as const),
      value: fc.string({ unit: 'grapheme', maxLength: 10 }),
    }),
    fc.record({
      encoding: fc.constant('raw' as const),
      value: fc
        .tuple(chars(COOKIE_OCTETS, 0, 30), fc.boolean())
        .map(([v, q]) => (q ? `"${v}"` : v)),
    }),
    fc.record({
      encoding: fc.constant('base64url' as const),
      value: fc.string({ unit: 'grapheme', maxLength: 20 }),
    }),
  );
  const extension = fc.record(
    { name: token.filter((n) => !KNOWN.has(n.toLowerCase())), value: trimmedAv },
    { requiredKeys: ['name'] },
  );
  return fc
    .record(
      {
        prefix: fc.constantFrom(
          '',
          '',
          '',
          '__Secure-',
          '__Host-',
          '__Http-',
          '__Host-Http-',
          '__SECURE-',
        ),
        name: token.filter((n) => !n.startsWith('$')),
        value,
        comment: profile === 'rfc2109' ? chars(AV_OCTETS, 0, 30) : fc.constant(undefined),
        version: profile === 'rfc2109' ? fc.nat(5000) : fc.constant(undefined),
        domain: fc
          .tuple(fc.array(label, { minLength: 2, maxLength: 3 }), fc.boolean())
          .map(([labels, dot]) => `${profile === 'rfc2109' || dot ? '.' : ''}${labels.join('.')}`),
        path: chars(AV_OCTETS, 0, 20).map((p) => `/${p}`),
        secure: fc.boolean(),
        httpOnly: fc.boolean(),
        maxAge: fc.oneof(fc.nat(), fc.maxSafeNat()),
        expires: fc.date({
          min: new Date('1601-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        sameSite: fc.constantFrom('Strict', 'Lax', 'None', 'lax'),
        partitioned: fc.boolean(),
        priority: fc.constantFrom('Low', 'Medium', 'High', 'HIGH'),
        extensions: fc.uniqueArray(extension, {
          maxLength: 3,
          selector: (e) => e.name.toLowerCase(),
        }),
      },
      { requiredKeys: ['prefix', 'name', 'value'] },
    )
    .map(({ prefix, name, value, ...rest }) => {
      const config: Record<string, unknown> = {
        name: `${prefix}${name}`,
        value: value.value,
        encoding: value.encoding,
        profile,
      };
      for (const [key, v] of Object.entries(rest)) if (v !== undefined) config[key] = v;
      // Make the cross-field rules hold often enough for the property to see many cookies.
      if (config.sameSite === 'None' || config.partitioned === true || prefix !== '')
        config.secure = true;
      if (prefix.includes('Http')) config.httpOnly = true;
      if (prefix.includes('Host')) {
        config.path = '/';
        delete config.domain;
      }
      return config as CookieConfig;
    });
}

describe('Cookie.parse()', () => {
  describe('round trip', () => {
    for (const profile of ['rfc2109', 'rfc6265'] as const) {
      it(`reads back every valid cookie of profile ${profile} (property)`, () => {
        let valid = 0;
        fc.assert(
          fc.property(cookieConfig(profile), (config) => {
            const built = Cookie.safeFrom(config);
            fc.pre(built.success);
            if (!built.success) return;
            valid++;
            const c = built.cookie;
            const back = Cookie.parse(c.toString(), { profile: c.profile, encoding: c.encoding });
            expect(back.equals(c), `${c} came back as ${back}`).to.equal(true);
            expect(back.toJSON()).to.deep.equal(c.toJSON());
          }),
          { numRuns: 400 },
        );
        expect(valid).to.be.greaterThan(200);
      });
    }

    it('reads a header with a leading "Set-Cookie:" in any case', () => {
      const c = Cookie.builder('sid', 'abc').path('/').secure().build();
      expect(Cookie.parse(`Set-Cookie: ${c}`).equals(c)).to.equal(true);
      expect(Cookie.parse(`set-cookie:${c}`).equals(c)).to.equal(true);
    });
  });

  describe('attributes', () => {
    it('matches attribute names case-insensitively and keeps unknown ones as extensions', () => {
      const c = Cookie.parse(
        'sid=1; max-age=60; PATH=/app; httponly; SECURE; samesite=strict; PRIORITY=low; partitioned; Foo=Bar; baz',
        { profile: 'rfc6265' },
      );
      expect(c.toJSON()).to.deep.equal({
        name: 'sid',
        value: '1',
        path: '/app',
        secure: true,
        httpOnly: true,
        maxAge: 60,
        sameSite: 'Strict',
        partitioned: true,
        priority: 'Low',
        profile: 'rfc6265',
        extensions: [{ name: 'Foo', value: 'Bar' }, { name: 'baz' }],
      });
    });

    it('unescapes an RFC 2109 quoted-string Comment', () => {
      const c = Cookie.parse('a=b; Version=1; Comment="say \\"hi\\" \\\\ bye"');
      expect(c.comment).to.equal('say "hi" \\ bye');
    });

    it('keeps a Comment that is a bare token as it is', () => {
      expect(Cookie.parse('a=b; Comment=hello').comment).to.equal('hello');
    });

    it('refuses a malformed quoted Comment with code parse at comment', () => {
      expect(issuesOf('a=b; Comment="open')).to.deep.equal([['comment', 'parse']]);
    });

    it('accepts an RFC 2109 header without Version and gives it Version=1', () => {
      const c = Cookie.parse('a=b; Path=/');
      expect(c.version).to.equal(1);
      expect(c.toString()).to.equal('a=b; Version=1; Path=/');
    });

    it('reads the Version attribute under rfc2109', () => {
      expect(Cookie.parse('a=b; Version=0').version).to.equal(0);
    });

    it('refuses Version and Comment under rfc6265', () => {
      expect(issuesOf('a=b; Version=1; Comment=x', { profile: 'rfc6265' })).to.deep.equal([
        ['version', 'profile_attribute'],
        ['comment', 'profile_attribute'],
      ]);
    });

    it('reads Max-Age with leading zeros as decimal', () => {
      expect(Cookie.parse('a=b; Max-Age=0010').maxAge).to.equal(10);
    });

    it('refuses a negative or non-numeric Max-Age', () => {
      expect(issuesOf('a=b; Max-Age=-5')).to.deep.equal([['maxAge', 'max_age_integer']]);
      expect(issuesOf('a=b; Max-Age=1e3')).to.deep.equal([['maxAge', 'max_age_integer']]);
      expect(issuesOf('a=b; Max-Age=99999999999999999999')).to.deep.equal([
        ['maxAge', 'max_age_integer'],
      ]);
    });

    it('refuses a Version that is not an integer', () => {
      expect(issuesOf('a=b; Version=1.5')).to.deep.equal([['version', 'version_value']]);
    });

    it('reads the legacy date forms browsers read', () => {
      const expected = '2027-04-18T21:06:29.000Z';
      for (const text of [
        'Sun, 18 Apr 2027 21:06:29 GMT',
        'Sunday, 18-Apr-27 21:06:29 GMT',
        'Sun Apr 18 21:06:29 2027',
        'Sun, 18-Apr-2027 21:06:29 GMT',
      ]) {
        expect(Cookie.parse(`a=b; Expires=${text}`).expires?.toISOString(), text).to.equal(
          expected,
        );
      }
    });

    it('refuses dates browsers would ignore', () => {
      for (const text of [
        'tomorrow',
        'Sun, 31 Feb 2027 21:06:29 GMT',
        'Sun, 18 Apr 1600 21:06:29 GMT',
        'Sun, 18 Apr 2027 24:00:00 GMT',
        'Sun, 18 Apr 2027',
      ]) {
        expect(issuesOf(`a=b; Expires=${text}`), text).to.deep.equal([['expires', 'expires_date']]);
      }
    });

    it('refuses a flag attribute with a value', () => {
      expect(issuesOf('a=b; Secure=yes; HttpOnly=; Partitioned=1')).to.deep.equal([
        ['secure', 'flag_value'],
        ['httpOnly', 'flag_value'],
        ['partitioned', 'flag_value'],
      ]);
    });

    it('refuses a known attribute given twice', () => {
      expect(issuesOf('a=b; Path=/; path=/x')).to.deep.equal([['path', 'duplicate_attribute']]);
    });

    it('refuses an unknown SameSite or Priority value', () => {
      expect(issuesOf('a=b; SameSite=Relaxed; Priority=Urgent')).to.deep.equal([
        ['sameSite', 'same_site_value'],
        ['priority', 'priority_value'],
      ]);
    });

    it('refuses an attribute value longer than 1024 bytes', () => {
      expect(issuesOf(`a=b; Path=/${'x'.repeat(1024)}`)).to.deep.equal([
        ['path', 'attribute_too_long'],
      ]);
    });

    it('refuses an extension with an empty value or a known name', () => {
      expect(issuesOf('a=b; Foo=')).to.deep.equal([['extensions.0.value', 'extension_syntax']]);
      expect(issuesOf('a=b; Foo=1; foo=2')).to.deep.equal([
        ['extensions.1.name', 'extension_duplicate'],
      ]);
    });

    it('runs the cross-field rules of Cookie.from', () => {
      expect(issuesOf('__Host-sid=1; Secure; Path=/app', { profile: 'rfc6265' })).to.deep.equal([
        ['path', 'prefix_host'],
      ]);
      expect(issuesOf('a=b; SameSite=None', { profile: 'rfc6265' })).to.deep.equal([
        ['secure', 'same_site_none_insecure'],
      ]);
    });

    it('reports every problem at once', () => {
      expect(issuesOf('$a=b c; Max-Age=x; Domain=example.com')).to.deep.equal([
        ['value', 'value_octets'],
        ['maxAge', 'max_age_integer'],
        ['name', 'name_reserved'],
        ['domain', 'domain_leading_dot'],
      ]);
    });
  });

  describe('value decoding', () => {
    it("decodes the value with encoding 'uri' by default", () => {
      expect(Cookie.parse('a=%E2%9C%93%20ok').value).to.equal('✓ ok');
    });

    it('decodes base64url and keeps raw values as they are', () => {
      expect(Cookie.parse('a=4pyT', { encoding: 'base64url' }).value).to.equal('✓');
      expect(Cookie.parse('a=%41', { encoding: 'raw' }).value).to.equal('%41');
    });

    it('refuses a value that does not decode under the encoding, at path value', () => {
      expect(issuesOf('a=%E2%9C')).to.deep.equal([['value', 'value_encoding']]);
      expect(issuesOf('a=%zz')).to.deep.equal([['value', 'value_encoding']]);
      expect(issuesOf('a=abc!', { encoding: 'base64url' })).to.deep.equal([
        ['value', 'value_encoding'],
      ]);
    });

    it('refuses an unknown encoding or profile option', () => {
      expect(issuesOf('a=b', { encoding: 'hex' as never })).to.deep.equal([
        ['encoding', 'encoding_value'],
      ]);
      expect(issuesOf('a=b', { profile: 'rfc2965' as never })).to.deep.equal([
        ['profile', 'profile_value'],
      ]);
    });
  });

  describe('the http-state parser corpus (our table)', () => {
    for (const c of HTTP_STATE_CASES) {
      const profile = c.profile ?? 'rfc6265';
      it(`${c.id} (${profile}): ${JSON.stringify(c.header.slice(0, 60))}`, () => {
        const result = Cookie.safeParse(c.header, { profile, encoding: 'raw' });
        if (c.expect.ok) {
          expect(result.success, result.success ? '' : result.error.message).to.equal(true);
          if (!result.success) return;
          const cookie = result.cookie;
          expect(cookie.name).to.equal(c.expect.name);
          expect(cookie.value).to.equal(c.expect.value);
          for (const [key, value] of Object.entries(c.expect.fields ?? {})) {
            const actual =
              key === 'expires'
                ? cookie.expires?.toISOString()
                : (cookie as unknown as Record<string, unknown>)[key];
            expect(actual, key).to.deep.equal(value);
          }
        } else {
          expect(result.success).to.equal(false);
          if (result.success) return;
          const found = result.error.issues.map((i) => [i.path.join('.'), i.code]);
          expect(found).to.deep.include([c.expect.path.join('.'), c.expect.code]);
        }
      });
    }
  });

  describe('hostile input', () => {
    const hostile: [string, unknown][] = [
      ['a 1 MB value', `a=${'x'.repeat(1 << 20)}`],
      ['a 1 MB name', `${'n'.repeat(1 << 20)}=v`],
      ['1 MB of separators', ';'.repeat(1 << 20)],
      ['1 MB of "=" signs', '='.repeat(1 << 20)],
      ['1 MB of attributes', `a=b${'; x'.repeat(1 << 18)}`],
      ['1 MB of flags', `a=b${'; Secure'.repeat(1 << 17)}`],
      ['a 1 MB Expires', `a=b; Expires=${'1 '.repeat(1 << 19)}`],
      ['broken escapes', 'a=%%%E2%9; Path=/%'],
      [
        'every control character',
        `a=b${Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('')}`,
      ],
      ['DEL', 'a=b\x7f'],
      ['a lone surrogate', 'a=\ud800'],
      ['a number', 42],
      ['null', null],
      ['an object', { toString: () => 'a=b' }],
    ];
    for (const [label, input] of hostile) {
      it(`answers ${label} with a CookieValidationError or a cookie, never another exception`, () => {
        const result = Cookie.safeParse(input as string);
        if (!result.success) expect(result.error).to.be.instanceOf(CookieValidationError);
        try {
          Cookie.parse(input as string);
        } catch (error) {
          expect(error).to.be.instanceOf(CookieError);
        }
      });
    }

    it('never throws anything but a CookieError for arbitrary strings (property)', () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.string(),
            fc.string({ unit: 'binary' }),
            fc.string({ unit: fc.constantFrom(...'a=;, "\\%\t') }),
          ),
          (header) => {
            const result = Cookie.safeParse(header);
            if (result.success) {
              // whatever is accepted round-trips
              const back = Cookie.parse(result.cookie.toString());
              expect(back.equals(result.cookie)).to.equal(true);
            } else {
              expect(result.error).to.be.instanceOf(CookieValidationError);
            }
          },
        ),
        { numRuns: 500 },
      );
    });

    it('parses a 1 MB header in linear time (generous bound: under 2 s)', () => {
      const header = `a=b${'; Foo=bar'.repeat(1 << 17)}`;
      const start = performance.now();
      const result = Cookie.safeParse(header);
      expect(performance.now() - start).to.be.lessThan(2000);
      expect(result.success).to.equal(false);
      if (result.success) return;
      expect(result.error.issues.map((i) => [i.path.join('.'), i.code])).to.deep.include([
        'extensions',
        'parse',
      ]);
    });
  });
});
