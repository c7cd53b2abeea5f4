// docs/conformance.md, rendered from the expectations of the browser suite (which every engine
// run checks), so its text changes only when a case, an engine version or cookiesmith's own
// output does — never from one run to the next.
import { lintSetCookie } from '../../src/index.js';
import {
  type BrowserCase,
  builtCases,
  DAILY_TEXT,
  ENGINE_WIDE,
  type EngineExpectation,
  type ExpectedCookie,
  expectationFor,
  type Lifetime,
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

/** The error codes `lintSetCookie` reports for the last line a reverse case sends. */
export function lintErrors(c: ReverseCase): string[] {
  const line = c.steps.at(-1)?.lines.at(-1) ?? '';
  const options = c.lintProfile === undefined ? undefined : { profile: c.lintProfile };
  return lintSetCookie(line, options)
    .filter((d) => d.severity === 'error')
    .map((d) => d.code);
}

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
  else parts.push(...e.stored.map(showCookie));
  if (e.failure === undefined)
    parts.push(
      e.documentCookie === ''
        ? 'document.cookie empty'
        : `document.cookie \`${showHeader(e.documentCookie)}\``,
    );
  parts.push(...showSaid(engine, e.said));
  return parts.join('<br>');
}

/** An engine's cell: its outcome, or "as Chromium" where it does what Chromium does. */
function showEngine(c: BrowserCase, engine: EngineName): string {
  const e = expectationFor(c, engine);
  const verdict = e.verdict === undefined ? '' : `**${e.verdict}**: `;
  if (engine === 'chromium') {
    const note = (reverseCases as readonly BrowserCase[]).includes(c)
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
      const lines = step.lines.map((l) => `\`${showHeader(withoutDailyText(l))}\``).join('<br>');
      const where = step.frame ? ' (in the cross-site iframe)' : '';
      return c.steps.length > 1 ? `${i + 1}. ${lines}${where}` : `${lines}${where}`;
    })
    .join('<br>');
}

function showLint(c: ReverseCase): string {
  const errors = lintErrors(c);
  if (errors.length > 0) return [...new Set(errors)].map((e) => `\`${e}\``).join(', ');
  return `none: ${showHeader(c.lintGap ?? '')}`;
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
  for (const c of [...builtCases, ...probeCases, ...reverseCases]) {
    for (const engine of ENGINE_ORDER) {
      const note = expectationFor(c, engine).difference;
      if (note !== undefined) out.push({ c, engine, note });
    }
  }
  return out;
}

/** docs/conformance.md for the expectations of the suite and the engine versions given. */
export function renderConformance(versions: EngineVersions): string {
  const heads = ENGINE_ORDER.map((engine) => engineHeading(engine, versions));
  const out: string[] = [];
  out.push(
    '# Browser conformance',
    '',
    '<!-- Written by `npm run conformance` (spec/browser/write-conformance.ts) after a run in which',
    'every engine met every expectation; `npm test` checks the expectations in each engine and that',
    'this file is the one they render. Do not edit by hand. -->',
    `<!-- versions: ${JSON.stringify(versions)} -->`,
    '',
    'What three browser engines store for each `Set-Cookie` header. The pages are',
    '`https://www.cookie.test:PORT/set/…` on a real HTTPS server on 127.0.0.1; partitioned cases',
    'run in an iframe from `www.partner.test` inside a `www.cookie.test` page. Every cell is an',
    'expectation that `npm test` checks in that engine: each stored cookie exactly, `document.cookie`',
    'of the page that received the lines, and what the engine says about them.',
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
  );
  for (const engine of ENGINE_ORDER)
    for (const note of ENGINE_WIDE[engine]) out.push(`- ${ENGINE_LABELS[engine]} ${note}.`);
  out.push(
    '',
    '## Where the engines differ',
    '',
    'Each place where Firefox ESR or WebKitGTK does not do what Chromium does (the rows below give',
    'the whole outcome).',
    '',
    '| case | engine | what the engine does |',
    '|---|---|---|',
  );
  for (const { c, engine, note } of differences()) {
    const rule = (c as Partial<ReverseCase>).rule;
    const title = rule === undefined ? c.title : `rule ${rule}: ${c.title}`;
    const head =
      engine === 'webkit' ? "WebKitGTK (libsoup's store, not Safari's)" : ENGINE_LABELS[engine];
    out.push(`| ${showHeader(title)} | ${head} | ${showHeader(note)} |`);
  }
  out.push(
    '',
    '## Headers cookiesmith builds',
    '',
    `| case | Set-Cookie sent | ${heads.join(' | ')} |`,
    '|---|---|---|---|---|',
  );
  for (const c of builtCases)
    out.push(
      `| ${showHeader(c.title)} | ${showSent(c)} | ${ENGINE_ORDER.map((e) => showEngine(c, e)).join(' | ')} |`,
    );
  out.push(
    '',
    '## Headers that pin down an engine difference',
    '',
    'Not built by cookiesmith: each shows what a difference above depends on.',
    '',
    `| case | Set-Cookie sent | ${heads.join(' | ')} | what it shows |`,
    '|---|---|---|---|---|---|',
  );
  for (const c of probeCases)
    out.push(
      `| ${showHeader(c.title)} | ${showSent(c)} | ${ENGINE_ORDER.map((e) => showEngine(c, e)).join(' | ')} | ${showHeader(c.note)} |`,
    );
  out.push(
    '',
    '## Headers that break a rule (RULES.md), sent raw',
    '',
    'cookiesmith refuses to produce each of these (the error rules of RULES.md; the last columns',
    'are the issue it reports for the configuration that would produce the header, and what',
    '`lintSetCookie` reports for the line). Sent anyway, this is what each engine does:',
    '**rejected** (nothing stored), **altered** (stored, but not as the header meant) or',
    '**accepted** (stored as written: the engine is more lenient than the rule, and the note says',
    'why the rule is kept); **unseen** where the engine shows no cookie and cannot be asked whether',
    'it stored one.',
    '',
    `| rule | case | Set-Cookie sent | ${heads.join(' | ')} | cookiesmith refuses the config with | lintSetCookie errors |`,
    '|---|---|---|---|---|---|---|---|',
  );
  for (const c of reverseCases)
    out.push(
      `| ${c.rule} | ${showHeader(c.title)} | ${showSent(c)} | ${ENGINE_ORDER.map((e) => showEngine(c, e)).join(' | ')} | ${c.refused === undefined ? '— (no configuration produces it)' : `\`${c.refused.code}\` at \`${c.refused.path.join('.')}\``} | ${showLint(c)} |`,
    );
  out.push('');
  return out.join('\n');
}
