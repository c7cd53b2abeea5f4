// Two services share session keys: auth.example.com seals a session cookie, api.example.com
// reads it. Then the keys rotate: the old cookie is renewed, and refused once its key retires.
import assert from 'node:assert/strict';
import { Cookie, createProtector, type ProtectKey } from 'cookiesmith';

// In production these come from a secret store, e.g. SESSION_KEYS="newest,older".
const KEY_2025 = 'f3Jq0dXbM2kTz8hWc9yLr4uVn6pAe1sGx5oBi7KtQwZ';
const KEY_2026 = 'Lm8vR2cYt5nXq0wEj3hUa7zKp1dSg9bFo4iNx6TeVrC';
const SESSION = '__Secure-session';

/** The one definition both services import. */
function sessionProtector(keys: ProtectKey[]) {
  return createProtector({ name: SESSION, mode: 'seal', keys, maxAge: 8 * 3600 });
}

/** What auth.example.com sends after a login. */
async function login(keys: ProtectKey[], uid: number): Promise<Cookie> {
  const value = await sessionProtector(keys).protect(JSON.stringify({ uid }));
  return Cookie.builder(SESSION, value)
    .encoding('raw')
    .profile('rfc6265')
    .domain('example.com') // shared with every subdomain, hence __Secure- and not __Host-
    .path('/')
    .secure()
    .httpOnly()
    .sameSite('Lax')
    .maxAge({ hours: 8 })
    .build();
}

// 1. auth signs the user in; the browser keeps the cookie and sends `name=value` to the API.
const issued = await login([KEY_2025], 42);
console.log(`auth.example.com → Set-Cookie: ${issued}`);
const opened = Buffer.from(issued.value.slice(3), 'base64url').toString('latin1');
assert.ok(!opened.includes('"uid"'), 'the sealed value hides the content, even decoded');
const sent = issued.value;

// 2. api reads it with the same keys.
const read = await sessionProtector([KEY_2025]).unprotect(sent);
assert.ok(read.success);
assert.deepEqual(JSON.parse(read.text), { uid: 42 });
assert.equal(read.renew, false);
console.log(
  `api.example.com  ← uid ${JSON.parse(read.text).uid}, issued ${read.issuedAt.toISOString()}`,
);

// 3. Rotation, step 2 (after step 1, [KEY_2025, KEY_2026], reached every instance): the new key
//    goes first. The old cookie still verifies and asks to be renewed.
const rotated = sessionProtector([KEY_2026, KEY_2025]);
const old = await rotated.unprotect(sent);
assert.ok(old.success && old.renew);
const renewed = await login([KEY_2026, KEY_2025], JSON.parse(old.text).uid);
console.log(`api.example.com  → renewed with the newest key: ${renewed.value.slice(0, 20)}…`);

// 4. Step 3, once 8 hours have passed: the old key retires and values made with it are refused.
const retired = sessionProtector([KEY_2026]);
const refused = await retired.unprotect(sent);
assert.ok(!refused.success);
assert.equal(refused.error.code, 'protect_unknown_key');
assert.ok((await retired.unprotect(renewed.value)).success);

// 5. The value is bound to its cookie name: moved into another cookie, it is refused.
const moved = await createProtector({ name: 'prefs', mode: 'seal', keys: [KEY_2026] }).unprotect(
  renewed.value,
);
assert.ok(!moved.success);
assert.equal(moved.error.code, 'protect_wrong_name');
console.log(`old key retired: ${refused.error.code}; moved to "prefs": ${moved.error.code}`);
