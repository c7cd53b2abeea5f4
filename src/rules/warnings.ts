// The warnings of a cookie: what makes it do less than it says, and what each browser engine
// does about it. `cookie.warnings` and `lintSetCookie` take a warning from the one function
// that writes it; the codes lint and the jar report are declared here too, and their sources
// and fixes are in conditions.ts.
//
// The engine facts are those the browser suite checks (docs/conformance.md): Chromium 156,
// Firefox ESR 153 and WebKitGTK 2.50.6 with libsoup 3.2.3. WebKitGTK keeps cookies in libsoup's
// store, not in Safari's (CFNetwork): what it does says nothing about Safari.

import { MAX_LIFETIME_SECONDS } from './attributes.js';
import { RULE_SOURCES } from './sources.js';

/** The browser engines whose behaviour cookiesmith checks and reports. */
export type BrowserEngine = 'chromium' | 'firefox' | 'webkitgtk';

/** Every engine, in report order. */
export const BROWSER_ENGINES: readonly BrowserEngine[] = ['chromium', 'firefox', 'webkitgtk'];

/** How messages name each engine. */
export const ENGINE_LABELS: Readonly<Record<BrowserEngine, string>> = {
  chromium: 'Chromium',
  firefox: 'Firefox',
  webkitgtk: 'WebKitGTK',
};

/** What each engine does with a cookie or a line, given where the engines do not all agree. */
export type EngineNotes = Readonly<Record<BrowserEngine, string>>;

/** "Chromium", "Chromium and Firefox", "Chromium, Firefox and WebKitGTK". */
export function engineList(engines: readonly BrowserEngine[]): string {
  const names = engines.map((e) => ENGINE_LABELS[e]);
  if (names.length < 2) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** Frozen notes for the three engines. */
export function engineNotes(chromium: string, firefox: string, webkitgtk: string): EngineNotes {
  return Object.freeze({ chromium, firefox, webkitgtk });
}

/** Why a built cookie is valid, yet not quite what it says in a browser. */
export type CookieWarningCode =
  | 'lifetime_capped'
  | 'expires_past'
  | 'same_site_absent'
  | 'legacy_attribute'
  | 'priority_chromium_only'
  | 'partitioned_support'
  | 'attribute_unknown'
  | 'domain_public_suffix';

/** What a whole response risks: its size, its number of cookies, a cookie set twice. */
export type ResponseWarningCode = 'header_block_size' | 'too_many_cookies' | 'duplicate_name';

/** The codes lint reports beyond the issue codes of `CookieValidationError`. */
export type LintCode =
  | CookieWarningCode
  | ResponseWarningCode
  | 'duplicate_attribute'
  | 'max_age_format'
  | 'expires_format'
  | 'flag_value'
  | 'bad_whitespace'
  | 'empty_attribute'
  | 'too_many_attributes'
  | 'attribute_misspelt'
  | 'domain_public_suffix'
  | 'domain_mismatch'
  | 'domain_case'
  | 'lifetime_order';

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
  /** What each engine does, where they do not all do the same. */
  readonly engines?: EngineNotes;
}

/** Where the conditions of a built cookie come from (`cookie.warnings`). */
export const COOKIE_SOURCES: Readonly<Record<CookieWarningCode, string>> = {
  lifetime_capped: RULE_SOURCES.lifetime,
  expires_past: 'RFC 6265 §4.1.2.1',
  same_site_absent: 'draft-ietf-httpbis-rfc6265bis §5.6.7',
  legacy_attribute: RULE_SOURCES.legacy,
  priority_chromium_only: RULE_SOURCES.priority,
  partitioned_support: RULE_SOURCES.partitioned,
  attribute_unknown: RULE_SOURCES.extension,
  domain_public_suffix:
    'draft-ietf-httpbis-rfc6265bis §5.7 step 9; Public Suffix List (src/rules/public-suffixes.ts)',
};

/** Where the conditions of a whole response come from (`jar.warnings`, `lintSetCookieLines`). */
export const RESPONSE_SOURCES: Readonly<Record<ResponseWarningCode, string>> = {
  header_block_size:
    'nginx ngx_http_proxy_module: proxy_buffer_size (default 4k|8k, one memory page)',
  too_many_cookies:
    'RFC 6265 §6.1; Chromium net/cookies/cookie_monster.cc (kDomainMaxCookies 180, purge to 150); Firefox modules/libpref/init/all.js (network.cookie.maxPerHost 180, quotaPerHost 150)',
  duplicate_name: RULE_SOURCES.duplicateName,
};

/** What the warnings of a cookie look at: the attributes as a browser would store them. */
export interface WarningSubject {
  readonly maxAge: number | undefined;
  /** Epoch milliseconds. */
  readonly expires: number | undefined;
  readonly sameSite: string | undefined;
  readonly partitioned: boolean;
  readonly priority: string | undefined;
  /** The RFC 2109 attributes present, by configuration key (`'comment'`, `'version'`). */
  readonly legacy: readonly ('comment' | 'version')[];
  /** The names of extension attributes, which browsers ignore. */
  readonly extensions?: readonly string[];
  /** The Domain as sent, when there is one. */
  readonly domain?: string | undefined;
}

