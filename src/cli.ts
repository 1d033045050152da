#!/usr/bin/env node
/**
 * The `gatefold` command:
 * - `gatefold dev <module> [--port 3000] [--event rest|http|url|alb|alb-multi] [--export handler]`
 *   serves a module's exported Lambda handler on localhost;
 * - `gatefold openapi <module> [--export handler] [--integration proxy|custom]
 *   [--format json|yaml] [--title T] [--api-version V] [--function-arn ARN]
 *   [--function-resource ID] [--request-validation params|all] [--output FILE]` prints (or writes)
 *   the OpenAPI document of a module's exported handler or router.
 * A TypeScript module needs a loader: `node --import tsx node_modules/gatefold/dist/cli.js …`.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify as toYaml } from 'yaml';
import type { LambdaFunction } from './dev/serve.js';
import type { LocalEventKind } from './dev/to-event.js';
import type { OpenApiOptions } from './openapi/document.js';
import { serve } from './dev/serve.js';
import { openApiDocument } from './openapi/document.js';

const KINDS: readonly LocalEventKind[] = ['rest', 'http', 'url', 'alb', 'alb-multi'];
const USAGE = [
  'usage: gatefold dev <module> [--port 3000] [--event rest|http|url|alb|alb-multi] [--export handler]',
  '       gatefold openapi <module> [--export handler] [--integration proxy|custom] [--format json|yaml]',
  '                        [--title T] [--api-version V] [--function-arn ARN] [--function-resource ID]',
  '                        [--request-validation params|all] [--output FILE]',
].join('\n');

function usage(message?: string): void {
  if (message !== undefined) console.error(message);
  console.error(USAGE);
  process.exitCode = 2;
}

async function loadExport(modulePath: string, name: string): Promise<unknown> {
  const loaded = (await import(pathToFileURL(resolve(modulePath)).href)) as Record<string, unknown>;
  return loaded[name];
}

async function dev(modulePath: string, args: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      port: { type: 'string', default: process.env['PORT'] ?? '3000' },
      event: { type: 'string', default: 'rest' },
      export: { type: 'string', default: 'handler' },
    },
  });
  const kind = values.event as LocalEventKind;
  const port = Number(values.port);
  if (!KINDS.includes(kind) || !Number.isInteger(port)) {
    usage();
    return;
  }
  const handler = await loadExport(modulePath, values.export);
  if (typeof handler !== 'function') {
    usage(`${modulePath} has no exported function "${values.export}".`);
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

async function openapi(modulePath: string, args: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      export: { type: 'string', default: 'handler' },
      integration: { type: 'string' },
      format: { type: 'string', default: 'json' },
      title: { type: 'string' },
      'api-version': { type: 'string' },
      'function-arn': { type: 'string' },
      'function-resource': { type: 'string' },
      'request-validation': { type: 'string' },
      output: { type: 'string' },
    },
  });
  const integration = values.integration;
  const validation = values['request-validation'];
  if (
    (integration !== undefined && integration !== 'proxy' && integration !== 'custom') ||
    (values.format !== 'json' && values.format !== 'yaml') ||
    (validation !== undefined && validation !== 'params' && validation !== 'all')
  ) {
    usage();
    return;
  }
  const target = await loadExport(modulePath, values.export);
  if (typeof target !== 'function') {
    usage(`${modulePath} has no exported function "${values.export}".`);
    return;
  }
  const options: OpenApiOptions = {
    ...(values.title === undefined ? {} : { title: values.title }),
    ...(values['api-version'] === undefined ? {} : { version: values['api-version'] }),
    ...(integration === undefined ? {} : { integration: integration }),
    ...(values['function-arn'] === undefined ? {} : { functionArn: values['function-arn'] }),
    ...(values['function-resource'] === undefined
      ? {}
      : { functionResource: values['function-resource'] }),
    ...(validation === undefined ? {} : { requestValidation: validation }),
  };
  const document = openApiDocument(target, options);
  const text =
    // No anchors and aliases: API Gateway's importer reads plain YAML.
    values.format === 'yaml'
      ? toYaml(document, { aliasDuplicateObjects: false })
      : `${JSON.stringify(document, null, 2)}\n`;
  if (values.output === undefined) process.stdout.write(text);
  else await writeFile(values.output, text);
}

async function main(): Promise<void> {
  const [command, modulePath, ...rest] = process.argv.slice(2);
  if (modulePath === undefined || modulePath.startsWith('-')) {
    usage();
    return;
  }
  if (command === 'dev') await dev(modulePath, rest);
  else if (command === 'openapi') await openapi(modulePath, rest);
  else usage();
}

await main();
