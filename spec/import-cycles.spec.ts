import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

const script = fileURLToPath(new URL('../scripts/check-cycles.mjs', import.meta.url));
const repository = fileURLToPath(new URL('..', import.meta.url));

/** Runs the check on a folder; `npm test` runs it on `src` before mocha. */
function check(folder: string): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [script, folder], { cwd: repository, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('scripts/check-cycles.mjs (the import-cycle check of npm test)', () => {
  let root: string;
  let trees = 0;

  /** Writes a tree of TypeScript files (path → source) and returns its folder. */
  function tree(files: Record<string, string>): string {
    trees += 1;
    const folder = join(root, `tree-${trees}`);
    for (const [path, source] of Object.entries(files)) {
      mkdirSync(dirname(join(folder, path)), { recursive: true });
      writeFileSync(join(folder, path), source);
    }
    return folder;
  }

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'cookiesmith-cycles-'));
  });
  after(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('passes on src: the only cycle there is the allowed Cookie ↔ CookieBuilder', () => {
    const { status, output } = check('src');
    expect(status, output).to.equal(0);
  });

  it('fails on a cycle of three files and names it', () => {
    const folder = tree({
      'a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
      'b.ts': "import { c } from './c.js';\nexport const b = () => c;\n",
      'c.ts': "import { a } from './a.js';\nexport const c = () => a;\n",
      'd.ts': "import { a } from './a.js';\nexport const d = a;\n",
    });
    const { status, output } = check(folder);
    expect(status).to.equal(1);
    expect(output).to.include('a.ts → b.ts → c.ts → a.ts');
    expect(output).not.to.include('d.ts');
  });

  it('counts side-effect imports, re-exports and import() as edges', () => {
    for (const back of [
      "import './a.js';\n",
      "export * from './a.js';\n",
      "export { a } from './a.js';\n",
      "export const load = () => import('./a.js');\n",
    ]) {
      const folder = tree({ 'a.ts': "import './b.js';\nexport const a = 1;\n", 'b.ts': back });
      const { status, output } = check(folder);
      expect(status, back).to.equal(1);
      expect(output).to.include('a.ts → b.ts → a.ts');
    }
  });

  it('ignores imports that are erased: import type and names all marked type', () => {
    const folder = tree({
      'a.ts': "import { b } from './b.js';\nexport type A = { n: number };\nexport const a = b;\n",
      'b.ts': [
        "import type { A } from './a.js';",
        "import { type A as Same } from './a.js';",
        "export type { A as Again } from './a.js';",
        'export const b = 1;',
        'export type B = A | Same;',
        '',
      ].join('\n'),
    });
    const { status, output } = check(folder);
    expect(status, output).to.equal(0);
  });

  it('allows Cookie ↔ CookieBuilder, but not a cycle that passes through them', () => {
    const pair = {
      'cookie/cookie.ts':
        "import { B } from '../builder/cookie-builder.js';\nexport const C = B;\n",
      'builder/cookie-builder.ts':
        "import { C } from '../cookie/cookie.js';\nexport const B = C;\n",
    };
    expect(check(tree(pair)).status).to.equal(0);
    const { status, output } = check(
      tree({
        ...pair,
        'builder/cookie-builder.ts':
          "import { C } from '../cookie/cookie.js';\nimport { P } from '../policy/policy.js';\nexport const B = [C, P];\n",
        'policy/policy.ts': "import { C } from '../cookie/cookie.js';\nexport const P = C;\n",
      }),
    );
    expect(status).to.equal(1);
    expect(output).to.include('policy/policy.ts');
    expect(output).to.match(
      /cookie\/cookie\.ts → builder\/cookie-builder\.ts → policy\/policy\.ts/,
    );
  });
});
