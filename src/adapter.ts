import type { Context } from 'aws-lambda';
import type { ErrorMap } from './errors/error-map.js';
import type { Tagged } from './errors/tagged-error.js';
import type { Folded, FoldConfig } from './fold.js';
import type { MappedErrors, Outcome, ProblemError } from './handler.js';
import type { LambdaOptions, MappedLambdaOptions } from './options.js';
import type { ObserveConfig } from './observe/observe.js';
import type { EventKind, HttpRequest } from './request.js';
import type { HttpResponse } from './response.js';
import type { HttpEvent, HttpResult, ResultFor } from './events/kinds.js';
import { detectEventKind, readEvent, writeResult } from './events/kinds.js';
import { fallbackRequest } from './events/read.js';
import { usesMultiValueHeaders } from './events/alb.js';
import { defectFolded, foldSettled, problemsFolded } from './fold.js';
import { consoleLogger, safeLog } from './logger.js';
import { writeStdout } from './observe/metrics.js';
import { compose } from './middleware/middleware.js';
import type { Middleware, MiddlewareTools } from './middleware/middleware.js';
import { observe } from './observe/observe.js';
import { EVENT_KINDS } from './request.js';
import { settle } from './_internals/settle.js';
import { describeError } from './_internals/describe-error.js';
import { asRecord, asString } from './_internals/fields.js';

/** The function `toLambda` returns: its result type follows the event it is given. */
export type LambdaHttpHandler = <Ev extends HttpEvent>(
  event: Ev,
  context: Context,
) => Promise<ResultFor<Ev>>;

/** Thrown to Lambda when the function is invoked with an event that is not an HTTP event. */
export class UnsupportedEventError extends Error {
  override readonly name = 'UnsupportedEventError';
}

function describeEvent(event: unknown): string {
  if (event === null || typeof event !== 'object')
    return `a ${event === null ? 'null' : typeof event}`;
  const keys = Object.keys(event).slice(0, 8);
  return `an object with keys ${keys.length > 0 ? keys.join(', ') : '(none)'}`;
}

/** Reads a field without trusting the event: a getter may throw. */
function tryRead<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

/**
 * The result when nothing better could be built: a fixed 500 in the kind's shape (multi-value
 * headers for an ALB in that mode, no body for HEAD), with the request id if it can be read.
 */
function lastResortResult(
  kind: EventKind,
  event: Record<string, unknown>,
  context: Context,
  requestIdHeader: string,
  knownRequestId: string | undefined,
): HttpResult {
  const fallback = tryRead(() => fallbackRequest(kind, event, context), undefined);
  const requestId = knownRequestId ?? fallback?.requestId ?? '';
  const body =
    fallback?.method === 'HEAD'
      ? ''
      : `{"errors":[{"status":"500","title":"Internal Server Error"}],"meta":{"requestId":${JSON.stringify(requestId)}}}`;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (requestId !== '') headers[requestIdHeader] = requestId;
  switch (kind) {
    case 'rest':
      return { statusCode: 500, headers, multiValueHeaders: {}, body, isBase64Encoded: false };
    case 'http':
    case 'function-url':
      return { statusCode: 500, headers, cookies: [], body, isBase64Encoded: false };
    case 'alb': {
      const statusDescription = '500 Internal Server Error';
      return tryRead(() => usesMultiValueHeaders(event), false)
        ? {
            statusCode: 500,
            statusDescription,
            multiValueHeaders: Object.fromEntries(
              Object.entries(headers).map(([name, value]) => [name, [value]]),
            ),
            body,
            isBase64Encoded: false,
          }
        : { statusCode: 500, statusDescription, headers, body, isBase64Encoded: false };
    }
  }
}

async function answer(
  handler: (request: HttpRequest, context: Context) => unknown,
  request: HttpRequest,
  context: Context,
  config: FoldConfig,
): Promise<Folded> {
  try {
    return foldSettled(request, await settle(handler(request, context)), config);
  } catch (defect) {
    // A synchronous throw, a rejection, or a return value that is not a result.
    return defectFolded(request, defect, config);
  }
}

/**
 * Runs the folded handler inside the middleware. The fold result that produced the response —
 * the handler's, or a problem a middleware answered with — is kept for the logs and metrics.
 */
async function throughMiddleware(
  middleware: readonly Middleware[],
  core: (request: HttpRequest, context: Context) => Promise<Folded>,
  request: HttpRequest,
  context: Context,
  config: FoldConfig,
): Promise<Folded> {
  let produced: Folded | undefined;
  const tools: MiddlewareTools = {
    problem: (req, problem) => {
      // A middleware's own answer is what the client gets, even after it called `next`.
      const folded = problemsFolded(req, [problem], config);
      produced = folded;
      return folded.response;
    },
  };
  const inner = async (req: HttpRequest, ctx: Context): Promise<HttpResponse> => {
    const folded = await core(req, ctx);
    produced ??= folded;
    return folded.response;
  };
  const response: unknown = await compose(middleware, inner, tools)(request, context);
  const shaped = response as Partial<HttpResponse> | null | undefined;
  if (
    typeof shaped?.status !== 'number' ||
    typeof shaped.headers !== 'object' ||
    !Array.isArray(shaped.cookies)
  ) {
    // Thrown inside serve's try: answered and logged as a defect like any other.
    throw new TypeError('A middleware returned something that is not a response.');
  }
  return {
    defect: false,
    problems: [],
    mapped: [],
    ...produced,
    response: response as HttpResponse,
  };
}

