import type { ALBEvent, APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';
import { randomBytes, randomUUID } from 'node:crypto';
import { decodedForDisplay, httpApiPath } from '../_internals/path.js';

/**
 * Event builders for tests, following each source's documented payload format:
 * - REST API proxy (payload 1.0):
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
 * - HTTP API (payload 2.0):
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 * - Function URL (payload 2.0 through `<url-id>.lambda-url.<region>.on.aws`):
 *   https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html
 * - ALB target (single-value or multi-value mode):
 *   https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html
 */

/**
 * Query parameters by name: one value, or every value of a repeated key in order. Values are
 * given decoded (`{ q: 'a b' }`); each builder encodes them as its source would.
 *
 * @example
 * ```ts
 * import type { EventQuery } from 'gatefold/testing';
 * const query: EventQuery = { page: '2', tag: ['a', 'b'] };
 * ```
 */
export type EventQuery = Readonly<Record<string, string | readonly string[]>>;

/**
 * Request headers by name: one value, or every value of a repeated header. A name given here
 * replaces the builder's default of the same name (compared case-insensitively); an empty list
 * removes that default.
 *
 * @example
 * ```ts
 * import type { EventHeaders } from 'gatefold/testing';
 * const headers: EventHeaders = { authorization: 'Bearer t0k3n', 'x-forwarded-for': [] };
 * ```
 */
export type EventHeaders = Readonly<Record<string, string | readonly string[]>>;

/**
 * Cookies the client sends: by name (`{ session: 'abc' }`) or as `name=value` entries.
 *
 * @example
 * ```ts
 * import type { EventCookies } from 'gatefold/testing';
 * const cookies: EventCookies = { session: 'abc', theme: 'dark' };
 * ```
 */
export type EventCookies = Readonly<Record<string, string>> | readonly string[];

/**
 * A request body: text as is, bytes base64-encoded (`isBase64Encoded: true`), and any other
 * object or array as JSON with `content-type: application/json` (unless a `content-type` header
 * is given).
 *
 * @example
 * ```ts
 * import type { EventBody } from 'gatefold/testing';
 * const body: EventBody = { name: 'Ada' };
 * ```
 */
export type EventBody =
  string | Uint8Array | Readonly<Record<string, unknown>> | readonly unknown[];

/**
 * What every builder accepts. The defaults are `GET /` with no query and no body, from
 * `203.0.113.10`, with a fresh random request id.
 *
 * @example
 * ```ts
 * import type { EventOptions } from 'gatefold/testing';
 * const options: EventOptions = { method: 'POST', path: '/users', body: { name: 'Ada' } };
 * ```
 */
export interface EventOptions {
  /** The HTTP method; upper-cased. Default `GET`. */
  readonly method?: string | undefined;
  /**
   * The path as the client sends it, starting with `/`, percent-encoded where it needs to be
   * (`/files/a%20b`), without query string (use `query`). Default `/`. Each builder hands it over
   * as its source does: REST APIs, Function URLs and ALBs as sent, HTTP APIs decoded.
   */
  readonly path?: string | undefined;
  readonly query?: EventQuery | undefined;
  readonly headers?: EventHeaders | undefined;
  readonly cookies?: EventCookies | undefined;
  readonly body?: EventBody | undefined;
  /** The client's IP address. Default `203.0.113.10`. */
  readonly sourceIp?: string | undefined;
}

/**
 * Options of {@link restApiEvent}.
 *
 * @example
 * ```ts
 * import type { RestApiEventOptions } from 'gatefold/testing';
 * const options: RestApiEventOptions = {
 *   path: '/users/u-1',
 *   resource: '/users/{id}',
 *   pathParameters: { id: 'u-1' },
 * };
 * ```
 */
export interface RestApiEventOptions extends EventOptions {
  /**
   * Path parameters API Gateway extracted, as a REST API sends them: still percent-encoded, like
   * the path (`{ id: 'caf%C3%A9' }`); `null` in the event when none are given.
   */
  readonly pathParameters?: Readonly<Record<string, string>> | undefined;
  /** The matched resource, e.g. `/users/{id}`. Default: the path itself. */
  readonly resource?: string | undefined;
  /** The stage. Default `prod`. */
  readonly stage?: string | undefined;
  /** `requestContext.requestId`. Default: a random UUID. */
  readonly requestId?: string | undefined;
  /** `requestContext.authorizer`: what a Lambda, Cognito or IAM authorizer attached. */
  readonly authorizer?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * Options of {@link httpApiEvent}.
 *
 * @example
 * ```ts
 * import type { HttpApiEventOptions } from 'gatefold/testing';
 * const options: HttpApiEventOptions = {
 *   path: '/users/u-1',
 *   routeKey: 'GET /users/{id}',
 *   pathParameters: { id: 'u-1' },
 * };
 * ```
 */
export interface HttpApiEventOptions extends EventOptions {
  /**
   * Path parameters API Gateway extracted, as an HTTP API sends them: decoded (`{ id: 'café' }`);
   * omitted from the event when none are given.
   */
  readonly pathParameters?: Readonly<Record<string, string>> | undefined;
  /** The matched route, e.g. `GET /users/{id}`. Default `$default`. */
  readonly routeKey?: string | undefined;
  /**
   * The stage. Default `$default`; on a named stage, `rawPath` starts with `/<stage>` as HTTP
   * APIs send it.
   */
  readonly stage?: string | undefined;
  /** `requestContext.requestId`. Default: a random UUID. */
  readonly requestId?: string | undefined;
  /** `requestContext.authorizer`, e.g. `{ jwt: { claims: { sub: 'u-1' }, scopes: null } }`. */
  readonly authorizer?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * Options of {@link functionUrlEvent}. Function URLs have no routes, stages or path parameters.
 *
 * @example
 * ```ts
 * import type { FunctionUrlEventOptions } from 'gatefold/testing';
 * const options: FunctionUrlEventOptions = { path: '/hook', method: 'POST', body: 'ping' };
 * ```
 */
export interface FunctionUrlEventOptions extends EventOptions {
  /** `requestContext.requestId`. Default: a random UUID. */
  readonly requestId?: string | undefined;
  /** `requestContext.authorizer`, e.g. `{ iam: { userArn: '…' } }` for `AWS_IAM` auth. */
  readonly authorizer?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * Options of {@link albEvent}. ALB events carry no request id.
 *
 * @example
 * ```ts
 * import type { AlbEventOptions } from 'gatefold/testing';
 * const options: AlbEventOptions = { query: { tag: ['a', 'b'] }, multiValue: true };
 * ```
 */
export interface AlbEventOptions extends EventOptions {
  /**
   * The target group's `lambda.multi_value_headers.enabled`: the event then carries
   * `multiValueHeaders` and `multiValueQueryStringParameters` (every value) instead of
   * `headers` and `queryStringParameters` (the last value of a repeated name). Default `false`.
   */
  readonly multiValue?: boolean | undefined;
}

const DEFAULT_SOURCE_IP = '203.0.113.10';
const USER_AGENT = 'gatefold-testing';
const ACCOUNT_ID = '123456789012';
const REGION = 'us-east-1';
const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

/** One header: the name as it will be sent, and every value. */
interface HeaderEntry {
  name: string;
  values: string[];
}

/** Headers keyed by lower-cased name, in insertion order. */
type HeaderList = Map<string, HeaderEntry>;

/** What the builders share once options are read. */
interface Common {
  readonly method: string;
  readonly path: string;
  readonly query: ReadonlyArray<readonly [string, readonly string[]]>;
  readonly headers: HeaderList;
  readonly cookies: readonly string[];
  readonly body: string | undefined;
  readonly isBase64Encoded: boolean;
  readonly sourceIp: string;
  readonly now: number;
}

function listOf(value: string | readonly string[]): readonly string[] {
  return typeof value === 'string' ? [value] : value;
}

/** Sets an own property, even one named `__proto__`, without touching the prototype. */
function put<V>(target: Record<string, V>, key: string, value: V): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** `17/Jun/2024:14:48:13 +0000`, as `requestTime` and `time` are written. */
function clf(epoch: number): string {
  const d = new Date(epoch);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()] ?? 'Jan'}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

function traceId(epoch: number): string {
  return `Root=1-${Math.floor(epoch / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
}

function checkPath(builder: string, path: string): string {
  if (!path.startsWith('/')) {
    throw new Error(`${builder}: path must start with "/", got ${JSON.stringify(path)}.`);
  }
  if (path.includes('?')) {
    throw new Error(
      `${builder}: path ${JSON.stringify(path)} contains "?"; pass the query string as \`query\`.`,
    );
  }
  return path;
}

function addHeader(list: HeaderList, name: string, values: readonly string[]): void {
  const key = name.toLowerCase();
  const entry = list.get(key);
  if (entry === undefined) list.set(key, { name, values: [...values] });
  else entry.values.push(...values);
}

function setHeader(list: HeaderList, name: string, values: readonly string[]): void {
  list.set(name.toLowerCase(), { name, values: [...values] });
}

function cookieEntries(cookies: EventCookies | undefined): string[] {
  if (cookies === undefined) return [];
  if (isStringList(cookies)) return [...cookies];
  return Object.keys(cookies).map((name) => `${name}=${cookies[name] ?? ''}`);
}

function isStringList(value: EventCookies): value is readonly string[] {
  return Array.isArray(value);
}

function encodeBody(body: EventBody | undefined): {
  body: string | undefined;
  isBase64Encoded: boolean;
  contentType: string | undefined;
} {
  if (body === undefined)
    return { body: undefined, isBase64Encoded: false, contentType: undefined };
  if (typeof body === 'string') return { body, isBase64Encoded: false, contentType: undefined };
  if (body instanceof Uint8Array) {
    return {
      body: Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('base64'),
      isBase64Encoded: true,
      contentType: undefined,
    };
  }
  return { body: JSON.stringify(body), isBase64Encoded: false, contentType: 'application/json' };
}

/**
 * Reads the options every builder shares: the defaults' headers, then the caller's (replacing a
 * default of the same name), then `content-type` and `content-length` for a body.
 */
function common(
  builder: string,
  options: EventOptions,
  defaultHeaders: (sourceIp: string, now: number) => Readonly<Record<string, string>>,
): Common {
  const now = Date.now();
  const sourceIp = options.sourceIp ?? DEFAULT_SOURCE_IP;
  const headers: HeaderList = new Map();
  const defaults = defaultHeaders(sourceIp, now);
  for (const name of Object.keys(defaults)) setHeader(headers, name, [defaults[name] ?? '']);
  const given = options.headers ?? {};
  const replaced = new Set<string>();
  for (const name of Object.keys(given)) {
    const key = name.toLowerCase();
    if (!replaced.has(key)) {
      headers.delete(key);
      replaced.add(key);
    }
    const values = listOf(given[name] ?? []);
    if (values.length > 0) addHeader(headers, name, values);
  }
  const encoded = encodeBody(options.body);
  if (encoded.body !== undefined) {
    if (encoded.contentType !== undefined && !headers.has('content-type')) {
      setHeader(headers, 'content-type', [encoded.contentType]);
    }
    if (!headers.has('content-length')) {
      const length = encoded.isBase64Encoded
        ? Buffer.byteLength(encoded.body, 'base64')
        : Buffer.byteLength(encoded.body, 'utf8');
      setHeader(headers, 'content-length', [String(length)]);
    }
  }
  const query: Array<readonly [string, readonly string[]]> = [];
  const givenQuery = options.query ?? {};
  for (const name of Object.keys(givenQuery)) {
    const values = listOf(givenQuery[name] ?? []);
    if (values.length > 0) query.push([name, values]);
  }
  return {
    method: (options.method ?? 'GET').toUpperCase(),
    path: checkPath(builder, options.path ?? '/'),
    query,
    headers,
    cookies: cookieEntries(options.cookies),
    body: encoded.body,
    isBase64Encoded: encoded.isBase64Encoded,
    sourceIp,
    now,
  };
}

/** For payload 1.0 and ALB: the cookies travel in one `Cookie` header, after any given one. */
function withCookieHeader(parts: Common, name: string): void {
  if (parts.cookies.length === 0) return;
  const existing = parts.headers.get('cookie');
  const line = parts.cookies.join('; ');
  if (existing === undefined) setHeader(parts.headers, name, [line]);
  else existing.values = [[...existing.values, line].join('; ')];
}

function multiValueHeaders(list: HeaderList): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const { name, values } of list.values()) put(out, name, [...values]);
  return out;
}

