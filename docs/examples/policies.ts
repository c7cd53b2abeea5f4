// A team-wide cookie policy shared by several services and refined per cookie
// (docs/policies.md walks through it). Run: npm run build && node --loader ts-node/esm docs/examples/policies.ts
import assert from 'node:assert/strict';
import {
  Cookie,
  type CookieError,
  CookieJarResponse,
  CookiePolicy,
  CookiePolicyConflictError,
  CookieValidationError,
} from 'cookiesmith';

// 1. The platform team keeps the policy in a config file every service loads, e.g.
//    cookie-policy.json. Here it is inline; `CookiePolicy.from` validates it strictly.
const teamConfig: unknown = JSON.parse(`{
  "name": "acme-team",
  "defaults": { "path": "/", "secure": true, "httpOnly": true, "sameSite": "Lax", "profile": "rfc6265" },
  "require": { "secure": true, "sameSite": ["Lax", "Strict"], "maxLifetime": { "days": 30 }, "profile": "rfc6265" }
}`);
const team = CookiePolicy.from(teamConfig);

// 2. Service "shop": the team policy as it is. Defaults fill what the cookie leaves unset;
//    what the cookie sets itself wins.
const cart = Cookie.builder('cart', 'c-42').apply(team).maxAge({ days: 7 }).build();
assert.equal(cart.toString(), 'cart=c-42; Path=/; Max-Age=604800; Secure; HttpOnly; SameSite=Lax');

const theme = Cookie.builder('theme', 'dark').httpOnly(false).apply(team).build();
assert.equal(theme.toString(), 'theme=dark; Path=/; Secure; SameSite=Lax');

// 3. Service "auth": refines the team policy with the __Host- rules and its own requirements.
const auth = team.and(CookiePolicy.hostOnly).and(
  CookiePolicy.define({
    name: 'auth-service',
    require: {
      httpOnly: true,
      maxLifetime: { hours: 12 },
      custom: {
        check: (cookie) => cookie.value.length >= 32,
        message: 'session ids are at least 32 characters',
        path: ['value'],
      },
    },
  }),
);
const token = 'a'.repeat(32);
const session = Cookie.builder('__Host-sid', token).apply(auth).build();
assert.equal(session.toString(), `__Host-sid=${token}; Path=/; Secure; HttpOnly; SameSite=Lax`);

// Composition never overrides silently: the team's SameSite=Lax default and crossSite's
// SameSite=None cannot both hold, and the error says where and who.
const conflict = catchError(() => team.and(CookiePolicy.crossSite));
assert.ok(conflict instanceof CookiePolicyConflictError);
assert.deepEqual(conflict.path, ['defaults', 'sameSite']);
assert.deepEqual(conflict.policies, ['acme-team', 'crossSite']);

// 4. A violation names the policy and the field, each issue with code 'policy'.
const bad = catchError(() =>
  Cookie.builder('__Host-sid', 'too-short').apply(auth).maxAge({ days: 7 }).build(),
);
assert.ok(bad instanceof CookieValidationError);
assert.deepEqual(
  bad.issues.map((issue) => [issue.path.join('.'), issue.code, issue.source]),
  [
    ['maxAge', 'policy', 'policy "acme-team & auth-service"'],
    ['value', 'policy', 'policy "auth-service"'],
  ],
);

// 5. A built cookie from elsewhere can be checked too (a jar with a policy does this).
assert.equal(auth.check(session).length, 0);
assert.equal(team.check(Cookie.from({ name: 'legacy', value: 'x' })).length, 3);

// 6. A response jar holds every cookie it collects to its policy: defaults first (deletions
//    included, so they reach the scope the cookies were set with), then the requirements.
const jar = new CookieJarResponse({ policy: CookiePolicy.secureSession.and(CookiePolicy.rfc6265) })
  .sendCookie('sid', token)
  .delete('legacy');
assert.deepEqual(jar.setCookieHeaders(), [
  `sid=${token}; Path=/; Secure; HttpOnly; SameSite=Lax`,
  'legacy=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Secure; HttpOnly; SameSite=Lax',
]);
const persistent = catchError(() => jar.sendCookie('sid', token, { maxAge: 3600 }));
assert.ok(persistent instanceof CookieValidationError);
assert.deepEqual(persistent.issues[0]?.path, ['maxAge']);

// 7. A misspelt key in the config file points at itself.
const typo = catchError(() =>
  CookiePolicy.from({ name: 'acme-team', require: { samesite: ['Lax'] } }),
);
assert.ok(typo instanceof CookieValidationError);
assert.deepEqual(typo.issues[0]?.path, ['require', 'samesite']);

console.log(`Set-Cookie: ${cart}\nSet-Cookie: ${theme}\nSet-Cookie: ${session}`);

function catchError(fn: () => unknown): CookieError | undefined {
  try {
    fn();
  } catch (error) {
    return error as CookieError;
  }
  return undefined;
}
