import { expect } from 'chai';
import fc from 'fast-check';
import { cookieConfigSchema, parseConfigFast } from '../src/schema.js';

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
const plainConfig = fc.record(
  {
    name: text,
    value: text,
    comment: text,
    domain: fc.oneof(text, fc.constantFrom('.example.com', 'Example.COM', '.com', 'a..b', 'x-.y')),
    path: fc.oneof(text, fc.constantFrom('/', '/app', 'app')),
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
    sameSite: fc.constantFrom('Strict', 'lax', 'NONE', 'x'),
    priority: fc.constantFrom('Low', 'medium', 'HIGH', 'urgent'),
    encoding: fc.constantFrom('uri', 'raw', 'base64url', 'hex'),
    profile: fc.constantFrom('rfc2109', 'rfc6265', 'rfc2965'),
  },
  { requiredKeys: [] },
);

describe('parseConfigFast (internal)', () => {
  it('agrees with cookieConfigSchema on every plain configuration', () => {
    fc.assert(
      fc.property(plainConfig, (config) => {
        const fast = parseConfigFast(config);
        const slow = cookieConfigSchema.safeParse(config);
        expect(fast !== undefined, 'fast path verdict').to.equal(slow.success);
        if (fast !== undefined && slow.success) {
          const defined = Object.fromEntries(
            Object.entries(slow.data).filter(([, v]) => v !== undefined),
          );
          expect(fast).to.deep.equal(defined);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves configurations with unknown keys, extensions or durations to the schema', () => {
    expect(parseConfigFast({ name: 'a', value: 'b', max_age: 1 })).to.equal(undefined);
    expect(parseConfigFast({ name: 'a', value: 'b', extensions: [] })).to.equal(undefined);
    expect(parseConfigFast({ name: 'a', value: 'b', maxAge: { days: 1 } })).to.equal(undefined);
    expect(parseConfigFast({ name: 'a', value: 'b' })).to.deep.equal({ name: 'a', value: 'b' });
  });
});
