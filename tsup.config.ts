import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node22',
    treeshake: true,
  },
  {
    // The `gatefold` command: ESM only, run by node. `yaml` is bundled in (only the command
    // needs it); its CommonJS build calls `require`, which an ES module gets from createRequire.
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    target: 'node22',
    sourcemap: true,
    banner: {
      js: "import { createRequire as gatefoldCreateRequire } from 'node:module';\nconst require = gatefoldCreateRequire(import.meta.url);",
    },
  },
]);
