import { expect } from 'chai';
import fc from 'fast-check';
import {
  Cookie,
  CookieJarResponse,
  lintSetCookie,
  lintSetCookieLines,
  type SetCookieDiagnostic,
} from '../src/index.js';

const summary = (diagnostics: readonly SetCookieDiagnostic[]) =>
  diagnostics.map((d) => [d.severity, d.code, d.attribute ?? '']);
const errors = (header: string, options?: Parameters<typeof lintSetCookie>[1]) =>
  summary(lintSetCookie(header, options).filter((d) => d.severity === 'error'));
const warnings = (header: string) =>
  summary(lintSetCookie(header).filter((d) => d.severity === 'warning'));

describe('lintSetCookie()', () => {
  it('reports nothing for a clean modern line', () => {
    expect(
      lintSetCookie('Set-Cookie: sid=abc; Path=/; Secure; HttpOnly; SameSite=Lax'),
    ).to.deep.equal([]);
  });

  it('returns a frozen array of frozen diagnostics with a source', () => {
    const result = lintSetCookie('sid=abc');
    expect(Object.isFrozen(result)).to.equal(true);
    expect(result).to.have.length(1);
    expect(Object.isFrozen(result[0])).to.equal(true);
    expect(result[0]?.source).to.be.a('string').and.not.equal('');
  });

  it('gives every diagnostic a fix', () => {
    const result = lintSetCookie('$s d=a b; SameSite=None; Max-Age=007; Secure=1; Foo=');
    expect(result.length).to.be.greaterThan(4);
    for (const d of result) {
      expect(d.fix, d.code).to.be.a('string').and.not.equal('see the message');
    }
  });

  describe('errors (the rules cookiesmith enforces)', () => {
    const cases: [string, string, string][] = [
      ['sid=a b; SameSite=Lax', 'value_octets', ''],
      ['s d=1; SameSite=Lax', 'name_token', ''],
      ['$sid=1; SameSite=Lax', 'name_reserved', ''],
      ['sid=1; SameSite=Lax\r\nX-Injected: 1', 'control_character', ''],
      ['sid=é; SameSite=Lax', 'non_ascii', ''],
      [`sid=${'x'.repeat(4096)}; SameSite=Lax`, 'name_value_too_long', ''],
      ['sid=1; SameSite=Lax; Domain=exa_mple.com', 'domain_syntax', 'Domain'],
      ['sid=1; SameSite=Lax; Version=1; Domain=example.com', 'domain_leading_dot', 'Domain'],
      ['sid=1; SameSite=Lax; Path=app', 'path_syntax', 'Path'],
      ['sid=1; SameSite=Lax; Max-Age=-1', 'max_age_integer', 'Max-Age'],
      ['sid=1; SameSite=Lax; Max-Age=1h', 'max_age_integer', 'Max-Age'],
      ['sid=1; SameSite=Lax; Expires=soon', 'expires_date', 'Expires'],
      ['sid=1; SameSite=Sometimes', 'same_site_value', 'SameSite'],
      ['sid=1; SameSite=None', 'same_site_none_insecure', 'Secure'],
      ['sid=1; SameSite=Lax; Partitioned', 'partitioned_insecure', 'Secure'],
      ['__Secure-sid=1; SameSite=Lax', 'prefix_secure', 'Secure'],
      ['__Host-sid=1; Secure; SameSite=Lax', 'prefix_host', 'Path'],
      ['__Http-sid=1; Secure; SameSite=Lax', 'prefix_http', 'HttpOnly'],
      ['__host-sid=1; Secure; Path=/; Domain=example.com; SameSite=Lax', 'prefix_host', 'Domain'],
      ['sid=1; SameSite=Lax; Version=x', 'version_value', 'Version'],
      ['sid=1; SameSite=Lax; Priority=Urgent', 'priority_value', 'Priority'],
      ['sid=1; SameSite=Lax; Foo=', 'extension_syntax', 'Foo'],
      [`sid=1; SameSite=Lax; Path=/${'p'.repeat(1024)}`, 'attribute_too_long', 'Path'],
      [`sid=1; SameSite=Lax; Expires=${'x'.repeat(1025)}`, 'attribute_too_long', 'Expires'],
      ['sid=1; SameSite=Lax; Comment="open', 'parse', 'Comment'],
      ['sid', 'parse', ''],
    ];
    for (const [header, code, attribute] of cases) {
      it(`${code}${attribute ? ` at ${attribute}` : ''}: ${JSON.stringify(header.slice(0, 50))}`, () => {
        expect(errors(header)).to.deep.include(['error', code, attribute]);
      });
    }

    it('checks Version and Comment as errors under an explicit rfc6265 profile', () => {
      expect(
        errors('sid=1; Version=1; Comment=x; SameSite=Lax', { profile: 'rfc6265' }),
      ).to.deep.equal([
        ['error', 'profile_attribute', 'Version'],
        ['error', 'profile_attribute', 'Comment'],
      ]);
    });

    it('infers rfc6265 for a line without Version or Comment, so Domain needs no dot', () => {
      expect(errors('sid=1; Domain=example.com; SameSite=Lax')).to.deep.equal([]);
    });
  });

  describe('warnings (what browsers clamp, ignore or differ on)', () => {
    it('warns about a lifetime beyond the 400-day cap', () => {
      expect(warnings('sid=1; SameSite=Lax; Max-Age=34560001')).to.deep.equal([
        ['warning', 'lifetime_capped', 'Max-Age'],
      ]);
      expect(warnings('sid=1; SameSite=Lax; Max-Age=34560000')).to.deep.equal([]);
      expect(warnings('sid=1; SameSite=Lax; Expires=Fri, 31 Dec 9999 23:59:59 GMT')).to.deep.equal([
        ['warning', 'lifetime_capped', 'Expires'],
      ]);
    });

    it('warns about a missing SameSite, except on a removal', () => {
      expect(warnings('sid=1')).to.deep.equal([['warning', 'same_site_absent', 'SameSite']]);
      expect(warnings('sid=; Max-Age=0')).to.deep.equal([]);
      expect(warnings('sid=; Expires=Thu, 01 Jan 1970 00:00:00 GMT')).to.deep.equal([]);
    });

    it('warns about legacy attributes', () => {
      expect(
        warnings('sid=1; SameSite=Lax; Version=1; Comment=hi; Discard; Port="80"'),
      ).to.deep.equal([
        ['warning', 'legacy_attribute', 'Discard'],
        ['warning', 'legacy_attribute', 'Port'],
        ['warning', 'legacy_attribute', 'Version'],
        ['warning', 'legacy_attribute', 'Comment'],
      ]);
    });

    it('notes Priority and Partitioned support', () => {
      expect(warnings('sid=1; Secure; SameSite=None; Partitioned; Priority=High')).to.deep.equal([
        ['warning', 'priority_chromium_only', 'Priority'],
        ['warning', 'partitioned_support', 'Partitioned'],
      ]);
    });

    it('warns about duplicate attributes (the last one wins in browsers)', () => {
      expect(warnings('sid=1; SameSite=Lax; Path=/a; path=/b')).to.deep.equal([
        ['warning', 'duplicate_attribute', 'Path'],
      ]);
    });

    it('warns about Max-Age with leading zeros and a non-IMF Expires', () => {
      expect(warnings('sid=1; SameSite=Lax; Max-Age=0060')).to.deep.equal([
        ['warning', 'max_age_format', 'Max-Age'],
      ]);
      expect(warnings('sid=1; SameSite=Lax; Expires=Sun, 18-Apr-2027 21:06:29 GMT')).to.deep.equal([
        ['warning', 'expires_format', 'Expires'],
      ]);
      expect(
        warnings('sid=1; SameSite=Lax; Expires=Mon, 18 Apr 2027 21:06:29 GMT'),
        'a wrong day name',
      ).to.deep.equal([['warning', 'expires_format', 'Expires']]);
    });

    it('warns about a flag with a value, whitespace around "=" and empty attributes', () => {
      expect(warnings('sid = 1; SameSite=Lax; Secure=yes; Path =/;;')).to.deep.equal([
        ['warning', 'bad_whitespace', ''],
        ['warning', 'empty_attribute', ''],
        ['warning', 'flag_value', 'Secure'],
        ['warning', 'bad_whitespace', 'Path'],
      ]);
    });
  });

  describe('against our own output', () => {
    it('finds no error in any header cookiesmith builds (property)', () => {
      fc.assert(
        fc.property(
          fc.string({ maxLength: 20 }),
          fc.constantFrom('rfc2109', 'rfc6265') as fc.Arbitrary<'rfc2109' | 'rfc6265'>,
          fc.nat(),
          (value, profile, maxAge) => {
            const cookie = Cookie.safeFrom({
              name: 'sid',
              value,
              profile,
              maxAge,
              path: '/',
              secure: true,
              sameSite: 'Lax',
              ...(profile === 'rfc2109' ? { domain: '.example.com', comment: 'a note' } : {}),
            });
            fc.pre(cookie.success);
            if (!cookie.success) return;
            const found = lintSetCookie(cookie.cookie.toString(), { profile });
            expect(found.filter((d) => d.severity === 'error')).to.deep.equal([]);
          },
        ),
        { numRuns: 200 },
      );
    });
  });

  describe('hostile input', () => {
    const MB = 1 << 20;
    const cases: [string, unknown][] = [
      ['1 MB of ";"', ';'.repeat(MB)],
      ['1 MB of attributes', `a=b${'; x=y'.repeat(MB / 5)}`],
      ['1 MB value', `a=${'v'.repeat(MB)}`],
      ['only separators', ';=;=,,'],
      ['broken escapes', 'a=%E2%9; Comment="\\'],
      [
        'every control character',
        Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join(''),
      ],
      ['a number', 7],
      ['undefined', undefined],
    ];
    for (const [label, header] of cases) {
      it(`returns diagnostics for ${label}, never throwing`, () => {
        const result = lintSetCookie(header as string);
        expect(result).to.be.an('array');
        expect(result.every((d) => d.severity === 'error' || d.severity === 'warning')).to.equal(
          true,
        );
      });
    }

    it('lints a 1 MB line in linear time (generous bound: under 2 s)', () => {
      const start = performance.now();
      lintSetCookie(`a=b${'; Foo=bar'.repeat(MB / 9)}`);
      lintSetCookie(`a=b; Expires=${'1 '.repeat(MB / 2)}`);
      expect(performance.now() - start).to.be.lessThan(2000);
    });

    it('never throws for arbitrary strings (property)', () => {
      fc.assert(
        fc.property(fc.string({ unit: fc.constantFrom(...'a=;, "\\%\tSecure-0') }), (header) => {
          expect(lintSetCookie(header)).to.be.an('array');
        }),
        { numRuns: 500 },
      );
    });
  });
});

