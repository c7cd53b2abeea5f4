// Edge runtime recipe: a route handler that runs where only web APIs exist.
import { Cookie } from 'cookiesmith';

export const runtime = 'edge';

export function GET(_request: Request): Response {
  const theme = Cookie.builder('theme', 'dark')
    .profile('rfc6265')
    .path('/')
    .maxAge({ days: 30 })
    .build();
  const headers = new Headers({ 'content-type': 'text/plain' });
  headers.append('Set-Cookie', theme.toString());
  return new Response('ok', { headers });
}

export const expected = {
  setCookie: ['theme=dark; Path=/; Max-Age=2592000'],
};
