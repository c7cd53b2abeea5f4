// Cookie.parse: a Set-Cookie line to a checked cookie, or every problem found in it. The
// attributes are recognised and read through the attribute table, and the result passes the
// same rules as `Cookie.from` (`finishCookie`, `checkConfig` and the schema).

import { type CookieIssue, CookieValidationError, describeValue, quote } from '../errors.js';
import {
  ATTRIBUTE_BY_WIRE,
  ATTRIBUTES,
  type AttributeRow,
  type CookieProfile,
  choose,
  ENCODING,
  KNOWN_ATTRIBUTE_NAMES,
  MAX_EXTENSIONS,
  PROFILE,
} from '../rules/attributes.js';
import { type CheckedCookie, checkConfig } from '../rules/check.js';
import { parseCookieDate } from '../rules/dates.js';
import { type CookieEncoding, decodeValue } from '../rules/encoding.js';
import { problem } from '../rules/fields.js';
import {
  codePointAt,
  firstControl,
  firstNonAscii,
  isCookieValue,
  isPrintable,
} from '../rules/grammar.js';
import { toCookieIssues } from '../rules/issues.js';
import { cookieConfigSchema } from '../rules/schema.js';
import { RULE_SOURCES } from '../rules/sources.js';
import { readCommonLine } from './common-line.js';
import { splitSetCookie, stripHeaderName } from './split.js';

/** Options of `Cookie.parse`: the rule set and the value encoding the header was written with. */
export interface SetCookieParseOptions {
  /** Profile to validate under; `'rfc2109'` (the default) or `'rfc6265'`. */
  readonly profile?: CookieProfile;
  /** How the value is encoded on the wire; `'uri'` by default, as in `Cookie.from`. */
  readonly encoding?: CookieEncoding;
}

/** The most attributes read from one line: every known one once, plus the extensions. */
export const MAX_ATTRIBUTES = MAX_EXTENSIONS + ATTRIBUTES.length;

function fail(
  name: string | undefined,
  issues: CookieIssue[],
  cause?: unknown,
): CookieValidationError {
  return new CookieValidationError(name, issues, cause);
}

/** Reads the options, each in any case; a problem when one is not valid or not readable. */
function readOptions(
  options: unknown,
): { profile: CookieProfile; encoding: CookieEncoding } | CookieValidationError {
  let profileInput: unknown;
  let encodingInput: unknown;
  try {
    profileInput = (options as { profile?: unknown }).profile;
    encodingInput = (options as { encoding?: unknown }).encoding;
  } catch {
    return fail(undefined, [
      problem([], 'invalid_type', 'the options could not be read', RULE_SOURCES.config),
    ]);
  }
  const profile =
    profileInput === undefined
      ? 'rfc2109'
      : typeof profileInput === 'string'
        ? choose(PROFILE, profileInput)
        : undefined;
  const encoding =
    encodingInput === undefined
      ? 'uri'
      : typeof encodingInput === 'string'
        ? choose(ENCODING, encodingInput)
        : undefined;
  if (profile !== undefined && encoding !== undefined) return { profile, encoding };
  const [set, input] = profile === undefined ? [PROFILE, profileInput] : [ENCODING, encodingInput];
  return fail(undefined, [
    problem(
      [set.field],
      set.code,
      `${set.field} ${typeof input === 'string' ? quote(input) : `of type ${typeof input}`} must be one of ${set.values.join(', ')}`,
      set.source,
    ),
  ]);
}

/**
 * Reads a Set-Cookie header value (the inverse of `Cookie#toString()`) into a checked cookie,
 * or the error listing every problem. See `Cookie.parse`.
 */
export function safeParseSetCookie(
  header: unknown,
  options?: unknown,
): CheckedCookie | CookieValidationError {
  let profile: CookieProfile = 'rfc2109';
  let encoding: CookieEncoding = 'uri';
  if (options !== undefined && options !== null) {
    const read = readOptions(options);
    if (read instanceof CookieValidationError) return read;
    ({ profile, encoding } = read);
  }
  if (typeof header !== 'string') {
    return fail(undefined, [
      problem([], 'invalid_type', 'a Set-Cookie header must be a string', RULE_SOURCES.config),
    ]);
  }
  const line = stripHeaderName(header);
  return readCommonLine(line, profile, encoding) ?? readLine(line, profile, encoding);
}

