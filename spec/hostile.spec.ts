import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { z } from 'zod';
import {
  describeThrown,
  guardInput,
  isCookieError as isOwnCookieError,
  quote,
} from '../src/errors.js';
import * as lib from '../src/index.js';
import {
  Cookie,
  CookieBuilder,
  CookieError,
  CookieJarResponse,
  CookiePolicy,
  CookieValidationError,
} from '../src/index.js';
import { ATTRIBUTE_METHODS } from './support/fixtures.js';
import { isCookieError, kindOf, throwingOnRead, unprintable } from './support/hostile.js';

interface Corpus {
  strings: { label: string; value: string }[];
  repeated: { label: string; unit: string; times: number }[];
  configs: { label: string; json: string }[];
}

const corpus = JSON.parse(
  readFileSync(new URL('./fixtures/hostile.json', import.meta.url), 'utf8'),
) as Corpus;

type Hostile = { label: string; value: unknown };

const throwing = {
  get name(): string {
    throw new RangeError('getter throws');
  },
  value: 'b',
};
const revoked = Proxy.revocable({}, {});
revoked.revoke();
const trap = new Proxy(
  {},
  {
    get() {
      throw new TypeError('proxy get trap');
    },
    ownKeys() {
      throw new TypeError('proxy ownKeys trap');
    },
    getOwnPropertyDescriptor() {
      throw new TypeError('proxy descriptor trap');
    },
    getPrototypeOf() {
      throw new TypeError('proxy getPrototypeOf trap');
    },
    has() {
      throw new TypeError('proxy has trap');
    },
  },
);

/** Strings from the corpus; the 1 MB ones are run through fewer call sites (time). */
const strings: Hostile[] = corpus.strings;
const bigStrings: { label: string; value: string }[] = corpus.repeated.map((r) => ({
  label: r.label,
  value: r.unit.repeat(r.times),
}));
const nonStrings: Hostile[] = [
  { label: 'undefined', value: undefined },
  { label: 'null', value: null },
  { label: 'true', value: true },
  { label: '0', value: 0 },
  { label: '-0', value: -0 },
  { label: '-1', value: -1 },
  { label: '1.5', value: 1.5 },
  { label: 'NaN', value: Number.NaN },
  { label: 'Infinity', value: Number.POSITIVE_INFINITY },
  { label: '1e21', value: 1e21 },
  { label: 'BigInt', value: 10n },
  { label: 'symbol', value: Symbol('cookie') },
  { label: 'function', value: () => 'x' },
  { label: 'empty array', value: [] },
  { label: 'array of strings', value: ['a', 'b'] },
  { label: 'empty object', value: {} },
  { label: 'null-prototype object', value: Object.create(null) },
  {
    label: 'object with throwing toString',
    value: {
      toString: () => {
        throw new Error('toString');
      },
    },
  },
  { label: 'invalid Date', value: new Date(Number.NaN) },
  { label: 'Date', value: new Date(0) },
  { label: 'getter that throws', value: throwing },
  { label: 'revoked Proxy', value: revoked.proxy },
  { label: 'Proxy with throwing traps', value: trap },
  { label: 'String object', value: new String('abc') },
];
const values: Hostile[] = [...strings, ...nonStrings];
const configs: Hostile[] = [
  ...corpus.configs.map((c) => ({ label: c.label, value: JSON.parse(c.json) as unknown })),
  {
    label: 'extensions of 10000',
    value: {
      name: 'a',
      value: 'b',
      extensions: Array.from({ length: 10_000 }, (_, i) => ({ name: `x${i}` })),
    },
  },
  { label: 'getter that throws', value: throwing },
  { label: 'revoked Proxy', value: revoked.proxy },
  { label: 'Proxy with throwing traps', value: trap },
  { label: 'cyclic object', value: cyclic() },
];

function cyclic(): Record<string, unknown> {
  const c: Record<string, unknown> = { name: 'a', value: 'b' };
  c.extensions = [c];
  return c;
}

const STRING_FIELDS = [
  'name',
  'value',
  'comment',
  'domain',
  'path',
  'expires',
  'sameSite',
  'priority',
  'encoding',
  'profile',
] as const;
const ALL_FIELDS = [
  ...STRING_FIELDS,
  'secure',
  'httpOnly',
  'partitioned',
  'version',
  'maxAge',
  'extensions',
] as const;
const BUILDER_METHODS = [...ATTRIBUTE_METHODS, 'apply'] as const;

// Every byte printable ASCII: no CTL (so no CR or LF, no second header line), nothing ≥ 0x80.
const PRINTABLE = /^[\x20-\x7E]*$/;

/** The number of `; `-separated parts a header of this cookie must have: nothing injected. */
function partsOf(c: Cookie): number {
  let n = 1;
  for (const v of [
    c.version,
    c.comment,
    c.domain,
    c.path,
    c.maxAge,
    c.expires,
    c.sameSite,
    c.priority,
  ])
    if (v !== undefined) n++;
  for (const flag of [c.secure, c.httpOnly, c.partitioned]) if (flag) n++;
  return n + (c.extensions?.length ?? 0);
}

/** Checks one header line: printable, one line, and exactly the cookie's own attributes. */
function assertSafeHeader(header: unknown, cookie?: Cookie): void {
  expect(header).to.be.a('string');
  const text = header as string;
  expect(
    PRINTABLE.test(text),
    `header has a CTL or non-ASCII byte: ${JSON.stringify(text.slice(0, 80))}`,
  ).to.equal(true);
  if (cookie !== undefined) {
    expect(text.split('; ').length, `attributes injected into ${text.slice(0, 120)}`).to.equal(
      partsOf(cookie),
    );
  }
}

function assertSafeCookie(value: unknown): void {
  if (value instanceof Cookie) assertSafeHeader(value.toString(), value);
}

function assertSafeJar(jar: unknown): void {
  if (!(jar instanceof CookieJarResponse)) return;
  const lines = jar.setCookieHeaders();
  jar.cookies().forEach((cookie, i) => {
    assertSafeHeader(lines[i], cookie);
  });
  for (const [name, value] of jar.headers()) {
    assertSafeHeader(name);
    assertSafeHeader(value);
  }
  // A WHATWG Headers refuses CR, LF and NUL itself: building one must not throw.
  expect(attempt('jar.toHeaders()', () => jar.toHeaders())).to.be.instanceOf(Headers);
}

// Every public entry point reads its arguments inside a guard (guardInput, the try of
// safeFrom), so no leak is tolerated: an entry here would hide a broken promise.
const KNOWN_LEAKS: readonly RegExp[] = [];

let leaks: string[] = [];

