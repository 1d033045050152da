// docs/benchmarks.md, written whole by the bench from the results of one run per Node version
// (bench/results/node-<major>.json): Node 24's figures first, as the primary ones, and Node 22's
// beside them. Edit this file (or the bench), never the page.
/* eslint-disable @typescript-eslint/explicit-module-boundary-types -- plain JavaScript, nothing to annotate */
import { LIMITS, geomeanToFloor, kb, kib, ms, ns, ratio, times } from './figures.mjs';
import { markdownTable } from './tables.mjs';

const CONTENDER_NOTES = {
  floor:
    'no library: `JSON.parse`, hand-written shape checks and rules, the proxy result built by hand.',
  gatefold:
    '`toLambda(router({ errors }))`: io-ts codecs per part through `endpoint`, the three rules as ' +
    '`field`/`rule` validators under `all`, `UserNotFound` as a `TaggedError` answered by an `errorMap`.',
  middy:
    '`@middy/core` 7 with `@middy/http-router` (one middy handler per route), `http-json-body-parser` and ' +
    '`@middy/validator` (JSON Schema through Ajv, `allErrors`) on the POST route, `http-error-handler` ' +
    'outermost, and two small middlewares of the application: errors to JSON:API, and the request id ' +
    'header. The schema is transpiled at build time into Ajv standalone code, with the Ajv set-up of ' +
    '`@middy/validator/transpile`, as Middy recommends for production.',
  'middy-runtime':
    'the same Middy application with the schema compiled by `transpileSchema` when the module loads, ' +
    "as the validator's documentation shows first. Bundled and cold-started only: once loaded it runs " +
    'the same code as the row above.',
  powertools:
    '`Router` from `@aws-lambda-powertools/event-handler/http`: `validation: { req: { body } }` with a ' +
    'zod schema (Standard Schema), `errorHandler` for `RequestValidationError` and for the domain error, ' +
    '`notFound`, a middleware for the request id header.',
  hono:
    '`new Hono()` served by `handle` from `hono/aws-lambda`, `zValidator` from `@hono/zod-validator` ' +
    'with a hook that answers the issues, `onError` for the domain error, `notFound`, a middleware for ' +
    'the request id header.',
};

/** Short names for the columns that compare gatefold with each contender. */
const SHORT = { floor: 'floor' };

/** `Node 24`. */
export const nodeLabel = (run) => `Node ${run.node.major}`;

/** A cell for a figure a run does not have (a contender it did not measure). */
const MISSING = '–';

/** The largest packages of a bundle by name and size; the rest counted together. */
function contentsSummary(contents, shown = 5) {
  const named = contents.slice(0, shown).map(({ name, bytes }) => `${name} ${kb(bytes)}`);
  const rest = contents.slice(shown);
  if (rest.length > 0) {
    const bytes = rest.reduce((sum, entry) => sum + entry.bytes, 0);
    named.push(`${rest.length} more ${kb(bytes)}`);
  }
  return named.join(', ');
}

function invocationTable(contenders, scenarios, invocation, figure) {
  const columns = [
    { title: 'scenario' },
    { title: 'API' },
    ...contenders.map(({ label }) => ({ title: label, align: 'right' })),
  ];
  const rows = scenarios.map((scenario) => {
    const figures = invocation[scenario.id];
    return [
      scenario.label,
      scenario.kind === 'rest' ? 'REST (v1)' : 'HTTP (v2)',
      ...contenders.map(({ id }) =>
        id === 'floor'
          ? ns(figures[id][figure])
          : `${ns(figures[id][figure])} (${ratio(figures[id][figure], figures.floor[figure])})`,
      ),
    ];
  });
  return { columns, rows };
}

