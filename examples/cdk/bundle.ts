/**
 * Bundles the shop handler (`examples/shop/handler.ts`) with its dependencies into one ES module,
 * `handler.mjs`, the file Lambda loads for the handler `handler.handler`. tsup (esbuild) runs
 * here, before CDK, so that the stack only points at a finished directory.
 */
import path from 'node:path';
import { build } from 'tsup';

const entry = path.resolve(import.meta.dirname, '../shop/handler.ts');

/** Writes `handler.mjs` (and its source map) into `outDir` and returns `outDir`. */
export async function bundleShopHandler(outDir: string): Promise<string> {
  await build({
    config: false, // the library's own tsup.config.ts builds something else
    entry: { handler: entry },
    outDir,
    format: ['esm'],
    outExtension: () => ({ js: '.mjs' }),
    platform: 'node',
    target: 'node22',
    // Lambda gets one file: neverthrow, io-ts and fp-ts go into the bundle.
    noExternal: [/.*/],
    minify: true,
    sourcemap: true,
    silent: true,
  });
  return outDir;
}