/** Runs `fn`: it returns, or throws a CookieError — anything else is recorded as a leak. */
function attempt(where: string, fn: () => unknown): unknown {
  try {
    return fn();
  } catch (error) {
    if (!(error instanceof CookieError)) {
      leaks.push(`${where} → ${String(error).slice(0, 120)}`);
      return error;
    }
    expect(error.message.length, `${where}: message stays short`).to.be.below(20_000);
    return error;
  }
}

/** Fails on any leak that is not a known one. */
function assertNoNewLeaks(): void {
  const fresh = leaks.filter((leak) => !KNOWN_LEAKS.some((known) => known.test(leak)));
  const shown = [...new Set(fresh)].slice(0, 15).join('\n  ');
  expect(fresh.length, `${fresh.length} non-CookieError throws, e.g.:\n  ${shown}\n`).to.equal(0);
}

/** A `safe*` call never throws; it returns success or a CookieValidationError. */
function attemptSafe(where: string, fn: () => unknown): void {
  let result: unknown;
  try {
    result = fn();
  } catch (error) {
    leaks.push(`${where} → threw ${String(error).slice(0, 120)}`);
    return;
  }
  const r = result as { success: boolean; cookie?: Cookie; error?: unknown };
  if (r.success) assertSafeCookie(r.cookie);
  else expect(r.error, where).to.be.instanceOf(CookieValidationError);
}

type Fn = (...args: unknown[]) => unknown;
const optional = lib as unknown as Record<string, Fn | undefined>;
const cookieStatics = Cookie as unknown as Record<string, Fn | undefined>;

function polluted(): string[] {
  const probe: Record<string, unknown> = {};
  return ['secure', 'polluted', 'domain', 'name', 'value', 'x'].filter(
    (k) => probe[k] !== undefined,
  );
}

