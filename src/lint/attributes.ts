// The attributes of a Set-Cookie line as browsers read them (6265bis §5.6, the last occurrence
// of each winning), with what each ignores, differs on or changes reported as findings.

import { quote } from '../errors.js';
import type { RawAttribute, RawSetCookie } from '../parse/split.js';
import {
  ATTRIBUTE_BY_WIRE,
  type AttributeRow,
  type CookieProfile,
  choose,
  PRIORITY,
  SAME_SITE,
  type SameSite,
} from '../rules/attributes.js';
import { parseCookieDate } from '../rules/dates.js';
import { engineNotes, legacyAttribute, type WarningSubject } from '../rules/warnings.js';
import { engines, type Finding, fromWarning } from './diagnostic.js';

/** A Max-Age as each engine reads it: seconds, or `undefined` where the engine ignores it. */
export interface MaxAgeReading {
  readonly text: string;
  /** Position among the attributes, to tell which of Max-Age and Expires comes last. */
  readonly index: number;
  readonly chromium: number | undefined;
  readonly firefox: number | undefined;
  readonly webkitgtk: number | undefined;
}

/** An Expires as browsers read it (6265bis §5.1.1). */
export interface ExpiresReading {
  readonly text: string;
  /** Epoch ms, or `undefined` when browsers cannot read the date and ignore it. */
  readonly time: number | undefined;
  readonly index: number;
}

/** What the attributes of a line set, as Chromium and Firefox store them. */
export interface AttributeView {
  /** The last non-empty Domain, as written. */
  domain?: string;
  path?: string;
  secure: boolean;
  httpOnly: boolean;
  partitioned: boolean;
  sameSite?: SameSite;
  priority?: string;
  /** Every Max-Age, in order: each engine uses the last one it can read. */
  readonly maxAges: MaxAgeReading[];
  /** Every Expires, in order: browsers use the last one they can read. */
  readonly expires: ExpiresReading[];
  /** The RFC 2109 attributes present (`comment`; `version` only under rfc6265 rules). */
  readonly legacy: ('comment' | 'version')[];
  /** Names of attributes browsers do not know. */
  readonly unknown: string[];
}

// RFC 2109 §4.2.2 and RFC 2965 §3.2.2 attributes, which today's browsers ignore
const LEGACY = new Set(['version', 'comment', 'commenturl', 'discard', 'port']);
// 6265bis §5.6.2: a DIGIT or "-" first, DIGITs after; Chromium also takes a "+"; libsoup uses
// strtol, which skips leading space, takes a sign and reads "" as 0
const SIGNED = /^[+-]?\d+$/;
const SPEC_MAX_AGE = /^-?\d+$/;
const STRTOL = /^[ \t]*[+-]?\d+$/;

/** The known attribute names with quotes, spaces, "-" and "_" removed, for misspellings. */
const SQUEEZED = new Map(
  [...ATTRIBUTE_BY_WIRE.values()].map((row) => [row.lower.replace(/[-_]/g, ''), row.wire]),
);

