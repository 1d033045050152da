import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Context } from 'aws-lambda';
import type { SourceAnswer } from './source-answers.js';
import { FUNCTION_FAILED } from './source-answers.js';
import { prepare } from './prepare.js';
import type { CustomSetup } from './serve-custom.js';
import { answerCustom, customSetup } from './serve-custom.js';
import type { LocalEventKind, ProxyEventKind } from './to-event.js';
import { adaptedFacts } from '../_internals/adapted.js';
import { isStreamingFunction } from '../streaming/wire.js';
import { answerStreaming } from './serve-streaming.js';

/** Any Lambda HTTP handler: what `toLambda` returns, or one of your own. */
export type LambdaFunction = (event: never, context: Context) => Promise<unknown>;

/**
 * A streaming Lambda function: what `toStreamingLambda` returns. It is served with a local
 * response stream that reads the bytes it writes as a Function URL or a REST API does.
 */
export type StreamingLambdaFunction = (
  event: never,
  responseStream: never,
  context: Context,
) => Promise<unknown>;

/** Local server settings. */
export interface ServeOptions {
  /** 3000 by default; 0 picks a free port. */
  readonly port?: number;
  /** `127.0.0.1` by default. */
  readonly host?: string;
  /**
   * The event kind each request becomes: `rest`, `http`, `url`, `alb`, `alb-multi`, or `custom`
   * (through the REST API `openApiDocument(handler)` configures for a custom integration: its
   * request template, selection patterns and response templates). By default `custom` for a
   * function `toLambdaIntegration` made, `rest` for any other.
   */
  readonly event?: LocalEventKind;
  /** The function's timeout, for `context.getRemainingTimeInMillis()`; 30 s by default. */
  readonly timeoutMs?: number;
  /** Called with one line per request; `console.log` by default, `false` for silence. */
  readonly log?: ((line: string) => void) | false;
}

/** A running local server. */
export interface LocalServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

function fakeContext(timeoutMs: number): Context {
  const started = Date.now();
  const id = randomUUID();
  // The Context type still lists the callback-era done/fail/succeed; they do nothing here.
  const legacy = { done: () => undefined, fail: () => undefined, succeed: () => undefined };
  return {
    ...legacy,
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'local',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:local',
    memoryLimitInMB: '1024',
    awsRequestId: id,
    logGroupName: '/aws/lambda/local',
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (Date.now() - started)),
  };
}

/** @internal A proxy result of any kind, or a streaming function's metadata prelude. */
export interface ProxyResult {
  readonly statusCode?: number;
  readonly headers?: Record<string, unknown>;
  readonly multiValueHeaders?: Record<string, unknown>;
  readonly cookies?: readonly string[];
  readonly body?: string;
  readonly isBase64Encoded?: boolean;
}

/**
 * @internal Sets the status and headers of a proxy result (or a streaming function's prelude) on
 * the response, as API Gateway, a Function URL or the ALB would send them.
 */
export function writeHead(result: ProxyResult, response: ServerResponse): void {
  const headers = new Map<string, string[]>();
  const add = (name: string, value: unknown): void => {
    const list = headers.get(name.toLowerCase()) ?? [];
    for (const item of Array.isArray(value) ? value : [value]) list.push(String(item));
    headers.set(name.toLowerCase(), list);
  };
  for (const [name, value] of Object.entries(result.headers ?? {})) add(name, value);
  // Payload 1.0: values in multiValueHeaders replace the same header in headers.
  for (const [name, value] of Object.entries(result.multiValueHeaders ?? {})) {
    headers.delete(name.toLowerCase());
    add(name, value);
  }
  for (const cookie of result.cookies ?? []) add('set-cookie', cookie);
  response.statusCode = result.statusCode ?? 200;
  for (const [name, values] of headers)
    response.setHeader(name, values.length === 1 ? (values[0] ?? '') : values);
}

/** @internal Writes a proxy result of any kind as the HTTP response its source would send. */
export function writeResult(result: ProxyResult, response: ServerResponse): void {
  writeHead(result, response);
  const body =
    result.body === undefined
      ? Buffer.alloc(0)
      : Buffer.from(result.body, result.isBase64Encoded === true ? 'base64' : 'utf8');
  response.end(body);
}

// How long a connection whose body was refused unread stays open after the answer: long enough
// for the client to read the answer, not to send hundreds of megabytes more.
const LINGER_MS = 1000;

/**
 * Sends what the source answers by itself. When the body was not read to its end (`unread`), the
 * rest of it flows by into nothing until the client stops sending or `LINGER_MS` has passed, then
 * the connection is closed: closing at once, while the client is still writing, can make it lose
 * the answer (a reset instead of a 413), as it does node's own client.
 */
