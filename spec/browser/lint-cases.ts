// Lines cookiesmith never sends, chosen for what lint says about them: what each engine makes
// of each, which is what lint's verdict must agree with (docs/conformance.md).
import { MAX_LIFETIME_SECONDS } from '../../src/index.js';
import { type ExpectedCookie, type LintCase, stored, top } from './case-types.js';

const DEFAULT_PATH = '/set';
const PAST = 'Thu, 01 Jan 1970 00:00:00 GMT';
const EXPIRED_MAX_AGE = 'Invalid “max-age“ value for cookie “t”. The attribute is ignored.';
const SAME_SITE_SAYS =
  'Invalid “SameSite“ value for cookie “t”. The supported values are: “Lax“, “Strict“, “None“.';

/** 181 cookies in one response, one line each: `c001=1` … `c181=1`. */
const MANY = Array.from({ length: 181 }, (_, i) => `c${String(i + 1).padStart(3, '0')}`);
const kept = (from: number): ExpectedCookie[] => MANY.slice(from).map((n) => stored(n, '1'));
const pairs = (from: number): string =>
  MANY.slice(from)
    .map((n) => `${n}=1`)
    .join('; ');

/** Whitespace and control characters: a tab browsers trim, one they do not, other CTLs. */
const characterCases: readonly LintCase[] = [
  {
    title: 'a tab around "=" in the cookie-pair',
    steps: [top('t\t=\t1; Path=/')],
    stored: [stored('t', '1')],
    documentCookie: 't=1',
    engines: {
      webkit: {
        stored: [stored('', 't', { path: DEFAULT_PATH })],
        documentCookie: 't',
        verdict: 'altered',
        note: 'libsoup ends the name at the tab: a nameless cookie "t", and Path=/ after it is lost.',
      },
    },
    verdict: 'accepted',
    lint: 'bad_whitespace',
    note: 'Chromium and Firefox trim a tab like a space.',
  },
  {
    title: 'a tab before ";"',
    steps: [top('t=1\t; Path=/')],
    stored: [stored('t', '1')],
    documentCookie: 't=1',
    engines: {
      webkit: {
        stored: [stored('t', '1', { path: DEFAULT_PATH })],
        verdict: 'altered',
        note: 'libsoup stops reading at the tab: Path=/ is lost (default path /set).',
      },
    },
    verdict: 'accepted',
    lint: 'bad_whitespace',
    note: 'trimmed as whitespace.',
  },
  {
    title: 'a tab inside the name',
    steps: [top('a\tb=1; Path=/')],
    stored: [],
    documentCookie: '',
    blocked: [['DisallowedCharacter']],
    engines: {
      firefox: {
        stored: [stored('a\tb', '1')],
        documentCookie: 'a\tb=1',
        verdict: 'accepted',
        note: 'stored with the tab in the name.',
      },
      webkit: {
        stored: [stored('', 'a', { path: DEFAULT_PATH })],
        documentCookie: 'a',
        verdict: 'altered',
        note: 'libsoup ends the name at the tab: a nameless cookie "a", Path=/ lost.',
      },
    },
    verdict: 'rejected',
    lint: 'control_character',
    note: 'refused as a whole.',
  },
  {
    title: 'a tab inside Path',
    steps: [top('t=1; Path=/\tx')],
    stored: [],
    documentCookie: '',
    blocked: [['DisallowedCharacter']],
    firefoxSays: ['Cookie “t” has been rejected for invalid path.'],
    engines: {
      webkit: {
        stored: [stored('t', '1')],
        documentCookie: 't=1',
        verdict: 'altered',
        note: 'libsoup reads Path up to the tab: Path=/.',
      },
    },
    verdict: 'rejected',
    lint: 'control_character',
    note: 'refused as a whole.',
  },
  {
    title: 'a tab inside an unknown attribute',
    steps: [top('t=1; Path=/; Foo=a\tb')],
    stored: [],
    documentCookie: '',
    blocked: [['DisallowedCharacter']],
    engines: {
      firefox: {
        stored: [stored('t', '1')],
        documentCookie: 't=1',
        verdict: 'accepted',
        note: 'stored; the unknown attribute is ignored.',
      },
      webkit: {
        stored: [stored('t', '1')],
        documentCookie: 't=1',
        verdict: 'accepted',
        note: 'stored; the unknown attribute is ignored.',
      },
    },
    verdict: 'rejected',
    lint: 'control_character',
    note: 'refused as a whole: Chromium refuses a control character anywhere but in the whitespace it trims.',
  },
  {
    title: 'control character 0x0B in the value',
    steps: [top('t=a\x0Bb; Path=/')],
    stored: [],
    documentCookie: '',
    blocked: [['DisallowedCharacter']],
    firefoxSays: ['Cookie “t” has been rejected for invalid characters in the value.'],
    engines: {
      webkit: {
        stored: [stored('t', 'a', { path: DEFAULT_PATH })],
        documentCookie: 't=a',
        verdict: 'altered',
        note: 'libsoup stops reading at the control character: t=a, Path=/ lost.',
      },
    },
    verdict: 'rejected',
    lint: 'control_character',
    note: 'refused as a whole.',
  },
  {
    title: 'DEL (0x7F) in the value',
    steps: [top('t=a\x7Fb; Path=/')],
    stored: [],
    documentCookie: '',
    blocked: [['DisallowedCharacter']],
    firefoxSays: ['Cookie “t” has been rejected for invalid characters in the value.'],
    engines: {
      webkit: {
        stored: [stored('t', 'a\x7Fb')],
        documentCookie: 't=a\x7Fb',
        verdict: 'accepted',
        note: 'stored with the DEL in the value: for libsoup, DEL does not end a value.',
      },
    },
    verdict: 'rejected',
    lint: 'control_character',
    note: 'refused as a whole.',
  },
  {
    title: 'control character 0x01 in Path',
    steps: [top('t=1; Path=/\x01x')],
    stored: [],
    documentCookie: '',
    blocked: [['DisallowedCharacter']],
    firefoxSays: ['Cookie “t” has been rejected for invalid characters in the attributes.'],
    engines: {
      webkit: {
        stored: [stored('t', '1')],
        documentCookie: 't=1',
        verdict: 'altered',
        note: 'libsoup reads Path up to the control character: Path=/.',
      },
    },
    verdict: 'rejected',
    lint: 'control_character',
    note: 'refused as a whole.',
  },
  {
    title: 'non-ASCII (UTF-8) in the value, before Secure',
    steps: [top('t=é; Path=/; Secure')],
    stored: [stored('t', 'é', { secure: true })],
    documentCookie: 't=é',
    engines: {
      webkit: {
        stored: [stored('t', '', { path: DEFAULT_PATH })],
        documentCookie: 't=',
        verdict: 'altered',
        note: 'libsoup stops reading at the first byte above 0x7F: an empty value, and neither Path nor Secure.',
      },
    },
    verdict: 'accepted',
    lint: 'non_ascii',
    note: 'the UTF-8 bytes are stored as sent.',
  },
];