/** One value per name: the last one, as REST APIs and ALB fill the single-value maps. */
function lastValues(
  entries: Iterable<readonly [string, readonly string[]]>,
  encode: (text: string) => string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, values] of entries) put(out, encode(name), encode(values.at(-1) ?? ''));
  return out;
}

function allValues(
  entries: Iterable<readonly [string, readonly string[]]>,
  encode: (text: string) => string,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, values] of entries) put(out, encode(name), values.map(encode));
  return out;
}

function headerPairs(list: HeaderList): Array<readonly [string, readonly string[]]> {
  return [...list.values()].map(({ name, values }) => [name, values] as const);
}

const asIs = (text: string): string => text;

/**
 * A REST API proxy event (payload 1.0), as API Gateway sends it to a Lambda proxy integration:
 * `headers` and `multiValueHeaders`, `queryStringParameters` (last value of each name, decoded)
 * and `multiValueQueryStringParameters` (every value), `null` maps when empty, and a
 * `requestContext` with `requestId`, `stage`, `path` (stage-prefixed) and `identity.sourceIp`.
 * The path and the path parameters stay percent-encoded as the client sent them, as REST APIs
 * pass them on.
 *
 * @param options - the request; defaults to `GET /` on stage `prod`
 * @returns an `APIGatewayProxyEvent`
 *
 * @example
 * ```ts
 * import { restApiEvent } from 'gatefold/testing';
 *
 * const event = restApiEvent({
 *   method: 'POST',
 *   path: '/users/u-1',
 *   resource: '/users/{id}',
 *   pathParameters: { id: 'u-1' },
 *   query: { notify: ['email', 'sms'] },
 *   body: { name: 'Ada' },
 * });
 * ```
 */
