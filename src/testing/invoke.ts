import type { Context } from 'aws-lambda';
import { AsyncLocalStorage } from 'node:async_hooks';
import { inspect } from 'node:util';
import type { HttpEvent } from '../events/kinds.js';
import type { LineCapture, LineKind, LineSink, LogLevel } from '../logger.js';
import { detectEventKind } from '../events/kinds.js';
import { lineCapture } from '../logger.js';
import { fakeContext } from './context.js';

/**
 * A Lambda HTTP handler for events of type `Ev`: what `toLambda` returns, or any hand-written
 * handler that returns (or resolves to) an API Gateway, Function URL or ALB result.
 *
 * @example
 * ```ts
 * import type { APIGatewayProxyEvent } from 'aws-lambda';
 * import type { InvokableHandler } from 'gatefold/testing';
 *
 * const handler: InvokableHandler<APIGatewayProxyEvent> = async () => ({ statusCode: 204, body: '' });
 * ```
 */
export type InvokableHandler<Ev extends HttpEvent = HttpEvent> = (
  event: Ev,
  context: Context,
) => unknown;

/**
 * A line the default console logger (`consoleLogger`) wrote during an {@link invoke}: the JSON
 * line parsed, its `level` first, then the record's `message` and fields.
 *
 * @example
 * ```ts
 * import type { InvokeLogRecord } from 'gatefold/testing';
 *
 * const logged: InvokeLogRecord = {
 *   level: 'info',
 *   message: 'Answered 404: a client error',
 *   status: 404,
 * };
 * ```
 */
export interface InvokeLogRecord {
  /** The level it was logged at. */
  readonly level: LogLevel;
  readonly message: string;
  readonly [field: string]: unknown;
}

/**
 * A CloudWatch EMF metrics line (the `metrics` option) that would have gone to standard output
 * during an {@link invoke}: the EMF document parsed, marked `level: 'metrics'`.
 *
 * @example
 * ```ts
 * import type { InvokeMetricsLine } from 'gatefold/testing';
 *
 * const line: InvokeMetricsLine = { level: 'metrics', Route: 'GET /users/{id}', Requests: 1 };
 * ```
 */
export interface InvokeMetricsLine {
  /** Not a log level: marks the line as an EMF document. */
  readonly level: 'metrics';
  readonly [field: string]: unknown;
}

/**
 * A line an {@link invoke} captured: a log record, or (`level: 'metrics'`) an EMF metrics line.
 *
 * @example
 * ```ts
 * import type { InvokeLog } from 'gatefold/testing';
 *
 * const messages = (logs: readonly InvokeLog[]): string[] =>
 *   logs.flatMap((log) => (log.level === 'metrics' ? [] : [log.message]));
 * ```
 */
export type InvokeLog = InvokeLogRecord | InvokeMetricsLine;

/**
 * A handler's result, the same shape whatever the event kind.
 *
 * @example
 * ```ts
 * import { invoke, restApiEvent, type InvokeResponse } from 'gatefold/testing';
 * import { handler } from '../src/handler.js';
 *
 * const response: InvokeResponse = await invoke(handler, restApiEvent({ path: '/users' }));
 * ```
 */
