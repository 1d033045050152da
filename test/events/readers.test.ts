/**
 * Event readers: built events (from the `gatefold/testing` builders, with spread overrides) for
 * the shapes AWS, the console's Test button and hand-written test events send, each read into the
 * whole normalised request the handler receives.
 */
import type { ALBEvent, APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';
import { ok } from 'neverthrow';
import { describe, expect, it, vi } from 'vitest';
import type { HttpEvent, HttpRequest } from '../../src/index.js';
import { json, toLambda } from '../../src/index.js';
import {
  albEvent,
  fakeContext,
  functionUrlEvent,
  httpApiEvent,
  restApiEvent,
} from '../../src/testing/index.js';
import { fallbackRequest } from '../../src/events/read.js';
import type { EventKind } from '../../src/request.js';
import { asEvent } from '../support/fixtures.js';
import { capturingLogger } from '../support/logger.js';
import type { PlainRequest } from '../support/plain-request.js';
import { plainRequest, textBody } from '../support/plain-request.js';
import { LAMBDA_REQUEST_ID, TRACE_ID } from '../support/request-id.js';

const context = fakeContext({ awsRequestId: LAMBDA_REQUEST_ID });

/** The request the handler receives for an event, as plain data. */
async function read(event: HttpEvent): Promise<PlainRequest> {
  const logger = capturingLogger();
  const seen: HttpRequest[] = [];
  const handler = toLambda(
    (request) => {
      seen.push(request);
      return ok(json(null));
    },
    { logger },
  );
  await handler(event, context);
  expect(seen).toHaveLength(1);
  expect(logger.error).not.toHaveBeenCalled();
  return plainRequest(seen[0]!);
}

/** A copy of an object without one of its keys, for events that lack a part. */
function without(value: object, key: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([name]) => name !== key));
}

/** A payload 2.0 event on another path and stage (rawPath and requestContext.http.path agree). */
function onPath(
  event: APIGatewayProxyEventV2,
  rawPath: string,
  stage: string,
): APIGatewayProxyEventV2 {
  return {
    ...event,
    rawPath,
    requestContext: {
      ...event.requestContext,
      stage,
      http: { ...event.requestContext.http, path: rawPath },
    },
  };
}

// The base events: one request, GET /users/u-1 from 198.51.100.7, as each source sends it. The
// trace id is fixed so that the expected headers can name it.
const GATEWAY_REQUEST_ID = 'gw-req-1';
const SOURCE_IP = '198.51.100.7';
const REST_EVENT = restApiEvent({
  path: '/users/u-1',
  resource: '/users/{id}',
  pathParameters: { id: 'u-1' },
  headers: { 'X-Amzn-Trace-Id': TRACE_ID },
  sourceIp: SOURCE_IP,
  requestId: GATEWAY_REQUEST_ID,
});
const HTTP_EVENT = httpApiEvent({
  path: '/users/u-1',
  routeKey: 'GET /users/{id}',
  pathParameters: { id: 'u-1' },
  headers: { 'x-amzn-trace-id': TRACE_ID },
  sourceIp: SOURCE_IP,
  requestId: GATEWAY_REQUEST_ID,
});
const FUNCTION_URL_EVENT = functionUrlEvent({
  path: '/users/u-1',
  headers: { 'x-amzn-trace-id': TRACE_ID },
  sourceIp: SOURCE_IP,
  requestId: GATEWAY_REQUEST_ID,
});
const ALB_EVENT = albEvent({
  path: '/users/u-1',
  headers: { 'x-amzn-trace-id': TRACE_ID },
  sourceIp: SOURCE_IP,
});
const ALB_MULTI_VALUE_EVENT = albEvent({
  path: '/users/u-1',
  headers: { 'x-amzn-trace-id': TRACE_ID },
  sourceIp: SOURCE_IP,
  multiValue: true,
});

/** The headers the builders send besides the host, as the request holds them. */
function headersWithHost(host: string): Record<string, readonly string[]> {
  return {
    accept: ['*/*'],
    host: [host],
    'user-agent': ['gatefold-testing'],
    'x-amzn-trace-id': [TRACE_ID],
    'x-forwarded-for': [SOURCE_IP],
    'x-forwarded-port': ['443'],
    'x-forwarded-proto': ['https'],
  };
}

