import { randomUUID } from 'node:crypto';
import type { EventKind } from '../request.js';
import { emptyMap } from '../_internals/fields.js';
import { decodedForDisplay, httpApiPath } from '../_internals/path.js';
import { decodeQueryComponent } from '../_internals/query-string.js';

/**
 * The event kind a local server builds: as `toLambda` would receive from each source (`rest`,
 * `http`, `url`, `alb`, `alb-multi`), or `custom`, the event a REST API's custom (non-proxy)
 * integration builds with gatefold's request template, as `toLambdaIntegration` receives it.
 */
export type LocalEventKind = 'rest' | 'http' | 'url' | 'alb' | 'alb-multi' | 'custom';

/** The proxy event kinds. */
export type ProxyEventKind = Exclude<LocalEventKind, 'custom'>;

/** The source a local event kind stands for, whose limits and refusals it follows. */
export function sourceOf(kind: ProxyEventKind): EventKind {
  if (kind === 'url') return 'function-url';
  return kind === 'alb-multi' ? 'alb' : kind;
}

/** A request as the local server received it. */
export interface LocalRequest {
  readonly method: string;
  /** Path and query as sent (`/users?id=1`). */
  readonly url: string;
  /**
   * Every value of every header, by lower-cased name, in arrival order (node's
   * `headersDistinct`, which keeps a header named `__proto__`; `headers` drops it).
   */
  readonly headers: Readonly<Record<string, readonly string[] | undefined>>;
  readonly body: Buffer;
  readonly sourceIp: string;
}

/** The event for a request, or `undefined` when the source refuses the path before invoking. */
export type LocalEvent = Record<string, unknown> | undefined;

// What API Gateway and the others pass as text; anything else travels base64-encoded.
const TEXTUAL =
  /^(?:text\/|application\/(?:[\w.+-]*\+)?(?:json|xml|javascript|x-www-form-urlencoded))/i;

// The maps are made without a prototype, so that a query key or a header named `__proto__`,
// `constructor` or `toString` is an ordinary key rather than an inherited member.

function headerLists(
  headers: Readonly<Record<string, readonly string[] | undefined>>,
): Record<string, string[]> {
  const out = emptyMap<string[]>();
  for (const name of Object.keys(headers)) {
    const values = headers[name];
    if (values !== undefined) out[name] = [...values];
  }
  return out;
}

function lastValues(lists: Readonly<Record<string, readonly string[]>>): Record<string, string> {
  const out = emptyMap<string>();
  for (const name of Object.keys(lists)) {
    const values = lists[name] ?? [];
    out[name] = values[values.length - 1] ?? '';
  }
  return out;
}

function joinedValues(
  lists: Readonly<Record<string, readonly string[]>>,
  separator: string,
): Record<string, string> {
  const out = emptyMap<string>();
  for (const name of Object.keys(lists)) out[name] = (lists[name] ?? []).join(separator);
  return out;
}

function queryLists(raw: string, decode: boolean): Record<string, string[]> {
  const out = emptyMap<string[]>();
  if (raw === '') return out;
  for (const pair of raw.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? '' : pair.slice(eq + 1);
    const key = decode ? decodeQueryComponent(rawKey) : rawKey;
    const value = decode ? decodeQueryComponent(rawValue) : rawValue;
    const values = out[key];
    if (values === undefined) out[key] = [value];
    else values.push(value);
  }
  return out;
}

function hasKeys(record: object): boolean {
  return Object.keys(record).length > 0;
}

function bodyOf(request: LocalRequest): { body: string | null; isBase64Encoded: boolean } {
  if (request.body.byteLength === 0) return { body: null, isBase64Encoded: false };
  const type = request.headers['content-type']?.[0] ?? '';
  return TEXTUAL.test(type)
    ? { body: request.body.toString('utf8'), isBase64Encoded: false }
    : { body: request.body.toString('base64'), isBase64Encoded: true };
}

