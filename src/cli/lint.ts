import { lintSetCookieLines, type SetCookieDiagnostic } from '../index.js';
import { formatOptions, type OptionSpecs, parseCommandLine } from './args.js';
import { printJson } from './report.js';
import { EXIT, type Io, Out, readAll, UsageError } from './terminal.js';

const OPTIONS = {
  json: { type: 'boolean', help: 'print the diagnostics as JSON' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
} as const satisfies OptionSpecs;

const HELP = [
  'Usage: cookiesmith lint [header…]',
  '       <command> | cookiesmith lint',
  '',
  "Checks Set-Cookie headers, ours or anyone's, for what a browser would reject, ignore or",
  'clamp. Give each header as an argument, or pipe them on stdin, one per line; the',
  '"Set-Cookie:" prefix is optional, and other header lines (as from curl -sI) are skipped.',
  '',
  'Options:',
  ...formatOptions(OPTIONS),
  '',
  'Exit status: 0 no error (warnings allowed), 1 at least one error, 2 usage.',
  '',
  'Examples:',
  "  cookiesmith lint 'sid=abc; SameSite=None'",
  '  curl -sI https://example.com/ | cookiesmith lint',
  '  cookiesmith build --name sid --value x | cookiesmith lint --json',
].join('\n');

/** The findings for one header line. */
export interface LintReport {
  readonly header: string;
  readonly findings: readonly SetCookieDiagnostic[];
}

/** Lints the Set-Cookie values as the lines of one response (`lintSetCookieLines`). */
export function lintHeaders(headers: readonly string[]): LintReport[] {
  return lintSetCookieLines(headers).map((report) => ({
    header: headers[report.line] ?? report.header,
    findings: report.diagnostics,
  }));
}

/** Counts errors and warnings over reports. */
export function tally(reports: readonly LintReport[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const r of reports)
    for (const f of r.findings) {
      if (f.severity === 'error') errors++;
      else warnings++;
    }
  return { errors, warnings };
}

/** Prints each header followed by its findings: severity, attribute, message, fix and source. */
export function printReports(out: Out, reports: readonly LintReport[]): void {
  for (const report of reports) {
    const worst = report.findings.some((f) => f.severity === 'error')
      ? out.style(['bold', 'red'], '✗')
      : report.findings.length > 0
        ? out.style(['bold', 'yellow'], '!')
        : out.style(['bold', 'green'], '✓');
    out.line(`${worst} ${report.header}`);
    for (const f of report.findings) {
      const label =
        f.severity === 'error'
          ? out.style(['bold', 'red'], 'error  ')
          : out.style(['bold', 'yellow'], 'warning');
      const where = f.attribute === undefined ? '' : `${out.style('bold', f.attribute)}: `;
      out.line(`  ${label} ${where}${f.message}`);
      out.line(`          ${out.style('cyan', 'fix:')} ${f.fix}`);
      out.line(`          ${out.style('dim', `${f.code}, ${f.source}`)}`);
    }
  }
}

/** One line of verdict: how many headers, errors and warnings. */
export function verdict(out: Out, reports: readonly LintReport[]): string {
  const { errors, warnings } = tally(reports);
  const headers = reports.length === 1 ? '1 header' : `${reports.length} headers`;
  const e = errors === 1 ? '1 error' : `${errors} errors`;
  const w = warnings === 1 ? '1 warning' : `${warnings} warnings`;
  const text = `${headers}: ${e}, ${w}`;
  return errors > 0
    ? out.style(['bold', 'red'], text)
    : warnings > 0
      ? out.style(['bold', 'yellow'], text)
      : out.style(['bold', 'green'], text);
}

// A header line from a response dump: "Name: value". A Set-Cookie value never has a token
// followed by ":" before its first "=", so this tells the two apart.
const HEADER_LINE = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+):[ \t]*(.*)$/;

/**
 * The Set-Cookie values in `lines`: a `Set-Cookie:` prefix (any case) is removed, blank lines,
 * status lines and other header lines are skipped, CR before LF is dropped.
 */
export function setCookieValues(lines: readonly string[], skipOthers: boolean): string[] {
  const values: string[] = [];
  for (const raw of lines) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') continue;
    const match = HEADER_LINE.exec(line);
    if (match !== null) {
      if (match[1]?.toLowerCase() === 'set-cookie') values.push(match[2] ?? '');
      else if (!skipOthers) values.push(line);
      continue;
    }
    if (skipOthers && /^HTTP\/\d/.test(line)) continue;
    values.push(line);
  }
  return values;
}

/** `cookiesmith lint`: diagnostics for Set-Cookie headers from arguments or stdin. */
export async function lintCommand(args: readonly string[], io: Io): Promise<number> {
  const out = new Out(io.stdout, io.env);
  const { values, positionals } = parseCommandLine('lint', args, OPTIONS, true);
  if (values.help === true) {
    out.line(HELP);
    return EXIT.ok;
  }
  let headers: string[];
  if (positionals.length > 0) {
    headers = setCookieValues(positionals, false);
  } else {
    if (io.stdin.isTTY === true)
      throw new UsageError(
        'lint: give Set-Cookie headers as arguments or pipe them on stdin; see "cookiesmith lint --help"',
      );
    headers = setCookieValues((await readAll(io.stdin)).split('\n'), true);
  }
  if (headers.length === 0) throw new UsageError('lint: no Set-Cookie header found in the input');
  const reports = lintHeaders(headers);
  const { errors, warnings } = tally(reports);
  if (values.json === true) {
    printJson(out, { errors, warnings, headers: reports });
  } else {
    printReports(out, reports);
    out.line(verdict(out, reports));
  }
  return errors > 0 ? EXIT.lintError : EXIT.ok;
}
