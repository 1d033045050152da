/**
 * The benchmark suite (bench/) runs end to end on a tiny iteration count and produces its tables,
 * its results file, its page and its chart, and writes the page from the results of two Node
 * versions; its events have the shapes of real API Gateway events. Figures are never asserted:
 * only that they are there. Needs `npm run build && npm ci --prefix bench`.
 */
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import * as prettier from 'prettier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const bench = path.join(root, 'bench');
const fixtures = path.join(root, 'test/fixtures/aws-events/aws-lambda-go');
const run = promisify(execFile);

const CONTENDERS = ['hand-written (floor)', 'gatefold', 'Middy', 'Powertools', 'Hono'];
const REQUESTS = [
  'GET /users/{id} found',
  'GET /users/{id} not found',
  'POST /users valid',
  'POST /users 3 violations',
  'unknown route',
];
const TABLES = [
  'Per invocation, median',
  'Per invocation, p99',
  'Cold start',
  'Bundle',
  'Heap growth',
];
const PAGE_SECTIONS = [
  'Summary',
  "gatefold's targets",
  'Contenders',
  'Method',
  'Per invocation, median',
  'Per invocation, median: gatefold over each contender',
  'Per invocation, p99',
  'Cold start',
  'Bundle',
  'Heap growth',
  'Machine',
  'Reading these figures',
];
const TARGETS = [
  'faster than Middy, Powertools and Hono in every scenario',
  "geomean of gatefold's medians over the floor's ≤ 2× (aim 1.5×)",
  "first response from process start ≤ 1.2× the floor's",
  'bundle, ES modules first, gzip < 15 KB',
  "bundle, esbuild's defaults, gzip no worse than 31.3 KB",
  'heap growth flat: under 256 KiB over the run',
];
const COLUMNS = [
  'first response from process start (ms)',
  'gzip, ES modules first (KB)',
  "gzip, esbuild's defaults (KB)",
];

const major = Number(process.versions.node.split('.')[0]);

function requireInstalledBench(): void {
  if (!existsSync(path.join(bench, 'node_modules/gatefold/dist/index.js'))) {
    throw new Error('The bench is not installed: run `npm run build && npm ci --prefix bench`.');
  }
}

/** The page's rows for the five requests, both APIs, across its tables. */
const requestRows = (page: string): string[] =>
  page.split('\n').filter((line) => REQUESTS.some((request) => line.startsWith(`| ${request}`)));

async function prettierClean(page: string): Promise<boolean> {
  const options = await prettier.resolveConfig(path.join(root, 'docs/benchmarks.md'));
  return prettier.check(page, { ...options, parser: 'markdown' });
}

