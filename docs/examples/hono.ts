// Hono: headers a handler sets with `c.header()` or passes to `c.text()` replace what was written
// before them, so the jar is written by a middleware registered first, after `await next()`,
// when every handler and middleware has run: `c.get('cookies').writeTo(c)`. What the handler
// set is merged: its Set-Cookie lines stay, its Cache-Control loses `public`.
import { Cookie, CookieJarResponse } from 'cookiesmith';
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';

const app = new Hono<{ Variables: { cookies: CookieJarResponse } }>();

// Jars are immutable, so one empty jar can start every response.
const noCookies = new CookieJarResponse({ cache: 'no-store' });

app.use(async (c, next) => {
  c.set('cookies', noCookies);
  await next();
  c.get('cookies').writeTo(c);
});

app.get('/', (c) => {
  setCookie(c, 'app', '1', { path: '/' });
  c.set(
    'cookies',
    c
      .get('cookies')
      .add(Cookie.builder('sid', 'a3f9c2e1').path('/').secure().httpOnly().sameSite('Lax'))
      .delete('__Host-old'),
  );
  return c.text('ok', 200, { 'Cache-Control': 'public, max-age=60' });
});

export default app;

export const expected = {
  setCookie: [
    'app=1; Path=/',
    'sid=a3f9c2e1; Version=1; Path=/; Secure; HttpOnly; SameSite=Lax',
    '__Host-old=; Version=1; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Secure',
  ],
  headers: {
    'cache-control': 'private, no-store, max-age=60',
    expires: 'Thu, 01 Jan 1970 00:00:00 GMT',
  },
};