export function restApiEvent(options: RestApiEventOptions = {}): APIGatewayProxyEvent {
  const apiId = 'a1b2c3d4e5';
  const domainName = `${apiId}.execute-api.${REGION}.amazonaws.com`;
  const parts = common('restApiEvent', options, (sourceIp, now) => ({
    Accept: '*/*',
    Host: domainName,
    'User-Agent': USER_AGENT,
    'X-Amzn-Trace-Id': traceId(now),
    'X-Forwarded-For': sourceIp,
    'X-Forwarded-Port': '443',
    'X-Forwarded-Proto': 'https',
  }));
  withCookieHeader(parts, 'Cookie');
  const stage = options.stage ?? 'prod';
  const resource = options.resource ?? parts.path;
  const hasQuery = parts.query.length > 0;
  const pathParameters =
    options.pathParameters !== undefined && Object.keys(options.pathParameters).length > 0
      ? { ...options.pathParameters }
      : null;
  const userAgent = parts.headers.get('user-agent')?.values.at(-1) ?? null;
  return {
    resource,
    path: parts.path,
    httpMethod: parts.method,
    headers: lastValues(headerPairs(parts.headers), asIs),
    multiValueHeaders: multiValueHeaders(parts.headers),
    queryStringParameters: hasQuery ? lastValues(parts.query, asIs) : null,
    multiValueQueryStringParameters: hasQuery ? allValues(parts.query, asIs) : null,
    pathParameters,
    stageVariables: null,
    requestContext: {
      resourceId: 'abc123',
      resourcePath: resource,
      httpMethod: parts.method,
      extendedRequestId: `${randomBytes(10).toString('base64url')}=`,
      requestTime: clf(parts.now),
      path: `/${stage}${parts.path}`,
      accountId: ACCOUNT_ID,
      protocol: 'HTTP/1.1',
      stage,
      domainPrefix: apiId,
      requestTimeEpoch: parts.now,
      requestId: options.requestId ?? randomUUID(),
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: parts.sourceIp,
        user: null,
        userAgent,
        userArn: null,
      },
      domainName,
      apiId,
      authorizer: options.authorizer === undefined ? undefined : { ...options.authorizer },
    },
    body: parts.body ?? null,
    isBase64Encoded: parts.isBase64Encoded,
  };
}

