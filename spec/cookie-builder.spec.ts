import { expect } from 'chai';
import { Cookie, CookieBuilder, CookieValidationError } from '../src/index.js';
import { ATTRIBUTE_METHODS } from './support/fixtures.js';
import { issuesOf, onlyCookieErrors, thrownIssues } from './support/issues.js';

type AnyBuilder = CookieBuilder<string>;

/** Every builder method with an argument that changes the state. */
const CHANGES: readonly [method: string, apply: (b: AnyBuilder) => AnyBuilder][] = [
  ['value', (b) => b.value('changed')],
  ['comment', (b) => b.comment('note')],
  ['domain', (b) => b.domain('.example.com')],
  ['path', (b) => b.path('/x')],
  ['secure', (b) => b.secure()],
  ['httpOnly', (b) => b.httpOnly()],
  ['version', (b) => b.version(0)],
  ['maxAge', (b) => b.maxAge({ minutes: 5 })],
  ['expires', (b) => b.expires(new Date('2030-01-01T00:00:00Z'))],
  ['sameSite', (b) => b.sameSite('strict')],
  ['partitioned', (b) => b.partitioned().secure()],
  ['priority', (b) => b.priority('low')],
  ['encoding', (b) => b.encoding('base64url')],
  ['profile', (b) => b.profile('rfc6265')],
  ['extension', (b) => b.extension('Foo', 'bar')],
  ['session', (b) => b.session()],
  ['removal', (b) => b.removal()],
];