/** The tables of one run, shared by the terminal and the page (for the primary run). */
export function runTables(run, contenders, scenarios) {
  const { invocation, coldStart, bundles, heap, settings } = run;
  const timed = contenders.filter((contender) => contender.timed);
  return {
    median: invocationTable(timed, scenarios, invocation, 'p50'),
    p99: invocationTable(timed, scenarios, invocation, 'p99'),
    coldStart: {
      columns: [
        { title: 'contender' },
        { title: 'import (ms)', align: 'right' },
        { title: 'first event (ms)', align: 'right' },
        { title: 'import + first event (ms)', align: 'right' },
        { title: 'first response from process start (ms)', align: 'right' },
        { title: 'vs floor', align: 'right' },
      ],
      rows: contenders.map(({ id, label }) => [
        label,
        ms(coldStart[id].importMs),
        ms(coldStart[id].firstEventMs),
        ms(coldStart[id].totalMs),
        ms(coldStart[id].fromProcessStartMs),
        ratio(coldStart[id].fromProcessStartMs, coldStart.floor.fromProcessStartMs),
      ]),
    },
    bundle: {
      columns: [
        { title: 'contender' },
        { title: 'minified (KB)', align: 'right' },
        { title: 'gzip, ES modules first (KB)', align: 'right' },
        { title: "gzip, esbuild's defaults (KB)", align: 'right' },
        { title: 'what it contains, ES modules first (minified KB)' },
      ],
      rows: contenders.map(({ id, label }) => [
        label,
        kb(bundles[id].bytes),
        kb(bundles[id].gzipBytes),
        kb(bundles[id].esbuildDefaults.gzipBytes),
        contentsSummary(bundles[id].contents),
      ]),
    },
    heap: {
      columns: [
        { title: 'contender' },
        { title: 'heap before (KiB)', align: 'right' },
        { title: 'heap after (KiB)', align: 'right' },
        {
          title: `growth over ${settings.heapInvocations.toLocaleString('en-US')} (KiB)`,
          align: 'right',
        },
      ],
      rows: timed.map(({ id, label }) => [
        label,
        kib(heap[id].before),
        kib(heap[id].after),
        kib(heap[id].growth),
      ]),
    },
  };
}

/** Per contender and Node version: geomean to the floor, first response, heap growth. */
function summaryTable(runs, contenders, scenarios) {
  const columns = [
    { title: 'contender' },
    ...runs.flatMap((run) => [
      { title: `per invocation, geomean × floor, ${nodeLabel(run)}`, align: 'right' },
      { title: `first response (ms, × floor), ${nodeLabel(run)}`, align: 'right' },
      { title: `heap growth (KiB), ${nodeLabel(run)}`, align: 'right' },
    ]),
  ];
  const rows = contenders.map(({ id, label, timed }) => [
    label,
    ...runs.flatMap(({ invocation, coldStart, heap }) => {
      const start = coldStart[id];
      return [
        timed && id !== 'floor' ? times(geomeanToFloor(invocation, scenarios, id), 2) : MISSING,
        start === undefined
          ? MISSING
          : `${ms(start.fromProcessStartMs)} (${ratio(start.fromProcessStartMs, coldStart.floor.fromProcessStartMs)})`,
        timed && heap[id] !== undefined ? kib(heap[id].growth) : MISSING,
      ];
    }),
  ]);
  return { columns, rows };
}

/** Per scenario, gatefold's median over each other contender's, per Node version. */
function ratioTable(runs, contenders, scenarios) {
  const others = contenders.filter(({ id, timed }) => timed && id !== 'gatefold');
  const columns = [
    { title: 'scenario' },
    { title: 'API' },
    ...others.flatMap(({ id, label }) =>
      runs.map((run) => ({
        title: `÷ ${SHORT[id] ?? label}, ${run.node.major}`,
        align: 'right',
      })),
    ),
  ];
  const rows = scenarios.map((scenario) => [
    scenario.label,
    scenario.kind === 'rest' ? 'REST (v1)' : 'HTTP (v2)',
    ...others.flatMap(({ id }) =>
      runs.map(({ invocation }) => {
        const figures = invocation[scenario.id];
        return figures[id] === undefined
          ? MISSING
          : (figures.gatefold.p50 / figures[id].p50).toFixed(2);
      }),
    ),
  ]);
  return { columns, rows };
}

