import { Cookie, CookieJarResponse, CookiePolicy, MAX_LIFETIME_SECONDS } from '../../src/index.js';
import {
  type BrowserCase,
  DAY,
  type ExpectedCookie,
  frame,
  type Lifetime,
  type ReverseCase,
  stored,
  TOP_LEVEL_SITE,
  top,
} from './case-types.js';
import type { StoredCookie, Visit } from './harness.js';
import { lintCases } from './lint-cases.js';

export * from './case-types.js';
export { lintCases };

const header = (c: Cookie | { toString(): string }): string => c.toString();

// A fixed lifetime for the Expires case, whole seconds, inside the 400-day cap.
const EXPIRES_AT = Math.floor(Date.now() / 1000 / DAY) * DAY + 10 * DAY;
const EXPIRES_LABEL = 'today + 10 days, 00:00:00 GMT';
const EXPIRES_LIFETIME: Lifetime = { at: EXPIRES_AT, label: EXPIRES_LABEL };

/** Text of the sent lines that changes from day to day, and how docs/conformance.md shows it. */
export const DAILY_TEXT: readonly (readonly [string, string])[] = [
  [new Date(EXPIRES_AT * 1000).toUTCString(), `‹${EXPIRES_LABEL}›`],
];

const seedJar = new CookieJarResponse().sendCookie('sid', 'a3f9c2e1', {
  comment: 'login session',
  domain: '.cookie.test',
  path: '/',
  secure: true,
  version: 1,
  maxAge: 3600,
  httpOnly: true,
});

const uriValue = 'a b;c,d"é€\\';
const uriCookie = Cookie.builder('enc', uriValue).path('/').build();
const b64Value = '{"user":42,"name":"Zoë"}';
const b64Cookie = Cookie.builder('data', b64Value).encoding('base64url').path('/').build();
const cappedCookie = Cookie.builder('long', 'x').path('/').maxAge({ days: 500 }).build();

const jar = new CookieJarResponse()
  .add(Cookie.builder('theme', 'dark').path('/').maxAge({ days: 30 }).sameSite('Lax'))
  .add(Cookie.builder('__Host-sid', 's1').path('/').secure().httpOnly().sameSite('Strict'))
  .sendCookie('lang', 'en', { domain: '.cookie.test', path: '/' })
  .add(Cookie.builder('theme', 'light').path('/').maxAge({ days: 30 }).sameSite('Lax'));

const plain = Cookie.builder('sid', 'abc').path('/');
const onDomain = Cookie.builder('sid', 'abc').domain('.cookie.test').path('/');
const hostCookie = Cookie.builder('__Host-sid', 'abc').path('/').secure().httpOnly();
const embedded = Cookie.builder('embed', 'w1').path('/').apply(CookiePolicy.crossSite);
const embeddedStored = stored('embed', 'w1', {
  domain: 'www.partner.test',
  secure: true,
  sameSite: 'None',
  partitionKey: TOP_LEVEL_SITE,
});