// The requests the base events are read into.
const REST_REQUEST: PlainRequest = {
  kind: 'rest',
  method: 'GET',
  path: '/users/u-1',
  route: '/users/{id}',
  headers: headersWithHost('a1b2c3d4e5.execute-api.us-east-1.amazonaws.com'),
  query: {},
  pathParameters: { id: 'u-1' },
  cookies: {},
  body: undefined,
  requestId: GATEWAY_REQUEST_ID,
  lambdaRequestId: LAMBDA_REQUEST_ID,
  sourceIp: SOURCE_IP,
  stage: 'prod',
  authorizer: undefined,
  // Kept as the event sent it: the builder's anonymous caller (no IAM signature).
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
    sourceIp: SOURCE_IP,
    user: null,
    userAgent: 'gatefold-testing',
    userArn: null,
  },
};
const HTTP_REQUEST: PlainRequest = {
  kind: 'http',
  method: 'GET',
  path: '/users/u-1',
  route: 'GET /users/{id}',
  headers: headersWithHost('a1b2c3d4e5.execute-api.us-east-1.amazonaws.com'),
  query: {},
  pathParameters: { id: 'u-1' },
  cookies: {},
  body: undefined,
  requestId: GATEWAY_REQUEST_ID,
  lambdaRequestId: LAMBDA_REQUEST_ID,
  sourceIp: SOURCE_IP,
  stage: '$default',
  authorizer: undefined,
  identity: undefined,
};
const FUNCTION_URL_REQUEST: PlainRequest = {
  kind: 'function-url',
  method: 'GET',
  path: '/users/u-1',
  route: '$default',
  headers: headersWithHost('a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6.lambda-url.us-east-1.on.aws'),
  query: {},
  pathParameters: {},
  cookies: {},
  body: undefined,
  requestId: GATEWAY_REQUEST_ID,
  lambdaRequestId: LAMBDA_REQUEST_ID,
  sourceIp: SOURCE_IP,
  stage: '$default',
  authorizer: undefined,
  identity: undefined,
};
const ALB_REQUEST: PlainRequest = {
  kind: 'alb',
  method: 'GET',
  path: '/users/u-1',
  route: undefined,
  headers: headersWithHost('my-alb-1234567890.us-east-1.elb.amazonaws.com'),
  query: {},
  pathParameters: {},
  cookies: {},
  body: undefined,
  requestId: LAMBDA_REQUEST_ID,
  lambdaRequestId: LAMBDA_REQUEST_ID,
  sourceIp: SOURCE_IP,
  stage: undefined,
  authorizer: undefined,
  identity: undefined,
};

/** Every kind and ALB header mode: a name, the base event and the request it is read into. */
const KINDS: readonly [string, HttpEvent, PlainRequest][] = [
  ['REST', REST_EVENT, REST_REQUEST],
  ['HTTP API', HTTP_EVENT, HTTP_REQUEST],
  ['Function URL', FUNCTION_URL_EVENT, FUNCTION_URL_REQUEST],
  ['ALB single-value', ALB_EVENT, ALB_REQUEST],
  ['ALB multi-value', ALB_MULTI_VALUE_EVENT, ALB_REQUEST],
];

describe('base events', () => {
  it.each(KINDS)('%s: read into the whole normalised request', async (_, event, expected) => {
    expect(await read(event)).toStrictEqual(expected);
  });
});

