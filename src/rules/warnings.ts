// What is valid but will surprise: the conditions a browser clamps, ignores or handles
// differently. One code and one message per condition, shared by `cookie.warnings` and
// `lintSetCookie`.

import { MAX_LIFETIME_SECONDS } from './attributes.js';
import { RULE_SOURCES } from './sources.js';

/** Why a cookie or a Set-Cookie line is valid, yet not quite what it says in a browser. */
export type CookieWarningCode =
  | 'lifetime_capped'
  | 'expires_past'
  | 'same_site_absent'
  | 'legacy_attribute'
  | 'priority_chromium_only'
  | 'partitioned_support';

/** A diagnostic for a valid cookie that will surprise: what browsers clamp, ignore or differ on. */
export interface CookieWarning {
  /** What the warning is about, e.g. `'lifetime_capped'`. */
  readonly code: CookieWarningCode;
  /** The field concerned, e.g. `['maxAge']`. */
  readonly path: readonly string[];
  /** What browsers will do and what to do about it. */
  readonly message: string;
  /** The specification or browser behaviour the warning comes from. */
  readonly source: string;
}

/** What the warnings look at: the attributes as a browser would store them. */
export interface WarningSubject {
  readonly maxAge: number | undefined;
  /** Epoch milliseconds. */
  readonly expires: number | undefined;
  readonly sameSite: string | undefined;
  readonly partitioned: boolean;
  readonly priority: string | undefined;
  /** The RFC 2109 attributes present, by configuration key (`'comment'`, `'version'`). */
  readonly legacy: readonly ('comment' | 'version')[];
}

const WIRE = { maxAge: 'Max-Age', expires: 'Expires', comment: 'Comment', version: 'Version' };

function warning(
  code: CookieWarningCode,
  field: string,
  message: string,
  source: string,
): CookieWarning {
  return Object.freeze({ code, path: Object.freeze([field]), message, source });
}

/**
 * The warnings of a cookie at time `now` (epoch ms), in a fixed order. A cookie that deletes
 * another (Max-Age=0, or only an Expires in the past when `pastExpiresRemoves`) gets no
 * lifetime or SameSite warning: it is gone as soon as it arrives.
 */
export function warningsOf(
  s: WarningSubject,
  now: number,
  pastExpiresRemoves: boolean,
): CookieWarning[] {
  const out: CookieWarning[] = [];
  const pastExpires = s.expires !== undefined && s.expires <= now && s.maxAge === undefined;
  const removal = s.maxAge === 0 || (pastExpiresRemoves && pastExpires);
  // 6265bis §5.5: browsers cap a lifetime at 400 days
  if (s.maxAge !== undefined && s.maxAge > MAX_LIFETIME_SECONDS) {
    out.push(
      warning(
        'lifetime_capped',
        'maxAge',
        `Max-Age is ${s.maxAge} s, more than 400 days (${MAX_LIFETIME_SECONDS} s); browsers cap the lifetime at 400 days, so refresh the cookie before then`,
        RULE_SOURCES.lifetime,
      ),
    );
  }
  if (s.expires !== undefined && !removal && s.expires - now > MAX_LIFETIME_SECONDS * 1000) {
    out.push(
      warning(
        'lifetime_capped',
        'expires',
        'Expires is more than 400 days ahead; browsers cap the lifetime at 400 days, so refresh the cookie before then',
        RULE_SOURCES.lifetime,
      ),
    );
  }
  if (pastExpires && !pastExpiresRemoves && s.maxAge !== 0) {
    out.push(
      warning(
        'expires_past',
        'expires',
        'Expires is in the past, so browsers delete the cookie at once; use removal() when that is the intent',
        'RFC 6265 §4.1.2.1',
      ),
    );
  }
  if (s.sameSite === undefined && !removal) {
    out.push(
      warning(
        'same_site_absent',
        'sameSite',
        'SameSite is not set: Chromium treats the cookie as Lax, other browsers as None; set it explicitly',
        'draft-ietf-httpbis-rfc6265bis §5.6.7',
      ),
    );
  }
  for (const field of s.legacy) {
    out.push(
      warning(
        'legacy_attribute',
        field,
        `${WIRE[field]} is an RFC 2109 attribute that browsers ignore; it documents the cookie for people reading headers only`,
        RULE_SOURCES.legacy,
      ),
    );
  }
  if (s.priority !== undefined) {
    out.push(
      warning(
        'priority_chromium_only',
        'priority',
        'Priority is honoured by Chromium only; Firefox and Safari ignore it',
        RULE_SOURCES.priority,
      ),
    );
  }
  if (s.partitioned) {
    out.push(
      warning(
        'partitioned_support',
        'partitioned',
        'Partitioned is supported by Chromium 114+ and Firefox 131+; Safari ignores it, so the cookie is unpartitioned there',
        RULE_SOURCES.partitioned,
      ),
    );
  }
  return out;
}
