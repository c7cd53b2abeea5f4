// lintSetCookie: what browsers do with any Set-Cookie line, ours or not. Each check adds its
// findings; diagnostic.ts turns them into diagnostics by one severity model.

import { splitSetCookie, stripHeaderName } from '../parse/split.js';
import { type CookieProfile, PROFILE } from '../rules/attributes.js';
import { type BrowserEngine, warningsOf } from '../rules/warnings.js';
import { type AttributeView, emptyView, readAttributes, warningSubject } from './attributes.js';
import { characterFindings } from './characters.js';
import {
  type Finding,
  fromWarning,
  ordered,
  type SetCookieDiagnostic,
  toDiagnostic,
} from './diagnostic.js';
import { lifetimeFindings } from './lifetime.js';
import { pairFindings } from './pair.js';
import { domainFindings, secureFindings } from './scope.js';

/** Options of `lintSetCookie` and `lintSetCookieLines`. */
export interface LintSetCookieOptions {
  /**
   * Profile whose grammar the line is held to besides what browsers do. By default it is
   * inferred: `'rfc2109'` when the line carries `Version` or `Comment`, `'rfc6265'` otherwise.
   */
  readonly profile?: CookieProfile;
  /**
   * The URL whose response carries the line. With it, lint also checks that the Domain
   * covers the URL's host, as browsers do (6265bis §5.7 step 8).
   */
  readonly url?: string | URL;
}

/** What lint reads of its options: each read once, a bad one reported rather than thrown. */
export interface LintContext {
  readonly profile: CookieProfile | undefined;
  readonly host: string | undefined;
  readonly problems: readonly Finding[];
}

/** The most attributes read from one line; the rest are counted (`too_many_attributes`). */
const MAX_ATTRIBUTES = 256;

/** Reads the options; never throws (a getter or Proxy that throws is reported). */
export function lintContext(options: unknown): LintContext {
  if (options === undefined || options === null) {
    return { profile: undefined, host: undefined, problems: [] };
  }
  const problems: Finding[] = [];
  let profile: CookieProfile | undefined;
  let host: string | undefined;
  try {
    const given = (options as { profile?: unknown }).profile;
    if (typeof given === 'string' && (PROFILE.values as readonly string[]).includes(given)) {
      profile = given as CookieProfile;
    } else if (given !== undefined) {
      problems.push(optionProblem('options.profile is not "rfc2109" or "rfc6265"; it was ignored'));
    }
    const url = (options as { url?: unknown }).url;
    if (url !== undefined) {
      host = hostOf(url);
      if (host === undefined) {
        problems.push(
          optionProblem(
            'options.url is not an absolute URL; Domain was not checked against a host',
          ),
        );
      }
    }
  } catch {
    problems.push(optionProblem('the options could not be read; they were ignored'));
  }
  return { profile, host, problems };
}

function optionProblem(message: string): Finding {
  return { code: 'invalid_type', message, defeats: true };
}

function hostOf(url: unknown): string | undefined {
  const text = url instanceof URL ? url.href : typeof url === 'string' ? url : undefined;
  if (text === undefined || !URL.canParse(text)) return undefined;
  const host = new URL(text).hostname.toLowerCase();
  return host.startsWith('[') ? host.slice(1, -1) : host === '' ? undefined : host;
}

/** The attribute name a shared warning's field stands for. */
const WIRE: Readonly<Record<string, string>> = {
  maxAge: 'Max-Age',
  expires: 'Expires',
  sameSite: 'SameSite',
  priority: 'Priority',
  partitioned: 'Partitioned',
  comment: 'Comment',
};

