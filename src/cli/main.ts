#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCommand } from './build.js';
import { demoCommand } from './demo.js';
import { lintCommand } from './lint.js';
import { EXIT, type Io, Out, UsageError } from './terminal.js';

const COMMANDS: Readonly<Record<string, (args: readonly string[], io: Io) => Promise<number>>> = {
  build: buildCommand,
  lint: lintCommand,
  demo: demoCommand,
};

const HELP = [
  'Usage: cookiesmith [command] [options]',
  '',
  'Send HTTP cookies correctly: build Set-Cookie headers, lint them, see them in a browser.',
  '',
  'Commands:',
  '  build    build validated Set-Cookie and cache headers from flags or a JSON file',
  '  lint     check Set-Cookie headers (arguments or stdin) for what browsers reject or ignore',
  '  demo     print a sample set of cookies and its lint verdict (the default);',
  '           demo --serve shows them in your browser',
  '',
  'Options:',
  '  -h, --help     show help; "cookiesmith <command> --help" for a command',
  '      --version  print the version of cookiesmith',
  '',
  'Exit status: 0 success, 1 lint found an error, 2 invalid input or usage.',
  'Colours are used on a terminal only; set NO_COLOR=1 to turn them off.',
].join('\n');

/** Runs the command line `argv` (without node and the script) and returns the exit code. */
async function main(argv: readonly string[], io: Io): Promise<number> {
  const err = new Out(io.stderr, io.env);
  try {
    const [first, ...rest] = argv;
    if (first === '--help' || first === '-h' || first === 'help') {
      const topic = first === 'help' ? rest[0] : undefined;
      const command = topic === undefined ? undefined : COMMANDS[topic];
      if (command !== undefined) return await command(['--help'], io);
      new Out(io.stdout, io.env).line(HELP);
      return EXIT.ok;
    }
    if (first === '--version') {
      new Out(io.stdout, io.env).line(version());
      return EXIT.ok;
    }
    if (first === undefined || first.startsWith('-')) return await demoCommand(argv, io);
    const command = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
    if (command === undefined) {
      throw new UsageError(
        `unknown command ${JSON.stringify(first)}; the commands are build, lint and demo (see "cookiesmith --help")`,
      );
    }
    return await command(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      err.line(`${err.style(['bold', 'red'], 'cookiesmith:')} ${error.message}`);
      return EXIT.usage;
    }
    const detail = io.env.COOKIESMITH_DEBUG
      ? String((error as Error)?.stack ?? error)
      : String(error);
    err.line(`${err.style(['bold', 'red'], 'cookiesmith: internal error:')} ${detail}`);
    err.line('Please report it; set COOKIESMITH_DEBUG=1 to print the stack.');
    return EXIT.internal;
  }
}

/** The package version, read from the nearest cookiesmith package.json above this module. */
function version(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: unknown;
        version?: unknown;
      };
      if (pkg.name === 'cookiesmith' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not here; look one level up
    }
    dir = dirname(dir);
  }
  return 'unknown';
}

// The reader went away (`cookiesmith demo | head -1`): stop quietly, as other tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.ok);
    throw error;
  });
}

main(process.argv.slice(2), process).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = EXIT.internal;
  },
);
