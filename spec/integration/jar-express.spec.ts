// An Express 5 app on 127.0.0.1 using the documented recipe `jar.writeTo(res).send(…)`: Express
// writes headers onto the Node response when they are set and applies none of its own over
// them, so writing the jar in the statement that sends runs after everything the application
// set. Read by a real fetch client, and line by line with node:http; stored by tough-cookie.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import express from 'express';
import { CookieJar } from 'tough-cookie';
import { Cookie, CookieError, CookieJarResponse } from '../../src/index.js';
import { itDropsAMalformedDirective, rawRequest } from './raw-response.js';

const jar = new CookieJarResponse()
  .add(Cookie.builder('__Host-sid', 'a3f9').path('/').secure().httpOnly().sameSite('Lax'))
  .sendCookie('theme', 'dark', { path: '/shop', maxAge: 86400 })
  .delete('legacy', { path: '/' });

describe('CookieJarResponse in an Express app', () => {
  let server: Server;
  let origin: string;
  const late: unknown[] = [];

  before(async () => {
    const app = express();
    app.get('/shop/cart', (_req, res) => {
      res.cookie('app', '1', { path: '/' });
      res.set('Cache-Control', 'public, max-age=60');
      jar.writeTo(res).send('ok');
    });
    // The application sets its cache policy and cookies before and after building the jar
    app.get('/before-after', (_req, res) => {
      res.set('Cache-Control', 'public, max-age=60');
      res.cookie('before', '1', { path: '/' });
      const built = new CookieJarResponse().add(jar.get('__Host-sid')!);
      res.cookie('after', '1', { path: '/' });
      res.append('Cache-Control', 'stale-if-error=30');
      built.writeTo(res).send('ok');
    });
    app.get('/malformed', (_req, res) => {
      res.set('Cache-Control', 'public, max-age=60, no-cache="set-cookie');
      jar.writeTo(res).send('ok');
    });
    app.get('/late', (_req, res) => {
      res.send('sent');
      try {
        jar.writeTo(res);
      } catch (error) {
        late.push(error);
      }
    });
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('sends the app’s cookie and each of the jar’s on its own line, with merged cache headers', async () => {
    const response = await fetch(`${origin}/shop/cart`);
    expect(await response.text()).to.equal('ok');
    expect(response.headers.getSetCookie()).to.deep.equal([
      'app=1; Path=/',
      ...jar.setCookieHeaders(),
    ]);
    expect(response.headers.get('cache-control')).to.equal(
      'private, no-cache="set-cookie", max-age=60',
    );
    expect(response.headers.get('expires')).to.equal('Thu, 01 Jan 1970 00:00:00 GMT');
  });

  it('keeps what the app set before and after building the jar, on separate lines', async () => {
    const response = await rawRequest(`${origin}/before-after`);
    expect(response.values('set-cookie')).to.deep.equal([
      'before=1; Path=/',
      'after=1; Path=/',
      jar.get('__Host-sid')!.toString(),
    ]);
    expect(response.values('cache-control')).to.deep.equal([
      'private, no-cache="set-cookie", max-age=60, stale-if-error=30',
    ]);
    expect(response.values('expires')).to.deep.equal(['Thu, 01 Jan 1970 00:00:00 GMT']);
  });

  itDropsAMalformedDirective(() => origin);

  it('lets tough-cookie store the cookies with the intended attributes', async () => {
    const url = `${origin}/shop/cart`;
    const client = new CookieJar();
    await client.setCookie('legacy=old; Path=/', url);
    const response = await fetch(url);
    for (const line of response.headers.getSetCookie()) await client.setCookie(line, url);
    const stored = new Map((await client.getCookies(url)).map((c) => [c.key, c]));
    expect([...stored.keys()].sort()).to.deep.equal(['__Host-sid', 'app', 'theme']);
    const sid = stored.get('__Host-sid')!;
    expect([
      sid.domain,
      sid.hostOnly,
      sid.path,
      sid.secure,
      sid.httpOnly,
      sid.sameSite,
    ]).to.deep.equal(['127.0.0.1', true, '/', true, true, 'lax']);
    expect(sid.expiryTime()).to.equal(Number.POSITIVE_INFINITY);
    const theme = stored.get('theme')!;
    expect([theme.path, theme.secure, theme.httpOnly]).to.deep.equal(['/shop', false, false]);
    expect(theme.expiryTime(new Date(0))).to.equal(86400_000);
  });

  it('raises headers_sent when the response was already sent, without crashing the app', async () => {
    const response = await fetch(`${origin}/late`);
    expect(await response.text()).to.equal('sent');
    expect(response.headers.getSetCookie()).to.deep.equal([]);
    expect(late).to.have.length(1);
    expect(late[0]).to.be.instanceOf(CookieError);
    expect((late[0] as CookieError).code).to.equal('headers_sent');
    expect((await fetch(`${origin}/shop/cart`)).status).to.equal(200);
  });
});
