import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { expect } from 'chai';
import { CookieJar } from 'tough-cookie';
import { z } from 'zod';
import * as zm from 'zod/mini';
import {
  Cookie,
  CookieError,
  CookiePolicy,
  CookieValidationError,
  defineCookie,
  parseCookieHeader,
} from '../src/index.js';

const cart = defineCookie({
  name: 'cart',
  codec: 'json',
  schema: z.object({ items: z.array(z.string()).max(3), coupon: z.string().optional() }),
  attributes: { path: '/', secure: true, httpOnly: true, sameSite: 'Lax', profile: 'rfc6265' },
});

const theme = defineCookie({
  name: 'theme',
  codec: 'string',
  schema: z.enum(['light', 'dark']),
  attributes: { path: '/', profile: 'rfc6265', sameSite: 'Lax' },
});

/** The request header a browser sends back for a cookie. */
const sentBack = (cookie: Cookie) => cookie.toString().split(';')[0] as string;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  expect.fail('expected a rejection');
}

describe('defineCookie()', () => {
  describe('#create()', () => {
    it('stores JSON as base64url and applies the attributes', async () => {
      const cookie = await cart.create({ items: ['sku-1', 'ünï'] });
      expect(cookie).to.be.instanceOf(Cookie);
      expect(cookie.encoding).to.equal('base64url');
      expect(cookie.value).to.equal('{"items":["sku-1","ünï"]}');
      expect(cookie.toString()).to.match(
        /^cart=[A-Za-z0-9_-]+; Path=\/; Secure; HttpOnly; SameSite=Lax$/,
      );
    });

    it('stores a string codec value with encoding uri by default', async () => {
      const cookie = await theme.create('dark');
      expect(cookie.toString()).to.equal('theme=dark; Path=/; SameSite=Lax');
    });

    it('refuses data the schema rejects, with issues under value', async () => {
      const error = await rejection(cart.create({ items: ['a', 'b', 'c', 'd'] }));
      expect(error).to.be.instanceOf(CookieValidationError);
      expect(
        (error as CookieValidationError).issues.map((i) => [i.path.join('.'), i.code]),
      ).to.deep.equal([['value.items', 'invalid_type']]);
      const wrong = await rejection(theme.create('blue' as never));
      expect((wrong as CookieValidationError).issues.map((i) => i.path.join('.'))).to.deep.equal([
        'value',
      ]);
    });

    it('refuses data without a JSON form', async () => {
      const anything = defineCookie({ name: 'x', codec: 'json', schema: z.any() });
      const error = await rejection(anything.create(10n));
      expect(
        (error as CookieValidationError).issues.map((i) => [i.path.join('.'), i.code]),
      ).to.deep.equal([['value', 'value_encoding']]);
    });

    it('refuses a value the cookie rules reject (4096 bytes)', async () => {
      const big = defineCookie({ name: 'big', codec: 'string', schema: z.string() });
      const error = await rejection(big.create('x'.repeat(5000)));
      expect(
        (error as CookieValidationError).issues.map((i) => [i.path.join('.'), i.code]),
      ).to.deep.equal([['value', 'name_value_too_long']]);
    });

    it('applies a policy to every cookie', async () => {
      const session = defineCookie({
        name: '__Host-session',
        codec: 'string',
        schema: z.string().min(1),
        policy: CookiePolicy.secureSession,
        attributes: { profile: 'rfc6265' },
      });
      const cookie = await session.create('abc');
      expect(cookie.secure).to.equal(true);
      expect(cookie.httpOnly).to.equal(true);
      expect(cookie.path).to.equal('/');
      expect(cookie.sameSite).to.equal('Lax');
    });
  });

  describe('#read()', () => {
    it('reads back what create made, from a header string, lines or a parsed header', async () => {
      const cookie = await cart.create({ items: ['sku-1'], coupon: 'X' });
      const header = `a=1; ${sentBack(cookie)}; b=2`;
      for (const input of [header, ['a=1', sentBack(cookie)], parseCookieHeader(header)]) {
        const result = await cart.read(input);
        expect(result).to.deep.equal({
          success: true,
          data: { items: ['sku-1'], coupon: 'X' },
          renew: false,
        });
      }
    });

    it('returns code cookie_missing when the cookie was not sent', async () => {
      for (const input of ['other=1', '', undefined, null]) {
        const result = await cart.read(input);
        expect(result.success).to.equal(false);
        if (result.success) return;
        expect(result.error).to.be.instanceOf(CookieError);
        expect(result.error.code).to.equal('cookie_missing');
      }
    });

    const tampered: [string, string, string][] = [
      ['not base64url', 'cart=%%%', 'value_encoding'],
      [
        'base64url of text that is not JSON',
        `cart=${Buffer.from('{oops').toString('base64url')}`,
        'parse',
      ],
      [
        'JSON the schema rejects',
        `cart=${Buffer.from('{"items":[1]}').toString('base64url')}`,
        'invalid_type',
      ],
      [
        'too many items',
        `cart=${Buffer.from('{"items":["a","b","c","d"]}').toString('base64url')}`,
        'invalid_type',
      ],
      [
        'a quoted value',
        `cart="${Buffer.from('{"items":[]}').toString('base64url')}"`,
        'value_encoding',
      ],
    ];
    for (const [label, header, code] of tampered) {
      it(`never returns data for ${label}`, async () => {
        const result = await cart.read(header);
        expect(result.success).to.equal(false);
        if (result.success) return;
        expect(result.error).to.be.instanceOf(CookieValidationError);
        const issues = (result.error as CookieValidationError).issues;
        expect(issues[0]?.code).to.equal(code);
        expect(issues[0]?.path[0]).to.equal('value');
      });
    }

    it('validates a string cookie with its schema on read', async () => {
      expect(await theme.read('theme=dark')).to.deep.equal({
        success: true,
        data: 'dark',
        renew: false,
      });
      const result = await theme.read('theme=blue');
      expect(result.success).to.equal(false);
    });

    it('reads the first cookie of the name when several were sent', async () => {
      expect(await theme.read('theme=light; theme=dark')).to.deep.include({ data: 'light' });
      expect((await theme.read('theme=bad; theme=dark')).success).to.equal(false);
    });

    it('returns the schema output (transforms applied)', async () => {
      const count = defineCookie({
        name: 'n',
        codec: 'string',
        schema: z.string().regex(/^\d+$/).transform(Number),
      });
      const cookie = await count.create('42');
      const result = await count.read(sentBack(cookie));
      expect(result).to.deep.equal({ success: true, data: 42, renew: false });
    });

    it('answers a header that is not text with a CookieError result, never a throw', async () => {
      const result = await cart.read(42 as never);
      expect(result.success).to.equal(false);
      if (result.success) return;
      expect(result.error).to.be.instanceOf(CookieError);
    });

    it('turns a schema that throws into a CookieError', async () => {
      const boom = defineCookie({
        name: 'boom',
        codec: 'string',
        schema: z.string().refine(() => {
          throw new TypeError('bug');
        }),
      });
      const result = await boom.read('boom=x');
      expect(result.success).to.equal(false);
      if (result.success) return;
      expect(result.error.code).to.equal('schema_threw');
    });
  });

  describe('definition', () => {
    it('refuses an invalid name or attributes at once', () => {
      expect(() => defineCookie({ name: 'bad name', codec: 'string', schema: z.string() }))
        .to.throw(CookieValidationError)
        .with.property('issues')
        .that.satisfies((issues: { code: string }[]) => issues[0]?.code === 'name_token');
      expect(() =>
        defineCookie({
          name: '__Host-x',
          codec: 'string',
          schema: z.string(),
          attributes: { path: '/app', secure: true },
        }),
      ).to.throw(CookieValidationError);
    });

    it('refuses a schema that is not a zod schema, an unknown codec or encoding', () => {
      expect(() => defineCookie({ name: 'a', codec: 'string', schema: {} as never })).to.throw(
        CookieError,
      );
      expect(() => defineCookie({ name: 'a', codec: 'xml' as never, schema: z.string() })).to.throw(
        CookieError,
      );
      expect(() =>
        defineCookie({ name: 'a', codec: 'string', schema: z.string(), encoding: 'hex' as never }),
      ).to.throw(CookieError);
    });

    it('infers the data types from the schema', async () => {
      const result = await cart.read('cart=x');
      if (result.success) {
        const items: string[] = result.data.items;
        // @ts-expect-error coupon is string | undefined
        const coupon: number = result.data.coupon;
        void items;
        void coupon;
      }
      // @ts-expect-error items must be strings
      await rejection(cart.create({ items: [1] }));
      // @ts-expect-error a string codec needs a schema whose input is a string
      defineCookie({ name: 'n', codec: 'string', schema: z.number() });
    });
  });

  describe('errors never print the value', () => {
    const SECRET = 'card=4111111111111111';
    const KEY = 'an example secret of at least 32 bytes, A';

    /** Every way an error reaches a log: message, String, JSON, inspect (cause included). */
    function expectNoSecret(error: unknown, secret = SECRET): void {
      expect(error).to.be.instanceOf(CookieError);
      const e = error as CookieValidationError;
      const printed = [
        e.message,
        String(e),
        JSON.stringify(e),
        JSON.stringify(e.issues ?? []),
        inspect(e, { depth: null, showHidden: true }),
      ];
      // Any 8 characters of it would be a leak (V8's JSON errors quote the first 10).
      for (let i = 0; i + 8 <= secret.length; i++) {
        const piece = secret.slice(i, i + 8);
        for (const text of printed)
          expect(text, `prints ${JSON.stringify(piece)}`).not.to.include(piece);
      }
    }

    async function readError(
      def: { read(h: string): Promise<{ success: boolean; error?: CookieError }> },
      header: string,
    ): Promise<CookieError> {
      const result = await def.read(header);
      expect(result.success).to.equal(false);
      return result.error as CookieError;
    }

    for (const mode of ['seal', 'sign'] as const) {
      it(`a ${mode}ed text that is not JSON: code parse at value, the plaintext nowhere`, async () => {
        const protect = { mode, keys: [KEY] };
        const writer = defineCookie({ name: 'card', codec: 'string', schema: z.string(), protect });
        const reader = defineCookie({ name: 'card', codec: 'json', schema: z.unknown(), protect });
        const error = await readError(reader, sentBack(await writer.create(SECRET)));
        expect((error as CookieValidationError).issues.map((i) => [i.path, i.code])).to.deep.equal([
          [['value'], 'parse'],
        ]);
        expectNoSecret(error);
      });
    }

    it('a JSON cookie whose text is not JSON', async () => {
      const error = await readError(cart, `cart=${Buffer.from(SECRET).toString('base64url')}`);
      expect((error as CookieValidationError).issues[0]?.code).to.equal('parse');
      expectNoSecret(error);
    });

    it('a value that does not decode: its position and code point, not its text', async () => {
      const token = 'SESSIONTOKEN-0123456789';
      const cases: [typeof cart | typeof theme, string][] = [
        [theme, `theme=${token}%ZZ`],
        [theme, `theme=${token}%E2%28`],
        [cart, `cart=${token}.x`],
        [cart, `cart="${token}"`],
        [cart, `cart=${token}AB`],
      ];
      for (const [def, header] of cases) {
        const error = await readError(def, header);
        expect(
          (error as CookieValidationError).issues.map((i) => [i.path, i.code]),
          header,
        ).to.deep.equal([[['value'], 'value_encoding']]);
        expectNoSecret(error, token);
      }
    });

    it('a schema that throws on the value (JSON.parse in a transform): the error kind only', async () => {
      const parsed = defineCookie({
        name: 'p',
        codec: 'string',
        schema: z.string().transform((s) => JSON.parse(s) as unknown),
      });
      const error = await readError(parsed, `p=${encodeURIComponent(SECRET)}`);
      expect(error.code).to.equal('schema_threw');
      expectNoSecret(error);
      const created = await rejection(parsed.create(SECRET));
      expect((created as CookieError).code).to.equal('schema_threw');
      expectNoSecret(created);
    });

    it('data whose toJSON throws with the value in its message', async () => {
      const anything = defineCookie({ name: 'x', codec: 'json', schema: z.any() });
      const data = {
        toJSON() {
          throw new Error(`cannot serialise ${SECRET}`);
        },
      };
      const error = await rejection(anything.create(data));
      expect((error as CookieValidationError).issues.map((i) => [i.path, i.code])).to.deep.equal([
        [['value'], 'value_encoding'],
      ]);
      expectNoSecret(error);
    });

    it('opened data the schema refuses: zod’s issues, without the input', async () => {
      const protect = { mode: 'seal' as const, keys: [KEY] };
      const writer = defineCookie({
        name: 'pay',
        codec: 'json',
        schema: z.object({ card: z.string() }),
        protect,
      });
      const reader = defineCookie({
        name: 'pay',
        codec: 'json',
        schema: z.object({ card: z.number() }),
        protect,
      });
      const error = await readError(reader, sentBack(await writer.create({ card: SECRET })));
      expect((error as CookieValidationError).issues.map((i) => [i.path, i.code])).to.deep.equal([
        [['value', 'card'], 'invalid_type'],
      ]);
      expectNoSecret(error);
    });
  });

  describe('schemas', () => {
    it('accepts a zod/mini schema as well as a classic one, with the same inferred types', async () => {
      const mini = defineCookie({
        name: 'prefs',
        codec: 'json',
        schema: zm.object({ lang: zm.enum(['en', 'fr']) }),
      });
      const cookie = await mini.create({ lang: 'fr' });
      const result = await mini.read(sentBack(cookie));
      expect(result).to.deep.equal({ success: true, data: { lang: 'fr' }, renew: false });
      if (result.success) {
        const lang: 'en' | 'fr' = result.data.lang;
        // @ts-expect-error lang is 'en' | 'fr'
        const wrong: number = result.data.lang;
        void lang;
        void wrong;
      }
      // @ts-expect-error 'de' is not an option
      await rejection(mini.create({ lang: 'de' }));
      const shaped = defineCookie({ name: 's', codec: 'string', schema: zm.string() });
      expect((await shaped.create('x')).value).to.equal('x');
    });
  });

  describe('over HTTP with a browser-like client', () => {
    let server: Server;
    let origin: string;

    before(async () => {
      server = createServer((req, res) => {
        void (async () => {
          if (req.url === '/add') {
            const cookie = await cart.create({ items: ['sku-1', 'sku-2'] });
            res.setHeader('Set-Cookie', [cookie.toString(), 'theme=dark; Path=/; SameSite=Lax']);
            res.end('ok');
            return;
          }
          const cookies = parseCookieHeader(req.headers.cookie);
          const result = await cart.read(cookies);
          res.setHeader('Content-Type', 'application/json');
          res.end(
            JSON.stringify({
              theme: cookies.get('theme'),
              cart: result.success ? result.data : result.error.code,
            }),
          );
        })();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    after(async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    async function get(jar: CookieJar, path: string): Promise<Response> {
      const url = `${origin}${path}`;
      const cookie = await jar.getCookieString(url);
      const response = await fetch(url, { headers: cookie === '' ? {} : { cookie } });
      for (const line of response.headers.getSetCookie()) await jar.setCookie(line, url);
      return response;
    }

    it('reads back the cookie tough-cookie stored and sent, with the others beside it', async () => {
      // tough-cookie, like a browser, keeps Secure cookies for https only; 127.0.0.1 is trusted.
      const jar = new CookieJar(undefined, { allowSecureOnLocal: true });
      await get(jar, '/add');
      const response = await get(jar, '/read');
      expect(await response.json()).to.deep.equal({
        theme: 'dark',
        cart: { items: ['sku-1', 'sku-2'] },
      });
    });

    it('reports cookie_missing to a client that has no cookie', async () => {
      const response = await get(new CookieJar(), '/read');
      expect(await response.json()).to.deep.equal({ cart: 'cookie_missing' });
    });
  });
});
