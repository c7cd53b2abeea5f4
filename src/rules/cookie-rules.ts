// The rules that look at several fields of a cookie at once, as plain functions that return the
// problems (or the encoded value). The fast check and the zod schema both call them.

import { type CookieIssue, describeValue, quote } from '../errors.js';
import type { CookieProfile, SameSite } from './attributes.js';
import { type CookieEncoding, encodeValue, isUriPlain } from './encoding.js';
import { charsProblem, problem } from './fields.js';
import { codePointAt, firstControl } from './grammar.js';
import { prefixNeedsOf } from './prefixes.js';
import { RULE_SOURCES } from './sources.js';

const VALUE = Object.freeze(['value']);
const NONE: readonly CookieIssue[] = Object.freeze([]);

/**
 * The wire form of a cookie value, or the problem: it must encode to cookie-octets (RFC 6265
 * §4.1.1) with no control character under 'uri' (RFC 9110 §5.5), and name and encoded value
 * together stay within 4096 bytes (6265bis §5.6 step 5).
 */
export function wireValue(
  name: string,
  value: string,
  encoding: CookieEncoding,
): string | CookieIssue {
  // the common case: sent as it is, and plain text holds no control character
  if (encoding === 'uri' && name.length + value.length <= 4096 && isUriPlain(value)) return value;
  if (encoding === 'uri' && firstControl(value) !== -1) {
    return charsProblem('value', VALUE, value) as CookieIssue;
  }
  // Every encoding writes at least one byte per UTF-16 unit: too long before encoding it
  if (name.length + value.length > 4096) {
    return problem(
      VALUE,
      'name_value_too_long',
      `name and value are at least ${name.length + value.length} bytes once encoded; browsers drop a cookie whose name and value exceed 4096 bytes`,
      RULE_SOURCES.nameValueSize,
    );
  }
  const encoded = encodeValue(value, encoding);
  if (!encoded.ok) {
    const raw = encoding === 'raw';
    const at = offendingIndex(value, raw);
    const where =
      at === -1 ? encoded.reason : `${encoded.reason}: ${codePointAt(value, at)} at index ${at}`;
    return problem(
      VALUE,
      raw ? 'value_octets' : 'value_encoding',
      `${describeValue(value)} cannot be sent with encoding '${encoding}': ${where}${raw ? "; use encoding 'uri' or 'base64url'" : ''}`,
      raw ? RULE_SOURCES.octets : RULE_SOURCES.encoding,
    );
  }
  if (name.length + encoded.wire.length > 4096) {
    return problem(
      VALUE,
      'name_value_too_long',
      `name and encoded value are ${name.length + encoded.wire.length} bytes; browsers drop a cookie whose name and value exceed 4096 bytes`,
      RULE_SOURCES.nameValueSize,
    );
  }
  return encoded.wire;
}

