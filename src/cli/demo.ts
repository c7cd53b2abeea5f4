import { formatOptions, type OptionSpecs, parseCommandLine } from './args.js';
import { demoCookies, demoJar } from './demo-cookies.js';
import { lintHeaders, printReports, tally, verdict } from './lint.js';
import { printJson } from './report.js';
import { serveDemo } from './serve.js';
import { EXIT, type Io, Out, UsageError } from './terminal.js';

/** The port `demo --serve` listens on unless `--port` says otherwise. */
export const DEFAULT_PORT = 8470;

const OPTIONS = {
  serve: {
    type: 'boolean',
    help: 'serve a page on 127.0.0.1 that sets the cookies in your browser',
  },
  port: {
    type: 'string',
    arg: '<n>',
    help: `port for --serve (default ${DEFAULT_PORT}; 0 picks a free one)`,
  },
  json: { type: 'boolean', help: 'print the headers and the lint verdict as JSON' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
} as const satisfies OptionSpecs;

const HELP = [
  'Usage: cookiesmith demo [--json]',
  '       cookiesmith demo --serve [--port <n>]',
  '',
  'Builds a sample response from a built-in example: a session cookie under the secureSession',
  'policy, a __Host- cookie, a partitioned cross-site cookie and the removal of an old cookie,',
  "all under the rfc6265 preset (today's standard).",
  'Prints the headers and what lint says about them. With --serve, a page on',
  `http://127.0.0.1:${DEFAULT_PORT}/ sets the cookies in your browser and shows, side by side, the`,
  'Set-Cookie lines sent and what document.cookie reports, with a button to set and delete each.',
  'Ctrl-C stops it. This is what "npm start" runs, and the default command.',
  '',
  'Options:',
  ...formatOptions(OPTIONS),
].join('\n');

/** `cookiesmith demo`: the example response and its lint verdict, or the browser page. */
export async function demoCommand(args: readonly string[], io: Io): Promise<number> {
  const out = new Out(io.stdout, io.env);
  const { values } = parseCommandLine('demo', args, OPTIONS, false);
  if (values.help === true) {
    out.line(HELP);
    return EXIT.ok;
  }
  const cookies = demoCookies();
  if (values.serve === true) {
    if (values.json === true) throw new UsageError('demo: --json and --serve do not go together');
    await serveDemo(cookies, portOf(values.port), out);
    return EXIT.ok;
  }
  if (values.port !== undefined) throw new UsageError('demo: --port needs --serve');

  const jar = demoJar(cookies);
  const reports = lintHeaders(jar.setCookieHeaders());
  if (values.json === true) {
    printJson(out, {
      cookies: cookies.map((c) => ({ name: c.name, about: c.about, removal: c.removal })),
      headers: jar.headers().map(([name, value]) => ({ name, value })),
      lint: { ...tally(reports), headers: reports },
    });
    return EXIT.ok;
  }
  out.line(
    out.style('bold', 'cookiesmith demo: one response that sets three cookies and deletes one'),
  );
  out.line(
    "Every cookie also follows the rfc6265 preset: today's standard, no Version or Comment.",
  );
  out.line();
  const width = Math.max(...cookies.map((c) => c.name.length)) + 2;
  for (const c of cookies) out.line(`  ${out.style('cyan', c.name.padEnd(width))}${c.about}`);
  out.line();
  out.line(out.style('bold', 'Response headers'));
  for (const [name, value] of jar.headers()) out.line(`${out.style('bold', `${name}:`)} ${value}`);
  out.line();
  out.line(out.style('bold', 'Lint'));
  printReports(out, reports);
  out.line(verdict(out, reports));
  out.line();
  out.line(
    `Next: ${out.style('cyan', 'cookiesmith demo --serve')}   see these cookies in your browser`,
  );
  out.line(`      ${out.style('cyan', 'cookiesmith build --help')}   build your own headers`);
  out.line(`      ${out.style('cyan', 'cookiesmith lint --help')}    check headers from anywhere`);
  return EXIT.ok;
}

function portOf(value: unknown): number {
  if (value === undefined) return DEFAULT_PORT;
  const text = String(value);
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65535))
    throw new UsageError(`demo: --port ${JSON.stringify(text)} is not a port number (0-65535)`);
  return port;
}
