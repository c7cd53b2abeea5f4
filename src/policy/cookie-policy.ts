import type { Cookie, CookieResult } from '../cookie/cookie.js';
import { CookieError, type CookieIssue, CookieValidationError, guardInput } from '../errors.js';
import type { CookiePrefix } from '../rules/prefixes.js';
import type { CookieAttributes } from '../rules/schema.js';
import { isCookiePolicy, PolicyBrand } from './brand.js';
import { issuesOf, subjectOf, subjectOfConfig, subjectOfCookie } from './check.js';
import { findIncoherence } from './coherence.js';
import { combine } from './compose.js';
import { customRules, fromConfig, parsePolicy, splitCustom } from './definition.js';
import { type Parts, REQUIREMENT_ORDER } from './parts.js';
import type {
  CookiePolicyConfig,
  CookiePolicyDefinition,
  CookiePolicyRequirements,
} from './schema.js';

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

const TOKEN = Symbol('CookiePolicy');

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
export class CookiePolicy<
  Prefix extends CookiePrefix | undefined = CookiePrefix | undefined,
> extends PolicyBrand {
  /** The policy's name; a composed policy is named `"a & b"`. */
  readonly name: string;
  /** Type-level marker of the required name prefix; never set at run time. */
  declare readonly '~prefix'?: Prefix;
  readonly #parts: Parts;

  private constructor(token: typeof TOKEN, parts: Parts) {
    super();
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
    const subject = subjectOf(cookie, 'enforce');
    const issues = issuesOf(this.#parts, subject, cookie);
    if (issues.length > 0) throw new CookieValidationError(subject.name, issues);
    return cookie;
  }

  /** @internal The builder state with the defaults filled in where the state has none. */
  withDefaults(state: Readonly<Record<string, unknown>>): Record<string, unknown> {
    const next: Record<string, unknown> = { ...state };
    for (const [key, value] of Object.entries(this.#parts.defaults)) {
      if (next[key] === undefined) next[key] = structuredClone(value);
    }
    return next;
  }

  /**
   * @internal Adds the policy's issues to a build result: to the schema's issues when the
   * cookie is invalid (custom rules need a cookie, so they wait), or as a new error.
   */
  review(state: Readonly<Record<string, unknown>>, result: CookieResult): CookieResult {
    const parts = this.#parts;
    if (result.success) {
      const issues = issuesOf(parts, subjectOfCookie(result.cookie), result.cookie);
      if (issues.length === 0) return result;
      return { success: false, error: new CookieValidationError(result.cookie.name, issues) };
    }
    const issues = issuesOf(parts, subjectOfConfig(state), undefined);
    if (issues.length === 0) return result;
    const { cookieName, cause } = result.error;
    const all = [...result.error.issues, ...issues];
    return { success: false, error: new CookieValidationError(cookieName, all, cause) };
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

/**
 * Refuses what looks like a policy and is not one (a Proxy of one, a copy made from its
 * prototype): read as configuration, it would lose its rules.
 */
function refuseLookAlike(value: unknown, where: string): void {
  let lookAlike = false;
  try {
    lookAlike = value instanceof CookiePolicy;
  } catch {
    // a revoked Proxy or a throwing trap: read as configuration, which reports it
  }
  if (lookAlike) {
    throw new CookieError(
      `${where} takes a CookiePolicy or its configuration; a Proxy or copy of a policy has lost its rules, pass the policy itself`,
      { code: 'invalid_policy' },
    );
  }
}
