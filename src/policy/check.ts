// Checking a cookie against a policy's requirements: a built cookie (read through its public
// properties) or a builder's raw state (read through the attribute schemas).
import type * as z from 'zod/mini';
import { Cookie, isCookie } from '../cookie/cookie.js';
import { CookieError, type CookieIssue, quote } from '../errors.js';
import type { CookieProfile, SameSite } from '../rules/attributes.js';
import type { CookieEncoding } from '../rules/encoding.js';
import { prefixOf } from '../rules/prefixes.js';
import { cookieAttributesSchema } from '../rules/schema.js';
import {
  bareDomain,
  label,
  type Parts,
  type RequirementKey,
  type Requirements,
  type Rule,
} from './parts.js';

const attributes = cookieAttributesSchema.shape;

/** What a requirement looks at, read from a built cookie or from a builder's raw state. */
export interface Subject {
  readonly name: string | undefined;
  readonly secure: boolean;
  readonly httpOnly: boolean;
  readonly partitioned: boolean;
  readonly sameSite: SameSite | undefined;
  readonly path: string | undefined;
  readonly domain: string | undefined;
  readonly profile: CookieProfile;
  readonly encoding: CookieEncoding;
  readonly maxAge: number | undefined;
  readonly expires: number | undefined;
  /** Fields whose raw value is invalid: the schema reports them, the policy skips them. */
  readonly unreadable: ReadonlySet<string>;
}

const NOTHING: ReadonlySet<string> = new Set();

/**
 * Every `Cookie` carries this brand on its prototype, whichever copy of the package (its ESM or
 * CommonJS build) made it: a cookie of the other copy is recognised by it.
 */
const COOKIE_BRAND = Symbol.for('cookiesmith.Cookie');

export function subjectOf(cookie: unknown, method: string): Subject {
  const subject = readCookie(cookie);
  if (subject === undefined) {
    throw new CookieError(
      `${method}() takes a Cookie; build one with Cookie.builder(), Cookie.from() or Cookie.parse()`,
      { code: 'invalid_cookie' },
    );
  }
  return subject;
}

/**
 * The subject of a cookie: one this package made, or one of its other copy (ESM vs CommonJS),
 * known by the brand and read through its public properties; `undefined` for anything else,
 * a Proxy of a cookie or an object made from `Cookie.prototype` included (they pass
 * `instanceof` and hold no state of their own).
 */
function readCookie(value: unknown): Subject | undefined {
  if (isCookie(value)) return subjectOfCookie(value);
  try {
    if (typeof value !== 'object' || value === null || !(COOKIE_BRAND in value)) return undefined;
    if (value instanceof Cookie) return undefined;
    const s = subjectOfCookie(value as object as Cookie);
    const text = (v: unknown) => v === undefined || typeof v === 'string';
    const number = (v: unknown) => v === undefined || typeof v === 'number';
    const readable =
      typeof s.name === 'string' &&
      typeof s.secure === 'boolean' &&
      typeof s.httpOnly === 'boolean' &&
      typeof s.partitioned === 'boolean' &&
      text(s.sameSite) &&
      text(s.path) &&
      text(s.domain) &&
      typeof s.profile === 'string' &&
      typeof s.encoding === 'string' &&
      number(s.maxAge) &&
      number(s.expires);
    return readable ? s : undefined;
  } catch {
    return undefined;
  }
}

export function subjectOfCookie(cookie: Cookie): Subject {
  return {
    name: cookie.name,
    secure: cookie.secure,
    httpOnly: cookie.httpOnly,
    partitioned: cookie.partitioned,
    sameSite: cookie.sameSite,
    path: cookie.path,
    domain: cookie.domain,
    profile: cookie.profile,
    encoding: cookie.encoding,
    maxAge: cookie.maxAge,
    expires: cookie.expires?.getTime(),
    unreadable: NOTHING,
  };
}

export function subjectOfConfig(config: Readonly<Record<string, unknown>>): Subject {
  const unreadable = new Set<string>();
  const read = (key: keyof typeof attributes): unknown => {
    const raw = config[key];
    if (raw === undefined) return undefined;
    let result: { success: boolean; data?: unknown };
    try {
      result = (attributes[key] as z.ZodMiniType).safeParse(raw);
    } catch {
      result = { success: false }; // a revoked Proxy, a throwing getter: the schema reports it
    }
    if (result.success) return result.data;
    unreadable.add(key);
    return undefined;
  };
  const expires = read('expires');
  return {
    name: typeof config.name === 'string' ? config.name : undefined,
    secure: read('secure') === true,
    httpOnly: read('httpOnly') === true,
    partitioned: read('partitioned') === true,
    sameSite: read('sameSite') as SameSite | undefined,
    path: read('path') as string | undefined,
    domain: read('domain') as string | undefined,
    profile: (read('profile') as CookieProfile | undefined) ?? 'rfc2109',
    encoding: (read('encoding') as CookieEncoding | undefined) ?? 'uri',
    maxAge: read('maxAge') as number | undefined,
    expires: expires instanceof Date ? expires.getTime() : undefined,
    unreadable,
  };
}

