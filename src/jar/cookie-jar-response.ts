import { z } from 'zod';
import { CookieBuilder } from '../builder/cookie-builder.js';
import { COOKIE_BRAND, Cookie } from '../cookie/cookie.js';
import { type CookieIssue, CookieValidationError, guardInput } from '../errors.js';
import { type CookiePolicy, isCookiePolicy } from '../policy/cookie-policy.js';
import { type CookieAttributes, type CookieProfile, toCookieIssues } from '../rules/schema.js';
import {
  type CookieJarCache,
  cacheControlFor,
  JAR_CACHE_MODES,
  PAST_EXPIRES,
} from './cache-control.js';
import { type CookieJarTarget, writeOutput } from './targets.js';

/** The name of a header a jar emits. */
export type CookieJarHeaderName = 'Set-Cookie' | 'Cache-Control' | 'Expires';

/** One header line as a frozen `[name, value]` pair. */
export type CookieJarHeader = readonly [name: CookieJarHeaderName, value: string];

const SOURCE = 'cookiesmith CookieJarResponse';

const optionsSchema = z.strictObject({
  cache: z.enum(JAR_CACHE_MODES as [CookieJarCache, ...CookieJarCache[]]).optional(),
  http10Expires: z.boolean().optional(),
  policy: z
    .custom<CookiePolicy>(isCookiePolicy, {
      message: 'policy must be a CookiePolicy (CookiePolicy.define, CookiePolicy.from or a preset)',
    })
    .optional(),
});

/**
 * Options of `new CookieJarResponse(options)`.
 * - `cache` (default `'private'`): the cache directives sent with the cookies (RFC 2109 §4.2.3);
 *   `'off'` sends none.
 * - `http10Expires` (default `true`): also send `Expires` in the past for HTTP/1.0 caches.
 * - `policy`: a `CookiePolicy` every cookie must meet; builders, `sendCookie` and `delete` get
 *   its defaults first (as `builder.apply(policy)`), a cookie that breaks it is refused.
 */
export type CookieJarResponseOptions = z.input<typeof optionsSchema>;

/** The scope of the cookie `delete()` removes: it must match the scope the cookie was set with. */
export interface CookieDeleteOptions {
  /** The Domain the cookie was set with (RFC 6265 §4.1.2.3); absent for a host-only cookie. */
  readonly domain?: string;
  /** The Path the cookie was set with (RFC 6265 §4.1.2.4). */
  readonly path?: string;
  /** True when the cookie was set Partitioned (CHIPS): the partitioned one is a different cookie. */
  readonly partitioned?: boolean;
  /** The profile of the removal line: `'rfc6265'` for a Domain without a leading dot. */
  readonly profile?: CookieProfile;
}

const DELETE_KEYS: ReadonlySet<string> = new Set(['domain', 'path', 'partitioned', 'profile']);

/** Settings shared, unchanged, by a jar and every jar derived from it. */
interface Settings {
  readonly cache: CookieJarCache;
  readonly http10Expires: boolean;
  readonly policy: CookiePolicy | undefined;
  readonly cacheControl: string | undefined;
  readonly expires: string | undefined;
  readonly cacheHeaders: readonly CookieJarHeader[];
}

/** Reads and checks the options once; every jar derived from this one shares the result. */
function settingsFrom(options: unknown): Settings {
  let parsed: ReturnType<typeof optionsSchema.safeParse>;
  try {
    parsed = optionsSchema.safeParse(options ?? {});
  } catch (cause) {
    throw new CookieValidationError(undefined, [
      {
        path: [],
        code: 'invalid_type',
        message: `CookieJarResponse options could not be read: ${String(cause)}`,
        source: SOURCE,
      },
    ]);
  }
  if (!parsed.success) {
    throw new CookieValidationError(undefined, toCookieIssues(parsed.error), parsed.error);
  }
  const cache = parsed.data.cache ?? 'private';
  const http10Expires = parsed.data.http10Expires ?? true;
  const cacheControl = cacheControlFor(cache);
  // RFC 2109 §4.2.3: an Expires long in the past for HTTP/1.0 caches, which ignore Cache-Control
  const expires = cacheControl !== undefined && http10Expires ? PAST_EXPIRES : undefined;
  const cacheHeaders: CookieJarHeader[] = [];
  if (cacheControl !== undefined) cacheHeaders.push(Object.freeze(['Cache-Control', cacheControl]));
  if (expires !== undefined) cacheHeaders.push(Object.freeze(['Expires', expires]));
  return Object.freeze({
    cache,
    http10Expires,
    policy: parsed.data.policy,
    cacheControl,
    expires,
    cacheHeaders: Object.freeze(cacheHeaders),
  });
}

