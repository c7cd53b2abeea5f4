import { Cookie, type CookieResult, cookieOf } from '../cookie/cookie.js';
import { CookieError, guardInput } from '../errors.js';
import {
  type CookiePolicy,
  checkBuild,
  isCookiePolicy,
  type PolicyFitsName,
  withPolicyDefaults,
} from '../policy/cookie-policy.js';
import type { CookieEncoding } from '../rules/encoding.js';
import {
  type CookieConfig,
  type CookiePrefix,
  type CookiePriority,
  type CookieProfile,
  type Duration,
  type ParsedCookieConfig,
  parseFieldsFast,
  prefixOf,
  type SameSite,
} from '../rules/schema.js';

/** Names with the `__Host-` prefix, which must have `Path=/` and no Domain (6265bis §4.1.3.2). */
export type HostPrefixedName = `__Host-${string}`;

/** SameSite as a builder accepts it: the three modes in any of their usual spellings. */
export type SameSiteInput = SameSite | Lowercase<SameSite> | Uppercase<SameSite>;
/** Priority as a builder accepts it. */
export type PriorityInput = CookiePriority | Lowercase<CookiePriority> | Uppercase<CookiePriority>;

type State = Readonly<Record<string, unknown>>;

/** What a builder can set, in the order `toConfig()` lists it. */
const FIELDS = [
  'name',
  'value',
  'comment',
  'domain',
  'path',
  'secure',
  'httpOnly',
  'version',
  'maxAge',
  'expires',
  'sameSite',
  'partitioned',
  'priority',
  'encoding',
  'profile',
  'extensions',
] as const;
type Field = (typeof FIELDS)[number];
/** The index of each field in `FIELDS`. */
const F = Object.fromEntries(FIELDS.map((field, i) => [field, i])) as Readonly<
  Record<Field, number>
>;
const UNSET: unique symbol = Symbol('unset');

// `#key` of a root: it holds just the name and value it was started with, or a state with
// only `FIELDS` keys, or a state with some other key too (for the schema to report).
const NAME_VALUE_ROOT = -1;
const PLAIN_ROOT = -2;
const OTHER_ROOT = -3;

/** A chain longer than this is folded into one state, so reading a builder stays cheap. */
const MAX_DEPTH = 24;

// Passed as the third constructor argument by the builder itself, which then hands over a link
// or a whole state in the arguments after it; the public signature has two parameters only.
// (Arguments rather than module variables: storing a new builder in a module variable costs a
// write barrier, a third of a method call.)
const LINK: unique symbol = Symbol('link');
const ROOT: unique symbol = Symbol('root');

/**
 * An immutable, chainable cookie builder. Every method returns a **new** builder, so a partly
 * configured builder is a reusable template. Nothing is checked until `build()`, which
 * validates the whole cookie and reports every problem at once.
 *
 * @example
 * const base = Cookie.builder('sid', '').path('/').secure().httpOnly().sameSite('Lax');
 * const a = base.value('abc').build();
 * const b = base.value('xyz').maxAge({ hours: 1 }).build(); // `a` and `base` are unchanged
 */
export class CookieBuilder<N extends string = string> {
  // A builder is one link of a chain: it sets one field (`FIELDS[#key]` to `#value`) on top of
  // the builder it came from, or, with no parent, holds a whole state in `#value`. A method
  // call therefore allocates one small object and copies nothing; `build()` reads the chain.
  // The fields are private and never change, so the builder is immutable without
  // Object.freeze, which V8 runs in C++ at about 50 ns a call (docs/benchmarks.md).
  readonly #parent: CookieBuilder<string> | undefined;
  readonly #key: number;
  readonly #value: unknown;
  readonly #depth: number;
  readonly #policy: CookiePolicy | undefined;

