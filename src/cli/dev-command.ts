import { spawn } from 'node:child_process';
import type { LambdaFunction } from '../dev/serve.js';
import type { LocalEventKind } from '../dev/to-event.js';
import { serve } from '../dev/serve.js';
import { oneOf, parseCommand, portNumber } from './arguments.js';
import { CliError } from './cli-error.js';
import { DEV_HELP } from './help.js';
import { exportedFunction, loadModule } from './load-module.js';
import { adaptedFacts } from '../_internals/adapted.js';
import { isStreamingFunction } from '../streaming/wire.js';

const EVENT_KINDS: readonly LocalEventKind[] = [
  'rest',
  'http',
  'url',
  'alb',
  'alb-multi',
  'custom',
];

const OPTIONS = {
  port: { type: 'string' },
  event: { type: 'string' },
  export: { type: 'string' },
  watch: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The error a failed `listen` rejects with, as one line that says what to do. */
function listenFailure(error: unknown, port: number): CliError {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EADDRINUSE') {
    return new CliError(
      `gatefold dev: port ${String(port)} is in use; pick another with --port <n> (0 picks a free one)`,
      1,
    );
  }
  if (code === 'EACCES') {
    return new CliError(
      `gatefold dev: not allowed to listen on port ${String(port)}; pick one above 1023 with --port <n>`,
      1,
    );
  }
  return new CliError(
    `gatefold dev: cannot listen on port ${String(port)}: ${error instanceof Error ? error.message : String(error)}`,
    1,
  );
}

/**
 * Runs this same command again under `node --watch`, which restarts it whenever the module or
 * any file it imports changes, and ends when it ends.
 */
function restartOnChange(args: readonly string[]): Promise<number> {
  const script = process.argv[1] ?? '';
  const child = spawn(
    process.execPath,
    [...process.execArgv, '--watch', script, 'dev', ...args.filter((arg) => arg !== '--watch')],
    { stdio: 'inherit' },
  );
  const forward = (signal: NodeJS.Signals): void => {
    child.kill(signal);
  };
  process.on('SIGTERM', forward);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      process.off('SIGTERM', forward);
      resolve(code ?? (signal === null ? 1 : 0));
    });
  });
}

/** `gatefold dev <module>`: serves a module's Lambda handler on localhost. */
export async function devCommand(args: readonly string[]): Promise<number> {
  const { module, values } = parseCommand('dev', args, OPTIONS);
  if (values['help'] === true) {
    process.stdout.write(DEV_HELP);
    return 0;
  }
  if (module === undefined) {
    throw new CliError(
      'gatefold dev: name the module to serve, as in gatefold dev src/handler.ts (see gatefold dev --help)',
    );
  }
  const portOption = values['port'] as string | undefined;
  const port = portNumber(
    'dev',
    portOption ?? process.env['PORT'] ?? '3000',
    portOption === undefined && process.env['PORT'] !== undefined ? 'PORT' : '--port',
  );
  const eventOption = values['event'] as string | undefined;
  const given =
    eventOption === undefined ? undefined : oneOf('dev', 'event', eventOption, EVENT_KINDS);
  if (values['watch'] === true) return restartOnChange(args);
  const name = (values['export'] as string | undefined) ?? 'handler';
  const loaded = await loadModule('dev', module);
  const handler = exportedFunction('dev', module, loaded, name) as LambdaFunction;
  // Without --event, a function toLambdaIntegration made is served through its custom
  // integration (the registry sees it whichever copy of gatefold the module imported).
  const kind = given ?? (adaptedFacts(handler)?.integration === 'custom' ? 'custom' : 'rest');
  let server: Awaited<ReturnType<typeof serve>>;
  try {
    server = await serve(handler, { port, event: kind });
  } catch (error) {
    // A system error is the port's; anything else, the function's API that could not be set up.
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string') throw listenFailure(error, port);
    throw new CliError(
      `gatefold dev: cannot serve ${module} as ${kind} events: ${error instanceof Error ? error.message : String(error)}`,
      1,
    );
  }
  const through = loaded.loader === 'node' ? '' : ` (through ${loaded.loader})`;
  // A streaming function streams only as a Function URL or REST API event (docs/streaming.md).
  const streaming = isStreamingFunction(handler)
    ? kind === 'url' || kind === 'rest'
      ? ', streaming'
      : `, streaming, which ${kind} events cannot carry: use --event url or rest`
    : '';
  console.log(`gatefold: ${module}${through} as ${kind} events${streaming} at ${server.url}`);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 0;
}
