import {
  CookieError,
  type CookieIssue,
  CookieValidationError,
  describeThrown,
  guardInput,
  quote,
} from '../errors.js';
import { base64urlToBytes, bytesToBase64url } from '../rules/encoding.js';
import { checkName as checkCookieName } from '../rules/fields.js';
import { RULE_SOURCES } from '../rules/sources.js';
import { describeOption } from './describe-value.js';

/**
 * How a protected cookie's value is guarded: `'sign'` (HMAC-SHA256: integrity and
 * authenticity, the value stays readable) or `'seal'` (AES-256-GCM: the same plus
 * confidentiality).
 */
export type ProtectMode = 'sign' | 'seal';

/** A secret: a string (its UTF-8 bytes are used) or bytes; at least 32 bytes either way. */
export type ProtectKey = string | Uint8Array;

/**
 * The `protect` option of a cookie definition: the mode, the secrets (newest first) and,
 * optionally, the lifetime enforced on read.
 */
export interface ProtectOptions {
  /** `'sign'` or `'seal'`. */
  readonly mode: ProtectMode;
  /**
   * Secrets, newest first: the first protects new values, every one is accepted when reading.
   * Each must be at least 32 bytes; use random bytes, not a password.
   */
  readonly keys: readonly ProtectKey[];
  /**
   * When set, reading refuses values issued more than this many seconds ago. `defineCookie`
   * defaults it to the cookie's Max-Age, since the server never sees Max-Age come back; a
   * cookie with Expires and no Max-Age must set it.
   */
  readonly maxAge?: number;
  /**
   * How many seconds the issued-at time inside a value may lie ahead of the reader's clock
   * (default 60): the allowance for clocks of services sharing keys that disagree a little.
   * A value issued later than that is refused with `protect_future`, with or without `maxAge`.
   */
  readonly clockSkew?: number;
  /** The clock, in epoch milliseconds (default `Date.now`); inject one in tests. */
  readonly now?: () => number;
}

/** Options of `createProtector`: the cookie name the values are bound to, and the protection. */
export interface ProtectorOptions extends ProtectOptions {
  /**
   * The cookie name, a valid one (an RFC 6265 token not starting with `$`); it is bound into
   * every value, so a value moved to another name fails.
   */
  readonly name: string;
}

/** Why `unprotect` refused a value; `CookieError#code` of the error it returns. */
export type UnprotectErrorCode =
  | 'protect_format'
  | 'protect_wrong_name'
  | 'protect_unknown_key'
  | 'protect_tampered'
  | 'protect_expired'
  | 'protect_future'
  | 'protect_options'
  | 'protect_crypto';

/** The outcome of `unprotect`: the text and when it was issued, or why it was refused. */
export type UnprotectResult =
  | {
      readonly success: true;
      /** The text that was protected. */
      readonly text: string;
      /** The issued-at time carried inside the value, at second precision. */
      readonly issuedAt: Date;
      /** True when an older key verified the value: send it again, protected with the newest. */
      readonly renew: boolean;
    }
  | {
      readonly success: false;
      readonly error: CookieError & { readonly code: UnprotectErrorCode };
    };

/**
 * Signs or seals cookie values for one cookie name with a list of rotating keys, using only the
 * Web Crypto API (Node, Deno, Bun, edge runtimes). Derived keys are cached on the protector.
 */
export interface Protector {
  /** The cookie name every value is bound to. */
  readonly name: string;
  /** `'sign'` or `'seal'`. */
  readonly mode: ProtectMode;
  /** The lifetime `unprotect` enforces, in seconds, when set. */
  readonly maxAge?: number;
  /** How many seconds an issued-at time may lie ahead of the clock when reading. */
  readonly clockSkew: number;
  /**
   * Protects a text with the newest key and the current time; the result is a cookie value made
   * of cookie-octets only (RFC 6265 §4.1.1), to be sent with encoding `'raw'`.
   * @throws {CookieValidationError} when the name and protected value exceed 4096 bytes
   * (6265bis §5.6 step 5) or the text is not well-formed UTF-16.
   */
  protect(text: string): Promise<string>;
  /**
   * Verifies (and for `'seal'` decrypts) a wire value and checks its issued-at time: not later
   * than now plus `clockSkew`, not older than `maxAge`. Never throws.
   */
  unprotect(wire: string): Promise<UnprotectResult>;
}

