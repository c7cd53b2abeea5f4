// The fast paths of building must give what the plain paths give:
// - a builder's build() reads its chain of links straight into the fast rule checks; it must
//   agree with the zod schema on the configuration the builder reports (toConfig()), which is
//   what build() validated before the chain existed;
// - the header of every cookie, whatever cookie was built before it, is the one the documented
//   attribute order gives (written out again here, independently of the serializer).
import { expect } from 'chai';
import fc from 'fast-check';
import {
  Cookie,
  type CookieBuilder,
  type CookieConfig,
  CookieValidationError,
} from '../src/index.js';
import { cookieConfigSchema } from '../src/rules/schema.js';

type AnyBuilder = CookieBuilder<string>;
type Step = (b: AnyBuilder) => AnyBuilder;

const pick = <T>(...values: T[]) => fc.constantFrom(...values);
// Valid values mostly, with a few wrong ones (and wrong types, as plain JavaScript could pass).
const step: fc.Arbitrary<[string, Step]> = fc.oneof(
  pick('a', 'b c', '', 'é', '\u0000').map((v): [string, Step] => [
    `value(${JSON.stringify(v)})`,
    (b) => b.value(v),
  ]),
  pick('.example.com', 'example.com', 'a..b', undefined).map((v): [string, Step] => [
    `domain(${v})`,
    (b) => b.domain(v as string),
  ]),
  pick('/', '/app', 'app', '/a ').map((v): [string, Step] => [`path(${v})`, (b) => b.path(v)]),
  pick(true, false, undefined).map((v): [string, Step] => [`secure(${v})`, (b) => b.secure(v)]),
  pick(true, false).map((v): [string, Step] => [`httpOnly(${v})`, (b) => b.httpOnly(v)]),
  pick(0, 3600, -1, 1.5, undefined).map((v): [string, Step] => [
    `maxAge(${v})`,
    (b) => b.maxAge(v as number),
  ]),
  pick('Lax', 'none', 'x').map((v): [string, Step] => [
    `sameSite(${v})`,
    (b) => b.sameSite(v as 'Lax'),
  ]),
  pick(true, false).map((v): [string, Step] => [`partitioned(${v})`, (b) => b.partitioned(v)]),
  pick('low', 'High').map((v): [string, Step] => [`priority(${v})`, (b) => b.priority(v as 'Low')]),
  pick('uri', 'raw', 'base64url').map((v): [string, Step] => [
    `encoding(${v})`,
    (b) => b.encoding(v as 'uri'),
  ]),
  pick('rfc2109', 'rfc6265').map((v): [string, Step] => [
    `profile(${v})`,
    (b) => b.profile(v as 'rfc2109'),
  ]),
  pick(0, 1, 2).map((v): [string, Step] => [`version(${v})`, (b) => b.version(v)]),
  pick('note', 'a;b').map((v): [string, Step] => [`comment(${v})`, (b) => b.comment(v)]),
  pick('2030-01-01T00:00:00Z', 'soon').map((v): [string, Step] => [
    `expires(${v})`,
    (b) => b.expires(v),
  ]),
  pick('Foo').map((v): [string, Step] => [`extension(${v})`, (b) => b.extension(v, 'bar')]),
  fc.constant<[string, Step]>(['session()', (b) => b.session()]),
  fc.constant<[string, Step]>(['removal()', (b) => b.removal()]),
);
// A chain starts from a name and value, or from a whole state (toBuilder of a cookie).
const start: fc.Arbitrary<() => AnyBuilder> = fc.oneof(
  pick('sid', '__Host-sid', '__Secure-x', '$x').map(
    (name) => () => Cookie.builder(name, 'v') as AnyBuilder,
  ),
  pick<CookieConfig>(
    { name: 'sid', value: 'v', path: '/', extensions: [{ name: 'Foo', value: 'x' }] },
    { name: '__Host-h', value: 'v', path: '/', secure: true, sameSite: 'Lax' },
    { name: 'sid', value: 'v', domain: '.example.com', maxAge: 60, profile: 'rfc2109' },
  ).map((config) => () => Cookie.from(config).toBuilder()),
);
const chain = fc.tuple(start, fc.array(step, { maxLength: 40 }));

