import { expect } from 'chai';
import fc from 'fast-check';
import { checkConfig } from '../src/rules/check.js';
import { isLdhName } from '../src/rules/grammar.js';
import { cookieConfigSchema } from '../src/rules/schema.js';

// The fast path must accept exactly what the zod schema accepts, with the same output.
const text = fc.oneof(
  fc.constantFrom(
    '',
    'sid',
    '__Host-x',
    '__secure-y',
    '$v',
    '.example.com',
    'example.com',
    '/',
    '/a;b',
    'a b',
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
);
// Host names near every edge of the LDH rule: label sizes 62-64, hyphens at either end, empty
// labels, a trailing dot, 253/254 octets in all.
const ldhUnit = fc.constantFrom('a', 'Z', '0', '9', '-', '.', '_', 'é', ' ');
const hostish = fc.oneof(
  fc.string({ unit: ldhUnit, maxLength: 12 }),
  fc
    .tuple(
      fc.integer({ min: 61, max: 64 }),
      fc.constantFrom('', '.', '-'),
      fc.constantFrom('', '.com', '-.com', '.'),
    )
    .map(([n, lead, tail]) => `${lead}${'a'.repeat(n)}${tail}`),
  fc
    .tuple(fc.integer({ min: 250, max: 256 }), fc.constantFrom('', '.'))
    .map(([n, lead]) => `${lead}${'a.'.repeat((n - 1) >> 1)}${'b'.repeat(n - 2 * ((n - 1) >> 1))}`),
);
const pathish = fc.oneof(
  fc.constantFrom('/', '/app', 'app', '/a ', '/a;b', '/\t', '/é', ''),
  fc.integer({ min: 1022, max: 1026 }).map((n) => `/${'p'.repeat(n - 1)}`),
);
const valueish = fc.oneof(
  fc.constantFrom('a%b', 'a b', '"q"', 'x\x7Fy', 'é', '\uD800', 'a,b'),
  fc.integer({ min: 4090, max: 4100 }).map((n) => 'v'.repeat(n)),
  fc.integer({ min: 4090, max: 4100 }).map((n) => '%'.repeat(n >> 2)),
);
const plainConfig = fc.record(
  {
    name: fc.oneof(
      text,
      fc.constantFrom('__Host-sid', '__Http-x', '__Host-Http-y', '__SECURE-z', '__x'),
    ),
    value: fc.oneof(text, valueish),
    comment: text,
    domain: fc.oneof(
      text,
      hostish,
      fc.constantFrom('.example.com', 'Example.COM', '.com', 'a..b', 'x-.y', '.a.', 'a.b.'),
    ),
    path: fc.oneof(text, pathish),
    secure: fc.boolean(),
    httpOnly: fc.boolean(),
    partitioned: fc.boolean(),
    version: fc.oneof(fc.integer({ min: -2, max: 3 }), fc.double()),
    maxAge: fc.oneof(fc.integer({ min: -5, max: 50_000_000 }), fc.double()),
    expires: fc.oneof(
      fc.date({ noInvalidDate: false }),
      fc.integer(),
      fc.constantFrom('2030-01-01', '2030-01-01T00:00:00Z', 'soon'),
    ),
    sameSite: fc.constantFrom('Strict', 'lax', 'NONE', 'None', 'x'),
    priority: fc.constantFrom('Low', 'medium', 'HIGH', 'urgent'),
    encoding: fc.constantFrom('uri', 'raw', 'base64url', 'hex'),
    profile: fc.constantFrom('rfc2109', 'rfc6265', 'rfc2965'),
  },
  { requiredKeys: [] },
);

/**
 * Asserts that the fast check gives the schema's verdict, and the same cookie as the schema's
 * output (a normalised configuration) gives; true when both accept.
 */
function expectSameAsSchema(config: object): boolean {
  const fast = checkConfig(config);
  const slow = cookieConfigSchema.safeParse(config);
  expect(fast !== undefined, 'fast path verdict').to.equal(slow.success);
  if (fast === undefined || !slow.success) return false;
  expect(fast).to.deep.equal(checkConfig(slow.data));
  return true;
}

describe('checkConfig (internal)', () => {
  it('agrees with cookieConfigSchema on every plain configuration', () => {
    fc.assert(
      fc.property(plainConfig, (config) => {
        expectSameAsSchema(config);
      }),
      { numRuns: 6000 },
    );
  });

  // Mostly valid: one edge-case field at a time on an accepted cookie, so the accept verdict
  // (and its output) is compared as often as the refusal.
  const mostly = <T>(usual: fc.Arbitrary<T>, edge: fc.Arbitrary<T>) =>
    fc.oneof({ weight: 5, arbitrary: usual }, { weight: 1, arbitrary: edge });
  const nearValid = fc.record(
    {
      name: mostly(
        fc.constant('sid'),
        fc.constantFrom('__Host-sid', '__Secure-s', '__Http-h', '__Host-Http-x', '$x'),
      ),
      value: mostly(fc.constantFrom('abc', '', 'a b', 'é'), valueish),
      domain: mostly(fc.constant('.example.com'), fc.oneof(fc.constant('example.com'), hostish)),
      path: mostly(fc.constantFrom('/', '/app'), pathish),
      secure: mostly(fc.constant(true), fc.constant(false)),
      httpOnly: fc.boolean(),
      maxAge: mostly(fc.constantFrom(0, 3600), fc.constantFrom(-1, 1.5, 2 ** 53)),
      sameSite: mostly(fc.constant('Lax'), fc.constant('None')),
      partitioned: mostly(fc.constant(false), fc.constant(true)),
      encoding: mostly(fc.constant('uri'), fc.constantFrom('raw', 'base64url')),
      profile: mostly(fc.constant('rfc2109'), fc.constant('rfc6265')),
    },
    { requiredKeys: ['name', 'value'] },
  );

  it('agrees with cookieConfigSchema on near-valid configurations, accepting many', () => {
    let accepted = 0;
    fc.assert(
      fc.property(nearValid, (config) => {
        if (expectSameAsSchema(config)) accepted++;
      }),
      { numRuns: 4000 },
    );
    // The generator must reach the accepting side often, or the agreement above proves little.
    expect(accepted).to.be.greaterThan(800);
  });

  it('checks every name, domain and path, whatever came before', () => {
    const sequences = {
      name: ['sid', '$x', 'sid', 'a b', 'sid', '', 'sid'],
      domain: ['.example.com', '.', '.example.com', 'a..b', '.example.com', ''],
      path: ['/', 'x', '/app', '/a;b', '/app', '/a ', '/', ''],
    };
    for (const [field, texts] of Object.entries(sequences)) {
      for (const text of texts) {
        const config = { name: 'a', value: 'b', [field]: text };
        const fast = checkConfig(config);
        const slow = cookieConfigSchema.safeParse(config);
        expect(fast !== undefined, `${field} ${JSON.stringify(text)}`).to.equal(slow.success);
      }
    }
  });

  it('leaves configurations with unknown keys or durations to the schema', () => {
    expect(checkConfig({ name: 'a', value: 'b', max_age: 1 })).to.equal(undefined);
    expect(checkConfig({ name: 'a', value: 'b', maxAge: { days: 1 } })).to.equal(undefined);
    expect(checkConfig({ name: 'a', value: 'b', extensions: [] })?.extensions).to.equal(undefined);
    expect(checkConfig({ name: 'a', value: 'b' })).to.include({ name: 'a', value: 'b', wire: 'b' });
  });

  it('agrees with the schema on extensions', () => {
    const ext = fc.record(
      {
        name: fc.oneof(fc.constantFrom('Foo', 'foo', 'Path', 'a b', '', 'X'), text),
        value: fc.oneof(fc.constantFrom('bar', '', ' x', 'a;b', 'ok'), text),
      },
      { requiredKeys: ['name'] },
    );
    fc.assert(
      fc.property(fc.array(ext, { maxLength: 34 }), (extensions) => {
        expectSameAsSchema({ name: 'sid', value: 'v', extensions });
      }),
      { numRuns: 2000 },
    );
  });
});

describe('isLdhName (internal)', () => {
  // The rule as the grammar states it (RFC 1034 §3.5, RFC 1123 §2.1): the loop must match it.
  const LDH =
    /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

  it('agrees with the LDH grammar on every string', () => {
    fc.assert(
      fc.property(fc.oneof(hostish, fc.string({ unit: ldhUnit, maxLength: 20 })), (host) => {
        expect(isLdhName(host), host).to.equal(LDH.test(host));
        if (host.startsWith('.'))
          expect(isLdhName(host, 1), host).to.equal(LDH.test(host.slice(1)));
      }),
      { numRuns: 5000 },
    );
  });

  it('accepts host names and refuses what is not one', () => {
    for (const ok of ['a', 'example.com', 'x-y.z9', `${'a'.repeat(63)}.b`])
      expect(isLdhName(ok), ok).to.equal(true);
    for (const bad of [
      '',
      '.',
      'a.',
      '.a',
      '-a.b',
      'a-.b',
      'a..b',
      'a_b',
      `${'a'.repeat(64)}.b`,
      'é.com',
    ]) {
      expect(isLdhName(bad), bad).to.equal(false);
    }
  });
});
