import { type Cookie, CookieJarResponse } from '../index.js';
import { cookieUnder, policyOf, removalUnder } from './response.js';

/** One cookie of the built-in example: the configuration, the policy presets, what it shows. */
interface ExampleEntry {
  readonly about: string;
  /** Policy presets, composed; every entry adds `rfc6265`, today's standard. */
  readonly policies: readonly string[];
  /** The example response deletes this cookie instead of setting it. */
  readonly removal?: true;
  readonly cookie: Readonly<Record<string, unknown>>;
}

/** The built-in example configuration: the same form as a `--config` file, plus policies. */
export const EXAMPLE: readonly ExampleEntry[] = Object.freeze([
  {
    about:
      'session cookie, policy secureSession: Secure, HttpOnly, SameSite=Lax, Path=/, no lifetime',
    policies: ['secureSession', 'rfc6265'],
    cookie: { name: 'sid', value: 'a3f9c2e1b7d4' },
  },
  {
    about:
      '__Host- cookie, policy hostOnly: Secure, Path=/ and no Domain, so only this host has it',
    policies: ['hostOnly', 'rfc6265'],
    cookie: { name: '__Host-csrf', value: 'k2Jd81xQ', sameSite: 'Strict' },
  },
  {
    about: 'partitioned cross-site cookie, policy crossSite: SameSite=None, Secure, Partitioned',
    policies: ['crossSite', 'rfc6265'],
    cookie: { name: 'widget_prefs', value: 'compact', path: '/', maxAge: { days: 30 } },
  },
  {
    about: 'removal of an old cookie: empty value, Max-Age=0, Expires in 1970, same Path',
    policies: ['rfc6265'],
    removal: true,
    cookie: { name: 'theme', value: 'dark', path: '/', sameSite: 'Lax', maxAge: { days: 365 } },
  },
]);

/** A cookie of the demo, ready to send: the cookie that sets it and the one that deletes it. */
export interface DemoCookie {
  readonly name: string;
  readonly about: string;
  readonly set: Cookie;
  readonly remove: Cookie;
  /** True when the demo response deletes this cookie rather than setting it. */
  readonly removal: boolean;
}

/** Builds the example; it is valid by construction, so a failure here is a bug in cookiesmith. */
export function demoCookies(): readonly DemoCookie[] {
  return EXAMPLE.map((entry) => {
    const result = cookieUnder(entry.cookie, policyOf(entry.policies));
    if (!result.success) throw result.error;
    const set = result.cookie;
    return {
      name: set.name,
      about: entry.about,
      set,
      remove: removalOf(set),
      removal: entry.removal === true,
    };
  });
}

/** The cookie that deletes `cookie`, as `CookieJarResponse#delete` writes it for its scope. */
function removalOf(cookie: Cookie): Cookie {
  const scope = {
    profile: cookie.profile,
    ...(cookie.domain === undefined ? {} : { domain: cookie.domain }),
    ...(cookie.path === undefined ? {} : { path: cookie.path }),
    ...(cookie.partitioned ? { partitioned: true } : {}),
  };
  const result = removalUnder(cookie.name, scope, undefined);
  if (!result.success) throw result.error;
  return result.cookie;
}

/** The response of the demo: every example cookie set, or deleted for a removal entry. */
export function demoJar(cookies: readonly DemoCookie[]): CookieJarResponse {
  let jar = new CookieJarResponse();
  for (const c of cookies) jar = jar.add(c.removal ? c.remove : c.set);
  return jar;
}