describe('REST API events (payload 1.0)', () => {
  it('console Test button: null headers, multiValueHeaders and path parameters read as empty maps', async () => {
    const event = asEvent({
      ...REST_EVENT,
      headers: null,
      multiValueHeaders: null,
      pathParameters: null,
      queryStringParameters: null,
      multiValueQueryStringParameters: null,
    });
    expect(await read(event)).toStrictEqual({ ...REST_REQUEST, headers: {}, pathParameters: {} });
  });

  it.each<[string, unknown, Partial<PlainRequest>]>([
    [
      'no requestContext: Lambda request id, no stage, source IP or authorizer',
      undefined,
      { requestId: 'lambda-req-1', stage: undefined, sourceIp: undefined, identity: undefined },
    ],
    [
      'an empty requestContext: the same',
      {},
      { requestId: 'lambda-req-1', stage: undefined, sourceIp: undefined, identity: undefined },
    ],
    [
      'a requestContext without identity: its request id and stage, no source IP',
      { requestId: 'gw-req-9', stage: 'beta' },
      { requestId: 'gw-req-9', stage: 'beta', sourceIp: undefined, identity: undefined },
    ],
    [
      'an empty request id: Lambda request id',
      { ...REST_EVENT.requestContext, requestId: '' },
      { requestId: 'lambda-req-1' },
    ],
  ])('%s', async (_, requestContext, overrides) => {
    const event = asEvent(
      requestContext === undefined
        ? without(REST_EVENT, 'requestContext')
        : { ...REST_EVENT, requestContext },
    );
    expect(await read(event)).toStrictEqual({ ...REST_REQUEST, ...overrides });
  });

  it('multi-value query: every value of a repeated key, in order (the single-value map holds only the last)', async () => {
    const event: APIGatewayProxyEvent = {
      ...REST_EVENT,
      queryStringParameters: { id: '2', sort: 'name', q: 'a%20b' },
      multiValueQueryStringParameters: { id: ['1', '2'], sort: ['name'], q: ['50%', 'a%20b'] },
    };
    expect(await read(event)).toStrictEqual({
      ...REST_REQUEST,
      // API Gateway has already decoded these values; they are not decoded a second time.
      query: { id: ['1', '2'], sort: ['name'], q: ['50%', 'a%20b'] },
    });
  });

  it('without multi-value maps (sam local, hand-written events) the single-value maps are read', async () => {
    const event = asEvent({
      ...without(without(REST_EVENT, 'multiValueHeaders'), 'multiValueQueryStringParameters'),
      headers: { Host: 'api.example.com', Accept: 'application/json' },
      queryStringParameters: { page: '2' },
    });
    expect(await read(event)).toStrictEqual({
      ...REST_REQUEST,
      headers: { host: ['api.example.com'], accept: ['application/json'] },
      query: { page: ['2'] },
    });
  });

  it('header names lower-cased; every value kept, also across differently-cased names', async () => {
    const event: APIGatewayProxyEvent = {
      ...REST_EVENT,
      headers: { 'X-Tag': 'b', 'x-tag': 'c', Accept: 'text/html' },
      multiValueHeaders: { 'X-Tag': ['a', 'b'], 'x-tag': ['c'], Accept: ['text/html'] },
    };
    expect(await read(event)).toStrictEqual({
      ...REST_REQUEST,
      headers: { 'x-tag': ['a', 'b', 'c'], accept: ['text/html'] },
    });
  });

  it('Cookie header: quoted values unquoted, the first of a repeated name wins, every Cookie header read', async () => {
    const cookieHeaders = [
      'session="abc def"; theme=dark; session=second; flag; e=""',
      'lang=en; theme=light',
    ];
    const event: APIGatewayProxyEvent = {
      ...REST_EVENT,
      headers: { Cookie: 'lang=en; theme=light' },
      multiValueHeaders: { Cookie: cookieHeaders },
    };
    expect(await read(event)).toStrictEqual({
      ...REST_REQUEST,
      headers: { cookie: cookieHeaders },
      cookies: { session: 'abc def', theme: 'dark', flag: '', e: '', lang: 'en' },
    });
  });
});

describe('HTTP API and Function URL events (payload 2.0)', () => {
  const V2_KINDS: readonly [string, APIGatewayProxyEventV2, PlainRequest][] = [
    ['HTTP API', HTTP_EVENT, HTTP_REQUEST],
    ['Function URL', FUNCTION_URL_EVENT, FUNCTION_URL_REQUEST],
  ];

  it.each(V2_KINDS)(
    '%s: repeated query values kept apart from rawQueryString, a %%2C comma inside one value included',
    async (_, base, expected) => {
      const event: APIGatewayProxyEventV2 = {
        ...base,
        rawQueryString: 'tag=a%2Cb&tag=c&page=2',
        // What AWS puts here: repeated values comma-joined, so "a,b" cannot be told apart.
        queryStringParameters: { tag: 'a,b,c', page: '2' },
      };
      expect(await read(event)).toStrictEqual({
        ...expected,
        query: { tag: ['a,b', 'c'], page: ['2'] },
      });
    },
  );

  it('rawQueryString: + is a space, %XX is decoded as UTF-8, a key without = has an empty value', async () => {
    const event: APIGatewayProxyEventV2 = {
      ...HTTP_EVENT,
      rawQueryString: 'q=a+b%2Bc&flag&name=J%C3%BCrgen&&a%20key=1',
      queryStringParameters: { q: 'a b+c', flag: '', name: 'Jürgen', 'a key': '1' },
    };
    expect(await read(event)).toStrictEqual({
      ...HTTP_REQUEST,
      query: { q: ['a b+c'], flag: [''], name: ['Jürgen'], 'a key': ['1'] },
    });
  });

  it('without rawQueryString, queryStringParameters are read as sent (one comma-joined value)', async () => {
    const event = asEvent({
      ...without(HTTP_EVENT, 'rawQueryString'),
      queryStringParameters: { tag: 'a,b,c' },
    });
    expect(await read(event)).toStrictEqual({ ...HTTP_REQUEST, query: { tag: ['a,b,c'] } });
  });

  it.each(V2_KINDS)(
    '%s: cookies array read (first of a name wins) and a cookie header rebuilt from it',
    async (_, base, expected) => {
      const event: APIGatewayProxyEventV2 = {
        ...base,
        cookies: ['session=abc', 'theme="dark"', 'session=older'],
      };
      expect(await read(event)).toStrictEqual({
        ...expected,
        headers: { ...expected.headers, cookie: ['session=abc; theme="dark"; session=older'] },
        cookies: { session: 'abc', theme: 'dark' },
      });
    },
  );

  it.each([
    ['prod', '/prod/users', '/users'],
    ['prod', '/prod', '/'],
    ['prod', '/prod/', '/'],
    ['prod', '/production/users', '/production/users'],
    ['prod', '/users/prod', '/users/prod'],
    ['$default', '/users', '/users'],
    ['$default', '/prod/users', '/prod/users'],
  ])('HTTP API on stage %s: rawPath %s is read as path %s', async (stage, rawPath, path) => {
    expect(await read(onPath(HTTP_EVENT, rawPath, stage))).toStrictEqual({
      ...HTTP_REQUEST,
      path,
      stage,
    });
  });

  it('header names lower-cased; a repeated header arrives comma-joined and stays one value', async () => {
    const event: APIGatewayProxyEventV2 = {
      ...HTTP_EVENT,
      headers: { 'X-Tag': 'a,b', Accept: 'text/html', host: 'h.example.com' },
    };
    expect(await read(event)).toStrictEqual({
      ...HTTP_REQUEST,
      headers: { 'x-tag': ['a,b'], accept: ['text/html'], host: ['h.example.com'] },
    });
  });

  it('missing requestContext parts: GET, the raw path, Lambda request id, no route, stage or IP', async () => {
    const event = asEvent({
      version: '2.0',
      rawPath: '/users',
      rawQueryString: 'a=1',
      headers: { host: 'h.example.com' },
      requestContext: {},
      isBase64Encoded: false,
    });
    expect(await read(event)).toStrictEqual({
      kind: 'http',
      method: 'GET',
      path: '/users',
      route: undefined,
      headers: { host: ['h.example.com'] },
      query: { a: ['1'] },
      pathParameters: {},
      cookies: {},
      body: undefined,
      requestId: 'lambda-req-1',
      lambdaRequestId: 'lambda-req-1',
      sourceIp: undefined,
      stage: undefined,
      authorizer: undefined,
      identity: undefined,
    });
  });
});

