import { Cookie } from '../cookie/cookie.js';
import { type CookieIssue, type CookieIssueCode, quote } from '../errors.js';
import { isIssue, readAttribute } from '../parse/set-cookie.js';
import { splitSetCookie, stripHeaderName } from '../parse/split.js';
import {
  ATTRIBUTE_BY_KEY,
  ATTRIBUTE_BY_WIRE,
  type AttributeKey,
  type AttributeRow,
  type CookieProfile,
  MAX_EXTENSIONS,
  PROFILE,
} from '../rules/attributes.js';
import { isImfFixdate } from '../rules/dates.js';
import { RULE_SOURCES } from '../rules/sources.js';
import { type CookieWarningCode, warningsOf } from '../rules/warnings.js';

/** Why `lintSetCookie` warns: the line works, but not quite as written. */
export type SetCookieWarningCode =
  | CookieWarningCode
  | 'duplicate_attribute'
  | 'max_age_format'
  | 'expires_format'
  | 'flag_value'
  | 'bad_whitespace'
  | 'empty_attribute'
  | 'too_many_attributes'
  | 'duplicate_name';

/** One finding of `lintSetCookie`. */
export interface SetCookieDiagnostic {
  /** `'error'`: cookiesmith refuses it and a browser may reject, ignore or misread it; `'warning'`: it works, with a caveat. */
  readonly severity: 'error' | 'warning';
  /** The rule (the `CookieIssueCode` of an error, or a `SetCookieWarningCode`). */
  readonly code: CookieIssueCode | SetCookieWarningCode;
  /** What is wrong, naming the attribute and the rule. */
  readonly message: string;
  /** The specification the rule comes from. */
  readonly source: string;
  /** The attribute concerned, in canonical spelling (`'Max-Age'`) or as written for an extension. */
  readonly attribute?: string;
  /** What to change, in one sentence. */
  readonly fix: string;
}

/** Options of `lintSetCookie`. */
export interface LintSetCookieOptions {
  /**
   * Profile to check against. By default it is inferred: `'rfc2109'` when the line carries
   * `Version` or `Comment`, `'rfc6265'` otherwise.
   */
  readonly profile?: CookieProfile;
}

/** The attribute name as written in a header, from its configuration key. */
function canonical(key: string): string | undefined {
  return ATTRIBUTE_BY_KEY[key as AttributeKey]?.wire;
}

// RFC 2109 §4.2.2 and RFC 2965 §3.2.2 attributes that today's browsers ignore
const LEGACY = new Set(['version', 'comment', 'commenturl', 'discard', 'port']);
const SOURCES = {
  legacy: RULE_SOURCES.legacy,
  duplicate: 'draft-ietf-httpbis-rfc6265bis §4.1.1, §5.7 (the last occurrence wins)',
  whitespace: 'RFC 9110 §5.6.3 (BWS must not be generated); draft-ietf-httpbis-rfc6265bis §4.1.1',
  maxAge: RULE_SOURCES.maxAge,
  expires: RULE_SOURCES.expires,
} as const;

// RFC 9110 §5.5; 6265bis §5.6 step 1
const CTL = /[\x00-\x1F\x7F]/;
const NON_ASCII = /[^\x00-\x7F]/;

/**
 * Checks any `Set-Cookie` line, ours or not, and returns frozen diagnostics: an `error` for
 * every rule cookiesmith enforces (RULES.md), a `warning` for what browsers clamp, ignore or
 * handle differently (400-day cap, legacy attributes, duplicates, a missing SameSite, …).
 * A leading `Set-Cookie:` is accepted. Never throws; an empty array means nothing to report.
 *
 * @example
 * lintSetCookie('sid=1; Max-Age=99999999; SameSite=None');
 * // → errors same_site_none_insecure; warnings lifetime_capped …
 */