  /** Starts a builder for a cookie named `name` with the logical value `value`. */
  constructor(name: N, value: string);
  constructor(
    name: N,
    value: string,
    token?: typeof LINK | typeof ROOT,
    parent?: CookieBuilder<string>,
    key?: number,
    data?: unknown,
    policy?: CookiePolicy,
  ) {
    if (token === LINK && parent !== undefined) {
      this.#parent = parent;
      this.#key = key as number;
      this.#value = data;
      this.#depth = parent.#depth + 1;
      this.#policy = policy;
    } else if (token === ROOT) {
      const state = data as State;
      let plain = true;
      for (const field in state) if (!Object.hasOwn(F, field)) plain = false;
      this.#parent = undefined;
      this.#key = plain ? PLAIN_ROOT : OTHER_ROOT;
      this.#value = state;
      this.#depth = 0;
      this.#policy = policy;
    } else {
      this.#parent = undefined;
      this.#key = NAME_VALUE_ROOT;
      this.#value = { name, value };
      this.#depth = 0;
      this.#policy = undefined;
    }
  }

  /**
   * Writes the newest value of each field into `v` (by its index in `FIELDS`, `UNSET` where no
   * link sets it), walking from this builder up to the root, and returns the root.
   */
  #collect(v: unknown[]): CookieBuilder<string> {
    let node: CookieBuilder<string> = this;
    for (let up = node.#parent; up !== undefined; node = up, up = node.#parent) {
      if (v[node.#key] === UNSET) v[node.#key] = node.#value;
    }
    return node;
  }

  /** Fills the fields no link sets from the root's state, which holds only `FIELDS` keys. */
  static #fillFromRoot(v: unknown[], root: CookieBuilder<string>): void {
    const base = root.#value as State;
    if (root.#key === NAME_VALUE_ROOT) {
      if (v[0] === UNSET) v[0] = base.name;
      if (v[1] === UNSET) v[1] = base.value;
      return;
    }
    for (const key in base) {
      const i = F[key as Field];
      if (v[i] === UNSET) v[i] = base[key];
    }
  }

  /**
   * The validated configuration when the fast path of `Cookie.from` accepts the fields as they
   * are (no unknown key, no extension); `undefined` sends the caller to the schema.
   */
  #parsedFast(): ParsedCookieConfig | undefined {
    const v = unsetFields();
    const root = this.#collect(v);
    if (root.#key === OTHER_ROOT) return undefined;
    CookieBuilder.#fillFromRoot(v, root);
    if (v[15] !== UNSET) return undefined;
    return parseFieldsFast(
      given(v[0]),
      given(v[1]),
      given(v[2]),
      given(v[3]),
      given(v[4]),
      given(v[5]),
      given(v[6]),
      given(v[7]),
      given(v[8]),
      given(v[9]),
      given(v[10]),
      given(v[11]),
      given(v[12]),
      given(v[13]),
      given(v[14]),
    );
  }

  /** The state this builder stands for, as a new plain object. */
  get #state(): Record<string, unknown> {
    const v = unsetFields();
    const root = this.#collect(v);
    if (root.#key === OTHER_ROOT) {
      // Unknown keys stay where they were, for the schema to report.
      const state: Record<string, unknown> = Object.assign({}, root.#value as State);
      for (let i = 0; i < FIELDS.length; i++) if (v[i] !== UNSET) state[FIELDS[i] as Field] = v[i];
      return state;
    }
    CookieBuilder.#fillFromRoot(v, root);
    // Named stores in one order give every state of the same fields one shape, which keeps the
    // fast path of Cookie.from monomorphic (stores with computed keys measured ~3× slower).
    const s: Record<string, unknown> = {};
    if (v[0] !== UNSET) s.name = v[0];
    if (v[1] !== UNSET) s.value = v[1];
    if (v[2] !== UNSET) s.comment = v[2];
    if (v[3] !== UNSET) s.domain = v[3];
    if (v[4] !== UNSET) s.path = v[4];
    if (v[5] !== UNSET) s.secure = v[5];
    if (v[6] !== UNSET) s.httpOnly = v[6];
    if (v[7] !== UNSET) s.version = v[7];
    if (v[8] !== UNSET) s.maxAge = v[8];
    if (v[9] !== UNSET) s.expires = v[9];
    if (v[10] !== UNSET) s.sameSite = v[10];
    if (v[11] !== UNSET) s.partitioned = v[11];
    if (v[12] !== UNSET) s.priority = v[12];
    if (v[13] !== UNSET) s.encoding = v[13];
    if (v[14] !== UNSET) s.profile = v[14];
    if (v[15] !== UNSET) s.extensions = v[15];
    return s;
  }

