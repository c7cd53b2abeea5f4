// A Hono app served by @hono/node-server on 127.0.0.1. Headers a handler sets with `c.header()`
// or passes to `c.text()` replace what was written before them, so the documented recipe is a
// middleware that writes the jar onto the context, `jar.writeTo(c)`, after `await next()`. The
// raw header lines are read with node:http, so a duplicate line cannot hide; tough-cookie
// stores the cookies.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { expect } from 'chai';
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { CookieJar } from 'tough-cookie';
import { Cookie, CookieError, CookieJarResponse } from '../../src/index.js';
import { close, itDropsAMalformedDirective, listen, rawRequest } from './raw-response.js';

const EPOCH = 'Thu, 01 Jan 1970 00:00:00 GMT';

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

const session = Cookie.builder('sid', 'h0n0').profile('rfc6265').path('/').secure().httpOnly();
const sessionJar = new CookieJarResponse().add(session).delete('legacy', { path: '/' });

type Env = { Variables: { cookies: CookieJarResponse } };

/** The recipe: a middleware, registered first, writes the request's jar after everything else. */
function recipeApplication(upstream: () => string): Hono<Env> {
  const app = new Hono<Env>();
  app.use(async (c, next) => {
    c.set('cookies', new CookieJarResponse());
    await next();
    c.get('cookies').writeTo(c);
  });
  // The application sets its cache policy and cookies before and after adding to the jar,
  // the last Cache-Control through c.text()
  app.get('/hook', (c) => {
    c.header('Cache-Control', 'public, max-age=60');
    setCookie(c, 'before', '1', { path: '/' });
    c.set('cookies', c.get('cookies').add(session).delete('legacy', { path: '/' }));
    setCookie(c, 'after', '1', { path: '/' });
    c.header('Cache-Control', 'public, max-age=45');
    return c.text('ok', 200, { 'Cache-Control': 'public, max-age=30' });
  });
  // A Response from fetch() has immutable headers; writeTo(c) goes through Hono, which copies it
  app.get('/proxy', (c) => {
    c.set('cookies', c.get('cookies').add(session));
    return fetch(upstream());
  });
  // writeTo(c) in a handler, before the response exists
  app.get('/handler', (c) => {
    c.header('Cache-Control', 'public, max-age=60');
    setCookie(c, 'before', '1', { path: '/' });
    sessionJar.writeTo(c);
    return c.text('ok');
  });
  app.get('/malformed', (c) => {
    c.set('cookies', c.get('cookies').add(session));
    return c.text('ok', 200, { 'Cache-Control': 'public, max-age=60, private="x-user' });
  });
  return app;
}

describe('CookieJarResponse in a Hono app: writeTo(c) in a middleware after await next()', () => {
  const upstream: Server = createServer((_req, res) => {
    res.setHeader('Set-Cookie', 'upstream=1; Path=/');
    res.setHeader('Cache-Control', 'public, max-age=600');
    res.end('from upstream');
  });
  let upstreamOrigin = '';
  const app = recipeApplication(() => upstreamOrigin);
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  let origin: string;

  before(async () => {
    upstreamOrigin = await listen(upstream);
    origin = await listen(server);
  });

  after(async () => {
    await close(server);
    await close(upstream);
  });

  it('sends the app’s cookies set before and after, then the jar’s, each on its own line', async () => {
    const response = await rawRequest(`${origin}/hook`);
    expect(response.status).to.equal(200);
    expect(response.body).to.equal('ok');
    expect(response.values('set-cookie')).to.deep.equal([
      'before=1; Path=/',
      'after=1; Path=/',
      ...sessionJar.setCookieHeaders(),
    ]);
  });

  it('merges the Cache-Control of c.text() into one line: public gone, max-age kept', async () => {
    const response = await rawRequest(`${origin}/hook`);
    expect(response.values('cache-control')).to.deep.equal([
      'private, no-cache="set-cookie", max-age=30',
    ]);
    expect(response.values('expires')).to.deep.equal([EPOCH]);
  });

  it('writes onto a Response from fetch(), whose headers are immutable', async () => {
    const response = await rawRequest(`${origin}/proxy`);
    expect(response.status).to.equal(200);
    expect(response.body).to.equal('from upstream');
    expect(response.values('set-cookie')).to.deep.equal([
      'upstream=1; Path=/',
      session.build().toString(),
    ]);
    expect(response.values('cache-control')).to.deep.equal([
      'private, no-cache="set-cookie", max-age=600',
    ]);
  });

  it('writeTo(c) in a handler keeps what the handler set before it', async () => {
    const response = await rawRequest(`${origin}/handler`);
    expect(response.values('set-cookie')).to.deep.equal([
      'before=1; Path=/',
      ...sessionJar.setCookieHeaders(),
    ]);
    expect(response.values('cache-control')).to.deep.equal([
      'private, no-cache="set-cookie", max-age=60',
    ]);
  });

  itDropsAMalformedDirective(() => origin);

  it('answers app.request() the same way, without a server', async () => {
    const response = await app.request('/hook');
    expect(response.headers.getSetCookie()).to.deep.equal([
      'before=1; Path=/',
      'after=1; Path=/',
      ...sessionJar.setCookieHeaders(),
    ]);
    expect(response.headers.get('cache-control')).to.equal(
      'private, no-cache="set-cookie", max-age=30',
    );
  });

  it('raises a CookieError, not a TypeError, for a context whose response cannot change', () => {
    const finalized = {
      finalized: true,
      res: Response.error(),
      header: (name: string, value: string | undefined) =>
        Response.error().headers.set(name, value ?? ''),
    };
    let caught: unknown;
    try {
      sessionJar.writeTo(finalized);
    } catch (error) {
      caught = error;
    }
    expect(caught).to.be.instanceOf(CookieError);
    expect((caught as CookieError).code).to.equal('headers_immutable');
  });
});
