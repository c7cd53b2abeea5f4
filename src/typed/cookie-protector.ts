// The protector of one cookie name: signs or seals values and opens them again (wire format 1).
import {
  CookieError,
  type CookieIssue,
  CookieValidationError,
  describeThrown,
  quote,
} from '../errors.js';
import { bytesToBase64url } from '../rules/encoding.js';
import { RULE_SOURCES } from '../rules/sources.js';
import { describeOption } from './describe-value.js';
import type { ProtectMode, Protector, UnprotectErrorCode, UnprotectResult } from './protect.js';
import {
  concat,
  type DerivedKey,
  decode,
  deriveKey,
  equalBytes,
  GCM_TAG_BYTES,
  HEADER_BYTES,
  IAT_BYTES,
  KID_BYTES,
  MAC_BYTES,
  MAX_DATE_SECONDS,
  MAX_WIRE,
  NAME_TAG_BYTES,
  NONCE_BYTES,
  readIat,
  SEAL_PREFIX,
  SEAL_TAG,
  SIGN_PREFIX,
  SIGN_TAG,
  strictUtf8,
  utf8,
  writeIat,
  ZERO,
} from './protect-format.js';

export function optionsError(message: string, cause?: CookieValidationError): CookieError {
  return new CookieError(message, {
    code: 'protect_options',
    ...(cause === undefined ? {} : { cause }),
  });
}

type Bytes = Uint8Array<ArrayBuffer>;

/**
 * A wire value cut into its parts: a signed one (the body, whose header is its first
 * `HEADER_BYTES`, and the MAC) or a sealed one (key id and name tag, nonce, ciphertext).
 */
type Framed =
  | { readonly header: Bytes; readonly body: Bytes; readonly mac: Bytes }
  | { readonly header: Bytes; readonly iv: Bytes; readonly sealed: Bytes };

/** Which key opened a value (`index`, -1 for none), its plain bytes, and how many were tried. */
interface Opened {
  readonly index: number;
  readonly plain?: Bytes;
  readonly candidates: number;
}

export class CookieProtector implements Protector {
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
    const framed = this.#frame(wire);
    if ('success' in framed) return framed;
    const { keys, nameTag } = await this.#derive();
    // The name tag and key id are public; comparing them leaks nothing about a secret.
    const { header } = framed;
    if (!equalBytes(header.subarray(KID_BYTES, KID_BYTES + NAME_TAG_BYTES), nameTag)) {
      return this.#fail('protect_wrong_name', 'value was made for another cookie name');
    }
    const { index, plain, candidates } = await this.#open(framed, keys);
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
    return this.#accept(plain, index, now);
  }

  /** The parts of a wire value of this protector's mode, or why it is not one. */
  #frame(wire: string): Framed | UnprotectResult {
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
    if (this.mode === 'sign') {
      const dot = rest.indexOf('.');
      const body = dot < 0 ? undefined : decode(rest.slice(0, dot));
      const mac = dot < 0 ? undefined : decode(rest.slice(dot + 1));
      if (
        body === undefined ||
        mac === undefined ||
        body.length < HEADER_BYTES ||
        mac.length !== MAC_BYTES
      ) {
        return this.#fail('protect_format', 'value is not a well-formed signed value');
      }
      return { header: body.subarray(0, HEADER_BYTES), body, mac };
    }
    const data = decode(rest);
    const ivAt = KID_BYTES + NAME_TAG_BYTES;
    if (data === undefined || data.length < ivAt + NONCE_BYTES + IAT_BYTES + GCM_TAG_BYTES) {
      return this.#fail('protect_format', 'value is not a well-formed sealed value');
    }
    return {
      header: data.subarray(0, ivAt),
      iv: data.subarray(ivAt, ivAt + NONCE_BYTES),
      sealed: data.subarray(ivAt + NONCE_BYTES),
    };
  }

  /**
   * Verifies or decrypts the value under each key whose id it carries, in order, until one
   * opens it: `index` is that key's (-1 when none did), `candidates` how many keys were tried.
   */
  async #open(framed: Framed, keys: readonly DerivedKey[]): Promise<Opened> {
    const kid = framed.header.subarray(0, KID_BYTES);
    let candidates = 0;
    for (let i = 0; i < keys.length; i++) {
      const { kid: id, key } = keys[i]!;
      if (!equalBytes(kid, id)) continue;
      candidates++;
      if ('mac' in framed) {
        // crypto.subtle.verify compares the MAC in constant time.
        if (await crypto.subtle.verify('HMAC', key, framed.mac, this.#macInput(framed.body))) {
          return { index: i, plain: framed.body.subarray(KID_BYTES + NAME_TAG_BYTES), candidates };
        }
      } else {
        try {
          const opened = await crypto.subtle.decrypt(
            {
              name: 'AES-GCM',
              iv: framed.iv,
              additionalData: this.#aad(framed.header),
              tagLength: 128,
            },
            key,
            framed.sealed,
          );
          return { index: i, plain: new Uint8Array(opened), candidates };
        } catch {
          // Authentication failed under this key; another key may share the id.
        }
      }
    }
    return { index: -1, candidates };
  }

  /** The text of an opened value, when its issued-at time is within the allowed window. */
  #accept(plain: Bytes, index: number, now: number): UnprotectResult {
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