  /** A builder that sets `FIELDS[key]` to `value` on top of this one. */
  #set(key: number, value: unknown): CookieBuilder<N> {
    if (this.#depth >= MAX_DEPTH) return this.#with({ [FIELDS[key] as Field]: value });
    return new (CookieBuilder as unknown as Internal<N>)(
      '',
      '',
      LINK,
      this,
      key,
      value,
      this.#policy,
    );
  }

  /** A builder holding this state with `patch` applied and the `remove` keys deleted. */
  #with(patch: Record<string, unknown>, remove?: readonly string[]): CookieBuilder<N> {
    const next: Record<string, unknown> = Object.assign(this.#state, patch);
    if (remove !== undefined) for (const key of remove) delete next[key];
    return rootOf<N>(next, this.#policy);
  }

  /** Sets the logical value (encoded on the wire by `encoding`). Returns a new `CookieBuilder`. */
  value(value: string): CookieBuilder<N> {
    return this.#set(F.value, value);
  }

  /** Sets the RFC 2109 Comment (§4.2.2; profile `rfc2109` only). Returns a new `CookieBuilder`. */
  comment(text: string): CookieBuilder<N> {
    return this.#set(F.comment, text);
  }

  /**
   * Sets the Domain attribute (RFC 6265 §4.1.2.3): `.example.com` under `rfc2109` (RFC 2109
   * §4.3.2 needs the dot), `example.com` under `rfc6265`. Not allowed on `__Host-` names.
   * Returns a new `CookieBuilder`.
   */
  domain(domain: N extends HostPrefixedName ? never : string): CookieBuilder<N> {
    return this.#set(F.domain, domain);
  }

  /** Sets the Path attribute (RFC 6265 §4.1.2.4); `__Host-` names need `'/'`. Returns a new `CookieBuilder`. */
  path(path: N extends HostPrefixedName ? '/' : string): CookieBuilder<N> {
    return this.#set(F.path, path);
  }

  /** Sets or clears Secure (RFC 6265 §4.1.2.5). Returns a new `CookieBuilder`. */
  secure(on = true): CookieBuilder<N> {
    return this.#set(F.secure, on);
  }

  /** Sets or clears HttpOnly (RFC 6265 §4.1.2.6). Returns a new `CookieBuilder`. */
  httpOnly(on = true): CookieBuilder<N> {
    return this.#set(F.httpOnly, on);
  }

  /** Sets the RFC 2109 Version (§4.2.2; default 1, profile `rfc2109` only). Returns a new `CookieBuilder`. */
  version(version: number): CookieBuilder<N> {
    return this.#set(F.version, version);
  }

  /**
   * Sets Max-Age in **seconds**, or as `{ days, hours, minutes, seconds }`; 0 discards the
   * cookie at once (RFC 2109 §4.2.2). Returns a new `CookieBuilder`.
   * @example builder.maxAge({ days: 30 })
   */
  maxAge(lifetime: number | Duration): CookieBuilder<N> {
    return this.#set(F.maxAge, copyOf(lifetime));
  }

  /** Sets Expires (RFC 6265 §4.1.2.1) from a `Date`, ISO string or epoch ms. Returns a new `CookieBuilder`. */
  expires(date: Date | string | number): CookieBuilder<N> {
    return this.#set(F.expires, copyOf(date));
  }

  /** Sets SameSite (6265bis §4.1.2.7), any case; `None` needs Secure. Returns a new `CookieBuilder`. */
  sameSite(mode: SameSiteInput): CookieBuilder<N> {
    return this.#set(F.sameSite, mode);
  }

  /** Sets or clears Partitioned (CHIPS); needs Secure. Returns a new `CookieBuilder`. */
  partitioned(on = true): CookieBuilder<N> {
    return this.#set(F.partitioned, on);
  }

  /** Sets Priority (Chromium's draft-west-cookie-priority). Returns a new `CookieBuilder`. */
  priority(priority: PriorityInput): CookieBuilder<N> {
    return this.#set(F.priority, priority);
  }

  /** Sets how the value is written: `'uri'` (default), `'raw'` or `'base64url'`. Returns a new `CookieBuilder`. */
  encoding(encoding: CookieEncoding): CookieBuilder<N> {
    return this.#set(F.encoding, encoding);
  }

  /** Chooses the rule set: `'rfc2109'` (default, the seed's) or `'rfc6265'`. Returns a new `CookieBuilder`. */
  profile(profile: CookieProfile): CookieBuilder<N> {
    return this.#set(F.profile, profile);
  }

  /**
   * Adds an extension attribute `name=value` (or bare `name`), replacing one of the same name
   * (6265bis §4.1.1 extension-av). Returns a new `CookieBuilder`.
   */
  extension(name: string, value?: string): CookieBuilder<N> {
    const current = this.#state.extensions;
    const list = Array.isArray(current) ? (current as { name: unknown }[]) : [];
    const key = typeof name === 'string' ? name.toLowerCase() : name;
    const kept = list.filter(
      (e) => (typeof e.name === 'string' ? e.name.toLowerCase() : e.name) !== key,
    );
    const entry = Object.freeze(value === undefined ? { name } : { name, value });
    return this.#set(F.extensions, Object.freeze([...kept, entry]));
  }

  /**
   * Applies a `CookiePolicy`: its defaults fill every attribute this builder has not set (values
   * set here win, before or after), and its requirements are checked by `build()`, which
   * reports schema and policy issues together. Applying a second policy composes the two.
   * Returns a new `CookieBuilder`.
   * @throws {CookiePolicyConflictError} when the policies applied cannot hold together.
   * @example Cookie.builder('__Host-sid', token).apply(CookiePolicy.hostOnly).httpOnly().build()
   */
  apply<P extends CookiePrefix | undefined, Name extends string>(
    this: CookieBuilder<Name>,
    policy: CookiePolicy<P> & PolicyFitsName<Name, P>,
  ): CookieBuilder<Name> {
    const combined = guardInput('apply()', (): CookiePolicy => {
      if (!isCookiePolicy(policy)) {
        throw new CookieError('apply() takes a CookiePolicy; create one with CookiePolicy.define', {
          code: 'invalid_policy',
        });
      }
      return this.#policy === undefined ? policy : this.#policy.and(policy);
    });
    return rootOf<Name>(withPolicyDefaults(combined, this.#state), combined);
  }

  /** Drops Max-Age and Expires: a session cookie. Returns a new `CookieBuilder`. */
  session(): CookieBuilder<N> {
    return this.#with({}, ['maxAge', 'expires']);
  }

  /**
   * Turns this into the cookie that deletes it: empty value, `Max-Age=0`, Expires in 1970, the
   * same Domain, Path and Partitioned, plus what the name's prefix needs for a browser to
   * accept it (`__Secure-` → Secure, `__Host-` → Secure and `Path=/`, `__Http-` → Secure and
   * HttpOnly). Returns a new `CookieBuilder`.
   */
  removal(): CookieBuilder<N> {
    const patch: Record<string, unknown> = { value: '', maxAge: 0, expires: new Date(0) };
    const remove: string[] = [];
    const state = this.#state;
    const name = state.name;
    const prefix = typeof name === 'string' ? prefixOf(name) : undefined;
    if (prefix !== undefined || state.partitioned === true) patch.secure = true;
    // A partitioned cookie lives in a cross-site frame, where a browser only accepts a line
    // with SameSite=None (6265bis §5.7 step 18), so its removal needs it too.
    if (state.partitioned === true && state.sameSite === undefined) {
      patch.sameSite = 'None';
    }
    if (prefix === '__Http-' || prefix === '__Host-Http-') patch.httpOnly = true;
    if (prefix === '__Host-' || prefix === '__Host-Http-') {
      patch.path = '/';
      remove.push('domain');
    }
    return this.#with(patch, remove);
  }

  /**
   * Validates the whole cookie, and the requirements of an applied policy, and returns it.
   * @throws {CookieValidationError} listing every problem, each with field, rule and source.
   */
  build(): Cookie {
    if (this.#policy === undefined) {
      const parsed = this.#parsedFast();
      return parsed !== undefined ? cookieOf(parsed) : Cookie.from(this.#state as CookieConfig);
    }
    const result = this.safeBuild();
    if (!result.success) throw result.error;
    return result.cookie;
  }

  /** Like `build()`, but returns `{ success, cookie }` or `{ success: false, error }`. */
  safeBuild(): CookieResult {
    const state = this.#state;
    const result = Cookie.safeFrom(state);
    return this.#policy === undefined ? result : checkBuild(this.#policy, state, result);
  }

  /** The configuration gathered so far, as `Cookie.from` would receive it. */
  toConfig(): CookieConfig {
    const config = this.#state;
    if (config.expires !== undefined) config.expires = copyOf(config.expires);
    if (config.maxAge !== undefined) config.maxAge = copyOf(config.maxAge);
    return config as CookieConfig;
  }

  /** @internal A builder holding an existing configuration (used by `Cookie#toBuilder`). */
  static fromConfig(config: CookieConfig): CookieBuilder<string> {
    return rootOf({ ...config }, undefined);
  }
}

// Not frozen: slicing a frozen array takes a slow path (measured 5× slower builds).
const NONE_SET: readonly unknown[] = FIELDS.map(() => UNSET);

/** One slot per field of `FIELDS`, none set. */
function unsetFields(): unknown[] {
  return NONE_SET.slice();
}

/** A field's value, `undefined` when it is not set. */
function given(slot: unknown): unknown {
  return slot === UNSET ? undefined : slot;
}

/** A builder holding the whole `state`. */
function rootOf<N extends string>(
  state: State,
  policy: CookiePolicy | undefined,
): CookieBuilder<N> {
  return new (CookieBuilder as unknown as Internal<N>)('', '', ROOT, undefined, -1, state, policy);
}

/** The constructor as the builder calls it, with the arguments after the public two. */
type Internal<N extends string> = new (
  name: string,
  value: string,
  token: typeof LINK | typeof ROOT,
  parent: CookieBuilder<string> | undefined,
  key: number,
  data: unknown,
  policy: CookiePolicy | undefined,
) => CookieBuilder<N>;

/**
 * A copy of a Date or duration object, so that the caller's object and the builder's state never
 * share anything. What cannot be read (a fake Date, a throwing getter) becomes an invalid value
 * that `build()` reports on its field, instead of an exception from here.
 */
function copyOf(value: unknown): unknown {
  try {
    if (value instanceof Date) {
      let time: number;
      try {
        time = Date.prototype.getTime.call(value);
      } catch {
        time = Number.NaN;
      }
      return new Date(time);
    }
    if (typeof value === 'object' && value !== null) return { ...value };
    return value;
  } catch {
    return Number.NaN; // a revoked Proxy or a throwing trap: build() reports the field
  }
}
