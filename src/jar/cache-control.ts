/** How a jar keeps its per-user cookies out of caches; `'off'` sends no cache headers. */
export type CookieJarCache =
  | 'private'
  | 'no-store'
  | 'must-revalidate'
  | 'proxy-revalidate'
  | 'max-age=0'
  | 'off';

/** The cache modes, in documentation order. */
export const JAR_CACHE_MODES: readonly CookieJarCache[] = Object.freeze([
  'private',
  'no-store',
  'must-revalidate',
  'proxy-revalidate',
  'max-age=0',
  'off',
]);

/** RFC 2109 §4.2.3: "a date long in the past" for HTTP/1.0 caches; RFC 9110 §5.6.7 IMF-fixdate. */
export const PAST_EXPIRES = 'Thu, 01 Jan 1970 00:00:00 GMT';

// RFC 2109 §4.2.3: `no-cache="set-cookie"` keeps the Set-Cookie header out of every cache, plus
// one of private / must-revalidate / proxy-revalidate / max-age=0 for the body.
// RFC 9111 §5.2.2.5: `no-store` keeps the whole response out of every cache; `private` stays for
// caches that predate no-store (RFC 9111 §5.2.2.7).
const DIRECTIVES: Readonly<Record<Exclude<CookieJarCache, 'off'>, string>> = {
  private: 'private, no-cache="set-cookie"',
  'no-store': 'private, no-store',
  'must-revalidate': 'must-revalidate, no-cache="set-cookie"',
  'proxy-revalidate': 'proxy-revalidate, no-cache="set-cookie"',
  'max-age=0': 'max-age=0, no-cache="set-cookie"',
};

/** The `Cache-Control` value a mode emits, or `undefined` for `'off'`. */
export function cacheControlFor(mode: CookieJarCache): string | undefined {
  return mode === 'off' ? undefined : DIRECTIVES[mode];
}

interface Directive {
  /** Lowercased directive name. */
  readonly name: string;
  /** The directive as sent: its name as written, `=` and the argument as a token or quoted-string. */
  readonly text: string;
  /** The argument without quotes, when there is one. */
  readonly argument?: string;
}

// RFC 9111 §5.2.2.4, §5.2.2.7: the unqualified form covers the whole response; the qualified
// form names header fields and takes a quoted list.
const FIELD_LIST = new Set(['no-cache', 'private']);
// RFC 9111 §5.2.2.1, §5.2.2.10: delta-seconds; the shorter lifetime is the stricter one.
const DELTA = new Set(['max-age', 's-maxage']);
const DELTA_SECONDS = /^\d+$/;

// RFC 9110 §5.6.2: token = 1*tchar
const TCHAR = /[!#$%&'*+.^_`|~0-9A-Za-z-]/;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// RFC 9110 §5.6.4: qdtext and the character after a backslash in a quoted-pair, visible ASCII
// only (obs-text, bytes above 0x7F, is left out: nothing we send carries it)
const QUOTABLE = /^[\t\x20-\x7e]*$/;

function isWhitespace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t';
}

/** Index after the token starting at `i` (`i` itself when there is none). */
function tokenEnd(value: string, i: number): number {
  let j = i;
  while (j < value.length && TCHAR.test(value[j] as string)) j++;
  return j;
}

/** A quoted-string holding `content` (RFC 9110 §5.6.4). */
function quote(content: string): string {
  return `"${content.replace(/["\\]/g, '\\$&')}"`;
}

/**
 * Reads the directives of a Cache-Control value (RFC 9111 §5.2: `#( token [ "=" ( token /
 * quoted-string ) ] )`). A directive that breaks this grammar — an unclosed quote, a name that
 * is not a token, text after the argument — is left out, and reading resumes after the next
 * comma, so one broken directive never turns the header we send into a broken one. Whitespace
 * around `=` is tolerated and not sent.
 */
class DirectiveReader {
  readonly #value: string;
  /**
   * Quoted-strings opened in `[#failedFrom, #failedTo)` are known not to close: the first of
   * them read every character up to `#failedTo` (the later quotes as escaped), and so would
   * every later one. Remembering this keeps reading linear in the length of the value.
   */
  #failedFrom = Number.POSITIVE_INFINITY;
  #failedTo = 0;

  constructor(value: string) {
    this.#value = value;
  }

  directives(): Directive[] {
    const value = this.#value;
    const directives: Directive[] = [];
    let i = 0;
    while (i < value.length) {
      const ch = value[i];
      if (ch === ',' || isWhitespace(ch)) {
        i++;
        continue;
      }
      const nameEnd = tokenEnd(value, i);
      const directive = nameEnd === i ? undefined : this.#directiveAt(i, nameEnd);
      if (directive === undefined) {
        i = this.#skipToComma(i);
        continue;
      }
      directives.push(directive.directive);
      i = directive.end;
    }
    return directives;
  }