/** The query string a browser would send: every value, keys and values percent-encoded. */
function rawQueryString(query: Common['query']): string {
  const pairs: string[] = [];
  for (const [name, values] of query) {
    for (const value of values)
      pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  }
  return pairs.join('&');
}

interface V2Settings {
  readonly builder: string;
  /** The path the source puts in `rawPath` for the path the client sent. */
  readonly rawPathOf: (sentPath: string) => string;
  /**
   * `requestContext.http.path` for that `rawPath`: decoded for both sources (hotsock/voker#8
   * captures `rawPath` `/capture/space%20value` beside `http.path` `/capture/space value` from a
   * Function URL; an HTTP API's two are the same).
   */
  readonly httpPathOf: (rawPath: string) => string;
  readonly domainName: string;
  readonly domainPrefix: string;
  readonly routeKey: string;
  readonly stage: string;
  readonly requestId: string | undefined;
  readonly pathParameters: Readonly<Record<string, string>> | undefined;
  readonly authorizer: Readonly<Record<string, unknown>> | undefined;
}

/**
 * A payload 2.0 event: header names lower-cased and repeated values comma-joined, the `Cookie`
 * header moved into `cookies`, `rawQueryString` with every value and `queryStringParameters`
 * with repeated values comma-joined.
 */
function v2Event(options: EventOptions, settings: V2Settings): APIGatewayProxyEventV2 {
  const parts = common(settings.builder, options, (sourceIp, now) => ({
    accept: '*/*',
    host: settings.domainName,
    'user-agent': USER_AGENT,
    'x-amzn-trace-id': traceId(now),
    'x-forwarded-for': sourceIp,
    'x-forwarded-port': '443',
    'x-forwarded-proto': 'https',
  }));
  const cookieHeader = parts.headers.get('cookie');
  parts.headers.delete('cookie');
  const cookies = [
    ...(cookieHeader?.values ?? []).flatMap((line) =>
      line
        .split(';')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== ''),
    ),
    ...parts.cookies,
  ];
  const headers: Record<string, string> = {};
  for (const [key, { values }] of parts.headers) put(headers, key, values.join(','));
  const sourcePath = settings.rawPathOf(parts.path);
  const rawPath = settings.stage === '$default' ? sourcePath : `/${settings.stage}${sourcePath}`;
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: settings.routeKey,
    rawPath,
    rawQueryString: rawQueryString(parts.query),
    headers,
    requestContext: {
      accountId: ACCOUNT_ID,
      apiId: settings.domainPrefix,
      domainName: settings.domainName,
      domainPrefix: settings.domainPrefix,
      http: {
        method: parts.method,
        path: settings.httpPathOf(rawPath),
        protocol: 'HTTP/1.1',
        sourceIp: parts.sourceIp,
        userAgent: parts.headers.get('user-agent')?.values.join(',') ?? '',
      },
      requestId: settings.requestId ?? randomUUID(),
      routeKey: settings.routeKey,
      stage: settings.stage,
      time: clf(parts.now),
      timeEpoch: parts.now,
    },
    isBase64Encoded: parts.isBase64Encoded,
  };
  if (cookies.length > 0) event.cookies = cookies;
  if (parts.query.length > 0) {
    const joined: Record<string, string> = {};
    for (const [name, values] of parts.query) put(joined, name, values.join(','));
    event.queryStringParameters = joined;
  }
  if (settings.pathParameters !== undefined && Object.keys(settings.pathParameters).length > 0) {
    event.pathParameters = { ...settings.pathParameters };
  }
  if (settings.authorizer !== undefined) {
    // Not in `APIGatewayProxyEventV2`'s type (that is the no-authorizer variant), but sent.
    Object.assign(event.requestContext, { authorizer: { ...settings.authorizer } });
  }
  if (parts.body !== undefined) event.body = parts.body;
  return event;
}

