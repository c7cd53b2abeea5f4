import { Cookie, type CookieResult, cookieOf } from '../cookie/cookie.js';
import { type CookieIssue, CookieValidationError, quote } from '../errors.js';
import {
  COOKIE_ENCODINGS,
  COOKIE_VALUE,
  type CookieEncoding,
  decodeValue,
} from '../rules/encoding.js';
import {
  type CookieProfile,
  KNOWN_ATTRIBUTES,
  PROFILES,
  parseFieldsFast,
  RULE_SOURCES,
} from '../rules/schema.js';

/** Options of `Cookie.parse`: the rule set and the value encoding the header was written with. */
export interface SetCookieParseOptions {
  /** Profile to validate under; `'rfc2109'` (the default) or `'rfc6265'`. */
  readonly profile?: CookieProfile;
  /** How the value is encoded on the wire; `'uri'` by default, as in `Cookie.from`. */
  readonly encoding?: CookieEncoding;
}

/** One `;`-separated attribute of a Set-Cookie line, as written. */
export interface RawAttribute {
  /** The attribute name as written, trimmed. */
  readonly name: string;
  /** The name in lowercase, for lookup. */
  readonly key: string;
  /** The value after `=`, trimmed; `undefined` when there is no `=`. */
  readonly value: string | undefined;
  /** Whitespace around `=` (RFC 9110 BWS, which a sender must not generate). */
  readonly spaced: boolean;
}

/** A Set-Cookie line split into its parts, without any validation. */
export interface RawSetCookie {
  /** The cookie-pair had an `=`; without one there is no name (6265bis §5.6 step 3). */
  readonly hasEquals: boolean;
  readonly name: string;
  /** The wire value, trimmed, quotes kept. */
  readonly value: string;
  /** Whitespace around the `=` of the cookie-pair. */
  readonly spaced: boolean;
  readonly attributes: readonly RawAttribute[];
  /** Attributes beyond `maxAttributes`, counted but not kept. */
  readonly omitted: number;
  /** Empty parts (`;;` or a trailing `;`). */
  readonly emptyParts: number;
}