  /** The directive whose name is `value[start, nameEnd)` and the index after it, or `undefined`. */
  #directiveAt(start: number, nameEnd: number): { directive: Directive; end: number } | undefined {
    const value = this.#value;
    const written = value.slice(start, nameEnd);
    const name = written.toLowerCase();
    let i = nameEnd;
    while (isWhitespace(value[i])) i++;
    if (i === value.length || value[i] === ',')
      return { directive: { name, text: written }, end: i };
    if (value[i] !== '=') return undefined;
    i++;
    while (isWhitespace(value[i])) i++;
    let argument: string;
    let text: string;
    if (value[i] === '"') {
      const quoted = this.#quotedAt(i);
      if (quoted === undefined) return undefined;
      argument = quoted.content;
      text = `${written}=${quote(argument)}`;
      i = quoted.end;
    } else {
      const argumentEnd = tokenEnd(value, i);
      if (argumentEnd === i) return undefined;
      argument = value.slice(i, argumentEnd);
      text = `${written}=${argument}`;
      i = argumentEnd;
    }
    while (isWhitespace(value[i])) i++;
    if (i < value.length && value[i] !== ',') return undefined;
    if (FIELD_LIST.has(name) && !isFieldList(argument)) return undefined;
    return { directive: { name, text, argument }, end: i };
  }

  /**
   * The quoted-string starting at the `"` at `i` (RFC 9110 §5.6.4): its unescaped content and
   * the index after the closing quote, or `undefined` when it does not close or holds a
   * character outside visible ASCII.
   */
  #quotedAt(i: number): { content: string; end: number } | undefined {
    if (this.#failedFrom <= i && i < this.#failedTo) return undefined;
    const value = this.#value;
    let content = '';
    let j = i + 1;
    for (; j < value.length; j++) {
      let ch = value[j] as string;
      if (ch === '"') return { content, end: j + 1 };
      if (ch === '\\') {
        j++;
        if (j === value.length) break;
        ch = value[j] as string;
      }
      if (!QUOTABLE.test(ch)) break;
      content += ch;
    }
    this.#failedFrom = i;
    this.#failedTo = j;
    return undefined;
  }

  /** Index of the comma ending a malformed directive: quoted-strings that close are skipped. */
  #skipToComma(i: number): number {
    const value = this.#value;
    let j = i;
    while (j < value.length && value[j] !== ',') {
      const quoted = value[j] === '"' ? this.#quotedAt(j) : undefined;
      // A quote that does not close is a stray character: the directive ends at the next comma
      j = quoted === undefined ? j + 1 : quoted.end;
    }
    return j;
  }
}

/** RFC 9111 §5.2.2.4, §5.2.2.7: the argument of qualified no-cache / private lists field names. */
function isFieldList(argument: string): boolean {
  return argument.split(',').every((field) => {
    const trimmed = field.trim();
    return trimmed === '' || TOKEN.test(trimmed);
  });
}

/** Of two directives with the same name, the one that caches less. */
function stricter(ours: Directive, theirs: Directive): Directive {
  if (FIELD_LIST.has(ours.name)) {
    if (theirs.argument === undefined) return theirs;
    if (ours.argument === undefined) return ours;
    const fields = new Map<string, string>();
    for (const list of [ours.argument, theirs.argument]) {
      for (const field of list.split(',')) {
        const trimmed = field.trim();
        if (trimmed !== '' && !fields.has(trimmed.toLowerCase()))
          fields.set(trimmed.toLowerCase(), trimmed);
      }
    }
    const argument = [...fields.values()].join(', ');
    return { name: ours.name, text: `${ours.name}="${argument}"`, argument };
  }
  if (DELTA.has(ours.name)) {
    const [mine, other] = [ours.argument ?? '', theirs.argument ?? ''];
    // A lifetime that is not delta-seconds gives way to one that is
    if (!DELTA_SECONDS.test(other)) return ours;
    if (!DELTA_SECONDS.test(mine)) return theirs;
    return Number(other) < Number(mine) ? theirs : ours;
  }
  return ours;
}

/**
 * Merges the jar's directives into an application's `Cache-Control` value: the jar's come
 * first, each application directive is kept unless it is `public` (RFC 9111 §5.2.2.9: never on a
 * per-user response), malformed (left out, see `DirectiveReader`) or has the same name as one
 * of the jar's, in which case the stricter of the two stays, once. The result is always a
 * well-formed field value.
 */
export function mergeCacheControl(existing: string | undefined, ours: string): string {
  if (existing === undefined || existing.trim() === '') return ours;
  const merged = new DirectiveReader(ours).directives();
  const index = new Map(merged.map((d, i) => [d.name, i]));
  for (const directive of new DirectiveReader(existing).directives()) {
    if (directive.name === 'public') continue;
    const at = index.get(directive.name);
    if (at === undefined) {
      index.set(directive.name, merged.length);
      merged.push(directive);
    } else {
      merged[at] = stricter(merged[at] as Directive, directive);
    }
  }
  return merged.map((d) => d.text).join(', ');
}
