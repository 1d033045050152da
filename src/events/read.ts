import type { Context } from 'aws-lambda';
import type { Problem } from '../problem.js';
import type { EventKind, HttpRequest } from '../request.js';
import { badRequest } from '../problem.js';
import { readBody } from '../_internals/body.js';
import { isHeaderValue } from '../_internals/headers.js';
import { EMPTY_MAP, asRecord, asString, emptyMap, frozenMap } from '../_internals/fields.js';
import { decodePathComponent, encodeDecodedPath } from '../_internals/path.js';

/** What an event reader gives: the request, and a problem when it cannot be served as sent. */
export interface ReadRequest {
  readonly request: HttpRequest;
  readonly rejection: Problem | undefined;
}

/** The parts every reader fills in, before the body is read. */
export type RequestParts = Omit<HttpRequest, 'body' | 'lambdaRequestId' | 'requestId' | 'kind'>;

/**
 * @internal The id a request is known by: API Gateway's when it gives a usable one, else Lambda's,
 * else none (`''`).
 */
export function chooseRequestId(
  gatewayRequestId: string | undefined,
  lambdaRequestId: string,
): string {
  for (const id of [gatewayRequestId, lambdaRequestId]) {
    // The id is sent back in a response header: one that is not a valid field value (a control
    // character, CR or LF above all, or a character above U+00FF) is not used, whoever supplied it.
    if (id !== undefined && id !== '' && isHeaderValue(id)) return id;
  }
  return '';
}

/** @internal Lambda's request id; the context may be missing when a test calls the handler bare. */
export function lambdaRequestIdOf(context: Context | undefined): string {
  return asString((context as { awsRequestId?: unknown } | undefined)?.awsRequestId) ?? '';
}

/**
 * @internal Whether the event's source hands the path over already percent-decoded. HTTP APIs
 * do, in payload 2.0 `rawPath` and payload 1.0 `path` alike (live captures: hotsock/voker#8;
 * middleapi/standard-server#93); REST APIs, Function URLs and ALBs pass it as the client sent it.
 * A payload 1.0 event from an HTTP API is told from a REST API's by `version: "1.0"`, which only
 * HTTP APIs write (the payload 1.0 example of "Create AWS Lambda proxy integrations for HTTP
 * APIs"; REST API proxy events carry no `version`).
 */
export function pathArrivesDecoded(kind: EventKind, event: Record<string, unknown>): boolean {
  return kind === 'http' || (kind === 'rest' && event['version'] === '1.0');
}

/**
 * @internal The path in the one form `HttpRequest.path` has for every kind: percent-encoded, as
 * a client sends it. A path the source decoded is encoded again (`_internals/path.ts`).
 */
export function requestPath(path: string, decoded: boolean): string {
  return decoded ? encodeDecodedPath(path) : path;
}

/**
 * @internal The 400 for a path, or a path parameter, that is not valid percent-encoding and so
 * cannot be decoded exactly once. The router answers it for a path segment, the REST reader for
 * a path parameter, so that every kind answers the same.
 */
export function invalidPathEncoding(text: string): Problem {
  return badRequest({
    code: 'invalid-path-encoding',
    detail: `The path holds "${text}", which is not valid percent-encoding (RFC 3986, section 2.1).`,
  });
}

/** Path parameters, each decoded once, or the first value that cannot be decoded. */
export interface DecodedParameters {
  readonly parameters: Readonly<Record<string, string>>;
  readonly invalid: string | undefined;
}

/**
 * The first `/`-separated piece of a value that does not decode, so that the 400 quotes what the
 * router's quotes for the same path: the segment, not a whole greedy parameter.
 */
function invalidSegment(value: string): string {
  return value.split('/').find((piece) => decodePathComponent(piece) === undefined) ?? value;
}

/**
 * @internal Decodes path parameters a source passes as the client sent them (a REST API's: its
 * `pathParameters` keep the escapes of the path, `{ proxy: "capture/space%20value" }` in the live
 * capture of hotsock/voker#8, and serverless/serverless#5037), each value once.
 */
export function decodePathParameters(
  parameters: Readonly<Record<string, string>>,
): DecodedParameters {
  let escaped = false;
  for (const name in parameters) if ((parameters[name] as string).includes('%')) escaped = true;
  if (!escaped) return { parameters, invalid: undefined };
  const out = emptyMap<string>();
  for (const name of Object.keys(parameters)) {
    const raw = parameters[name] as string;
    const decoded = decodePathComponent(raw);
    if (decoded === undefined) return { parameters: EMPTY_MAP, invalid: invalidSegment(raw) };
    out[name] = decoded;
  }
  return { parameters: out, invalid: undefined };
}

/**
 * @internal Completes a request: reads the body (an invalid base64 body is the client's fault,
 * so it becomes a 400 rather than corrupted bytes) and settles which request id to use. A
 * `rejection` the reader found already (a path that cannot be decoded) comes first.
 */
export function completeRequest(
  kind: EventKind,
  parts: RequestParts,
  gatewayRequestId: string | undefined,
  context: Context | undefined,
  body: unknown,
  isBase64Encoded: unknown,
  rejection?: Problem,
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
    identity: parts.identity,
    body: reading.ok ? reading.body : undefined,
    requestId: chooseRequestId(gatewayRequestId, lambdaRequestId),
    lambdaRequestId,
  });
  return {
    request,
    rejection:
      rejection ??
      (reading.ok ? undefined : badRequest({ code: 'InvalidBase64Body', detail: reading.detail })),
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
    identity: request.identity,
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
  const path = asString(event['path']) ?? asString(event['rawPath']);
  return {
    kind,
    method: method?.toUpperCase() ?? 'GET',
    path: path === undefined ? '/' : requestPath(path, pathArrivesDecoded(kind, event)),
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
    identity: undefined,
  };
}
