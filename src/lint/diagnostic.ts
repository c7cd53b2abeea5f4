// A lint diagnostic and the severity model, in one place:
// - error: at least one engine stores nothing from the line for this reason (it refuses the
//   line, or reads it as already expired), or the line cannot do what it says in any engine
//   (a flag that is not set, a header that breaks into two);
// - warning: every engine stores a cookie, but not as written (an attribute ignored, a lifetime
//   capped, a nameless cookie), or the line breaks the server grammar that browsers tolerate.
// Code, source and fix come from the shared catalogue (rules/conditions.ts).

import type { CookieIssueCode } from '../errors.js';
import { CONDITIONS } from '../rules/conditions.js';
import {
  BROWSER_ENGINES,
  type BrowserEngine,
  type CookieWarning,
  type EngineNotes,
  type LintCode,
} from '../rules/warnings.js';

/** One finding of `lintSetCookie`. */
export interface SetCookieDiagnostic {
  /**
   * `'error'`: an engine stores nothing from the line for this reason, or the line cannot do
   * what it says; `'warning'`: every engine stores a cookie, but not as written, or the line
   * breaks the server-side grammar that browsers tolerate.
   */
  readonly severity: 'error' | 'warning';
  /** The rule: a `CookieIssueCode` (the same the builder and `Cookie.parse` report) or a `LintCode`. */
  readonly code: CookieIssueCode | LintCode;
  /** What is wrong and what the browsers end up storing; never the cookie's value. */
  readonly message: string;
  /** The specification or browser behaviour the rule comes from. */
  readonly source: string;
  /** The attribute concerned, in canonical spelling (`'Max-Age'`) or as written when unknown. */
  readonly attribute?: string;
  /** What to change, in one sentence. */
  readonly fix: string;
  /** The engines that store nothing from the line for this reason; empty when all store it. */
  readonly refusedBy: readonly BrowserEngine[];
  /** What each engine does, when they do not all do the same. */
  readonly engines?: EngineNotes;
}

/** What a check finds, before the catalogue and the severity model make it a diagnostic. */
export interface Finding {
  readonly code: CookieIssueCode | LintCode;
  readonly message: string;
  readonly attribute?: string | undefined;
  /** The engines that store nothing from the line because of it. */
  readonly refusedBy?: readonly BrowserEngine[];
  readonly engines?: EngineNotes | undefined;
  /** The line cannot do what it says in any engine (a Secure that is not set). */
  readonly defeats?: boolean;
}

const NONE: readonly BrowserEngine[] = Object.freeze([]);
const ALL: readonly BrowserEngine[] = BROWSER_ENGINES;

/** Every engine: the line is refused (or read as expired) everywhere. */
export const EVERY_ENGINE = ALL;

/** The engines among `engines`, in report order, frozen. */
export function engines(...names: BrowserEngine[]): readonly BrowserEngine[] {
  return Object.freeze(ALL.filter((e) => names.includes(e)));
}

/** The diagnostic of a finding: severity by the model above, source and fix from the catalogue. */
export function toDiagnostic(f: Finding): SetCookieDiagnostic {
  const refusedBy = f.refusedBy === undefined || f.refusedBy.length === 0 ? NONE : f.refusedBy;
  const severity = refusedBy.length > 0 || f.defeats === true ? 'error' : 'warning';
  const { source, fix } = CONDITIONS[f.code];
  const out: Record<string, unknown> = { severity, code: f.code, message: f.message, source };
  if (f.attribute !== undefined) out.attribute = f.attribute;
  out.fix = fix;
  out.refusedBy = refusedBy;
  if (f.engines !== undefined) out.engines = f.engines;
  return Object.freeze(out) as unknown as SetCookieDiagnostic;
}

/** A shared warning (cookie.warnings, the jar's warnings) as a lint finding. */
export function fromWarning(w: CookieWarning, attribute?: string): Finding {
  return { code: w.code, message: w.message, attribute, engines: w.engines };
}

/** Errors first, then warnings, each in the order found; frozen. */
export function ordered(out: readonly SetCookieDiagnostic[]): readonly SetCookieDiagnostic[] {
  const errors = out.filter((d) => d.severity === 'error');
  return Object.freeze(
    errors.length === out.length || errors.length === 0
      ? [...out]
      : [...errors, ...out.filter((d) => d.severity !== 'error')],
  );
}
