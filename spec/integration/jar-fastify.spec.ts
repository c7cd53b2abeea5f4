// A Fastify 5 app on 127.0.0.1. Fastify keeps the headers set with `reply.header()` apart and
// writes them over the Node response when it sends, so the jar is written onto the `reply` in
// an `onSend` hook, the last point where headers can change. The raw header lines are read
// with node:http, so a duplicate line cannot hide.
import { expect } from 'chai';
import Fastify, { type FastifyInstance } from 'fastify';
import { Cookie, CookieError, CookieJarResponse } from '../../src/index.js';
import { close, itDropsAMalformedDirective, listen, rawRequest } from './raw-response.js';

const EPOCH = 'Thu, 01 Jan 1970 00:00:00 GMT';

declare module 'fastify' {
  interface FastifyReply {
    /** The cookies of this response (this spec's decoration). */
    cookieJar: CookieJarResponse;
  }
}

const session = Cookie.builder('sid', 'f1c2e3')
  .profile('rfc6265')
  .path('/')
  .secure()
  .httpOnly()
  .sameSite('Lax');
const jar = new CookieJarResponse().add(session).delete('legacy', { path: '/' });

function application(late: unknown[]): FastifyInstance {
  const app = Fastify();
  app.decorateReply('cookieJar');
  app.addHook('onRequest', async (_request, reply) => {
    reply.cookieJar = new CookieJarResponse();
  });
  // The recipe: the jar goes onto the reply when Fastify is about to send it
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.cookieJar.writeTo(reply);
    return payload;
  });

  // The application sets its own cache policy and cookie before and after adding to the jar
  app.get('/hook', async (_request, reply) => {
    reply.header('Cache-Control', 'public, max-age=60');
    reply.header('Set-Cookie', 'before=1; Path=/');
    reply.cookieJar = reply.cookieJar.add(session).delete('legacy', { path: '/' });
    reply.header('Set-Cookie', 'after=1; Path=/');
    reply.header('Cache-Control', 'public, max-age=30');
    return 'ok';
  });
  // Nothing in the jar: the hook writes nothing
  app.get('/none', async (_request, reply) => {
    reply.header('Cache-Control', 'public, max-age=60');
    return 'ok';
  });
  // writeTo(reply) in the handler reads what the reply and its raw response hold
  app.get('/reply', async (_request, reply) => {
    reply.raw.setHeader('Set-Cookie', 'raw=1; Path=/');
    reply.header('Cache-Control', 'public, max-age=60');
    jar.writeTo(reply);
    return 'ok';
  });
  app.get('/malformed', async (_request, reply) => {
    reply.header('Cache-Control', 'public, max-age=60, no-cache="set-cookie');
    reply.cookieJar = reply.cookieJar.add(session);
    return 'ok';
  });
  app.get('/late', {
    onResponse: async (_request, reply) => {
      try {
        jar.writeTo(reply);
      } catch (error) {
        late.push(error);
      }
    },
    handler: async () => 'sent',
  });
  return app;
}

describe('CookieJarResponse in a Fastify app', () => {
  const late: unknown[] = [];
  const app = application(late);
  let origin: string;

  before(async () => {
    await app.ready();
    origin = await listen(app.server);
  });

  after(async () => {
    await close(app.server);
    await app.close();
  });

  it('onSend hook: the app’s cookies set before and after, then the jar’s, each on its own line', async () => {
    const response = await rawRequest(`${origin}/hook`);
    expect(response.status).to.equal(200);
    expect(response.body).to.equal('ok');
    expect(response.values('set-cookie')).to.deep.equal([
      'before=1; Path=/',
      'after=1; Path=/',
      ...jar.setCookieHeaders(),
    ]);
  });

  it('onSend hook: one Cache-Control line, public gone, the app’s last max-age kept', async () => {
    const response = await rawRequest(`${origin}/hook`);
    expect(response.values('cache-control')).to.deep.equal([
      'private, no-cache="set-cookie", max-age=30',
    ]);
    expect(response.values('expires')).to.deep.equal([EPOCH]);
  });

  it('onSend hook with an empty jar: the app’s headers go out unchanged', async () => {
    const response = await rawRequest(`${origin}/none`);
    expect(response.status).to.equal(200);
    expect(response.values('cache-control')).to.deep.equal(['public, max-age=60']);
    expect(response.values('set-cookie')).to.deep.equal([]);
    expect(response.values('expires')).to.deep.equal([]);
  });

  it('writeTo(reply) reads the reply’s and the raw response’s headers and keeps them', async () => {
    const response = await rawRequest(`${origin}/reply`);
    expect(response.values('set-cookie')).to.deep.equal([
      'raw=1; Path=/',
      ...jar.setCookieHeaders(),
    ]);
    expect(response.values('cache-control')).to.deep.equal([
      'private, no-cache="set-cookie", max-age=60',
    ]);
  });

  itDropsAMalformedDirective(() => origin);

  it('raises headers_sent for a reply already sent, and the app keeps serving', async () => {
    const response = await rawRequest(`${origin}/late`);
    expect(response.body).to.equal('sent');
    // onResponse runs after the answer went out; wait (bounded) for it
    for (let i = 0; i < 100 && late.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(late).to.have.length(1);
    expect(late[0]).to.be.instanceOf(CookieError);
    expect((late[0] as CookieError).code).to.equal('headers_sent');
    expect((await rawRequest(`${origin}/hook`)).status).to.equal(200);
  });
});
