/**
 * What a bundler leaves out of a handler that does not use it. A module-level value whose
 * building a bundler cannot prove free of side effects (a property read, a template literal, a
 * call without a pure annotation) stays in every bundle: these tests bundle small handlers
 * against the built package (`dist/`, one module, so a bundler cannot drop whole files of it), as
 * users deploy them, and look for parts they never imported.
 */
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// `npm test` builds the package before it runs the tests.
const INDEX = path.resolve(import.meta.dirname, '../../dist/index.js');

async function bundled(source: string): Promise<string> {
  const result = await build({
    stdin: { contents: source, resolveDir: import.meta.dirname, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    mainFields: ['module', 'main'],
    logLevel: 'silent',
  });
  return result.outputFiles.map((file) => file.text).join('');
}

// A marker of each optional part: a name or text that appears only in that part.
const OPTIONAL_PARTS = {
  'text codecs': ["'IntFromString'", "'Uuid'", "'Trimmed'", "'NonEmptyString'"],
  'OpenAPI documents': ['x-amazon-apigateway-integration', 'JsonApiErrors'],
  'the custom integration': ['gatefold-integration/1', 'responseOverride'],
  middleware: ['Strict-Transport-Security', 'Access-Control-Allow-Origin'],
  'the local server': ['node:http'],
} as const;

function partsIn(code: string): string[] {
  return Object.entries(OPTIONAL_PARTS)
    .filter(([, markers]) => markers.some((marker) => code.includes(marker.replaceAll("'", '"'))))
    .map(([part]) => part);
}

describe('a bundled handler', () => {
  it('holds none of the optional parts when it uses none', async () => {
    const code = await bundled(
      `import { ok } from 'neverthrow';
       import { json, router, toLambda } from ${JSON.stringify(INDEX)};
       export const handler = toLambda(router().get('/health', () => ok(json({ status: 'ok' }))));`,
    );
    expect(code).toContain('/health');
    expect(partsIn(code)).toStrictEqual([]);
  });

  it('holds the one part it uses', async () => {
    const code = await bundled(
      `import * as t from 'io-ts';
       import { ok } from 'neverthrow';
       import { IntFromString, endpoint, json, toLambda } from ${JSON.stringify(INDEX)};
       export const handler = toLambda(
         endpoint({ query: t.type({ page: IntFromString }) }, ({ query }) => ok(json(query))),
       );`,
    );
    expect(partsIn(code)).toStrictEqual(['text codecs']);
  });
});
