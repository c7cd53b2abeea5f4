// Fastify 5: Fastify keeps the headers set with `reply.header()` and writes them over the Node
// response when it sends, after anything written to `reply.raw`. So every reply gets a jar, and
// an `onSend` hook, the last point where headers can change, writes it onto the reply:
// `reply.cookies.writeTo(reply)`. What the handler set, before or after adding cookies, is
// merged: its Set-Cookie lines stay, its Cache-Control loses `public`.
import type { Server } from 'node:http';
import { Cookie, CookieJarResponse } from 'cookiesmith';
import Fastify from 'fastify';

declare module 'fastify' {
  interface FastifyReply {
    /** The cookies this response sends; replace it with `reply.cookies.add(…)`. */
    cookies: CookieJarResponse;
  }
}

// A template: every session cookie of this app shares these attributes.
const session = Cookie.builder('sid', '')
  .profile('rfc6265')
  .path('/')
  .secure()
  .httpOnly()
  .sameSite('Lax');
// Jars are immutable, so one empty jar can start every response.
const noCookies = new CookieJarResponse();

export async function createServer(): Promise<Server> {
  const app = Fastify();

  app.decorateReply('cookies');
  app.addHook('onRequest', async (_request, reply) => {
    reply.cookies = noCookies;
  });
  // onSend hooks run in the order they are added: add this one after the others
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.cookies.writeTo(reply);
    return payload;
  });

  app.post('/login', async (_request, reply) => {
    reply.header('Cache-Control', 'public, max-age=60'); // e.g. the app's default policy
    reply.cookies = reply.cookies
      .add(session.value('f1c2e3').maxAge({ hours: 8 }))
      .delete('legacy_sid', { path: '/' });
    reply.header('Set-Cookie', 'seen=1; Path=/'); // set after the jar's cookies, still kept
    return { ok: true };
  });

  await app.ready();
  return app.server;
}

export const expected = {
  path: '/login',
  method: 'POST',
  setCookie: [
    'seen=1; Path=/',
    'sid=f1c2e3; Path=/; Max-Age=28800; Secure; HttpOnly; SameSite=Lax',
    'legacy_sid=; Version=1; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0',
  ],
  headers: {
    'cache-control': 'private, no-cache="set-cookie", max-age=60',
    expires: 'Thu, 01 Jan 1970 00:00:00 GMT',
  },
};
