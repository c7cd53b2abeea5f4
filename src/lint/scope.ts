// The rules about where a cookie may live and what it needs for that: its Domain (a host name,
// not a public suffix, one the responding host belongs to), and what Secure, a name prefix,
// SameSite=None and Partitioned demand. Chromium and Firefox enforce them; WebKitGTK enforces
// Domain but none of the others (the browser suite, docs/conformance.md).

import type { CookieIssue } from '../errors.js';
import { quote } from '../errors.js';
import type { CookieProfile } from '../rules/attributes.js';
import { secureProblems } from '../rules/cookie-rules.js';
import { isLdhName } from '../rules/grammar.js';
import { prefixNeedsOf } from '../rules/prefixes.js';
import { isPublicSuffix } from '../rules/public-suffixes.js';
import { engineNotes } from '../rules/warnings.js';
import type { AttributeView } from './attributes.js';
import { EVERY_ENGINE, engines, type Finding } from './diagnostic.js';

/** The findings of a line's Domain; `host` is the responding host, when known. */
export function domainFindings(
  view: AttributeView,
  profile: CookieProfile,
  host: string | undefined,
  out: Finding[],
): void {
  const written = view.domain;
  if (written === undefined) return;
  // 6265bis §5.6.3: one leading dot is dropped, the rest lowercased
  const bare = written.startsWith('.') ? written.slice(1) : written;
  const domain = bare.toLowerCase();
  if (domain === '' || domain.length > 253 || !isLdhName(domain)) {
    out.push({
      code: 'domain_syntax',
      attribute: 'Domain',
      message: `Domain ${quote(written)} is not a host name (letters, digits and "-" in dot-separated labels, no trailing dot): every browser refuses the line`,
      refusedBy: EVERY_ENGINE,
    });
    return;
  }
  if (isPublicSuffix(domain) && host !== domain) {
    out.push({
      code: 'domain_public_suffix',
      attribute: 'Domain',
      message: `Domain ${quote(written)} is a public suffix${domain.includes('.') ? '' : ' (a single label counts as one)'}: every browser refuses a cookie for all of its sites`,
      refusedBy: EVERY_ENGINE,
    });
    return;
  }
  if (host !== undefined && host !== domain && !host.endsWith(`.${domain}`)) {
    out.push({
      code: 'domain_mismatch',
      attribute: 'Domain',
      message: `Domain ${quote(written)} does not cover the responding host ${quote(host)}: every browser refuses the line`,
      refusedBy: EVERY_ENGINE,
    });
    return;
  }
  if (bare !== domain) {
    out.push({
      code: 'domain_case',
      attribute: 'Domain',
      message: `Domain ${quote(written)} has upper-case letters: Chromium and Firefox lowercase it, WebKitGTK compares it with the host letter for letter and refuses the line`,
      refusedBy: engines('webkitgtk'),
      engines: engineNotes('lowercases it', 'lowercases it', 'refuses the line'),
    });
  }
  if (profile === 'rfc2109' && !written.startsWith('.')) {
    out.push({
      code: 'domain_leading_dot',
      attribute: 'Domain',
      message: `Domain ${quote(written)} has no leading dot, which RFC 2109 asks for (§4.3.2); browsers take it either way`,
    });
  }
}

const FIELD_LABEL: Readonly<Record<string, string>> = {
  secure: 'Secure',
  httpOnly: 'HttpOnly',
  path: 'Path',
  domain: 'Domain',
};

/** What a prefix, SameSite=None or Partitioned needs, and which engine refuses the line without it. */
export function secureFindings(name: string, view: AttributeView, out: Finding[]): void {
  const problems = secureProblems({
    name,
    secure: view.secure,
    httpOnly: view.httpOnly,
    sameSite: view.sameSite,
    partitioned: view.partitioned,
    path: view.path,
    hasDomain: view.domain !== undefined,
  });
  for (const problem of problems) out.push(secureFinding(name, problem));
}

function secureFinding(name: string, problem: CookieIssue): Finding {
  const field = String(problem.path[0]);
  const attribute = FIELD_LABEL[field];
  const refused = 'Chromium and Firefox refuse the line';
  if (problem.code === 'same_site_none_insecure') {
    return {
      code: problem.code,
      attribute,
      message: `SameSite=None without Secure: ${refused}; WebKitGTK stores it as SameSite=None`,
      refusedBy: engines('chromium', 'firefox'),
      engines: engineNotes('refuses the line', 'refuses the line', 'stores it'),
    };
  }
  if (problem.code === 'partitioned_insecure') {
    return {
      code: problem.code,
      attribute,
      message: `Partitioned without Secure: ${refused}; WebKitGTK stores it, unpartitioned`,
      refusedBy: engines('chromium', 'firefox'),
      engines: engineNotes('refuses the line', 'refuses the line', 'stores it, unpartitioned'),
    };
  }
  const prefix = prefixNeedsOf(name)?.prefix ?? '';
  const needs =
    field === 'path' ? 'Path=/' : field === 'domain' ? 'no Domain' : (attribute ?? field);
  return {
    code: problem.code,
    attribute,
    message: `${quote(name)} has the ${prefix} prefix, which needs ${needs}: ${refused}; WebKitGTK stores it (it enforces no prefix)`,
    refusedBy: engines('chromium', 'firefox'),
    engines: engineNotes('refuses the line', 'refuses the line', 'stores it: no prefix rules'),
  };
}
