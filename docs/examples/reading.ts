// Reading cookies back: Cookie.parse for Set-Cookie lines, parseCookieHeader for the request
// Cookie header, defineCookie for typed cookies, lintSetCookie for any Set-Cookie line.
import assert from 'node:assert/strict';
import {
  Cookie,
  CookiePolicy,
  CookieValidationError,
  defineCookie,
  lintSetCookie,
  parseCookieHeader,
} from 'cookiesmith';
import { z } from 'zod';

// 1. Cookie.parse: a Set-Cookie value back into a validated Cookie (the inverse of toString).
const sid = Cookie.builder('sid', 'a3f9 c2e1')
  .profile('rfc6265')
  .path('/')
  .secure()
  .httpOnly()
  .sameSite('Lax')
  .maxAge({ hours: 8 })
  .build();
const back = Cookie.parse(`Set-Cookie: ${sid}`, { profile: 'rfc6265' });
assert.ok(back.equals(sid));
assert.equal(back.value, 'a3f9 c2e1'); // decoded: the wire form is a3f9%20c2e1

// Attribute names in any case; unknown attributes are kept as extensions.
const foreign = Cookie.parse('id=42; path=/; SECURE; samesite=strict; Foo=bar', {
  profile: 'rfc6265',
});
assert.deepEqual(foreign.extensions, [{ name: 'Foo', value: 'bar' }]);
assert.equal(foreign.sameSite, 'Strict');

// What would not build does not parse either: every problem at once, with code and path.
const refused = Cookie.safeParse('__Host-id=1; Path=/app; SameSite=None', { profile: 'rfc6265' });
assert.ok(!refused.success);
assert.deepEqual(
  refused.error.issues.map((i) => [i.path.join('.'), i.code]),
  [
    ['secure', 'same_site_none_insecure'],
    ['secure', 'prefix_host'],
    ['path', 'prefix_host'],
  ],
);

// 2. parseCookieHeader: the request Cookie header, duplicates in order, values decoded lazily.
const cookies = parseCookieHeader('sid=abc; theme=dark; sid=older; note=caf%C3%A9; bad=%E2%9C');
assert.equal(cookies.get('sid'), 'abc');
assert.deepEqual(cookies.getAll('sid'), ['abc', 'older']);
assert.equal(cookies.get('note'), 'café');
assert.equal(cookies.get('bad'), '%E2%9C'); // a malformed escape is kept as sent
assert.equal(cookies.size, 5);
for (const [name, value] of cookies) console.log(`${name} = ${value}`);

// Several header lines (HTTP/2) and RFC 2109 request syntax.
const legacy = parseCookieHeader(['$Version=1; Customer="WILE_E_COYOTE"; $Path="/acme"', 'b=2']);
assert.deepEqual(
  [...legacy],
  [
    ['Customer', 'WILE_E_COYOTE'],
    ['b', '2'],
  ],
);

// 3. defineCookie: a typed cookie, validated by a zod schema on create and on every read.
const cart = defineCookie({
  name: 'cart',
  codec: 'json',
  schema: z.object({ items: z.array(z.string().max(20)).max(10) }),
  policy: CookiePolicy.secureSession,
  attributes: { profile: 'rfc6265' },
});
const cartCookie = await cart.create({ items: ['sku-1', 'sku-2'] });
console.log(`Set-Cookie: ${cartCookie}`);

// The browser sends back name=value; read() decodes, parses and validates it.
const requestHeader = `theme=dark; ${cartCookie.toString().split(';')[0]}`;
const read = await cart.read(requestHeader);
assert.ok(read.success);
const items: string[] = read.data.items; // typed from the schema
assert.deepEqual(items, ['sku-1', 'sku-2']);

// A tampered or invalid value is never returned as data.
const forged = Buffer.from(JSON.stringify({ items: [1, 2, 3] })).toString('base64url');
const tampered = await cart.read(`cart=${forged}`);
assert.ok(!tampered.success);
assert.ok(tampered.error instanceof CookieValidationError);
const missing = await cart.read('theme=dark');
assert.ok(!missing.success && missing.error.code === 'cookie_missing');

// 4. lintSetCookie: diagnostics for any Set-Cookie line, ours or not.
const findings = lintSetCookie('Set-Cookie: session=1; Max-Age=0031536000000; SameSite=None');
for (const d of findings) console.log(`${d.severity} ${d.code} ${d.attribute ?? ''}: ${d.fix}`);
assert.deepEqual(
  findings.map((d) => [d.severity, d.code]),
  [
    ['error', 'same_site_none_insecure'],
    ['warning', 'max_age_format'],
    ['warning', 'lifetime_capped'],
  ],
);