/** Sends the request id back on every response, unless the handler set the header itself. */
function withRequestId(response: HttpResponse, header: string, requestId: string): HttpResponse {
  if (response.headers[header] !== undefined || requestId === '') return response;
  return { ...response, headers: { ...response.headers, [header]: [requestId] } };
}

function gatewayRequestIdOf(event: Record<string, unknown>): string | undefined {
  return asString(asRecord(event['requestContext'])?.['requestId']);
}

/**
 * Turns a handler into the function Lambda calls, for API Gateway REST APIs (payload 1.0), HTTP
 * APIs (payload 2.0), Function URLs and ALB targets alike. `Ok` values and replies become the
 * success response; `Err` problems become a JSON:API (or RFC 9457) error document; a throw,
 * a rejection or a reply that cannot be sent becomes a masked 500, logged once. For an HTTP
 * event the returned promise never rejects (a rejection would become API Gateway's bare 502);
 * for any other event it rejects with {@link UnsupportedEventError}.
 *
 * @param handler - `(request, context) => Result | ResultAsync | Promise<Result> | Either | TaskEither`
 * @param options - logger and error body format
 * @returns the Lambda handler; export it as `handler`
 *
 * @example
 * ```ts
 * import { ok, err } from 'neverthrow';
 * import { notFound, toLambda } from 'gatefold';
 *
 * export const handler = toLambda((request) =>
 *   request.pathParameters['id'] === 'u-1' ? ok({ id: 'u-1' }) : err(notFound()),
 * );
 * ```
 */
export function toLambda(
  handler: (request: HttpRequest, context: Context) => Outcome<unknown, ProblemError>,
  options?: LambdaOptions,
): LambdaHttpHandler;
export function toLambda<E extends Tagged>(
  handler: (request: HttpRequest, context: Context) => Outcome<unknown, MappedErrors<NoInfer<E>>>,
  options: MappedLambdaOptions<E>,
): LambdaHttpHandler;
export function toLambda(
  // The whole return type is checked, not inferred piecewise, so a handler may answer different
  // replies and problem shapes from different branches.
  handler: (request: HttpRequest, context: Context) => Outcome<unknown, unknown>,
  options: LambdaOptions & { readonly errors?: ErrorMap<Tagged> } = {},
): LambdaHttpHandler {
  // Resolved once, when the module loads, not per request.
  const logger = options.logger ?? consoleLogger;
  const config: FoldConfig = {
    logger,
    errorFormat: options.errorFormat ?? 'json-api',
    jsonApiMediaType: options.jsonApiMediaType ?? 'application/json',
    errors: options.errors,
  };
  const observeConfig: ObserveConfig = {
    logger,
    clientErrorLevel: options.clientErrorLogLevel ?? 'info',
    accessLog: options.accessLog ?? false,
    metrics:
      options.metrics === undefined
        ? undefined
        : { namespace: options.metrics.namespace, write: options.metrics.write ?? writeStdout },
  };
  const middleware = options.middleware ?? [];
  const requestIdHeader = (options.requestIdHeader ?? 'x-request-id').toLowerCase();
  const adoptRequestId = (options.acceptRequestId ?? true) ? requestIdHeader : undefined;

  async function serve(
    kind: EventKind,
    event: Record<string, unknown>,
    context: Context,
    invocation: { readonly startedAt: number; request?: HttpRequest },
  ): Promise<HttpResult> {
    let request: HttpRequest | undefined;
    let folded: Folded;
    try {
      const read = readEvent(kind, event, context, adoptRequestId);
      request = read.request;
      // Kept for the last-resort answer, so that it quotes the same request id.
      invocation.request = request;
      const rejection = read.rejection;
      const core = async (req: HttpRequest, ctx: Context): Promise<Folded> =>
        rejection === undefined
          ? answer(handler, req, ctx, config)
          : problemsFolded(req, [rejection], config);
      folded =
        middleware.length === 0
          ? await core(request, context)
          : await throughMiddleware(middleware, core, request, context, config);
    } catch (defect) {
      // The event could not be read, or the fold itself failed.
      request ??= fallbackRequest(kind, event, context);
      folded = defectFolded(request, defect, config);
    }
    observe(
      request,
      folded,
      { startedAt: invocation.startedAt, gatewayRequestId: gatewayRequestIdOf(event) },
      observeConfig,
    );
    const response = withRequestId(folded.response, requestIdHeader, request.requestId);
    return writeResult(kind, response, event, request, config.logger);
  }

  async function lambdaHandler(event: unknown, context: Context): Promise<HttpResult> {
    const startedAt = performance.now();
    const kind = tryRead(() => detectEventKind(event), undefined);
    if (kind === undefined) {
      const error = new UnsupportedEventError(
        `gatefold serves HTTP events (${EVENT_KINDS.join(', ')}) but was invoked with ${tryRead(() => describeEvent(event), 'an unreadable value')}. Check the function's triggers.`,
      );
      safeLog(config.logger, 'error', { message: error.message, ...describeError(error) });
      throw error;
    }
    const record = event as Record<string, unknown>;
    const invocation: { readonly startedAt: number; request?: HttpRequest } = { startedAt };
    try {
      return await serve(kind, record, context, invocation);
    } catch (failure) {
      // Only reached when even the masked 500 could not be built or written.
      safeLog(config.logger, 'error', {
        message: 'Answering failed; sent a fixed 500',
        kind,
        ...describeError(failure),
      });
      return lastResortResult(
        kind,
        record,
        context,
        requestIdHeader,
        invocation.request?.requestId,
      );
    }
  }

  return lambdaHandler as LambdaHttpHandler;
}