/**
 * A cookie's identity in a browser's store: name, domain, path and partition (6265bis §5.7
 * step 23; CHIPS). A Domain's leading dot is ignored by browsers (RFC 6265 §5.2.3), so
 * `.example.com` and `example.com` name the same cookie; an absent Path is its own scope (the
 * default-path of the request).
 */
function identityOf(cookie: Cookie): string {
  let domain = cookie.domain ?? '';
  if (domain.charCodeAt(0) === 46) domain = domain.slice(1);
  return `${cookie.name}\n${domain}\n${cookie.path ?? ''}\n${cookie.partitioned ? 1 : 0}`;
}

/**
 * Most entries one V8 `Map` or `Set` should hold. A hash table of up to 4,096 entries lives in
 * the ordinary heap; the next growth step makes its backing store too big for that, and it is
 * allocated in the large-object space instead. Measured on Node 20: filling a `Map` with 4,096
 * names takes about 0.1 ms, with 4,097 about 1.5 ms, and every further doubling of the table
 * pays such a price again, so a jar whose index grew as one `Map` took 25 to 30 times as long for
 * 10,000 adds as for 1,000 instead of about 10 times.
 */
const TABLE_LIMIT = 4096;
/** Slots of a new `HashTable`; a power of two. */
const FIRST_SLOTS = 4 * TABLE_LIMIT;

/** A 32-bit FNV-1a hash of `key`, mixed so that its low bits depend on every character. */
function hashOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  hash = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b);
  return hash ^ (hash >>> 16);
}

/**
 * An open-addressing table from strings to defined values, for the keys of a `StringIndex`
 * past its first `TABLE_LIMIT`: entries in two arrays, their numbers (plus one; zero is a free
 * slot) and hashes in typed arrays, whose memory lies outside the engine's heap, probed
 * linearly and at most half full. A probe compares the stored hash before it reads a key.
 * Measured against the other way out, 16 `Map` shards chosen by hash: inserting 10,000 names
 * took 14 to 20 times as long as 1,000 with the shards, about 11 times with this table (likely
 * because a `Map` compares colliding keys by reading the strings, which stops hitting the
 * cache at that size). The entry arrays, like the log itself, are ordinary arrays: past about
 * 16,000 entries their growth steps reach the large-object space too, but only a few times.
 */
class HashTable<V> {
  readonly #keys: string[] = [];
  readonly #values: V[] = [];
  #slots = new Int32Array(FIRST_SLOTS);
  #hashes = new Int32Array(FIRST_SLOTS);

  get(key: string): V | undefined {
    const at = this.#find(key, hashOf(key));
    return at < 0 ? undefined : this.#values[at];
  }

  /** Replaces the value of a key the table holds. */
  replace(key: string, value: V): void {
    this.#values[this.#find(key, hashOf(key))] = value;
  }

  /** The value of `key`; when it has none, sets it to `value` and returns `undefined`. */
  claim(key: string, value: V): V | undefined {
    const hash = hashOf(key);
    const at = this.#find(key, hash);
    if (at >= 0) return this.#values[at];
    this.#keys.push(key);
    this.#values.push(value);
    this.#slots[~at] = this.#keys.length;
    this.#hashes[~at] = hash;
    if (this.#keys.length * 2 > this.#slots.length) this.#grow();
    return undefined;
  }

  /** The entry number of `key`, or `~slot` of the free slot where it would go. */
  #find(key: string, hash: number): number {
    const slots = this.#slots;
    const hashes = this.#hashes;
    const mask = slots.length - 1;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const entry = slots[i] as number;
      if (entry === 0) return ~i;
      if (hashes[i] === hash && this.#keys[entry - 1] === key) return entry - 1;
    }
  }

