import { RULE_SOURCES } from './sources.js';

/** The name prefixes browsers enforce, compared case-insensitively (6265bis §5.4). */
export type CookiePrefix = '__Secure-' | '__Host-' | '__Http-' | '__Host-Http-';

/** What a name prefix makes a cookie carry, and the issue code and source of each need. */
export interface PrefixNeeds {
  /** The prefix as written in the specification. */
  readonly prefix: CookiePrefix;
  /** Every prefix needs Secure; the code reported when it is missing. */
  readonly secureCode: 'prefix_secure' | 'prefix_host' | 'prefix_http';
  /** HttpOnly is needed too (layered-cookies §4.1.3). */
  readonly httpOnly: boolean;
  /** `Path=/` and no Domain: only the origin host may set or read it (6265bis §4.1.3.2). */
  readonly hostOnly: boolean;
  /** Where the prefix is defined. */
  readonly source: string;
}

/**
 * Each prefix and what it needs, longest prefix first so that `prefixOf` finds `__Host-Http-`
 * before `__Host-`. The one statement of the prefix rules: the cookie rule, `removal()`, the
 * policy's coherence check and lint all read it.
 */
export const PREFIXES: readonly PrefixNeeds[] = Object.freeze([
  // layered-cookies §4.1.3: __Host-Http- = __Host- plus HttpOnly
  {
    prefix: '__Host-Http-',
    secureCode: 'prefix_host',
    httpOnly: true,
    hostOnly: true,
    source: RULE_SOURCES.http,
  },
  // 6265bis §4.1.3.2
  {
    prefix: '__Host-',
    secureCode: 'prefix_host',
    httpOnly: false,
    hostOnly: true,
    source: RULE_SOURCES.host,
  },
  // 6265bis §4.1.3.1
  {
    prefix: '__Secure-',
    secureCode: 'prefix_secure',
    httpOnly: false,
    hostOnly: false,
    source: RULE_SOURCES.secure,
  },
  // layered-cookies §4.1.3
  {
    prefix: '__Http-',
    secureCode: 'prefix_http',
    httpOnly: true,
    hostOnly: false,
    source: RULE_SOURCES.http,
  },
] as const);

/** The prefix of a cookie name and its needs, matched case-insensitively; `undefined` if none. */
export function prefixNeedsOf(name: string): PrefixNeeds | undefined {
  // every prefix starts with "__" and is at least 7 characters long
  if (name.length < 7 || name.charCodeAt(0) !== 0x5f || name.charCodeAt(1) !== 0x5f) {
    return undefined;
  }
  const head = name.slice(0, 12).toLowerCase();
  for (const needs of PREFIXES) if (head.startsWith(needs.prefix.toLowerCase())) return needs;
  return undefined;
}

/** The prefix a cookie name carries, matched case-insensitively; `undefined` when it has none. */
export function prefixOf(name: string): CookiePrefix | undefined {
  return prefixNeedsOf(name)?.prefix;
}
