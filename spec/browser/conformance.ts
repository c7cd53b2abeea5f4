// docs/conformance.md, rendered from the expectations of the browser suite (which every engine
// run checks), so its text changes only when a case, an engine version or cookiesmith's own
// output does — never from one run to the next.
import { lintSetCookieLines } from '../../src/index.js';
import { agreementWith } from './agreement.js';
import {
  allCases,
  type BrowserCase,
  builtCases,
  caseTitle,
  DAILY_TEXT,
  ENGINE_WIDE,
  type EngineExpectation,
  type ExpectedCookie,
  expectationFor,
  type Lifetime,
  lintCases,
  type ProbeCase,
  probeCases,
  type ReverseCase,
  reverseCases,
} from './cases.js';
import { ENGINE_LABELS, type EngineName } from './harness.js';

export const CONFORMANCE_FILE = new URL('../../docs/conformance.md', import.meta.url);

const ENGINE_ORDER: readonly EngineName[] = ['chromium', 'firefox', 'webkit'];

/** The version of each engine the file was written with. */
export type EngineVersions = Partial<Record<EngineName, string>>;

const VERSIONS_COMMENT = /<!-- versions: (\{.*\}) -->/;

/** The engine versions recorded in a docs/conformance.md text. */
export function documentedVersions(text: string): EngineVersions {
  const match = VERSIONS_COMMENT.exec(text);
  return match?.[1] === undefined ? {} : (JSON.parse(match[1]) as EngineVersions);
}

/** What lint says of the last line of a case: each code once, its severity, the engines refusing. */
export function lintSummary(c: BrowserCase): string {
  const step = c.steps.at(-1);
  const profile = (c as Partial<ReverseCase>).lintProfile;
  const options = profile === undefined ? {} : { profile };
  const host = step?.frame ? 'www.partner.test' : 'www.cookie.test';
  const reports = lintSetCookieLines(step?.lines ?? [], { ...options, url: `https://${host}/` });
  const shown = new Map<string, string>();
  for (const d of reports.at(-1)?.diagnostics ?? []) {
    if (shown.has(d.code)) continue;
    const who = d.refusedBy.map((e) => LINT_LABEL[e]).join(', ');
    shown.set(d.code, `${d.severity} \`${d.code}\`${who === '' ? '' : ` (refused by ${who})`}`);
  }
  return shown.size === 0 ? 'nothing to report' : [...shown.values()].join('<br>');
}

const LINT_LABEL = { chromium: 'Chromium', firefox: 'Firefox', webkitgtk: 'WebKitGTK' } as const;

/** Shows control characters, long runs and table pipes so a header reads on one line. */
export function showHeader(text: string): string {
  return text
    .replace(/(.)\1{19,}/g, (run, ch: string) => `${ch}…(${run.length}×)`)
    .replace(/[\x00-\x1F\x7F]/g, (ch) => {
      const names: Record<string, string> = { '\r': '\\r', '\n': '\\n', '\t': '\\t' };
      return names[ch] ?? `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`;
    })
    .replace(/\|/g, '\\|');
}

/** A long list shown by its first two items and its last. */
function compact<T>(items: readonly T[], show: (item: T) => string, unit: string): string[] {
  if (items.length <= 6) return items.map(show);
  const first = items.slice(0, 2).map(show);
  return [...first, `… ${items.length} ${unit} in all, the last:`, show(items.at(-1) as T)];
}

/** document.cookie, shortened when it holds more than six pairs. */
function showDocumentCookie(text: string): string {
  const pairs = text.split('; ');
  if (pairs.length <= 6) return `document.cookie \`${showHeader(text)}\``;
  return `document.cookie \`${showHeader(pairs.slice(0, 2).join('; '))}; …; ${showHeader(pairs.at(-1) ?? '')}\` (${pairs.length} pairs)`;
}

function withoutDailyText(text: string): string {
  return DAILY_TEXT.reduce((out, [daily, shown]) => out.split(daily).join(shown), text);
}

