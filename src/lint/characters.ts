// Control characters, tabs and non-ASCII characters in a line: where each is, and what each
// engine does with it. Chromium refuses a line with a control character anywhere but in the
// whitespace it trims; Firefox refuses one other than a tab, and a tab inside Path; WebKitGTK
// stops reading at it (libsoup.ts). A line break cannot be part of one header at all.

import { quote } from '../errors.js';
import { ATTRIBUTE_BY_WIRE } from '../rules/attributes.js';
import { codePointAt } from '../rules/grammar.js';
import { engineNotes } from '../rules/warnings.js';
import { EVERY_ENGINE, engines, type Finding } from './diagnostic.js';
import { readLikeLibsoup } from './libsoup.js';

/** Where a character sits: in the name, the value, or an attribute, and whether at its edge. */
interface Place {
  readonly part: 'name' | 'value' | 'attribute';
  /** The attribute's canonical name, or its name as written. */
  readonly attribute?: string;
  /** True when only whitespace lies between it and its part's start or end (browsers trim it). */
  readonly edge: boolean;
  /** True inside an attribute's name (before its "="). */
  readonly inName: boolean;
}

function isOws(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** True when `[from, to)` holds only SP and HTAB. */
function blank(line: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isOws(line.charCodeAt(i))) return false;
  return true;
}

/** Where `index` sits in `line`. */
function placeOf(line: string, index: number): Place {
  const start = line.lastIndexOf(';', index - 1) + 1;
  let end = line.indexOf(';', index);
  if (end === -1) end = line.length;
  const eq = line.indexOf('=', start);
  const split = eq !== -1 && eq < end ? eq : -1;
  const [from, to] =
    split === -1 ? [start, end] : index < split ? [start, split] : [split + 1, end];
  const edge = blank(line, from, index) || blank(line, index + 1, to);
  if (start === 0) {
    return { part: split !== -1 && index < split ? 'name' : 'value', edge, inName: false };
  }
  const rawName = line.slice(start, split === -1 ? end : split).trim();
  const row = ATTRIBUTE_BY_WIRE.get(rawName.toLowerCase());
  const inName = split === -1 || index < split;
  return { part: 'attribute', attribute: row?.wire ?? rawName, edge, inName };
}

function where(place: Place): string {
  if (place.part !== 'attribute') return `in the ${place.part}`;
  return `in ${place.inName ? 'the attribute name ' : ''}${quote(place.attribute ?? '')}`;
}

/** What WebKitGTK loses when libsoup stops reading at `stop`, or `undefined` if it reads on. */
function webkitLoss(line: string): string | undefined {
  const lib = readLikeLibsoup(line, 256);
  if (lib.stop === -1) return undefined;
  const rest = line.slice(lib.stop);
  const lost = rest
    .split(';')
    .slice(1)
    .map((part) => part.split('=')[0]?.trim() ?? '')
    .filter((part) => part !== '')
    .map((part) => ATTRIBUTE_BY_WIRE.get(part.toLowerCase())?.wire ?? part);
  const semicolon = line.indexOf(';');
  const pair = semicolon === -1 ? line : line.slice(0, semicolon);
  const nameless = lib.name === '' && pair.includes('=');
  const stores = nameless ? ' and stores a nameless cookie' : '';
  const losing = lost.length === 0 ? '' : `; ${lost.map((l) => quote(l)).join(', ')} lost`;
  return `stops reading at index ${lib.stop}${stores}${losing}`;
}

/** The control character, tab and non-ASCII findings of a line (the first of each kind). */
export function characterFindings(line: string, out: Finding[]): void {
  const nul = line.indexOf('\0');
  const ctl = line.search(/[\x01-\x08\x0B\x0C\x0E-\x1F\x7F]/);
  const lineBreak = line.search(/[\r\n]/);
  const webkit = webkitLoss(line);
  if (nul !== -1) {
    out.push({
      code: 'control_character',
      message: `the line holds a NUL character at index ${nul}: Chromium and Firefox refuse the whole response (the page does not load), WebKitGTK drops the line`,
      refusedBy: EVERY_ENGINE,
      engines: engineNotes('refuses the response', 'refuses the response', 'drops the line'),
    });
  }
  if (lineBreak !== -1) {
    out.push({
      code: 'control_character',
      defeats: true,
      message: `the line holds a line break (${codePointAt(line, lineBreak)}) at index ${lineBreak}: in a response it ends the header there, and what follows becomes a header of its own (header injection)`,
    });
  }
  if (ctl !== -1) out.push(controlFinding(line, ctl, webkit));
  const tabs = line.includes('\t') ? firstTabs(line) : { inner: undefined, edge: undefined };
  if (tabs.inner !== undefined) {
    out.push(tabFinding(tabs.inner, placeOf(line, tabs.inner), webkit));
  }
  if (tabs.edge !== undefined) out.push(edgeTabFinding(line, tabs.edge, webkit));
  const nonAscii = line.search(/[^\x00-\x7F]/);
  if (nonAscii !== -1) out.push(nonAsciiFinding(line, nonAscii, webkit));
}

