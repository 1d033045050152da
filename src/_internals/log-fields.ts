import type { HttpRequest } from '../request.js';
import { routeOf } from './routed.js';

/**
 * @internal The X-Ray trace id of a request: the header API Gateway and the ALB forward, else
 * the one Lambda sets in the environment.
 */
export function traceIdOf(request: HttpRequest): string | undefined {
  return request.headers['x-amzn-trace-id']?.[0] ?? process.env['_X_AMZN_TRACE_ID'];
}

/**
 * @internal What an error line says of the request it is about: both request ids, the event
 * kind, the method, path and route, and the trace id when there is one.
 */
export function requestLogFields(request: HttpRequest): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    requestId: request.requestId,
    lambdaRequestId: request.lambdaRequestId,
    kind: request.kind,
    method: request.method,
    path: request.path,
    route: routeOf(request),
  };
  const traceId = traceIdOf(request);
  if (traceId !== undefined) fields['traceId'] = traceId;
  return fields;
}
