import { expect } from 'chai';
import fc from 'fast-check';
import { Cookie, type CookieResult, cookieOf } from '../src/cookie/cookie.js';
import { CookieValidationError } from '../src/errors.js';
import { readCommonLine } from '../src/parse/common-line.js';
import { readLine } from '../src/parse/set-cookie.js';
import { stripHeaderName } from '../src/parse/split.js';
import type { CookieProfile } from '../src/rules/attributes.js';
import type { CheckedCookie } from '../src/rules/check.js';
import { parseCookieDate, parseCookieDateTokens } from '../src/rules/dates.js';
import type { CookieEncoding } from '../src/rules/encoding.js';
import { SET_COOKIE_ATTRIBUTES } from './support/fixtures.js';

// The fast path of Cookie.parse must answer exactly as the general path wherever it answers.
// It answers only lines that give a cookie; every other line is left to the general path.

function resultOf(read: CheckedCookie | CookieValidationError): CookieResult {
  return read instanceof CookieValidationError
    ? { success: false, error: read }
    : { success: true, cookie: cookieOf(read) };
}
function parseSetCookieFast(
  text: string,
  p: CookieProfile,
  e: CookieEncoding,
): CookieResult | undefined {
  const read = readCommonLine(text, p, e);
  return read === undefined ? undefined : resultOf(read);
}
function parseSetCookieLine(text: string, p: CookieProfile, e: CookieEncoding): CookieResult {
  return resultOf(readLine(text, p, e));
}

/** Flips the case of the letters of `text` chosen by the bits of `mask`. */
function recase(text: string, mask: number): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    out += (mask >> (i % 30)) & 1 ? c.toUpperCase() : c.toLowerCase();
  }
  return out;
}

const KNOWN = SET_COOKIE_ATTRIBUTES;
// near misses, extensions, and look-alikes outside ASCII (long s, Kelvin sign)
const UNKNOWN = [
  'Foo',
  'Secure2',
  'Path-',
  'Max_Age',
  'MaxAge',
  'HttpOnlyX',
  'Pa',
  'P',
  '',
  ' ',
  'ſecure',
  'Max-\u212Age',
  'Version ',
  ' Domain',
  'Max Age',
];
const attributeName = fc
  .oneof(
    { weight: 20, arbitrary: fc.tuple(fc.constantFrom(...KNOWN), fc.nat()) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...UNKNOWN), fc.nat()) },
    { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 8 }), fc.constant(0)) },
  )
  .map(([name, mask]) => recase(name, mask));

const attributeValue = fc.oneof(
  { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '0',
      '1',
      '3600',
      '007',
      '-1',
      '1.5',
      '1e3',
      '123456789012345',
      '1234567890123456',
      '99999999999999999999',
      '',
      ' 60',
      '60 ',
      '.example.com',
      'example.com',
      'EXAMPLE.com',
      'a..b',
      '/',
      '/a b',
      '/a=b',
      'app',
      'Lax',
      'strict',
      'NONE',
      'bogus',
      'Low',
      'high',
      'urgent',
      'Wed, 21 Oct 2015 07:28:00 GMT',
      'Sun, 06-Nov-94 08:49:37 GMT',
      '2030-01-01',
      'garbage',
      'hello',
      '"quoted \\" comment"',
      '"unterminated',
      'tab\there',
      'ctl\x01',
      'del\x7f',
      'caf\u00e9',
      'x'.repeat(1025),
      'x'.repeat(1024),
    ),
  },
);

/** Mostly `fine`, sometimes `odd`: lines the fast path takes, with now and then a twist. */
function mostly<T>(fine: fc.Arbitrary<T>, odd: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof({ weight: 12, arbitrary: fine }, { weight: 1, arbitrary: odd });
}

// values that fit each known attribute, so that most generated lines are valid
const FITTING: Record<string, readonly (string | undefined)[]> = {
  expires: [
    'Wed, 21 Oct 2015 07:28:00 GMT',
    'Sun, 06-Nov-94 08:49:37 GMT',
    'Fri, 01 Jan 2100 00:00:00 GMT',
  ],
  // 15 digits are exact as a running sum; 20 digits are not
  'max-age': ['0', '3600', '007', '123456789012345', '99999999999999999999'],
  domain: ['.example.com', 'example.com'],
  // 1024 and 1025 bytes: browsers ignore a longer attribute value
  path: ['/', '/app', `/${'a'.repeat(1023)}`, `/${'a'.repeat(1024)}`],
  secure: [undefined],
  httponly: [undefined],
  partitioned: [undefined],
  samesite: ['Lax', 'strict', 'None'],
  priority: ['High', 'low', 'Medium'],
  version: ['1', '0', '12345678901234567890'],
  comment: ['hello', '"quoted"'],
};
const fittingValue = (name: string): fc.Arbitrary<string | undefined> =>
  fc.constantFrom(...(FITTING[name.toLowerCase()] ?? [undefined]));
