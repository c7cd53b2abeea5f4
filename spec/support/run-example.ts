// Runs a docs example as the script it is: its TypeScript is stripped to JavaScript (the
// type-check is `npm run typecheck`'s job) into .test-output/ inside the repository, where
// `'cookiesmith'` still resolves to the built package through the package's self-reference,
// and plain `node` runs it in its own process.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import ts from 'typescript';
import { ROOT } from './build.js';

const OUT = join(ROOT, '.test-output', `examples-${process.pid}`);

/** What a script run gave: its exit code (`null` when killed), stdout, and both streams. */
export interface ScriptRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly output: string;
}

/** Transpiles `file` (a path under docs/examples) to an ES module and runs it with node. */
export function runExample(file: string, timeout = 60_000): Promise<ScriptRun> {
  const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: false,
    },
    fileName: file,
  });
  mkdirSync(OUT, { recursive: true });
  const script = join(OUT, basename(file).replace(/\.ts$/, '.mjs'));
  writeFileSync(script, outputText);
  return new Promise((resolve) => {
    execFile(process.execPath, [script], { cwd: ROOT, timeout }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
      resolve({ code, stdout, output: `${stdout}${stderr}` });
    });
  });
}

/** Removes what `runExample` wrote for this process. */
export function removeExampleOutput(): void {
  rmSync(OUT, { recursive: true, force: true });
}