/** Smallest secret accepted, in bytes (the size of an HMAC-SHA256 / AES-256 key). */
export const MIN_KEY_BYTES = 32;

/** Default of `ProtectOptions.clockSkew`, in seconds. */
const CLOCK_SKEW = 60;

// Wire format 1; docs/protected-cookies.md describes every byte.
const SIGN_PREFIX = 's1.';
const SEAL_PREFIX = 'e1.';
const SIGN_TAG = 'cookiesmith/s1';
const SEAL_TAG = 'cookiesmith/e1';
const INFO_SIGN = 'cookiesmith/v1 sign';
const INFO_SEAL = 'cookiesmith/v1 seal';
const INFO_KID = 'cookiesmith/v1 key-id';
const KID_BYTES = 4;
const NAME_TAG_BYTES = 2;
const IAT_BYTES = 6;
const HEADER_BYTES = KID_BYTES + NAME_TAG_BYTES + IAT_BYTES;
const NONCE_BYTES = 12;
const GCM_TAG_BYTES = 16;
const MAC_BYTES = 32;
const MAX_WIRE = 4096;
// ECMA-262 §21.4.1.1 (Time Values and Time Range): a Date holds ±8.64e15 ms. An issued-at time
// is written in 48 bits, which hold more; later than this it would read back as Invalid Date.
const MAX_DATE_SECONDS = 8.64e12;

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

interface DerivedKey {
  readonly kid: Uint8Array<ArrayBuffer>;
  readonly key: CryptoKey;
}

/**
 * Creates a protector for one cookie name. Validates everything at once: the name must be a
 * valid cookie name; a key of fewer than 32 bytes, an empty list, or an entry that is not a key
 * (a hole included) is a `CookieError`.
 *
 * @example
 * const session = createProtector({ name: 'session', mode: 'seal', keys: [process.env.COOKIE_KEY!], maxAge: 3600 });
 * const wire = await session.protect(JSON.stringify({ uid: 42 }));
 * const back = await session.unprotect(wire); // { success: true, text, issuedAt, renew: false }
 * @throws {CookieError} code `key_too_short`, `key_type`, `keys_empty`, `protect_options` or
 * `protect_crypto` (no Web Crypto in this runtime).
 */
export function createProtector(options: ProtectorOptions): Protector {
  return guardInput('createProtector()', (input) => makeProtector(input, randomNonce), options);
}

/**
 * Test-only: like `createProtector`, with the seal nonces taken from `nonce` so fixed vectors
 * can be re-created. Not exported from the package; never use a fixed nonce in production.
 * @internal
 */
export function createProtectorWithNonces(
  options: ProtectorOptions,
  nonce: () => Uint8Array,
): Protector {
  return guardInput('createProtector()', (input) => makeProtector(input, nonce), options);
}

function randomNonce(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
}

function makeProtector(options: ProtectorOptions, nonce: () => Uint8Array): Protector {
  if (options === null || typeof options !== 'object') {
    throw optionsError('protector options must be an object with name, mode and keys');
  }
  const { name, mode, keys, maxAge, clockSkew = CLOCK_SKEW, now = Date.now } = options;
  checkName(name);
  if (mode !== 'sign' && mode !== 'seal') {
    throw optionsError(
      `cookie ${quote(name)}: protect mode ${describeOption(mode)} must be 'sign' or 'seal'`,
    );
  }
  for (const [field, seconds] of [
    ['maxAge', maxAge],
    ['clockSkew', clockSkew],
  ] as const) {
    if (seconds !== undefined && !(Number.isSafeInteger(seconds) && seconds >= 0)) {
      throw optionsError(
        `cookie ${quote(name)}: ${field} ${describeOption(seconds)} must be a whole number of seconds ≥ 0`,
      );
    }
  }
  if (typeof now !== 'function') {
    throw optionsError(
      `cookie ${quote(name)}: now must be a function returning epoch milliseconds`,
    );
  }
  const secrets = checkKeys(name, keys);
  if (typeof globalThis.crypto?.subtle?.importKey !== 'function') {
    throw new CookieError(
      `cookie ${quote(name)}: protected cookies need the Web Crypto API (globalThis.crypto.subtle), which this runtime does not provide`,
      { code: 'protect_crypto' },
    );
  }
  return new CookieProtector(name, mode, secrets, { maxAge, clockSkew, now, nonce });
}

