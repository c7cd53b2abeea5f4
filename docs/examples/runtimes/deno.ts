// Deno: a `Deno.serve` handler that signs a visitor in with a sealed session cookie and reads
// it back on the next request. cookiesmith needs no permission of its own: run it with
// `SESSION_KEYS=… deno run --allow-net=127.0.0.1 --allow-env=PORT,SESSION_KEYS deno.ts`.
import { Cookie, CookieJarResponse, defineCookie } from 'cookiesmith';
import { z } from 'zod';

const session = defineCookie({
  name: '__Host-session',
  codec: 'json',
  schema: z.object({ uid: z.number().int() }),
  attributes: { path: '/', secure: true, httpOnly: true, sameSite: 'Lax', profile: 'rfc6265' },
  protect: { mode: 'seal', keys: (Deno.env.get('SESSION_KEYS') ?? '').split(',') }, // newest first
});

Deno.serve(
  {
    hostname: '127.0.0.1',
    port: Number(Deno.env.get('PORT') ?? 8000),
    onListen: ({ hostname, port }) => console.log(`Listening on http://${hostname}:${port}/`),
  },
  async (request) => {
    const read = await session.read(request.headers.get('cookie'));
    if (read.success) return Response.json({ uid: read.data.uid });

    const jar = new CookieJarResponse()
      .add(await session.create({ uid: 42 }))
      .add(Cookie.builder('theme', 'dark').profile('rfc6265').path('/').maxAge({ days: 30 }));
    const response = Response.json({ signedIn: 42 });
    jar.writeTo(response.headers);
    return response;
  },
);
