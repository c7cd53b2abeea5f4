import { expect } from 'chai';
import fc from 'fast-check';
import {
  type BrowserEngine,
  Cookie,
  lintSetCookie,
  type SetCookieDiagnostic,
} from '../src/index.js';
import { CONDITIONS } from '../src/rules/conditions.js';

type Row = readonly [
  line: string,
  code: string,
  severity: 'error' | 'warning',
  attribute: string,
  refusedBy: readonly BrowserEngine[],
];

const ALL: readonly BrowserEngine[] = ['chromium', 'firefox', 'webkitgtk'];
const CF: readonly BrowserEngine[] = ['chromium', 'firefox'];
const PAST = 'Thu, 01 Jan 1970 00:00:00 GMT';
const SOON = () => new Date(Date.now() + 10 * 86_400_000).toUTCString();

/** The diagnostic of `code` at `attribute`, as a comparable row. */
function find(line: string, code: string, attribute: string, options?: object) {
  const found = lintSetCookie(line, options as never).find(
    (d) => d.code === code && (d.attribute ?? '') === attribute,
  );
  return found === undefined
    ? undefined
    : [line, found.code, found.severity, found.attribute ?? '', [...found.refusedBy]];
}

function expectRows(rows: readonly Row[], options?: object): void {
  for (const row of rows) {
    const [line, code, , attribute] = row;
    it(`${row[2]} ${code}${attribute ? ` at ${attribute}` : ''}: ${JSON.stringify(line.slice(0, 60))}`, () => {
      expect(find(line, code, attribute, options)).to.deep.equal([...row.slice(0, 4), [...row[4]]]);
    });
  }
}

const summary = (diagnostics: readonly SetCookieDiagnostic[]) =>
  diagnostics.map((d) => [d.severity, d.code, d.attribute ?? '']);

