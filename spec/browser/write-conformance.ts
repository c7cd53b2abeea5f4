// `npm run conformance`: runs every case of the browser suite in the three engines and, only
// if each engine met every expectation, writes docs/conformance.md with the engines' versions.
import { writeFileSync } from 'node:fs';
import { allCases, caseTitle } from './cases.js';
import { CONFORMANCE_FILE, type EngineVersions, renderConformance } from './conformance.js';
import { assertVisit } from './engine-suite.js';
import { ENGINES } from './engines.js';
import { ENGINE_LABELS, type EngineName } from './harness.js';

const versions: EngineVersions = {};
const failures: string[] = [];
for (const name of Object.keys(ENGINES) as EngineName[]) {
  const engine = ENGINES[name];
  const missing = engine.missing();
  if (missing !== undefined) {
    failures.push(`${ENGINE_LABELS[name]}: ${missing} (${engine.install})`);
    continue;
  }
  const started = Date.now();
  const harness = await engine.start();
  try {
    versions[name] = harness.version;
    for (const c of allCases) {
      try {
        assertVisit(c, name, await harness.visit(c.steps));
      } catch (error) {
        failures.push(`${ENGINE_LABELS[name]} › ${caseTitle(c)}: ${(error as Error).message}`);
      }
    }
  } finally {
    await harness.close();
  }
  console.log(
    `${ENGINE_LABELS[name]} ${versions[name]}: ${allCases.length} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}
if (failures.length > 0) {
  console.error(`docs/conformance.md not written; ${failures.length} problem(s):`);
  for (const failure of failures) console.error(`- ${failure}`);
  process.exitCode = 1;
} else {
  writeFileSync(CONFORMANCE_FILE, renderConformance(versions));
  console.log('wrote docs/conformance.md');
}