describe('Hostile input (spec/fixtures/hostile.json)', function () {
  this.timeout(120_000);
  const base = Cookie.builder('a', 'b').path('/').build();
  const jar = new CookieJarResponse().add(base);

  beforeEach(() => {
    leaks = [];
  });

  afterEach(() => {
    expect(polluted(), 'Object.prototype polluted').to.deep.equal([]);
  });

  it('its checks catch what they look for (they can fail)', () => {
    expect(() => assertSafeHeader('a=b\r\nSet-Cookie: evil=1')).to.throw();
    expect(() => assertSafeHeader('a=b\u00e9')).to.throw();
    expect(() => assertSafeHeader('a=b; Domain=evil.example', base)).to.throw();
    attempt('a TypeError', () => {
      throw new TypeError('x');
    });
    expect(leaks).to.have.length(1);
    expect(() => assertNoNewLeaks()).to.throw();
    leaks = [];
  });

  it('the corpus holds every kind of attack the spec promises', () => {
    const labels = [...values, ...bigStrings].map((v) => v.label).join('\n');
    for (const kind of [
      'CR',
      'LF',
      'CRLF + Set-Cookie',
      'semicolon + attribute',
      'NUL',
      'DEL',
      'lone high surrogate',
      '1 MB',
      'symbol',
      'BigInt',
    ])
      expect(labels).to.include(kind);
    expect(configs.some((c) => Object.hasOwn(c.value as object, '__proto__'))).to.equal(true);
  });

  describe('Cookie.from / Cookie.safeFrom', () => {
    it('every hostile value in every field', () => {
      for (const field of ALL_FIELDS) {
        for (const { label, value } of values) {
          const config = { name: 'a', value: 'b', [field]: value };
          const where = `Cookie.from({ ${field}: ${label} })`;
          assertSafeCookie(attempt(where, () => Cookie.from(config as never)));
          attemptSafe(`Cookie.safeFrom({ ${field}: ${label} })`, () => Cookie.safeFrom(config));
        }
      }
      assertNoNewLeaks();
    });

    it('hostile values inside extensions and durations', () => {
      for (const { label, value } of values) {
        for (const config of [
          { name: 'a', value: 'b', extensions: [{ name: value }] },
          { name: 'a', value: 'b', extensions: [{ name: 'x', value }] },
          { name: 'a', value: 'b', extensions: [value] },
          { name: 'a', value: 'b', maxAge: { days: value } },
        ]) {
          assertSafeCookie(
            attempt(`Cookie.from(nested ${label})`, () => Cookie.from(config as never)),
          );
          attemptSafe(`Cookie.safeFrom(nested ${label})`, () => Cookie.safeFrom(config));
        }
      }
      assertNoNewLeaks();
    });

    it('hostile whole configurations, including own __proto__ / constructor / prototype keys', () => {
      for (const { label, value } of [...configs, ...values]) {
        assertSafeCookie(attempt(`Cookie.from(${label})`, () => Cookie.from(value as never)));
        attemptSafe(`Cookie.safeFrom(${label})`, () => Cookie.safeFrom(value));
      }
      assertNoNewLeaks();
    });

    it('an own __proto__ key is not read as an attribute', () => {
      const config = JSON.parse('{"name":"a","value":"b","__proto__":{"secure":true}}') as object;
      const result = Cookie.safeFrom(config);
      if (result.success) {
        expect(result.cookie.secure).to.equal(false);
        expect(result.cookie.toString()).to.not.include('Secure');
      } else {
        expect(result.error.issues.map((i) => i.path)).to.deep.include(['__proto__']);
      }
    });
  });

  describe('CookieBuilder', () => {
    it('every hostile value through every method, then build() and safeBuild()', () => {
      for (const { label, value } of values) {
        const builders: [string, () => unknown][] = [
          ['new CookieBuilder(v, "b")', () => new CookieBuilder(value as string, 'b')],
          ['Cookie.builder("a", v)', () => Cookie.builder('a', value as string)],
          ['extension("x", v)', () => Cookie.builder('a', 'b').extension('x', value as string)],
          ...BUILDER_METHODS.map(
            (m) =>
              [
                `.${m}(v)`,
                () => (Cookie.builder('a', 'b') as unknown as Record<string, Fn>)[m]?.(value),
              ] as [string, () => unknown],
          ),
        ];
        for (const [what, make] of builders) {
          const where = `${what} with ${label}`;
          const builder = attempt(where, make);
          if (!(builder instanceof CookieBuilder)) continue;
          assertSafeCookie(attempt(`${where}.build()`, () => builder.build()));
          attemptSafe(`${where}.safeBuild()`, () => builder.safeBuild());
          for (const then of ['removal', 'session', 'toConfig'] as const) {
            const next = attempt(`${where}.${then}()`, () => builder[then]());
            if (next instanceof CookieBuilder)
              assertSafeCookie(attempt(`${where}.${then}().build()`, () => next.build()));
          }
        }
      }
      assertNoNewLeaks();
    });
  });

  describe('Cookie#with / toBuilder', () => {
    it('every hostile value in every field, and as the whole change set', () => {
      for (const { label, value } of values) {
        for (const field of ALL_FIELDS) {
          if (field === 'name') continue;
          assertSafeCookie(
            attempt(`with({ ${field}: ${label} })`, () => base.with({ [field]: value } as never)),
          );
        }
        assertSafeCookie(attempt(`with(${label})`, () => base.with(value as never)));
      }
      for (const { label, value } of configs) {
        assertSafeCookie(attempt(`with(${label})`, () => base.with(value as never)));
      }
      assertNoNewLeaks();
    });
  });

  describe('Cookie.parse / lintSetCookie / parseCookieHeader (when present)', () => {
    const lines = (v: string): string[] => [
      v,
      `a=${v}`,
      `${v}=b`,
      `a=b; Path=${v}`,
      `a=b; Domain=${v}`,
      `a=b; ${v}`,
      `Set-Cookie: a=b; Comment=${v}; Version=1`,
    ];

    it('Cookie.parse and Cookie.safeParse', () => {
      const parse = cookieStatics.parse?.bind(Cookie);
      const safeParse = cookieStatics.safeParse?.bind(Cookie);
      if (parse === undefined || safeParse === undefined) return;
      for (const { label, value } of values) {
        const inputs = typeof value === 'string' ? lines(value) : [value];
        for (const input of inputs) {
          assertSafeCookie(attempt(`Cookie.parse(${label})`, () => parse(input)));
          attemptSafe(`Cookie.safeParse(${label})`, () => safeParse(input));
          for (const options of nonStrings.map((n) => n.value))
            assertSafeCookie(
              attempt(`Cookie.parse(${label}, options)`, () => parse('a=b', options)),
            );
        }
      }
      assertNoNewLeaks();
    });

    it('lintSetCookie never throws anything but a CookieError', () => {
      const lint = optional.lintSetCookie;
      if (lint === undefined) return;
      for (const { label, value } of values) {
        const inputs = typeof value === 'string' ? lines(value) : [value];
        for (const input of inputs) {
          const out = attempt(`lintSetCookie(${label})`, () => lint(input));
          if (!(out instanceof CookieError))
            expect(out, `lintSetCookie(${label})`).to.be.an('array');
        }
      }
      assertNoNewLeaks();
    });

    it('parseCookieHeader never throws anything but a CookieError', () => {
      const parseHeader = optional.parseCookieHeader;
      if (parseHeader === undefined) return;
      for (const { label, value } of values) {
        const inputs =
          typeof value === 'string'
            ? [value, `a=${value}`, `${value}=1; b=2`, [value, value]]
            : [value];
        for (const input of inputs) {
          attempt(`parseCookieHeader(${label})`, () => parseHeader(input));
          attempt(`parseCookieHeader("a=b", { encoding: ${label} })`, () =>
            parseHeader('a=b', { encoding: value }),
          );
        }
      }
      assertNoNewLeaks();
    });
  });

  describe('CookieJarResponse', () => {
    it('add, sendCookie and delete with every hostile value', () => {
      for (const { label, value } of values) {
        const calls: [string, () => unknown][] = [
          ['new CookieJarResponse(v)', () => new CookieJarResponse(value as never)],
          [
            'new CookieJarResponse({ cache: v })',
            () => new CookieJarResponse({ cache: value } as never),
          ],
          ['add(v)', () => jar.add(value as never)],
          ['sendCookie(v, "b")', () => jar.sendCookie(value as string, 'b')],
          ['sendCookie("a", v)', () => jar.sendCookie('a', value as string)],
          ['sendCookie("a", "b", v)', () => jar.sendCookie('a', 'b', value as never)],
          ['delete(v)', () => jar.delete(value as string)],
          ['delete("a", v)', () => jar.delete('a', value as never)],
          ...ALL_FIELDS.filter((f) => f !== 'name' && f !== 'value').map(
            (f) =>
              [
                `sendCookie("a", "b", { ${f}: v })`,
                () => jar.sendCookie('a', 'b', { [f]: value } as never),
              ] as [string, () => unknown],
          ),
          ...(['domain', 'path', 'partitioned', 'profile'] as const).map(
            (f) =>
              [`delete("a", { ${f}: v })`, () => jar.delete('a', { [f]: value } as never)] as [
                string,
                () => unknown,
              ],
          ),
        ];
        for (const [what, call] of calls) assertSafeJar(attempt(`${what} with ${label}`, call));
      }
      for (const { label, value } of configs) {
        assertSafeJar(
          attempt(`sendCookie("a", "b", ${label})`, () => jar.sendCookie('a', 'b', value as never)),
        );
        assertSafeJar(attempt(`delete("a", ${label})`, () => jar.delete('a', value as never)));
      }
      assertNoNewLeaks();
    });
  });

  describe('CookiePolicy.define', () => {
    it('every hostile value as the definition, its name, a default and a requirement', () => {
      const requirements = [
        'secure',
        'httpOnly',
        'sameSite',
        'path',
        'prefix',
        'maxLifetime',
        'session',
        'domain',
        'partitioned',
        'profile',
      ];
      for (const { label, value } of [...values, ...configs]) {
        const definitions: unknown[] = [
          value,
          { name: value },
          ...ALL_FIELDS.filter((f) => f !== 'name' && f !== 'value').map((f) => ({
            name: 'p',
            defaults: { [f]: value },
          })),
          ...requirements.map((r) => ({ name: 'p', require: { [r]: value } })),
          { name: 'p', defaults: value },
          { name: 'p', require: value },
        ];
        for (const definition of definitions) {
          const policy = attempt(`CookiePolicy.define(${label})`, () =>
            CookiePolicy.define(definition as never),
          );
          if (policy instanceof CookiePolicy) {
            const built = attempt(`apply(policy from ${label})`, () =>
              Cookie.builder('a', 'b')
                .apply(policy as never)
                .build(),
            );
            assertSafeCookie(built);
          }
        }
      }
      assertNoNewLeaks();
    });
  });
  describe('defineCookie (when present)', () => {
    it('definitions, create() and read() with every hostile value', async () => {
      const define = optional.defineCookie;
      if (define === undefined) return;
      const stringDef = define({ name: 'typed', codec: 'string', schema: z.string() }) as {
        create(v: unknown): Promise<unknown>;
        read(v: unknown): Promise<{ success: boolean; error?: unknown }>;
      };
      const jsonDef = define({
        name: 'cart',
        codec: 'json',
        schema: z.unknown(),
      }) as typeof stringDef;
      for (const { label, value } of [...values, ...configs]) {
        attempt(`defineCookie(${label})`, () => define(value));
        attempt(`defineCookie({ name: ${label} })`, () =>
          define({ name: value, codec: 'string', schema: z.string() }),
        );
        attempt(`defineCookie({ attributes: ${label} })`, () =>
          define({ name: 'a', codec: 'string', schema: z.string(), attributes: value }),
        );
        for (const [kind, def] of [
          ['string', stringDef],
          ['json', jsonDef],
        ] as const) {
          try {
            assertSafeCookie(await def.create(value));
          } catch (error) {
            if (!(error instanceof CookieError))
              leaks.push(`${kind}.create(${label}) → ${String(error).slice(0, 120)}`);
          }
          try {
            const read = await def.read(
              typeof value === 'string' ? `typed=${value}; cart=${value}` : value,
            );
            if (!read.success)
              expect(read.error, `${kind}.read(${label})`).to.be.instanceOf(CookieError);
          } catch (error) {
            leaks.push(`${kind}.read(${label}) threw → ${String(error).slice(0, 120)}`);
          }
        }
      }
      assertNoNewLeaks();
    });
  });

  describe('1 MB strings', () => {
    it('in every string field of Cookie.from, the builder, parse, lint and the jar', () => {
      const parse = cookieStatics.parse?.bind(Cookie);
      const lint = optional.lintSetCookie;
      const parseHeader = optional.parseCookieHeader;
      for (const { label, value } of bigStrings) {
        for (const field of STRING_FIELDS) {
          const config = { name: 'a', value: 'b', [field]: value };
          assertSafeCookie(
            attempt(`Cookie.from({ ${field}: ${label} })`, () => Cookie.from(config as never)),
          );
          attemptSafe(`Cookie.safeFrom({ ${field}: ${label} })`, () => Cookie.safeFrom(config));
        }
        assertSafeCookie(
          attempt(`builder(${label}).build()`, () => Cookie.builder(value, 'b').build()),
        );
        assertSafeCookie(
          attempt(`builder value ${label}`, () => Cookie.builder('a', value).build()),
        );
        assertSafeCookie(
          attempt(`extension ${label}`, () =>
            Cookie.builder('a', 'b').extension('x', value).build(),
          ),
        );
        assertSafeJar(attempt(`sendCookie value ${label}`, () => jar.sendCookie('a', value)));
        attempt(`CookiePolicy.define name ${label}`, () => CookiePolicy.define({ name: value }));
        if (parse !== undefined)
          assertSafeCookie(attempt(`Cookie.parse ${label}`, () => parse(`a=${value}`)));
        if (lint !== undefined) attempt(`lintSetCookie ${label}`, () => lint(`a=b; Path=${value}`));
        if (parseHeader !== undefined)
          attempt(`parseCookieHeader ${label}`, () => parseHeader(`a=${value}`));
      }
      assertNoNewLeaks();
    });
  });
});

