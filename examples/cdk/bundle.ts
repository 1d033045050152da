/**
 * Bundles the shop handlers (`examples/shop/handler.ts` and the streaming `stream.ts`) with their
 * dependencies into ES modules, `handler.mjs` and `stream.mjs`, the files Lambda loads for the
 * handlers `handler.handler` and `stream.handler`. tsup (esbuild) runs here, before CDK, so that
 * the stack only points at a finished directory.
 */
import path from 'node:path';
import { build } from 'tsup';

const entry = path.resolve(import.meta.dirname, '../shop/handler.ts');
const streamEntry = path.resolve(import.meta.dirname, '../shop/stream.ts');

/** Writes `handler.mjs` and `stream.mjs` (and source maps) into `outDir`; returns `outDir`. */
export async function bundleShopHandler(outDir: string): Promise<string> {
  await build({
    config: false, // the library's own tsup.config.ts builds something else
    entry: { handler: entry, stream: streamEntry },
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
