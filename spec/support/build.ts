// Docs examples and the package specs run against the built package (dist/), which the
// package's self-reference resolves `'cookiesmith'` to. `npm test` builds before mocha; this
// builds once more only when dist/ is missing or older than src/ (a single spec run by hand).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

/**
 * Runs the build unless dist/esm and dist/cjs are newer than every file in src/, or the
 * environment says `COOKIESMITH_PREBUILT=1` (dist/ was built on purpose, keep it).
 */
export function ensureBuilt(): void {
  if (process.env.COOKIESMITH_PREBUILT === '1') return;
  const outputs = ['dist/esm/index.js', 'dist/cjs/index.js'].map((p) => join(ROOT, p));
  const source = newestMtime(join(ROOT, 'src'));
  if (outputs.every((p) => existsSync(p) && statSync(p).mtimeMs >= source)) return;
  execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'pipe' });
}
