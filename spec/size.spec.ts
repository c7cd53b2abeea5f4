// What an application's bundle pays for cookiesmith is deterministic (esbuild + gzip -9 of the
// built package), so its budgets are tests: `npm run size` prints the same table.
import { expect } from 'chai';
// @ts-expect-error the script is plain JavaScript without declarations
import { measureSizes } from '../scripts/size.mjs';
import { ensureBuilt } from './support/build.js';

interface Row {
  readonly name: string;
  readonly budget: number;
  readonly ours: { readonly gzip: number; readonly minified: number };
  readonly peer: { readonly gzip: number };
}

describe('bundle size (npm run size)', function () {
  this.timeout(60_000);
  let rows: Row[];

  before(async () => {
    ensureBuilt();
    rows = (await measureSizes()) as Row[];
  });

  for (const name of [
    'builds one cookie with the builder',
    'sends a response jar',
    'reads a Cookie header with parseCookieHeader',
  ]) {
    it(`an app that ${name} stays within its budget`, () => {
      const row = rows.find((r) => r.name === name);
      expect(row, name).to.not.equal(undefined);
      expect(row?.ours.gzip, `${name}: gzip bytes`).to.be.at.most(row?.budget ?? 0);
      // the peer is measured in the same way, so a broken measurement shows as a tiny peer
      expect(row?.peer.gzip, 'the cookie package for the same job').to.be.greaterThan(200);
    });
  }

  it('leaves zod out of an app that only reads a Cookie header', () => {
    const row = rows.find((r) => r.name === 'reads a Cookie header with parseCookieHeader');
    expect(row?.ours.minified, 'minified bytes').to.be.below(8_000);
  });
});
