// The benchmark suite: bundles every contender, checks that each answers every scenario as
// expected, then measures per-invocation time, cold start, bundle size and heap growth in one run
// under the Node that runs it, prints the tables and gatefold's targets, keeps the run's figures
// in results/node-<major>.json, and writes docs/benchmarks.md and docs/benchmarks.svg from every
// results file there (Node 24's first, as the primary figures, Node 22's beside them).
//
//   npm run bench                          build, install, run under Node 24 then Node 22
//   npm run bench:node24 (or bench:node22) build, install, run under one, page with both
//   node bench/run.mjs                     a full run under the node on PATH (22 or 24)
//   node bench/run.mjs --page-only         the page again from the stored results, no run
//   node bench/run.mjs --quick --out DIR   a tiny run (seconds): results, page and chart in DIR
//                                          (bench/out/quick without --out)
//   --results DIR                          read and write results files there instead
//
// Figures are printed and written, never asserted.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { version as esbuildVersion } from 'esbuild';
import { bundleAll } from './lib/bundle.mjs';
import { chart } from './lib/chart.mjs';
import { coldStarts } from './lib/cold-start.mjs';
import { CONTENDERS, TIMED, packageVersions } from './lib/contenders.mjs';
import { invocationFigures, targets } from './lib/figures.mjs';
import { machine } from './lib/machine.mjs';
import { nodeLabel, page, runTables } from './lib/page.mjs';
import { readResults, resultsJson } from './lib/results.mjs';
import { SCENARIOS } from './lib/scenarios.mjs';
import { terminalTable } from './lib/tables.mjs';
import { startWorker } from './lib/workers.mjs';

const BENCH = import.meta.dirname;
/** The Node versions Lambda runs that the bench reports; a full run under another is refused. */
const NODE_VERSIONS = [24, 22];

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'page-only': { type: 'boolean', default: false },
    // Where the page and chart go: docs/, or bench/out/quick for a quick run.
    out: { type: 'string' },
    // Where the results files are: bench/results, or beside the page for a quick run, which never
    // touches the committed ones.
    results: { type: 'string' },
  },
});
const outDir = path.resolve(
  flags.out ?? (flags.quick ? path.join(BENCH, 'out', 'quick') : path.join(BENCH, '..', 'docs')),
);
const resultsDir = path.resolve(
  flags.results ?? (flags.quick ? path.join(outDir, 'results') : path.join(BENCH, 'results')),
);

const log = (line) => process.stderr.write(`${line}\n`);

/** docs/benchmarks.md and .svg from every results file in `resultsDir`. */
function writePage() {
  const runs = readResults(resultsDir, NODE_VERSIONS[0]);
  if (runs.length === 0) throw new Error(`No results in ${resultsDir}: run the bench first.`);
  const goals = runs.map((run) => targets(CONTENDERS, SCENARIOS, run));
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'benchmarks.md'), page(runs, goals, CONTENDERS, SCENARIOS));
  writeFileSync(path.join(outDir, 'benchmarks.svg'), chart(runs[0], CONTENDERS, SCENARIOS));
  log(
    `\nWrote ${path.join(outDir, 'benchmarks.md')} and benchmarks.svg from ` +
      `${runs.map(nodeLabel).join(' and ')}`,
  );
}

if (flags['page-only']) {
  writePage();
  process.exit(0);
}

const nodeMajor = Number(process.versions.node.split('.')[0]);
if (!flags.quick && !NODE_VERSIONS.includes(nodeMajor)) {
  log(
    `The bench reports Node ${NODE_VERSIONS.join(' and ')}; this is Node ${process.versions.node}. ` +
      'Run it through scripts/with-node (npm run bench:node24 or bench:node22).',
  );
  process.exit(2);
}

const settings = flags.quick
  ? {
      quick: true,
      warmUpRounds: 10,
      cpuTimeMs: 1,
      minSamples: 5,
      rounds: 1,
      coldStartProcesses: 1,
      heapInvocations: 100,
      freshHeapProcess: false,
    }
  : {
      quick: false,
      warmUpRounds: 2_000,
      cpuTimeMs: 80,
      minSamples: 50,
      rounds: 5,
      coldStartProcesses: 21,
      heapInvocations: 100_000,
      freshHeapProcess: true,
    };

const scratch = path.join(BENCH, 'out');
const info = machine();

log(`Node ${process.versions.node}. Bundling the contenders…`);
const bundles = await bundleAll(CONTENDERS, scratch, { esbuildDefaults: true });

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

/** What the page needs of this run: no samples, no paths of this machine. */
const run = {
  node: { major: nodeMajor, version: process.version, v8: process.versions.v8 },
  machine: info,
  esbuildVersion,
  versions: packageVersions(),
  settings,
  invocation: invocationFigures(timing),
  coldStart,
  bundles: Object.fromEntries(
    Object.entries(bundles).map(([id, bundle]) => [
      id,
      {
        bytes: bundle.bytes,
        gzipBytes: bundle.gzipBytes,
        esbuildDefaults: bundle.esbuildDefaults,
        contents: bundle.contents,
      },
    ]),
  ),
  heap,
};

const all = runTables(run, CONTENDERS, SCENARIOS);
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
console.log(`\ngatefold targets, ${nodeLabel(run)}`);
for (const { target, met, detail } of targets(CONTENDERS, SCENARIOS, run)) {
  console.log(`  ${met ? 'met   ' : 'missed'}  ${target}: ${detail}`);
}

// Every raw figure, for a closer look than the results file gives.
writeFileSync(path.join(scratch, 'results.json'), JSON.stringify({ ...run, timing }, null, 2));
mkdirSync(resultsDir, { recursive: true });
const resultsFile = path.join(resultsDir, `node-${nodeMajor}.json`);
writeFileSync(resultsFile, resultsJson(run));
log(`\nWrote ${resultsFile}`);
writePage();