/** A frozen warning of `code`, with its source from the catalogue. */
export function cookieWarning(
  code: CookieWarningCode,
  field: string,
  message: string,
  engines?: EngineNotes,
): CookieWarning {
  const source = COOKIE_SOURCES[code];
  return Object.freeze(
    engines === undefined
      ? { code, path: Object.freeze([field]), message, source }
      : { code, path: Object.freeze([field]), message, source, engines },
  );
}

/** Above this Max-Age libsoup's 64-bit `long` overflows, and it keeps a session cookie. */
const LIBSOUP_MAX_AGE_LIMIT = 2 ** 63;

/** lifetime_capped: 6265bis §5.5 lets browsers cap a lifetime; Chromium and Firefox do, at 400 days. */
export function lifetimeCapped(field: 'maxAge' | 'expires', maxAge?: number): CookieWarning {
  const overflow = maxAge !== undefined && maxAge > LIBSOUP_MAX_AGE_LIMIT;
  const webkit = overflow
    ? 'keeps a session cookie (the number overflows a 64-bit integer)'
    : 'keeps the full lifetime';
  const what =
    field === 'maxAge'
      ? `Max-Age is ${maxAge} s, more than 400 days (${MAX_LIFETIME_SECONDS} s)`
      : 'Expires is more than 400 days ahead';
  return cookieWarning(
    'lifetime_capped',
    field,
    `${what}: Chromium and Firefox cap the lifetime at 400 days, WebKitGTK ${webkit}; refresh the cookie before 400 days`,
    engineNotes('caps the lifetime at 400 days', 'caps the lifetime at 400 days', webkit),
  );
}

/** same_site_absent: each engine fills in a different SameSite (6265bis §5.6.7 "Default"). */
export function sameSiteAbsent(): CookieWarning {
  return cookieWarning(
    'same_site_absent',
    'sameSite',
    'SameSite is not set: Chromium enforces the cookie as Lax, Firefox keeps it unset and sends it as it would with None, WebKitGTK stores SameSite=None; set it explicitly',
    engineNotes('treats it as Lax', 'keeps it unset (sent as with None)', 'stores SameSite=None'),
  );
}

/** legacy_attribute: RFC 2109 and RFC 2965 attributes, which browsers ignore. */
export function legacyAttribute(field: string, wire: string): CookieWarning {
  const rfc = wire === 'Comment' || wire === 'Version' ? 'RFC 2109' : 'RFC 2965';
  return cookieWarning(
    'legacy_attribute',
    field,
    `${wire} is an ${rfc} attribute that browsers ignore; it documents the cookie for people reading headers only`,
  );
}

/** attribute_unknown: 6265bis §5.6 step 8, an attribute a browser does not know is ignored. */
export function attributeUnknown(name: string, field = 'extensions'): CookieWarning {
  return cookieWarning(
    'attribute_unknown',
    field,
    `browsers ignore the attribute ${JSON.stringify(name)}: it is not one they know`,
  );
}

/** priority_chromium_only: draft-west-cookie-priority, implemented by Chromium alone. */
export function priorityChromiumOnly(): CookieWarning {
  return cookieWarning(
    'priority_chromium_only',
    'priority',
    'Priority is honoured by Chromium only, which evicts the low-priority cookies of a domain first; Firefox and WebKitGTK ignore it',
    engineNotes('keeps the priority', 'ignores Priority', 'ignores Priority'),
  );
}

/** partitioned_support: CHIPS, which WebKitGTK does not implement. */
export function partitionedSupport(): CookieWarning {
  return cookieWarning(
    'partitioned_support',
    'partitioned',
    'Chromium and Firefox key a Partitioned cookie to the top-level site; WebKitGTK ignores the attribute, stores the cookie unpartitioned at the top level and nothing in a cross-site frame',
    engineNotes(
      'keys it to the top-level site',
      'keys it to the top-level site',
      'ignores Partitioned: unpartitioned at the top level, nothing in a cross-site frame',
    ),
  );
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
  if (s.maxAge !== undefined && s.maxAge > MAX_LIFETIME_SECONDS) {
    out.push(lifetimeCapped('maxAge', s.maxAge));
  }
  if (s.expires !== undefined && !removal && s.expires - now > MAX_LIFETIME_SECONDS * 1000) {
    out.push(lifetimeCapped('expires'));
  }
  if (pastExpires && !pastExpiresRemoves && s.maxAge !== 0) {
    out.push(
      cookieWarning(
        'expires_past',
        'expires',
        'Expires is in the past and there is no Max-Age, so browsers delete the cookie at once; use removal() when that is the intent',
      ),
    );
  }
  if (s.sameSite === undefined && !removal) out.push(sameSiteAbsent());
  for (const field of s.legacy) {
    out.push(legacyAttribute(field, field === 'comment' ? 'Comment' : 'Version'));
  }
  for (const name of s.extensions ?? []) out.push(attributeUnknown(name));
  // 6265bis §5.7 step 9: a single label is a public suffix (the list's implicit "*" rule)
  if (s.domain !== undefined && s.domain.indexOf('.', 1) === -1) {
    out.push(
      cookieWarning(
        'domain_public_suffix',
        'domain',
        `Domain ${JSON.stringify(s.domain)} is a single label, a public suffix: browsers store the cookie only when the responding host is that very name (as a cookie of that host alone) and refuse it from any other host; leave Domain out for a host-only cookie`,
      ),
    );
  }
  if (s.priority !== undefined) out.push(priorityChromiumOnly());
  if (s.partitioned) out.push(partitionedSupport());
  return out;
}
