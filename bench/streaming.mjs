// Response streaming: time to first byte and throughput of gatefold's `toStreamingLambda`,
// Hono's `streamHandle` (hono/aws-lambda) and Powertools' `streamify`
// (@aws-lambda-powertools/event-handler/http), each bundled as deployed and invoked in-process
// with a Function URL event and a response stream that behaves as Lambda's runtime's does
// (lib/streaming-runtime.mjs). Every contender sends the same body: 64 KiB chunks from an async
// generator (lib/streaming-body.mjs).
//
//   node bench/streaming.mjs [--mb 20] [--runs 5] [--ttfb 300]
//
// Time to first byte: a one-chunk answer, invoked `--ttfb` times after as many warm-up
// invocations; median and p99 of the time from the call to the first body byte. Throughput: a
// `--mb` MiB answer, `--runs` times after one warm-up; the median MiB/s over the whole answer.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { fakeContext, functionUrlEvent } from 'gatefold/testing';
import { bundleAll } from './lib/bundle.mjs';
import { CHUNK_BYTES } from './lib/streaming-body.mjs';
import { installAwsLambdaGlobal, invokeStreaming } from './lib/streaming-runtime.mjs';

const BENCH = import.meta.dirname;
const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '20' },
    runs: { type: 'string', default: '5' },
    ttfb: { type: 'string', default: '300' },
  },
});
const MIB = 1024 * 1024;
const bigChunks = Math.max(1, Math.round((Number(values.mb) * MIB) / CHUNK_BYTES));
const runs = Math.max(1, Number(values.runs));
const ttfbRuns = Math.max(1, Number(values.ttfb));

const CONTENDERS = [
  { id: 'streaming-gatefold', label: 'gatefold toStreamingLambda' },
  { id: 'streaming-hono', label: 'Hono streamHandle' },
  { id: 'streaming-powertools', label: 'Powertools streamify' },
].map((contender) => ({
  ...contender,
  source: path.join(BENCH, 'contenders', `${contender.id}.mjs`),
}));

const event = (chunks) =>
  functionUrlEvent({ method: 'GET', path: '/stream', query: { chunks: String(chunks) } });

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

const median = (list) =>
  quantile(
    [...list].sort((a, b) => a - b),
    0.5,
  );

async function check(handler, chunks) {
  const answer = await invokeStreaming(handler, event(chunks), fakeContext());
  if (answer.status !== 200 || answer.bytes !== chunks * CHUNK_BYTES) {
    throw new Error(`Wrong answer: status ${answer.status}, ${answer.bytes} bytes.`);
  }
  return answer;
}

async function measure(handler) {
  for (let n = 0; n < ttfbRuns; n += 1) await check(handler, 1);
  const firstBytes = [];
  for (let n = 0; n < ttfbRuns; n += 1) firstBytes.push((await check(handler, 1)).firstByteMs);
  firstBytes.sort((a, b) => a - b);
  await check(handler, bigChunks);
  const rates = [];
  for (let n = 0; n < runs; n += 1) {
    const { totalMs } = await check(handler, bigChunks);
    rates.push((bigChunks * CHUNK_BYTES) / MIB / (totalMs / 1000));
  }
  return {
    ttfbMedian: quantile(firstBytes, 0.5),
    ttfbP99: quantile(firstBytes, 0.99),
    throughput: median(rates),
  };
}

// The global first: Hono reads it when `streamHandle` is called, Powertools when it is loaded.
installAwsLambdaGlobal();
const bundles = await bundleAll(CONTENDERS, path.join(BENCH, 'out', 'streaming'));
const results = [];
for (const contender of CONTENDERS) {
  const { handler } = await import(pathToFileURL(bundles[contender.id].file).href);
  results.push({ ...contender, ...(await measure(handler)) });
}

const base = results[0];
const rows = results.map((result) => ({
  contender: result.label,
  'TTFB median (µs)': Math.round(result.ttfbMedian * 1000),
  'TTFB p99 (µs)': Math.round(result.ttfbP99 * 1000),
  'TTFB vs gatefold': `${(result.ttfbMedian / base.ttfbMedian).toFixed(2)}×`,
  'MiB/s': Math.round(result.throughput),
  'MiB/s vs gatefold': `${(result.throughput / base.throughput).toFixed(2)}×`,
}));
console.log(
  `Node ${process.version}; TTFB over ${ttfbRuns} one-chunk answers; throughput: median of ${runs} answers of ${(bigChunks * CHUNK_BYTES) / MIB} MiB in 64 KiB chunks.`,
);
console.table(rows);