export function lintSetCookie(
  header: string,
  options?: LintSetCookieOptions,
): readonly SetCookieDiagnostic[] {
  const out: SetCookieDiagnostic[] = [];
  const error = (code: CookieIssueCode, message: string, source: string, attribute?: string) =>
    out.push(diagnostic('error', code, message, source, attribute));
  const warn = (code: SetCookieWarningCode, message: string, source: string, attribute?: string) =>
    out.push(diagnostic('warning', code, message, source, attribute));

  if (typeof header !== 'string') {
    error('invalid_type', 'a Set-Cookie line must be a string', RULE_SOURCES.config);
    return freeze(out);
  }
  const line = stripHeaderName(header);
  const ctl = line.search(CTL);
  if (ctl !== -1) {
    const hex = line.charCodeAt(ctl).toString(16).padStart(2, '0').toUpperCase();
    error(
      'control_character',
      `the line contains the control character 0x${hex} at index ${ctl}; browsers drop the whole line (a tab is tolerated by browsers but not allowed here)`,
      RULE_SOURCES.ctl,
    );
  }
  const nonAscii = line.search(NON_ASCII);
  if (nonAscii !== -1) {
    error(
      'non_ascii',
      `the line contains a non-ASCII character at index ${nonAscii}; encode the value (base64url or percent-encoding)`,
      RULE_SOURCES.ascii,
    );
  }
  const raw = splitSetCookie(line, 256);
  if (!raw.hasEquals) {
    error(
      'parse',
      raw.value === ''
        ? 'the line is empty'
        : `the cookie-pair ${quote(raw.value)} has no "=": RFC 6265 browsers ignore the line, 6265bis ones store a nameless cookie`,
      RULE_SOURCES.token,
    );
    return freeze(out);
  }
  if (raw.spaced) {
    warn(
      'bad_whitespace',
      'whitespace around "=" in the cookie-pair; browsers trim it, but senders must not write it',
      SOURCES.whitespace,
    );
  }
  if (raw.emptyParts > 0) {
    warn(
      'empty_attribute',
      'the line has an empty attribute (";;" or a trailing ";"); browsers skip it',
      RULE_SOURCES.extension,
    );
  }
  if (raw.omitted > 0) {
    warn(
      'too_many_attributes',
      `the line has ${raw.attributes.length + raw.omitted} attributes; only the first ${raw.attributes.length} were checked`,
      RULE_SOURCES.extension,
    );
  }

  const hasLegacy = raw.attributes.some((a) => a.key === 'version' || a.key === 'comment');
  const profile =
    options?.profile !== undefined && PROFILE.values.includes(options.profile)
      ? options.profile
      : hasLegacy
        ? 'rfc2109'
        : 'rfc6265';
  const config: Record<string, unknown> = {
    name: raw.name,
    value: raw.value,
    encoding: 'raw',
    profile,
  };
  const extensions: { name: string; value?: string }[] = [];
  const seen = new Set<string>();
  const refused = new Set<string>();
  for (const attr of raw.attributes) {
    const row = ATTRIBUTE_BY_WIRE.get(attr.key);
    const field = row?.key;
    const label = row === undefined ? attr.name : row.wire;
    if (attr.spaced) {
      warn(
        'bad_whitespace',
        `whitespace around "=" in ${label}; browsers trim it, but senders must not write it`,
        SOURCES.whitespace,
        label,
      );
    }
    const text = attr.value ?? '';
    if (text.length > 1024) {
      error(
        'attribute_too_long',
        `${label} is ${text.length} bytes; browsers ignore an attribute value longer than 1024 bytes`,
        RULE_SOURCES.attributeSize,
        label,
      );
      refused.add(label);
      continue;
    }
    if (row === undefined || field === undefined) {
      if (LEGACY.has(attr.key)) {
        warn(
          'legacy_attribute',
          `${attr.name} is an RFC 2965 attribute that browsers ignore; remove it`,
          SOURCES.legacy,
          attr.name,
        );
      }
      if (extensions.length < MAX_EXTENSIONS) {
        extensions.push(
          attr.value === undefined ? { name: attr.name } : { name: attr.name, value: attr.value },
        );
      }
      continue;
    }
    if (seen.has(field)) {
      warn(
        'duplicate_attribute',
        `${label} is given more than once; browsers use the last one, senders must write each attribute once`,
        SOURCES.duplicate,
        label,
      );
    }
    seen.add(field);
    if (row.kind === 'flag') {
      if (attr.value !== undefined) {
        warn(
          'flag_value',
          `${label} takes no value; browsers ignore ${quote(attr.value)} and set the flag`,
          RULE_SOURCES.extension,
          label,
        );
      }
      config[field] = true;
      continue;
    }
    const problem = readValue(row, label, text, config, warn);
    if (problem !== undefined) {
      error(problem.code, problem.message, problem.source, label);
      refused.add(label);
    }
  }
  if (extensions.length > 0) config.extensions = extensions;

  const result = Cookie.safeFrom(config);
  if (!result.success) {
    for (const issue of result.error.issues) {
      if (issue.code === 'control_character' || issue.code === 'non_ascii') {
        if (ctl !== -1 || nonAscii !== -1) continue;
      }
      const attribute = attributeOf(issue, extensions);
      if (attribute !== undefined) refused.add(attribute);
      error(issue.code, issue.message, issue.source, attribute);
    }
  }

  // What works, but not everywhere or not for long: the warnings a cookie has too
  const kept = (field: AttributeKey) => seen.has(field) && !refused.has(canonical(field) ?? '');
  const found = warningsOf(
    {
      maxAge: typeof config.maxAge === 'number' ? config.maxAge : undefined,
      expires: config.expires instanceof Date ? config.expires.getTime() : undefined,
      sameSite: seen.has('sameSite') ? String(config.sameSite) : undefined,
      partitioned: kept('partitioned'),
      priority: kept('priority') ? String(config.priority) : undefined,
      legacy: (['version', 'comment'] as const).filter(kept),
    },
    Date.now(),
    true,
  );
  for (const w of found) warn(w.code, w.message, w.source, canonical(w.path[0] as string));
  return freeze(out);
}