describe('npm run bench, on a tiny iteration count', () => {
  let out: string;
  let stdout: string;
  let page: string;
  const committed = path.join(bench, 'results', `node-${major}.json`);
  const committedBefore = existsSync(committed) ? statSync(committed).mtimeMs : undefined;

  beforeAll(async () => {
    requireInstalledBench();
    out = mkdtempSync(path.join(tmpdir(), 'gatefold-bench-'));
    ({ stdout } = await run(
      process.execPath,
      [path.join(bench, 'run.mjs'), '--quick', '--out', out],
      { cwd: root, maxBuffer: 16 * 1024 * 1024 },
    ));
    page = readFileSync(path.join(out, 'benchmarks.md'), 'utf8');
  }, 300_000);

  afterAll(() => {
    rmSync(out, { recursive: true, force: true });
  });

  it('prints every table, with every contender and every scenario of both APIs', () => {
    for (const title of TABLES) expect(stdout).toContain(title);
    for (const column of COLUMNS) expect(stdout).toContain(column);
    for (const contender of CONTENDERS) expect(stdout).toContain(contender);
    for (const request of REQUESTS) {
      const lines = stdout.split('\n').filter((line) => line.startsWith(request));
      // Median and p99, each for REST (v1) and HTTP (v2).
      expect(lines.filter((line) => line.includes('REST (v1)'))).toHaveLength(2);
      expect(lines.filter((line) => line.includes('HTTP (v2)'))).toHaveLength(2);
    }
  });

  it("prints each of gatefold's targets, met or missed, for the Node it ran under", () => {
    expect(stdout).toContain(`gatefold targets, Node ${major}`);
    const lines = stdout.split('\n').filter((line) => /^ {2}(met|missed) /.test(line));
    expect(lines).toHaveLength(TARGETS.length);
    TARGETS.forEach((target, i) => {
      expect(lines[i]).toContain(target);
    });
  });

  it('keeps its results beside its page, never in bench/results', () => {
    const results = JSON.parse(
      readFileSync(path.join(out, 'results', `node-${major}.json`), 'utf8'),
    ) as { node: { major: number }; settings: { quick: boolean } };
    expect(results.node.major).toBe(major);
    expect(results.settings.quick).toBe(true);
    expect(existsSync(committed) ? statSync(committed).mtimeMs : undefined).toBe(committedBefore);
  });

  it('writes the page with its tables, its chart and the machine, Prettier-clean', async () => {
    for (const section of PAGE_SECTIONS) expect(page).toContain(`## ${section}`);
    for (const target of TARGETS) expect(page).toContain(`| ${target}`);
    for (const column of COLUMNS) expect(page).toContain(column);
    expect(page).toContain(`## Per invocation, median, Node ${major}`);
    expect(page).toContain('![');
    expect(page).toContain('(benchmarks.svg)');
    // Median, p99 and gatefold over each contender, each for REST (v1) and HTTP (v2).
    expect(requestRows(page)).toHaveLength(REQUESTS.length * 2 * 3);
    expect(await prettierClean(page)).toBe(true);
  });

  it('draws the chart as an SVG document naming every contender', () => {
    const svg = readFileSync(path.join(out, 'benchmarks.svg'), 'utf8');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    for (const contender of CONTENDERS) expect(svg).toContain(`>${contender}<`);
  });

  it('writes the page from every Node version stored, Node 24 first, without running', async () => {
    // The quick run's results stand in for the other version's too.
    const other = major === 24 ? 22 : 24;
    const results = path.join(out, 'both', 'results');
    mkdirSync(results, { recursive: true });
    copyFileSync(
      path.join(out, 'results', `node-${major}.json`),
      path.join(results, `node-${major}.json`),
    );
    const stored = JSON.parse(readFileSync(path.join(results, `node-${major}.json`), 'utf8')) as {
      node: { major: number; version: string };
    };
    stored.node = { ...stored.node, major: other, version: `v${other}.0.0` };
    writeFileSync(path.join(results, `node-${other}.json`), JSON.stringify(stored));
    await run(
      process.execPath,
      [
        path.join(bench, 'run.mjs'),
        '--page-only',
        '--results',
        results,
        '--out',
        path.join(out, 'both'),
      ],
      { cwd: root },
    );
    const both = readFileSync(path.join(out, 'both', 'benchmarks.md'), 'utf8');
    expect(both).toContain('## Per invocation, median, Node 24');
    expect(both.indexOf('Node 24')).toBeLessThan(both.indexOf('Node 22'));
    for (const column of ['÷ Middy, 24', '÷ Middy, 22', 'vs floor, Node 22', 'Node 22 run']) {
      expect(both).toContain(column);
    }
    const targets = both
      .split('\n')
      .filter((line) => TARGETS.some((t) => line.startsWith(`| ${t}`)));
    expect(targets).toHaveLength(TARGETS.length);
    for (const line of targets) expect(line.match(/\| (met|missed): /g)).toHaveLength(2);
    expect(requestRows(both)).toHaveLength(REQUESTS.length * 2 * 3);
    expect(await prettierClean(both)).toBe(true);
  }, 60_000);
});

describe('the bench events', () => {
  interface Scenario {
    readonly kind: 'rest' | 'http';
    readonly eventJson: string;
  }

  const keys = (value: unknown): string[] => Object.keys(value as object).sort();
  const fixture = (name: string): Record<string, unknown> =>
    JSON.parse(readFileSync(path.join(fixtures, name), 'utf8')) as Record<string, unknown>;

  it('have the members of real REST API and HTTP API events', async () => {
    requireInstalledBench();
    // A path in a variable: the module is plain JavaScript, loaded at run time.
    const scenarios = pathToFileURL(path.join(bench, 'lib/scenarios.mjs')).href;
    const { SCENARIOS } = (await import(scenarios)) as { SCENARIOS: readonly Scenario[] };
    const real = {
      rest: fixture('apigw-request.json'),
      http: fixture('apigw-v2-request-no-authorizer.json'),
    };
    expect(SCENARIOS).toHaveLength(10);
    for (const scenario of SCENARIOS) {
      const event = JSON.parse(scenario.eventJson) as Record<string, unknown>;
      const sample = real[scenario.kind];
      // The same top-level members (the body only when there is one), and no request-context
      // member that API Gateway does not send.
      const optional = ['body', 'isBase64Encoded'];
      expect(keys(event).filter((key) => !optional.includes(key))).toEqual(
        keys(sample).filter((key) => !optional.includes(key)),
      );
      expect(keys(sample['requestContext'])).toEqual(
        expect.arrayContaining(keys(event['requestContext'])),
      );
    }
  });
});
