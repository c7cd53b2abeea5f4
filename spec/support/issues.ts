// Shared assertions for validation specs: issues are compared as `[path, code]` pairs (the
// field and the rule), never by message text.
import { expect } from 'chai';
import { Cookie, CookieError, type CookieResult, CookieValidationError } from '../../src/index.js';

/** An issue as the specs compare it: the field path joined with dots, and the rule code. */
export type IssueKey = [path: string, code: string];

function keysOf(error: unknown): IssueKey[] {
  expect(error).to.be.instanceOf(CookieValidationError);
  const issues = (error as CookieValidationError).issues;
  expect(issues).to.have.length.greaterThan(0);
  for (const issue of issues) expect(issue.source).to.be.a('string').and.not.equal('');
  return issues.map((issue) => [issue.path.join('.'), issue.code]);
}

/** The issues of a failed result; fails the spec when the result is a cookie. */
export function issuesOf(result: CookieResult): IssueKey[] {
  if (result.success) {
    return expect.fail(`expected a CookieValidationError, got "${result.cookie.toString()}"`);
  }
  return keysOf(result.error);
}

/** Runs `fn`, which must throw a `CookieValidationError`, and returns its issues. */
export function thrownIssues(fn: () => unknown): IssueKey[] {
  try {
    fn();
  } catch (error) {
    return keysOf(error);
  }
  return expect.fail('expected a CookieValidationError, nothing was thrown');
}

/** The issues `Cookie.safeFrom(config)` reports for an invalid config. */
export function rejects(config: unknown): IssueKey[] {
  return issuesOf(Cookie.safeFrom(config));
}

/** Builds a cookie from a config that must be valid and returns it. */
export function accepts(config: unknown): Cookie {
  const result = Cookie.safeFrom(config);
  if (!result.success) {
    return expect.fail(
      `expected a cookie, got ${JSON.stringify(result.error.issues.map((i) => [i.path.join('.'), i.code]))}`,
    );
  }
  return result.cookie;
}

/** Runs `fn` and reports anything thrown that is not a `CookieError`; returns what was thrown. */
export function onlyCookieErrors(fn: () => unknown): unknown {
  try {
    fn();
    return undefined;
  } catch (error) {
    if (!(error instanceof CookieError)) {
      expect.fail(
        `expected only CookieError to escape, got ${String((error as Error)?.name)}: ${String((error as Error)?.message)}`,
      );
    }
    return error;
  }
}
