// Prints the retained heap per built cookie in bytes (run with --expose-gc; used by run.ts).
import { Cookie } from '../../src/index.js';

const COUNT = 100_000;
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');
const cookies: Cookie[] = new Array(COUNT).fill(null);
for (let i = 0; i < 1000; i++) Cookie.from({ name: 'warm', value: `w${i}` }).toString();
gc();
gc();
const before = process.memoryUsage().heapUsed;
for (let i = 0; i < COUNT; i++) {
  cookies[i] = Cookie.from({
    name: 'sid',
    value: `f3a9c2e17b4d${i.toString(16).padStart(8, '0')}`,
    domain: '.example.com',
    path: '/',
    maxAge: 3600,
    secure: true,
    httpOnly: true,
  });
}
gc();
gc();
const after = process.memoryUsage().heapUsed;
if (cookies.length !== COUNT || cookies[COUNT - 1]?.toString().length === 0)
  throw new Error('lost');
console.log(((after - before) / COUNT).toFixed(1));
