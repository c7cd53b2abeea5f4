import { z } from 'zod';
import { type CookieIssue, type CookieIssueCode, quote } from '../errors.js';
import { COOKIE_ENCODINGS, type CookieEncoding, encodeValue, isUriPlain } from './encoding.js';

/** SameSite enforcement modes (draft-ietf-httpbis-rfc6265bis §4.1.2.7). */
export type SameSite = 'Strict' | 'Lax' | 'None';
/** Chromium's retention priority (draft-west-cookie-priority). */
export type CookiePriority = 'Low' | 'Medium' | 'High';
/** `'rfc2109'`: the seed's semantics (Version, Comment, `.domain`); `'rfc6265'`: today's standard. */
export type CookieProfile = 'rfc2109' | 'rfc6265';
export type { CookieEncoding };

export const SAME_SITE_VALUES: readonly SameSite[] = Object.freeze(['Strict', 'Lax', 'None']);
export const PRIORITY_VALUES: readonly CookiePriority[] = Object.freeze(['Low', 'Medium', 'High']);
export const PROFILES: readonly CookieProfile[] = Object.freeze(['rfc2109', 'rfc6265']);

/** The longest lifetime browsers keep: 400 days in seconds (6265bis §5.5). */
export const MAX_LIFETIME_SECONDS = 400 * 24 * 60 * 60;

/** An extension attribute: `Name=value`, or a bare `Name` when `value` is absent. */
export interface CookieExtension {
  /** The attribute name, a token that is not one of the known attributes. */
  readonly name: string;
  /** The attribute value (av-octets, no `;`); absent for a bare attribute. */
  readonly value?: string;
}

/** A lifetime given in units; the parts are added up to seconds. */
export interface Duration {
  /** Days of 86,400 seconds. */
  readonly days?: number;
  /** Hours of 3,600 seconds. */
  readonly hours?: number;
  /** Minutes of 60 seconds. */
  readonly minutes?: number;
  /** Seconds. */
  readonly seconds?: number;
}

// ---------------------------------------------------------------------------------------------
// Grammar, each rule next to its source.

// RFC 6265 §4.1.1 cookie-name = token; RFC 9110 §5.6.2 tchar
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// RFC 9110 §5.5; 6265bis §5.6 step 1: CTLs 0x00-0x1F and 0x7F, HTAB included
const CTL = /[\x00-\x1F\x7F]/;
// RFC 6265 §4.1.1: the server grammar is ASCII only
const NON_ASCII = /[^\x00-\x7F]/;
const PRINTABLE = /^[\x20-\x7E]*$/;
// RFC 6265 §4.1.1 av-octet = %x20-3A / %x3C-7E (any CHAR except CTLs or ";")
const AV_OCTETS = /^[\x20-\x3A\x3C-\x7E]*$/;

/**
 * RFC 6265 §4.1.2.3, RFC 1034 §3.5 + RFC 1123 §2.1: `text` from `start` on is dot-separated
 * LDH labels of 1-63 octets (letters, digits, `-` inside), without a trailing dot. A loop
 * rather than a regular expression: it is four times faster on a typical domain, and a spec
 * checks it against the equivalent expression.
 */
export function isLdhName(text: string, start = 0): boolean {
  const end = text.length;
  let label = start;
  for (let i = start; i <= end; i++) {
    const c = i === end ? 0x2e : text.charCodeAt(i);
    if (c === 0x2e) {
      const size = i - label;
      if (size === 0 || size > 63) return false;
      if (text.charCodeAt(label) === 0x2d || text.charCodeAt(i - 1) === 0x2d) return false;
      label = i + 1;
    } else if (
      !(
        (c >= 0x61 && c <= 0x7a) ||
        (c >= 0x30 && c <= 0x39) ||
        (c >= 0x41 && c <= 0x5a) ||
        c === 0x2d
      )
    ) {
      return false;
    }
  }
  return true;
}
// ISO 8601 date (UTC) or date-time with Z or an offset, as accepted for `expires` in JSON
// configs; a date-time without one would be read in the server's local time zone
const ISO_DATE =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2}))?$/;

/** Attribute names a cookie defines itself; an extension may not reuse them (6265bis §9.3). */
export const KNOWN_ATTRIBUTES: readonly string[] = Object.freeze([
  'expires',
  'max-age',
  'domain',
  'path',
  'secure',
  'httponly',
  'samesite',
  'partitioned',
  'priority',
  'version',
  'comment',
]);

