// Express 5: `res` is a Node ServerResponse and Express applies no headers of its own over the
// ones set on it, so the recipe is one line, in the statement that sends — `jar.writeTo(res)`,
// which returns `res` for chaining. It runs after everything the handler set: cookies set with
// `res.cookie()` stay (the jar's follow), `public` leaves the Cache-Control.
import http from 'node:http';
import { Cookie, CookieJarResponse } from 'cookiesmith';
import express from 'express';

const app = express();

app.get('/', (_req, res) => {
  res.cookie('app', '1', { path: '/' });

  const jar = new CookieJarResponse()
    .add(Cookie.builder('__Host-sid', 'a3f9c2e1').path('/').secure().httpOnly().sameSite('Lax'))
    .add(Cookie.builder('theme', 'dark').path('/').maxAge({ days: 30 }));

  res.set('Cache-Control', 'public, max-age=60');
  jar.writeTo(res).send('ok');
});

export function createServer(): http.Server {
  return http.createServer(app);
}

export const expected = {
  setCookie: [
    'app=1; Path=/',
    '__Host-sid=a3f9c2e1; Version=1; Path=/; Secure; HttpOnly; SameSite=Lax',
    'theme=dark; Version=1; Path=/; Max-Age=2592000',
  ],
  headers: {
    'cache-control': 'private, no-cache="set-cookie", max-age=60',
    expires: 'Thu, 01 Jan 1970 00:00:00 GMT',
  },
};
