import { readFile } from 'node:fs/promises';
import type { Cookie, CookiePolicy, CookieResult } from '../index.js';
import { formatOptions, type OptionSpecs, parseCommandLine } from './args.js';
import {
  flagOf,
  keyOf,
  type LocatedIssue,
  type NamedWarning,
  printIssues,
  printJson,
  printWarnings,
} from './report.js';
import {
  cookieUnder,
  POLICY_HELP,
  policyOf,
  type ResponseOptions,
  removalUnder,
  responseHeaders,
} from './response.js';
import { EXIT, type Io, Out, UsageError } from './terminal.js';

const COOKIE_OPTIONS = {
  name: { type: 'string', arg: '<name>', help: 'cookie name (required)' },
  value: {
    type: 'string',
    arg: '<value>',
    help: 'logical value, encoded by --encoding (required)',
  },
  domain: {
    type: 'string',
    arg: '<domain>',
    help: '.example.com (rfc2109) or example.com (rfc6265)',
  },
  path: { type: 'string', arg: '<path>', help: 'Path attribute, starts with /' },
  secure: { type: 'boolean', help: 'Secure: sent over HTTPS only' },
  'http-only': { type: 'boolean', help: 'HttpOnly: hidden from document.cookie' },
  'max-age': {
    type: 'string',
    arg: '<seconds|duration>',
    help: 'lifetime in seconds, or a duration such as 8h, 30d, 1d12h; 0 deletes',
  },
  expires: { type: 'string', arg: '<date>', help: 'ISO 8601 date or epoch milliseconds' },
  'same-site': { type: 'string', arg: '<Strict|Lax|None>', help: 'SameSite (None needs --secure)' },
  partitioned: { type: 'boolean', help: 'Partitioned (CHIPS, needs --secure)' },
  priority: { type: 'string', arg: '<Low|Medium|High>', help: 'Priority (Chromium)' },
  comment: { type: 'string', arg: '<text>', help: 'RFC 2109 Comment (profile rfc2109 only)' },
  version: {
    type: 'string',
    arg: '<n>',
    help: "the cookie's RFC 2109 Version (default 1; not the tool's version)",
  },
  profile: { type: 'string', arg: '<rfc2109|rfc6265>', help: 'rule set (default rfc2109)' },
  encoding: {
    type: 'string',
    arg: '<uri|raw|base64url>',
    help: 'how the value is written (default uri)',
  },
  extension: {
    type: 'string',
    arg: '<Name[=value]>',
    multiple: true,
    help: 'extension attribute; repeatable',
  },
  removal: { type: 'boolean', help: 'emit the cookie that deletes this one (Max-Age=0)' },
} as const satisfies OptionSpecs;