/** Headers cookiesmith builds, and exactly what Chromium stores from them. */
export const builtCases: readonly BrowserCase[] = [
  {
    title: 'rfc2109 profile (default): Version, Comment, leading-dot Domain',
    steps: [
      top(
        header(
          Cookie.builder('sid', 'a3f9c2e1')
            .comment('session id')
            .domain('.cookie.test')
            .path('/')
            .build(),
        ),
      ),
    ],
    stored: [stored('sid', 'a3f9c2e1', { domain: '.cookie.test' })],
    documentCookie: 'sid=a3f9c2e1',
  },
  {
    title: "the seed's send_cookie with every parameter (jar.sendCookie)",
    steps: [top(...seedJar.setCookieHeaders())],
    stored: [
      stored('sid', 'a3f9c2e1', {
        domain: '.cookie.test',
        secure: true,
        httpOnly: true,
        lifetime: { maxAge: 3600 },
      }),
    ],
    documentCookie: '',
  },
  {
    title: 'rfc6265 profile: bare Domain',
    steps: [top(header(plain.profile('rfc6265').domain('cookie.test').build()))],
    stored: [stored('sid', 'abc', { domain: '.cookie.test' })],
    documentCookie: 'sid=abc',
  },
  {
    title: 'rfc6265 profile: leading dot and upper case given, sent as cookie.test',
    steps: [top(header(plain.profile('rfc6265').domain('.Cookie.Test').build()))],
    stored: [stored('sid', 'abc', { domain: '.cookie.test' })],
    documentCookie: 'sid=abc',
  },
  {
    title: 'no Domain: host-only',
    steps: [top(header(plain.build()))],
    stored: [stored('sid', 'abc')],
    documentCookie: 'sid=abc',
  },
  {
    title: 'no Path: the default path of the request (/set/…)',
    steps: [top(header(Cookie.builder('sid', 'abc').profile('rfc6265').build()))],
    stored: [stored('sid', 'abc', { path: '/set' })],
    documentCookie: 'sid=abc',
  },
  {
    title: 'Path=/account: not visible to the page at /set/…',
    steps: [top(header(plain.path('/account').build()))],
    stored: [stored('sid', 'abc', { path: '/account' })],
    documentCookie: '',
  },
  {
    title: '__Secure- prefix',
    steps: [top(header(Cookie.builder('__Secure-id', 'v').path('/').secure().build()))],
    stored: [stored('__Secure-id', 'v', { secure: true })],
    documentCookie: '__Secure-id=v',
  },
  {
    title: '__Host- prefix',
    steps: [top(header(Cookie.builder('__Host-id', 'v').path('/').secure().build()))],
    stored: [stored('__Host-id', 'v', { secure: true })],
    documentCookie: '__Host-id=v',
  },
  {
    title: '__Http- prefix',
    steps: [top(header(Cookie.builder('__Http-id', 'v').path('/').secure().httpOnly().build()))],
    stored: [stored('__Http-id', 'v', { secure: true, httpOnly: true })],
    documentCookie: '',
  },
  {
    title: '__Host-Http- prefix',
    steps: [
      top(header(Cookie.builder('__Host-Http-id', 'v').path('/').secure().httpOnly().build())),
    ],
    stored: [stored('__Host-Http-id', 'v', { secure: true, httpOnly: true })],
    documentCookie: '',
  },
  {
    title: 'SameSite=Strict',
    steps: [top(header(plain.sameSite('strict').build()))],
    stored: [stored('sid', 'abc', { sameSite: 'Strict' })],
    documentCookie: 'sid=abc',
  },
  {
    title: 'SameSite=Lax',
    steps: [top(header(plain.sameSite('Lax').build()))],
    stored: [stored('sid', 'abc', { sameSite: 'Lax' })],
    documentCookie: 'sid=abc',
  },
  {
    title: 'SameSite=None with Secure',
    steps: [top(header(plain.sameSite('None').secure().build()))],
    stored: [stored('sid', 'abc', { sameSite: 'None', secure: true })],
    documentCookie: 'sid=abc',
  },
  {
    title: 'CookiePolicy.crossSite in a cross-site iframe: partitioned by the top-level site',
    steps: [frame(header(embedded.build()))],
    stored: [embeddedStored],
    documentCookie: 'embed=w1',
    engines: {
      webkit: {
        stored: [],
        documentCookie: '',
        verdict: 'rejected',
        note: 'nothing stored: WebKitGTK refuses cookies set in a cross-site frame (it accepts no third-party cookies by default) and has no partitioned cookies.',
        lintException:
          'refused for where it was set (a cross-site frame), not for what the line says; lint judges a line, not the frame it arrives in',
      },
    },
  },
  {
    title: 'the same cookie without Partitioned in the iframe (a third-party cookie)',
    steps: [
      frame(header(Cookie.builder('embed', 'w1').path('/').sameSite('None').secure().build())),
    ],
    stored: [],
    documentCookie: '',
    blocked: [['UserPreferences']],
    firefoxSays: [
      'Cookie “embed” will soon be rejected because it is foreign and does not have the “Partitioned“ attribute.',
    ],
    verdict: 'rejected',
    lintException:
      'refused as a third-party cookie (the browser’s settings block cookies of cross-site frames that are not Partitioned), not for what the line says; at the top level the same line is stored',
    engines: {
      firefox: {
        stored: [embeddedStored],
        documentCookie: 'embed=w1',
        verdict: 'altered',
        note: 'stored, partitioned by the top-level site although the header has no Partitioned (Firefox partitions third-party cookies; it warns that it will reject such cookies).',
      },
      webkit: {
        verdict: 'rejected',
        note: 'nothing stored: WebKitGTK refuses cookies set in a cross-site frame.',
        lintException:
          'refused for where it was set (a cross-site frame), not for what the line says',
      },
    },
  },
  {
    title: 'Partitioned at the top level: keyed to its own site',
    steps: [top(header(plain.apply(CookiePolicy.crossSite).build()))],
    stored: [
      stored('sid', 'abc', {
        secure: true,
        sameSite: 'None',
        partitionKey: TOP_LEVEL_SITE,
      }),
    ],
    documentCookie: 'sid=abc',
    engines: {
      webkit: {
        stored: [stored('sid', 'abc', { secure: true, sameSite: 'None' })],
        note: 'stored without a partition key: WebKitGTK ignores Partitioned.',
      },
    },
  },
  {
    title: 'Max-Age=3600',
    steps: [top(header(plain.maxAge({ hours: 1 }).build()))],
    stored: [stored('sid', 'abc', { lifetime: { maxAge: 3600 } })],
    documentCookie: 'sid=abc',
  },
  {
    title: 'Max-Age of 500 days: capped at 400 days (cookie.warnings says so)',
    steps: [top(header(cappedCookie))],
    stored: [stored('long', 'x', { lifetime: { maxAge: MAX_LIFETIME_SECONDS } })],
    documentCookie: 'long=x',
    engines: {
      webkit: {
        stored: [stored('long', 'x', { lifetime: { maxAge: 500 * DAY } })],
        note: 'not capped: WebKitGTK keeps the full 500 days.',
      },
    },
    check: () => {
      if (!cappedCookie.warnings.some((w) => w.code === 'lifetime_capped'))
        throw new Error('expected a lifetime_capped warning');
    },
  },
  {
    title: 'Expires 10 days ahead',
    steps: [top(header(plain.expires(new Date(EXPIRES_AT * 1000)).build()))],
    stored: [stored('sid', 'abc', { lifetime: EXPIRES_LIFETIME })],
    documentCookie: 'sid=abc',
  },
  {
    title: 'Max-Age and Expires together',
    steps: [
      top(
        header(
          plain
            .maxAge(60)
            .expires(new Date(EXPIRES_AT * 1000))
            .build(),
        ),
      ),
    ],
    stored: [stored('sid', 'abc', { lifetime: { maxAge: 60 } })],
    documentCookie: 'sid=abc',
  },
  {
    title: 'Priority=High',
    steps: [top(header(plain.priority('high').build()))],
    stored: [stored('sid', 'abc', { priority: 'High' })],
    documentCookie: 'sid=abc',
  },
  {
    title: 'an extension attribute is ignored, the cookie kept',
    steps: [top(header(plain.extension('Trace', 'on').build()))],
    stored: [stored('sid', 'abc')],
    documentCookie: 'sid=abc',
  },
  {
    title: "encoding 'uri' (default): stored as sent, decodes to the logical value",
    steps: [top(header(uriCookie))],
    stored: [stored('enc', wireOf(uriCookie))],
    documentCookie: `enc=${wireOf(uriCookie)}`,
    check: () => {
      if (decodeURIComponent(wireOf(uriCookie)) !== uriValue) throw new Error('uri round trip');
    },
  },
  {
    title: "encoding 'base64url': stored as sent, decodes to the logical value",
    steps: [top(header(b64Cookie))],
    stored: [stored('data', wireOf(b64Cookie))],
    documentCookie: `data=${wireOf(b64Cookie)}`,
    check: () => {
      const text = Buffer.from(wireOf(b64Cookie), 'base64url').toString('utf8');
      if (text !== b64Value) throw new Error('base64url round trip');
    },
  },
  {
    title: "encoding 'raw' with a quoted value: Chromium keeps the quotes",
    steps: [top(header(plain.value('"abc"').encoding('raw').build()))],
    stored: [stored('sid', '"abc"')],
    documentCookie: 'sid="abc"',
  },
  {
    title: 'a jar with several cookies (one replaced), one Set-Cookie line each',
    steps: [top(...jar.setCookieHeaders())],
    stored: [
      stored('__Host-sid', 's1', { secure: true, httpOnly: true, sameSite: 'Strict' }),
      stored('lang', 'en', { domain: '.cookie.test' }),
      stored('theme', 'light', { sameSite: 'Lax', lifetime: { maxAge: 30 * DAY } }),
    ],
    documentCookie: 'theme=light; lang=en',
  },
  {
    title: 'delete a plain cookie with removal()',
    steps: [top(header(plain.build())), top(header(plain.removal().build()))],
    stored: [],
    documentCookie: '',
  },
  {
    title: 'delete a plain cookie with jar.delete()',
    steps: [
      top(header(plain.build())),
      top(...new CookieJarResponse().delete('sid', { path: '/' }).setCookieHeaders()),
    ],
    stored: [],
    documentCookie: '',
  },
  {
    title: 'delete a domain cookie with removal()',
    steps: [top(header(onDomain.build())), top(header(onDomain.removal().build()))],
    stored: [],
    documentCookie: '',
  },
  {
    title: 'delete a domain cookie with jar.delete()',
    steps: [
      top(header(onDomain.build())),
      top(
        ...new CookieJarResponse()
          .delete('sid', { domain: '.cookie.test', path: '/' })
          .setCookieHeaders(),
      ),
    ],
    stored: [],
    documentCookie: '',
  },
  {
    title: 'delete a __Host- cookie with removal()',
    steps: [top(header(hostCookie.build())), top(header(hostCookie.removal().build()))],
    stored: [],
    documentCookie: '',
  },
  {
    title: 'delete a __Host- cookie with jar.delete()',
    steps: [
      top(header(hostCookie.build())),
      top(...new CookieJarResponse().delete('__Host-sid').setCookieHeaders()),
    ],
    stored: [],
    documentCookie: '',
  },
  {
    title: 'delete a partitioned cookie with removal() in the iframe',
    steps: [frame(header(embedded.build())), frame(header(embedded.removal().build()))],
    stored: [],
    documentCookie: '',
    engines: {
      webkit: {
        verdict: 'rejected',
        note: 'nothing to remove: WebKitGTK stored nothing in the cross-site frame (see above).',
        lintException:
          'refused for where it was set (a cross-site frame), not for what the line says',
      },
    },
  },
  {
    // delete() cannot know the cookie was SameSite=None; a partitioned removal gets it anyway,
    // because a cross-site iframe only accepts SameSite=None lines (6265bis §5.7 step 18).
    title: 'delete a partitioned cookie with jar.delete({ partitioned }) in the iframe',
    steps: [
      frame(header(embedded.build())),
      frame(
        ...new CookieJarResponse()
          .delete('embed', { path: '/', partitioned: true })
          .setCookieHeaders(),
      ),
    ],
    stored: [],
    documentCookie: '',
    engines: {
      webkit: {
        verdict: 'rejected',
        note: 'nothing to remove: WebKitGTK stored nothing in the cross-site frame (see above).',
        lintException:
          'refused for where it was set (a cross-site frame), not for what the line says',
      },
    },
  },
];