/** First response from process start per Node version, beside the primary run's cold start. */
function otherStartsTable(runs, contenders) {
  const columns = [
    { title: 'contender' },
    ...runs.flatMap((run) => [
      { title: `first response from process start (ms), ${nodeLabel(run)}`, align: 'right' },
      { title: `vs floor, ${nodeLabel(run)}`, align: 'right' },
      { title: `import + first event (ms), ${nodeLabel(run)}`, align: 'right' },
    ]),
  ];
  const rows = contenders.map(({ id, label }) => [
    label,
    ...runs.flatMap(({ coldStart }) =>
      coldStart[id] === undefined
        ? [MISSING, MISSING, MISSING]
        : [
            ms(coldStart[id].fromProcessStartMs),
            ratio(coldStart[id].fromProcessStartMs, coldStart.floor.fromProcessStartMs),
            ms(coldStart[id].totalMs),
          ],
    ),
  ]);
  return { columns, rows };
}

/** The targets, one column per Node version. */
function targetsTable(runs, goalsByRun) {
  const columns = [{ title: 'target' }, ...runs.map((run) => ({ title: nodeLabel(run) }))];
  const rows = goalsByRun[0].map(({ target }, i) => [
    target,
    ...goalsByRun.map((goals) => `${goals[i].met ? 'met' : 'missed'}: ${goals[i].detail}`),
  ]);
  return { columns, rows };
}

function machineTable(runs) {
  const columns = [{ title: 'what' }, ...runs.map((run) => ({ title: `${nodeLabel(run)} run` }))];
  const row = (what, value) => [what, ...runs.map(({ machine }) => value(machine))];
  const rows = [
    row('date', (machine) => machine.date),
    row('CPU', (machine) => `${machine.cpu}, ${machine.cores} cores`),
    row('memory', (machine) => `${machine.memoryGiB} GiB`),
    row('OS', (machine) => machine.os),
    row('Node', (machine) => `${machine.node} (V8 ${machine.v8})`),
    row('gatefold built from', (machine) => machine.gatefold),
    row('load average at start', (machine) => machine.loadAverage.join(', ')),
  ];
  return { columns, rows };
}

