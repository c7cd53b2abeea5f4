// `npm run bench`: every workload for cookiesmith and its peers in one process, interleaved
// round by round; prints throughput ratios (ours ÷ peer, median and range over the rounds)
// and writes them to docs/benchmarks.md with the machine, Node version and date.
//   ROUNDS=5 TIME_MS=150 npm run bench      (defaults shown)
//   WORKLOADS=1,2 npm run bench             (only these workloads; prints, writes no report)
// Every workload takes the next cookie of a pool of distinct ones, as a server sees them, so
// no call can reuse the work of the one before.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { RequestCookies, ResponseCookies } from '@edge-runtime/cookies';
import { parseCookie, parseSetCookie, stringifySetCookie } from 'cookie';
import { Cookie, CookieJarResponse, parseCookieHeader } from 'cookiesmith';
import { parse as honoParse, serialize as honoSerialize } from 'hono/utils/cookie';
import setCookieParser from 'set-cookie-parser';
import { Bench } from 'tinybench';
import { Cookie as ToughCookie } from 'tough-cookie';
import { POOL, type PoolCookie, peerOptionsOf } from './pool.js';
import { protectBench } from './protect.bench.js';

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const TIME_MS = Number(process.env.TIME_MS ?? 150);
const BATCH = 50; // operations per timed call, so the timer's resolution does not dominate
const ONLY = process.env.WORKLOADS?.split(',').map((id) => id.trim());
const selected = (id: string) => ONLY === undefined || ONLY.includes(id);

const SIZE = POOL.length;
const configs = POOL.map((c) => c.config);
const peers = POOL.map(peerOptionsOf);
const built = configs.map((c) => Cookie.from(c));
for (const c of built) c.toString();
const headers = built.map((c) => c.toString());
const peerHeaders = peers.map((p) => stringifySetCookie(p));
// Request Cookie headers of 10 pairs, each header different
const requestHeaders = Array.from({ length: SIZE }, (_, n) =>
  Array.from({ length: 10 }, (_, i) => `k${i}=v${n}x${i}${'abcdef'.slice(0, (n + i) % 6)}`).join(
    '; ',
  ),
);
// Jars of 10 distinct built cookies, and their peers' options
const jarSets = Array.from({ length: SIZE }, (_, n) =>
  Array.from({ length: 10 }, (_, i) => built[(n + i * 7) % SIZE] as Cookie),
);
const peerJarSets = Array.from({ length: SIZE }, (_, n) =>
  Array.from(
    { length: 10 },
    (_, i) => peers[(n + i * 7) % SIZE] as ReturnType<typeof peerOptionsOf>,
  ),
);
const bigJar = Array.from({ length: 200 }, (_, i) =>
  Cookie.from({ ...(configs[i % SIZE] as PoolCookie['config']), name: `c${i}` }),
);

let turn = 0;
/** The index of the next cookie of the pool. */
const next = () => (turn = (turn + 1) % SIZE);

const sinks: unknown[] = [];
// A separate loop function per task keeps each call site monomorphic, so every task is
// optimised on its own and no task pays for another's shape.
const batch = (fn: () => unknown): (() => void) =>
  new Function(
    'fn',
    'sinks',
    `return function batch() { let s; for (let i = 0; i < ${BATCH}; i++) s = fn(); sinks[0] = s; };`,
  )(fn, sinks) as () => void;

interface Workload {
  readonly id: string;
  readonly title: string;
  readonly ours: () => unknown;
  readonly peers: Readonly<Record<string, () => unknown>>;
  /** The peer the target is stated against, and the minimum ratio. */
  readonly target?: { readonly peer: string; readonly min: number };
}

const serializePeers = {
  'cookie stringifySetCookie': () => stringifySetCookie(peers[next()] as never),
  'hono serialize': () => {
    const p = peers[next()] as ReturnType<typeof peerOptionsOf>;
    return honoSerialize(p.name, p.value, p as never);
  },
  'tough-cookie toString': () => {
    const p = peers[next()] as ReturnType<typeof peerOptionsOf>;
    return new ToughCookie({ ...p, key: p.name } as never).toString();
  },
  '@edge-runtime ResponseCookies': () => {
    const p = peers[next()] as ReturnType<typeof peerOptionsOf>;
    return new ResponseCookies(new Headers()).set(p.name, p.value, p as never);
  },
};

