// The runtime smoke checks: one script, shared by every runtime the suite runs the built
// package on (Node, Bun, Deno, workerd). It imports the package by name as an application
// does and uses only web APIs, so it runs unchanged wherever cookiesmith claims to run; no
// `node:assert` either, since a worker has none. Every check runs, and the report says which
// failed and why, so one broken runtime shows every problem at once.
import {
  Cookie,
  CookieError,
  CookieJarResponse,
  CookieValidationError,
  defineCookie,
  lintSetCookie,
  parseCookieHeader,
} from 'cookiesmith';
import { z } from 'zod';

/** One check's outcome. */
export interface SmokeCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly error?: string;
}

/** What a runtime reports: who ran the checks (`navigator.userAgent`) and each outcome. */
export interface SmokeReport {
  readonly userAgent: string;
  readonly checks: readonly SmokeCheck[];
}

/** Throws unless `actual` and `expected` have the same JSON form. */
export function same(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

/** Throws unless `condition` holds. */
export function ok(condition: unknown, what: string): asserts condition {
  if (!condition) throw new Error(what);
}

/**
 * The issues of an error as sorted `path code` strings: what the checks compare (their order
 * and their messages are not what these checks are about).
 */
const issuesOf = (error: CookieValidationError) =>
  error.issues.map((issue) => `${issue.path.join('.')} ${issue.code}`).sort();

// Keys of 43 base64url characters (32 random bytes), as docs/protected-cookies.md makes them.
const OLD_KEY = 'f3Jq0dXbM2kTz8hWc9yLr4uVn6pAe1sGx5oBi7KtQwZ';
const NEW_KEY = 'Lm8vR2cYt5nXq0wEj3hUa7zKp1dSg9bFo4iNx6TeVrC';

/** Create, read, refuse a tampered value, renew a value of an older key: for one mode. */
async function protectedCookie(mode: 'sign' | 'seal'): Promise<void> {
  const define = (keys: string[]) =>
    defineCookie({
      name: '__Host-session',
      codec: 'json',
      schema: z.object({ uid: z.number().int() }),
      attributes: { path: '/', secure: true, httpOnly: true, sameSite: 'Lax', profile: 'rfc6265' },
      protect: { mode, keys },
    });
  const session = define([OLD_KEY]);
  const issued = await session.create({ uid: 42 });
  same(
    issued.toString(),
    `__Host-session=${issued.value}; Path=/; Secure; HttpOnly; SameSite=Lax`,
    `${mode}: header`,
  );
  // A signed value shows its data (base64url), a sealed one hides it.
  const [prefix, body = ''] = issued.value.split('.');
  same(prefix, mode === 'sign' ? 's1' : 'e1', `${mode}: format`);
  const text = atob(body.replace(/-/g, '+').replace(/_/g, '/'));
  same(text.includes('{"uid":42}'), mode === 'sign', `${mode}: data visible in the value`);

  const sentBack = `theme=dark; __Host-session=${issued.value}`;
  same(
    await session.read(sentBack),
    { success: true, data: { uid: 42 }, renew: false },
    `${mode}: read`,
  );

  // One character changed in the middle of the value: the MAC or the GCM tag refuses it.
  const middle = Math.floor(issued.value.length / 2);
  const flipped = issued.value[middle] === 'A' ? 'B' : 'A';
  const tampered = `${issued.value.slice(0, middle)}${flipped}${issued.value.slice(middle + 1)}`;
  const refused = await session.read(`__Host-session=${tampered}`);
  ok(!refused.success, `${mode}: a tampered value is refused`);
  ok(refused.error instanceof CookieError, `${mode}: the refusal is a CookieError`);
  same(refused.error.code, 'protect_tampered', `${mode}: tampered code`);

  // Rotation: the new key first; the value of the old key still reads, and asks to be renewed.
  const rotated = define([NEW_KEY, OLD_KEY]);
  const old = await rotated.read(sentBack);
  same(old, { success: true, data: { uid: 42 }, renew: true }, `${mode}: old key read`);
  const renewed = await rotated.create({ uid: 42 });
  same(
    await rotated.read(`__Host-session=${renewed.value}`),
    { success: true, data: { uid: 42 }, renew: false },
    `${mode}: renewed read`,
  );
  const retired = await define([NEW_KEY]).read(sentBack);
  ok(!retired.success, `${mode}: the retired key's value is refused`);
  same(retired.error.code, 'protect_unknown_key', `${mode}: retired code`);
}

/** The checks, by name, in the order they run and are reported. */
export const CHECKS: Readonly<Record<string, () => void | Promise<void>>> = {
  'Cookie.builder(…).build()': () => {
    const template = Cookie.builder('sid', 'a3f9 c2e1')
      .profile('rfc6265')
      .path('/')
      .secure()
      .httpOnly()
      .sameSite('lax');
    const cookie = template.maxAge({ hours: 8 }).build();
    same(
      cookie.toString(),
      'sid=a3f9%20c2e1; Path=/; Max-Age=28800; Secure; HttpOnly; SameSite=Lax',
      'header',
    );
    same(cookie.value, 'a3f9 c2e1', 'logical value');
    same(template.build().maxAge, undefined, 'the template is unchanged');
    same(
      Cookie.builder('id', '7').domain('.example.com').comment('a test').build().toString(),
      'id=7; Version=1; Comment="a test"; Domain=.example.com',
      'rfc2109 header',
    );
  },

  'Cookie.from(config) and toJSON()': () => {
    const cookie = Cookie.from({
      name: 'theme',
      value: 'dark',
      domain: 'Example.COM',
      path: '/',
      expires: '2031-05-04T03:02:01.000Z',
      sameSite: 'Strict',
      profile: 'rfc6265',
    });
    same(
      cookie.toString(),
      'theme=dark; Domain=example.com; Path=/; Expires=Sun, 04 May 2031 03:02:01 GMT; SameSite=Strict',
      'header',
    );
    ok(cookie.expires instanceof Date, 'expires is a Date');
    ok(Cookie.from(cookie.toJSON()).equals(cookie), 'Cookie.from(c.toJSON()) equals c');
    ok(Object.isFrozen(cookie.warnings), 'warnings are frozen');
  },

  'CookieValidationError with every issue': () => {
    // A name known only at run time, so the types cannot refuse the path before build() does.
    const name: string = '__Host-id';
    const result = Cookie.builder(name, 'x')
      .profile('rfc6265')
      .path('/app')
      .sameSite('None')
      .safeBuild();
    ok(!result.success, 'safeBuild() refuses');
    ok(result.error instanceof CookieValidationError, 'a CookieValidationError');
    ok(result.error instanceof CookieError && result.error instanceof Error, 'a CookieError');
    same(
      issuesOf(result.error),
      ['path prefix_host', 'secure prefix_host', 'secure same_site_none_insecure'],
      'issues',
    );
    let thrown: unknown;
    try {
      Cookie.from({ name: 'bad name', value: 'a;b', encoding: 'raw', maxAge: -1 });
    } catch (error) {
      thrown = error;
    }
    ok(thrown instanceof CookieValidationError, 'Cookie.from throws a CookieValidationError');
    same(
      issuesOf(thrown).map((issue) => issue.split(' ')[0]),
      ['maxAge', 'name', 'value'],
      'Cookie.from issue paths',
    );
  },

  'jar written to a WHATWG Headers and Response': () => {
    const jar = new CookieJarResponse({ cache: 'no-store' })
      .add(Cookie.builder('visit', '1').profile('rfc6265').path('/').secure().maxAge(3600))
      .add(Cookie.builder('b', 'x, y').profile('rfc6265'))
      .delete('old', { path: '/' });
    const response = new Response('ok', {
      headers: { 'Set-Cookie': 'app=kept', 'Cache-Control': 'public, max-age=60' },
    });
    jar.writeTo(response.headers);
    same(
      response.headers.getSetCookie(),
      [
        'app=kept',
        'visit=1; Path=/; Max-Age=3600; Secure',
        'b=x%2C%20y',
        'old=; Version=1; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0',
      ],
      'Set-Cookie lines',
    );
    same(
      response.headers.get('cache-control')?.split(', ').sort(),
      ['max-age=60', 'no-store', 'private'],
      'Cache-Control merged: public gone, the rest kept',
    );
    same(jar.toHeaders().getSetCookie().length, 3, 'toHeaders() lines');
    same(new CookieJarResponse().toHeaders().getSetCookie(), [], 'an empty jar emits nothing');
  },

  'Cookie.parse(c.toString()) round trip': () => {
    const rfc2109 = Cookie.builder('cart', 'a b;c')
      .comment('3 items')
      .domain('.shop.example.com')
      .path('/cart')
      .maxAge({ days: 2 })
      .secure()
      .httpOnly()
      .sameSite('Strict')
      .priority('High')
      .build();
    ok(Cookie.parse(rfc2109.toString()).equals(rfc2109), 'rfc2109 round trip');
    const rfc6265 = Cookie.builder('__Host-embed', 'p4rt')
      .profile('rfc6265')
      .path('/')
      .secure()
      .sameSite('None')
      .partitioned()
      .expires(new Date(Date.UTC(2030, 0, 2, 3, 4, 5)))
      .extension('Ext', 'v')
      .build();
    const back = Cookie.parse(`Set-Cookie: ${rfc6265}`, { profile: 'rfc6265' });
    ok(back.equals(rfc6265), 'rfc6265 round trip');
    same(back.expires?.toISOString(), '2030-01-02T03:04:05.000Z', 'expires');
    const refused = Cookie.safeParse('sid=1; Max-Age=-1', { profile: 'rfc6265' });
    ok(!refused.success, 'a bad Max-Age does not parse');
    same(issuesOf(refused.error), ['maxAge max_age_integer'], 'parse issues');
  },

  parseCookieHeader: () => {
    const cookies = parseCookieHeader('sid=abc; theme=dark; sid=older; note=caf%C3%A9; bad=%E2%9C');
    same(cookies.get('sid'), 'abc', 'get');
    same(cookies.getAll('sid'), ['abc', 'older'], 'getAll');
    same(cookies.get('note'), 'café', 'percent-decoded UTF-8');
    same(cookies.get('bad'), '%E2%9C', 'a malformed escape is kept as sent');
    same([cookies.has('theme'), cookies.has('nope'), cookies.size], [true, false, 5], 'has, size');
    same(
      [...parseCookieHeader(['$Version=1; Customer="WILE_E_COYOTE"; $Path="/acme"', 'b=2'])],
      [
        ['Customer', 'WILE_E_COYOTE'],
        ['b', '2'],
      ],
      'several lines, RFC 2109 syntax',
    );
  },

  lintSetCookie: () => {
    same(lintSetCookie('sid=1; Path=/; Secure; HttpOnly; SameSite=Lax'), [], 'a clean line');
    const found = lintSetCookie('Set-Cookie: sid=1; Max-Age=99999999; SameSite=None').map((d) => [
      d.severity,
      d.code,
    ]);
    ok(
      found.some(([s, c]) => s === 'error' && c === 'same_site_none_insecure'),
      `error same_site_none_insecure in ${JSON.stringify(found)}`,
    );
    ok(
      found.some(([s, c]) => s === 'warning' && c === 'lifetime_capped'),
      `warning lifetime_capped in ${JSON.stringify(found)}`,
    );
  },

  'defineCookie with protect: sign': () => protectedCookie('sign'),

  'defineCookie with protect: seal': () => protectedCookie('seal'),
};

/** Runs every check, each on its own, and reports them all. */
export async function smoke(): Promise<SmokeReport> {
  const checks: SmokeCheck[] = [];
  for (const [name, run] of Object.entries(CHECKS)) {
    try {
      await run();
      checks.push({ name, ok: true });
    } catch (error) {
      const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      checks.push({ name, ok: false, error: text });
    }
  }
  const userAgent = typeof navigator === 'undefined' ? 'unknown' : navigator.userAgent;
  return { userAgent, checks };
}
