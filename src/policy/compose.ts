// Composition: the parts of `a.and(b)`, or a CookiePolicyConflictError naming both policies.
import type { SameSite } from '../rules/attributes.js';
import { CookiePolicyConflictError } from './conflict-error.js';
import {
  describe,
  freezeParts,
  label,
  type Origin,
  type Parts,
  REQUIREMENT_ORDER,
  type RequirementKey,
  union,
} from './parts.js';

/**
 * The parts of `a.and(b)`: both sets of defaults and requirements, and the custom rules of
 * both. A policy already part of `a` adds nothing again (`p.and(q).and(p)`, a builder with `p`
 * applied added to a jar of `p.and(q)`), so each custom rule runs once per cookie.
 * @throws {CookiePolicyConflictError} when a default or a requirement of the two clashes.
 */
export function combine(a: Parts, b: Parts): Parts {
  const name = `${a.name} & ${b.name}`;
  const defaults: Record<string, unknown> = { ...a.defaults };
  const defaultOrigins: Record<string, Origin> = { ...a.defaultOrigins };
  for (const [key, value] of Object.entries(b.defaults)) {
    const ob = b.defaultOrigins[key] ?? [b.name];
    if (key in defaults) {
      const oa = a.defaultOrigins[key] ?? [a.name];
      if (JSON.stringify(defaults[key]) !== JSON.stringify(value)) {
        throw new CookiePolicyConflictError(
          `policies ${label(oa)} and ${label(ob)} disagree on the default ${key}: ${JSON.stringify(defaults[key])} vs ${JSON.stringify(value)}; set it on the cookie or drop one default`,
          ['defaults', key],
          [...oa, ...ob],
        );
      }
      defaultOrigins[key] = union(oa, ob);
    } else {
      defaults[key] = value;
      defaultOrigins[key] = ob;
    }
  }
  const require: Record<string, unknown> = { ...a.require };
  const requireOrigins: Partial<Record<RequirementKey, Origin>> = { ...a.requireOrigins };
  for (const key of REQUIREMENT_ORDER) {
    const vb = b.require[key];
    if (vb === undefined) continue;
    const ob = b.requireOrigins[key] ?? [b.name];
    const va = a.require[key];
    if (va === undefined) {
      require[key] = vb;
      requireOrigins[key] = ob;
      continue;
    }
    const oa = a.requireOrigins[key] ?? [a.name];
    const merged = mergeRequirement(key, va, vb);
    if (merged === undefined) {
      throw new CookiePolicyConflictError(
        `policies ${label(oa)} and ${label(ob)} cannot both hold: ${key} ${describe(key, va)} vs ${describe(key, vb)}`,
        ['require', key],
        [...oa, ...ob],
      );
    }
    require[key] = merged;
    requireOrigins[key] = union(oa, ob);
  }
  return freezeParts({
    name,
    defaults,
    require,
    rules: union(a.rules, b.rules),
    defaultOrigins,
    requireOrigins,
  });
}

/** Both requirements as one, or `undefined` when no cookie can meet both. */
function mergeRequirement(key: RequirementKey, a: unknown, b: unknown): unknown {
  switch (key) {
    case 'sameSite': {
      const both = (a as SameSite[]).filter((v) => (b as SameSite[]).includes(v));
      return both.length === 0 ? undefined : both;
    }
    case 'maxLifetime':
      return Math.min(a as number, b as number);
    case 'prefix': {
      // A name starting with both prefixes starts with the longer one (`__Host-Http-` ⊃ `__Host-`).
      const pa = a as string;
      const pb = b as string;
      if (pb.startsWith(pa)) return pb;
      if (pa.startsWith(pb)) return pa;
      return undefined;
    }
    default:
      return a === b ? a : undefined;
  }
}
