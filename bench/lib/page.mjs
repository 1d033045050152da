// docs/benchmarks.md, written whole by the bench from one run's figures: tables, the chart, the
// targets and the machine. Edit this file (or the bench), never the page.
/* eslint-disable @typescript-eslint/explicit-module-boundary-types -- plain JavaScript, nothing to annotate */
import { kb, ms, ns, ratio } from './figures.mjs';
import { markdownTable } from './tables.mjs';

const CONTENDER_NOTES = {
  floor:
    'no library: `JSON.parse`, hand-written shape checks and rules, the proxy result built by hand.',
  gatefold:
    '`toLambda(router({ errors }))`: io-ts codecs per part through `endpoint`, the three rules as ' +
    '`field`/`rule` validators under `all`, `UserNotFound` as a `TaggedError` answered by an `errorMap`.',
  middy:
    '`@middy/core` with `@middy/http-router` (one middy handler per route), `http-json-body-parser` and ' +
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

/** The tables of a run, shared by the terminal and the page. */
export function tables({ contenders, scenarios, invocation, coldStart, bundles, heap, settings }) {
  const floorStart = coldStart.floor.totalMs;
  const timed = contenders.filter((contender) => contender.timed);
  return {
    median: invocationTable(timed, scenarios, invocation, 'p50'),
    p99: invocationTable(timed, scenarios, invocation, 'p99'),
    coldStart: {
      columns: [
        { title: 'contender' },
        { title: 'import (ms)', align: 'right' },
        { title: 'first event (ms)', align: 'right' },
        { title: 'cold start (ms)', align: 'right' },
        { title: 'vs floor', align: 'right' },
      ],
      rows: contenders.map(({ id, label }) => [
        label,
        ms(coldStart[id].importMs),
        ms(coldStart[id].firstEventMs),
        ms(coldStart[id].totalMs),
        ratio(coldStart[id].totalMs, floorStart),
      ]),
    },
    bundle: {
      columns: [
        { title: 'contender' },
        { title: 'minified (KiB)', align: 'right' },
        { title: 'gzip (KiB)', align: 'right' },
        { title: 'what it contains (minified KiB)' },
      ],
      rows: contenders.map(({ id, label }) => [
        label,
        kb(bundles[id].bytes),
        kb(bundles[id].gzipBytes),
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
        kb(heap[id].before),
        kb(heap[id].after),
        kb(heap[id].growth),
      ]),
    },
  };
}

/** `1 round`, `3 rounds`. */
const count = (n, noun, plural = `${noun}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? noun : plural}`;

/** The whole Markdown page. */
export function page(run, goals) {
  const { contenders, machine, settings } = run;
  const all = tables(run);
  const table = ({ columns, rows }) => markdownTable(columns, rows);
  const goalRows = goals.map(({ target, met, misses }) => [
    target,
    met ? 'met' : 'missed',
    misses.join('; '),
  ]);
  return `# Benchmarks

Written by \`npm run bench\` (bench/run.mjs) from one run on ${machine.date}; every figure below
comes from that run. Do not edit this page by hand: change the bench and run it again.

![Per-invocation time relative to the floor, cold start and bundle size per contender](benchmarks.svg)

## Contenders

Each serves the users part of the example API (examples/shop) from one function: \`GET /users/{id}\`
(200, or 404 \`UserNotFound\`) and \`POST /users\` with the JSON:API registration document (201 with a
\`Location\`, or 400 listing every violated rule: first name under three characters, code 123; a
password without a letter, a number or a punctuation character, 225; a confirmation that differs,
226), and a JSON:API 404 for any other route. Every contender is checked before it is timed: each
scenario's status, \`content-type\`, \`location\`, \`x-request-id\` and JSON body must equal the
expected answer, so all of them answer with the same information.

${contenders.map(({ id, label }) => `- **${label}**: ${CONTENDER_NOTES[id]}`).join('\n')}

Every library here can report the three violations at once, and each does: Ajv with \`allErrors\`
(Middy's default), zod for Hono and Powertools (checks that fail do not stop the others, and the
object-level refinement still runs), gatefold's \`all\`. The store is shared and constant (user
\`u-1\`; registration builds user \`u-2\` and keeps nothing), so no contender pays for storage or
password hashing. No contender logs its 4xx answers (gatefold \`clientErrorLogLevel: 'off'\`, Middy
\`logger: false\`; Powertools and Hono do not log them).

## Method

- **Scenarios**: five requests, each as a REST API (payload 1.0) event for a \`/{proxy+}\` resource
  and as an HTTP API (payload 2.0) event on \`$default\`, built with \`gatefold/testing\`'s
  builders. Each invocation gets a freshly parsed copy of its event, as Lambda hands a function a
  freshly deserialised one (Middy writes the parsed body into the event).
- **Per invocation**: each contender's minified bundle in a process of its own, warmed up with
  ${count(settings.warmUpRounds, 'round')} of all ten scenarios, then timed with mitata one
  invocation per sample (no batching, so p99 is a p99 of invocations), at least
  ${settings.cpuTimeMs} ms of measured time per scenario and round, ${count(settings.rounds, 'round')}
  with the contenders taking turns; the figure is the median over the rounds. Times are wall-clock ns and
  include awaiting the returned promise.
- **Cold start**: a fresh \`node\` process imports the bundle and serves the HTTP API
  \`GET /users/u-1\` event; import time plus first invocation, median of
  ${count(settings.coldStartProcesses, 'process', 'processes')} per contender, started in turns.
- **Bundle**: esbuild ${run.esbuildVersion}, ESM, \`platform: 'node'\`, \`target: 'node22'\`,
  minified, every dependency inlined; gzip at zlib's default level; contents from the metafile
  (\`app\` is the bench's own route code, store and messages; \`generated\` is Middy's
  transpiled schema).
- **Heap growth**: a fresh process, after warm-up and forced GCs, runs
  ${count(settings.heapInvocations, 'invocation')} cycling through the scenarios, then forced GCs
  again; the difference in \`heapUsed\`. The GCs are spread over a few event-loop turns, since
  undici's \`Request\` and \`Response\` (Hono, Powertools) free their bodies through finalization
  callbacks that run only between turns.

## Per invocation, median (ns, and multiple of the floor)

${table(all.median)}

## Per invocation, p99 (ns, and multiple of the floor)

${table(all.p99)}

## Cold start

${table(all.coldStart)}

## Bundle

${table(all.bundle)}

## Heap growth

${table(all.heap)}

## gatefold's targets

${markdownTable([{ title: 'target' }, { title: 'result' }, { title: 'where missed' }], goalRows)}

Where gatefold's time goes, per invocation and at load, and why it misses the targets it misses:
[Performance](performance.md).

## Machine

${markdownTable(
  [{ title: 'what' }, { title: 'value' }],
  [
    ['CPU', `${machine.cpu}, ${machine.cores} cores`],
    ['memory', `${machine.memoryGiB} GiB`],
    ['OS', machine.os],
    ['Node', `${machine.node} (V8 ${machine.v8})`],
    ['gatefold built from', machine.gatefold],
    ['load average at start', machine.loadAverage.join(', ')],
  ],
)}

## Reading these figures

- The machine is shared and small (see the load average): p99 is mostly the scheduler and the
  garbage collector, and medians move by tens of percent between runs. Compare contenders within
  one run, never across runs.
- Middy's figures depend on where its JSON Schema is compiled: at build time (the Middy row, what
  Middy recommends; its own pre-transpiler \`ajv-cmd\` needs Node 24, so the bench calls Ajv's
  standalone code generator with the same set-up) or when the module loads (the row after it),
  which puts Ajv's compiler, its formats and keywords into the bundle and the compilation into
  every cold start.
- Hono and Powertools import \`zod\` as its documentation shows (\`import { z } from 'zod'\`), which
  bundles all of zod 4; \`zod/mini\` is smaller. Hono's adapter is imported from \`hono/aws-lambda\`.
- Where a contender's time goes in one scenario: \`node bench/profile.mjs gatefold rest/get-missing\`
  (after \`npm run build\` and \`npm ci --prefix bench\`) profiles it with \`node --cpu-prof\` and
  prints the functions with the most self time.
- A cold start's first event compiles every function on the request's path, since V8 compiles a
  function the first time it runs: \`node bench/first-event.mjs\` counts, per contender, the
  functions of its bundle first run during that event and the source they span.
- Cold start here is a local \`node\` process, not Lambda's: it leaves out the runtime's own start
  and the download of the code, which are larger for a larger bundle.
`;
}
