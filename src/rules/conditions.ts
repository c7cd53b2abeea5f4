// The catalogue of every condition cookiesmith reports, by code: where it comes from and how
// to fix it. `lintSetCookie` reads it for each diagnostic; a condition's message is written
// once, by the rule or the warning that finds it (fields.ts, cookie-rules.ts, warnings.ts).

import type { CookieIssueCode } from '../errors.js';
import { RULE_SOURCES } from './sources.js';
import {
  COOKIE_SOURCES,
  type CookieWarningCode,
  type LintCode,
  RESPONSE_SOURCES,
  type ResponseWarningCode,
} from './warnings.js';

/** What the catalogue holds for each condition: where it comes from and how to fix it. */
export interface Condition {
  readonly source: string;
  readonly fix: string;
}

const MAX_AGE_FIX = 'write Max-Age as whole seconds ≥ 0 (Max-Age=0 deletes the cookie)';

/** The rules of a line: the issue codes the builder shares, and lint's own. */
function lineConditions(): Readonly<
  Record<Exclude<CookieIssueCode | LintCode, CookieWarningCode | ResponseWarningCode>, Condition>
> {
  return {
    invalid_type: { source: RULE_SOURCES.config, fix: 'pass the Set-Cookie line as a string' },
    unknown_key: { source: RULE_SOURCES.config, fix: 'rename the key' },
    name_token: {
      source: RULE_SOURCES.token,
      fix: "use only letters, digits and ! # $ % & ' * + - . ^ _ ` | ~ in the name",
    },
    name_reserved: {
      source: RULE_SOURCES.dollar,
      fix: 'choose a name that does not begin with "$"',
    },
    name_immutable: { source: RULE_SOURCES.config, fix: 'build a new cookie with the other name' },
    value_octets: {
      source: RULE_SOURCES.octets,
      fix: 'encode the value (percent-encoding or base64url) so it holds cookie-octets only',
    },
    value_encoding: {
      source: RULE_SOURCES.encoding,
      fix: 'write the value with the encoding it is read with',
    },
    control_character: {
      source: RULE_SOURCES.ctl,
      fix: 'remove control characters (CR, LF, NUL, tab, …) from the line',
    },
    non_ascii: {
      source: RULE_SOURCES.ascii,
      fix: 'encode non-ASCII text (base64url or percent-encoding); write a domain as punycode',
    },
    name_value_too_long: {
      source: RULE_SOURCES.nameValueSize,
      fix: 'keep name and value under 4096 bytes; store large data server-side',
    },
    attribute_too_long: {
      source: RULE_SOURCES.attributeSize,
      fix: 'shorten the attribute value to 1024 bytes or less',
    },
    domain_syntax: {
      source: RULE_SOURCES.domain,
      fix: 'give a host name of letters, digits and "-" labels, without port or trailing dot, or no Domain',
    },
    domain_leading_dot: {
      source: RULE_SOURCES.domain2109,
      fix: 'start Domain with a dot under RFC 2109, or check with profile rfc6265',
    },
    domain_embedded_dot: {
      source: RULE_SOURCES.domain2109,
      fix: 'use a domain with an embedded dot, such as ".example.com"',
    },
    path_syntax: { source: RULE_SOURCES.path, fix: 'start Path with "/"; percent-encode ";"' },
    max_age_integer: { source: RULE_SOURCES.maxAge, fix: MAX_AGE_FIX },
    expires_date: {
      source: RULE_SOURCES.expires,
      fix: 'write Expires as an IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT"',
    },
    same_site_value: {
      source: RULE_SOURCES.sameSite,
      fix: 'write SameSite=Strict, SameSite=Lax or SameSite=None',
    },
    same_site_none_insecure: { source: RULE_SOURCES.sameSiteNone, fix: 'add Secure, or use Lax' },
    partitioned_insecure: { source: RULE_SOURCES.partitioned, fix: 'add Secure' },
    prefix_secure: { source: RULE_SOURCES.secure, fix: 'add Secure, or drop the __Secure- prefix' },
    prefix_host: {
      source: RULE_SOURCES.host,
      fix: 'add Secure and Path=/ and remove Domain, or drop the __Host- prefix',
    },
    prefix_http: {
      source: RULE_SOURCES.http,
      fix: 'add Secure and HttpOnly, or drop the __Http- prefix',
    },
    version_value: {
      source: RULE_SOURCES.version,
      fix: 'write Version as a non-negative integer, usually Version=1',
    },
    profile_attribute: {
      source: RULE_SOURCES.legacy,
      fix: 'remove Version and Comment (RFC 2109)',
    },
    comment_syntax: { source: RULE_SOURCES.comment, fix: 'write Comment without ";"' },
    priority_value: {
      source: RULE_SOURCES.priority,
      fix: 'write Priority=Low, Priority=Medium or Priority=High',
    },
    encoding_value: { source: RULE_SOURCES.encodings, fix: "use 'uri', 'raw' or 'base64url'" },
    profile_value: { source: RULE_SOURCES.profiles, fix: "use 'rfc2109' or 'rfc6265'" },
    extension_syntax: {
      source: RULE_SOURCES.extension,
      fix: 'write an extension as a token name with a non-empty value without ";"',
    },
    extension_reserved: {
      source: RULE_SOURCES.extension,
      fix: 'use the standard attribute instead of an extension of the same name',
    },
    extension_duplicate: { source: RULE_SOURCES.extension, fix: 'give each extension once' },
    duration: { source: RULE_SOURCES.config, fix: 'give { days, hours, minutes, seconds }' },
    policy: { source: RULE_SOURCES.config, fix: 'change the cookie, or use another policy' },
    parse: {
      source: RULE_SOURCES.token,
      fix: 'write the line as name=value; Attribute=value; Flag',
    },
    duplicate_attribute: {
      source: 'draft-ietf-httpbis-rfc6265bis §4.1.1, §5.7 (the last occurrence wins)',
      fix: 'give each attribute once',
    },
    max_age_format: { source: RULE_SOURCES.maxAge, fix: 'write Max-Age without leading zeros' },
    expires_format: {
      source: RULE_SOURCES.expires,
      fix: 'write Expires as an IMF-fixdate with the right day name',
    },
    flag_value: {
      source: RULE_SOURCES.extension,
      fix: 'write the flag alone, without "=" and a value',
    },
    bad_whitespace: {
      source: 'RFC 9110 §5.6.3 (BWS must not be generated); draft-ietf-httpbis-rfc6265bis §4.1.1',
      fix: 'remove the whitespace around "=" and before ";"',
    },
    empty_attribute: { source: RULE_SOURCES.extension, fix: 'remove the empty ";" parts' },
    too_many_attributes: { source: RULE_SOURCES.extension, fix: 'send fewer attributes' },
    attribute_misspelt: {
      source:
        'draft-ietf-httpbis-rfc6265bis §5.6 (attribute names are matched exactly, in any case)',
      fix: 'write the attribute name exactly: Secure, HttpOnly, SameSite, Max-Age, …, each after its own ";"',
    },
    domain_mismatch: {
      source: 'draft-ietf-httpbis-rfc6265bis §5.7 step 8',
      fix: 'give a Domain the responding host belongs to, or no Domain',
    },
    domain_case: {
      source:
        'RFC 6265 §5.2.3 (browsers lowercase Domain); the browser suite (docs/conformance.md)',
      fix: 'write Domain in lowercase',
    },
    lifetime_order: {
      source:
        'RFC 6265 §5.3 step 3 (Max-Age takes precedence); the browser suite (docs/conformance.md)',
      fix: 'write Max-Age after Expires, or only one of them',
    },
  };
}