const SOURCES = {
  token: 'RFC 6265 §4.1.1; RFC 9110 §5.6.2',
  dollar: 'send-cookie seed; RFC 2109 §4.2.2',
  octets: 'RFC 6265 §4.1.1',
  ctl: 'RFC 9110 §5.5; draft-ietf-httpbis-rfc6265bis §5.6 step 1',
  ascii: 'RFC 6265 §4.1.1',
  nameValueSize: 'draft-ietf-httpbis-rfc6265bis §5.6 step 5',
  attributeSize: 'draft-ietf-httpbis-rfc6265bis §5.6 step 6',
  domain: 'RFC 6265 §4.1.1, §4.1.2.3',
  domain2109: 'send-cookie seed; RFC 2109 §4.2.2, §4.3.2',
  path: 'RFC 6265 §4.1.1; draft-ietf-httpbis-rfc6265bis §5.6.4',
  maxAge:
    'send-cookie seed; RFC 2109 §4.2.2; draft-ietf-httpbis-rfc6265bis editor’s copy (PR 3376)',
  expires: 'RFC 9110 §5.6.7; draft-ietf-httpbis-rfc6265bis §4.1.1',
  sameSite: 'draft-ietf-httpbis-rfc6265bis §4.1.2.7',
  sameSiteNone: 'draft-ietf-httpbis-rfc6265bis §5.7 step 19',
  partitioned: 'draft-cutler-httpbis-partitioned-cookies (CHIPS)',
  secure: 'draft-ietf-httpbis-rfc6265bis §4.1.3.1',
  host: 'draft-ietf-httpbis-rfc6265bis §4.1.3.2',
  http: 'draft-ietf-httpbis-layered-cookies §4.1.3',
  version: 'send-cookie seed; RFC 2109 §4.2.2',
  legacy: 'RFC 6265 §9.3 (RFC 2109 is historic)',
  comment: 'RFC 2109 §4.2.2',
  priority: 'draft-west-cookie-priority-00',
  extension: 'draft-ietf-httpbis-rfc6265bis §4.1.1, §9.3',
  config: 'cookiesmith configuration schema',
  encoding: 'RFC 6265 §4.1.1 (values must be encoded to cookie-octets)',
  lifetime: 'draft-ietf-httpbis-rfc6265bis §5.5',
  duplicateName: 'draft-ietf-httpbis-rfc6265bis §4.1.1',
} as const;

/** Where each rule comes from, for `CookieIssue.source`. */
export const RULE_SOURCES = SOURCES;

interface Ctx {
  addIssue(issue: {
    code: 'custom';
    message: string;
    input: unknown;
    params: { rule: CookieIssueCode; source: string };
    path?: (string | number)[];
  }): void;
}

function report(
  ctx: Ctx,
  rule: CookieIssueCode,
  source: string,
  message: string,
  path?: (string | number)[],
): void {
  ctx.addIssue({
    code: 'custom',
    message,
    input: undefined,
    params: { rule, source },
    ...(path === undefined ? {} : { path }),
  });
}

/** CTL and non-ASCII checks shared by every string that reaches the header. */
function checkChars(ctx: Ctx, field: string, text: string, path?: (string | number)[]): boolean {
  if (PRINTABLE.test(text)) return true;
  if (CTL.test(text)) {
    const at = text.search(CTL);
    const hex = text.charCodeAt(at).toString(16).padStart(2, '0').toUpperCase();
    report(
      ctx,
      'control_character',
      SOURCES.ctl,
      `${field} contains the control character 0x${hex} at index ${at}; CR, LF, NUL and every other control character are forbidden in a header`,
      path,
    );
    return false;
  }
  if (NON_ASCII.test(text)) {
    report(
      ctx,
      'non_ascii',
      SOURCES.ascii,
      `${field} contains a non-ASCII character at index ${text.search(NON_ASCII)}; the Set-Cookie grammar is ASCII only`,
      path,
    );
    return false;
  }
  return true;
}

function checkAttributeSize(
  ctx: Ctx,
  field: string,
  text: string,
  path?: (string | number)[],
): boolean {
  if (text.length <= 1024) return true;
  report(
    ctx,
    'attribute_too_long',
    SOURCES.attributeSize,
    `${field} is ${text.length} bytes; browsers ignore an attribute value longer than 1024 bytes`,
    path,
  );
  return false;
}

function checkName(name: string, ctx: Ctx): void {
  if (!checkChars(ctx, 'name', name)) return;
  if (!TOKEN.test(name)) {
    report(
      ctx,
      'name_token',
      SOURCES.token,
      name === ''
        ? 'name is empty; a cookie name must be a non-empty token'
        : `name ${quote(name)} is not a token; use only letters, digits and ! # $ % & ' * + - . ^ _ \` | ~`,
    );
    return;
  }
  if (name.startsWith('$')) {
    report(
      ctx,
      'name_reserved',
      SOURCES.dollar,
      `name ${quote(name)} begins with "$", which is reserved for RFC 2109 attributes; choose another name`,
    );
  }
}

function checkComment(comment: string, ctx: Ctx): void {
  if (!checkChars(ctx, 'comment', comment)) return;
  if (!AV_OCTETS.test(comment)) {
    report(
      ctx,
      'comment_syntax',
      SOURCES.comment,
      'comment contains ";", which ends an attribute in every parser; rephrase it without ";"',
    );
    return;
  }
  checkAttributeSize(ctx, 'comment', quoteComment(comment));
}