/** The findings of one line (the header name already stripped), and what browsers keep of it. */
export function lintLine(
  line: string,
  context: LintContext,
  now: number,
): { findings: Finding[]; view: AttributeView; name: string | undefined; value: string } {
  const out: Finding[] = [...context.problems];
  characterFindings(line, out);
  const raw = splitSetCookie(line, MAX_ATTRIBUTES);
  // a tab around "=" has its own finding (characters.ts)
  const semicolon = line.indexOf(';');
  const pair = semicolon === -1 ? line : line.slice(0, semicolon);
  if (raw.spaced && !pair.includes('\t')) {
    out.push({
      code: 'bad_whitespace',
      message:
        'whitespace around "=" in the cookie-pair; browsers trim it, but senders must not write it',
    });
  }
  if (raw.emptyParts > 0) {
    out.push({
      code: 'empty_attribute',
      message: 'the line has an empty attribute (";;" or a trailing ";"); browsers skip it',
    });
  }
  if (raw.omitted > 0) {
    out.push({
      code: 'too_many_attributes',
      message: `the line has ${raw.attributes.length + raw.omitted} attributes; only the first ${raw.attributes.length} were checked`,
    });
  }
  const legacy = raw.attributes.some((a) => a.key === 'version' || a.key === 'comment');
  const profile = context.profile ?? (legacy ? 'rfc2109' : 'rfc6265');
  const view = emptyView();
  readAttributes(raw, profile, view, out);
  const firefoxReads = {
    secure: view.secure,
    httpOnly: view.httpOnly,
    path: view.path,
    hasDomain: view.domain !== undefined,
  };
  pairFindings(raw, firefoxReads, out);
  domainFindings(view, profile, context.host, out);
  const named = raw.hasEquals && raw.name !== '';
  if (named) secureFindings(raw.name, view, out);
  lifetimeFindings(view, raw.value, now, out);
  if (!refusedEverywhere(out)) sharedWarnings(view, now, out);
  return { findings: out, view, name: raw.hasEquals ? raw.name : undefined, value: raw.value };
}

function refusedEverywhere(out: readonly Finding[]): boolean {
  const refusing = new Set<BrowserEngine>(out.flatMap((f) => f.refusedBy ?? []));
  return refusing.size === 3;
}

/** The warnings a built cookie would carry too (`cookie.warnings`), in their words. */
function sharedWarnings(view: AttributeView, now: number, out: Finding[]): void {
  let unknown = 0;
  for (const w of warningsOf(warningSubject(view), now, true)) {
    const field = w.path[0] ?? '';
    const attribute = w.code === 'attribute_unknown' ? view.unknown[unknown++] : WIRE[field];
    out.push(fromWarning(w, attribute));
  }
}

/**
 * Says what browsers do with any `Set-Cookie` line, ours or not, as frozen diagnostics, errors
 * first. An **error**: an engine stores nothing from the line for this reason (it refuses it, or
 * reads it as already expired), or the line cannot do what it says (a flag that is not set, a
 * header that breaks in two). A **warning**: every engine stores a cookie, but not as written,
 * or the line breaks the server grammar browsers tolerate. Each diagnostic names the engines
 * that refuse the line (`refusedBy`) and, where they differ, what each does (`engines`): Chromium,
 * Firefox and WebKitGTK (libsoup's store, not Safari's), as the browser suite checks them. A
 * leading `Set-Cookie:` is accepted. Never throws; an empty array means nothing to report.
 *
 * @example
 * lintSetCookie('sid=1; Max-Age=99999999; SameSite=None');
 * // → error same_site_none_insecure (refusedBy chromium, firefox); warning lifetime_capped …
 */
export function lintSetCookie(
  header: string,
  options?: LintSetCookieOptions,
): readonly SetCookieDiagnostic[] {
  return lintOne(header, lintContext(options), Date.now()).diagnostics;
}

/** One line linted in a context, with what the response-level rules need of it. */
export function lintOne(
  header: unknown,
  context: LintContext,
  now: number,
): {
  diagnostics: readonly SetCookieDiagnostic[];
  view: AttributeView | undefined;
  name: string | undefined;
  value: string;
  line: string;
} {
  if (typeof header !== 'string') {
    const problem = toDiagnostic({
      code: 'invalid_type',
      message: 'a Set-Cookie line must be a string',
      defeats: true,
    });
    return {
      diagnostics: Object.freeze([problem]),
      view: undefined,
      name: undefined,
      value: '',
      line: '',
    };
  }
  const line = stripHeaderName(header);
  const { findings, view, name, value } = lintLine(line, context, now);
  return { diagnostics: ordered(findings.map(toDiagnostic)), view, name, value, line };
}
