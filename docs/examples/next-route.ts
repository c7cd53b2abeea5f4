// A Next.js-style route handler (app/api/preferences/route.ts): a function from `Request` to
// `Response`. Pass the jar's headers to the Response, or write them onto headers you have.
import { Cookie, CookieJarResponse } from 'cookiesmith';

const preferences = Cookie.builder('theme', 'light').profile('rfc6265').path('/').sameSite('Lax');

export function GET(request: Request): Response {
  const theme = new URL(request.url).searchParams.get('theme') === 'dark' ? 'dark' : 'light';
  const jar = new CookieJarResponse().add(preferences.value(theme).maxAge({ days: 180 }));

  const headers = jar.toHeaders();
  headers.set('Content-Type', 'application/json');
  return new Response(JSON.stringify({ theme }), { headers });
}

export const expected = {
  path: '/api/preferences?theme=dark',
  setCookie: ['theme=dark; Path=/; Max-Age=15552000; SameSite=Lax'],
  headers: {
    'cache-control': 'private, no-cache="set-cookie"',
    'content-type': 'application/json',
  },
};