function controlFinding(line: string, at: number, webkit: string | undefined): Finding {
  const del = line.charCodeAt(at) === 0x7f;
  const webkitDoes = del ? 'stores it' : (webkit ?? 'stops reading there');
  return {
    code: 'control_character',
    attribute: attributeAt(line, at),
    message: `the line holds the control character ${codePointAt(line, at)} at index ${at} (${where(placeOf(line, at))}): Chromium and Firefox refuse the line; WebKitGTK ${webkitDoes}`,
    refusedBy: engines('chromium', 'firefox'),
    engines: engineNotes('refuses the line', 'refuses the line', webkitDoes),
  };
}

function attributeAt(line: string, at: number): string | undefined {
  const place = placeOf(line, at);
  return place.part === 'attribute' ? place.attribute : undefined;
}

/**
 * The first tab inside a name, a value or an attribute (after trimming), and the first one in
 * the whitespace browsers trim around them. One pass over the line's parts.
 */
function firstTabs(line: string): { inner: number | undefined; edge: number | undefined } {
  let inner: number | undefined;
  let edge: number | undefined;
  // the next tab and the next "=" are searched again only once they lie behind: linear
  let tab = line.indexOf('\t');
  let eq = line.indexOf('=');
  let start = 0;
  while (tab !== -1 && start <= line.length && (inner === undefined || edge === undefined)) {
    let end = line.indexOf(';', start);
    if (end === -1) end = line.length;
    if (eq !== -1 && eq < start) eq = line.indexOf('=', start);
    const cuts = eq !== -1 && eq < end ? [start, eq, eq + 1, end] : [start, end];
    for (let i = 0; i < cuts.length; i += 2) {
      const from = cuts[i] as number;
      const to = cuts[i + 1] as number;
      if (tab < from) tab = line.indexOf('\t', from);
      if (tab === -1 || tab >= to) continue;
      let s = from;
      while (s < to && isOws(line.charCodeAt(s))) s++;
      let e = to;
      while (e > s && isOws(line.charCodeAt(e - 1))) e--;
      if (tab < s) edge ??= tab;
      for (let t = tab; t !== -1 && t < to; t = line.indexOf('\t', t + 1)) {
        if (t >= s && t < e) inner ??= t;
        else if (t >= e) edge ??= t;
        if (inner !== undefined && t >= e) break;
      }
    }
    start = end + 1;
  }
  return { inner, edge };
}

function tabFinding(at: number, place: Place, webkit: string | undefined): Finding {
  // Firefox refuses a Path with a tab in it, and keeps a tab inside a name or a value
  const firefoxRefuses = place.part === 'attribute' && place.attribute === 'Path';
  const firefoxDoes = firefoxRefuses
    ? 'refuses the line'
    : place.part === 'attribute'
      ? 'stores the cookie'
      : `stores the tab in the ${place.part}`;
  const webkitDoes = webkit ?? 'stores the cookie';
  return {
    code: 'control_character',
    attribute: place.part === 'attribute' ? place.attribute : undefined,
    message: `the line holds a tab at index ${at} (${where(place)}): Chromium refuses the line; Firefox ${firefoxDoes}; WebKitGTK ${webkitDoes}`,
    refusedBy: firefoxRefuses ? engines('chromium', 'firefox') : engines('chromium'),
    engines: engineNotes('refuses the line', firefoxDoes, webkitDoes),
  };
}

function edgeTabFinding(line: string, at: number, webkit: string | undefined): Finding {
  const place = placeOf(line, at);
  const cut = webkit !== undefined && readLikeLibsoup(line, 256).stop <= at;
  return {
    code: 'bad_whitespace',
    attribute: place.part === 'attribute' ? place.attribute : undefined,
    message: `a tab at index ${at} (${where(place)}): Chromium and Firefox trim it like a space${cut ? `; WebKitGTK ${webkit}` : ', as WebKitGTK does'}; senders must not write whitespace there`,
    engines: cut ? engineNotes('trims it', 'trims it', webkit ?? 'stops reading there') : undefined,
  };
}

function nonAsciiFinding(line: string, at: number, webkit: string | undefined): Finding {
  const place = placeOf(line, at);
  const webkitDoes = webkit ?? 'stores it';
  return {
    code: 'non_ascii',
    attribute: place.part === 'attribute' ? place.attribute : undefined,
    message: `the line holds the non-ASCII character ${codePointAt(line, at)} at index ${at} (${where(place)}), which the Set-Cookie grammar does not allow: Chromium and Firefox store its bytes; WebKitGTK ${webkitDoes}`,
    engines: engineNotes('stores the bytes', 'stores the bytes', webkitDoes),
  };
}
