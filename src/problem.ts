import type { HeaderInit } from './reply.js';
import type { ClientErrorStatus, ErrorStatus, ServerErrorStatus } from './status.js';
import { reasonPhrase } from './status.js';
import { withMember } from './_internals/fields.js';

const PROBLEM: unique symbol = /*#__PURE__*/ Symbol.for('gatefold.problem') as never;

/** Where in the request a problem lies: a JSON pointer into the body, a parameter or a header. */
export type ProblemSource =
  { readonly pointer: string } | { readonly parameter: string } | { readonly header: string };

/** A failure the client is told about: a 4xx or 5xx status and what went wrong. */
export interface Problem {
  readonly [PROBLEM]: true;
  /** 4xx or 5xx only: successes are `Reply`s on the `Ok` side. */
  readonly status: ErrorStatus;
  /** An application-specific error code, e.g. `"225"` or `"email-taken"`. */
  readonly code?: string;
  /** A short summary that does not change between occurrences. */
  readonly title: string;
  /** What went wrong this time. */
  readonly detail?: string;
  readonly source?: ProblemSource;
  /** Further non-standard facts about the problem. */
  readonly meta?: Readonly<Record<string, unknown>>;
  /** A URI naming the problem type (RFC 9457 `type`, JSON:API `links.type`). */
  readonly type?: string;
  /** Response headers the problem needs (`WWW-Authenticate`, `Allow`, `Retry-After`…). */
  readonly headers?: HeaderInit;
}

/** Everything about a problem except its status. */
export interface ProblemDetails {
  readonly code?: string;
  /** Defaults to the status's reason phrase (`"Not Found"`). */
  readonly title?: string;
  readonly detail?: string;
  readonly source?: ProblemSource;
  readonly meta?: Readonly<Record<string, unknown>>;
  readonly type?: string;
  readonly headers?: HeaderInit;
}

/** A problem's status and details. */
export interface ProblemInit<S extends ErrorStatus = ErrorStatus> extends ProblemDetails {
  readonly status: S;
}

/** Seconds to wait, or the moment to retry after (sent as an HTTP date). */
export type RetryAfter = number | Date;

/**
 * A problem with any 4xx or 5xx status.
 *
 * @example
 * ```ts
 * import { err } from 'neverthrow';
 * import { problem } from 'gatefold';
 * return err(problem({ status: 402, code: 'card-declined', detail: 'The card was declined.' }));
 * ```
 */
export function problem(init: ProblemInit): Problem {
  return problemOf(init.status, init, init.headers);
}

/**
 * A problem of `status` with the members of `details` and `headers`, read one by one. The
 * constructors pass their status beside the details rather than in `{ ...details, status }`:
 * V8 (in Node 20) takes a slow path, about a microsecond, for a member added after a spread.
 */
function problemOf(
  status: ErrorStatus,
  details: ProblemDetails | undefined,
  headers: HeaderInit | undefined,
): Problem {
  const out: { -readonly [K in keyof Problem]: Problem[K] } = {
    [PROBLEM]: true,
    status,
    title: details?.title ?? reasonPhrase(status),
  };
  if (details !== undefined) {
    if (details.code !== undefined) out.code = details.code;
    if (details.detail !== undefined) out.detail = details.detail;
    if (details.source !== undefined) out.source = details.source;
    if (details.meta !== undefined) out.meta = details.meta;
    if (details.type !== undefined) out.type = details.type;
  }
  if (headers !== undefined) out.headers = headers;
  return out;
}

/**
 * True for a value built by a problem constructor (from any copy of gatefold).
 *
 * @example
 * ```ts
 * import { isProblem, notFound } from 'gatefold';
 * isProblem(notFound()); // true
 * ```
 */
export function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' && value !== null && (value as Partial<Problem>)[PROBLEM] === true
  );
}

function withStatus(status: ErrorStatus, details: ProblemDetails | undefined): Problem {
  return problemOf(status, details, details?.headers);
}