function checkDomain(domain: string, ctx: Ctx): void {
  if (!checkChars(ctx, 'domain', domain)) return;
  if (!checkAttributeSize(ctx, 'domain', domain)) return;
  const start = domain.charCodeAt(0) === 46 ? 1 : 0;
  const size = domain.length - start;
  if (size === 0 || size > 253 || !isLdhName(domain, start)) {
    report(
      ctx,
      'domain_syntax',
      SOURCES.domain,
      `domain ${quote(domain)} is not a host name: use letters, digits and "-" in dot-separated labels of 1-63 characters, no trailing dot (write an IDN as punycode)`,
    );
  }
}

function checkPath(path: string, ctx: Ctx): void {
  if (!checkChars(ctx, 'path', path)) return;
  if (!checkAttributeSize(ctx, 'path', path)) return;
  if (!path.startsWith('/') || !AV_OCTETS.test(path)) {
    report(
      ctx,
      'path_syntax',
      SOURCES.path,
      path.startsWith('/')
        ? `path ${quote(path)} contains ";"; percent-encode it as %3B`
        : `path ${quote(path)} must start with "/"`,
    );
  } else if (path.endsWith(' ')) {
    // 6265bis §5.6: parsers strip whitespace around an attribute value, so it would arrive as
    // another path
    report(
      ctx,
      'path_syntax',
      SOURCES.path,
      `path ${quote(path)} ends with a space, which parsers strip; percent-encode it as %20`,
    );
  }
}

const durationSchema = z.strictObject({
  days: z.number().nonnegative().optional(),
  hours: z.number().nonnegative().optional(),
  minutes: z.number().nonnegative().optional(),
  seconds: z.number().nonnegative().optional(),
});

function durationSeconds(d: z.output<typeof durationSchema>): number {
  return (d.days ?? 0) * 86400 + (d.hours ?? 0) * 3600 + (d.minutes ?? 0) * 60 + (d.seconds ?? 0);
}

function checkMaxAge(seconds: number, ctx: Ctx): void {
  if (!Number.isSafeInteger(seconds) || seconds < 0) {
    report(
      ctx,
      'max_age_integer',
      SOURCES.maxAge,
      `maxAge ${quote(seconds)} must be a whole number of seconds ≥ 0 (0 discards the cookie now); it is seconds, not milliseconds`,
    );
  }
}

const maxAgeSchema = z
  .union([z.number(), durationSchema])
  .transform((input, ctx) => {
    if (typeof input === 'number') return input;
    // An empty duration would read as Max-Age=0, which discards the cookie (RFC 2109 §4.2.2)
    if (Object.values(input).every((part) => part === undefined)) {
      report(
        ctx,
        'duration',
        SOURCES.maxAge,
        'maxAge {} names no unit; give days, hours, minutes or seconds (maxAge: 0 discards the cookie now)',
      );
      return z.NEVER;
    }
    return durationSeconds(input);
  })
  .superRefine(checkMaxAge);

/** The `YYYY-MM-DD` that starts an ISO string is a real day (Date rolls 02-30 over to March). */
function isCalendarDay(iso: string): boolean {
  const month = Number(iso.slice(5, 7));
  const day = Number(iso.slice(8, 10));
  const last = new Date(0);
  // Day 0 of the next month is the last day of this one
  last.setUTCFullYear(Number(iso.slice(0, 4)), month, 0);
  return month >= 1 && month <= 12 && day >= 1 && day <= last.getUTCDate();
}

/** A `Date` (copied), epoch ms or ISO string as a valid Date with a four-digit year. */
function toExpires(input: Date | string | number, ctx: Ctx): Date | undefined {
  let date: Date;
  if (input instanceof Date) date = new Date(input.getTime());
  else if (typeof input === 'number') date = new Date(input);
  else if (ISO_DATE.test(input))
    date = isCalendarDay(input) ? new Date(input) : new Date(Number.NaN);
  else {
    report(
      ctx,
      'expires_date',
      SOURCES.expires,
      `expires ${quote(input)} is not an ISO 8601 date with a time zone; give a Date, epoch milliseconds or an ISO string such as "2030-01-01T00:00:00Z"`,
    );
    return undefined;
  }
  const year = date.getUTCFullYear();
  if (Number.isNaN(date.getTime()) || year < 1601 || year > 9999) {
    report(
      ctx,
      'expires_date',
      SOURCES.expires,
      'expires must be a valid date between the years 1601 and 9999 (an IMF-fixdate has a four-digit year)',
    );
    return undefined;
  }
  return date;
}

const expiresSchema = z
  .union([z.date(), z.string(), z.number()])
  .transform((input, ctx) => toExpires(input, ctx) ?? z.NEVER);

interface EnumField<T extends string> {
  readonly field: string;
  readonly byLower: ReadonlyMap<string, T>;
  readonly values: readonly T[];
  readonly rule: CookieIssueCode;
  readonly source: string;
}

