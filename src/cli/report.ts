import type { CookieIssue, CookieWarning } from '../index.js';
import type { Out } from './terminal.js';

/** An issue of one cookie, with where it came from: a file and index, or the command line. */
export interface LocatedIssue extends CookieIssue {
  /** `cookies.json[1]`, `cookies.json` or `flags`. */
  readonly location: string;
  /** The cookie's name when it was a string. */
  readonly cookie?: string;
  /** How the user writes the field there: `[1].maxAge` in a file, `--max-age` on the command line. */
  readonly field: string;
}

/** A warning of one valid cookie, with the cookie's name. */
export interface NamedWarning extends CookieWarning {
  readonly cookie: string;
}

const FLAG_OF: Readonly<Record<string, string>> = {
  httpOnly: 'http-only',
  maxAge: 'max-age',
  sameSite: 'same-site',
  extensions: 'extension',
};

/** The command-line flag that sets the field an issue path names, e.g. `maxAge` → `--max-age`. */
export function flagOf(path: readonly (string | number)[]): string {
  const head = path[0];
  if (head === undefined) return '(cookie)';
  const key = String(head);
  return `--${FLAG_OF[key] ?? key}`;
}

/** The key an issue path names in a configuration file, e.g. `extensions[0].name`. */
export function keyOf(path: readonly (string | number)[]): string {
  let text = '';
  for (const part of path) text += typeof part === 'number' ? `[${part}]` : `.${part}`;
  if (text.startsWith('.')) text = text.slice(1);
  return text === '' ? '(cookie)' : text;
}

/** Prints every issue, one per line: where, the field, the message, then the rule and its source. */
export function printIssues(err: Out, heading: string, issues: readonly LocatedIssue[]): void {
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  err.line(`${err.style(['bold', 'red'], 'error:')} ${heading}: ${count}`);
  for (const issue of issues) {
    const where = issue.location === 'flags' ? issue.field : `${issue.location} ${issue.field}`;
    err.line(`  ${err.style('bold', where)}: ${issue.message}`);
    err.line(`    ${err.style('dim', `rule ${issue.code}, ${issue.source}`)}`);
  }
}

/** Prints the warnings of valid cookies: what browsers clamp, ignore or differ on. */
export function printWarnings(err: Out, warnings: readonly NamedWarning[]): void {
  for (const w of warnings) {
    err.line(
      `${err.style(['bold', 'yellow'], 'warning')} ${JSON.stringify(w.cookie)} ${w.path.join('.')}: ${w.message}`,
    );
    err.line(`    ${err.style('dim', `${w.code}, ${w.source}`)}`);
  }
}

/** Writes a value as indented JSON followed by a newline. */
export function printJson(out: Out, value: unknown): void {
  out.line(JSON.stringify(value, null, 2));
}
