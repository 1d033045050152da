// Each contender's handler bundled as it would be deployed: esbuild, ESM for Node 22, minified,
// every dependency inlined. The metafile says what each bundle is made of.
/* eslint-disable @typescript-eslint/explicit-module-boundary-types -- plain JavaScript, nothing to annotate */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/**
 * The package a bundled input file belongs to, `app` for the bench's own code, `generated` for
 * code the bench generated before bundling (Middy's transpiled schema).
 */
function packageOf(input) {
  const at = input.lastIndexOf('node_modules/');
  if (at < 0) return input.startsWith('out/') ? 'generated' : 'app';
  const [scope, name] = input.slice(at + 'node_modules/'.length).split('/');
  return scope.startsWith('@') ? `${scope}/${name}` : scope;
}

/** Bytes each package contributes to the output, largest first. */
function contents(output) {
  const byPackage = new Map();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const name = packageOf(input);
    byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
  }
  return [...byPackage]
    .map(([name, bytes]) => ({ name, bytes }))
    .filter(({ bytes }) => bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
}

/**
 * Bundles every contender into `outDir` (`<id>.mjs`, minified) and returns, per contender, the
 * bundle's path, its size minified and gzipped, and its contents by package.
 */
export async function bundleAll(contenders, outDir, { minify = true } = {}) {
  mkdirSync(outDir, { recursive: true });
  const bundles = {};
  for (const contender of contenders) {
    await contender.prepare?.(outDir);
    const outfile = path.join(outDir, `${contender.id}${minify ? '' : '.debug'}.mjs`);
    const result = await build({
      entryPoints: [contender.source],
      outfile,
      bundle: true,
      minify,
      sourcemap: minify ? false : 'inline',
      platform: 'node',
      format: 'esm',
      target: 'node22',
      // ES modules first where a package ships both (io-ts, fp-ts): ESM output, and only ES
      // modules can be tree-shaken. The same setting for every contender.
      mainFields: ['module', 'main'],
      metafile: true,
      logLevel: 'warning',
      // Some dependencies still call require() for Node built-ins from ESM output.
      banner: {
        js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
      },
    });
    const code = readFileSync(outfile);
    const output = Object.values(result.metafile.outputs)[0];
    bundles[contender.id] = {
      file: outfile,
      bytes: code.length,
      gzipBytes: gzipSync(code).length,
      contents: contents(output),
    };
  }
  return bundles;
}