// ---------------------------------------------------------------------------------------------
// The general reader: any line, every problem reported

// RFC 2109 §4.1 quoted-string = ( <"> *(qdtext | quoted-pair) <"> ), quoted-pair = "\" CHAR
const QUOTED_STRING = /^"((?:[^"\\]|\\[\s\S])*)"$/;

/** The content of an RFC 2109 quoted-string with quoted-pairs resolved; `undefined` if malformed. */
export function unquoteQuotedString(text: string): string | undefined {
  const match = QUOTED_STRING.exec(text);
  if (match === null) return undefined;
  const inner = match[1] ?? '';
  return inner.includes('\\') ? inner.replace(/\\([\s\S])/g, '$1') : inner;
}

// RFC 6265 §4.1.1 max-age-av: 1*DIGIT; RFC 2109 §4.2.2 Version=1*DIGIT
const DIGITS = /^\d+$/;
const NEGATIVE = /^-\d+$/;

/**
 * Reads one valued attribute as its kind says: `1*DIGIT` for Max-Age and Version, the
 * 6265bis §5.1.1 date algorithm for Expires, a quoted-string for a quoted Comment, the text
 * itself otherwise (its rule is checked with the whole cookie). The value as a configuration
 * takes it, or the problem. Shared by `Cookie.parse` and `lintSetCookie`.
 */
export function readAttribute(row: AttributeRow, text: string): unknown | CookieIssue {
  switch (row.kind) {
    case 'lifetime':
      if (DIGITS.test(text)) return Number(text);
      return problem(
        [row.key],
        'max_age_integer',
        NEGATIVE.test(text)
          ? `Max-Age ${quote(text)} is negative: browsers delete the cookie at once; write Max-Age=0 for that`
          : `Max-Age ${quote(text)} is not a whole number of seconds; browsers ignore the attribute`,
        RULE_SOURCES.maxAge,
      );
    case 'integer':
      if (DIGITS.test(text)) return Number(text);
      return problem(
        [row.key],
        'version_value',
        `Version ${quote(text)} must be a non-negative integer`,
        RULE_SOURCES.version,
      );
    case 'date':
      return (
        parseCookieDate(text) ??
        problem(
          [row.key],
          'expires_date',
          `Expires ${quote(text)} is not a date; write it as an IMF-fixdate such as "Sun, 06 Nov 1994 08:49:37 GMT"`,
          RULE_SOURCES.expires,
        )
      );
    default: {
      if (row.write === undefined || !text.startsWith('"')) return text;
      // RFC 2109 §4.2.2: a Comment that is not a token is a quoted-string
      return (
        unquoteQuotedString(text) ??
        problem(
          [row.key],
          'parse',
          `${row.wire} ${quote(text)} is not a well-formed quoted-string`,
          RULE_SOURCES.comment,
        )
      );
    }
  }
}

/** True for a problem returned by `readAttribute`. */
export function isIssue(read: unknown): read is CookieIssue {
  return typeof read === 'object' && read !== null && !(read instanceof Date) && 'code' in read;
}

/** The problem of a line holding a control or non-ASCII character, by position. */
function charsOfLine(line: string): CookieIssue | undefined {
  if (isPrintable(line)) return undefined;
  const ctl = firstControl(line);
  if (ctl !== -1) {
    return problem(
      [],
      'control_character',
      `the header contains the control character ${codePointAt(line, ctl)} at index ${ctl}; browsers drop such a line`,
      RULE_SOURCES.ctl,
    );
  }
  const at = firstNonAscii(line);
  return problem(
    [],
    'non_ascii',
    `the header contains the non-ASCII character ${codePointAt(line, at)} at index ${at}; the Set-Cookie grammar is ASCII only`,
    RULE_SOURCES.ascii,
  );
}