/** Reports one violated requirement, at `path`, in the words of the policy it comes from. */
type Fail = (key: RequirementKey, path: (string | number)[], message: string) => void;

/**
 * Every requirement of the policy the subject breaks. Custom rules receive the built cookie, so
 * they run only when there is one: on a cookie that is otherwise valid.
 */
export function issuesOf(parts: Parts, s: Subject, cookie: Cookie | undefined): CookieIssue[] {
  const issues: CookieIssue[] = [];
  const fail: Fail = (key, path, message) => {
    const who = `policy ${label(parts.requireOrigins[key] ?? [parts.name])}`;
    issues.push({ path, code: 'policy', message: `${who} requires ${message}`, source: who });
  };
  attributeIssues(parts.require, s, fail);
  lifetimeIssues(parts.require, s, fail);
  if (cookie !== undefined) issues.push(...customIssues(parts.rules, cookie));
  return issues;
}

/**
 * The requirements on the name and the attributes. A field whose raw value the schema refuses
 * is skipped: the schema's issue says it.
 */
function attributeIssues(r: Requirements, s: Subject, fail: Fail): void {
  const readable = (field: string) => !s.unreadable.has(field);
  if (r.prefix !== undefined && s.name !== undefined) {
    if (!s.name.toLowerCase().startsWith(r.prefix.toLowerCase())) {
      const has = prefixOf(s.name);
      fail(
        'prefix',
        ['name'],
        `the name to start with ${r.prefix}; ${quote(s.name)} ${has === undefined ? 'has no prefix' : `has ${has}`}`,
      );
    }
  }
  for (const key of ['secure', 'httpOnly', 'partitioned'] as const) {
    const want = r[key];
    if (want !== undefined && readable(key) && s[key] !== want) fail(key, [key], `${key}: ${want}`);
  }
  if (r.sameSite !== undefined && readable('sameSite')) {
    if (s.sameSite === undefined || !r.sameSite.includes(s.sameSite)) {
      fail(
        'sameSite',
        ['sameSite'],
        `sameSite ${r.sameSite.join(' or ')}; the cookie has ${s.sameSite ?? 'none'}`,
      );
    }
  }
  if (r.path !== undefined && readable('path') && s.path !== r.path) {
    fail(
      'path',
      ['path'],
      `path ${quote(r.path)}; the cookie has ${s.path === undefined ? 'none' : quote(s.path)}`,
    );
  }
  if (r.domain !== undefined && readable('domain')) {
    if (r.domain === false) {
      if (s.domain !== undefined) fail('domain', ['domain'], 'a host-only cookie; remove domain');
    } else if (s.domain === undefined || bareDomain(s.domain) !== r.domain) {
      fail(
        'domain',
        ['domain'],
        `domain ${quote(r.domain)}; the cookie has ${s.domain === undefined ? 'none' : quote(s.domain)}`,
      );
    }
  }
  for (const key of ['profile', 'encoding'] as const) {
    const want = r[key];
    if (want !== undefined && readable(key) && s[key] !== want)
      fail(key, [key], `${key} '${want}'; the cookie has '${s[key]}'`);
  }
}

/** The requirements on the lifetime: `session` and `maxLifetime`. */
function lifetimeIssues(r: Requirements, s: Subject, fail: Fail): void {
  const readable = (field: string) => !s.unreadable.has(field);
  const now = Date.now();
  // A cookie that deletes another (Max-Age=0 or Expires in the past) has no lifetime to limit.
  const removal =
    s.maxAge === 0 || (s.maxAge === undefined && s.expires !== undefined && s.expires <= now);
  if (r.session === true && !removal) {
    if (s.maxAge !== undefined) fail('session', ['maxAge'], 'a session cookie; remove maxAge');
    if (s.expires !== undefined) fail('session', ['expires'], 'a session cookie; remove expires');
  }
  if (r.session === false && s.maxAge === undefined && s.expires === undefined) {
    if (readable('maxAge') && readable('expires'))
      fail('session', ['maxAge'], 'a persistent cookie; set maxAge or expires');
  }
  if (r.maxLifetime !== undefined && !removal) {
    const max = r.maxLifetime;
    if (s.maxAge !== undefined && s.maxAge > max)
      fail('maxLifetime', ['maxAge'], `a lifetime of at most ${max} s; maxAge is ${s.maxAge} s`);
    if (s.expires !== undefined && s.expires - now > max * 1000) {
      fail(
        'maxLifetime',
        ['expires'],
        `a lifetime of at most ${max} s; expires is ${Math.ceil((s.expires - now) / 1000)} s ahead`,
      );
    }
  }
}

/** The custom rules, each run once on the built cookie; a rule that throws counts as failed. */
function customIssues(rules: readonly Rule[], cookie: Cookie): CookieIssue[] {
  const issues: CookieIssue[] = [];
  for (const rule of rules) {
    let ok: unknown;
    try {
      ok = rule.check(cookie);
    } catch {
      ok = false;
    }
    if (ok !== true) {
      const who = `policy ${label(rule.origin)}`;
      issues.push({
        path: [...(rule.path ?? [])],
        code: 'policy',
        message: `${who}: ${rule.message}`,
        source: who,
      });
    }
  }
  return issues;
}
