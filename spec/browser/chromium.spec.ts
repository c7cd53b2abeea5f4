import { readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'chai';
import { Cookie } from '../../src/index.js';
import { skipOrFail } from '../support/chromium.js';
import {
  type BrowserCase,
  builtCases,
  comparable,
  type ReverseCase,
  reverseCases,
} from './cases.js';
import { lintErrors, renderConformance } from './conformance.js';
import { browserSuiteUnavailable, ChromiumHarness, type Visit } from './harness.js';

const CONFORMANCE_FILE = new URL('../../docs/conformance.md', import.meta.url);

function assertVisit(c: BrowserCase, visit: Visit): void {
  if (c.failure === undefined) expect(visit.failure, 'navigation failure').to.equal(undefined);
  else expect(visit.failure).to.include(c.failure);
  const actual = visit.stored.map((cookie) =>
    comparable(
      cookie,
      visit,
      c.stored.find((e) => e.name === cookie.name && e.domain === cookie.domain)?.lifetime,
    ),
  );
  expect(actual, 'stored cookies').to.deep.equal(c.stored);
  expect(visit.documentCookie, 'document.cookie').to.equal(c.documentCookie);
  expect(
    visit.blocked.map((b) => b.reasons),
    'DevTools blocked reasons',
  ).to.deep.equal(c.blocked ?? []);
  c.check?.();
}

describe('Chromium (headless, real HTTPS on 127.0.0.1)', function () {
  this.timeout(60_000);
  let harness: ChromiumHarness | undefined;
  const visits = new Map<BrowserCase, Visit>();

  before(async function () {
    skipOrFail(this, 'the browser suite', browserSuiteUnavailable());
    harness = await ChromiumHarness.start();
  });

  after(async () => {
    await harness?.close();
    const all = [...builtCases, ...reverseCases];
    if (harness !== undefined && all.every((c) => visits.has(c))) {
      writeFileSync(CONFORMANCE_FILE, renderConformance(harness.version, visits));
    }
  });

  async function visit(c: BrowserCase): Promise<Visit> {
    if (harness === undefined) throw new Error('the browser harness did not start');
    const result = await harness.visit(c.steps);
    visits.set(c, result);
    return result;
  }

  describe('stores exactly what cookiesmith sends', () => {
    for (const c of builtCases) {
      it(c.title, async () => {
        assertVisit(c, await visit(c));
      });
    }
  });

  describe('refuses or alters headers that break a RULES.md rule', () => {
    for (const c of reverseCases) {
      it(`rule ${c.rule}: ${c.title} → ${c.verdict}`, async () => {
        assertVerdict(c);
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
        assertVisit(c, await visit(c));
      });
    }
  });
});

describe('docs/conformance.md', () => {
  it('has a row for every case of the browser suite (npm test regenerates it)', () => {
    const text = readFileSync(CONFORMANCE_FILE, 'utf8');
    const rows = text
      .split('\n')
      .filter(
        (line) => line.startsWith('| ') && !line.startsWith('| case') && !line.startsWith('| rule'),
      );
    const titles = [
      ...builtCases.map((c) => c.title),
      ...reverseCases.map((c) => `| ${c.rule} | ${c.title} |`),
    ];
    expect(rows).to.have.length(titles.length);
    for (const title of titles) expect(text, title).to.include(title);
  });
});

/** The verdict must agree with the expectation it summarises. */
function assertVerdict(c: ReverseCase): void {
  const names = new Set(c.stored.map((s) => s.name));
  if (c.verdict === 'rejected')
    expect(c.stored, 'a rejected header stores nothing').to.deep.equal([]);
  else expect(names.size, `a ${c.verdict} header stores a cookie`).to.be.greaterThan(0);
}
