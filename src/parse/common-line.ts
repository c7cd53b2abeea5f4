// The common Set-Cookie line read in one pass, with no parts objects and no lowercased copies:
// `Cookie.parse`'s fast path. It answers only lines that give a cookie, and answers them as the
// general reader (set-cookie.ts) does; spec/parse-fast.spec.ts compares the two.

import { ATTRIBUTES, type AttributeRow, type CookieProfile, choose } from '../rules/attributes.js';
import {
  type AttributeValue,
  type CheckedCookie,
  emptyAttributes,
  finishCookie,
} from '../rules/check.js';
import { parseCookieDate } from '../rules/dates.js';
import { type CookieEncoding, decodeValue } from '../rules/encoding.js';
import { isCookieValue, isPrintable } from '../rules/grammar.js';

/** Longer lines take the general reader, which bounds its own work. */
const MAX_FAST_LINE = 16_384;

/** The attributes by the length of their name, as the common-line reader looks them up. */
const BY_LENGTH: readonly (readonly AttributeRow[])[] = ATTRIBUTES.reduce<AttributeRow[][]>(
  (lists, row) => {
    const list = lists[row.lower.length] ?? [];
    list.push(row);
    lists[row.lower.length] = list;
    return lists;
  },
  [],
);

/** The attribute whose name is `line[start, end)` in any case, or `undefined`. */
function attributeAt(line: string, start: number, end: number): AttributeRow | undefined {
  const size = end - start;
  const rows = BY_LENGTH[size];
  if (rows === undefined) return undefined;
  for (const row of rows) {
    const lower = row.lower;
    let i = 0;
    // ASCII letters and "-" only: OR-ing 0x20 lowercases a letter and keeps "-"
    while (i < size && (line.charCodeAt(start + i) | 0x20) === lower.charCodeAt(i)) i++;
    if (i === size) return row;
  }
  return undefined;
}

/** `1*DIGIT` of at most 15 digits (a safe integer) as a number, or -1. */
function digitsAt(line: string, start: number, end: number): number {
  if (end <= start || end - start > 15) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = line.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * @internal The checked cookie of a common line: `name=value`, then known attributes each at
 * most once, separated by `;` and spaces, every value readable and valid. `undefined` for any
 * other line, which `readLine` then reads and reports on; where this answers, it answers as
 * that does (spec/parse-fast.spec.ts).
 */
export function readCommonLine(
  line: string,
  profile: CookieProfile,
  encoding: CookieEncoding,
): CheckedCookie | undefined {
  const length = line.length;
  if (length > MAX_FAST_LINE) return undefined;
  let end = line.indexOf(';');
  if (end === -1) end = length;
  const eq = line.indexOf('=');
  if (eq < 1 || eq > end) return undefined;
  const wire = line.slice(eq + 1, end);
  if (!isCookieValue(wire)) return undefined;
  const value = decodeValue(wire, encoding);
  if (value === undefined) return undefined;
  const attributes = emptyAttributes();
  let seen = 0;
  // the next "=" at or after the current part, searched again only once it lies behind, so
  // the whole line is scanned for "=" once
  let nextEq = eq;
  while (end < length) {
    let start = end + 1;
    while (line.charCodeAt(start) === 0x20) start++;
    end = line.indexOf(';', start);
    if (end === -1) end = length;
    if (nextEq !== -1 && nextEq < start) nextEq = line.indexOf('=', start);
    const nameEnd = nextEq === -1 || nextEq > end ? end : nextEq;
    let nameLast = nameEnd;
    while (nameLast > start && line.charCodeAt(nameLast - 1) === 0x20) nameLast--;
    const row = attributeAt(line, start, nameLast);
    if (row === undefined || (seen & (1 << row.index)) !== 0) return undefined;
    seen |= 1 << row.index;
    let textEnd = end;
    while (textEnd > nameEnd && line.charCodeAt(textEnd - 1) === 0x20) textEnd--;
    const read = readCommonValue(row, line, nameEnd, textEnd);
    if (read === undefined) return undefined;
    attributes[row.index] = read;
  }
  return finishCookie(line.slice(0, eq), value, encoding, profile, attributes, undefined);
}

/**
 * The value of a known attribute at `line[nameEnd, textEnd)` (starting at its `=`, if any)
 * when it is valid, `undefined` otherwise.
 */
function readCommonValue(
  row: AttributeRow,
  line: string,
  nameEnd: number,
  textEnd: number,
): AttributeValue {
  if (row.kind === 'flag') return nameEnd === textEnd ? true : undefined;
  if (nameEnd === textEnd) return undefined;
  let start = nameEnd + 1;
  while (line.charCodeAt(start) === 0x20) start++;
  switch (row.kind) {
    case 'integer':
    case 'lifetime': {
      const n = digitsAt(line, start, textEnd);
      return n === -1 ? undefined : n;
    }
    case 'date': {
      const text = line.slice(start, textEnd);
      const date = isPrintable(text) ? parseCookieDate(text) : undefined;
      return date === undefined ? undefined : date.getTime();
    }
    case 'choice':
      return choose(row.choice as never, line.slice(start, textEnd));
    default: {
      // A quoted Comment is unquoted by the general reader
      if (line.charCodeAt(start) === 0x22) return undefined;
      const text = line.slice(start, textEnd);
      return (row.check as (s: string) => unknown)(text) === undefined ? text : undefined;
    }
  }
}