function wireOf(cookie: Cookie): string {
  const text = cookie.toString();
  const end = text.indexOf(';');
  return text.slice(text.indexOf('=') + 1, end === -1 ? undefined : end);
}

const LONG = 'a'.repeat(1100);

/** For each RULES.md error rule: a header that breaks it, and what Chromium does with it. */
export const reverseCases: readonly ReverseCase[] = [
  {
    rule: '1',
    title: 'name with a separator: sid(1)',
    steps: [top('sid(1)=x; Path=/')],
    stored: [stored('sid(1)', 'x')],
    documentCookie: 'sid(1)=x',
    verdict: 'accepted',
    note: 'Chromium stores it; server-side Cookie parsers that follow the token grammar split or drop it, so the name may not come back.',
    refused: { config: { name: 'sid(1)', value: 'x' }, code: 'name_token', path: ['name'] },
  },
  {
    rule: '1',
    title: 'empty name',
    steps: [top('=abc; Path=/')],
    stored: [stored('', 'abc')],
    documentCookie: 'abc',
    firefoxSays: ['Cookie “” has been rejected for invalid characters in the name.'],
    engines: {
      firefox: { stored: [], documentCookie: '', verdict: 'rejected', note: 'refused as a whole.' },
    },
    verdict: 'altered',
    note: 'stored as a nameless cookie; document.cookie shows "abc", which a server reads as a cookie named "abc" with an empty value.',
    refused: { config: { name: '', value: 'abc' }, code: 'name_token', path: ['name'] },
  },
  {
    rule: '2',
    title: 'name starting with $',
    steps: [top('$Path=/x; Path=/')],
    stored: [stored('$Path', '/x')],
    documentCookie: '$Path=/x',
    verdict: 'accepted',
    note: 'Chromium stores it; an RFC 2109 server reads $Path in the Cookie header as the Path of the cookie before it, not as a cookie.',
    refused: { config: { name: '$Path', value: '/x' }, code: 'name_reserved', path: ['name'] },
  },
  {
    rule: '3',
    title: 'value with ";"',
    lintGap:
      'the line is a valid header for v=a with an attribute named b: the intent is not in it',
    steps: [top('v=a;b; Path=/')],
    stored: [stored('v', 'a')],
    documentCookie: 'v=a',
    verdict: 'altered',
    note: 'the value is cut at ";" (the rest is read as an attribute): "a" is stored instead of "a;b".',
    refused: {
      config: { name: 'v', value: 'a;b', encoding: 'raw' },
      code: 'value_octets',
      path: ['value'],
    },
  },
  {
    rule: '3',
    title: 'value with a space and a comma',
    steps: [top('v=a b,c; Path=/')],
    stored: [stored('v', 'a b,c')],
    documentCookie: 'v=a b,c',
    verdict: 'accepted',
    note: 'Chromium keeps them; RFC 2109 servers split the Cookie header at "," and many parsers stop at the space, so the value does not come back whole.',
    refused: {
      config: { name: 'v', value: 'a b,c', encoding: 'raw' },
      code: 'value_octets',
      path: ['value'],
    },
  },
  {
    rule: '4',
    title: 'control character 0x01 in the value',
    steps: [top('v=a\x01b; Path=/')],
    stored: [],
    documentCookie: '',
    blocked: [['DisallowedCharacter']],
    firefoxSays: ['Cookie “v” has been rejected for invalid characters in the value.'],
    engines: {
      webkit: {
        stored: [stored('v', 'a', { path: '/set' })],
        documentCookie: 'v=a',
        verdict: 'altered',
        note: 'the line is cut at the control character: v=a is stored, and Path=/ after it is lost (default path /set).',
      },
    },
    verdict: 'rejected',
    note: 'refused as a whole.',
    refused: { config: { name: 'v', value: 'a\x01b' }, code: 'control_character', path: ['value'] },
  },
  {
    rule: '4',
    title: 'HTAB inside the value',
    steps: [top('v=a\tb; Path=/')],
    stored: [],
    documentCookie: '',
    blocked: [['DisallowedCharacter']],
    engines: {
      firefox: {
        stored: [stored('v', 'a\tb')],
        documentCookie: 'v=a\tb',
        verdict: 'accepted',
        note: 'stored with the tab in the value.',
      },
      webkit: {
        stored: [stored('v', 'a', { path: '/set' })],
        documentCookie: 'v=a',
        verdict: 'altered',
        note: 'the line is cut at the tab: v=a is stored, and Path=/ after it is lost (default path /set).',
      },
    },
    verdict: 'rejected',
    note: 'refused as a whole.',
    refused: { config: { name: 'v', value: 'a\tb' }, code: 'control_character', path: ['value'] },
  },
  {
    rule: '4',
    title: 'NUL in the value',
    steps: [top('v=a\x00b; Path=/')],
    stored: [],
    documentCookie: '',
    failure: 'net::ERR_INVALID_HTTP_RESPONSE',
    engines: {
      firefox: {
        failure: 'NS_ERROR_DOM_INVALID_HEADER_VALUE',
        note: 'Firefox refuses the whole response: the page does not load at all.',
      },
      webkit: {
        failure: undefined,
        note: 'the page loads; the line is dropped.',
      },
    },
    verdict: 'rejected',
    note: 'Chromium refuses the whole response: the page does not load at all.',
    refused: { config: { name: 'v', value: 'a\x00b' }, code: 'control_character', path: ['value'] },
  },
  {
    rule: '4',
    title: 'CR LF in the value: header injection',
    lintGap:
      'the configuration breaks the octet rule first; lint sees the line break that splits the header (control_character)',
    steps: [top('v=abc\r\nSet-Cookie: admin=1; Path=/')],
    stored: [stored('admin', '1'), stored('v', 'abc', { path: '/set' })],
    documentCookie: 'v=abc; admin=1',
    verdict: 'altered',
    note: 'the line break ends the header: a second cookie admin=1 is stored — an attacker-controlled value sets any cookie.',
    refused: {
      config: { name: 'v', value: 'abc\r\nSet-Cookie: admin=1', encoding: 'raw' },
      code: 'value_octets',
      path: ['value'],
    },
  },
  {
    rule: '4',
    title: 'non-ASCII (UTF-8) in Path',
    steps: [top('p=1; Path=/café')],
    stored: [stored('p', '1', { path: '/café' })],
    documentCookie: '',
    engines: {
      webkit: {
        stored: [],
        verdict: 'unseen',
        note: 'nothing seen at /café (requested as /caf%C3%A9): WebDriver lists the cookies of a URL, and no URL matches the path if libsoup kept it as sent.',
      },
    },
    verdict: 'accepted',
    note: 'Chromium decodes the bytes as UTF-8; the URL path it is compared with is percent-encoded (/caf%C3%A9), so the cookie is never sent back.',
    refused: {
      config: { name: 'p', value: '1', path: '/café' },
      code: 'non_ascii',
      path: ['path'],
    },
  },
  {
    rule: '5',
    title: 'name + value of 4097 bytes',
    steps: [top(`big=${'x'.repeat(4094)}; Path=/`)],
    stored: [],
    documentCookie: '',
    blocked: [['NameValuePairExceedsMaxSize']],
    firefoxSays: ['Cookie “big” is invalid because its size is too big. Max size is 4096 B.'],
    engines: {
      webkit: {
        stored: [stored('big', 'x'.repeat(4094))],
        documentCookie: `big=${'x'.repeat(4094)}`,
        verdict: 'accepted',
        note: 'stored: WebKitGTK has no 4096-byte limit.',
      },
    },
    verdict: 'rejected',
    note: 'refused as a whole.',
    refused: {
      config: { name: 'big', value: 'x'.repeat(4094) },
      code: 'name_value_too_long',
      path: ['value'],
    },
  },
  {
    rule: '6',
    title: 'Path longer than 1024 bytes',
    steps: [top(`p=1; Path=/${LONG}`)],
    stored: [stored('p', '1', { path: '/set' })],
    documentCookie: 'p=1',
    firefoxSays: [
      'The value of the attribute “path” for the cookie “p” has been rejected because its size is too big. Max size is 1024 B.',
    ],
    engines: {
      webkit: {
        stored: [stored('p', '1', { path: `/${LONG}` })],
        documentCookie: '',
        verdict: 'accepted',
        note: 'the Path is kept: WebKitGTK has no 1024-byte attribute limit.',
      },
    },
    verdict: 'altered',
    note: 'the attribute is ignored: the cookie gets the default path /set instead.',
    refused: {
      config: { name: 'p', value: '1', path: `/${LONG}` },
      code: 'attribute_too_long',
      path: ['path'],
    },
  },
  {
    rule: '7',
    title: 'Domain with a trailing dot',
    steps: [top('d=1; Domain=cookie.test.; Path=/')],
    stored: [],
    documentCookie: '',
    blocked: [['InvalidDomain']],
    firefoxSays: ['Cookie “d” has been rejected for invalid domain.'],
    verdict: 'rejected',
    note: 'refused as a whole.',
    refused: {
      config: { name: 'd', value: '1', domain: '.cookie.test.' },
      code: 'domain_syntax',
      path: ['domain'],
    },
  },
  {
    rule: '7',
    title: 'Domain with "_"',
    steps: [top('d=1; Domain=www_x.cookie.test; Path=/')],
    stored: [],
    documentCookie: '',
    blocked: [['InvalidDomain']],
    firefoxSays: ['Cookie “d” has been rejected for invalid domain.'],
    verdict: 'rejected',
    note: 'refused as a whole.',
    refused: {
      config: { name: 'd', value: '1', domain: '.www_x.cookie.test' },
      code: 'domain_syntax',
      path: ['domain'],
    },
  },
  {
    rule: '8',
    title: 'rfc2109 profile: Domain without the leading dot',
    steps: [top('d=1; Version=1; Domain=cookie.test; Path=/')],
    stored: [stored('d', '1', { domain: '.cookie.test' })],
    documentCookie: 'd=1',
    verdict: 'accepted',
    note: 'Chromium treats cookie.test and .cookie.test alike; the rule is RFC 2109 conformance for the seed profile (RFC 2109 §4.3.2 user agents reject it). Use profile rfc6265 for a bare Domain.',
    refused: {
      config: { name: 'd', value: '1', domain: 'cookie.test' },
      code: 'domain_leading_dot',
      path: ['domain'],
    },
  },
  {
    rule: '8',
    title: 'rfc2109 profile: Domain without an embedded dot (.test)',
    lintGap:
      'lint names the rule browsers apply: a single label is a public suffix (domain_public_suffix)',
    steps: [top('d=1; Version=1; Domain=.test; Path=/')],
    stored: [],
    documentCookie: '',
    blocked: [['InvalidDomain']],
    firefoxSays: ['Cookie “d” has been rejected for invalid domain.'],
    verdict: 'rejected',
    note: 'refused as a whole.',
    refused: {
      config: { name: 'd', value: '1', domain: '.test' },
      code: 'domain_embedded_dot',
      path: ['domain'],
    },
  },
  {
    rule: '10',
    title: 'Path not starting with /',
    steps: [top('p=1; Path=account')],
    stored: [stored('p', '1', { path: '/set' })],
    documentCookie: 'p=1',
    verdict: 'altered',
    note: 'the attribute is ignored: the cookie gets the default path /set instead of the one meant.',
    refused: {
      config: { name: 'p', value: '1', path: 'account' },
      code: 'path_syntax',
      path: ['path'],
    },
  },
  {
    rule: '11',
    title: 'Max-Age=1.5',
    steps: [top('m=1; Path=/; Max-Age=1.5')],
    stored: [stored('m', '1')],
    documentCookie: 'm=1',
    firefoxSays: ['Invalid “max-age“ value for cookie “m”. The attribute is ignored.'],
    verdict: 'altered',
    note: 'the attribute is ignored: a session cookie instead of one that expires.',
    refused: {
      config: { name: 'm', value: '1', maxAge: 1.5 },
      code: 'max_age_integer',
      path: ['maxAge'],
    },
  },
  {
    rule: '11',
    title: 'Max-Age=-1',
    steps: [top('m=1; Path=/; Max-Age=-1')],
    stored: [],
    documentCookie: '',
    verdict: 'rejected',
    note: 'treated as already expired: nothing is stored (use Max-Age=0 to say so).',
    refused: {
      config: { name: 'm', value: '1', maxAge: -1 },
      code: 'max_age_integer',
      path: ['maxAge'],
    },
  },
  {
    rule: '13',
    title: 'Expires as an ISO date',
    steps: [top('o=1; Path=/; Expires=2030-01-01')],
    stored: [stored('o', '1')],
    documentCookie: 'o=1',
    verdict: 'altered',
    note: 'the date is not understood: a session cookie instead of a persistent one.',
    refused: {
      config: { name: 'o', value: '1', expires: 'tomorrow' },
      code: 'expires_date',
      path: ['expires'],
    },
  },
  {
    rule: '14',
    title: 'SameSite=Bogus',
    steps: [top('r=1; Path=/; SameSite=Bogus')],
    stored: [stored('r', '1')],
    documentCookie: 'r=1',
    firefoxSays: [
      'Invalid “SameSite“ value for cookie “r”. The supported values are: “Lax“, “Strict“, “None“.',
    ],
    verdict: 'altered',
    note: 'the attribute is ignored: SameSite unset, which Chromium enforces as Lax.',
    refused: {
      config: { name: 'r', value: '1', sameSite: 'Bogus' },
      code: 'same_site_value',
      path: ['sameSite'],
    },
  },
  {
    rule: '14',
    title: 'SameSite=None without Secure',
    steps: [top('r=1; Path=/; SameSite=None')],
    stored: [],
    documentCookie: '',
    blocked: [['SameSiteNoneInsecure']],
    firefoxSays: [
      'Cookie “r” rejected because it has the “SameSite=None” attribute but is missing the “secure” attribute.',
    ],
    engines: {
      webkit: {
        stored: [stored('r', '1', { sameSite: 'None' })],
        documentCookie: 'r=1',
        verdict: 'accepted',
        note: 'stored: WebKitGTK does not require Secure for SameSite=None.',
      },
    },
    verdict: 'rejected',
    note: 'refused as a whole.',
    refused: {
      config: { name: 'r', value: '1', sameSite: 'None' },
      code: 'same_site_none_insecure',
      path: ['secure'],
    },
  },
  {
    rule: '15',
    title: 'Partitioned without Secure',
    steps: [top('h=1; Path=/; Partitioned')],
    stored: [],
    documentCookie: '',
    firefoxSays: [
      'Cookie “h” has been rejected because it has the “Partitioned” attribute but is missing the “secure” attribute.',
    ],
    engines: {
      webkit: {
        stored: [stored('h', '1')],
        documentCookie: 'h=1',
        verdict: 'altered',
        note: 'stored, not partitioned: WebKitGTK ignores Partitioned.',
      },
    },
    verdict: 'rejected',
    note: 'not stored (DevTools lists no blocked reason for it).',
    refused: {
      config: { name: 'h', value: '1', partitioned: true },
      code: 'partitioned_insecure',
      path: ['secure'],
    },
  },
  {
    rule: '16',
    title: '__Secure- without Secure',
    steps: [top('__Secure-s=1; Path=/')],
    stored: [],
    documentCookie: '',
    blocked: [['InvalidPrefix']],
    firefoxSays: ['Cookie “__Secure-s” has been rejected for invalid prefix.'],
    engines: {
      webkit: {
        stored: [stored('__Secure-s', '1')],
        documentCookie: '__Secure-s=1',
        verdict: 'accepted',
        note: 'stored: WebKitGTK does not enforce cookie prefixes.',
      },
    },
    verdict: 'rejected',
    note: 'refused as a whole.',
    refused: {
      config: { name: '__Secure-s', value: '1' },
      code: 'prefix_secure',
      path: ['secure'],
    },
  },
  {
    rule: '17',
    title: '__Host- with a Domain',
    steps: [top('__Host-h=1; Secure; Path=/; Domain=cookie.test')],
    stored: [],
    documentCookie: '',
    blocked: [['InvalidPrefix']],
    firefoxSays: ['Cookie “__Host-h” has been rejected for invalid prefix.'],
    engines: {
      webkit: {
        stored: [stored('__Host-h', '1', { secure: true, domain: '.cookie.test' })],
        documentCookie: '__Host-h=1',
        verdict: 'accepted',
        note: 'stored: WebKitGTK does not enforce cookie prefixes.',
      },
    },
    verdict: 'rejected',
    note: 'refused as a whole.',
    refused: {
      config: { name: '__Host-h', value: '1', secure: true, path: '/', domain: '.cookie.test' },
      code: 'prefix_host',
      path: ['domain'],
    },
  },
  {
    rule: '17',
    title: '__Host- with Path=/app',
    steps: [top('__Host-h=1; Secure; Path=/app')],
    stored: [],
    documentCookie: '',
    blocked: [['InvalidPrefix']],
    firefoxSays: ['Cookie “__Host-h” has been rejected for invalid prefix.'],
    engines: {
      webkit: {
        stored: [stored('__Host-h', '1', { secure: true, path: '/app' })],
        documentCookie: '',
        verdict: 'accepted',
        note: 'stored: WebKitGTK does not enforce cookie prefixes.',
      },
    },
    verdict: 'rejected',
    note: 'refused as a whole.',
    refused: {
      config: { name: '__Host-h', value: '1', secure: true, path: '/app' },
      code: 'prefix_host',
      path: ['path'],
    },
  },
  {
    rule: '18',
    title: '__Http- without HttpOnly',
    steps: [top('__Http-a=1; Secure; Path=/')],
    stored: [],
    documentCookie: '',
    blocked: [['InvalidPrefix']],
    firefoxSays: ['Cookie “__Http-a” has been rejected for invalid prefix.'],
    engines: {
      webkit: {
        stored: [stored('__Http-a', '1', { secure: true })],
        documentCookie: '__Http-a=1',
        verdict: 'accepted',
        note: 'stored: WebKitGTK does not enforce cookie prefixes.',
      },
    },
    verdict: 'rejected',
    note: 'refused as a whole (Chromium 140+).',
    refused: {
      config: { name: '__Http-a', value: '1', secure: true, path: '/' },
      code: 'prefix_http',
      path: ['httpOnly'],
    },
  },
  {
    rule: '18',
    title: '__Host-Http- with a Domain',
    steps: [top('__Host-Http-b=1; Secure; HttpOnly; Path=/; Domain=cookie.test')],
    stored: [],
    documentCookie: '',
    blocked: [['InvalidPrefix']],
    firefoxSays: ['Cookie “__Host-Http-b” has been rejected for invalid prefix.'],
    engines: {
      webkit: {
        stored: [
          stored('__Host-Http-b', '1', { secure: true, httpOnly: true, domain: '.cookie.test' }),
        ],
        documentCookie: '',
        verdict: 'accepted',
        note: 'stored: WebKitGTK does not enforce cookie prefixes.',
      },
    },
    verdict: 'rejected',
    note: 'refused as a whole.',
    refused: {
      config: {
        name: '__Host-Http-b',
        value: '1',
        secure: true,
        httpOnly: true,
        path: '/',
        domain: '.cookie.test',
      },
      code: 'prefix_host',
      path: ['domain'],
    },
  },
  {
    rule: '19',
    title: '__HOST- (upper case) without Secure',
    steps: [top('__HOST-x=1; Path=/')],
    stored: [],
    documentCookie: '',
    blocked: [['InvalidPrefix']],
    firefoxSays: ['Cookie “__HOST-x” has been rejected for invalid prefix.'],
    engines: {
      webkit: {
        stored: [stored('__HOST-x', '1')],
        documentCookie: '__HOST-x=1',
        verdict: 'accepted',
        note: 'stored: WebKitGTK does not enforce cookie prefixes.',
      },
    },
    verdict: 'rejected',
    note: 'Chromium matches the prefix case-insensitively too.',
    refused: {
      config: { name: '__HOST-x', value: '1', path: '/' },
      code: 'prefix_host',
      path: ['secure'],
    },
  },
  {
    rule: '20',
    title: 'Version=1.5',
    steps: [top('v=1; Version=1.5; Path=/')],
    stored: [stored('v', '1')],
    documentCookie: 'v=1',
    verdict: 'accepted',
    note: 'Chromium ignores Version entirely; the rule keeps the header valid for RFC 2109 readers.',
    refused: {
      config: { name: 'v', value: '1', version: 1.5 },
      code: 'version_value',
      path: ['version'],
    },
  },
  {
    rule: '21',
    title: 'rfc6265 profile: Version and Comment',
    lintProfile: 'rfc6265',
    steps: [top('v=1; Version=1; Comment=hi; Path=/')],
    stored: [stored('v', '1')],
    documentCookie: 'v=1',
    verdict: 'accepted',
    note: 'Chromium ignores both; the rule keeps rfc6265-profile headers free of historic attributes.',
    refused: {
      config: { name: 'v', value: '1', profile: 'rfc6265', version: 1 },
      code: 'profile_attribute',
      path: ['version'],
    },
  },
  {
    rule: '22',
    title: 'Comment with "; Domain=…": attribute injection',
    lintGap:
      'the ";" ends the Comment: the line is a valid one with a Domain, and lint says what the browsers store',
    steps: [top('c=1; Version=1; Comment=x; Domain=cookie.test; Path=/')],
    stored: [stored('c', '1', { domain: '.cookie.test' })],
    documentCookie: 'c=1',
    verdict: 'altered',
    note: 'the ";" ends the Comment and the rest is an attribute: the cookie is widened to every cookie.test host.',
    refused: {
      config: { name: 'c', value: '1', comment: 'x; Domain=cookie.test' },
      code: 'comment_syntax',
      path: ['comment'],
    },
  },
  {
    rule: '23',
    title: 'Priority=Urgent',
    steps: [top('s=1; Path=/; Priority=Urgent')],
    stored: [stored('s', '1')],
    documentCookie: 's=1',
    verdict: 'altered',
    note: 'the attribute is ignored: Priority Medium.',
    refused: {
      config: { name: 's', value: '1', priority: 'Urgent' },
      code: 'priority_value',
      path: ['priority'],
    },
  },
  {
    rule: '24',
    title: 'extension named like an attribute: Secure=false',
    lintGap: 'lint reads the line as browsers do: Secure with a value, ignored (flag_value)',
    steps: [top('t=1; Path=/; Secure=false')],
    stored: [stored('t', '1', { secure: true })],
    documentCookie: 't=1',
    verdict: 'altered',
    note: '"Secure=false" makes the cookie Secure: the attribute value is ignored.',
    refused: {
      config: { name: 't', value: '1', extensions: [{ name: 'Secure', value: 'false' }] },
      code: 'extension_reserved',
      path: ['extensions', 0, 'name'],
    },
  },
  {
    rule: '24, 25',
    title: 'Path given twice',
    lintGap:
      'lint reads the line as browsers do: Path given twice, the last one wins (duplicate_attribute)',
    steps: [top('u=1; Path=/a; Path=/')],
    stored: [stored('u', '1')],
    documentCookie: 'u=1',
    firefoxSays: ['The value of the attribute “path” for the cookie “u” has been overwritten.'],
    verdict: 'altered',
    note: 'the last one wins: Path=/ instead of /a.',
    refused: {
      config: { name: 'u', value: '1', path: '/a', extensions: [{ name: 'Path', value: '/' }] },
      code: 'extension_reserved',
      path: ['extensions', 0, 'name'],
    },
  },
  {
    rule: '26',
    title: 'two cookies folded into one line with ","',
    steps: [top('a=1, b=2; Path=/')],
    stored: [stored('a', '1, b=2')],
    documentCookie: 'a=1, b=2',
    verdict: 'altered',
    note: 'one cookie a="1, b=2" is stored; b is lost. A jar emits one line per cookie.',
  },
  {
    rule: '28',
    title: 'removal of a domain cookie without its Domain',
    lintGap: 'one line cannot show which cookie it means to remove',
    steps: [top('sid=abc; Domain=cookie.test; Path=/'), top('sid=; Path=/; Max-Age=0')],
    stored: [stored('sid', 'abc', { domain: '.cookie.test' })],
    documentCookie: 'sid=abc',
    verdict: 'altered',
    note: 'the removal matches no cookie: the domain cookie survives. delete() and removal() repeat the Domain.',
  },
  {
    rule: '28',
    title: 'removal of a __Host- cookie without Secure',
    steps: [top('__Host-sid=abc; Secure; Path=/'), top('__Host-sid=; Path=/; Max-Age=0')],
    stored: [stored('__Host-sid', 'abc', { secure: true })],
    documentCookie: '__Host-sid=abc',
    blocked: [['InvalidPrefix']],
    firefoxSays: ['Cookie “__Host-sid” has been rejected for invalid prefix.'],
    engines: {
      webkit: {
        stored: [],
        documentCookie: '',
        verdict: 'accepted',
        note: 'the removal applies and the cookie is gone: WebKitGTK does not enforce cookie prefixes.',
      },
    },
    verdict: 'rejected',
    note: 'the removal is refused (InvalidPrefix): the cookie survives. removal() adds Secure and Path=/.',
    refused: {
      config: { name: '__Host-sid', value: '', path: '/', maxAge: 0 },
      code: 'prefix_host',
      path: ['secure'],
    },
  },
];

