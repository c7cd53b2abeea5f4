// Migrating from hono's `setCookie`/`deleteCookie`: the options map one to one; hono defaults
// Path to "/", and throws for a Max-Age over 400 days where cookiesmith builds and warns.
import assert from 'node:assert/strict';
import { parseSetCookie } from 'cookie';
import { Cookie, CookieJarResponse } from 'cookiesmith';
import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';

const app = new Hono<{ Variables: { cookies: CookieJarResponse } }>();

// Before
app.get('/before', (c) => {
  setCookie(c, 'theme', 'dark', { maxAge: 60 * 60 * 24 * 30, sameSite: 'Lax' });
  setCookie(c, 'sid', 'a3f9c2e1', { prefix: 'host', httpOnly: true, sameSite: 'Strict' });
  deleteCookie(c, 'legacy');
  return c.text('ok');
});

// After: a middleware registered first writes the jar once every handler has run
app.use('/after', async (c, next) => {
  // hono sends no cache directives; the jar does by default
  c.set('cookies', new CookieJarResponse({ cache: 'off' }));
  await next();
  c.get('cookies').writeTo(c);
});

app.get('/after', (c) => {
  c.set(
    'cookies',
    c
      .get('cookies')
      .add(
        Cookie.builder('theme', 'dark')
          .profile('rfc6265')
          .path('/')
          .maxAge({ days: 30 })
          .sameSite('Lax'),
      )
      .add(
        Cookie.builder('__Host-sid', 'a3f9c2e1')
          .profile('rfc6265')
          .path('/')
          .secure()
          .httpOnly()
          .sameSite('Strict'),
      )
      .delete('legacy', { path: '/', profile: 'rfc6265' }),
  );
  return c.text('ok');
});

const lines = async (path: string) =>
  (await app.request(path)).headers.getSetCookie().map((line) => parseSetCookie(line));
const [before, after] = [await lines('/before'), await lines('/after')];

assert.deepEqual(after.slice(0, 2), before.slice(0, 2));
// hono deletes with Max-Age=0 alone; cookiesmith adds an Expires in the past for old clients.
const { expires, ...deletion } = after[2] ?? {};
assert.deepEqual(deletion, before[2]);
assert.equal(expires?.getTime(), 0);
console.log(after);
