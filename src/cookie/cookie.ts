import { CookieBuilder } from '../builder/cookie-builder.js';
import {
  CookieError,
  CookieValidationError,
  describeThrown,
  guardInput,
  quote,
} from '../errors.js';
import { type SetCookieParseOptions, safeParseSetCookie } from '../parse/set-cookie.js';
import { type CookieEncoding, encodeValue } from '../rules/encoding.js';
import {
  type CookieAttributes,
  type CookieConfig,
  type CookieExtension,
  type CookiePriority,
  type CookieProfile,
  cookieConfigSchema,
  knownWire,
  MAX_LIFETIME_SECONDS,
  type ParsedCookieConfig,
  parseConfigFast,
  RULE_SOURCES,
  type SameSite,
  toCookieIssues,
} from '../rules/schema.js';
import { serializeCookie } from './serialize.js';

/** Why a warning was raised: valid on the wire, but a browser will not do quite what it says. */
export type CookieWarningCode =
  | 'lifetime_capped'
  | 'expires_past'
  | 'same_site_absent'
  | 'comment_ignored'
  | 'priority_chromium_only'
  | 'partitioned_support';

/** A diagnostic for a valid cookie that will surprise: what browsers clamp, ignore or differ on. */
export interface CookieWarning {
  /** What the warning is about, e.g. `'lifetime_capped'`. */
  readonly code: CookieWarningCode;
  /** The field concerned. */
  readonly path: readonly string[];
  /** What browsers will do and what to do about it. */
  readonly message: string;
  /** The specification or browser behaviour the warning comes from. */
  readonly source: string;
}

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

const EMPTY: readonly never[] = Object.freeze([]);
const TOKEN = Symbol('Cookie');
const INSPECT = Symbol.for('nodejs.util.inspect.custom');
/** Brand shared by every copy of cookiesmith loaded in one process (ESM and CommonJS builds). */
export const COOKIE_BRAND: unique symbol = Symbol.for('cookiesmith.Cookie') as never;
let create: (data: ParsedCookieConfig) => Cookie;

/**
 * An HTTP cookie as an immutable, always-valid value object. Create one with
 * `Cookie.builder(name, value)…build()`, `Cookie.from(config)` or `Cookie.parse(header)`;
 * `toString()` is the `Set-Cookie` header value, computed once.
 *
 * @example
 * const sid = Cookie.builder('sid', token).domain('.example.com').path('/').secure().httpOnly().build();
 * res.setHeader('Set-Cookie', sid.toString());
 */
export class Cookie {
  /** The cookie name, an RFC 6265 token (§4.1.1). */
  declare readonly name: string;
  /** The logical value, decoded; the wire form depends on `encoding`. */
  declare readonly value: string;
  /** RFC 2109 Comment (§4.2.2), profile `rfc2109` only. */
  declare readonly comment?: string;
  /** Domain attribute: `.example.com` under `rfc2109`, `example.com` under `rfc6265`, lowercase. */
  declare readonly domain?: string;
  /** Path attribute (RFC 6265 §4.1.2.4). */
  declare readonly path?: string;
  /** Secure attribute (RFC 6265 §4.1.2.5). */
  declare readonly secure: boolean;
  /** HttpOnly attribute (RFC 6265 §4.1.2.6). */
  declare readonly httpOnly: boolean;
  /** RFC 2109 Version (§4.2.2): 1 unless set otherwise; absent under `rfc6265`. */
  declare readonly version?: number;
  /** Max-Age in seconds; 0 discards the cookie at once (RFC 2109 §4.2.2). */
  declare readonly maxAge?: number;
  /** SameSite attribute (6265bis §4.1.2.7). */
  declare readonly sameSite?: SameSite;
  /** Partitioned attribute (CHIPS). */
  declare readonly partitioned: boolean;
  /** Priority attribute (Chromium, draft-west-cookie-priority). */
  declare readonly priority?: CookiePriority;
  /** How `value` is written on the wire. */
  declare readonly encoding: CookieEncoding;
  /** The rule set the cookie was validated and is serialised under. */
  declare readonly profile: CookieProfile;
  /** Extension attributes, in order. */
  declare readonly extensions?: readonly CookieExtension[];
  /** What is valid but will surprise (browsers clamp, ignore or differ); frozen. */
  declare readonly warnings: readonly CookieWarning[];

  readonly #expires: number | undefined;
  readonly #header: string;

  static {
    create = (data) => new Cookie(TOKEN, data);
    // Marks cookies of every copy of the package (its ESM and CommonJS builds are two copies),
    // so a jar can take a cookie made by the other copy.
    Object.defineProperty(Cookie.prototype, COOKIE_BRAND, { value: true });
  }

