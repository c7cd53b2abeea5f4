// The README's ten-line example: build a session cookie and print the headers to send.
import { Cookie } from 'cookiesmith';

const sid = Cookie.builder('sid', 'a3f9c2e1')
  .domain('.example.com')
  .path('/')
  .secure()
  .httpOnly()
  .sameSite('Lax')
  .maxAge({ hours: 8 })
  .build();

console.log(`Set-Cookie: ${sid}`);
