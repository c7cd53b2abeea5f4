// What each engine makes of a line's Max-Age and Expires. Chromium and Firefox use the last
// Max-Age they can read, else the last readable Expires (6265bis §5.6.1-2, §5.7); WebKitGTK uses
// whichever of the two comes last. A line that ends up already expired stores nothing: that is
// what a removal means, and an error when the line does not look like one.

import { quote } from '../errors.js';
import { isImfFixdate } from '../rules/dates.js';
import { type BrowserEngine, engineList, engineNotes } from '../rules/warnings.js';
import { type AttributeView, lastRead } from './attributes.js';
import { engines, type Finding } from './diagnostic.js';

/** When each engine expires the cookie (epoch ms), or `undefined` for a session cookie. */
interface Expiry extends Readonly<Record<BrowserEngine, number | undefined>> {
  /** WebKitGTK takes an Expires written after the Max-Age that Chromium and Firefox use. */
  readonly expiresLast: boolean;
}

const MINUTE = 60_000;

function expiryOf(view: AttributeView, now: number): Expiry {
  const atMaxAge = (seconds: number | undefined) =>
    seconds === undefined ? undefined : now + seconds * 1000;
  const expires = lastRead(view.expires, (e) => e.time);
  const specOrder = (engine: 'chromium' | 'firefox') =>
    atMaxAge(lastRead(view.maxAges, (m) => m[engine])) ?? expires;
  // WebKitGTK: the later of its last readable Max-Age and the last readable Expires
  const maxAge = [...view.maxAges].reverse().find((m) => m.webkitgtk !== undefined);
  const date = [...view.expires].reverse().find((e) => e.time !== undefined);
  const maxAgeLast = maxAge !== undefined && (date === undefined || maxAge.index > date.index);
  const webkit = maxAgeLast ? atMaxAge(maxAge.webkitgtk) : date?.time;
  const specMaxAge = lastRead(view.maxAges, (m) => m.chromium) !== undefined;
  return {
    chromium: specOrder('chromium'),
    firefox: specOrder('firefox'),
    webkitgtk: webkit,
    expiresLast: specMaxAge && date !== undefined && !maxAgeLast,
  };
}

/**
 * A line meant as a removal: an empty value, `Max-Age=0`, or (with no Max-Age) an Expires in
 * the past — the forms RFC 6265 §3.1 and 6265bis §4.1.2 give for deleting a cookie.
 */
export function isRemoval(view: AttributeView, value: string, now: number): boolean {
  if (value === '') return true;
  const maxAge = lastRead(view.maxAges, (m) => (/^\d+$/.test(m.text) ? Number(m.text) : undefined));
  if (maxAge !== undefined) return maxAge === 0;
  const expires = lastRead(view.expires, (e) => e.time);
  return expires !== undefined && expires <= now;
}

/** The lifetime findings of a line, including the engines that store nothing from it. */
export function lifetimeFindings(
  view: AttributeView,
  value: string,
  now: number,
  out: Finding[],
): void {
  const expiry = expiryOf(view, now);
  const removal = isRemoval(view, value, now);
  const expired = (['chromium', 'firefox', 'webkitgtk'] as const).filter(
    (e) => expiry[e] !== undefined && (expiry[e] as number) <= now,
  );
  const refusing = removal ? [] : expired;
  let refusalTold = false;
  for (const m of view.maxAges) {
    const negative = m.text.startsWith('-') && m.firefox !== undefined;
    if (negative) {
      refusalTold = refusing.length > 0;
      out.push(negativeMaxAge(m.text, removal, refusing));
    } else if (m.text === '') {
      const webkitDeletes = refusing.includes('webkitgtk');
      refusalTold ||= webkitDeletes;
      out.push({
        code: 'max_age_integer',
        attribute: 'Max-Age',
        message: `Max-Age is empty: Chromium and Firefox ignore it; WebKitGTK reads it as 0${webkitDeletes ? ', stores nothing and deletes a stored cookie of that name, domain and path' : ' and deletes the cookie'}`,
        refusedBy: webkitDeletes ? engines('webkitgtk') : [],
        engines: engineNotes('ignores Max-Age', 'ignores Max-Age', 'reads 0: deletes the cookie'),
      });
    } else if (m.chromium === undefined) {
      out.push({
        code: 'max_age_integer',
        attribute: 'Max-Age',
        message: `Max-Age ${quote(m.text)} is not a whole number of seconds: browsers ignore it, and the cookie lasts as long as Expires says, or the session`,
      });
    } else if (m.firefox === undefined) {
      out.push({
        code: 'max_age_integer',
        attribute: 'Max-Age',
        message: `Max-Age ${quote(m.text)} has a "+": Chromium and WebKitGTK read ${m.chromium} s, Firefox ignores the attribute (a session cookie, unless Expires says otherwise)`,
        engines: engineNotes(`${m.chromium} s`, 'ignores Max-Age', `${m.chromium} s`),
      });
    } else if (/^0\d/.test(m.text)) {
      out.push({
        code: 'max_age_format',
        attribute: 'Max-Age',
        message: `Max-Age ${quote(m.text)} has leading zeros; browsers read ${m.firefox}, write that`,
      });
    }
  }
  expiresFindings(view, out);
  if (!refusalTold) orderFinding(expiry, removal, now, out);
}