/** Lines without a name, or whose name or value browsers take as written. */
const pairCases: readonly LintCase[] = [
  {
    title: 'no "=": a bare value',
    steps: [top('abc; Path=/')],
    stored: [stored('', 'abc')],
    documentCookie: 'abc',
    engines: {
      firefox: {
        stored: [stored('abc', '')],
        documentCookie: 'abc=',
        verdict: 'altered',
        note: 'a cookie named "abc" with an empty value.',
      },
      webkit: { note: 'a nameless cookie, as Chromium.', verdict: 'altered' },
    },
    verdict: 'altered',
    lint: 'parse',
    note: 'a nameless cookie holding "abc": the Cookie header shows "abc", which a server reads as a name.',
  },
  {
    title: 'neither name nor value: "="',
    steps: [top('=; Path=/')],
    stored: [],
    documentCookie: '',
    blocked: [['NoCookieContent']],
    engines: {
      webkit: {
        stored: [stored('', '')],
        verdict: 'altered',
        note: 'an empty cookie is stored.',
      },
    },
    verdict: 'rejected',
    lint: 'name_token',
    note: 'refused as a whole.',
  },
  {
    title: 'no cookie-pair: "; Path=/"',
    steps: [top('; Path=/')],
    stored: [],
    documentCookie: '',
    blocked: [['NoCookieContent']],
    engines: {
      webkit: {
        stored: [stored('', '')],
        verdict: 'altered',
        note: 'an empty cookie is stored.',
      },
    },
    verdict: 'rejected',
    lint: 'parse',
    note: 'refused as a whole.',
  },
  {
    title: 'a nameless cookie whose value starts like a prefix: "=__Secure-x"',
    steps: [top('=__Secure-x; Path=/')],
    stored: [],
    documentCookie: '',
    blocked: [['InvalidPrefix']],
    firefoxSays: ['Cookie “” has been rejected for invalid characters in the name.'],
    engines: {
      webkit: {
        stored: [stored('', '__Secure-x')],
        documentCookie: '__Secure-x',
        verdict: 'altered',
        note: 'stored nameless: the Cookie header then shows "__Secure-x", a prefixed name with none of the prefix’s guarantees.',
      },
    },
    verdict: 'rejected',
    lint: 'name_token',
    note: 'refused (6265bis §5.7 step 22).',
  },
  {
    title: 'no "=" and a prefixed text: "__Secure-x"',
    steps: [top('__Secure-x; Path=/')],
    stored: [],
    documentCookie: '',
    blocked: [['InvalidPrefix']],
    firefoxSays: ['Cookie “__Secure-x” has been rejected for invalid prefix.'],
    engines: {
      webkit: {
        stored: [stored('', '__Secure-x')],
        documentCookie: '__Secure-x',
        verdict: 'altered',
        note: 'stored nameless.',
      },
    },
    verdict: 'rejected',
    lint: 'parse',
    note: 'refused.',
  },
  {
    title: 'a name with a space',
    steps: [top('a b=1; Path=/')],
    stored: [stored('a b', '1')],
    documentCookie: 'a b=1',
    verdict: 'accepted',
    lint: 'name_token',
    note: 'stored as written; cookiesmith’s builder refuses such a name.',
  },
  {
    title: 'a name starting with $: $Version',
    steps: [top('$Version=1; Path=/')],
    stored: [stored('$Version', '1')],
    documentCookie: '$Version=1',
    verdict: 'accepted',
    lint: 'name_reserved',
    note: 'stored as written; an RFC 2109 Cookie reader takes it for an attribute.',
  },
  {
    title: 'the same cookie twice in one response',
    steps: [top('sid=1; Path=/', 'sid=2; Path=/')],
    stored: [stored('sid', '2')],
    documentCookie: 'sid=2',
    verdict: 'accepted',
    lint: 'duplicate_name',
    note: 'both lines apply, in order: the second replaces the first.',
  },
  {
    title: '181 cookies for one host in one response',
    steps: [top(...MANY.map((n) => `${n}=1; Path=/`))],
    stored: kept(31),
    documentCookie: pairs(31),
    engines: {
      webkit: {
        stored: kept(0),
        documentCookie: pairs(0),
        note: 'keeps all 181: libsoup has no per-domain limit.',
      },
    },
    verdict: 'accepted',
    lint: 'too_many_cookies',
    note: 'past 180 cookies for a domain the oldest are evicted down to 150: c001 to c031 are gone (Chromium cookie_monster.cc kDomainMaxCookies 180, kDomainPurgeCookies 30; Firefox network.cookie.maxPerHost 180, quotaPerHost 150).',
  },
];

