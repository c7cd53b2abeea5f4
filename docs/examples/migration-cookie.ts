// Migrating from the `cookie` package: the same Set-Cookie line, before and after.
import assert from 'node:assert/strict';
import { parseSetCookie, stringifySetCookie } from 'cookie';
import { Cookie } from 'cookiesmith';

const token = 'a3f9c2e1';

// Before: `cookie` 2.x (`serialize` in 1.x) — writes whatever it is given.
const before = stringifySetCookie({
  name: 'sid',
  value: token,
  path: '/',
  httpOnly: true,
  secure: true,
  sameSite: 'lax',
  maxAge: 60 * 60 * 8,
});

// After: the same cookie, validated; `profile: 'rfc6265'` for today's standard.
const after = Cookie.from({
  name: 'sid',
  value: token,
  profile: 'rfc6265',
  path: '/',
  httpOnly: true,
  secure: true,
  sameSite: 'Lax',
  maxAge: { hours: 8 },
}).toString();

// The attribute order differs; what a parser reads does not.
assert.deepEqual(parseSetCookie(after), parseSetCookie(before));
console.log(`before: ${before}\nafter:  ${after}`);

// What `cookie` sends without complaint, cookiesmith refuses before a header exists.
assert.equal(stringifySetCookie({ name: 'x', value: 'y', sameSite: 'none' }), 'x=y; SameSite=None');
const refused = Cookie.safeFrom({ name: 'x', value: 'y', sameSite: 'None', profile: 'rfc6265' });
assert.equal(refused.success ? '' : refused.error.issues[0]?.code, 'same_site_none_insecure');