/**
 * The path an HTTP API hands over for a path a client sent, or a readable error for one the API
 * refuses itself (`_internals/path.ts` has the capture this follows).
 */
function httpApiRawPath(sentPath: string): string {
  const path = httpApiPath(sentPath);
  if (path === undefined) {
    throw new Error(
      `httpApiEvent: an HTTP API answers path ${JSON.stringify(sentPath)} with 400 itself and never invokes the function: it percent-decodes the path twice, and this one does not decode.`,
    );
  }
  return path;
}

/**
 * An HTTP API event (payload 2.0): `rawPath` decoded as HTTP APIs decode it (twice, a `?` that
 * decoding reveals ending the path: `/a%2520b` arrives as `/a b`), `rawQueryString` with every
 * value of every query parameter, `queryStringParameters` with repeated values comma-joined,
 * lower-cased `headers`, the client's cookies in `cookies` (never in a `cookie` header), and
 * `routeKey` `$default` unless another route is given. A path the HTTP API would refuse with 400
 * before invoking the function (one that does not decode) throws.
 *
 * @param options - the request; defaults to `GET /` on the `$default` stage
 * @returns an `APIGatewayProxyEventV2`
 *
 * @example
 * ```ts
 * import { httpApiEvent } from 'gatefold/testing';
 *
 * const event = httpApiEvent({
 *   path: '/users/u-1',
 *   routeKey: 'GET /users/{id}',
 *   pathParameters: { id: 'u-1' },
 *   query: { fields: ['name', 'email'] },
 *   cookies: { session: 'abc' },
 * });
 * ```
 */
