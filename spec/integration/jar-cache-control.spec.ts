// Whatever Cache-Control an application set — valid, odd or broken (an unclosed quote, a stray
// backslash, an empty directive) — a response carrying the jar's cookies goes out with one
// well-formed Cache-Control line that holds the jar's directives and no `public`. Checked on a
// real node:http server (ServerResponse target) and a fetch-style handler (Headers target) on
// 127.0.0.1, the application's value sent in by the client.
import { createServer, type Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { expect } from 'chai';
import fc from 'fast-check';
import { Cookie, CookieJarResponse } from '../../src/index.js';
import { close, isWellFormedCacheControl, listen, rawRequest } from './raw-response.js';

const APP_HEADER = 'x-app-cache-control';
const jar = new CookieJarResponse().add(Cookie.builder('sid', 'c4c4e').path('/').httpOnly());

/** Name and argument of each directive of a well-formed value. */
function directivesOf(value: string): [name: string, argument: string | undefined][] {
  const found: [string, string | undefined][] = [];
  for (const m of value.matchAll(/([^=,\s]+)(?:=("(?:[^"\\]|\\.)*"|[^,\s]*))?/g)) {
    found.push([(m[1] as string).toLowerCase(), m[2]]);
  }
  return found;
}

const fragments = fc.constantFrom(
  'public',
  'private',
  'no-cache',
  'no-store',
  'max-age',
  's-maxage',
  'must-revalidate',
  'set-cookie',
  'x-user',
  '60',
  '=',
  '"',
  '\\',
  ',',
  ', ',
  ' ',
  '\t',
  ';',
  '(',
  'é',
);
const appValues = fc
  .array(fragments, { minLength: 1, maxLength: 14 })
  .map((parts) => parts.join('').trim())
  .filter((value) => value !== '');

describe('writeTo() and the application’s Cache-Control', () => {
  const node: Server = createServer((req, res) => {
    const value = req.headers[APP_HEADER];
    if (typeof value === 'string') res.setHeader('Cache-Control', value);
    jar.writeTo(res).end('ok');
  });
  const fetchStyle = createAdaptorServer({
    fetch: (request: Request) => {
      const value = request.headers.get(APP_HEADER);
      const response = new Response('ok');
      if (value !== null) response.headers.set('Cache-Control', value);
      return jar.writeTo(response);
    },
  }) as Server;
  const origins: string[] = [];

  before(async () => {
    origins.push(await listen(node), await listen(fetchStyle));
  });

  after(async () => {
    await close(node);
    await close(fetchStyle);
  });

  it('always sends one well-formed line with private and no-cache="set-cookie" (or stricter), never public', async () => {
    await fc.assert(
      fc.asyncProperty(appValues, async (appValue) => {
        for (const origin of origins) {
          const response = await rawRequest(origin, {
            headers: { [APP_HEADER]: Buffer.from(appValue, 'utf8').toString('latin1') },
          });
          expect(response.status, appValue).to.equal(200);
          const lines = response.values('cache-control');
          expect(lines, appValue).to.have.length(1);
          const line = lines[0] as string;
          expect(isWellFormedCacheControl(line), `${appValue} → ${line}`).to.equal(true);
          const directives = directivesOf(line);
          const names = directives.map(([name]) => name);
          expect(new Set(names).size, `no directive twice in ${line}`).to.equal(names.length);
          expect(names, line).to.not.include('public');
          expect(directives, line).to.deep.include(['private', undefined]);
          const noCache = directives.find(([name]) => name === 'no-cache');
          expect(noCache, line).to.not.equal(undefined);
          const fields = noCache?.[1];
          if (fields !== undefined) expect(fields.toLowerCase(), line).to.match(/set-cookie/);
          expect(response.values('set-cookie')).to.deep.equal(jar.setCookieHeaders());
        }
      }),
      { numRuns: 120 },
    );
  });

  it('keeps every well-formed application directive but public', async () => {
    const cases: [string, string][] = [
      ['public, max-age=60', 'private, no-cache="set-cookie", max-age=60'],
      [
        'max-age=60, foo="a, b", stale-if-error=30',
        'private, no-cache="set-cookie", max-age=60, foo="a, b", stale-if-error=30',
      ],
      ['no-cache="x-user", no-transform', 'private, no-cache="set-cookie, x-user", no-transform'],
      ['foo="bar, max-age=5', 'private, no-cache="set-cookie", max-age=5'],
      ['max-age=60, private="x-user', 'private, no-cache="set-cookie", max-age=60'],
      ['max-age=60, ext="a\\"b"', 'private, no-cache="set-cookie", max-age=60, ext="a\\"b"'],
      ['max age=60, s-maxage=10', 'private, no-cache="set-cookie", s-maxage=10'],
      ['max-age=60 junk, must-revalidate', 'private, no-cache="set-cookie", must-revalidate'],
      ['no-cache="a b", no-store', 'private, no-cache="set-cookie", no-store'],
      ['"', 'private, no-cache="set-cookie"'],
    ];
    for (const origin of origins) {
      for (const [appValue, sent] of cases) {
        const response = await rawRequest(origin, { headers: { [APP_HEADER]: appValue } });
        expect(response.values('cache-control'), appValue).to.deep.equal([sent]);
      }
    }
  });
});
