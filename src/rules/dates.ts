import type { CookieIssue } from '../errors.js';
import { quote } from '../errors.js';
import { RULE_SOURCES } from './sources.js';

// ---------------------------------------------------------------------------------------------
// Expires in a configuration: a Date, epoch milliseconds or an ISO 8601 string

// ISO 8601 date (UTC) or date-time with Z or an offset; a date-time without one would be read
// in the server's local time zone
const ISO_DATE =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2}))?$/;

/** The `YYYY-MM-DD` that starts an ISO string is a real day (Date rolls 02-30 over to March). */
function isCalendarDay(iso: string): boolean {
  const month = Number(iso.slice(5, 7));
  const day = Number(iso.slice(8, 10));
  const last = new Date(0);
  // Day 0 of the next month is the last day of this one
  last.setUTCFullYear(Number(iso.slice(0, 4)), month, 0);
  return month >= 1 && month <= 12 && day >= 1 && day <= last.getUTCDate();
}

/** The time of a Date without calling a method the caller may have replaced. */
function timeOf(date: Date): number {
  try {
    return Date.prototype.getTime.call(date);
  } catch {
    return Number.NaN;
  }
}

/**
 * RFC 9110 §5.6.7, 6265bis §4.1.1: an Expires from a `Date`, epoch milliseconds or an ISO
 * string, as epoch milliseconds at second precision (what the header carries), or the problem.
 * An IMF-fixdate has a four-digit year, so the year is 1601 (the cookie-date floor) to 9999.
 */
export function expiresTime(input: Date | string | number): number | CookieIssue {
  let time: number;
  if (input instanceof Date) time = timeOf(input);
  else if (typeof input === 'number') time = input;
  else if (ISO_DATE.test(input)) time = isCalendarDay(input) ? Date.parse(input) : Number.NaN;
  else {
    return {
      path: ['expires'],
      code: 'expires_date',
      message: `expires ${quote(input)} is not an ISO 8601 date with a time zone; give a Date, epoch milliseconds or an ISO string such as "2030-01-01T00:00:00Z"`,
      source: RULE_SOURCES.expires,
    };
  }
  // -11644473600000 is 1601-01-01T00:00:00Z, 253402300800000 is 10000-01-01T00:00:00Z
  if (!(time >= -11644473600000 && time < 253402300800000)) {
    return {
      path: ['expires'],
      code: 'expires_date',
      message:
        'expires must be a valid date between the years 1601 and 9999 (an IMF-fixdate has a four-digit year)',
      source: RULE_SOURCES.expires,
    };
  }
  return Math.floor(time / 1000) * 1000;
}

// ---------------------------------------------------------------------------------------------
// Expires on the wire

/** RFC 9110 §5.6.7 IMF-fixdate of a time; `toUTCString()` writes exactly that for years 1000-9999. */
export function imfFixdate(time: number): string {
  return new Date(time).toUTCString();
}

// RFC 9110 §5.6.7 IMF-fixdate, case-sensitive names
const IMF_FIXDATE =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const IMF_MONTHS = 'JanFebMarAprMayJunJulAugSepOctNovDec';

/** True when `text` is the IMF-fixdate form of `date` (RFC 9110 §5.6.7), day name included. */
export function isImfFixdate(text: string, date: Date): boolean {
  return IMF_FIXDATE.test(text) && date.toUTCString() === text;
}

// 6265bis §5.1.1: delimiter = %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E
const DATE_DELIMITERS = /[\x09\x20-\x2F\x3B-\x40\x5B-\x60\x7B-\x7E]+/;
// 6265bis §5.1.1: hms-time = time-field ":" time-field ":" time-field, then non-digit *OCTET
const DATE_TIME = /^(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\D|$)/;
// 6265bis §5.1.1: day-of-month = 1*2DIGIT [ non-digit *OCTET ]
const DATE_DAY = /^(\d{1,2})(?:\D|$)/;
// 6265bis §5.1.1: year = 2*4DIGIT [ non-digit *OCTET ]
const DATE_YEAR = /^(\d{2,4})(?:\D|$)/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** The two decimal digits at `at` (checked by the caller) as a number. */
function twoDigits(text: string, at: number): number {
  return (text.charCodeAt(at) - 0x30) * 10 + text.charCodeAt(at + 1) - 0x30;
}

/**
 * Parses an Expires value with the browsers' cookie-date algorithm (6265bis §5.1.1): it reads
 * IMF-fixdate, RFC 850 and asctime dates and the Netscape `Wdy, DD-Mon-YYYY` form, two-digit
 * years included. Returns `undefined` when browsers would ignore the attribute.
 */
export function parseCookieDate(text: string): Date | undefined {
  // the usual form first: for an IMF-fixdate the algorithm below finds exactly these fields
  if (text.length === 29 && IMF_FIXDATE.test(text)) {
    return cookieDate(
      twoDigits(text, 12) * 100 + twoDigits(text, 14),
      IMF_MONTHS.indexOf(text.slice(8, 11)) / 3,
      twoDigits(text, 5),
      twoDigits(text, 17),
      twoDigits(text, 20),
      twoDigits(text, 23),
    );
  }
  return parseCookieDateTokens(text);
}

/** The 6265bis §5.1.1 cookie-date algorithm itself, token by token (see `parseCookieDate`). */
export function parseCookieDateTokens(text: string): Date | undefined {
  if (text.length > 1024) return undefined;
  let time: RegExpExecArray | undefined;
  let day: number | undefined;
  let month: number | undefined;
  let year: number | undefined;
  for (const token of text.split(DATE_DELIMITERS)) {
    if (token === '') continue;
    const hms = time === undefined ? DATE_TIME.exec(token) : null;
    if (hms !== null) {
      time = hms;
      continue;
    }
    const dayMatch = day === undefined ? DATE_DAY.exec(token) : null;
    if (dayMatch !== null) {
      day = Number(dayMatch[1]);
      continue;
    }
    const monthIndex = month === undefined ? MONTHS.indexOf(token.slice(0, 3).toLowerCase()) : -1;
    if (monthIndex !== -1) {
      month = monthIndex;
      continue;
    }
    const yearMatch = year === undefined ? DATE_YEAR.exec(token) : null;
    if (yearMatch !== null) year = Number(yearMatch[1]);
  }
  if (time === undefined || day === undefined || month === undefined || year === undefined) {
    return undefined;
  }
  return cookieDate(year, month, day, Number(time[1]), Number(time[2]), Number(time[3]));
}

/** Steps 3-7 of 6265bis §5.1.1: the two-digit year rule, the range checks and the date. */
function cookieDate(
  year: number,
  month: number,
  day: number,
  hours: number,
  minutes: number,
  seconds: number,
): Date | undefined {
  if (year >= 70 && year <= 99) year += 1900;
  else if (year >= 0 && year <= 69) year += 2000;
  if (day < 1 || day > 31 || year < 1601 || hours > 23 || minutes > 59 || seconds > 59) {
    return undefined;
  }
  const date = new Date(Date.UTC(year, month, day, hours, minutes, seconds));
  // Date.UTC maps years 0-99 to 1900-1999 and rolls 31 Feb over to March: reject both.
  date.setUTCFullYear(year, month, day);
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month) return undefined;
  return date;
}