function writeSourceAnswer(
  answer: SourceAnswer,
  request: IncomingMessage,
  response: ServerResponse,
  unread: boolean,
): void {
  response.statusCode = answer.status;
  for (const name of Object.keys(answer.headers)) {
    response.setHeader(name, answer.headers[name] ?? '');
  }
  response.end(answer.body);
  if (!unread) return;
  response.once('finish', () => {
    if (request.complete) return;
    const timer = setTimeout(() => request.socket.destroy(), LINGER_MS);
    timer.unref();
    request.once('end', () => {
      clearTimeout(timer);
    });
  });
}

type Answer = (request: IncomingMessage, response: ServerResponse) => Promise<void>;
type Log = ((line: string) => void) | undefined;

/** Each request as a proxy event of `kind`, each result as the source writes it. */
function throughProxy(
  kind: ProxyEventKind,
  handler: LambdaFunction | StreamingLambdaFunction,
  timeoutMs: number,
  log: Log,
): Answer {
  return async (request, response) => {
    const prepared = await prepare(kind, request);
    if ('answer' in prepared) {
      writeSourceAnswer(prepared.answer, request, response, prepared.unread);
      log?.(`refused before the function: ${prepared.reason}`);
      return;
    }
    if (isStreamingFunction(handler)) {
      await answerStreaming(kind, handler, prepared.event, fakeContext(timeoutMs), response);
      return;
    }
    const buffered = handler as LambdaFunction;
    const result = (await buffered(prepared.event as never, fakeContext(timeoutMs))) as ProxyResult;
    writeResult(result, response);
  };
}

/** Each request through the REST API a custom integration function is deployed behind. */
function throughCustomIntegration(
  setup: CustomSetup,
  handler: LambdaFunction,
  timeoutMs: number,
  log: Log,
): Answer {
  return async (request, response) => {
    const outcome = await answerCustom(setup, handler, request, fakeContext(timeoutMs));
    writeSourceAnswer(outcome.answer, request, response, outcome.unread);
    if (outcome.refused !== undefined) log?.(`refused before the function: ${outcome.refused}`);
    if (outcome.failure !== undefined) log?.(`handler failed: ${outcome.failure}`);
  };
}

/**
 * Serves a Lambda HTTP handler on node:http: each request becomes a real event of the chosen kind,
 * built as AWS builds it, and each result becomes the HTTP response the source would send.
 *
 * @example
 * ```ts
 * import { ok } from 'neverthrow';
 * import { toLambda } from 'gatefold';
 * import { serve } from 'gatefold/dev';
 *
 * const server = await serve(toLambda(() => ok({ hello: 'world' })), { port: 3000, event: 'http' });
 * console.log(`listening on ${server.url}`);
 * ```
 */
export async function serve(
  handler: LambdaFunction | StreamingLambdaFunction,
  options: ServeOptions = {},
): Promise<LocalServer> {
  const kind =
    options.event ?? (adaptedFacts(handler)?.integration === 'custom' ? 'custom' : 'rest');
  const timeoutMs = options.timeoutMs ?? 30_000;
  const log =
    options.log === false
      ? undefined
      : (options.log ??
        ((line: string) => {
          console.log(line);
        }));
  // For `custom`, the function's API is described and the template engine loaded before the
  // server listens: a handler that cannot be described fails here, not on its first request.
  if (kind === 'custom' && isStreamingFunction(handler)) {
    throw new TypeError(
      'serve: a streaming function cannot be served as `custom` events: a custom integration does not stream. Serve it as `url` or `rest` events.',
    );
  }
  const answer =
    kind === 'custom'
      ? throughCustomIntegration(
          await customSetup(handler),
          handler as LambdaFunction,
          timeoutMs,
          log,
        )
      : throughProxy(kind, handler, timeoutMs, log);
  const server = createServer((request, response) => {
    const started = performance.now();
    void (async () => {
      try {
        await answer(request, response);
      } catch (error) {
        writeSourceAnswer(FUNCTION_FAILED, request, response, false);
        log?.(`handler failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      log?.(
        `${request.method ?? 'GET'} ${request.url ?? '/'} → ${String(response.statusCode)} (${(performance.now() - started).toFixed(1)} ms)`,
      );
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3000, options.host ?? '127.0.0.1', () => {
      resolve();
    });
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${String(port)}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error === undefined) resolve();
          else reject(error);
        });
        server.closeAllConnections();
      }),
  };
}
