import type { FoldConfig } from '../fold.js';
import type { HttpRequest } from '../request.js';
import type { HttpResponse } from '../response.js';
import { DEFECT_PROBLEM, problemsResponse } from '../fold.js';
import { safeLog } from '../logger.js';
import { isHeaderName } from './headers.js';
import { withEntry } from './fields.js';
import { requestLogFields } from './log-fields.js';

/**
 * A result larger than its event source can return never reaches the platform: Lambda would
 * fail the invocation and API Gateway, the Function URL or the ALB would send the client a bare
 * 502, with nothing in the function's logs. It is the function's defect, answered like any
 * other: a masked 500, and one log line that says how large the result was.
 */

/** What the log line of an oversized result says; never its body. */
export interface Oversized {
  /** The status of the response that was too large. */
  readonly status: number;
  /** Its size as Lambda would have sent it, in bytes. */
  readonly size: number;
  /** The event kind's limit, in bytes. */
  readonly limit: number;
}

/** @internal Logs a result too large to return, with its size and the limit; not its body. */
export function logOversized(request: HttpRequest, oversized: Oversized, config: FoldConfig): void {
  safeLog(config.logger, 'error', {
    message: 'Response too large for its event source; answered a masked 500',
    ...requestLogFields(request),
    status: oversized.status,
    size: oversized.size,
    limit: oversized.limit,
  });
}

/**
 * @internal The masked 500 in the configured error format, with the request id header, and no
 * body for HEAD: what a defect is answered with. Nothing of the response it replaces is kept —
 * neither its headers nor its cookies, which may be what made it too large.
 */
export function maskedResponse(
  request: HttpRequest,
  config: FoldConfig,
  requestIdHeader: string,
): HttpResponse {
  const response = problemsResponse(request, [DEFECT_PROBLEM], config);
  const headers =
    request.requestId !== '' && isHeaderName(requestIdHeader)
      ? withEntry(response.headers, requestIdHeader, [request.requestId])
      : response.headers;
  return {
    status: response.status,
    headers,
    cookies: response.cookies,
    body: request.method === 'HEAD' ? '' : response.body,
  };
}