const workloads: Workload[] = [
  {
    id: '1',
    title: 'builder chain + build() + toString()',
    ours: () => {
      const c = configs[next()] as PoolCookie['config'];
      let b = Cookie.builder(c.name, c.value).domain(c.domain).path(c.path).secure().httpOnly();
      b = c.maxAge === undefined ? b.expires(c.expires as Date) : b.maxAge(c.maxAge);
      return b.build().toString();
    },
    peers: serializePeers,
    target: { peer: 'cookie stringifySetCookie', min: 0.8 },
  },
  {
    id: '2',
    title: 'Cookie.from(config) + toString()',
    ours: () => Cookie.from(configs[next()] as never).toString(),
    peers: serializePeers,
    target: { peer: 'cookie stringifySetCookie', min: 1 },
  },
  {
    id: '3',
    title: 'toString() of a built cookie',
    ours: () => (built[next()] as Cookie).toString(),
    peers: serializePeers,
    target: { peer: 'cookie stringifySetCookie', min: 10 },
  },
  {
    id: '4',
    title: 'Cookie.parse(header) (validated)',
    ours: () => Cookie.parse(headers[next()] as string),
    peers: {
      'cookie parseSetCookie': () => parseSetCookie(peerHeaders[next()] as string),
      'tough-cookie Cookie.parse': () => ToughCookie.parse(peerHeaders[next()] as string),
      'set-cookie-parser parseString': () =>
        setCookieParser.parseString(peerHeaders[next()] as string),
    },
    target: { peer: 'cookie parseSetCookie', min: 1 },
  },
  {
    id: '5',
    title: 'parseCookieHeader (10 pairs) + get one',
    ours: () => parseCookieHeader(requestHeaders[next()] as string).get('k7'),
    peers: {
      'cookie parseCookie': () => parseCookie(requestHeaders[next()] as string).k7,
      'hono parse': () => honoParse(requestHeaders[next()] as string).k7,
      '@edge-runtime RequestCookies': () =>
        new RequestCookies(new Headers({ cookie: requestHeaders[next()] as string })).get('k7'),
    },
    target: { peer: 'cookie parseCookie', min: 2 },
  },
  {
    id: '6',
    title: 'jar of 10 distinct built cookies → setCookieHeaders()',
    ours: () => {
      let jar = new CookieJarResponse();
      for (const c of jarSets[next()] as Cookie[]) jar = jar.add(c);
      return jar.setCookieHeaders();
    },
    peers: {
      'cookie stringifySetCookie ×10': () =>
        (peerJarSets[next()] as ReturnType<typeof peerOptionsOf>[]).map((p) =>
          stringifySetCookie(p as never),
        ),
      '@edge-runtime ResponseCookies ×10': () => {
        const jar = new ResponseCookies(new Headers());
        for (const p of peerJarSets[next()] as ReturnType<typeof peerOptionsOf>[]) {
          jar.set(p.name, p.value, p as never);
        }
        return jar.toString();
      },
    },
    target: { peer: 'cookie stringifySetCookie ×10', min: 1.5 },
  },
  {
    id: '7',
    title: 'jar of 200 built cookies (a large response) → headers()',
    ours: () => {
      let jar = new CookieJarResponse();
      for (const c of bigJar) jar = jar.add(c);
      return jar.headers();
    },
    peers: {
      'cookie stringifySetCookie ×200': () =>
        bigJar.map((_, i) => stringifySetCookie(peers[i % SIZE] as never)),
    },
  },
];