function enumField<T extends string>(
  field: string,
  values: readonly T[],
  rule: CookieIssueCode,
  source: string,
): EnumField<T> {
  return { field, values, rule, source, byLower: new Map(values.map((v) => [v.toLowerCase(), v])) };
}

/** Looks a value up case-insensitively; reports and returns `undefined` when it is not one. */
function lookup<T extends string>(spec: EnumField<T>, input: string, ctx: Ctx): T | undefined {
  const found = spec.byLower.get(input) ?? spec.byLower.get(input.toLowerCase());
  if (found === undefined) {
    report(
      ctx,
      spec.rule,
      spec.source,
      `${spec.field} ${quote(input)} must be one of ${spec.values.join(', ')}`,
    );
  }
  return found;
}

const SAME_SITE = enumField('sameSite', SAME_SITE_VALUES, 'same_site_value', SOURCES.sameSite);
const PRIORITY = enumField('priority', PRIORITY_VALUES, 'priority_value', SOURCES.priority);
const ENCODING = enumField('encoding', COOKIE_ENCODINGS, 'encoding_value', 'cookiesmith encodings');
const PROFILE = enumField('profile', PROFILES, 'profile_value', 'cookiesmith profiles');

/** Any case is read (`'lax'` → `'Lax'`); the input type says which spellings the types accept. */
const enumSchema = <T extends string>(spec: EnumField<T>) =>
  z
    .string()
    .transform((input, ctx): T => lookup(spec, input, ctx) ?? z.NEVER) as unknown as z.ZodType<
    T,
    T | Lowercase<T> | Uppercase<T>
  >;

function checkVersion(version: number, ctx: Ctx): void {
  if (!Number.isSafeInteger(version) || version < 0) {
    report(
      ctx,
      'version_value',
      SOURCES.version,
      `version ${quote(version)} must be a non-negative integer`,
    );
  }
}

const nameSchema = z.string().superRefine(checkName);
const commentSchema = z.string().superRefine(checkComment);
const domainSchema = z.string().superRefine(checkDomain);
const pathSchema = z.string().superRefine(checkPath);
const versionSchema = z.number().superRefine(checkVersion);
const sameSiteSchema = enumSchema(SAME_SITE);
const prioritySchema = enumSchema(PRIORITY);
const encodingSchema = enumSchema(ENCODING);
const profileSchema = enumSchema(PROFILE);

const extensionSchema = z
  .strictObject({ name: z.string(), value: z.string().optional() })
  .superRefine((ext, ctx) => {
    if (typeof ext.name !== 'string') return;
    if (!checkChars(ctx, 'extension name', ext.name, ['name'])) return;
    // 6265bis §5.6 step 6 bounds attribute values; a bare extension is all name, so bound it too
    const sized = checkAttributeSize(ctx, 'extension name', ext.name, ['name']);
    if (sized && !TOKEN.test(ext.name)) {
      report(
        ctx,
        'extension_syntax',
        SOURCES.extension,
        `extension name ${quote(ext.name)} must be a non-empty token`,
        ['name'],
      );
    } else if (sized && KNOWN_ATTRIBUTES.includes(ext.name.toLowerCase())) {
      report(
        ctx,
        'extension_reserved',
        SOURCES.extension,
        `extension ${quote(ext.name)} has the name of a cookie attribute; use the builder's own method for it`,
        ['name'],
      );
    }
    if (typeof ext.value !== 'string') return;
    if (!checkChars(ctx, `extension ${quote(ext.name)}`, ext.value, ['value'])) return;
    if (!checkAttributeSize(ctx, `extension ${quote(ext.name)}`, ext.value, ['value'])) return;
    if (!AV_OCTETS.test(ext.value) || ext.value === '' || ext.value.trim() !== ext.value) {
      report(
        ctx,
        'extension_syntax',
        SOURCES.extension,
        `extension ${quote(ext.name)} value ${quote(ext.value)} must be non-empty, without ";" and without leading or trailing spaces`,
        ['value'],
      );
    }
  });

const attributeShape = {
  comment: commentSchema.optional(),
  domain: domainSchema.optional(),
  path: pathSchema.optional(),
  secure: z.boolean().optional(),
  httpOnly: z.boolean().optional(),
  version: versionSchema.optional(),
  maxAge: maxAgeSchema.optional(),
  expires: expiresSchema.optional(),
  sameSite: sameSiteSchema.optional(),
  partitioned: z.boolean().optional(),
  priority: prioritySchema.optional(),
  encoding: encodingSchema.optional(),
  profile: profileSchema.optional(),
  extensions: (
    z.array(extensionSchema).max(32) as unknown as z.ZodType<
      CookieExtension[],
      readonly CookieExtension[]
    >
  ).optional(),
};

/**
 * Every cookie attribute, without name and value: embed it in your own configuration schema.
 * Strict: an unknown key is an error.
 */
export const cookieAttributesSchema = z.strictObject(attributeShape);

