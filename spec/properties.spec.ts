// Properties over arbitrary configurations, valid and invalid mixed: the library either refuses
// with a CookieValidationError or emits a header that independent parsers (tough-cookie and the
// `cookie` package) read back to the same fields.
import { expect } from 'chai';
import { parseSetCookie } from 'cookie';
import fc from 'fast-check';
import * as tough from 'tough-cookie';
import { Cookie, CookieValidationError } from '../src/index.js';

const RUNS = 600;

const TCHARS = "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const tcharUnit = fc.constantFrom(...TCHARS.split(''));
/** Any 7-bit character, control characters included. */
const asciiUnit = fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c));
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
/** Mostly printable, with control characters, non-ASCII and lone surrogates mixed in. */
const anyUnit = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
  { weight: 2, arbitrary: asciiUnit },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: loneSurrogate },
);
const anyString = (maxLength = 24) => fc.string({ unit: anyUnit, maxLength });
const token = (minLength = 1) => fc.string({ unit: tcharUnit, minLength, maxLength: 16 });
const junk = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
  fc.bigInt().map(String),
);

const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?$/);
const hostName = fc
  .array(label, { minLength: 1, maxLength: 4 })
  .map((labels) => labels.join('.'))
  .chain((host) =>
    fc.constantFrom(host, `.${host}`, host.toUpperCase(), `.${host}.com`, `${host}.example`),
  );

const pathValue = fc.oneof(
  fc.constant('/'),
  fc
    .string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) })
    .map((p) => `/${p}`),
  anyString().map((p) => `/${p}`),
  anyString(),
);

const maxAgeValue = fc.oneof(
  fc.nat({ max: 100_000_000 }),
  fc.constant(0),
  fc.integer(),
  fc.double(),
  fc.record(
    { days: fc.nat({ max: 500 }), hours: fc.double({ min: 0, max: 48 }), seconds: fc.nat() },
    { requiredKeys: [] },
  ),
  junk,
);

const minDate = Date.UTC(1500, 0, 1);
const maxDate = Date.UTC(10_100, 0, 1);
const expiresValue = fc.oneof(
  fc.integer({ min: minDate, max: maxDate }).map((ms) => new Date(ms)),
  fc.integer({ min: minDate, max: maxDate }),
  fc
    .integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2200, 0, 1) })
    .map((ms) => new Date(ms).toISOString()),
  anyString(),
  junk,
);

const caseVariants = (values: readonly string[]) =>
  fc.constantFrom(...values).chain((v) => fc.constantFrom(v, v.toLowerCase(), v.toUpperCase()));

const extension = fc.record(
  {
    name: fc.oneof({ weight: 4, arbitrary: token() }, { weight: 1, arbitrary: anyString(8) }),
    value: fc.oneof({ weight: 3, arbitrary: token() }, { weight: 1, arbitrary: anyString(12) }),
  },
  { requiredKeys: ['name'] },
);

const name = fc.oneof(
  { weight: 5, arbitrary: token() },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom('__Secure-', '__Host-', '__Http-', '__Host-Http-', '__HOST-', '__secure-'),
        token(),
      )
      .map(([p, n]) => p + n),
  },
  { weight: 1, arbitrary: anyString(12) },
  { weight: 1, arbitrary: junk },
);

/** A configuration mixing valid and invalid fields of every kind. */
const config = fc.record(
  {
    name,
    value: fc.oneof(
      { weight: 4, arbitrary: anyString(40) },
      { weight: 1, arbitrary: token(0) },
      { weight: 1, arbitrary: token().map((t) => `"${t}"`) },
      { weight: 1, arbitrary: junk },
    ),
    comment: fc.oneof(anyString(), junk),
    domain: fc.oneof({ weight: 4, arbitrary: hostName }, { weight: 1, arbitrary: anyString() }),
    path: pathValue,
    secure: fc.oneof({ weight: 5, arbitrary: fc.boolean() }, { weight: 1, arbitrary: junk }),
    httpOnly: fc.oneof({ weight: 5, arbitrary: fc.boolean() }, { weight: 1, arbitrary: junk }),
    version: fc.oneof(fc.nat({ max: 3 }), junk),
    maxAge: maxAgeValue,
    expires: expiresValue,
    sameSite: fc.oneof(caseVariants(['Strict', 'Lax', 'None']), anyString(6), junk),
    partitioned: fc.oneof({ weight: 5, arbitrary: fc.boolean() }, { weight: 1, arbitrary: junk }),
    priority: fc.oneof(caseVariants(['Low', 'Medium', 'High']), anyString(6)),
    encoding: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom('uri', 'raw', 'base64url') },
      { weight: 1, arbitrary: anyString(6) },
    ),
    profile: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom('rfc2109', 'rfc6265') },
      { weight: 1, arbitrary: anyString(6) },
    ),
    extensions: fc.oneof(fc.array(extension, { maxLength: 3 }), junk),
    max_age: fc.nat(),
  },
  { requiredKeys: [] },
);

