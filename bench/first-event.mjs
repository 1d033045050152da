// What a contender's first invocation compiles: V8 compiles a function the first time it runs, so
// a cold start's first event pays for every function on the request's path. Runs one cold start
// (import, then the HTTP API `GET /users/u-1` event) of an unminified bundle under
// `--log-function-events` and counts the functions of the bundle first run during that event.
//
//   node bench/first-event.mjs [contender ...]
//
// Needs `npm run build` and bench's dependencies, like the bench.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleAll } from './lib/bundle.mjs';
import { CONTENDERS } from './lib/contenders.mjs';
import { SCENARIOS } from './lib/scenarios.mjs';

const ids = process.argv.slice(2);
const chosen = ids.length === 0 ? CONTENDERS.filter(({ timed }) => timed) : ids.map(find);

function find(id) {
  const contender = CONTENDERS.find((candidate) => candidate.id === id);
  if (contender === undefined) {
    console.error(`contenders: ${CONTENDERS.map((candidate) => candidate.id).join(', ')}`);
    process.exit(1);
  }
  return contender;
}

const out = path.join(import.meta.dirname, 'out', 'first-event');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const bundles = await bundleAll(chosen, out, { minify: false });
const eventFile = path.join(out, 'event.json');
writeFileSync(eventFile, SCENARIOS.find(({ id }) => id === 'http/get-found').eventJson);
const child = path.join(import.meta.dirname, 'lib', 'first-event-child.mjs');

/**
 * The functions of `file` that V8 logged after the marker call: `{ event, start, end }`, from
 * `function,<event>,<script>,<start>,<end>,…` lines (start and end are source positions).
 */
function firstEventFunctions(log, file) {
  const lines = log.split('\n');
  const scriptOf = (name) =>
    lines.find((line) => line.startsWith('script-details,') && line.includes(name))?.split(',')[1];
  const bundle = scriptOf(path.basename(file));
  const marker = scriptOf('first-event-marker.mjs');
  const begins = lines.findIndex(
    (line) =>
      line.startsWith(`function,first-execution,${marker},`) && line.endsWith(',firstEventBegins'),
  );
  if (bundle === undefined || begins === -1) throw new Error(`No function log for ${file}`);
  return lines
    .slice(begins)
    .map((line) => line.split(','))
    .filter((fields) => fields[0] === 'function' && fields[2] === bundle)
    .map(([, event, , start, end]) => ({ event, start: Number(start), end: Number(end) }));
}

console.log(`${'contender'.padEnd(30)}  functions first run  source compiled (chars)`);
for (const contender of chosen) {
  const { file } = bundles[contender.id];
  // The inline source map would be read at import; the count does not need it.
  writeFileSync(file, readFileSync(file, 'utf8').replace(/\n\/\/# sourceMappingURL=.*\n?$/, '\n'));
  const logFile = path.join(out, `${contender.id}.v8.log`);
  // Timings are not printed: logging every function event slows the run down several times.
  execFileSync(
    process.execPath,
    [
      '--log-function-events',
      `--logfile=${logFile}`,
      '--no-logfile-per-isolate',
      child,
      pathToFileURL(file).href,
      eventFile,
    ],
    { encoding: 'utf8' },
  );
  const events = firstEventFunctions(readFileSync(logFile, 'utf8'), file);
  const firstRuns = events.filter(({ event }) => event === 'first-execution').length;
  const compiled = events
    .filter(({ event }) => event === 'interpreter')
    .reduce((sum, { start, end }) => sum + end - start, 0);
  console.log(
    `${contender.label.padEnd(30)}  ${String(firstRuns).padStart(19)}  ${String(compiled).padStart(23)}`,
  );
}
