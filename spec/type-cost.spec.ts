import { expect } from 'chai';
import { measureTypeCost, type TypeCost } from '../scripts/type-cost.js';

// What type-checking costs an application (scripts/type-cost.ts). Instantiation counts are
// deterministic for one TypeScript and one zod version, so a budget is a fair test: with
// classic zod's ZodType as the constraint of defineCookie's schema, each defineCookie consumer
// cost about 80 000 instantiations; with zod's core $ZodType, under 3 000.
const BUDGET = 10_000;

describe('type-checking cost for applications (scripts/type-cost.ts)', function () {
  this.timeout(180_000);
  let costs: TypeCost[] = [];

  before(() => {
    costs = measureTypeCost();
  });

  it('measures every consumer in spec/fixtures/type-cost, which all type-check', () => {
    expect(costs.map((c) => c.consumer)).to.deep.equal([
      'baseline.ts',
      'define-json.ts',
      'define-string.ts',
    ]);
    for (const cost of costs) expect(cost.errors, cost.consumer).to.equal('');
  });

  it(`keeps a defineCookie consumer under ${BUDGET} type instantiations`, () => {
    for (const cost of costs.filter((c) => c.consumer.startsWith('define-'))) {
      expect(cost.instantiations, cost.consumer).to.be.below(BUDGET);
    }
  });
});