/** Biases towards configs that pass: name and value always, few attributes. */
const mostlyValidConfig = fc.record(
  {
    name: token(),
    value: anyString(40),
    domain: hostName,
    path: fc
      .string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) })
      .map((p) => `/${p}`),
    secure: fc.boolean(),
    httpOnly: fc.boolean(),
    maxAge: fc.nat({ max: 100_000_000 }),
    expires: fc.integer({ min: Date.UTC(1601, 0, 1), max: Date.UTC(9999, 11, 31) }),
    sameSite: caseVariants(['Strict', 'Lax']),
    priority: caseVariants(['Low', 'Medium', 'High']),
    encoding: fc.constantFrom('uri', 'raw', 'base64url'),
    profile: fc.constantFrom('rfc2109', 'rfc6265'),
    extensions: fc.array(fc.record({ name: token(), value: token() }, { requiredKeys: ['name'] }), {
      maxLength: 2,
    }),
  },
  { requiredKeys: ['name', 'value'] },
);

function decodeWire(wire: string, encoding: string): string {
  if (encoding === 'uri') return decodeURIComponent(wire);
  if (encoding === 'base64url') return Buffer.from(wire, 'base64url').toString('utf8');
  return wire;
}

const stripDot = (domain: string | undefined) => domain?.replace(/^\./, '');

/** Asserts that both parsers read the header back to the cookie's own fields. */
function assertParsersAgree(cookie: Cookie): void {
  const header = cookie.toString();
  // No CTL (HTAB and DEL included) and nothing outside ASCII anywhere in the header.
  expect(header).to.match(/^[\x20-\x7E]*$/);

  const t = tough.Cookie.parse(header);
  if (t === undefined) throw new Error(`tough-cookie could not parse ${header}`);
  const p = parseSetCookie(header, { decode: (s) => s });

  expect(t.key, 'tough name').to.equal(cookie.name);
  expect(p.name, 'cookie name').to.equal(cookie.name);
  expect(decodeWire(t.value, cookie.encoding), 'tough value').to.equal(cookie.value);
  expect(decodeWire(p.value ?? '', cookie.encoding), 'cookie value').to.equal(cookie.value);

  const domain = stripDot(cookie.domain);
  expect(t.domain ?? undefined, 'tough domain').to.equal(domain);
  expect(stripDot(p.domain)?.toLowerCase(), 'cookie domain').to.equal(domain);
  expect(t.path ?? undefined, 'tough path').to.equal(cookie.path);
  expect(p.path, 'cookie path').to.equal(cookie.path);
  expect(t.secure, 'tough secure').to.equal(cookie.secure);
  expect(p.secure ?? false, 'cookie secure').to.equal(cookie.secure);
  expect(t.httpOnly, 'tough httpOnly').to.equal(cookie.httpOnly);
  expect(p.httpOnly ?? false, 'cookie httpOnly').to.equal(cookie.httpOnly);
  expect(t.maxAge ?? undefined, 'tough maxAge').to.equal(cookie.maxAge);
  expect(p.maxAge, 'cookie maxAge').to.equal(cookie.maxAge);

  const expires = cookie.expires?.getTime();
  const toughExpires = t.expires instanceof Date ? t.expires.getTime() : undefined;
  expect(toughExpires, 'tough expires').to.equal(expires);
  expect(p.expires?.getTime(), 'cookie expires').to.equal(expires);

  const sameSite = cookie.sameSite?.toLowerCase();
  expect(t.sameSite?.toLowerCase(), 'tough sameSite').to.equal(sameSite);
  expect(p.sameSite === undefined ? undefined : String(p.sameSite), 'cookie sameSite').to.equal(
    sameSite,
  );
}

