import { defineConfig } from 'tsup';

// The file the mapping template engine (velocityjs) is built into, beside the code that loads it
// on demand (src/dev/mapping-templates.ts): named through a constant, so that neither this build
// nor a bundler of a user's Lambda handler follows the import and pulls the engine in.
const VELOCITY_FILE = { GATEFOLD_VELOCITY_FILE: JSON.stringify('./velocity.js') };

export default defineConfig([
  {
    // One entry per subpath of the package: the core, and one per capability.
    entry: {
      index: 'src/index.ts',
      middleware: 'src/middleware/index.ts',
      openapi: 'src/openapi/index.ts',
      integration: 'src/integration/index.ts',
      dev: 'src/dev/index.ts',
      'fp-ts': 'src/fp-ts.ts',
      streaming: 'src/streaming/index.ts',
      testing: 'src/testing/index.ts',
      client: 'src/client/index.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node22',
    treeshake: true,
    define: VELOCITY_FILE,
  },
  {
    // The `gatefold` command: ESM only, run by node. `yaml` is bundled in (only the command
    // needs it); its CommonJS build calls `require`, which an ES module gets from createRequire.
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    target: 'node22',
    sourcemap: true,
    define: VELOCITY_FILE,
    banner: {
      js: "import { createRequire as gatefoldCreateRequire } from 'node:module';\nconst require = gatefoldCreateRequire(import.meta.url);",
    },
  },
  {
    // velocityjs (MIT; its notice is kept at the top of the file), for `serve(…, { event:
    // 'custom' })`, `gatefold dev --event custom` and `invokeIntegration`: an ES module that both
    // the ESM and the CommonJS builds load with `import()` when a template is first rendered, so
    // that nobody installs it and nothing else loads it. Its `debug` dependency, whose Node.js
    // build `require`s built-in modules, is replaced by a silent stand-in.
    entry: { velocity: 'src/dev/velocity-engine.ts' },
    format: ['esm'],
    target: 'node22',
    sourcemap: true,
    esbuildOptions(options) {
      options.alias = { debug: './src/dev/silent-debug.ts' };
    },
  },
]);
