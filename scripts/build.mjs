// Builds dist/esm (ES modules) and dist/cjs (CommonJS), each with its own type declarations,
// plus the command-line tool (src/cli, Node-only, ESM) into dist/esm/cli. The library itself
// is compiled without Node's types (tsconfig.build.json: "types": []), so a Node-only API in
// src/ outside src/cli fails the build: the package must run on edge runtimes too.
// Everything is compiled into a staging folder that replaces dist/ only when all steps pass,
// so a failed build never leaves a half-written or missing dist/ behind.
import { execFileSync } from 'node:child_process';
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';

const stage = `.dist-build-${process.pid}`;
const tsc = (project, outDir) =>
  execFileSync(
    process.execPath,
    ['node_modules/typescript/bin/tsc', '-p', project, '--outDir', `${stage}/${outDir}`],
    { stdio: 'inherit' },
  );

try {
  tsc('tsconfig.build.json', 'esm');
  tsc('tsconfig.cjs.json', 'cjs');
  if (existsSync('src/cli')) tsc('tsconfig.cli.json', 'esm');
  // The nearest package.json is what a bundler reads for a file of the build: it must say the
  // modules have no side effects, or nothing unused is dropped from an application's bundle.
  writeFileSync(`${stage}/cjs/package.json`, '{ "type": "commonjs", "sideEffects": false }\n');
  writeFileSync(`${stage}/esm/package.json`, '{ "type": "module", "sideEffects": false }\n');
  // Two renames, so a process reading dist/ meanwhile sees it missing for microseconds only.
  const old = `.dist-old-${process.pid}`;
  if (existsSync('dist')) renameSync('dist', old);
  renameSync(stage, 'dist');
  rmSync(old, { recursive: true, force: true });
} catch (error) {
  rmSync(stage, { recursive: true, force: true });
  console.error(`build failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
