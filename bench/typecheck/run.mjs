#!/usr/bin/env node
/**
 * What `gatefold/client` costs the compiler: generates a router of 100 routes (endpoints with
 * params, query and body codecs, a declared success and domain errors under one error map) and
 * type-checks it twice — as a Lambda function alone, and with a client that calls every route —
 * each in a fresh process, printing both times and their ratio. Only the generated files are
 * checked (gatefold's own sources are read for their declarations, as a package's .d.ts would
 * be), so the times are what a project of these routes pays.
 *
 *   npm run bench:typecheck            # 100 routes
 *   npm run bench:typecheck -- 300     # another number of routes
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const scratch = path.join(root, 'node_modules/.cache/gatefold-typecheck-bench');
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const ERRORS = 10;

/** The generated modules: the router, the function without a client, the client's calls. */
function generate(routes) {
  const gatefold = JSON.stringify(path.relative(scratch, path.join(root, 'src/index.js')));
  const client = JSON.stringify(path.relative(scratch, path.join(root, 'src/client/index.js')));
  const lines = [
    `import * as t from 'io-ts';`,
    `import { err, ok } from 'neverthrow';`,
    `import { IntFromString, TaggedError, created, endpoint, errorMap, json, minLength, router } from ${gatefold};`,
  ];
  for (let e = 0; e < ERRORS; e++) {
    lines.push(`export class E${e} extends TaggedError('E${e}')<{ readonly id: string }> {}`);
  }
  const union = Array.from({ length: ERRORS }, (_, e) => `E${e}`).join(' | ');
  lines.push(
    `export const apiErrors = errorMap<${union}>({`,
    ...Array.from(
      { length: ERRORS },
      (_, e) => `  E${e}: { status: ${400 + e}, detail: (x) => x.id },`,
    ),
    `});`,
  );
  const chain = [];
  for (let i = 0; i < routes; i++) {
    const method = METHODS[i % METHODS.length];
    const a = `E${i % ERRORS}`;
    const b = `E${(i + 3) % ERRORS}`;
    lines.push(
      `const Item${i} = t.type({ id: t.string, name: t.string, kind: t.literal('k${i}'), n: t.number });`,
      `const route${i} = endpoint(`,
      `  {`,
      `    params: t.type({ id: t.string }),`,
      `    query: t.partial({ page: IntFromString, sort: t.keyof({ asc: null, desc: null }) }),`,
      ...(method === 'get' || method === 'delete'
        ? []
        : [`    body: t.type({ name: minLength(t.string, 1), n: t.number }),`]),
      `  },`,
      `  ({ params }) =>`,
      `    params.id === 'a' ? err(new ${a}({ id: params.id }))`,
      `    : params.id === 'b' ? err(new ${b}({ id: params.id }))`,
      method === 'post'
        ? `    : ok(created('/r${i}/1', { id: params.id, name: 'x', kind: 'k${i}' as const, n: ${i} })),`
        : `    : ok(json({ id: params.id, name: 'x', kind: 'k${i}' as const, n: ${i} })),`,
      `  { describe: { ${method === 'post' ? 'status: 201, ' : ''}response: Item${i} } },`,
      `);`,
    );
    chain.push(`  .${method}('/r${i}/{id}', route${i})`);
  }
  lines.push(`export const api = router({ errors: apiErrors })`, ...chain, `;`);
  const routerFile = lines.join('\n');

  const lambdaFile = [
    `import { toLambda } from ${gatefold};`,
    `import { api } from './api.js';`,
    `export const handler = toLambda(api);`,
  ].join('\n');

  const calls = [];
  for (let i = 0; i < routes; i++) {
    const method = METHODS[i % METHODS.length];
    const key = `${method.toUpperCase()} /r${i}/{id}`;
    const body = method === 'get' || method === 'delete' ? '' : `, body: { name: 'n', n: 1 }`;
    calls.push(
      `  shop.request('${key}', { params: { id: 'x' }, query: { page: '2' }${body} })`,
      `    .map((answer) => answer.body.kind)`,
      `    .mapErr((error) => (error.kind === 'domain' ? error._tag : error.kind)),`,
    );
  }
  const clientFile = [
    `import { client } from ${client};`,
    `import type { api } from './api.js';`,
    `import { apiErrors } from './api.js';`,
    `const shop = client<typeof api>({ baseUrl: 'https://api.example', errors: apiErrors });`,
    `export const calls = [`,
    ...calls,
    `];`,
  ].join('\n');
  return { routerFile, lambdaFile, clientFile };
}

/** Type-checks the files (their semantic diagnostics only) and reports the time it took. */
function measure(files) {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(root, 'tsconfig.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  );
  const started = performance.now();
  const program = ts.createProgram(files, { ...config?.options, noEmit: true });
  const diagnostics = files.flatMap((file) => [
    ...program.getSyntacticDiagnostics(program.getSourceFile(file)),
    ...program.getSemanticDiagnostics(program.getSourceFile(file)),
  ]);
  const ms = performance.now() - started;
  const checker = program.getTypeChecker();
  return {
    ms,
    instantiations: checker.getInstantiationCount?.() ?? 0,
    errors: diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')),
  };
}

if (process.argv[2] === '--measure') {
  const files = JSON.parse(process.argv[3]);
  process.stdout.write(JSON.stringify(measure(files)));
  process.exit(0);
}

const routes = Number(process.argv[2] ?? 100);
rmSync(scratch, { recursive: true, force: true });
mkdirSync(scratch, { recursive: true });
writeFileSync(path.join(scratch, 'package.json'), '{ "type": "module" }');
const { routerFile, lambdaFile, clientFile } = generate(routes);
const apiFile = path.join(scratch, 'api.ts');
const lambda = path.join(scratch, 'lambda.ts');
const calls = path.join(scratch, 'client.ts');
writeFileSync(apiFile, routerFile);
writeFileSync(lambda, lambdaFile);
writeFileSync(calls, clientFile);

/** One measurement in a fresh process, so that neither run warms the other. */
function run(files) {
  const child = spawnSync(
    process.execPath,
    [fileURLToPath(import.meta.url), '--measure', JSON.stringify(files)],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout);
}

const variants = {
  without: [apiFile, lambda],
  with: [apiFile, lambda, calls],
};
const best = {};
// Twice each, alternating, keeping the faster: the machine may be busy with something else.
for (let round = 0; round < 2; round++) {
  for (const [name, files] of Object.entries(variants)) {
    const result = run(files);
    if (result.errors.length > 0) {
      console.error(`The generated ${name}-client project does not type-check:`);
      for (const message of result.errors.slice(0, 10)) console.error(`  ${message}`);
      process.exit(1);
    }
    if (best[name] === undefined || result.ms < best[name].ms) best[name] = result;
  }
}
const ratio = best.with.ms / best.without.ms;
const lines = [
  `${String(routes)} routes (${readFileSync(apiFile, 'utf8').split('\n').length} lines), ${String(ERRORS)} domain errors; ${process.version}, TypeScript ${ts.version}`,
  `without the client: ${best.without.ms.toFixed(0)} ms, ${String(best.without.instantiations)} instantiations`,
  `with the client:    ${best.with.ms.toFixed(0)} ms, ${String(best.with.instantiations)} instantiations (a call per route)`,
  `ratio:              ${ratio.toFixed(2)} (goal: at most 2)`,
];
console.log(lines.join('\n'));
rmSync(scratch, { recursive: true, force: true });
process.exit(ratio <= 2 ? 0 : 1);