function withHeader(
  status: ErrorStatus,
  details: ProblemDetails | undefined,
  name: string,
  value: string,
): Problem {
  return problemOf(status, details, withMember<HeaderInit>(details?.headers ?? {}, name, value));
}

function retryAfterValue(retryAfter: RetryAfter): string {
  // RFC 9110 §10.2.3: either delay-seconds or an HTTP-date. `NaN`, `Infinity` or an invalid
  // date would be sent as text no client understands: that is a programming error.
  const valid =
    typeof retryAfter === 'number'
      ? Number.isFinite(retryAfter)
      : !Number.isNaN(retryAfter.getTime());
  if (!valid)
    throw new RangeError(`Retry-After must be a finite number of seconds or a valid date.`);
  return typeof retryAfter === 'number'
    ? String(Math.max(0, Math.ceil(retryAfter)))
    : retryAfter.toUTCString();
}

/**
 * 400 Bad Request.
 *
 * @example
 * ```ts
 * import { badRequest } from 'gatefold';
 * badRequest({ detail: 'page must be a positive integer', source: { parameter: 'page' } });
 * ```
 */
export function badRequest(details?: ProblemDetails): Problem {
  return withStatus(400, details);
}

/**
 * 401 Unauthorized with the `WWW-Authenticate` challenge RFC 9110 §15.5.2 requires.
 *
 * @example
 * ```ts
 * import { unauthorized } from 'gatefold';
 * unauthorized('Bearer realm="api"', { detail: 'The token has expired.' });
 * ```
 */
export function unauthorized(wwwAuthenticate: string, details?: ProblemDetails): Problem {
  return withHeader(401, details, 'www-authenticate', wwwAuthenticate);
}

/**
 * 403 Forbidden.
 *
 * @example
 * ```ts
 * import { forbidden } from 'gatefold';
 * forbidden({ detail: 'Only the owner may delete this cart.' });
 * ```
 */
export function forbidden(details?: ProblemDetails): Problem {
  return withStatus(403, details);
}

/**
 * 404 Not Found.
 *
 * @example
 * ```ts
 * import { notFound } from 'gatefold';
 * notFound({ code: 'UserNotFound', detail: 'No user u-9.' });
 * ```
 */
export function notFound(details?: ProblemDetails): Problem {
  return withStatus(404, details);
}

/**
 * 405 Method Not Allowed with the `Allow` header RFC 9110 §15.5.6 requires.
 *
 * @example
 * ```ts
 * import { methodNotAllowed } from 'gatefold';
 * methodNotAllowed(['GET', 'HEAD']);
 * ```
 */
export function methodNotAllowed(allow: readonly string[], details?: ProblemDetails): Problem {
  return withHeader(405, details, 'allow', allow.join(', '));
}

/**
 * 406 Not Acceptable.
 *
 * @example
 * ```ts
 * import { notAcceptable } from 'gatefold';
 * notAcceptable({ detail: 'Only application/json is available.' });
 * ```
 */
export function notAcceptable(details?: ProblemDetails): Problem {
  return withStatus(406, details);
}

/**
 * 409 Conflict.
 *
 * @example
 * ```ts
 * import { conflict } from 'gatefold';
 * conflict({ code: 'EmailTaken', detail: 'The email is already registered.' });
 * ```
 */
export function conflict(details?: ProblemDetails): Problem {
  return withStatus(409, details);
}

/**
 * 410 Gone.
 *
 * @example
 * ```ts
 * import { gone } from 'gatefold';
 * gone({ detail: 'This link has expired.' });
 * ```
 */
export function gone(details?: ProblemDetails): Problem {
  return withStatus(410, details);
}

/**
 * 412 Precondition Failed.
 *
 * @example
 * ```ts
 * import { preconditionFailed } from 'gatefold';
 * preconditionFailed({ detail: 'The resource changed since it was read.' });
 * ```
 */
