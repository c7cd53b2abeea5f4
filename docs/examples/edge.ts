// Edge runtime (Vercel Edge Functions, Next.js `runtime = 'edge'`, Cloudflare-style workers):
// only web APIs exist there, and cookiesmith needs nothing else. This file is run inside the
// `edge-runtime` VM by the test suite.
import { Cookie, CookieJarResponse } from 'cookiesmith';

export const runtime = 'edge';

export function GET(_request: Request): Response {
  const jar = new CookieJarResponse({ cache: 'no-store' })
    .add(Cookie.builder('visit', 'edge-1').profile('rfc6265').path('/').secure().maxAge(3600))
    .add(
      Cookie.builder('__Host-embed', 'p4rt')
        .profile('rfc6265')
        .path('/')
        .secure()
        .sameSite('None')
        .partitioned(),
    );

  return jar.writeTo(new Response('ok', { headers: { 'Content-Type': 'text/plain' } }));
}

export const expected = {
  setCookie: [
    'visit=edge-1; Path=/; Max-Age=3600; Secure',
    '__Host-embed=p4rt; Path=/; Secure; SameSite=None; Partitioned',
  ],
  headers: { 'cache-control': 'private, no-store' },
};
