import type { Context } from 'aws-lambda';
import { inspect } from 'node:util';
import type { HttpEvent } from '../events/kinds.js';
import { detectEventKind } from '../events/kinds.js';
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
 * Headers and cookies from `headers` and `multiValueHeaders`. As API Gateway does when both are
 * set, a name in `multiValueHeaders` takes its values from there only.
 */
function readHeaders(result: Record<string, unknown>, cookies: string[]): Record<string, string> {
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

function response(
  raw: unknown,
  status: number,
  headers: Record<string, string>,
  cookies: readonly string[],
  body: string,
  isBase64Encoded: boolean,
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
  };
}

/**
 * Payload 2.0 lets a function return a bare value: API Gateway and Function URLs then answer
 * 200 with the value as a JSON body (a string as it is).
 */
function inferredV2(raw: unknown): InvokeResponse {
  const body = typeof raw === 'string' ? raw : (JSON.stringify(raw) as string | undefined);
  return response(raw, 200, { 'content-type': 'application/json' }, [], body ?? '', false);
}

/**
 * Calls a Lambda HTTP handler with an event (and a {@link fakeContext} unless one is given) and
 * reads its result, whichever event kind it answered: REST API, HTTP API, Function URL or ALB
 * (single- or multi-value headers). A throw or rejection from the handler is passed on.
 *
 * @param handler - what `toLambda` returns, or any Lambda HTTP handler
 * @param event - an event, e.g. from `restApiEvent` or `httpApiEvent`
 * @param context - the Lambda context; default `fakeContext()`
 * @returns the normalised response
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
  const raw = await handler(event, context);
  const kind = detectEventKind(event);
  const result = asRecord(raw);
  const statusCode = result?.['statusCode'];
  if (result === undefined || typeof statusCode !== 'number') {
    if (kind === 'http' || kind === 'function-url') return inferredV2(raw);
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
  return response(raw, statusCode, headers, cookies, body, result['isBase64Encoded'] === true);
}