// Arguments whose reading, printing or `instanceof` throws, shared by the blocks below.
const kinds: Hostile[] = [
  { label: 'revoked Proxy', value: revoked.proxy },
  { label: 'Proxy with throwing traps', value: trap },
  { label: 'object without a prototype', value: Object.create(null) },
  { label: 'object whose toString and valueOf throw', value: unprintable },
  { label: 'symbol', value: Symbol('x') },
  { label: 'getter that throws', value: throwing },
  { label: 'reads throw an unprintable value', value: throwingOnRead(unprintable) },
  { label: 'reads throw a null-prototype object', value: throwingOnRead(Object.create(null)) },
  { label: 'reads throw a symbol', value: throwingOnRead(Symbol('thrown')) },
  // biome-ignore lint/suspicious/noSparseArray: the hole is the point
  { label: 'sparse array', value: [, 'sid=1'] },
  { label: 'array of 2 holes', value: new Array(2) },
  { label: 'array holding a revoked Proxy', value: ['sid=1', revoked.proxy] },
  { label: 'array holding an unprintable object', value: ['sid=1', unprintable] },
  {
    label: 'array whose element getter throws',
    value: Object.defineProperty(['sid=1'], 0, {
      get() {
        throw new RangeError('element');
      },
    }),
  },
  { label: 'array Proxy whose reads throw', value: new Proxy(['sid=1'], { get: () => 0 / 0 }) },
  { label: 'revoked array Proxy', value: revokedArray() },
];

// Thrown values on which `instanceof` itself throws: the sync entry points reach them through
// guardInput (src/errors.ts), the async ones through their own catch.
const thrownProxies: Hostile[] = [
  { label: 'reads throw a revoked Proxy', value: throwingOnRead(revoked.proxy) },
  { label: 'reads throw a Proxy with throwing traps', value: throwingOnRead(trap) },
];

function revokedArray(): unknown {
  const r = Proxy.revocable(['sid=1'], {});
  r.revoke();
  return r.proxy;
}

