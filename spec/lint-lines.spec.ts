import { expect } from 'chai';
import { Cookie, CookieJarResponse, lintSetCookie, lintSetCookieLines } from '../src/index.js';

const RESPONSE_CODES = ['duplicate_name', 'too_many_cookies', 'header_block_size'];

/** `[line, code]` of every response-level diagnostic of `codes` in the reports. */
function located(lines: readonly string[], codes = new Set(RESPONSE_CODES)): [number, string][] {
  return lintSetCookieLines(lines).flatMap((r) =>
    r.diagnostics.filter((d) => codes.has(d.code)).map((d): [number, string] => [r.line, d.code]),
  );
}

const cookies = (n: number, size = 1) =>
  Array.from({ length: n }, (_, i) => `c${i}=${'v'.repeat(size)}; Path=/; SameSite=Lax`);

describe('lintSetCookieLines()', () => {
  it('reports each line as lintSetCookie does, with its position and the line as given', () => {
    const line = 'Set-Cookie: sid=1; SameSite=None';
    const [report] = lintSetCookieLines([line]);
    expect(report?.line).to.equal(0);
    expect(report?.header).to.equal(line);
    expect(report?.diagnostics).to.deep.equal(lintSetCookie(line));
  });

  describe('duplicate_name (RULES #29)', () => {
    it('warns on the line that sets a name again, for the same scope or another', () => {
      expect(
        located([
          'sid=1; Path=/; SameSite=Lax',
          'theme=dark; Path=/; SameSite=Lax',
          'sid=2; Path=/; SameSite=Lax',
          'sid=; Path=/app; Max-Age=0',
        ]),
      ).to.deep.equal([
        [2, 'duplicate_name'],
        [3, 'duplicate_name'],
      ]);
    });

    it('sees one identity in a Domain written with a dot and in upper case', () => {
      const [, second] = lintSetCookieLines([
        'sid=1; Domain=.Example.com; SameSite=Lax',
        'sid=2; Domain=example.com; SameSite=Lax',
      ]);
      const found = second?.diagnostics.find((d) => d.code === 'duplicate_name');
      expect(found?.severity).to.equal('warning');
      expect(found?.message).to.include('line 1');
    });
  });

  describe('too_many_cookies', () => {
    it('warns at the 51st cookie (RFC 6265 §6.1) and at the 181st (Chromium, Firefox)', () => {
      const counts = new Set(['too_many_cookies']);
      expect(located(cookies(181), counts)).to.deep.equal([
        [50, 'too_many_cookies'],
        [180, 'too_many_cookies'],
      ]);
      expect(located(cookies(50), counts)).to.deep.equal([]);
    });

    it('says what each engine keeps past 180', () => {
      const report = lintSetCookieLines(cookies(181))[180];
      const found = report?.diagnostics.find((d) => d.code === 'too_many_cookies');
      expect(found?.engines && Object.keys(found.engines)).to.deep.equal([
        'chromium',
        'firefox',
        'webkitgtk',
      ]);
      expect(found?.refusedBy).to.deep.equal([]);
    });

    it('counts neither removals nor a cookie set twice', () => {
      const removals = Array.from({ length: 60 }, (_, i) => `r${i}=; Path=/; Max-Age=0`);
      const counts = new Set(['too_many_cookies', 'duplicate_name']);
      expect(located([...cookies(50), ...removals], counts)).to.deep.equal([]);
      const twice = [...cookies(50), 'c0=again; Path=/; SameSite=Lax'];
      expect(located(twice, counts)).to.deep.equal([[50, 'duplicate_name']]);
    });
  });

  describe('header_block_size', () => {
    it('warns on the line where the Set-Cookie lines pass 4 KB, and 8 KB', () => {
      // each line: "Set-Cookie: " + 100 bytes + CRLF = 114 bytes
      const lines = Array.from(
        { length: 80 },
        (_, i) => `c${String(i).padStart(2, '0')}=${'v'.repeat(96)}`,
      );
      const found = located(lines).filter(([, code]) => code === 'header_block_size');
      expect(found).to.deep.equal([
        [Math.floor(4096 / 114), 'header_block_size'],
        [Math.floor(8192 / 114), 'header_block_size'],
      ]);
    });

    it('stays quiet for a response under 4 KB', () => {
      expect(located(cookies(30, 50))).to.deep.equal([]);
    });
  });

  it('checks the Domain of every line against the URL given', () => {
    const reports = lintSetCookieLines(['a=1; Domain=example.com', 'b=1; Domain=example.org'], {
      url: 'https://www.example.com/',
    });
    expect(
      reports.map((r) => r.diagnostics.some((d) => d.code === 'domain_mismatch')),
    ).to.deep.equal([false, true]);
  });

  it('never throws on junk, and shows what is not a string', () => {
    for (const junk of [null, undefined, 1, {}, [1, null], ['a=1', 'a=2', 3]]) {
      expect(() => lintSetCookieLines(junk as never)).not.to.throw();
    }
    expect(lintSetCookieLines([{}] as never)[0]?.header).to.equal('(object)');
  });
});

describe('CookieJarResponse#warnings', () => {
  it('is empty for a small response', () => {
    const jar = new CookieJarResponse().sendCookie('sid', 'a', { path: '/', sameSite: 'Lax' });
    expect(jar.warnings).to.deep.equal([]);
    expect(Object.isFrozen(jar.warnings)).to.equal(true);
  });

  it('warns about one name in two scopes, with the lines concerned', () => {
    const jar = new CookieJarResponse()
      .delete('sid', { path: '/' })
      .delete('sid', { path: '/app' });
    expect(jar.warnings.map((w) => [w.code, w.lines])).to.deep.equal([['duplicate_name', [0, 1]]]);
  });

  it('warns past 50 and 180 cookies and past 4 KB and 8 KB, as lint does for its lines', () => {
    let jar = new CookieJarResponse();
    for (let i = 0; i < 181; i++) {
      jar = jar.add(Cookie.builder(`c${i}`, 'v'.repeat(40)).path('/').sameSite('Lax'));
    }
    const fromJar = jar.warnings.map((w): [number, string] => [w.lines.at(-1) ?? -1, w.code]);
    expect(fromJar).to.deep.equal(located(jar.setCookieHeaders()));
    expect(fromJar.map(([, code]) => code)).to.have.members([
      'too_many_cookies',
      'too_many_cookies',
      'header_block_size',
      'header_block_size',
    ]);
    for (const w of jar.warnings) expect(w.source).to.be.a('string').and.not.equal('');
  });

  it('does not count removal cookies', () => {
    let jar = new CookieJarResponse();
    for (let i = 0; i < 60; i++) jar = jar.delete(`old${i}`, { path: '/' });
    expect(jar.warnings.map((w) => w.code)).not.to.include('too_many_cookies');
  });
});
