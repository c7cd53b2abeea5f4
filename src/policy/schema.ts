// The policy as configuration: the zod schemas and the public types of a definition.
import * as z from 'zod/mini';
import type { Cookie } from '../cookie/cookie.js';
import { type CookieProfile, PROFILE, SAME_SITE, type SameSite } from '../rules/attributes.js';
import { COOKIE_ENCODINGS, type CookieEncoding } from '../rules/encoding.js';
import { type CookiePrefix, PREFIXES } from '../rules/prefixes.js';
import {
  ATTRIBUTE_SCHEMAS,
  type CookieAttributes,
  cookieAttributesSchema,
} from '../rules/schema.js';

/** The name prefixes a policy can require, shortest first (6265bis §4.1.3; layered-cookies §4.1.3). */
export const COOKIE_PREFIXES: readonly CookiePrefix[] = Object.freeze(
  PREFIXES.map((needs) => needs.prefix).sort((a, b) => a.length - b.length),
);

const sameSiteValue = z.enum(SAME_SITE.values as readonly SameSite[]);

/**
 * The requirements a policy read from configuration may hold. Strict: an unknown key is an
 * error. Values are checked by the same rules as the cookie attributes they constrain.
 */
export const cookiePolicyRequirementsSchema = z.strictObject({
  /** The cookie must (`true`) or must not (`false`) be Secure (RFC 6265 §4.1.2.5). */
  secure: z.optional(z.boolean()),
  /** The cookie must (`true`) or must not (`false`) be HttpOnly (RFC 6265 §4.1.2.6). */
  httpOnly: z.optional(z.boolean()),
  /** The cookie must (`true`) or must not (`false`) be Partitioned (CHIPS). */
  partitioned: z.optional(z.boolean()),
  /** SameSite must be this mode, or one of these modes (6265bis §4.1.2.7). */
  sameSite: z.optional(z.union([sameSiteValue, z.array(sameSiteValue).check(z.minLength(1))])),
  /** Path must be exactly this (RFC 6265 §4.1.2.4). */
  path: z.optional(ATTRIBUTE_SCHEMAS.path),
  /** Domain must be this host (RFC 6265 §4.1.2.3), or `false`: host-only, no Domain at all. */
  domain: z.optional(z.union([ATTRIBUTE_SCHEMAS.domain, z.literal(false)])),
  /** The profile the cookie is validated under. */
  profile: z.optional(z.enum(PROFILE.values as readonly CookieProfile[])),
  /** The name must start with this prefix, case-insensitively (6265bis §4.1.3, §5.4). */
  prefix: z.optional(z.enum(COOKIE_PREFIXES as readonly CookiePrefix[])),
  /** Longest lifetime, in seconds or `{ days, hours, minutes, seconds }`, for Max-Age and Expires. */
  maxLifetime: z.optional(ATTRIBUTE_SCHEMAS.maxAge),
  /** `true`: a session cookie, no Max-Age and no Expires; `false`: a persistent one. */
  session: z.optional(z.boolean()),
  /** How the value must be encoded. */
  encoding: z.optional(z.enum(COOKIE_ENCODINGS as readonly CookieEncoding[])),
});

/**
 * A policy as configuration (JSON, YAML): `{ name, defaults?, require? }`. Strict at every
 * level, so a misspelt key is an error whose path points at it (`['require', 'samesite']`).
 * A custom rule cannot be written in configuration; add it with `CookiePolicy.define`.
 */
export const cookiePolicySchema = z.strictObject({
  name: z.string().check(z.minLength(1)),
  defaults: z.optional(cookieAttributesSchema),
  require: z.optional(cookiePolicyRequirementsSchema),
});

/** A policy as configuration: the input of `cookiePolicySchema`. */
export type CookiePolicyConfig = z.input<typeof cookiePolicySchema>;

/** A rule of your own: `check` gets the built cookie and returns `true` when it complies. */
export interface CookiePolicyRule {
  /** Returns `true` when the cookie complies; throwing counts as a violation. */
  readonly check: (cookie: Cookie) => boolean;
  /** What the rule asks for, used in the issue, e.g. `'name must be lowercase'`. */
  readonly message: string;
  /** The field the issue points at, e.g. `['name']`; the whole cookie when absent. */
  readonly path?: readonly (string | number)[];
}

/** What every cookie under a policy must meet; `custom` adds rules of your own. */
export type CookiePolicyRequirements = z.input<typeof cookiePolicyRequirementsSchema> & {
  /** One or more rules of your own; checked on cookies that are otherwise valid. */
  readonly custom?: CookiePolicyRule | readonly CookiePolicyRule[];
};

/** The argument of `CookiePolicy.define`. */
export interface CookiePolicyDefinition<
  R extends CookiePolicyRequirements = CookiePolicyRequirements,
> {
  /** Names the policy in every issue and conflict, e.g. `'team-default'`. */
  readonly name: string;
  /** Attributes filled in where a cookie sets none; values set on the builder win. */
  readonly defaults?: CookieAttributes;
  /** Rules every cookie must meet. */
  readonly require?: R;
}