// RFC 6265 §4.1.1: a character that is not a cookie-octet; a lone UTF-16 surrogate
const NOT_OCTET = /[^\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Where a value that cannot be encoded fails, for its message: the first character that is not
 * a cookie-octet (`raw`; quotes around the whole value allowed) or the first lone surrogate.
 */
function offendingIndex(value: string, raw: boolean): number {
  if (!raw) return value.search(LONE_SURROGATE);
  const quoted = value.length >= 2 && value.startsWith('"') && value.endsWith('"');
  const inner = quoted ? value.slice(1, -1) : value;
  const at = inner.search(NOT_OCTET);
  return at === -1 ? -1 : at + (quoted ? 1 : 0);
}

const DOMAIN = Object.freeze(['domain']);

/** RFC 2109 §4.2.2, §4.3.2 (the seed): a Domain starts with a dot and has an embedded dot. */
export function checkDomainProfile(
  domain: string,
  profile: CookieProfile,
): CookieIssue | undefined {
  if (profile !== 'rfc2109') return undefined;
  const dot = domain.indexOf('.', 1);
  if (domain.charCodeAt(0) === 0x2e && dot !== -1 && dot < domain.length - 1) return undefined;
  if (domain.charCodeAt(0) !== 0x2e) {
    return problem(
      DOMAIN,
      'domain_leading_dot',
      `domain ${quote(domain)} must start with a dot under RFC 2109 (§4.3.2); use ${quote(`.${domain}`)} or profile 'rfc6265'`,
      RULE_SOURCES.domain2109,
    );
  }
  return problem(
    DOMAIN,
    'domain_embedded_dot',
    `domain ${quote(domain)} needs an embedded dot under RFC 2109 (§4.3.2), e.g. ".example.com"; browsers refuse a domain cookie for a single label`,
    RULE_SOURCES.domain2109,
  );
}

/** RFC 6265 §9.3: RFC 2109's attributes are not allowed under `'rfc6265'`. */
export function profileAttributeProblem(field: 'version' | 'comment'): CookieIssue {
  return problem(
    [field],
    'profile_attribute',
    `${field} is an RFC 2109 attribute and not allowed under profile 'rfc6265'; remove it or use profile 'rfc2109'`,
    RULE_SOURCES.legacy,
  );
}

/** What the Secure-dependent rules read of a cookie. */
export interface SecureFields {
  readonly name: string | undefined;
  readonly secure: boolean;
  readonly httpOnly: boolean;
  readonly sameSite: SameSite | undefined;
  readonly partitioned: boolean;
  readonly path: string | undefined;
  readonly hasDomain: boolean;
}

/**
 * The rules that need Secure and their kin: SameSite=None (6265bis §5.7 step 19) and
 * Partitioned (CHIPS) need Secure; the name prefixes (6265bis §4.1.3, §5.4; layered-cookies
 * §4.1.3) need Secure, HttpOnly, `Path=/` and no Domain as `PREFIXES` says.
 */
export function secureProblems(c: SecureFields): readonly CookieIssue[] {
  const needs = c.name === undefined ? undefined : prefixNeedsOf(c.name);
  if (
    (c.secure || (c.sameSite !== 'None' && !c.partitioned && needs === undefined)) &&
    (needs === undefined ||
      ((c.httpOnly || !needs.httpOnly) && (!needs.hostOnly || (c.path === '/' && !c.hasDomain))))
  ) {
    return NONE;
  }
  const out: CookieIssue[] = [];
  if (c.sameSite === 'None' && !c.secure) {
    out.push(
      problem(
        ['secure'],
        'same_site_none_insecure',
        'SameSite=None requires secure: true; browsers reject it otherwise',
        RULE_SOURCES.sameSiteNone,
      ),
    );
  }
  if (c.partitioned && !c.secure) {
    out.push(
      problem(
        ['secure'],
        'partitioned_insecure',
        'partitioned requires secure: true; browsers reject it otherwise',
        RULE_SOURCES.partitioned,
      ),
    );
  }
  if (needs === undefined) return out;
  const { prefix, secureCode, source } = needs;
  if (!c.secure) {
    out.push(problem(['secure'], secureCode, `a ${prefix} cookie requires secure: true`, source));
  }
  if (needs.httpOnly && !c.httpOnly) {
    out.push(
      problem(
        ['httpOnly'],
        'prefix_http',
        `a ${prefix} cookie requires httpOnly: true`,
        RULE_SOURCES.http,
      ),
    );
  }
  if (needs.hostOnly && c.path !== '/') {
    out.push(problem(['path'], 'prefix_host', `a ${prefix} cookie requires path: "/"`, source));
  }
  if (needs.hostOnly && c.hasDomain) {
    out.push(
      problem(
        ['domain'],
        'prefix_host',
        `a ${prefix} cookie must not have a domain (it is host-only); remove domain`,
        source,
      ),
    );
  }
  return out;
}

/** 6265bis §4.1.1: each attribute at most once, so each extension name once, in any case. */
export function duplicateExtensionProblems(
  names: readonly (string | undefined)[],
): readonly CookieIssue[] {
  if (names.length < 2) return NONE;
  let out: CookieIssue[] | undefined;
  const seen = new Set<string>();
  names.forEach((name, index) => {
    if (name === undefined) return;
    const key = name.toLowerCase();
    if (seen.has(key)) {
      out ??= [];
      out.push(
        problem(
          ['extensions', index, 'name'],
          'extension_duplicate',
          `extension ${quote(name)} is given twice; a cookie carries each attribute at most once`,
          RULE_SOURCES.extension,
        ),
      );
    }
    seen.add(key);
  });
  return out ?? NONE;
}
