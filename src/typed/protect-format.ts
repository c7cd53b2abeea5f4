// Wire format 1 of protected values: its constants, key derivation and byte helpers.
import { base64urlToBytes } from '../rules/encoding.js';
import type { ProtectMode } from './protect.js';

// Wire format 1; docs/protected-cookies.md describes every byte.
export const SIGN_PREFIX = 's1.';
export const SEAL_PREFIX = 'e1.';
export const SIGN_TAG = 'cookiesmith/s1';
export const SEAL_TAG = 'cookiesmith/e1';
const INFO_SIGN = 'cookiesmith/v1 sign';
const INFO_SEAL = 'cookiesmith/v1 seal';
const INFO_KID = 'cookiesmith/v1 key-id';
export const KID_BYTES = 4;
export const NAME_TAG_BYTES = 2;
export const IAT_BYTES = 6;
export const HEADER_BYTES = KID_BYTES + NAME_TAG_BYTES + IAT_BYTES;
export const NONCE_BYTES = 12;
export const GCM_TAG_BYTES = 16;
export const MAC_BYTES = 32;
export const MAX_WIRE = 4096;
// ECMA-262 §21.4.1.1 (Time Values and Time Range): a Date holds ±8.64e15 ms. An issued-at time
// is written in 48 bits, which hold more; later than this it would read back as Invalid Date.
export const MAX_DATE_SECONDS = 8.64e12;

export const utf8 = new TextEncoder();
export const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export interface DerivedKey {
  readonly kid: Uint8Array<ArrayBuffer>;
  readonly key: CryptoKey;
}

export const ZERO = new Uint8Array(1);

export async function deriveKey(
  secret: Uint8Array<ArrayBuffer>,
  mode: ProtectMode,
): Promise<DerivedKey> {
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

export function decode(text: string): Uint8Array<ArrayBuffer> | undefined {
  const bytes = base64urlToBytes(text);
  return bytes === undefined ? undefined : new Uint8Array(bytes);
}

export function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
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

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Writes seconds since the epoch as a 48-bit big-endian unsigned integer. */
export function writeIat(into: Uint8Array, at: number, seconds: number): void {
  const view = new DataView(into.buffer, into.byteOffset + at, IAT_BYTES);
  view.setUint16(0, Math.floor(seconds / 2 ** 32));
  view.setUint32(2, seconds >>> 0);
}

export function readIat(from: Uint8Array, at: number): number {
  const view = new DataView(from.buffer, from.byteOffset + at, IAT_BYTES);
  return view.getUint16(0) * 2 ** 32 + view.getUint32(2);
}
