import { CookieBuilder } from '../builder/cookie-builder.js';
import {
  CookieError,
  CookieValidationError,
  describeThrown,
  guardInput,
  isCookieError,
} from '../errors.js';
import { type SetCookieParseOptions, safeParseSetCookie } from '../parse/set-cookie.js';
import {
  ATTRIBUTES,
  type AttributeKey,
  type CookiePriority,
  type CookieProfile,
  type SameSite,
} from '../rules/attributes.js';
import { type CheckedCookie, type CookieExtension, checkConfig } from '../rules/check.js';
import type { CookieEncoding } from '../rules/encoding.js';
import { toCookieIssues } from '../rules/issues.js';
import { type CookieAttributes, type CookieConfig, cookieConfigSchema } from '../rules/schema.js';
import { RULE_SOURCES } from '../rules/sources.js';
import { type CookieWarning, warningsOf } from '../rules/warnings.js';
import { serializeCookie } from './serialize.js';

/** Changes for `Cookie#with`: any attribute or the value; `undefined` removes an attribute. */
export type CookieChanges = {
  [K in keyof CookieAttributes | 'value']?:
    | (K extends 'value' ? string : CookieAttributes[K & keyof CookieAttributes])
    | undefined;
};

/** The outcome of a non-throwing build or parse. */
export type CookieResult =
  | { readonly success: true; readonly cookie: Cookie }
  | { readonly success: false; readonly error: CookieValidationError };

const TOKEN = Symbol('Cookie');
const INSPECT = Symbol.for('nodejs.util.inspect.custom');
/** Brand shared by every copy of cookiesmith loaded in one process (ESM and CommonJS builds). */
export const COOKIE_BRAND: unique symbol = Symbol.for('cookiesmith.Cookie') as never;
let create: (checked: CheckedCookie) => Cookie;
let isOwn: (value: object) => boolean;

/**
 * An HTTP cookie as an immutable, always-valid value object. Create one with
 * `Cookie.builder(name, value)…build()`, `Cookie.from(config)` or `Cookie.parse(header)`;
 * `toString()` is the `Set-Cookie` header value, computed once.
 *
 * Its state lives in private fields behind read-only properties (as Temporal's objects are
 * built) and the instance is frozen: nothing can change it.
 *
 * @example
 * const sid = Cookie.builder('sid', token).domain('.example.com').path('/').secure().httpOnly().build();
 * res.setHeader('Set-Cookie', sid.toString());
 */
export class Cookie {
  readonly #name: string;
  readonly #value: string;
  readonly #encoding: CookieEncoding;
  readonly #profile: CookieProfile;
  readonly #extensions: readonly CookieExtension[] | undefined;
  readonly #version: number | undefined;
  readonly #comment: string | undefined;
  readonly #domain: string | undefined;
  readonly #path: string | undefined;
  readonly #maxAge: number | undefined;
  /** Epoch milliseconds at second precision. */
  readonly #expires: number | undefined;
  /** The flags that are set: `SECURE`, `HTTP_ONLY`, `PARTITIONED` (one small integer). */
  readonly #flags: number;
  readonly #sameSite: SameSite | undefined;
  readonly #priority: CookiePriority | undefined;
  /** The header once written; until then the checked state it is written from. */
  #header: string | CheckedCookie;
  #warnings: readonly CookieWarning[] | undefined;

  static {
    create = (checked) => new Cookie(TOKEN, checked);
    isOwn = (value) => #name in value;
    // Marks cookies of every copy of the package (its ESM and CommonJS builds are two copies),
    // so a jar can take a cookie made by the other copy.
    Object.defineProperty(Cookie.prototype, COOKIE_BRAND, { value: true });
  }

