// One describe block per engine: one browser for the engine's whole run, every case of the
// suite visited in turn with an empty store, each checked against the engine's expectation.
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { skipOrFail } from '../support/chromium.js';
import { allCases, type BrowserCase, caseTitle, comparable, expectationFor } from './cases.js';
import { CONFORMANCE_FILE, documentedVersions } from './conformance.js';
import { ENGINES } from './engines.js';
import { ENGINE_LABELS, type EngineHarness, type EngineName, type Visit } from './harness.js';

/** Checks what one engine did with case `c` against what it must do. */
export function assertVisit(c: BrowserCase, engine: EngineName, visit: Visit): void {
  const expected = expectationFor(c, engine);
  if (expected.failure === undefined)
    expect(visit.failure, 'navigation failure').to.equal(undefined);
  else expect(visit.failure, 'navigation failure').to.include(expected.failure);
  const actual = visit.stored.map((cookie) =>
    comparable(
      cookie,
      visit,
      expected.stored.find(
        (e) => e.name === cookie.name && e.domain === cookie.domain && e.path === cookie.path,
      )?.lifetime,
    ),
  );
  expect(actual, 'stored cookies').to.deep.equal(expected.stored);
  expect(visit.documentCookie, 'document.cookie').to.equal(expected.documentCookie);
  expect(
    visit.said,
    engine === 'chromium' ? 'DevTools blocked reasons' : 'console messages',
  ).to.deep.equal(expected.said);
}

/** Registers the suite of one engine. */
export function describeEngine(name: EngineName): void {
  const engine = ENGINES[name];
  const label = ENGINE_LABELS[name];
  describe(`${label} (headless, real HTTPS on 127.0.0.1)`, function () {
    this.timeout(60_000);
    let harness: EngineHarness | undefined;

    before(async function () {
      this.timeout(120_000);
      skipOrFail(this, `the ${label} browser suite`, engine.missing(), engine.install);
      harness = await engine.start();
      const documented = documentedVersions(readFileSync(CONFORMANCE_FILE, 'utf8'))[name];
      console.log(`      ${label} ${harness.version}`);
      if (documented !== harness.version)
        console.warn(
          `      !! docs/conformance.md was written with ${label} ${documented ?? '(none)'}: run npm run conformance`,
        );
    });

    after(async () => {
      await harness?.close();
    });

    for (const c of allCases) {
      it(caseTitle(c), async () => {
        if (harness === undefined) throw new Error(`the ${label} harness did not start`);
        assertVisit(c, name, await harness.visit(c.steps));
      });
    }
  });
}