function showLifetime(lifetime: Lifetime): string {
  if (lifetime === 'session') return 'session';
  if ('maxAge' in lifetime) return `expires in ${lifetime.maxAge} s`;
  if (lifetime.label !== undefined) return `expires ${lifetime.label}`;
  return `expires ${new Date(lifetime.at * 1000).toISOString().replace('.000Z', 'Z')}`;
}

function showCookie(c: ExpectedCookie): string {
  const parts = [
    `\`${showHeader(c.name)}=${showHeader(c.value)}\``,
    `domain ${c.domain}`,
    `path ${showHeader(c.path)}`,
  ];
  if (c.secure) parts.push('Secure');
  if (c.httpOnly) parts.push('HttpOnly');
  parts.push(c.sameSite === 'unset' ? 'SameSite unset' : `SameSite=${c.sameSite}`);
  if (c.priority !== undefined && c.priority !== 'Medium') parts.push(`Priority=${c.priority}`);
  parts.push(showLifetime(c.lifetime));
  if (c.partitionKey !== undefined) parts.push(`partition key ${c.partitionKey}`);
  return parts.join(', ');
}

function showSaid(engine: EngineName, said: EngineExpectation['said']): string[] {
  if (engine === 'chromium') return said.map((reasons) => `blocked: ${reasons.join(', ')}`);
  return said.map((messages) => `console: ${messages.map(showHeader).join(' ')}`);
}

/** What one engine is left with: the cookies, document.cookie and what the engine said. */
function showOutcome(engine: EngineName, e: EngineExpectation): string {
  const parts: string[] = [];
  if (e.failure !== undefined) parts.push(`response refused: ${showHeader(e.failure)}`);
  else if (e.stored.length === 0) parts.push('nothing stored');
  else parts.push(...compact(e.stored, showCookie, 'cookies'));
  if (e.failure === undefined)
    parts.push(
      e.documentCookie === '' ? 'document.cookie empty' : showDocumentCookie(e.documentCookie),
    );
  parts.push(...showSaid(engine, e.said));
  return parts.join('<br>');
}

/** An engine's cell: its outcome, or "as Chromium" where it does what Chromium does. */
function showEngine(c: BrowserCase, engine: EngineName): string {
  const e = expectationFor(c, engine);
  const verdict = e.verdict === undefined ? '' : `**${e.verdict}**: `;
  if (engine === 'chromium') {
    const note =
      (reverseCases as readonly BrowserCase[]).includes(c) ||
      (lintCases as readonly BrowserCase[]).includes(c)
        ? (c as ReverseCase).note
        : undefined;
    return `${verdict}${showOutcome(engine, e)}${note === undefined ? '' : `<br>${showHeader(note)}`}`;
  }
  if (e.difference === undefined) {
    const said = showSaid(engine, e.said);
    return ['as Chromium', ...said].join('<br>');
  }
  return `${verdict}${showOutcome(engine, e)}<br>*${showHeader(e.difference)}*`;
}

function showSent(c: BrowserCase): string {
  return c.steps
    .map((step, i) => {
      const lines = compact(
        step.lines,
        (l) => `\`${showHeader(withoutDailyText(l))}\``,
        'lines',
      ).join('<br>');
      const where = step.frame ? ' (in the cross-site iframe)' : '';
      return c.steps.length > 1 ? `${i + 1}. ${lines}${where}` : `${lines}${where}`;
    })
    .join('<br>');
}

function engineHeading(engine: EngineName, versions: EngineVersions): string {
  const major = versions[engine]?.split('.')[0] ?? '?';
  const version = engine === 'webkit' ? (versions[engine]?.split(',')[0] ?? '?') : major;
  const name = `${ENGINE_LABELS[engine]} ${version}`;
  return engine === 'webkit' ? `${name} (libsoup's store, not Safari's)` : name;
}

/** Every place an engine parts from Chromium, for the summary table. */
function differences(): { c: BrowserCase; engine: EngineName; note: string }[] {
  const out: { c: BrowserCase; engine: EngineName; note: string }[] = [];
  for (const c of [...builtCases, ...probeCases, ...reverseCases, ...lintCases]) {
    for (const engine of ENGINE_ORDER) {
      const note = expectationFor(c, engine).difference;
      if (note !== undefined) out.push({ c, engine, note });
    }
  }
  return out;
}

