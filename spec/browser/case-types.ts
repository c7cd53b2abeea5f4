// The shape of a case of the browser suite, what each engine must be left with, and the
// helpers the case files write their expectations with.
import type { CookieIssueCode, LintCode } from '../../src/index.js';
import type { EngineName, Step, StoredCookie } from './harness.js';

/** How long an engine should keep a cookie. */
export type Lifetime =
  | 'session'
  /** About this many seconds from the request (Max-Age). */
  | { readonly maxAge: number }
  /** Exactly this epoch second (Expires); `label` names it in docs/conformance.md. */
  | { readonly at: number; readonly label?: string };

/** The exact cookie an engine must store; the lifetime is matched by `comparable`. */
export type ExpectedCookie = Omit<StoredCookie, 'expires'> & { lifetime: Lifetime };

/**
 * What an engine does with the last line of a case. `rejected`: nothing stored from it (it is
 * refused, or read as already expired though it does not read as a removal); `removed`:
 * nothing stored, and the cookie it names deleted, as a removal line means; `altered`: stored,
 * but not as the header meant; `accepted`: stored as written; `unseen`: the engine shows no
 * cookie, and whether it stored one cannot be observed (WebKitGTK lists only the cookies of a
 * URL, and no URL reaches the cookie's path). Lint must call a line an error for an engine
 * exactly when that engine's verdict is `rejected`.
 */
export type Verdict = 'rejected' | 'removed' | 'altered' | 'accepted' | 'unseen';

/** What an engine is left with after a case. */
export interface Outcome {
  /** Every cookie in the store afterwards, sorted by name, then domain, then path. */
  readonly stored: readonly ExpectedCookie[];
  /** `document.cookie` of the document that received the last lines. */
  readonly documentCookie: string;
  /** The navigation fails with an error that includes this text. */
  readonly failure?: string | undefined;
}

/**
 * How Firefox or WebKitGTK differs from a case's main expectation (Chromium's): the fields
 * given replace it, and `note` says what the engine does, for docs/conformance.md.
 */
export interface EngineDifference extends Partial<Outcome> {
  readonly note: string;
  /** The engine's verdict on the last line, where it is not Chromium's. */
  readonly verdict?: Verdict;
  /**
   * Why lint's verdict for this engine differs from the engine's, when it does on purpose
   * (docs/conformance.md lists each with its reason).
   */
  readonly lintException?: string;
}

/**
 * A case: the lines to serve (per navigation) and exactly what each engine must be left with.
 * The fields of `Outcome` are Chromium's, and every engine's unless `engines` says otherwise.
 */
export interface BrowserCase extends Outcome {
  readonly title: string;
  readonly steps: readonly Step[];
  /** DevTools blocked reasons of the last navigation, one array per refused line (Chromium). */
  readonly blocked?: readonly (readonly string[])[];
  /** What Firefox logs to its console about the last navigation's cookies, in order. */
  readonly firefoxSays?: readonly string[];
  /** Where Firefox or WebKitGTK does not do what Chromium does. */
  readonly engines?: { readonly firefox?: EngineDifference; readonly webkit?: EngineDifference };
  /** Something else the case checks about the library side (a warning, a decoded value). */
  readonly check?: () => void;
  /** Chromium's verdict on the last line (every engine's unless `engines` says otherwise); `accepted` when absent. */
  readonly verdict?: Verdict;
  /** Why lint's verdict for Chromium differs from Chromium's, when it does on purpose. */
  readonly lintException?: string;
}

/** A line cookiesmith never sends, and what each engine makes of it: what lint must say. */
export interface LintCase extends BrowserCase {
  readonly verdict: Verdict;
  /** What the case shows. */
  readonly note: string;
  /** The code lint reports for the last line (the condition the case pins); none when absent. */
  readonly lint?: CookieIssueCode | LintCode;
}