/** Reads a valued attribute as `Cookie.parse` does, adding the format warnings. */
function readValue(
  row: AttributeRow,
  label: string,
  text: string,
  config: Record<string, unknown>,
  warn: (code: SetCookieWarningCode, message: string, source: string, attribute?: string) => void,
): CookieIssue | undefined {
  const read = readAttribute(row, text);
  if (isIssue(read)) return read;
  config[row.key] = read;
  const field = row.key;
  if (field === 'maxAge' && text.length > 1 && text.startsWith('0')) {
    warn(
      'max_age_format',
      `Max-Age ${quote(text)} has leading zeros; write ${Number(text)}`,
      SOURCES.maxAge,
      label,
    );
  }
  if (field === 'expires' && config.expires instanceof Date) {
    const date = config.expires;
    if (!isImfFixdate(text, date)) {
      warn(
        'expires_format',
        `Expires ${quote(text)} is not an IMF-fixdate; write ${quote(date.toUTCString())}`,
        SOURCES.expires,
        label,
      );
    }
  }
  return undefined;
}

function attributeOf(
  issue: CookieIssue,
  extensions: readonly { name: string }[],
): string | undefined {
  const [head, index] = issue.path;
  if (head === 'extensions' && typeof index === 'number') return extensions[index]?.name;
  return typeof head === 'string' ? canonical(head) : undefined;
}

const FIXES: Partial<Record<CookieIssueCode | SetCookieWarningCode, string>> = {
  invalid_type: 'pass the Set-Cookie line as a string',
  name_token: "use only letters, digits and ! # $ % & ' * + - . ^ _ ` | ~ in the name",
  name_reserved: 'choose a name that does not begin with "$"',
  value_octets: 'encode the value (percent-encoding or base64url) so it holds cookie-octets only',
  value_encoding: 'write the value with the encoding it is read with',
  control_character: 'remove control characters (CR, LF, NUL, tab, …) from the line',
  non_ascii: 'encode non-ASCII text (base64url or percent-encoding); write a domain as punycode',
  name_value_too_long: 'keep name and value under 4096 bytes; store large data server-side',
  attribute_too_long: 'shorten the attribute value to 1024 bytes or less',
  domain_syntax: 'give a host name of letters, digits and "-" labels, without port or trailing dot',
  domain_leading_dot: 'start Domain with a dot under RFC 2109, or check with profile rfc6265',
  domain_embedded_dot: 'use a domain with an embedded dot, such as ".example.com"',
  path_syntax: 'start Path with "/" and percent-encode ";"',
  max_age_integer: 'write Max-Age as whole seconds ≥ 0 (Max-Age=0 deletes the cookie)',
  expires_date: 'write Expires as an IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT"',
  same_site_value: 'write SameSite=Strict, SameSite=Lax or SameSite=None',
  same_site_none_insecure: 'add Secure, or use SameSite=Lax',
  partitioned_insecure: 'add Secure',
  prefix_secure: 'add Secure, or drop the __Secure- prefix',
  prefix_host: 'add Secure and Path=/ and remove Domain, or drop the __Host- prefix',
  prefix_http: 'add Secure and HttpOnly, or drop the __Http- prefix',
  version_value: 'write Version as a non-negative integer, usually Version=1',
  profile_attribute: 'remove Version and Comment (RFC 2109 only)',
  comment_syntax: 'write Comment without ";"',
  priority_value: 'write Priority=Low, Priority=Medium or Priority=High',
  extension_syntax: 'write an extension as a token name with a non-empty value without ";"',
  extension_reserved: 'use the standard attribute instead of an extension of the same name',
  extension_duplicate: 'give each extension once',
  parse: 'write the line as name=value; Attribute=value; Flag',
  lifetime_capped: 'refresh the cookie before 400 days, or shorten its lifetime',
  same_site_absent: 'add SameSite=Lax (or Strict, or None with Secure)',
  legacy_attribute: 'remove the legacy attribute; browsers ignore it',
  priority_chromium_only: 'nothing to change if a Chromium-only hint is what you want',
  partitioned_support: 'make the cookie work unpartitioned too, for browsers without CHIPS',
  duplicate_attribute: 'give each attribute once',
  max_age_format: 'write Max-Age without leading zeros',
  expires_format: 'write Expires as an IMF-fixdate with the right day name',
  flag_value: 'write the flag alone, without "=" and a value',
  bad_whitespace: 'remove the spaces around "="',
  empty_attribute: 'remove the empty ";" parts',
  too_many_attributes: 'send fewer attributes',
  duplicate_name: 'set each cookie name once per response; clear another scope in another response',
};

