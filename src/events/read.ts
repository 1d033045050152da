import type { Context } from 'aws-lambda';
import type { Problem } from '../problem.js';
import type { EventKind, HttpRequest } from '../request.js';
import { badRequest } from '../problem.js';
import { readBody } from '../_internals/body.js';
import { EMPTY_MAP, asRecord, asString, frozenMap } from '../_internals/fields.js';

/** What an event reader gives: the request, and a problem when it cannot be served as sent. */
export interface ReadRequest {
  readonly request: HttpRequest;
  readonly rejection: Problem | undefined;
}

/** The parts every reader fills in, before the body is read. */
export type RequestParts = Omit<HttpRequest, 'body' | 'lambdaRequestId' | 'requestId' | 'kind'>;

// A request id is sent back in a response header: one with a control character (CR or LF would
// split the response) is not used, whoever supplied it.
// eslint-disable-next-line no-control-regex -- control characters are what is looked for
const CONTROL_CHARACTER = /[\x00-\x08\x0a-\x1f\x7f]/;

/**
 * @internal The id a request is known by: API Gateway's when it gives a usable one, else Lambda's,
 * else none (`''`).
 */
export function chooseRequestId(
  gatewayRequestId: string | undefined,
  lambdaRequestId: string,
): string {
  for (const id of [gatewayRequestId, lambdaRequestId]) {
    if (id !== undefined && id !== '' && !CONTROL_CHARACTER.test(id)) return id;
  }
  return '';
}

/** @internal Lambda's request id; the context may be missing when a test calls the handler bare. */
export function lambdaRequestIdOf(context: Context | undefined): string {
  return asString((context as { awsRequestId?: unknown } | undefined)?.awsRequestId) ?? '';
}

/**
 * @internal Completes a request: reads the body (an invalid base64 body is the client's fault,
 * so it becomes a 400 rather than corrupted bytes) and settles which request id to use.
 */
export function completeRequest(
  kind: EventKind,
  parts: RequestParts,
  gatewayRequestId: string | undefined,
  context: Context | undefined,
  body: unknown,
  isBase64Encoded: unknown,
): ReadRequest {
  const lambdaRequestId = lambdaRequestIdOf(context);
  const reading = readBody(body, isBase64Encoded);
  // Frozen: the fold reads the request again after the handler ran, and must see what was read.
  // Every field is named rather than spread: V8 freezes an object literal of a known shape through
  // a cached transition, but copies the hidden class of a spread result each time.
  const request: HttpRequest = Object.freeze({
    kind,
    method: parts.method,
    path: parts.path,
    route: parts.route,
    headers: frozenMap(parts.headers),
    query: frozenMap(parts.query),
    pathParameters: frozenMap(parts.pathParameters),
    cookies: frozenMap(parts.cookies),
    sourceIp: parts.sourceIp,
    stage: parts.stage,
    authorizer: parts.authorizer,
    body: reading.ok ? reading.body : undefined,
    requestId: chooseRequestId(gatewayRequestId, lambdaRequestId),
    lambdaRequestId,
  });
  return {
    request,
    rejection: reading.ok
      ? undefined
      : badRequest({ code: 'InvalidBase64Body', detail: reading.detail }),
  };
}

/**
 * @internal A frozen copy of a request with its route, path parameters and request id as given
 * (the router's match, an adopted request id). Every field is named rather than spread, and the
 * changes are arguments rather than an object, as this runs for every routed request.
 */
export function rebuiltRequest(
  request: HttpRequest,
  route: string | undefined,
  pathParameters: Readonly<Record<string, string>>,
  requestId: string,
): HttpRequest {
  return Object.freeze({
    kind: request.kind,
    method: request.method,
    path: request.path,
    route,
    headers: request.headers,
    query: request.query,
    pathParameters,
    cookies: request.cookies,
    sourceIp: request.sourceIp,
    stage: request.stage,
    authorizer: request.authorizer,
    body: request.body,
    requestId,
    lambdaRequestId: request.lambdaRequestId,
  });
}

/** @internal A bare request for a response when the event could not be read at all. */
export function fallbackRequest(
  kind: EventKind,
  event: Record<string, unknown>,
  context: Context | undefined,
): HttpRequest {
  const lambdaRequestId = lambdaRequestIdOf(context);
  // Payload 1.0 and ALB carry `httpMethod`; payload 2.0 `requestContext.http.method`. Only the
  // method matters here: a HEAD request must still get no body.
  const requestContext = asRecord(event['requestContext']);
  const method =
    asString(event['httpMethod']) ?? asString(asRecord(requestContext?.['http'])?.['method']);
  const gatewayRequestId = asString(requestContext?.['requestId']);
  return {
    kind,
    method: method?.toUpperCase() ?? 'GET',
    path: asString(event['path']) ?? asString(event['rawPath']) ?? '/',
    route: undefined,
    headers: EMPTY_MAP,
    query: EMPTY_MAP,
    pathParameters: EMPTY_MAP,
    cookies: EMPTY_MAP,
    body: undefined,
    requestId: chooseRequestId(gatewayRequestId, lambdaRequestId),
    lambdaRequestId,
    sourceIp: undefined,
    stage: undefined,
    authorizer: undefined,
  };
}