// Typed cookies and the request Cookie header (src/typed, src/parse/cookie-header.ts): every
// way a caller's argument can be hostile, at each of their entry points, sync and async.
describe('Hostile input: defineCookie, create(), read() and parseCookieHeader()', function () {
  this.timeout(60_000);
  const KEY = 'an example secret of at least 32 bytes, A';
  let typedLeaks: string[] = [];
  beforeEach(() => {
    typedLeaks = [];
  });

  /** Runs a sync call: it returns, or throws a CookieError; anything else is a leak. */
  function call(where: string, fn: () => unknown): unknown {
    try {
      return fn();
    } catch (error) {
      if (!isCookieError(error)) typedLeaks.push(`${where} threw ${kindOf(error)}`);
      return error;
    }
  }

  /** Awaits a create(): it resolves, or rejects with a CookieError. */
  async function settle(where: string, promise: () => Promise<unknown>): Promise<void> {
    try {
      assertSafeCookie(await promise());
    } catch (error) {
      if (!isCookieError(error)) typedLeaks.push(`${where} rejected with ${kindOf(error)}`);
    }
  }

  /** Awaits a read(): it never rejects, and a failure carries a CookieError. */
  async function readSafely(where: string, promise: () => Promise<unknown>): Promise<void> {
    try {
      const result = (await promise()) as { success: boolean; error?: unknown };
      if (!result.success && !isCookieError(result.error))
        typedLeaks.push(`${where} gave an error that is not a CookieError`);
    } catch (error) {
      typedLeaks.push(`${where} rejected with ${kindOf(error)}`);
    }
  }

  function expectNoLeaks(): void {
    const shown = [...new Set(typedLeaks)].slice(0, 15).join('\n  ');
    expect(typedLeaks.length, `${typedLeaks.length} leaks, e.g.:\n  ${shown}\n`).to.equal(0);
  }

  /** The parts of a parsed header a caller uses, each of which must stay inside the contract. */
  function useParsed(where: string, parsed: unknown): void {
    if (isCookieError(parsed) || typeof (parsed as { get?: unknown })?.get !== 'function') return;
    const header = parsed as lib.ParsedCookieHeader;
    call(`${where}.get`, () => header.get('sid'));
    call(`${where}.getAll`, () => header.getAll('sid'));
    call(`${where}.has`, () => header.has('sid'));
    call(`${where}.size`, () => header.size);
    call(`${where} iteration`, () => [...header]);
  }

  it('parseCookieHeader: hostile headers and options, then every reading of the result', () => {
    for (const { label, value } of kinds) {
      useParsed(
        `parseCookieHeader(${label})`,
        call(`parseCookieHeader(${label})`, () => lib.parseCookieHeader(value as never)),
      );
      useParsed(
        `parseCookieHeader("sid=1", ${label})`,
        call(`options ${label}`, () => lib.parseCookieHeader('sid=1', value as never)),
      );
      call(`parseCookieHeader("sid=1", { encoding: ${label} })`, () =>
        lib.parseCookieHeader('sid=1', { encoding: value } as never),
      );
    }
    expectNoLeaks();
  });

  it('parseCookieHeader: options without a prototype work like plain ones', () => {
    const options = Object.assign(Object.create(null) as object, { encoding: 'raw' as const });
    expect(lib.parseCookieHeader('sid=%41', options).get('sid')).to.equal('%41');
  });

  it('defineCookie: hostile options, option values, attributes and protect options', () => {
    const valid = { name: 'sid', codec: 'string', schema: z.string() };
    const protect = { mode: 'seal', keys: [KEY] };
    for (const { label, value } of [...kinds, ...nonStrings]) {
      call(`defineCookie(${label})`, () => lib.defineCookie(value as never));
      for (const key of ['name', 'codec', 'schema', 'encoding', 'attributes', 'policy', 'protect'])
        call(`defineCookie({ ${key}: ${label} })`, () =>
          lib.defineCookie({ ...valid, [key]: value } as never),
        );
      for (const key of ['mode', 'keys', 'maxAge', 'clockSkew', 'now'])
        call(`defineCookie({ protect: { ${key}: ${label} } })`, () =>
          lib.defineCookie({ ...valid, protect: { ...protect, [key]: value } } as never),
        );
      call(`defineCookie({ protect: { keys: [${label}] } })`, () =>
        lib.defineCookie({ ...valid, protect: { mode: 'sign', keys: [value] } } as never),
      );
      call(`createProtector({ keys: [${label}] })`, () =>
        lib.createProtector({ name: 'sid', mode: 'sign', keys: [value] } as never),
      );
    }
    expectNoLeaks();
  });

  it('defineCookie: options, attributes and protect options without a prototype work', async () => {
    const bare = <T extends object>(o: T): T => Object.assign(Object.create(null) as T, o);
    const def = lib.defineCookie(
      bare({
        name: 'sid',
        codec: 'json' as const,
        schema: z.object({ n: z.number() }),
        attributes: bare({ path: '/', maxAge: 60 }),
        protect: bare({ mode: 'sign' as const, keys: [KEY] }),
      }),
    );
    const cookie = await def.create({ n: 1 });
    expect(await def.read(cookie.toString().split(';')[0] as string)).to.deep.equal({
      success: true,
      data: { n: 1 },
      renew: false,
    });
  });

  it('create(): hostile data, data whose toJSON throws, schemas that throw hostile values', async () => {
    const definitions = {
      json: lib.defineCookie({ name: 'j', codec: 'json', schema: z.unknown() }),
      object: lib.defineCookie({ name: 'o', codec: 'json', schema: z.object({ a: z.string() }) }),
      string: lib.defineCookie({ name: 's', codec: 'string', schema: z.string() }),
      sealed: lib.defineCookie({
        name: 'p',
        codec: 'json',
        schema: z.unknown(),
        protect: { mode: 'seal', keys: [KEY] },
      }),
    };
    for (const { label, value } of [...kinds, ...thrownProxies, ...nonStrings]) {
      const data: [string, unknown][] = [
        [label, value],
        [`{ a: ${label} }`, { a: value }],
        [
          `toJSON throwing ${label}`,
          {
            toJSON() {
              throw value;
            },
          },
        ],
      ];
      for (const [what, input] of data)
        for (const [kind, def] of Object.entries(definitions))
          await settle(`${kind}.create(${what})`, () => def.create(input as never));
      const throwingSchema = lib.defineCookie({
        name: 't',
        codec: 'string',
        schema: z.string().refine(() => {
          throw value;
        }),
      });
      await settle(`create() with a schema throwing ${label}`, () => throwingSchema.create('x'));
      await readSafely(`read() with a schema throwing ${label}`, () => throwingSchema.read('t=x'));
    }
    expectNoLeaks();
  });

  it('read(): never rejects, whatever the header (sparse arrays, Proxies, getters)', async () => {
    const plain = lib.defineCookie({ name: 'sid', codec: 'string', schema: z.string() });
    const sealed = lib.defineCookie({
      name: 'sid',
      codec: 'json',
      schema: z.unknown(),
      protect: { mode: 'seal', keys: [KEY] },
    });
    for (const { label, value } of [...kinds, ...thrownProxies, ...nonStrings, ...configs]) {
      await readSafely(`read(${label})`, () => plain.read(value as never));
      await readSafely(`sealed read(${label})`, () => sealed.read(value as never));
    }
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point
    const sparse = await plain.read([, 'sid=1'] as never);
    expect(sparse.success).to.equal(false);
    if (!sparse.success) expect(sparse.error.code).to.equal('invalid_type');
    expectNoLeaks();
  });

  it('defineCookie and parseCookieHeader: reads that throw a revoked Proxy', () => {
    for (const { label, value } of thrownProxies) {
      call(`defineCookie(${label})`, () => lib.defineCookie(value as never));
      call(`createProtector(${label})`, () => lib.createProtector(value as never));
      call(`parseCookieHeader(${label})`, () => lib.parseCookieHeader(value as never));
      call(`parseCookieHeader("sid=1", ${label})`, () =>
        lib.parseCookieHeader('sid=1', value as never),
      );
    }
    expectNoLeaks();
  });
});

