import { expect } from 'chai';
import fc from 'fast-check';
import {
  Cookie,
  CookieBuilder,
  type CookieConfig,
  CookieJarResponse,
  CookiePolicy,
} from '../../src/index.js';
import { KNOWN_ATTRIBUTE_NAMES } from '../../src/rules/attributes.js';
import { assertParsersAgree } from './readers.js';

const EXPIRES = new Date('2031-05-06T07:08:09Z');

/** A broad table: every attribute, both profiles, every encoding, prefixes, policies, jars. */
const table: [string, () => Cookie][] = [
  ['plain', () => Cookie.builder('sid', 'abc').build()],
  ['empty value', () => Cookie.builder('sid', '').build()],
  [
    'rfc2109: every attribute',
    () =>
      Cookie.builder('sid', 'a3f9c2e1')
        .comment('session id')
        .domain('.Example.COM')
        .path('/app')
        .maxAge(3600)
        .expires(EXPIRES)
        .secure()
        .httpOnly()
        .sameSite('Strict')
        .partitioned()
        .priority('High')
        .extension('Trace', 'on')
        .extension('Flag')
        .build(),
  ],
  [
    'rfc6265: every attribute',
    () =>
      Cookie.builder('sid', 'a3f9c2e1')
        .profile('rfc6265')
        .domain('.Example.com')
        .path('/')
        .maxAge({ days: 1 })
        .expires(EXPIRES)
        .secure()
        .httpOnly()
        .sameSite('none')
        .partitioned()
        .priority('low')
        .build(),
  ],
  ['rfc2109 version 0', () => Cookie.builder('v', '1').version(0).build()],
  ['comment that is a token', () => Cookie.builder('c', '1').comment('token').build()],
  [
    'comment needing quotes and escapes',
    () => Cookie.builder('c', '1').comment('say "hi" \\ now, = ok').build(),
  ],
  ['Max-Age=0', () => Cookie.builder('m', '1').maxAge(0).build()],
  ['Max-Age 500 days', () => Cookie.builder('m', '1').maxAge({ days: 500 }).build()],
  ['Expires in 1601', () => Cookie.builder('e', '1').expires('1601-01-01T00:00:00Z').build()],
  ['Expires in 9999', () => Cookie.builder('e', '1').expires('9999-12-31T23:59:59Z').build()],
  ['SameSite=Lax', () => Cookie.builder('s', '1').sameSite('LAX').build()],
  ['Priority=Medium', () => Cookie.builder('p', '1').priority('Medium').build()],
  ['path with a space and %', () => Cookie.builder('p', '1').path('/a b/%7e').build()],
  ['uri value with every special', () => Cookie.builder('u', ' ";,\\%é€😀\u00ff').build()],
  ['uri value of printable ASCII', () => Cookie.builder('u', asciiPrintable()).build()],
  ['uri value that looks encoded', () => Cookie.builder('u', '%41%zz').build()],
  ['base64url value', () => Cookie.builder('b', '{"a":[1,2]} é').encoding('base64url').build()],
  [
    'raw value',
    () => Cookie.builder('r', "abc!#$&'()*+-./:<=>?@[]^_`{|}~").encoding('raw').build(),
  ],
  ['raw quoted value', () => Cookie.builder('r', '"abc"').encoding('raw').build()],
  ['name of every tchar', () => Cookie.builder("!#$%&'*+-.^_`|~09AZaz", '1').build()],
  ['name "constructor"', () => Cookie.builder('constructor', '1').build()],
  ['name "__proto__"', () => Cookie.builder('__proto__', '1').build()],
  [
    'extension "value" and "toString"',
    () => Cookie.builder('x', '1').extension('value', 'v').extension('toString', 't').build(),
  ],
  ['__Secure-', () => Cookie.builder('__Secure-a', '1').secure().build()],
  ['__Host-', () => Cookie.builder('__Host-a', '1').secure().path('/').build()],
  ['__Http-', () => Cookie.builder('__Http-a', '1').secure().httpOnly().build()],
  [
    '__Host-Http-',
    () => Cookie.builder('__Host-Http-a', '1').secure().httpOnly().path('/').build(),
  ],
  ['removal()', () => Cookie.builder('__Host-a', '1').secure().path('/').removal().build()],
  [
    'removal() of a domain cookie',
    () => Cookie.builder('a', '1').domain('.example.com').path('/x').removal().build(),
  ],
  [
    'policy secureSession',
    () => Cookie.builder('s', '1').apply(CookiePolicy.secureSession).build(),
  ],
  ['policy hostOnly', () => Cookie.builder('__Host-s', '1').apply(CookiePolicy.hostOnly).build()],
  ['policy crossSite', () => Cookie.builder('s', '1').apply(CookiePolicy.crossSite).build()],
  [
    'policy rfc6265',
    () => Cookie.builder('s', '1').domain('example.com').apply(CookiePolicy.rfc6265).build(),
  ],
];

function asciiPrintable(): string {
  let s = '';
  for (let c = 0x20; c < 0x7f; c++) s += String.fromCharCode(c);
  return s;
}

