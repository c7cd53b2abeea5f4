// Properties over arbitrary configurations, valid and invalid mixed: the library either refuses
// with a CookieValidationError or emits a header that independent parsers (tough-cookie and the
// `cookie` package) read back to the same fields.
import { expect } from 'chai';
import { parseSetCookie } from 'cookie';
import fc from 'fast-check';
import * as tough from 'tough-cookie';
import { z } from 'zod';
import {
  Cookie,
  CookieBuilder,
  CookieJarResponse,
  CookiePolicy,
  CookieValidationError,
  createProtector,
  defineCookie,
  parseCookieHeader,
} from '../src/index.js';
import { ATTRIBUTE_METHODS } from './support/fixtures.js';
import { isCookieError, kindOf, throwingOnRead, unprintable } from './support/hostile.js';

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

// "Only a CookieError is thrown, and read() never rejects" (DESIGN.md, issue 17 §4) at every
// public entry point but lint's, with arguments of any shape: fast-check's `anything`, objects
// nested with hostile leaves, and values whose reading, printing or `instanceof` throws.
describe('properties: only a CookieError escapes', () => {
  const revocable = Proxy.revocable({}, {});
  revocable.revoke();
  const cookie = Cookie.from({ name: 'a', value: 'b', path: '/' });
  const policy = CookiePolicy.define({
    name: 'p',
    defaults: { path: '/' },
    require: { path: '/' },
  });
  const HOSTILE: readonly unknown[] = [
    revocable.proxy,
    Object.create(null),
    unprintable,
    Symbol('s'),
    throwingOnRead(new TypeError('read')),
    throwingOnRead(revocable.proxy),
    throwingOnRead(unprintable),
    throwingOnRead(Object.create(null)),
    throwingOnRead(Symbol('thrown')),
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point
    [, 'a=1'],
    new Proxy(cookie, {}),
    new Proxy(Cookie.builder('a', 'b'), {}),
    new Proxy(policy, {}),
    Object.create(Cookie.prototype),
    Object.create(CookiePolicy.prototype),
    'a\r\nSet-Cookie: injected=1',
  ];
  const KEYS = [
    'name',
    'value',
    'domain',
    'path',
    'secure',
    'maxAge',
    'expires',
    'sameSite',
    'encoding',
    'profile',
    'extensions',
    'days',
    'defaults',
    'require',
    'custom',
    'cache',
    'http10Expires',
    'policy',
    'codec',
    'schema',
    'protect',
    'mode',
    'keys',
    'headers',
    'status',
    'getHeader',
    'setHeader',
    'headersSent',
  ];
  // fast-check prints a counterexample by reading it, which a hostile value would not survive:
  // the arbitrary describes the argument (a hostile leaf by its index) and `made` builds it.
  class Leaf {
    constructor(readonly hostile: number) {}
  }
  class Dict {
    constructor(readonly entries: readonly (readonly [string, unknown])[]) {}
  }
  class List {
    constructor(readonly items: readonly unknown[]) {}
  }
  const { value: argument } = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.nat({ max: HOSTILE.length - 1 }).map((i) => new Leaf(i)),
      fc.anything({
        maxDepth: 2,
        withNullPrototype: true,
        withSparseArray: true,
        withBoxedValues: true,
        withBigInt: true,
        withDate: true,
        withMap: true,
        withObjectString: true,
      }),
      fc
        .array(fc.tuple(fc.constantFrom(...KEYS), tie('value')), { maxLength: 4 })
        .map((entries) => new Dict(entries)),
      fc.array(tie('value'), { maxLength: 3 }).map((items) => new List(items)),
    ),
  }));

  /** The argument a description stands for. */
  function made(description: unknown): unknown {
    if (description instanceof Leaf) return HOSTILE[description.hostile];
    if (description instanceof List) return description.items.map(made);
    if (description instanceof Dict)
      return Object.fromEntries(description.entries.map(([k, v]) => [k, made(v)]));
    return description;
  }

  const typed = defineCookie({ name: 'a', codec: 'json', schema: z.unknown() });
  const jar = new CookieJarResponse().add(cookie);
  const policyJar = new CookieJarResponse({ policy });
  const header = parseCookieHeader('a=1; b=2');
  type Entry = readonly [string, (a: unknown, b: unknown, c: unknown) => unknown];
  const any = (value: unknown) => value as never;
  const builder = () =>
    Cookie.builder('a', 'b') as unknown as Record<string, (v: unknown) => CookieBuilder>;
  const ENTRIES: readonly Entry[] = [
    ['Cookie.from', (a) => Cookie.from(any(a))],
    ['Cookie.safeFrom', (a) => Cookie.safeFrom(a)],
    ['Cookie.parse', (a, b) => Cookie.parse(any(a), any(b))],
    ['Cookie.safeParse', (a, b) => Cookie.safeParse(any(a), any(b))],
    ['Cookie.builder().build', (a, b) => Cookie.builder(any(a), any(b)).build()],
    ['new CookieBuilder().safeBuild', (a, b) => new CookieBuilder(any(a), any(b)).safeBuild()],
    ...ATTRIBUTE_METHODS.flatMap((m): Entry[] => [
      [`builder.${m}().build`, (a) => builder()[m]?.(a).build()],
      [`builder.${m}().apply().safeBuild`, (a) => builder()[m]?.(a).apply(policy).safeBuild()],
      [`builder.${m}().toConfig`, (a) => builder()[m]?.(a).toConfig()],
    ]),
    ['builder.apply', (a) => Cookie.builder('a', 'b').apply(any(a)).build()],
    ['cookie.with', (a) => cookie.with(any(a))],
    ['cookie.equals', (a) => cookie.equals(a)],
    ['cookie.toBuilder', (a) => cookie.toBuilder().value(any(a)).build()],
    ['new CookieJarResponse', (a) => new CookieJarResponse(any(a))],
    ['jar.add', (a) => jar.add(any(a))],
    ['jar.sendCookie', (a, b, c) => jar.sendCookie(any(a), any(b), any(c))],
    ['jar.sendCookie options', (a) => jar.sendCookie('a', 'b', any(a))],
    ['jar.delete', (a, b) => jar.delete(any(a), any(b))],
    ['jar.get', (a) => jar.get(any(a))],
    ['jar.has', (a) => jar.has(any(a))],
    ['jar.writeTo', (a) => jar.writeTo(any(a))],
    ['policy jar.add', (a) => policyJar.add(any(a))],
    ['policy jar.sendCookie', (a) => policyJar.sendCookie('a', 'b', any(a))],
    ['policy jar.delete', (a) => policyJar.delete('a', any(a))],
    ['CookiePolicy.define', (a) => CookiePolicy.define(any(a))],
    ['CookiePolicy.from', (a) => CookiePolicy.from(a)],
    ['policy.and', (a) => policy.and(any(a))],
    ['policy.check', (a) => policy.check(any(a))],
    ['policy.enforce', (a) => policy.enforce(any(a))],
    ['parseCookieHeader', (a, b) => [...parseCookieHeader(any(a), any(b))]],
    ['parsed.get', (a) => header.get(any(a))],
    ['parsed.getAll', (a) => header.getAll(any(a))],
    ['parsed.getRaw', (a) => header.getRaw(any(a))],
    ['parsed.has', (a) => header.has(any(a))],
    ['defineCookie', (a) => defineCookie(any(a))],
    ['createProtector', (a) => createProtector(any(a))],
    ['create', (a) => typed.create(a)],
    ['read', (a) => typed.read(any(a))],
  ];

  /** What the entry point gave back must be safe to use: headers printable, one line each. */
  function checkResult(result: unknown): void {
    if (result instanceof Cookie) expect(result.toString()).to.match(/^[\x20-\x7E]*$/);
    if (result instanceof CookieJarResponse)
      for (const [, value] of result.headers()) expect(value).to.match(/^[\x20-\x7E]*$/);
  }

  it('every entry point, sync and async, throws, rejects or fails with nothing but a CookieError', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ENTRIES),
        argument,
        argument,
        argument,
        async ([where, run], a, b, c) => {
          let outcome: unknown;
          try {
            outcome = run(made(a), made(b), made(c));
          } catch (error) {
            expect(isCookieError(error), `${where} threw ${kindOf(error)}`).to.equal(true);
            return;
          }
          if (!(outcome instanceof Promise)) return checkResult(outcome);
          let settled: unknown;
          try {
            settled = await outcome;
          } catch (error) {
            expect(where, 'read() rejected').not.to.equal('read');
            expect(isCookieError(error), `${where} rejected with ${kindOf(error)}`).to.equal(true);
            return;
          }
          const failure = settled as { success?: boolean; error?: unknown };
          if (where === 'read' && failure.success === false)
            expect(isCookieError(failure.error), 'read() failed without a CookieError').to.equal(
              true,
            );
          checkResult(settled);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