export interface InvokeResponse {
  /** The status code. */
  readonly status: number;
  /**
   * Headers by lower-cased name; a header with several values (`multiValueHeaders`) has them
   * joined with `", "`. `Set-Cookie` is never here: see `cookies`.
   */
  readonly headers: Readonly<Record<string, string>>;
  /** Every `Set-Cookie` value, from payload 2.0 `cookies` or from `set-cookie` headers. */
  readonly cookies: readonly string[];
  /** The body as text (UTF-8, decoded from base64 when the result said `isBase64Encoded`). */
  readonly body: string;
  /** The body's bytes (decoded from base64 when the result said `isBase64Encoded`). */
  readonly bytes: Uint8Array;
  /** The body parsed as JSON; throws a readable error when it is not JSON. */
  json(): unknown;
  /** The result exactly as the handler returned it. */
  readonly raw: unknown;
  /**
   * What the invocation printed through the default console logger (`consoleLogger`) and the
   * default EMF metrics writer, in order — captured, and not printed. A handler built with a
   * logger of its own logs to it as always, and nothing of it is here.
   */
  readonly logs: readonly InvokeLog[];
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function headerText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function put<V>(target: Record<string, V>, key: string, value: V): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/**
 * @internal Headers and cookies from `headers` and `multiValueHeaders`. As API Gateway does when
 * both are set, a name in `multiValueHeaders` takes its values from there only.
 */
export function readHeaders(
  result: Record<string, unknown>,
  cookies: string[],
): Record<string, string> {
  const lists = new Map<string, string[]>();
  const append = (name: string, values: readonly unknown[]): void => {
    const key = name.toLowerCase();
    const texts = values.map(headerText).filter((text): text is string => text !== undefined);
    const list = lists.get(key);
    if (list === undefined) lists.set(key, texts);
    else list.push(...texts);
  };
  const multi = asRecord(result['multiValueHeaders']) ?? {};
  for (const name of Object.keys(multi)) {
    const values = multi[name];
    append(name, Array.isArray(values) ? (values as unknown[]) : [values]);
  }
  const fromMulti = new Set(Object.keys(multi).map((name) => name.toLowerCase()));
  const single = asRecord(result['headers']) ?? {};
  for (const name of Object.keys(single)) {
    if (!fromMulti.has(name.toLowerCase())) append(name, [single[name]]);
  }
  const headers: Record<string, string> = {};
  for (const [name, values] of lists) {
    if (name === 'set-cookie') cookies.push(...values);
    else if (values.length > 0) put(headers, name, values.join(', '));
  }
  return headers;
}

/** The lines of one invocation: parsed for its response, and as printed, for a throw. */
class Lines implements LineSink {
  readonly logs: InvokeLog[] = [];
  readonly printed: { readonly kind: LineKind; readonly line: string }[] = [];
  private open = true;

  take(kind: LineKind, line: string): boolean {
    // A line logged after `invoke` returned is printed, as it would have been without it.
    if (!this.open) return false;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      return false;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return false;
    // `level` first, as the console logger writes it, and always the level it was logged at.
    this.logs.push(Object.assign({ level: kind }, parsed, { level: kind }) as InvokeLog);
    this.printed.push({ kind, line });
    return true;
  }

  /** Stops taking lines: later ones are printed. */
  close(): readonly InvokeLog[] {
    this.open = false;
    return this.logs;
  }

  /** Prints what was taken, as the console logger and the metrics writer would have. */
  print(): void {
    for (const { kind, line } of this.printed) {
      if (kind === 'metrics') process.stdout.write(`${line}\n`);
      else console[kind](line);
    }
  }
}

/**
 * The capture `invoke` runs handlers in, shared with every copy of gatefold loaded in the
 * process (made by the first that asks), so that a handler built from another copy is captured
 * too. Made on the first `invoke`, not when the module loads.
 */
function captureStorage(): LineCapture {
  return lineCapture(() => new AsyncLocalStorage<LineSink>());
}

/** @internal What {@link captureLines} returns: the call's value and the lines it logged. */
export interface Captured<T> {
  readonly value: T;
  readonly logs: readonly InvokeLog[];
  /** Prints the lines, as they would have been printed without the capture. */
  readonly print: () => void;
}

/**
 * @internal Runs `call` (and everything it starts) with the lines of the default console logger
 * and the default EMF writer captured, not printed. A throw or rejection is passed on, after the
 * lines captured until then are printed; a line logged after the call settled is printed.
 */
export async function captureLines<T>(call: () => T): Promise<Captured<Awaited<T>>> {
  const lines = new Lines();
  try {
    const value = await captureStorage().run(lines, call);
    return {
      value,
      logs: lines.close(),
      print: () => {
        lines.print();
      },
    };
  } catch (thrown) {
    lines.close();
    lines.print();
    throw thrown;
  }
}

function response(
  raw: unknown,
  status: number,
  headers: Record<string, string>,
  cookies: readonly string[],
  body: string,
  isBase64Encoded: boolean,
  logs: readonly InvokeLog[],
): InvokeResponse {
  const buffer = Buffer.from(body, isBase64Encoded ? 'base64' : 'utf8');
  const bytes = new Uint8Array(buffer);
  const text = isBase64Encoded ? buffer.toString('utf8') : body;
  return {
    status,
    headers,
    cookies,
    body: text,
    bytes,
    json: () => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        const excerpt = text.length > 200 ? `${text.slice(0, 200)}…` : text;
        throw new Error(
          `The response body is not JSON (status ${status}, content-type ${headers['content-type'] ?? 'none'}): ${JSON.stringify(excerpt)}`,
        );
      }
    },
    raw,
    logs,
  };
}