interface Row {
  readonly workload: Workload;
  readonly peer: string;
  readonly ratios: number[];
  readonly oursHz: number[];
  readonly peerHz: number[];
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const hz = (bench: Bench, name: string) => {
  const result = bench.getTask(name)?.result;
  if (result === undefined || !('period' in result)) throw new Error(`task ${name} did not run`);
  return (BATCH * 1000) / result.period;
};

async function main(): Promise<void> {
  const chosen = workloads.filter((workload) => selected(workload.id));
  const rows: Row[] = chosen.flatMap((workload) =>
    Object.keys(workload.peers).map((peer) => ({
      workload,
      peer,
      ratios: [],
      oursHz: [],
      peerHz: [],
    })),
  );
  for (let round = 1; round <= ROUNDS; round++) {
    for (const workload of chosen) {
      const bench = new Bench({ time: TIME_MS, warmupTime: 50, throws: true });
      bench.add('ours', batch(workload.ours));
      for (const [peer, fn] of Object.entries(workload.peers)) bench.add(peer, batch(fn));
      await bench.run();
      const ours = hz(bench, 'ours');
      for (const row of rows.filter((r) => r.workload === workload)) {
        const peer = hz(bench, row.peer);
        row.ratios.push(ours / peer);
        row.oursHz.push(ours);
        row.peerHz.push(peer);
      }
    }
    process.stderr.write(`round ${round}/${ROUNDS} done\n`);
  }
  if (sinks[0] === Symbol.for('never')) console.log(sinks);

  const lines: string[] = [];
  lines.push('| # | workload | peer | ours ops/s | peer ops/s | ratio (median) | range | target |');
  lines.push('|---|---|---|---:|---:|---:|---|---|');
  for (const row of rows) {
    const ratio = median(row.ratios);
    const target = row.workload.target;
    const verdict =
      target?.peer === row.peer
        ? `≥ ${target.min}× — ${ratio >= target.min ? '**met**' : '**not met**'}`
        : '';
    lines.push(
      `| ${row.workload.id} | ${row.workload.title} | ${row.peer} | ${fmt(median(row.oursHz))} | ${fmt(median(row.peerHz))} | ${fmt(ratio)}× | ${fmt(Math.min(...row.ratios))}–${fmt(Math.max(...row.ratios))} | ${verdict} |`,
    );
  }
  if (ONLY !== undefined && !selected('8')) {
    // A partial run is for looking, not for the record.
    console.log(lines.join('\n'));
    return;
  }
  const memory = measureMemory();
  if (ONLY !== undefined) {
    console.log(lines.join('\n'));
    console.log(`8: ${memory.toFixed(0)} bytes per cookie`);
    return;
  }
  lines.push(
    `| 8 | retained heap per built cookie (100,000 cookies of the pool, header included) | — | — | — | ${memory.toFixed(0)} bytes | — | ≤ 400 — ${memory <= 400 ? '**met**' : '**not met**'} |`,
  );
  const table = lines.join('\n');
  console.log(table);
  const protect = await protectTable();
  console.log(protect);
  writeReport(table, protect);
}

/** Retained heap per cookie, measured in a child process with --expose-gc. */
function measureMemory(): number {
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', '--loader', 'ts-node/esm', '--no-warnings', 'spec/bench/memory.ts'],
    { encoding: 'utf8' },
  );
  return Number(out.trim().split('\n').pop());
}

/** Protected values: µs per operation; no JavaScript peer signs and seals this way. */
async function protectTable(): Promise<string> {
  const bench = await protectBench({ time: TIME_MS * 2 });
  await bench.run();
  const lines = [
    '| protected value (defineCookie protect) | µs per operation (mean) |',
    '|---|---:|',
  ];
  for (const task of bench.tasks) {
    const result = task.result;
    if (!('period' in result)) throw new Error(`task ${task.name} did not run`);
    lines.push(`| ${task.name} | ${(result.period * 1000).toFixed(1)} |`);
  }
  return lines.join('\n');
}

/** The bundle-size section `npm run size` keeps in the report, carried over unchanged. */
function sizeSection(): string {
  const current = readFileSync('docs/benchmarks.md', 'utf8');
  const at = current.indexOf('## Bundle size');
  return at === -1 ? '## Bundle size\n\nRun `npm run size`.\n' : current.slice(at);
}

function writeReport(table: string, protect: string): void {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const text = `# Benchmarks

Generated by \`npm run bench\` (spec/bench/run.ts) — do not edit by hand; rerun it. The bundle
sizes at the end are written by \`npm run size\`.

- Date: ${new Date().toISOString()}
- Machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}
- Node ${process.version}; ${ROUNDS} rounds of ${TIME_MS} ms per task, ${BATCH} operations per timed call
- Ratio = cookiesmith ops/s ÷ peer ops/s in the same round (> 1 means cookiesmith is faster);
  the median over the rounds is shown with the range.

Every workload takes the next cookie of a pool of ${SIZE} distinct ones (spec/bench/pool.ts),
as a server sees them: they differ in name, value, Domain, Path and lifetime (Max-Age for
three in four, Expires for the rest), so no call can reuse the work of the call before, and
the library keeps no memory of previous calls to reuse anyway. Each is a session-like cookie:
name, value, Domain, Path, a lifetime, Secure, HttpOnly, under the default profile (which
writes \`Version=1\` and a \`.domain\`). The peers get the same cookies. cookiesmith validates
every rule of docs/attributes.md on the way (the peers check far less) and builds an
immutable value object; a built cookie keeps its header, so \`toString()\` is a field read.

${table}

Targets (issue 14): ratios against the \`cookie\` package as stated in the last column.

## Protected values

Web Crypto (HKDF-derived keys cached per definition; HMAC-SHA256 or AES-256-GCM per call).

${protect}

## Notes

${NOTES}

${sizeSection()}`;
  writeFileSync('docs/benchmarks.md', text);
}

const NOTES = readFileSync(new URL('./notes.md', import.meta.url), 'utf8').trim();

await main();