// RFC 9110 §5.6.3 OWS: SP / HTAB
function isOws(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** The first index in `[start, end)` that is not OWS, or `end`. */
function skipOws(text: string, start: number, end: number): number {
  while (start < end && isOws(text.charCodeAt(start))) start++;
  return start;
}

/** The end of `[start, end)` without trailing OWS. */
function trimEndOws(text: string, start: number, end: number): number {
  while (end > start && isOws(text.charCodeAt(end - 1))) end--;
  return end;
}

const SET_COOKIE_PREFIX = /^set-cookie[ \t]*:[ \t]*/i;

/** Removes a leading `Set-Cookie:` header name, in any case. */
export function stripHeaderName(header: string): string {
  // cheap first: only a line starting with "se" in any case can carry the header name
  if ((header.charCodeAt(0) | 0x20) !== 0x73 || (header.charCodeAt(1) | 0x20) !== 0x65) {
    return header;
  }
  return SET_COOKIE_PREFIX.test(header) ? header.replace(SET_COOKIE_PREFIX, '') : header;
}

/**
 * Splits a Set-Cookie line at `;` and `=` the way 6265bis §5.6 does: the first part is the
 * cookie-pair, split at its first `=`; every other part is an attribute split at its first `=`.
 * Work is linear in the length of the line; at most `maxAttributes` attributes are kept.
 */
export function splitSetCookie(line: string, maxAttributes: number): RawSetCookie {
  const length = line.length;
  let end = line.indexOf(';');
  if (end === -1) end = length;
  const eq = line.indexOf('=');
  const hasEquals = eq !== -1 && eq < end;
  let name = '';
  let value: string;
  let spaced = false;
  if (hasEquals) {
    const ns = skipOws(line, 0, eq);
    const ne = trimEndOws(line, ns, eq);
    const vs = skipOws(line, eq + 1, end);
    const ve = trimEndOws(line, vs, end);
    name = line.slice(ns, ne);
    value = line.slice(vs, ve);
    spaced = ne < eq || vs > eq + 1;
  } else {
    const vs = skipOws(line, 0, end);
    value = line.slice(vs, trimEndOws(line, vs, end));
  }
  const attributes: RawAttribute[] = [];
  let omitted = 0;
  let emptyParts = 0;
  let start = end + 1;
  let nextEq = eq;
  while (start <= length && end < length) {
    end = line.indexOf(';', start);
    if (end === -1) end = length;
    const s = skipOws(line, start, end);
    const e = trimEndOws(line, s, end);
    start = end + 1;
    if (s === e) {
      emptyParts++;
      continue;
    }
    if (attributes.length >= maxAttributes) {
      omitted++;
      continue;
    }
    // the next "=" is searched again only once it lies behind: linear on any input
    if (nextEq !== -1 && nextEq < s) nextEq = line.indexOf('=', s);
    const at = nextEq;
    if (at === -1 || at >= e) {
      const attrName = line.slice(s, e);
      attributes.push({
        name: attrName,
        key: attrName.toLowerCase(),
        value: undefined,
        spaced: false,
      });
    } else {
      const ns = s;
      const ne = trimEndOws(line, ns, at);
      const vs = skipOws(line, at + 1, e);
      const ve = e;
      const attrName = line.slice(ns, ne);
      attributes.push({
        name: attrName,
        key: attrName.toLowerCase(),
        value: line.slice(vs, ve),
        spaced: ne < at || vs > at + 1,
      });
    }
  }
  return { hasEquals, name, value, spaced, attributes, omitted, emptyParts };
}

// ---------------------------------------------------------------------------------------------
// Dates

// 6265bis §5.1.1: delimiter = %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E
const DATE_DELIMITERS = /[\x09\x20-\x2F\x3B-\x40\x5B-\x60\x7B-\x7E]+/;
// 6265bis §5.1.1: hms-time = time-field ":" time-field ":" time-field, then non-digit *OCTET
const DATE_TIME = /^(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\D|$)/;
// 6265bis §5.1.1: day-of-month = 1*2DIGIT [ non-digit *OCTET ]
const DATE_DAY = /^(\d{1,2})(?:\D|$)/;
// 6265bis §5.1.1: year = 2*4DIGIT [ non-digit *OCTET ]
const DATE_YEAR = /^(\d{2,4})(?:\D|$)/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * Parses an Expires value with the browsers' cookie-date algorithm (6265bis §5.1.1): it reads
 * IMF-fixdate, RFC 850 and asctime dates and the Netscape `Wdy, DD-Mon-YYYY` form, two-digit
 * years included. Returns `undefined` when browsers would ignore the attribute.
 */
export function parseCookieDate(text: string): Date | undefined {
  // the usual form first: for an IMF-fixdate the algorithm below finds exactly these fields
  if (text.length === 29 && IMF_FIXDATE.test(text)) {
    return cookieDate(
      fourDigits(text, 12),
      IMF_MONTHS.indexOf(text.slice(8, 11)) / 3,
      twoDigits(text, 5),
      twoDigits(text, 17),
      twoDigits(text, 20),
      twoDigits(text, 23),
    );
  }
  return parseCookieDateTokens(text);
}

/** The 6265bis §5.1.1 cookie-date algorithm itself, token by token (see `parseCookieDate`). */
export function parseCookieDateTokens(text: string): Date | undefined {
  if (text.length > 1024) return undefined;
  let time: RegExpExecArray | undefined;
  let day: number | undefined;
  let month: number | undefined;
  let year: number | undefined;
  for (const token of text.split(DATE_DELIMITERS)) {
    if (token === '') continue;
    const hms = time === undefined ? DATE_TIME.exec(token) : null;
    if (hms !== null) {
      time = hms;
      continue;
    }
    const dayMatch = day === undefined ? DATE_DAY.exec(token) : null;
    if (dayMatch !== null) {
      day = Number(dayMatch[1]);
      continue;
    }
    const monthIndex = month === undefined ? MONTHS.indexOf(token.slice(0, 3).toLowerCase()) : -1;
    if (monthIndex !== -1) {
      month = monthIndex;
      continue;
    }
    const yearMatch = year === undefined ? DATE_YEAR.exec(token) : null;
    if (yearMatch !== null) year = Number(yearMatch[1]);
  }
  if (time === undefined || day === undefined || month === undefined || year === undefined) {
    return undefined;
  }
  return cookieDate(year, month, day, Number(time[1]), Number(time[2]), Number(time[3]));
}

/** Steps 3-7 of 6265bis §5.1.1: the two-digit year rule, the range checks and the date. */
function cookieDate(
  year: number,
  month: number,
  day: number,
  hours: number,
  minutes: number,
  seconds: number,
): Date | undefined {
  if (year >= 70 && year <= 99) year += 1900;
  else if (year >= 0 && year <= 69) year += 2000;
  if (day < 1 || day > 31 || year < 1601 || hours > 23 || minutes > 59 || seconds > 59) {
    return undefined;
  }
  const date = new Date(Date.UTC(year, month, day, hours, minutes, seconds));
  // Date.UTC maps years 0-99 to 1900-1999 and rolls 31 Feb over to March: reject both.
  date.setUTCFullYear(year, month, day);
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month) return undefined;
  return date;
}