/** Every condition cookiesmith reports, by code: lint's catalogue (bundles without lint drop it). */
export const CONDITIONS: Readonly<Record<CookieIssueCode | LintCode, Condition>> =
  /* @__PURE__ */ catalogue();

function catalogue(): Readonly<Record<CookieIssueCode | LintCode, Condition>> {
  const fixes: Readonly<Record<CookieWarningCode | ResponseWarningCode, string>> = {
    lifetime_capped: 'refresh the cookie before 400 days, or shorten its lifetime',
    expires_past: 'give a date in the future; to delete the cookie, send a removal (Max-Age=0)',
    same_site_absent: 'add SameSite=Lax (or Strict, or None with Secure)',
    legacy_attribute: 'remove the attribute: browsers ignore it',
    priority_chromium_only: 'nothing to change if a Chromium-only hint is what you want',
    partitioned_support: 'make the cookie work unpartitioned too, for engines without CHIPS',
    attribute_unknown: 'remove the attribute, unless something other than a browser reads it',
    domain_public_suffix:
      'give the site’s own domain (example.co.uk, not co.uk), or no Domain for a host-only cookie',
    header_block_size: 'send fewer or smaller cookies; keep session data server-side',
    too_many_cookies: 'merge cookies, or keep the data server-side',
    duplicate_name:
      'set each cookie name once per response; clear another scope in another response',
  };
  const out: Record<string, Condition> = { ...lineConditions() };
  for (const [code, source] of Object.entries({ ...COOKIE_SOURCES, ...RESPONSE_SOURCES })) {
    out[code] = { source, fix: fixes[code as CookieWarningCode | ResponseWarningCode] };
  }
  return Object.freeze(out) as Readonly<Record<CookieIssueCode | LintCode, Condition>>;
}
