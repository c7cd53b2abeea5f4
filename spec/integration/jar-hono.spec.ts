// A Hono app served by @hono/node-server on 127.0.0.1 using the documented recipe
// `jar.writeTo(c.res.headers)`, read by a real fetch client and stored by tough-cookie.
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { expect } from 'chai';
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { CookieJar } from 'tough-cookie';
import { Cookie, CookieJarResponse } from '../../src/index.js';

const jar = new CookieJarResponse()
  .add(Cookie.builder('sid', 'a3f9').path('/').secure().httpOnly().sameSite('Strict').maxAge(900))
  .add(Cookie.builder('__Host-csrf', 'k1').path('/').secure())
  .delete('legacy', { path: '/' });

function application(): Hono {
  const app = new Hono();
  app.get('/handler', (c) => {
    setCookie(c, 'app', '1', { path: '/' });
    c.header('Cache-Control', 'public, max-age=60');
    jar.writeTo(c.res.headers);
    return c.text('ok');
  });
  // The same line in a middleware, after the handler built its response
  app.use('/middleware', async (c, next) => {
    await next();
    jar.writeTo(c.res.headers);
  });
  app.get('/middleware', (c) => {
    setCookie(c, 'app', '1', { path: '/' });
    return c.text('ok', 200, { 'Cache-Control': 'public, max-age=60' });
  });
  // A handler that builds its own Response from the jar
  app.get('/response', () => new Response('ok', { headers: jar.toHeaders() }));
  return app;
}

describe('CookieJarResponse in a Hono app', () => {
  const app = application();
  const server = createAdaptorServer({ fetch: app.fetch });
  let origin: string;

  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  for (const path of ['/handler', '/middleware']) {
    it(`${path}: sends the app’s cookie and the jar’s lines, with merged cache headers`, async () => {
      const response = await fetch(`${origin}${path}`);
      expect(await response.text()).to.equal('ok');
      expect(response.headers.getSetCookie()).to.deep.equal([
        'app=1; Path=/',
        ...jar.setCookieHeaders(),
      ]);
      expect(response.headers.get('cache-control')).to.equal(
        'private, no-cache="set-cookie", max-age=60',
      );
      expect(response.headers.get('expires')).to.equal('Thu, 01 Jan 1970 00:00:00 GMT');
    });
  }

  it('/response: a Response built with toHeaders() carries exactly the jar’s headers', async () => {
    const response = await fetch(`${origin}/response`);
    expect(response.headers.getSetCookie()).to.deep.equal(jar.setCookieHeaders());
    expect(response.headers.get('cache-control')).to.equal('private, no-cache="set-cookie"');
  });

  it('answers app.request() the same way, without a server', async () => {
    const response = await app.request('/handler');
    expect(response.headers.getSetCookie()).to.deep.equal([
      'app=1; Path=/',
      ...jar.setCookieHeaders(),
    ]);
  });

  it('lets tough-cookie store the cookies with the intended attributes', async () => {
    const url = `${origin}/handler`;
    const client = new CookieJar();
    await client.setCookie('legacy=old; Path=/', url);
    const response = await fetch(url);
    for (const line of response.headers.getSetCookie()) await client.setCookie(line, url);
    const stored = new Map((await client.getCookies(url)).map((c) => [c.key, c]));
    expect([...stored.keys()].sort()).to.deep.equal(['__Host-csrf', 'app', 'sid']);
    const sid = stored.get('sid')!;
    expect([
      sid.domain,
      sid.hostOnly,
      sid.path,
      sid.secure,
      sid.httpOnly,
      sid.sameSite,
    ]).to.deep.equal(['127.0.0.1', true, '/', true, true, 'strict']);
    expect(sid.expiryTime(new Date(0))).to.equal(900_000);
    const csrf = stored.get('__Host-csrf')!;
    expect([csrf.hostOnly, csrf.path, csrf.secure]).to.deep.equal([true, '/', true]);
  });
});
