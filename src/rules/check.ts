// The fast validation entry: a configuration object in, the checked and normalised cookie out
// (with its encoded value), or `undefined` when anything is wrong or unusual, for the zod
// schema to word every issue. It calls the same rule functions as the schema and gives the
// same verdict (spec/fast-path.spec.ts keeps the two equal with fast-check).

import {
  ATTRIBUTE_BY_KEY,
  ATTRIBUTES,
  type AttributeKey,
  type AttributeRow,
  type CookieProfile,
  choose,
  ENCODING,
  KNOWN_ATTRIBUTE_NAMES,
  MAX_EXTENSIONS,
  OPTION_KEYS,
  PROFILE,
} from './attributes.js';
import {
  checkDomainProfile,
  duplicateExtensionProblems,
  secureProblems,
  wireValue,
} from './cookie-rules.js';
import { expiresTime } from './dates.js';
import type { CookieEncoding } from './encoding.js';
import { checkExtension, checkName } from './fields.js';

/** An extension attribute: `Name=value`, or a bare `Name` when `value` is absent. */
export interface CookieExtension {
  /** The attribute name, a token that is not one of the known attributes. */
  readonly name: string;
  /** The attribute value (av-octets, no `;`); absent for a bare attribute. */
  readonly value?: string;
}

/**
 * The value of an attribute in a checked cookie: a string, a number (Max-Age, Version, and
 * Expires as epoch milliseconds at second precision), `true` for a flag that is set;
 * `undefined` when the attribute is absent.
 */
export type AttributeValue = string | number | true | undefined;

/** A valid, normalised cookie: everything a `Cookie` holds, with its value's wire form. */
export class CheckedCookie {
  constructor(
    readonly name: string,
    /** The logical value. */
    readonly value: string,
    /** The value as written on the wire, by `encoding`. */
    readonly wire: string,
    readonly encoding: CookieEncoding,
    readonly profile: CookieProfile,
    /** Attribute values by their index in `ATTRIBUTES`; never changed once checked. */
    readonly attributes: readonly AttributeValue[],
    /** Frozen extensions, each frozen; `undefined` when there are none. */
    readonly extensions: readonly CookieExtension[] | undefined,
  ) {}

  /** The value of an attribute. */
  get(key: AttributeKey): AttributeValue {
    return this.attributes[ATTRIBUTE_BY_KEY[key].index];
  }
}

// One slot per row of `ATTRIBUTES`, none set; never written, only copied (a copy of a packed
// array is one block copy, where filling a new one is a call per slot).
const NO_ATTRIBUTES: readonly AttributeValue[] = new Array(ATTRIBUTES.length).fill(undefined);

/** Attribute values being gathered, one slot per row of `ATTRIBUTES`, none set. */
export function emptyAttributes(): AttributeValue[] {
  return NO_ATTRIBUTES.slice();
}

/** What a configuration key is: an attribute of the table, or one of the cookie's options. */
interface KeyRole {
  readonly key: string;
  readonly row: AttributeRow | undefined;
}

const ROLE_LIST: readonly KeyRole[] = [
  ...ATTRIBUTES.map((row) => ({ key: row.key, row })),
  ...OPTION_KEYS.map((key) => ({ key, row: undefined })),
];

/** Where a key's role is kept in `SLOTS`: from its length and its first letter. */
function slotOf(key: string): number {
  return ((key.length & 15) << 5) | (key.charCodeAt(0) & 31);
}

/**
 * The role of each configuration key at `slotOf(key)`, so that finding it is one array read
 * and one comparison of the key. A key whose slot another key took first is found in `ROLES`.
 */
const SLOTS: readonly (KeyRole | undefined)[] = ROLE_LIST.reduce((slots, role) => {
  slots[slotOf(role.key)] ??= role;
  return slots;
}, new Array<KeyRole | undefined>(512).fill(undefined));
const ROLES: ReadonlyMap<string, KeyRole> = new Map(ROLE_LIST.map((role) => [role.key, role]));

/** The role of a configuration key, or `undefined` for a key that is not one. */
function roleOf(key: string): KeyRole | undefined {
  const role = SLOTS[slotOf(key)];
  return role !== undefined && role.key === key ? role : ROLES.get(key);
}

const INVALID: unique symbol = Symbol('invalid');

/**
 * The normalised value of one attribute as a configuration gives it, `undefined` for `false`
 * (an unset flag), or `INVALID`. A Max-Age given as a duration object is left to the schema,
 * which adds it up.
 */
function acceptAttribute(row: AttributeRow, v: unknown): AttributeValue | typeof INVALID {
  switch (row.kind) {
    case 'flag':
      return v === true ? true : v === false ? undefined : INVALID;
    case 'text':
      return typeof v === 'string' && (row.check as (s: string) => unknown)(v) === undefined
        ? v
        : INVALID;
    case 'integer':
    case 'lifetime':
      return typeof v === 'number' && (row.check as (n: number) => unknown)(v) === undefined
        ? v
        : INVALID;
    case 'date': {
      if (!(v instanceof Date) && typeof v !== 'string' && typeof v !== 'number') return INVALID;
      const time = expiresTime(v);
      return typeof time === 'number' ? time : INVALID;
    }
    case 'choice':
      return typeof v === 'string' ? (choose(row.choice as never, v) ?? INVALID) : INVALID;
  }
}