function optionsError(message: string, cause?: CookieValidationError): CookieError {
  return new CookieError(message, {
    code: 'protect_options',
    ...(cause === undefined ? {} : { cause }),
  });
}

/**
 * The name must be one a cookie can carry: the cookie's own name rules (RFC 6265 §4.1.1 token,
 * no `$` prefix) decide, so a name with a lone surrogate, whose UTF-8 form is the replacement
 * character's and so could collide with another name's, never gets a protector.
 */
function checkName(name: unknown): asserts name is string {
  if (typeof name !== 'string') {
    throw optionsError(`protector name must be a cookie name, not ${describeOption(name)}`);
  }
  const trouble = checkCookieName(name);
  if (trouble !== undefined) {
    throw optionsError(
      `protector name ${quote(name)} is not a cookie name: ${trouble.message}`,
      new CookieValidationError(name, [trouble]),
    );
  }
}

/** Copies each secret to fresh bytes, so later changes to the caller's arrays change nothing. */
function checkKeys(name: string, keys: unknown): Uint8Array<ArrayBuffer>[] {
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new CookieError(
      `cookie ${quote(name)}: protect.keys must be a non-empty list of secrets, newest first`,
      { code: 'keys_empty' },
    );
  }
  // An index loop, not map(): map() skips the holes of a sparse array and keeps them.
  const secrets: Uint8Array<ArrayBuffer>[] = [];
  for (let index = 0; index < keys.length; index++) {
    const key: unknown = keys[index];
    let bytes: Uint8Array<ArrayBuffer>;
    if (typeof key === 'string') {
      if (!key.isWellFormed()) {
        throw new CookieError(
          `cookie ${quote(name)}: protect.keys[${index}] contains a lone UTF-16 surrogate`,
          { code: 'key_type' },
        );
      }
      bytes = utf8.encode(key);
    } else if (key instanceof Uint8Array) {
      bytes = new Uint8Array(key);
    } else {
      throw new CookieError(
        `cookie ${quote(name)}: protect.keys[${index}] is ${kindOfKey(keys, index)}; a key is a string or a Uint8Array`,
        { code: 'key_type' },
      );
    }
    if (bytes.length < MIN_KEY_BYTES) {
      throw new CookieError(
        `cookie ${quote(name)}: protect.keys[${index}] is ${bytes.length} bytes; a key needs at least ${MIN_KEY_BYTES} random bytes`,
        { code: 'key_too_short' },
      );
    }
    secrets.push(bytes);
  }
  return secrets;
}

/** What a non-key entry is, by type only: a key is a secret even when it has the wrong type. */
function kindOfKey(keys: readonly unknown[], index: number): string {
  const key = keys[index];
  if (key === undefined) return index in keys ? 'undefined' : 'a hole';
  return key === null ? 'null' : `of type ${typeof key}`;
}

class CookieProtector implements Protector {
  declare readonly name: string;
  declare readonly mode: ProtectMode;
  declare readonly maxAge?: number;
  declare readonly clockSkew: number;
  readonly #secrets: readonly Uint8Array<ArrayBuffer>[];
  readonly #now: () => number;
  readonly #nonce: () => Uint8Array;
  readonly #tag: Uint8Array<ArrayBuffer>;
  readonly #nameBytes: Uint8Array<ArrayBuffer>;
  #derived: Promise<{ keys: DerivedKey[]; nameTag: Uint8Array<ArrayBuffer> }> | undefined;

  constructor(
    name: string,
    mode: ProtectMode,
    secrets: Uint8Array<ArrayBuffer>[],
    settings: {
      maxAge: number | undefined;
      clockSkew: number;
      now: () => number;
      nonce: () => Uint8Array;
    },
  ) {
    const { maxAge, clockSkew, now, nonce } = settings;
    this.name = name;
    this.mode = mode;
    if (maxAge !== undefined) this.maxAge = maxAge;
    this.clockSkew = clockSkew;
    this.#secrets = Object.freeze(secrets);
    this.#now = now;
    this.#nonce = nonce;
    this.#tag = utf8.encode(mode === 'sign' ? SIGN_TAG : SEAL_TAG);
    this.#nameBytes = utf8.encode(name);
    this.#derived = undefined;
    Object.freeze(this);
  }

