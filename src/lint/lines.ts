// lintSetCookieLines: the Set-Cookie lines of one response, each as lintSetCookie says, plus what
// the whole response risks (rules/response.ts), each placed on the line where it is met.

import { type ResponseLine, responseWarnings } from '../rules/response.js';
import type { SetCookieDiagnostic } from './diagnostic.js';
import { ordered, toDiagnostic } from './diagnostic.js';
import { isRemoval } from './lifetime.js';
import { type LintSetCookieOptions, lintContext, lintOne } from './lint.js';

/** The diagnostics of one line of a response, from `lintSetCookieLines`. */
export interface SetCookieLineReport {
  /** Position of the line among those given, from 0. */
  readonly line: number;
  /** The line as given. */
  readonly header: string;
  /** What `lintSetCookie` says of it, plus what the response as a whole risks at this line. */
  readonly diagnostics: readonly SetCookieDiagnostic[];
}

/** The lines given, read once: an array as it is (holes read as `undefined`), anything else as one line. */
function linesOf(headers: unknown): readonly unknown[] {
  try {
    if (!Array.isArray(headers)) return [headers];
    return Array.from({ length: Math.min(headers.length, 100_000) }, (_, i) => headers[i]);
  } catch {
    return [headers];
  }
}

/**
 * Checks the `Set-Cookie` lines of one response together: each line as `lintSetCookie` does,
 * and the response as a whole (`duplicate_name` for a name set twice; `too_many_cookies` past
 * RFC 6265's 50 per domain and past the 180 Chromium and Firefox keep; `header_block_size`
 * when the lines pass 4 KB and 8 KB, the proxy header buffers nginx uses by default), each
 * placed on the line where it is met. Never throws.
 *
 * @example
 * lintSetCookieLines(['sid=; Path=/; Max-Age=0', 'sid=; Path=/app; Max-Age=0'])[1].diagnostics;
 * // → [{ severity: 'warning', code: 'duplicate_name', … }]
 */
export function lintSetCookieLines(
  headers: readonly string[],
  options?: LintSetCookieOptions,
): readonly SetCookieLineReport[] {
  const context = lintContext(options);
  const now = Date.now();
  const lines = linesOf(headers);
  const linted = lines.map((header) => lintOne(header, context, now));
  const response: ResponseLine[] = linted.map((l) => ({
    line: l.line,
    name: l.view === undefined ? undefined : l.name,
    domain: domainOf(l.view?.domain),
    path: l.view?.path,
    partitioned: l.view?.partitioned ?? false,
    removal: l.view === undefined || isRemoval(l.view, l.value, now),
  }));
  const extra = new Map<number, SetCookieDiagnostic[]>();
  for (const w of responseWarnings(response)) {
    const at = w.lines.at(-1) ?? 0;
    const list = extra.get(at) ?? [];
    list.push(toDiagnostic({ code: w.code, message: w.message, engines: w.engines }));
    extra.set(at, list);
  }
  return Object.freeze(
    linted.map(
      (l, line): SetCookieLineReport =>
        Object.freeze({
          line,
          header: shown(lines[line]),
          diagnostics: ordered([...l.diagnostics, ...(extra.get(line) ?? [])]),
        }),
    ),
  );
}

/** A line as given, or what it was when not a string (never calling its methods). */
function shown(header: unknown): string {
  if (typeof header === 'string') return header;
  if (typeof header === 'object' || typeof header === 'function' || typeof header === 'symbol') {
    return `(${typeof header})`;
  }
  return String(header);
}

/** A Domain as browsers store it: lowercase, without its leading dot. */
function domainOf(domain: string | undefined): string | undefined {
  if (domain === undefined) return undefined;
  return (domain.startsWith('.') ? domain.slice(1) : domain).toLowerCase();
}
