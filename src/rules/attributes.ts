// The one table of cookie attributes. The zod schema (schema.ts), the fast check (check.ts),
// the serializer's order (cookie/serialize.ts), the Set-Cookie reader (parse/set-cookie.ts),
// the Cookie's getters and lint's attribute recognition are all derived from it. Adding an
// attribute: a row here, its rule in fields.ts, its tests and its docs.

import type { CookieIssue, CookieIssueCode } from '../errors.js';
import type { CookieEncoding } from './encoding.js';
import {
  checkComment,
  checkDomain,
  checkMaxAge,
  checkPath,
  checkVersion,
  quoteComment,
} from './fields.js';
import { RULE_SOURCES } from './sources.js';

/** SameSite enforcement modes (draft-ietf-httpbis-rfc6265bis §4.1.2.7). */
export type SameSite = 'Strict' | 'Lax' | 'None';
/** Chromium's retention priority (draft-west-cookie-priority). */
export type CookiePriority = 'Low' | 'Medium' | 'High';
/** `'rfc2109'`: the seed's semantics (Version, Comment, `.domain`); `'rfc6265'`: today's standard. */
export type CookieProfile = 'rfc2109' | 'rfc6265';

/** A closed set of values, read in any case and written in canonical case. */
export interface Choice<T extends string> {
  /** The field, for messages. */
  readonly field: string;
  /** The canonical spellings, in documentation order. */
  readonly values: readonly T[];
  /** The rule a value outside the set breaks. */
  readonly code: CookieIssueCode;
  /** Where the set is defined. */
  readonly source: string;
}

function choice<T extends string>(
  field: string,
  values: readonly T[],
  code: CookieIssueCode,
  source: string,
): Choice<T> {
  return Object.freeze({ field, values: Object.freeze([...values]), code, source });
}

/** The canonical spelling of `input` in `set` (exact or case-insensitive), or `undefined`. */
export function choose<T extends string>(set: Choice<T>, input: string): T | undefined {
  const values = set.values;
  for (let i = 0; i < values.length; i++) if (values[i] === input) return input as T;
  const lower = input.toLowerCase();
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as T;
    if (v.toLowerCase() === lower) return v;
  }
  return undefined;
}

/** The problem of a value outside `set`. */
export function choiceProblem(set: Choice<string>, input: string): CookieIssue {
  const shown = JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input);
  return {
    path: [set.field],
    code: set.code,
    message: `${set.field} ${shown} must be one of ${set.values.join(', ')}`,
    source: set.source,
  };
}

export const SAME_SITE = choice<SameSite>(
  'sameSite',
  ['Strict', 'Lax', 'None'],
  'same_site_value',
  RULE_SOURCES.sameSite,
);
export const PRIORITY = choice<CookiePriority>(
  'priority',
  ['Low', 'Medium', 'High'],
  'priority_value',
  RULE_SOURCES.priority,
);
export const ENCODING = choice<CookieEncoding>(
  'encoding',
  ['uri', 'raw', 'base64url'],
  'encoding_value',
  RULE_SOURCES.encodings,
);
export const PROFILE = choice<CookieProfile>(
  'profile',
  ['rfc2109', 'rfc6265'],
  'profile_value',
  RULE_SOURCES.profiles,
);

/**
 * How an attribute is given, checked, read and written:
 * - `flag`: a boolean; written as the bare name when true (`Secure`);
 * - `text`: a string checked by the row's rule, written as is (`Path=/`);
 * - `integer`: a number checked by the row's rule (`Version=1`), read as `1*DIGIT`;
 * - `lifetime`: seconds, or `{ days, hours, minutes, seconds }` in a configuration (`Max-Age`);
 * - `date`: a `Date`, ISO string or epoch ms, written as an IMF-fixdate (`Expires`);
 * - `choice`: one of a closed set, any case in, canonical case out (`SameSite=Lax`).
 */
export type AttributeKind = 'flag' | 'text' | 'integer' | 'lifetime' | 'date' | 'choice';