  private constructor(token: typeof TOKEN, checked: CheckedCookie) {
    if (token !== TOKEN) {
      throw new CookieError('use Cookie.from, Cookie.builder or Cookie.parse', {
        code: 'private_constructor',
      });
    }
    const a = checked.attributes;
    this.#name = checked.name;
    this.#value = checked.value;
    this.#encoding = checked.encoding;
    this.#profile = checked.profile;
    this.#extensions = checked.extensions;
    this.#version = a[AT.version] as number | undefined;
    this.#comment = a[AT.comment] as string | undefined;
    this.#domain = a[AT.domain] as string | undefined;
    this.#path = a[AT.path] as string | undefined;
    this.#maxAge = a[AT.maxAge] as number | undefined;
    this.#expires = a[AT.expires] as number | undefined;
    this.#flags =
      (a[AT.secure] === true ? SECURE : 0) |
      (a[AT.httpOnly] === true ? HTTP_ONLY : 0) |
      (a[AT.partitioned] === true ? PARTITIONED : 0);
    this.#sameSite = a[AT.sameSite] as SameSite | undefined;
    this.#priority = a[AT.priority] as CookiePriority | undefined;
    this.#header = checked;
    Object.freeze(this);
  }

  /** The cookie name, an RFC 6265 token (§4.1.1). */
  get name(): string {
    return this.#name;
  }

  /** The logical value, decoded; the wire form depends on `encoding`. */
  get value(): string {
    return this.#value;
  }

  /** RFC 2109 Comment (§4.2.2), profile `rfc2109` only. */
  get comment(): string | undefined {
    return this.#comment;
  }

  /** Domain attribute: `.example.com` under `rfc2109`, `example.com` under `rfc6265`, lowercase. */
  get domain(): string | undefined {
    return this.#domain;
  }

  /** Path attribute (RFC 6265 §4.1.2.4). */
  get path(): string | undefined {
    return this.#path;
  }

