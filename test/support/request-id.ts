/**
 * The request id `toLambda` sends back on every response, in `x-request-id` unless the handler
 * set that header itself: where each result shape carries it.
 */

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
