import { readFileSync } from 'node:fs';
import { lintSetCookieLines } from '../index.js';
import { formatOptions, type OptionSpecs, parseCommandLine } from './args.js';
import { FetchError, fetchHops, type Hop } from './fetch.js';
import { type LintReport, printReports, tally, verdict } from './lint-report.js';
import { printJson } from './report.js';
import { EXIT, type Io, Out, readAll, UsageError } from './terminal.js';

export { type LintReport, printReports, tally, verdict };

const OPTIONS = {
  json: { type: 'boolean', help: 'print the diagnostics as JSON' },
  follow: { type: 'boolean', help: 'with a URL: follow redirects, each response linted apart' },
  ca: {
    type: 'string',
    arg: '<file>',
    help: 'with an https URL: also trust the certificates in this PEM file',
  },
  insecure: { type: 'boolean', help: "with an https URL: do not verify the server's certificate" },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
} as const satisfies OptionSpecs;

const HELP = [
  'Usage: cookiesmith lint [header…]',
  '       cookiesmith lint <url> [--follow]',
  '       <command> | cookiesmith lint',
  '',
  "Says what browsers do with Set-Cookie headers, ours or anyone's: an error when an engine",
  'stores nothing from a line (or the line cannot do what it says), a warning when it stores',
  'the cookie, but not as written; where Chromium, Firefox and WebKitGTK differ, what each does.',
  'Give each header as an argument, or pipe them on stdin, one per line; the "Set-Cookie:"',
  'prefix is optional, and other header lines (as from curl -sI) are skipped. Given a URL, it',
  'fetches it (GET) and lints the Set-Cookie lines of the response together, checking each',
  "Domain against the URL's host; with --follow, each redirect is a response of its own.",
  '',
  'Options:',
  ...formatOptions(OPTIONS),
  '',
  'Exit status: 0 no error (warnings allowed), 1 at least one error, 2 usage or a URL that',
  'cannot be fetched.',
  '',
  'Examples:',
  "  cookiesmith lint 'sid=abc; SameSite=None'",
  '  cookiesmith lint https://example.com/login --follow',
  '  curl -sI https://example.com/ | cookiesmith lint',
  '  cookiesmith build --name sid --value x | cookiesmith lint --json',
].join('\n');

/** Lints the Set-Cookie values as the lines of one response (`lintSetCookieLines`). */
export function lintHeaders(headers: readonly string[], url?: string): LintReport[] {
  return lintSetCookieLines(headers, url === undefined ? undefined : { url }).map((report) => ({
    header: headers[report.line] ?? report.header,
    findings: report.diagnostics,
  }));
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

const URL_ARGUMENT = /^https?:\/\//i;

/** `cookiesmith lint`: diagnostics for Set-Cookie headers from arguments, stdin or a URL. */
export async function lintCommand(args: readonly string[], io: Io): Promise<number> {
  const out = new Out(io.stdout, io.env);
  const { values, positionals } = parseCommandLine('lint', args, OPTIONS, true);
  if (values.help === true) {
    out.line(HELP);
    return EXIT.ok;
  }
  const urls = positionals.filter((p) => URL_ARGUMENT.test(p));
  if (urls.length > 0) {
    if (positionals.length > 1)
      throw new UsageError('lint: give one URL, or Set-Cookie headers, not both');
    return lintUrl(urls[0] as string, values, io, out);
  }
  for (const flag of ['follow', 'ca', 'insecure'] as const) {
    if (values[flag] !== undefined) throw new UsageError(`lint: --${flag} goes with a URL`);
  }
  let headers: string[];
  if (positionals.length > 0) {
    headers = setCookieValues(positionals, false);
  } else {
    if (io.stdin.isTTY === true)
      throw new UsageError(
        'lint: give Set-Cookie headers or a URL as arguments, or pipe headers on stdin; see "cookiesmith lint --help"',
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

/** `cookiesmith lint <url>`: each response on the way, its Set-Cookie lines linted together. */
async function lintUrl(
  url: string,
  values: Readonly<Record<string, string | boolean | readonly string[]>>,
  io: Io,
  out: Out,
): Promise<number> {
  const ca = typeof values.ca === 'string' ? readCa(values.ca) : undefined;
  if (values.insecure === true) {
    new Out(io.stderr, io.env).line(
      'cookiesmith lint: --insecure: the server certificate is not verified',
    );
  }
  let hops: Hop[];
  try {
    hops = await fetchHops(url, {
      follow: values.follow === true,
      insecure: values.insecure === true,
      ca,
      timeoutMs: 15_000,
      maxHops: 10,
    });
  } catch (error) {
    if (error instanceof FetchError) throw new UsageError(`lint: ${url}: ${error.message}`);
    throw error;
  }
  const responses = hops.map(({ setCookie, ...hop }) => ({
    ...hop,
    headers: lintHeaders(setCookie, hop.url),
  }));
  const all = responses.flatMap((r) => r.headers);
  const { errors, warnings } = tally(all);
  if (values.json === true) {
    printJson(out, { errors, warnings, responses });
  } else {
    for (const r of responses) printHop(out, r, r.headers);
    const last = responses.at(-1);
    if (last?.location !== undefined && values.follow !== true)
      out.line(out.style('dim', `(a redirect to ${last.location}: --follow to lint it too)`));
    out.line(verdict(out, all, responses.length));
  }
  return errors > 0 ? EXIT.lintError : EXIT.ok;
}

function printHop(out: Out, hop: Omit<Hop, 'setCookie'>, reports: readonly LintReport[]): void {
  const status = `${hop.status}${hop.statusText === '' ? '' : ` ${hop.statusText}`}`;
  out.line(out.style('bold', `GET ${hop.url} → ${status}`));
  if (hop.location !== undefined) out.line(`  Location: ${hop.location}`);
  if (reports.length === 0) out.line(out.style('dim', '  no Set-Cookie lines'));
  printReports(out, reports, '  ');
}

function readCa(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`lint: --ca ${JSON.stringify(file)} cannot be read`);
  }
}
