/**
 * `npm run load`: the HTTP load run, then the in-process soak (`soak.ts`, in a fresh process so
 * neither run's heap holds the other's garbage). Prints the figures and exits 1 when a response
 * was wrong or missing, or a heap drifted more than the limit.
 *
 * Settings (environment): `LOAD_DURATION` seconds of measured load (default 30), `LOAD_WARMUP`
 * seconds before it (default 5), `LOAD_CONNECTIONS` (default 10); `SOAK_INVOCATIONS` and
 * `SOAK_WARMUP` for the soak (see `soak.ts`). Traffic goes to 127.0.0.1 only.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { HEAP_DRIFT_LIMIT, HEAP_DRIFT_LIMIT_TEXT } from './criteria.js';
import { mebibytes, percent } from './heap.js';
import { runHttpLoad } from './http-load.js';
import { positiveInteger } from './settings.js';

const durationSeconds = positiveInteger('LOAD_DURATION', 30);
const warmupSeconds = positiveInteger('LOAD_WARMUP', 5);
const connections = positiveInteger('LOAD_CONNECTIONS', 10);

// One sample a second; more often on a short run, so it still has thirds to compare.
const sampleEveryMs = Math.min(1000, durationSeconds * 100);
const figures = await runHttpLoad({ warmupSeconds, durationSeconds, connections, sampleEveryMs });
const { result, tally, heap } = figures;
const unchecked = result.requests.total - tally.total;
const failed = result.errors + result.timeouts + tally.totalWrong + Math.abs(unchecked);
const statuses = Object.entries(result.statusCodeStats)
  .map(([status, { count }]) => `${status}: ${count.toLocaleString('en')}`)
  .join(', ');

console.log(
  `HTTP load: serve() + the example shop API on 127.0.0.1, autocannon, ${connections} connections`,
);
console.log(
  `  ${result.duration} s (${warmupSeconds} s warm-up), ${result.requests.total.toLocaleString('en')} responses, ${Math.round(result.requests.average).toLocaleString('en')} req/s on average`,
);
console.log(
  `  latency: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
);
console.log(`  statuses: ${statuses}`);
for (const [name, count] of tally.answered)
  console.log(`    ${name}: ${count.toLocaleString('en')}, wrong ${tally.wrong.get(name) ?? 0}`);
console.log(
  `  failed: ${failed} (connection errors ${result.errors}, timeouts ${result.timeouts}, wrong responses ${tally.totalWrong}, unchecked ${unchecked})`,
);
for (const example of tally.examples) console.log(`    ${example}`);
console.log(
  `  server heap after GC (${heap.samples} samples, every ${sampleEveryMs} ms): first third ${mebibytes(heap.firstThirdBytes)}, last third ${mebibytes(heap.lastThirdBytes)}, change ${percent(heap.change)} (limit ${HEAP_DRIFT_LIMIT_TEXT})`,
);
console.log(
  `  server log lines (4xx answers, dropped): ${figures.serverLogLines.toLocaleString('en')}`,
);
const loadPassed = failed === 0 && Math.abs(heap.change) <= HEAP_DRIFT_LIMIT;
console.log(`  load: ${loadPassed ? 'PASS' : 'FAIL'}\n`);

const soak = fork(fileURLToPath(new URL('./soak.ts', import.meta.url)), [], {
  execArgv: ['--import', 'tsx', '--expose-gc'],
  stdio: 'inherit',
});
const soakCode = await new Promise<number | null>((resolve) => soak.once('exit', resolve));

process.exitCode = loadPassed && soakCode === 0 ? 0 : 1;