/** `1 round`, `3 rounds`. */
const count = (n, noun, plural = `${noun}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? noun : plural}`;

/** `Node 24 (v24.22.3)`, `Node 24 (v24.22.3) and Node 22 (v22.23.5)`. */
const versionsList = (runs) =>
  runs.map((run) => `${nodeLabel(run)} (${run.node.version})`).join(' and ');

/** The installed versions of the contenders' packages, as the primary run found them. */
function packagesList(contenders, versions) {
  const names = [...new Set(contenders.flatMap(({ packages }) => packages))];
  return names
    .filter((name) => versions[name] !== undefined)
    .map((name) => `\`${name}\` ${versions[name]}`)
    .join(', ');
}

/** When Middy's validator and core are at different versions, what that does to the bundles. */
function middyVersionsNote(versions) {
  const validator = versions['@middy/validator'];
  const core = versions['@middy/core'];
  if (validator === core) return '';
  return `- The latest \`@middy/validator\` is ${validator} while the other Middy packages are at ${core}:
  the validator brings its own \`@middy/util\`, so both Middy bundles hold two copies of it (the
  contents add them up), as an application that installs the current Middy packages gets.
`;
}

/**
 * The whole Markdown page from `runs`, the results of one run per Node version with the primary
 * (Node 24) first, and `goalsByRun`, each run's targets.
 */
export function page(runs, goalsByRun, contenders, scenarios) {
  const [primary] = runs;
  const { settings } = primary;
  const table = ({ columns, rows }) => markdownTable(columns, rows);
  const main = runTables(primary, contenders, scenarios);
  const quick = runs.some((run) => run.settings.quick)
    ? '\n\n**A quick run** (`--quick`): a handful of samples, for checking the bench itself; its figures mean nothing.'
    : '';
  const others = runs.length > 1 ? runs.slice(1) : [];
  return `# Benchmarks

Written by \`npm run bench\` (bench/run.mjs) from one run per Node version: ${versionsList(runs)}.
${nodeLabel(primary)}'s figures are the primary ones${others.length > 0 ? `; ${others.map(nodeLabel).join(' and ')}'s stand beside them` : ''}.
Each run's figures are kept in \`bench/results/node-<major>.json\`, and this page is written from
every one present. Do not edit this page by hand: change the bench and run it again.${quick}

![Per-invocation time relative to the floor, cold start and bundle size per contender, ${nodeLabel(primary)}](benchmarks.svg)

## Summary

Per invocation: the geometric mean over the ten scenarios of each contender's median as a multiple
of the floor's. First response: when a fresh process's first answer is ready, counted from the
process's start, and its multiple of the floor's. Heap growth: over
${count(settings.heapInvocations, 'invocation')}, once garbage is collected.

${table(summaryTable(runs, contenders, scenarios))}

## gatefold's targets

Each target per Node version, met or missed, with the figure and, when missed, where and by how
much. KB are 1,000 bytes, as in the targets; KiB are 1,024. Heap growth counts as flat under
${LIMITS.heapFlatBytes / 1024} KiB over the run: under 3 bytes an invocation over 100,000, where
keeping one small object (16 bytes or more) per invocation would show as 1.5 MiB or more.

${table(targetsTable(runs, goalsByRun))}

Where gatefold's time goes, per invocation and at load, and why it misses the targets it misses:
[Performance](performance.md).

## Contenders

Each serves the users part of the example API (examples/shop) from one function: \`GET /users/{id}\`
(200, or 404 \`UserNotFound\`) and \`POST /users\` with the JSON:API registration document (201 with a
\`Location\`, or 400 listing every violated rule: first name under three characters, code 123; a
password without a letter, a number or a punctuation character, 225; a confirmation that differs,
226), and a JSON:API 404 for any other route. Every contender is checked before it is timed: each
scenario's status, \`content-type\`, \`location\`, \`x-request-id\` and JSON body must equal the
expected answer, so all of them answer with the same information.

${contenders.map(({ id, label }) => `- **${label}**: ${CONTENDER_NOTES[id]}`).join('\n')}

Versions installed: ${packagesList(contenders, primary.versions)}.

Every library here can report the three violations at once, and each does: Ajv with \`allErrors\`
(Middy's default), zod for Hono and Powertools (checks that fail do not stop the others, and the
object-level refinement still runs), gatefold's \`all\`. The store is shared and constant (user
\`u-1\`; registration builds user \`u-2\` and keeps nothing), so no contender pays for storage or
password hashing. No contender logs its 4xx answers (gatefold \`clientErrorLogLevel: 'off'\`, Middy
\`logger: false\`; Powertools and Hono do not log them).

## Method

- **Node versions**: each run is one Node version's, from start to end: \`npm run bench\` runs the
  bench under Node 24 and then Node 22 (the builds of \`.ci/runtimes\`, through
  \`scripts/with-node\`); \`npm run bench:node24\` or \`bench:node22\` runs one and writes this page
  again with the other's stored figures.
- **Scenarios**: five requests, each as a REST API (payload 1.0) event for a \`/{proxy+}\` resource
  and as an HTTP API (payload 2.0) event on \`$default\`, built with \`gatefold/testing\`'s
  builders. Each invocation gets a freshly parsed copy of its event, as Lambda hands a function a
  freshly deserialised one (Middy writes the parsed body into the event), and a context whose
  remaining time starts at the whole timeout (30 s), as each Lambda invocation's does (Middy sets
  its early-timeout timer from it on every invocation).
- **Per invocation**: each contender's minified bundle in a process of its own, warmed up with
  ${count(settings.warmUpRounds, 'round')} of all ten scenarios, then timed with mitata one
  invocation per sample (no batching, so p99 is a p99 of invocations), at least
  ${settings.cpuTimeMs} ms of measured time per scenario and round, ${count(settings.rounds, 'round')}
  with the contenders taking turns; the figure is the median over the rounds. Times are wall-clock ns and
  include awaiting the returned promise. The geomean is the geometric mean over the ten scenarios
  of the median as a multiple of the floor's.
- **Cold start**: a fresh \`node\` process imports the bundle and serves the HTTP API
  \`GET /users/u-1\` event, ${count(settings.coldStartProcesses, 'process', 'processes')} per contender,
  started in turns; each figure is a median of its own. Import and first event are timed around the
  \`import()\` and the first call; the first response from process start is \`performance.now()\`
  when that call's answer is ready, counted from \`performance.timeOrigin\`, the process's start:
  it adds Node's own start-up, which every contender pays alike.
- **Bundle**: esbuild ${primary.esbuildVersion}, ESM, \`platform: 'node'\`, \`target: 'node22'\`,
  minified, every dependency inlined; gzip at zlib's default level; sizes in KB of 1,000 bytes.
  Every contender is bundled twice: with ES modules first (\`mainFields: ['module', 'main']\`, the
  setting CDK's \`NodejsFunction\` documents; the bundle every other figure runs) and with
  esbuild's defaults for \`platform: 'node'\` (\`main\` first, which takes the CommonJS builds of
  fp-ts and io-ts whole; its size only). Contents from the metafile of the first (\`app\` is the
  bench's own route code, store and messages; \`generated\` is Middy's transpiled schema).
- **Heap growth**: a fresh process, after warm-up and forced GCs, runs
  ${count(settings.heapInvocations, 'invocation')} cycling through the scenarios, then forced GCs
  again; the difference in \`heapUsed\`, in KiB. The GCs are spread over a few event-loop turns,
  since undici's \`Request\` and \`Response\` (Hono, Powertools) free their bodies through
  finalization callbacks that run only between turns.

## Per invocation, median, ${nodeLabel(primary)} (ns, and multiple of the floor)

${table(main.median)}

## Per invocation, median: gatefold over each contender, every Node version

gatefold's median divided by the floor's and by each other contender's, per Node version (the
column's number): under 1.00, gatefold is the faster.

${table(ratioTable(runs, contenders, scenarios))}

## Per invocation, p99, ${nodeLabel(primary)} (ns, and multiple of the floor)

${table(main.p99)}

## Cold start, ${nodeLabel(primary)}

${table(main.coldStart)}
${
  others.length > 0
    ? `
Every Node version's first response from process start, and its import + first event:

${table(otherStartsTable(runs, contenders))}
`
    : ''
}
## Bundle

The same under every Node version: esbuild bundles for \`target: 'node22'\` whichever Node runs it.

${table(main.bundle)}

## Heap growth, ${nodeLabel(primary)}

${table(main.heap)}

## Machine

${table(machineTable(runs))}

## Reading these figures

- The machine is shared and small (see the load average): p99 is mostly the scheduler and the
  garbage collector, and medians move by tens of percent between runs. Compare contenders within
  one run, never across runs; the two Node versions' runs are two runs.
- Middy's figures depend on where its JSON Schema is compiled: at build time (the Middy row, what
  Middy recommends; its own pre-transpiler \`ajv-cmd\` needs Node 24.2 or later, so the bench calls
  Ajv's standalone code generator with the same set-up) or when the module loads (the row after
  it), which puts Ajv's compiler, its formats and keywords into the bundle and the compilation into
  every cold start.
${middyVersionsNote(primary.versions)}- Hono and Powertools import \`zod\` as its documentation shows (\`import { z } from 'zod'\`), which
  bundles all of zod 4; \`zod/mini\` is smaller. Hono's adapter is imported from \`hono/aws-lambda\`.
- Where a contender's time goes in one scenario: \`node bench/profile.mjs gatefold rest/get-missing\`
  (after \`npm run build\` and \`npm ci --prefix bench\`) profiles it with \`node --cpu-prof\` and
  prints the functions with the most self time.
- A cold start's first event compiles every function on the request's path, since V8 compiles a
  function the first time it runs: \`node bench/first-event.mjs\` counts, per contender, the
  functions of its bundle first run during that event and the source they span.
- A run prints Node's deprecation warning \`DEP0040\` for the \`punycode\` module under Node 22 and
  24: \`@silverbucket/ajv-formats-draft2019\`, one of the Ajv plugins Middy's validator sets up,
  depends on \`smtp-address-parser\`, which requires Node's built-in \`punycode\`. It is printed by
  the bench's own process, which transpiles Middy's schema, and by each cold start of "Middy, schema
  compiled at load", whose bundle keeps that \`require\`; nothing else warns.
- Cold start here is a local \`node\` process, not Lambda's: it leaves out the runtime's own start
  and the download of the code, which are larger for a larger bundle.
`;
}
