// node:http: build the response's cookies in a jar, then `jar.writeTo(res)` — one line. The
// jar appends to the application's own Set-Cookie and merges its Cache-Control.
import http from 'node:http';
import { CookieJarResponse } from 'cookiesmith';

export function createServer(): http.Server {
  return http.createServer((_req, res) => {
    // What the application already set: its own cookie and a public cache policy
    res.setHeader('Set-Cookie', 'app=1; Path=/');
    res.setHeader('Cache-Control', 'public, max-age=60');

    const jar = new CookieJarResponse()
      .sendCookie('sid', 'a3f9c2e1', {
        path: '/',
        secure: true,
        httpOnly: true,
        sameSite: 'Lax',
        maxAge: 3600,
      })
      .delete('legacy', { path: '/' });

    jar.writeTo(res).end('signed in');
  });
}

export const expected = {
  setCookie: [
    'app=1; Path=/',
    'sid=a3f9c2e1; Version=1; Path=/; Max-Age=3600; Secure; HttpOnly; SameSite=Lax',
    'legacy=; Version=1; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0',
  ],
  headers: {
    // `public` is gone, the application's max-age stays (RFC 2109 §4.2.3)
    'cache-control': 'private, no-cache="set-cookie", max-age=60',
    expires: 'Thu, 01 Jan 1970 00:00:00 GMT',
  },
};