function diagnostic(
  severity: 'error' | 'warning',
  code: CookieIssueCode | SetCookieWarningCode,
  message: string,
  source: string,
  attribute: string | undefined,
): SetCookieDiagnostic {
  const fix = FIXES[code] ?? 'see the message';
  return Object.freeze(
    attribute === undefined
      ? { severity, code, message, source, fix }
      : { severity, code, message, source, attribute, fix },
  );
}

/** Errors first, then warnings, each in the order found. */
function freeze(out: SetCookieDiagnostic[]): readonly SetCookieDiagnostic[] {
  const errors = out.filter((d) => d.severity === 'error');
  return Object.freeze(
    errors.length === out.length ? out : [...errors, ...out.filter((d) => d.severity !== 'error')],
  );
}

/** The diagnostics of one line of a response, from `lintSetCookieLines`. */
export interface SetCookieLineReport {
  /** Position of the line among those given, from 0. */
  readonly line: number;
  /** The line as given. */
  readonly header: string;
  /** What `lintSetCookie` says of it, plus a `duplicate_name` warning for a repeated name. */
  readonly diagnostics: readonly SetCookieDiagnostic[];
}

/**
 * Checks the `Set-Cookie` lines of one response together: each line as `lintSetCookie` does,
 * plus a `duplicate_name` warning on every line that repeats the cookie name of an earlier one
 * — 6265bis §4.1.1 says a response must not carry two Set-Cookie lines with the same name, even
 * for different Domain or Path (a browser applies both, in order). Never throws.
 *
 * @example
 * lintSetCookieLines(['sid=; Path=/; Max-Age=0', 'sid=; Path=/app; Max-Age=0'])[1].diagnostics;
 * // → [..., { severity: 'warning', code: 'duplicate_name', ... }]
 */
export function lintSetCookieLines(
  headers: readonly string[],
  options?: LintSetCookieOptions,
): readonly SetCookieLineReport[] {
  const lines: readonly unknown[] = Array.isArray(headers) ? headers : [headers];
  const first = new Map<string, number>();
  const reports = lines.map((header, line): SetCookieLineReport => {
    const diagnostics = [...lintSetCookie(header as string, options)];
    if (typeof header === 'string') {
      const name = splitSetCookie(stripHeaderName(header), 0).name;
      const earlier = first.get(name);
      if (earlier === undefined) first.set(name, line);
      else {
        diagnostics.push(
          diagnostic(
            'warning',
            'duplicate_name',
            `the cookie ${quote(name)} was already set on line ${earlier + 1} of this response; a response must not set one name twice, and browsers apply both lines in order`,
            RULE_SOURCES.duplicateName,
            undefined,
          ),
        );
      }
    }
    return Object.freeze({
      line,
      header: typeof header === 'string' ? header : String(header),
      diagnostics: freeze(diagnostics),
    });
  });
  return Object.freeze(reports);
}
