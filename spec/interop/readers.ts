import { expect } from 'chai';
import { parseSetCookie } from 'cookie';
import * as setCookieParser from 'set-cookie-parser';
import { Cookie as ToughCookie } from 'tough-cookie';
import type { Cookie } from '../../src/index.js';

/**
 * What a Set-Cookie line says, in one shape for every parser. Absent attributes are absent.
 * `wire` is the value as sent; `extensions` are the attributes the parser does not model
 * (`Name=value` or `Name`), in header order.
 */
export interface Reading {
  name: string;
  wire: string;
  domain?: string;
  path?: string;
  maxAge?: number;
  /** Epoch milliseconds. */
  expires?: number;
  secure: boolean;
  httpOnly: boolean;
  /** Lower case. */
  sameSite?: string;
  partitioned: boolean;
  /** Lower case. */
  priority?: string;
  version?: string;
  /** Unquoted. */
  comment?: string;
  extensions: string[];
}

/** Reads an RFC 2109 quoted-string (or token) the way §4.2.2 defines it. */
export function unquote(text: string): string {
  if (text.length < 2 || !text.startsWith('"') || !text.endsWith('"')) return text;
  return text.slice(1, -1).replace(/\\(.)/g, '$1');
}

/** What the header of `cookie` must say, from the cookie's own properties (not its header). */
export function intended(cookie: Cookie, wire: string): Reading {
  const r: Reading = {
    name: cookie.name,
    wire,
    secure: cookie.secure,
    httpOnly: cookie.httpOnly,
    partitioned: cookie.partitioned,
    extensions: (cookie.extensions ?? []).map((e) =>
      e.value === undefined ? e.name : `${e.name}=${e.value}`,
    ),
  };
  if (cookie.domain !== undefined) r.domain = cookie.domain;
  if (cookie.path !== undefined) r.path = cookie.path;
  if (cookie.maxAge !== undefined) r.maxAge = cookie.maxAge;
  const expires = cookie.expires;
  if (expires !== undefined) r.expires = expires.getTime();
  if (cookie.sameSite !== undefined) r.sameSite = cookie.sameSite.toLowerCase();
  if (cookie.priority !== undefined) r.priority = cookie.priority.toLowerCase();
  if (cookie.version !== undefined) r.version = String(cookie.version);
  if (cookie.comment !== undefined) r.comment = cookie.comment;
  return r;
}

/** Decodes a wire value by the cookie's encoding, without cookiesmith's own decoder. */
export function decodeWire(wire: string, encoding: Cookie['encoding']): string {
  if (encoding === 'uri') return decodeURIComponent(wire);
  if (encoding === 'base64url') return Buffer.from(wire, 'base64url').toString('utf8');
  return wire;
}

function pull(extensions: string[], name: string): string | undefined {
  const index = extensions.findIndex(
    (e) => e.toLowerCase() === name || e.toLowerCase().startsWith(`${name}=`),
  );
  if (index === -1) return undefined;
  const [found] = extensions.splice(index, 1);
  const eq = found?.indexOf('=') ?? -1;
  return eq === -1 ? '' : (found ?? '').slice(eq + 1);
}

/**
 * tough-cookie (`Cookie.parse`, strict mode). Known quirks, normalised here:
 * - the Domain is stored without its leading dot (RFC 6265 §5.2.3 says to ignore it), so the
 *   rfc2109 `.cookie.test` reads as `cookie.test`; the dot is put back for comparison;
 * - Version, Comment, Partitioned and Priority are not modelled: they land in `extensions`
 *   with the rest, and are taken out of it here.
 */
