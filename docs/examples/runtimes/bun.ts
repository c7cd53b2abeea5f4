// Bun: a `Bun.serve` fetch handler that signs a visitor in with a sealed session cookie and
// reads it back on the next request. Run it with `SESSION_KEYS=… bun run bun.ts`.
import { Cookie, CookieJarResponse, defineCookie } from 'cookiesmith';
import { z } from 'zod';

const session = defineCookie({
  name: '__Host-session',
  codec: 'json',
  schema: z.object({ uid: z.number().int() }),
  attributes: { path: '/', secure: true, httpOnly: true, sameSite: 'Lax', profile: 'rfc6265' },
  protect: { mode: 'seal', keys: (process.env.SESSION_KEYS ?? '').split(',') }, // newest first
});

const server = Bun.serve({
  hostname: '127.0.0.1',
  port: Number(process.env.PORT ?? 3000),
  async fetch(request) {
    const read = await session.read(request.headers.get('cookie'));
    if (read.success) return Response.json({ uid: read.data.uid });

    const jar = new CookieJarResponse()
      .add(await session.create({ uid: 42 }))
      .add(Cookie.builder('theme', 'dark').profile('rfc6265').path('/').maxAge({ days: 30 }));
    const response = Response.json({ signedIn: 42 });
    jar.writeTo(response.headers);
    return response;
  },
});
console.log(`Listening on ${server.url}`);
