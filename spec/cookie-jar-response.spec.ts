import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { inspect } from 'node:util';
import { expect } from 'chai';
import fc from 'fast-check';
import { Cookie as ToughCookie } from 'tough-cookie';
import {
  Cookie,
  type CookieAttributes,
  CookieError,
  type CookieJarCache,
  CookieJarResponse,
  type CookieJarResponseOptions,
  CookieValidationError,
} from '../src/index.js';

const EPOCH = 'Thu, 01 Jan 1970 00:00:00 GMT';

/** The issues of the CookieValidationError `fn` throws, as [path, code] pairs. */
function issuesOf(fn: () => unknown): [string, string][] {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(CookieValidationError);
    return (error as CookieValidationError).issues.map((i) => [i.path.join('.'), i.code]);
  }
  expect.fail('expected a CookieValidationError');
}

/** The code of the CookieError `fn` throws. */
function errorCodeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(CookieError);
    return (error as CookieError).code;
  }
  expect.fail('expected a CookieError');
}

function nodeResponse(): ServerResponse {
  return new ServerResponse(new IncomingMessage(new Socket()));
}

const sid = Cookie.from({ name: 'sid', value: 'abc', path: '/', secure: true, httpOnly: true });
const theme = Cookie.from({ name: 'theme', value: 'dark', path: '/' });