  /** Doubles the slots, placing the entries again by their stored hashes. */
  #grow(): void {
    const slots = this.#slots;
    const hashes = this.#hashes;
    const size = slots.length * 2;
    const mask = size - 1;
    const newSlots = new Int32Array(size);
    const newHashes = new Int32Array(size);
    for (let j = 0; j < slots.length; j++) {
      const entry = slots[j] as number;
      if (entry === 0) continue;
      const hash = hashes[j] as number;
      let i = hash & mask;
      while (newSlots[i] !== 0) i = (i + 1) & mask;
      newSlots[i] = entry;
      newHashes[i] = hash;
    }
    this.#slots = newSlots;
    this.#hashes = newHashes;
  }
}

/**
 * A map from strings to defined values that keeps no V8 hash table above `TABLE_LIMIT` (see
 * there). The first `TABLE_LIMIT` keys stay in one plain `Map`, so a jar of a few cookies pays
 * nothing extra and no entry is ever moved out of it; later keys go to a `HashTable`. Nothing
 * is ever removed.
 */
class StringIndex<V> {
  readonly #first = new Map<string, V>();
  #rest: HashTable<V> | undefined;

  get(key: string): V | undefined {
    const value = this.#first.get(key);
    if (value !== undefined || this.#rest === undefined) return value;
    return this.#rest.get(key);
  }

  /** Replaces the value of a key the index holds. */
  replace(key: string, value: V): void {
    if (this.#first.has(key)) this.#first.set(key, value);
    else this.#rest?.replace(key, value);
  }

  /** The value of `key`; when it has none, sets it to `value` and returns `undefined`. */
  claim(key: string, value: V): V | undefined {
    const first = this.#first;
    const found = first.get(key);
    if (found !== undefined) return found;
    if (first.size < TABLE_LIMIT) {
      first.set(key, value);
      return undefined;
    }
    this.#rest ??= new HashTable();
    return this.#rest.claim(key, value);
  }
}

/**
 * The writes of a family of jars, in order, shared by all of them: a jar is a prefix of the log
 * (its `length`). Appending at the end serves the newest jar without copying; an older jar that
 * is added to again copies its prefix first. Identities are only compared between cookies of
 * the same name, so a jar of distinct names never builds an identity key.
 */
class Log {
  readonly cookies: Cookie[] = [];
  /** Number of distinct identities among `cookies[0..i]`. */
  readonly distinct: number[] = [];
  /** Log position of each name: a number while the name was written once, then all, ascending. */
  readonly byName = new StringIndex<number | number[]>();
  /** The identities of the cookies whose name was written more than once. */
  #identities: StringIndex<true> | undefined;

  push(cookie: Cookie): void {
    const at = this.cookies.length;
    const before = at === 0 ? 0 : (this.distinct[at - 1] as number);
    this.cookies.push(cookie);
    const name = cookie.name;
    const positions = this.byName.claim(name, at);
    if (positions === undefined) {
      this.distinct.push(before + 1);
      return;
    }
    this.#identities ??= new StringIndex();
    const identities = this.#identities;
    if (typeof positions === 'number') {
      identities.claim(identityOf(this.cookies[positions] as Cookie), true);
      this.byName.replace(name, [positions, at]);
    } else {
      positions.push(at);
    }
    const known = identities.claim(identityOf(cookie), true);
    this.distinct.push(known === undefined ? before + 1 : before);
  }

  /**
   * The positions in `[0, length)` not replaced later in it, in first-insertion order: each
   * identity keeps the slot of its first cookie and holds the position of its last.
   */
  live(length: number): number[] {
    const live: number[] = [];
    const slots = new StringIndex<number>();
    for (let i = 0; i < length; i++) {
      const cookie = this.cookies[i] as Cookie;
      // A name written once in the whole log cannot have been replaced
      if (typeof this.byName.get(cookie.name) === 'number') {
        live.push(i);
        continue;
      }
      const identity = identityOf(cookie);
      const slot = slots.claim(identity, live.length);
      if (slot === undefined) {
        live.push(i);
      } else {
        live[slot] = i;
      }
    }
    return live;
  }

  static copyOf(log: Log, length: number): Log {
    const copy = new Log();
    for (let i = 0; i < length; i++) copy.push(log.cookies[i] as Cookie);
    return copy;
  }
}

/** The last position in `positions` below `length`, or -1. */
function lastBelow(positions: number | readonly number[] | undefined, length: number): number {
  if (positions === undefined) return -1;
  if (typeof positions === 'number') return positions < length ? positions : -1;
  let lo = 0;
  let hi = positions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((positions[mid] as number) < length) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? -1 : (positions[lo - 1] as number);
}

/** What `add()` was given. Reading a hostile object (a Proxy) may throw: call it guarded. */
function kindOf(input: unknown): 'cookie' | 'builder' | 'other copy' | 'other' {
  if (input instanceof Cookie) return 'cookie';
  if (input instanceof CookieBuilder) return 'builder';
  if (typeof input === 'object' && input !== null && COOKIE_BRAND in input) return 'other copy';
  return 'other';
}

/** The config of a cookie made by the package's other build (ESM vs CommonJS). */
function configOfCopy(input: unknown): Parameters<typeof Cookie.from>[0] {
  return (input as Cookie).toJSON();
}

// Passed as the second constructor argument by the jar itself, with the state of the new jar
// after it; the public signature has the options only. (Arguments rather than module
// variables, as in CookieBuilder: storing a new object in a module variable costs a write
// barrier.)
const DERIVED: unique symbol = Symbol('derived');
const INSPECT = Symbol.for('nodejs.util.inspect.custom');
const NO_HEADERS: readonly never[] = Object.freeze([]);

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
  readonly #settings: Settings;
  readonly #log: Log;
  readonly #length: number;
  #cookies: readonly Cookie[] | undefined;
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
    settings?: Settings,
    log?: Log,
    length?: number,
  ) {
    if (token === DERIVED && settings !== undefined && log !== undefined) {
      this.#settings = settings;
      this.#log = log;
      this.#length = length as number;
    } else {
      this.#settings = settingsFrom(options);
      this.#log = new Log();
      this.#length = 0;
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
    if (kind === 'cookie') return this.#append(cookie as Cookie);
    if (kind === 'builder') return this.#append(this.#build(cookie as CookieBuilder<N>));
    // A cookie of the package's other build (ESM vs CommonJS): rebuilt, so validated, here.
    if (kind === 'other copy')
      return this.#append(Cookie.from(guardInput('add()', configOfCopy, cookie)));
    throw new CookieValidationError(undefined, [
      {
        path: [],
        code: 'invalid_type',
        message: 'add() takes a Cookie or a CookieBuilder',
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
    return this.#append(CookieBuilder.fromConfig(config).apply(policy).build());
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
    return this.#append(this.#build(guardInput('delete()', () => removalOf(name, options))));
  }

  /** Builds under the jar's policy: its defaults fill what the builder leaves unset. */
  #build(builder: CookieBuilder<string>): Cookie {
    const policy = this.#settings.policy;
    return policy === undefined ? builder.build() : builder.apply(policy).build();
  }

  /** Every cookie enters the jar here, and must meet the jar's policy. */
  #append(cookie: Cookie): CookieJarResponse {
    this.#settings.policy?.enforce(cookie);
    let log = this.#log;
    if (this.#length !== log.cookies.length) log = Log.copyOf(log, this.#length);
    log.push(cookie);
    return new (CookieJarResponse as unknown as Derived)(
      undefined,
      DERIVED,
      this.#settings,
      log,
      this.#length + 1,
    );
  }

  /** The number of cookies the jar sends: distinct identities, a replaced cookie counts once. */
  get size(): number {
    return this.#length === 0 ? 0 : (this.#log.distinct[this.#length - 1] as number);
  }

  /**
   * The cookie named `name` written last (a removal cookie after `delete`), or `undefined`.
   * Several cookies may share a name on different paths or domains; `cookies()` lists them all.
   */
  get(name: string): Cookie | undefined {
    const at = lastBelow(this.#log.byName.get(name), this.#length);
    return at === -1 ? undefined : this.#log.cookies[at];
  }

  /** True when the jar holds a cookie named `name`, including a removal cookie. */
  has(name: string): boolean {
    return lastBelow(this.#log.byName.get(name), this.#length) !== -1;
  }

  /** The cookies in insertion order (a replaced cookie keeps its first position); frozen. */
  cookies(): readonly Cookie[] {
    if (this.#cookies === undefined) {
      const log = this.#log;
      this.#cookies = Object.freeze(
        this.size === this.#length
          ? log.cookies.slice(0, this.#length)
          : log.live(this.#length).map((i) => log.cookies[i] as Cookie),
      );
    }
    return this.#cookies;
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
    if (this.#setCookie === undefined) {
      const log = this.#log;
      this.#setCookie = Object.freeze(
        this.size === this.#length
          ? log.cookies.slice(0, this.#length).map((c) => c.toString())
          : log.live(this.#length).map((i) => (log.cookies[i] as Cookie).toString()),
      );
    }
    return this.#setCookie;
  }

  /**
   * The cache headers the jar sends with its cookies, by the `cache` option — by default
   * `Cache-Control: private, no-cache="set-cookie"` and `Expires: Thu, 01 Jan 1970 00:00:00
   * GMT` (RFC 2109 §4.2.3). Empty when the jar is empty or `cache` is `'off'`.
   */
  cacheHeaders(): readonly CookieJarHeader[] {
    return this.#length === 0 ? NO_HEADERS : this.#settings.cacheHeaders;
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

function invalid(path: (string | number)[], message: string): CookieValidationError {
  const issue: CookieIssue = { path, code: 'invalid_type', message, source: SOURCE };
  return new CookieValidationError(undefined, [issue]);
}

/** The config `sendCookie` validates: name, value and the options, which may not rename it. */
function configOf(
  name: string,
  value: string,
  options: unknown,
): Parameters<typeof Cookie.from>[0] {
  if (options === undefined) return { name, value };
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    throw invalid([], 'sendCookie() options must be an object of cookie attributes');
  let copy: Record<string, unknown>;
  try {
    copy = { ...(options as Record<string, unknown>) };
  } catch (cause) {
    throw invalid([], `sendCookie() options could not be read: ${String(cause)}`);
  }
  const issues: CookieIssue[] = [];
  for (const key of ['name', 'value'] as const) {
    if (Object.hasOwn(copy, key)) {
      issues.push({
        path: [key],
        code: 'unknown_key',
        message: `"${key}" is an argument of sendCookie(name, value, options), not an option`,
        source: SOURCE,
      });
    }
  }
  if (issues.length > 0) throw new CookieValidationError(name, issues);
  return { ...copy, name, value } as Parameters<typeof Cookie.from>[0];
}

/** The builder of the cookie that deletes `name` in the given scope. */
function removalOf(name: string, options: unknown): CookieBuilder<string> {
  let builder = new CookieBuilder<string>(name, '');
  if (options === undefined) return builder.removal();
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    throw invalid([], 'delete() options must be an object: { domain, path, partitioned, profile }');
  let scope: Record<string, unknown>;
  try {
    scope = { ...(options as Record<string, unknown>) };
  } catch (cause) {
    throw invalid([], `delete() options could not be read: ${String(cause)}`);
  }
  const unknown = Object.keys(scope).filter((key) => !DELETE_KEYS.has(key));
  if (unknown.length > 0) {
    throw new CookieValidationError(
      typeof name === 'string' ? name : undefined,
      unknown.map((key) => ({
        path: [key],
        code: 'unknown_key' as const,
        message: `"${key}" is not a delete() option; give domain, path, partitioned or profile`,
        source: SOURCE,
      })),
    );
  }
  if (scope.domain !== undefined) builder = builder.domain(scope.domain as string);
  if (scope.path !== undefined) builder = builder.path(scope.path as string);
  if (scope.partitioned !== undefined) builder = builder.partitioned(scope.partitioned as boolean);
  if (scope.profile !== undefined) builder = builder.profile(scope.profile as CookieProfile);
  // removal() adds what the prefix needs (Secure, HttpOnly, Path=/), so the browser accepts it
  return builder.removal();
}

/** The constructor as the jar calls it to derive a jar, with the arguments after the options. */
type Derived = new (
  options: undefined,
  token: typeof DERIVED,
  settings: Settings,
  log: Log,
  length: number,
) => CookieJarResponse;
