// The cookies every benchmark workload takes in turn: distinct in name, value, Domain, Path and
// lifetime, as the cookies a server sends one after another.
import type { CookieConfig } from 'cookiesmith';

export interface PoolCookie {
  readonly config: CookieConfig & {
    readonly name: string;
    readonly value: string;
    readonly domain: string;
    readonly path: string;
    readonly maxAge?: number;
    readonly expires?: Date;
  };
}

const NAMES = ['sid', 'session', 'csrf', 'theme', 'cart', 'lang', 'ab', 'pref'];
const SITES = ['example.com', 'shop.example.org', 'app.example.net', 'api.example.io'];
const PATHS = ['/', '/app', '/account/settings', '/api/v2'];

/** 64 cookies; three in four have a Max-Age, the others an Expires. */
export const POOL: readonly PoolCookie[] = Array.from({ length: 64 }, (_, i) => {
  const base = {
    name: `${NAMES[i % NAMES.length]}${i}`,
    // a session token of 24 to 40 characters
    value: `${(0x9e3779b9 * (i + 1)).toString(36)}${'f3a9c2e17b4d4e0c9a1b7d2c'.slice(i % 8)}${i}`,
    domain: `.${SITES[i % SITES.length]}`,
    path: PATHS[(i >> 2) % PATHS.length] as string,
    secure: true,
    httpOnly: true,
  };
  const config =
    i % 4 === 3
      ? { ...base, expires: new Date(Math.floor(Date.now() / 1000 + 86400 * (30 + i)) * 1000) }
      : { ...base, maxAge: 3600 * (1 + (i % 24)) };
  return { config };
});

/** The same cookie as the peers take it: a Domain without the leading dot. */
export function peerOptionsOf(cookie: PoolCookie): {
  name: string;
  value: string;
  domain: string;
  path: string;
  maxAge?: number;
  expires?: Date;
  secure: boolean;
  httpOnly: boolean;
} {
  const { domain, ...rest } = cookie.config;
  return { ...rest, domain: domain.slice(1) } as ReturnType<typeof peerOptionsOf>;
}
