// A real node:http server on 127.0.0.1 that sets its own cookie and Cache-Control, then
// jar.writeTo(res); a real fetch client reads the headers, tough-cookie stores the cookies.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { CookieJar, type Cookie as ToughCookie } from 'tough-cookie';
import { Cookie, CookieError, CookieJarResponse } from '../../src/index.js';
import { itDropsAMalformedDirective, rawRequest } from './raw-response.js';

const EPOCH = 'Thu, 01 Jan 1970 00:00:00 GMT';

const jar = new CookieJarResponse()
  .sendCookie('sid', 'a3f9', {
    path: '/',
    secure: true,
    httpOnly: true,
    sameSite: 'Lax',
    maxAge: 3600,
  })
  .add(Cookie.builder('__Host-csrf', 'k1').path('/').secure().sameSite('Strict'))
  .add(Cookie.builder('theme', 'dark').path('/account').maxAge({ days: 30 }))
  .delete('legacy', { path: '/' });

const domainJar = new CookieJarResponse().sendCookie('pref', 'compact', {
  domain: '.example.com',
  path: '/',
  maxAge: 600,
});

/** What the application did before the jar: its own cookie and a public cache policy. */
function applicationHeaders(res: ServerResponse): void {
  res.setHeader('Set-Cookie', 'app=1; Path=/');
  res.setHeader('Cache-Control', 'public, max-age=60');
}

describe('CookieJarResponse on a node:http server', () => {
  let server: Server;
  let origin: string;
  const late: unknown[] = [];

  before(async () => {
    server = createServer((req, res) => {
      applicationHeaders(res);
      if (req.url === '/no-store') {
        new CookieJarResponse({ cache: 'no-store' }).add(jar.get('sid')!).writeTo(res);
      } else if (req.url === '/malformed') {
        res.setHeader('Cache-Control', ['public, max-age=60', 'no-cache="set-cookie']);
        jar.writeTo(res);
      } else if (req.url === '/domain') {
        domainJar.writeTo(res);
      } else if (req.url === '/late') {
        res.end('sent');
        try {
          jar.writeTo(res);
        } catch (error) {
          late.push(error);
        }
        return;
      } else {
        jar.writeTo(res);
      }
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('sends every Set-Cookie line separately after the application’s own', async () => {
    const response = await fetch(`${origin}/account/page`);
    expect(response.status).to.equal(200);
    expect(response.headers.getSetCookie()).to.deep.equal([
      'app=1; Path=/',
      ...jar.setCookieHeaders(),
    ]);
  });

  it('merges Cache-Control (public dropped, max-age kept) and sends Expires in the past', async () => {
    const response = await fetch(`${origin}/account/page`);
    expect(response.headers.get('cache-control')).to.equal(
      'private, no-cache="set-cookie", max-age=60',
    );
    expect(response.headers.get('expires')).to.equal(EPOCH);
  });

  it('sends exactly one Cache-Control line and one Expires line', async () => {
    const response = await rawRequest(`${origin}/account/page`);
    expect(response.values('cache-control')).to.deep.equal([
      'private, no-cache="set-cookie", max-age=60',
    ]);
    expect(response.values('expires')).to.deep.equal([EPOCH]);
  });

  itDropsAMalformedDirective(() => origin);

  it('sends private, no-store with cache: no-store', async () => {
    const response = await fetch(`${origin}/no-store`);
    expect(response.headers.get('cache-control')).to.equal('private, no-store, max-age=60');
  });

  it('lets tough-cookie store the cookies with the intended attributes', async () => {
    const url = `${origin}/account/page`;
    const client = new CookieJar();
    await client.setCookie('legacy=old; Path=/', url);
    const response = await fetch(url);
    for (const line of response.headers.getSetCookie()) await client.setCookie(line, url);
    const stored = new Map<string, ToughCookie>(
      (await client.getCookies(url)).map((c) => [c.key, c]),
    );
    expect([...stored.keys()].sort()).to.deep.equal(['__Host-csrf', 'app', 'sid', 'theme']);

    const sid = stored.get('sid')!;
    expect([sid.domain, sid.hostOnly, sid.path]).to.deep.equal(['127.0.0.1', true, '/']);
    expect([sid.secure, sid.httpOnly, sid.sameSite]).to.deep.equal([true, true, 'lax']);
    // lifetime from Max-Age, measured from an origin so it does not depend on the clock
    expect(sid.expiryTime(new Date(0))).to.equal(3600_000);

    const csrf = stored.get('__Host-csrf')!;
    expect([csrf.hostOnly, csrf.path, csrf.secure, csrf.httpOnly]).to.deep.equal([
      true,
      '/',
      true,
      false,
    ]);
    expect(csrf.expiryTime()).to.equal(Number.POSITIVE_INFINITY);

    const theme = stored.get('theme')!;
    expect([theme.path, theme.secure, theme.httpOnly]).to.deep.equal(['/account', false, false]);
    expect(theme.expiryTime(new Date(0))).to.equal(30 * 86400_000);

    // The removal line deleted the cookie the client held
    expect(stored.has('legacy')).to.equal(false);
  });

  it('sends a Domain cookie that a client addressing the server by name stores for the domain', async () => {
    const response = await fetch(`${origin}/domain`);
    const client = new CookieJar();
    const url = 'http://www.example.com/';
    for (const line of response.headers.getSetCookie()) await client.setCookie(line, url);
    const [pref] = (await client.getCookies('http://shop.example.com/')).filter(
      (c) => c.key === 'pref',
    );
    expect([pref?.domain, pref?.hostOnly, pref?.path]).to.deep.equal(['example.com', false, '/']);
  });

  it('raises headers_sent after the response was sent, and the server keeps serving', async () => {
    const response = await fetch(`${origin}/late`);
    expect(await response.text()).to.equal('sent');
    expect(response.headers.getSetCookie()).to.deep.equal(['app=1; Path=/']);
    expect(late).to.have.length(1);
    expect(late[0]).to.be.instanceOf(CookieError);
    expect((late[0] as CookieError).code).to.equal('headers_sent');
    expect((await fetch(`${origin}/account/page`)).status).to.equal(200);
  });
});
