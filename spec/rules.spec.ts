// One describe per row of RULES.md (rows 1-30), each with a passing and a failing case that
// asserts the issue's `path` and `code`. Rows that hold under both profiles run under both.
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import {
  Cookie,
  CookieJarResponse,
  type CookieProfile,
  lintSetCookieLines,
  MAX_LIFETIME_SECONDS,
} from '../src/index.js';
import { EVERY_ATTRIBUTE, SET_COOKIE_ATTRIBUTES } from './support/fixtures.js';
import { accepts, rejects } from './support/issues.js';

const PROFILES: readonly CookieProfile[] = ['rfc2109', 'rfc6265'];
const DAY = 24 * 60 * 60;

/** The attribute names of a header, in order, without the name=value pair. */
function attributeNames(header: string): string[] {
  return header
    .split('; ')
    .slice(1)
    .map((part) => part.split('=')[0] ?? '');
}

/** The value of one attribute in a header, or `undefined` when it is not there. */
function attribute(header: string, name: string): string | undefined {
  for (const part of header.split('; ').slice(1)) {
    const eq = part.indexOf('=');
    const key = eq === -1 ? part : part.slice(0, eq);
    if (key.toLowerCase() === name.toLowerCase()) return eq === -1 ? '' : part.slice(eq + 1);
  }
  return undefined;
}

const CTL_CHARS = [
  ...Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)),
  '\x7F',
] as const;