describe('ALB events', () => {
  it('single-value mode: query keys and values arrive percent-encoded and are decoded, + as a space', async () => {
    const event: ALBEvent = {
      ...ALB_EVENT,
      queryStringParameters: {
        'a%20b': 'c%2Fd',
        q: 'x+y',
        plus: '1%2B1',
        name: 'J%C3%BCrgen',
      },
    };
    expect(await read(event)).toStrictEqual({
      ...ALB_REQUEST,
      query: { 'a b': ['c/d'], q: ['x y'], plus: ['1+1'], name: ['Jürgen'] },
    });
  });

  it('multi-value mode: every value of a repeated key decoded, in order', async () => {
    const event: ALBEvent = {
      ...ALB_MULTI_VALUE_EVENT,
      multiValueQueryStringParameters: { 'a%20b': ['c%2Fd', 'e+f'], id: ['1', '2'] },
    };
    expect(await read(event)).toStrictEqual({
      ...ALB_REQUEST,
      query: { 'a b': ['c/d', 'e f'], id: ['1', '2'] },
    });
  });

  it.each([
    ['an escape that is not hex', '%zz', '%zz'],
    ['a lone percent sign', '100%', '100%'],
    ['a truncated escape', 'ab%2', 'ab%2'],
    ['an overlong UTF-8 sequence', '%C0%AE', '%C0%AE'],
    ['a truncated UTF-8 sequence', '%E2%9C', '%E2%9C'],
    ['a bad escape beside good ones', '%zz%20b%2F', '%zz b/'],
    ['an overlong sequence beside a good one', '%C0%AE%41', '%C0%AEA'],
    ['an overlong sequence beside a euro sign', '%C0%AE%E2%82%AC', '%C0%AE€'],
    ['a truncated sequence before a valid one', '%E2%82%E2%82%AC', '%E2%82€'],
    ['a good run after a bad one', '%C0%AE-%41%42', '%C0%AE-AB'],
  ])(
    'a malformed percent escape (%s) is kept as sent, valid runs still decoded',
    async (_, raw, value) => {
      const event: ALBEvent = { ...ALB_EVENT, queryStringParameters: { v: raw } };
      expect(await read(event)).toStrictEqual({ ...ALB_REQUEST, query: { v: [value] } });
    },
  );

  it('multi-value mode: header names lower-cased, repeated values kept, every Cookie header read', async () => {
    const event: ALBEvent = {
      ...ALB_MULTI_VALUE_EVENT,
      multiValueHeaders: {
        Host: ['alb.example.com'],
        'X-Tag': ['a', 'b'],
        Cookie: ['a=1; b=2', 'c=3; a=4'],
      },
    };
    expect(await read(event)).toStrictEqual({
      ...ALB_REQUEST,
      headers: { host: ['alb.example.com'], 'x-tag': ['a', 'b'], cookie: ['a=1; b=2', 'c=3; a=4'] },
      cookies: { a: '1', b: '2', c: '3' },
      sourceIp: undefined,
    });
  });

  it.each([
    ['the client alone', '198.51.100.7', '198.51.100.7'],
    [
      'a proxy chain: the last entry, which ALB appended',
      '203.0.113.9, 198.51.100.7',
      '198.51.100.7',
    ],
  ])('source IP from X-Forwarded-For with %s', async (_, forwardedFor, sourceIp) => {
    const event: ALBEvent = {
      ...ALB_EVENT,
      headers: { host: 'alb.example.com', 'x-forwarded-for': forwardedFor },
    };
    expect(await read(event)).toStrictEqual({
      ...ALB_REQUEST,
      headers: { host: ['alb.example.com'], 'x-forwarded-for': [forwardedFor] },
      sourceIp,
    });
  });

  it('multi-value mode: source IP from the last entry of the last X-Forwarded-For header', async () => {
    const forwardedFor = ['203.0.113.9', '192.0.2.1, 198.51.100.7'];
    const event: ALBEvent = {
      ...ALB_MULTI_VALUE_EVENT,
      multiValueHeaders: { host: ['alb.example.com'], 'x-forwarded-for': forwardedFor },
    };
    expect(await read(event)).toStrictEqual({
      ...ALB_REQUEST,
      headers: { host: ['alb.example.com'], 'x-forwarded-for': forwardedFor },
      sourceIp: '198.51.100.7',
    });
  });
});

