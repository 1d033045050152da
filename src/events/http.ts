import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { EventKind } from '../request.js';
import type { HttpResponse } from '../response.js';
import type { ReadRequest } from './read.js';
import { completeRequest, requestPath } from './read.js';
import { encodeBody, joinedHeaders } from './write.js';
import { readCookies } from '../_internals/cookies.js';
import {
  asRecord,
  asString,
  emptyMap,
  readMultiValueMap,
  readStringMap,
} from '../_internals/fields.js';
import { parseQueryString } from '../_internals/query-string.js';

/**
 * HTTP API events (payload format 2.0) and Lambda Function URL events, which share that format.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 * https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html
 */

/** True for a payload 2.0 event: `requestContext.http` (or `version: "2.0"` with a `rawPath`). */
export function isHttpEvent(event: Record<string, unknown>): boolean {
  const requestContext = asRecord(event['requestContext']);
  if (asRecord(requestContext?.['http']) !== undefined) return true;
  return event['version'] === '2.0' && typeof event['rawPath'] === 'string';
}

/** True when a payload 2.0 event came through a Function URL (`<id>.lambda-url.<region>.on.aws`). */
export function isFunctionUrlEvent(event: Record<string, unknown>): boolean {
  const domain = asString(asRecord(event['requestContext'])?.['domainName']);
  return domain !== undefined && domain.includes('.lambda-url.');
}

/**
 * On a named stage, HTTP APIs put the stage in front of the path (`/prod/users`); the handler
 * sees the path without it, as on the `$default` stage.
 */
function stripStage(path: string, stage: string | undefined): string {
  if (stage === undefined || stage === '$default' || stage === '') return path;
  const prefix = `/${stage}`;
  if (path === prefix) return '/';
  return path.startsWith(`${prefix}/`) ? path.slice(prefix.length) : path;
}

/**
 * The request's path, percent-encoded as the client sent it. A Function URL passes `rawPath` as
 * sent; an HTTP API decodes it first (and `requestContext.http.path` is decoded for both, as the
 * live captures of hotsock/voker#8 show: `rawPath` `/capture/space%20value` from a Function URL,
 * `/capture/space value` from an HTTP API), so a decoded path is encoded again rather than decoded
 * a second time.
 */
function pathOf(
  kind: Extract<EventKind, 'http' | 'function-url'>,
  event: Record<string, unknown>,
  http: Record<string, unknown> | undefined,
  stage: string | undefined,
): string {
  const rawPath = asString(event['rawPath']);
  if (rawPath !== undefined) return requestPath(stripStage(rawPath, stage), kind === 'http');
  const decoded = asString(http?.['path']);
  return decoded === undefined ? '/' : requestPath(stripStage(decoded, stage), true);
}

/**
 * Reads a payload 2.0 event. The query comes from `rawQueryString`: `queryStringParameters`
 * joins repeated values with commas, which cannot be told apart from a value containing one.
 * Cookies come in a `cookies` array (and no `Cookie` header); a `cookie` header is rebuilt from
 * it so that handlers read headers the same way for every kind. Path parameters are kept as the
 * HTTP API sends them, decoded ("API Gateway decodes URL-encoded request parameters before
 * passing them to your backend integration", Create routes for HTTP APIs).
 */
export function readHttpEvent(
  kind: Extract<EventKind, 'http' | 'function-url'>,
  event: Record<string, unknown>,
  context: Context | undefined,
): ReadRequest {
  const requestContext = asRecord(event['requestContext']);
  const http = asRecord(requestContext?.['http']);
  const stage = asString(requestContext?.['stage']);
  let headers = readMultiValueMap(undefined, event['headers'], true, undefined);
  const cookieEntries = Array.isArray(event['cookies'])
    ? (event['cookies'] as unknown[]).filter((entry): entry is string => typeof entry === 'string')
    : undefined;
  if (cookieEntries !== undefined && cookieEntries.length > 0 && headers['cookie'] === undefined) {
    // A new map: the one read may be the shared empty one.
    headers = Object.assign(emptyMap<string[]>(), headers, { cookie: [cookieEntries.join('; ')] });
  }
  const rawQuery = asString(event['rawQueryString']);
  return completeRequest(
    kind,
    {
      method: (asString(http?.['method']) ?? 'GET').toUpperCase(),
      path: pathOf(kind, event, http, stage),
      route: asString(event['routeKey']) ?? asString(requestContext?.['routeKey']),
      headers,
      query:
        rawQuery !== undefined
          ? parseQueryString(rawQuery)
          : readMultiValueMap(undefined, event['queryStringParameters'], false, undefined),
      pathParameters: readStringMap(event['pathParameters']),
      cookies: readCookies(
        cookieEntries,
        cookieEntries === undefined ? headers['cookie'] : undefined,
      ),
      sourceIp: asString(http?.['sourceIp']),
      stage,
      authorizer: asRecord(requestContext?.['authorizer']),
      identity: undefined,
    },
    asString(requestContext?.['requestId']),
    context,
    event['body'],
    event['isBase64Encoded'],
  );
}

/**
 * Writes a payload 2.0 result: headers one value each (repeated ones comma-joined), and every
 * `Set-Cookie` in `cookies`, which is the only way this format sends several.
 */
export function writeHttpResult(response: HttpResponse): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: response.status,
    headers: joinedHeaders(response),
    cookies: [...response.cookies],
    ...encodeBody(response.body),
  };
}
