// A Koa 3 app on 127.0.0.1. Koa writes headers onto the Node response as soon as `ctx.set()` is
// called, so a later `ctx.set('Cache-Control', …)` replaces what the jar wrote; the documented
// recipe is the first middleware, which writes the jar onto `ctx` after `await next()`. The raw
// header lines are read with node:http, so a duplicate line cannot hide.
import { createServer, type Server } from 'node:http';
import { expect } from 'chai';
import Koa from 'koa';
import { CookieJar } from 'tough-cookie';
import { Cookie, CookieError, CookieJarResponse } from '../../src/index.js';
import { close, itDropsAMalformedDirective, listen, rawRequest } from './raw-response.js';

const EPOCH = 'Thu, 01 Jan 1970 00:00:00 GMT';

const csrf = Cookie.builder('__Host-csrf', 'k0a7').path('/').secure().sameSite('Strict');
const jar = new CookieJarResponse().add(csrf).delete('legacy', { path: '/' });

interface State {
  cookies: CookieJarResponse;
}

function application(late: unknown[]): Koa<State> {
  const app = new Koa<State>();
  // A route that ends the response itself, ahead of the recipe
  app.use(async (ctx, next) => {
    if (ctx.path !== '/late') return next();
    ctx.respond = false;
    ctx.res.end('sent');
    try {
      jar.writeTo(ctx);
    } catch (error) {
      late.push(error);
    }
  });
  // The recipe: registered first, so its code after next() runs after every other middleware
  app.use(async (ctx, next) => {
    ctx.state.cookies = new CookieJarResponse();
    await next();
    ctx.state.cookies.writeTo(ctx);
  });
  app.use(async (ctx) => {
    if (ctx.path === '/malformed') {
      ctx.set('Cache-Control', 'public, max-age=60, no-cache="set-cookie');
      ctx.state.cookies = ctx.state.cookies.add(csrf);
      ctx.body = 'ok';
      return;
    }
    if (ctx.path === '/direct') {
      // writeTo(ctx) in place, after what the middleware set
      ctx.set('Cache-Control', 'public, max-age=60');
      ctx.append('Set-Cookie', 'before=1; Path=/');
      jar.writeTo(ctx);
      ctx.body = 'ok';
      return;
    }
    // The application sets its cache policy and cookies before and after adding to the jar
    ctx.set('Cache-Control', 'public, max-age=60');
    ctx.cookies.set('before', '1', { path: '/', httpOnly: false });
    ctx.state.cookies = ctx.state.cookies.add(csrf).delete('legacy', { path: '/' });
    ctx.append('Set-Cookie', 'after=1; Path=/');
    ctx.set('Cache-Control', 'public, max-age=30');
    ctx.body = 'ok';
  });
  return app;
}

describe('CookieJarResponse in a Koa app', () => {
  const late: unknown[] = [];
  let server: Server;
  let origin: string;

  before(async () => {
    server = createServer(application(late).callback());
    origin = await listen(server);
  });

  after(async () => {
    await close(server);
  });

  it('sends the app’s cookies set before and after, then the jar’s, each on its own line', async () => {
    const response = await rawRequest(`${origin}/`);
    expect(response.status).to.equal(200);
    expect(response.values('set-cookie')).to.deep.equal([
      'before=1; path=/',
      'after=1; Path=/',
      ...jar.setCookieHeaders(),
    ]);
  });

  it('merges the response’s Cache-Control, never the request’s, into one line', async () => {
    const response = await rawRequest(`${origin}/`, { headers: { 'Cache-Control': 'no-cache' } });
    expect(response.values('cache-control')).to.deep.equal([
      'private, no-cache="set-cookie", max-age=30',
    ]);
    expect(response.values('expires')).to.deep.equal([EPOCH]);
  });

  it('writeTo(ctx) in place keeps what was set before it', async () => {
    const response = await rawRequest(`${origin}/direct`, {
      headers: { 'Cache-Control': 'max-age=0' },
    });
    expect(response.values('set-cookie')).to.deep.equal([
      'before=1; Path=/',
      ...jar.setCookieHeaders(),
    ]);
    expect(response.values('cache-control')).to.deep.equal([
      'private, no-cache="set-cookie", max-age=60',
    ]);
  });

  itDropsAMalformedDirective(() => origin);

  it('lets tough-cookie store the cookies with the intended attributes', async () => {
    const url = `${origin}/`;
    const client = new CookieJar();
    await client.setCookie('legacy=old; Path=/', url);
    const response = await rawRequest(url);
    for (const line of response.values('set-cookie')) await client.setCookie(line, url);
    const stored = new Map((await client.getCookies(url)).map((c) => [c.key, c]));
    expect([...stored.keys()].sort()).to.deep.equal(['__Host-csrf', 'after', 'before']);
    const stored_csrf = stored.get('__Host-csrf')!;
    expect([stored_csrf.hostOnly, stored_csrf.path, stored_csrf.secure]).to.deep.equal([
      true,
      '/',
      true,
    ]);
  });

  it('raises headers_sent when the response went out, and the app keeps serving', async () => {
    const response = await rawRequest(`${origin}/late`);
    expect(response.body).to.equal('sent');
    expect(late).to.have.length(1);
    expect(late[0]).to.be.instanceOf(CookieError);
    expect((late[0] as CookieError).code).to.equal('headers_sent');
    expect((await rawRequest(`${origin}/`)).status).to.equal(200);
  });
});
