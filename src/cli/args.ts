import { parseArgs } from 'node:util';
import { UsageError } from './terminal.js';

/** One command-line option: a flag (`boolean`) or an option that takes a value (`string`). */
export interface OptionSpec {
  readonly type: 'boolean' | 'string';
  readonly short?: string;
  /** May be given more than once; the values are collected in order. */
  readonly multiple?: boolean;
  /** The value's placeholder in help, e.g. `<seconds>`. */
  readonly arg?: string;
  readonly help: string;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** What `parseCommandLine` found: option values by name, and the positional arguments. */
export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | readonly string[]>>;
  readonly positionals: readonly string[];
}

/**
 * Parses `args` against `specs` with `node:util` `parseArgs`, but reports every mistake as a
 * `UsageError` that names the option and the command: unknown options (with the closest known
 * one), a missing or unexpected value, an option given twice, stray positionals.
 */
export function parseCommandLine(
  command: string,
  args: readonly string[],
  specs: OptionSpecs,
  positionals: boolean,
): ParsedArgs {
  const { tokens } = parseArgs({
    args: [...args],
    options: toParseArgsOptions(specs),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const values: Record<string, string | boolean | string[]> = {};
  const rest: string[] = [];
  const help = `see "cookiesmith ${command} --help"`;
  for (const token of tokens) {
    if (token.kind === 'positional') {
      if (!positionals)
        throw new UsageError(
          `${command}: unexpected argument ${JSON.stringify(token.value)}; ${help}`,
        );
      rest.push(token.value);
      continue;
    }
    if (token.kind !== 'option') continue;
    const spec = Object.hasOwn(specs, token.name) ? specs[token.name] : undefined;
    if (spec === undefined) {
      const near = closest(token.name, Object.keys(specs));
      const hint = near === undefined ? '' : ` (did you mean --${near}?)`;
      throw new UsageError(`${command}: unknown option ${token.rawName}${hint}; ${help}`);
    }
    const flag = `--${token.name}`;
    let value: string | boolean;
    if (spec.type === 'boolean') {
      if (token.inlineValue === true)
        throw new UsageError(`${command}: ${flag} is a flag and takes no value; ${help}`);
      value = true;
    } else {
      if (token.value === undefined)
        throw new UsageError(`${command}: ${flag} needs a value ${spec.arg ?? '<value>'}; ${help}`);
      if (token.inlineValue === false && token.value.startsWith('--'))
        throw new UsageError(
          `${command}: ${flag} needs a value, got the option ${token.value}; write ${flag}=${token.value} if that is the value`,
        );
      value = token.value;
    }
    if (spec.multiple === true) {
      const list = values[token.name];
      values[token.name] = [...(Array.isArray(list) ? list : []), String(value)];
    } else {
      if (token.name in values) throw new UsageError(`${command}: ${flag} is given twice`);
      values[token.name] = value;
    }
  }
  return { values, positionals: rest };
}

function toParseArgsOptions(specs: OptionSpecs) {
  const options: Record<string, { type: 'boolean' | 'string'; short?: string }> = {};
  for (const [name, spec] of Object.entries(specs)) {
    options[name] =
      spec.short === undefined ? { type: spec.type } : { type: spec.type, short: spec.short };
  }
  return options;
}

/** The known name nearest to `name` by edit distance, when it is near enough to be a typo. */
function closest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const candidate of known) {
    const d = distance(name.toLowerCase(), candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Formats the options of a command for `--help`, one per line, aligned. */
export function formatOptions(specs: OptionSpecs): string[] {
  const rows = Object.entries(specs).map(([name, spec]) => {
    const short = spec.short === undefined ? '    ' : `-${spec.short}, `;
    const arg = spec.type === 'string' ? ` ${spec.arg ?? '<value>'}` : '';
    return [`  ${short}--${name}${arg}`, spec.help] as const;
  });
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return rows.map(([left, right]) => `${left.padEnd(width)}${right}`);
}
