// The import map a page needs to load cookiesmith's ESM build without a bundler: every bare
// specifier reachable from dist/esm/index.js (and from what those resolve to), resolved as
// Node resolves it with the `browser` condition, written as a URL under /node_modules/.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { ROOT } from '../support/build.js';

/** Where a page finds the package itself: the layout of an app that serves node_modules. */
export const PACKAGE_PATH = '/node_modules/cookiesmith/';

/** What a file imports: static imports and re-exports, side-effect imports, import(). */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map((f) => f.fileName);
}

/** Node's resolution of bare `specifiers` imported from directory `from`, for browsers. */
function resolveFrom(from: string, specifiers: readonly string[]): string[] {
  const script = 'for (const s of JSON.parse(process.argv[1])) console.log(import.meta.resolve(s))';
  const output = execFileSync(
    process.execPath,
    ['--conditions=browser', '--input-type=module', '-e', script, JSON.stringify(specifiers)],
    { cwd: from, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } },
  );
  return output
    .trim()
    .split('\n')
    .map((url) => fileURLToPath(url));
}

/** The import map, and what keeps the build from loading in a browser (empty when nothing). */
export interface ImportMapResult {
  imports: Record<string, string>;
  problems: string[];
}

/** Crawls the module graph of dist/esm/index.js (bounded) and maps every bare import in it. */
export function importMapForBuild(): ImportMapResult {
  const entry = join(ROOT, 'dist/esm/index.js');
  const modules = join(ROOT, 'node_modules');
  const imports: Record<string, string> = { cookiesmith: `${PACKAGE_PATH}dist/esm/index.js` };
  const problems: string[] = [];
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    if (seen.size > 5_000) throw new Error('more than 5000 modules behind dist/esm/index.js');
    const file = queue.shift() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const bare: string[] = [];
    for (const specifier of importsOf(file)) {
      // A relative import is resolved by the browser against the importing file's URL.
      if (specifier.startsWith('./') || specifier.startsWith('../'))
        queue.push(join(dirname(file), specifier));
      else if (isBuiltin(specifier))
        problems.push(`${relative(ROOT, file)} imports ${specifier}, which no browser has`);
      else bare.push(specifier);
    }
    if (bare.length === 0) continue;
    const targets = resolveFrom(dirname(file), bare);
    bare.forEach((specifier, i) => {
      const target = targets[i] as string;
      const path = relative(modules, target);
      if (path.startsWith('..')) {
        problems.push(`${specifier} resolves outside node_modules: ${target}`);
        return;
      }
      const url = `/node_modules/${path.split(sep).join('/')}`;
      const known = imports[specifier];
      if (known !== undefined && known !== url)
        problems.push(`${specifier} resolves to ${known} and to ${url}: the map needs scopes`);
      imports[specifier] = url;
      queue.push(target);
    });
  }
  const sorted = Object.fromEntries(Object.entries(imports).sort(([a], [b]) => a.localeCompare(b)));
  return { imports: sorted, problems };
}

/** The import map of an HTML page (its `<script type="importmap">`). */
export function importMapOf(html: string): unknown {
  const match = /<script type="importmap">([\s\S]*?)<\/script>/.exec(html);
  return match?.[1] === undefined ? undefined : JSON.parse(match[1]);
}
