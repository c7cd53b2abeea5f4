// A Set-Cookie line split into its parts the way 6265bis §5.6 does, with no validation: what
// the general reader of `Cookie.parse` and the linter both start from.

/** One `;`-separated attribute of a Set-Cookie line, as written. */
export interface RawAttribute {
  /** The attribute name as written, trimmed. */
  readonly name: string;
  /** The name in lowercase, for lookup. */
  readonly key: string;
  /** The value after `=`, trimmed; `undefined` when there is no `=`. */
  readonly value: string | undefined;
  /** Whitespace around `=` (RFC 9110 BWS, which a sender must not generate). */
  readonly spaced: boolean;
}

/** A Set-Cookie line split into its parts, without any validation. */
export interface RawSetCookie {
  /** The cookie-pair had an `=`; without one there is no name (6265bis §5.6 step 3). */
  readonly hasEquals: boolean;
  readonly name: string;
  /** The wire value, trimmed, quotes kept. */
  readonly value: string;
  /** Whitespace around the `=` of the cookie-pair. */
  readonly spaced: boolean;
  readonly attributes: readonly RawAttribute[];
  /** Attributes beyond `maxAttributes`, counted but not kept. */
  readonly omitted: number;
  /** Empty parts (`;;` or a trailing `;`). */
  readonly emptyParts: number;
}

// RFC 9110 §5.6.3 OWS: SP / HTAB
function isOws(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** The first index in `[start, end)` that is not OWS, or `end`. */
function skipOws(text: string, start: number, end: number): number {
  while (start < end && isOws(text.charCodeAt(start))) start++;
  return start;
}

/** The end of `[start, end)` without trailing OWS. */
function trimEndOws(text: string, start: number, end: number): number {
  while (end > start && isOws(text.charCodeAt(end - 1))) end--;
  return end;
}

const SET_COOKIE_PREFIX = /^set-cookie[ \t]*:[ \t]*/i;

/** Removes a leading `Set-Cookie:` header name, in any case. */
export function stripHeaderName(header: string): string {
  // cheap first: only a line starting with "se" in any case can carry the header name
  if ((header.charCodeAt(0) | 0x20) !== 0x73 || (header.charCodeAt(1) | 0x20) !== 0x65) {
    return header;
  }
  return SET_COOKIE_PREFIX.test(header) ? header.replace(SET_COOKIE_PREFIX, '') : header;
}

/**
 * Splits a Set-Cookie line at `;` and `=` the way 6265bis §5.6 does: the first part is the
 * cookie-pair, split at its first `=`; every other part is an attribute split at its first `=`.
 * Work is linear in the length of the line; at most `maxAttributes` attributes are kept.
 */
export function splitSetCookie(line: string, maxAttributes: number): RawSetCookie {
  const length = line.length;
  let end = line.indexOf(';');
  if (end === -1) end = length;
  const eq = line.indexOf('=');
  const hasEquals = eq !== -1 && eq < end;
  let name = '';
  let value: string;
  let spaced = false;
  if (hasEquals) {
    const ns = skipOws(line, 0, eq);
    const ne = trimEndOws(line, ns, eq);
    const vs = skipOws(line, eq + 1, end);
    const ve = trimEndOws(line, vs, end);
    name = line.slice(ns, ne);
    value = line.slice(vs, ve);
    spaced = ne < eq || vs > eq + 1;
  } else {
    const vs = skipOws(line, 0, end);
    value = line.slice(vs, trimEndOws(line, vs, end));
  }
  const attributes: RawAttribute[] = [];
  let omitted = 0;
  let emptyParts = 0;
  let start = end + 1;
  let nextEq = eq;
  while (start <= length && end < length) {
    end = line.indexOf(';', start);
    if (end === -1) end = length;
    const s = skipOws(line, start, end);
    const e = trimEndOws(line, s, end);
    start = end + 1;
    if (s === e) {
      emptyParts++;
      continue;
    }
    if (attributes.length >= maxAttributes) {
      omitted++;
      continue;
    }
    // the next "=" is searched again only once it lies behind: linear on any input
    if (nextEq !== -1 && nextEq < s) nextEq = line.indexOf('=', s);
    const at = nextEq;
    if (at === -1 || at >= e) {
      const attrName = line.slice(s, e);
      attributes.push({
        name: attrName,
        key: attrName.toLowerCase(),
        value: undefined,
        spaced: false,
      });
    } else {
      const ns = s;
      const ne = trimEndOws(line, ns, at);
      const vs = skipOws(line, at + 1, e);
      const ve = e;
      const attrName = line.slice(ns, ne);
      attributes.push({
        name: attrName,
        key: attrName.toLowerCase(),
        value: line.slice(vs, ve),
        spaced: ne < at || vs > at + 1,
      });
    }
  }
  return { hasEquals, name, value, spaced, attributes, omitted, emptyParts };
}