/** A header cookiesmith does not build, sent to show where an engine parts from the others. */
export interface ProbeCase extends BrowserCase {
  /** What the case shows. */
  readonly note: string;
}

/** Headers that pin down an engine difference a built cookie runs into. */
export const probeCases: readonly ProbeCase[] = [
  {
    title: 'Max-Age written before Expires',
    steps: [
      top(`sid=abc; Path=/; Max-Age=60; Expires=${new Date(EXPIRES_AT * 1000).toUTCString()}`),
    ],
    stored: [stored('sid', 'abc', { lifetime: { maxAge: 60 } })],
    documentCookie: 'sid=abc',
    engines: {
      webkit: {
        stored: [stored('sid', 'abc', { lifetime: EXPIRES_LIFETIME })],
        note: 'Expires wins: WebKitGTK takes the last of Max-Age and Expires.',
      },
    },
    note: 'why cookiesmith writes Expires before Max-Age: WebKitGTK takes the last of the two, Chromium and Firefox always take Max-Age (6265bis §5.6.2), so with Max-Age last all three agree.',
  },
];

/** Every case of the suite, in the order the engines run them. */
export const allCases: readonly BrowserCase[] = [
  ...builtCases,
  ...probeCases,
  ...reverseCases,
  ...lintCases,
];

