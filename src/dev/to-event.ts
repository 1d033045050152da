import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { decodeQueryComponent } from '../_internals/query-string.js';

/** The event kind a local server builds: as `toLambda` would receive from each source. */
export type LocalEventKind = 'rest' | 'http' | 'url' | 'alb' | 'alb-multi';

/** A request as the local server received it. */
export interface LocalRequest {
  readonly method: string;
  /** Path and query as sent (`/users?id=1`). */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly sourceIp: string;
}

// What API Gateway and the others pass as text; anything else travels base64-encoded.
const TEXTUAL =
  /^(?:text\/|application\/(?:[\w.+-]*\+)?(?:json|xml|javascript|x-www-form-urlencoded))/i;

/** REST API paths arrive decoded; a malformed escape stays as sent. */
function decodePath(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

function headerLists(headers: IncomingHttpHeaders): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  return out;
}

function lastValues(lists: Record<string, string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(lists).map(([k, v]) => [k, v[v.length - 1] ?? '']));
}

function queryLists(raw: string, decode: boolean): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (raw === '') return out;
  for (const pair of raw.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? '' : pair.slice(eq + 1);
    const key = decode ? decodeQueryComponent(rawKey) : rawKey;
    (out[key] ??= []).push(decode ? decodeQueryComponent(rawValue) : rawValue);
  }
  return out;
}

function bodyOf(request: LocalRequest): { body: string | null; isBase64Encoded: boolean } {
  if (request.body.byteLength === 0) return { body: null, isBase64Encoded: false };
  const type = request.headers['content-type'] ?? '';
  return TEXTUAL.test(type)
    ? { body: request.body.toString('utf8'), isBase64Encoded: false }
    : { body: request.body.toString('base64'), isBase64Encoded: true };
}

/**
 * Builds the event an AWS source would send for this request, following each source's documented
 * format: REST API proxy (payload 1.0, a `/{proxy+}` resource on stage `local`), HTTP API and
 * Function URL (payload 2.0, `$default`), ALB (single- or multi-value headers).
 */
export function toEvent(kind: LocalEventKind, request: LocalRequest): Record<string, unknown> {
  const question = request.url.indexOf('?');
  const path = question === -1 ? request.url : request.url.slice(0, question);
  const rawQuery = question === -1 ? '' : request.url.slice(question + 1);
  const method = request.method.toUpperCase();
  const headers = headerLists(request.headers);
  const requestId = randomUUID();
  const now = Date.now();
  const { body, isBase64Encoded } = bodyOf(request);

  if (kind === 'rest') {
    const query = queryLists(rawQuery, true);
    const hasQuery = Object.keys(query).length > 0;
    return {
      resource: '/{proxy+}',
      path: decodePath(path),
      httpMethod: method,
      headers: lastValues(headers),
      multiValueHeaders: headers,
      queryStringParameters: hasQuery ? lastValues(query) : null,
      multiValueQueryStringParameters: hasQuery ? query : null,
      pathParameters: path === '/' ? null : { proxy: decodePath(path.slice(1)) },
      stageVariables: null,
      requestContext: {
        accountId: '123456789012',
        apiId: 'local',
        resourceId: 'local',
        resourcePath: '/{proxy+}',
        httpMethod: method,
        path: `/local${path}`,
        stage: 'local',
        protocol: 'HTTP/1.1',
        requestId,
        requestTimeEpoch: now,
        domainName: request.headers.host ?? 'localhost',
        identity: { sourceIp: request.sourceIp, userAgent: request.headers['user-agent'] ?? null },
      },
      body,
      isBase64Encoded,
    };
  }

  if (kind === 'http' || kind === 'url') {
    const cookieHeader = headers['cookie'];
    const joined = Object.fromEntries(
      Object.entries(headers)
        .filter(([name]) => name !== 'cookie')
        .map(([name, values]) => [name, values.join(',')]),
    );
    const query = queryLists(rawQuery, true);
    const domainName =
      kind === 'url'
        ? 'local.lambda-url.us-east-1.on.aws'
        : 'local.execute-api.us-east-1.amazonaws.com';
    const event: Record<string, unknown> = {
      version: '2.0',
      routeKey: '$default',
      rawPath: path,
      rawQueryString: rawQuery,
      headers: joined,
      requestContext: {
        accountId: '123456789012',
        apiId: 'local',
        domainName,
        domainPrefix: 'local',
        http: {
          method,
          path,
          protocol: 'HTTP/1.1',
          sourceIp: request.sourceIp,
          userAgent: request.headers['user-agent'] ?? '',
        },
        requestId,
        routeKey: '$default',
        stage: '$default',
        time: new Date(now).toUTCString(),
        timeEpoch: now,
      },
      isBase64Encoded,
    };
    if (cookieHeader !== undefined) {
      event['cookies'] = cookieHeader.flatMap((line) =>
        line
          .split(';')
          .map((c) => c.trim())
          .filter((c) => c !== ''),
      );
    }
    if (Object.keys(query).length > 0) {
      // Payload 2.0 joins repeated values with commas here; rawQueryString keeps them apart.
      event['queryStringParameters'] = Object.fromEntries(
        Object.entries(query).map(([k, v]) => [k, v.join(',')]),
      );
    }
    if (body !== null) event['body'] = body;
    return event;
  }

  // ALB passes the query string as sent: still percent-encoded.
  const query = queryLists(rawQuery, false);
  const multi = kind === 'alb-multi';
  return {
    requestContext: {
      elb: {
        targetGroupArn:
          'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/local/0123456789abcdef',
      },
    },
    httpMethod: method,
    path,
    ...(multi
      ? {
          multiValueQueryStringParameters: query,
          multiValueHeaders: { ...headers, 'x-forwarded-for': [request.sourceIp] },
        }
      : {
          queryStringParameters: lastValues(query),
          headers: { ...lastValues(headers), 'x-forwarded-for': request.sourceIp },
        }),
    body: body ?? '',
    isBase64Encoded,
  };
}