  /** Derives (once) the per-purpose key and the key id of every secret, and the name tag. */
  #derive(): Promise<{ keys: DerivedKey[]; nameTag: Uint8Array<ArrayBuffer> }> {
    if (this.#derived === undefined) {
      const promise = Promise.all([
        Promise.all(this.#secrets.map((secret) => deriveKey(secret, this.mode))),
        crypto.subtle.digest('SHA-256', this.#nameBytes),
      ]).then(([keys, digest]) => ({
        keys,
        nameTag: new Uint8Array(digest.slice(0, NAME_TAG_BYTES)),
      }));
      this.#derived = promise;
      promise.catch(() => {
        if (this.#derived === promise) this.#derived = undefined;
      });
    }
    return this.#derived;
  }

  async protect(text: string): Promise<string> {
    if (typeof text !== 'string') {
      throw this.#valueError('invalid_type', RULE_SOURCES.config, 'value must be a string');
    }
    if (!text.isWellFormed()) {
      throw this.#valueError(
        'value_encoding',
        RULE_SOURCES.encoding,
        'value contains a lone UTF-16 surrogate, which has no UTF-8 form',
      );
    }
    const iat = this.#issuedAt();
    let wire: string;
    try {
      const { keys, nameTag } = await this.#derive();
      const newest = keys[0]!;
      const header = new Uint8Array(HEADER_BYTES);
      header.set(newest.kid, 0);
      header.set(nameTag, KID_BYTES);
      writeIat(header, KID_BYTES + NAME_TAG_BYTES, iat);
      const payload = utf8.encode(text);
      if (this.mode === 'sign') {
        const body = concat(header, payload);
        const mac = await crypto.subtle.sign('HMAC', newest.key, this.#macInput(body));
        wire = `${SIGN_PREFIX}${bytesToBase64url(body)}.${bytesToBase64url(new Uint8Array(mac))}`;
      } else {
        const iv = new Uint8Array(this.#nonce());
        if (iv.length !== NONCE_BYTES) throw new RangeError('nonce must be 12 bytes');
        const plain = new Uint8Array(IAT_BYTES + payload.length);
        writeIat(plain, 0, iat);
        plain.set(payload, IAT_BYTES);
        const ids = header.subarray(0, KID_BYTES + NAME_TAG_BYTES);
        const sealed = await crypto.subtle.encrypt(
          { name: 'AES-GCM', iv, additionalData: this.#aad(ids), tagLength: 128 },
          newest.key,
          plain,
        );
        wire = `${SEAL_PREFIX}${bytesToBase64url(concat(ids, iv, new Uint8Array(sealed)))}`;
      }
    } catch (error) {
      throw new CookieError(
        `cookie ${quote(this.name)}: Web Crypto failed to ${this.mode} the value`,
        {
          code: 'protect_crypto',
          cause: error,
        },
      );
    }
    // 6265bis §5.6 step 5: checked on what is sent, i.e. after protection.
    const size = this.#nameBytes.length + wire.length;
    if (size > MAX_WIRE) {
      throw this.#valueError(
        'name_value_too_long',
        RULE_SOURCES.nameValueSize,
        `name and ${this.mode === 'sign' ? 'signed' : 'sealed'} value are ${size} bytes; browsers drop a cookie whose name and value exceed 4096 bytes, so store less in it`,
      );
    }
    return wire;
  }

  async unprotect(wire: string): Promise<UnprotectResult> {
    let now: number;
    try {
      now = this.#issuedAt();
    } catch (error) {
      return { success: false, error: error as CookieError & { code: 'protect_options' } };
    }
    try {
      return await this.#unprotect(wire, now);
    } catch (error) {
      return this.#fail('protect_crypto', 'Web Crypto failed while verifying the value', error);
    }
  }

  async #unprotect(wire: string, now: number): Promise<UnprotectResult> {
    const own = this.mode === 'sign' ? SIGN_PREFIX : SEAL_PREFIX;
    if (typeof wire !== 'string' || wire.length > MAX_WIRE || !wire.startsWith(own)) {
      const other = this.mode === 'sign' ? SEAL_PREFIX : SIGN_PREFIX;
      const hint =
        typeof wire === 'string' && wire.startsWith(other)
          ? ` (it is ${this.mode === 'sign' ? 'sealed' : 'signed'}; this cookie is ${this.mode === 'sign' ? 'signed' : 'sealed'})`
          : '';
      return this.#fail('protect_format', `value is not a ${this.mode}ed cookiesmith value${hint}`);
    }
    const rest = wire.slice(own.length);
    let header: Uint8Array<ArrayBuffer>;
    let body: Uint8Array<ArrayBuffer> | undefined;
    let mac: Uint8Array<ArrayBuffer> | undefined;
    let sealed: Uint8Array<ArrayBuffer> | undefined;
    let iv: Uint8Array<ArrayBuffer> | undefined;
    if (this.mode === 'sign') {
      const dot = rest.indexOf('.');
      body = dot < 0 ? undefined : decode(rest.slice(0, dot));
      mac = dot < 0 ? undefined : decode(rest.slice(dot + 1));
      if (
        body === undefined ||
        mac === undefined ||
        body.length < HEADER_BYTES ||
        mac.length !== MAC_BYTES
      ) {
        return this.#fail('protect_format', 'value is not a well-formed signed value');
      }
      header = body.subarray(0, HEADER_BYTES);
    } else {
      const data = decode(rest);
      const ivAt = KID_BYTES + NAME_TAG_BYTES;
      if (data === undefined || data.length < ivAt + NONCE_BYTES + IAT_BYTES + GCM_TAG_BYTES) {
        return this.#fail('protect_format', 'value is not a well-formed sealed value');
      }
      header = data.subarray(0, ivAt);
      iv = data.subarray(ivAt, ivAt + NONCE_BYTES);
      sealed = data.subarray(ivAt + NONCE_BYTES);
    }

    const { keys, nameTag } = await this.#derive();
    // The name tag and key id are public; comparing them leaks nothing about a secret.
    if (!equalBytes(header.subarray(KID_BYTES, KID_BYTES + NAME_TAG_BYTES), nameTag)) {
      return this.#fail('protect_wrong_name', 'value was made for another cookie name');
    }
    const kid = header.subarray(0, KID_BYTES);
    let index = -1;
    let plain: Uint8Array<ArrayBuffer> | undefined;
    let candidates = 0;
    for (let i = 0; i < keys.length && index < 0; i++) {
      const { kid: id, key } = keys[i]!;
      if (!equalBytes(kid, id)) continue;
      candidates++;
      if (this.mode === 'sign') {
        // crypto.subtle.verify compares the MAC in constant time.
        if (await crypto.subtle.verify('HMAC', key, mac!, this.#macInput(body!))) {
          index = i;
          plain = body!.subarray(KID_BYTES + NAME_TAG_BYTES);
        }
      } else {
        try {
          const opened = await crypto.subtle.decrypt(
            { name: 'AES-GCM', iv: iv!, additionalData: this.#aad(header), tagLength: 128 },
            key,
            sealed!,
          );
          index = i;
          plain = new Uint8Array(opened);
        } catch {
          // Authentication failed under this key; another key may share the id.
        }
      }
    }
    if (candidates === 0) {
      return this.#fail(
        'protect_unknown_key',
        'value was protected with a key that is not in protect.keys (removed or never known)',
      );
    }
    if (index < 0 || plain === undefined) {
      return this.#fail(
        'protect_tampered',
        this.mode === 'sign'
          ? 'signature does not match: the value was altered'
          : 'value does not decrypt: it was altered',
      );
    }
    const iat = readIat(plain, 0);
    let text: string;
    try {
      text = strictUtf8.decode(plain.subarray(IAT_BYTES));
    } catch {
      return this.#fail('protect_format', 'protected payload is not UTF-8');
    }
    // The issued-at time is authenticated, but a key holder (or a clock far ahead) can still
    // write any time: one later than now would never expire, and past the Date range it
    // would read back as Invalid Date.
    if (iat > Math.min(now + this.clockSkew, MAX_DATE_SECONDS)) {
      return this.#fail(
        'protect_future',
        `value was issued ${iat - now} s after the reader's clock; clockSkew allows ${this.clockSkew} s`,
      );
    }
    if (this.maxAge !== undefined) {
      const age = now - iat;
      if (age > this.maxAge) {
        return this.#fail(
          'protect_expired',
          `value was issued ${age} s ago; maxAge is ${this.maxAge} s`,
        );
      }
    }
    return { success: true, text, issuedAt: new Date(iat * 1000), renew: index > 0 };
  }

