import type { CookieEncoding } from './encoding.js';
import type { CookieExtension, CookiePriority, CookieProfile, SameSite } from './schema.js';
import { quoteComment } from './schema.js';

/** The validated, normalised state of a cookie, as serialisation sees it. */
export interface CookieProps {
  readonly name: string;
  readonly value: string;
  readonly comment?: string;
  readonly domain?: string;
  readonly path?: string;
  readonly secure: boolean;
  readonly httpOnly: boolean;
  readonly version?: number;
  readonly maxAge?: number;
  readonly expires?: Date | undefined;
  readonly sameSite?: SameSite;
  readonly partitioned: boolean;
  readonly priority?: CookiePriority;
  readonly encoding: CookieEncoding;
  readonly profile: CookieProfile;
  readonly extensions?: readonly CookieExtension[];
}

/**
 * Writes the Set-Cookie value of validated props. The attribute order is fixed (6265bis
 * §4.1.1: each attribute once, `; ` between parts, no space around `=`):
 * `name=value; Version; Comment; Domain; Path; Max-Age; Expires; Secure; HttpOnly; SameSite;
 * Partitioned; Priority; extensions in the order given`.
 */
export function serializeCookie(props: CookieProps, wireValue: string): string {
  let header = `${props.name}=${wireValue}`;
  if (props.version !== undefined) header += `; Version=${props.version}`;
  if (props.comment !== undefined) header += `; Comment=${quoteComment(props.comment)}`;
  if (props.domain !== undefined) header += `; Domain=${props.domain}`;
  if (props.path !== undefined) header += `; Path=${props.path}`;
  if (props.maxAge !== undefined) header += `; Max-Age=${props.maxAge}`;
  // RFC 9110 §5.6.7 IMF-fixdate; toUTCString() produces exactly that form for years 1000-9999
  if (props.expires !== undefined) header += `; Expires=${props.expires.toUTCString()}`;
  if (props.secure) header += '; Secure';
  if (props.httpOnly) header += '; HttpOnly';
  if (props.sameSite !== undefined) header += `; SameSite=${props.sameSite}`;
  if (props.partitioned) header += '; Partitioned';
  if (props.priority !== undefined) header += `; Priority=${props.priority}`;
  if (props.extensions !== undefined) {
    for (const ext of props.extensions) {
      header += ext.value === undefined ? `; ${ext.name}` : `; ${ext.name}=${ext.value}`;
    }
  }
  return header;
}