export function httpApiEvent(options: HttpApiEventOptions = {}): APIGatewayProxyEventV2 {
  const apiId = 'a1b2c3d4e5';
  return v2Event(options, {
    builder: 'httpApiEvent',
    rawPathOf: httpApiRawPath,
    httpPathOf: (rawPath) => rawPath,
    domainName: `${apiId}.execute-api.${REGION}.amazonaws.com`,
    domainPrefix: apiId,
    routeKey: options.routeKey ?? '$default',
    stage: options.stage ?? '$default',
    requestId: options.requestId,
    pathParameters: options.pathParameters,
    authorizer: options.authorizer,
  });
}

/**
 * A Lambda Function URL event: payload 2.0 like {@link httpApiEvent}, on a
 * `<url-id>.lambda-url.<region>.on.aws` domain, with route and stage `$default`, and `rawPath`
 * as the client sent it (`requestContext.http.path` decoded).
 *
 * @param options - the request; defaults to `GET /`
 * @returns an `APIGatewayProxyEventV2` (the type `LambdaFunctionURLEvent` aliases)
 *
 * @example
 * ```ts
 * import { functionUrlEvent } from 'gatefold/testing';
 *
 * const event = functionUrlEvent({ method: 'POST', path: '/hook', body: 'ping' });
 * ```
 */
export function functionUrlEvent(options: FunctionUrlEventOptions = {}): APIGatewayProxyEventV2 {
  const urlId = 'a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6';
  return v2Event(options, {
    builder: 'functionUrlEvent',
    rawPathOf: (sentPath) => sentPath,
    httpPathOf: decodedForDisplay,
    domainName: `${urlId}.lambda-url.${REGION}.on.aws`,
    domainPrefix: urlId,
    routeKey: '$default',
    stage: '$default',
    requestId: options.requestId,
    pathParameters: undefined,
    authorizer: options.authorizer,
  });
}

/**
 * An ALB target event. The path and the query are percent-encoded, as ALB passes them on
 * without decoding them; the body is `""` when there is none. In single-value mode (the default) `headers` and
 * `queryStringParameters` hold the last value of a repeated name; with `multiValue: true`,
 * `multiValueHeaders` and `multiValueQueryStringParameters` hold every value instead.
 *
 * @param options - the request and the target group's mode; defaults to `GET /`, single-value
 * @returns an `ALBEvent`
 *
 * @example
 * ```ts
 * import { albEvent } from 'gatefold/testing';
 *
 * const event = albEvent({ path: '/search', query: { q: 'a&b', tag: ['x', 'y'] }, multiValue: true });
 * ```
 */
export function albEvent(options: AlbEventOptions = {}): ALBEvent {
  const parts = common('albEvent', options, (sourceIp, now) => ({
    accept: '*/*',
    host: 'my-alb-1234567890.us-east-1.elb.amazonaws.com',
    'user-agent': USER_AGENT,
    'x-amzn-trace-id': traceId(now),
    'x-forwarded-for': sourceIp,
    'x-forwarded-port': '443',
    'x-forwarded-proto': 'https',
  }));
  withCookieHeader(parts, 'cookie');
  const base = {
    requestContext: {
      elb: {
        targetGroupArn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT_ID}:targetgroup/lambda-target/0123456789abcdef`,
      },
    },
    httpMethod: parts.method,
    path: parts.path,
  };
  const body = { body: parts.body ?? '', isBase64Encoded: parts.isBase64Encoded };
  if (options.multiValue === true) {
    return {
      ...base,
      multiValueQueryStringParameters: allValues(parts.query, encodeURIComponent),
      multiValueHeaders: multiValueHeaders(parts.headers),
      ...body,
    };
  }
  return {
    ...base,
    queryStringParameters: lastValues(parts.query, encodeURIComponent),
    headers: lastValues(headerPairs(parts.headers), asIs),
    ...body,
  };
}
