// Migrating from Next.js `cookies().set` / `response.cookies.set`. Next.js uses
// @edge-runtime/cookies underneath, compared here directly: same fields, but Next.js defaults
// Path to "/" and adds an Expires to every Max-Age; cookiesmith writes only what you ask for.
import assert from 'node:assert/strict';
import { ResponseCookies } from '@edge-runtime/cookies';
import { parseSetCookie } from 'cookie';
import { Cookie, CookieJarResponse } from 'cookiesmith';

// Before: in a route handler, `response.cookies.set(...)` (or `(await cookies()).set(...)`).
const nextHeaders = new Headers();
new ResponseCookies(nextHeaders)
  .set('sid', 'a3f9c2e1', { httpOnly: true, secure: true, sameSite: 'lax', maxAge: 60 * 60 * 8 })
  .delete('legacy');

// After: `new Response(body, { headers: jar.toHeaders() })`, or `jar.writeTo(response.headers)`.
const ourHeaders = new CookieJarResponse()
  .add(
    Cookie.builder('sid', 'a3f9c2e1')
      .profile('rfc6265')
      .path('/')
      .httpOnly()
      .secure()
      .sameSite('Lax')
      .maxAge({ hours: 8 }),
  )
  .delete('legacy', { path: '/', profile: 'rfc6265' })
  .toHeaders();

const [before, after] = [nextHeaders, ourHeaders].map((h) =>
  h.getSetCookie().map((line) => parseSetCookie(line)),
);
const { expires: _expires, ...session } = before?.[0] ?? {};
assert.deepEqual(after?.[0], session);
assert.equal(after?.[1]?.name, 'legacy');
assert.equal(after?.[1]?.expires?.getTime(), before?.[1]?.expires?.getTime());
// And what Next.js would not have checked: the jar also keeps the response out of shared caches.
assert.equal(ourHeaders.get('cache-control'), 'private, no-cache="set-cookie"');
console.log(ourHeaders.getSetCookie());
