import { isCookieValue } from './grammar.js';

/** How a cookie's logical value is written on the wire. */
export type CookieEncoding = 'uri' | 'raw' | 'base64url';

/** The encodings, in documentation order. */
export const COOKIE_ENCODINGS: readonly CookieEncoding[] = Object.freeze([
  'uri',
  'raw',
  'base64url',
]);

// cookie-octets that stay as they are under 'uri'; '%' is escaped so decoding is exact.
const URI_PLAIN = /^[\x21\x23\x24\x26-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*$/;
const URI_ESCAPE = /[^\x21\x23\x24\x26-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]/gu;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** True when `'uri'` sends `value` as it is: cookie-octets only, and no `%`. */
export function isUriPlain(value: string): boolean {
  return URI_PLAIN.test(value);
}

/** Result of encoding: the wire form, or the reason it cannot be produced. */
export type EncodeResult = { ok: true; wire: string } | { ok: false; reason: string };

/**
 * Encodes a logical value for the wire. `'uri'` percent-encodes (as UTF-8) only what is not a
 * cookie-octet, plus `%` itself; `'raw'` sends the value as it is and requires cookie-octets;
 * `'base64url'` sends the UTF-8 bytes as unpadded base64url (RFC 4648 §5).
 */
export function encodeValue(value: string, encoding: CookieEncoding): EncodeResult {
  switch (encoding) {
    case 'uri':
      if (isUriPlain(value)) return { ok: true, wire: value };
      if (!value.isWellFormed())
        return { ok: false, reason: 'it contains a lone UTF-16 surrogate' };
      return { ok: true, wire: value.replace(URI_ESCAPE, encodeURIComponent) };
    case 'raw':
      if (isCookieValue(value)) return { ok: true, wire: value };
      return { ok: false, reason: 'it contains characters that are not cookie-octets' };
    case 'base64url':
      if (!value.isWellFormed())
        return { ok: false, reason: 'it contains a lone UTF-16 surrogate' };
      return { ok: true, wire: bytesToBase64url(new TextEncoder().encode(value)) };
  }
}

/** Decodes a wire value; `undefined` when it is not a valid encoding of any value. */
export function decodeValue(wire: string, encoding: CookieEncoding): string | undefined {
  switch (encoding) {
    case 'uri':
      if (!wire.includes('%')) return wire;
      try {
        return decodeURIComponent(wire);
      } catch {
        return undefined;
      }
    case 'raw':
      return wire;
    case 'base64url': {
      const bytes = base64urlToBytes(wire);
      if (bytes === undefined) return undefined;
      try {
        return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
      } catch {
        return undefined;
      }
    }
  }
}

/** Unpadded base64url of some bytes (RFC 4648 §5); uses no Node-only API. */
export function bytesToBase64url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Bytes of an unpadded base64url string; `undefined` when it is not one. */
export function base64urlToBytes(text: string): Uint8Array | undefined {
  if (!BASE64URL.test(text) || text.length % 4 === 1) return undefined;
  const padded =
    text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  let binary: string;
  try {
    binary = atob(padded);
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  // Canonical form only: re-encoding must give the same text (no stray trailing bits).
  if (bytesToBase64url(bytes) !== text) return undefined;
  return bytes;
}