const IMF_MONTHS = 'JanFebMarAprMayJunJulAugSepOctNovDec';

/** The two decimal digits at `at` (checked by the caller) as a number. */
function twoDigits(text: string, at: number): number {
  return (text.charCodeAt(at) - 0x30) * 10 + text.charCodeAt(at + 1) - 0x30;
}

/** The four decimal digits at `at` (checked by the caller) as a number. */
function fourDigits(text: string, at: number): number {
  return twoDigits(text, at) * 100 + twoDigits(text, at + 2);
}

// RFC 9110 §5.6.7 IMF-fixdate, case-sensitive names
const IMF_FIXDATE =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** True when `text` is the IMF-fixdate form of `date` (RFC 9110 §5.6.7), day name included. */
export function isImfFixdate(text: string, date: Date): boolean {
  return IMF_FIXDATE.test(text) && date.toUTCString() === text;
}

// ---------------------------------------------------------------------------------------------
// Cookie.parse

/** The attributes cookiesmith maps onto config fields, by lowercase name. */
export const ATTRIBUTE_FIELDS: ReadonlyMap<string, string> = new Map([
  ['expires', 'expires'],
  ['max-age', 'maxAge'],
  ['domain', 'domain'],
  ['path', 'path'],
  ['secure', 'secure'],
  ['httponly', 'httpOnly'],
  ['samesite', 'sameSite'],
  ['partitioned', 'partitioned'],
  ['priority', 'priority'],
  ['version', 'version'],
  ['comment', 'comment'],
]);

/** Attributes that are flags: a value after `=` is not part of their grammar. */
export const FLAG_ATTRIBUTES: ReadonlySet<string> = new Set(['secure', 'httponly', 'partitioned']);

/** The most extension attributes a cookie may carry (as `cookieConfigSchema` allows). */
export const MAX_EXTENSIONS = 32;
/** The most attributes read from one line: every known one once, plus the extensions. */
export const MAX_ATTRIBUTES = MAX_EXTENSIONS + KNOWN_ATTRIBUTES.length;

// RFC 2109 §4.1 quoted-string = ( <"> *(qdtext | quoted-pair) <"> ), quoted-pair = "\" CHAR
const QUOTED_STRING = /^"((?:[^"\\]|\\[\s\S])*)"$/;

/** The content of an RFC 2109 quoted-string with quoted-pairs resolved; `undefined` if malformed. */
export function unquoteQuotedString(text: string): string | undefined {
  const match = QUOTED_STRING.exec(text);
  if (match === null) return undefined;
  const inner = match[1] ?? '';
  return inner.includes('\\') ? inner.replace(/\\([\s\S])/g, '$1') : inner;
}