/** A case for a RULES.md error rule: a header that breaks it, and what each engine does. */
export interface ReverseCase extends BrowserCase {
  /** RULES.md row number(s). */
  readonly rule: string;
  /** Chromium's verdict, and every engine's unless `engines` says otherwise. */
  readonly verdict: Verdict;
  /** Why the rule is still worth enforcing (for `accepted`) or what changed (for `altered`). */
  readonly note: string;
  /** The profile `lintSetCookie` checks the last line under (else it infers one). */
  readonly lintProfile?: 'rfc2109' | 'rfc6265';
  /** Why lint does not report `refused.code` for the last line (it reads the line otherwise). */
  readonly lintGap?: string;
  /** The configuration that would produce the header, refused by cookiesmith with this issue. */
  readonly refused?: {
    readonly config: unknown;
    readonly code: CookieIssueCode;
    readonly path: readonly (string | number)[];
  };
}

/** What one engine must be left with after a case, and what it must say about it. */
export interface EngineExpectation extends Outcome {
  /** Chromium's blocked reasons or Firefox's console messages; WebKitGTK says nothing. */
  readonly said: readonly (readonly string[])[];
  /** The engine's own note where it differs from Chromium. */
  readonly difference?: string;
  readonly verdict?: Verdict;
  /** Why lint's verdict for this engine differs from the engine's, on purpose. */
  readonly lintException?: string;
}

/**
 * Differences that hold for every cookie of an engine, applied to every expectation rather
 * than repeated in each case: what the engine's store has no field for.
 */
export const ENGINE_WIDE: Readonly<Record<EngineName, readonly string[]>> = {
  chromium: [],
  firefox: ['keeps no Priority (the attribute is ignored, as any unknown attribute)'],
  webkit: [
    'keeps no Priority (the attribute is ignored, as any unknown attribute)',
    'keeps no "SameSite unset": a cookie sent without SameSite is stored as SameSite=None (libsoup); Chromium enforces such a cookie as Lax',
  ],
};

function engineWide(engine: EngineName, cookie: ExpectedCookie): ExpectedCookie {
  if (engine === 'chromium') return cookie;
  const { priority: _priority, ...rest } = cookie;
  if (engine === 'webkit' && rest.sameSite === 'unset') return { ...rest, sameSite: 'None' };
  return rest;
}

/** What `engine` must be left with after case `c`. */
export function expectationFor(c: BrowserCase, engine: EngineName): EngineExpectation {
  const difference = engine === 'chromium' ? undefined : c.engines?.[engine];
  const said =
    engine === 'chromium'
      ? (c.blocked ?? [])
      : engine === 'firefox'
        ? (c.firefoxSays ?? []).map((message) => [message])
        : [];
  const failure =
    difference !== undefined && 'failure' in difference ? difference.failure : c.failure;
  const expectation: EngineExpectation = {
    stored: (difference?.stored ?? c.stored).map((cookie) => engineWide(engine, cookie)),
    documentCookie: difference?.documentCookie ?? c.documentCookie,
    said,
    ...(failure === undefined ? {} : { failure }),
    ...(difference === undefined ? {} : { difference: difference.note }),
  };
  const verdict = difference?.verdict ?? c.verdict;
  const lintException = engine === 'chromium' ? c.lintException : difference?.lintException;
  return {
    ...expectation,
    ...(verdict === undefined ? {} : { verdict }),
    ...(lintException === undefined ? {} : { lintException }),
  };
}

/** The site a partitioned cookie set inside the iframe is keyed to. */
export const TOP_LEVEL_SITE = 'https://cookie.test';
/** The host every top-level case page is loaded from. */
export const HOST = 'www.cookie.test';
export const DAY = 86_400;

/** A stored cookie with the defaults Chromium reports for a plain host-only session cookie. */
export function stored(
  name: string,
  value: string,
  attrs: Partial<ExpectedCookie> = {},
): ExpectedCookie {
  return {
    name,
    value,
    domain: HOST,
    path: '/',
    secure: false,
    httpOnly: false,
    sameSite: 'unset',
    priority: 'Medium',
    lifetime: 'session',
    ...attrs,
  };
}

/** A navigation at the top level that receives `lines`. */
export function top(...lines: string[]): Step {
  return { lines };
}

/** A navigation in the cross-site iframe that receives `lines`. */
export function frame(...lines: string[]): Step {
  return { lines, frame: true };
}
