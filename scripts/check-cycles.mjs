// Fails when the modules under a folder (default `src`) import each other in a cycle, other
// than the one cycle the design allows: `Cookie` ↔ `CookieBuilder` (`Cookie.builder` returns a
// builder, `build()` returns a cookie). Dependencies run one way (STYLE.md 5a): rules → cookie →
// builder / policy → jar, with parse, lint and typed cookies beside.
//
// An edge is an import or re-export that can run: `import type`, `export type` and imports
// whose every name is marked `type` are erased by the compiler and do not count; a side-effect
// import, `export * from` and a literal `import('…')` do, and so does an import whose names are
// used only as types but not marked `type` (mark them). Only relative specifiers are followed.
// The cycles are the strongly connected components of that graph (Tarjan); a component is
// allowed only when its files are exactly an allowed set.
//
// Usage: node scripts/check-cycles.mjs [folder]   (paths in messages are relative to the folder)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** The only cycles allowed, as sets of paths relative to the folder checked. */
const ALLOWED = [['builder/cookie-builder.ts', 'cookie/cookie.ts']];

const root = resolve(process.argv[2] ?? 'src');
const files = listTypeScript(root);
const known = new Set(files);
const graph = new Map(files.map((file) => [file, importsOf(file)]));
const problems = [];
for (const component of stronglyConnected(graph)) {
  const isCycle = component.length > 1 || graph.get(component[0]).includes(component[0]);
  if (!isCycle || isAllowed(component)) continue;
  problems.push(describeCycle(component));
}
if (problems.length > 0) {
  console.error(`import cycles in ${relative(process.cwd(), root) || '.'}:`);
  for (const problem of problems) console.error(`  ${problem}`);
  console.error(
    'Dependencies run one way (rules → cookie → builder / policy → jar); the only cycle allowed' +
      ` is ${ALLOWED.map((set) => set.join(' ↔ ')).join(', ')}. Break the cycle at its root:` +
      ' `import type` for types, or move the shared part to the lower layer.',
  );
  process.exit(1);
}
console.log(
  `no import cycle in ${files.length} files but the allowed ${ALLOWED.map((set) => set.join(' ↔ ')).join(', ')}`,
);

function listTypeScript(dir) {
  const out = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...listTypeScript(path));
    else if (entry.endsWith('.ts') && !entry.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** The files under the folder that `file` imports at run time, resolved to `.ts` paths. */
function importsOf(file) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const specifiers = [];
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && !isTypeOnlyImport(node.importClause)) {
      specifiers.push(node.moduleSpecifier);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !isTypeOnlyExport(node)) {
      specifiers.push(node.moduleSpecifier);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments.length > 0
    ) {
      specifiers.push(node.arguments[0]);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  const targets = new Set();
  for (const specifier of specifiers) {
    if (!ts.isStringLiteralLike(specifier) || !specifier.text.startsWith('.')) continue;
    const target = resolveSpecifier(dirname(file), specifier.text);
    if (target !== undefined) targets.add(target);
  }
  return [...targets];
}

function isTypeOnlyImport(clause) {
  if (clause === undefined) return false; // `import './x.js'` runs x
  if (clause.isTypeOnly) return true;
  if (clause.name !== undefined) return false;
  const bindings = clause.namedBindings;
  if (bindings === undefined || ts.isNamespaceImport(bindings)) return false;
  return bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
}

function isTypeOnlyExport(node) {
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  if (clause === undefined || !ts.isNamedExports(clause)) return false;
  return clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
}

/** `./x.js` → `x.ts` (or `x/index.ts`), as NodeNext resolution maps the emitted file back. */
function resolveSpecifier(from, text) {
  const base = resolve(from, text);
  const candidates = [base.replace(/\.(m|c)?js$/, '.$1ts'), `${base}.ts`, join(base, 'index.ts')];
  return candidates.find((path) => known.has(path));
}

/** Tarjan's algorithm: every strongly connected component, each as a sorted list of files. */
function stronglyConnected(edges) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const components = [];
  let next = 0;
  const connect = (node) => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of edges.get(node)) {
      if (!index.has(target)) {
        connect(target);
        low.set(node, Math.min(low.get(node), low.get(target)));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node), index.get(target)));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      components.push(component.sort());
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) connect(node);
  return components;
}

function isAllowed(component) {
  const names = component.map(name).sort().join('\n');
  return ALLOWED.some((set) => [...set].sort().join('\n') === names);
}

/** One shortest cycle of the component that is not an allowed one, and the component's files. */
function describeCycle(component) {
  const members = new Set(component);
  let shown;
  for (const start of component) {
    const cycle = shortestCycle(start, members);
    if (cycle === undefined) continue;
    if (shown === undefined || !isAllowedPart(cycle)) shown = cycle;
    if (!isAllowedPart(cycle)) break;
  }
  const files =
    component.length > 2 ? ` (${component.length} files: ${component.map(name).join(', ')})` : '';
  return `${shown.map(name).join(' → ')}${files}`;
}

function isAllowedPart(cycle) {
  return ALLOWED.some((set) => cycle.every((file) => set.includes(name(file))));
}

/** Breadth-first: the shortest path from `start` back to itself inside `members`. */
function shortestCycle(start, members) {
  const previous = new Map();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift();
    for (const target of graph.get(node)) {
      if (!members.has(target)) continue;
      if (target === start) {
        const path = [start];
        for (let at = node; at !== start; at = previous.get(at)) path.unshift(at);
        path.unshift(start);
        return path;
      }
      if (!previous.has(target)) {
        previous.set(target, node);
        queue.push(target);
      }
    }
  }
  return undefined;
}

function name(file) {
  return relative(root, file).split(sep).join('/');
}
