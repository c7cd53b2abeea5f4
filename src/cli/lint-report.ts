import type { SetCookieDiagnostic } from '../index.js';
import type { Out } from './terminal.js';

/** The findings for one header line. */
export interface LintReport {
  readonly header: string;
  readonly findings: readonly SetCookieDiagnostic[];
}

/** How the per-engine notes name each engine (WebKitGTK is libsoup's store, not Safari's). */
const ENGINE_NAMES = {
  chromium: 'Chromium',
  firefox: 'Firefox',
  webkitgtk: 'WebKitGTK (libsoup)',
} as const;

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

/** Shows a header on one line: control characters escaped, so a line break cannot fake output. */
function showHeader(text: string): string {
  return text.replace(/[\x00-\x1F\x7F]/g, (ch) => {
    const names: Record<string, string> = { '\r': '\\r', '\n': '\\n', '\t': '\\t' };
    return names[ch] ?? `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`;
  });
}

/** One finding: severity, attribute, message; what each engine does; fix; rule and source. */
function printFinding(out: Out, f: SetCookieDiagnostic, indent: string): void {
  const label =
    f.severity === 'error'
      ? out.style(['bold', 'red'], 'error  ')
      : out.style(['bold', 'yellow'], 'warning');
  const where = f.attribute === undefined ? '' : `${out.style('bold', f.attribute)}: `;
  const pad = `${indent}        `;
  out.line(`${indent}${label} ${where}${f.message}`);
  if (f.engines !== undefined) {
    for (const [engine, name] of Object.entries(ENGINE_NAMES)) {
      const note = f.engines[engine as keyof typeof ENGINE_NAMES];
      const refused = f.refusedBy.includes(engine as keyof typeof ENGINE_NAMES);
      const text = `${name}: ${note}`;
      out.line(`${pad}${refused ? out.style('red', text) : out.style('dim', text)}`);
    }
  }
  out.line(`${pad}${out.style('cyan', 'fix:')} ${f.fix}`);
  out.line(`${pad}${out.style('dim', `${f.code}, ${f.source}`)}`);
}

/** Prints each header followed by its findings. */
export function printReports(out: Out, reports: readonly LintReport[], indent = ''): void {
  for (const report of reports) {
    const worst = report.findings.some((f) => f.severity === 'error')
      ? out.style(['bold', 'red'], '✗')
      : report.findings.length > 0
        ? out.style(['bold', 'yellow'], '!')
        : out.style(['bold', 'green'], '✓');
    out.line(`${indent}${worst} ${showHeader(report.header)}`);
    for (const f of report.findings) printFinding(out, f, `${indent}  `);
  }
}

/** One line of verdict: how many headers (and responses), errors and warnings. */
export function verdict(out: Out, reports: readonly LintReport[], responses?: number): string {
  const { errors, warnings } = tally(reports);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const lead = responses === undefined ? '' : `${plural(responses, 'response')}, `;
  const text = `${lead}${plural(reports.length, 'header')}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  return errors > 0
    ? out.style(['bold', 'red'], text)
    : warnings > 0
      ? out.style(['bold', 'yellow'], text)
      : out.style(['bold', 'green'], text);
}
