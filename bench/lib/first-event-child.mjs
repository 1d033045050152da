// One cold start for bench/first-event.mjs: like cold-start-child.mjs, with a call between the
// import and the first event that marks in V8's function log where that event begins.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { firstEventBegins } from './first-event-marker.mjs';

const [bundleUrl, eventFile] = process.argv.slice(2);
const event = JSON.parse(readFileSync(eventFile, 'utf8'));
const context = {
  functionName: 'users',
  awsRequestId: '5f1a9b3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
  getRemainingTimeInMillis: () => 30_000,
};

const { handler } = await import(bundleUrl);
firstEventBegins();
const started = performance.now();
const result = await handler(event, context);
process.stdout.write(
  JSON.stringify({ firstEventMs: performance.now() - started, status: result.statusCode }),
);