describe('CookieBuilder', () => {
  const base = (): AnyBuilder =>
    Cookie.builder('sid', 'abc').path('/').maxAge(60).sameSite('Lax') as AnyBuilder;

  for (const [method, apply] of CHANGES) {
    describe(`#${method}()`, () => {
      it('returns a new builder and leaves the original unchanged', () => {
        const original = base();
        const before = original.build().toString();
        const next = apply(original);
        expect(next).to.be.instanceOf(CookieBuilder);
        expect(next).not.to.equal(original);
        expect(original.build().toString()).to.equal(before);
        expect(next.build().toString()).not.to.equal(before);
      });
    });
  }

  describe('constructor', () => {
    it('is the same as Cookie.builder(name, value)', () => {
      const a = new CookieBuilder('sid', 'abc').path('/').build();
      const b = Cookie.builder('sid', 'abc').path('/').build();
      expect(a.equals(b)).to.equal(true);
    });
  });

  describe('templates', () => {
    it('branches without affecting each other', () => {
      const template = Cookie.builder('sid', '').path('/').secure().httpOnly().sameSite('Lax');
      const a = template.value('a').maxAge({ hours: 1 });
      const b = template.value('b').domain('.example.com');
      const c = a.session().priority('High');
      expect(template.build().toString()).to.equal(
        'sid=; Version=1; Path=/; Secure; HttpOnly; SameSite=Lax',
      );
      expect(a.build().toString()).to.equal(
        'sid=a; Version=1; Path=/; Max-Age=3600; Secure; HttpOnly; SameSite=Lax',
      );
      expect(b.build().toString()).to.equal(
        'sid=b; Version=1; Domain=.example.com; Path=/; Secure; HttpOnly; SameSite=Lax',
      );
      expect(c.build().toString()).to.equal(
        'sid=a; Version=1; Path=/; Secure; HttpOnly; SameSite=Lax; Priority=High',
      );
    });

    it('builds the same cookie twice from one builder', () => {
      const builder = Cookie.builder('sid', 'abc').path('/');
      expect(builder.build().equals(builder.build())).to.equal(true);
      expect(builder.build()).not.to.equal(builder.build());
    });

    it('copies a Date and a duration on the way in', () => {
      const date = new Date('2030-01-01T00:00:00Z');
      const lifetime = { days: 1 };
      const builder = Cookie.builder('sid', 'abc').expires(date).maxAge(lifetime);
      date.setUTCFullYear(2040);
      lifetime.days = 99;
      const cookie = builder.build();
      expect(cookie.expires?.getUTCFullYear()).to.equal(2030);
      expect(cookie.maxAge).to.equal(86400);
    });

    it('cannot be changed through what toConfig() returns', () => {
      const builder = Cookie.builder('sid', 'abc')
        .expires(new Date('2030-01-01T00:00:00Z'))
        .maxAge({ days: 1 })
        .extension('Foo', 'bar');
      const config = builder.toConfig() as Record<string, unknown>;
      config.value = 'evil';
      (config.expires as Date).setUTCFullYear(2040);
      (config.maxAge as { days: number }).days = 99;
      expect(() => (config.extensions as unknown[]).push({ name: 'X' })).to.throw(TypeError);
      const cookie = builder.build();
      expect(cookie.value).to.equal('abc');
      expect(cookie.expires?.getUTCFullYear()).to.equal(2030);
      expect(cookie.maxAge).to.equal(86400);
    });
  });

  describe('#sameSite()', () => {
    it('accepts any case and writes the canonical form', () => {
      for (const mode of ['strict', 'STRICT', 'Strict'] as const) {
        expect(Cookie.builder('sid', 'a').sameSite(mode).build().sameSite).to.equal('Strict');
      }
    });
  });

  describe('#maxAge()', () => {
    it('adds up a duration in seconds', () => {
      expect(
        Cookie.builder('sid', 'a').maxAge({ days: 1, hours: 2, minutes: 3, seconds: 4 }).build()
          .maxAge,
      ).to.equal(86400 + 7200 + 180 + 4);
    });

    it('refuses milliseconds passed as a fraction of seconds', () => {
      expect(issuesOf(Cookie.builder('sid', 'a').maxAge(1.5).safeBuild())).to.deep.equal([
        ['maxAge', 'max_age_integer'],
      ]);
    });
  });

  describe('#extension()', () => {
    it('adds extensions in order and replaces one of the same name, ignoring case', () => {
      const cookie = Cookie.builder('sid', 'a')
        .extension('Foo', '1')
        .extension('Bar')
        .extension('FOO', '2')
        .build();
      expect(cookie.extensions).to.deep.equal([{ name: 'Bar' }, { name: 'FOO', value: '2' }]);
      expect(cookie.toString()).to.equal('sid=a; Version=1; Bar; FOO=2');
    });

    it('refuses a reserved name at build()', () => {
      expect(
        issuesOf(Cookie.builder('sid', 'a').extension('Path', '/x').safeBuild()),
      ).to.deep.equal([['extensions.0.name', 'extension_reserved']]);
    });
  });

  describe('#session()', () => {
    it('drops Max-Age and Expires', () => {
      const cookie = Cookie.builder('sid', 'a').maxAge(60).expires(0).session().build();
      expect(cookie.toString()).to.equal('sid=a; Version=1');
      expect(cookie.maxAge).to.equal(undefined);
      expect(cookie.expires).to.equal(undefined);
    });
  });

  describe('#removal()', () => {
    it('empties the value, sets Max-Age=0 and an Expires in 1970, and keeps the scope', () => {
      const cookie = Cookie.builder('sid', 'secret')
        .domain('.example.com')
        .path('/app')
        .httpOnly()
        .maxAge(3600)
        .removal()
        .build();
      expect(cookie.toString()).to.equal(
        'sid=; Version=1; Domain=.example.com; Path=/app; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly',
      );
      expect(cookie.warnings).to.deep.equal([]);
    });

    for (const [name, expected] of [
      ['__Secure-id', 'Secure'],
      ['__Host-id', 'Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Secure'],
      ['__Http-id', 'Secure; HttpOnly'],
      [
        '__Host-Http-id',
        'Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Secure; HttpOnly',
      ],
      ['__HOST-id', 'Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Secure'],
    ] as const) {
      it(`adds what ${name} needs, so browsers accept the removal`, () => {
        const cookie = new CookieBuilder(name, 'x').removal().build();
        expect(cookie.toString()).to.include(expected);
        expect(cookie.domain).to.equal(undefined);
      });
    }

    it('keeps Partitioned and adds the Secure it needs', () => {
      const cookie = Cookie.builder('sid', 'x').partitioned().removal().build();
      expect(cookie.partitioned).to.equal(true);
      expect(cookie.secure).to.equal(true);
    });
  });

  describe('#build()', () => {
    it('throws one CookieValidationError listing every problem at once', () => {
      const builder = Cookie.builder('$sid', 'a\nb')
        .domain('example.com')
        .path('app')
        .maxAge(-1)
        .sameSite('None')
        .partitioned()
        .priority('urgent' as never)
        .version(1.5);
      expect(thrownIssues(() => builder.build())).to.have.deep.members([
        ['name', 'name_reserved'],
        ['value', 'control_character'],
        ['domain', 'domain_leading_dot'],
        ['path', 'path_syntax'],
        ['maxAge', 'max_age_integer'],
        ['secure', 'same_site_none_insecure'],
        ['secure', 'partitioned_insecure'],
        ['priority', 'priority_value'],
        ['version', 'version_value'],
      ]);
    });

    it('names the cookie in the error', () => {
      try {
        Cookie.builder('sid', 'a').path('x').build();
        expect.fail('expected a CookieValidationError');
      } catch (error) {
        expect(error).to.be.instanceOf(CookieValidationError);
        expect((error as CookieValidationError).cookieName).to.equal('sid');
      }
    });
  });

  describe('#safeBuild()', () => {
    it('returns the cookie on success', () => {
      const result = Cookie.builder('sid', 'a').safeBuild();
      expect(result.success).to.equal(true);
      if (result.success) expect(result.cookie.toString()).to.equal('sid=a; Version=1');
    });

    it('returns every problem instead of throwing', () => {
      expect(issuesOf(Cookie.builder('', 'a').path('').safeBuild())).to.deep.equal([
        ['name', 'name_token'],
        ['path', 'path_syntax'],
      ]);
    });
  });

  describe('bad arguments', () => {
    const junk: readonly unknown[] = [null, undefined, 1, Number.NaN, {}, [], 'x', Symbol('s')];
    const methods = ATTRIBUTE_METHODS;

    for (const method of methods) {
      it(`#${method}() takes junk, and build() answers with a CookieValidationError or a cookie`, () => {
        for (const arg of junk) {
          onlyCookieErrors(() => {
            const call = (
              Cookie.builder('sid', 'a') as unknown as Record<string, (a: unknown) => AnyBuilder>
            )[method];
            const next = call?.call(Cookie.builder('sid', 'a'), arg);
            const result = next?.safeBuild();
            if (result && !result.success)
              expect(result.error).to.be.instanceOf(CookieValidationError);
            next?.build();
          });
        }
      });
    }

    it('new CookieBuilder(junk, junk) fails at build() with invalid_type on name and value', () => {
      const builder = new CookieBuilder(null as never, 5 as never);
      expect(issuesOf(builder.safeBuild())).to.deep.equal([
        ['name', 'invalid_type'],
        ['value', 'invalid_type'],
      ]);
    });

    it('#expires() with an object that only pretends to be a Date throws no TypeError', () => {
      onlyCookieErrors(() =>
        Cookie.builder('sid', 'a')
          .expires(Object.create(Date.prototype) as Date)
          .build(),
      );
    });

    it('#maxAge() with a duration whose getter throws throws no plain Error', () => {
      const duration = {
        get days(): number {
          throw new Error('getter');
        },
      };
      onlyCookieErrors(() => Cookie.builder('sid', 'a').maxAge(duration).build());
    });
  });
});
