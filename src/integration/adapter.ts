import type { Context } from 'aws-lambda';
import type { ErrorMap } from '../errors/error-map.js';
import type { Tagged } from '../errors/tagged-error.js';
import type { MappedErrors, Outcome, ProblemError } from '../handler.js';
import type { LambdaOptions, MappedLambdaOptions } from '../options.js';
import type { Invocation } from '../pipeline.js';
import type { HttpRequest } from '../request.js';
import type { HttpResponse } from '../response.js';
import { UnsupportedEventError } from '../adapter.js';
import { fallbackRequest } from '../events/read.js';
import { adoptRequestId } from '../events/kinds.js';
import { isJsonMediaType } from '../decode/json-body.js';
import { safeLog } from '../logger.js';
import { pipeline } from '../pipeline.js';
import { recordAdapted } from '../_internals/adapted.js';
import { describeError } from '../_internals/describe-error.js';
import { asRecord } from '../_internals/fields.js';
import { isIntegrationEvent, readIntegrationEvent } from './event.js';
import { errorMessage, lastResortMessage } from './message.js';
import { checkResponseHeaders } from '../_internals/headers.js';

/** The function `toLambdaIntegration` returns: the success body, or a rejection for an error. */
export type LambdaIntegrationHandler = (event: unknown, context: Context) => Promise<unknown>;

/**
 * The error a custom integration function fails with for an error response. Its message is
 * what API Gateway's selection patterns match and the response templates parse: the status,
 * the headers to send and the body, exactly as the proxy adapter would have answered.
 */
export class IntegrationErrorResponse extends Error {
  override readonly name = 'IntegrationErrorResponse';
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.status = status;
    // The Lambda runtime reports the stack; the message is all there is to say.
    this.stack = `${this.name}: ${message}`;
  }
}

/** The success value the function returns: the body, as JSON when it is JSON. */
function successValue(response: HttpResponse): unknown {
  const { body } = response;
  if (typeof body !== 'string') return Buffer.from(body).toString('base64');
  if (body === '') return null;
  const type = response.headers['content-type']?.[0];
  return type !== undefined && isJsonMediaType(type) ? (JSON.parse(body) as unknown) : body;
}

/**
 * Turns a handler into a function for a REST API's **custom (non-proxy) Lambda integration**.
 * The request arrives as the mapping template built it (gatefold's `requestTemplate`, or API
 * Gateway's method request passthrough) and is decoded, routed and answered as `toLambda` would;
 * then an `Ok` returns its body value (the integration's success status applies), and an `Err`
 * or a defect fails the invocation with an {@link IntegrationErrorResponse} whose message the
 * generated selection patterns and response templates turn back into the same status, headers
 * and body the proxy adapter would have sent. Generate those with `openApiDocument(handler)`.
 *
 * @example
 * ```ts
 * import { ok } from 'neverthrow';
 * import { json, router, toLambdaIntegration } from 'gatefold';
 *
 * const api = router().get('/health', () => ok(json({ status: 'ok' })));
 * export const handler = toLambdaIntegration(api);
 * ```
 */
export function toLambdaIntegration(
  handler: (request: HttpRequest, context: Context) => Outcome<unknown, ProblemError>,
  options?: LambdaOptions,
): LambdaIntegrationHandler;
export function toLambdaIntegration<E extends Tagged>(
  handler: (request: HttpRequest, context: Context) => Outcome<unknown, MappedErrors<NoInfer<E>>>,
  options: MappedLambdaOptions<E>,
): LambdaIntegrationHandler;
export function toLambdaIntegration(
  handler: (request: HttpRequest, context: Context) => Outcome<unknown, unknown>,
  options: LambdaOptions & { readonly errors?: ErrorMap<Tagged> } = {},
): LambdaIntegrationHandler {
  const {
    config,
    timed,
    requestIdHeader,
    adoptRequestId: adoptHeader,
    run,
  } = pipeline(handler, options);

  async function integrationHandler(event: unknown, context: Context): Promise<unknown> {
    // Read only when a log line or metric reports the duration, as `toLambda` does.
    const startedAt = timed ? performance.now() : 0;
    const record = asRecord(event);
    if (record === undefined || !isIntegrationEvent(record)) {
      const error = new UnsupportedEventError(
        'toLambdaIntegration serves events built by a custom integration request template; use toLambda for proxy integrations.',
      );
      safeLog(config.logger, 'error', { message: error.message, ...describeError(error) });
      throw error;
    }
    const invocation: Invocation = { startedAt, gatewayRequestId: undefined };
    const { request, response } = await run(
      () => adoptRequestId(readIntegrationEvent(record, context), adoptHeader),
      () => fallbackRequest('rest', {}, context),
      context,
      invocation,
    );
    if (response.status < 400) return successValue(response);
    try {
      // The message's headers are sent on by the response template: none may split a response.
      checkResponseHeaders(response.headers, response.cookies);
    } catch (failure) {
      safeLog(config.logger, 'error', {
        message: 'Answering failed; sent a fixed 500',
        requestId: request.requestId,
        ...describeError(failure),
      });
      throw new IntegrationErrorResponse(
        500,
        lastResortMessage(request.requestId, requestIdHeader),
      );
    }
    throw new IntegrationErrorResponse(response.status, errorMessage(response, requestIdHeader));
  }

  return recordAdapted(integrationHandler, {
    handler,
    integration: 'custom',
    errorFormat: config.errorFormat,
    jsonApiMediaType: config.jsonApiMediaType,
    errors: config.errors,
    requestIdHeader,
  });
}