describe('CookieBuilder#build() fast path (internal)', () => {
  it('agrees with the schema on the configuration the builder reports', () => {
    let built = 0;
    fc.assert(
      fc.property(chain, ([begin, steps]) => {
        let builder = begin();
        for (const [, apply] of steps) builder = apply(builder);
        const config = builder.toConfig();
        const schema = cookieConfigSchema.safeParse(config);
        const label = steps.map(([text]) => text).join('.');
        let cookie: Cookie | undefined;
        try {
          cookie = builder.build();
        } catch (error) {
          expect(error, label).to.be.instanceOf(CookieValidationError);
        }
        expect(cookie !== undefined, label).to.equal(schema.success);
        expect(builder.safeBuild().success, label).to.equal(schema.success);
        if (cookie !== undefined) {
          built++;
          // The same cookie as the configuration gives through Cookie.from
          const expected = Cookie.from(config as CookieConfig);
          expect(cookie.equals(expected), label).to.equal(true);
          expect(cookie.toJSON(), label).to.deep.equal(expected.toJSON());
        }
      }),
      { numRuns: 3000 },
    );
    expect(built, 'chains that build').to.be.greaterThan(300);
  });

  it('reads long chains (folded past 24 links) with the newest value winning', () => {
    let builder = Cookie.builder('sid', 'v') as AnyBuilder;
    for (let i = 0; i < 100; i++) builder = builder.path(`/p${i}`).maxAge(i);
    const cookie = builder.secure().build();
    expect(cookie.path).to.equal('/p99');
    expect(cookie.maxAge).to.equal(99);
    expect(cookie.secure).to.equal(true);
  });
});

/** The attribute part of a header in the documented order (docs/attributes.md), written here. */
function writeAttributes(c: Cookie): string {
  let h = '';
  if (c.version !== undefined) h += `; Version=${c.version}`;
  if (c.comment !== undefined)
    h += `; Comment=${/^[\w!#$%&'*+.^`|~-]+$/.test(c.comment) ? c.comment : JSON.stringify(c.comment)}`;
  if (c.domain !== undefined) h += `; Domain=${c.domain}`;
  if (c.path !== undefined) h += `; Path=${c.path}`;
  if (c.expires !== undefined) h += `; Expires=${c.expires.toUTCString()}`;
  if (c.maxAge !== undefined) h += `; Max-Age=${c.maxAge}`;
  if (c.secure) h += '; Secure';
  if (c.httpOnly) h += '; HttpOnly';
  if (c.sameSite !== undefined) h += `; SameSite=${c.sameSite}`;
  if (c.partitioned) h += '; Partitioned';
  if (c.priority !== undefined) h += `; Priority=${c.priority}`;
  for (const e of c.extensions ?? [])
    h += e.value === undefined ? `; ${e.name}` : `; ${e.name}=${e.value}`;
  return h;
}

describe('serializeCookie (internal)', () => {
  // Each cookie is the one before with one attribute changed, added or removed, so nothing of
  // the cookie before can show up in the next header.
  const changes: Record<string, readonly unknown[]> = {
    name: ['a', 'b'],
    value: ['1', '2'],
    domain: ['.example.com', '.example.org', undefined],
    path: ['/', '/x', undefined],
    maxAge: [0, 60, undefined],
    expires: [Date.UTC(2030, 0, 1), Date.UTC(2031, 0, 1), undefined],
    secure: [true, false],
    httpOnly: [true, false],
    version: [0, 1, undefined],
    comment: ['c', 'd', undefined],
    sameSite: ['Lax', 'Strict', undefined],
    priority: ['Low', 'High', undefined],
    extensions: [[{ name: 'X' }], [{ name: 'Y', value: 'z' }], undefined],
  };
  const change = fc
    .constantFrom(...Object.keys(changes))
    .chain((key) =>
      fc.constantFrom(...(changes[key] as unknown[])).map((value) => [key, value] as const),
    );

  it('writes the same header as writing every attribute afresh, whatever came before', () => {
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 30 }), (steps) => {
        const config: Record<string, unknown> = { name: 'a', value: '1' };
        for (const [key, value] of steps) {
          if (value === undefined) delete config[key];
          else config[key] = value;
          const cookie = Cookie.from(config as CookieConfig);
          expect(cookie.toString()).to.equal(
            `${cookie.name}=${cookie.value}${writeAttributes(cookie)}`,
          );
        }
      }),
      { numRuns: 1000 },
    );
  });
});