describe('lintSetCookieLines()', () => {
  const codes = (lines: readonly string[]) =>
    lintSetCookieLines(lines).map((r) => r.diagnostics.map((d) => `${d.severity}:${d.code}`));

  it('warns on every line that repeats a name of the same response (RULES #29)', () => {
    const reports = codes([
      'sid=; Path=/; Max-Age=0; SameSite=Lax',
      'theme=dark; Path=/; SameSite=Lax',
      'sid=; Path=/app; Max-Age=0; SameSite=Lax',
    ]);
    expect(reports[0]).not.to.include('warning:duplicate_name');
    expect(reports[1]).not.to.include('warning:duplicate_name');
    expect(reports[2]).to.include('warning:duplicate_name');
  });

  it('passes distinct names, and a jar never repeats an identity', () => {
    const jar = new CookieJarResponse()
      .sendCookie('a', '1', { path: '/', sameSite: 'Lax', profile: 'rfc6265' })
      .sendCookie('b', '2', { path: '/', sameSite: 'Lax', profile: 'rfc6265' })
      .sendCookie('a', '3', { path: '/', sameSite: 'Lax', profile: 'rfc6265' });
    for (const report of codes(jar.setCookieHeaders())) expect(report).to.deep.equal([]);
  });

  it('flags a jar that sets one name on two paths', () => {
    const jar = new CookieJarResponse()
      .delete('sid', { path: '/' })
      .delete('sid', { path: '/app' });
    const reports = lintSetCookieLines(jar.setCookieHeaders());
    expect(reports.map((r) => r.line)).to.deep.equal([0, 1]);
    expect(reports[1]?.diagnostics.some((d) => d.code === 'duplicate_name')).to.equal(true);
  });

  it('reports each line as lintSetCookie does, and never throws on junk', () => {
    const line = 'sid=1; SameSite=None';
    expect(lintSetCookieLines([line])[0]?.diagnostics).to.deep.equal(lintSetCookie(line));
    for (const junk of [null, undefined, 1, {}, [1, null], ['a=1', 'a=2', 3]]) {
      expect(() => lintSetCookieLines(junk as never)).not.to.throw();
    }
  });
});
