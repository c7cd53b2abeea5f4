import { CookieError, CookieValidationError, guardInput, quote } from '../errors.js';
import { COOKIE_ENCODINGS, type CookieEncoding, decodeValue } from '../rules/encoding.js';

/** Options of `parseCookieHeader`. */
export interface CookieHeaderOptions {
  /**
   * How values were encoded when they were set: `'uri'` (default) percent-decodes, `'base64url'`
   * decodes base64url, `'raw'` returns values exactly as sent. A value that does not decode is
   * returned as sent, so reading never throws.
   */
  readonly encoding?: CookieEncoding;
}

const TOKEN = Symbol('ParsedCookieHeader');
const EMPTY_LINES: readonly string[] = Object.freeze([]);

// RFC 9110 §5.6.3 OWS: SP / HTAB
function isOws(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

// RFC 2109 §4.3.4: a request header in RFC 2109 syntax starts with $Version
const RFC2109_LINE = /^[ \t]*\$version[ \t]*=/i;
// RFC 2109 §4.3.4: $Version, $Path, $Domain (and RFC 2965's $Port) describe the preceding cookie
const PSEUDO_COOKIES = new Set(['$version', '$path', '$domain', '$port']);

/**
 * The cookies of a request `Cookie` header, in the order the client sent them. Created by
 * `parseCookieHeader`; values are decoded on first use.
 *
 * @example
 * const cookies = parseCookieHeader(req.headers.cookie);
 * cookies.get('sid'); // the first `sid`, decoded
 * cookies.getAll('sid'); // every `sid`, in order (one per Path or Domain)
 */
export class ParsedCookieHeader implements Iterable<[string, string]> {
  readonly #lines: readonly string[];
  readonly #encoding: CookieEncoding;
  readonly #legacy: boolean;
  #names: string[] | undefined;
  #raws: string[] | undefined;
  #quoted: boolean[] | undefined;
  #values: (string | undefined)[] | undefined;

  /** @internal Use `parseCookieHeader`. */
  constructor(token: symbol, lines: readonly string[], encoding: CookieEncoding) {
    if (token !== TOKEN) {
      throw new CookieError('use parseCookieHeader(header)', { code: 'private_constructor' });
    }
    this.#lines = lines;
    this.#encoding = encoding;
    this.#legacy = lines.some((line) => RFC2109_LINE.test(line));
  }

  /** The number of cookie pairs, duplicates included (what iteration yields). */
  get size(): number {
    return this.#index().length;
  }

  /** The decoded value of the first cookie called `name`, or `undefined`. */
  get(name: string): string | undefined {
    if (this.#names === undefined && this.#canScan(name)) {
      for (const line of this.#lines) {
        const raw = scanFirst(line, name);
        if (raw !== undefined) return decode(raw, this.#encoding, false);
      }
      return undefined;
    }
    const names = this.#index();
    const at = names.indexOf(name);
    return at === -1 ? undefined : this.#valueAt(at);
  }

  /** Every decoded value of the cookies called `name`, in the order sent (one per Path/Domain). */
  getAll(name: string): string[] {
    const names = this.#index();
    const values: string[] = [];
    for (let i = names.indexOf(name); i !== -1; i = names.indexOf(name, i + 1)) {
      values.push(this.#valueAt(i));
    }
    return values;
  }

  /**
   * The first value of `name` exactly as sent (quotes and escapes kept), or `undefined`; for
   * code that decodes and validates the value itself.
   */
  getRaw(name: string): string | undefined {
    const names = this.#index();
    const at = names.indexOf(name);
    return at === -1 ? undefined : this.#raws?.[at];
  }

  /** True when a cookie called `name` was sent. */
  has(name: string): boolean {
    if (this.#names === undefined && this.#canScan(name)) {
      return this.#lines.some((line) => scanFirst(line, name) !== undefined);
    }
    return this.#index().includes(name);
  }

  /** The names sent, in order, duplicates included. */
  names(): string[] {
    return [...this.#index()];
  }

  /** `[name, value]` pairs in the order sent, duplicates included, values decoded. */
  *[Symbol.iterator](): IterableIterator<[string, string]> {
    const names = this.#index();
    for (let i = 0; i < names.length; i++) yield [names[i] as string, this.#valueAt(i)];
  }

  /** Same as iterating the object. */
  entries(): IterableIterator<[string, string]> {
    return this[Symbol.iterator]();
  }

  // A name can be looked up by scanning the text when it cannot be confused with separators.
  #canScan(name: string): boolean {
    if (this.#legacy || typeof name !== 'string' || name.length === 0) return false;
    const first = name.charCodeAt(0);
    return (
      first !== 0x24 &&
      !isOws(first) &&
      !isOws(name.charCodeAt(name.length - 1)) &&
      !name.includes('=') &&
      !name.includes(';')
    );
  }

  #valueAt(i: number): string {
    const values = this.#values as (string | undefined)[];
    let value = values[i];
    if (value === undefined) {
      value = decode(
        (this.#raws as string[])[i] as string,
        this.#encoding,
        (this.#quoted as boolean[])[i] === true,
      );
      values[i] = value;
    }
    return value;
  }

  #index(): string[] {
    if (this.#names !== undefined) return this.#names;
    const names: string[] = [];
    const raws: string[] = [];
    const quoted: boolean[] = [];
    for (const line of this.#lines) {
      if (RFC2109_LINE.test(line)) splitLegacy(line, names, raws, quoted);
      else splitModern(line, names, raws, quoted);
    }
    this.#raws = raws;
    this.#quoted = quoted;
    this.#values = new Array(names.length);
    this.#names = names;
    return names;
  }
}

/** Trimmed bounds of `text[start, end)` without OWS. */
function trimmed(text: string, start: number, end: number): string {
  while (start < end && isOws(text.charCodeAt(start))) start++;
  while (end > start && isOws(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

/** The raw value of the first pair named `name` in a `;`-separated line; linear, no allocation per pair. */
function scanFirst(line: string, name: string): string | undefined {
  const length = line.length;
  let pos = 0;
  while (pos < length) {
    let end = line.indexOf(';', pos);
    if (end === -1) end = length;
    let start = pos;
    while (start < end && isOws(line.charCodeAt(start))) start++;
    if (line.startsWith(name, start)) {
      let at = start + name.length;
      while (at < end && isOws(line.charCodeAt(at))) at++;
      if (at < end && line.charCodeAt(at) === 0x3d) return trimmed(line, at + 1, end);
    }
    pos = end + 1;
  }
  return undefined;
}

/** 6265bis §5.8 / §4.2.1: `name=value` pairs separated by `;`; a pair without `=` has no name. */
function splitModern(line: string, names: string[], raws: string[], quoted: boolean[]): void {
  const length = line.length;
  let pos = 0;
  // the next "=" is searched again only once it lies behind: linear even without any "="
  let eq = line.indexOf('=');
  while (pos < length) {
    let end = line.indexOf(';', pos);
    if (end === -1) end = length;
    if (eq !== -1 && eq < pos) eq = line.indexOf('=', pos);
    if (eq === -1 || eq > end) {
      const value = trimmed(line, pos, end);
      if (value !== '') push(names, raws, quoted, '', value, false);
    } else {
      const name = trimmed(line, pos, eq);
      if (!PSEUDO_COOKIES.has(name.toLowerCase())) {
        push(names, raws, quoted, name, trimmed(line, eq + 1, end), false);
      }
    }
    pos = end + 1;
  }
}

/**
 * RFC 2109 §4.3.4 request syntax: pairs separated by `;` or `,`, values that may be
 * quoted-strings (which may hold `;` and `,`), and `$`-names that are attributes of the cookie
 * before them rather than cookies.
 */
function splitLegacy(line: string, names: string[], raws: string[], quoted: boolean[]): void {
  const length = line.length;
  let pos = 0;
  while (pos < length) {
    let at = pos;
    // name, up to "=" or a separator
    while (at < length) {
      const c = line.charCodeAt(at);
      if (c === 0x3d || c === 0x3b || c === 0x2c) break;
      at++;
    }
    const hasValue = at < length && line.charCodeAt(at) === 0x3d;
    const name = trimmed(line, pos, at);
    let raw = '';
    let isQuoted = false;
    if (hasValue) {
      let start = at + 1;
      while (start < length && isOws(line.charCodeAt(start))) start++;
      at = start;
      if (line.charCodeAt(start) === 0x22) {
        // RFC 2109 §4.1 quoted-string with quoted-pairs; an unterminated one runs to a separator
        let i = start + 1;
        while (i < length) {
          const c = line.charCodeAt(i);
          if (c === 0x5c) i += 2;
          else if (c === 0x22) break;
          else i++;
        }
        if (i < length) {
          at = i + 1;
          isQuoted = true;
        }
      }
      while (at < length) {
        const c = line.charCodeAt(at);
        if (c === 0x3b || c === 0x2c) break;
        at++;
      }
      raw = trimmed(line, start, at);
    }
    if (hasValue && !name.startsWith('$')) push(names, raws, quoted, name, raw, isQuoted);
    else if (!hasValue && name !== '') push(names, raws, quoted, '', name, false);
    pos = at + 1;
  }
}

function push(
  names: string[],
  raws: string[],
  quoted: boolean[],
  name: string,
  raw: string,
  isQuoted: boolean,
): void {
  names.push(name);
  raws.push(raw);
  quoted.push(isQuoted);
}

// RFC 2109 §4.1 quoted-pair = "\" CHAR
const QUOTED_PAIR = /\\([\s\S])/g;

function decode(raw: string, encoding: CookieEncoding, quotedString: boolean): string {
  let wire = raw;
  if (quotedString) {
    // RFC 2109 word = token | quoted-string: the quotes are syntax, not value
    const end = wire.lastIndexOf('"');
    wire = wire.slice(1, end > 0 ? end : undefined);
    if (wire.includes('\\')) wire = wire.replace(QUOTED_PAIR, '$1');
  } else if (encoding !== 'raw' && wire.length >= 2 && wire.charCodeAt(0) === 0x22) {
    // RFC 6265 §4.1.1 cookie-value = DQUOTE *cookie-octet DQUOTE: cookiesmith never quotes an
    // encoded value, so a quote pair is transport, not data
    if (wire.charCodeAt(wire.length - 1) === 0x22) wire = wire.slice(1, -1);
  }
  if (encoding === 'uri') {
    if (!wire.includes('%')) return wire;
    try {
      return decodeURIComponent(wire);
    } catch {
      return wire;
    }
  }
  if (encoding === 'raw') return wire;
  return decodeValue(wire, encoding) ?? wire;
}

/**
 * Reads the request `Cookie` header: `get`, `getAll` (duplicates in order), `has`, `size` and
 * iteration of `[name, value]`. Accepts several header lines (HTTP/2 and HTTP/3 split the
 * header, 6265bis §4.2.1) and `undefined`/`null` for "no header". RFC 2109 request syntax
 * (`$Version`, `$Path`, `$Domain`, quoted values, `,` between pairs) is understood. Values are
 * decoded by `encoding` (default `'uri'`) on first use; a malformed escape leaves the value as
 * sent, so reading never throws. Work is linear in the length of the header.
 *
 * @example
 * const cookies = parseCookieHeader(req.headers.cookie);
 * const sid = cookies.get('sid');
 * @throws {CookieError} only when `header` is not a string, an array of strings (every index
 * a string: a hole is refused), null or undefined, or `encoding` is not one of the encodings
 * (a `CookieValidationError`); whatever the arguments, nothing but a `CookieError`.
 */
export function parseCookieHeader(
  header: string | readonly string[] | null | undefined,
  options?: CookieHeaderOptions,
): ParsedCookieHeader {
  return guardInput('parseCookieHeader()', () => readCookieHeader(header, options));
}

function readCookieHeader(
  header: string | readonly string[] | null | undefined,
  options?: CookieHeaderOptions,
): ParsedCookieHeader {
  const encoding: unknown = options?.encoding ?? 'uri';
  if (!COOKIE_ENCODINGS.includes(encoding as CookieEncoding)) {
    // Only a string is quoted: an object may not survive String().
    const given = typeof encoding === 'string' ? quote(encoding) : `of type ${typeof encoding}`;
    throw new CookieValidationError(undefined, [
      {
        path: ['encoding'],
        code: 'encoding_value',
        message: `encoding ${given} must be one of ${COOKIE_ENCODINGS.join(', ')}`,
        source: 'cookiesmith encodings',
      },
    ]);
  }
  let lines: readonly string[];
  if (typeof header === 'string') lines = [header];
  else if (header === undefined || header === null) lines = EMPTY_LINES;
  else if (Array.isArray(header)) lines = copyLines(header);
  else {
    throw new CookieError('a Cookie header must be a string or an array of strings', {
      code: 'invalid_type',
    });
  }
  return new ParsedCookieHeader(TOKEN, lines, encoding as CookieEncoding);
}

/**
 * Copies the lines, reading each index once (what was checked is what is kept) and every
 * index, holes included: `every()` and `map()` skip the holes of a sparse array.
 */
function copyLines(header: readonly unknown[]): string[] {
  const lines: string[] = [];
  for (let i = 0; i < header.length; i++) {
    const line = header[i];
    if (typeof line !== 'string') {
      const found = line === undefined && !(i in header) ? 'a hole' : `of type ${typeof line}`;
      throw new CookieError(
        `a Cookie header must be a string or an array of strings; line ${i} is ${found}`,
        { code: 'invalid_type' },
      );
    }
    lines.push(line);
  }
  return lines;
}