/** Attributes browsers ignore, read otherwise, or that defeat the line. */
const attributeCases: readonly LintCase[] = [
  {
    title: '"Secure" in double quotes',
    steps: [top('t=1; Path=/; "Secure"')],
    stored: [stored('t', '1')],
    documentCookie: 't=1',
    verdict: 'altered',
    lint: 'attribute_misspelt',
    note: 'an unknown attribute: the cookie is not Secure.',
  },
  {
    title: 'flags joined by a comma: "Secure, HttpOnly"',
    steps: [top('t=1; Path=/; Secure, HttpOnly')],
    stored: [stored('t', '1')],
    documentCookie: 't=1',
    engines: {
      webkit: {
        stored: [stored('t', '1', { secure: true })],
        note: 'libsoup ends the name at the comma: Secure is set, HttpOnly is not.',
      },
    },
    verdict: 'altered',
    lint: 'attribute_misspelt',
    note: 'one unknown attribute: neither Secure nor HttpOnly.',
  },
  {
    title: 'a misspelt attribute: Same-Site=Strict',
    steps: [top('t=1; Path=/; Same-Site=Strict')],
    stored: [stored('t', '1')],
    documentCookie: 't=1',
    verdict: 'altered',
    lint: 'attribute_misspelt',
    note: 'ignored: SameSite stays unset.',
  },
  {
    title: 'HttpOnly with a value',
    steps: [top('t=1; Path=/; HttpOnly=yes')],
    stored: [stored('t', '1', { httpOnly: true })],
    documentCookie: '',
    verdict: 'accepted',
    lint: 'flag_value',
    note: 'the value is ignored and the flag set.',
  },
  {
    title: 'an empty Path',
    steps: [top('t=1; Path=')],
    stored: [stored('t', '1', { path: DEFAULT_PATH })],
    documentCookie: 't=1',
    verdict: 'altered',
    lint: 'path_syntax',
    note: 'ignored: the default path /set.',
  },
  {
    title: 'an empty Domain',
    steps: [top('t=1; Path=/; Domain=')],
    stored: [stored('t', '1')],
    documentCookie: 't=1',
    verdict: 'altered',
    lint: 'domain_syntax',
    note: 'ignored: a host-only cookie.',
  },
  {
    title: 'a bare SameSite',
    steps: [top('t=1; Path=/; SameSite')],
    stored: [stored('t', '1')],
    documentCookie: 't=1',
    firefoxSays: [SAME_SITE_SAYS],
    verdict: 'altered',
    lint: 'same_site_value',
    note: 'ignored: SameSite unset.',
  },
  {
    title: 'Max-Age=50,399',
    steps: [top('t=1; Path=/; Max-Age=50,399')],
    stored: [stored('t', '1')],
    documentCookie: 't=1',
    firefoxSays: [EXPIRED_MAX_AGE],
    verdict: 'altered',
    lint: 'max_age_integer',
    note: 'ignored: a session cookie.',
  },
  {
    title: 'Max-Age=+60',
    steps: [top('t=1; Path=/; Max-Age=+60')],
    stored: [stored('t', '1', { lifetime: { maxAge: 60 } })],
    documentCookie: 't=1',
    firefoxSays: [EXPIRED_MAX_AGE],
    engines: {
      firefox: {
        stored: [stored('t', '1')],
        verdict: 'altered',
        note: 'ignored: a session cookie (6265bis §5.6.2 allows no "+").',
      },
    },
    verdict: 'accepted',
    lint: 'max_age_integer',
    note: 'read as 60 s.',
  },
  {
    title: 'an empty Max-Age',
    steps: [top('t=1; Path=/; Max-Age=')],
    stored: [stored('t', '1')],
    documentCookie: 't=1',
    engines: {
      webkit: {
        stored: [],
        documentCookie: '',
        verdict: 'rejected',
        note: 'libsoup reads an empty Max-Age as 0: nothing is stored.',
      },
    },
    verdict: 'altered',
    lint: 'max_age_integer',
    note: 'ignored: a session cookie.',
  },
  {
    title: 'a Max-Age of 20 digits',
    steps: [top('t=1; Path=/; Max-Age=99999999999999999999')],
    stored: [stored('t', '1', { lifetime: { maxAge: MAX_LIFETIME_SECONDS } })],
    documentCookie: 't=1',
    engines: {
      webkit: {
        stored: [stored('t', '1')],
        note: 'a session cookie: the number overflows libsoup’s 64-bit integer.',
      },
    },
    verdict: 'altered',
    lint: 'lifetime_capped',
    note: 'capped at 400 days.',
  },
  {
    title: 'a negative Max-Age deletes the stored cookie',
    steps: [top('m=1; Path=/'), top('m=2; Path=/; Max-Age=-1')],
    stored: [],
    documentCookie: '',
    verdict: 'rejected',
    lint: 'max_age_integer',
    note: 'read as expired: m=2 is not stored, and m=1 is deleted (the line is not refused).',
  },
  {
    title: 'an Expires in the past with a value is a removal',
    steps: [top('m=1; Path=/'), top(`m=deleted; Path=/; Expires=${PAST}`)],
    stored: [],
    documentCookie: '',
    verdict: 'removed',
    note: 'the cookie is deleted; the value is never stored (a common way to write a removal).',
  },
  {
    title: 'Max-Age, then an Expires in the past',
    steps: [top(`t=1; Path=/; Max-Age=60; Expires=${PAST}`)],
    stored: [stored('t', '1', { lifetime: { maxAge: 60 } })],
    documentCookie: 't=1',
    engines: {
      webkit: {
        stored: [],
        documentCookie: '',
        verdict: 'rejected',
        note: 'WebKitGTK takes the later of the two, the Expires: nothing stored.',
      },
    },
    verdict: 'accepted',
    lint: 'lifetime_order',
    note: 'Max-Age wins (6265bis §5.6.2).',
  },
];

