// The cookie-pair of a line: a name and a value, or what browsers make of a line without them.
// Messages name the cookie but never print its value: they give its length.

import { quote } from '../errors.js';
import type { RawSetCookie } from '../parse/split.js';
import { secureProblems } from '../rules/cookie-rules.js';
import { isCookieValue, isPrintable, isToken } from '../rules/grammar.js';
import { prefixNeedsOf } from '../rules/prefixes.js';
import { engineNotes } from '../rules/warnings.js';
import { engines, type Finding } from './diagnostic.js';
import { readLikeLibsoup } from './libsoup.js';

/** A value of `length` characters, for messages that must not print it. */
function chars(length: number): string {
  return `${length} character${length === 1 ? '' : 's'}`;
}

/** 6265bis §5.7 step 22, layered-cookies §5.4.3: a nameless cookie may not look prefixed. */
function looksPrefixed(value: string): boolean {
  return prefixNeedsOf(value) !== undefined;
}

/** The findings of a line's cookie-pair; `secure`/`httpOnly`/`path`/`hasDomain` for a Firefox-read name. */
export function pairFindings(
  raw: RawSetCookie,
  firefoxView: { secure: boolean; httpOnly: boolean; path: string | undefined; hasDomain: boolean },
  out: Finding[],
): void {
  if (!raw.hasEquals) {
    out.push(noEquals(raw.value, firefoxView));
    return;
  }
  if (raw.name === '') {
    out.push(emptyName(raw.value));
    return;
  }
  const name = raw.name;
  const printable = isPrintable(name);
  if (printable && !isToken(name)) {
    const lib = readLikeLibsoup(name, 0);
    const webkitNameless = lib.name === '' && /[,=]/.test(name);
    out.push({
      code: 'name_token',
      message: `name ${quote(name)} is not a token: browsers store it as written${webkitNameless ? ' (WebKitGTK makes it a nameless cookie: it ends a name at ",")' : ''}, but server-side parsers that follow the token grammar may split or drop it; cookiesmith's builder refuses it`,
    });
  } else if (printable && name.startsWith('$')) {
    out.push({
      code: 'name_reserved',
      message: `name ${quote(name)} begins with "$": browsers store it as written, but a server that reads the Cookie header by RFC 2109 takes it for an attribute of the cookie before it`,
    });
  }
  valueFindings(name, raw.value, out);
}

function valueFindings(name: string, value: string, out: Finding[]): void {
  if (isPrintable(value) && !isCookieValue(value)) {
    const folded = /,\s*[!#$%&'*+\-.^_`|~0-9A-Za-z]+=/.exec(value);
    out.push({
      code: 'value_octets',
      message: folded
        ? `the value (${chars(value.length)}) holds ", name=" at index ${folded.index}: browsers store one cookie ${quote(name)} with all of it as its value; if this is two cookies folded into one line, the second is not set — send one Set-Cookie line per cookie`
        : `the value (${chars(value.length)}) holds characters outside cookie-octets (space, ", comma or \\): browsers store it as written, but servers that split the Cookie header at them may not read it back whole; cookiesmith's builder refuses it unencoded`,
    });
  }
  // 6265bis §5.6 step 5: name and value together at most 4096 octets
  if (name.length + value.length > 4096) {
    out.push({
      code: 'name_value_too_long',
      message: `name and value are ${name.length + value.length} bytes, more than 4096: Chromium and Firefox refuse the line; WebKitGTK stores it`,
      refusedBy: engines('chromium', 'firefox'),
      engines: engineNotes('refuses the line', 'refuses the line', 'stores it'),
    });
  }
}

/** `=abc`, `=`: a nameless cookie (6265bis §5.6 step 3). */
function emptyName(value: string): Finding {
  if (value === '') {
    return {
      code: 'name_token',
      message:
        'the cookie has neither name nor value: Chromium and Firefox refuse the line; WebKitGTK stores an empty cookie',
      refusedBy: engines('chromium', 'firefox'),
      engines: engineNotes('refuses the line', 'refuses the line', 'stores an empty cookie'),
    };
  }
  if (looksPrefixed(value)) {
    return {
      code: 'name_token',
      message: `the name is empty and the value (${chars(value.length)}) starts like a prefixed name: Chromium and Firefox refuse the line; WebKitGTK stores the nameless cookie`,
      refusedBy: engines('chromium', 'firefox'),
      engines: engineNotes('refuses the line', 'refuses the line', 'stores a nameless cookie'),
    };
  }
  return {
    code: 'name_token',
    message: `the name is empty: Firefox refuses the line; Chromium and WebKitGTK store a nameless cookie, which document.cookie and the Cookie header show as its value alone (${chars(value.length)}), so a server reads it as a cookie of that name`,
    refusedBy: engines('firefox'),
    engines: engineNotes(
      'stores a nameless cookie',
      'refuses the line',
      'stores a nameless cookie',
    ),
  };
}

/** A line without "=" in its first part: 6265bis reads a nameless cookie, Firefox a name. */
function noEquals(
  text: string,
  view: { secure: boolean; httpOnly: boolean; path: string | undefined; hasDomain: boolean },
): Finding {
  if (text === '') {
    return {
      code: 'parse',
      message:
        'the line has no cookie-pair (nothing before the first ";"): Chromium and Firefox refuse it; WebKitGTK stores an empty cookie',
      refusedBy: engines('chromium', 'firefox'),
      engines: engineNotes('refuses the line', 'refuses the line', 'stores an empty cookie'),
    };
  }
  if (looksPrefixed(text)) {
    // Firefox takes the text for a name, and then holds it to its prefix's rules
    const firefoxRefuses =
      secureProblems({ name: text, sameSite: undefined, partitioned: false, ...view }).length > 0;
    return {
      code: 'parse',
      message: `the cookie-pair has no "=" and its text (${chars(text.length)}) starts like a prefixed name: Chromium refuses the line${firefoxRefuses ? ', and so does Firefox, which reads it as a prefixed name without what its prefix needs' : ''}; WebKitGTK stores a nameless cookie`,
      refusedBy: firefoxRefuses ? engines('chromium', 'firefox') : engines('chromium'),
      engines: engineNotes(
        'refuses the line',
        firefoxRefuses ? 'refuses the line' : 'stores a cookie of that name, empty value',
        'stores a nameless cookie',
      ),
    };
  }
  return {
    code: 'parse',
    message: `the cookie-pair has no "=": Chromium and WebKitGTK store a nameless cookie holding its ${chars(text.length)}, Firefox stores a cookie of that name with an empty value; either way a server reads a name and no value`,
    engines: engineNotes(
      'stores a nameless cookie',
      'stores a cookie of that name, empty value',
      'stores a nameless cookie',
    ),
  };
}