// RFC 6265 §4.1.1 max-age-av: 1*DIGIT
const MAX_AGE = /^\d+$/;
const NEGATIVE = /^-\d+$/;
// RFC 2109 §4.2.2: Version=1*DIGIT
const VERSION = /^\d+$/;
// RFC 9110 §5.5; 6265bis §5.6 step 1
const CTL = /[\x00-\x1F\x7F]/;
const NON_ASCII = /[^\x00-\x7F]/;
const PRINTABLE = /^[\x20-\x7E]*$/;

function issue(
  path: (string | number)[],
  code: CookieIssue['code'],
  message: string,
  source: string,
): CookieIssue {
  return { path, code, message, source };
}

function fail(name: string | undefined, issues: CookieIssue[]): CookieResult {
  return { success: false, error: new CookieValidationError(name, issues) };
}

function pick<T extends string>(values: readonly T[], input: unknown, fallback: T): T | undefined {
  if (input === undefined) return fallback;
  if (typeof input !== 'string') return undefined;
  if ((values as readonly string[]).includes(input)) return input as T;
  const lower = input.toLowerCase();
  return values.find((v) => v === lower);
}

function readOptions(options: unknown): {
  profile: CookieProfile | undefined;
  encoding: CookieEncoding | undefined;
  profileInput: unknown;
  encodingInput: unknown;
} {
  let profileInput: unknown;
  let encodingInput: unknown;
  if (options !== undefined && options !== null) {
    try {
      profileInput = (options as { profile?: unknown }).profile;
      encodingInput = (options as { encoding?: unknown }).encoding;
    } catch {
      profileInput = Symbol('unreadable');
    }
  }
  return {
    profile: pick(PROFILES, profileInput, 'rfc2109'),
    encoding: pick(COOKIE_ENCODINGS, encodingInput, 'uri'),
    profileInput,
    encodingInput,
  };
}

/**
 * Reads a Set-Cookie header value (the inverse of `Cookie#toString()`) into a validated
 * cookie, or the reason it cannot be one. See `Cookie.parse`.
 */
export function safeParseSetCookie(header: unknown, options?: unknown): CookieResult {
  let profile: CookieProfile = 'rfc2109';
  let encoding: CookieEncoding = 'uri';
  if (options !== undefined) {
    const opts = readOptions(options);
    if (opts.profile === undefined || opts.encoding === undefined) {
      const [field, code, values, source] =
        opts.profile === undefined
          ? (['profile', 'profile_value', PROFILES, 'cookiesmith profiles'] as const)
          : (['encoding', 'encoding_value', COOKIE_ENCODINGS, 'cookiesmith encodings'] as const);
      const input = field === 'profile' ? opts.profileInput : opts.encodingInput;
      return fail(undefined, [
        issue(
          [field],
          code,
          `${field} ${quote(String(input))} must be one of ${values.join(', ')}`,
          source,
        ),
      ]);
    }
    profile = opts.profile;
    encoding = opts.encoding;
  }
  if (typeof header !== 'string') {
    return fail(undefined, [
      issue([], 'invalid_type', 'a Set-Cookie header must be a string', RULE_SOURCES.config),
    ]);
  }
  const line = stripHeaderName(header);
  return parseSetCookieFast(line, profile, encoding) ?? parseSetCookieLine(line, profile, encoding);
}

/**
 * The general reader behind `Cookie.parse`: one line (header name already stripped) to a
 * cookie or every problem found in it. Internal; `parseSetCookieFast` must agree with it.
 */
