// Prints the retained heap per built cookie in bytes, header included (run with --expose-gc;
// used by run.ts). The cookies are those of the benchmark pool, each with a value of its own.
import { Cookie } from 'cookiesmith';
import { POOL } from './pool.js';

const COUNT = 100_000;
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');
const values = Array.from(
  { length: COUNT },
  (_, i) => `f3a9c2e17b4d${i.toString(16).padStart(8, '0')}`,
);
const cookies: (Cookie | null)[] = new Array(COUNT).fill(null);
for (let i = 0; i < 2000; i++)
  Cookie.from({ ...POOL[i % POOL.length]?.config, value: `w${i}` } as never).toString();
for (let i = 0; i < COUNT; i++) {
  const cookie = Cookie.from({ ...POOL[i % POOL.length]?.config, value: values[i] } as never);
  cookie.toString();
  cookies[i] = cookie;
}
gc();
gc();
const live = process.memoryUsage().heapUsed;
if (cookies[COUNT - 1]?.toString().length === 0) throw new Error('lost');
// What the cookies alone hold: the heap with them, less the heap once they are released (the
// values, which the caller owns, stay in both).
cookies.fill(null);
gc();
gc();
const without = process.memoryUsage().heapUsed;
console.log(((live - without) / COUNT).toFixed(1));
