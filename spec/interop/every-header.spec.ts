import { expect } from 'chai';
import { Cookie } from '../../src/index.js';
import { assertParsersAgree } from './readers.js';

// Every Set-Cookie header any spec of this run produces (through Cookie#toString, which the
// jar uses too) is kept, one cookie per distinct header, and read by the three independent
// parsers once all specs have run. The wrapper returns exactly what toString returns.
const seen = new Map<string, Cookie>();
const LIMIT = 50_000;
const original = Cookie.prototype.toString;
Object.defineProperty(Cookie.prototype, 'toString', {
  configurable: true,
  writable: true,
  value: function collectingToString(this: Cookie): string {
    const header = original.call(this);
    if (seen.size < LIMIT && !seen.has(header)) seen.set(header, this);
    return header;
  },
});

// A root-level hook: it runs after the specs of every file.
after(function () {
  this.timeout(120_000);
  Object.defineProperty(Cookie.prototype, 'toString', {
    configurable: true,
    writable: true,
    value: original,
  });
  const failures: string[] = [];
  for (const [header, cookie] of seen) {
    try {
      assertParsersAgree(cookie);
    } catch (error) {
      failures.push(`${header.slice(0, 160)}\n    ${String(error).split('\n')[0]?.slice(0, 300)}`);
    }
  }
  expect(
    failures.length,
    `independent parsers disagree on ${failures.length} of ${seen.size} headers built by the specs:\n  ${failures.slice(0, 10).join('\n  ')}`,
  ).to.equal(0);
  console.log(
    `  independent parsers: ${seen.size} distinct headers built by the specs read alike by tough-cookie, cookie and set-cookie-parser`,
  );
});

describe('Independent parsers over every header the specs build', () => {
  it('collects the headers built while the specs run (checked after all of them)', () => {
    const before = seen.size;
    const cookie = Cookie.builder('collected', `n${before}`).path('/').build();
    expect(cookie.toString()).to.equal(`collected=n${before}; Version=1; Path=/`);
    expect(seen.get(cookie.toString())).to.equal(cookie);
  });
});
