// Type-level specs: each `// @ts-expect-error` must stay an error, or the type check of the
// suite fails (an unused directive is itself an error). Every misuse is also run, to show the
// runtime refuses it with the same rule.
import { expect } from 'chai';
import {
  Cookie,
  type CookieAttributes,
  CookieBuilder,
  type CookieConfig,
  cookieAttributesSchema,
  type SameSite,
} from '../src/index.js';
import { issuesOf, thrownIssues } from './support/issues.js';

describe('types', () => {
  it('require a value up front: there is no builder without one', () => {
    // @ts-expect-error value is required
    const builder = Cookie.builder('sid');
    expect(issuesOf(builder.safeBuild())).to.deep.equal([['value', 'invalid_type']]);
    // @ts-expect-error value is required
    expect(issuesOf(new CookieBuilder('sid').safeBuild())).to.deep.equal([
      ['value', 'invalid_type'],
    ]);
  });

  it('refuse .domain() on a __Host- name', () => {
    const builder = Cookie.builder('__Host-sid', 'x').secure().path('/');
    // @ts-expect-error a __Host- cookie is host-only
    const withDomain = builder.domain('.example.com');
    expect(issuesOf(withDomain.safeBuild())).to.deep.equal([['domain', 'prefix_host']]);
    // Other names take a domain.
    expect(Cookie.builder('sid', 'x').domain('.example.com').build().domain).to.equal(
      '.example.com',
    );
  });

  it("refuse a path other than '/' on a __Host- name", () => {
    const builder = Cookie.builder('__Host-sid', 'x').secure();
    // @ts-expect-error a __Host- cookie needs Path=/
    const withPath = builder.path('/x');
    expect(issuesOf(withPath.safeBuild())).to.deep.equal([['path', 'prefix_host']]);
    expect(builder.path('/').build().path).to.equal('/');
  });

  it('refuse a SameSite mode that does not exist', () => {
    // @ts-expect-error not a SameSite mode
    const builder = Cookie.builder('sid', 'x').sameSite('lax-ish');
    expect(issuesOf(builder.safeBuild())).to.deep.equal([['sameSite', 'same_site_value']]);
    const modes: SameSite[] = ['Strict', 'Lax', 'None'];
    for (const mode of modes) {
      expect(Cookie.builder('sid', 'x').secure().sameSite(mode).build().sameSite).to.equal(mode);
    }
    // Any case of a real mode is fine.
    expect(Cookie.builder('sid', 'x').sameSite('lax').build().sameSite).to.equal('Lax');
  });

  it('refuse a priority that does not exist', () => {
    // @ts-expect-error not a priority
    const builder = Cookie.builder('sid', 'x').priority('urgent');
    expect(issuesOf(builder.safeBuild())).to.deep.equal([['priority', 'priority_value']]);
  });

  it('refuse wrong-typed and unknown keys in Cookie.from', () => {
    // @ts-expect-error secure is a boolean
    const wrongSecure = () => Cookie.from({ name: 'sid', value: 'x', secure: 'yes' });
    // @ts-expect-error maxAge is a number of seconds or a duration
    const wrongMaxAge = () => Cookie.from({ name: 'sid', value: 'x', maxAge: '60' });
    // @ts-expect-error max_age is not a key (maxAge is)
    const snakeCase = () => Cookie.from({ name: 'sid', value: 'x', max_age: 60 });
    // @ts-expect-error name and value are required
    const noName = () => Cookie.from({ path: '/' });
    expect(thrownIssues(wrongSecure)).to.deep.equal([['secure', 'invalid_type']]);
    expect(thrownIssues(wrongMaxAge)).to.deep.equal([['maxAge', 'max_age_integer']]);
    expect(thrownIssues(snakeCase)).to.deep.equal([['max_age', 'unknown_key']]);
    expect(thrownIssues(noName)).to.deep.equal([
      ['name', 'invalid_type'],
      ['value', 'invalid_type'],
    ]);
  });

  it('type the enumerated keys of Cookie.from, in any of their spellings', () => {
    // @ts-expect-error not a SameSite mode
    const wrongSameSite = () => Cookie.from({ name: 'sid', value: 'x', sameSite: 'lax-ish' });
    // @ts-expect-error not an encoding
    const wrongEncoding = () => Cookie.from({ name: 'sid', value: 'x', encoding: 'hex' });
    // @ts-expect-error not a profile
    const wrongProfile = () => Cookie.from({ name: 'sid', value: 'x', profile: 'rfc2965' });
    expect(thrownIssues(wrongSameSite)).to.deep.equal([['sameSite', 'same_site_value']]);
    expect(thrownIssues(wrongEncoding)).to.deep.equal([['encoding', 'encoding_value']]);
    expect(thrownIssues(wrongProfile)).to.deep.equal([['profile', 'profile_value']]);
    const lower = Cookie.from({ name: 'sid', value: 'x', sameSite: 'lax', priority: 'HIGH' });
    expect([lower.sameSite, lower.priority]).to.deep.equal(['Lax', 'High']);
  });

  it("accept another cookie's frozen extensions in Cookie.from", () => {
    const source = Cookie.from({
      name: 'a',
      value: 'x',
      extensions: [{ name: 'Foo', value: 'b' }],
    });
    const copy = Cookie.from({ name: 'b', value: 'y', extensions: source.extensions ?? [] });
    expect(copy.toString()).to.equal('b=y; Version=1; Foo=b');
  });

  it('refuse changing the name with with()', () => {
    const cookie = Cookie.from({ name: 'sid', value: 'x' });
    // @ts-expect-error the name is the identity of a cookie
    expect(thrownIssues(() => cookie.with({ name: 'other' }))).to.deep.equal([
      ['name', 'name_immutable'],
    ]);
  });

  it('make a Cookie read-only and its constructor private', () => {
    const cookie = Cookie.from({ name: 'sid', value: 'x' });
    expect(() => {
      // @ts-expect-error read-only property
      cookie.value = 'y';
    }).to.throw(TypeError);
    const Ctor = Cookie;
    expect(() => {
      // @ts-expect-error the constructor is private
      new Ctor();
    }).to.throw();
  });

  it('infer CookieConfig and CookieAttributes from the schemas', () => {
    const attributes: CookieAttributes = {
      path: '/',
      secure: true,
      maxAge: { days: 1 },
      expires: '2030-01-01',
    };
    const config: CookieConfig = { name: 'sid', value: 'x', ...attributes };
    // @ts-expect-error name is not an attribute
    const notAnAttribute: CookieAttributes = { name: 'sid' };
    expect(Cookie.from(config).maxAge).to.equal(86400);
    expect(cookieAttributesSchema.safeParse(notAnAttribute).success).to.equal(false);
  });

  it('keep the literal name type through the chain', () => {
    const builder: CookieBuilder<'__Host-sid'> = Cookie.builder('__Host-sid', 'x')
      .secure()
      .httpOnly()
      .path('/');
    expect(builder.build().name).to.equal('__Host-sid');
  });
});
