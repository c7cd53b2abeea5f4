import { Cookie, type CookieResult, cookieOf } from '../cookie/cookie.js';
import { CookieError, guardInput } from '../errors.js';
import { isCookiePolicy } from '../policy/brand.js';
import type { CookiePolicy, PolicyFitsName } from '../policy/cookie-policy.js';
import type { CookiePriority, CookieProfile, SameSite } from '../rules/attributes.js';
import { checkConfig } from '../rules/check.js';
import type { CookieEncoding } from '../rules/encoding.js';
import { type CookiePrefix, prefixNeedsOf } from '../rules/prefixes.js';
import type { CookieConfig, Duration } from '../rules/schema.js';

/** Names with the `__Host-` prefix, which must have `Path=/` and no Domain (6265bis §4.1.3.2). */
export type HostPrefixedName = `__Host-${string}`;

/** SameSite as a builder accepts it: the three modes in any of their usual spellings. */
export type SameSiteInput = SameSite | Lowercase<SameSite> | Uppercase<SameSite>;
/** Priority as a builder accepts it. */
export type PriorityInput = CookiePriority | Lowercase<CookiePriority> | Uppercase<CookiePriority>;

type State = Record<string, unknown>;

/** A chain longer than this is folded into one state, so reading a builder stays cheap. */
const MAX_DEPTH = 24;

