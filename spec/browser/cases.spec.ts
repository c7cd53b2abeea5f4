// The library side of the browser suite's cases, which needs no browser: cookiesmith refuses
// the configuration behind each rule-breaking header, lintSetCookie flags the header, and
// docs/conformance.md is the text the expectations render.
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { Cookie } from '../../src/index.js';
import { allCases, caseTitle, expectationFor, reverseCases } from './cases.js';
import {
  CONFORMANCE_FILE,
  documentedVersions,
  lintErrors,
  renderConformance,
} from './conformance.js';

describe('browser suite cases (library side)', () => {
  describe('cookiesmith refuses what breaks a rule', () => {
    for (const c of reverseCases) {
      it(caseTitle(c), () => {
        if (c.refused !== undefined) {
          const result = Cookie.safeFrom(c.refused.config);
          expect(result.success, 'cookiesmith refuses the configuration').to.equal(false);
          if (!result.success) {
            expect(result.error.issues.map((i) => [i.code, i.path])).to.deep.include([
              c.refused.code,
              c.refused.path,
            ]);
          }
        }
        const errors = lintErrors(c);
        if (c.lintGap === undefined) expect(errors, 'lintSetCookie errors').to.not.deep.equal([]);
        else expect(errors, `lintSetCookie gap: ${c.lintGap}`).to.deep.equal([]);
      });
    }
  });

  describe("each engine's verdict agrees with what it must store", () => {
    for (const c of reverseCases) {
      // A removal's verdict is about the removal line, not about what is left in the store.
      if (c.steps.length > 1) continue;
      it(caseTitle(c), () => {
        for (const engine of ['chromium', 'firefox', 'webkit'] as const) {
          const { verdict, stored } = expectationFor(c, engine);
          if (verdict === 'rejected' || verdict === 'unseen')
            expect(stored, `${engine}: a ${verdict} header shows no cookie`).to.deep.equal([]);
          else
            expect(stored, `${engine}: a ${verdict} header stores a cookie`).to.not.deep.equal([]);
        }
      });
    }
  });

  describe('what a case checks of the built cookie', () => {
    for (const c of allCases) {
      if (c.check === undefined) continue;
      it(caseTitle(c), () => c.check?.());
    }
  });

  describe('docs/conformance.md', () => {
    it('is what the expectations render (npm run conformance writes it)', () => {
      const text = readFileSync(CONFORMANCE_FILE, 'utf8');
      const versions = documentedVersions(text);
      expect(Object.keys(versions), 'engine versions recorded').to.have.members([
        'chromium',
        'firefox',
        'webkit',
      ]);
      // A difference here means a case, a note or cookiesmith's output changed: run
      // `npm run conformance`, which checks every engine before it writes the file.
      const expected = renderConformance(versions).split('\n');
      const actual = text.split('\n');
      const at = expected.findIndex((line, i) => line !== actual[i]);
      const stale =
        at === -1 && expected.length === actual.length
          ? undefined
          : `line ${at + 1} is\n  ${actual[at]}\nand the expectations render\n  ${expected[at]}`;
      expect(stale, 'docs/conformance.md is stale: run npm run conformance').to.equal(undefined);
    });
  });
});
