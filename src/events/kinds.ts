import type {
  ALBEvent,
  ALBResult,
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  APIGatewayProxyResult,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type { Logger } from '../logger.js';
import type { EventKind, HttpRequest } from '../request.js';
import type { HttpResponse } from '../response.js';
import type { ReadRequest } from './read.js';
import { rebuiltRequest } from './read.js';
import { isAlbEvent, readAlbEvent, writeAlbResult } from './alb.js';
import { isFunctionUrlEvent, isHttpEvent, readHttpEvent, writeHttpResult } from './http.js';
import { isRestEvent, readRestEvent, writeRestResult } from './rest.js';
import { asRecord } from '../_internals/fields.js';
import { checkResponseHeaders } from '../_internals/headers.js';

/**
 * An event from any source gatefold serves. (`LambdaFunctionURLEvent` is the same type as
 * `APIGatewayProxyEventV2` in `@types/aws-lambda`.)
 */
export type HttpEvent = APIGatewayProxyEvent | APIGatewayProxyEventV2 | ALBEvent;

/** The result a given event's source expects back. */
export type ResultFor<Ev> = Ev extends ALBEvent
  ? ALBResult
  : Ev extends APIGatewayProxyEventV2
    ? APIGatewayProxyStructuredResultV2
    : APIGatewayProxyResult;

/** A result of any kind. */
export type HttpResult = ALBResult | APIGatewayProxyStructuredResultV2 | APIGatewayProxyResult;

/**
 * The kind of an event, or `undefined` when it is not an HTTP event. ALB is tested first (its
 * events also carry `httpMethod` and `path`), then payload 2.0 by `requestContext.http` (not by
 * `rawPath` alone), then REST.
 */
export function detectEventKind(event: unknown): EventKind | undefined {
  const record = asRecord(event);
  if (record === undefined) return undefined;
  if (isAlbEvent(record)) return 'alb';
  if (isHttpEvent(record)) return isFunctionUrlEvent(record) ? 'function-url' : 'http';
  if (isRestEvent(record)) return 'rest';
  return undefined;
}

function readByKind(
  kind: EventKind,
  event: Record<string, unknown>,
  context: Context | undefined,
): ReadRequest {
  switch (kind) {
    case 'rest':
      return readRestEvent(event, context);
    case 'http':
    case 'function-url':
      return readHttpEvent(kind, event, context);
    case 'alb':
      return readAlbEvent(event, context);
  }
}

// What a caller-supplied request id may look like: visible ASCII, no spaces, of sane length, so
// that it is safe to echo in a header and to print in a log line.
const INBOUND_REQUEST_ID = /^[\x21-\x7e]{1,200}$/;

/**
 * @internal Reads an event of a known kind. When the client sent a request id header (by
 * default `x-request-id`) with a sane value, that id becomes the request's id, so that the
 * client, the response and the logs all quote the same one.
 */
export function readEvent(
  kind: EventKind,
  event: Record<string, unknown>,
  context: Context | undefined,
  requestIdHeader: string | undefined,
): ReadRequest {
  return adoptRequestId(readByKind(kind, event, context), requestIdHeader);
}

/** @internal Makes a sane client request id (in `requestIdHeader`) the request's id. */
export function adoptRequestId(
  read: ReadRequest,
  requestIdHeader: string | undefined,
): ReadRequest {
  if (requestIdHeader === undefined) return read;
  const inbound = read.request.headers[requestIdHeader]?.[0];
  if (inbound === undefined || !INBOUND_REQUEST_ID.test(inbound)) return read;
  return {
    request: rebuiltRequest(read.request, read.request.route, read.request.pathParameters, inbound),
    rejection: read.rejection,
  };
}

/**
 * @internal Writes a response in the shape its event's source expects. A header that cannot be
 * sent (CR or LF in a value would split the response) throws rather than reach the client,
 * unless the caller knows them all checked already.
 */
export function writeResult(
  kind: EventKind,
  response: HttpResponse,
  event: Record<string, unknown>,
  request: HttpRequest,
  logger: Logger,
  headersChecked = false,
): HttpResult {
  if (!headersChecked) checkResponseHeaders(response.headers, response.cookies);
  switch (kind) {
    case 'rest':
      return writeRestResult(response);
    case 'http':
    case 'function-url':
      return writeHttpResult(response);
    case 'alb':
      return writeAlbResult(response, event, request, logger);
  }
}
