// Koa 3: `ctx.set()` writes onto the Node response at once, so a header set after the jar was
// written would replace it. The first middleware writes the jar after `await next()`, when every
// other middleware has run: `ctx.state.cookies.writeTo(ctx)`. What they set is merged: their
// Set-Cookie lines stay, their Cache-Control loses `public`.
import { createServer as createHttpServer, type Server } from 'node:http';
import { Cookie, CookieJarResponse } from 'cookiesmith';
import Koa from 'koa';

interface State {
  /** The cookies this response sends; replace it with `ctx.state.cookies.add(…)`. */
  cookies: CookieJarResponse;
}

// Jars are immutable, so one empty jar can start every response.
const noCookies = new CookieJarResponse();

export function createServer(): Server {
  const app = new Koa<State>();

  app.use(async (ctx, next) => {
    ctx.state.cookies = noCookies;
    await next();
    ctx.state.cookies.writeTo(ctx);
  });

  app.use(async (ctx) => {
    ctx.state.cookies = ctx.state.cookies.add(
      Cookie.builder('__Host-csrf', 'k0a7c5').path('/').secure().sameSite('Strict'),
    );
    ctx.set('Cache-Control', 'public, max-age=60'); // set after the jar's cookies, still merged
    ctx.cookies.set('seen', '1', { httpOnly: false });
    ctx.body = 'ok';
  });

  return createHttpServer(app.callback());
}

export const expected = {
  setCookie: ['seen=1; path=/', '__Host-csrf=k0a7c5; Version=1; Path=/; Secure; SameSite=Strict'],
  headers: {
    'cache-control': 'private, no-cache="set-cookie", max-age=60',
    expires: 'Thu, 01 Jan 1970 00:00:00 GMT',
  },
};
