// Fastify 5: build the response's cookies in a jar, then hand its headers to `reply.header`.
// (`jar.writeTo(reply.raw)` works too, but headers set on `reply` stay visible to onSend hooks.)
import type { Server } from 'node:http';
import { Cookie, CookieJarResponse } from 'cookiesmith';
import Fastify from 'fastify';

// A template: every session cookie of this app shares these attributes.
const session = Cookie.builder('sid', '')
  .profile('rfc6265')
  .path('/')
  .secure()
  .httpOnly()
  .sameSite('Lax');

export async function createServer(): Promise<Server> {
  const app = Fastify();

  app.post('/login', async (_request, reply) => {
    const jar = new CookieJarResponse()
      .add(session.value('f1c2e3').maxAge({ hours: 8 }))
      .delete('legacy_sid', { path: '/' });
    for (const [name, value] of jar.headers()) reply.header(name, value);
    return { ok: true };
  });

  await app.ready();
  return app.server;
}

export const expected = {
  path: '/login',
  method: 'POST',
  setCookie: [
    'sid=f1c2e3; Path=/; Max-Age=28800; Secure; HttpOnly; SameSite=Lax',
    'legacy_sid=; Version=1; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
  ],
  headers: {
    'cache-control': 'private, no-cache="set-cookie"',
    expires: 'Thu, 01 Jan 1970 00:00:00 GMT',
  },
};
