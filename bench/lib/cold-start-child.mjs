// One cold start: a fresh node process imports a bundled handler and serves its first event.
// Prints how long the import took, how long the first invocation took, when the first response
// was ready counted from the process's start (`performance.now()` counts from
// `performance.timeOrigin`, which for the main thread is when the process started: Node's own
// start-up, this script and reading the event are in it), and the status answered. Nothing else is
// loaded before the handler, so no library finds a module already compiled.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const [bundleUrl, eventFile] = process.argv.slice(2);
const event = JSON.parse(readFileSync(eventFile, 'utf8'));
const context = {
  functionName: 'users',
  awsRequestId: '5f1a9b3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
  getRemainingTimeInMillis: () => 30_000,
};

const started = performance.now();
const { handler } = await import(bundleUrl);
const imported = performance.now();
const result = await handler(event, context);
const served = performance.now();
process.stdout.write(
  JSON.stringify({
    importMs: imported - started,
    firstEventMs: served - imported,
    fromProcessStartMs: served,
    status: result.statusCode,
  }),
);
