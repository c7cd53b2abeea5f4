// Migrating from Express's `res.cookie`: its maxAge is in milliseconds, ours in seconds, and it
// defaults Path to "/", which cookiesmith never guesses. Both servers run on 127.0.0.1 here.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { parseSetCookie } from 'cookie';
import { Cookie, CookieJarResponse } from 'cookiesmith';
import express from 'express';

const app = express();

// Before
app.get('/before', (_req, res) => {
  res.cookie('sid', 'a3f9c2e1', {
    maxAge: 8 * 60 * 60 * 1000,
    httpOnly: true,
    secure: true,
    sameSite: 'lax',
  });
  res.clearCookie('legacy');
  res.send('ok');
});

// After
app.get('/after', (_req, res) => {
  new CookieJarResponse()
    .add(
      Cookie.builder('sid', 'a3f9c2e1')
        .profile('rfc6265')
        .path('/') // Express's default, now explicit
        .maxAge({ hours: 8 }) // seconds: 28800, not 28800000
        .httpOnly()
        .secure()
        .sameSite('Lax'),
    )
    .delete('legacy', { path: '/', profile: 'rfc6265' })
    .writeTo(res)
    .send('ok');
});

const server = app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const read = async (path: string) =>
  (await fetch(base + path)).headers.getSetCookie().map((line) => parseSetCookie(line));
const [before, after] = [await read('/before'), await read('/after')];
server.closeAllConnections();
server.close();

// The session cookie: the same fields (Express also sends an Expires computed from now).
const { expires: _expires, ...session } = before[0] ?? {};
assert.deepEqual(after[0], session);
// The deletion: same name and path, expired either way.
assert.equal(after[1]?.name, before[1]?.name);
assert.equal(after[1]?.path, before[1]?.path);
assert.equal(after[1]?.maxAge, 0);
console.log(after);