/** The title, how the file is made, and the engines. */
function introSection(versions: EngineVersions): string[] {
  const out: string[] = [
    '# Browser conformance',
    '',
    '<!-- Written by `npm run conformance` (spec/browser/write-conformance.ts) after a run in which',
    'every engine met every expectation; `npm test` checks the expectations in each engine and that',
    'this file is the one they render. Do not edit by hand. -->',
    `<!-- versions: ${JSON.stringify(versions)} -->`,
    '',
    'What three browser engines store for each `Set-Cookie` header, and whether cookiesmith’s lint',
    'says so. The pages are `https://www.cookie.test:PORT/set/…` on a real HTTPS server on',
    '127.0.0.1; partitioned cases run in an iframe from `www.partner.test` inside a',
    '`www.cookie.test` page. Every cell is an expectation that `npm test` checks in that engine:',
    'each stored cookie exactly, `document.cookie` of the page that received the lines, and what',
    'the engine says about them.',
    '',
    '## Engines',
    '',
    '| engine | version | how the suite reads what it stored |',
    '|---|---|---|',
    `| Chromium | ${versions.chromium ?? '?'} | headless, through playwright-core: DevTools \`Network.getAllCookies\`, and the reasons DevTools gives for each refused line ("blocked: …") |`,
    `| Firefox ESR | ${versions.firefox ?? '?'} | headless, through puppeteer-core over WebDriver BiDi: the cookie service (\`Services.cookies\`, partition keys included) in Firefox's privileged scope, and the messages Firefox logs to its console about a cookie ("console: …") |`,
    `| WebKitGTK | ${versions.webkit ?? '?'} | MiniBrowser under WebKitWebDriver on an Xvfb display: WebDriver's cookie list, read at each path the case names (WebDriver lists only a URL's cookies). **This is libsoup's cookie store, not Safari's**: Safari keeps cookies in CFNetwork, with rules of its own, so this column says nothing about Safari. |`,
    '',
    'Differences that hold for every cookie, left out of the rows below:',
    '',
  ];
  for (const engine of ENGINE_ORDER)
    for (const note of ENGINE_WIDE[engine]) out.push(`- ${ENGINE_LABELS[engine]} ${note}.`);
  return out;
}

/** Every place an engine parts from Chromium, in one table. */
function differenceSection(): string[] {
  const out = [
    '',
    '## Where the engines differ',
    '',
    'Each place where Firefox ESR or WebKitGTK does not do what Chromium does (the rows below give',
    'the whole outcome).',
    '',
    '| case | engine | what the engine does |',
    '|---|---|---|',
  ];
  for (const { c, engine, note } of differences()) {
    const rule = (c as Partial<ReverseCase>).rule;
    const title = rule === undefined ? c.title : `rule ${rule}: ${c.title}`;
    const head =
      engine === 'webkit' ? "WebKitGTK (libsoup's store, not Safari's)" : ENGINE_LABELS[engine];
    out.push(`| ${showHeader(title)} | ${head} | ${showHeader(note)} |`);
  }
  return out;
}

/** The rows of a table of cases: the case, what was sent, each engine, and `more` columns. */
function caseRows(cases: readonly BrowserCase[], more: (c: BrowserCase) => string[]): string[] {
  return cases.map((c) =>
    [
      '',
      showHeader(c.title),
      showSent(c),
      ...ENGINE_ORDER.map((e) => showEngine(c, e)),
      ...more(c),
      '',
    ]
      .join(' | ')
      .trim(),
  );
}

