import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import fc from 'fast-check';
import { CookieJar } from 'tough-cookie';
import { z } from 'zod';
import { Cookie, CookieError, CookieValidationError, defineCookie } from '../src/index.js';
import {
  createProtector,
  type ProtectKey,
  type ProtectMode,
  type Protector,
} from '../src/typed/protect.js';

const KEY_A = 'an example secret of at least 32 bytes, A';
const KEY_B = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);
const KEY_C = 'an example secret of at least 32 bytes, C';
const MODES: readonly ProtectMode[] = ['sign', 'seal'];
const T0 = Date.UTC(2026, 11, 1, 12, 0, 0);

function b64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64url'));
}

function toB64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

/** Splits a wire value into its base64url segments as bytes (prefix dropped). */
function segments(wire: string): Uint8Array[] {
  return wire.slice(3).split('.').map(b64);
}

function join(prefix: string, parts: Uint8Array[]): string {
  return `${prefix}${parts.map(toB64).join('.')}`;
}

function failure(
  result: { readonly success: true } | { readonly success: false; readonly error: CookieError },
): string {
  expect(result.success, 'expected a refusal').to.equal(false);
  if (result.success) return '';
  expect(result.error).to.be.instanceOf(CookieError);
  return result.error.code;
}

function expectThrows(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(CookieError);
    expect((error as CookieError).code).to.equal(code);
    return;
  }
  expect.fail(`expected a CookieError with code ${code}`);
}

/**
 * A value in wire format 1 made by an independent node:crypto writer, with any issued-at time
 * (seconds): what a holder of the key can make, including times cookiesmith never writes.
 */
function forge(mode: ProtectMode, key: string, name: string, iat: number, text: string): string {
  const secret = Buffer.from(key, 'utf8');
  const hkdf = (info: string, length: number) =>
    Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), info, length));
  const nameBytes = Buffer.from(name, 'utf8');
  const nameTag = createHash('sha256').update(nameBytes).digest().subarray(0, 2);
  const kid = hkdf('cookiesmith/v1 key-id', 4);
  const iatBytes = Buffer.alloc(6);
  iatBytes.writeUIntBE(iat, 0, 6);
  const payload = Buffer.from(text, 'utf8');
  if (mode === 'sign') {
    const body = Buffer.concat([kid, nameTag, iatBytes, payload]);
    const mac = createHmac('sha256', hkdf('cookiesmith/v1 sign', 32))
      .update(Buffer.concat([Buffer.from('cookiesmith/s1\0'), nameBytes, Buffer.of(0), body]))
      .digest();
    return `s1.${body.toString('base64url')}.${mac.toString('base64url')}`;
  }
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', hkdf('cookiesmith/v1 seal', 32), iv);
  cipher.setAAD(
    Buffer.concat([Buffer.from('cookiesmith/e1\0'), nameBytes, Buffer.of(0), kid, nameTag]),
  );
  const sealed = Buffer.concat([cipher.update(Buffer.concat([iatBytes, payload])), cipher.final()]);
  const data = Buffer.concat([kid, nameTag, iv, sealed, cipher.getAuthTag()]);
  return `e1.${data.toString('base64url')}`;
}

async function expectRejects(promise: Promise<unknown>): Promise<CookieError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(CookieError);
    return error as CookieError;
  }
  return expect.fail('expected a rejection');
}