describe('bodies', () => {
  it.each(KINDS)(
    '%s: a base64 body (isBase64Encoded true) is decoded to its bytes and read as UTF-8 text',
    async (_, base, expected) => {
      const event = asEvent({ ...base, body: 'aGVsbG8g4pyT', isBase64Encoded: true });
      expect(await read(event)).toStrictEqual({
        ...expected,
        body: {
          text: 'hello ✓',
          bytes: new Uint8Array([0x68, 0x65, 0x6c, 0x6c, 0x6f, 0x20, 0xe2, 0x9c, 0x93]),
        },
      });
    },
  );

  it.each(KINDS)(
    '%s: binary base64 bytes are kept exactly; the text shows U+FFFD for invalid UTF-8',
    async (_, base, expected) => {
      const event = asEvent({ ...base, body: 'AP8B', isBase64Encoded: true });
      expect(await read(event)).toStrictEqual({
        ...expected,
        body: { text: '\u0000\uFFFD\u0001', bytes: new Uint8Array([0, 255, 1]) },
      });
    },
  );

  it.each(KINDS)(
    '%s: a text body (isBase64Encoded false) is kept as text, its bytes UTF-8',
    async (_, base, expected) => {
      // Valid base64 too: it must not be decoded when the event does not say so.
      const event = asEvent({ ...base, body: 'aGVsbG8=', isBase64Encoded: false });
      expect(await read(event)).toStrictEqual({ ...expected, body: textBody('aGVsbG8=') });
    },
  );

  it.each(
    KINDS.flatMap(([name, base, expected]) =>
      (
        [
          ['null', null],
          ['empty', ''],
          ['missing', undefined],
        ] as const
      ).map(([label, body]) => [name, label, base, body, expected] as const),
    ),
  )('%s: a %s body is no body', async (_, __, base, body, expected) => {
    const event = asEvent(body === undefined ? without(base, 'body') : { ...base, body });
    expect(await read(event)).toStrictEqual(expected);
  });

  const INVALID_BASE64_DETAIL =
    'The request body is marked as base64-encoded but is not valid base64 (RFC 4648 §4 alphabet).';

  function invalidBase64Document(requestId: string) {
    return {
      errors: [
        {
          status: '400',
          code: 'InvalidBase64Body',
          title: 'Bad Request',
          detail: INVALID_BASE64_DETAIL,
        },
      ],
      meta: { requestId },
    };
  }

  it.each<[string, HttpEvent, Record<string, unknown>]>([
    [
      'REST',
      REST_EVENT,
      {
        statusCode: 400,
        headers: { 'content-type': 'application/json', 'x-request-id': 'gw-req-1' },
        multiValueHeaders: {},
        body: invalidBase64Document('gw-req-1'),
        isBase64Encoded: false,
      },
    ],
    [
      'HTTP API',
      HTTP_EVENT,
      {
        statusCode: 400,
        headers: { 'content-type': 'application/json', 'x-request-id': 'gw-req-1' },
        cookies: [],
        body: invalidBase64Document('gw-req-1'),
        isBase64Encoded: false,
      },
    ],
    [
      'Function URL',
      FUNCTION_URL_EVENT,
      {
        statusCode: 400,
        headers: { 'content-type': 'application/json', 'x-request-id': 'gw-req-1' },
        cookies: [],
        body: invalidBase64Document('gw-req-1'),
        isBase64Encoded: false,
      },
    ],
    [
      'ALB single-value',
      ALB_EVENT,
      {
        statusCode: 400,
        statusDescription: '400 Bad Request',
        headers: { 'content-type': 'application/json', 'x-request-id': 'lambda-req-1' },
        body: invalidBase64Document('lambda-req-1'),
        isBase64Encoded: false,
      },
    ],
    [
      'ALB multi-value',
      ALB_MULTI_VALUE_EVENT,
      {
        statusCode: 400,
        statusDescription: '400 Bad Request',
        multiValueHeaders: {
          'content-type': ['application/json'],
          'x-request-id': ['lambda-req-1'],
        },
        body: invalidBase64Document('lambda-req-1'),
        isBase64Encoded: false,
      },
    ],
  ])(
    '%s: an invalid base64 body is answered with a whole 400 JSON:API result, the handler not called',
    async (_, base, expected) => {
      const handler = vi.fn(() => ok(json(null)));
      const lambda = toLambda(handler, { logger: capturingLogger() });
      const result = await lambda(
        asEvent({ ...base, body: 'not base64!', isBase64Encoded: true }),
        context,
      );
      expect({ ...result, body: JSON.parse(result.body ?? 'null') as unknown }).toStrictEqual(
        expected,
      );
      expect(handler).not.toHaveBeenCalled();
    },
  );

  it.each([
    ['a length of 4n+1', 'YWJjZ'],
    ['a character outside the alphabet', 'YWJj$A=='],
    ['whitespace', 'YWJj ZGVm'],
    ['padding in the middle', 'YW=jZGVm'],
    ['three padding characters', 'YQ==='],
    ['one padding character after two', 'YQ='],
    ['padding alone', '=='],
    ['two padding characters after three', 'YWJ=='],
  ])('a base64 body with %s is rejected with 400 InvalidBase64Body', async (_, body) => {
    const lambda = toLambda(() => ok(json(null)), { logger: capturingLogger() });
    const result = await lambda({ ...REST_EVENT, body, isBase64Encoded: true }, context);
    expect({ ...result, body: JSON.parse(result.body) as unknown }).toStrictEqual({
      statusCode: 400,
      headers: { 'content-type': 'application/json', 'x-request-id': 'gw-req-1' },
      multiValueHeaders: {},
      body: invalidBase64Document('gw-req-1'),
      isBase64Encoded: false,
    });
  });
});