// The core's entry points (Cookie, CookieBuilder, CookieJarResponse and its writeTo targets,
// CookiePolicy, parseCookieHeader's methods) with the arguments above, look-alikes of the
// library's own objects, and writeTo targets that throw whatever they like (issue 17 §4).
describe('Hostile input: arguments whose reading, printing or instanceof throws, look-alikes, targets', function () {
  this.timeout(120_000);
  const arguments_: Hostile[] = [
    ...kinds,
    ...thrownProxies,
    { label: 'CRLF + Set-Cookie', value: 'x\r\nSet-Cookie: evil=1' },
    { label: '1 MB string', value: 'x'.repeat(1 << 20) },
  ];
  const cookie = Cookie.from({ name: 'a', value: 'b', path: '/' });
  const policy = CookiePolicy.secureSession;
  const jar = new CookieJarResponse().add(cookie);
  const policyJar = new CookieJarResponse({
    policy: CookiePolicy.define({ name: 'p', defaults: { path: '/' }, require: { path: '/' } }),
  });

  let found: string[] = [];
  beforeEach(() => {
    found = [];
  });

  const LEAKED = Symbol('leaked');

  /**
   * Runs a call: it returns, or throws a CookieError; anything else is recorded, and `LEAKED`
   * stands for it (the thrown value itself may be a revoked Proxy that no check can look at).
   */
  function call(where: string, fn: () => unknown): unknown {
    try {
      return fn();
    } catch (error) {
      if (isCookieError(error)) return error;
      found.push(`${where} threw ${kindOf(error)}`);
      return LEAKED;
    }
  }

  function expectNone(): void {
    const shown = [...new Set(found)].slice(0, 15).join('\n  ');
    expect(found.length, `${found.length} non-CookieError throws, e.g.:\n  ${shown}\n`).to.equal(0);
  }

  /** The code of a CookieError, `undefined` for anything else. */
  function codeOf(thrown: unknown): string | undefined {
    if (thrown === LEAKED) expectNone(); // fails, listing what leaked
    return isCookieError(thrown) ? (thrown as CookieError).code : undefined;
  }

  /** The `[path, code]` of every issue of a CookieValidationError. */
  function issuesOf(thrown: unknown): [readonly (string | number)[], string][] {
    if (thrown === LEAKED) expectNone();
    expect(thrown).to.be.instanceOf(CookieValidationError);
    return (thrown as CookieValidationError).issues.map((i) => [i.path, i.code]);
  }

  it('the shared guards of src/errors.ts never throw, whatever they are given', () => {
    for (const { label, value } of [...arguments_, ...nonStrings]) {
      expect(
        call(`quote(${label})`, () => quote(value)),
        label,
      ).to.be.a('string');
      expect(
        call(`describeThrown(${label})`, () => describeThrown(value)),
        label,
      ).to.be.a('string');
      expect(
        call(`isCookieError(${label})`, () => isOwnCookieError(value)),
        label,
      ).to.equal(false);
      const out = call(`guardInput(throws ${label})`, () =>
        guardInput('test', () => {
          throw value;
        }),
      );
      expect(issuesOf(out), label).to.deep.equal([[[], 'invalid_type']]);
    }
    expectNone();
  });

  it('new CookieJarResponse: options, or one option, that cannot be read, printed or tested', () => {
    for (const { label, value } of arguments_) {
      const given: [string, unknown, string | undefined][] = [
        ['options', value, undefined],
        ...['cache', 'http10Expires', 'policy'].map((key): [string, unknown, string] => [
          `{ ${key} }`,
          { [key]: value },
          key,
        ]),
      ];
      for (const [what, options, key] of given) {
        const out = call(`new CookieJarResponse(${what} ${label})`, () => {
          return new CookieJarResponse(options as never);
        });
        if (out instanceof CookieJarResponse || !isCookieError(out)) continue;
        // What could be read is refused at its key; what could not, as the whole options
        for (const [path, code] of issuesOf(out)) {
          if (code === 'unknown_key' && key === undefined) expect(path).to.have.length(1);
          else {
            expect(code, `${what} ${label}`).to.equal('invalid_type');
            expect(key === undefined ? [[]] : [[], [key]], `${what} ${label}`).to.deep.include(
              path,
            );
          }
        }
      }
    }
    expectNone();
  });

  it('a jar with a policy: every argument in every option of sendCookie and delete, and in add', () => {
    for (const { label, value } of arguments_) {
      const calls: [string, () => unknown][] = [
        ['sendCookie(v, "b")', () => policyJar.sendCookie(value as string, 'b')],
        ['sendCookie("a", v)', () => policyJar.sendCookie('a', value as string)],
        ['sendCookie("a", "b", v)', () => policyJar.sendCookie('a', 'b', value as never)],
        ['delete(v)', () => policyJar.delete(value as string)],
        ['delete("a", v)', () => policyJar.delete('a', value as never)],
        ['add(v)', () => policyJar.add(value as never)],
        ...ALL_FIELDS.filter((f) => f !== 'name' && f !== 'value').map(
          (f): [string, () => unknown] => [
            `sendCookie("a", "b", { ${f}: v })`,
            () => policyJar.sendCookie('a', 'b', { [f]: value } as never),
          ],
        ),
        ...(['domain', 'path', 'partitioned', 'profile'] as const).map(
          (f): [string, () => unknown] => [
            `delete("a", { ${f}: v })`,
            () => policyJar.delete('a', { [f]: value } as never),
          ],
        ),
        ...BUILDER_METHODS.map((m): [string, () => unknown] => [
          `add(builder.${m}(v))`,
          () =>
            policyJar.add(
              (Cookie.builder('a', 'b') as unknown as Record<string, Fn>)[m]?.(value) as never,
            ),
        ]),
      ];
      for (const [what, run] of calls) assertSafeJar(call(`${what} with ${label}`, run));
    }
    expectNone();
  });

  it('CookiePolicy: define, from, and, check, enforce and apply with every argument', () => {
    for (const { label, value } of arguments_) {
      call(`CookiePolicy.define(${label})`, () => CookiePolicy.define(value as never));
      call(`CookiePolicy.define({ require: ${label} })`, () =>
        CookiePolicy.define({ name: 'p', require: value } as never),
      );
      call(`CookiePolicy.from(${label})`, () => CookiePolicy.from(value));
      expect(codeOf(call(`and(${label})`, () => policy.and(value as never))), label).to.equal(
        'invalid_policy',
      );
      for (const method of ['check', 'enforce'] as const) {
        const out = call(`${method}(${label})`, () => policy[method](value as never));
        expect(codeOf(out), `${method}(${label})`).to.equal('invalid_cookie');
      }
      for (const m of ATTRIBUTE_METHODS) {
        const builder = call(`${m}(${label})`, () =>
          (Cookie.builder('a', 'b') as unknown as Record<string, Fn>)[m]?.(value),
        );
        if (!(builder instanceof CookieBuilder)) continue;
        assertSafeCookie(
          call(`${m}(${label}).apply().build()`, () => builder.apply(policy).build()),
        );
        call(`${m}(${label}).apply().safeBuild()`, () => builder.apply(policy).safeBuild());
      }
    }
    expectNone();
  });

  it('Cookie, CookieBuilder and the jar without a policy: every argument at every entry point', () => {
    for (const { label, value } of arguments_) {
      assertSafeCookie(call(`Cookie.from(${label})`, () => Cookie.from(value as never)));
      call(`Cookie.safeFrom(${label})`, () => Cookie.safeFrom(value));
      for (const field of ALL_FIELDS) {
        const config = { name: 'a', value: 'b', [field]: value };
        assertSafeCookie(
          call(`Cookie.from({ ${field}: ${label} })`, () => Cookie.from(config as never)),
        );
        call(`Cookie.safeFrom({ ${field}: ${label} })`, () => Cookie.safeFrom(config));
        if (field !== 'name') {
          const change = { [field]: value } as never;
          assertSafeCookie(call(`with({ ${field}: ${label} })`, () => cookie.with(change)));
        }
      }
      assertSafeCookie(call(`Cookie.parse(${label})`, () => Cookie.parse(value as never)));
      for (const options of [value, { profile: value }, { encoding: value }]) {
        assertSafeCookie(
          call(`Cookie.parse("a=b", ${label})`, () => Cookie.parse('a=b', options as never)),
        );
        call(`Cookie.safeParse("a=b", ${label})`, () => Cookie.safeParse('a=b', options as never));
      }
      assertSafeCookie(
        call(`Cookie.builder("a", ${label})`, () => Cookie.builder('a', value as string).build()),
      );
      assertSafeCookie(
        call(`new CookieBuilder(${label})`, () => new CookieBuilder(value as string, 'b').build()),
      );
      for (const m of BUILDER_METHODS) {
        const builder = call(`.${m}(${label})`, () =>
          (cookie.toBuilder() as unknown as Record<string, Fn>)[m]?.(value),
        );
        if (!(builder instanceof CookieBuilder)) continue;
        assertSafeCookie(call(`.${m}(${label}).build()`, () => builder.build()));
        call(`.${m}(${label}).safeBuild()`, () => builder.safeBuild());
        call(`.${m}(${label}).toConfig()`, () => builder.toConfig());
        assertSafeCookie(call(`.${m}(${label}).removal()`, () => builder.removal().build()));
        assertSafeCookie(call(`.${m}(${label}).session()`, () => builder.session().build()));
      }
      assertSafeCookie(call(`with(${label})`, () => cookie.with(value as never)));
      expect(
        call(`equals(${label})`, () => cookie.equals(value)),
        label,
      ).to.equal(false);
      assertSafeJar(call(`add(${label})`, () => jar.add(value as never)));
      assertSafeJar(call(`sendCookie(${label})`, () => jar.sendCookie('a', 'b', value as never)));
      assertSafeJar(call(`delete(${label})`, () => jar.delete(value as string, value as never)));
      call(`get(${label})`, () => jar.get(value as string));
      call(`has(${label})`, () => jar.has(value as string));
      const header = lib.parseCookieHeader('a=1; b=2');
      for (const m of ['get', 'getAll', 'getRaw', 'has'] as const)
        call(`parseCookieHeader().${m}(${label})`, () => header[m](value as string));
    }
    expectNone();
  });

  describe('look-alikes: a Proxy of a cookie, builder or policy, or an object made from its prototype', () => {
    const builder = Cookie.builder('a', 'b').path('/');
    /** A Proxy of `target` whose `toString` and `build` hand over a header of the caller's. */
    const forged = (target: object): object =>
      new Proxy(target, {
        get(t, key) {
          if (key === 'toString') return () => 'a=b\r\nSet-Cookie: injected=1';
          if (key === 'build') return () => forged(cookie);
          return Reflect.get(t, key, t);
        },
      });
    const lookAlikes: Hostile[] = [
      { label: 'a Proxy of a cookie', value: new Proxy(cookie, {}) },
      { label: 'a forged cookie', value: forged(cookie) },
      { label: 'an object made from Cookie.prototype', value: Object.create(Cookie.prototype) },
      { label: 'a Proxy of a builder', value: new Proxy(builder, {}) },
      { label: 'a forged builder', value: forged(builder) },
      {
        label: 'an object made from CookieBuilder.prototype',
        value: Object.create(CookieBuilder.prototype),
      },
      { label: 'a Proxy of a policy', value: new Proxy(policy, {}) },
      {
        label: 'an object made from CookiePolicy.prototype',
        value: Object.create(CookiePolicy.prototype),
      },
    ];

    it('a jar refuses them in add(), with or without a policy: invalid_type', () => {
      for (const { label, value } of lookAlikes) {
        for (const [kind, target] of [
          ['jar', jar],
          ['jar with a policy', policyJar],
        ] as const) {
          const out = call(`${kind}.add(${label})`, () => target.add(value as never));
          assertSafeJar(out);
          expect(issuesOf(out), `${kind}.add(${label})`).to.deep.equal([[[], 'invalid_type']]);
        }
      }
      expectNone();
    });

    it('a forged cookie or builder never reaches a header', () => {
      for (const target of [cookie, builder]) {
        expect(() => jar.add(forged(target) as never)).to.throw(CookieValidationError);
        expect(() => policyJar.add(forged(target) as never)).to.throw(CookieValidationError);
      }
    });

    it('a policy refuses them as the cookie of check() and enforce(), and as the policy of and()', () => {
      for (const { label, value } of lookAlikes) {
        for (const method of ['check', 'enforce'] as const) {
          const out = call(`${method}(${label})`, () => policy[method](value as never));
          expect(codeOf(out), `${method}(${label})`).to.equal('invalid_cookie');
        }
        const out = call(`and(${label})`, () => policy.and(value as never));
        expect(codeOf(out), `and(${label})`).to.equal('invalid_policy');
      }
      expectNone();
    });

    it('a policy look-alike is refused wherever a policy is taken', () => {
      for (const { label, value } of lookAlikes.filter((l) => l.label.includes('policy'))) {
        const jarOut = call(`new CookieJarResponse({ policy: ${label} })`, () => {
          return new CookieJarResponse({ policy: value as CookiePolicy });
        });
        expect(issuesOf(jarOut), label).to.deep.equal([[['policy'], 'invalid_type']]);
        for (const [where, run] of [
          ['CookiePolicy.from', () => CookiePolicy.from(value)],
          ['apply', () => builder.apply(value as never)],
          [
            'defineCookie',
            () =>
              lib.defineCookie({
                name: 'a',
                codec: 'string',
                schema: z.string(),
                policy: value as never,
              }),
          ],
        ] as const) {
          expect(codeOf(call(`${where}(${label})`, run)), `${where}(${label})`).to.equal(
            'invalid_policy',
          );
        }
      }
      expectNone();
    });

    it('a cookie equals none of them', () => {
      for (const { label, value } of lookAlikes)
        expect(
          call(`equals(${label})`, () => cookie.equals(value)),
          label,
        ).to.equal(false);
      expectNone();
    });
  });

  describe('writeTo: targets whose members throw, or return, anything', () => {
    const headersLike = () => ({ append() {}, get: () => null, set() {} });
    const nodeLike = () => ({ headersSent: false, getHeader: () => undefined, setHeader() {} });
    const targets: [string, () => Record<string, unknown>][] = [
      ['a Node response', nodeLike],
      ['a Headers', headersLike],
      ['a Response', () => ({ status: 200, headers: headersLike() })],
      [
        'a Fastify reply',
        () => ({
          raw: { headersSent: false },
          getHeader: () => undefined,
          header() {},
          removeHeader() {},
        }),
      ],
      ['a Hono Context', () => ({ finalized: true, res: { headers: headersLike() }, header() {} })],
      ['a Koa ctx', () => ({ res: nodeLike(), request: {}, response: {} })],
    ];

    /**
     * Copies of `make()` in which one member, at any depth, throws `thrown` when read, throws
     * it when called, or returns it.
     */
    function broken(make: () => Record<string, unknown>, thrown: unknown): [string, object][] {
      const out: [string, object][] = [];
      const walk = (path: string[]): void => {
        let holder: Record<string, unknown> = make();
        for (const key of path) holder = holder[key] as Record<string, unknown>;
        for (const key of Object.keys(holder)) {
          const at = [...path, key];
          const vary = (what: string, descriptor: PropertyDescriptor): void => {
            const target = make();
            let parent: Record<string, unknown> = target;
            for (const k of path) parent = parent[k] as Record<string, unknown>;
            Object.defineProperty(parent, key, {
              ...descriptor,
              configurable: true,
              enumerable: true,
            });
            out.push([`${at.join('.')} ${what}`, target]);
          };
          vary('throws when read', {
            get() {
              throw thrown;
            },
          });
          vary('is the value', { value: thrown });
          if (typeof holder[key] === 'function') {
            vary('throws when called', {
              value() {
                throw thrown;
              },
            });
            vary('returns the value', { value: () => thrown });
          } else if (typeof holder[key] === 'object' && holder[key] !== null) walk(at);
        }
      };
      walk([]);
      return out;
    }

    it('only invalid_target, headers_sent or headers_immutable, without what the target threw', () => {
      const codes = ['invalid_target', 'headers_sent', 'headers_immutable'];
      for (const { label, value } of [...arguments_, ...nonStrings]) {
        const direct = call(`writeTo(${label})`, () => jar.writeTo(value as never));
        expect(codeOf(direct), `writeTo(${label})`).to.equal('invalid_target');
        for (const [kind, make] of targets) {
          for (const [what, target] of broken(make, value)) {
            const where = `writeTo(${kind} whose ${what}: ${label})`;
            const out = call(where, () => jar.writeTo(target as never));
            if (out === target) continue;
            expect(codes, where).to.include(codeOf(out));
            const kept = (out as Error).cause !== undefined;
            expect(kept, `${where}: what the target threw is kept as the cause`).to.equal(false);
          }
        }
      }
      expectNone();
    });
  });
});

