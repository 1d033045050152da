// The benchmark suite: bundles every contender, checks that each answers every scenario as
// expected, then measures per-invocation time, cold start, bundle size and heap growth in one run,
// prints the tables and writes docs/benchmarks.md and docs/benchmarks.svg.
//
//   npm run bench                      the full run (a few minutes), pages written to docs/
//   node bench/run.mjs --quick --out DIR   a tiny run (seconds), pages written to DIR
//
// Figures are printed and written, never asserted.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { version as esbuildVersion } from 'esbuild';
import { bundleAll } from './lib/bundle.mjs';
import { chart } from './lib/chart.mjs';
import { coldStarts } from './lib/cold-start.mjs';
import { CONTENDERS, TIMED } from './lib/contenders.mjs';
import { invocationFigures, targets } from './lib/figures.mjs';
import { machine } from './lib/machine.mjs';
import { page, tables } from './lib/page.mjs';
import { SCENARIOS } from './lib/scenarios.mjs';
import { terminalTable } from './lib/tables.mjs';
import { startWorker } from './lib/workers.mjs';

const BENCH = import.meta.dirname;

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    out: { type: 'string', default: path.resolve(BENCH, '..', 'docs') },
  },
});

const settings = flags.quick
  ? {
      warmUpRounds: 10,
      cpuTimeMs: 1,
      minSamples: 5,
      rounds: 1,
      coldStartProcesses: 1,
      heapInvocations: 100,
      freshHeapProcess: false,
    }
  : {
      warmUpRounds: 2_000,
      cpuTimeMs: 80,
      minSamples: 50,
      rounds: 5,
      coldStartProcesses: 21,
      heapInvocations: 100_000,
      freshHeapProcess: true,
    };

const log = (line) => process.stderr.write(`${line}\n`);
const scratch = path.join(BENCH, 'out');
const info = machine();

log('Bundling the contenders…');
const bundles = await bundleAll(CONTENDERS, scratch);

log('Checking every answer, warming up…');
const workers = Object.fromEntries(TIMED.map(({ id }) => [id, startWorker(id, bundles[id].file)]));
try {
  for (const { id } of TIMED) await workers[id].call('warmUp', settings.warmUpRounds);
} catch (error) {
  for (const worker of Object.values(workers)) worker.stop();
  throw error;
}

log('Timing each invocation…');
const timing = Object.fromEntries(
  SCENARIOS.map(({ id }) => [id, Object.fromEntries(TIMED.map((c) => [c.id, []]))]),
);
for (let round = 0; round < settings.rounds; round++) {
  for (const scenario of SCENARIOS) {
    // The contenders take turns, starting one further along each round.
    for (let turn = 0; turn < TIMED.length; turn++) {
      const { id } = TIMED[(turn + round) % TIMED.length];
      timing[scenario.id][id].push(
        await workers[id].call('time', scenario.id, settings.cpuTimeMs, settings.minSamples),
      );
    }
  }
  log(`  round ${round + 1} of ${settings.rounds} done`);
}

log('Counting heap growth…');
const heap = {};
for (const { id } of TIMED) {
  // A fresh process, so that what timing left behind is not counted; a quick run reuses one.
  if (settings.freshHeapProcess) {
    workers[id].stop();
    workers[id] = startWorker(id, bundles[id].file);
    await workers[id].call('warmUp', 200);
  }
  heap[id] = await workers[id].call('heapGrowth', settings.heapInvocations);
  workers[id].stop();
}

log('Cold starts…');
const coldStart = coldStarts(
  CONTENDERS,
  bundles,
  SCENARIOS.find(({ id }) => id === 'http/get-found'),
  settings.coldStartProcesses,
  scratch,
);

const run = {
  contenders: CONTENDERS,
  scenarios: SCENARIOS,
  invocation: invocationFigures(timing),
  coldStart,
  bundles,
  heap,
  settings,
  machine: info,
  esbuildVersion,
};
const goals = targets(CONTENDERS, SCENARIOS, run.invocation, coldStart, bundles);

const all = tables(run);
const sections = [
  ['Per invocation, median (ns, multiple of the floor)', all.median],
  ['Per invocation, p99 (ns, multiple of the floor)', all.p99],
  ['Cold start', all.coldStart],
  ['Bundle', all.bundle],
  ['Heap growth', all.heap],
];
for (const [title, { columns, rows }] of sections) {
  console.log(`\n${title}\n\n${terminalTable(columns, rows)}`);
}
console.log('\ngatefold targets');
for (const { target, met, misses } of goals) {
  console.log(`  ${met ? 'met   ' : 'missed'}  ${target}${met ? '' : `: ${misses.join('; ')}`}`);
}

// Every raw figure, for a closer look than the tables give.
writeFileSync(path.join(scratch, 'results.json'), JSON.stringify({ ...run, timing }, null, 2));
mkdirSync(flags.out, { recursive: true });
writeFileSync(path.join(flags.out, 'benchmarks.md'), page(run, goals));
writeFileSync(path.join(flags.out, 'benchmarks.svg'), chart(run));
log(`\nWrote ${path.join(flags.out, 'benchmarks.md')} and benchmarks.svg`);