describe('properties', () => {
  it('any config gives a CookieValidationError or a header both parsers read back the same', () => {
    let built = 0;
    fc.assert(
      fc.property(fc.oneof(config, mostlyValidConfig), (input) => {
        const result = Cookie.safeFrom(input);
        if (!result.success) {
          expect(result.error).to.be.instanceOf(CookieValidationError);
          expect(result.error.issues.length).to.be.greaterThan(0);
          for (const issue of result.error.issues) {
            expect(issue.code).to.be.a('string');
            expect(issue.source).to.be.a('string');
            expect(Array.isArray(issue.path)).to.equal(true);
          }
          expect(() => Cookie.from(input as never)).to.throw(CookieValidationError);
          return;
        }
        built++;
        assertParsersAgree(result.cookie);
      }),
      { numRuns: RUNS },
    );
    // The generators must reach the interesting side often enough to mean something.
    expect(built).to.be.greaterThan(RUNS / 10);
  });

  it('every valid cookie survives JSON, toBuilder() and with({}) unchanged', () => {
    fc.assert(
      fc.property(mostlyValidConfig, (input) => {
        const result = Cookie.safeFrom(input);
        fc.pre(result.success);
        if (!result.success) return;
        const cookie = result.cookie;
        expect(Cookie.from(JSON.parse(JSON.stringify(cookie))).equals(cookie)).to.equal(true);
        expect(cookie.toBuilder().build().equals(cookie)).to.equal(true);
        expect(cookie.with({}).equals(cookie)).to.equal(true);
      }),
      { numRuns: RUNS / 2 },
    );
  });

  it('builder chains with arbitrary arguments throw nothing but CookieError', () => {
    const step = fc.oneof(
      fc.tuple(fc.constant('value'), fc.oneof(anyString(), junk)),
      fc.tuple(fc.constant('comment'), fc.oneof(anyString(), junk)),
      fc.tuple(fc.constant('domain'), fc.oneof(hostName, anyString(), junk)),
      fc.tuple(fc.constant('path'), fc.oneof(pathValue, junk)),
      fc.tuple(fc.constant('secure'), fc.oneof(fc.boolean(), junk)),
      fc.tuple(fc.constant('httpOnly'), fc.oneof(fc.boolean(), junk)),
      fc.tuple(fc.constant('version'), fc.oneof(fc.nat(), junk)),
      fc.tuple(fc.constant('maxAge'), maxAgeValue),
      fc.tuple(fc.constant('expires'), expiresValue),
      fc.tuple(fc.constant('sameSite'), fc.oneof(caseVariants(['Strict', 'Lax', 'None']), junk)),
      fc.tuple(fc.constant('partitioned'), fc.oneof(fc.boolean(), junk)),
      fc.tuple(fc.constant('priority'), fc.oneof(caseVariants(['Low', 'High']), junk)),
      fc.tuple(fc.constant('encoding'), fc.oneof(fc.constantFrom('uri', 'raw', 'base64url'), junk)),
      fc.tuple(fc.constant('profile'), fc.oneof(fc.constantFrom('rfc2109', 'rfc6265'), junk)),
      fc.tuple(fc.constant('extension'), fc.oneof(token(), anyString(), junk)),
      fc.tuple(fc.constant('session'), fc.constant(undefined)),
      fc.tuple(fc.constant('removal'), fc.constant(undefined)),
    );
    fc.assert(
      fc.property(name, anyString(), fc.array(step, { maxLength: 8 }), (n, v, steps) => {
        // Builder methods never throw; build() throws only a CookieValidationError.
        // biome-ignore lint/suspicious/noExplicitAny: arbitrary calls on purpose
        let builder: any = Cookie.builder(n as string, v);
        for (const [method, arg] of steps) builder = builder[method](arg);
        const before = JSON.stringify(builder.toConfig());
        const result = builder.safeBuild();
        if (result.success) assertParsersAgree(result.cookie);
        else expect(() => builder.build()).to.throw(CookieValidationError);
        expect(JSON.stringify(builder.toConfig())).to.equal(before);
      }),
      { numRuns: RUNS / 2 },
    );
  });
});