for (const profile of PROFILES) {
  const cfg = (extra: Record<string, unknown>) => ({
    name: 'sid',
    value: 'abc',
    profile,
    ...extra,
  });
  // A domain both profiles accept: rfc6265 drops the leading dot.
  const domain = '.example.com';

  describe(`RULES.md under profile '${profile}'`, () => {
    describe('row 1: name is a non-empty token', () => {
      it('accepts every tchar', () => {
        const name = "a!#$%&'*+-.^_`|~09AZaz";
        expect(accepts(cfg({ name })).toString().startsWith(`${name}=abc`)).to.equal(true);
      });

      for (const name of ['', 'a b', 'a=b', 'a,b', 'a"b', 'a(b', 'a)b', 'a/b', 'a:b', 'a?b']) {
        it(`refuses ${JSON.stringify(name)} with name_token on name`, () => {
          expect(rejects(cfg({ name }))).to.deep.equal([['name', 'name_token']]);
        });
      }

      it('refuses a ";" in the name', () => {
        expect(rejects(cfg({ name: 'a;b' }))).to.deep.equal([['name', 'name_token']]);
      });

      it('refuses a name that is not a string', () => {
        expect(rejects(cfg({ name: 42 }))).to.deep.equal([['name', 'invalid_type']]);
      });
    });

    describe('row 2: name does not begin with "$"', () => {
      it('accepts "$" after the first character', () => {
        expect(accepts(cfg({ name: 'a$' })).name).to.equal('a$');
      });

      it('refuses "$Version" with name_reserved on name', () => {
        expect(rejects(cfg({ name: '$Version' }))).to.deep.equal([['name', 'name_reserved']]);
      });
    });

    describe('row 3: encoded value holds cookie-octets only', () => {
      it("accepts cookie-octets and one DQUOTE pair with encoding 'raw'", () => {
        const value = "!#$%&'()*+-./09:<=>?@AZ[]^_`az{|}~";
        expect(accepts(cfg({ value, encoding: 'raw' })).toString()).to.match(
          new RegExp(`^sid=${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(; |$)`),
        );
        expect(accepts(cfg({ value: '"abc"', encoding: 'raw' })).toString()).to.match(
          /^sid="abc"(; |$)/,
        );
      });

      for (const value of ['a b', 'a"b', 'a,b', 'a;b', 'a\\b', '"abc', 'é']) {
        it(`refuses ${JSON.stringify(value)} with encoding 'raw' (value_octets on value)`, () => {
          expect(rejects(cfg({ value, encoding: 'raw' }))).to.deep.equal([
            ['value', 'value_octets'],
          ]);
        });
      }

      it("encodes what is not a cookie-octet with encoding 'uri', so the wire form is valid", () => {
        const cookie = accepts(cfg({ value: 'a b;c,"d"\\é%' }));
        const wire = cookie.toString().split('; ')[0]?.slice('sid='.length) ?? '';
        expect(wire).to.match(/^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*$/);
        expect(decodeURIComponent(wire)).to.equal('a b;c,"d"\\é%');
        expect(cookie.value).to.equal('a b;c,"d"\\é%');
      });

      it("refuses a lone surrogate with encoding 'uri' and 'base64url' (value_encoding)", () => {
        expect(rejects(cfg({ value: 'a\uD800' }))).to.deep.equal([['value', 'value_encoding']]);
        expect(rejects(cfg({ value: '\uDC00b', encoding: 'base64url' }))).to.deep.equal([
          ['value', 'value_encoding'],
        ]);
      });

      it('refuses a value that is not a string', () => {
        expect(rejects(cfg({ value: 1 }))).to.deep.equal([['value', 'invalid_type']]);
        expect(rejects(cfg({ value: null }))).to.deep.equal([['value', 'invalid_type']]);
      });
    });

    describe('row 4: no CTL and no byte ≥ 0x80 anywhere in the header', () => {
      it('emits only printable ASCII for a cookie with every attribute', () => {
        const cookie = accepts(
          cfg({
            value: 'ünïcødé',
            domain,
            path: '/a',
            secure: true,
            httpOnly: true,
            maxAge: 60,
            expires: new Date('2030-01-01T00:00:00Z'),
            sameSite: 'Lax',
            partitioned: true,
            priority: 'High',
            extensions: [{ name: 'Foo', value: 'bar' }],
            ...(profile === 'rfc2109' ? { comment: 'a comment' } : {}),
          }),
        );
        expect(cookie.toString()).to.match(/^[\x20-\x7E]+$/);
      });

      for (const ctl of CTL_CHARS) {
        const hex = `0x${ctl.charCodeAt(0).toString(16).padStart(2, '0')}`;
        it(`refuses ${hex} in name, value, path and domain with control_character`, () => {
          expect(rejects(cfg({ name: `a${ctl}b` }))).to.deep.equal([['name', 'control_character']]);
          expect(rejects(cfg({ value: `a${ctl}b` }))).to.deep.equal([
            ['value', 'control_character'],
          ]);
          expect(rejects(cfg({ path: `/a${ctl}b` }))).to.deep.equal([
            ['path', 'control_character'],
          ]);
          expect(rejects(cfg({ domain: `.exa${ctl}mple.com` }))).to.deep.equal([
            ['domain', 'control_character'],
          ]);
        });
      }

      it('refuses CR, LF, NUL and HTAB in extension names and values', () => {
        for (const ctl of ['\r', '\n', '\0', '\t']) {
          expect(rejects(cfg({ extensions: [{ name: `X${ctl}` }] }))).to.deep.equal([
            ['extensions.0.name', 'control_character'],
          ]);
          expect(rejects(cfg({ extensions: [{ name: 'X', value: `a${ctl}` }] }))).to.deep.equal([
            ['extensions.0.value', 'control_character'],
          ]);
        }
      });

      it('refuses non-ASCII in name, path, domain and extensions with non_ascii', () => {
        expect(rejects(cfg({ name: 'nämé' }))).to.deep.equal([['name', 'non_ascii']]);
        expect(rejects(cfg({ path: '/pfäd' }))).to.deep.equal([['path', 'non_ascii']]);
        expect(rejects(cfg({ domain: '.bücher.example' }))).to.deep.equal([
          ['domain', 'non_ascii'],
        ]);
        expect(rejects(cfg({ extensions: [{ name: 'X', value: '€' }] }))).to.deep.equal([
          ['extensions.0.value', 'non_ascii'],
        ]);
      });

      it("refuses a CTL in the value under 'raw'", () => {
        expect(rejects(cfg({ value: 'a\r\nb', encoding: 'raw' }))).to.deep.equal([
          ['value', 'value_octets'],
        ]);
      });

      it("keeps a CTL out of the header under 'base64url' by encoding it", () => {
        const cookie = accepts(cfg({ value: 'a\r\nSet-Cookie: x=y', encoding: 'base64url' }));
        expect(cookie.toString()).to.match(/^[\x20-\x7E]+$/);
        expect(cookie.value).to.equal('a\r\nSet-Cookie: x=y');
      });
    });

    describe('row 5: name + encoded value ≤ 4096 bytes', () => {
      it('accepts exactly 4096 bytes', () => {
        expect(accepts(cfg({ name: 'n', value: 'x'.repeat(4095) })).value).to.have.length(4095);
      });

      it('refuses 4097 bytes with name_value_too_long on value', () => {
        expect(rejects(cfg({ name: 'n', value: 'x'.repeat(4096) }))).to.deep.equal([
          ['value', 'name_value_too_long'],
        ]);
      });

      it('counts the encoded value, not the logical one', () => {
        // 1400 spaces are 4200 bytes once percent-encoded
        expect(rejects(cfg({ value: ' '.repeat(1400) }))).to.deep.equal([
          ['value', 'name_value_too_long'],
        ]);
      });

      it('refuses a 1 MB value of non-ASCII characters (which would encode to 6 MB)', () => {
        expect(rejects(cfg({ value: 'é'.repeat(1_000_000) }))).to.deep.equal([
          ['value', 'name_value_too_long'],
        ]);
        expect(rejects(cfg({ value: 'é'.repeat(1_000_000), encoding: 'base64url' }))).to.deep.equal(
          [['value', 'name_value_too_long']],
        );
      });

      it('refuses a 100 kB value without echoing it', () => {
        const result = Cookie.safeFrom(cfg({ value: 'v'.repeat(100_000) }));
        expect(result.success).to.equal(false);
        if (result.success) return;
        expect(result.error.message.length).to.be.lessThan(1000);
      });
    });

    describe('row 6: each attribute value ≤ 1024 bytes', () => {
      it('accepts a 1024-byte path', () => {
        const path = `/${'p'.repeat(1023)}`;
        expect(accepts(cfg({ path })).path).to.equal(path);
      });

      it('refuses a 1025-byte path with attribute_too_long on path', () => {
        expect(rejects(cfg({ path: `/${'p'.repeat(1024)}` }))).to.deep.equal([
          ['path', 'attribute_too_long'],
        ]);
      });

      it('refuses a 1025-byte extension value and a 100 kB domain', () => {
        expect(
          rejects(cfg({ extensions: [{ name: 'X', value: 'v'.repeat(1025) }] })),
        ).to.deep.equal([['extensions.0.value', 'attribute_too_long']]);
        expect(rejects(cfg({ domain: `.${'a.'.repeat(50_000)}com` }))).to.deep.equal([
          ['domain', 'attribute_too_long'],
        ]);
      });

      it('refuses a 100 kB extension name (attribute_too_long on its name)', () => {
        expect(rejects(cfg({ extensions: [{ name: 'X'.repeat(100_000) }] }))).to.deep.equal([
          ['extensions.0.name', 'attribute_too_long'],
        ]);
        expect(
          rejects(cfg({ extensions: [{ name: 'X'.repeat(1025), value: 'v' }] })),
        ).to.deep.equal([['extensions.0.name', 'attribute_too_long']]);
      });

      it('accepts a 1024-byte extension value', () => {
        expect(
          accepts(cfg({ extensions: [{ name: 'X', value: 'v'.repeat(1024) }] })).extensions,
        ).to.have.length(1);
      });
    });

    describe('row 7: Domain is ASCII LDH labels of 1-63, ≤ 253 in all, no trailing dot', () => {
      it('accepts letters, digits, hyphens and punycode', () => {
        expect(accepts(cfg({ domain: '.a-1.example.com' })).toString()).to.include(
          profile === 'rfc2109' ? 'Domain=.a-1.example.com' : 'Domain=a-1.example.com',
        );
        expect(accepts(cfg({ domain: '.xn--bcher-kva.example' })).domain).to.match(
          /xn--bcher-kva\.example$/,
        );
      });

      it('accepts a 63-character label and 253 characters in all', () => {
        const label63 = 'a'.repeat(63);
        expect(accepts(cfg({ domain: `.${label63}.com` })).domain).to.include(label63);
        const long = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;
        expect(long).to.have.length(253);
        expect(accepts(cfg({ domain: `.${long}` })).domain).to.include(long);
      });

      for (const bad of [
        '.exa_mple.com',
        '.-a.example.com',
        '.a-.example.com',
        '.example.com.',
        '.example..com',
        '.exa mple.com',
        '.[::1]',
        `.${'a'.repeat(64)}.com`,
        // 254 characters
        `.${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`,
      ]) {
        it(`refuses ${JSON.stringify(bad.length > 40 ? `${bad.slice(0, 20)}…` : bad)} with domain_syntax`, () => {
          expect(rejects(cfg({ domain: bad }))).to.deep.include(['domain', 'domain_syntax']);
        });
      }

      it('refuses a ";" in the domain', () => {
        expect(rejects(cfg({ domain: '.example.com;Secure' }))).to.deep.include([
          'domain',
          'domain_syntax',
        ]);
      });
    });

    describe('row 25: each attribute once, fixed order, "; " between parts, no space around "="', () => {
      it('writes every attribute once in the documented order', () => {
        const cookie = accepts(
          cfg({
            domain,
            path: '/',
            secure: true,
            httpOnly: true,
            maxAge: 60,
            expires: new Date('2030-01-01T00:00:00Z'),
            sameSite: 'lax',
            partitioned: true,
            priority: 'low',
            extensions: [{ name: 'Foo', value: 'bar' }, { name: 'Baz' }],
            ...(profile === 'rfc2109' ? { comment: 'hello world', version: 1 } : {}),
          }),
        );
        const legacy =
          profile === 'rfc2109'
            ? '; Version=1; Comment="hello world"; Domain=.example.com'
            : '; Domain=example.com';
        expect(cookie.toString()).to.equal(
          `sid=abc${legacy}; Path=/; Expires=Tue, 01 Jan 2030 00:00:00 GMT; Max-Age=60; Secure; HttpOnly; SameSite=Lax; Partitioned; Priority=Low; Foo=bar; Baz`,
        );
        const names = attributeNames(cookie.toString()).map((n) => n.toLowerCase());
        expect(new Set(names).size).to.equal(names.length);
        expect(cookie.toString()).not.to.match(/ =|= /);
      });

      it('refuses an attribute given twice through extensions (extension_duplicate)', () => {
        expect(
          rejects(
            cfg({
              extensions: [
                { name: 'Foo', value: '1' },
                { name: 'FOO', value: '2' },
              ],
            }),
          ),
        ).to.deep.equal([['extensions.1.name', 'extension_duplicate']]);
      });

      it('refuses a second Path smuggled in as an extension (extension_reserved)', () => {
        expect(
          rejects(cfg({ path: '/', extensions: [{ name: 'path', value: '/admin' }] })),
        ).to.deep.equal([['extensions.0.name', 'extension_reserved']]);
      });
    });

    describe('row 10: Path starts with "/", av-octets only', () => {
      it('accepts "/", nested paths and av-octets such as space and ","', () => {
        for (const path of ['/', '/a/b', '/a,b', '/a%3Bb', '/a=b']) {
          expect(attribute(accepts(cfg({ path })).toString(), 'Path')).to.equal(path);
        }
      });

      for (const path of ['', 'a', 'a/b', ' /a']) {
        it(`refuses ${JSON.stringify(path)} with path_syntax`, () => {
          expect(rejects(cfg({ path }))).to.deep.equal([['path', 'path_syntax']]);
        });
      }

      it('refuses ";" with path_syntax', () => {
        expect(rejects(cfg({ path: '/a;Domain=evil.com' }))).to.deep.equal([
          ['path', 'path_syntax'],
        ]);
      });

      it('refuses a path that a parser would trim (trailing space) — it would be read back as another path', () => {
        // Parsers strip whitespace around attribute values (6265bis §5.6), so "/a " arrives as "/a".
        expect(rejects(cfg({ path: '/a ' }))).to.deep.equal([['path', 'path_syntax']]);
      });
    });

    describe('row 11: Max-Age is an integer ≥ 0; 0 means discard now', () => {
      it('accepts 0 and emits Max-Age=0', () => {
        expect(attribute(accepts(cfg({ maxAge: 0 })).toString(), 'Max-Age')).to.equal('0');
      });

      it('accepts whole seconds and a duration in units', () => {
        expect(attribute(accepts(cfg({ maxAge: 3600 })).toString(), 'Max-Age')).to.equal('3600');
        expect(
          accepts(cfg({ maxAge: { days: 1, hours: 1, minutes: 1, seconds: 1 } })).maxAge,
        ).to.equal(DAY + 3661);
      });

      for (const maxAge of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, '60', null]) {
        it(`refuses ${String(maxAge)} (${typeof maxAge}) with max_age_integer on maxAge`, () => {
          expect(rejects(cfg({ maxAge }))).to.deep.equal([['maxAge', 'max_age_integer']]);
        });
      }

      it('refuses a duration that is not whole seconds or has negative parts', () => {
        expect(rejects(cfg({ maxAge: { seconds: 0.5 } }))).to.deep.equal([
          ['maxAge', 'max_age_integer'],
        ]);
        expect(rejects(cfg({ maxAge: { days: -1 } }))).to.deep.equal([['maxAge.days', 'duration']]);
      });

      it('refuses an empty duration instead of reading it as Max-Age=0 (discard now)', () => {
        expect(rejects(cfg({ maxAge: {} }))).to.deep.equal([['maxAge', 'duration']]);
      });
    });

    describe('row 12: a lifetime past 400 days is a warning, not an error', () => {
      it('does not warn at exactly 400 days', () => {
        const cookie = accepts(cfg({ maxAge: MAX_LIFETIME_SECONDS, sameSite: 'Lax' }));
        expect(cookie.warnings.map((w) => w.code)).to.deep.equal([]);
      });

      it('warns lifetime_capped on maxAge above 400 days, and still builds', () => {
        const cookie = accepts(cfg({ maxAge: MAX_LIFETIME_SECONDS + 1, sameSite: 'Lax' }));
        expect(cookie.warnings.map((w) => [w.path.join('.'), w.code])).to.deep.equal([
          ['maxAge', 'lifetime_capped'],
        ]);
        expect(attribute(cookie.toString(), 'Max-Age')).to.equal(String(MAX_LIFETIME_SECONDS + 1));
      });

      it('warns lifetime_capped on expires more than 400 days ahead', () => {
        const expires = new Date(Date.now() + 401 * DAY * 1000);
        const cookie = accepts(cfg({ expires, sameSite: 'Lax' }));
        expect(cookie.warnings.map((w) => [w.path.join('.'), w.code])).to.deep.equal([
          ['expires', 'lifetime_capped'],
        ]);
      });
      // The error form (a policy's `require: { maxLifetime }`) is specified with CookiePolicy.
    });

    describe('row 13: Expires is an IMF-fixdate in GMT with a four-digit year', () => {
      const IMF =
        /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

      for (const [input, expected] of [
        [new Date('2030-01-01T00:00:00.999Z'), 'Tue, 01 Jan 2030 00:00:00 GMT'],
        ['1601-01-01T00:00:00Z', 'Mon, 01 Jan 1601 00:00:00 GMT'],
        ['9999-12-31T23:59:59Z', 'Fri, 31 Dec 9999 23:59:59 GMT'],
        [0, 'Thu, 01 Jan 1970 00:00:00 GMT'],
      ] as const) {
        it(`writes ${String(input)} as ${expected}`, () => {
          const written = attribute(accepts(cfg({ expires: input })).toString(), 'Expires');
          expect(written).to.equal(expected);
          expect(written).to.match(IMF);
        });
      }

      for (const expires of [
        '1600-12-31T23:59:59Z',
        253402300800000,
        new Date(Number.NaN),
        'tomorrow',
        'Tue, 01 Jan 2030 00:00:00 GMT',
        true,
        null,
      ]) {
        it(`refuses ${String(expires)} with expires_date on expires`, () => {
          expect(rejects(cfg({ expires }))).to.deep.equal([['expires', 'expires_date']]);
        });
      }
    });

    describe('row 14: SameSite is Strict, Lax or None; None requires Secure', () => {
      for (const [input, written] of [
        ['Strict', 'Strict'],
        ['lax', 'Lax'],
        ['NONE', 'None'],
      ] as const) {
        it(`writes ${input} as SameSite=${written}`, () => {
          const cookie = accepts(cfg({ sameSite: input, secure: true }));
          expect(attribute(cookie.toString(), 'SameSite')).to.equal(written);
          expect(cookie.sameSite).to.equal(written);
        });
      }

      it('refuses an unknown mode with same_site_value on sameSite', () => {
        expect(rejects(cfg({ sameSite: 'lax-ish' }))).to.deep.equal([
          ['sameSite', 'same_site_value'],
        ]);
        expect(rejects(cfg({ sameSite: true }))).to.deep.equal([['sameSite', 'invalid_type']]);
      });

      it('refuses SameSite=None without Secure (same_site_none_insecure on secure)', () => {
        expect(rejects(cfg({ sameSite: 'none' }))).to.deep.equal([
          ['secure', 'same_site_none_insecure'],
        ]);
        expect(rejects(cfg({ sameSite: 'None', secure: false }))).to.deep.equal([
          ['secure', 'same_site_none_insecure'],
        ]);
      });
    });

    describe('row 15: Partitioned requires Secure', () => {
      it('accepts Partitioned with Secure', () => {
        expect(
          attributeNames(accepts(cfg({ partitioned: true, secure: true })).toString()),
        ).to.include('Partitioned');
      });

      it('refuses Partitioned without Secure (partitioned_insecure on secure)', () => {
        expect(rejects(cfg({ partitioned: true }))).to.deep.equal([
          ['secure', 'partitioned_insecure'],
        ]);
      });
    });

    describe('row 16: __Secure- requires Secure', () => {
      it('accepts a __Secure- cookie with Secure', () => {
        expect(accepts(cfg({ name: '__Secure-id', secure: true })).name).to.equal('__Secure-id');
      });

      it('refuses it without Secure (prefix_secure on secure)', () => {
        expect(rejects(cfg({ name: '__Secure-id' }))).to.deep.equal([['secure', 'prefix_secure']]);
      });
    });

    describe('row 17: __Host- requires Secure, Path=/, no Domain', () => {
      it('accepts Secure and Path=/', () => {
        expect(accepts(cfg({ name: '__Host-id', secure: true, path: '/' })).toString()).to.include(
          'Path=/; Secure',
        );
      });

      it('refuses each missing or extra attribute with prefix_host on that field', () => {
        expect(rejects(cfg({ name: '__Host-id', path: '/' }))).to.deep.equal([
          ['secure', 'prefix_host'],
        ]);
        expect(rejects(cfg({ name: '__Host-id', secure: true }))).to.deep.equal([
          ['path', 'prefix_host'],
        ]);
        expect(rejects(cfg({ name: '__Host-id', secure: true, path: '/app' }))).to.deep.equal([
          ['path', 'prefix_host'],
        ]);
        expect(rejects(cfg({ name: '__Host-id', secure: true, path: '/', domain }))).to.deep.equal([
          ['domain', 'prefix_host'],
        ]);
      });
    });

    describe('row 18: __Http- requires Secure and HttpOnly; __Host-Http- also Path=/ and no Domain', () => {
      it('accepts __Http- with Secure and HttpOnly, and __Host-Http- with Path=/ too', () => {
        expect(
          accepts(cfg({ name: '__Http-id', secure: true, httpOnly: true, domain })).name,
        ).to.equal('__Http-id');
        expect(
          accepts(cfg({ name: '__Host-Http-id', secure: true, httpOnly: true, path: '/' })).name,
        ).to.equal('__Host-Http-id');
      });

      it('refuses __Http- without HttpOnly or Secure (prefix_http)', () => {
        expect(rejects(cfg({ name: '__Http-id', secure: true }))).to.deep.equal([
          ['httpOnly', 'prefix_http'],
        ]);
        expect(rejects(cfg({ name: '__Http-id', httpOnly: true }))).to.deep.equal([
          ['secure', 'prefix_http'],
        ]);
      });

      it('refuses __Host-Http- without HttpOnly, without Path=/ or with a Domain', () => {
        const ok = { name: '__Host-Http-id', secure: true, httpOnly: true, path: '/' };
        expect(rejects(cfg({ ...ok, httpOnly: false }))).to.deep.equal([
          ['httpOnly', 'prefix_http'],
        ]);
        expect(rejects(cfg({ ...ok, path: '/x' }))).to.deep.equal([['path', 'prefix_host']]);
        expect(rejects(cfg({ ...ok, domain }))).to.deep.equal([['domain', 'prefix_host']]);
        expect(rejects(cfg({ ...ok, secure: false }))).to.deep.equal([['secure', 'prefix_host']]);
      });
    });

    describe('row 19: prefixes match case-insensitively', () => {
      for (const [name, expected] of [
        [
          '__HOST-id',
          [
            ['secure', 'prefix_host'],
            ['path', 'prefix_host'],
          ],
        ],
        [
          '__host-id',
          [
            ['secure', 'prefix_host'],
            ['path', 'prefix_host'],
          ],
        ],
        ['__SECURE-id', [['secure', 'prefix_secure']]],
        [
          '__http-id',
          [
            ['secure', 'prefix_http'],
            ['httpOnly', 'prefix_http'],
          ],
        ],
        [
          '__HOST-HTTP-id',
          [
            ['secure', 'prefix_host'],
            ['httpOnly', 'prefix_http'],
            ['path', 'prefix_host'],
          ],
        ],
      ] as const) {
        it(`checks ${name} like its canonical prefix`, () => {
          expect(rejects(cfg({ name }))).to.have.deep.members(expected.map((e) => [...e]));
        });
      }

      it('does not treat look-alikes as prefixes', () => {
        for (const name of ['__Hostid', '_Host-id', 'x__Host-id', '__Securex', '__Http']) {
          expect(accepts(cfg({ name })).name).to.equal(name);
        }
      });
    });

    describe('row 23: Priority is Low, Medium or High', () => {
      it('writes any case as Priority=Low|Medium|High', () => {
        expect(attribute(accepts(cfg({ priority: 'medium' })).toString(), 'Priority')).to.equal(
          'Medium',
        );
        expect(attribute(accepts(cfg({ priority: 'HIGH' })).toString(), 'Priority')).to.equal(
          'High',
        );
      });

      it('refuses another value with priority_value on priority', () => {
        expect(rejects(cfg({ priority: 'urgent' }))).to.deep.equal([
          ['priority', 'priority_value'],
        ]);
      });
    });

    describe('row 24: extension attribute is non-empty av-octets and not a known attribute name', () => {
      it('accepts Name=value and a bare Name, in order', () => {
        const cookie = accepts(
          cfg({ extensions: [{ name: 'Foo', value: 'a b=c' }, { name: 'Bar' }] }),
        );
        expect(cookie.toString()).to.match(/; Foo=a b=c; Bar$/);
      });

      // every attribute, in its own spelling, lowercase or uppercase by turns
      for (const name of SET_COOKIE_ATTRIBUTES.map(
        (attribute, i) => [attribute, attribute.toLowerCase(), attribute.toUpperCase()][i % 3],
      )) {
        it(`refuses an extension named ${name} (extension_reserved)`, () => {
          expect(rejects(cfg({ extensions: [{ name, value: 'x' }] }))).to.deep.equal([
            ['extensions.0.name', 'extension_reserved'],
          ]);
        });
      }

      it('refuses a name that is not a token and values that are empty, hold ";" or outer spaces', () => {
        expect(rejects(cfg({ extensions: [{ name: 'a b' }] }))).to.deep.equal([
          ['extensions.0.name', 'extension_syntax'],
        ]);
        expect(rejects(cfg({ extensions: [{ name: '' }] }))).to.deep.equal([
          ['extensions.0.name', 'extension_syntax'],
        ]);
        for (const value of ['', 'a;b', ' a', 'a ']) {
          expect(rejects(cfg({ extensions: [{ name: 'X', value }] }))).to.deep.equal([
            ['extensions.0.value', 'extension_syntax'],
          ]);
        }
      });

      it('refuses extensions that are not {name, value?} objects', () => {
        expect(rejects(cfg({ extensions: ['Foo=bar'] }))).to.deep.equal([
          ['extensions.0', 'invalid_type'],
        ]);
        expect(rejects(cfg({ extensions: [{ name: 'X', vaule: 'y' }] }))).to.deep.equal([
          ['extensions.0.vaule', 'unknown_key'],
        ]);
      });
    });

    describe('row 28: a removal cookie repeats the scope and what its prefix needs', () => {
      it("builder.removal() keeps Domain, Path and Partitioned and adds the prefix's needs", () => {
        const removal = Cookie.builder('__Host-Http-id', 'x')
          .secure()
          .httpOnly()
          .path('/')
          .partitioned()
          .maxAge(3600)
          .profile(profile)
          .removal()
          .build();
        expect(removal.value).to.equal('');
        expect(removal.maxAge).to.equal(0);
        expect(removal.toString()).to.include('Path=/');
        expect(removal.secure && removal.httpOnly && removal.partitioned).to.equal(true);

        const scoped = Cookie.builder('sid', 'x')
          .domain(domain)
          .path('/app')
          .profile(profile)
          .removal()
          .build();
        expect(scoped.domain).to.equal(profile === 'rfc2109' ? '.example.com' : 'example.com');
        expect(scoped.path).to.equal('/app');
      });

      it('refuses a hand-made removal of a __Secure- cookie that drops Secure', () => {
        expect(rejects(cfg({ name: '__Secure-id', value: '', maxAge: 0 }))).to.deep.equal([
          ['secure', 'prefix_secure'],
        ]);
      });
    });

    describe('row 30: warnings in cookie.warnings', () => {
      it('has no warnings for a plain cookie with SameSite', () => {
        expect(accepts(cfg({ sameSite: 'Lax', secure: true })).warnings).to.deep.equal([]);
      });

      it('warns same_site_absent when SameSite is missing (not on a removal)', () => {
        expect(accepts(cfg({})).warnings.map((w) => [w.path.join('.'), w.code])).to.deep.equal([
          ['sameSite', 'same_site_absent'],
        ]);
        expect(accepts(cfg({ maxAge: 0 })).warnings).to.deep.equal([]);
      });

      it('warns about Priority and Partitioned that some browsers ignore', () => {
        const cookie = accepts(
          cfg({ sameSite: 'None', secure: true, partitioned: true, priority: 'High' }),
        );
        expect(cookie.warnings.map((w) => [w.path.join('.'), w.code])).to.have.deep.members([
          ['partitioned', 'partitioned_support'],
          ['priority', 'priority_chromium_only'],
        ]);
      });
      // "Secure cookie on a plain-http response" needs the response: lintSetCookie's specs.
    });
  });
}