/** The attribute an unknown name was meant to be, when it is a known one misspelt. */
function meantAttribute(name: string): string[] {
  const meant: string[] = [];
  for (const part of name.split(',')) {
    const squeezed = part.toLowerCase().replace(/["'\s_-]/g, '');
    const wire = SQUEEZED.get(squeezed);
    if (wire !== undefined && squeezed !== part.toLowerCase()) meant.push(wire);
    else if (wire !== undefined && name.includes(',')) meant.push(wire);
  }
  return meant;
}

function readMaxAge(text: string, index: number): MaxAgeReading {
  return {
    text,
    index,
    chromium: SIGNED.test(text) ? Number(text) : undefined,
    firefox: SPEC_MAX_AGE.test(text) ? Number(text) : undefined,
    webkitgtk: text === '' ? 0 : STRTOL.test(text) ? Number(text) : undefined,
  };
}

/** Reads a line's attributes into `view`, adding a finding for each one browsers do not take as written. */
export function readAttributes(
  raw: RawSetCookie,
  profile: CookieProfile,
  view: AttributeView,
  out: Finding[],
): void {
  const seen = new Set<string>();
  raw.attributes.forEach((attr, index) => {
    const row = ATTRIBUTE_BY_WIRE.get(attr.key);
    const label = row === undefined ? attr.name : row.wire;
    if (attr.spaced) out.push(spacing(label));
    if (row !== undefined && seen.has(row.key)) {
      out.push({
        code: 'duplicate_attribute',
        attribute: label,
        message: `${label} is given more than once; browsers use the last one, senders must write each attribute once`,
      });
    }
    if (row !== undefined) seen.add(row.key);
    const text = attr.value ?? '';
    if (text.length > 1024) {
      out.push(tooLong(label, text.length, row));
      return;
    }
    if (row === undefined) unknownAttribute(attr, view, out);
    else readKnown(row, attr, index, profile, view, out);
  });
}

function spacing(label: string): Finding {
  return {
    code: 'bad_whitespace',
    attribute: label,
    message: `whitespace around "=" in ${label}; browsers trim it, but senders must not write it`,
  };
}

function tooLong(label: string, size: number, row: AttributeRow | undefined): Finding {
  const head = `${label} is ${size} bytes; Chromium and Firefox ignore an attribute value longer than 1024 bytes`;
  if (row?.key === 'domain') {
    return {
      code: 'attribute_too_long',
      attribute: label,
      message: `${head} (a host-only cookie), WebKitGTK refuses the line: no host is that long`,
      refusedBy: engines('webkitgtk'),
      engines: engineNotes('ignores Domain', 'ignores Domain', 'refuses the line'),
    };
  }
  if (row?.key === 'path') {
    return {
      code: 'attribute_too_long',
      attribute: label,
      message: `${head} (the default path), WebKitGTK keeps the Path`,
      engines: engineNotes('ignores Path', 'ignores Path', 'keeps the Path'),
    };
  }
  return { code: 'attribute_too_long', attribute: label, message: `${head}` };
}

function unknownAttribute(attr: RawAttribute, view: AttributeView, out: Finding[]): void {
  if (LEGACY.has(attr.key)) {
    out.push(fromWarning(legacyAttribute('legacy', attr.name), attr.name));
    return;
  }
  const meant = meantAttribute(attr.name);
  if (meant.length > 0) {
    const comma = attr.name.includes(',');
    out.push({
      code: 'attribute_misspelt',
      attribute: attr.name,
      defeats: true,
      message: `${quote(attr.name)} is not an attribute browsers know, so the cookie does not get ${meant.join(' or ')}${comma ? ' in Chromium and Firefox; WebKitGTK reads the name up to the "," and drops what follows' : ''}; write each attribute exactly, after its own ";"`,
      engines: comma
        ? engineNotes(
            `ignores it: no ${meant.join(', no ')}`,
            `ignores it: no ${meant.join(', no ')}`,
            `takes ${meant[0]} and drops the rest of the line`,
          )
        : undefined,
    });
    return;
  }
  view.unknown.push(attr.name);
}

/** Reads one known attribute; legacy ones are left to the profile rules in `readLegacy`. */
function readKnown(
  row: AttributeRow,
  attr: RawAttribute,
  index: number,
  profile: CookieProfile,
  view: AttributeView,
  out: Finding[],
): void {
  const label = row.wire;
  const text = attr.value ?? '';
  if (row.kind === 'flag') {
    if (attr.value !== undefined) {
      out.push({
        code: 'flag_value',
        attribute: label,
        message: `${label} takes no value; browsers ignore ${quote(attr.value)} and set the flag`,
      });
    }
    view[row.key as 'secure' | 'httpOnly' | 'partitioned'] = true;
    return;
  }
  switch (row.key) {
    case 'domain':
      readDomain(text, view, out);
      return;
    case 'path':
      if (text.startsWith('/')) view.path = text;
      else {
        delete view.path;
        out.push({
          code: 'path_syntax',
          attribute: label,
          message: `Path ${text === '' ? 'is empty' : `${quote(text)} does not start with "/"`}: browsers ignore it, and the cookie gets the default path (the directory of the request's path)`,
        });
      }
      return;
    // what browsers make of a lifetime is lifetime.ts's to say
    case 'maxAge':
      view.maxAges.push(readMaxAge(text, index));
      return;
    case 'expires':
      view.expires.push({ text, time: parseCookieDate(text)?.getTime(), index });
      return;
    case 'sameSite':
      readSameSite(text, view, out);
      return;
    case 'priority':
      readPriority(text, view, out);
      return;
    default:
      readLegacy(row, text, profile, view, out);
  }
}

function readDomain(text: string, view: AttributeView, out: Finding[]): void {
  if (text === '') {
    // 6265bis §5.6.3: an empty Domain is ignored (an earlier one, if any, stands)
    out.push({
      code: 'domain_syntax',
      attribute: 'Domain',
      message: 'Domain is empty: browsers ignore it and store a host-only cookie',
    });
    return;
  }
  // 6265bis §5.6.3: a leading dot is dropped and the rest lowercased; domain.ts judges it
  view.domain = text;
}

function readSameSite(text: string, view: AttributeView, out: Finding[]): void {
  const mode = choose(SAME_SITE, text);
  if (mode !== undefined) {
    view.sameSite = mode;
    return;
  }
  delete view.sameSite;
  out.push({
    code: 'same_site_value',
    attribute: 'SameSite',
    message: `SameSite ${text === '' ? 'has no value' : `${quote(text)} is not Strict, Lax or None`}: browsers ignore it and leave SameSite unset (Chromium enforces Lax, Firefox sends it as with None, WebKitGTK stores None)`,
    engines: engineNotes('unset: Lax', 'unset: sent as with None', 'SameSite=None'),
  });
}

function readPriority(text: string, view: AttributeView, out: Finding[]): void {
  const priority = choose(PRIORITY, text);
  if (priority !== undefined) {
    view.priority = priority;
    return;
  }
  out.push({
    code: 'priority_value',
    attribute: 'Priority',
    message: `Priority ${quote(text)} is not Low, Medium or High: Chromium ignores it (Medium); Firefox and WebKitGTK ignore Priority anyway`,
  });
}

/** Version and Comment: ignored by browsers; checked against the profile's grammar. */
function readLegacy(
  row: AttributeRow,
  text: string,
  profile: CookieProfile,
  view: AttributeView,
  out: Finding[],
): void {
  const field = row.key as 'version' | 'comment';
  if (profile === 'rfc6265') {
    out.push({
      code: 'profile_attribute',
      attribute: row.wire,
      message: `${row.wire} is an RFC 2109 attribute: browsers ignore it, and the rfc6265 profile does not allow it`,
    });
    return;
  }
  if (field === 'comment') view.legacy.push('comment');
  else if (!/^\d+$/.test(text)) {
    out.push({
      code: 'version_value',
      attribute: 'Version',
      message: `Version ${quote(text)} is not a non-negative integer; browsers ignore Version, RFC 2109 readers may not`,
    });
  }
}

/** The attributes a shared warning looks at, from what the browsers keep. */
export function warningSubject(view: AttributeView): WarningSubject {
  const maxAge = lastRead(view.maxAges, (m) => m.chromium);
  return {
    // a negative Max-Age expires the cookie as 0 does (6265bis §5.6.2)
    maxAge: maxAge === undefined ? undefined : Math.max(0, maxAge),
    expires: lastRead(view.expires, (e) => e.time),
    sameSite: view.sameSite,
    partitioned: view.partitioned,
    priority: view.priority,
    legacy: view.legacy,
    extensions: view.unknown,
  };
}

/** The value `read` gives for the last of `list` it can read, or `undefined`. */
export function lastRead<T>(list: readonly T[], read: (item: T) => number | undefined) {
  for (let i = list.length - 1; i >= 0; i--) {
    const value = read(list[i] as T);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** A fresh view of a line with no attributes. */
export function emptyView(): AttributeView {
  return {
    secure: false,
    httpOnly: false,
    partitioned: false,
    maxAges: [],
    expires: [],
    legacy: [],
    unknown: [],
  };
}
