import { styleText } from 'node:util';

/** Where a command reads and writes, so the same code serves the real process and a test. */
export interface Io {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
}

type Format = Parameters<typeof styleText>[0];

/** Writes lines to one stream, styled only when that stream is a terminal that wants colour. */
export class Out {
  readonly #stream: Io['stdout'];
  /** True when styles are applied: a terminal (or FORCE_COLOR), and no NO_COLOR. */
  readonly color: boolean;

  constructor(stream: Io['stdout'], env: NodeJS.ProcessEnv) {
    this.#stream = stream;
    this.color = wantsColor(stream, env);
  }

  /** Writes `text` and a newline. */
  line(text = ''): void {
    this.#stream.write(`${text}\n`);
  }

  /** `text` in the given `util.styleText` format when colours are on, unchanged otherwise. */
  style(format: Format, text: string): string {
    return this.color ? styleText(format, text) : text;
  }
}

// https://no-color.org: a non-empty NO_COLOR turns colour off; FORCE_COLOR turns it on off a TTY.
function wantsColor(stream: Io['stdout'], env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0')
    return true;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** Wrong use of the command line (unknown flag, missing value, bad file): exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Exit codes: 0 success, 1 lint found an error, 2 invalid input or usage. */
export const EXIT = Object.freeze({ ok: 0, lintError: 1, usage: 2, internal: 70 });

/** Reads all of a stream as UTF-8 text. */
export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  }
  return Buffer.concat(chunks).toString('utf8');
}
