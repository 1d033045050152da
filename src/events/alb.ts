import type { ALBResult, Context } from 'aws-lambda';
import type { Logger } from '../logger.js';
import { safeLog } from '../logger.js';
import type { HttpRequest } from '../request.js';
import type { HttpResponse } from '../response.js';
import type { ReadRequest } from './read.js';
import { completeRequest } from './read.js';
import { encodeBody, joinedHeaders, setField } from './write.js';
import { reasonPhrase } from '../status.js';
import { readCookies } from '../_internals/cookies.js';
import { EMPTY_MAP, asRecord, asString, readMultiValueMap } from '../_internals/fields.js';
import { decodeQueryComponent } from '../_internals/query-string.js';

/**
 * Application Load Balancer target events.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html
 */

/** True for an ALB event: `requestContext.elb`. */
export function isAlbEvent(event: Record<string, unknown>): boolean {
  return asRecord(asRecord(event['requestContext'])?.['elb']) !== undefined;
}

/**
 * Whether the target group has multi-value headers on: the event then carries
 * `multiValueHeaders` instead of `headers`, and the result must too.
 */
export function usesMultiValueHeaders(event: Record<string, unknown>): boolean {
  return asRecord(event['multiValueHeaders']) !== undefined;
}

/** The client address the load balancer saw: the last `X-Forwarded-For` entry (it appends). */
function clientIp(headers: Readonly<Record<string, string[]>>): string | undefined {
  const values = headers['x-forwarded-for'];
  const last = values?.[values.length - 1];
  if (last === undefined) return undefined;
  const parts = last.split(',');
  const ip = (parts[parts.length - 1] ?? '').trim();
  return ip === '' ? undefined : ip;
}

/**
 * Reads an ALB event. ALB passes the query string as the client sent it, still
 * percent-encoded, so keys and values are decoded here. The path too arrives as sent (the live
 * capture of hotsock/voker#8: `/capture/space%20value`), which is the form `HttpRequest.path`
 * holds, so it is kept. There is no gateway request id: the Lambda request id is used.
 */
export function readAlbEvent(
  event: Record<string, unknown>,
  context: Context | undefined,
): ReadRequest {
  const headers = readMultiValueMap(event['multiValueHeaders'], event['headers'], true, undefined);
  return completeRequest(
    'alb',
    {
      method: (asString(event['httpMethod']) ?? 'GET').toUpperCase(),
      path: asString(event['path']) ?? '/',
      route: undefined,
      headers,
      query: readMultiValueMap(
        event['multiValueQueryStringParameters'],
        event['queryStringParameters'],
        false,
        decodeQueryComponent,
      ),
      pathParameters: EMPTY_MAP,
      cookies: readCookies(undefined, headers['cookie']),
      sourceIp: clientIp(headers),
      stage: undefined,
      authorizer: undefined,
      identity: undefined,
    },
    undefined,
    context,
    event['body'],
    event['isBase64Encoded'],
  );
}

/**
 * Writes an ALB result with `statusDescription` (`"404 Not Found"`). In multi-value mode every
 * header and cookie goes in `multiValueHeaders`. In single-value mode a header has one value:
 * repeated headers are comma-joined, but `Set-Cookie` cannot be (its `Expires` contains a
 * comma), so only the first cookie is sent and the loss is logged.
 */
export function writeAlbResult(
  response: HttpResponse,
  event: Record<string, unknown>,
  request: HttpRequest,
  logger: Logger,
): ALBResult {
  const statusDescription = `${response.status} ${reasonPhrase(response.status)}`;
  const body = encodeBody(response.body);
  if (usesMultiValueHeaders(event)) {
    const multiValueHeaders: Record<string, string[]> = {};
    for (const name of Object.keys(response.headers)) {
      setField(multiValueHeaders, name, [...(response.headers[name] ?? [])]);
    }
    if (response.cookies.length > 0) multiValueHeaders['set-cookie'] = [...response.cookies];
    return { statusCode: response.status, statusDescription, multiValueHeaders, ...body };
  }
  const headers = joinedHeaders(response);
  const [firstCookie] = response.cookies;
  if (firstCookie !== undefined) headers['set-cookie'] = firstCookie;
  if (response.cookies.length > 1) {
    safeLog(logger, 'warn', {
      message:
        'ALB target group has multi-value headers off: only the first Set-Cookie was sent. Turn on lambda.multi_value_headers.enabled to send them all.',
      requestId: request.requestId,
      droppedCookies: response.cookies.length - 1,
    });
  }
  return { statusCode: response.status, statusDescription, headers, ...body };
}
