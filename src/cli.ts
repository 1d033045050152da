#!/usr/bin/env node
/**
 * The `gatefold` command: `gatefold dev <module>` serves a module's Lambda handler on localhost,
 * `gatefold openapi <module>` prints the OpenAPI document of a handler or router. `gatefold --help`
 * lists the options. TypeScript modules run through Node's type stripping, or tsx when installed.
 */
import { runCli } from './cli/run.js';

// This file is `src/cli.ts` in the repository and `dist/cli.js` in the package: the manifest is
// one folder up from either.
process.exitCode = await runCli(process.argv.slice(2), new URL('../package.json', import.meta.url));
