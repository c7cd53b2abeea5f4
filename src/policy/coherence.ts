// Coherence: requirements no cookie can meet together, and defaults that break a requirement.
import { quote } from '../errors.js';
import type { SameSite } from '../rules/attributes.js';
import { prefixNeedsOf } from '../rules/prefixes.js';
import { CookiePolicyConflictError } from './conflict-error.js';
import {
  bareDomain,
  type Defaults,
  describe,
  label,
  type Origin,
  type Parts,
  type RequirementKey,
  type Requirements,
} from './parts.js';

/** One policy's parts as the checks below read them, and how they word a conflict. */
interface Reading {
  readonly d: Defaults;
  readonly r: Requirements;
  /** The policies a requirement comes from. */
  readonly ro: (key: RequirementKey) => Origin;
  /** The policies a default comes from. */
  readonly dO: (key: string) => Origin;
  readonly clash: (
    path: [string, string],
    first: Origin,
    second: Origin,
    why: string,
  ) => CookiePolicyConflictError;
}

/**
 * Finds requirements that no cookie can meet together, and defaults that break a requirement,
 * within one (possibly composed) policy.
 */
export function findIncoherence(parts: Parts): CookiePolicyConflictError | undefined {
  const reading = readingOf(parts);
  return (
    defaultConflict(reading) ??
    lifetimeConflict(reading) ??
    secureConflict(reading) ??
    prefixConflict(reading)
  );
}

function readingOf(parts: Parts): Reading {
  const { defaults: d, require: r, defaultOrigins, requireOrigins } = parts;
  return {
    d,
    r,
    ro: (key) => requireOrigins[key] ?? [parts.name],
    dO: (key) => defaultOrigins[key] ?? [parts.name],
    clash: (path, first, second, why) => {
      const who =
        first.join() === second.join()
          ? `policy ${label(first)}`
          : `policies ${label(first)} and ${label(second)}`;
      return new CookiePolicyConflictError(`${who} cannot hold together: ${why}`, path, [
        ...first,
        ...second,
      ]);
    },
  };
}

/** A default must meet the requirement on the same attribute. */
function defaultConflict({ d, r, ro, dO, clash }: Reading): CookiePolicyConflictError | undefined {
  for (const key of ['secure', 'httpOnly', 'partitioned', 'path', 'profile', 'encoding'] as const) {
    if (d[key] !== undefined && r[key] !== undefined && d[key] !== r[key]) {
      return clash(
        ['defaults', key],
        dO(key),
        ro(key),
        `default ${key} ${JSON.stringify(d[key])} breaks the requirement ${key} ${JSON.stringify(r[key])}`,
      );
    }
  }
  if (
    typeof d.sameSite === 'string' &&
    r.sameSite !== undefined &&
    !r.sameSite.includes(d.sameSite as SameSite)
  ) {
    return clash(
      ['defaults', 'sameSite'],
      dO('sameSite'),
      ro('sameSite'),
      `default sameSite ${d.sameSite} is not ${r.sameSite.join(' or ')}`,
    );
  }
  if (typeof d.domain === 'string' && r.domain !== undefined && bareDomain(d.domain) !== r.domain) {
    return clash(
      ['defaults', 'domain'],
      dO('domain'),
      ro('domain'),
      `default domain ${quote(d.domain)} breaks the requirement domain ${describe('domain', r.domain)}`,
    );
  }
  return undefined;
}

/** A default lifetime must fit `session` and `maxLifetime`; `maxAge: 0` (a removal) has none. */
function lifetimeConflict({ d, r, ro, dO, clash }: Reading): CookiePolicyConflictError | undefined {
  const lifetimeDefault =
    d.maxAge !== undefined ? 'maxAge' : d.expires !== undefined ? 'expires' : undefined;
  if (lifetimeDefault !== undefined && d.maxAge !== 0 && r.session === true) {
    return clash(
      ['defaults', lifetimeDefault],
      dO(lifetimeDefault),
      ro('session'),
      `a default ${lifetimeDefault} contradicts the requirement of a session cookie`,
    );
  }
  if (typeof d.maxAge === 'number' && r.maxLifetime !== undefined && d.maxAge > r.maxLifetime) {
    return clash(
      ['defaults', 'maxAge'],
      dO('maxAge'),
      ro('maxLifetime'),
      `default maxAge ${d.maxAge} s exceeds maxLifetime ${r.maxLifetime} s`,
    );
  }
  return undefined;
}

/**
 * The cookie rules that need Secure: every name prefix (6265bis §4.1.3, `PREFIXES`),
 * SameSite=None (6265bis §4.1.2.7) and Partitioned (CHIPS). Neither a requirement nor a
 * default may turn Secure off under them.
 */
function secureConflict({ d, r, ro, dO, clash }: Reading): CookiePolicyConflictError | undefined {
  const needsSecure: [RequirementKey, string][] = [];
  if (r.prefix !== undefined) needsSecure.push(['prefix', `a ${r.prefix} name needs Secure`]);
  if (r.sameSite !== undefined && r.sameSite.length === 1 && r.sameSite[0] === 'None') {
    needsSecure.push(['sameSite', 'SameSite=None needs Secure']);
  }
  if (r.partitioned === true) needsSecure.push(['partitioned', 'Partitioned needs Secure']);
  for (const [key, why] of needsSecure) {
    if (r.secure === false)
      return clash(
        ['require', 'secure'],
        ro(key),
        ro('secure'),
        `${why}, but secure: false is required`,
      );
    if (d.secure === false)
      return clash(
        ['defaults', 'secure'],
        ro(key),
        dO('secure'),
        `${why}, but the default is secure: false`,
      );
  }
  return undefined;
}

/**
 * What the required prefix needs besides Secure, as `PREFIXES` states it: HttpOnly
 * (layered-cookies §4.1.3), and for a host-only prefix `Path=/` and no Domain (6265bis
 * §4.1.3.2).
 */
function prefixConflict({ d, r, ro, dO, clash }: Reading): CookiePolicyConflictError | undefined {
  const prefix = r.prefix;
  const needs = prefix === undefined ? undefined : prefixNeedsOf(prefix);
  if (needs === undefined) return undefined;
  if (needs.httpOnly) {
    if (r.httpOnly === false)
      return clash(
        ['require', 'httpOnly'],
        ro('prefix'),
        ro('httpOnly'),
        `a ${prefix} name needs HttpOnly, but httpOnly: false is required`,
      );
    if (d.httpOnly === false)
      return clash(
        ['defaults', 'httpOnly'],
        ro('prefix'),
        dO('httpOnly'),
        `a ${prefix} name needs HttpOnly, but the default is httpOnly: false`,
      );
  }
  if (needs.hostOnly) {
    if (typeof r.domain === 'string')
      return clash(
        ['require', 'domain'],
        ro('prefix'),
        ro('domain'),
        `a ${prefix} name must not have a Domain, but domain ${quote(r.domain)} is required`,
      );
    if (d.domain !== undefined)
      return clash(
        ['defaults', 'domain'],
        ro('prefix'),
        dO('domain'),
        `a ${prefix} name must not have a Domain, but a default domain is set`,
      );
    if (r.path !== undefined && r.path !== '/')
      return clash(
        ['require', 'path'],
        ro('prefix'),
        ro('path'),
        `a ${prefix} name needs Path=/, but path ${quote(r.path)} is required`,
      );
    if (d.path !== undefined && d.path !== '/')
      return clash(
        ['defaults', 'path'],
        ro('prefix'),
        dO('path'),
        `a ${prefix} name needs Path=/, but the default path is ${quote(d.path)}`,
      );
  }
  return undefined;
}