const oddValue: fc.Arbitrary<string | undefined> = fc.oneof(fc.constant(undefined), attributeValue);

const attribute = fc
  .tuple(
    mostly(fc.constant('; '), fc.constantFrom(';', ';  ', ' ; ', ';;', '; ;', ';\t', '')),
    attributeName,
  )
  .chain(([sep, name]) =>
    fc
      .tuple(
        mostly(fc.constant('='), fc.constantFrom(' =', '= ', '==')),
        fc.oneof({ weight: 12, arbitrary: fittingValue(name) }, { weight: 1, arbitrary: oddValue }),
      )
      .map(([eq, value]) => (value === undefined ? sep + name : sep + name + eq + value)),
  );

const cookieName = mostly(
  fc.constantFrom('sid', 'SID', '__Host-id', '__Secure-id', '__Http-id', '$Version'),
  fc.oneof(fc.constantFrom('a b', '', 'a;b'), fc.string({ maxLength: 6 })),
);
const cookieValue = mostly(
  fc.constantFrom('f3a9c2e17b4d4e0c9a1b', '', 'a%20b', '%E2%9C%93', '%zz', 'YWJj', 'YWJ', '=x'),
  fc.oneof(
    fc.constantFrom('%', '"quoted"', 'a b', 'a,b', 'caf\u00e9', ' v', 'v '),
    fc.string({ maxLength: 8 }),
  ),
);
const line = fc
  .tuple(
    mostly(fc.constant(''), fc.constant(' ')),
    cookieName,
    mostly(fc.constant('='), fc.constantFrom(' =', '= ', '')),
    cookieValue,
    mostly(
      fc.uniqueArray(attribute, {
        maxLength: 7,
        selector: (part) =>
          part
            .replace(/^[; ]*/, '')
            .split('=')[0]
            ?.toLowerCase(),
      }),
      fc.array(attribute, { maxLength: 9 }),
    ),
    mostly(fc.constant(''), fc.constantFrom(';', ' ', '; ')),
  )
  .map(([lead, name, eq, value, attrs, tail]) => lead + name + eq + value + attrs.join('') + tail);
const profile = fc.constantFrom<CookieProfile>('rfc2109', 'rfc6265');
const encoding = fc.constantFrom<CookieEncoding>('uri', 'uri', 'raw', 'base64url');

/** Everything a caller can observe of a result. */
function observe(result: CookieResult): unknown {
  if (result.success) {
    const { cookie } = result;
    return { header: cookie.toString(), json: cookie.toJSON(), warnings: cookie.warnings };
  }
  const { error } = result;
  return {
    type: error.constructor.name,
    message: error.message,
    cookieName: error.cookieName,
    issues: error.issues,
    cause: error.cause === undefined ? undefined : String(error.cause),
  };
}

