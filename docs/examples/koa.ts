// Koa 3: write the jar onto the Node response behind the context, `ctx.res`.
import { createServer as createHttpServer, type Server } from 'node:http';
import { Cookie, CookieJarResponse } from 'cookiesmith';
import Koa from 'koa';

export function createServer(): Server {
  const app = new Koa();

  app.use(async (ctx) => {
    const jar = new CookieJarResponse().add(
      Cookie.builder('__Host-csrf', 'k0a7c5').path('/').secure().sameSite('Strict'),
    );
    jar.writeTo(ctx.res);
    ctx.body = 'ok';
  });

  return createHttpServer(app.callback());
}

export const expected = {
  setCookie: ['__Host-csrf=k0a7c5; Version=1; Path=/; Secure; SameSite=Strict'],
  headers: { 'cache-control': 'private, no-cache="set-cookie"' },
};