const OPTIONS = {
  ...COOKIE_OPTIONS,
  config: {
    type: 'string',
    arg: '<file.json>',
    help: 'read one cookie or a list from a JSON file',
  },
  policy: {
    type: 'string',
    arg: '<preset>',
    multiple: true,
    help: `apply a policy preset (${POLICY_HELP}); repeatable`,
  },
  cache: {
    type: 'string',
    arg: '<mode>',
    help: 'cache directives: private (default), no-store, must-revalidate, proxy-revalidate, max-age=0, off',
  },
  json: { type: 'boolean', help: 'print the headers as JSON' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
} as const satisfies OptionSpecs;

const HELP = [
  'Usage: cookiesmith build --name <name> --value <value> [attributes…] [--policy <preset>]',
  '       cookiesmith build --config <file.json> [--policy <preset>]',
  '',
  'Prints the response headers for the cookies: one Set-Cookie line per cookie, then the cache',
  'directives that keep the response out of shared caches. Every problem is listed at once.',
  '',
  'Options:',
  ...formatOptions(OPTIONS),
  '',
  'Exit status: 0 headers printed, 2 invalid input (every issue is listed on stderr).',
  '',
  'Examples:',
  '  cookiesmith build --name sid --value a3f9 --path / --secure --http-only --same-site Lax',
  '  cookiesmith build --name __Host-csrf --value x1 --policy hostOnly --profile rfc6265',
  '  cookiesmith build --config cookies.json --json',
].join('\n');

/** `cookiesmith build`: validates cookies from flags or a config file and prints the headers. */
export async function buildCommand(args: readonly string[], io: Io): Promise<number> {
  const out = new Out(io.stdout, io.env);
  const err = new Out(io.stderr, io.env);
  const { values } = parseCommandLine('build', args, OPTIONS, false);
  if (values.help === true) {
    out.line(HELP);
    return EXIT.ok;
  }
  const json = values.json === true;
  const cache = typeof values.cache === 'string' ? values.cache : undefined;
  const options: ResponseOptions = cache === undefined ? {} : { cache };
  const policy = policyOf(Array.isArray(values.policy) ? (values.policy as string[]) : []);
  const configFile = typeof values.config === 'string' ? values.config : undefined;
  let sources: Source[];
  if (configFile !== undefined) {
    const stray = Object.keys(COOKIE_OPTIONS).filter((k) => k in values);
    if (stray.length > 0)
      throw new UsageError(
        `build: --config cannot be combined with ${stray.map((k) => `--${k}`).join(', ')}; put the attributes in the file`,
      );
    sources = await readConfigFile(configFile);
  } else {
    sources = [fromFlags(values)];
  }

  const cookies: Cookie[] = [];
  const issues: LocatedIssue[] = [];
  for (const source of sources) {
    const result = source.build(policy);
    if (result.success) {
      cookies.push(result.cookie);
    } else {
      for (const issue of result.error.issues) {
        issues.push({
          ...issue,
          location: source.location,
          field: source.field(issue.path),
          ...(result.error.cookieName === undefined ? {} : { cookie: result.error.cookieName }),
        });
      }
    }
  }
  let headers: readonly (readonly [string, string])[] = [];
  if (issues.length === 0) {
    const response = responseHeaders(cookies, options);
    if (response.success) headers = response.headers;
    else issues.push(...response.issues);
  }
  if (issues.length > 0) {
    const first = sources.length === 1 ? issues[0]?.cookie : undefined;
    const heading =
      configFile !== undefined
        ? configFile
        : first === undefined
          ? 'the cookie'
          : `cookie ${JSON.stringify(first)}`;
    printIssues(err, heading, issues);
    if (json) printJson(out, { issues });
    return EXIT.usage;
  }

  const warnings: NamedWarning[] = cookies.flatMap((c) =>
    c.warnings.map((w) => ({ cookie: c.name, ...w })),
  );
  if (json) {
    printJson(out, { headers: headers.map(([name, value]) => ({ name, value })), warnings });
  } else {
    for (const [name, value] of headers) out.line(`${out.style('bold', `${name}:`)} ${value}`);
    printWarnings(err, warnings);
  }
  return EXIT.ok;
}

/** One cookie to build, and how to point at its fields in an error. */
interface Source {
  readonly location: string;
  readonly field: (path: readonly (string | number)[]) => string;
  readonly build: (policy: CookiePolicy | undefined) => CookieResult;
}

type Values = Readonly<Record<string, string | boolean | readonly string[]>>;

function fromFlags(values: Values): Source {
  const text = (key: string) =>
    typeof values[key] === 'string' ? (values[key] as string) : undefined;
  const name = text('name');
  if (name === undefined)
    throw new UsageError('build: --name is required (or use --config <file>)');
  if (values.removal === true) return removalFromFlags(name, values, text);
  const value = text('value');
  if (value === undefined)
    throw new UsageError(`build: --value is required; write --value '' for an empty value`);
  const config: Record<string, unknown> = { name, value };
  const set = (key: string, v: unknown) => {
    if (v !== undefined) config[key] = v;
  };
  set('domain', text('domain'));
  set('path', text('path'));
  if (values.secure === true) config.secure = true;
  if (values['http-only'] === true) config.httpOnly = true;
  if (values.partitioned === true) config.partitioned = true;
  set('maxAge', lifetime(text('max-age')));
  set('expires', date(text('expires')));
  set('sameSite', text('same-site'));
  set('priority', text('priority'));
  set('comment', text('comment'));
  set('version', numeric(text('version')));
  set('profile', text('profile'));
  set('encoding', text('encoding'));
  const extensions = Array.isArray(values.extension) ? (values.extension as string[]) : [];
  if (extensions.length > 0) config.extensions = extensions.map(extension);
  return { location: 'flags', field: flagOf, build: (policy) => cookieUnder(config, policy) };
}

// What identifies the cookie to delete (RFC 6265 §3.1): a removal needs its scope, nothing more.
const REMOVAL_FLAGS = new Set(['name', 'domain', 'path', 'partitioned', 'profile', 'removal']);

/** `--removal`: the cookie `CookieJarResponse#delete` writes for the scope given. */
function removalFromFlags(
  name: string,
  values: Values,
  text: (key: string) => string | undefined,
): Source {
  const extra = Object.keys(COOKIE_OPTIONS).filter((k) => k in values && !REMOVAL_FLAGS.has(k));
  if (extra.length > 0)
    throw new UsageError(
      `build: --removal takes only the scope (--name, --domain, --path, --partitioned, --profile), not ${extra.map((k) => `--${k}`).join(', ')}`,
    );
  const scope: Record<string, unknown> = {};
  for (const key of ['domain', 'path', 'profile']) {
    const v = text(key);
    if (v !== undefined) scope[key] = v;
  }
  if (values.partitioned === true) scope.partitioned = true;
  return { location: 'flags', field: flagOf, build: (policy) => removalUnder(name, scope, policy) };
}

async function readConfigFile(file: string): Promise<Source[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    const code = (cause as { code?: unknown }).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : String(code ?? cause);
    throw new UsageError(`build: cannot read config file ${file}: ${why}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new UsageError(`build: ${file} is not valid JSON${whereInvalid(text, cause)}`);
  }
  const list = Array.isArray(data);
  const entries: unknown[] = list ? (data as unknown[]) : [data];
  if (!list && (data === null || typeof data !== 'object'))
    throw new UsageError(`build: ${file} must hold a cookie object or a list of cookie objects`);
  if (entries.length === 0)
    throw new UsageError(`build: ${file} holds an empty list; add a cookie`);
  return entries.map((entry, index) => ({
    location: list ? `${file}[${index}]` : file,
    field: keyOf,
    build: (policy) => cookieUnder(entry, policy),
  }));
}

/**
 * Where JSON.parse stopped, as line and column, when its message says: the message itself is
 * not printed, since V8 quotes the text around the error, which may be a cookie value.
 */
function whereInvalid(text: string, cause: unknown): string {
  const match = /at position (\d+)/.exec(cause instanceof Error ? cause.message : '');
  if (match === null) return ' (its text is not shown: it may hold cookie values)';
  const before = text.slice(0, Number(match[1])).split('\n');
  return ` at line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

// Max-Age from the command line: seconds, or a duration like 30d, 8h, 1d12h, 90m, 45s.
const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

function lifetime(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  const n = numeric(text);
  if (typeof n === 'number') return n;
  const match = DURATION.exec(text);
  if (match === null || text === '') return text;
  const [, days, hours, minutes, seconds] = match;
  const duration: Record<string, number> = {};
  if (days !== undefined) duration.days = Number(days);
  if (hours !== undefined) duration.hours = Number(hours);
  if (minutes !== undefined) duration.minutes = Number(minutes);
  if (seconds !== undefined) duration.seconds = Number(seconds);
  return duration;
}

function numeric(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  return /^-?\d+(?:\.\d+)?$/.test(text) ? Number(text) : text;
}

function date(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  return /^\d+$/.test(text) ? Number(text) : text;
}

function extension(text: string): { name: string; value?: string } {
  const eq = text.indexOf('=');
  return eq === -1 ? { name: text } : { name: text.slice(0, eq), value: text.slice(eq + 1) };
}
