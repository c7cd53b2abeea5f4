// Coherence: requirements no cookie can meet together, and defaults that break a requirement.
import { quote } from '../errors.js';
import type { SameSite } from '../rules/attributes.js';
import { CookiePolicyConflictError } from './conflict-error.js';
import {
  bareDomain,
  describe,
  label,
  type Origin,
  type Parts,
  type RequirementKey,
} from './parts.js';

/**
 * Finds requirements that no cookie can meet together, and defaults that break a requirement,
 * within one (possibly composed) policy.
 */
export function findIncoherence(parts: Parts): CookiePolicyConflictError | undefined {
  const { defaults: d, require: r, defaultOrigins, requireOrigins } = parts;
  const ro = (key: RequirementKey): Origin => requireOrigins[key] ?? [parts.name];
  const dO = (key: string): Origin => defaultOrigins[key] ?? [parts.name];
  const clash = (
    path: [string, string],
    first: Origin,
    second: Origin,
    why: string,
  ): CookiePolicyConflictError => {
    const who =
      first.join() === second.join()
        ? `policy ${label(first)}`
        : `policies ${label(first)} and ${label(second)}`;
    return new CookiePolicyConflictError(`${who} cannot hold together: ${why}`, path, [
      ...first,
      ...second,
    ]);
  };

  // A default must meet the requirement on the same attribute.
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

  // Requirements on different attributes that exclude each other (the cookie rules themselves).
  const prefix = r.prefix;
  const needsSecure: [RequirementKey, string][] = [];
  if (prefix !== undefined) needsSecure.push(['prefix', `a ${prefix} name needs Secure`]);
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
  if (prefix === '__Http-' || prefix === '__Host-Http-') {
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
  if (prefix === '__Host-' || prefix === '__Host-Http-') {
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
