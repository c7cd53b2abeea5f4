import { ATTRIBUTES } from '../rules/attributes.js';
import type { CheckedCookie } from '../rules/check.js';
import { imfFixdate } from '../rules/dates.js';

/**
 * The Set-Cookie value of a checked cookie: `name=value`, then each attribute present, in the
 * fixed order of the attribute table (6265bis §4.1.1: each attribute once, `; ` between parts,
 * no space around `=`), then the extensions in the order given. Every part passed a rule whose
 * characters lie in 0x20-0x7E, so the header is printable ASCII.
 */
export function serializeCookie(cookie: CheckedCookie): string {
  let header = `${cookie.name}=${cookie.wire}`;
  const values = cookie.attributes;
  for (let i = 0; i < ATTRIBUTES.length; i++) {
    const value = values[i];
    if (value === undefined) continue;
    const row = ATTRIBUTES[i] as (typeof ATTRIBUTES)[number];
    if (typeof value === 'string') {
      header += row.prefix + (row.write === undefined ? value : row.write(value));
    } else if (typeof value === 'number') {
      header += row.prefix + (row.kind === 'date' ? imfFixdate(value) : value);
    } else header += row.prefix;
  }
  const extensions = cookie.extensions;
  if (extensions !== undefined) {
    for (const ext of extensions) {
      header += ext.value === undefined ? `; ${ext.name}` : `; ${ext.name}=${ext.value}`;
    }
  }
  // One flat string instead of a chain of the pieces: the header is kept for the cookie's life.
  header.charCodeAt(0);
  return header;
}