/** A plain object: its prototype is `Object.prototype` or `null` (no class, no Proxy trap). */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Frozen, checked extensions; `undefined` for an empty list. */
function acceptExtensions(v: unknown): readonly CookieExtension[] | undefined | typeof INVALID {
  if (!Array.isArray(v) || v.length > MAX_EXTENSIONS) return INVALID;
  if (v.length === 0) return undefined;
  const out: CookieExtension[] = [];
  const names: string[] = [];
  for (let i = 0; i < v.length; i++) {
    const e: unknown = v[i];
    if (!isPlainObject(e)) return INVALID;
    for (const key in e) if (key !== 'name' && key !== 'value') return INVALID;
    const { name, value } = e;
    if (typeof name !== 'string' || (value !== undefined && typeof value !== 'string')) {
      return INVALID;
    }
    const ext = value === undefined ? { name } : { name, value };
    if (checkExtension(ext, i, KNOWN_ATTRIBUTE_NAMES).length > 0) return INVALID;
    out.push(Object.freeze(ext));
    names.push(name);
  }
  if (duplicateExtensionProblems(names).length > 0) return INVALID;
  return Object.freeze(out);
}

/**
 * Checks a configuration object against every rule (see `cookieConfigSchema`) and returns the
 * cookie, or `undefined` when it breaks a rule or holds anything unusual (an unknown key, a
 * duration object, a value of another type, an object that is not plain), for the schema to
 * report. Reads each of the caller's properties once; the caller guards against getters that
 * throw.
 */
export function checkConfig(input: unknown): CheckedCookie | undefined {
  if (!isPlainObject(input)) return undefined;
  let name: unknown;
  let value: unknown;
  let encoding: CookieEncoding = 'uri';
  let profile: CookieProfile = 'rfc2109';
  let extensions: readonly CookieExtension[] | undefined;
  const attributes = emptyAttributes();
  for (const key in input) {
    const v = input[key];
    if (v === undefined) continue;
    const role = roleOf(key);
    if (role === undefined) return undefined;
    const row = role.row;
    if (row !== undefined) {
      const accepted = acceptAttribute(row, v);
      if (accepted === INVALID) return undefined;
      attributes[row.index] = accepted;
    } else if (key === 'name') name = v;
    else if (key === 'value') value = v;
    else if (key === 'encoding') {
      const e = typeof v === 'string' ? choose(ENCODING, v) : undefined;
      if (e === undefined) return undefined;
      encoding = e;
    } else if (key === 'profile') {
      const p = typeof v === 'string' ? choose(PROFILE, v) : undefined;
      if (p === undefined) return undefined;
      profile = p;
    } else {
      const e = acceptExtensions(v);
      if (e === INVALID) return undefined;
      extensions = e;
    }
  }
  if (typeof name !== 'string' || typeof value !== 'string') return undefined;
  return finishCookie(name, value, encoding, profile, attributes, extensions);
}

/**
 * The rules across fields, on attributes that each passed their own rule, and the profile's
 * normalisation: the checked cookie, or `undefined` when a rule is broken. Shared by
 * `checkConfig` and the Set-Cookie reader.
 */
export function finishCookie(
  name: string,
  value: string,
  encoding: CookieEncoding,
  profile: CookieProfile,
  attributes: AttributeValue[],
  extensions: readonly CookieExtension[] | undefined,
): CheckedCookie | undefined {
  if (checkName(name) !== undefined) return undefined;
  const wire = wireValue(name, value, encoding);
  if (typeof wire !== 'string') return undefined;
  for (const row of PROFILE_ONLY) {
    // RFC 6265 §9.3: RFC 2109's attributes exist under its profile only
    if (row.only !== profile && attributes[row.index] !== undefined) return undefined;
  }
  let domain = attributes[DOMAIN] as string | undefined;
  if (domain !== undefined) {
    if (checkDomainProfile(domain, profile) !== undefined) return undefined;
    domain = domain.toLowerCase();
    // RFC 6265 §4.1.2.3, 6265bis §5.6.3: a leading dot is ignored, so it is not sent
    if (profile === 'rfc6265' && domain.charCodeAt(0) === 0x2e) domain = domain.slice(1);
    attributes[DOMAIN] = domain;
  }
  // Seed: "If not specified, this will be set to 1" (RFC 2109 profile only)
  if (profile === 'rfc2109' && attributes[VERSION] === undefined) attributes[VERSION] = 1;
  // The Secure-dependent rules concern only a cookie with a "__" prefix, SameSite=None or
  // Partitioned; any other cookie meets them all
  if (
    name.charCodeAt(0) === 0x5f ||
    attributes[SAME_SITE] === 'None' ||
    attributes[PARTITIONED] === true
  ) {
    const problems = secureProblems({
      name,
      secure: attributes[SECURE] === true,
      httpOnly: attributes[HTTP_ONLY] === true,
      sameSite: attributes[SAME_SITE] as 'Strict' | 'Lax' | 'None' | undefined,
      partitioned: attributes[PARTITIONED] === true,
      path: attributes[PATH] as string | undefined,
      hasDomain: domain !== undefined,
    });
    if (problems.length > 0) return undefined;
  }
  return new CheckedCookie(name, value, wire, encoding, profile, attributes, extensions);
}

/** The attributes that exist under one profile only. */
const PROFILE_ONLY = ATTRIBUTES.filter((row) => row.only !== undefined);
const DOMAIN = ATTRIBUTE_BY_KEY.domain.index;
const PATH = ATTRIBUTE_BY_KEY.path.index;
const VERSION = ATTRIBUTE_BY_KEY.version.index;
const SECURE = ATTRIBUTE_BY_KEY.secure.index;
const HTTP_ONLY = ATTRIBUTE_BY_KEY.httpOnly.index;
const SAME_SITE = ATTRIBUTE_BY_KEY.sameSite.index;
const PARTITIONED = ATTRIBUTE_BY_KEY.partitioned.index;
