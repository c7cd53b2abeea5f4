// Two services share session keys: auth.example.com seals a session cookie, api.example.com
// reads it. Then the keys rotate: the old cookie is renewed, and refused once its key retires.
import assert from 'node:assert/strict';
import { type Cookie, defineCookie, type ProtectKey } from 'cookiesmith';
import { z } from 'zod';

// In production these come from a secret store, e.g. SESSION_KEYS="newest,older".
const KEY_2025 = 'f3Jq0dXbM2kTz8hWc9yLr4uVn6pAe1sGx5oBi7KtQwZ';
const KEY_2026 = 'Lm8vR2cYt5nXq0wEj3hUa7zKp1dSg9bFo4iNx6TeVrC';

/** The one definition both services import; only the key list changes over time. */
function sessionCookie(keys: ProtectKey[]) {
  return defineCookie({
    name: '__Secure-session',
    codec: 'json',
    schema: z.object({ uid: z.number().int() }),
    attributes: {
      domain: 'example.com', // shared with every subdomain, hence __Secure- and not __Host-
      path: '/',
      secure: true,
      httpOnly: true,
      sameSite: 'Lax',
      maxAge: 8 * 3600, // also the longest a value is accepted, counted from its issue time
      profile: 'rfc6265',
    },
    protect: { mode: 'seal', keys },
  });
}

/** What the browser sends back: the `name=value` part of the Set-Cookie line. */
const sentBack = (cookie: Cookie) => cookie.toString().split(';')[0] ?? '';

// 1. auth signs the user in.
const issued = await sessionCookie([KEY_2025]).create({ uid: 42 });
console.log(`auth.example.com → Set-Cookie: ${issued}`);
const opened = Buffer.from(issued.value.slice(3), 'base64url').toString('latin1');
assert.ok(!opened.includes('"uid"'), 'the sealed value hides the content, even decoded');

// 2. api reads it with the same keys.
const read = await sessionCookie([KEY_2025]).read(sentBack(issued));
assert.deepEqual(read, { success: true, data: { uid: 42 }, renew: false });
console.log(`api.example.com  ← uid ${read.success && read.data.uid}`);

// 3. Rotation, step 2 (step 1, [KEY_2025, KEY_2026], has reached every instance): the new key
//    goes first. The old cookie still verifies and asks to be renewed.
const rotated = sessionCookie([KEY_2026, KEY_2025]);
const old = await rotated.read(sentBack(issued));
assert.ok(old.success && old.renew);
const renewed = await rotated.create(old.data);
console.log(`api.example.com  → renewed with the newest key: ${renewed.value.slice(0, 20)}…`);

// 4. Step 3, once 8 hours have passed: the old key retires; values made with it are refused.
const retired = sessionCookie([KEY_2026]);
const refused = await retired.read(sentBack(issued));
assert.ok(!refused.success);
assert.equal(refused.error.code, 'protect_unknown_key');
assert.ok((await retired.read(sentBack(renewed))).success);

// 5. The value is bound to its cookie name: moved into another cookie, it is refused.
const prefs = defineCookie({
  name: 'prefs',
  codec: 'json',
  schema: z.object({ uid: z.number() }),
  protect: { mode: 'seal', keys: [KEY_2026] },
});
const moved = await prefs.read(`prefs=${renewed.value}`);
assert.ok(!moved.success);
assert.equal(moved.error.code, 'protect_wrong_name');
console.log(`old key retired: ${refused.error.code}; moved to "prefs": ${moved.error.code}`);