describe('RULES.md rows specific to one profile', () => {
  describe('row 8 (rfc2109): Domain starts with a dot and has an embedded dot', () => {
    it('accepts ".example.com" and emits it with the dot', () => {
      expect(accepts({ name: 'sid', value: 'a', domain: '.example.com' }).toString()).to.equal(
        'sid=a; Version=1; Domain=.example.com',
      );
    });

    it('refuses "example.com" with domain_leading_dot on domain', () => {
      expect(rejects({ name: 'sid', value: 'a', domain: 'example.com' })).to.deep.equal([
        ['domain', 'domain_leading_dot'],
      ]);
    });

    it('refuses ".com" and ".local" with domain_embedded_dot on domain', () => {
      expect(rejects({ name: 'sid', value: 'a', domain: '.com' })).to.deep.equal([
        ['domain', 'domain_embedded_dot'],
      ]);
      expect(
        rejects({ name: 'sid', value: 'a', profile: 'rfc2109', domain: '.local' }),
      ).to.deep.equal([['domain', 'domain_embedded_dot']]);
    });

    it('does not apply under rfc6265', () => {
      expect(
        accepts({ name: 'sid', value: 'a', profile: 'rfc6265', domain: 'localhost' }).domain,
      ).to.equal('localhost');
    });

    it('under rfc6265, warns domain_public_suffix on a single label, which browsers keep host-only at best', () => {
      const single = accepts({ name: 'sid', value: 'a', profile: 'rfc6265', domain: 'localhost' });
      expect(single.warnings.map((w) => [w.path.join('.'), w.code])).to.deep.include([
        'domain',
        'domain_public_suffix',
      ]);
      const site = accepts({ name: 'sid', value: 'a', profile: 'rfc6265', domain: 'example.com' });
      expect(site.warnings.map((w) => w.code)).to.not.include('domain_public_suffix');
    });
  });

  describe('row 9 (rfc6265): Domain is emitted without a leading dot, lowercase', () => {
    it('drops the dot and lowercases', () => {
      const cookie = accepts({
        name: 'sid',
        value: 'a',
        profile: 'rfc6265',
        domain: '.Example.COM',
      });
      expect(cookie.toString()).to.equal('sid=a; Domain=example.com');
      expect(cookie.domain).to.equal('example.com');
    });

    it('refuses what cannot be normalised: two leading dots (domain_syntax)', () => {
      expect(
        rejects({ name: 'sid', value: 'a', profile: 'rfc6265', domain: '..example.com' }),
      ).to.deep.equal([['domain', 'domain_syntax']]);
    });
  });

  describe('row 20 (rfc2109): Version is a non-negative integer, default 1', () => {
    it('emits Version=1 by default and the given version otherwise', () => {
      expect(accepts({ name: 'sid', value: 'a' }).toString()).to.equal('sid=a; Version=1');
      expect(accepts({ name: 'sid', value: 'a' }).version).to.equal(1);
      expect(accepts({ name: 'sid', value: 'a', version: 0 }).toString()).to.equal(
        'sid=a; Version=0',
      );
    });

    for (const version of [-1, 1.5, 2 ** 53]) {
      it(`refuses ${version} with version_value on version`, () => {
        expect(rejects({ name: 'sid', value: 'a', version })).to.deep.equal([
          ['version', 'version_value'],
        ]);
      });
    }

    it('refuses a version that is not a number', () => {
      for (const version of ['1', Number.NaN, null]) {
        expect(rejects({ name: 'sid', value: 'a', version })).to.deep.equal([
          ['version', 'invalid_type'],
        ]);
      }
    });
  });

  describe('row 21 (rfc6265): Version and Comment are not allowed', () => {
    it('emits neither', () => {
      const cookie = accepts({ name: 'sid', value: 'a', profile: 'rfc6265' });
      expect(cookie.toString()).to.equal('sid=a');
      expect(cookie.version).to.equal(undefined);
      expect('version' in cookie.toJSON()).to.equal(false);
    });

    it('refuses them with profile_attribute on each', () => {
      expect(
        rejects({ name: 'sid', value: 'a', profile: 'rfc6265', version: 1, comment: 'hi' }),
      ).to.deep.equal([
        ['version', 'profile_attribute'],
        ['comment', 'profile_attribute'],
      ]);
    });
  });

  describe('row 22 (rfc2109): Comment has no CTL, ≤ 1024 bytes, quoted-string when not a token', () => {
    it('writes a token as it is and anything else quoted, escaping " and \\', () => {
      expect(accepts({ name: 'sid', value: 'a', comment: 'session' }).toString()).to.equal(
        'sid=a; Version=1; Comment=session',
      );
      expect(
        accepts({ name: 'sid', value: 'a', comment: 'our "session" \\ id' }).toString(),
      ).to.equal('sid=a; Version=1; Comment="our \\"session\\" \\\\ id"');
      expect(accepts({ name: 'sid', value: 'a', comment: '' }).toString()).to.equal(
        'sid=a; Version=1; Comment=""',
      );
    });

    it('refuses CTL, ";" and non-ASCII', () => {
      expect(rejects({ name: 'sid', value: 'a', comment: 'a\r\nb' })).to.deep.equal([
        ['comment', 'control_character'],
      ]);
      expect(rejects({ name: 'sid', value: 'a', comment: 'a; Secure' })).to.deep.equal([
        ['comment', 'comment_syntax'],
      ]);
      expect(rejects({ name: 'sid', value: 'a', comment: 'café' })).to.deep.equal([
        ['comment', 'non_ascii'],
      ]);
    });

    it('counts the quoted form against 1024 bytes', () => {
      expect(
        accepts({ name: 'sid', value: 'a', comment: 'c'.repeat(1024) }).comment,
      ).to.have.length(1024);
      expect(
        accepts({ name: 'sid', value: 'a', comment: ' '.repeat(1022) }).comment,
      ).to.have.length(1022);
      expect(rejects({ name: 'sid', value: 'a', comment: ' '.repeat(1023) })).to.deep.equal([
        ['comment', 'attribute_too_long'],
      ]);
    });
  });
});