describe('Independent parsers (tough-cookie, cookie, set-cookie-parser)', () => {
  describe('read every built cookie to the same fields', () => {
    for (const [title, make] of table) {
      it(title, () => {
        assertParsersAgree(make());
      });
    }
  });

  describe('read every line of a jar', () => {
    it('sendCookie, add, delete: each Set-Cookie line reads back as its cookie', () => {
      const jar = new CookieJarResponse()
        .sendCookie('sid', 'a b', { domain: '.example.com', path: '/', maxAge: 60, httpOnly: true })
        .add(Cookie.builder('theme', 'dark').sameSite('Lax'))
        .delete('__Host-old')
        .delete('gone', { domain: '.example.com', path: '/x' });
      const lines = jar.setCookieHeaders();
      expect(lines).to.have.length(4);
      jar.cookies().forEach((cookie, i) => {
        expect(lines[i]).to.equal(cookie.toString());
        assertParsersAgree(cookie);
      });
    });
  });

  describe('property: any valid configuration', () => {
    it('reads back to the same name, value and attributes in all three parsers', () => {
      fc.assert(
        fc.property(validConfig(), (config) => {
          const result = Cookie.safeFrom(config);
          fc.pre(result.success);
          if (result.success) assertParsersAgree(result.cookie);
        }),
        { numRuns: 400 },
      );
    });

    it('generates mostly valid configurations (the property is not vacuous)', () => {
      const samples = fc.sample(validConfig(), { numRuns: 200, seed: 7 });
      const valid = samples.filter((c) => Cookie.safeFrom(c).success).length;
      expect(valid).to.be.greaterThan(150);
    });
  });

  it('CookieBuilder and Cookie.from agree on the header the parsers read', () => {
    const config: CookieConfig = { name: 'a', value: 'b c', path: '/', secure: true };
    const viaBuilder = new CookieBuilder('a', 'b c').path('/').secure().build();
    expect(Cookie.from(config).toString()).to.equal(viaBuilder.toString());
  });
});

const TCHAR = "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const COOKIE_OCTET = [...asciiPrintable()].filter((ch) => !' ",;\\'.includes(ch)).join('');
const AV_OCTET = [...asciiPrintable()].filter((ch) => ch !== ';').join('');
const KNOWN = KNOWN_ATTRIBUTE_NAMES;

const fromChars = (chars: string, min: number, max: number) =>
  fc.array(fc.constantFrom(...chars), { minLength: min, maxLength: max }).map((a) => a.join(''));

const label = fc
  .tuple(fromChars('abcdefghijklmnopqrstuvwxyz0123456789', 1, 10), fc.boolean())
  .map(([l, upper]) => (upper ? l.toUpperCase() : l));

/** Valid configurations over every attribute; a few combinations are refused and skipped. */
function validConfig(): fc.Arbitrary<Record<string, unknown>> {
  const name = fc.oneof(
    fromChars(TCHAR, 1, 12).filter((n) => !n.startsWith('$')),
    fc
      .constantFrom('__Secure-', '__Host-', '__Http-', '__Host-Http-')
      .chain((p) => fromChars(TCHAR, 1, 6).map((n) => p + n)),
  );
  return fc
    .record(
      {
        name,
        encoding: fc.constantFrom('uri', 'raw', 'base64url'),
        uriValue: fc.string({ unit: 'grapheme', maxLength: 20 }),
        rawValue: fc.oneof(
          fromChars(COOKIE_OCTET, 0, 20),
          fromChars(COOKIE_OCTET, 0, 10).map((v) => `"${v}"`),
        ),
        profile: fc.constantFrom('rfc2109', 'rfc6265'),
        domain: fc.array(label, { minLength: 2, maxLength: 4 }).map((l) => l.join('.')),
        path: fromChars(AV_OCTET, 0, 15).map((p) => `/${p}`),
        secure: fc.boolean(),
        httpOnly: fc.boolean(),
        version: fc.nat({ max: 3 }),
        comment: fromChars(AV_OCTET, 1, 20),
        maxAge: fc.nat({ max: 60 * 60 * 24 * 800 }),
        expires: fc.date({
          min: new Date('1601-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        sameSite: fc.constantFrom('Strict', 'Lax', 'None', 'lax'),
        partitioned: fc.boolean(),
        priority: fc.constantFrom('Low', 'Medium', 'High', 'high'),
        extensions: fc.uniqueArray(
          fc.record(
            {
              name: fromChars(TCHAR, 1, 8).filter((n) => !KNOWN.has(n.toLowerCase())),
              value: fromChars(AV_OCTET, 1, 10).filter((v) => v.trim() === v),
            },
            { requiredKeys: ['name'] },
          ),
          { maxLength: 3, selector: (e) => e.name.toLowerCase() },
        ),
      },
      {
        requiredKeys: ['name', 'encoding', 'uriValue', 'rawValue', 'profile'],
      },
    )
    .map((r) => {
      const config: Record<string, unknown> = {
        name: r.name,
        value: r.encoding === 'raw' ? r.rawValue : r.uriValue,
        encoding: r.encoding,
        profile: r.profile,
      };
      for (const key of [
        'path',
        'secure',
        'httpOnly',
        'maxAge',
        'expires',
        'sameSite',
        'partitioned',
        'priority',
        'extensions',
      ] as const) {
        if (r[key] !== undefined) config[key] = r[key];
      }
      if (r.domain !== undefined)
        config.domain = r.profile === 'rfc2109' ? `.${r.domain}` : r.domain;
      if (r.profile === 'rfc2109') {
        if (r.version !== undefined) config.version = r.version;
        if (r.comment !== undefined) config.comment = r.comment;
      }
      // Make the prefixes, SameSite=None and Partitioned valid rather than discard them.
      const lower = r.name.toLowerCase();
      if (lower.startsWith('__') || config.sameSite === 'None' || config.partitioned === true)
        config.secure = true;
      if (lower.startsWith('__http-') || lower.startsWith('__host-http-')) config.httpOnly = true;
      if (lower.startsWith('__host-')) {
        config.path = '/';
        delete config.domain;
      }
      return config;
    });
}
