// The character-level grammar of a Set-Cookie line, each production next to its source. Every
// other rule is built from these predicates.

// RFC 6265 §4.1.1 cookie-name = token; RFC 9110 §5.6.2 tchar
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// RFC 6265 §4.1.1 cookie-octet = %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E
const COOKIE_OCTETS = /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*$/;
// RFC 6265 §4.1.1 cookie-value = *cookie-octet / ( DQUOTE *cookie-octet DQUOTE )
const COOKIE_VALUE =
  /^(?:[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*|"[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*")$/;
// RFC 6265 §4.1.1 av-octet = %x20-3A / %x3C-7E (any CHAR except CTLs or ";")
const AV_OCTETS = /^[\x20-\x3A\x3C-\x7E]*$/;
// RFC 9110 §5.5; 6265bis §5.6 step 1: CTLs are 0x00-0x1F and 0x7F, HTAB included
const CTL = /[\x00-\x1F\x7F]/;
// RFC 6265 §4.1.1: the server grammar is ASCII only
const NON_ASCII = /[^\x00-\x7F]/;
const PRINTABLE = /^[\x20-\x7E]*$/;

/** RFC 6265 §4.1.1 / RFC 9110 §5.6.2: a non-empty token. */
export function isToken(text: string): boolean {
  return TOKEN.test(text);
}

/** RFC 6265 §4.1.1: `*cookie-octet`, no quotes around it. */
export function isCookieOctets(text: string): boolean {
  return COOKIE_OCTETS.test(text);
}

/** RFC 6265 §4.1.1: a cookie-value, cookie-octets optionally inside one pair of DQUOTEs. */
export function isCookieValue(text: string): boolean {
  return COOKIE_VALUE.test(text);
}

/** RFC 6265 §4.1.1: av-octets only (printable ASCII and space, no `;`). */
export function isAvOctets(text: string): boolean {
  return AV_OCTETS.test(text);
}

/** Printable ASCII (0x20-0x7E) only: no CTL, nothing beyond ASCII. */
export function isPrintable(text: string): boolean {
  return PRINTABLE.test(text);
}

/** The index of the first control character (RFC 9110 §5.5), or -1. */
export function firstControl(text: string): number {
  return text.search(CTL);
}

/** The index of the first character beyond ASCII (RFC 6265 §4.1.1), or -1. */
export function firstNonAscii(text: string): number {
  return text.search(NON_ASCII);
}

/**
 * RFC 6265 §4.1.2.3, RFC 1034 §3.5 + RFC 1123 §2.1: `text` from `start` on is dot-separated
 * LDH labels of 1-63 octets (letters, digits, `-` inside), without a trailing dot. A loop
 * rather than a regular expression: a spec checks it against the grammar's expression.
 */
export function isLdhName(text: string, start = 0): boolean {
  const end = text.length;
  let label = start;
  for (let i = start; i <= end; i++) {
    const c = i === end ? 0x2e : text.charCodeAt(i);
    if (c === 0x2e) {
      const size = i - label;
      if (size === 0 || size > 63) return false;
      if (text.charCodeAt(label) === 0x2d || text.charCodeAt(i - 1) === 0x2d) return false;
      label = i + 1;
    } else if (
      !(
        (c >= 0x61 && c <= 0x7a) ||
        (c >= 0x30 && c <= 0x39) ||
        (c >= 0x41 && c <= 0x5a) ||
        c === 0x2d
      )
    ) {
      return false;
    }
  }
  return true;
}

/** The character at `index` as `U+0041` (or `0x0A` for a control character), for messages. */
export function codePointAt(text: string, index: number): string {
  const code = text.codePointAt(index) ?? 0;
  const hex = code.toString(16).toUpperCase();
  return code < 0x20 || code === 0x7f ? `0x${hex.padStart(2, '0')}` : `U+${hex.padStart(4, '0')}`;
}
