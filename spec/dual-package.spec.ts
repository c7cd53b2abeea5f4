import { createRequire } from 'node:module';
import { expect } from 'chai';
import { ensureBuilt } from './support/build.js';

// The package ships two builds (ESM and CommonJS); an application can load both, e.g. its own
// code through `import` and a dependency through `require`. A jar of one must take the cookies
// of the other.
describe('ESM and CommonJS builds together', () => {
  let esm: typeof import('../src/index.js');
  let cjs: typeof import('../src/index.js');

  before(async function () {
    this.timeout(240_000);
    ensureBuilt();
    esm = await import(new URL('../dist/esm/index.js', import.meta.url).href);
    cjs = createRequire(import.meta.url)('../dist/cjs/index.js');
  });

  it('are two copies: a CommonJS cookie is not an instance of the ESM class', () => {
    const cookie = cjs.Cookie.builder('sid', 'x').path('/').build();
    expect(cookie instanceof esm.Cookie).to.equal(false);
  });

  it('an ESM jar takes a cookie built by the CommonJS copy, validated again', () => {
    const cookie = cjs.Cookie.builder('sid', 'a b').path('/').secure().httpOnly().build();
    const jar = new esm.CookieJarResponse().add(cookie);
    expect(jar.setCookieHeaders()).to.deep.equal([cookie.toString()]);
    expect(jar.get('sid')).to.be.instanceOf(esm.Cookie);
  });

  it('an ESM policy checks a cookie built by the CommonJS copy', () => {
    const loose = cjs.Cookie.builder('sid', 'x').build();
    const issues = esm.CookiePolicy.hostOnly.check(loose);
    expect(issues.map((issue) => issue.path[0])).to.deep.equal(['name', 'secure', 'path']);
    const ok = cjs.Cookie.builder('__Host-sid', 'x').path('/').secure().build();
    expect(esm.CookiePolicy.hostOnly.enforce(ok)).to.equal(ok);
  });

  it('still refuses a look-alike object that is not a cookie of either copy', () => {
    const fake = { name: 'sid', value: 'x', toString: () => 'sid=x; Domain=evil.example' };
    expect(() => new esm.CookieJarResponse().add(fake as never)).to.throw(
      esm.CookieValidationError,
    );
  });
});
