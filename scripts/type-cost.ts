// What type-checking costs an application that uses cookiesmith. Emits the library's type
// declarations (what the package publishes), then type-checks each consumer file in
// spec/fixtures/type-cost against them with `tsc --extendedDiagnostics` and reports the type
// instantiations. spec/type-cost.spec.ts holds the budget; to print the figures:
//
//   node --loader ts-node/esm --no-warnings scripts/type-cost.ts
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The cost of type-checking one consumer file. */
export interface TypeCost {
  /** File name in spec/fixtures/type-cost. */
  readonly consumer: string;
  /** `Instantiations` of `tsc --extendedDiagnostics`. */
  readonly instantiations: number;
  /** `Types` of `tsc --extendedDiagnostics`. */
  readonly types: number;
  /** Diagnostics tsc printed; empty when the file type-checks. */
  readonly errors: string;
}

const root = fileURLToPath(new URL('..', import.meta.url));
const consumers = join(root, 'spec', 'fixtures', 'type-cost');
const tscBin = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

/** Runs tsc; returns its output and whether it succeeded. */
function tsc(args: string[]): { ok: boolean; output: string } {
  try {
    return {
      ok: true,
      output: execFileSync(process.execPath, [tscBin, ...args], { encoding: 'utf8' }),
    };
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${stdout}${stderr}` };
  }
}

function figure(output: string, label: string): number {
  const match = new RegExp(`^${label}:\\s+(\\d+)$`, 'm').exec(output);
  if (match === null) throw new Error(`tsc printed no "${label}" figure:\n${output}`);
  return Number(match[1]);
}

/** Measures every consumer in spec/fixtures/type-cost, in file name order. */
export function measureTypeCost(): TypeCost[] {
  const work = mkdtempSync(join(tmpdir(), 'cookiesmith-type-cost-'));
  try {
    // The declarations import 'zod': they resolve it through this link, to the same files the
    // consumers use.
    symlinkSync(join(root, 'node_modules'), join(work, 'node_modules'), 'dir');
    const types = join(work, 'types');
    const emitted = tsc([
      '-p',
      join(root, 'tsconfig.build.json'),
      '--emitDeclarationOnly',
      '--outDir',
      types,
    ]);
    if (!emitted.ok) throw new Error(`emitting the declarations failed:\n${emitted.output}`);
    const files = readdirSync(consumers)
      .filter((name) => name.endsWith('.ts'))
      .sort();
    return files.map((consumer) => {
      const project = join(work, `${consumer}.tsconfig.json`);
      // The options an application has: strict, and skipLibCheck as most set it.
      const compilerOptions = {
        strict: true,
        exactOptionalPropertyTypes: true,
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        lib: ['ES2022', 'DOM'],
        types: [],
        skipLibCheck: true,
        noEmit: true,
        paths: { cookiesmith: [join(types, 'index.d.ts')] },
      };
      writeFileSync(
        project,
        JSON.stringify({ compilerOptions, files: [join(consumers, consumer)] }, null, 2),
      );
      const run = tsc(['-p', project, '--extendedDiagnostics']);
      const errors = run.output
        .split('\n')
        .filter((line) => / error TS\d+/.test(line))
        .join('\n');
      return {
        consumer,
        instantiations: figure(run.output, 'Instantiations'),
        types: figure(run.output, 'Types'),
        errors,
      };
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const cost of measureTypeCost()) {
    console.log(
      `${cost.consumer.padEnd(22)} ${String(cost.instantiations).padStart(8)} instantiations ${String(cost.types).padStart(7)} types${cost.errors === '' ? '' : `\n${cost.errors}`}`,
    );
  }
}
