/**
 * The in-process soak: the example shop `handler` invoked over and over, one at a time, with
 * the mixed cases of `cases.ts` as every event kind (REST, HTTP API, Function URL, ALB single
 * and multi-value). Every result is checked, and the heap is sampled after a full GC at even
 * intervals. Prints its figures and exits 1 when a result was wrong or the heap drifted.
 *
 * `SOAK_INVOCATIONS` (default 1,000,000) sets the measured count; `SOAK_WARMUP` (default 50,000)
 * invocations run first, checked but not sampled, so JIT and lazy initialisation are done before
 * the first heap sample. Run with `tsx --expose-gc test/load/soak.ts`, or through `npm run load`.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2, ALBEvent } from 'aws-lambda';
import { handler } from '../../examples/shop/handler.js';
import {
  albEvent,
  fakeContext,
  functionUrlEvent,
  httpApiEvent,
  restApiEvent,
} from '../../src/testing/index.js';
import type { EventOptions } from '../../src/testing/index.js';
import type { LoadCase } from './cases.js';
import { LOAD_CASES, Tally } from './cases.js';
import { HEAP_DRIFT_LIMIT, HEAP_DRIFT_LIMIT_TEXT } from './criteria.js';
import { heapAfterGc, heapDrift, mebibytes, percent } from './heap.js';
import { observe } from './proxy-response.js';
import { positiveInteger } from './settings.js';

type AnyEvent = APIGatewayProxyEvent | APIGatewayProxyEventV2 | ALBEvent;

const KINDS: readonly ((options: EventOptions) => AnyEvent)[] = [
  restApiEvent,
  httpApiEvent,
  functionUrlEvent,
  albEvent,
  (options) => albEvent({ ...options, multiValue: true }),
];

/** Every case as every event kind, built once: the soak measures the handler, not the builders. */
const EVENTS: readonly (readonly [LoadCase, AnyEvent])[] = LOAD_CASES.flatMap((loadCase) =>
  KINDS.map(
    (build) =>
      [
        loadCase,
        build({
          method: loadCase.method,
          path: loadCase.path,
          headers: loadCase.headers,
          body: loadCase.body,
        }),
      ] as const,
  ),
);

const invocations = positiveInteger('SOAK_INVOCATIONS', 1_000_000);
const warmup = positiveInteger('SOAK_WARMUP', 50_000);
const SAMPLES = 60;

// The example logs every 4xx answer with console.info: the logging code runs, the lines are
// dropped.
console.info = () => undefined;

const tally = new Tally();
const samples: number[] = [];
const sampleEvery = Math.max(1, Math.floor(invocations / SAMPLES));
const started = performance.now();
for (let i = 0; i < warmup + invocations; i++) {
  const [loadCase, event] = EVENTS[i % EVENTS.length]!;
  tally.record(loadCase, observe(await handler(event as never, fakeContext())));
  const measured = i - warmup + 1;
  if (measured > 0 && measured % sampleEvery === 0) samples.push(heapAfterGc());
}
const seconds = (performance.now() - started) / 1000;
const drift = heapDrift(samples);

console.log(`In-process soak: the example handler, ${EVENTS.length} events (cases × event kinds)`);
console.log(
  `  invocations: ${invocations.toLocaleString('en')} measured after ${warmup.toLocaleString('en')} warm-up, ${seconds.toFixed(1)} s, ${Math.round((warmup + invocations) / seconds).toLocaleString('en')}/s`,
);
console.log(`  wrong results: ${tally.totalWrong} of ${tally.total.toLocaleString('en')}`);
for (const example of tally.examples) console.log(`    ${example}`);
console.log(
  `  heap after GC (${drift.samples} samples): first third ${mebibytes(drift.firstThirdBytes)}, last third ${mebibytes(drift.lastThirdBytes)}, change ${percent(drift.change)} (limit ${HEAP_DRIFT_LIMIT_TEXT})`,
);
const passed = tally.totalWrong === 0 && Math.abs(drift.change) <= HEAP_DRIFT_LIMIT;
console.log(`  soak: ${passed ? 'PASS' : 'FAIL'}`);
process.exitCode = passed ? 0 : 1;
