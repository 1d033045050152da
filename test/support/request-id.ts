/**
 * Request ids in tests. The event builders and `fakeContext` draw random ids unless given one;
 * tests pass these so that an expected response can name the id it carries. Also: where each
 * result shape carries the id `toLambda` sends back in `x-request-id`.
 */

/** `requestId` given to `restApiEvent`. */
export const REST_REQUEST_ID = 'rest-req-1';
/** `requestId` given to `httpApiEvent`. */
export const HTTP_REQUEST_ID = 'http-req-1';
/** `requestId` given to `functionUrlEvent`. */
export const FUNCTION_URL_REQUEST_ID = 'url-req-1';
/**
 * `awsRequestId` given to `fakeContext`: Lambda's own request id, which ALB events (that carry
 * none) answer with.
 */
export const LAMBDA_REQUEST_ID = 'lambda-req-1';

/**
 * An `X-Amzn-Trace-Id` header value, for events whose log records a test compares whole: the
 * builders draw a random one otherwise, and the log records quote it as `traceId`.
 */
export const TRACE_ID = 'Root=1-6553f100-0123456789abcdef01234567';

/** The response header that carries the request id by default. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * An expected result with the request id header added: in `headers` for the shapes that have
 * them (REST, HTTP API, Function URL, ALB single-value mode), else as a one-value list in
 * `multiValueHeaders` (ALB multi-value mode). Throws for a result with neither map, so that a
 * malformed expectation cannot pass unnoticed.
 */
export function withRequestIdHeader<R extends Readonly<Record<string, unknown>>>(
  result: R,
  requestId: string,
): R {
  if ('headers' in result) {
    return {
      ...result,
      headers: { ...(result['headers'] as object), [REQUEST_ID_HEADER]: requestId },
    };
  }
  if ('multiValueHeaders' in result) {
    return {
      ...result,
      multiValueHeaders: {
        ...(result['multiValueHeaders'] as object),
        [REQUEST_ID_HEADER]: [requestId],
      },
    };
  }
  throw new Error('An expected result without headers or multiValueHeaders.');
}
