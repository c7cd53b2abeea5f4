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
  /** The directive as written (trimmed). */
  readonly text: string;
  /** The argument without quotes, when there is one. */
  readonly argument?: string;
}

/** Splits a Cache-Control value into directives at commas outside quoted strings (RFC 9111 §5.2). */
function parseDirectives(value: string): Directive[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string;
    if (quoted && ch === '\\' && i + 1 < value.length) {
      current += ch + (value[++i] as string);
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  const directives: Directive[] = [];
  for (const part of parts) {
    const text = part.trim();
    if (text === '') continue;
    const eq = text.indexOf('=');
    if (eq === -1) {
      directives.push({ name: text.toLowerCase(), text });
      continue;
    }
    const raw = text.slice(eq + 1).trim();
    const argument =
      raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')
        ? raw.slice(1, -1).replace(/\\(.)/g, '$1')
        : raw;
    directives.push({ name: text.slice(0, eq).trim().toLowerCase(), text, argument });
  }
  return directives;
}

// RFC 9111 §5.2.2.4, §5.2.2.7: the unqualified form covers the whole response; the qualified
// form names header fields and takes a quoted list.
const FIELD_LIST = new Set(['no-cache', 'private']);
// RFC 9111 §5.2.2.1, §5.2.2.10: delta-seconds; the shorter lifetime is the stricter one.
const DELTA = new Set(['max-age', 's-maxage']);
const DELTA_SECONDS = /^\d+$/;

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
  if (DELTA.has(ours.name) && theirs.argument !== undefined && DELTA_SECONDS.test(theirs.argument))
    return Number(theirs.argument) < Number(ours.argument) ? theirs : ours;
  return ours;
}

/**
 * Merges the jar's directives into an application's `Cache-Control` value: the jar's come
 * first, each application directive is kept unless it is `public` (RFC 9111 §5.2.2.9: never on a
 * per-user response) or has the same name as one of the jar's, in which case the stricter of
 * the two stays, once.
 */
export function mergeCacheControl(existing: string | undefined, ours: string): string {
  if (existing === undefined || existing.trim() === '') return ours;
  const merged = parseDirectives(ours);
  const index = new Map(merged.map((d, i) => [d.name, i]));
  for (const directive of parseDirectives(existing)) {
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