/**
 * Payload 2.0 lets a function return a bare value: API Gateway and Function URLs then answer
 * 200 with the value as a JSON body (a string as it is).
 */
function inferredV2(raw: unknown, logs: readonly InvokeLog[]): InvokeResponse {
  const body = typeof raw === 'string' ? raw : (JSON.stringify(raw) as string | undefined);
  return response(raw, 200, { 'content-type': 'application/json' }, [], body ?? '', false, logs);
}

/**
 * Calls a Lambda HTTP handler with an event (and a {@link fakeContext} unless one is given) and
 * reads its result, whichever event kind it answered: REST API, HTTP API, Function URL or ALB
 * (single- or multi-value headers). What the default console logger and the default EMF metrics
 * writer print during the call is returned on the response (`logs`) instead of printed; concurrent
 * calls each get their own lines. A throw or rejection from the handler is passed on, and the
 * lines captured until then are printed.
 *
 * @param handler - what `toLambda` returns, or any Lambda HTTP handler
 * @param event - an event, e.g. from `restApiEvent` or `httpApiEvent`
 * @param context - the Lambda context; default `fakeContext()`
 * @returns the normalised response, with the log lines of the call
 *
 * @example
 * ```ts
 * import { ok } from 'neverthrow';
 * import { json, toLambda } from 'gatefold';
 * import { albEvent, httpApiEvent, invoke } from 'gatefold/testing';
 *
 * const handler = toLambda(() => ok(json({ hello: 'world' }, { cookies: ['seen=1; Path=/'] })));
 *
 * for (const event of [httpApiEvent(), albEvent({ multiValue: true })]) {
 *   const response = await invoke(handler, event);
 *   console.log(response.status, response.headers['content-type'], response.cookies, response.json());
 * }
 * ```
 */
export async function invoke<Ev extends HttpEvent>(
  handler: InvokableHandler<Ev>,
  event: Ev,
  context: Context = fakeContext(),
): Promise<InvokeResponse> {
  const { value: raw, logs, print } = await captureLines(() => handler(event, context));
  const kind = detectEventKind(event);
  const result = asRecord(raw);
  const statusCode = result?.['statusCode'];
  if (result === undefined || typeof statusCode !== 'number') {
    if (kind === 'http' || kind === 'function-url') return inferredV2(raw, logs);
    print();
    throw new Error(
      `invoke: the handler returned ${inspect(raw, { depth: 4 })}, which is not an HTTP result (it has no numeric statusCode).`,
    );
  }
  const cookies: string[] = [];
  const headers = readHeaders(result, cookies);
  if (Array.isArray(result['cookies'])) {
    for (const cookie of result['cookies'] as unknown[]) {
      if (typeof cookie === 'string') cookies.push(cookie);
    }
  }
  const body = typeof result['body'] === 'string' ? result['body'] : '';
  return response(
    raw,
    statusCode,
    headers,
    cookies,
    body,
    result['isBase64Encoded'] === true,
    logs,
  );
}
