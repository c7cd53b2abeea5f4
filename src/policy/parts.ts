// The normalised internal form of a policy (its parts), which every other policy module reads.
import { quote } from '../errors.js';
import { type CookieProfile, SAME_SITE, type SameSite } from '../rules/attributes.js';
import type { CookieEncoding } from '../rules/encoding.js';
import type { CookiePrefix } from '../rules/prefixes.js';
import type { CookiePolicyRule } from './schema.js';

export interface Requirements {
  readonly secure?: boolean;
  readonly httpOnly?: boolean;
  readonly partitioned?: boolean;
  readonly sameSite?: readonly SameSite[];
  readonly path?: string;
  readonly domain?: string | false;
  readonly profile?: CookieProfile;
  readonly prefix?: CookiePrefix;
  readonly maxLifetime?: number;
  readonly session?: boolean;
  readonly encoding?: CookieEncoding;
}

export type RequirementKey = keyof Requirements;
export type Defaults = Readonly<Record<string, unknown>>;
/** The policy names a default or requirement comes from. */
export type Origin = readonly string[];

export interface Rule extends CookiePolicyRule {
  readonly origin: Origin;
}

export interface Parts {
  readonly name: string;
  readonly defaults: Defaults;
  readonly require: Requirements;
  readonly rules: readonly Rule[];
  readonly defaultOrigins: Readonly<Record<string, Origin>>;
  readonly requireOrigins: Readonly<Partial<Record<RequirementKey, Origin>>>;
}

export function label(origin: Origin): string {
  return quote(origin.join(' & '), 200);
}

/** `a`, then what `b` adds to it, by identity: a policy composed in twice counts once. */
export function union<T>(a: readonly T[], b: readonly T[]): T[] {
  return [...a, ...b.filter((item) => !a.includes(item))];
}

export const REQUIREMENT_ORDER: readonly RequirementKey[] = [
  'prefix',
  'secure',
  'httpOnly',
  'sameSite',
  'partitioned',
  'path',
  'domain',
  'profile',
  'encoding',
  'session',
  'maxLifetime',
];

export function freezeParts(parts: Parts): Parts {
  return Object.freeze({
    ...parts,
    defaults: deepFreeze(parts.defaults),
    require: deepFreeze(parts.require),
    rules: Object.freeze([...parts.rules]),
    defaultOrigins: Object.freeze({ ...parts.defaultOrigins }),
    requireOrigins: Object.freeze({ ...parts.requireOrigins }),
  });
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

export function sortSameSite(values: readonly SameSite[]): readonly SameSite[] {
  return SAME_SITE.values.filter((v) => values.includes(v as SameSite)) as SameSite[];
}

export function bareDomain(domain: string): string {
  const lower = domain.toLowerCase();
  return lower.startsWith('.') ? lower.slice(1) : lower;
}

export function describe(key: RequirementKey, value: unknown): string {
  if (key === 'sameSite') return (value as SameSite[]).join(' or ');
  if (key === 'domain' && value === false) return 'none (host-only)';
  if (key === 'maxLifetime') return `≤ ${value} s`;
  return JSON.stringify(value);
}
