import { quote } from '../errors.js';

// A cookie value is a credential, and so is the text a sealed value opens to: what is said
// about one names its length, and the index and code point of the offending character,
// never its text. Names, attributes and option values stay printable.

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

/**
 * What was thrown, by kind only (`a TypeError`, `a string`): its message may quote the value
 * it failed on (V8's JSON.parse errors quote the text), so it is never printed. Never throws.
 */
export function describeThrownKind(thrown: unknown): string {
  if (typeof thrown !== 'object' || thrown === null) return withArticle(typeof thrown);
  try {
    const name: unknown = (thrown as { name?: unknown }).name;
    if (typeof name === 'string' && /^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(name)) {
      return withArticle(name);
    }
  } catch {
    // A getter or Proxy trap threw: the kind is unknown.
  }
  return 'an object';
}

function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}