/**
 * A whole cookie as a configuration object (`Cookie.from` accepts it). Strict: an unknown key
 * is an error, with a hint for the seed's snake_case names (`max_age` → `maxAge`). Cross-field
 * rules (prefixes, SameSite=None needs Secure, profile rules) run here too.
 */
export const cookieConfigSchema = z
  .strictObject({ name: nameSchema, value: z.string(), ...attributeShape })
  .superRefine(checkCookie, { when: () => true });

/** A cookie configuration as written by hand or read from JSON (input of `cookieConfigSchema`). */
export type CookieConfig = z.input<typeof cookieConfigSchema>;
/** The attributes of a cookie configuration (input of `cookieAttributesSchema`). */
export type CookieAttributes = z.input<typeof cookieAttributesSchema>;
/** A validated configuration, as the schema outputs it. */
export type ParsedCookieConfig = z.output<typeof cookieConfigSchema>;

function isString(v: unknown): v is string {
  return typeof v === 'string';
}

/** The value rules: encodable, no CTL under 'uri' (RFC 9110 §5.5), name + value ≤ 4096 bytes. */
function checkValue(
  name: string | undefined,
  value: string,
  encoding: CookieEncoding,
  ctx: Ctx,
): void {
  if (encoding === 'uri' && CTL.test(value)) {
    checkChars(ctx, 'value', value, ['value']);
  } else if (name !== undefined && name.length + value.length > 4096) {
    // Every encoding writes at least one byte per UTF-16 unit: too long before encoding it
    report(
      ctx,
      'name_value_too_long',
      SOURCES.nameValueSize,
      `name and value are at least ${name.length + value.length} bytes once encoded; browsers drop a cookie whose name and value exceed 4096 bytes`,
      ['value'],
    );
  } else {
    const encoded = encodeValue(value, encoding);
    if (!encoded.ok) {
      report(
        ctx,
        encoding === 'raw' ? 'value_octets' : 'value_encoding',
        encoding === 'raw' ? SOURCES.octets : SOURCES.encoding,
        `value ${quote(value)} cannot be sent with encoding '${encoding}': ${encoded.reason}${encoding === 'raw' ? "; use encoding 'uri' or 'base64url'" : ''}`,
        ['value'],
      );
    } else if (name !== undefined && name.length + encoded.wire.length > 4096) {
      report(
        ctx,
        'name_value_too_long',
        SOURCES.nameValueSize,
        `name and encoded value are ${name.length + encoded.wire.length} bytes; browsers drop a cookie whose name and value exceed 4096 bytes`,
        ['value'],
      );
    } else {
      rememberWire(value, encoding, encoded.wire);
    }
  }
}

/** The cross-field rules; defensive about types because they also run when fields failed. */
function checkCookie(cookie: Record<string, unknown>, ctx: Ctx): void {
  if (cookie === null || typeof cookie !== 'object') return;
  const name = isString(cookie.name) ? cookie.name : undefined;
  const profile = cookie.profile === 'rfc6265' ? 'rfc6265' : 'rfc2109';
  const encoding = (COOKIE_ENCODINGS as readonly unknown[]).includes(cookie.encoding)
    ? (cookie.encoding as CookieEncoding)
    : 'uri';
  const secure = cookie.secure === true;

  // value: encodable, no CTL under 'uri' (RFC 9110 §5.5), name + value ≤ 4096 (6265bis §5.6 step 5)
  if (isString(cookie.value)) checkValue(name, cookie.value, encoding, ctx);

  // Domain under RFC 2109: a leading dot and an embedded dot (RFC 2109 §4.2.2, §4.3.2)
  if (isString(cookie.domain) && profile === 'rfc2109') {
    const d = cookie.domain;
    if (!d.startsWith('.')) {
      report(
        ctx,
        'domain_leading_dot',
        SOURCES.domain2109,
        `domain ${quote(d)} must start with a dot under RFC 2109 (§4.3.2); use ${quote(`.${d}`)} or profile 'rfc6265'`,
        ['domain'],
      );
    } else if (!d.slice(1, -1).includes('.')) {
      report(
        ctx,
        'domain_embedded_dot',
        SOURCES.domain2109,
        `domain ${quote(d)} needs an embedded dot under RFC 2109 (§4.3.2), e.g. ".example.com"; browsers refuse a domain cookie for a single label`,
        ['domain'],
      );
    }
  }

  // RFC 2109 attributes are not part of RFC 6265 (RFC 6265 §9.3)
  if (profile === 'rfc6265') {
    for (const field of ['version', 'comment'] as const) {
      if (cookie[field] !== undefined) {
        report(
          ctx,
          'profile_attribute',
          SOURCES.legacy,
          `${field} is an RFC 2109 attribute and not allowed under profile 'rfc6265'; remove it or use profile 'rfc2109'`,
          [field],
        );
      }
    }
  }

  // SameSite=None requires Secure (6265bis §5.7 step 19)
  if (cookie.sameSite === 'None' && !secure) {
    report(
      ctx,
      'same_site_none_insecure',
      SOURCES.sameSiteNone,
      'SameSite=None requires secure: true; browsers reject it otherwise',
      ['secure'],
    );
  }
  // Partitioned requires Secure (CHIPS)
  if (cookie.partitioned === true && !secure) {
    report(
      ctx,
      'partitioned_insecure',
      SOURCES.partitioned,
      'partitioned requires secure: true; browsers reject it otherwise',
      ['secure'],
    );
  }

  // Name prefixes, matched case-insensitively (6265bis §4.1.3, §5.4; layered-cookies §4.1.3)
  if (name !== undefined) checkPrefix(name, cookie, ctx);

  // Each attribute at most once (6265bis §4.1.1)
  if (Array.isArray(cookie.extensions)) {
    const seen = new Set<string>();
    cookie.extensions.forEach((ext: unknown, index) => {
      const extName = (ext as { name?: unknown } | null)?.name;
      if (!isString(extName)) return;
      const key = extName.toLowerCase();
      if (seen.has(key)) {
        report(
          ctx,
          'extension_duplicate',
          SOURCES.extension,
          `extension ${quote(extName)} is given twice; a cookie carries each attribute at most once`,
          ['extensions', index, 'name'],
        );
      }
      seen.add(key);
    });
  }
}

