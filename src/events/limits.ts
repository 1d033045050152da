import type { EventKind } from '../request.js';

/**
 * What each event source can carry to and from a function, in bytes. Past these limits AWS
 * refuses the exchange itself, and the client gets a bare error from the platform instead of an
 * answer from the function.
 *
 * - Lambda, synchronous invocation: 6 MB for the request payload (the event) and 6 MB for the
 *   response payload (the serialised result), for REST APIs, HTTP APIs and Function URLs alike.
 *   https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
 *   (Lambda's own error names the exact figure: "exceeded maximum allowed payload size
 *   (6291556 bytes)"; 6 MiB is kept, a hundred bytes under it.)
 * - Application Load Balancer: "The maximum size of the request body that you can send to a
 *   Lambda function is 1 MB" and "The maximum size of the response JSON that the Lambda function
 *   can send is 1 MB." (Elastic Load Balancing guide, "Use Lambda functions as targets").
 *   1 MiB is kept.
 */

/** The largest request and response a source carries, in bytes. */
export interface PayloadLimits {
  /** The result as Lambda serialises it: `JSON.stringify(result)` in UTF-8. */
  readonly response: number;
  /**
   * The request: for API Gateway and Function URLs the event Lambda receives
   * (`JSON.stringify(event)` in UTF-8, the body base64-encoded when binary); for an ALB the
   * request body.
   */
  readonly request: number;
}

const MIB = 1024 * 1024;

/** Lambda's synchronous invocation payload limit, each way. */
export const LAMBDA_SYNC_PAYLOAD_LIMIT = 6 * MIB;

/** An Application Load Balancer's limit on a Lambda target's request body and response JSON. */
export const ALB_PAYLOAD_LIMIT = 1 * MIB;

/** The limits of each event kind, as AWS documents them. */
export const PAYLOAD_LIMITS: Readonly<Record<EventKind, PayloadLimits>> = Object.freeze({
  rest: Object.freeze({ response: LAMBDA_SYNC_PAYLOAD_LIMIT, request: LAMBDA_SYNC_PAYLOAD_LIMIT }),
  http: Object.freeze({ response: LAMBDA_SYNC_PAYLOAD_LIMIT, request: LAMBDA_SYNC_PAYLOAD_LIMIT }),
  'function-url': Object.freeze({
    response: LAMBDA_SYNC_PAYLOAD_LIMIT,
    request: LAMBDA_SYNC_PAYLOAD_LIMIT,
  }),
  alb: Object.freeze({ response: ALB_PAYLOAD_LIMIT, request: ALB_PAYLOAD_LIMIT }),
});

/**
 * The largest result to return, in bytes, for the event kinds named; a kind left out keeps its
 * source's limit. A limit may be lowered (to leave room for what sits in front of the function),
 * never raised past the source's: the platform would refuse the result all the same.
 */
export type ResponseLimits = Readonly<Partial<Record<EventKind, number>>>;

/**
 * The smallest response limit accepted: room for the masked 500 that answers in place of a
 * larger result (a few hundred bytes, with a request id of up to 200 characters), with margin.
 */
export const MIN_RESPONSE_LIMIT = 4 * 1024;

/** A value as an error message shows it: strings quoted, so that `"512000"` reads as text. */
function shown(value: unknown): string {
  return typeof value === 'number'
    ? String(value)
    : typeof value === 'string'
      ? JSON.stringify(value)
      : typeof value;
}

/**
 * @internal The response limit of each kind, from the `responseLimits` option; checked once,
 * when the adapter is built, since a JavaScript caller can pass anything.
 */
export function responseLimitsFrom(option: unknown): Readonly<Record<EventKind, number>> {
  const limits: Record<EventKind, number> = {
    rest: PAYLOAD_LIMITS.rest.response,
    http: PAYLOAD_LIMITS.http.response,
    'function-url': PAYLOAD_LIMITS['function-url'].response,
    alb: PAYLOAD_LIMITS.alb.response,
  };
  if (option === undefined) return limits;
  if (typeof option !== 'object' || option === null) {
    throw new TypeError('The `responseLimits` option is an object of byte counts by event kind.');
  }
  for (const key of Object.keys(option)) {
    if (!Object.hasOwn(PAYLOAD_LIMITS, key)) {
      throw new TypeError(
        `responseLimits has "${key}", which is not an event kind (rest, http, function-url, alb).`,
      );
    }
    const kind = key as EventKind;
    const value: unknown = (option as ResponseLimits)[kind];
    if (value === undefined) continue;
    const most = PAYLOAD_LIMITS[kind].response;
    if (
      typeof value !== 'number' ||
      !Number.isSafeInteger(value) ||
      value < MIN_RESPONSE_LIMIT ||
      value > most
    ) {
      throw new RangeError(
        `responseLimits.${kind} must be a whole number of bytes from ${String(MIN_RESPONSE_LIMIT)} to ${String(most)}; got ${shown(value)}.`,
      );
    }
    limits[kind] = value;
  }
  return limits;
}
