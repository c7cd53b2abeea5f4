import { CookieBuilder } from '../builder/cookie-builder.js';
import { COOKIE_BRAND, Cookie, isCookie } from '../cookie/cookie.js';
import { CookieValidationError, guardInput } from '../errors.js';
import { cookieLine, type ResponseWarning, responseWarnings } from '../rules/response.js';
import type { CookieAttributes } from '../rules/schema.js';
import {
  type CookieDeleteOptions,
  type CookieJarResponseOptions,
  configOf,
  type Settings,
  scopeOf,
  settingsFrom,
} from './options.js';
import { type CookieJarTarget, writeOutput } from './targets.js';

export type { CookieDeleteOptions, CookieJarResponseOptions };

/** The name of a header a jar emits. */
export type CookieJarHeaderName = 'Set-Cookie' | 'Cache-Control' | 'Expires';

/** One header line as a frozen `[name, value]` pair. */
export type CookieJarHeader = readonly [name: CookieJarHeaderName, value: string];

const SOURCE = 'cookiesmith CookieJarResponse';

/** The Domain as a browser compares it: the leading dot is ignored (RFC 6265 §5.2.3). */
function bareDomain(cookie: Cookie): string {
  const domain = cookie.domain ?? '';
  return domain.charCodeAt(0) === 0x2e ? domain.slice(1) : domain;
}

/**
 * True when two cookies of the same name have one identity in a browser's store: domain, path
 * and partition (6265bis §5.7 step 23; CHIPS). An absent Path is its own scope (the request's
 * default-path).
 */
function sameIdentity(a: Cookie, b: Cookie): boolean {
  return a.path === b.path && a.partitioned === b.partitioned && bareDomain(a) === bareDomain(b);
}

/** What a jar sends: the live cookies in first-insertion order, and the newest of each name. */
interface Contents {
  readonly cookies: readonly Cookie[];
  readonly byName: ReadonlyMap<string, Cookie>;
}

/**
 * The contents of the cookies added in `order`: a cookie with the identity of an earlier one
 * takes its place. Identities are compared only between cookies of the same name.
 */
function contentsOf(order: readonly Cookie[]): Contents {
  const cookies: Cookie[] = [];
  const byName = new Map<string, Cookie>();
  // the positions in `cookies` of each name: one number until a name comes twice
  const slots = new Map<string, number | number[]>();
  for (const cookie of order) {
    const name = cookie.name;
    byName.set(name, cookie);
    const held = slots.get(name);
    if (held === undefined) {
      slots.set(name, cookies.length);
      cookies.push(cookie);
      continue;
    }
    const list = typeof held === 'number' ? [held] : held;
    const same = list.find((slot) => sameIdentity(cookies[slot] as Cookie, cookie));
    if (same !== undefined) {
      cookies[same] = cookie;
      continue;
    }
    list.push(cookies.length);
    slots.set(name, list);
    cookies.push(cookie);
  }
  return { cookies: Object.freeze(cookies), byName };
}

/**
 * What `add()` was given, by brand: a Proxy of a cookie or builder is neither (its traps could
 * hand over any header). Reading a hostile object (a Proxy) may throw: call it guarded.
 */
function kindOf(input: unknown): 'cookie' | 'builder' | 'other copy' | 'other' {
  if (isCookie(input)) return 'cookie';
  if (CookieBuilder.isBuilder(input)) return 'builder';
  if (typeof input !== 'object' || input === null || input instanceof Cookie) return 'other';
  return COOKIE_BRAND in input ? 'other copy' : 'other';
}

/** The config of a cookie made by the package's other build (ESM vs CommonJS). */
function configOfCopy(input: unknown): Parameters<typeof Cookie.from>[0] {
  return (input as Cookie).toJSON();
}

// Passed as the second constructor argument by the jar itself, with the jar it derives from and
// the cookie it adds after it; the public signature has the options only.
const DERIVED: unique symbol = Symbol('derived');
const INSPECT = Symbol.for('nodejs.util.inspect.custom');
const NO_HEADERS: readonly never[] = Object.freeze([]);
const NO_COOKIES: readonly Cookie[] = Object.freeze([]);