/** The prefix a name carries, compared case-insensitively (6265bis §5.4). */
export type CookiePrefix = '__Secure-' | '__Host-' | '__Http-' | '__Host-Http-';

/** The prefix of a cookie name, matched case-insensitively; `undefined` when it has none. */
export function prefixOf(name: string): CookiePrefix | undefined {
  if (name.length < 7 || name.charCodeAt(0) !== 95 || name.charCodeAt(1) !== 95) return undefined;
  const lower = name.slice(0, 12).toLowerCase();
  if (lower.startsWith('__host-http-')) return '__Host-Http-';
  if (lower.startsWith('__host-')) return '__Host-';
  if (lower.startsWith('__secure-')) return '__Secure-';
  if (lower.startsWith('__http-')) return '__Http-';
  return undefined;
}

function checkPrefix(name: string, cookie: Record<string, unknown>, ctx: Ctx): void {
  const prefix = prefixOf(name);
  if (prefix === undefined) return;
  const [rule, source] =
    prefix === '__Secure-'
      ? (['prefix_secure', SOURCES.secure] as const)
      : prefix === '__Http-'
        ? (['prefix_http', SOURCES.http] as const)
        : (['prefix_host', prefix === '__Host-' ? SOURCES.host : SOURCES.http] as const);
  if (cookie.secure !== true) {
    report(ctx, rule, source, `a ${prefix} cookie requires secure: true`, ['secure']);
  }
  if (prefix === '__Http-' || prefix === '__Host-Http-') {
    if (cookie.httpOnly !== true) {
      report(ctx, 'prefix_http', SOURCES.http, `a ${prefix} cookie requires httpOnly: true`, [
        'httpOnly',
      ]);
    }
  }
  if (prefix === '__Host-' || prefix === '__Host-Http-') {
    if (cookie.path !== '/') {
      report(ctx, rule, source, `a ${prefix} cookie requires path: "/"`, ['path']);
    }
    if (cookie.domain !== undefined) {
      report(
        ctx,
        rule,
        source,
        `a ${prefix} cookie must not have a domain (it is host-only); remove domain`,
        ['domain'],
      );
    }
  }
}

/** RFC 2109 §4.2.2 value = token | quoted-string: a Comment is quoted unless it is a token. */
export function quoteComment(comment: string): string {
  if (TOKEN.test(comment)) return comment;
  return `"${comment.replace(/["\\]/g, '\\$&')}"`;
}

// ---------------------------------------------------------------------------------------------
// zod issues → CookieIssue

const SNAKE_HINTS: Readonly<Record<string, string>> = {
  max_age: 'maxAge',
  http_only: 'httpOnly',
  httponly: 'httpOnly',
  same_site: 'sameSite',
  samesite: 'sameSite',
  'max-age': 'maxAge',
  maxage: 'maxAge',
  expire: 'expires',
};

function hintFor(key: string): string {
  const known = SNAKE_HINTS[key.toLowerCase()];
  return known === undefined ? '' : `; did you mean "${known}"?`;
}

