#!/usr/bin/env node
/**
 * `gatefold dev <module> [--port 3000] [--event rest|http|url|alb|alb-multi] [--export handler]`:
 * serves a module's exported Lambda handler on localhost. A TypeScript module needs a loader:
 * `node --import tsx node_modules/gatefold/dist/cli.js dev src/handler.ts`, or `npx tsx`.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { LambdaFunction } from './dev/serve.js';
import type { LocalEventKind } from './dev/to-event.js';
import { serve } from './dev/serve.js';

const KINDS: readonly LocalEventKind[] = ['rest', 'http', 'url', 'alb', 'alb-multi'];
const USAGE =
  'usage: gatefold dev <module> [--port 3000] [--event rest|http|url|alb|alb-multi] [--export handler]';

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string', default: process.env['PORT'] ?? '3000' },
      event: { type: 'string', default: 'rest' },
      export: { type: 'string', default: 'handler' },
    },
  });
  const [command, modulePath] = positionals;
  const kind = values.event as LocalEventKind;
  const port = Number(values.port);
  if (
    command !== 'dev' ||
    modulePath === undefined ||
    !KINDS.includes(kind) ||
    !Number.isInteger(port)
  ) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const loaded = (await import(pathToFileURL(resolve(modulePath)).href)) as Record<string, unknown>;
  const handler = loaded[values.export];
  if (typeof handler !== 'function') {
    console.error(`${modulePath} has no exported function "${values.export}".`);
    process.exitCode = 2;
    return;
  }
  const server = await serve(handler as LambdaFunction, { port, event: kind });
  console.log(`gatefold: ${modulePath} as ${kind} events at ${server.url}`);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await main();
