// What a jar is given besides cookies: its options, read and checked once per jar family, and
// the arguments of sendCookie() and delete().

import type { CookieBuilder } from '../builder/cookie-builder.js';
import {
  type CookieIssue,
  CookieValidationError,
  describeThrown,
  isCookieError,
  quote,
} from '../errors.js';
import { isCookiePolicy } from '../policy/brand.js';
import type { CookiePolicy } from '../policy/cookie-policy.js';
import type { CookieProfile } from '../rules/attributes.js';
import type { CookieConfig } from '../rules/schema.js';
import {
  type CookieJarCache,
  cacheControlFor,
  JAR_CACHE_MODES,
  PAST_EXPIRES,
} from './cache-control.js';

const SOURCE = 'cookiesmith CookieJarResponse';

/** Options of `new CookieJarResponse(options)`. */
export interface CookieJarResponseOptions {
  /**
   * The cache directives sent with the cookies (RFC 2109 §4.2.3): `'private'` (the default),
   * `'no-store'`, `'must-revalidate'`, `'proxy-revalidate'`, `'max-age=0'`, or `'off'` for none.
   */
  readonly cache?: CookieJarCache;
  /** Also send `Expires` in the past for HTTP/1.0 caches (default `true`). */
  readonly http10Expires?: boolean;
  /**
   * A `CookiePolicy` every cookie must meet; builders, `sendCookie` and `delete` get its
   * defaults first (as `builder.apply(policy)`), a cookie that breaks it is refused.
   */
  readonly policy?: CookiePolicy;
}

/** The scope of the cookie `delete()` removes: it must match the scope the cookie was set with. */
export interface CookieDeleteOptions {
  /** The Domain the cookie was set with (RFC 6265 §4.1.2.3); absent for a host-only cookie. */
  readonly domain?: string;
  /** The Path the cookie was set with (RFC 6265 §4.1.2.4). */
  readonly path?: string;
  /** True when the cookie was set Partitioned (CHIPS): the partitioned one is a different cookie. */
  readonly partitioned?: boolean;
  /** The profile of the removal line: `'rfc6265'` for a Domain without a leading dot. */
  readonly profile?: CookieProfile;
}

/** One header line as a frozen `[name, value]` pair. */
type Header = readonly [name: 'Cache-Control' | 'Expires', value: string];

/** Settings shared, unchanged, by a jar and every jar derived from it. */
export interface Settings {
  readonly policy: CookiePolicy | undefined;
  readonly cacheControl: string | undefined;
  readonly expires: string | undefined;
  readonly cacheHeaders: readonly Header[];
}

function issue(path: (string | number)[], code: CookieIssue['code'], message: string): CookieIssue {
  return { path, code, message, source: SOURCE };
}

export function invalid(path: (string | number)[], message: string): CookieValidationError {
  return new CookieValidationError(undefined, [issue(path, 'invalid_type', message)]);
}

/** The options as own properties, read once; a problem when they cannot be read. */
function ownEntries(options: unknown, what: string): [string, unknown][] {
  if (options === null || typeof options !== 'object')
    throw invalid([], `${what} must be an object`);
  let entries: [string, unknown][];
  try {
    if (Array.isArray(options)) throw invalid([], `${what} must be an object`);
    entries = Object.entries(options);
  } catch (cause) {
    if (isCookieError(cause)) throw cause;
    throw invalid([], `${what} could not be read: ${describeThrown(cause)} was thrown`);
  }
  return entries;
}

/** Reads and checks the jar's options once; every jar derived from this one shares the result. */
export function settingsFrom(options: unknown): Settings {
  let cache: CookieJarCache = 'private';
  let http10Expires = true;
  let policy: CookiePolicy | undefined;
  const issues: CookieIssue[] = [];
  const entries = options === undefined ? [] : ownEntries(options, 'CookieJarResponse options');
  for (const [key, value] of entries) {
    if (value === undefined) continue;
    if (key === 'cache') {
      if ((JAR_CACHE_MODES as readonly unknown[]).includes(value)) cache = value as CookieJarCache;
      else
        issues.push(
          issue([key], 'invalid_type', `cache must be one of ${JAR_CACHE_MODES.join(', ')}`),
        );
    } else if (key === 'http10Expires') {
      if (typeof value === 'boolean') http10Expires = value;
      else issues.push(issue([key], 'invalid_type', 'http10Expires must be true or false'));
    } else if (key === 'policy') {
      if (isCookiePolicy(value)) policy = value;
      else {
        const message =
          'policy must be a CookiePolicy (CookiePolicy.define, CookiePolicy.from or a preset)';
        issues.push(issue([key], 'invalid_type', message));
      }
    } else {
      issues.push(issue([key], 'unknown_key', `${quote(key)} is not a CookieJarResponse option`));
    }
  }
  if (issues.length > 0) throw new CookieValidationError(undefined, issues);
  const cacheControl = cacheControlFor(cache);
  // RFC 2109 §4.2.3: an Expires long in the past for HTTP/1.0 caches, which ignore Cache-Control
  const expires = cacheControl !== undefined && http10Expires ? PAST_EXPIRES : undefined;
  const cacheHeaders: Header[] = [];
  if (cacheControl !== undefined) cacheHeaders.push(Object.freeze(['Cache-Control', cacheControl]));
  if (expires !== undefined) cacheHeaders.push(Object.freeze(['Expires', expires]));
  return Object.freeze({
    policy,
    cacheControl,
    expires,
    cacheHeaders: Object.freeze(cacheHeaders),
  });
}

/** The config `sendCookie` validates: name, value and the options, which may not rename it. */
export function configOf(name: string, value: string, options: unknown): CookieConfig {
  if (options === undefined) return { name, value };
  // fromEntries defines keys: a "__proto__" key stays a key, for the schema to refuse
  const copy: Record<string, unknown> = Object.fromEntries(
    ownEntries(options, 'sendCookie() options'),
  );
  const issues: CookieIssue[] = [];
  for (const key of ['name', 'value'] as const) {
    if (Object.hasOwn(copy, key)) {
      const message = `"${key}" is an argument of sendCookie(name, value, options), not an option`;
      issues.push(issue([key], 'unknown_key', message));
    }
  }
  if (issues.length > 0) throw new CookieValidationError(name, issues);
  return Object.assign(copy, { name, value }) as CookieConfig;
}

const DELETE_KEYS: ReadonlySet<string> = new Set(['domain', 'path', 'partitioned', 'profile']);

/** Sets the scope of a removal on `builder`, from `delete()`'s options. */
export function scopeOf(
  builder: CookieBuilder<string>,
  name: string,
  options: unknown,
): CookieBuilder<string> {
  if (options === undefined) return builder;
  const entries = ownEntries(options, 'delete() options: { domain, path, partitioned, profile }');
  const unknown = entries.filter(([key]) => !DELETE_KEYS.has(key));
  if (unknown.length > 0) {
    const message = (key: string) =>
      `${quote(key)} is not a delete() option; give domain, path, partitioned or profile`;
    throw new CookieValidationError(
      typeof name === 'string' ? name : undefined,
      unknown.map(([key]) => issue([key], 'unknown_key', message(key))),
    );
  }
  let scoped = builder;
  for (const [key, v] of entries) {
    if (v === undefined) continue;
    if (key === 'domain') scoped = scoped.domain(v as string);
    else if (key === 'path') scoped = scoped.path(v as string);
    else if (key === 'partitioned') scoped = scoped.partitioned(v as boolean);
    else scoped = scoped.profile(v as CookieProfile);
  }
  return scoped;
}