// Passed as the third constructor argument by the builder itself, with a link or a whole state
// in the arguments after it; the public signature has two parameters only.
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
  // A builder is one link of a chain: it sets one configuration key on top of the builder it
  // came from, or, as the root, holds a whole state. A method call allocates one small object
  // and copies nothing; `build()` reads the chain, the newest setting of each key winning.
  // The fields are private and never change: the builder is immutable.
  readonly #parent: CookieBuilder<string> | undefined;
  readonly #key: string | undefined;
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
    key?: string,
    data?: unknown,
    policy?: CookiePolicy,
  ) {
    if (token === LINK && parent !== undefined) {
      this.#parent = parent;
      this.#key = key;
      this.#value = data;
      this.#depth = parent.#depth + 1;
      this.#policy = parent.#policy;
    } else {
      this.#parent = undefined;
      this.#key = undefined;
      this.#value = token === ROOT ? data : { name, value };
      this.#depth = 0;
      this.#policy = token === ROOT ? policy : undefined;
    }
  }

  /**
   * The state this builder stands for, as a new plain object: the root's state (any key of a
   * caller's configuration stays, for the schema to report), then each link's key from the
   * oldest to the newest, so the newest setting wins.
   */
  #state(): State {
    const parent = this.#parent;
    if (parent !== undefined) {
      const state = parent.#state();
      state[this.#key as string] = this.#value;
      return state;
    }
    const state: State = {};
    const root = this.#value as State;
    for (const key in root) {
      // a "__proto__" key of a caller's configuration stays a key, not the prototype
      if (key !== '__proto__') state[key] = root[key];
      else
        Object.defineProperty(state, key, { value: root[key], enumerable: true, writable: true });
    }
    return state;
  }

  /** A builder that sets `key` to `value` on top of this one. */
  #set(key: string, value: unknown): CookieBuilder<N> {
    if (this.#depth >= MAX_DEPTH) return this.#with({ [key]: value });
    return new (CookieBuilder as unknown as Internal<N>)('', '', LINK, this, key, value);
  }

  /** A builder holding this state with `patch` applied and the `remove` keys deleted. */
  #with(patch: State, remove?: readonly string[]): CookieBuilder<N> {
    const next = Object.assign(this.#state(), patch);
    if (remove !== undefined) for (const key of remove) delete next[key];
    return rootOf<N>(next, this.#policy);
  }

  /** Sets the logical value (encoded on the wire by `encoding`). Returns a new `CookieBuilder`. */
  value(value: string): CookieBuilder<N> {
    return this.#set('value', value);
  }

  /** Sets the RFC 2109 Comment (§4.2.2; profile `rfc2109` only). Returns a new `CookieBuilder`. */
  comment(text: string): CookieBuilder<N> {
    return this.#set('comment', text);
  }

  /**
   * Sets the Domain attribute (RFC 6265 §4.1.2.3): `.example.com` under `rfc2109` (RFC 2109
   * §4.3.2 needs the dot), `example.com` under `rfc6265`. Not allowed on `__Host-` names.
   * Returns a new `CookieBuilder`.
   */
  domain(domain: N extends HostPrefixedName ? never : string): CookieBuilder<N> {
    return this.#set('domain', domain);
  }

  /** Sets the Path attribute (RFC 6265 §4.1.2.4); `__Host-` names need `'/'`. Returns a new `CookieBuilder`. */
  path(path: N extends HostPrefixedName ? '/' : string): CookieBuilder<N> {
    return this.#set('path', path);
  }

  /** Sets or clears Secure (RFC 6265 §4.1.2.5). Returns a new `CookieBuilder`. */
  secure(on = true): CookieBuilder<N> {
    return this.#set('secure', on);
  }

  /** Sets or clears HttpOnly (RFC 6265 §4.1.2.6). Returns a new `CookieBuilder`. */
  httpOnly(on = true): CookieBuilder<N> {
    return this.#set('httpOnly', on);
  }

  /** Sets the RFC 2109 Version (§4.2.2; default 1, profile `rfc2109` only). Returns a new `CookieBuilder`. */
  version(version: number): CookieBuilder<N> {
    return this.#set('version', version);
  }

  /**
   * Sets Max-Age in **seconds**, or as `{ days, hours, minutes, seconds }`; 0 discards the
   * cookie at once (RFC 2109 §4.2.2). Returns a new `CookieBuilder`.
   * @example builder.maxAge({ days: 30 })
   */
  maxAge(lifetime: number | Duration): CookieBuilder<N> {
    return this.#set('maxAge', copyOf(lifetime));
  }

  /** Sets Expires (RFC 6265 §4.1.2.1) from a `Date`, ISO string or epoch ms. Returns a new `CookieBuilder`. */
  expires(date: Date | string | number): CookieBuilder<N> {
    return this.#set('expires', copyOf(date));
  }

  /** Sets SameSite (6265bis §4.1.2.7), any case; `None` needs Secure. Returns a new `CookieBuilder`. */
  sameSite(mode: SameSiteInput): CookieBuilder<N> {
    return this.#set('sameSite', mode);
  }

  /** Sets or clears Partitioned (CHIPS); needs Secure. Returns a new `CookieBuilder`. */
  partitioned(on = true): CookieBuilder<N> {
    return this.#set('partitioned', on);
  }

  /** Sets Priority (Chromium's draft-west-cookie-priority). Returns a new `CookieBuilder`. */
  priority(priority: PriorityInput): CookieBuilder<N> {
    return this.#set('priority', priority);
  }

  /** Sets how the value is written: `'uri'` (default), `'raw'` or `'base64url'`. Returns a new `CookieBuilder`. */
  encoding(encoding: CookieEncoding): CookieBuilder<N> {
    return this.#set('encoding', encoding);
  }

  /** Chooses the rule set: `'rfc2109'` (default, the seed's) or `'rfc6265'`. Returns a new `CookieBuilder`. */
  profile(profile: CookieProfile): CookieBuilder<N> {
    return this.#set('profile', profile);
  }

  /**
   * Adds an extension attribute `name=value` (or bare `name`), replacing one of the same name
   * (6265bis §4.1.1 extension-av). Returns a new `CookieBuilder`.
   */
  extension(name: string, value?: string): CookieBuilder<N> {
    const current = this.#state().extensions;
    const list = Array.isArray(current) ? (current as { name: unknown }[]) : [];
    const key = typeof name === 'string' ? name.toLowerCase() : name;
    const kept = list.filter(
      (e) => (typeof e.name === 'string' ? e.name.toLowerCase() : e.name) !== key,
    );
    const entry = Object.freeze(value === undefined ? { name } : { name, value });
    return this.#set('extensions', Object.freeze([...kept, entry]));
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
    return rootOf<Name>(combined.withDefaults(this.#state()), combined);
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
    const patch: State = { value: '', maxAge: 0, expires: new Date(0) };
    const remove: string[] = [];
    const state = this.#state();
    const needs = typeof state.name === 'string' ? prefixNeedsOf(state.name) : undefined;
    if (needs !== undefined || state.partitioned === true) patch.secure = true;
    // A partitioned cookie lives in a cross-site frame, where a browser only accepts a line
    // with SameSite=None (6265bis §5.7 step 18), so its removal needs it too.
    if (state.partitioned === true && state.sameSite === undefined) patch.sameSite = 'None';
    if (needs?.httpOnly) patch.httpOnly = true;
    if (needs?.hostOnly) {
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
      const state = this.#state();
      const checked = checkConfig(state);
      return checked !== undefined ? cookieOf(checked) : Cookie.from(state as CookieConfig);
    }
    const result = this.safeBuild();
    if (!result.success) throw result.error;
    return result.cookie;
  }

  /** Like `build()`, but returns `{ success, cookie }` or `{ success: false, error }`. */
  safeBuild(): CookieResult {
    const state = this.#state();
    const result = Cookie.safeFrom(state);
    return this.#policy === undefined ? result : this.#policy.review(state, result);
  }

  /** The configuration gathered so far, as `Cookie.from` would receive it. */
  toConfig(): CookieConfig {
    const config = this.#state();
    if (config.expires !== undefined) config.expires = copyOf(config.expires);
    if (config.maxAge !== undefined) config.maxAge = copyOf(config.maxAge);
    return config as CookieConfig;
  }

  /**
   * @internal True for a builder this class made; a Proxy of one, or an object made from its
   * prototype, is not one (its methods would run the caller's code). Never throws.
   */
  static isBuilder(value: unknown): value is CookieBuilder<string> {
    return typeof value === 'object' && value !== null && #depth in value;
  }

  /** @internal A builder holding an existing configuration (used by `Cookie#toBuilder`). */
  static fromConfig(config: CookieConfig): CookieBuilder<string> {
    return rootOf({ ...config }, undefined);
  }
}

/** A builder holding the whole `state`. */
function rootOf<N extends string>(
  state: State,
  policy: CookiePolicy | undefined,
): CookieBuilder<N> {
  return new (CookieBuilder as unknown as Internal<N>)(
    '',
    '',
    ROOT,
    undefined,
    undefined,
    state,
    policy,
  );
}

/** The constructor as the builder calls it, with the arguments after the public two. */
type Internal<N extends string> = new (
  name: string,
  value: string,
  token: typeof LINK | typeof ROOT,
  parent: CookieBuilder<string> | undefined,
  key: string | undefined,
  data: unknown,
  policy?: CookiePolicy,
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