/**
 * The cookies of one response, immutable: `add`, `sendCookie` and `delete` return a new jar.
 * A cookie with the same identity (name, domain, path, partitioned) as an earlier one replaces
 * it and keeps the earlier one's position; otherwise cookies stay in the order they were added.
 * The jar emits one `Set-Cookie` line per cookie and, while it holds any cookie, the cache
 * directives that keep a per-user response out of shared caches (RFC 2109 §4.2.3).
 *
 * @example
 * const jar = new CookieJarResponse()
 *   .sendCookie('sid', token, { path: '/', secure: true, httpOnly: true, maxAge: 3600 })
 *   .delete('legacy', { path: '/' });
 * jar.writeTo(res); // Set-Cookie ×2, Cache-Control: private, no-cache="set-cookie", Expires: 1970
 */
export class CookieJarResponse {
  // A jar is one link of a chain: the jar it came from plus one cookie, so `add()` copies
  // nothing. What the jar sends is read from the chain once, when first asked for.
  readonly #settings: Settings;
  readonly #parent: CookieJarResponse | undefined;
  readonly #cookie: Cookie | undefined;
  readonly #count: number;
  #contents: Contents | undefined;
  #setCookie: readonly string[] | undefined;
  #headers: readonly CookieJarHeader[] | undefined;

  /**
   * Starts an empty jar.
   * @throws {CookieValidationError} when an option is unknown or has the wrong value.
   * @example new CookieJarResponse({ cache: 'no-store' })
   */
  constructor(options?: CookieJarResponseOptions);
  constructor(
    options?: CookieJarResponseOptions,
    token?: typeof DERIVED,
    parent?: CookieJarResponse,
    cookie?: Cookie,
  ) {
    if (token === DERIVED && parent !== undefined) {
      this.#settings = parent.#settings;
      this.#parent = parent;
      this.#cookie = cookie;
      this.#count = parent.#count + 1;
    } else {
      this.#settings = settingsFrom(options);
      this.#count = 0;
    }
    Object.freeze(this);
  }

  /**
   * Returns a new jar holding `cookie` as well; a `CookieBuilder` is built first. A cookie with
   * the same name, domain, path and partitioned replaces the earlier one in its position.
   * @throws {CookieValidationError} when the builder does not build, or the argument is not a cookie.
   * @example jar.add(Cookie.builder('theme', 'dark').path('/').maxAge({ days: 30 }))
   */
  add<N extends string>(cookie: Cookie | CookieBuilder<N>): CookieJarResponse {
    const kind = guardInput('add()', kindOf, cookie);
    if (kind === 'cookie') return this.#append(this.#enforced(cookie as Cookie));
    if (kind === 'builder') return this.#append(this.#build(cookie as CookieBuilder<N>));
    // A cookie of the package's other build (ESM vs CommonJS): rebuilt, so validated, here.
    if (kind === 'other copy') {
      return this.#append(this.#enforced(Cookie.from(guardInput('add()', configOfCopy, cookie))));
    }
    throw new CookieValidationError(undefined, [
      {
        path: [],
        code: 'invalid_type',
        message: 'add() takes a Cookie or a CookieBuilder (a Proxy or copy of one is neither)',
        source: SOURCE,
      },
    ]);
  }

  /**
   * The seed's "send a cookie": returns a new jar holding the cookie `name=value` with the given
   * attributes (the seed's parameters in camelCase — `comment`, `domain`, `path`, `secure`,
   * `version`, `maxAge`, `httpOnly` — plus `expires`, `sameSite`, `partitioned`, `priority`,
   * `encoding`, `profile`, `extensions`).
   * @throws {CookieValidationError} listing every problem, as `Cookie.from` does.
   * @example jar.sendCookie('sid', token, { domain: '.example.com', path: '/', secure: true, maxAge: 3600, httpOnly: true })
   */
  sendCookie(name: string, value: string, options?: CookieAttributes): CookieJarResponse {
    const config = guardInput('sendCookie()', () => configOf(name, value, options));
    const policy = this.#settings.policy;
    if (policy === undefined) return this.#append(Cookie.from(config));
    return this.#append(this.#build(CookieBuilder.fromConfig(config)));
  }

