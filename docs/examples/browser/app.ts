// A browser script: cookiesmith's ESM build in a page, with no bundler. index.html maps the
// bare imports to files the server hands out; this file, compiled to app.js (tsc, or any tool
// that strips types), remembers a preference in a cookie the script itself can read.
// spec/browser/esm-page.spec.ts serves this folder as it is and runs it in Chromium and Firefox.
import { Cookie, parseCookieHeader } from 'cookiesmith';

// A preference for a year, sent on top-level navigations from other sites (Lax), and readable
// by scripts (no HttpOnly: a script cannot set HttpOnly anyway).
const theme = Cookie.builder('theme', 'dark blue')
  .profile('rfc6265')
  .path('/')
  .sameSite('Lax')
  .maxAge({ days: 365 })
  .build();
// biome-ignore lint/suspicious/noDocumentCookie: it takes the Set-Cookie text cookiesmith builds
document.cookie = theme.toString(); // theme=dark%20blue; Path=/; Max-Age=31536000; SameSite=Lax

// Read back: parseCookieHeader decodes the value with the cookie's encoding ('uri').
const stored = parseCookieHeader(document.cookie).get('theme');

// The same validation as on a server: SameSite=None without Secure is refused.
const refused = Cookie.builder('embed', 'x').sameSite('None').safeBuild();
const issue = refused.success ? 'none' : refused.error.issues.map((i) => i.code).join(', ');

const output = document.querySelector('output');
if (output !== null) output.textContent = `theme: ${stored}; refused: ${issue}`;
