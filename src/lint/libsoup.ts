// How WebKitGTK reads a Set-Cookie line: libsoup's parser (soup-cookie.c, parse_one_cookie),
// which the browser suite shows at work in WebKitGTK 2.50.6 with libsoup 3.2.3. It differs from
// 6265bis §5.6 where it matters to lint: any byte below 0x20 (a tab included) or above 0x7F (a
// signed char below ' ') ends a name or a value, a "," ends an attribute name, and reading
// stops at the first part that is not followed by ";". Whitespace is skipped only before a
// name or a value.

/** What libsoup reads from a line. */
export interface LibsoupCookie {
  /** `''` when the first part has no `=` before its end. */
  readonly name: string;
  readonly value: string;
  /** The attributes read, names in lowercase, in order; a flag's value is `undefined`. */
  readonly attributes: readonly { readonly name: string; readonly value: string | undefined }[];
  /** Where reading stopped before the end of the line, or -1 when it read to the end. */
  readonly stop: number;
}

// libsoup's skip_lws: g_ascii_isspace (SP, HTAB, LF, VT, FF, CR)
function isSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

// libsoup's is_value_ender, with a signed char: any byte below 0x20 or from 0x80 on, and ";"
// (DEL, 0x7F, is not below ' ' and does not end anything)
function endsValue(code: number): boolean {
  return code < 0x20 || code >= 0x80 || code === 0x3b;
}

// libsoup's is_attr_ender: a value ender, "," or "="
function endsName(code: number): boolean {
  return endsValue(code) || code === 0x2c || code === 0x3d;
}

function skipSpace(line: string, at: number): number {
  while (at < line.length && isSpace(line.charCodeAt(at))) at++;
  return at;
}

function trimEnd(line: string, start: number, end: number): string {
  while (end > start && isSpace(line.charCodeAt(end - 1))) end--;
  return line.slice(start, end);
}

/** Reads up to the next value ender, from just after an optional `=`. */
function readValue(line: string, at: number): { value: string; end: number } {
  const start = skipSpace(line, line.charCodeAt(at) === 0x3d ? at + 1 : at);
  let end = start;
  while (end < line.length && !endsValue(line.charCodeAt(end))) end++;
  return { value: trimEnd(line, start, end), end };
}

/** Reads a name up to the next name ender. */
function readName(line: string, start: number): number {
  let end = start;
  while (end < line.length && !endsName(line.charCodeAt(end))) end++;
  return end;
}

/**
 * The cookie libsoup reads from `line`, bounded by `maxAttributes`. Linear in the length of
 * the line.
 */
export function readLikeLibsoup(line: string, maxAttributes: number): LibsoupCookie {
  const start = skipSpace(line, 0);
  let at = readName(line, start);
  let name = '';
  if (line.charCodeAt(at) === 0x3d) name = trimEnd(line, start, at);
  else at = start;
  const first = readValue(line, at);
  at = first.end;
  const attributes: { name: string; value: string | undefined }[] = [];
  while (at < line.length && line.charCodeAt(at) === 0x3b && attributes.length < maxAttributes) {
    const nameStart = skipSpace(line, at + 1);
    at = readName(line, nameStart);
    const attrName = trimEnd(line, nameStart, at).toLowerCase();
    if (line.charCodeAt(at) === 0x3d) {
      const read = readValue(line, at);
      attributes.push({ name: attrName, value: read.value });
      at = read.end;
    } else {
      attributes.push({ name: attrName, value: undefined });
    }
  }
  const stopped = at < line.length && attributes.length < maxAttributes;
  return { name, value: first.value, attributes, stop: stopped ? at : -1 };
}
