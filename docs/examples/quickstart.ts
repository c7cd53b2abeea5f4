// The README's example (spec/docs.spec.ts keeps the two identical and checks the output shown).
import { Cookie, CookieJarResponse } from 'cookiesmith';

const sid = Cookie.builder('sid', 'a3f9c2e1')
  .domain('.example.com')
  .path('/')
  .secure()
  .httpOnly()
  .sameSite('Lax')
  .maxAge({ hours: 8 });

const jar = new CookieJarResponse().add(sid);
for (const [name, value] of jar.headers()) console.log(`${name}: ${value}`);
// Set-Cookie: sid=a3f9c2e1; Version=1; Domain=.example.com; Path=/; Max-Age=28800; Secure; HttpOnly; SameSite=Lax
// Cache-Control: private, no-cache="set-cookie"
// Expires: Thu, 01 Jan 1970 00:00:00 GMT