describe('Cookie.parse fast path (internal)', () => {
  it('answers every generated line exactly as the general path, or leaves it to it', () => {
    const answered = { valid: 0, declined: 0 };
    fc.assert(
      fc.property(line, profile, encoding, (text, p, e) => {
        const fast = parseSetCookieFast(text, p, e);
        const general = parseSetCookieLine(text, p, e);
        if (fast === undefined) {
          answered.declined++;
          return;
        }
        answered.valid++;
        expect(fast.success).to.equal(true);
        expect(observe(fast)).to.deep.equal(observe(general));
      }),
      { numRuns: 4000 },
    );
    // not vacuous: the fast path answers often, and leaves many lines to the general path
    expect(answered.valid, JSON.stringify(answered)).to.be.greaterThan(100);
    expect(answered.declined, JSON.stringify(answered)).to.be.greaterThan(200);
  });

  it('takes the benchmark line and the lines Cookie#toString() writes', () => {
    const header =
      'sid=f3a9c2e17b4d4e0c9a1b; Version=1; Domain=.example.com; Path=/; Max-Age=3600; Secure; HttpOnly';
    const fast = parseSetCookieFast(header, 'rfc2109', 'uri');
    expect(fast?.success).to.equal(true);
    expect(observe(fast as CookieResult)).to.deep.equal(
      observe(parseSetCookieLine(header, 'rfc2109', 'uri')),
    );
    const written = Cookie.builder('__Host-id', 'a b;c')
      .path('/')
      .secure()
      .httpOnly()
      .sameSite('Lax')
      .priority('High')
      .partitioned()
      .expires(new Date(Date.UTC(2030, 0, 1)))
      .maxAge(60)
      .profile('rfc6265')
      .build()
      .toString();
    const again = parseSetCookieFast(written, 'rfc6265', 'uri');
    expect(again?.success ? again.cookie.toString() : again).to.equal(written);
  });

  it('leaves non-ASCII look-alikes of attribute names to the general path', () => {
    // U+017F (long s) and U+212A (Kelvin sign) fold to ASCII letters under some case rules
    for (const text of ['a=b; \u017Fecure', 'a=b; Max-\u212Age=1', 'a=b; Path=/caf\u00e9']) {
      expect(parseSetCookieFast(text, 'rfc6265', 'uri'), text).to.equal(undefined);
      const general = parseSetCookieLine(text, 'rfc6265', 'uri');
      expect(general.success ? undefined : general.error.issues[0]?.code).to.equal('non_ascii');
    }
  });

  it('leaves a line with a duplicate, an extension or a flag with a value to the general path', () => {
    const cases: [string, string, (string | number)[]][] = [
      ['a=b; Path=/; path=/x', 'duplicate_attribute', ['path']],
      ['a=b; Secure=yes', 'flag_value', ['secure']],
      ['a=b; Max-Age=-1', 'max_age_integer', ['maxAge']],
      ['a=b; Foo=bar; Foo', 'extension_duplicate', ['extensions', 1, 'name']],
    ];
    for (const [text, code, path] of cases) {
      expect(parseSetCookieFast(text, 'rfc6265', 'uri'), text).to.equal(undefined);
      const result = Cookie.safeParse(text, { profile: 'rfc6265' });
      expect(result.success, text).to.equal(false);
      if (!result.success) {
        expect(
          result.error.issues.map((i) => [i.code, i.path]),
          text,
        ).to.deep.include([code, path]);
      }
    }
  });

  it('gives Cookie.safeParse the same answer as the general path, header name and options included', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('', 'Set-Cookie: ', 'set-cookie:', 'SET-COOKIE :\t'),
        line,
        profile,
        encoding,
        (prefix, text, p, e) => {
          const header = prefix + text;
          expect(observe(Cookie.safeParse(header, { profile: p, encoding: e }))).to.deep.equal(
            observe(parseSetCookieLine(stripHeaderName(header), p, e)),
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  describe('parseCookieDate', () => {
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    const imfLike = fc
      .tuple(
        fc.constantFrom('Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun', 'Xyz', 'wed'),
        fc.integer({ min: 0, max: 99 }),
        fc.constantFrom(
          'Jan',
          'Feb',
          'Mar',
          'Apr',
          'May',
          'Jun',
          'Jul',
          'Aug',
          'Sep',
          'Oct',
          'Nov',
          'Dec',
          'oct',
          'Foo',
        ),
        fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1599, max: 2100 })),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        fc.constantFrom(' GMT', ' GMT', ' UTC', 'GMT', ' GMT '),
      )
      .map(
        ([wd, d, mon, y, h, m, sec, zone]) =>
          `${wd}, ${pad(d, 2)} ${mon} ${pad(y, 4)} ${pad(h % 30, 2)}:${pad(m % 65, 2)}:${pad(sec % 65, 2)}${zone}`,
      );

    it('reads an IMF-fixdate as the token algorithm of 6265bis §5.1.1 does (property)', () => {
      let dates = 0;
      fc.assert(
        fc.property(fc.oneof(imfLike, fc.string({ maxLength: 30 })), (text) => {
          const fast = parseCookieDate(text);
          if (fast !== undefined) dates++;
          expect(fast?.getTime(), text).to.equal(parseCookieDateTokens(text)?.getTime());
        }),
        { numRuns: 3000 },
      );
      expect(dates).to.be.greaterThan(300);
    });

    it('reads two-digit-looking years, 31 February and 1600 as the algorithm does', () => {
      expect(parseCookieDate('Thu, 01 Jan 0070 00:00:00 GMT')?.toISOString()).to.equal(
        '1970-01-01T00:00:00.000Z',
      );
      expect(parseCookieDate('Sat, 31 Feb 2024 00:00:00 GMT')).to.equal(undefined);
      expect(parseCookieDate('Fri, 31 Dec 1600 23:59:59 GMT')).to.equal(undefined);
      expect(parseCookieDate('Sun, 06 Nov 1994 08:49:37 GMT')?.toISOString()).to.equal(
        '1994-11-06T08:49:37.000Z',
      );
    });
  });
});