/** Turns a zod error into cookiesmith issues, each with field, rule and source. */
export function toCookieIssues(error: z.ZodError): CookieIssue[] {
  const issues: CookieIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const field = path.length === 0 ? 'config' : path.join('.');
    if (issue.code === 'custom') {
      const params = (issue as { params?: { rule?: CookieIssueCode; source?: string } }).params;
      issues.push({
        path,
        code: params?.rule ?? 'invalid_type',
        message: issue.message,
        source: params?.source ?? SOURCES.config,
      });
    } else if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        issues.push({
          path: [...path, key],
          code: 'unknown_key',
          message: `${quote(key)} is not a cookie attribute${hintFor(key)}`,
          source: SOURCES.config,
        });
      }
    } else if (issue.code === 'invalid_type') {
      issues.push({
        path,
        code: 'invalid_type',
        message: `${field} must be ${describeExpected(path, issue.expected)}`,
        source: SOURCES.config,
      });
    } else if (issue.code === 'invalid_union') {
      issues.push({
        path,
        code:
          path[0] === 'maxAge'
            ? 'max_age_integer'
            : path[0] === 'expires'
              ? 'expires_date'
              : 'invalid_type',
        message:
          path[0] === 'maxAge'
            ? `${field} must be a number of seconds or { days, hours, minutes, seconds }`
            : path[0] === 'expires'
              ? `${field} must be a Date, an ISO 8601 string or epoch milliseconds`
              : `${field} has the wrong type`,
        source:
          path[0] === 'maxAge'
            ? SOURCES.maxAge
            : path[0] === 'expires'
              ? SOURCES.expires
              : SOURCES.config,
      });
    } else {
      const code: CookieIssueCode = path[0] === 'maxAge' ? 'duration' : 'invalid_type';
      issues.push({ path, code, message: `${field}: ${issue.message}`, source: SOURCES.config });
    }
  }
  return issues;
}

function describeExpected(path: readonly (string | number)[], expected: string): string {
  if (path.length === 0) return 'an object';
  return expected === 'boolean' ? 'true or false' : `a ${expected}`;
}

// ---------------------------------------------------------------------------------------------
// Fast path: the same rule functions as the schema, without zod's machinery, for plain configs.

class FailCtx implements Ctx {
  failed = false;
  addIssue(): void {
    this.failed = true;
  }
}
const failCtx = new FailCtx();

/**
 * Runs the rules of `cookieConfigSchema` on a plain configuration object whose values have
 * their plain types (no duration objects, no extensions). Returns the parsed configuration
 * when it is valid and `undefined` otherwise, so that the caller runs the zod schema, which
 * then reports every issue. It calls the schema's rule functions where a check is rare, and
 * for the common fields (name, domain, path, max-age, value, the cross-field rules) a shorter
 * test that gives the same verdict: the fast path only decides valid or not, and the schema
 * words every issue. spec/fast-path.spec.ts checks with fast-check that both always agree.
 */
export function parseConfigFast(input: unknown): ParsedCookieConfig | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const proto = Object.getPrototypeOf(input);
  if (proto !== Object.prototype && proto !== null) return undefined;
  const c = input as Record<string, unknown>;
  let keys = 0;
  for (const _ in c) keys++;
  const { name, value, comment, domain, path, secure, httpOnly, version, maxAge, expires } = c;
  const { sameSite, partitioned, priority, encoding, profile } = c;
  // An unknown key, an `undefined` value or `extensions`: the schema handles those.
  const known =
    +(name !== undefined) +
    +(value !== undefined) +
    +(comment !== undefined) +
    +(domain !== undefined) +
    +(path !== undefined) +
    +(secure !== undefined) +
    +(httpOnly !== undefined) +
    +(version !== undefined) +
    +(maxAge !== undefined) +
    +(expires !== undefined) +
    +(sameSite !== undefined) +
    +(partitioned !== undefined) +
    +(priority !== undefined) +
    +(encoding !== undefined) +
    +(profile !== undefined);
  if (known !== keys) return undefined;
  return parseFieldsFast(
    name,
    value,
    comment,
    domain,
    path,
    secure,
    httpOnly,
    version,
    maxAge,
    expires,
    sameSite,
    partitioned,
    priority,
    encoding,
    profile,
  );
}

/**
 * The fast path on fields given one by one (`undefined` = absent), for callers that hold them
 * in hand (a builder): the same verdict and output as `parseConfigFast` on an object of the
 * fields that are not `undefined`.
 */
