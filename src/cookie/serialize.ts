import type { CookieEncoding } from '../rules/encoding.js';
import type { CookieExtension, CookiePriority, CookieProfile, SameSite } from '../rules/schema.js';
import { quoteComment } from '../rules/schema.js';

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
 * Writes the Set-Cookie value of validated props: `name=value` and the attributes. The
 * attribute order is fixed (6265bis §4.1.1: each attribute once, `; ` between parts, no space
 * around `=`): `Version; Comment; Domain; Path; Max-Age; Expires; Secure; HttpOnly; SameSite;
 * Partitioned; Priority; extensions in the order given`.
 */
export function serializeCookie(props: CookieProps, wireValue: string): string {
  return `${props.name}=${wireValue}${attributesOf(props)}`;
}

// The attribute part of the last header written, and what it was written from. Cookies of one
// kind (a session cookie, the cookies of a jar, a defineCookie definition) share their
// attributes, and then share this string too: one concatenation instead of one per attribute,
// and one string in memory instead of a chain of them per cookie (docs/benchmarks.md, 1 and 8).
let last: CookieProps | undefined;
let lastExpires: number | undefined;
let lastAttributes = '';

/** The attribute part of the header (`; Domain=…; Path=…`), reused when it is the last one. */
function attributesOf(props: CookieProps): string {
  const expires = props.expires?.getTime();
  if (
    last !== undefined &&
    props.extensions === undefined &&
    last.extensions === undefined &&
    props.domain === last.domain &&
    props.path === last.path &&
    props.maxAge === last.maxAge &&
    expires === lastExpires &&
    props.secure === last.secure &&
    props.httpOnly === last.httpOnly &&
    props.version === last.version &&
    props.comment === last.comment &&
    props.sameSite === last.sameSite &&
    props.partitioned === last.partitioned &&
    props.priority === last.priority
  ) {
    return lastAttributes;
  }
  const attributes = writeAttributes(props);
  last = props;
  lastExpires = expires;
  lastAttributes = attributes;
  return attributes;
}

/** The attribute part of the header, written out (spec/serialize.spec.ts compares the two). */
export function writeAttributes(props: CookieProps): string {
  let header = '';
  if (props.version !== undefined) header += `; Version=${props.version}`;
  if (props.comment !== undefined) header += `; Comment=${quoteComment(props.comment)}`;
  if (props.domain !== undefined) header += `; Domain=${props.domain}`;
  if (props.path !== undefined) header += `; Path=${props.path}`;
  if (props.maxAge !== undefined) header += `; Max-Age=${props.maxAge}`;
  // RFC 9110 §5.6.7 IMF-fixdate; toUTCString() produces exactly that form for years 1000-9999
  const expires = props.expires;
  if (expires !== undefined) header += `; Expires=${expires.toUTCString()}`;
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