// lint's entry points never throw at all: a line that cannot be read is a diagnostic, an option
// that cannot be read is an `invalid_type` diagnostic, and the line is linted anyway.
describe('lintSetCookie / lintSetCookieLines / jar.warnings: never throw', () => {
  const lintOptions: Hostile[] = [
    ...nonStrings,
    { label: 'null-prototype options', value: Object.assign(Object.create(null), { url: 'x' }) },
    {
      label: 'options with a throwing url getter',
      value: Object.defineProperty({}, 'url', {
        get() {
          throw new Error('url getter');
        },
      }),
    },
    { label: 'options with a hostile url', value: { url: trap, profile: revoked.proxy } },
  ];
  const sparse = (): unknown[] => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point
    return ['a=1', , 'b=2'];
  };
  const indexThrows = new Proxy(['a=1'], {
    get(target, key) {
      if (key === '0') throw new Error('index getter');
      return Reflect.get(target, key);
    },
  });

  /** Calls `run`; fails the spec if it throws anything at all. */
  function never<T>(label: string, run: () => T): T {
    try {
      return run();
    } catch (error) {
      expect.fail(`${label} threw ${String((error as Error)?.name ?? typeof error)}`);
    }
  }

  it('lintSetCookie: any line, any options', () => {
    for (const { label, value } of [...values, ...bigStrings]) {
      const out = never(`lintSetCookie(${label})`, () => lib.lintSetCookie(value as never));
      expect(out, label).to.be.an('array');
      expect(Object.isFrozen(out), label).to.equal(true);
    }
    for (const { label, value } of lintOptions) {
      const out = never(`lintSetCookie(line, ${label})`, () =>
        lib.lintSetCookie('r=1; SameSite=None', value as never),
      );
      expect(
        out.map((d) => d.code),
        label,
      ).to.include('same_site_none_insecure');
    }
  });

  it('lintSetCookieLines: sparse arrays, Proxies, getters, non-arrays', () => {
    const inputs: Hostile[] = [
      ...nonStrings,
      ...configs,
      { label: 'sparse array', value: sparse() },
      { label: 'array whose index getter throws', value: indexThrows },
      { label: 'array of hostile values', value: nonStrings.map((n) => n.value) },
      { label: '10000 lines', value: Array.from({ length: 10_000 }, (_, i) => `c${i}=1`) },
    ];
    for (const { label, value } of inputs) {
      const reports = never(`lintSetCookieLines(${label})`, () =>
        lib.lintSetCookieLines(value as never),
      );
      expect(reports, label).to.be.an('array');
      for (const report of reports) expect(report.header, label).to.be.a('string');
    }
    for (const { label, value } of lintOptions) {
      never(`lintSetCookieLines(lines, ${label})`, () =>
        lib.lintSetCookieLines(['a=1', 'a=2'], value as never),
      );
    }
  });

  it('jar.warnings: a jar of hostile-looking but valid cookies', () => {
    let jar = new CookieJarResponse();
    for (const { value } of strings) {
      const built = Cookie.safeFrom({ name: 'sid', value, path: '/' });
      if (built.success) jar = jar.add(built.cookie);
    }
    const warnings = never('jar.warnings', () => jar.warnings);
    expect(Object.isFrozen(warnings)).to.equal(true);
  });
});
