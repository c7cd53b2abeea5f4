// Lint's verdict against each engine's, for every line of every case's last navigation:
// an engine refuses a line (it stores nothing from it) exactly when lint reports an error that
// names the engine in `refusedBy`. The few deliberate exceptions are on the cases, with reasons.
import { type BrowserEngine, lintSetCookieLines } from '../../src/index.js';
import { type BrowserCase, expectationFor } from './case-types.js';
import { type EngineName, HOST, PARTNER_HOST } from './harness.js';

/** The suite's engine names and lint's. */
export const LINT_ENGINE: Readonly<Record<EngineName, BrowserEngine>> = {
  chromium: 'chromium',
  firefox: 'firefox',
  webkit: 'webkitgtk',
};

/** One line of a case, as one engine and as lint judge it. */
export interface LineVerdict {
  readonly c: BrowserCase;
  readonly engine: EngineName;
  readonly line: string;
  /** The engine stores nothing from the line (its verdict is `rejected`). */
  readonly refused: boolean;
  /** Lint reports an error naming the engine in `refusedBy`. */
  readonly lintRefuses: boolean;
  /** The error codes lint reports for the line. */
  readonly errors: readonly string[];
  /** The engine shows nothing that tells whether it stored the line. */
  readonly unseen: boolean;
  /** Why the two differ on purpose, from the case. */
  readonly exception: string | undefined;
}

/** Every line of the case's last navigation, judged by `engine` and by lint. */
export function lineVerdicts(c: BrowserCase, engine: EngineName): LineVerdict[] {
  const step = c.steps.at(-1);
  if (step === undefined) return [];
  const expectation = expectationFor(c, engine);
  const url = `https://${step.frame ? PARTNER_HOST : HOST}/set/`;
  const profile = (c as { lintProfile?: 'rfc2109' | 'rfc6265' }).lintProfile;
  const reports = lintSetCookieLines(
    step.lines,
    profile === undefined ? { url } : { url, profile },
  );
  const last = step.lines.length - 1;
  return reports.map((report, i) => {
    const errors = report.diagnostics.filter((d) => d.severity === 'error');
    return {
      c,
      engine,
      line: report.header,
      refused: i === last && expectation.verdict === 'rejected',
      lintRefuses: errors.some((d) => d.refusedBy.includes(LINT_ENGINE[engine])),
      errors: errors.map((d) => d.code),
      unseen: i === last && expectation.verdict === 'unseen',
      exception: i === last ? expectation.lintException : undefined,
    };
  });
}

/** How lint fares against one engine over a set of cases. */
export interface Agreement {
  readonly lines: number;
  /** Lines the engine refuses. */
  readonly refused: number;
  /** Lines lint says the engine refuses. */
  readonly lintRefuses: number;
  readonly agree: number;
  /** Lines that differ on purpose (listed on the case). */
  readonly exceptions: readonly LineVerdict[];
  /** Lines that differ and are not listed: a failure. */
  readonly disagree: readonly LineVerdict[];
  /** Lines whose outcome the engine does not show. */
  readonly unseen: number;
}

/** Lint's agreement with `engine` over `cases`. */
export function agreementWith(cases: readonly BrowserCase[], engine: EngineName): Agreement {
  const verdicts = cases.flatMap((c) => lineVerdicts(c, engine));
  const seen = verdicts.filter((v) => !v.unseen);
  const differ = seen.filter((v) => v.refused !== v.lintRefuses);
  return {
    lines: seen.length,
    refused: seen.filter((v) => v.refused).length,
    lintRefuses: seen.filter((v) => v.lintRefuses).length,
    agree: seen.length - differ.length,
    exceptions: differ.filter((v) => v.exception !== undefined),
    disagree: differ.filter((v) => v.exception === undefined),
    unseen: verdicts.length - seen.length,
  };
}
