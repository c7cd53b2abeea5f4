// The library side of the browser suite's cases, which needs no browser: cookiesmith refuses
// the configuration behind each rule-breaking header, lint reports each case's condition and
// agrees with each engine's verdict, and docs/conformance.md is the text the expectations render.
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { Cookie, lintSetCookieLines } from '../../src/index.js';
import { agreementWith, lineVerdicts } from './agreement.js';
import { allCases, caseTitle, expectationFor, lintCases, reverseCases } from './cases.js';
import { CONFORMANCE_FILE, documentedVersions, renderConformance } from './conformance.js';
import { ENGINE_LABELS, type EngineName, HOST, PARTNER_HOST } from './harness.js';

const ENGINES: readonly EngineName[] = ['chromium', 'firefox', 'webkit'];

/** Every code lint reports for the last line of a case. */
function lintCodes(c: (typeof allCases)[number]): string[] {
  const step = c.steps.at(-1);
  const url = `https://${step?.frame ? PARTNER_HOST : HOST}/set/`;
  const profile = (c as { lintProfile?: 'rfc2109' | 'rfc6265' }).lintProfile;
  const options = profile === undefined ? { url } : { url, profile };
  const reports = lintSetCookieLines(step?.lines ?? [], options);
  return reports.at(-1)?.diagnostics.map((d) => d.code) ?? [];
}

describe('browser suite cases (library side)', () => {
  describe('cookiesmith refuses what breaks a rule, and lint names the same rule', () => {
    for (const c of reverseCases) {
      it(caseTitle(c), () => {
        if (c.refused === undefined) return;
        const result = Cookie.safeFrom(c.refused.config);
        expect(result.success, 'cookiesmith refuses the configuration').to.equal(false);
        if (!result.success) {
          expect(result.error.issues.map((i) => [i.code, i.path])).to.deep.include([
            c.refused.code,
            c.refused.path,
          ]);
        }
        const codes = lintCodes(c);
        if (c.lintGap === undefined)
          expect(codes, 'lint reports the same code').to.include(c.refused.code);
        else expect(codes, `lint gap: ${c.lintGap}`).not.to.include(c.refused.code);
      });
    }
  });

  describe('lint reports the condition each lint case pins', () => {
    for (const c of lintCases) {
      it(caseTitle(c), () => {
        const codes = lintCodes(c);
        if (c.lint === undefined) expect(codes, 'nothing to report').to.deep.equal([]);
        else expect(codes).to.include(c.lint);
      });
    }
  });

  describe("lint's verdict agrees with each engine's (refused ⇔ error naming the engine)", () => {
    for (const engine of ENGINES) {
      it(`${ENGINE_LABELS[engine]}: every line of every case, or a listed exception`, () => {
        const agreement = agreementWith(allCases, engine);
        const show = (v: (typeof agreement.disagree)[number]) =>
          `${caseTitle(v.c)}: ${JSON.stringify(v.line.slice(0, 60))} engine ${v.refused ? 'refuses' : 'stores'}, lint errors [${v.errors.join(', ')}]`;
        expect(agreement.disagree.map(show)).to.deep.equal([]);
        expect(agreement.lines).to.be.greaterThan(100);
      });
    }

    it('lists no exception where lint and the engine agree', () => {
      for (const c of allCases) {
        for (const engine of ENGINES) {
          const exception = expectationFor(c, engine).lintException;
          if (exception === undefined) continue;
          const last = lineVerdicts(c, engine).at(-1);
          expect(last?.refused, `${caseTitle(c)} (${engine}): stale exception`).not.to.equal(
            last?.lintRefuses,
          );
        }
      }
    });
  });

  describe("each engine's verdict agrees with what it must store", () => {
    for (const c of [...reverseCases, ...lintCases]) {
      // A removal's verdict is about the removal line, not about what is left in the store.
      if (c.steps.length > 1 || c.steps.at(-1)?.lines.length !== 1) continue;
      it(caseTitle(c), () => {
        for (const engine of ENGINES) {
          const { verdict, stored } = expectationFor(c, engine);
          if (verdict === 'rejected' || verdict === 'unseen' || verdict === 'removed')
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