describe('docs/attributes.md', () => {
  const doc = readFileSync(new URL('../docs/attributes.md', import.meta.url), 'utf8');
  const example = EVERY_ATTRIBUTE;

  it('shows the headers the code writes, in the documented order', () => {
    const blocks = [...doc.matchAll(/^```\n(.*)\n```$/gm)].map((m) => m[1]);
    expect(blocks).to.include(Cookie.from({ ...example, comment: 'session id' }).toString());
    expect(blocks).to.include(Cookie.from({ ...example, profile: 'rfc6265' }).toString());
  });

  it('has a row for every rule 1-30', () => {
    const rows = [...doc.matchAll(/^\| (\d+) \|/gm)].map((m) => Number(m[1]));
    expect(rows).to.deep.equal(Array.from({ length: 30 }, (_, i) => i + 1));
  });
});

describe('RULES.md rows of a whole response (CookieJarResponse)', () => {
  // The jar's own spec (cookie-jar-response.spec.ts) covers these in depth; here, one passing and
  // one failing case per row through the public API.
  it('row 26: one Set-Cookie line per cookie, never folded with commas', () => {
    const jar = new CookieJarResponse()
      .add(Cookie.from({ name: 'a', value: 'x, y', expires: 0 }))
      .add(Cookie.from({ name: 'b', value: '1' }));
    const lines = jar.setCookieHeaders();
    expect(lines).to.have.length(2);
    expect(lines[0]).to.match(/^a=x%2C%20y; /);
    expect(lines[1]).to.equal('b=1; Version=1');
    for (const line of lines) expect(line).not.to.match(/[\r\n]/);
  });

  it('row 26: a value that would be ambiguous in a folded line is refused under raw', () => {
    expect(rejects({ name: 'a', value: 'x, b=y', encoding: 'raw' })).to.deep.equal([
      ['value', 'value_octets'],
    ]);
  });

  it('row 27: a response holding cookies is kept out of shared caches', () => {
    const jar = new CookieJarResponse().add(Cookie.from({ name: 'sid', value: 'x' }));
    expect(jar.cacheHeaders()).to.deep.equal([
      ['Cache-Control', 'private, no-cache="set-cookie"'],
      ['Expires', 'Thu, 01 Jan 1970 00:00:00 GMT'],
    ]);
  });

  it('row 27: a response without cookies gets no cache directives', () => {
    expect(new CookieJarResponse().cacheHeaders()).to.deep.equal([]);
    expect(new CookieJarResponse().headers()).to.deep.equal([]);
  });

  it('row 29: a second cookie of the same identity replaces the first, so one line is sent', () => {
    const jar = new CookieJarResponse()
      .add(Cookie.from({ name: 'sid', value: '1', path: '/' }))
      .add(Cookie.from({ name: 'sid', value: '2', path: '/' }));
    expect(jar.setCookieHeaders()).to.deep.equal(['sid=2; Version=1; Path=/']);
  });

  it('row 29: warns about two Set-Cookie lines of one name in different scopes (lint)', () => {
    const jar = new CookieJarResponse()
      .add(Cookie.from({ name: 'sid', value: '1', path: '/' }))
      .add(Cookie.from({ name: 'sid', value: '2', path: '/app' }));
    const warned = lintSetCookieLines(jar.setCookieHeaders()).map((report) =>
      report.diagnostics.some((d) => d.severity === 'warning' && d.code === 'duplicate_name'),
    );
    expect(warned).to.deep.equal([false, true]);
    const distinct = lintSetCookieLines(['a=1; Path=/', 'b=1; Path=/']);
    expect(distinct.flatMap((r) => r.diagnostics).map((d) => d.code)).not.to.include(
      'duplicate_name',
    );
  });
});