describe('hostile and sloppy input', () => {
  // Lambda's runtime builds events with JSON.parse, which makes "__proto__" an own, plain key.
  const proto = (source: string): unknown => JSON.parse(source);

  it.each<[string, HttpEvent, PlainRequest]>([
    [
      'REST',
      asEvent({
        ...REST_EVENT,
        multiValueHeaders: proto('{"__proto__": ["h"], "Cookie": ["__proto__=c; a=1"]}'),
        multiValueQueryStringParameters: proto('{"__proto__": ["q"]}'),
        pathParameters: proto('{"__proto__": "p", "id": "u-1"}'),
      }),
      {
        ...REST_REQUEST,
        headers: { ['__proto__']: ['h'], cookie: ['__proto__=c; a=1'] },
        query: { ['__proto__']: ['q'] },
        pathParameters: { ['__proto__']: 'p', id: 'u-1' },
        cookies: { ['__proto__']: 'c', a: '1' },
      },
    ],
    [
      'HTTP API',
      asEvent({
        ...HTTP_EVENT,
        headers: proto('{"__proto__": "h"}'),
        rawQueryString: '__proto__=q&toString=k',
        cookies: ['__proto__=c'],
        pathParameters: proto('{"__proto__": "p"}'),
      }),
      {
        ...HTTP_REQUEST,
        headers: { ['__proto__']: ['h'], cookie: ['__proto__=c'] },
        query: { ['__proto__']: ['q'], toString: ['k'] },
        pathParameters: { ['__proto__']: 'p' },
        cookies: { ['__proto__']: 'c' },
      },
    ],
    [
      'ALB',
      asEvent({
        ...ALB_EVENT,
        headers: proto('{"__proto__": "h", "cookie": "__proto__=c"}'),
        queryStringParameters: proto('{"__proto__": "q", "%5F%5Fproto%5F%5F": "r"}'),
      }),
      {
        ...ALB_REQUEST,
        headers: { ['__proto__']: ['h'], cookie: ['__proto__=c'] },
        // The percent-encoded key decodes to the same name: both values are kept under it.
        query: { ['__proto__']: ['q', 'r'] },
        cookies: { ['__proto__']: 'c' },
        sourceIp: undefined,
      },
    ],
  ])(
    '%s: __proto__ as a header, query, cookie or path parameter name stays a plain key; Object.prototype untouched',
    async (_, event, expected) => {
      const before = Object.getOwnPropertyNames(Object.prototype);
      expect(await read(event)).toStrictEqual(expected);
      expect(Object.getOwnPropertyNames(Object.prototype)).toStrictEqual(before);
      expect(Object.getPrototypeOf({})).toBe(Object.prototype);
      expect(({} as Record<string, unknown>)['h']).toBeUndefined();
    },
  );

  it.each<[string, HttpEvent, PlainRequest]>([
    [
      'REST',
      asEvent({
        ...REST_EVENT,
        multiValueHeaders: { 'X-Count': [5], 'X-Flag': [true], 'X-None': [null], Host: 'h' },
        multiValueQueryStringParameters: { page: [2] },
        pathParameters: { id: 42, nested: { a: 1 } },
        httpMethod: 'post',
      }),
      {
        ...REST_REQUEST,
        method: 'POST',
        headers: { 'x-count': ['5'], 'x-flag': ['true'], host: ['h'] },
        query: { page: ['2'] },
        pathParameters: { id: '42' },
      },
    ],
    [
      'HTTP API',
      asEvent({
        ...HTTP_EVENT,
        headers: { 'x-count': 5, 'x-none': null },
        pathParameters: { id: 42 },
      }),
      { ...HTTP_REQUEST, headers: { 'x-count': ['5'] }, pathParameters: { id: '42' } },
    ],
    [
      'ALB',
      asEvent({
        ...ALB_EVENT,
        headers: { 'x-count': 5, 'x-forwarded-for': '198.51.100.7' },
        queryStringParameters: { page: 2, all: false },
      }),
      {
        ...ALB_REQUEST,
        headers: { 'x-count': ['5'], 'x-forwarded-for': ['198.51.100.7'] },
        query: { page: ['2'], all: ['false'] },
      },
    ],
  ])(
    '%s: a number or boolean where a string belongs is read as its text; null and objects are dropped',
    async (_, event, expected) => {
      expect(await read(event)).toStrictEqual(expected);
    },
  );
});