  /** The clock in whole seconds, within the range a `Date` and the 48-bit field both hold. */
  #issuedAt(): number {
    let ms: unknown;
    try {
      ms = this.#now();
    } catch (thrown) {
      throw optionsError(`cookie ${quote(this.name)}: the clock threw ${describeThrown(thrown)}`);
    }
    const seconds = typeof ms === 'number' ? Math.floor(ms / 1000) : Number.NaN;
    if (!(seconds >= 0 && seconds <= MAX_DATE_SECONDS)) {
      throw optionsError(
        `cookie ${quote(this.name)}: the clock returned ${describeOption(ms)}, not epoch milliseconds between 1970 and the end of the Date range`,
      );
    }
    return seconds;
  }

  /** HMAC input: tag ‖ 0x00 ‖ name ‖ 0x00 ‖ body. */
  #macInput(body: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
    return concat(this.#tag, ZERO, this.#nameBytes, ZERO, body);
  }

  /** AES-GCM additional data: tag ‖ 0x00 ‖ name ‖ 0x00 ‖ key id ‖ name tag. */
  #aad(header: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
    return concat(this.#tag, ZERO, this.#nameBytes, ZERO, header);
  }

  #valueError(code: CookieIssue['code'], source: string, message: string): CookieValidationError {
    return new CookieValidationError(this.name, [{ path: ['value'], code, message, source }]);
  }

  #fail(code: UnprotectErrorCode, message: string, cause?: unknown): UnprotectResult {
    const error = new CookieError(`cookie ${quote(this.name)}: ${message}`, {
      code,
      ...(cause === undefined ? {} : { cause }),
    }) as CookieError & { readonly code: UnprotectErrorCode };
    return { success: false, error };
  }
}

