import { expect } from 'chai';
import { parseCookie } from 'cookie';
import fc from 'fast-check';
import { Cookie, CookieError, CookieValidationError, parseCookieHeader } from '../src/index.js';

describe('parseCookieHeader()', () => {
  describe('lookup', () => {
    const cookies = parseCookieHeader('sid=abc; theme=dark; sid=older; empty=; flag');

    it('get() returns the first value of a name, undefined for an absent one', () => {
      expect(cookies.get('sid')).to.equal('abc');
      expect(cookies.get('theme')).to.equal('dark');
      expect(cookies.get('empty')).to.equal('');
      expect(cookies.get('nope')).to.equal(undefined);
    });

    it('getAll() returns every value of a name in the order sent', () => {
      expect(cookies.getAll('sid')).to.deep.equal(['abc', 'older']);
      expect(cookies.getAll('nope')).to.deep.equal([]);
    });

    it('has() and size count what was sent, duplicates included', () => {
      expect(cookies.has('theme')).to.equal(true);
      expect(cookies.has('nope')).to.equal(false);
      expect(cookies.size).to.equal(5);
    });

    it('iterates [name, value] pairs in order; a pair without "=" has an empty name', () => {
      expect([...cookies]).to.deep.equal([
        ['sid', 'abc'],
        ['theme', 'dark'],
        ['sid', 'older'],
        ['empty', ''],
        ['', 'flag'],
      ]);
      expect(cookies.names()).to.deep.equal(['sid', 'theme', 'sid', 'empty', '']);
    });

    it('trims optional whitespace around names, values and "="', () => {
      const c = parseCookieHeader('  a = 1 ;\tb=2\t;;  ; c =3');
      expect([...c]).to.deep.equal([
        ['a', '1'],
        ['b', '2'],
        ['c', '3'],
      ]);
      expect(parseCookieHeader('a = 1').get('a')).to.equal('1');
    });

    it('matches names case-sensitively', () => {
      const c = parseCookieHeader('SID=upper; sid=lower');
      expect(c.get('sid')).to.equal('lower');
      expect(c.get('SID')).to.equal('upper');
    });

    it('treats "no header" as no cookies', () => {
      for (const header of [undefined, null, '', [], ['', '  ']]) {
        const c = parseCookieHeader(header);
        expect(c.size).to.equal(0);
        expect(c.get('a')).to.equal(undefined);
      }
    });
  });

  describe('several Cookie lines', () => {
    it('reads every line, in order (HTTP/2 splits the header)', () => {
      const c = parseCookieHeader(['a=1; b=2', 'a=3', 'c=4']);
      expect(c.getAll('a')).to.deep.equal(['1', '3']);
      expect(c.get('c')).to.equal('4');
      expect(c.size).to.equal(4);
    });
  });

  describe('decoding', () => {
    it("percent-decodes with encoding 'uri' (the default)", () => {
      expect(parseCookieHeader('a=%E2%9C%93%20ok').get('a')).to.equal('✓ ok');
    });

    it('keeps the value as sent when an escape is malformed, never throwing', () => {
      const c = parseCookieHeader('a=%E2%9C; b=100%; c=%zz%41');
      expect(c.get('a')).to.equal('%E2%9C');
      expect(c.get('b')).to.equal('100%');
      expect(c.getAll('c')).to.deep.equal(['%zz%41']);
    });

    it('decodes base64url and returns raw values untouched', () => {
      expect(parseCookieHeader('a=4pyT', { encoding: 'base64url' }).get('a')).to.equal('✓');
      expect(parseCookieHeader('a=4py!', { encoding: 'base64url' }).get('a')).to.equal('4py!');
      expect(parseCookieHeader('a=%41; b="q"', { encoding: 'raw' }).get('a')).to.equal('%41');
      expect(parseCookieHeader('b="q"', { encoding: 'raw' }).get('b')).to.equal('"q"');
    });

    it('removes one pair of quotes around a uri or base64url value', () => {
      expect(parseCookieHeader('a="x%20y"').get('a')).to.equal('x y');
      expect(parseCookieHeader('a="4pyT"', { encoding: 'base64url' }).get('a')).to.equal('✓');
      expect(parseCookieHeader('a="').get('a')).to.equal('"');
    });

    it('getRaw() returns the value exactly as sent', () => {
      expect(parseCookieHeader('a="x%20y"').getRaw('a')).to.equal('"x%20y"');
      expect(parseCookieHeader('a=1').getRaw('b')).to.equal(undefined);
    });

    it('refuses an unknown encoding with a CookieValidationError at encoding', () => {
      expect(() => parseCookieHeader('a=1', { encoding: 'hex' as never }))
        .to.throw(CookieError)
        .with.property('issues')
        .that.deep.equals([
          {
            path: ['encoding'],
            code: 'encoding_value',
            message: 'encoding "hex" must be one of uri, raw, base64url',
            source: 'cookiesmith encodings',
          },
        ]);
    });

    it('reads back what the Cookie serialiser wrote, for every encoding', () => {
      fc.assert(
        fc.property(
          fc.string({ unit: 'grapheme', maxLength: 20 }),
          fc.constantFrom('uri', 'base64url') as fc.Arbitrary<'uri' | 'base64url'>,
          (value, encoding) => {
            const built = Cookie.safeFrom({ name: 'v', value, encoding });
            fc.pre(built.success);
            if (!built.success) return;
            const pair = built.cookie.toString().split(';')[0] as string;
            expect(parseCookieHeader(`x=1; ${pair}; y=2`, { encoding }).get('v')).to.equal(value);
          },
        ),
        { numRuns: 300 },
      );
    });
  });

  describe('RFC 2109 request syntax', () => {
    it('does not return $Version, $Path and $Domain as cookies', () => {
      const c = parseCookieHeader(
        '$Version="1"; Customer="WILE_E_COYOTE"; $Path="/acme"; Part_Number="Rocket_Launcher_0001"; $Path="/acme"',
      );
      expect([...c]).to.deep.equal([
        ['Customer', 'WILE_E_COYOTE'],
        ['Part_Number', 'Rocket_Launcher_0001'],
      ]);
      expect(c.has('$Path')).to.equal(false);
      expect(c.get('$Version')).to.equal(undefined);
    });

    it('accepts "," between pairs and unquotes quoted-strings holding separators', () => {
      const c = parseCookieHeader('$Version=1, a="x; y, \\"z\\"", $Domain=.example.com, b=2');
      expect([...c]).to.deep.equal([
        ['a', 'x; y, "z"'],
        ['b', '2'],
      ]);
      expect(c.getRaw('a')).to.equal('"x; y, \\"z\\""');
    });

    it('skips pseudo-cookies in a header without $Version too, and keeps "," in values', () => {
      const c = parseCookieHeader('a=1,2; $Path=/; $Domain=.x.com');
      expect([...c]).to.deep.equal([['a', '1,2']]);
    });

    it('reads an unterminated quoted-string up to the next separator', () => {
      const c = parseCookieHeader('$Version=1; a="open; b=2');
      expect(c.getRaw('a')).to.equal('"open');
      expect(c.get('b')).to.equal('2');
    });
  });

  describe('interoperability', () => {
    it("reads every pair as the cookie package's parseCookie does (property)", () => {
      const TCHARS = "!#%&'*+-.^_`|~0123456789abcXYZ";
      const OCTETS = "!#$%&'()*+-./0123456789:<=>?@AZ[]^_`az{|}~";
      const pair = fc.tuple(
        fc.string({ unit: fc.constantFrom(...TCHARS), minLength: 1, maxLength: 4 }),
        fc.string({ unit: fc.constantFrom(...OCTETS, '%2', '%E2%9C%93', '%zz'), maxLength: 8 }),
      );
      fc.assert(
        fc.property(fc.array(pair, { maxLength: 8 }), (pairs) => {
          const header = pairs.map(([n, v]) => `${n}=${v}`).join('; ');
          const theirs = parseCookie(header);
          const ours = parseCookieHeader(header);
          for (const [name] of pairs) expect(ours.get(name), name).to.equal(theirs[name]);
        }),
        { numRuns: 500 },
      );
    });
  });

  describe('consistency', () => {
    it('get() before and after the full index agree for any header and name (property)', () => {
      fc.assert(
        fc.property(
          fc.string({ unit: fc.constantFrom(...'ab$=; \t,"%2\\'), maxLength: 40 }),
          fc.string({ unit: fc.constantFrom(...'ab$= ;'), maxLength: 3 }),
          (header, name) => {
            const fresh = parseCookieHeader(header);
            const lazy = fresh.get(name);
            const lazyHas = parseCookieHeader(header).has(name);
            const indexed = parseCookieHeader(header);
            void indexed.size;
            expect(lazy).to.equal(indexed.get(name));
            expect(lazyHas).to.equal(indexed.has(name));
            expect(indexed.get(name)).to.equal(indexed.getAll(name)[0]);
          },
        ),
        { numRuns: 1000 },
      );
    });
  });

  describe('hostile input', () => {
    const MB = 1 << 20;
    const cases: [string, string][] = [
      ['1 MB without a separator', `a=${'x'.repeat(MB)}`],
      ['1 MB of ";"', ';'.repeat(MB)],
      ['1 MB of "="', '='.repeat(MB)],
      ['1 MB of ","', `$Version=1${','.repeat(MB)}`],
      ['1 MB of short pairs', 'a=b;'.repeat(MB / 4)],
      ['1 MB of broken escapes', `a=${'%E2%9'.repeat(MB / 5)}`],
      ['1 MB of quotes in RFC 2109 syntax', `$Version=1; a=${'"\\'.repeat(MB / 2)}`],
      ['control characters', `a=\x00\x01\r\n; b=\x7f`],
    ];
    for (const [label, header] of cases) {
      it(`gives a well-defined result for ${label}`, () => {
        const c = parseCookieHeader(header);
        expect(c.size).to.be.a('number');
        expect(c.get('a')).to.satisfy((v: unknown) => v === undefined || typeof v === 'string');
        const pairs = [...c];
        expect(pairs.length).to.equal(c.size);
        expect(pairs.every(([n, v]) => typeof n === 'string' && typeof v === 'string')).to.equal(
          true,
        );
      });
    }

    it('reads a 1 MB header of 70 000 pairs in linear time (generous bound: under 2 s)', () => {
      const header = Array.from({ length: 70_000 }, (_, i) => `n${i}=v%20${i}`).join('; ');
      const start = performance.now();
      const c = parseCookieHeader(header);
      expect(c.get('n69999')).to.equal('v 69999');
      expect(c.size).to.equal(70_000);
      expect(c.getAll('n5')).to.deep.equal(['v 5']);
      expect(performance.now() - start).to.be.lessThan(2000);
    });

    it('throws only a CookieError for a header that is not text', () => {
      for (const header of [42, {}, [1], ['a=1', null]]) {
        expect(() => parseCookieHeader(header as never)).to.throw(CookieError);
      }
    });

    it('refuses a sparse array of lines with a CookieError, never a TypeError later', () => {
      // biome-ignore lint/suspicious/noSparseArray: the holes are the point
      for (const header of [[, 'sid=1'], ['a=1', , 'sid=1'], new Array(2)]) {
        expect(() => parseCookieHeader(header as never).get('sid'))
          .to.throw(CookieError)
          .with.property('code', 'invalid_type');
      }
    });

    it('reads each line once, so a line that changes between reads cannot slip through', () => {
      let reads = 0;
      const lines: unknown[] = ['a=1', 'b=2'];
      Object.defineProperty(lines, 1, {
        get: () => (reads++ === 0 ? 'b=2' : 42),
        enumerable: true,
      });
      const parsed = parseCookieHeader(lines as string[]);
      expect(reads).to.equal(1);
      expect([...parsed]).to.deep.equal([
        ['a', '1'],
        ['b', '2'],
      ]);
    });

    it('accepts options without a prototype', () => {
      const options = Object.assign(Object.create(null) as object, { encoding: 'raw' as const });
      expect(parseCookieHeader('a=%41', options).get('a')).to.equal('%41');
      expect(parseCookieHeader('a=%41', Object.create(null)).get('a')).to.equal('A');
    });

    it('refuses an encoding that cannot be turned into a string at path encoding', () => {
      const unprintable = [
        Object.create(null),
        {
          toString() {
            throw new Error('no');
          },
        },
        Symbol('uri'),
      ];
      for (const encoding of unprintable) {
        try {
          parseCookieHeader('a=1', { encoding } as never);
          expect.fail('expected a CookieValidationError');
        } catch (error) {
          expect(error).to.be.instanceOf(CookieValidationError);
          expect(
            (error as CookieValidationError).issues.map((i) => [i.path, i.code]),
          ).to.deep.equal([[['encoding'], 'encoding_value']]);
        }
      }
    });
  });
});