/**
 * Builds the event an AWS source would send for this request, following each source's documented
 * format: REST API proxy (payload 1.0, a `/{proxy+}` resource on stage `local`), HTTP API and
 * Function URL (payload 2.0, `$default`), ALB (single- or multi-value headers).
 *
 * Paths are handed over as each source hands them over (live captures of every source:
 * hotsock/voker#8): REST APIs, Function URLs and ALBs as the client sent them, percent-encoded
 * (a REST API's `pathParameters` too); HTTP APIs decoded, as `_internals/path.ts` describes.
 * `undefined` stands for an HTTP API refusing a path that does not decode, with 400, before any
 * function runs.
 */
export function toEvent(kind: ProxyEventKind, request: LocalRequest): LocalEvent {
  const question = request.url.indexOf('?');
  const path = question === -1 ? request.url : request.url.slice(0, question);
  const rawQuery = question === -1 ? '' : request.url.slice(question + 1);
  const method = request.method.toUpperCase();
  const headers = headerLists(request.headers);
  const requestId = randomUUID();
  const now = Date.now();
  const { body, isBase64Encoded } = bodyOf(request);
  const host = request.headers['host']?.[0];
  const userAgent = request.headers['user-agent']?.[0];

  if (kind === 'rest') {
    const query = queryLists(rawQuery, true);
    const hasQuery = hasKeys(query);
    return {
      resource: '/{proxy+}',
      path,
      httpMethod: method,
      headers: lastValues(headers),
      multiValueHeaders: headers,
      queryStringParameters: hasQuery ? lastValues(query) : null,
      multiValueQueryStringParameters: hasQuery ? query : null,
      pathParameters: path === '/' ? null : { proxy: path.slice(1) },
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
        domainName: host ?? 'localhost',
        identity: { sourceIp: request.sourceIp, userAgent: userAgent ?? null },
      },
      body,
      isBase64Encoded,
    };
  }

  if (kind === 'http' || kind === 'url') {
    const rawPath = kind === 'http' ? httpApiPath(path) : path;
    if (rawPath === undefined) return undefined;
    const cookieHeader = headers['cookie'];
    delete headers['cookie'];
    const query = queryLists(rawQuery, true);
    const domainName =
      kind === 'url'
        ? 'local.lambda-url.us-east-1.on.aws'
        : 'local.execute-api.us-east-1.amazonaws.com';
    const event: Record<string, unknown> = {
      version: '2.0',
      routeKey: '$default',
      rawPath,
      rawQueryString: rawQuery,
      headers: joinedValues(headers, ','),
      requestContext: {
        accountId: '123456789012',
        apiId: 'local',
        domainName,
        domainPrefix: 'local',
        http: {
          method,
          path: kind === 'http' ? rawPath : decodedForDisplay(rawPath),
          protocol: 'HTTP/1.1',
          sourceIp: request.sourceIp,
          userAgent: userAgent ?? '',
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
    // Payload 2.0 joins repeated values with commas here; rawQueryString keeps them apart.
    if (hasKeys(query)) event['queryStringParameters'] = joinedValues(query, ',');
    if (body !== null) event['body'] = body;
    return event;
  }

  // ALB passes the query string as sent: still percent-encoded.
  const query = queryLists(rawQuery, false);
  const multi = kind === 'alb-multi';
  const event: Record<string, unknown> = {
    requestContext: {
      elb: {
        targetGroupArn:
          'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/local/0123456789abcdef',
      },
    },
    httpMethod: method,
    path,
  };
  if (multi) {
    headers['x-forwarded-for'] = [request.sourceIp];
    event['multiValueQueryStringParameters'] = query;
    event['multiValueHeaders'] = headers;
  } else {
    const single = lastValues(headers);
    single['x-forwarded-for'] = request.sourceIp;
    event['queryStringParameters'] = lastValues(query);
    event['headers'] = single;
  }
  event['body'] = body ?? '';
  event['isBase64Encoded'] = isBase64Encoded;
  return event;
}