describe('lintSetCookie()', () => {
  it('reports nothing for a clean modern line', () => {
    expect(
      lintSetCookie('Set-Cookie: sid=abc; Path=/; Secure; HttpOnly; SameSite=Lax'),
    ).to.deep.equal([]);
  });

  it('returns frozen diagnostics, each with a source, a fix and the engines that refuse', () => {
    const result = lintSetCookie('sid=abc; SameSite=None');
    expect(Object.isFrozen(result)).to.equal(true);
    for (const d of result) {
      expect(Object.isFrozen(d), d.code).to.equal(true);
      expect(Object.isFrozen(d.refusedBy), d.code).to.equal(true);
      expect(d.source, d.code).to.be.a('string').and.not.equal('');
      expect(d.fix, d.code).to.be.a('string').and.not.equal('');
    }
  });

  it('has a source and a fix for every code of the catalogue', () => {
    for (const [code, condition] of Object.entries(CONDITIONS)) {
      expect(condition.source, code).to.be.a('string').and.not.equal('');
      expect(condition.fix, code).to.be.a('string').and.not.equal('');
    }
  });

  it('lists errors first, then warnings', () => {
    const severities = lintSetCookie('$s=1; Max-Age=007; SameSite=None').map((d) => d.severity);
    expect(severities).to.deep.equal([...severities].sort());
    expect(severities).to.include('error').and.to.include('warning');
  });

  describe('errors: an engine stores nothing from the line', () => {
    expectRows([
      ['v=a\x00b; Path=/', 'control_character', 'error', '', ALL],
      ['v=a\x01b; Path=/', 'control_character', 'error', '', CF],
      ['v=a\x7Fb; Path=/', 'control_character', 'error', '', CF],
      ['v=a\tb; Path=/', 'control_character', 'error', '', ['chromium']],
      ['v=1; Path=/a\tb', 'control_character', 'error', 'Path', CF],
      ['=abc; Path=/', 'name_token', 'error', '', ['firefox']],
      ['=; Path=/', 'name_token', 'error', '', CF],
      ['=__Secure-x; Path=/', 'name_token', 'error', '', CF],
      ['; Path=/', 'parse', 'error', '', CF],
      ['__Secure-x; Path=/', 'parse', 'error', '', CF],
      [`big=${'x'.repeat(4094)}; Path=/`, 'name_value_too_long', 'error', '', CF],
      [
        `d=1; Domain=${'a'.repeat(1100)}.example.com`,
        'attribute_too_long',
        'error',
        'Domain',
        ['webkitgtk'],
      ],
      ['d=1; Domain=example.com.', 'domain_syntax', 'error', 'Domain', ALL],
      ['d=1; Domain=www_x.example.com', 'domain_syntax', 'error', 'Domain', ALL],
      ['d=1; Domain=test', 'domain_public_suffix', 'error', 'Domain', ALL],
      ['d=1; Version=1; Domain=.test', 'domain_public_suffix', 'error', 'Domain', ALL],
      ['d=1; Domain=co.uk', 'domain_public_suffix', 'error', 'Domain', ALL],
      ['d=1; Domain=github.io', 'domain_public_suffix', 'error', 'Domain', ALL],
      ['d=1; Domain=Example.COM', 'domain_case', 'error', 'Domain', ['webkitgtk']],
      ['m=1; Max-Age=-1', 'max_age_integer', 'error', 'Max-Age', ALL],
      ['m=1; Max-Age=', 'max_age_integer', 'error', 'Max-Age', ['webkitgtk']],
      [`m=1; Max-Age=60; Expires=${PAST}`, 'lifetime_order', 'error', 'Expires', ['webkitgtk']],
      ['r=1; SameSite=None', 'same_site_none_insecure', 'error', 'Secure', CF],
      ['h=1; Partitioned', 'partitioned_insecure', 'error', 'Secure', CF],
      ['__Secure-s=1', 'prefix_secure', 'error', 'Secure', CF],
      ['__Host-h=1; Secure; Path=/app', 'prefix_host', 'error', 'Path', CF],
      ['__host-h=1; Secure; Path=/; Domain=example.com', 'prefix_host', 'error', 'Domain', CF],
      ['__Http-a=1; Secure; Path=/', 'prefix_http', 'error', 'HttpOnly', CF],
      // what the browser reads, not what is written first: the last Path wins
      ['__Host-h=1; Secure; Path=/; Path=/a', 'prefix_host', 'error', 'Path', CF],
    ]);

    it('reads a negative Max-Age on a removal as the removal it is (a warning)', () => {
      expect(find('m=; Max-Age=-1', 'max_age_integer', 'Max-Age')).to.deep.equal([
        'm=; Max-Age=-1',
        'max_age_integer',
        'warning',
        'Max-Age',
        [],
      ]);
    });

    it('checks Domain against the responding host when given a URL', () => {
      const url = 'https://www.example.com/login';
      expect(
        find('d=1; Domain=other.example.org', 'domain_mismatch', 'Domain', { url })?.[4],
      ).to.deep.equal(ALL);
      expect(lintSetCookie('d=1; Domain=example.com; SameSite=Lax', { url })).to.deep.equal([]);
      expect(
        lintSetCookie('d=1; Domain=github.io; SameSite=Lax', {
          url: new URL('https://github.io/'),
        }),
        'a public suffix that is the host itself stores a host-only cookie',
      ).to.deep.equal([]);
    });
  });

  describe('errors: the line cannot do what it says', () => {
    expectRows([
      ['v=abc\r\nSet-Cookie: admin=1', 'control_character', 'error', '', []],
      ['t=1; Path=/; "Secure"', 'attribute_misspelt', 'error', '"Secure"', []],
      ['t=1; Path=/; Secure, HttpOnly', 'attribute_misspelt', 'error', 'Secure, HttpOnly', []],
      ['t=1; Same-Site=Strict', 'attribute_misspelt', 'error', 'Same-Site', []],
      ['t=1; Max_Age=60', 'attribute_misspelt', 'error', 'Max_Age', []],
    ]);
  });

  describe('warnings: every engine stores a cookie, not as written', () => {
    expectRows([
      ['t\t=\t1; Path=/', 'bad_whitespace', 'warning', '', []],
      ['t=1\t; Path=/', 'bad_whitespace', 'warning', '', []],
      ['t=é; Path=/; Secure', 'non_ascii', 'warning', '', []],
      ['p=1; Path=/café', 'non_ascii', 'warning', 'Path', []],
      ['abc; Path=/', 'parse', 'warning', '', []],
      ['sid(1)=x', 'name_token', 'warning', '', []],
      ['a b=1', 'name_token', 'warning', '', []],
      ['$Version=1', 'name_reserved', 'warning', '', []],
      ['v=a b,c', 'value_octets', 'warning', '', []],
      ['test=1, baz=qux', 'value_octets', 'warning', '', []],
      ['t=1; Path=', 'path_syntax', 'warning', 'Path', []],
      ['t=1; Path=account', 'path_syntax', 'warning', 'Path', []],
      [`t=1; Path=/${'p'.repeat(1024)}`, 'attribute_too_long', 'warning', 'Path', []],
      [`t=1; Expires=${'x'.repeat(1025)}`, 'attribute_too_long', 'warning', 'Expires', []],
      ['t=1; Domain=', 'domain_syntax', 'warning', 'Domain', []],
      ['t=1; Version=1; Domain=example.com', 'domain_leading_dot', 'warning', 'Domain', []],
      ['t=1; Max-Age=1.5', 'max_age_integer', 'warning', 'Max-Age', []],
      ['t=1; Max-Age=50,399', 'max_age_integer', 'warning', 'Max-Age', []],
      ['t=1; Max-Age=+60', 'max_age_integer', 'warning', 'Max-Age', []],
      ['t=1; Max-Age=0060', 'max_age_format', 'warning', 'Max-Age', []],
      ['t=1; Max-Age=99999999999999999999', 'lifetime_capped', 'warning', 'Max-Age', []],
      ['t=1; Expires=2030-01-01', 'expires_date', 'warning', 'Expires', []],
      ['t=1; Expires=Sun, 18-Apr-2027 21:06:29 GMT', 'expires_format', 'warning', 'Expires', []],
      ['t=1; Expires=Fri, 31 Dec 9999 23:59:59 GMT', 'lifetime_capped', 'warning', 'Expires', []],
      ['t=1; SameSite', 'same_site_value', 'warning', 'SameSite', []],
      ['t=1; SameSite=Bogus', 'same_site_value', 'warning', 'SameSite', []],
      ['t=1; SameSite=Lax; Priority=Urgent', 'priority_value', 'warning', 'Priority', []],
      ['t=1; SameSite=Lax; Priority=High', 'priority_chromium_only', 'warning', 'Priority', []],
      [
        't=1; Secure; SameSite=None; Partitioned',
        'partitioned_support',
        'warning',
        'Partitioned',
        [],
      ],
      ['t=1', 'same_site_absent', 'warning', 'SameSite', []],
      ['t=1; SameSite=Lax; Secure=false', 'flag_value', 'warning', 'Secure', []],
      ['t=1; SameSite=Lax; HttpOnly=yes', 'flag_value', 'warning', 'HttpOnly', []],
      ['t=1; SameSite=Lax; Path=/a; Path=/', 'duplicate_attribute', 'warning', 'Path', []],
      ['t=1; SameSite=Lax; Trace=on', 'attribute_unknown', 'warning', 'Trace', []],
      ['t=1; SameSite=Lax; Foo=', 'attribute_unknown', 'warning', 'Foo', []],
      ['t=1; SameSite=Lax; Discard', 'legacy_attribute', 'warning', 'Discard', []],
      ['t=1; SameSite=Lax; Version=1; Comment=hi', 'legacy_attribute', 'warning', 'Comment', []],
      ['t=1; SameSite=Lax; Version=1.5', 'version_value', 'warning', 'Version', []],
      ['t = 1; SameSite=Lax', 'bad_whitespace', 'warning', '', []],
      ['t=1; SameSite=Lax;;', 'empty_attribute', 'warning', '', []],
      [`t=1; Expires=${SOON()}; Max-Age=60`, 'same_site_absent', 'warning', 'SameSite', []],
    ]);

    it('says what each engine does where they differ', () => {
      const [tab] = lintSetCookie('v=a\tb; Path=/; SameSite=Lax');
      expect(tab?.engines?.firefox).to.be.a('string').and.not.equal(tab?.engines?.chromium);
      const [plus] = lintSetCookie('t=1; SameSite=Lax; Max-Age=+60');
      expect(plus?.engines && Object.keys(plus.engines)).to.deep.equal(ALL);
    });

    it('warns when WebKitGTK would take a later Expires over Max-Age', () => {
      const line = `t=1; SameSite=Lax; Max-Age=60; Expires=${SOON()}`;
      expect(summary(lintSetCookie(line))).to.deep.equal([
        ['warning', 'lifetime_order', 'Expires'],
      ]);
      const ours = `t=1; SameSite=Lax; Expires=${SOON()}; Max-Age=60`;
      expect(lintSetCookie(ours), 'Max-Age last: every engine uses it').to.deep.equal([]);
    });

    it('holds Version and Comment to the rfc6265 profile when asked', () => {
      expect(
        summary(lintSetCookie('sid=1; Version=1; Comment=x; SameSite=Lax', { profile: 'rfc6265' })),
      ).to.deep.equal([
        ['warning', 'profile_attribute', 'Version'],
        ['warning', 'profile_attribute', 'Comment'],
      ]);
    });

    it('infers rfc6265 for a line without Version or Comment, so Domain needs no dot', () => {
      expect(lintSetCookie('sid=1; Domain=example.com; SameSite=Lax')).to.deep.equal([]);
    });
  });

  describe('one severity model', () => {
    const DEFEATING = new Set(['attribute_misspelt', 'control_character', 'invalid_type']);
    it('error ⇔ an engine refuses, or the line cannot do what it says (property)', () => {
      fc.assert(
        fc.property(
          fc.string({
            unit: fc.constantFrom(...'a=; ,"\\%\t\x01é_-.SecurMxAgPthDomin0+1'),
            maxLength: 60,
          }),
          (line) => {
            for (const d of lintSetCookie(line)) {
              if (d.severity === 'warning') expect(d.refusedBy, d.code).to.deep.equal([]);
              else if (d.refusedBy.length === 0)
                expect(DEFEATING.has(d.code), d.code).to.equal(true);
            }
          },
        ),
        { numRuns: 1000 },
      );
    });

    it('never prints the value of a cookie (property)', () => {
      fc.assert(
        fc.property(fc.stringMatching(/^[A-Za-z0-9]{12,20}$/), (secret) => {
          for (const line of [
            `sid=${secret}; Max-Age=-1`,
            `=${secret}`,
            `${secret}`,
            `sid=${secret}, b=2`,
          ]) {
            for (const d of lintSetCookie(line)) {
              expect(d.message, d.code).not.to.include(secret);
              expect(JSON.stringify(d.engines ?? {}), d.code).not.to.include(secret);
            }
          }
        }),
        { numRuns: 200 },
      );
    });
  });

  describe('against our own output', () => {
    const COOKIE_CODES = new Set([
      'lifetime_capped',
      'expires_past',
      'same_site_absent',
      'legacy_attribute',
      'priority_chromium_only',
      'partitioned_support',
    ]);
    it('finds no error, and the warnings cookie.warnings has, in its words (property)', () => {
      fc.assert(
        fc.property(
          fc.string({ maxLength: 20 }),
          fc.constantFrom('rfc2109', 'rfc6265') as fc.Arbitrary<'rfc2109' | 'rfc6265'>,
          fc.option(fc.nat({ max: 40_000_000 }), { nil: undefined }),
          fc.option(fc.constantFrom('Lax', 'Strict', 'None'), { nil: undefined }),
          fc.boolean(),
          fc.option(fc.constantFrom('Low', 'High'), { nil: undefined }),
          (value, profile, maxAge, sameSite, partitioned, priority) => {
            const cookie = Cookie.safeFrom({
              name: 'sid',
              value,
              profile,
              path: '/',
              secure: true,
              ...(maxAge === undefined ? {} : { maxAge }),
              ...(sameSite === undefined ? {} : { sameSite }),
              ...(priority === undefined ? {} : { priority }),
              partitioned,
              ...(profile === 'rfc2109' ? { domain: '.example.com', comment: 'a note' } : {}),
            });
            fc.pre(cookie.success);
            if (!cookie.success) return;
            const found = lintSetCookie(cookie.cookie.toString(), { profile });
            expect(found.filter((d) => d.severity === 'error')).to.deep.equal([]);
            const shared = found
              .filter((d) => COOKIE_CODES.has(d.code))
              .map((d) => [d.code, d.message]);
            expect(shared).to.deep.equal(cookie.cookie.warnings.map((w) => [w.code, w.message]));
          },
        ),
        { numRuns: 300 },
      );
    });
  });

  describe('options', () => {
    it('reports an unusable option as invalid_type and lints the line anyway', () => {
      const revoked = Proxy.revocable({}, {});
      revoked.revoke();
      const throwing = Object.defineProperty({}, 'profile', {
        get() {
          throw new Error('no');
        },
      });
      for (const options of [{ profile: 'rfc1' }, { url: 'not a url' }, throwing, revoked.proxy]) {
        const found = lintSetCookie('r=1; SameSite=None', options as never).map((d) => d.code);
        expect(found).to.include('invalid_type').and.to.include('same_site_none_insecure');
      }
    });
  });

  describe('hostile input', () => {
    const MB = 1 << 20;
    const cases: [string, unknown][] = [
      ['1 MB of ";"', ';'.repeat(MB)],
      ['1 MB of attributes', `a=b${'; x=y'.repeat(MB / 5)}`],
      ['1 MB value', `a=${'v'.repeat(MB)}`],
      ['1 MB of tabs', `a=${'\t'.repeat(MB)}b`],
      ['only separators', ';=;=,,'],
      ['broken escapes', 'a=%E2%9; Comment="\\'],
      [
        'every control character',
        Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join(''),
      ],
      ['a lone surrogate', 'a=\uD800; Path=/\uDC00'],
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
      lintSetCookie(`a=b${';\t'.repeat(MB / 2)}`);
      expect(performance.now() - start).to.be.lessThan(2000);
    });

    it('never throws for arbitrary strings (property)', () => {
      fc.assert(
        fc.property(
          fc.string({ unit: fc.constantFrom(...'a=;, "\\%\tSecure-0\x00\x7Fé') }),
          (header) => {
            expect(lintSetCookie(header)).to.be.an('array');
          },
        ),
        { numRuns: 500 },
      );
    });
  });
});