export function parseFieldsFast(
  name: unknown,
  value: unknown,
  comment: unknown,
  domain: unknown,
  path: unknown,
  secure: unknown,
  httpOnly: unknown,
  version: unknown,
  maxAge: unknown,
  expires: unknown,
  sameSite: unknown,
  partitioned: unknown,
  priority: unknown,
  encoding: unknown,
  profile: unknown,
): ParsedCookieConfig | undefined {
  if (typeof name !== 'string' || typeof value !== 'string') return undefined;
  // RFC 6265 §4.1.1 token (which is printable ASCII), not starting with "$" (checkName); an
  // application sends a few names again and again, so the last valid one is remembered
  if (name !== lastValidName) {
    if (!TOKEN.test(name) || name.charCodeAt(0) === 0x24) return undefined;
    lastValidName = name;
  }
  const ctx = failCtx;
  ctx.failed = false;
  const out: Mutable<ParsedCookieConfig> = { name, value };
  if (comment !== undefined) {
    if (typeof comment !== 'string') return undefined;
    checkComment(comment, ctx);
    out.comment = comment;
  }
  if (domain !== undefined) {
    if (typeof domain !== 'string') return undefined;
    // checkDomain: LDH labels are printable ASCII and 254 octets at most. An application sends
    // one domain again and again, so the last one found valid is remembered.
    if (domain !== lastValidDomain) {
      const start = domain.charCodeAt(0) === 0x2e ? 1 : 0;
      const size = domain.length - start;
      if (size === 0 || size > 253 || !isLdhName(domain, start)) return undefined;
      lastValidDomain = domain;
    }
    out.domain = domain;
  }
  if (path !== undefined) {
    if (typeof path !== 'string') return undefined;
    // checkPath: av-octets are printable ASCII
    if (path !== lastValidPath) {
      if (
        path.charCodeAt(0) !== 0x2f ||
        path.length > 1024 ||
        !AV_OCTETS.test(path) ||
        path.charCodeAt(path.length - 1) === 0x20
      ) {
        return undefined;
      }
      lastValidPath = path;
    }
    out.path = path;
  }
  if (secure !== undefined) {
    if (typeof secure !== 'boolean') return undefined;
    out.secure = secure;
  }
  if (httpOnly !== undefined) {
    if (typeof httpOnly !== 'boolean') return undefined;
    out.httpOnly = httpOnly;
  }
  if (version !== undefined) {
    if (typeof version !== 'number') return undefined;
    checkVersion(version, ctx);
    out.version = version;
  }
  if (maxAge !== undefined) {
    if (typeof maxAge !== 'number') return undefined;
    checkMaxAge(maxAge, ctx);
    out.maxAge = maxAge;
  }
  if (expires !== undefined) {
    if (!(expires instanceof Date) && typeof expires !== 'string' && typeof expires !== 'number') {
      return undefined;
    }
    const date = toExpires(expires, ctx);
    if (date !== undefined) out.expires = date;
  }
  if (sameSite !== undefined) {
    if (typeof sameSite !== 'string') return undefined;
    const v = lookup(SAME_SITE, sameSite, ctx);
    if (v !== undefined) out.sameSite = v;
  }
  if (partitioned !== undefined) {
    if (typeof partitioned !== 'boolean') return undefined;
    out.partitioned = partitioned;
  }
  if (priority !== undefined) {
    if (typeof priority !== 'string') return undefined;
    const v = lookup(PRIORITY, priority, ctx);
    if (v !== undefined) out.priority = v;
  }
  if (encoding !== undefined) {
    if (typeof encoding !== 'string') return undefined;
    // the usual spellings need no lookup
    const v = encoding === 'uri' ? encoding : lookup(ENCODING, encoding, ctx);
    if (v !== undefined) out.encoding = v;
  }
  if (profile !== undefined) {
    if (typeof profile !== 'string') return undefined;
    const v =
      profile === 'rfc2109' || profile === 'rfc6265' ? profile : lookup(PROFILE, profile, ctx);
    if (v !== undefined) out.profile = v;
  }
  if (ctx.failed) return undefined;
  if (!checkCrossFields(out)) return undefined;
  return out;
}

// The name, domain and path the fast path found valid last: each check depends on the string
// alone, and cookies of one kind repeat them.
let lastValidName: string | undefined;
let lastValidDomain: string | undefined;
let lastValidPath = '/';

// The value the rules encoded last, with its encoding and wire form (encoding depends on those
// two alone), so the Cookie built right after does not encode the value a second time.
let lastValue: string | undefined;
let lastEncoding: CookieEncoding | undefined;
let lastWire = '';

function rememberWire(value: string, encoding: CookieEncoding, wire: string): void {
  lastValue = value;
  lastEncoding = encoding;
  lastWire = wire;
}

/** The wire form of `value` under `encoding` when the rules have just computed it. */
export function knownWire(value: string, encoding: CookieEncoding): string | undefined {
  return value === lastValue && encoding === lastEncoding ? lastWire : undefined;
}

/** checkCookie's verdict for a configuration whose fields are valid and normalised. */
function checkCrossFields(c: ParsedCookieConfig): boolean {
  const encoding = c.encoding ?? 'uri';
  const value = c.value;
  if (encoding === 'uri' && isUriPlain(value)) {
    // Sent as it is, and no control character in it (checkValue)
    if (c.name.length + value.length > 4096) return false;
    rememberWire(value, encoding, value);
  } else {
    checkValue(c.name, value, encoding, failCtx);
    if (failCtx.failed) return false;
  }
  const domain = c.domain;
  if (c.profile === 'rfc6265') {
    if (c.version !== undefined || c.comment !== undefined) return false;
  } else if (domain !== undefined) {
    // RFC 2109 §4.3.2: a leading dot and an embedded one
    const dot = domain.indexOf('.', 1);
    if (domain.charCodeAt(0) !== 0x2e || dot === -1 || dot >= domain.length - 1) return false;
  }
  if (c.secure !== true && (c.sameSite === 'None' || c.partitioned === true)) return false;
  if (c.name.charCodeAt(0) === 0x5f) {
    checkPrefix(c.name, c as Record<string, unknown>, failCtx);
    if (failCtx.failed) return false;
  }
  return true;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
