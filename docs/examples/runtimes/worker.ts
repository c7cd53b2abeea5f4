// A Cloudflare Worker (workerd): a module worker that signs a visitor in with a sealed session
// cookie and reads it back on the next request. No `nodejs_compat` flag: cookiesmith needs
// only web APIs. The keys are a secret (`wrangler secret put SESSION_KEYS`), newest first.
import { Cookie, CookieJarResponse, defineCookie } from 'cookiesmith';
import { z } from 'zod';

interface Env {
  SESSION_KEYS: string;
}

const sessionCookie = (keys: string[]) =>
  defineCookie({
    name: '__Host-session',
    codec: 'json',
    schema: z.object({ uid: z.number().int() }),
    attributes: { path: '/', secure: true, httpOnly: true, sameSite: 'Lax', profile: 'rfc6265' },
    protect: { mode: 'seal', keys },
  });

// Made on the first request, when `env` exists, and kept: the derived keys are cached on it.
let session: ReturnType<typeof sessionCookie> | undefined;

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    session ??= sessionCookie(env.SESSION_KEYS.split(','));
    const read = await session.read(request.headers.get('cookie'));
    if (read.success) return Response.json({ uid: read.data.uid });

    const jar = new CookieJarResponse()
      .add(await session.create({ uid: 42 }))
      .add(Cookie.builder('theme', 'dark').profile('rfc6265').path('/').maxAge({ days: 30 }));
    const response = Response.json({ signedIn: 42 });
    jar.writeTo(response.headers);
    return response;
  },
};