export function readTough(header: string, intendedDomain: string | undefined): Reading | undefined {
  const t = ToughCookie.parse(header);
  if (t === undefined || t === null) return undefined;
  const extensions = [...(t.extensions ?? [])];
  const r: Reading = {
    name: t.key,
    wire: t.value,
    secure: t.secure,
    httpOnly: t.httpOnly,
    partitioned: pull(extensions, 'partitioned') !== undefined,
    extensions: [],
  };
  if (t.domain !== null && t.domain !== undefined) {
    r.domain = intendedDomain?.startsWith('.') ? `.${t.domain}` : t.domain;
  }
  if (t.path !== null && t.path !== undefined) r.path = t.path;
  if (typeof t.maxAge === 'number') r.maxAge = t.maxAge;
  if (t.expires instanceof Date) r.expires = t.expires.getTime();
  if (t.sameSite !== undefined) r.sameSite = t.sameSite.toLowerCase();
  const version = pull(extensions, 'version');
  const comment = pull(extensions, 'comment');
  const priority = pull(extensions, 'priority');
  if (version !== undefined) r.version = version;
  if (comment !== undefined) r.comment = unquote(comment);
  if (priority !== undefined) r.priority = priority.toLowerCase();
  r.extensions = extensions;
  return r;
}

/** The fields the `cookie` package does not model: not compared for it. */
export const COOKIE_PACKAGE_SKIPS = ['version', 'comment', 'extensions'] as const;

/**
 * The `cookie` package (2.x, `parseSetCookie`). Known quirk: it reads only the attributes it
 * models, so Version, Comment and extension attributes are dropped — they are left out of
 * the comparison for this parser (see `COOKIE_PACKAGE_SKIPS`).
 */
export function readCookiePackage(
  header: string,
): Omit<Reading, (typeof COOKIE_PACKAGE_SKIPS)[number]> {
  const c = parseSetCookie(header, { decode: (s) => s });
  const r: Omit<Reading, (typeof COOKIE_PACKAGE_SKIPS)[number]> = {
    name: c.name,
    wire: c.value ?? '',
    secure: c.secure === true,
    httpOnly: c.httpOnly === true,
    partitioned: c.partitioned === true,
  };
  if (c.domain !== undefined) r.domain = c.domain;
  if (c.path !== undefined) r.path = c.path;
  if (c.maxAge !== undefined) r.maxAge = c.maxAge;
  if (c.expires !== undefined) r.expires = c.expires.getTime();
  if (typeof c.sameSite === 'string') r.sameSite = c.sameSite;
  if (c.priority !== undefined) r.priority = c.priority;
  return r;
}

/** The `cookie` package's value decoded its default way (decodeURIComponent). */
export function cookiePackageValue(header: string): string | undefined {
  return parseSetCookie(header).value;
}

// Names set-cookie-parser refuses because they are keys of Object.prototype (`key in {}`).
const PROTO_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * True when set-cookie-parser drops the whole cookie by design (a known quirk): its name is a
 * key of `Object.prototype` (`constructor`, `toString`, `__proto__`, …), refused as a
 * prototype-pollution guard.
 */
export function setCookieParserDropsName(name: string): boolean {
  return PROTO_KEYS.has(name);
}

/**
 * True when set-cookie-parser drops an extension attribute by design (a known quirk): its
 * lower-cased name is a key of `Object.prototype`, or `name` / `value`, which it reserves.
 */
export function setCookieParserDropsExtension(name: string): boolean {
  const key = name.toLowerCase();
  return PROTO_KEYS.has(key) || key === 'name' || key === 'value';
}

const SCP_KNOWN = new Set([
  'name',
  'value',
  'domain',
  'path',
  'maxAge',
  'expires',
  'secure',
  'httpOnly',
  'sameSite',
  'partitioned',
  'priority',
  'version',
  'comment',
]);

/**
 * set-cookie-parser (`parseString`, values not decoded). Known quirks, normalised here:
 * unknown attributes become lower-cased keys (`Trace=on` → `trace: 'on'`, a bare `Flag` →
 * `flag: ''`), so extension names come back lower-cased and a bare flag reads as `Flag=`;
 * the comparison lower-cases extension names and treats `Name=` from it as `Name`. Being object
 * keys, integer-like names (`9`) come first (JavaScript property order), so the extensions
 * are compared sorted for this parser; header order is checked by the other two.
 */