  /**
   * Returns a new jar holding the cookie that deletes `name` in the given scope: empty value,
   * `Max-Age=0`, `Expires` in 1970, the same Domain, Path and Partitioned, plus what the name's
   * prefix needs for a browser to accept it (`__Host-` → Secure and `Path=/`, `__Secure-` →
   * Secure, `__Http-` → Secure and HttpOnly). The scope must be the one the cookie was set with
   * (RFC 6265 §3.1), or the browser keeps it.
   * @throws {CookieValidationError} when the scope is invalid.
   * @example jar.delete('sid', { domain: '.example.com', path: '/' })
   */
  delete(name: string, options?: CookieDeleteOptions): CookieJarResponse {
    const removal = guardInput('delete()', () =>
      // removal() adds what the prefix needs (Secure, HttpOnly, Path=/), so the browser accepts it
      scopeOf(new CookieBuilder<string>(name, ''), name, options).removal(),
    );
    return this.#append(this.#build(removal));
  }

  /** Builds under the jar's policy: its defaults fill what the builder leaves unset, and
   * `build()` checks its requirements. */
  #build(builder: CookieBuilder<string>): Cookie {
    const policy = this.#settings.policy;
    return policy === undefined ? builder.build() : builder.apply(policy).build();
  }

  /** A cookie built elsewhere, once checked against the jar's policy. */
  #enforced(cookie: Cookie): Cookie {
    return this.#settings.policy === undefined ? cookie : this.#settings.policy.enforce(cookie);
  }

  #append(cookie: Cookie): CookieJarResponse {
    return new (CookieJarResponse as unknown as Derived)(undefined, DERIVED, this, cookie);
  }

  /** The cookies added to this jar and the jars before it, oldest first, read once. */
  #read(): Contents {
    if (this.#contents === undefined) {
      const order = new Array<Cookie>(this.#count);
      let jar: CookieJarResponse | undefined = this;
      for (let i = this.#count - 1; i >= 0 && jar !== undefined; i--, jar = jar.#parent) {
        order[i] = jar.#cookie as Cookie;
      }
      this.#contents = contentsOf(order);
    }
    return this.#contents;
  }

  /** The number of cookies the jar sends: distinct identities, a replaced cookie counts once. */
  get size(): number {
    return this.#count === 0 ? 0 : this.#read().cookies.length;
  }

  /**
   * The cookie named `name` written last (a removal cookie after `delete`), or `undefined`.
   * Several cookies may share a name on different paths or domains; `cookies()` lists them all.
   */
  get(name: string): Cookie | undefined {
    return this.#count === 0 ? undefined : this.#read().byName.get(name);
  }

  /** True when the jar holds a cookie named `name`, including a removal cookie. */
  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** The cookies in insertion order (a replaced cookie keeps its first position); frozen. */
  cookies(): readonly Cookie[] {
    return this.#count === 0 ? NO_COOKIES : this.#read().cookies;
  }

  /** Iterates over the cookies in insertion order. */
  [Symbol.iterator](): IterableIterator<Cookie> {
    return this.cookies()[Symbol.iterator]();
  }

  /**
   * The `Set-Cookie` values, one per cookie, never comma-joined (RFC 6265 §3, RFC 9110 §5.3);
   * frozen and computed once.
   */
  setCookieHeaders(): readonly string[] {
    this.#setCookie ??= Object.freeze(this.cookies().map((c) => c.toString()));
    return this.#setCookie;
  }

  /**
   * What the response risks as a whole, frozen: Set-Cookie lines past the 4 KB and 8 KB proxy
   * header buffers nginx uses by default (`header_block_size`), more cookies than the 50 per
   * domain RFC 6265 §6.1 asks browsers to keep or the 180 Chromium and Firefox keep
   * (`too_many_cookies`), one name set for two scopes (`duplicate_name`). Each warning gives the
   * positions of the lines concerned in `setCookieHeaders()`. What one cookie risks is in its
   * own `cookie.warnings`.
   * @example new CookieJarResponse().add(cookie).warnings; // → [] for a small response
   */
  get warnings(): readonly ResponseWarning[] {
    const lines = this.setCookieHeaders();
    const now = Date.now();
    return responseWarnings(this.cookies().map((c, i) => cookieLine(c, lines[i] ?? '', now)));
  }

  /**
   * The cache headers the jar sends with its cookies, by the `cache` option — by default
   * `Cache-Control: private, no-cache="set-cookie"` and `Expires: Thu, 01 Jan 1970 00:00:00
   * GMT` (RFC 2109 §4.2.3). Empty when the jar is empty or `cache` is `'off'`.
   */
  cacheHeaders(): readonly CookieJarHeader[] {
    return this.#count === 0 ? NO_HEADERS : this.#settings.cacheHeaders;
  }

  /** Every header to send as frozen `[name, value]` pairs, Set-Cookie first; empty for an empty jar. */
  headers(): readonly CookieJarHeader[] {
    if (this.#headers === undefined) {
      const pairs: CookieJarHeader[] = this.setCookieHeaders().map((line) =>
        Object.freeze(['Set-Cookie', line] as const),
      );
      pairs.push(...this.cacheHeaders());
      this.#headers = Object.freeze(pairs);
    }
    return this.#headers;
  }

  /**
   * Writes the jar onto a response and returns it: a Node `http.ServerResponse` (Express's
   * `res`), a Fastify `reply`, a Hono `Context`, Koa's `ctx`, a WHATWG `Response` or `Headers`,
   * each recognised by its shape. Set-Cookie lines go after those already there, one line each;
   * `Cache-Control` is merged (the application's directives stay, `public` and malformed ones go,
   * no directive twice, the stricter of two wins) and `Expires` is replaced. An empty jar writes
   * nothing. Headers set after this call can replace what it wrote, so call it last: in the
   * statement that sends (Node, Express), in an `onSend` hook (Fastify), in the first middleware
   * after `await next()` (Hono, Koa).
   * @throws {CookieError} `headers_sent` when the response has already sent its headers,
   *   `invalid_target` for anything that is not one of these responses, `headers_immutable`
   *   when the headers refuse changes (a `Response` from `fetch()`).
   * @example app.addHook('onSend', async (request, reply, payload) => { reply.cookies.writeTo(reply); return payload; });
   */
  writeTo<T extends CookieJarTarget>(target: T): T {
    writeOutput(target, {
      setCookie: this.setCookieHeaders(),
      cacheControl: this.#settings.cacheControl,
      expires: this.#settings.expires,
    });
    return target;
  }

  /**
   * A new WHATWG `Headers` holding the jar's headers (one `set-cookie` entry per cookie), to
   * pass to `new Response(body, { headers })`.
   */
  toHeaders(): Headers {
    const headers = new Headers();
    for (const [name, value] of this.headers()) headers.append(name, value);
    return headers;
  }

  /** Readable form for `console.log` and `util.inspect`. */
  [INSPECT](): string {
    const lines = this.setCookieHeaders().map((line) => `  Set-Cookie: ${line}`);
    return `CookieJarResponse(${this.size}) {${lines.length === 0 ? '' : `\n${lines.join('\n')}\n`}}`;
  }
}

/** The constructor as the jar calls it to derive a jar, with the arguments after the options. */
type Derived = new (
  options: undefined,
  token: typeof DERIVED,
  parent: CookieJarResponse,
  cookie: Cookie,
) => CookieJarResponse;