describe('CookieJarResponse', () => {
  describe('constructor', () => {
    it('starts empty and frozen', () => {
      const jar = new CookieJarResponse();
      expect(jar.size).to.equal(0);
      expect(jar.cookies()).to.deep.equal([]);
      expect(Object.isFrozen(jar)).to.equal(true);
    });

    it('refuses a cache mode it does not know, naming the option', () => {
      const options = { cache: 'public' } as unknown as CookieJarResponseOptions;
      expect(issuesOf(() => new CookieJarResponse(options))).to.deep.equal([
        ['cache', 'invalid_type'],
      ]);
    });

    it('refuses an unknown option and a non-boolean http10Expires', () => {
      const options = {
        caching: 'off',
        http10Expires: 'no',
      } as unknown as CookieJarResponseOptions;
      expect(issuesOf(() => new CookieJarResponse(options))).to.have.deep.members([
        ['caching', 'unknown_key'],
        ['http10Expires', 'invalid_type'],
      ]);
    });

    it('refuses options that are not an object', () => {
      const options = 'private' as unknown as CookieJarResponseOptions;
      expect(issuesOf(() => new CookieJarResponse(options))).to.deep.equal([['', 'invalid_type']]);
    });
  });

  describe('#add()', () => {
    it('returns a new jar and leaves the original unchanged', () => {
      const empty = new CookieJarResponse();
      const one = empty.add(sid);
      expect(one).to.not.equal(empty);
      expect(empty.size).to.equal(0);
      expect(one.cookies()).to.deep.equal([sid]);
    });

    it('builds a CookieBuilder', () => {
      const jar = new CookieJarResponse().add(Cookie.builder('theme', 'dark').path('/'));
      expect(jar.get('theme')?.equals(theme)).to.equal(true);
    });

    it('lets the CookieValidationError of a builder that does not build through', () => {
      const builder = Cookie.builder('__Host-sid', 'abc').path('/');
      expect(issuesOf(() => new CookieJarResponse().add(builder))).to.deep.equal([
        ['secure', 'prefix_host'],
      ]);
    });

    it('refuses what is neither a Cookie nor a CookieBuilder', () => {
      const notACookie = 'sid=abc' as unknown as Cookie;
      expect(issuesOf(() => new CookieJarResponse().add(notACookie))).to.deep.equal([
        ['', 'invalid_type'],
      ]);
    });

    it('replaces a cookie of the same name, domain, path and partitioned, in its first position', () => {
      const newer = sid.with({ value: 'xyz' });
      const jar = new CookieJarResponse().add(sid).add(theme).add(newer);
      expect(jar.size).to.equal(2);
      expect(jar.setCookieHeaders()).to.deep.equal([newer.toString(), theme.toString()]);
    });

    it('keeps both cookies when only the path differs', () => {
      const api = sid.with({ path: '/api' });
      const jar = new CookieJarResponse().add(sid).add(api);
      expect(jar.size).to.equal(2);
      expect(jar.cookies()).to.deep.equal([sid, api]);
    });

    it('keeps both cookies when the domain, the partition or the presence of a path differ', () => {
      const base = Cookie.from({ name: 'id', value: '1', secure: true, profile: 'rfc6265' });
      const variants = [
        base,
        base.with({ path: '/' }),
        base.with({ domain: 'example.com' }),
        base.with({ domain: 'shop.example.com' }),
        base.with({ partitioned: true }),
      ];
      const jar = variants.reduce((j, c) => j.add(c), new CookieJarResponse());
      expect(jar.size).to.equal(variants.length);
    });

    it('treats ".example.com" and "example.com" as the same domain, as browsers do', () => {
      const dotted = Cookie.from({ name: 'id', value: '1', domain: '.example.com' });
      const bare = Cookie.from({
        name: 'id',
        value: '2',
        domain: 'example.com',
        profile: 'rfc6265',
      });
      const jar = new CookieJarResponse().add(dotted).add(bare);
      expect(jar.cookies()).to.deep.equal([bare]);
    });

    it('keeps an older jar intact when it is added to again after a newer jar grew from it', () => {
      const base = new CookieJarResponse().add(sid);
      const a = base.add(theme);
      const b = base.add(sid.with({ value: 'b' }));
      const c = a.add(Cookie.from({ name: 'lang', value: 'en' }));
      expect(base.setCookieHeaders()).to.deep.equal([sid.toString()]);
      expect(a.cookies().map((x) => x.name)).to.deep.equal(['sid', 'theme']);
      expect(b.cookies().map((x) => x.value)).to.deep.equal(['b']);
      expect(c.cookies().map((x) => x.name)).to.deep.equal(['sid', 'theme', 'lang']);
      expect(b.size).to.equal(1);
      expect(c.size).to.equal(3);
    });
  });

  describe('#sendCookie()', () => {
    it('sends a cookie with the seed’s parameters in camelCase', () => {
      const jar = new CookieJarResponse().sendCookie('sid', 'abc', {
        comment: 'session',
        domain: '.example.com',
        path: '/',
        secure: true,
        version: 1,
        maxAge: 3600,
        httpOnly: true,
      });
      expect(jar.setCookieHeaders()).to.deep.equal([
        'sid=abc; Version=1; Comment=session; Domain=.example.com; Path=/; Max-Age=3600; Secure; HttpOnly',
      ]);
    });

    it('takes the modern attributes too', () => {
      const jar = new CookieJarResponse().sendCookie('id', 'abc', {
        profile: 'rfc6265',
        path: '/',
        secure: true,
        sameSite: 'none',
        partitioned: true,
        priority: 'high',
      });
      expect(jar.setCookieHeaders()).to.deep.equal([
        'id=abc; Path=/; Secure; SameSite=None; Partitioned; Priority=High',
      ]);
    });

    it('sends a name and a value only', () => {
      expect(new CookieJarResponse().sendCookie('a', 'b').setCookieHeaders()).to.deep.equal([
        'a=b; Version=1',
      ]);
    });

    it('validates through Cookie.from and reports every problem', () => {
      const options = { domain: 'example.com', maxAge: 1.5 } as CookieAttributes;
      expect(
        issuesOf(() => new CookieJarResponse().sendCookie('sid', 'abc', options)),
      ).to.have.deep.members([
        ['domain', 'domain_leading_dot'],
        ['maxAge', 'max_age_integer'],
      ]);
    });

    it('refuses the seed’s snake_case names with unknown_key', () => {
      const options = { max_age: 60 } as unknown as CookieAttributes;
      expect(
        issuesOf(() => new CookieJarResponse().sendCookie('sid', 'abc', options)),
      ).to.deep.equal([['max_age', 'unknown_key']]);
    });

    it('refuses options that would rename the cookie or change its value', () => {
      const options = { name: 'other', value: 'x' } as unknown as CookieAttributes;
      expect(
        issuesOf(() => new CookieJarResponse().sendCookie('sid', 'abc', options)),
      ).to.deep.equal([
        ['name', 'unknown_key'],
        ['value', 'unknown_key'],
      ]);
    });

    it('refuses options that are not an object', () => {
      const options = 42 as unknown as CookieAttributes;
      expect(
        issuesOf(() => new CookieJarResponse().sendCookie('sid', 'abc', options)),
      ).to.deep.equal([['', 'invalid_type']]);
    });
  });

  describe('#delete()', () => {
    it('sends an empty value, Max-Age=0 and Expires in 1970 in the given scope', () => {
      const jar = new CookieJarResponse().delete('sid', { domain: '.example.com', path: '/app' });
      expect(jar.setCookieHeaders()).to.deep.equal([
        `sid=; Version=1; Domain=.example.com; Path=/app; Expires=${EPOCH}; Max-Age=0`,
      ]);
    });

    it('replaces a cookie of the same scope added before', () => {
      const jar = new CookieJarResponse().add(sid).add(theme).delete('sid', { path: '/' });
      expect(jar.size).to.equal(2);
      expect(jar.get('sid')?.maxAge).to.equal(0);
      expect(jar.cookies().map((c) => c.name)).to.deep.equal(['sid', 'theme']);
    });

    it('leaves a cookie of another path alone', () => {
      const jar = new CookieJarResponse().add(sid).delete('sid', { path: '/api' });
      expect(jar.size).to.equal(2);
    });

    const prefixed: [string, string][] = [
      ['__Host-sid', `__Host-sid=; Version=1; Path=/; Expires=${EPOCH}; Max-Age=0; Secure`],
      ['__Secure-sid', `__Secure-sid=; Version=1; Expires=${EPOCH}; Max-Age=0; Secure`],
      ['__Http-sid', `__Http-sid=; Version=1; Expires=${EPOCH}; Max-Age=0; Secure; HttpOnly`],
      [
        '__Host-Http-sid',
        `__Host-Http-sid=; Version=1; Path=/; Expires=${EPOCH}; Max-Age=0; Secure; HttpOnly`,
      ],
      ['__HOST-sid', `__HOST-sid=; Version=1; Path=/; Expires=${EPOCH}; Max-Age=0; Secure`],
    ];
    for (const [name, header] of prefixed) {
      it(`deletes ${name} with what its prefix needs`, () => {
        const jar = new CookieJarResponse().delete(name);
        expect(jar.setCookieHeaders()).to.deep.equal([header]);
        // A browser-like client accepts the removal line (it would ignore a non-conforming one)
        const parsed = ToughCookie.parse(header);
        expect(parsed?.secure).to.equal(true);
        expect(parsed?.TTL()).to.equal(0);
      });
    }

    it('replaces an added __Host- cookie, because the removal has the same Path=/', () => {
      const host = Cookie.from({ name: '__Host-sid', value: 'x', path: '/', secure: true });
      const jar = new CookieJarResponse().add(host).delete('__Host-sid');
      expect(jar.size).to.equal(1);
      expect(jar.get('__Host-sid')?.value).to.equal('');
    });

    it('deletes a partitioned cookie with Secure, SameSite=None and Partitioned', () => {
      // A cross-site frame only accepts SameSite=None lines (6265bis §5.7 step 18).
      const jar = new CookieJarResponse().delete('chip', { path: '/', partitioned: true });
      expect(jar.setCookieHeaders()).to.deep.equal([
        `chip=; Version=1; Path=/; Expires=${EPOCH}; Max-Age=0; Secure; SameSite=None; Partitioned`,
      ]);
    });

    it("keeps a partitioned cookie's own SameSite in its removal()", () => {
      const strict = Cookie.builder('chip', 'x').secure().partitioned().sameSite('Strict');
      expect(strict.removal().build().sameSite).to.equal('Strict');
    });

    it('deletes a cookie of an RFC 6265 domain with profile rfc6265', () => {
      const jar = new CookieJarResponse().delete('sid', {
        domain: 'example.com',
        profile: 'rfc6265',
      });
      expect(jar.setCookieHeaders()).to.deep.equal([
        `sid=; Domain=example.com; Expires=${EPOCH}; Max-Age=0`,
      ]);
    });

    it('refuses an option it does not know', () => {
      const options = { secure: true } as unknown as { path: string };
      expect(issuesOf(() => new CookieJarResponse().delete('sid', options))).to.deep.equal([
        ['secure', 'unknown_key'],
      ]);
    });

    it('refuses an invalid scope with the rule it breaks', () => {
      expect(issuesOf(() => new CookieJarResponse().delete('sid', { path: 'app' }))).to.deep.equal([
        ['path', 'path_syntax'],
      ]);
      expect(issuesOf(() => new CookieJarResponse().delete('$sid'))).to.deep.equal([
        ['name', 'name_reserved'],
      ]);
    });
  });

  describe('reading', () => {
    const jar = new CookieJarResponse()
      .add(sid)
      .add(sid.with({ path: '/api', value: 'api' }))
      .add(theme);

    it('#size counts distinct identities', () => {
      expect(jar.size).to.equal(3);
      expect(jar.add(theme).size).to.equal(3);
    });

    it('#get() returns the cookie of that name written last', () => {
      expect(jar.get('sid')?.value).to.equal('api');
      expect(jar.get('theme')).to.equal(theme);
      expect(jar.get('nope')).to.equal(undefined);
    });

    it('#has() tells whether a cookie of that name is in the jar', () => {
      expect(jar.has('sid')).to.equal(true);
      expect(jar.has('SID')).to.equal(false);
      expect(new CookieJarResponse().has('sid')).to.equal(false);
    });

    it('an older jar does not see cookies added to a newer one', () => {
      const before = new CookieJarResponse().add(theme);
      const after = before.add(sid);
      expect(after.has('sid')).to.equal(true);
      expect(before.has('sid')).to.equal(false);
      expect(before.get('sid')).to.equal(undefined);
      expect(before.size).to.equal(1);
    });

    it('iterates in insertion order', () => {
      expect([...jar].map((c) => `${c.name}:${c.path}`)).to.deep.equal([
        'sid:/',
        'sid:/api',
        'theme:/',
      ]);
    });

    it('#cookies() is frozen and computed once', () => {
      expect(Object.isFrozen(jar.cookies())).to.equal(true);
      expect(jar.cookies()).to.equal(jar.cookies());
    });
  });

  // The jar's indexes keep one engine hash table per 4,096 keys at most and spread the rest
  // over shards; these jars cross that line (4,096 names), and the second one the point where
  // the shards double (4,096 + 16 × 2,048 names), so every lookup path is exercised.
  describe('large jars', () => {
    const COUNT = 40_000;
    const sizes = [4_000, 4_096, 4_097, 11_000, COUNT];
    let many: Cookie[] = [];
    /** The jar of the first `n` cookies, for every `n` in `sizes`, all grown from one another. */
    const prefixes = new Map<number, CookieJarResponse>();
    before(() => {
      many = Array.from({ length: COUNT }, (_, i) =>
        Cookie.from({ name: `c${i}`, value: `v${i}`, path: '/' }),
      );
      let jar = new CookieJarResponse();
      for (let i = 0; i < COUNT; i++) {
        jar = jar.add(many[i] as Cookie);
        if (sizes.includes(i + 1)) prefixes.set(i + 1, jar);
      }
    });
    const prefix = (n: number) => prefixes.get(n) as CookieJarResponse;
    const valueIn = (j: CookieJarResponse, name: string) => j.get(name)?.value;

    it('finds every name, counts them and keeps them in insertion order', () => {
      for (const n of sizes) {
        const j = prefix(n);
        expect(j.size).to.equal(n);
        expect(j.cookies()).to.deep.equal(many.slice(0, n));
        expect(j.setCookieHeaders().join('\n')).to.equal(
          many
            .slice(0, n)
            .map((c) => c.toString())
            .join('\n'),
        );
        const missing = many.slice(0, n).filter((c) => j.get(c.name) !== c || !j.has(c.name));
        expect(missing).to.deep.equal([]);
        expect(j.has(`c${n}`)).to.equal(false);
        expect(j.get(`c${n}`)).to.equal(undefined);
      }
    });

    it('replaces an early and a late name in their first positions', () => {
      const replaced = prefix(COUNT)
        .add(Cookie.from({ name: 'c5', value: 'early', path: '/' }))
        .add(Cookie.from({ name: 'c39000', value: 'late', path: '/' }));
      expect(replaced.size).to.equal(COUNT);
      expect(valueIn(replaced, 'c5')).to.equal('early');
      expect(valueIn(replaced, 'c39000')).to.equal('late');
      const cookies = replaced.cookies();
      expect(cookies.length).to.equal(COUNT);
      expect(cookies[5]?.value).to.equal('early');
      expect(cookies[39_000]?.value).to.equal('late');
      expect(cookies[38_999]).to.equal(many[38_999]);
      expect(replaced.setCookieHeaders()[39_000]).to.equal('c39000=late; Version=1; Path=/');
      expect(valueIn(prefix(COUNT), 'c39000')).to.equal('v39000');
    });

    it('keeps a jar made before the line to its own cookies, and adding to it copies nothing back', () => {
      const older = prefix(4_000);
      expect(older.size).to.equal(4_000);
      expect(older.has('c3999')).to.equal(true);
      expect(older.has('c4000')).to.equal(false);
      expect(older.get('c20000')).to.equal(undefined);
      expect(older.cookies().length).to.equal(4_000);
      const branch = older
        .add(Cookie.from({ name: 'c30000', value: 'branch', path: '/' }))
        .add(Cookie.from({ name: 'c10', value: 'branch', path: '/' }));
      expect(branch.size).to.equal(4_001);
      expect(valueIn(branch, 'c30000')).to.equal('branch');
      expect(branch.cookies()[10]?.value).to.equal('branch');
      expect(branch.cookies()[4_000]?.name).to.equal('c30000');
      expect(valueIn(prefix(COUNT), 'c30000')).to.equal('v30000');
      expect(valueIn(prefix(COUNT), 'c10')).to.equal('v10');
      expect(older.size).to.equal(4_000);
      expect(older.has('c30000')).to.equal(false);
    });

    it('deletes a name held past the line in its position, and keeps another path apart', () => {
      const deleted = prefix(11_000).delete('c10999', { path: '/' });
      expect(deleted.size).to.equal(11_000);
      expect(deleted.get('c10999')?.maxAge).to.equal(0);
      expect(deleted.cookies()[10_999]?.maxAge).to.equal(0);
      const elsewhere = deleted.delete('c10998', { path: '/other' });
      expect(elsewhere.size).to.equal(11_001);
      expect(elsewhere.cookies()[10_998]).to.equal(many[10_998]);
      expect(elsewhere.cookies()[11_000]?.path).to.equal('/other');
    });

    it('tells apart two names past the line whose hashes collide', () => {
      // "k32728" and "k261234" have the same 32-bit hash in the jar's own table
      const k1 = Cookie.from({ name: 'k32728', value: '1', path: '/' });
      const k2 = Cookie.from({ name: 'k261234', value: '2', path: '/' });
      const both = prefix(COUNT).add(k1).add(k2);
      expect(both.size).to.equal(COUNT + 2);
      expect(both.get('k32728')).to.equal(k1);
      expect(both.get('k261234')).to.equal(k2);
      const again = both.add(k1.with({ value: '3' }));
      expect(again.size).to.equal(COUNT + 2);
      expect(
        again
          .cookies()
          .slice(COUNT)
          .map((c) => c.value),
      ).to.deep.equal(['3', '2']);
      expect(prefix(COUNT).has('k261234')).to.equal(false);
    });

    it('tells apart more than 4,096 cookies of one name on different paths', () => {
      const PATHS = 5_000;
      let same = new CookieJarResponse();
      for (let i = 0; i < PATHS; i++) {
        same = same.add(Cookie.from({ name: 'same', value: `v${i}`, path: `/p${i}` }));
      }
      expect(same.size).to.equal(PATHS);
      const replaced = same
        .add(Cookie.from({ name: 'same', value: 'new', path: '/p10' }))
        .add(Cookie.from({ name: 'same', value: 'newer', path: '/p4999' }));
      expect(replaced.size).to.equal(PATHS);
      expect(replaced.get('same')?.value).to.equal('newer');
      const paths = replaced.cookies().map((c) => c.path);
      expect(paths).to.deep.equal(Array.from({ length: PATHS }, (_, i) => `/p${i}`));
      expect(replaced.cookies()[10]?.value).to.equal('new');
      expect(replaced.cookies()[4_999]?.value).to.equal('newer');
      expect(same.get('same')?.value).to.equal(`v${PATHS - 1}`);
    });
  });

  describe('#setCookieHeaders() and #headers()', () => {
    const jar = new CookieJarResponse().add(sid).add(theme);

    it('gives one string per cookie, frozen and computed once', () => {
      const lines = jar.setCookieHeaders();
      expect(lines).to.deep.equal([sid.toString(), theme.toString()]);
      expect(Object.isFrozen(lines)).to.equal(true);
      expect(jar.setCookieHeaders()).to.equal(lines);
    });

    it('gives frozen [name, value] pairs, Set-Cookie first', () => {
      const pairs = jar.headers();
      expect(pairs).to.deep.equal([
        ['Set-Cookie', sid.toString()],
        ['Set-Cookie', theme.toString()],
        ['Cache-Control', 'private, no-cache="set-cookie"'],
        ['Expires', EPOCH],
      ]);
      expect(Object.isFrozen(pairs)).to.equal(true);
      expect(pairs.every((pair) => Object.isFrozen(pair))).to.equal(true);
      expect(jar.headers()).to.equal(pairs);
    });
  });

  describe('cache directives (RFC 2109 §4.2.3)', () => {
    const expected: [CookieJarCache | undefined, string | undefined][] = [
      [undefined, 'private, no-cache="set-cookie"'],
      ['private', 'private, no-cache="set-cookie"'],
      ['no-store', 'private, no-store'],
      ['must-revalidate', 'must-revalidate, no-cache="set-cookie"'],
      ['proxy-revalidate', 'proxy-revalidate, no-cache="set-cookie"'],
      ['max-age=0', 'max-age=0, no-cache="set-cookie"'],
      ['off', undefined],
    ];
    for (const [cache, cacheControl] of expected) {
      it(`cache ${cache ?? '(default)'} sends ${cacheControl ?? 'no cache headers'}`, () => {
        const jar = new CookieJarResponse(cache === undefined ? undefined : { cache }).add(sid);
        expect(jar.cacheHeaders()).to.deep.equal(
          cacheControl === undefined
            ? []
            : [
                ['Cache-Control', cacheControl],
                ['Expires', EPOCH],
              ],
        );
      });
    }

    it('http10Expires: false drops Expires and keeps Cache-Control', () => {
      const jar = new CookieJarResponse({ http10Expires: false }).add(sid);
      expect(jar.cacheHeaders()).to.deep.equal([
        ['Cache-Control', 'private, no-cache="set-cookie"'],
      ]);
    });

    it('derived jars keep the options of the jar they came from', () => {
      const jar = new CookieJarResponse({ cache: 'no-store' }).add(sid).add(theme).delete('x');
      expect(jar.cacheHeaders()[0]).to.deep.equal(['Cache-Control', 'private, no-store']);
    });
  });

  describe('an empty jar', () => {
    const empty = new CookieJarResponse();

    it('emits nothing', () => {
      expect(empty.setCookieHeaders()).to.deep.equal([]);
      expect(empty.cacheHeaders()).to.deep.equal([]);
      expect(empty.headers()).to.deep.equal([]);
      let count = 0;
      empty.toHeaders().forEach(() => {
        count++;
      });
      expect(count).to.equal(0);
    });

    it('writes nothing onto a response', () => {
      const res = nodeResponse();
      res.setHeader('Cache-Control', 'public, max-age=60');
      empty.writeTo(res);
      expect(res.getHeaderNames()).to.deep.equal(['cache-control']);
      expect(res.getHeader('cache-control')).to.equal('public, max-age=60');
    });
  });

  describe('#toHeaders()', () => {
    it('returns a new Headers with one set-cookie entry per cookie', () => {
      const jar = new CookieJarResponse().add(sid).add(theme);
      const headers = jar.toHeaders();
      expect(headers.getSetCookie()).to.deep.equal([sid.toString(), theme.toString()]);
      expect(headers.get('cache-control')).to.equal('private, no-cache="set-cookie"');
      expect(headers.get('expires')).to.equal(EPOCH);
      expect(jar.toHeaders()).to.not.equal(headers);
    });
  });

  describe('#writeTo()', () => {
    const jar = new CookieJarResponse().add(sid).add(theme);

    describe('a Node ServerResponse', () => {
      it('appends to the Set-Cookie values already there and returns the response', () => {
        const res = nodeResponse();
        res.setHeader('Set-Cookie', 'app=1');
        expect(jar.writeTo(res)).to.equal(res);
        expect(res.getHeader('set-cookie')).to.deep.equal([
          'app=1',
          sid.toString(),
          theme.toString(),
        ]);
      });

      it('merges Cache-Control, drops public and replaces Expires', () => {
        const res = nodeResponse();
        res.setHeader('Cache-Control', ['public, max-age=60', 'stale-if-error=30']);
        res.setHeader('Expires', 'Wed, 01 Jan 2031 00:00:00 GMT');
        jar.writeTo(res);
        expect(res.getHeader('cache-control')).to.equal(
          'private, no-cache="set-cookie", max-age=60, stale-if-error=30',
        );
        expect(res.getHeader('expires')).to.equal(EPOCH);
      });

      it('leaves Cache-Control and Expires alone with cache: off', () => {
        const res = nodeResponse();
        res.setHeader('Cache-Control', 'public, max-age=60');
        new CookieJarResponse({ cache: 'off' }).add(sid).writeTo(res);
        expect(res.getHeader('cache-control')).to.equal('public, max-age=60');
        expect(res.getHeader('expires')).to.equal(undefined);
        expect(res.getHeader('set-cookie')).to.deep.equal([sid.toString()]);
      });

      it('leaves an application Expires alone with http10Expires: false', () => {
        const res = nodeResponse();
        res.setHeader('Expires', 'Wed, 01 Jan 2031 00:00:00 GMT');
        new CookieJarResponse({ http10Expires: false }).add(sid).writeTo(res);
        expect(res.getHeader('expires')).to.equal('Wed, 01 Jan 2031 00:00:00 GMT');
        expect(res.getHeader('cache-control')).to.equal('private, no-cache="set-cookie"');
      });

      it('raises headers_sent when the headers went out, for an empty jar too', () => {
        const sent = { headersSent: true, getHeader: () => undefined, setHeader: () => undefined };
        expect(errorCodeOf(() => jar.writeTo(sent))).to.equal('headers_sent');
        expect(errorCodeOf(() => new CookieJarResponse().writeTo(sent))).to.equal('headers_sent');
      });

      it('turns an exception from setHeader into a CookieError', () => {
        const broken = {
          headersSent: false,
          getHeader: () => undefined,
          setHeader: () => {
            throw new TypeError('boom');
          },
        };
        expect(errorCodeOf(() => jar.writeTo(broken))).to.equal('headers_immutable');
      });
    });

    describe('a WHATWG Headers', () => {
      it('appends one set-cookie entry per cookie, never folded', () => {
        const headers = new Headers([['Set-Cookie', 'app=1']]);
        expect(jar.writeTo(headers)).to.equal(headers);
        expect(headers.getSetCookie()).to.deep.equal(['app=1', sid.toString(), theme.toString()]);
      });

      it('merges Cache-Control and replaces Expires', () => {
        const headers = new Headers({ 'Cache-Control': 'public, max-age=60', Expires: '0' });
        jar.writeTo(headers);
        expect(headers.get('cache-control')).to.equal('private, no-cache="set-cookie", max-age=60');
        expect(headers.get('expires')).to.equal(EPOCH);
      });

      it('raises headers_immutable for the headers of a Response that cannot change', () => {
        expect(errorCodeOf(() => jar.writeTo(Response.error().headers))).to.equal(
          'headers_immutable',
        );
      });
    });

    it('raises invalid_target for anything else', () => {
      for (const target of [null, undefined, 'res', 42, {}, { headers: new Headers() }]) {
        expect(errorCodeOf(() => jar.writeTo(target as unknown as Headers))).to.equal(
          'invalid_target',
        );
      }
    });

    it('raises invalid_target when inspecting the target throws', () => {
      const hostile = new Proxy(
        {},
        {
          get() {
            throw new Error('trap');
          },
        },
      );
      expect(errorCodeOf(() => jar.writeTo(hostile as Headers))).to.equal('invalid_target');
    });
  });

  describe('Cache-Control merging', () => {
    const cases: [string, CookieJarCache, string][] = [
      ['public', 'private', 'private, no-cache="set-cookie"'],
      ['PUBLIC, Max-Age=60', 'private', 'private, no-cache="set-cookie", Max-Age=60'],
      ['private', 'private', 'private, no-cache="set-cookie"'],
      ['private="x-user"', 'private', 'private, no-cache="set-cookie"'],
      ['no-cache', 'private', 'private, no-cache'],
      ['no-cache="set-cookie2"', 'private', 'private, no-cache="set-cookie, set-cookie2"'],
      ['no-cache="Set-Cookie"', 'private', 'private, no-cache="set-cookie"'],
      ['max-age=60', 'max-age=0', 'max-age=0, no-cache="set-cookie"'],
      ['no-store, max-age=0', 'max-age=0', 'max-age=0, no-cache="set-cookie", no-store'],
      ['s-maxage=600, immutable', 'no-store', 'private, no-store, s-maxage=600, immutable'],
      ['no-store', 'no-store', 'private, no-store'],
      [
        'must-revalidate, must-revalidate',
        'private',
        'private, no-cache="set-cookie", must-revalidate',
      ],
      ['  ,, max-age=5 ,', 'private', 'private, no-cache="set-cookie", max-age=5'],
    ];
    for (const [existing, cache, merged] of cases) {
      it(`${JSON.stringify(existing)} with cache ${cache} → ${merged}`, () => {
        const headers = new Headers({ 'Cache-Control': existing });
        new CookieJarResponse({ cache }).add(sid).writeTo(headers);
        expect(headers.get('cache-control')).to.equal(merged);
      });
    }
  });

  describe('types', () => {
    it('rejects an unknown cache mode and a target that is not a response at compile time', () => {
      // @ts-expect-error: 'public' is not a cache mode
      expect(() => new CookieJarResponse({ cache: 'public' })).to.throw(CookieValidationError);
      // @ts-expect-error: a string is not a write target
      expect(() => new CookieJarResponse().writeTo('res')).to.throw(CookieError);
    });

    it('returns the target of writeTo() with its own type, for chaining', () => {
      const res: ServerResponse = new CookieJarResponse().add(sid).writeTo(nodeResponse());
      const headers: Headers = new CookieJarResponse().add(sid).writeTo(new Headers());
      expect(res.getHeader('set-cookie')).to.deep.equal([sid.toString()]);
      expect(headers.getSetCookie()).to.deep.equal([sid.toString()]);
    });
  });

  it('shows its Set-Cookie lines in util.inspect', () => {
    const jar = new CookieJarResponse().add(sid);
    expect(inspect(jar)).to.equal(`CookieJarResponse(1) {\n  Set-Cookie: ${sid}\n}`);
    expect(inspect(new CookieJarResponse())).to.equal('CookieJarResponse(0) {}');
  });

  describe('invariants', () => {
    const names = fc.constantFrom('a', 'b', 'c');
    const paths = fc.constantFrom(undefined, '/', '/x');
    const step = fc.record({
      kind: fc.constantFrom('add', 'send', 'delete'),
      name: names,
      path: paths,
      value: fc.stringMatching(/^[a-z0-9]{0,4}$/),
      from: fc.nat(),
    });

    it('behaves like a map from identity to the cookie written last, in first-insertion order', () => {
      fc.assert(
        fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
          // Every jar ever made, each with its model, so adding to an older jar is covered
          const jars: [CookieJarResponse, Map<string, string>][] = [
            [new CookieJarResponse(), new Map()],
          ];
          for (const s of steps) {
            const [jar, model] = jars[s.from % jars.length] as [
              CookieJarResponse,
              Map<string, string>,
            ];
            const scope = s.path === undefined ? {} : { path: s.path };
            let next: CookieJarResponse;
            let expected: Cookie;
            if (s.kind === 'add') {
              expected = Cookie.builder(s.name, s.value)
                .path(s.path ?? '/')
                .build();
              next = jar.add(Cookie.builder(s.name, s.value).path(s.path ?? '/'));
            } else if (s.kind === 'send') {
              expected = Cookie.from({ name: s.name, value: s.value, ...scope });
              next = jar.sendCookie(s.name, s.value, scope);
            } else {
              const base = Cookie.builder(s.name, '');
              expected = (s.path === undefined ? base : base.path(s.path)).removal().build();
              next = jar.delete(s.name, scope);
            }
            const nextModel = new Map(model).set(`${s.name} ${expected.path}`, expected.toString());
            jars.push([next, nextModel]);
          }
          for (const [jar, model] of jars) {
            expect(jar.setCookieHeaders()).to.deep.equal([...model.values()]);
            expect(jar.size).to.equal(model.size);
            for (const name of ['a', 'b', 'c']) {
              expect(jar.has(name)).to.equal(
                [...model.keys()].some((k) => k.startsWith(`${name} `)),
              );
            }
          }
        }),
        { numRuns: 200 },
      );
    });

    it('never throws anything but a CookieError, whatever it is given', () => {
      fc.assert(
        fc.property(fc.anything(), fc.anything(), (a, b) => {
          const calls: (() => unknown)[] = [
            () => new CookieJarResponse(a as CookieJarResponseOptions),
            () => new CookieJarResponse().add(a as Cookie),
            () => new CookieJarResponse().sendCookie(a as string, b as string),
            () => new CookieJarResponse().sendCookie('x', 'y', a as CookieAttributes),
            () => new CookieJarResponse().delete(a as string, b as { path: string }),
            () => new CookieJarResponse().add(sid).writeTo(a as Headers),
          ];
          for (const call of calls) {
            try {
              call();
            } catch (error) {
              expect(error).to.be.instanceOf(CookieError);
            }
          }
        }),
        { numRuns: 300 },
      );
    });
  });
});