/** @internal The general reader behind `Cookie.parse`: one line (header name stripped), any content. */
export function readLine(
  line: string,
  profile: CookieProfile,
  encoding: CookieEncoding,
): CheckedCookie | CookieValidationError {
  const chars = charsOfLine(line);
  if (chars !== undefined) return fail(undefined, [chars]);
  const raw = splitSetCookie(line, MAX_ATTRIBUTES);
  if (!raw.hasEquals) {
    return fail(undefined, [
      problem(
        ['name'],
        'parse',
        raw.value === ''
          ? 'the header is empty; expected "name=value"'
          : `the cookie-pair has no "=" (${describeValue(raw.value)}); expected "name=value"`,
        RULE_SOURCES.token,
      ),
    ]);
  }
  const issues: CookieIssue[] = [];
  const name = raw.name;
  const config: Record<string, unknown> = { name, value: '', profile, encoding };
  // RFC 6265 §4.1.1: cookie-value = *cookie-octet / ( DQUOTE *cookie-octet DQUOTE )
  if (!isCookieValue(raw.value)) {
    issues.push(
      problem(
        ['value'],
        'value_octets',
        `${describeValue(raw.value)} contains characters that are not cookie-octets (space, ", comma, ; or \\)`,
        RULE_SOURCES.octets,
      ),
    );
  } else {
    const decoded = decodeValue(raw.value, encoding);
    if (decoded === undefined) {
      issues.push(
        problem(
          ['value'],
          'value_encoding',
          `${describeValue(raw.value)} is not valid under encoding '${encoding}'; read it with the encoding it was written with`,
          RULE_SOURCES.encoding,
        ),
      );
    } else config.value = decoded;
  }
  readAttributes(raw, config, issues);
  const checked = checkConfig(config);
  if (checked !== undefined && issues.length === 0) return checked;
  if (checked !== undefined) return fail(name, issues);
  const parsed = cookieConfigSchema.safeParse(config);
  if (parsed.success) return fail(name, issues);
  return fail(name, [...issues, ...toCookieIssues(parsed.error)], parsed.error);
}

/** Reads the attributes of a split line into `config`, adding what cannot be read to `issues`. */
function readAttributes(
  raw: ReturnType<typeof splitSetCookie>,
  config: Record<string, unknown>,
  issues: CookieIssue[],
): void {
  const seen = new Set<string>();
  const extensions: { name: string; value?: string }[] = [];
  let tooMany = raw.omitted > 0;
  for (const attr of raw.attributes) {
    const row = ATTRIBUTE_BY_WIRE.get(attr.key);
    if (row === undefined) {
      if (extensions.length < MAX_EXTENSIONS) {
        extensions.push(
          attr.value === undefined ? { name: attr.name } : { name: attr.name, value: attr.value },
        );
      } else tooMany = true;
      continue;
    }
    const field = row.key;
    if (seen.has(field)) {
      issues.push(
        problem(
          [field],
          'duplicate_attribute',
          `attribute ${attr.name} is given twice; a cookie carries each attribute at most once`,
          RULE_SOURCES.extension,
        ),
      );
    }
    seen.add(field);
    if (row.kind === 'flag') {
      if (attr.value !== undefined) {
        issues.push(
          problem(
            [field],
            'flag_value',
            `attribute ${attr.name} is a flag and takes no value; write "${attr.name}" alone`,
            RULE_SOURCES.extension,
          ),
        );
      }
      config[field] = true;
      continue;
    }
    const text = attr.value ?? '';
    if (text.length > 1024) {
      issues.push(
        problem(
          [field],
          'attribute_too_long',
          `${field} is ${text.length} bytes; browsers ignore an attribute value longer than 1024 bytes`,
          RULE_SOURCES.attributeSize,
        ),
      );
      continue;
    }
    const read = readAttribute(row, text);
    if (isIssue(read)) issues.push(read);
    else config[field] = read;
  }
  if (extensions.length > 0) config.extensions = extensions;
  if (tooMany) {
    issues.push(
      problem(
        ['extensions'],
        'parse',
        `the header has more attributes than a cookie can carry (at most ${MAX_EXTENSIONS} extensions)`,
        RULE_SOURCES.extension,
      ),
    );
  }
}

/** The names an extension attribute may not take, for readers of foreign lines. */
export { KNOWN_ATTRIBUTE_NAMES };