/** A reverse case names its rule in its title, a probe says it is one. */
export function caseTitle(c: BrowserCase): string {
  if ((reverseCases as readonly BrowserCase[]).includes(c))
    return `rule ${(c as ReverseCase).rule}: ${c.title}`;
  if ((probeCases as readonly BrowserCase[]).includes(c)) return `probe: ${c.title}`;
  if ((lintCases as readonly BrowserCase[]).includes(c)) return `lint: ${c.title}`;
  return c.title;
}

/** The stored cookie in the expected form; its lifetime is named when it matches `expected`. */
export function comparable(
  cookie: StoredCookie,
  visit: Visit,
  expected: Lifetime | undefined,
): ExpectedCookie {
  const { expires, ...rest } = cookie;
  return { ...rest, lifetime: lifetimeOf(expires, visit, expected) };
}

function lifetimeOf(expires: StoredCookie['expires'], visit: Visit, expected?: Lifetime): Lifetime {
  if (expires === 'session') return 'session';
  if (expected !== undefined && expected !== 'session') {
    if ('maxAge' in expected) {
      const low = visit.before + expected.maxAge - 2;
      const high = visit.after + expected.maxAge + 2;
      if (expires >= low && expires <= high) return expected;
    } else if (Math.abs(expires - expected.at) <= 1) {
      return expected;
    }
  }
  return { at: expires };
}
