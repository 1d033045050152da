import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import type { HttpResponse } from '../response.js';
import type { ReadRequest } from './read.js';
import {
  completeRequest,
  decodePathParameters,
  invalidPathEncoding,
  pathArrivesDecoded,
  requestPath,
} from './read.js';
import { encodeBody, setField } from './write.js';
import { readCookies } from '../_internals/cookies.js';
import { asRecord, asString, readMultiValueMap, readStringMap } from '../_internals/fields.js';

/**
 * API Gateway REST API proxy events (payload format 1.0).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
 */

/** True for a REST API proxy event: `httpMethod` and `path`, and no `requestContext.elb`. */
export function isRestEvent(event: Record<string, unknown>): boolean {
  return typeof event['httpMethod'] === 'string' && typeof event['path'] === 'string';
}

/**
 * Reads a REST API event, or a payload 1.0 event from an HTTP API (`version: "1.0"`), which has
 * the same shape. `multiValueHeaders` and `multiValueQueryStringParameters` hold every value (the
 * single-value maps only the last one), so they are preferred; either may be `null`, as the
 * console's Test button sends them.
 *
 * A REST API passes `path` and `pathParameters` as the client sent them, still percent-encoded:
 * each parameter is decoded once here, and one that cannot be decoded is answered with a 400. An
 * HTTP API passes both decoded: its path is encoded again and its parameters are kept.
 */
export function readRestEvent(
  event: Record<string, unknown>,
  context: Context | undefined,
): ReadRequest {
  const requestContext = asRecord(event['requestContext']);
  const identity = asRecord(requestContext?.['identity']);
  const headers = readMultiValueMap(event['multiValueHeaders'], event['headers'], true, undefined);
  const decoded = pathArrivesDecoded('rest', event);
  const given = readStringMap(event['pathParameters']);
  const { parameters, invalid } = decoded
    ? { parameters: given, invalid: undefined }
    : decodePathParameters(given);
  return completeRequest(
    'rest',
    {
      method: (asString(event['httpMethod']) ?? 'GET').toUpperCase(),
      path: requestPath(asString(event['path']) ?? '/', decoded),
      route: asString(event['resource']),
      headers,
      query: readMultiValueMap(
        event['multiValueQueryStringParameters'],
        event['queryStringParameters'],
        false,
        undefined,
      ),
      pathParameters: parameters,
      cookies: readCookies(undefined, headers['cookie']),
      sourceIp: asString(identity?.['sourceIp']),
      stage: asString(requestContext?.['stage']),
      authorizer: asRecord(requestContext?.['authorizer']),
      // Kept as sent, for `callerOf` to read when asked (a REST API's IAM caller is only here).
      identity,
    },
    asString(requestContext?.['requestId']),
    context,
    event['body'],
    event['isBase64Encoded'],
    invalid === undefined ? undefined : invalidPathEncoding(invalid),
  );
}

/**
 * Writes a REST API result. Single headers go in `headers`; repeated ones and every
 * `Set-Cookie` go in `multiValueHeaders`, which API Gateway merges with `headers`.
 */
export function writeRestResult(response: HttpResponse): APIGatewayProxyResult {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (const name of Object.keys(response.headers)) {
    const values = response.headers[name];
    if (values === undefined || values.length === 0) continue;
    if (values.length === 1) setField(headers, name, values[0] as string);
    else setField(multiValueHeaders, name, [...values]);
  }
  if (response.cookies.length > 0) multiValueHeaders['set-cookie'] = [...response.cookies];
  return { statusCode: response.status, headers, multiValueHeaders, ...encodeBody(response.body) };
}
