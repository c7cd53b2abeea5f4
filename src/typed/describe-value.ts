import { quote, withArticle } from '../errors.js';
import { base64urlToBytes, type CookieEncoding } from '../rules/encoding.js';

// A cookie value is a credential, and so is the text a sealed value opens to: what is said
// about one names its length, and the index and code point of the offending character,
// never its text. Names, attributes and option values stay printable.

// RFC 3986 §2.1 pct-encoded = "%" HEXDIG HEXDIG
const ESCAPE = /^%[0-9A-Fa-f]{2}/;
// RFC 4648 §5: the base64url alphabet
const NOT_BASE64URL = /[^A-Za-z0-9_-]/;

/** `U+0025`: a character's code point, without the character. */
function codePoint(text: string, index: number): string {
  const code = text.codePointAt(index) ?? 0;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Why `wire` does not decode under `encoding`, for a value that `decodeValue` refused. */
export function describeUndecodable(wire: string, encoding: CookieEncoding): string {
  const what = `value of ${wire.length} characters is not valid under encoding '${encoding}'`;
  if (encoding === 'uri') return `${what}: ${uriProblem(wire)}`;
  if (encoding === 'base64url') return `${what}: ${base64urlProblem(wire)}`;
  return what;
}

function uriProblem(wire: string): string {
  for (let at = wire.indexOf('%'); at !== -1; ) {
    if (!ESCAPE.test(wire.slice(at, at + 3))) {
      return `the "%" at index ${at} does not start a %XX escape`;
    }
    // A UTF-8 sequence is a run of escapes: decoding run by run finds the one that fails.
    let end = at;
    while (ESCAPE.test(wire.slice(end, end + 3))) end += 3;
    try {
      decodeURIComponent(wire.slice(at, end));
    } catch {
      return `the escapes from index ${at} to ${end - 1} are not UTF-8`;
    }
    at = wire.indexOf('%', end);
  }
  return 'it does not percent-decode';
}

function base64urlProblem(wire: string): string {
  const bad = wire.search(NOT_BASE64URL);
  if (bad !== -1) return `${codePoint(wire, bad)} at index ${bad} is not a base64url character`;
  if (wire.length % 4 === 1) return `base64url text never has ${wire.length} characters`;
  if (base64urlToBytes(wire) === undefined) {
    return `its last character (index ${wire.length - 1}) sets bits that base64url leaves zero`;
  }
  return 'it decodes to bytes that are not UTF-8';
}

/**
 * An option value in a message: a string quoted, a number or flag as it is, anything else by
 * its type only (an object may not survive `String()`).
 */
export function describeOption(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
    case 'boolean':
    case 'bigint':
    case 'undefined':
      return String(value);
    default:
      return value === null ? 'null' : withArticle(typeof value);
  }
}
