/**
 * The benchmark suite (bench/) runs end to end on a tiny iteration count and produces its tables,
 * its page and its chart; its events have the shapes of real API Gateway events. Figures are
 * never asserted: only that they are there. Needs `npm run build && npm ci --prefix bench`.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import * as prettier from 'prettier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const bench = path.join(root, 'bench');
const fixtures = path.join(root, 'test/fixtures/aws-events/aws-lambda-go');

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

function requireInstalledBench(): void {
  if (!existsSync(path.join(bench, 'node_modules/gatefold/dist/index.js'))) {
    throw new Error('The bench is not installed: run `npm run build && npm ci --prefix bench`.');
  }
}

describe('npm run bench, on a tiny iteration count', () => {
  let out: string;
  let stdout: string;
  let page: string;

  beforeAll(async () => {
    requireInstalledBench();
    out = mkdtempSync(path.join(tmpdir(), 'gatefold-bench-'));
    ({ stdout } = await promisify(execFile)(
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
    for (const contender of CONTENDERS) expect(stdout).toContain(contender);
    for (const request of REQUESTS) {
      const lines = stdout.split('\n').filter((line) => line.startsWith(request));
      // Median and p99, each for REST (v1) and HTTP (v2).
      expect(lines.filter((line) => line.includes('REST (v1)'))).toHaveLength(2);
      expect(lines.filter((line) => line.includes('HTTP (v2)'))).toHaveLength(2);
    }
    expect(stdout).toContain('gatefold targets');
  });

  it('writes the page with its tables, its chart and the machine, Prettier-clean', async () => {
    for (const title of TABLES) expect(page).toContain(`## ${title}`);
    expect(page).toContain('![');
    expect(page).toContain('(benchmarks.svg)');
    expect(page).toContain('## Machine');
    const rows = page.split('\n').filter((line) => REQUESTS.some((r) => line.startsWith(`| ${r}`)));
    expect(rows).toHaveLength(REQUESTS.length * 2 * 2);
    const options = await prettier.resolveConfig(path.join(root, 'docs/benchmarks.md'));
    expect(await prettier.check(page, { ...options, parser: 'markdown' })).toBe(true);
  });

  it('draws the chart as an SVG document naming every contender', () => {
    const svg = readFileSync(path.join(out, 'benchmarks.svg'), 'utf8');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    for (const contender of CONTENDERS) expect(svg).toContain(`>${contender}<`);
  });
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