function negativeMaxAge(text: string, removal: boolean, refusing: readonly BrowserEngine[]) {
  if (removal || refusing.length === 0) {
    return {
      code: 'max_age_integer',
      attribute: 'Max-Age',
      message: `Max-Age ${quote(text)} is negative, which the grammar does not allow: browsers read it as already expired, so the line deletes the cookie; write Max-Age=0`,
    } satisfies Finding;
  }
  return {
    code: 'max_age_integer',
    attribute: 'Max-Age',
    message: `Max-Age ${quote(text)} is negative: ${engineList(refusing)} read it as already expired, store nothing and delete a stored cookie of that name, domain and path; write Max-Age=0 for a removal, or no Max-Age for a session cookie`,
    refusedBy: refusing,
  } satisfies Finding;
}

function expiresFindings(view: AttributeView, out: Finding[]): void {
  for (const e of view.expires) {
    if (e.time === undefined) {
      out.push({
        code: 'expires_date',
        attribute: 'Expires',
        message: `Expires ${quote(e.text)} is not a date browsers read: they ignore it, and the cookie lasts as long as Max-Age says, or the session`,
      });
    } else if (!isImfFixdate(e.text, new Date(e.time))) {
      out.push({
        code: 'expires_format',
        attribute: 'Expires',
        message: `Expires ${quote(e.text)} is read by browsers, but it is not an IMF-fixdate; write ${quote(new Date(e.time).toUTCString())}`,
      });
    }
  }
}

/** WebKitGTK takes the last of Max-Age and Expires, the others Max-Age: say so when it matters. */
function orderFinding(expiry: Expiry, removal: boolean, now: number, out: Finding[]): void {
  const spec = expiry.chromium;
  const webkit = expiry.webkitgtk;
  if (!expiry.expiresLast || spec === webkit) return;
  const gone = (t: number | undefined) => t !== undefined && t <= now;
  const differs =
    spec === undefined ||
    webkit === undefined ||
    gone(spec) !== gone(webkit) ||
    Math.abs(spec - webkit) > MINUTE;
  if (!differs) return;
  const webkitDeletes = gone(webkit) && !gone(spec) && !removal;
  const when = (t: number | undefined) =>
    t === undefined
      ? 'a session cookie'
      : gone(t)
        ? 'deletes it'
        : `expires ${new Date(t).toISOString()}`;
  out.push({
    code: 'lifetime_order',
    attribute: 'Expires',
    message: `Expires comes after Max-Age: WebKitGTK uses the last of the two (Expires) and ${webkitDeletes ? 'stores nothing' : 'expires the cookie at another time'}, Chromium and Firefox use Max-Age; write Max-Age last`,
    refusedBy: webkitDeletes ? engines('webkitgtk') : [],
    engines: engineNotes(
      `Max-Age: ${when(spec)}`,
      `Max-Age: ${when(expiry.firefox)}`,
      `Expires: ${when(webkit)}`,
    ),
  });
}