function casesSections(heads: readonly string[]): string[] {
  const row = (n: number) => `|${'---|'.repeat(n)}`;
  return [
    '',
    '## Headers cookiesmith builds',
    '',
    `| case | Set-Cookie sent | ${heads.join(' | ')} | lint |`,
    row(6),
    ...caseRows(builtCases, (c) => [lintSummary(c)]),
    '',
    '## Headers that pin down an engine difference',
    '',
    'Not built by cookiesmith: each shows what a difference above depends on.',
    '',
    `| case | Set-Cookie sent | ${heads.join(' | ')} | what it shows |`,
    row(6),
    ...caseRows(probeCases, (c) => [showHeader((c as ProbeCase).note)]),
    '',
    '## Headers that break a rule (RULES.md), sent raw',
    '',
    'cookiesmith refuses to produce each of these (the error rules of RULES.md; the last columns',
    'are the issue it reports for the configuration that would produce the header, and what lint',
    'says of the line). Sent anyway, this is what each engine does with the last line:',
    '**rejected** (nothing stored from it), **removed** (nothing stored and the cookie it names',
    'deleted, as a removal means), **altered** (stored, but not as the header meant) or',
    '**accepted** (stored as written: the engine is more lenient than the rule, and the note says',
    'why the rule is kept); **unseen** where the engine shows no cookie and cannot be asked whether',
    'it stored one.',
    '',
    `| rule | case | Set-Cookie sent | ${heads.join(' | ')} | cookiesmith refuses the config with | lint |`,
    row(8),
    ...caseRows(reverseCases, (c) => {
      const r = c as ReverseCase;
      const refused =
        r.refused === undefined
          ? '— (no configuration produces it)'
          : `\`${r.refused.code}\` at \`${r.refused.path.join('.')}\``;
      return [refused, lintSummary(c)];
    }).map((line, i) => `| ${(reverseCases[i] as ReverseCase).rule} ${line}`),
    '',
    '## Lines lint judges',
    '',
    'Lines cookiesmith never sends, each for a condition lint reports: what each engine does with',
    'it, and what lint says.',
    '',
    `| case | Set-Cookie sent | ${heads.join(' | ')} | lint |`,
    row(6),
    ...caseRows(lintCases, (c) => [lintSummary(c)]),
  ];
}

/** Lint against each engine: refused ⇔ an error naming the engine; the exceptions, with reasons. */
function agreementSection(): string[] {
  const out = [
    '',
    '## Lint against each engine',
    '',
    'For every line of every case’s last navigation above: the engine refuses the line (stores',
    'nothing from it) exactly when `lintSetCookieLines` reports an error that names the engine in',
    '`refusedBy` (lint is given the page’s URL, as `cookiesmith lint <url>` does). `npm test`',
    'fails on any other difference. Errors for lines every engine stores are the lines that cannot',
    'do what they say (a misspelt Secure, a line break): no engine refuses them, and lint names none.',
    '',
    '| engine | lines | refused by the engine | lint: refused | agree | deliberate exceptions | not observable |',
    '|---|---|---|---|---|---|---|',
  ];
  const exceptions: string[] = [];
  for (const engine of ENGINE_ORDER) {
    const a = agreementWith(allCases, engine);
    const label = engine === 'webkit' ? "WebKitGTK (libsoup's store)" : ENGINE_LABELS[engine];
    out.push(
      `| ${label} | ${a.lines} | ${a.refused} | ${a.lintRefuses} | ${a.agree} | ${a.exceptions.length} | ${a.unseen} |`,
    );
    for (const v of [...a.exceptions, ...a.disagree]) {
      exceptions.push(
        `- ${ENGINE_LABELS[engine]}, “${showHeader(caseTitle(v.c))}”: the engine ${v.refused ? 'refuses' : 'stores'} the line, lint ${v.lintRefuses ? 'says it refuses' : 'reports no refusal'}; ${showHeader(v.exception ?? 'NOT LISTED')}.`,
      );
    }
  }
  out.push('', 'The deliberate exceptions:', '', ...exceptions);
  return out;
}

/** docs/conformance.md for the expectations of the suite and the engine versions given. */
export function renderConformance(versions: EngineVersions): string {
  const heads = ENGINE_ORDER.map((engine) => engineHeading(engine, versions));
  return [
    ...introSection(versions),
    ...differenceSection(),
    ...casesSections(heads),
    ...agreementSection(),
    '',
  ].join('\n');
}
