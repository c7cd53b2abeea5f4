// What a whole response risks, beyond each of its cookies: a Set-Cookie block too large for the
// proxies in front of the server, more cookies for one site than browsers keep, a cookie set
// twice. Shared by `lintSetCookieLines` and the jar's `warnings`.

import {
  type EngineNotes,
  engineNotes,
  RESPONSE_SOURCES,
  type ResponseWarningCode,
} from './warnings.js';

/** A warning about a whole response, located at the Set-Cookie lines it concerns. */
export interface ResponseWarning {
  readonly code: ResponseWarningCode;
  /** The Set-Cookie lines concerned, by position from 0; the last is where the condition is met. */
  readonly lines: readonly number[];
  /** What happens and where; never a cookie's value. */
  readonly message: string;
  /** Where the figures come from. */
  readonly source: string;
  /** What each engine does, when they do not all do the same. */
  readonly engines?: EngineNotes;
}

/** One Set-Cookie line of a response, as the response-level rules see it. */
export interface ResponseLine {
  /** The line as sent, for its size. */
  readonly line: string;
  /** The cookie's name, or `undefined` when the line has none a browser keeps. */
  readonly name: string | undefined;
  /** The Domain as stored (lowercase, no leading dot); `undefined` for a host-only cookie. */
  readonly domain: string | undefined;
  readonly path: string | undefined;
  readonly partitioned: boolean;
  /** The line deletes a cookie rather than storing one. */
  readonly removal: boolean;
}

/**
 * nginx answers 502 when a proxied response's header block does not fit `proxy_buffer_size`,
 * which is one memory page by default: 4 KB on most systems, 8 KB on others
 * (ngx_http_proxy_module documentation).
 */
const BUFFER_SIZES = [4096, 8192] as const;
/** RFC 6265 §6.1 (and 6265bis §6.1): browsers should keep at least 50 cookies per domain. */
const RFC_MINIMUM = 50;
/**
 * Chromium keeps 180 cookies per registrable domain and purges down to 150
 * (net/cookies/cookie_monster.cc, kDomainMaxCookies, kDomainPurgeCookies); Firefox keeps 180
 * and evicts down to 150 (modules/libpref/init/all.js, network.cookie.maxPerHost,
 * network.cookie.quotaPerHost); libsoup has no such limit. The browser suite checks all three.
 */
const ENGINE_LIMIT = 180;

/** The bytes `Set-Cookie: <line>\r\n` takes in a response (UTF-8). */
function headerBytes(line: string): number {
  let bytes = 14; // "Set-Cookie: " and CRLF
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xd800 && code < 0xdc00 ? 2 : 3;
  }
  return bytes;
}

function warning(
  code: ResponseWarningCode,
  lines: number[],
  message: string,
  engines?: EngineNotes,
): ResponseWarning {
  const source = RESPONSE_SOURCES[code];
  const base = { code, lines: Object.freeze(lines), message, source };
  return Object.freeze(engines === undefined ? base : { ...base, engines });
}

function sizeWarnings(lines: readonly ResponseLine[], out: ResponseWarning[]): void {
  const total = lines.reduce((sum, l) => sum + headerBytes(l.line), 0);
  let size = 0;
  let next = 0;
  lines.forEach((l, i) => {
    size += headerBytes(l.line);
    const limit = BUFFER_SIZES[next];
    if (limit === undefined || size <= limit) return;
    next++;
    out.push(
      warning(
        'header_block_size',
        [i],
        `the Set-Cookie lines pass ${limit / 1024} KB here (${size} bytes so far, ${total} in all, other headers aside): nginx answers 502 when a proxied response's headers pass proxy_buffer_size (4 or 8 KB by default)`,
      ),
    );
  });
}

/** The identity of a cookie in a browser's store (6265bis §5.7 step 23; CHIPS). */
function identity(l: ResponseLine): string {
  return JSON.stringify([l.name, l.domain ?? null, l.path ?? null, l.partitioned]);
}

function countWarnings(lines: readonly ResponseLine[], out: ResponseWarning[]): void {
  const stored = new Set<string>();
  lines.forEach((l, i) => {
    if (l.name === undefined || l.removal) return;
    const before = stored.size;
    stored.add(identity(l));
    if (stored.size === before) return;
    if (stored.size === RFC_MINIMUM + 1) {
      out.push(
        warning(
          'too_many_cookies',
          [i],
          `this line sets the response's ${RFC_MINIMUM + 1}st cookie: RFC 6265 §6.1 only asks browsers to keep ${RFC_MINIMUM} per domain, those they already hold included`,
        ),
      );
    } else if (stored.size === ENGINE_LIMIT + 1) {
      out.push(
        warning(
          'too_many_cookies',
          [i],
          `this line sets the response's ${ENGINE_LIMIT + 1}st cookie: Chromium and Firefox keep ${ENGINE_LIMIT} per site, then evict down to 150; WebKitGTK keeps all`,
          engineNotes('keeps 150 of them', 'keeps 150 of them', 'keeps them all'),
        ),
      );
    }
  });
}

function duplicateWarnings(lines: readonly ResponseLine[], out: ResponseWarning[]): void {
  const byName = new Map<string, number>();
  const byIdentity = new Map<string, number>();
  lines.forEach((l, i) => {
    if (l.name === undefined) return;
    const same = byIdentity.get(identity(l));
    const earlier = byName.get(l.name);
    if (same !== undefined) {
      out.push(
        warning(
          'duplicate_name',
          [same, i],
          `the cookie ${JSON.stringify(l.name)} is set again with the Domain and Path of line ${same + 1}, which this line replaces; a response must not set one name twice`,
        ),
      );
    } else if (earlier !== undefined) {
      out.push(
        warning(
          'duplicate_name',
          [earlier, i],
          `the name ${JSON.stringify(l.name)} was set on line ${earlier + 1} for another Domain or Path: browsers keep and send both, servers usually read one; a response must not set one name twice`,
        ),
      );
    }
    byName.set(l.name, byName.get(l.name) ?? i);
    byIdentity.set(identity(l), i);
  });
}

/** What `cookieLine` reads of a cookie (a `Cookie` has all of it). */
export interface ResponseCookie {
  readonly name: string;
  readonly domain?: string | undefined;
  readonly path?: string | undefined;
  readonly partitioned: boolean;
  readonly maxAge?: number | undefined;
  readonly expires?: Date | undefined;
}

/** A built cookie and its Set-Cookie line, as the response-level rules see them at `now`. */
export function cookieLine(cookie: ResponseCookie, line: string, now: number): ResponseLine {
  const domain = cookie.domain;
  const expires = cookie.expires?.getTime();
  return {
    line,
    name: cookie.name,
    domain: domain?.startsWith('.') ? domain.slice(1) : domain,
    path: cookie.path,
    partitioned: cookie.partitioned,
    removal:
      cookie.maxAge === 0 ||
      (cookie.maxAge === undefined && expires !== undefined && expires <= now),
  };
}

/** The warnings of a response's Set-Cookie lines, each located at the line that meets it. */
export function responseWarnings(lines: readonly ResponseLine[]): readonly ResponseWarning[] {
  const out: ResponseWarning[] = [];
  duplicateWarnings(lines, out);
  countWarnings(lines, out);
  sizeWarnings(lines, out);
  return Object.freeze(out.sort((a, b) => (a.lines.at(-1) ?? 0) - (b.lines.at(-1) ?? 0)));
}
