// Reading definitions: `CookiePolicy.define` and `CookiePolicy.from` input into the parts of a
// policy, every problem an issue whose path points at the key.
import type * as z from 'zod/mini';
import { CookieValidationError, describeThrown, quote } from '../errors.js';
import type { SameSite } from '../rules/attributes.js';
import { toCookieIssues } from '../rules/issues.js';
import {
  bareDomain,
  freezeParts,
  type Origin,
  type Parts,
  REQUIREMENT_ORDER,
  type Rule,
  sortSameSite,
} from './parts.js';
import { type CookiePolicyRule, cookiePolicySchema } from './schema.js';

export function splitCustom(definition: unknown): { custom: unknown; rest: unknown } {
  if (definition === null || typeof definition !== 'object')
    return { custom: undefined, rest: definition };
  const def = definition as Record<string, unknown>;
  const require = def.require;
  if (require === null || typeof require !== 'object' || !('custom' in require)) {
    return { custom: undefined, rest: definition };
  }
  const { custom, ...others } = require as Record<string, unknown>;
  return { custom, rest: { ...def, require: others } };
}

export function customRules(custom: unknown, name: string): Rule[] {
  if (custom === undefined) return [];
  const list = Array.isArray(custom) ? custom : [custom];
  return list.map((rule: unknown, index) => {
    const r = rule as Partial<CookiePolicyRule> | null;
    const at = Array.isArray(custom) ? ['require', 'custom', index] : ['require', 'custom'];
    if (r === null || typeof r !== 'object' || typeof r.check !== 'function') {
      throw invalid(
        name,
        [...at, 'check'],
        'a custom rule needs check(cookie) returning true or false',
      );
    }
    if (typeof r.message !== 'string' || r.message === '') {
      throw invalid(
        name,
        [...at, 'message'],
        'a custom rule needs a message saying what it asks for',
      );
    }
    if (
      r.path !== undefined &&
      (!Array.isArray(r.path) ||
        !r.path.every((p) => typeof p === 'string' || typeof p === 'number'))
    ) {
      throw invalid(name, [...at, 'path'], 'path of a custom rule is a list of field names');
    }
    return Object.freeze({
      check: r.check,
      message: r.message,
      ...(r.path === undefined ? {} : { path: Object.freeze([...r.path]) }),
      origin: [name],
    });
  });
}

function invalid(name: string, path: (string | number)[], message: string): CookieValidationError {
  return new CookieValidationError(undefined, [
    { path, code: 'invalid_type', message: `policy ${quote(name)}: ${message}`, source: SOURCE },
  ]);
}

const SOURCE = 'cookiesmith policy configuration';

export function parsePolicy(config: unknown): z.output<typeof cookiePolicySchema> {
  let result: ReturnType<typeof cookiePolicySchema.safeParse>;
  try {
    result = cookiePolicySchema.safeParse(config);
  } catch (cause) {
    throw new CookieValidationError(undefined, [
      {
        path: [],
        code: 'invalid_type',
        message: `policy configuration could not be read: ${describeThrown(cause)} was thrown`,
        source: SOURCE,
      },
    ]);
  }
  if (result.success) return result.data;
  const label = policyLabel(config);
  const issues = toCookieIssues(result.error).map((issue) => {
    if (issue.code !== 'unknown_key' || issue.path[0] === 'defaults') {
      return { ...issue, message: `${label}: ${issue.message}` };
    }
    const key = String(issue.path.at(-1));
    const known = issue.path.length > 1 ? REQUIREMENT_ORDER : Object.keys(cookiePolicySchema.shape);
    const near = known.find((k) => k.toLowerCase() === key.toLowerCase().replace(/[-_]/g, ''));
    return {
      ...issue,
      message: `${label}: ${quote(key)} is not a policy ${issue.path.length > 1 ? 'requirement' : 'key'}; ${near === undefined ? `use one of ${known.join(', ')}` : `did you mean "${near}"?`}`,
      source: SOURCE,
    };
  });
  throw new CookieValidationError(undefined, issues, result.error);
}

/** How messages about a policy's configuration name it. */
function policyLabel(config: unknown): string {
  try {
    const name = (config as { name?: unknown } | null)?.name;
    return typeof name === 'string' && name !== '' ? `policy ${quote(name)}` : 'policy';
  } catch {
    return 'policy';
  }
}

export function fromConfig(parsed: z.output<typeof cookiePolicySchema>, rules: Rule[]): Parts {
  const origin: Origin = Object.freeze([parsed.name]);
  const defaults: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed.defaults ?? {})) {
    if (value === undefined) continue;
    if (value instanceof Date) defaults[key] = value.toISOString();
    else if (key === 'domain' && typeof value === 'string') defaults[key] = value.toLowerCase();
    else defaults[key] = value;
  }
  const require: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed.require ?? {})) {
    if (value === undefined) continue;
    if (key === 'sameSite') {
      require[key] = sortSameSite((Array.isArray(value) ? value : [value]) as SameSite[]);
    } else if (key === 'domain' && typeof value === 'string') require[key] = bareDomain(value);
    else require[key] = value;
  }
  return freezeParts({
    name: parsed.name,
    defaults,
    require,
    rules,
    defaultOrigins: Object.fromEntries(Object.keys(defaults).map((k) => [k, origin])),
    requireOrigins: Object.fromEntries(Object.keys(require).map((k) => [k, origin])),
  });
}
