// A fetch-style handler (Request in, Response out: Next.js route handlers, Deno, Bun) served by
// @hono/node-server on 127.0.0.1, writing the jar onto the Response it built: `jar.writeTo(response)`.
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { expect } from 'chai';
import { Cookie, CookieError, CookieJarResponse } from '../../src/index.js';
import { close, listen, rawRequest } from './raw-response.js';

const jar = new CookieJarResponse({ cache: 'no-store' })
  .add(Cookie.builder('theme', 'dark').profile('rfc6265').path('/').maxAge({ days: 30 }))
  .delete('legacy', { path: '/', profile: 'rfc6265' });

function handler(request: Request): Response | Promise<Response> {
  const { pathname } = new URL(request.url);
  if (pathname === '/immutable') {
    return (async () => {
      try {
        jar.writeTo(Response.error());
        return new Response('written', { status: 500 });
      } catch (error) {
        return new Response(error instanceof CookieError ? error.code : 'not a CookieError');
      }
    })();
  }
  const response = new Response('ok', {
    headers: [
      ['Set-Cookie', 'app=1; Path=/'],
      ['Cache-Control', 'public, max-age=60'],
      ['Content-Type', 'text/plain'],
    ],
  });
  return jar.writeTo(response);
}

describe('CookieJarResponse in a fetch-style handler: writeTo(response)', () => {
  const server = createAdaptorServer({ fetch: handler }) as Server;
  let origin: string;

  before(async () => {
    origin = await listen(server);
  });

  after(async () => {
    await close(server);
  });

  it('appends to the Response’s Set-Cookie lines and merges its Cache-Control', async () => {
    const response = await rawRequest(`${origin}/`);
    expect(response.status).to.equal(200);
    expect(response.body).to.equal('ok');
    expect(response.values('set-cookie')).to.deep.equal([
      'app=1; Path=/',
      ...jar.setCookieHeaders(),
    ]);
    expect(response.values('cache-control')).to.deep.equal(['private, no-store, max-age=60']);
    expect(response.values('expires')).to.deep.equal(['Thu, 01 Jan 1970 00:00:00 GMT']);
  });

  it('refuses a Request, which has headers but is not a response', () => {
    let caught: unknown;
    try {
      // @ts-expect-error: a Request is not a write target
      jar.writeTo(new Request('http://127.0.0.1/'));
    } catch (error) {
      caught = error;
    }
    expect(caught).to.be.instanceOf(CookieError);
    expect((caught as CookieError).code).to.equal('invalid_target');
  });

  it('raises headers_immutable for a Response whose headers cannot change', async () => {
    const response = await rawRequest(`${origin}/immutable`);
    expect(response.body).to.equal('headers_immutable');
  });
});
