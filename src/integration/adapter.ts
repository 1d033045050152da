import type { Context } from 'aws-lambda';
import type { ErrorMap } from '../errors/error-map.js';
import type { Tagged } from '../errors/tagged-error.js';
import type { AnyMappedHandler, MappedOptions, Outcome, ProblemHandler } from '../handler.js';
import type { LambdaOptions } from '../options.js';
import type { Invocation } from '../pipeline.js';
import type { HttpRequest } from '../request.js';
import { UnsupportedEventError } from '../adapter.js';
import { fallbackRequest } from '../events/read.js';
import { adoptRequestId } from '../events/kinds.js';
import { responseLimitsFrom } from '../events/limits.js';
import { safeLog } from '../logger.js';
import { pipeline } from '../pipeline.js';
import { recordAdapted } from '../_internals/adapted.js';
import { describeError } from '../_internals/describe-error.js';
import { asRecord } from '../_internals/fields.js';
import { isIntegrationEvent, readIntegrationEvent } from './event.js';
import { errorMessage, lastResortMessage } from './message.js';
import { successValue, withJsonCheck } from './success.js';
import { checkResponseHeaders } from '../_internals/headers.js';
import { logOversized, maskedResponse } from '../_internals/oversized.js';
import { sizeOver } from '../_internals/result-size.js';

/**
 * The function `toLambdaIntegration` returns: `{ body }` for a success (the body text, which the
 * default response's template sends as it is), or a rejection for an error.
 */
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

/**
 * Turns a handler into a function for a REST API's **custom (non-proxy) Lambda integration**.
 * The request arrives as the mapping template built it (gatefold's `requestTemplate`, or API
 * Gateway's method request passthrough) and is decoded, routed and answered as `toLambda` would.
 * An `Ok` returns `{ body }`, the body text, which the default response's template sends as it is
 * with the integration's success status (a JSON body is checked, never re-serialised; one that is
 * not JSON is a defect; so is one too large for Lambda to return, past `responseLimits.rest`). An
 * `Err` or a defect fails the invocation with an
 * {@link IntegrationErrorResponse} whose message the generated selection patterns and response
 * templates turn back into the same status, headers and body the proxy adapter would have sent.
 * Generate those with `openApiDocument(handler)`.
 *
 * @example
 * ```ts
 * import { ok } from 'neverthrow';
 * import { json, router } from 'gatefold';
 * import { toLambdaIntegration } from 'gatefold/integration';
 *
 * const api = router().get('/health', () => ok(json({ status: 'ok' })));
 * export const handler = toLambdaIntegration(api);
 * ```
 */
export function toLambdaIntegration(handler: ProblemHandler): LambdaIntegrationHandler;
/**
 * {@link toLambdaIntegration} with options, `errors` among them: the error map that covers every
 * domain error the handler can return.
 */
export function toLambdaIntegration<H extends AnyMappedHandler, E extends Tagged = never>(
  handler: H,
  options: MappedOptions<ReturnType<NoInfer<H>>, E, LambdaOptions>,
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
  } = pipeline(handler, { ...options, middleware: withJsonCheck(options.middleware) });
  // The result goes back through a synchronous invocation: Lambda's 6 MiB response limit, or the
  // lower one `responseLimits.rest` sets (the event is a REST API's).
  const responseLimit = responseLimitsFrom(options.responseLimits).rest;

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
    const { request, response, headersChecked } = await run(
      () => adoptRequestId(readIntegrationEvent(record, context), adoptHeader),
      () => fallbackRequest('rest', {}, context),
      context,
      invocation,
    );
    if (response.status < 400) {
      const success = successValue(response);
      const size = sizeOver(success, responseLimit);
      if (size === undefined) return success;
      // Past the limit Lambda would fail the invocation and API Gateway answer a bare 502: the
      // masked 500 instead, logged with the size and the limit (never the body).
      logOversized(request, { status: response.status, size, limit: responseLimit }, config);
      const masked = maskedResponse(request, config, requestIdHeader);
      throw new IntegrationErrorResponse(masked.status, errorMessage(masked, requestIdHeader));
    }
    try {
      // The message's headers are sent on by the response template: none may split a response.
      // The pipeline checked them already unless an option it could not vouch for is in play.
      if (!headersChecked) checkResponseHeaders(response.headers, response.cookies);
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