export function parseSetCookieLine(
  line: string,
  profile: CookieProfile,
  encoding: CookieEncoding,
): CookieResult {
  // one pass for the common case: printable ASCII only
  const printable = PRINTABLE.test(line);
  const ctl = printable ? -1 : line.search(CTL);
  if (ctl !== -1) {
    const hex = line.charCodeAt(ctl).toString(16).padStart(2, '0').toUpperCase();
    return fail(undefined, [
      issue(
        [],
        'control_character',
        `the header contains the control character 0x${hex} at index ${ctl}; browsers drop such a line`,
        RULE_SOURCES.ctl,
      ),
    ]);
  }
  const nonAscii = printable ? -1 : line.search(NON_ASCII);
  if (nonAscii !== -1) {
    return fail(undefined, [
      issue(
        [],
        'non_ascii',
        `the header contains a non-ASCII character at index ${nonAscii}; the Set-Cookie grammar is ASCII only`,
        RULE_SOURCES.ascii,
      ),
    ]);
  }
  const raw = splitSetCookie(line, MAX_ATTRIBUTES);
  if (!raw.hasEquals) {
    return fail(undefined, [
      issue(
        ['name'],
        'parse',
        raw.value === ''
          ? 'the header is empty; expected "name=value"'
          : `the cookie-pair ${quote(raw.value)} has no "="; expected "name=value"`,
        RULE_SOURCES.token,
      ),
    ]);
  }

  const issues: CookieIssue[] = [];
  const name = raw.name;
  const config: Record<string, unknown> = { name, value: '', profile, encoding };

  // RFC 6265 §4.1.1: cookie-value = *cookie-octet / ( DQUOTE *cookie-octet DQUOTE )
  if (!COOKIE_VALUE.test(raw.value)) {
    issues.push(
      issue(
        ['value'],
        'value_octets',
        `value ${quote(raw.value)} contains characters that are not cookie-octets (space, ", comma, ; or \\)`,
        RULE_SOURCES.octets,
      ),
    );
  } else {
    const decoded = decodeValue(raw.value, encoding);
    if (decoded === undefined) {
      issues.push(
        issue(
          ['value'],
          'value_encoding',
          `value ${quote(raw.value)} is not valid under encoding '${encoding}'; read it with the encoding it was written with`,
          RULE_SOURCES.encoding,
        ),
      );
    } else {
      config.value = decoded;
    }
  }

  const seen = new Set<string>();
  const extensions: { name: string; value?: string }[] = [];
  let tooMany = raw.omitted > 0;
  for (const attr of raw.attributes) {
    const field = ATTRIBUTE_FIELDS.get(attr.key);
    if (field === undefined) {
      if (extensions.length < MAX_EXTENSIONS) {
        extensions.push(
          attr.value === undefined ? { name: attr.name } : { name: attr.name, value: attr.value },
        );
      } else {
        tooMany = true;
      }
      continue;
    }
    if (seen.has(field)) {
      issues.push(
        issue(
          [field],
          'parse',
          `attribute ${attr.name} is given twice; a cookie carries each attribute at most once`,
          RULE_SOURCES.extension,
        ),
      );
    }
    seen.add(field);
    const value = attr.value;
    if (FLAG_ATTRIBUTES.has(attr.key)) {
      if (value !== undefined) {
        issues.push(
          issue(
            [field],
            'parse',
            `attribute ${attr.name} is a flag and takes no value; write "${attr.name}" alone`,
            RULE_SOURCES.extension,
          ),
        );
      }
      config[field] = true;
      continue;
    }
    const text = value ?? '';
    if (text.length > 1024) {
      issues.push(
        issue(
          [field],
          'attribute_too_long',
          `${field} is ${text.length} bytes; browsers ignore an attribute value longer than 1024 bytes`,
          RULE_SOURCES.attributeSize,
        ),
      );
      continue;
    }
    const problem = readAttribute(field, text, config);
    if (problem !== undefined) issues.push(problem);
  }
  if (extensions.length > 0) config.extensions = extensions;
  if (tooMany) {
    issues.push(
      issue(
        ['extensions'],
        'parse',
        `the header has more attributes than a cookie can carry (at most ${MAX_EXTENSIONS} extensions)`,
        RULE_SOURCES.extension,
      ),
    );
  }

  const result = Cookie.safeFrom(config);
  if (issues.length === 0) return result;
  if (result.success) return fail(name, issues);
  return {
    success: false,
    error: new CookieValidationError(
      name,
      [...issues, ...result.error.issues],
      result.error.cause as ConstructorParameters<typeof CookieValidationError>[2],
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// The fast path: the common line read with a few native string operations, no parts objects

/**
 * The common line: a token name, a plain cookie-value, then parts `;` *SP known-attribute, with
 * `1*DIGIT` after Max-Age and Version, no value after a flag, and printable ASCII values after
 * the others. A match means the whole line is printable ASCII (RFC 9110 §5.5). The `i` flag
 * reaches the attribute names only: every character class here holds both cases of each letter
 * it holds, and without the `u` flag no non-ASCII character matches an ASCII one.
 */
const COMMON_LINE =
  /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+=[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*(?:;\x20*(?:secure|httponly|partitioned|(?:max-age|version)=\d{1,15}|(?:expires|domain|path|samesite|priority|comment)(?:=[\x20-\x3A\x3C-\x7E]*)?))*$/i;
/** Longer lines take the general path, which bounds its own work. */
const MAX_FAST_LINE = 16_384;

// The known attributes by their index in ATTRIBUTE_FIELDS; a bit per index marks one as seen.
const FAST_NAMES: readonly string[] = [...ATTRIBUTE_FIELDS.keys()];
const FAST_FIELDS: readonly string[] = [...ATTRIBUTE_FIELDS.values()];
const F_EXPIRES = FAST_NAMES.indexOf('expires');
const F_MAX_AGE = FAST_NAMES.indexOf('max-age');
const F_DOMAIN = FAST_NAMES.indexOf('domain');
const F_PATH = FAST_NAMES.indexOf('path');
const F_SECURE = FAST_NAMES.indexOf('secure');
const F_HTTP_ONLY = FAST_NAMES.indexOf('httponly');
const F_SAME_SITE = FAST_NAMES.indexOf('samesite');
const F_PARTITIONED = FAST_NAMES.indexOf('partitioned');
const F_PRIORITY = FAST_NAMES.indexOf('priority');
const F_VERSION = FAST_NAMES.indexOf('version');
const F_COMMENT = FAST_NAMES.indexOf('comment');
const FLAG_BITS = (1 << F_SECURE) | (1 << F_HTTP_ONLY) | (1 << F_PARTITIONED);

/** The index of the known attribute name that `COMMON_LINE` matched at `start`. */
function knownAttributeAt(line: string, start: number): number {
  switch (line.charCodeAt(start) | 0x20) {
    case 0x63: // c
      return F_COMMENT;
    case 0x64: // d
      return F_DOMAIN;
    case 0x65: // e
      return F_EXPIRES;
    case 0x68: // h
      return F_HTTP_ONLY;
    case 0x6d: // m
      return F_MAX_AGE;
    case 0x76: // v
      return F_VERSION;
    case 0x73: // s: secure, samesite
      return (line.charCodeAt(start + 1) | 0x20) === 0x65 ? F_SECURE : F_SAME_SITE;
    default: // p: path, partitioned, priority
      if ((line.charCodeAt(start + 1) | 0x20) === 0x72) return F_PRIORITY;
      return (line.charCodeAt(start + 3) | 0x20) === 0x68 ? F_PATH : F_PARTITIONED;
  }
}

/**
 * `Cookie.parse` for the common line (see `COMMON_LINE`) with known attributes each at most
 * once and every value readable. Returns `undefined` for any other line, which
 * `parseSetCookieLine` then reads and reports on; where it answers, it answers as that does.
 */
export function parseSetCookieFast(
  line: string,
  profile: CookieProfile,
  encoding: CookieEncoding,
): CookieResult | undefined {
  const length = line.length;
  if (length > MAX_FAST_LINE || !COMMON_LINE.test(line)) return undefined;
  const eq = line.indexOf('=');
  let end = line.indexOf(';', eq);
  if (end === -1) end = length;
  const value = decodeValue(line.slice(eq + 1, end), encoding);
  if (value === undefined) return undefined;
  const config: Record<string, unknown> = { name: line.slice(0, eq), value, profile, encoding };
  let seen = 0;
  // here line[end] is ";" or end === length
  while (end < length) {
    let start = end + 1;
    while (line.charCodeAt(start) === 0x20) start++;
    const index = knownAttributeAt(line, start);
    const bit = 1 << index;
    if ((seen & bit) !== 0) return undefined;
    seen |= bit;
    const i = start + (FAST_NAMES[index] as string).length;
    // named stores: one computed-key store site for every field would be megamorphic
    if ((FLAG_BITS & bit) !== 0) {
      end = i;
      if (index === F_SECURE) config.secure = true;
      else if (index === F_HTTP_ONLY) config.httpOnly = true;
      else config.partitioned = true;
    } else if (index === F_MAX_AGE || index === F_VERSION) {
      // RFC 6265 §4.1.1 max-age-av, RFC 2109 §4.2.2 Version: 1*DIGIT, read as decimal
      let n = 0;
      for (end = i + 1; end < length && line.charCodeAt(end) !== 0x3b; end++) {
        n = n * 10 + line.charCodeAt(end) - 0x30;
      }
      if (index === F_MAX_AGE) config.maxAge = n;
      else config.version = n;
    } else {
      let text = '';
      if (line.charCodeAt(i) === 0x3d) {
        let textStart = i + 1;
        end = line.indexOf(';', textStart);
        if (end === -1) end = length;
        let textEnd = end;
        while (textStart < textEnd && line.charCodeAt(textStart) === 0x20) textStart++;
        while (textEnd > textStart && line.charCodeAt(textEnd - 1) === 0x20) textEnd--;
        if (textEnd - textStart > 1024) return undefined;
        text = line.slice(textStart, textEnd);
      } else {
        end = i;
      }
      if (index === F_DOMAIN) config.domain = text;
      else if (index === F_PATH) config.path = text;
      else if (readAttribute(FAST_FIELDS[index] as string, text, config) !== undefined) {
        return undefined;
      }
    }
  }
  // The fields straight to the fast checks (the object has no `undefined` value and no other
  // key, so parseConfigFast would give the same); the schema words the issues otherwise.
  const parsed = parseFieldsFast(
    config.name,
    config.value,
    config.comment,
    config.domain,
    config.path,
    config.secure,
    config.httpOnly,
    config.version,
    config.maxAge,
    config.expires,
    config.sameSite,
    config.partitioned,
    config.priority,
    config.encoding,
    config.profile,
  );
  return parsed === undefined
    ? Cookie.safeFrom(config)
    : { success: true, cookie: cookieOf(parsed) };
}

/**
 * Reads one valued attribute (`Max-Age`, `Expires`, `Version`, `Comment`, or a string one)
 * into `config`; returns the problem when it cannot be read. Shared by `Cookie.parse` and
 * `lintSetCookie`.
 */
export function readAttribute(
  field: string,
  text: string,
  config: Record<string, unknown>,
): CookieIssue | undefined {
  switch (field) {
    case 'maxAge':
      if (!MAX_AGE.test(text)) {
        return issue(
          ['maxAge'],
          'max_age_integer',
          NEGATIVE.test(text)
            ? `Max-Age ${quote(text)} is negative: browsers delete the cookie at once; write Max-Age=0 for that`
            : `Max-Age ${quote(text)} is not a whole number of seconds; browsers ignore the attribute`,
          RULE_SOURCES.maxAge,
        );
      }
      config.maxAge = Number(text);
      return undefined;
    case 'expires': {
      const date = parseCookieDate(text);
      if (date === undefined) {
        return issue(
          ['expires'],
          'expires_date',
          `Expires ${quote(text)} is not a date; write it as an IMF-fixdate such as "Sun, 06 Nov 1994 08:49:37 GMT"`,
          RULE_SOURCES.expires,
        );
      }
      config.expires = date;
      return undefined;
    }
    case 'version':
      if (!VERSION.test(text)) {
        return issue(
          ['version'],
          'version_value',
          `Version ${quote(text)} must be a non-negative integer`,
          RULE_SOURCES.version,
        );
      }
      config.version = Number(text);
      return undefined;
    case 'comment': {
      if (!text.startsWith('"')) {
        config.comment = text;
        return undefined;
      }
      const comment = unquoteQuotedString(text);
      if (comment === undefined) {
        return issue(
          ['comment'],
          'parse',
          `Comment ${quote(text)} is not a well-formed quoted-string`,
          RULE_SOURCES.comment,
        );
      }
      config.comment = comment;
      return undefined;
    }
    default:
      // domain, path, sameSite, priority: the schema checks and normalises them
      config[field] = text;
      return undefined;
  }
}