describe('paths and path parameters, as each source hands them over', () => {
  // Live captures of every source (hotsock/voker#8): a REST API, a Function URL and an ALB pass
  // the path as the client sent it; an HTTP API decodes it (payload 2.0 `rawPath` and payload 1.0
  // `path` alike) and its path parameters. `path` is read into one percent-encoded form, and
  // `pathParameters` into decoded values, whatever the source.

  /** A REST-shaped event from an HTTP API's payload 1.0 integration, which says `version`. */
  const HTTP_API_V1_EVENT = asEvent({ ...REST_EVENT, version: '1.0' });

  it.each<[string, HttpEvent, PlainRequest]>([
    [
      'REST: the path as sent, each path parameter decoded once',
      {
        ...REST_EVENT,
        path: '/users/caf%C3%A9/files/a%2Fb%2525',
        resource: '/users/{id}/files/{name}',
        pathParameters: { id: 'caf%C3%A9', name: 'a%2Fb%2525' },
      },
      {
        ...REST_REQUEST,
        path: '/users/caf%C3%A9/files/a%2Fb%2525',
        route: '/users/{id}/files/{name}',
        pathParameters: { id: 'café', name: 'a/b%25' },
      },
    ],
    [
      'REST `/{proxy+}`: the greedy parameter decoded once, slashes and all',
      {
        ...REST_EVENT,
        path: '/files/my%20docs/100%2525',
        resource: '/{proxy+}',
        pathParameters: { proxy: 'files/my%20docs/100%2525' },
      },
      {
        ...REST_REQUEST,
        path: '/files/my%20docs/100%2525',
        route: '/{proxy+}',
        pathParameters: { proxy: 'files/my docs/100%25' },
      },
    ],
    [
      'HTTP API: a decoded %, space, ? and # encoded again; its decoded parameters kept',
      onPath(
        { ...HTTP_EVENT, pathParameters: { id: '100% off?#x' } },
        '/users/100% off?#x',
        '$default',
      ),
      {
        ...HTTP_REQUEST,
        path: '/users/100%25%20off%3F%23x',
        pathParameters: { id: '100% off?#x' },
      },
    ],
    [
      'HTTP API: non-ASCII as UTF-8 escapes, a lone surrogate as U+FFFD',
      onPath(HTTP_EVENT, '/users/café/\uD800', '$default'),
      { ...HTTP_REQUEST, path: '/users/caf%C3%A9/%EF%BF%BD' },
    ],
    [
      'HTTP API: what a path may hold as it is stays as it is',
      onPath(HTTP_EVENT, "/a-b._~/!$&'()*+,;=:@", '$default'),
      { ...HTTP_REQUEST, path: "/a-b._~/!$&'()*+,;=:@" },
    ],
    [
      'HTTP API on a stage: the stage taken off the decoded path, which is then encoded',
      onPath(HTTP_EVENT, '/prod/my docs', 'prod'),
      { ...HTTP_REQUEST, path: '/my%20docs', stage: 'prod' },
    ],
    [
      'HTTP API, payload 1.0 (`version: "1.0"`): path encoded again, parameters kept',
      asEvent({
        ...HTTP_API_V1_EVENT,
        path: '/users/100% off',
        pathParameters: { id: '100% off' },
      }),
      { ...REST_REQUEST, path: '/users/100%25%20off', pathParameters: { id: '100% off' } },
    ],
    [
      'Function URL: rawPath as sent, beside the decoded requestContext.http.path',
      {
        ...FUNCTION_URL_EVENT,
        rawPath: '/users/caf%C3%A9%2Fx',
        requestContext: {
          ...FUNCTION_URL_EVENT.requestContext,
          http: { ...FUNCTION_URL_EVENT.requestContext.http, path: '/users/café/x' },
        },
      },
      { ...FUNCTION_URL_REQUEST, path: '/users/caf%C3%A9%2Fx' },
    ],
    [
      'Function URL without rawPath: the decoded requestContext.http.path, encoded',
      asEvent({
        ...without(FUNCTION_URL_EVENT, 'rawPath'),
        requestContext: {
          ...FUNCTION_URL_EVENT.requestContext,
          http: { ...FUNCTION_URL_EVENT.requestContext.http, path: '/users/a b' },
        },
      }),
      { ...FUNCTION_URL_REQUEST, path: '/users/a%20b' },
    ],
    [
      'ALB: the path as sent',
      { ...ALB_EVENT, path: '/users/a%20b%2F%25' },
      { ...ALB_REQUEST, path: '/users/a%20b%2F%25' },
    ],
  ])('%s', async (_, event, expected) => {
    expect(await read(event)).toStrictEqual(expected);
  });

  it.each([
    ['an invalid escape', '%zz', '%zz'],
    ['a lone %', '100%', '100%'],
    ['an overlong UTF-8 "."', '%C0%AE', '%C0%AE'],
    ['a truncated UTF-8 sequence in a greedy parameter', 'files/%E2%82/x', '%E2%82'],
  ])(
    'REST: a path parameter with %s is answered 400 invalid-path-encoding, the handler not run',
    async (_, value, segment) => {
      const handler = vi.fn(() => ok(json(null)));
      const lambda = toLambda(handler, { logger: capturingLogger() });
      const event: APIGatewayProxyEvent = {
        ...REST_EVENT,
        path: `/users/${value}`,
        resource: '/users/{id+}',
        pathParameters: { id: value },
      };
      const result = await lambda(event, context);
      expect({ ...result, body: JSON.parse(result.body) as unknown }).toStrictEqual({
        statusCode: 400,
        headers: { 'content-type': 'application/json', 'x-request-id': GATEWAY_REQUEST_ID },
        multiValueHeaders: {},
        body: {
          errors: [
            {
              status: '400',
              title: 'Bad Request',
              code: 'invalid-path-encoding',
              detail: `The path holds "${segment}", which is not valid percent-encoding (RFC 3986, section 2.1).`,
            },
          ],
          meta: { requestId: GATEWAY_REQUEST_ID },
        },
        isBase64Encoded: false,
      });
      expect(handler).not.toHaveBeenCalled();
    },
  );

  it('HTTP API, payload 1.0: the same escapes are no error, the parameter being decoded already', async () => {
    const event = asEvent({
      ...HTTP_API_V1_EVENT,
      path: '/users/%zz',
      pathParameters: { id: '%zz' },
    });
    expect(await read(event)).toStrictEqual({
      ...REST_REQUEST,
      path: '/users/%25zz',
      pathParameters: { id: '%zz' },
    });
  });
});

describe('the bare request for an event that could not be read', () => {
  it.each<[EventKind, Record<string, unknown>, string]>([
    ['http', { rawPath: '/users/100% off' }, '/users/100%25%20off'],
    ['rest', { version: '1.0', path: '/users/100% off' }, '/users/100%25%20off'],
    ['rest', { path: '/users/100%25' }, '/users/100%25'],
    ['function-url', { rawPath: '/users/100%25' }, '/users/100%25'],
    ['alb', { path: '/users/100%25' }, '/users/100%25'],
    ['http', {}, '/'],
  ])('%s %j: the path in the one encoded form', (kind, event, path) => {
    expect(fallbackRequest(kind, event, context).path).toBe(path);
  });
});
