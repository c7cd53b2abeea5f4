// Hono: write the jar onto the headers of the context's response — one line,
// `jar.writeTo(c.res.headers)` — before returning; Hono carries them into `c.text()`.
import { Cookie, CookieJarResponse } from 'cookiesmith';
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';

const app = new Hono();

app.get('/', (c) => {
  setCookie(c, 'app', '1', { path: '/' });
  c.header('Cache-Control', 'public, max-age=60');

  const jar = new CookieJarResponse({ cache: 'no-store' })
    .add(Cookie.builder('sid', 'a3f9c2e1').path('/').secure().httpOnly().sameSite('Lax'))
    .delete('__Host-old');

  jar.writeTo(c.res.headers);
  return c.text('ok');
});

export default app;

export const expected = {
  setCookie: [
    'app=1; Path=/',
    'sid=a3f9c2e1; Version=1; Path=/; Secure; HttpOnly; SameSite=Lax',
    '__Host-old=; Version=1; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure',
  ],
  headers: {
    'cache-control': 'private, no-store, max-age=60',
    expires: 'Thu, 01 Jan 1970 00:00:00 GMT',
  },
};