export function preconditionFailed(details?: ProblemDetails): Problem {
  return withStatus(412, details);
}

/**
 * 413 Content Too Large.
 *
 * @example
 * ```ts
 * import { payloadTooLarge } from 'gatefold';
 * payloadTooLarge({ detail: 'The body exceeds 1 MiB.' });
 * ```
 */
export function payloadTooLarge(details?: ProblemDetails): Problem {
  return withStatus(413, details);
}

/**
 * 415 Unsupported Media Type.
 *
 * @example
 * ```ts
 * import { unsupportedMediaType } from 'gatefold';
 * unsupportedMediaType({ detail: 'Send application/json.', source: { header: 'content-type' } });
 * ```
 */
export function unsupportedMediaType(details?: ProblemDetails): Problem {
  return withStatus(415, details);
}

/**
 * 422 Unprocessable Content.
 *
 * @example
 * ```ts
 * import { unprocessableEntity } from 'gatefold';
 * unprocessableEntity({ code: 'ProductNotFound', source: { pointer: '/items/0/productId' } });
 * ```
 */
export function unprocessableEntity(details?: ProblemDetails): Problem {
  return withStatus(422, details);
}

/**
 * 429 Too Many Requests, with `Retry-After` when given (seconds or a date).
 *
 * @example
 * ```ts
 * import { tooManyRequests } from 'gatefold';
 * tooManyRequests(30, { detail: 'Slow down.' });
 * ```
 */
export function tooManyRequests(retryAfter?: RetryAfter, details?: ProblemDetails): Problem {
  return retryAfter === undefined
    ? withStatus(429, details)
    : withHeader(429, details, 'retry-after', retryAfterValue(retryAfter));
}

/**
 * 500 Internal Server Error, for failures the handler expected and wants to report as such.
 * (Unexpected throws become a masked 500 on their own.)
 *
 * @example
 * ```ts
 * import { internalServerError } from 'gatefold';
 * internalServerError({ code: 'LedgerUnavailable' });
 * ```
 */
export function internalServerError(details?: ProblemDetails): Problem {
  return withStatus(500, details);
}

/**
 * 501 Not Implemented.
 *
 * @example
 * ```ts
 * import { notImplemented } from 'gatefold';
 * notImplemented({ detail: 'Exports are not available yet.' });
 * ```
 */
export function notImplemented(details?: ProblemDetails): Problem {
  return withStatus(501, details);
}

/**
 * 503 Service Unavailable, with `Retry-After` when given (seconds or a date).
 *
 * @example
 * ```ts
 * import { serviceUnavailable } from 'gatefold';
 * serviceUnavailable(120, { detail: 'Maintenance until 10:00 UTC.' });
 * ```
 */
export function serviceUnavailable(retryAfter?: RetryAfter, details?: ProblemDetails): Problem {
  return retryAfter === undefined
    ? withStatus(503, details)
    : withHeader(503, details, 'retry-after', retryAfterValue(retryAfter));
}

/**
 * 504 Gateway Timeout, for an upstream that did not answer in time.
 *
 * @example
 * ```ts
 * import { gatewayTimeout } from 'gatefold';
 * gatewayTimeout({ detail: 'The payment provider did not answer.' });
 * ```
 */
export function gatewayTimeout(details?: ProblemDetails): Problem {
  return withStatus(504, details);
}

/** @internal The status that best covers several problems (RFC 9110 §15: the class's x00). */
export function combinedStatus(problems: readonly Problem[]): ErrorStatus {
  const first = problems[0];
  if (first === undefined) return 500;
  let same = true;
  let anyServer = false;
  for (const p of problems) {
    if (p.status !== first.status) same = false;
    if (p.status >= 500) anyServer = true;
  }
  if (same) return first.status;
  return anyServer ? (500 satisfies ServerErrorStatus) : (400 satisfies ClientErrorStatus);
}
