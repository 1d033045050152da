// Each contender's handler bundled as it would be deployed: esbuild, ESM for Node 22, minified,
// every dependency inlined, ES modules first where a package ships both (`mainFields: ['module',
// 'main']`, as CDK's NodejsFunction documents it). That bundle is the one every measurement runs.
// Each contender is bundled a second time with esbuild's own defaults for `platform: 'node'`
// (`main` before `module`, which takes the CommonJS builds of fp-ts and io-ts whole), for its
// size only. The metafile says what each bundle is made of.
/* eslint-disable @typescript-eslint/explicit-module-boundary-types -- plain JavaScript, nothing to annotate */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const BENCH = path.resolve(import.meta.dirname, '..');

/** The two settings of `mainFields` the bench bundles with. */
export const MAIN_FIELDS = {
  esmFirst: ['module', 'main'],
  // esbuild's default for `platform: 'node'`.
  esbuildDefaults: ['main', 'module'],
};

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

/** The esbuild options every bundle shares; `mainFields` is the one setting that varies. */
function options(contender, minify, mainFields) {
  return {
    entryPoints: [contender.source],
    // Metafile inputs relative to bench/: `node_modules/…`, `app/…`, `out/…`.
    absWorkingDir: BENCH,
    bundle: true,
    minify,
    sourcemap: minify ? false : 'inline',
    platform: 'node',
    format: 'esm',
    target: 'node22',
    mainFields,
    metafile: true,
    logLevel: 'warning',
    // Some dependencies still call require() for Node built-ins from ESM output.
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  };
}

/** Minified and gzipped size of a bundle's code. */
const sizes = (code) => ({ bytes: code.length, gzipBytes: gzipSync(code).length });

/**
 * Bundles every contender into `outDir` (`<id>.mjs`, minified, ES modules first) and returns, per
 * contender, the bundle's path, its size minified and gzipped, and its contents by package. With
 * `esbuildDefaults`, each also gets `esbuildDefaults`: the sizes of the same handler bundled with
 * esbuild's default main fields (not written to disk, never run).
 */
export async function bundleAll(
  contenders,
  outDir,
  { minify = true, esbuildDefaults = false } = {},
) {
  mkdirSync(outDir, { recursive: true });
  const bundles = {};
  for (const contender of contenders) {
    await contender.prepare?.(outDir);
    const outfile = path.join(outDir, `${contender.id}${minify ? '' : '.debug'}.mjs`);
    const result = await build({ ...options(contender, minify, MAIN_FIELDS.esmFirst), outfile });
    const output = Object.values(result.metafile.outputs)[0];
    bundles[contender.id] = {
      file: outfile,
      ...sizes(readFileSync(outfile)),
      contents: contents(output),
    };
    if (esbuildDefaults) {
      const other = await build({
        ...options(contender, minify, MAIN_FIELDS.esbuildDefaults),
        outfile: path.join(outDir, `${contender.id}.esbuild-defaults.mjs`),
        write: false,
      });
      bundles[contender.id].esbuildDefaults = sizes(other.outputFiles[0].contents);
    }
  }
  return bundles;
}
