// `npm run runtimes:install`: Bun, Deno, workerd and esbuild for spec/runtimes.spec.ts. Their
// package.json, lockfile and .npmrc live in spec/runtimes/install (what is installed, kept in
// git); they are installed into .runtimes/ at the top of the repository (gitignored), so that
// some 350 MB of binaries and their packages' own files never sit among the specs.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const from = join(ROOT, 'spec/runtimes/install');
const to = join(ROOT, '.runtimes');
mkdirSync(to, { recursive: true });
for (const file of ['package.json', 'package-lock.json', '.npmrc']) {
  copyFileSync(join(from, file), join(to, file));
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
execFileSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: to, stdio: 'inherit' });
