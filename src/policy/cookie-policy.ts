import * as z from 'zod/mini';
import { type Cookie, type CookieResult, isCookie } from '../cookie/cookie.js';
import {
  CookieError,
  type CookieIssue,
  CookieValidationError,
  describeThrown,
  guardInput,
  quote,
} from '../errors.js';
import { type CookieProfile, PROFILE, SAME_SITE, type SameSite } from '../rules/attributes.js';
import { COOKIE_ENCODINGS, type CookieEncoding } from '../rules/encoding.js';
import { type CookiePrefix, PREFIXES, prefixOf } from '../rules/prefixes.js';
import {
  ATTRIBUTE_SCHEMAS,
  type CookieAttributes,
  cookieAttributesSchema,
  toCookieIssues,
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

/** The prefix required by both of two policies: the longer one, or `never` when they clash. */
export type CombinedPrefix<A, B> = [A] extends [undefined]
  ? B
  : [B] extends [undefined]
    ? A
    : [A] extends [CookiePrefix]
      ? [B] extends [CookiePrefix]
        ? B extends `${A}${string}`
          ? B
          : A extends `${B}${string}`
            ? A
            : never
        : CookiePrefix | undefined
      : CookiePrefix | undefined;

/**
 * `unknown` when a cookie named `N` may carry a policy requiring prefix `P`, an explanatory
 * object type (so the call does not compile) when the literal name lacks the prefix.
 */
export type PolicyFitsName<N extends string, P> = [P] extends [CookiePrefix]
  ? string extends N
    ? unknown
    : Lowercase<N> extends `${Lowercase<P>}${string}`
      ? unknown
      : { readonly 'the cookie name must start with': P }
  : unknown;

/** Raised when two policies (or one policy's own parts) cannot hold together. */
export class CookiePolicyConflictError extends CookieError {
  /** Where the conflict is, e.g. `['require', 'sameSite']` or `['defaults', 'path']`. */
  readonly path: readonly string[];
  /** The names of the policies involved. */
  readonly policies: readonly string[];

  /** Creates the error; `path` names the attribute, `policies` the policies involved. */
  constructor(message: string, path: readonly string[], policies: readonly string[]) {
    super(message, { code: 'policy_conflict' });
    this.name = 'CookiePolicyConflictError';
    this.path = Object.freeze([...path]);
    this.policies = Object.freeze([...new Set(policies)]);
  }
}

// ---------------------------------------------------------------------------------------------
// Normalised internal form

interface Requirements {
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

type RequirementKey = keyof Requirements;
type Defaults = Readonly<Record<string, unknown>>;
/** The policy names a default or requirement comes from. */
type Origin = readonly string[];

interface Rule extends CookiePolicyRule {
  readonly origin: Origin;
}

interface Parts {
  readonly name: string;
  readonly defaults: Defaults;
  readonly require: Requirements;
  readonly rules: readonly Rule[];
  readonly defaultOrigins: Readonly<Record<string, Origin>>;
  readonly requireOrigins: Readonly<Partial<Record<RequirementKey, Origin>>>;
}

const TOKEN = Symbol('CookiePolicy');
let partsOf: (policy: CookiePolicy) => Parts;
let isOwn: (value: object) => boolean;

function label(origin: Origin): string {
  return quote(origin.join(' & '), 200);
}

const REQUIREMENT_ORDER: readonly RequirementKey[] = [
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

/**
 * A named, immutable set of **defaults** (attributes filled in where a cookie sets none) and
 * **requirements** (rules every cookie must meet). Compose policies with `and`; attach one to
 * a builder with `builder.apply(policy)`, to a jar with `new CookieJarResponse({ policy })`,
 * or check a built cookie with `check` / `enforce`.
 *
 * @example
 * const team = CookiePolicy.define({
 *   name: 'team-default',
 *   defaults: { path: '/', secure: true, httpOnly: true, sameSite: 'Lax' },
 *   require: { secure: true, sameSite: ['Lax', 'Strict'], maxLifetime: { days: 30 } },
 * });
 * const sid = Cookie.builder('sid', token).apply(team).build();
 */
export class CookiePolicy<Prefix extends CookiePrefix | undefined = CookiePrefix | undefined> {
  /** The policy's name; a composed policy is named `"a & b"`. */
  readonly name: string;
  /** @internal Type-level marker of the required name prefix; never set at run time. */
  declare readonly '~prefix'?: Prefix;
  readonly #parts: Parts;

  static {
    partsOf = (policy) => policy.#parts;
    isOwn = (value) => #parts in value;
  }

  private constructor(token: typeof TOKEN, parts: Parts) {
    if (token !== TOKEN) {
      throw new CookieError('use CookiePolicy.define or CookiePolicy.from', {
        code: 'private_constructor',
      });
    }
    this.name = parts.name;
    this.#parts = parts;
    Object.freeze(this);
  }

  /**
   * Defines a policy. Defaults are validated as cookie attributes and requirements by
   * `cookiePolicyRequirementsSchema`; a default that breaks the policy's own requirement is a
   * `CookiePolicyConflictError`.
   * @throws {CookieValidationError} when a default or requirement is not valid, with its path.
   * @example
   * const strict = CookiePolicy.define({ name: 'strict', require: { sameSite: 'Strict', secure: true } });
   */
  static define<const P extends CookiePrefix | undefined = undefined>(
    definition: CookiePolicyDefinition<CookiePolicyRequirements & { readonly prefix?: P }>,
  ): CookiePolicy<[P] extends [never] ? undefined : P> {
    return guardInput('CookiePolicy.define()', () => {
      const { custom, rest } = splitCustom(definition);
      const parsed = parsePolicy(rest);
      const name = parsed.name;
      const rules = customRules(custom, name);
      return CookiePolicy.#create(fromConfig(parsed, rules)) as CookiePolicy<
        [P] extends [never] ? undefined : P
      >;
    });
  }

  /**
   * Reads a policy from configuration (a parsed JSON or YAML object), strictly: every problem
   * is an issue whose `path` points at the key, e.g. `['require', 'sameSite']`.
   * @throws {CookieValidationError} listing every problem.
   * @example CookiePolicy.from(JSON.parse(readFileSync('cookie-policy.json', 'utf8')))
   */
  static from(config: unknown): CookiePolicy {
    return guardInput('CookiePolicy.from()', () => {
      if (isCookiePolicy(config)) return config;
      refuseLookAlike(config, 'CookiePolicy.from()');
      return CookiePolicy.#create(fromConfig(parsePolicy(config), []));
    });
  }

  static #create(parts: Parts): CookiePolicy {
    const conflict = findIncoherence(parts);
    if (conflict !== undefined) throw conflict;
    return new CookiePolicy(TOKEN, parts);
  }

  /** The defaults, as cookie attributes (a fresh copy). */
  get defaults(): CookieAttributes {
    return structuredClone(this.#parts.defaults) as CookieAttributes;
  }

  /**
   * Composes two policies: the cookie gets both sets of defaults and must meet both sets of
   * requirements. Lists intersect (`sameSite`), the shorter `maxLifetime` wins, custom rules
   * add up. Composition is associative.
   * @throws {CookiePolicyConflictError} when a default differs, when requirements cannot both
   * hold, or when a default of one breaks a requirement of the other; it names both policies
   * and the attribute.
   * @example const api = CookiePolicy.secureSession.and(CookiePolicy.rfc6265);
   */
  and<B extends CookiePrefix | undefined>(
    other: CookiePolicy<B>,
  ): CookiePolicy<CombinedPrefix<Prefix, B>> {
    if (!isCookiePolicy(other)) {
      throw new CookieError('and() takes a CookiePolicy; create one with CookiePolicy.define', {
        code: 'invalid_policy',
      });
    }
    if ((other as CookiePolicy) === (this as CookiePolicy)) {
      return this as CookiePolicy as CookiePolicy<CombinedPrefix<Prefix, B>>;
    }
    return CookiePolicy.#create(combine(this.#parts, other.#parts)) as CookiePolicy<
      CombinedPrefix<Prefix, B>
    >;
  }

  /**
   * Checks a built cookie against every requirement (custom rules included) and returns the
   * issues, each with code `'policy'`, the field in `path` and the policy in `source`; empty
   * when it complies.
   * @example if (CookiePolicy.hostOnly.check(cookie).length > 0) …
   */
  check(cookie: Cookie): readonly CookieIssue[] {
    return Object.freeze(issuesOf(this.#parts, subjectOf(cookie, 'check'), cookie));
  }

  /**
   * Returns the cookie when it meets the policy.
   * @throws {CookieValidationError} listing every violated requirement.
   */
  enforce(cookie: Cookie): Cookie {
    const issues = issuesOf(this.#parts, subjectOf(cookie, 'enforce'), cookie);
    if (issues.length > 0) throw new CookieValidationError(cookie.name, issues);
    return cookie;
  }

  /**
   * The policy as configuration that `CookiePolicy.from` accepts back; custom rules, which
   * are code, are left out.
   */
  toJSON(): CookiePolicyConfig {
    const { name, defaults, require } = this.#parts;
    const out: { name: string; defaults?: CookieAttributes; require?: Record<string, unknown> } = {
      name,
    };
    if (Object.keys(defaults).length > 0) out.defaults = this.defaults;
    const req: Record<string, unknown> = {};
    for (const key of REQUIREMENT_ORDER) {
      const v = require[key];
      if (v === undefined) continue;
      req[key] = key === 'sameSite' && Array.isArray(v) && v.length === 1 ? v[0] : v;
    }
    if (Object.keys(req).length > 0) out.require = structuredClone(req);
    return out as CookiePolicyConfig;
  }

  /**
   * Secure, HttpOnly, SameSite=Lax, `Path=/` and no lifetime: the cookie lasts for the browser
   * session (no Max-Age, no Expires). Defaults and requirements alike.
   */
  static readonly secureSession: CookiePolicy<undefined> = CookiePolicy.define({
    name: 'secureSession',
    defaults: { secure: true, httpOnly: true, sameSite: 'Lax', path: '/' },
    require: { secure: true, httpOnly: true, sameSite: 'Lax', path: '/', session: true },
  });

  /**
   * The `__Host-` rules (6265bis §4.1.3.2): the name carries the prefix, Secure, `Path=/` and
   * no Domain, so only the origin host can set or read the cookie.
   */
  static readonly hostOnly: CookiePolicy<'__Host-'> = CookiePolicy.define({
    name: 'hostOnly',
    defaults: { secure: true, path: '/' },
    require: { prefix: '__Host-', secure: true, path: '/', domain: false },
  });

  /**
   * A third-party cookie that still works: SameSite=None (6265bis §4.1.2.7), Secure, and
   * Partitioned (CHIPS), so it is kept per top-level site.
   */
  static readonly crossSite: CookiePolicy<undefined> = CookiePolicy.define({
    name: 'crossSite',
    defaults: { sameSite: 'None', secure: true, partitioned: true },
    require: { sameSite: 'None', secure: true, partitioned: true },
  });

  /**
   * Today's standard instead of the seed's RFC 2109 (RFC 6265, 6265bis): profile `'rfc6265'`,
   * so no Version or Comment and a Domain without the leading dot.
   */
  static readonly rfc6265: CookiePolicy<undefined> = CookiePolicy.define({
    name: 'rfc6265',
    defaults: { profile: 'rfc6265' },
    require: { profile: 'rfc6265' },
  });
}

// ---------------------------------------------------------------------------------------------
// Reading definitions

function splitCustom(definition: unknown): { custom: unknown; rest: unknown } {
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

function customRules(custom: unknown, name: string): Rule[] {
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

function parsePolicy(config: unknown): z.output<typeof cookiePolicySchema> {
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

function fromConfig(parsed: z.output<typeof cookiePolicySchema>, rules: Rule[]): Parts {
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

function freezeParts(parts: Parts): Parts {
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

function sortSameSite(values: readonly SameSite[]): readonly SameSite[] {
  return SAME_SITE.values.filter((v) => values.includes(v as SameSite)) as SameSite[];
}

function bareDomain(domain: string): string {
  const lower = domain.toLowerCase();
  return lower.startsWith('.') ? lower.slice(1) : lower;
}

// ---------------------------------------------------------------------------------------------
// Composition

function combine(a: Parts, b: Parts): Parts {
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
      defaultOrigins[key] = [...oa, ...ob];
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
    requireOrigins[key] = [...oa, ...ob];
  }
  return freezeParts({
    name,
    defaults,
    require,
    rules: [...a.rules, ...b.rules],
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

function describe(key: RequirementKey, value: unknown): string {
  if (key === 'sameSite') return (value as SameSite[]).join(' or ');
  if (key === 'domain' && value === false) return 'none (host-only)';
  if (key === 'maxLifetime') return `≤ ${value} s`;
  return JSON.stringify(value);
}

/**
 * Finds requirements that no cookie can meet together, and defaults that break a requirement,
 * within one (possibly composed) policy.
 */
function findIncoherence(parts: Parts): CookiePolicyConflictError | undefined {
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

// ---------------------------------------------------------------------------------------------
// Checking

const attributes = cookieAttributesSchema.shape;

/** What a requirement looks at, read from a built cookie or from a builder's raw state. */
interface Subject {
  readonly name: string | undefined;
  readonly secure: boolean;
  readonly httpOnly: boolean;
  readonly partitioned: boolean;
  readonly sameSite: SameSite | undefined;
  readonly path: string | undefined;
  readonly domain: string | undefined;
  readonly profile: CookieProfile;
  readonly encoding: CookieEncoding;
  readonly maxAge: number | undefined;
  readonly expires: number | undefined;
  /** Fields whose raw value is invalid: the schema reports them, the policy skips them. */
  readonly unreadable: ReadonlySet<string>;
}

const NOTHING: ReadonlySet<string> = new Set();

function subjectOf(cookie: unknown, method: string): Subject {
  if (!isCookie(cookie)) {
    throw new CookieError(
      `${method}() takes a Cookie; build one with Cookie.builder(), Cookie.from() or Cookie.parse()`,
      { code: 'invalid_cookie' },
    );
  }
  return subjectOfCookie(cookie);
}

function subjectOfCookie(cookie: Cookie): Subject {
  return {
    name: cookie.name,
    secure: cookie.secure,
    httpOnly: cookie.httpOnly,
    partitioned: cookie.partitioned,
    sameSite: cookie.sameSite,
    path: cookie.path,
    domain: cookie.domain,
    profile: cookie.profile,
    encoding: cookie.encoding,
    maxAge: cookie.maxAge,
    expires: cookie.expires?.getTime(),
    unreadable: NOTHING,
  };
}

function subjectOfConfig(config: Readonly<Record<string, unknown>>): Subject {
  const unreadable = new Set<string>();
  const read = (key: keyof typeof attributes): unknown => {
    const raw = config[key];
    if (raw === undefined) return undefined;
    let result: { success: boolean; data?: unknown };
    try {
      result = (attributes[key] as z.ZodMiniType).safeParse(raw);
    } catch {
      result = { success: false }; // a revoked Proxy, a throwing getter: the schema reports it
    }
    if (result.success) return result.data;
    unreadable.add(key);
    return undefined;
  };
  const expires = read('expires');
  return {
    name: typeof config.name === 'string' ? config.name : undefined,
    secure: read('secure') === true,
    httpOnly: read('httpOnly') === true,
    partitioned: read('partitioned') === true,
    sameSite: read('sameSite') as SameSite | undefined,
    path: read('path') as string | undefined,
    domain: read('domain') as string | undefined,
    profile: (read('profile') as CookieProfile | undefined) ?? 'rfc2109',
    encoding: (read('encoding') as CookieEncoding | undefined) ?? 'uri',
    maxAge: read('maxAge') as number | undefined,
    expires: expires instanceof Date ? expires.getTime() : undefined,
    unreadable,
  };
}

function issuesOf(parts: Parts, s: Subject, cookie: Cookie | undefined): CookieIssue[] {
  const issues: CookieIssue[] = [];
  const r = parts.require;
  const fail = (key: RequirementKey, path: (string | number)[], message: string) => {
    const who = `policy ${label(parts.requireOrigins[key] ?? [parts.name])}`;
    issues.push({ path, code: 'policy', message: `${who} requires ${message}`, source: who });
  };
  const readable = (field: string) => !s.unreadable.has(field);
  const now = Date.now();
  // A cookie that deletes another (Max-Age=0 or Expires in the past) has no lifetime to limit.
  const removal =
    s.maxAge === 0 || (s.maxAge === undefined && s.expires !== undefined && s.expires <= now);

  if (r.prefix !== undefined && s.name !== undefined) {
    if (!s.name.toLowerCase().startsWith(r.prefix.toLowerCase())) {
      const has = prefixOf(s.name);
      fail(
        'prefix',
        ['name'],
        `the name to start with ${r.prefix}; ${quote(s.name)} ${has === undefined ? 'has no prefix' : `has ${has}`}`,
      );
    }
  }
  for (const key of ['secure', 'httpOnly', 'partitioned'] as const) {
    const want = r[key];
    if (want !== undefined && readable(key) && s[key] !== want) fail(key, [key], `${key}: ${want}`);
  }
  if (r.sameSite !== undefined && readable('sameSite')) {
    if (s.sameSite === undefined || !r.sameSite.includes(s.sameSite)) {
      fail(
        'sameSite',
        ['sameSite'],
        `sameSite ${r.sameSite.join(' or ')}; the cookie has ${s.sameSite ?? 'none'}`,
      );
    }
  }
  if (r.path !== undefined && readable('path') && s.path !== r.path) {
    fail(
      'path',
      ['path'],
      `path ${quote(r.path)}; the cookie has ${s.path === undefined ? 'none' : quote(s.path)}`,
    );
  }
  if (r.domain !== undefined && readable('domain')) {
    if (r.domain === false) {
      if (s.domain !== undefined) fail('domain', ['domain'], 'a host-only cookie; remove domain');
    } else if (s.domain === undefined || bareDomain(s.domain) !== r.domain) {
      fail(
        'domain',
        ['domain'],
        `domain ${quote(r.domain)}; the cookie has ${s.domain === undefined ? 'none' : quote(s.domain)}`,
      );
    }
  }
  for (const key of ['profile', 'encoding'] as const) {
    const want = r[key];
    if (want !== undefined && readable(key) && s[key] !== want)
      fail(key, [key], `${key} '${want}'; the cookie has '${s[key]}'`);
  }
  if (r.session === true && !removal) {
    if (s.maxAge !== undefined) fail('session', ['maxAge'], 'a session cookie; remove maxAge');
    if (s.expires !== undefined) fail('session', ['expires'], 'a session cookie; remove expires');
  }
  if (r.session === false && s.maxAge === undefined && s.expires === undefined) {
    if (readable('maxAge') && readable('expires'))
      fail('session', ['maxAge'], 'a persistent cookie; set maxAge or expires');
  }
  if (r.maxLifetime !== undefined && !removal) {
    const max = r.maxLifetime;
    if (s.maxAge !== undefined && s.maxAge > max)
      fail('maxLifetime', ['maxAge'], `a lifetime of at most ${max} s; maxAge is ${s.maxAge} s`);
    if (s.expires !== undefined && s.expires - now > max * 1000) {
      fail(
        'maxLifetime',
        ['expires'],
        `a lifetime of at most ${max} s; expires is ${Math.ceil((s.expires - now) / 1000)} s ahead`,
      );
    }
  }
  if (cookie !== undefined) {
    for (const rule of parts.rules) {
      let ok: unknown;
      try {
        ok = rule.check(cookie);
      } catch {
        ok = false;
      }
      if (ok !== true) {
        const who = `policy ${label(rule.origin)}`;
        issues.push({
          path: [...(rule.path ?? [])],
          code: 'policy',
          message: `${who}: ${rule.message}`,
          source: who,
        });
      }
    }
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------
// Hooks for CookieBuilder (not exported from the package)

/** @internal The builder state with the policy's defaults filled in where the state has none. */
export function withPolicyDefaults(
  policy: CookiePolicy,
  state: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const next: Record<string, unknown> = { ...state };
  for (const [key, value] of Object.entries(partsOf(policy).defaults)) {
    if (next[key] === undefined) next[key] = structuredClone(value);
  }
  return next;
}

/**
 * @internal Adds the policy's issues to a build result: to the schema's issues when the
 * cookie is invalid (custom rules need a cookie, so they wait), or as a new error.
 */
export function checkBuild(
  policy: CookiePolicy,
  state: Readonly<Record<string, unknown>>,
  result: CookieResult,
): CookieResult {
  const parts = partsOf(policy);
  if (result.success) {
    const issues = issuesOf(parts, subjectOfCookie(result.cookie), result.cookie);
    if (issues.length === 0) return result;
    return { success: false, error: new CookieValidationError(result.cookie.name, issues) };
  }
  const issues = issuesOf(parts, subjectOfConfig(state), undefined);
  if (issues.length === 0) return result;
  const cause = result.error.cause;
  return {
    success: false,
    error: new CookieValidationError(
      result.error.cookieName,
      [...result.error.issues, ...issues],
      cause,
    ),
  };
}

/**
 * @internal True for a policy this class made. A Proxy of one, or an object made from its
 * prototype, passes `instanceof` but holds no rules: it is not a policy. Never throws.
 */
export function isCookiePolicy(value: unknown): value is CookiePolicy {
  return typeof value === 'object' && value !== null && isOwn(value);
}

/**
 * Refuses what looks like a policy and is not one (a Proxy of one, a copy made from its
 * prototype): read as configuration, it would lose its rules.
 */
function refuseLookAlike(value: unknown, where: string): void {
  if (value instanceof CookiePolicy) {
    throw new CookieError(
      `${where} takes a CookiePolicy or its configuration; a Proxy or copy of a policy has lost its rules, pass the policy itself`,
      { code: 'invalid_policy' },
    );
  }
}