/** One attribute: its configuration key, its name on the wire, its kind and its rule. */
export interface AttributeRow {
  /** The key in a configuration object and the Cookie property. */
  readonly key: AttributeKey;
  /** Position in header order. */
  readonly index: number;
  /** The attribute name as written in a header. */
  readonly wire: string;
  /** The attribute name in lowercase, as readers compare it (6265bis §5.6). */
  readonly lower: string;
  /** What precedes the value in a header: `; Name=`, or `; Name` for a flag. */
  readonly prefix: string;
  readonly kind: AttributeKind;
  /** Only allowed under this profile (RFC 2109's attributes; RFC 6265 §9.3). */
  readonly only: CookieProfile | undefined;
  /** The field's rule (text, integer, lifetime): `undefined` when valid. */
  readonly check: ((value: never) => CookieIssue | undefined) | undefined;
  /** The closed set of a `choice`. */
  readonly choice: Choice<string> | undefined;
  /** How a `text` value is written, when not as it is. */
  readonly write: ((value: string) => string) | undefined;
}

interface RowSpec {
  readonly wire: string;
  readonly kind: AttributeKind;
  readonly only?: CookieProfile;
  readonly check?: (value: never) => CookieIssue | undefined;
  readonly choice?: Choice<string>;
  readonly write?: (value: string) => string;
}

/**
 * The attributes in header order, which is fixed and documented (6265bis §4.1.1: each at most
 * once, `; ` between parts, no space around `=`).
 */
const SPECS = {
  version: { wire: 'Version', kind: 'integer', only: 'rfc2109', check: checkVersion },
  comment: {
    wire: 'Comment',
    kind: 'text',
    only: 'rfc2109',
    check: checkComment,
    write: quoteComment,
  },
  domain: { wire: 'Domain', kind: 'text', check: checkDomain },
  path: { wire: 'Path', kind: 'text', check: checkPath },
  // Expires before Max-Age: every browser then uses Max-Age (WebKitGTK takes the later of the two)
  expires: { wire: 'Expires', kind: 'date' },
  maxAge: { wire: 'Max-Age', kind: 'lifetime', check: checkMaxAge },
  secure: { wire: 'Secure', kind: 'flag' },
  httpOnly: { wire: 'HttpOnly', kind: 'flag' },
  sameSite: { wire: 'SameSite', kind: 'choice', choice: SAME_SITE },
  partitioned: { wire: 'Partitioned', kind: 'flag' },
  priority: { wire: 'Priority', kind: 'choice', choice: PRIORITY },
} as const satisfies Record<string, RowSpec>;

/** The configuration key of a cookie attribute. */
export type AttributeKey = keyof typeof SPECS;
/** The row of each attribute as written, with its literal kind and choice (for the schema's types). */
export type AttributeSpecs = typeof SPECS;

/**
 * Every attribute, in header order. Each row has every field, in one order, so that code
 * reading any row sees one object shape; rows are read-only by type.
 */
export const ATTRIBUTES: readonly AttributeRow[] = Object.freeze(
  Object.entries(SPECS).map(
    ([key, spec]: [string, RowSpec], index): AttributeRow => ({
      key: key as AttributeKey,
      index,
      wire: spec.wire,
      lower: spec.wire.toLowerCase(),
      prefix: spec.kind === 'flag' ? `; ${spec.wire}` : `; ${spec.wire}=`,
      kind: spec.kind,
      only: spec.only,
      check: spec.check,
      choice: spec.choice,
      write: spec.write,
    }),
  ),
);

/** The attribute of each configuration key. */
export const ATTRIBUTE_BY_KEY: Readonly<Record<AttributeKey, AttributeRow>> = Object.freeze(
  Object.fromEntries(ATTRIBUTES.map((row) => [row.key, row])) as Record<AttributeKey, AttributeRow>,
);

/** The attribute of each lowercase wire name, as a Set-Cookie reader looks it up. */
export const ATTRIBUTE_BY_WIRE: ReadonlyMap<string, AttributeRow> = new Map(
  ATTRIBUTES.map((row) => [row.lower, row]),
);

/** The lowercase names an extension attribute may not take (6265bis §9.3). */
export const KNOWN_ATTRIBUTE_NAMES: ReadonlySet<string> = new Set(ATTRIBUTE_BY_WIRE.keys());

/** The configuration keys that are not attributes: what the cookie is and how it is written. */
export const OPTION_KEYS = Object.freeze([
  'name',
  'value',
  'encoding',
  'profile',
  'extensions',
] as const);

/** The most extension attributes a cookie may carry. */
export const MAX_EXTENSIONS = 32;

/** The longest lifetime browsers keep: 400 days in seconds (6265bis §5.5). */
export const MAX_LIFETIME_SECONDS = 400 * 24 * 60 * 60;
