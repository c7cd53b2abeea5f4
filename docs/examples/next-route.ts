// A Next.js-style route handler (app/api/preferences/route.ts): a function from `Request` to
// `Response`. The Response returned is the last word, so write the jar onto it just before
// returning — `return jar.writeTo(response)` — or pass `jar.toHeaders()` to a new Response.
import { Cookie, CookieJarResponse } from 'cookiesmith';

const preferences = Cookie.builder('theme', 'light').profile('rfc6265').path('/').sameSite('Lax');

export function GET(request: Request): Response {
  const theme = new URL(request.url).searchParams.get('theme') === 'dark' ? 'dark' : 'light';
  const jar = new CookieJarResponse().add(preferences.value(theme).maxAge({ days: 180 }));

  const response = Response.json({ theme }, { headers: { 'Cache-Control': 'public, max-age=60' } });
  return jar.writeTo(response);
}

export const expected = {
  path: '/api/preferences?theme=dark',
  setCookie: ['theme=dark; Path=/; Max-Age=15552000; SameSite=Lax'],
  headers: {
    'cache-control': 'private, no-cache="set-cookie", max-age=60',
    'content-type': 'application/json',
  },
};