  private constructor(token: typeof TOKEN, data: ParsedCookieConfig) {
    if (token !== TOKEN) {
      throw new CookieError('use Cookie.from, Cookie.builder or Cookie.parse', {
        code: 'private_constructor',
      });
    }
    const profile = data.profile ?? 'rfc2109';
    const encoding = data.encoding ?? 'uri';
    this.name = data.name;
    this.value = data.value;
    if (data.comment !== undefined) this.comment = data.comment;
    if (data.domain !== undefined) {
      let domain = lowerCase(data.domain);
      // RFC 6265 §4.1.2.3 / 6265bis §5.6.3: the leading dot is ignored, so it is not sent
      if (profile === 'rfc6265' && domain.charCodeAt(0) === 46) domain = domain.slice(1);
      this.domain = domain;
    }
    if (data.path !== undefined) this.path = data.path;
    this.secure = data.secure === true;
    this.httpOnly = data.httpOnly === true;
    // Seed: "If not specified, this will be set to 1" (RFC 2109 profile only)
    if (profile === 'rfc2109') this.version = data.version ?? 1;
    if (data.maxAge !== undefined) this.maxAge = data.maxAge;
    if (data.sameSite !== undefined) this.sameSite = data.sameSite;
    this.partitioned = data.partitioned === true;
    if (data.priority !== undefined) this.priority = data.priority;
    this.encoding = encoding;
    this.profile = profile;
    if (data.extensions !== undefined && data.extensions.length > 0) {
      this.extensions = Object.freeze(
        data.extensions.map((e) =>
          Object.freeze(
            e.value === undefined ? { name: e.name } : { name: e.name, value: e.value },
          ),
        ),
      );
    }
    // The header carries whole seconds; keep the same precision so equals() and toJSON agree.
    this.#expires =
      data.expires === undefined ? undefined : Math.floor(data.expires.getTime() / 1000) * 1000;
    let wire = knownWire(this.value, encoding);
    if (wire === undefined) {
      const encoded = encodeValue(this.value, encoding);
      if (!encoded.ok) {
        throw new CookieError(
          `internal: value of ${quote(this.name)} passed validation but cannot be encoded`,
        );
      }
      wire = encoded.wire;
    }
    // Printable ASCII by construction: every part passed a rule whose character set lies inside
    // 0x20-0x7E (spec/properties.spec.ts and spec/hostile.spec.ts check every header).
    this.#header = serializeCookie(this, wire);
    this.warnings = warningsOf(this, this.#expires);
    Object.freeze(this);
  }

  /** Expires attribute, at second precision; a copy, so changing it changes nothing here. */
  get expires(): Date | undefined {
    return this.#expires === undefined ? undefined : new Date(this.#expires);
  }

  /**
   * Validates a configuration object and returns the cookie. `expires` may be a `Date`, an ISO
   * string or epoch milliseconds, so the JSON form is accepted too.
   * @throws {CookieValidationError} listing every problem.
   */
  static from(config: CookieConfig): Cookie {
    const result = Cookie.safeFrom(config);
    if (!result.success) throw result.error;
    return result.cookie;
  }

  /** Like `Cookie.from`, but returns `{ success: false, error }` instead of throwing. */
  static safeFrom(config: unknown): CookieResult {
    // Everything that reads the caller's objects stays inside the try: zod finalises its issue
    // messages lazily (on `.error`), and they look at the input again.
    try {
      const fast = parseConfigFast(config);
      if (fast !== undefined) return { success: true, cookie: create(fast) };
      const parsed = cookieConfigSchema.safeParse(config);
      if (parsed.success) return { success: true, cookie: create(parsed.data) };
      const zodError = parsed.error;
      const issues = toCookieIssues(zodError);
      return { success: false, error: new CookieValidationError(nameOf(config), issues, zodError) };
    } catch (cause) {
      if (cause instanceof CookieError && !(cause instanceof CookieValidationError)) throw cause;
      const issue = {
        path: [],
        code: 'invalid_type',
        message: `config could not be read: ${describeThrown(cause)}`,
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
    const result = safeParseSetCookie(header, options);
    if (!result.success) throw result.error;
    return result.cookie;
  }

  /** Like `Cookie.parse`, but returns `{ success: false, error }` instead of throwing. */
  static safeParse(header: string, options?: SetCookieParseOptions): CookieResult {
    return safeParseSetCookie(header, options);
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
      #header in other &&
      other.#header === this.#header &&
      other.encoding === this.encoding &&
      other.profile === this.profile
    );
  }

  /** A plain configuration object that `Cookie.from` accepts back; defaults are left out. */
  toJSON(): CookieConfig & { expires?: string } {
    const config = this.#config();
    const json: Record<string, unknown> = { ...config };
    if (config.expires instanceof Date) json.expires = config.expires.toISOString();
    return json as CookieConfig & { expires?: string };
  }

  /** The `Set-Cookie` header value (without the `Set-Cookie:` name). */
  toString(): string {
    return this.#header;
  }

  /** Readable form for `console.log` and `util.inspect`. */
  [INSPECT](): string {
    return `Cookie <${this.#header}>`;
  }

  #config(): CookieConfig & { expires?: Date } {
    const c: Record<string, unknown> = { name: this.name, value: this.value };
    if (this.comment !== undefined) c.comment = this.comment;
    if (this.domain !== undefined) c.domain = this.domain;
    if (this.path !== undefined) c.path = this.path;
    if (this.secure) c.secure = true;
    if (this.httpOnly) c.httpOnly = true;
    if (this.version !== undefined && this.version !== 1) c.version = this.version;
    if (this.maxAge !== undefined) c.maxAge = this.maxAge;
    if (this.#expires !== undefined) c.expires = new Date(this.#expires);
    if (this.sameSite !== undefined) c.sameSite = this.sameSite;
    if (this.partitioned) c.partitioned = true;
    if (this.priority !== undefined) c.priority = this.priority;
    if (this.encoding !== 'uri') c.encoding = this.encoding;
    if (this.profile !== 'rfc2109') c.profile = this.profile;
    if (this.extensions !== undefined) c.extensions = this.extensions.map((e) => ({ ...e }));
    return c as CookieConfig & { expires?: Date };
  }
}

/** @internal A cookie from a configuration the schema (or its fast path) has accepted. */
export function cookieOf(data: ParsedCookieConfig): Cookie {
  return create(data);
}

// The last domain lowercased and its lowercase form: cookies of one kind repeat their domain.
let lastDomain = '';
let lastLowerDomain = '';

function lowerCase(domain: string): string {
  if (domain !== lastDomain) {
    lastLowerDomain = domain.toLowerCase();
    lastDomain = domain;
  }
  return lastLowerDomain;
}

function nameOf(config: unknown): string | undefined {
  try {
    const name = (config as { name?: unknown } | null)?.name;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

const WARNINGS: readonly CookieWarning[] = [
  {
    code: 'lifetime_capped',
    path: ['maxAge'],
    message: `maxAge is more than 400 days (${MAX_LIFETIME_SECONDS} s); browsers cap the lifetime at 400 days, so refresh the cookie before then`,
    source: RULE_SOURCES.lifetime,
  },
  {
    code: 'lifetime_capped',
    path: ['expires'],
    message:
      'expires is more than 400 days ahead; browsers cap it at 400 days, so refresh the cookie before then',
    source: RULE_SOURCES.lifetime,
  },
  {
    code: 'expires_past',
    path: ['expires'],
    message:
      'expires is in the past, so browsers delete the cookie at once; use removal() when that is the intent',
    source: 'RFC 6265 §4.1.2.1',
  },
  {
    code: 'same_site_absent',
    path: ['sameSite'],
    message:
      'sameSite is not set: Chromium treats the cookie as Lax, other browsers as None; set it explicitly',
    source: 'draft-ietf-httpbis-rfc6265bis §5.6.7',
  },
  {
    code: 'comment_ignored',
    path: ['comment'],
    message:
      'browsers ignore Comment (RFC 2109 is historic); it documents the cookie for people reading headers only',
    source: RULE_SOURCES.legacy,
  },
  {
    code: 'priority_chromium_only',
    path: ['priority'],
    message: 'Priority is honoured by Chromium only; Firefox and Safari ignore it',
    source: RULE_SOURCES.priority,
  },
  {
    code: 'partitioned_support',
    path: ['partitioned'],
    message:
      'Partitioned is supported by Chromium 114+ and Firefox 131+; Safari ignores it, so the cookie is unpartitioned there',
    source: RULE_SOURCES.partitioned,
  },
].map((w) => Object.freeze({ ...w, path: Object.freeze(w.path) }) as CookieWarning);

// Warnings are constants, so each combination is one shared frozen array, by bit mask.
const warningSets: (readonly CookieWarning[] | undefined)[] = new Array(1 << WARNINGS.length);

function warningsOf(props: Cookie, expires: number | undefined): readonly CookieWarning[] {
  let mask = 0;
  const removal = props.maxAge === 0;
  if (props.maxAge !== undefined && props.maxAge > MAX_LIFETIME_SECONDS) mask |= 1;
  if (expires !== undefined && !removal) {
    const ms = expires - Date.now();
    if (ms > MAX_LIFETIME_SECONDS * 1000) mask |= 2;
    else if (ms <= 0 && props.maxAge === undefined) mask |= 4;
  }
  if (props.sameSite === undefined && !removal) mask |= 8;
  if (props.comment !== undefined) mask |= 16;
  if (props.priority !== undefined) mask |= 32;
  if (props.partitioned) mask |= 64;
  if (mask === 0) return EMPTY;
  let set = warningSets[mask];
  if (set === undefined) {
    set = Object.freeze(WARNINGS.filter((_, i) => (mask & (1 << i)) !== 0));
    warningSets[mask] = set;
  }
  return set;
}