export function readSetCookieParser(header: string): Reading | undefined {
  const p = setCookieParser.parseString(header, { decodeValues: false, silent: true }) as
    | (Record<string, unknown> & setCookieParser.Cookie)
    | null;
  if (p === null) return undefined;
  const r: Reading = {
    name: p.name,
    wire: p.value,
    secure: p.secure === true,
    httpOnly: p.httpOnly === true,
    partitioned: p.partitioned === true,
    extensions: [],
  };
  if (p.domain !== undefined) r.domain = p.domain;
  if (p.path !== undefined) r.path = p.path;
  if (p.maxAge !== undefined) r.maxAge = p.maxAge;
  if (p.expires !== undefined) r.expires = p.expires.getTime();
  if (typeof p.sameSite === 'string') r.sameSite = p.sameSite.toLowerCase();
  if (typeof p.priority === 'string') r.priority = p.priority.toLowerCase();
  if (typeof p.version === 'string') r.version = p.version;
  if (typeof p.comment === 'string') r.comment = unquote(p.comment);
  for (const key of Object.keys(p)) {
    if (SCP_KNOWN.has(key)) continue;
    const value = p[key];
    r.extensions.push(value === '' ? key : `${key}=${String(value)}`);
  }
  r.extensions.sort();
  return r;
}

/** set-cookie-parser's value decoded its default way (decodeURIComponent). */
export function setCookieParserValue(header: string): string | undefined {
  const p = setCookieParser.parseString(header, { silent: true });
  return p === null ? undefined : p.value;
}

function wireOf(header: string): string {
  const end = header.indexOf(';');
  return header.slice(header.indexOf('=') + 1, end === -1 ? undefined : end);
}

function without<K extends keyof Reading>(r: Reading, keys: readonly K[]): Omit<Reading, K> {
  const copy: Partial<Reading> = { ...r };
  for (const key of keys) delete copy[key];
  return copy as Omit<Reading, K>;
}

/**
 * Reads `cookie.toString()` with tough-cookie, the `cookie` package and set-cookie-parser,
 * and checks each reads the cookie's own name, decoded value and attributes. A difference
 * fails unless it is one of the documented quirks in readers.ts.
 */
export function assertParsersAgree(cookie: Cookie): void {
  const header = cookie.toString();
  const wire = wireOf(header);
  const want = intended(cookie, wire);
  expect(decodeWire(wire, cookie.encoding), `${header}: wire decodes to the value`).to.equal(
    cookie.value,
  );

  expect(readTough(header, cookie.domain), `tough-cookie: ${header}`).to.deep.equal(want);

  expect(readCookiePackage(header), `cookie: ${header}`).to.deep.equal(
    without(want, COOKIE_PACKAGE_SKIPS),
  );
  if (cookie.encoding === 'uri') {
    expect(cookiePackageValue(header), `cookie decodes: ${header}`).to.equal(cookie.value);
  }

  const scp = readSetCookieParser(header);
  if (setCookieParserDropsName(cookie.name)) {
    expect(scp, `set-cookie-parser drops ${cookie.name}`).to.equal(undefined);
  } else {
    const scpWant = {
      ...want,
      extensions: (cookie.extensions ?? [])
        .filter((e) => !setCookieParserDropsExtension(e.name))
        .map((e) =>
          e.value === undefined ? e.name.toLowerCase() : `${e.name.toLowerCase()}=${e.value}`,
        )
        .sort(),
    };
    expect(scp, `set-cookie-parser: ${header}`).to.deep.equal(scpWant);
    if (cookie.encoding === 'uri') {
      expect(setCookieParserValue(header), `set-cookie-parser decodes: ${header}`).to.equal(
        cookie.value,
      );
    }
  }
}
