// zod's issues turned into cookiesmith's: each with the field, the rule and its source. The
// rule functions' own problems travel through zod as custom issues carrying their code and
// source; zod's structural issues (a wrong type, an unknown key) get theirs here.

import type * as z from 'zod/mini';
import { type CookieIssue, type CookieIssueCode, quote } from '../errors.js';
import { RULE_SOURCES } from './sources.js';

/** The rule a wrong type in Max-Age or Expires breaks, its message and source. */
export const UNION_FIELDS: Readonly<Record<string, readonly [CookieIssueCode, string, string]>> = {
  maxAge: [
    'max_age_integer',
    'must be a number of seconds or { days, hours, minutes, seconds }',
    RULE_SOURCES.maxAge,
  ],
  expires: [
    'expires_date',
    'must be a Date, an ISO 8601 string or epoch milliseconds',
    RULE_SOURCES.expires,
  ],
};

const SNAKE_HINTS: Readonly<Record<string, string>> = {
  max_age: 'maxAge',
  http_only: 'httpOnly',
  httponly: 'httpOnly',
  same_site: 'sameSite',
  samesite: 'sameSite',
  'max-age': 'maxAge',
  maxage: 'maxAge',
  expire: 'expires',
};

function hintFor(key: string): string {
  const known = SNAKE_HINTS[key.toLowerCase()];
  return known === undefined ? '' : `; did you mean "${known}"?`;
}

function describeExpected(path: readonly (string | number)[], expected: string): string {
  if (path.length === 0) return 'an object';
  return expected === 'boolean' ? 'true or false' : `a ${expected}`;
}

/** Turns a zod error into cookiesmith issues, each with field, rule and source. */
export function toCookieIssues(error: z.core.$ZodError): CookieIssue[] {
  const issues: CookieIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const field = path.length === 0 ? 'config' : path.join('.');
    if (issue.code === 'custom') {
      const params = (issue as { params?: { rule?: CookieIssueCode; source?: string } }).params;
      issues.push({
        path,
        code: params?.rule ?? 'invalid_type',
        message: issue.message,
        source: params?.source ?? RULE_SOURCES.config,
      });
    } else if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        issues.push({
          path: [...path, key],
          code: 'unknown_key',
          message: `${quote(key)} is not a cookie attribute${hintFor(key)}`,
          source: RULE_SOURCES.config,
        });
      }
    } else if (issue.code === 'invalid_type') {
      issues.push({
        path,
        code: 'invalid_type',
        message: `${field} must be ${describeExpected(path, issue.expected)}`,
        source: RULE_SOURCES.config,
      });
    } else if (issue.code === 'invalid_union') {
      const known = UNION_FIELDS[String(path[0])];
      issues.push({
        path,
        code: known?.[0] ?? 'invalid_type',
        message: `${field} ${known?.[1] ?? 'has the wrong type'}`,
        source: known?.[2] ?? RULE_SOURCES.config,
      });
    } else {
      // too_big (more extensions than allowed), too_small (a negative part of a duration)
      const bound =
        issue.code === 'too_big'
          ? `at most ${String(issue.maximum)}`
          : issue.code === 'too_small'
            ? `at least ${String(issue.minimum)}`
            : 'valid';
      issues.push({
        path,
        code: path[0] === 'maxAge' ? 'duration' : 'invalid_type',
        message: `${field} must be ${bound}${issue.code === 'too_big' && path[0] === 'extensions' ? ' entries' : ''}`,
        source: RULE_SOURCES.config,
      });
    }
  }
  return issues;
}
