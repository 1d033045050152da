import type { Context } from 'aws-lambda';
import type { ErrorMap } from './errors/error-map.js';
import type { Tagged } from './errors/tagged-error.js';
import type { AnyMappedHandler, MappedOptions, Outcome, ProblemHandler } from './handler.js';
import type { LambdaOptions } from './options.js';
import type { Invocation } from './pipeline.js';
import type { EventKind, HttpRequest } from './request.js';
import type { HttpEvent, HttpResult, ResultFor } from './events/kinds.js';
import { detectEventKind, readEvent, writeResult } from './events/kinds.js';
import { fallbackRequest } from './events/read.js';
import { responseLimitsFrom } from './events/limits.js';
import { usesMultiValueHeaders } from './events/alb.js';
import { safeLog } from './logger.js';
import { pipeline } from './pipeline.js';
import { EVENT_KINDS } from './request.js';
import { recordAdapted } from './_internals/adapted.js';
import { describeError } from './_internals/describe-error.js';
import { asRecord, asString } from './_internals/fields.js';
import { isHeaderName } from './_internals/headers.js';
import { logOversized, maskedResponse } from './_internals/oversized.js';
import { sizeOver } from './_internals/result-size.js';

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
  // Not under a name that cannot be sent (a JavaScript caller can configure any string).
  if (requestId !== '' && isHeaderName(requestIdHeader)) headers[requestIdHeader] = requestId;
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
 * @param handler - `(request, context) => Result | ResultAsync | Promise<Result> | Either | TaskEither`,
 *   whose `Err` side holds problems
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
export function toLambda(handler: ProblemHandler): LambdaHttpHandler;
/**
 * {@link toLambda} with options: a logger, the error body format, middleware, response limits and
 * more, and `errors`, the error map that covers every domain error the handler can return.
 *
 * @param handler - a handler whose domain errors the error map in `options` covers
 * @param options - logger, error body format, error map, middleware, response limits and more
 * @returns the Lambda handler; export it as `handler`
 */
export function toLambda<H extends AnyMappedHandler, E extends Tagged = never>(
  handler: H,
  options: MappedOptions<ReturnType<NoInfer<H>>, E, LambdaOptions>,
): LambdaHttpHandler;
export function toLambda(
  // The whole return type is checked, not inferred piecewise, so a handler may answer different
  // replies and problem shapes from different branches.
  handler: (request: HttpRequest, context: Context) => Outcome<unknown, unknown>,
  options: LambdaOptions & { readonly errors?: ErrorMap<Tagged> } = {},
): LambdaHttpHandler {
  const { config, timed, requestIdHeader, adoptRequestId, run } = pipeline(handler, options);
  const responseLimits = responseLimitsFrom(options.responseLimits);

  async function lambdaHandler(event: unknown, context: Context): Promise<HttpResult> {
    const startedAt = timed ? performance.now() : 0;
    const kind = tryRead(() => detectEventKind(event), undefined);
    if (kind === undefined) {
      const error = new UnsupportedEventError(
        `gatefold serves HTTP events (${EVENT_KINDS.join(', ')}) but was invoked with ${tryRead(() => describeEvent(event), 'an unreadable value')}. Check the function's triggers.`,
      );
      safeLog(config.logger, 'error', { message: error.message, ...describeError(error) });
      throw error;
    }
    const record = event as Record<string, unknown>;
    const invocation: Invocation = {
      startedAt,
      gatewayRequestId: tryRead(() => gatewayRequestIdOf(record), undefined),
    };
    try {
      const answering = run(
        () => readEvent(kind, record, context, adoptRequestId),
        () => fallbackRequest(kind, record, context),
        context,
        invocation,
      );
      // Awaited only when something was: a synchronous answer skips the microtask queue.
      const { request, response, headersChecked } =
        answering instanceof Promise ? await answering : answering;
      const result = writeResult(kind, response, record, request, config.logger, headersChecked);
      const limit = responseLimits[kind];
      const size = sizeOver(result, limit);
      if (size === undefined) return result;
      // Past the limit the platform would answer a bare 502: a masked 500 instead, logged.
      logOversized(request, { status: response.status, size, limit }, config);
      const masked = writeResult(
        kind,
        maskedResponse(request, config, requestIdHeader),
        record,
        request,
        config.logger,
      );
      return sizeOver(masked, limit) === undefined
        ? masked
        : // Only a request id of a size no source sends could make even that too large.
          lastResortResult(kind, record, context, requestIdHeader, '');
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

  return recordAdapted(lambdaHandler as LambdaHttpHandler, {
    handler,
    integration: 'proxy',
    errorFormat: config.errorFormat,
    jsonApiMediaType: config.jsonApiMediaType,
    errors: config.errors,
    requestIdHeader,
  });
}
