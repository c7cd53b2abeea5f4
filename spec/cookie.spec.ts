import { expect } from 'chai';
import { Cookie, CookieValidationError } from '../src/index.js';

describe('Cookie', () => {
  describe('.builder()', () => {
    it('builds the seed defaults: Version=1 and a leading-dot domain', () => {
      const cookie = Cookie.builder('sid', 'abc').domain('.example.com').path('/').build();
      expect(cookie.toString()).to.equal('sid=abc; Version=1; Domain=.example.com; Path=/');
    });

    it('refuses a domain without a leading dot under rfc2109', () => {
      const result = Cookie.builder('sid', 'abc').domain('example.com').safeBuild();
      expect(result.success).to.equal(false);
      if (result.success) return;
      expect(result.error).to.be.instanceOf(CookieValidationError);
      expect(result.error.issues.map((i) => [i.path.join('.'), i.code])).to.deep.equal([
        ['domain', 'domain_leading_dot'],
      ]);
    });
  });
});
