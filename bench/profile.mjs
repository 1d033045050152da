// Where a contender's time goes in one scenario: runs it in a loop under `node --cpu-prof` from
// an unminified bundle and prints the functions with the most self time, with the package and
// file each comes from.
//
//   node bench/profile.mjs gatefold rest/get-missing [invocations] [--no-inline]
//
// Needs `npm run build` and bench's dependencies, like the bench. The profile is kept in
// bench/out/profiles/ for Chrome DevTools or speedscope.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleAll } from './lib/bundle.mjs';
import { CONTENDERS } from './lib/contenders.mjs';
import { SCENARIOS } from './lib/scenarios.mjs';

// `--no-inline` keeps V8 from inlining, so that time is charged to the function that spends it
// rather than to its caller (and the whole runs somewhat slower).
const args = process.argv.slice(2);
const nodeFlags = args.includes('--no-inline') ? ['--no-turbo-inlining'] : [];
const [contenderId = 'gatefold', scenarioId = 'rest/get-found', count = '200000'] = args.filter(
  (arg) => !arg.startsWith('--'),
);
const contender = CONTENDERS.find(({ id }) => id === contenderId);
const scenario = SCENARIOS.find(({ id }) => id === scenarioId);
if (contender === undefined || scenario === undefined) {
  console.error(`contenders: ${CONTENDERS.map(({ id }) => id).join(', ')}`);
  console.error(`scenarios: ${SCENARIOS.map(({ id }) => id).join(', ')}`);
  process.exit(1);
}

const out = path.join(import.meta.dirname, 'out');
const profiles = path.join(out, 'profiles');
rmSync(profiles, { recursive: true, force: true });
mkdirSync(profiles, { recursive: true });
const { [contender.id]: bundle } = await bundleAll([contender], out, { minify: false });

// The loop runs in a process of its own so that the profile holds nothing but it.
const loop = path.join(out, 'profile-loop.mjs');
writeFileSync(
  loop,
  `const { handler } = await import(${JSON.stringify(pathToFileURL(bundle.file).href)});
const json = ${JSON.stringify(scenario.eventJson)};
const context = { awsRequestId: 'profile', getRemainingTimeInMillis: () => 30000 };
for (let i = 0; i < ${Number(count)}; i++) await handler(JSON.parse(json), context);
`,
);
execFileSync(
  process.execPath,
  [...nodeFlags, '--cpu-prof', '--cpu-prof-interval', '100', '--cpu-prof-dir', profiles, loop],
  {
    stdio: 'inherit',
  },
);
const file = readdirSync(profiles).find((name) => name.endsWith('.cpuprofile'));
const profile = JSON.parse(readFileSync(path.join(profiles, file), 'utf8'));

// An unminified esbuild bundle marks where each input file starts: `// node_modules/io-ts/…`.
const bundleLines = readFileSync(bundle.file, 'utf8').split('\n');
const origins = [];
bundleLines.forEach((line, index) => {
  const marker = /^\/\/ (\S+\.(?:m?js|cjs|ts))$/.exec(line);
  if (marker !== null) origins.push({ line: index, source: marker[1] });
});
function originOf(node) {
  const { url, lineNumber, functionName } = node.callFrame;
  if (url === '' || url.startsWith('node:')) return url === '' ? '(V8)' : url;
  if (!url.endsWith(path.basename(bundle.file))) return path.basename(url);
  let source = '(bundle)';
  for (const origin of origins) {
    if (origin.line > lineNumber) break;
    source = origin.source;
  }
  return functionName === '' ? `${source}` : source;
}

const sampleCounts = new Map();
for (const sample of profile.samples) sampleCounts.set(sample, (sampleCounts.get(sample) ?? 0) + 1);
const self = new Map();
let total = 0;
for (const node of profile.nodes) {
  const hits = sampleCounts.get(node.id) ?? 0;
  if (hits === 0) continue;
  total += hits;
  const key = `${node.callFrame.functionName || '(anonymous)'}  ${originOf(node)}:${node.callFrame.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + hits);
}
// The loop's own work (parsing each event) and idle time are not the handler's: shares are of
// the rest, garbage collection included.
const handlerEntries = [...self]
  .filter(([key]) => !key.includes('profile-loop.mjs') && !key.startsWith('(idle)'))
  .sort((a, b) => b[1] - a[1]);
const handlerTotal = handlerEntries.reduce((sum, [, hits]) => sum + hits, 0);
const byPackage = new Map();
for (const [key, hits] of handlerEntries) {
  const origin = key.split('  ')[1];
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(origin);
  const name = match?.[1] ?? (origin.startsWith('(') ? origin.replace(/:\d+$/, '') : 'other');
  byPackage.set(name, (byPackage.get(name) ?? 0) + hits);
}
const percent = (hits) => `${((hits / handlerTotal) * 100).toFixed(1).padStart(5)}%`;
console.log(
  `\n${contender.label}, ${scenario.id}: ${total} samples, ${handlerTotal} in the handler ` +
    `(${((handlerTotal / total) * 100).toFixed(0)}%); self time as a share of the handler's\n`,
);
for (const [key, hits] of handlerEntries.slice(0, 30)) console.log(`${percent(hits)}  ${key}`);
console.log('\nself time by package\n');
for (const [name, hits] of [...byPackage].sort((a, b) => b[1] - a[1])) {
  console.log(`${percent(hits)}  ${name}`);
}
console.log(`\nprofile: ${path.join(profiles, file)}`);