describe('createProtector', () => {
  describe('keys', () => {
    it('refuses a string key shorter than 32 bytes when the protector is made', () => {
      expectThrows(
        () => createProtector({ name: 'sid', mode: 'sign', keys: ['x'.repeat(31)] }),
        'key_too_short',
      );
    });

    it('refuses a byte key shorter than 32 bytes', () => {
      expectThrows(
        () => createProtector({ name: 'sid', mode: 'seal', keys: [new Uint8Array(31)] }),
        'key_too_short',
      );
    });

    it('refuses a short older key, not only the newest', () => {
      expectThrows(
        () => createProtector({ name: 'sid', mode: 'sign', keys: [KEY_A, 'short'] }),
        'key_too_short',
      );
    });

    it('counts UTF-8 bytes, not characters', () => {
      // 16 × "é" is 16 characters but 32 bytes; 15 × "é" + "a" is 31 bytes.
      expect(() =>
        createProtector({ name: 'sid', mode: 'sign', keys: ['é'.repeat(16)] }),
      ).not.to.throw();
      expectThrows(
        () => createProtector({ name: 'sid', mode: 'sign', keys: [`${'é'.repeat(15)}a`] }),
        'key_too_short',
      );
    });

    it('accepts exactly 32 bytes', () => {
      expect(() =>
        createProtector({ name: 'sid', mode: 'seal', keys: [new Uint8Array(32)] }),
      ).not.to.throw();
    });

    it('refuses an empty key list', () => {
      expectThrows(() => createProtector({ name: 'sid', mode: 'sign', keys: [] }), 'keys_empty');
    });

    it('refuses a key that is neither a string nor bytes', () => {
      const keys = [42] as unknown as ProtectKey[];
      expectThrows(() => createProtector({ name: 'sid', mode: 'sign', keys }), 'key_type');
    });

    it('refuses a hole in the key list when the protector is made, naming its index', () => {
      // biome-ignore lint/suspicious/noSparseArray: the hole is the point
      const holes = [[, KEY_A], [KEY_A, , KEY_C], new Array(2)] as ProtectKey[][];
      holes.forEach((keys, n) => {
        const index = n === 1 ? 1 : 0;
        try {
          createProtector({ name: 'sid', mode: 'seal', keys });
          expect.fail(`keys #${n}: expected key_type`);
        } catch (error) {
          expect(error).to.be.instanceOf(CookieError);
          expect((error as CookieError).code).to.equal('key_type');
          expect((error as CookieError).message).to.include(`keys[${index}]`);
        }
      });
    });

    it('refuses any entry that is not a key: undefined, null, an object, an ArrayBuffer', () => {
      for (const key of [undefined, null, {}, new ArrayBuffer(32), [KEY_A]]) {
        const keys = [KEY_A, key] as unknown as ProtectKey[];
        expectThrows(() => createProtector({ name: 'sid', mode: 'sign', keys }), 'key_type');
      }
    });

    it('copies byte keys, so changing the caller’s array later changes nothing', async () => {
      const key = new Uint8Array(KEY_B);
      const p = createProtector({ name: 'sid', mode: 'sign', keys: [key] });
      key.fill(0);
      const wire = await p.protect('v');
      const reader = createProtector({ name: 'sid', mode: 'sign', keys: [KEY_B] });
      expect((await reader.unprotect(wire)).success).to.equal(true);
    });
  });

  describe('options', () => {
    it('refuses an unknown mode', () => {
      const mode = 'encrypt' as unknown as ProtectMode;
      expectThrows(() => createProtector({ name: 'sid', mode, keys: [KEY_A] }), 'protect_options');
    });

    it('refuses a negative or fractional maxAge', () => {
      for (const maxAge of [-1, 1.5, Number.NaN]) {
        expectThrows(
          () => createProtector({ name: 'sid', mode: 'sign', keys: [KEY_A], maxAge }),
          'protect_options',
        );
      }
    });

    it('refuses an empty name', () => {
      expectThrows(
        () => createProtector({ name: '', mode: 'sign', keys: [KEY_A] }),
        'protect_options',
      );
    });

    it('refuses a name that is not a cookie name, with the cookie rule as the cause', () => {
      // Lone surrogates: "role\ud800" and "role\udfff" have the same UTF-8 replacement bytes,
      // so values made for one would be accepted under the other.
      const names = ['role\ud800', 'role\udfff', 'a b', 'a;b', 'a=b', 'ré', '$Version', '"sid"'];
      for (const name of names) {
        try {
          createProtector({ name, mode: 'sign', keys: [KEY_A] });
          expect.fail(`${JSON.stringify(name)} should be refused`);
        } catch (error) {
          expect(error, JSON.stringify(name)).to.be.instanceOf(CookieError);
          expect((error as CookieError).code).to.equal('protect_options');
          const cause = (error as CookieError).cause as CookieValidationError;
          expect(cause).to.be.instanceOf(CookieValidationError);
          expect(cause.issues.map((i) => i.path)).to.deep.equal([['name']]);
        }
      }
    });

    it('accepts every valid cookie name, prefixes included', () => {
      for (const name of ['sid', '__Host-session', '__Secure-x', "a!#%&'*+-.^_`|~9"]) {
        expect(createProtector({ name, mode: 'seal', keys: [KEY_A] }).name).to.equal(name);
      }
    });

    it('defaults clockSkew to 60 seconds and refuses one that is not whole seconds ≥ 0', () => {
      expect(createProtector({ name: 'sid', mode: 'sign', keys: [KEY_A] }).clockSkew).to.equal(60);
      expect(
        createProtector({ name: 'sid', mode: 'sign', keys: [KEY_A], clockSkew: 0 }).clockSkew,
      ).to.equal(0);
      for (const clockSkew of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '60', null]) {
        expectThrows(
          () =>
            createProtector({
              name: 'sid',
              mode: 'sign',
              keys: [KEY_A],
              clockSkew: clockSkew as number,
            }),
          'protect_options',
        );
      }
    });

    it('refuses anything but an options object with a CookieError', () => {
      for (const options of [undefined, null, 'sid', 3]) {
        expectThrows(
          () => createProtector(options as unknown as Parameters<typeof createProtector>[0]),
          'protect_options',
        );
      }
    });
  });

  for (const mode of MODES) {
    describe(`mode '${mode}'`, () => {
      const make = (keys: ProtectKey[] = [KEY_A], name = 'sid', extra = {}): Protector =>
        createProtector({ name, mode, keys, ...extra });

      describe('round trip', () => {
        it('gives back the text, the issued-at time and renew: false', async () => {
          const p = make([KEY_A], 'sid', { now: () => T0 + 999 });
          const result = await p.unprotect(await p.protect('{"uid":42}'));
          expect(result).to.deep.equal({
            success: true,
            text: '{"uid":42}',
            issuedAt: new Date(T0),
            renew: false,
          });
        });

        it('round-trips any Unicode text and emits cookie-octets only', async () => {
          const p = make();
          await fc.assert(
            fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), async (text) => {
              const wire = await p.protect(text);
              expect(wire).to.match(
                new RegExp(`^${mode === 'sign' ? 's1' : 'e1'}\\.[A-Za-z0-9_.-]+$`),
              );
              const result = await p.unprotect(wire);
              expect(result.success && result.text).to.equal(text);
            }),
            { numRuns: 100 },
          );
        });

        if (mode === 'seal') {
          it('makes a different value each time (random nonce)', async () => {
            const p = make();
            expect(await p.protect('same')).not.to.equal(await p.protect('same'));
          });
        }
      });

      describe('tampering', () => {
        it('refuses the value after any character of it is changed', async () => {
          const p = make();
          const wire = await p.protect('{"uid":42,"role":"user"}');
          const alphabet = 'ABCabc019-_.';
          let tried = 0;
          for (let i = 0; i < wire.length; i++) {
            for (const c of [
              alphabet[i % alphabet.length]!,
              alphabet[(i + 5) % alphabet.length]!,
            ]) {
              if (c === wire[i]) continue;
              const forged = wire.slice(0, i) + c + wire.slice(i + 1);
              const result = await p.unprotect(forged);
              expect(result.success, `changed position ${i} to ${c}`).to.equal(false);
              tried++;
            }
          }
          expect(tried).to.be.greaterThan(wire.length);
        });

        it('refuses every single-bit flip of the decoded bytes, with the code of the part hit', async () => {
          const p = make();
          const wire = await p.protect('{"uid":42}');
          const prefix = wire.slice(0, 3);
          const parts = segments(wire);
          const codes = new Set<string>();
          for (let s = 0; s < parts.length; s++) {
            for (let i = 0; i < parts[s]!.length; i++) {
              for (let bit = 0; bit < 8; bit++) {
                const copy = parts.map((part) => new Uint8Array(part));
                copy[s]![i]! ^= 1 << bit;
                const code = failure(await p.unprotect(join(prefix, copy)));
                // Layout (both modes): key id [0,4), name tag [4,6), then protected bytes.
                const expected =
                  s > 0 || i >= 6
                    ? 'protect_tampered'
                    : i < 4
                      ? 'protect_unknown_key'
                      : 'protect_wrong_name';
                expect(code, `segment ${s} byte ${i} bit ${bit}`).to.equal(expected);
                codes.add(code);
              }
            }
          }
          expect([...codes].sort()).to.deep.equal([
            'protect_tampered',
            'protect_unknown_key',
            'protect_wrong_name',
          ]);
        });

        it('refuses a value with bytes cut off or appended', async () => {
          const p = make();
          const wire = await p.protect('{"uid":42}');
          const prefix = wire.slice(0, 3);
          const parts = segments(wire);
          const last = parts.length - 1;
          const shorter = parts.map((part, i) => (i === last ? part.subarray(0, -1) : part));
          const longer = parts.map((part, i) => (i === 0 ? Uint8Array.of(...part, 0) : part));
          expect(failure(await p.unprotect(join(prefix, shorter)))).to.be.oneOf([
            'protect_format',
            'protect_tampered',
          ]);
          expect(failure(await p.unprotect(join(prefix, longer)))).to.equal('protect_tampered');
        });
      });

      describe('name binding', () => {
        it('refuses a value moved to another cookie name', async () => {
          const wire = await make([KEY_A], 'role').protect('admin');
          expect(failure(await make([KEY_A], 'theme').unprotect(wire))).to.equal(
            'protect_wrong_name',
          );
        });

        it('refuses a moved value even when the public name tag is rewritten to match', async () => {
          const wire = await make([KEY_A], 'role').protect('admin');
          // Take the name tag (bytes 4..6) of a value made for "theme" under another key.
          const theirs = segments(await make([KEY_C], 'theme').protect('x'))[0]!;
          const parts = segments(wire);
          parts[0]!.set(theirs.subarray(4, 6), 4);
          const forged = join(wire.slice(0, 3), parts);
          expect(forged).not.to.equal(wire);
          expect(failure(await make([KEY_A], 'theme').unprotect(forged))).to.equal(
            'protect_tampered',
          );
        });
      });

      describe('key rotation', () => {
        it('verifies a value made with an older key and asks for renewal', async () => {
          const wire = await make([KEY_A]).protect('v');
          const result = await make([KEY_C, KEY_A]).unprotect(wire);
          expect(result).to.include({ success: true, text: 'v', renew: true });
        });

        it('protects with the newest key only', async () => {
          const wire = await make([KEY_C, KEY_A]).protect('v');
          expect(await make([KEY_C]).unprotect(wire)).to.include({ success: true, renew: false });
          expect(failure(await make([KEY_A]).unprotect(wire))).to.equal('protect_unknown_key');
        });

        it('no longer verifies a value once its key is removed', async () => {
          const wire = await make([KEY_A]).protect('v');
          expect(failure(await make([KEY_C, KEY_B]).unprotect(wire))).to.equal(
            'protect_unknown_key',
          );
        });

        it('accepts string and byte keys alike', async () => {
          const wire = await make([KEY_B]).protect('v');
          expect(await make([KEY_A, KEY_B]).unprotect(wire)).to.include({ renew: true });
        });
      });

      describe('expiry (maxAge)', () => {
        it('accepts a value exactly maxAge seconds old and refuses one a second older', async () => {
          let now = T0;
          const p = make([KEY_A], 'sid', { maxAge: 60, now: () => now });
          const wire = await p.protect('v');
          now = T0 + 60_000;
          expect(await p.unprotect(wire)).to.include({ success: true });
          now = T0 + 61_000;
          expect(failure(await p.unprotect(wire))).to.equal('protect_expired');
        });

        it('keeps values forever without maxAge', async () => {
          let now = T0;
          const p = make([KEY_A], 'sid', { now: () => now });
          const wire = await p.protect('v');
          now = T0 + 10 * 365 * 86_400_000;
          expect(await p.unprotect(wire)).to.include({ success: true });
        });

        it('carries the issued-at time inside the protected bytes, so it cannot be refreshed', async () => {
          let now = T0;
          const p = make([KEY_A], 'sid', { maxAge: 60, now: () => now });
          const wire = await p.protect('v');
          const parts = segments(wire);
          // Put a later time into the visible header of a signed value: the MAC covers it.
          if (mode === 'sign') parts[0]![11]! += 120;
          now = T0 + 120_000;
          expect(failure(await p.unprotect(join(wire.slice(0, 3), parts)))).to.equal(
            mode === 'sign' ? 'protect_tampered' : 'protect_expired',
          );
        });

        it('refuses a clock that does not return epoch milliseconds', async () => {
          const p = make([KEY_A], 'sid', { now: () => Number.NaN });
          expect((await expectRejects(p.protect('v'))).code).to.equal('protect_options');
        });

        it('refuses a clock past the end of the Date range (8.64e15 ms)', async () => {
          const p = make([KEY_A], 'sid', { now: () => 8.64e15 + 1000 });
          expect((await expectRejects(p.protect('v'))).code).to.equal('protect_options');
        });
      });

      describe('issued-at in the future (clockSkew)', () => {
        const at = (ms: number) => make([KEY_A], 'sid', { now: () => ms });

        it('accepts a value issued up to 60 s ahead of the reader, and refuses 61 s', async () => {
          const reader = at(T0);
          expect(await reader.unprotect(await at(T0 + 60_000).protect('v'))).to.include({
            success: true,
          });
          expect(failure(await reader.unprotect(await at(T0 + 61_000).protect('v')))).to.equal(
            'protect_future',
          );
        });

        it('refuses a value issued ten years ahead, although it is "younger" than maxAge', async () => {
          const wire = await at(T0 + 10 * 365 * 86_400_000).protect('v');
          const reader = make([KEY_A], 'sid', { now: () => T0, maxAge: 3600 });
          expect(failure(await reader.unprotect(wire))).to.equal('protect_future');
        });

        it('takes clockSkew in seconds from the options', async () => {
          const strict = make([KEY_A], 'sid', { now: () => T0, clockSkew: 0 });
          expect(failure(await strict.unprotect(await at(T0 + 1000).protect('v')))).to.equal(
            'protect_future',
          );
          const lax = make([KEY_A], 'sid', { now: () => T0, clockSkew: 300 });
          expect(await lax.unprotect(await at(T0 + 300_000).protect('v'))).to.include({
            success: true,
          });
          expect(failure(await lax.unprotect(await at(T0 + 301_000).protect('v')))).to.equal(
            'protect_future',
          );
        });

        it('refuses an issued-at outside the Date range (2^48 - 1), whatever clockSkew', async () => {
          const reader = make([KEY_A], 'sid', {
            now: () => T0,
            clockSkew: Number.MAX_SAFE_INTEGER,
          });
          for (const iat of [2 ** 48 - 1, 8.64e12 + 1]) {
            const result = await reader.unprotect(forge(mode, KEY_A, 'sid', iat, 'v'));
            expect(failure(result), `iat ${iat}`).to.equal('protect_future');
          }
          const last = await reader.unprotect(forge(mode, KEY_A, 'sid', 8.64e12, 'v'));
          expect(last.success && last.issuedAt.getTime()).to.equal(8.64e15);
        });

        it('reads a value forged by an independent writer at the current time', async () => {
          const result = await at(T0).unprotect(forge(mode, KEY_A, 'sid', T0 / 1000, 'v'));
          expect(result).to.deep.equal({
            success: true,
            text: 'v',
            issuedAt: new Date(T0),
            renew: false,
          });
        });
      });

      describe('malformed input', () => {
        it('refuses values that are not in the format with protect_format', async () => {
          const p = make();
          const prefix = mode === 'sign' ? 's1.' : 'e1.';
          const other = mode === 'sign' ? 'e1.' : 's1.';
          const good = await p.protect('v');
          const bad = [
            '',
            'v',
            prefix,
            `${prefix}.`,
            `${prefix}!!!`,
            `${prefix}AAAA`,
            `${other}${good.slice(3)}`,
            `s2.${good.slice(3)}`,
            `${good}=`,
            `${prefix}${'A'.repeat(5000)}`,
          ];
          for (const wire of bad) {
            expect(failure(await p.unprotect(wire)), JSON.stringify(wire)).to.equal(
              'protect_format',
            );
          }
        });

        it('never throws and returns only CookieError, for any input', async () => {
          const p = make();
          const prefix = mode === 'sign' ? 's1.' : 'e1.';
          await fc.assert(
            fc.asyncProperty(
              fc.oneof(
                fc.string(),
                fc.string({ unit: 'binary' }).map((s) => prefix + s),
                fc.base64String().map((s) => prefix + s.replace(/=+$/, '')),
                fc.anything(),
              ),
              async (input) => {
                const result = await p.unprotect(input as string);
                expect(result.success).to.equal(false);
                if (!result.success) expect(result.error).to.be.instanceOf(CookieError);
              },
            ),
            { numRuns: 200 },
          );
        });
      });

      describe('size', () => {
        it('checks name + protected value against 4096 bytes after protection', async () => {
          const p = make([KEY_A], 'sid');
          // The largest text that fits makes a value of exactly 4096 - 3 bytes.
          const fits = mode === 'sign' ? 3022 : 3027;
          const wire = await p.protect('a'.repeat(fits));
          expect('sid'.length + wire.length).to.equal(4096);
          const error = await expectRejects(p.protect('a'.repeat(fits + 1)));
          expect(error).to.be.instanceOf(CookieValidationError);
          expect(
            (error as CookieValidationError).issues.map((i) => [i.path, i.code]),
          ).to.deep.equal([[['value'], 'name_value_too_long']]);
        });

        it('refuses a text with a lone surrogate', async () => {
          const error = await expectRejects(make().protect('a\uD800'));
          expect(
            (error as CookieValidationError).issues.map((i) => [i.path, i.code]),
          ).to.deep.equal([[['value'], 'value_encoding']]);
        });
      });

      describe('key cache', () => {
        it('derives each key once per protector, not once per call', async () => {
          const subtle = globalThis.crypto.subtle;
          const original = subtle.importKey;
          let imports = 0;
          subtle.importKey = function (this: SubtleCrypto, ...args: unknown[]) {
            imports++;
            return Reflect.apply(original, this, args);
          } as typeof original;
          try {
            const p = make([KEY_A, KEY_C]);
            for (let i = 0; i < 5; i++) await p.unprotect(await p.protect(`v${i}`));
          } finally {
            Reflect.deleteProperty(subtle, 'importKey');
          }
          expect(subtle.importKey).to.equal(original);
          expect(imports).to.equal(2);
        });
      });
    });
  }

  describe('confidentiality', () => {
    const secret = 'user-42-card-4111111111111111';

    /** Every reading of a wire value a curious client could try. */
    function readings(wire: string): string[] {
      const out = [wire, decodeURIComponent(wire)];
      for (const piece of [wire, wire.slice(3), ...wire.slice(3).split('.')]) {
        for (let skip = 0; skip < 4; skip++) {
          const bytes = Buffer.from(piece.slice(skip), 'base64url');
          out.push(bytes.toString('utf8'), bytes.toString('latin1'));
        }
      }
      return out;
    }

    it('a sealed value contains the plaintext in no decoding', async () => {
      const p = createProtector({ name: 'sid', mode: 'seal', keys: [KEY_A] });
      for (let i = 0; i < 20; i++) {
        const wire = await p.protect(secret);
        for (const reading of readings(wire)) expect(reading).not.to.include(secret);
      }
    });

    it('a signed value is readable, which is why the check above can fail', async () => {
      const p = createProtector({ name: 'sid', mode: 'sign', keys: [KEY_A] });
      const wire = await p.protect(secret);
      expect(readings(wire).some((reading) => reading.includes(secret))).to.equal(true);
    });
  });

  describe('fixed vectors (format 1)', () => {
    interface Vector {
      mode: ProtectMode;
      name: string;
      keys: ({ utf8: string } | { hex: string })[];
      nonce?: string;
      text: string;
      now: number;
      wire: string;
    }
    const { vectors } = JSON.parse(
      readFileSync(new URL('./fixtures/protect-vectors.json', import.meta.url), 'utf8'),
    ) as { vectors: Vector[] };
    const keyOf = (k: Vector['keys'][number]): ProtectKey =>
      'utf8' in k ? k.utf8 : new Uint8Array(Buffer.from(k.hex, 'hex'));
    const secretOf = (k: Vector['keys'][number]): Buffer =>
      'utf8' in k ? Buffer.from(k.utf8, 'utf8') : Buffer.from(k.hex, 'hex');

    it('covers both modes', () => {
      expect(vectors.filter((v) => v.mode === 'sign')).to.have.length.greaterThan(1);
      expect(vectors.filter((v) => v.mode === 'seal')).to.have.length.greaterThan(1);
    });

    for (const v of [...vectors]) {
      describe(`${v.mode} ${JSON.stringify(v.name)} ${JSON.stringify(v.text)}`, () => {
        const options = { name: v.name, mode: v.mode, keys: v.keys.map(keyOf), now: () => v.now };

        it('is re-created byte for byte', async () => {
          // The seal nonce comes from Web Crypto's random source: fix it for this one call.
          const nonce = Buffer.from(v.nonce ?? '', 'hex');
          const random = crypto.getRandomValues;
          crypto.getRandomValues = (<T extends ArrayBufferView | null>(array: T): T => {
            if (array instanceof Uint8Array) array.set(nonce.subarray(0, array.length));
            return array;
          }) as typeof crypto.getRandomValues;
          try {
            expect(await createProtector(options).protect(v.text)).to.equal(v.wire);
          } finally {
            crypto.getRandomValues = random;
          }
        });

        it('reads back', async () => {
          const result = await createProtector(options).unprotect(v.wire);
          expect(result).to.deep.equal({
            success: true,
            text: v.text,
            issuedAt: new Date(Math.floor(v.now / 1000) * 1000),
            renew: false,
          });
        });

        it('verifies with an independent node:crypto reading of the documented format', () => {
          const secret = secretOf(v.keys[0]!);
          const hkdf = (info: string, length: number) =>
            Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), info, length));
          const name = Buffer.from(v.name, 'utf8');
          const nameTag = createHash('sha256').update(name).digest().subarray(0, 2);
          const kid = hkdf('cookiesmith/v1 key-id', 4);
          const iat = Buffer.alloc(6);
          iat.writeUIntBE(Math.floor(v.now / 1000), 0, 6);
          const payload = Buffer.from(v.text, 'utf8');
          if (v.mode === 'sign') {
            expect(v.wire.startsWith('s1.')).to.equal(true);
            const [bodyText, macText] = v.wire.slice(3).split('.');
            const body = Buffer.from(bodyText!, 'base64url');
            expect(body).to.deep.equal(Buffer.concat([kid, nameTag, iat, payload]));
            const mac = createHmac('sha256', hkdf('cookiesmith/v1 sign', 32))
              .update(Buffer.concat([Buffer.from('cookiesmith/s1\0'), name, Buffer.of(0), body]))
              .digest();
            expect(macText).to.equal(mac.toString('base64url'));
          } else {
            expect(v.wire.startsWith('e1.')).to.equal(true);
            const data = Buffer.from(v.wire.slice(3), 'base64url');
            expect(data.subarray(0, 6)).to.deep.equal(Buffer.concat([kid, nameTag]));
            const iv = data.subarray(6, 18);
            expect(iv.toString('hex')).to.equal(v.nonce);
            const decipher = createDecipheriv('aes-256-gcm', hkdf('cookiesmith/v1 seal', 32), iv);
            decipher.setAAD(
              Buffer.concat([
                Buffer.from('cookiesmith/e1\0'),
                name,
                Buffer.of(0),
                data.subarray(0, 6),
              ]),
            );
            decipher.setAuthTag(data.subarray(-16));
            const plain = Buffer.concat([
              decipher.update(data.subarray(18, -16)),
              decipher.final(),
            ]);
            expect(plain).to.deep.equal(Buffer.concat([iat, payload]));
          }
        });
      });
    }
  });

  describe('over HTTP, with tough-cookie as the client', () => {
    let server: Server;
    let base: string;
    const session = createProtector({ name: 'session', mode: 'seal', keys: [KEY_A], maxAge: 60 });

    before(async () => {
      server = createServer((req, res) => {
        void (async () => {
          if (req.url === '/login') {
            const value = await session.protect(JSON.stringify({ uid: 42, name: 'Zoë; ∂' }));
            const cookie = Cookie.builder('session', value)
              .encoding('raw')
              .profile('rfc6265')
              .path('/')
              .httpOnly()
              .sameSite('Lax')
              .maxAge(60)
              .build();
            res.setHeader('Set-Cookie', cookie.toString());
            res.end('ok');
            return;
          }
          const pairs = (req.headers.cookie ?? '').split(/;\s*/).map((p) => p.split('='));
          const wire =
            pairs
              .find(([name]) => name === 'session')
              ?.slice(1)
              .join('=') ?? '';
          const result = await session.unprotect(wire);
          res.setHeader('content-type', 'application/json');
          res.end(
            JSON.stringify(
              result.success ? { data: JSON.parse(result.text) } : { code: result.error.code },
            ),
          );
        })();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('a sealed cookie set by the server comes back and opens; an altered one is refused', async () => {
      const jar = new CookieJar();
      const login = await fetch(`${base}/login`);
      for (const line of login.headers.getSetCookie()) await jar.setCookie(line, base);
      const stored = (await jar.getCookies(base)).find((c) => c.key === 'session');
      expect(stored?.value).to.match(/^e1\.[A-Za-z0-9_-]+$/);

      const me = await fetch(`${base}/me`, {
        headers: { cookie: await jar.getCookieString(base) },
      });
      expect(await me.json()).to.deep.equal({ data: { uid: 42, name: 'Zoë; ∂' } });

      const value = stored!.value;
      const at = value.length - 20; // inside the ciphertext
      const altered = `${value.slice(0, at)}${value[at] === 'A' ? 'B' : 'A'}${value.slice(at + 1)}`;
      const forged = await fetch(`${base}/me`, { headers: { cookie: `session=${altered}` } });
      expect(await forged.json()).to.deep.equal({ code: 'protect_tampered' });
    });
  });

  describe('through defineCookie({ protect })', () => {
    const schema = z.object({ uid: z.number().int(), role: z.enum(['user', 'admin']) });
    const attributes = { path: '/', httpOnly: true, sameSite: 'Lax', profile: 'rfc6265' } as const;
    const session = (
      mode: ProtectMode,
      keys: ProtectKey[],
      extra: { name?: string; maxAge?: number; now?: () => number } = {},
    ) =>
      defineCookie({
        name: extra.name ?? 'session',
        codec: 'json',
        schema,
        attributes: {
          ...attributes,
          ...(extra.maxAge === undefined ? {} : { maxAge: extra.maxAge }),
        },
        protect: { mode, keys, ...(extra.now === undefined ? {} : { now: extra.now }) },
      });
    /** The request header a browser sends back for a cookie. */
    const sentBack = (cookie: Cookie) => cookie.toString().split(';')[0]!;

    for (const mode of MODES) {
      describe(`mode '${mode}'`, () => {
        it('creates a raw protected cookie and reads the data back', async () => {
          const def = session(mode, [KEY_A]);
          const cookie = await def.create({ uid: 42, role: 'user' });
          expect(cookie.encoding).to.equal('raw');
          expect(cookie.value).to.match(mode === 'sign' ? /^s1\./ : /^e1\./);
          expect(cookie.toString()).to.match(
            /^session=[a-z0-9]+\.[A-Za-z0-9_.-]+; Path=\/; HttpOnly; SameSite=Lax$/,
          );
          expect(await def.read(sentBack(cookie))).to.deep.equal({
            success: true,
            data: { uid: 42, role: 'user' },
            renew: false,
          });
        });

        it('refuses an altered value and never returns its data', async () => {
          const def = session(mode, [KEY_A]);
          const cookie = await def.create({ uid: 42, role: 'user' });
          const at = cookie.value.length - 20;
          const value = cookie.value;
          const altered = `${value.slice(0, at)}${value[at] === 'A' ? 'B' : 'A'}${value.slice(at + 1)}`;
          const result = await def.read(`session=${altered}`);
          expect(result.success).to.equal(false);
          if (!result.success) expect(result.error.code).to.equal('protect_tampered');
        });

        it('refuses a value moved to another cookie name', async () => {
          const user = await session(mode, [KEY_A], { name: 'user' }).create({
            uid: 1,
            role: 'admin',
          });
          const result = await session(mode, [KEY_A], { name: 'admin' }).read(
            `admin=${user.value}`,
          );
          expect(failure(result)).to.equal('protect_wrong_name');
        });

        it('reads a value made with an older key with renew: true, and not once it is removed', async () => {
          const cookie = await session(mode, [KEY_A]).create({ uid: 7, role: 'user' });
          expect(await session(mode, [KEY_C, KEY_A]).read(sentBack(cookie))).to.deep.equal({
            success: true,
            data: { uid: 7, role: 'user' },
            renew: true,
          });
          const removed = await session(mode, [KEY_C]).read(sentBack(cookie));
          expect(failure(removed)).to.equal('protect_unknown_key');
        });

        it('enforces the cookie’s Max-Age from the issued-at time inside the value', async () => {
          let now = T0;
          const def = session(mode, [KEY_A], { maxAge: 3600, now: () => now });
          const cookie = await def.create({ uid: 7, role: 'user' });
          now = T0 + 3600_000;
          expect(await def.read(sentBack(cookie))).to.include({ success: true });
          now = T0 + 3601_000;
          expect(failure(await def.read(sentBack(cookie)))).to.equal('protect_expired');
        });

        it('validates the opened data with the schema again', async () => {
          const loose = defineCookie({
            name: 'session',
            codec: 'json',
            schema: z.object({ uid: z.number(), role: z.string() }),
            protect: { mode, keys: [KEY_A] },
          });
          const cookie = await loose.create({ uid: 1, role: 'root' });
          const result = await session(mode, [KEY_A]).read(sentBack(cookie));
          expect(result.success).to.equal(false);
          if (result.success) return;
          expect(result.error).to.be.instanceOf(CookieValidationError);
          expect(
            (result.error as CookieValidationError).issues.map((i) => [i.path.join('.'), i.code]),
          ).to.deep.equal([['value.role', 'invalid_type']]);
        });

        it('checks the 4096-byte budget after protection', async () => {
          const big = defineCookie({
            name: 'big',
            codec: 'string',
            schema: z.string(),
            protect: { mode, keys: [KEY_A] },
          });
          // 3050 characters fit unprotected (3 + 1 + 3050 bytes), not once protected.
          const error = await expectRejects(big.create('a'.repeat(3050)));
          expect(error).to.be.instanceOf(CookieValidationError);
          expect(
            (error as CookieValidationError).issues.map((i) => [i.path, i.code]),
          ).to.deep.equal([[['value'], 'name_value_too_long']]);
          expect((await big.create('a'.repeat(2900))).value.length).to.be.lessThan(4096);
        });
      });
    }

    it('keeps a sealed cookie’s data out of the Set-Cookie header', async () => {
      const cookie = await session('seal', [KEY_A]).create({ uid: 424242, role: 'admin' });
      const header = cookie.toString();
      expect(header).not.to.include('424242');
      expect(Buffer.from(cookie.value.slice(3), 'base64url').toString('latin1')).not.to.include(
        'admin',
      );
    });

    it('refuses a hole in protect.keys when the definition is made', () => {
      // biome-ignore lint/suspicious/noSparseArray: the hole is the point
      expectThrows(() => session('seal', [, KEY_A] as ProtectKey[]), 'key_type');
      // biome-ignore lint/suspicious/noSparseArray: the hole is the point
      expectThrows(() => session('sign', [KEY_A, , KEY_C] as ProtectKey[]), 'key_type');
    });

    describe('lifetime when the cookie has Expires and no Max-Age', () => {
      const expires = new Date(T0 + 30 * 86_400_000);
      const withExpires = (protect: { maxAge?: number; now?: () => number }) =>
        defineCookie({
          name: 'session',
          codec: 'json',
          schema,
          attributes: { ...attributes, expires },
          protect: { mode: 'seal', keys: [KEY_A], ...protect },
        });

      it('refuses the definition unless protect.maxAge gives the server-side lifetime', () => {
        expectThrows(() => withExpires({}), 'protect_options');
      });

      it('enforces protect.maxAge when it is given', async () => {
        let now = T0;
        const def = withExpires({ maxAge: 3600, now: () => now });
        const cookie = await def.create({ uid: 1, role: 'user' });
        expect(cookie.expires?.getTime()).to.equal(expires.getTime());
        now = T0 + 3600_000;
        expect(await def.read(sentBack(cookie))).to.include({ success: true });
        now = T0 + 3601_000;
        expect(failure(await def.read(sentBack(cookie)))).to.equal('protect_expired');
      });

      it('takes the Max-Age when both are set, as before', async () => {
        let now = T0;
        const def = defineCookie({
          name: 'session',
          codec: 'json',
          schema,
          attributes: { ...attributes, expires, maxAge: 60 },
          protect: { mode: 'sign', keys: [KEY_A], now: () => now },
        });
        const cookie = await def.create({ uid: 1, role: 'user' });
        now = T0 + 61_000;
        expect(failure(await def.read(sentBack(cookie)))).to.equal('protect_expired');
      });

      it('leaves a session cookie (neither attribute) without a limit unless protect.maxAge sets one', async () => {
        let now = T0;
        const def = session('seal', [KEY_A], { now: () => now });
        const cookie = await def.create({ uid: 1, role: 'user' });
        now = T0 + 10 * 365 * 86_400_000;
        expect(await def.read(sentBack(cookie))).to.include({ success: true });
      });
    });

    it('refuses a value issued in the future on read (protect_future)', async () => {
      const wire = forge('seal', KEY_A, 'session', T0 / 1000 + 3600, '{"uid":1,"role":"admin"}');
      const result = await session('seal', [KEY_A], { now: () => T0 }).read(`session=${wire}`);
      expect(failure(result)).to.equal('protect_future');
    });

    it('passes protect.clockSkew to the protector', async () => {
      const wire = forge('sign', KEY_A, 'session', T0 / 1000 + 120, '{"uid":1,"role":"user"}');
      const lax = defineCookie({
        name: 'session',
        codec: 'json',
        schema,
        attributes,
        protect: { mode: 'sign', keys: [KEY_A], now: () => T0, clockSkew: 120 },
      });
      expect(await lax.read(`session=${wire}`)).to.include({ success: true });
      expect(
        failure(await session('sign', [KEY_A], { now: () => T0 }).read(`session=${wire}`)),
      ).to.equal('protect_future');
    });

    it('refuses a short key when the definition is made', () => {
      expectThrows(() => session('sign', ['too short']), 'key_too_short');
      expectThrows(() => session('seal', [KEY_A, new Uint8Array(16)]), 'key_too_short');
    });

    it('refuses an encoding other than raw for a protected cookie', () => {
      expectThrows(
        () =>
          defineCookie({
            name: 'session',
            codec: 'json',
            schema,
            encoding: 'base64url',
            protect: { mode: 'sign', keys: [KEY_A] },
          }),
        'invalid_definition',
      );
    });

    it('refuses a protect option that is not an object', () => {
      expectThrows(
        () =>
          defineCookie({
            name: 'session',
            codec: 'json',
            schema,
            protect: 'sign' as unknown as { mode: 'sign'; keys: string[] },
          }),
        'invalid_definition',
      );
    });
  });

  describe('portability', () => {
    it('uses no Node-only API in src/typed/protect.ts and the files it imports', () => {
      for (const file of ['protect.ts', 'cookie-protector.ts', 'protect-format.ts']) {
        const source = readFileSync(new URL(`../src/typed/${file}`, import.meta.url), 'utf8')
          .split('\n')
          .filter((line) => !/^\s*(\*|\/\/|\/\*\*)/.test(line))
          .join('\n');
        expect(source, file).not.to.match(/from ['"]node:|require\(|\bBuffer\b|\bprocess\./);
      }
    });
  });
});