  /** Secure attribute (RFC 6265 §4.1.2.5). */
  get secure(): boolean {
    return (this.#flags & SECURE) !== 0;
  }

  /** HttpOnly attribute (RFC 6265 §4.1.2.6). */
  get httpOnly(): boolean {
    return (this.#flags & HTTP_ONLY) !== 0;
  }

  /** RFC 2109 Version (§4.2.2): 1 unless set otherwise; absent under `rfc6265`. */
  get version(): number | undefined {
    return this.#version;
  }

  /** Max-Age in seconds; 0 discards the cookie at once (RFC 2109 §4.2.2). */
  get maxAge(): number | undefined {
    return this.#maxAge;
  }

  /** Expires attribute (RFC 6265 §4.1.2.1), at second precision; a new copy on every read. */
  get expires(): Date | undefined {
    return this.#expires === undefined ? undefined : new Date(this.#expires);
  }

  /** SameSite attribute (6265bis §4.1.2.7). */
  get sameSite(): SameSite | undefined {
    return this.#sameSite;
  }

  /** Partitioned attribute (CHIPS). */
  get partitioned(): boolean {
    return (this.#flags & PARTITIONED) !== 0;
  }

  /** Priority attribute (Chromium, draft-west-cookie-priority). */
  get priority(): CookiePriority | undefined {
    return this.#priority;
  }

  /** How `value` is written on the wire. */
  get encoding(): CookieEncoding {
    return this.#encoding;
  }

  /** The rule set the cookie was validated and is serialised under. */
  get profile(): CookieProfile {
    return this.#profile;
  }

  /** Extension attributes, in order; frozen, each frozen; absent when there are none. */
  get extensions(): readonly CookieExtension[] | undefined {
    return this.#extensions;
  }

  /**
   * What is valid but will surprise (browsers clamp, ignore or differ); frozen. Lifetimes are
   * compared with the clock when the warnings are first read.
   */
  get warnings(): readonly CookieWarning[] {
    if (this.#warnings === undefined) {
      const found = warningsOf(
        {
          maxAge: this.#maxAge,
          expires: this.#expires,
          sameSite: this.#sameSite,
          partitioned: (this.#flags & PARTITIONED) !== 0,
          priority: this.#priority,
          legacy: this.#comment === undefined ? [] : ['comment'],
          extensions: this.#extensions?.map((e) => e.name) ?? [],
          domain: this.#domain,
        },
        Date.now(),
        false,
      );
      this.#warnings = Object.freeze(found);
    }
    return this.#warnings;
  }

  /**
   * Validates a configuration object and returns the cookie. `expires` may be a `Date`, an ISO
   * string or epoch milliseconds, so the JSON form is accepted too.
   * @throws {CookieValidationError} listing every problem.
   */
  static from(config: CookieConfig): Cookie {
    try {
      const checked = checkConfig(config);
      if (checked !== undefined) return create(checked);
    } catch {
      // a getter or Proxy trap of the caller threw: safeFrom reports it
    }
    const result = Cookie.safeFrom(config);
    if (!result.success) throw result.error;
    return result.cookie;
  }

  /** Like `Cookie.from`, but returns `{ success: false, error }` instead of throwing. */
  static safeFrom(config: unknown): CookieResult {
    // Everything that reads the caller's objects stays inside the try: getters and Proxy traps
    // may throw, and zod finalises its issue messages lazily.
    try {
      const checked = checkConfig(config);
      if (checked !== undefined) return { success: true, cookie: create(checked) };
      return fromSchema(config);
    } catch (cause) {
      if (isCookieError(cause) && !(cause instanceof CookieValidationError)) throw cause;
      const issue = {
        path: [],
        code: 'invalid_type',
        message: `config could not be read: ${describeThrown(cause)} was thrown`,
        source: RULE_SOURCES.config,
      } as const;
      return { success: false, error: new CookieValidationError(nameOf(config), [issue]) };
    }
  }

  /**
   * Reads a `Set-Cookie` header value back into a cookie: the inverse of `toString()`. A
   * leading `Set-Cookie:` is accepted, attribute names are case-insensitive, unknown attributes
   * become `extensions`, and the value is decoded with `encoding` (default `'uri'`). The same
   * validation as `Cookie.from` applies, under `profile` (default `'rfc2109'`).
   * @example Cookie.parse('sid=abc; Path=/; Secure; HttpOnly', { profile: 'rfc6265' })
   * @throws {CookieValidationError} listing every problem.
   */
  static parse(header: string, options?: SetCookieParseOptions): Cookie {
    const result = Cookie.safeParse(header, options);
    if (!result.success) throw result.error;
    return result.cookie;
  }

  /** Like `Cookie.parse`, but returns `{ success: false, error }` instead of throwing. */
  static safeParse(header: string, options?: SetCookieParseOptions): CookieResult {
    const read = safeParseSetCookie(header, options);
    return read instanceof CookieValidationError
      ? { success: false, error: read }
      : { success: true, cookie: create(read) };
  }

  /**
   * Starts an immutable builder; name and value are required up front.
   * @example Cookie.builder('sid', token).path('/').secure().httpOnly().build()
   */
  static builder<N extends string>(name: N, value: string): CookieBuilder<N> {
    return new CookieBuilder(name, value);
  }

  /**
   * Returns a new, validated cookie with some attributes changed; `undefined` removes one.
   * The name is the cookie's identity and cannot change.
   * @throws {CookieValidationError}
   */
  with(changes: CookieChanges): Cookie {
    if (changes === null || typeof changes !== 'object') return Cookie.from(changes as never);
    // The caller's getters and Proxy traps run here: what they throw becomes a CookieError.
    const { renames, entries } = guardInput('with()', () => ({
      renames: 'name' in changes,
      entries: Object.keys(changes).map((key): [string, unknown] => [
        key,
        (changes as Record<string, unknown>)[key],
      ]),
    }));
    if (renames) {
      throw new CookieValidationError(this.name, [
        {
          path: ['name'],
          code: 'name_immutable',
          message:
            'name is the identity of a cookie and cannot be changed with with(); build a new cookie',
          source: 'cookiesmith value object',
        },
      ]);
    }
    // No prototype, so a "__proto__" key from JSON stays a key (and is refused as unknown).
    const config: Record<string, unknown> = Object.assign(Object.create(null), this.#config());
    for (const [key, v] of entries) {
      if (v === undefined) delete config[key];
      else config[key] = v;
    }
    return Cookie.from(config as CookieConfig);
  }

  /** A builder holding this cookie's state, to derive variants. */
  toBuilder(): CookieBuilder<string> {
    return CookieBuilder.fromConfig(this.#config());
  }

  /** True when both would send the same header under the same encoding and profile. */
  equals(other: unknown): boolean {
    // A brand check rather than instanceof: look-alikes and Proxies are unequal, never a throw.
    return (
      typeof other === 'object' &&
      other !== null &&
      #name in other &&
      other.toString() === this.toString() &&
      other.#encoding === this.#encoding &&
      other.#profile === this.#profile
    );
  }

  /** A plain configuration object that `Cookie.from` accepts back; defaults are left out. */
  toJSON(): CookieConfig & { expires?: string } {
    const config = this.#config();
    const json: Record<string, unknown> = { ...config };
    if (config.expires instanceof Date) json.expires = config.expires.toISOString();
    return json as CookieConfig & { expires?: string };
  }

  /** The `Set-Cookie` header value (without the `Set-Cookie:` name), computed once. */
  toString(): string {
    if (typeof this.#header !== 'string') this.#header = serializeCookie(this.#header);
    return this.#header;
  }

  /** Readable form for `console.log` and `util.inspect`. */
  [INSPECT](): string {
    return `Cookie <${this.toString()}>`;
  }

  /** The configuration this cookie stands for, defaults left out. */
  #config(): CookieConfig & { expires?: Date } {
    const c: Record<string, unknown> = { name: this.#name, value: this.#value };
    for (const row of ATTRIBUTES) {
      const v: unknown = this[row.key];
      // An unset flag is false, and Version=1 is the RFC 2109 profile's default
      if (v === undefined || v === false || (row.key === 'version' && v === 1)) continue;
      c[row.key] = v;
    }
    if (this.#encoding !== 'uri') c.encoding = this.#encoding;
    if (this.#profile !== 'rfc2109') c.profile = this.#profile;
    if (this.#extensions !== undefined) c.extensions = this.#extensions.map((e) => ({ ...e }));
    return c as CookieConfig & { expires?: Date };
  }
}

/**
 * @internal True for a cookie this class made. A Proxy of one, or an object made from its
 * prototype, passes `instanceof` but holds no state: it is not a cookie. Never throws.
 */
export function isCookie(value: unknown): value is Cookie {
  return typeof value === 'object' && value !== null && isOwn(value);
}

/** @internal A cookie from a state `checkConfig` (or the reader) has accepted. */
export function cookieOf(checked: CheckedCookie): Cookie {
  return create(checked);
}

const SECURE = 1;
const HTTP_ONLY = 2;
const PARTITIONED = 4;

/** The position of each attribute in a checked cookie's `attributes`. */
const AT = Object.fromEntries(ATTRIBUTES.map((row) => [row.key, row.index])) as Readonly<
  Record<AttributeKey, number>
>;

/** The schema's verdict, for a configuration the fast check did not accept. */
function fromSchema(config: unknown): CookieResult {
  const parsed = cookieConfigSchema.safeParse(config);
  if (parsed.success) {
    // The schema's output is plain and normalised (a duration added up, a getter read once)
    const checked = checkConfig(parsed.data);
    if (checked !== undefined) return { success: true, cookie: create(checked) };
    throw new CookieError('internal: the schema accepted a configuration the rules refuse', {
      code: 'internal',
    });
  }
  const issues = toCookieIssues(parsed.error);
  return { success: false, error: new CookieValidationError(nameOf(config), issues, parsed.error) };
}

function nameOf(config: unknown): string | undefined {
  try {
    const name = (config as { name?: unknown } | null)?.name;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}
