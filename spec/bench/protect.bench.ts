// Protected cookie values: create (protect) and read (unprotect) in both modes, with the newest
// key and with a rotated (older) key; then the whole typed cookie (defineCookie create/read)
// protected and unprotected, for the cost of protection in context. Run on its own:
//   node --loader ts-node/esm --no-warnings spec/bench/protect.bench.ts
import { pathToFileURL } from 'node:url';
import { createProtector, defineCookie, type ProtectMode } from 'cookiesmith';
import { Bench } from 'tinybench';
import { z } from 'zod';

const NEW_KEY = 'benchmark key, newest: 0123456789abcdef0123456789';
const OLD_KEY = 'benchmark key, older: 0123456789abcdef0123456789';
const DATA = { uid: 42, role: 'editor', theme: 'dark', since: 1764633600 };
const VALUE = JSON.stringify(DATA);
const schema = z.object({
  uid: z.number(),
  role: z.string(),
  theme: z.string(),
  since: z.number(),
});
const attributes = { path: '/', secure: true, httpOnly: true, sameSite: 'Lax' } as const;

function typed(mode?: ProtectMode) {
  return defineCookie({
    name: 'session',
    codec: 'json',
    schema,
    attributes: { ...attributes, profile: 'rfc6265' },
    ...(mode === undefined ? {} : { protect: { mode, keys: [NEW_KEY, OLD_KEY] } }),
  });
}

/** The protect benchmark, ready to `run()`; `npm run bench` can import and run it. */
export async function protectBench(options: { time?: number } = {}): Promise<Bench> {
  const bench = new Bench({ name: 'protected cookie values', time: options.time ?? 500 });
  for (const mode of ['sign', 'seal'] as const satisfies readonly ProtectMode[]) {
    const protector = createProtector({ name: 'session', mode, keys: [NEW_KEY, OLD_KEY] });
    const older = createProtector({ name: 'session', mode, keys: [OLD_KEY] });
    const fresh = await protector.protect(VALUE);
    const rotated = await older.protect(VALUE);
    const at = fresh.length - 10;
    const tampered = `${fresh.slice(0, at)}${fresh[at] === 'A' ? 'B' : 'A'}${fresh.slice(at + 1)}`;
    // Derived keys are cached per protector; the first call above paid for them.
    bench
      .add(`${mode}: create`, async () => {
        await protector.protect(VALUE);
      })
      .add(`${mode}: read`, async () => {
        const result = await protector.unprotect(fresh);
        if (!result.success) throw result.error;
      })
      .add(`${mode}: read (older key, renew)`, async () => {
        const result = await protector.unprotect(rotated);
        if (!result.success || !result.renew) throw new Error('expected renew');
      })
      .add(`${mode}: read (tampered, refused)`, async () => {
        const result = await protector.unprotect(tampered);
        if (result.success) throw new Error('expected a refusal');
      });
  }
  for (const mode of [undefined, 'sign', 'seal'] as const) {
    const definition = typed(mode);
    const header = (await definition.create(DATA)).toString().split(';')[0]!;
    const label = mode ?? 'unprotected';
    bench
      .add(`defineCookie ${label}: create`, async () => {
        await definition.create(DATA);
      })
      .add(`defineCookie ${label}: read`, async () => {
        const result = await definition.read(header);
        if (!result.success) throw result.error;
      });
  }
  return bench;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const bench = await protectBench();
  await bench.run();
  console.log(bench.name);
  console.table(bench.table());
}
