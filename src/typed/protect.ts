import { CookieError, CookieValidationError, guardInput, quote } from '../errors.js';
import { checkName as checkCookieName } from '../rules/fields.js';
import { CookieProtector, optionsError } from './cookie-protector.js';
import { describeOption } from './describe-value.js';
import { NONCE_BYTES, utf8 } from './protect-format.js';

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