const ZERO = new Uint8Array(1);

async function deriveKey(secret: Uint8Array<ArrayBuffer>, mode: ProtectMode): Promise<DerivedKey> {
  const base = await crypto.subtle.importKey('raw', secret, 'HKDF', false, [
    'deriveKey',
    'deriveBits',
  ]);
  const hkdf = (info: string) => ({
    name: 'HKDF',
    hash: 'SHA-256',
    salt: new Uint8Array(0),
    info: utf8.encode(info),
  });
  const [kid, key] = await Promise.all([
    crypto.subtle.deriveBits(hkdf(INFO_KID), base, KID_BYTES * 8),
    mode === 'sign'
      ? crypto.subtle.deriveKey(
          hkdf(INFO_SIGN),
          base,
          { name: 'HMAC', hash: 'SHA-256', length: 256 },
          false,
          ['sign', 'verify'],
        )
      : crypto.subtle.deriveKey(hkdf(INFO_SEAL), base, { name: 'AES-GCM', length: 256 }, false, [
          'encrypt',
          'decrypt',
        ]),
  ]);
  return { kid: new Uint8Array(kid), key };
}

function decode(text: string): Uint8Array<ArrayBuffer> | undefined {
  const bytes = base64urlToBytes(text);
  return bytes === undefined ? undefined : new Uint8Array(bytes);
}

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Writes seconds since the epoch as a 48-bit big-endian unsigned integer. */
function writeIat(into: Uint8Array, at: number, seconds: number): void {
  const view = new DataView(into.buffer, into.byteOffset + at, IAT_BYTES);
  view.setUint16(0, Math.floor(seconds / 2 ** 32));
  view.setUint32(2, seconds >>> 0);
}

function readIat(from: Uint8Array, at: number): number {
  const view = new DataView(from.buffer, from.byteOffset + at, IAT_BYTES);
  return view.getUint16(0) * 2 ** 32 + view.getUint32(2);
}
