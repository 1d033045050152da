// The contenders, in the order every table lists them; the floor first, since every ratio is
// to it. `timed: false` ones are bundled and cold-started, not timed per invocation. `packages`
// are the ones whose installed versions the page names.
/* eslint-disable @typescript-eslint/explicit-module-boundary-types -- plain JavaScript, nothing to annotate */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const BENCH = path.resolve(import.meta.dirname, '..');

export const CONTENDERS = [
  { id: 'floor', label: 'hand-written (floor)', packages: [] },
  { id: 'gatefold', label: 'gatefold', packages: ['gatefold', 'io-ts', 'fp-ts', 'neverthrow'] },
  {
    id: 'middy',
    label: 'Middy',
    // Loaded when needed: Ajv's formats load Node's deprecated `punycode` (a warning under Node 22+).
    prepare: async (outDir) => (await import('./middy-transpile.mjs')).transpileMiddySchema(outDir),
    packages: [
      '@middy/core',
      '@middy/http-router',
      '@middy/http-json-body-parser',
      '@middy/validator',
      '@middy/http-error-handler',
      'ajv',
    ],
  },
  // Once loaded it runs the same code as `middy`: only its bundle and cold start differ.
  { id: 'middy-runtime', label: 'Middy, schema compiled at load', timed: false, packages: [] },
  {
    id: 'powertools',
    label: 'Powertools',
    packages: ['@aws-lambda-powertools/event-handler', 'zod'],
  },
  { id: 'hono', label: 'Hono', packages: ['hono', '@hono/zod-validator', 'zod'] },
].map((contender) => ({
  timed: true,
  ...contender,
  source: path.join(BENCH, 'contenders', `${contender.id}.mjs`),
}));

/** The contenders timed per invocation and for heap growth. */
export const TIMED = CONTENDERS.filter(({ timed }) => timed);

/** The installed version of each contender's packages, read from bench/node_modules. */
export function packageVersions() {
  const names = [...new Set(CONTENDERS.flatMap(({ packages }) => packages))];
  return Object.fromEntries(
    names.map((name) => {
      const file = path.join(BENCH, 'node_modules', name, 'package.json');
      return [name, JSON.parse(readFileSync(file, 'utf8')).version];
    }),
  );
}