/** Domains browsers refuse, or read otherwise. */
const domainCases: readonly LintCase[] = [
  {
    title: 'Domain a single label (rfc6265 form): test',
    steps: [top('d=1; Domain=test; Path=/')],
    stored: [],
    documentCookie: '',
    blocked: [['InvalidDomain']],
    firefoxSays: ['Cookie “d” has been rejected for invalid domain.'],
    verdict: 'rejected',
    lint: 'domain_public_suffix',
    note: 'refused: a single label is a public suffix (the list’s implicit "*" rule).',
  },
  {
    title: 'Domain of another site',
    steps: [top('d=1; Domain=partner.test; Path=/')],
    stored: [],
    documentCookie: '',
    blocked: [['InvalidDomain']],
    firefoxSays: ['Cookie “d” has been rejected for invalid domain.'],
    verdict: 'rejected',
    lint: 'domain_mismatch',
    note: 'refused: the host www.cookie.test is not in partner.test.',
  },
  {
    title: 'Domain in upper case',
    steps: [top('t=1; Path=/; Domain=Cookie.Test')],
    stored: [stored('t', '1', { domain: '.cookie.test' })],
    documentCookie: 't=1',
    engines: {
      webkit: {
        stored: [],
        documentCookie: '',
        verdict: 'rejected',
        note: 'nothing for the site: libsoup matches the Domain to the host letter for letter.',
      },
    },
    verdict: 'accepted',
    lint: 'domain_case',
    note: 'lowercased.',
  },
  {
    title: 'Domain longer than 1024 bytes',
    steps: [top(`t=1; Path=/; Domain=${'a'.repeat(1100)}.cookie.test`)],
    stored: [stored('t', '1')],
    documentCookie: 't=1',
    firefoxSays: [
      'The value of the attribute “domain” for the cookie “t” has been rejected because its size is too big. Max size is 1024 B.',
    ],
    engines: {
      webkit: {
        stored: [],
        documentCookie: '',
        verdict: 'rejected',
        note: 'refused: the Domain is kept, and no host is in it.',
      },
    },
    verdict: 'altered',
    lint: 'attribute_too_long',
    note: 'the Domain is ignored: a host-only cookie.',
  },
];

/** Every case lint's verdicts are checked against, in the order the engines run them. */
export const lintCases: readonly LintCase[] = [
  ...characterCases,
  ...pairCases,
  ...attributeCases,
  ...domainCases,
];
