/**
 * The router through `toLambda` and real event shapes: which route a request reaches and with
 * which path parameters, what 404, 405, HEAD and OPTIONS answer, the routes API Gateway resolved
 * itself, endpoints as routes, per-route error maps, build-time template checks, the route list,
 * and that adding a route leaves the router it was added to as it was.
 */
import type { Context } from 'aws-lambda';
import * as t from 'io-ts';
import type { Result } from 'neverthrow';
import { ResultAsync, err, errAsync, ok, okAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type {
  HttpEvent,
  HttpRequest,
  HttpResult,
  LogRecord,
  ProblemError,
  RouteInfo,
} from '../../src/index.js';
import {
  IntFromString,
  TaggedError,
  badRequest,
  created,
  endpoint,
  errorMap,
  json,
  methodNotAllowed,
  noContent,
  notFound,
  overrideErrors,
  problem,
  reasonPhrase,
  router,
  toLambda,
  toProblem,
} from '../../src/index.js';
import {
  albEvent,
  fakeContext,
  functionUrlEvent,
  httpApiEvent,
  restApiEvent,
} from '../../src/testing/index.js';
import { readEvent } from '../../src/events/kinds.js';
import type { CapturingLogger } from '../support/logger.js';
import { capturingLogger } from '../support/logger.js';
import {
  FUNCTION_URL_REQUEST_ID,
  HTTP_REQUEST_ID,
  LAMBDA_REQUEST_ID,
  REST_REQUEST_ID,
  TRACE_ID,
} from '../support/request-id.js';
import { inheritsNothing } from '../support/inherits-nothing.js';

const context = fakeContext({ awsRequestId: LAMBDA_REQUEST_ID });

const JSON_TYPE = { 'content-type': 'application/json' };

/** What every test route answers: the route it was given and its path parameters. */
function echo(request: HttpRequest) {
  return ok(json({ route: request.route, params: { ...request.pathParameters } }));
}

/** A result with its JSON body parsed (an empty body kept as it is), to compare as a whole. */
function view(result: HttpResult): unknown {
  const body = result.body ?? '';
  return { ...result, body: body === '' ? '' : (JSON.parse(body) as unknown) };
}

/** A JSON:API error document, as the adapter writes it by default. */
function errors(requestId: string, ...list: object[]): object {
  return { errors: list, meta: { requestId } };
}

/** Answers one event with the router, through `toLambda`, logging into `logger`. */
async function serve(
  api: (
    request: HttpRequest,
    context: Context,
  ) => Result<unknown, ProblemError> | Promise<Result<unknown, ProblemError>>,
  event: HttpEvent,
  logger: CapturingLogger = capturingLogger(),
): Promise<unknown> {
  return view(await toLambda(api, { logger })(event, context));
}

/** A REST API (payload 1.0) event for the resource API Gateway matched. */
function rest(
  method: string,
  path: string,
  resource: string,
  pathParameters: Record<string, string> | null,
): HttpEvent {
  return restApiEvent({
    method,
    path,
    resource,
    pathParameters: pathParameters ?? undefined,
    requestId: REST_REQUEST_ID,
  });
}

/** An HTTP API (payload 2.0) event for the route key API Gateway matched. */
function http(
  method: string,
  path: string,
  routeKey = '$default',
  pathParameters?: Record<string, string>,
): HttpEvent {
  return httpApiEvent({ method, path, routeKey, pathParameters, requestId: HTTP_REQUEST_ID });
}

/** An event source with a catch-all route in front of the function, and the results it gets. */
interface Kind {
  readonly name: string;
  readonly requestId: string;
  /** A request behind the catch-all route: `/{proxy+}` (REST API) or `$default` (HTTP API). */
  event(method: string, path: string): HttpEvent;
  /** The path parameters the catch-all route gives the handler. */
  gatewayParams(path: string): Record<string, string>;
  /** The whole result, with the request id every response carries. */
  result(status: number, headers: Record<string, string>, body: unknown): object;
}

const REST: Kind = {
  name: 'REST API',
  requestId: REST_REQUEST_ID,
  // `/{proxy+}` needs one segment at least: the root is its own resource.
  event: (method, path) =>
    path === '/'
      ? rest(method, path, '/', null)
      : rest(method, path, '/{proxy+}', { proxy: path.slice(1) }),
  gatewayParams: (path) => (path === '/' ? {} : { proxy: path.slice(1) }),
  result: (status, headers, body) => ({
    statusCode: status,
    headers: { ...headers, 'x-request-id': REST_REQUEST_ID },
    multiValueHeaders: {},
    body,
    isBase64Encoded: false,
  }),
};

const HTTP: Kind = {
  name: 'HTTP API',
  requestId: HTTP_REQUEST_ID,
  event: (method, path) => http(method, path),
  gatewayParams: () => ({}),
  result: (status, headers, body) => ({
    statusCode: status,
    headers: { ...headers, 'x-request-id': HTTP_REQUEST_ID },
    cookies: [],
    body,
    isBase64Encoded: false,
  }),
};

const KINDS: readonly Kind[] = [REST, HTTP];

/** The whole result a request must get, from the kind, the method and the path sent. */
type Expect = (kind: Kind, method: string, path: string) => object;

/** Served by `route`, with the template's parameters beside the catch-all route's. */
function routed(route: string, params: Record<string, string> = {}): Expect {
  return (kind, _method, path) =>
    kind.result(200, JSON_TYPE, { route, params: { ...kind.gatewayParams(path), ...params } });
}

/** Served by a GET route for a HEAD request: the same headers, no body. */
const headAnswer: Expect = (kind) => kind.result(200, JSON_TYPE, '');

/** A problem document, or no body at all for a HEAD request. */
function problemBody(kind: Kind, method: string, problem: object): unknown {
  return method === 'HEAD' ? '' : errors(kind.requestId, problem);
}

const routeNotFound: Expect = (kind, method, path) =>
  kind.result(
    404,
    JSON_TYPE,
    problemBody(kind, method, {
      status: '404',
      title: 'Not Found',
      code: 'route-not-found',
      detail: `No route for ${method} ${path}.`,
    }),
  );

function notAllowed(allow: string): Expect {
  return (kind, method, path) =>
    kind.result(
      405,
      { allow, ...JSON_TYPE },
      problemBody(kind, method, {
        status: '405',
        title: 'Method Not Allowed',
        code: 'method-not-allowed',
        detail: `${method} is not allowed on ${path}; use ${allow}.`,
      }),
    );
}

function optionsAnswer(allow: string): Expect {
  return (kind) => kind.result(204, { allow }, '');
}

/** Every way a request can go: templates, statics, parameters, greedy rests, backtracking. */
const api = router()
  .get('/', echo)
  .get('/users', echo)
  .post('/users', echo)
  .get('/users/me', echo)
  .get('/users/{id}', echo)
  .put('/users/{id}', echo)
  .delete('/users/{id}', echo)
  .get('/users/{id}/posts/{postId}', echo)
  .get('/files/readme', echo)
  .get('/files/{path+}', echo)
  .put('/files/{path+}', echo)
  .get('/teams/all/admins', echo)
  .get('/teams/{team}/members', echo)
  .patch('/teams/{team}/members', echo)
  .route('GET', '/a/{x}/c', echo)
  .route('GET', '/{y}/b/d', echo)
  .post('/jobs', echo)
  .get('/docs/{id}', echo)
  .get('/docs/{rest+}', echo);

describe.each(KINDS)('matching paths behind the catch-all route ($name)', (kind) => {
  it.each<[string, string, Expect]>([
    ['GET', '/', routed('GET /')],
    ['GET', '/users', routed('GET /users')],
    ['POST', '/users', routed('POST /users')],
    ['GET', '/users/', routed('GET /users')],
    ['GET', '/users/me', routed('GET /users/me')],
    ['GET', '/users/me/', routed('GET /users/me')],
    ['GET', '/users/u-1', routed('GET /users/{id}', { id: 'u-1' })],
    ['GET', '/users/u-1/', routed('GET /users/{id}', { id: 'u-1' })],
    ['PUT', '/users/u-1', routed('PUT /users/{id}', { id: 'u-1' })],
    ['DELETE', '/users/u-1', routed('DELETE /users/{id}', { id: 'u-1' })],
    [
      'GET',
      '/users/u-1/posts/p-9',
      routed('GET /users/{id}/posts/{postId}', { id: 'u-1', postId: 'p-9' }),
    ],
    // Percent-encoded paths, which each source hands over its own way: see "decoding each path
    // exactly once" below.
    ['GET', '/files/readme', routed('GET /files/readme')],
    ['GET', '/files/readme/v2', routed('GET /files/{path+}', { path: 'readme/v2' })],
    ['GET', '/files/a/b/c.txt', routed('GET /files/{path+}', { path: 'a/b/c.txt' })],
    ['GET', '/files/a/b/', routed('GET /files/{path+}', { path: 'a/b' })],
    ['PUT', '/files/a/b', routed('PUT /files/{path+}', { path: 'a/b' })],
    ['GET', '/docs/intro', routed('GET /docs/{id}', { id: 'intro' })],
    ['GET', '/docs/guide/intro', routed('GET /docs/{rest+}', { rest: 'guide/intro' })],
    // A static segment first, a parameter when the static branch leads nowhere.
    ['GET', '/teams/all/admins', routed('GET /teams/all/admins')],
    ['GET', '/teams/all/members', routed('GET /teams/{team}/members', { team: 'all' })],
    ['PATCH', '/teams/t-1/members', routed('PATCH /teams/{team}/members', { team: 't-1' })],
    ['GET', '/a/b/c', routed('GET /a/{x}/c', { x: 'b' })],
    ['GET', '/a/b/d', routed('GET /{y}/b/d', { y: 'a' })],
    ['GET', '/users/b/d', routed('GET /{y}/b/d', { y: 'users' })],
    // No route for the path.
    ['GET', '/nope', routeNotFound],
    ['GET', '/users/u-1/extra', routeNotFound],
    ['GET', '/users/u-1/posts', routeNotFound],
    ['GET', '/files', routeNotFound],
    ['GET', '/teams/all', routeNotFound],
    ['GET', '/teams//members', routeNotFound],
    ['POST', '/a/b/e', routeNotFound],
    ['OPTIONS', '/nope', routeNotFound],
    ['HEAD', '/nope', routeNotFound],
    // The path has routes, not for this method.
    ['POST', '/', notAllowed('GET, HEAD, OPTIONS')],
    ['DELETE', '/users', notAllowed('GET, HEAD, OPTIONS, POST')],
    ['POST', '/users/u-1', notAllowed('DELETE, GET, HEAD, OPTIONS, PUT')],
    ['PATCH', '/users/u-1/', notAllowed('DELETE, GET, HEAD, OPTIONS, PUT')],
    ['DELETE', '/files/a/b', notAllowed('GET, HEAD, OPTIONS, PUT')],
    ['PUT', '/teams/t-1/members', notAllowed('GET, HEAD, OPTIONS, PATCH')],
    ['GET', '/jobs', notAllowed('OPTIONS, POST')],
    ['HEAD', '/jobs', notAllowed('OPTIONS, POST')],
    // HEAD through the GET route, without a body.
    ['HEAD', '/', headAnswer],
    ['HEAD', '/users/u-1', headAnswer],
    ['HEAD', '/files/a/b', headAnswer],
    // OPTIONS answered with what the path allows.
    ['OPTIONS', '/', optionsAnswer('GET, HEAD, OPTIONS')],
    ['OPTIONS', '/users', optionsAnswer('GET, HEAD, OPTIONS, POST')],
    ['OPTIONS', '/users/u-1', optionsAnswer('DELETE, GET, HEAD, OPTIONS, PUT')],
    ['OPTIONS', '/files/a/b/', optionsAnswer('GET, HEAD, OPTIONS, PUT')],
    ['OPTIONS', '/jobs', optionsAnswer('OPTIONS, POST')],
  ])('%s %s', async (method, path, expected) => {
    expect(await serve(api, kind.event(method, path))).toEqual(expected(kind, method, path));
  });
});

describe('paths with a stage or a base path', () => {
  it.each<[string, string, Expect]>([
    ['/prod/users/u-1', 'prod', routed('GET /users/{id}', { id: 'u-1' })],
    ['/prod', 'prod', routed('GET /')],
    ['/prod/', 'prod', routed('GET /')],
    ['/users/u-1', '$default', routed('GET /users/{id}', { id: 'u-1' })],
  ])(
    'HTTP API %s on stage %s: the stage is gone before matching',
    async (rawPath, stage, expected) => {
      // rawPath as sent, which the builder's `stage` cannot give for the stage root "/prod".
      const base = httpApiEvent({ requestId: HTTP_REQUEST_ID });
      const { requestContext } = base;
      const event = {
        ...base,
        rawPath,
        requestContext: {
          ...requestContext,
          stage,
          http: { ...requestContext.http, path: rawPath },
        },
      };
      // The detail and the parameters see the path without the stage.
      expect(await serve(api, event)).toEqual(expected(HTTP, 'GET', rawPath));
    },
  );

  it('HTTP API on a stage: a path outside every route is quoted without the stage', async () => {
    const event = httpApiEvent({ stage: 'prod', path: '/nope', requestId: HTTP_REQUEST_ID });
    expect(await serve(api, event)).toEqual(routeNotFound(HTTP, 'GET', '/nope'));
  });

  const v1 = router({ basePath: '/v1' }).get('/', echo).get('/users/{id}', echo);
  const v1Slash = router({ basePath: '/v1/' }).get('/', echo).get('/users/{id}', echo);

  describe.each(KINDS)('basePath ($name)', (kind) => {
    it.each<[string, string, Expect]>([
      ['GET', '/v1/users/u-1', routed('GET /users/{id}', { id: 'u-1' })],
      ['GET', '/v1/users/u-1/', routed('GET /users/{id}', { id: 'u-1' })],
      ['GET', '/v1', routed('GET /')],
      ['GET', '/v1/', routed('GET /')],
      ['GET', '/users/u-1', routed('GET /users/{id}', { id: 'u-1' })],
      ['GET', '/v10/users/u-1', routeNotFound],
      ['GET', '/v1/v1/users/u-1', routeNotFound],
      ['GET', '/v1/nope', routeNotFound],
      ['POST', '/v1/users/u-1', notAllowed('GET, HEAD, OPTIONS')],
    ])('%s %s', async (method, path, expected) => {
      const want = expected(kind, method, path);
      expect(await serve(v1, kind.event(method, path))).toEqual(want);
      expect(await serve(v1Slash, kind.event(method, path))).toEqual(want);
    });
  });
});

describe('routes API Gateway resolved', () => {
  const users = router()
    .get('/users/me', echo)
    .get('/users/{id}', echo)
    .put('/users/{id}', echo)
    .post('/users', echo);

  it.each<[string, HttpEvent, object]>([
    [
      'a REST resource with its method, with the gateway’s path parameters',
      rest('GET', '/users/u-1', '/users/{id}', { id: 'u-1' }),
      REST.result(200, JSON_TYPE, { route: 'GET /users/{id}', params: { id: 'u-1' } }),
    ],
    [
      'a REST resource behind a custom domain’s base path the router does not know',
      rest('PUT', '/v1/users/u-1', '/users/{id}', { id: 'u-1' }),
      REST.result(200, JSON_TYPE, { route: 'PUT /users/{id}', params: { id: 'u-1' } }),
    ],
    [
      'a REST resource whose parameter the path would not give',
      rest('GET', '/users/u-1', '/users/{id}', { id: 'from-gateway' }),
      REST.result(200, JSON_TYPE, { route: 'GET /users/{id}', params: { id: 'from-gateway' } }),
    ],
    [
      'a REST resource asked with HEAD: its GET route, without a body',
      rest('HEAD', '/users/u-1', '/users/{id}', { id: 'u-1' }),
      REST.result(200, JSON_TYPE, ''),
    ],
    [
      'an HTTP API route key',
      http('GET', '/users/u-1', 'GET /users/{id}', { id: 'u-1' }),
      HTTP.result(200, JSON_TYPE, { route: 'GET /users/{id}', params: { id: 'u-1' } }),
    ],
    [
      'an HTTP API route key on a custom domain’s base path',
      http('PUT', '/v1/users/u-1', 'PUT /users/{id}', { id: 'u-1' }),
      HTTP.result(200, JSON_TYPE, { route: 'PUT /users/{id}', params: { id: 'u-1' } }),
    ],
    [
      'a REST `/{proxy+}` resource the router does not declare: the path decides',
      rest('GET', '/users/u-1', '/{proxy+}', { proxy: 'users/u-1' }),
      REST.result(200, JSON_TYPE, {
        route: 'GET /users/{id}',
        params: { proxy: 'users/u-1', id: 'u-1' },
      }),
    ],
    [
      'the HTTP API `$default` route: the path decides',
      http('GET', '/users/me', '$default'),
      HTTP.result(200, JSON_TYPE, { route: 'GET /users/me', params: {} }),
    ],
    [
      'an HTTP API `ANY /{proxy+}` route: the path decides',
      http('GET', '/users/u-1', 'ANY /{proxy+}', { proxy: 'users/u-1' }),
      HTTP.result(200, JSON_TYPE, {
        route: 'GET /users/{id}',
        params: { proxy: 'users/u-1', id: 'u-1' },
      }),
    ],
    [
      'a REST resource the router has, for a method it has not: the path decides',
      rest('DELETE', '/users/u-1', '/users/{id}', { id: 'u-1' }),
      REST.result(
        405,
        { allow: 'GET, HEAD, OPTIONS, PUT', ...JSON_TYPE },
        errors(REST_REQUEST_ID, {
          status: '405',
          title: 'Method Not Allowed',
          code: 'method-not-allowed',
          detail: 'DELETE is not allowed on /users/u-1; use GET, HEAD, OPTIONS, PUT.',
        }),
      ),
    ],
    [
      'an HTTP API route key the router does not have: the path decides',
      http('POST', '/users', 'POST /accounts'),
      HTTP.result(200, JSON_TYPE, { route: 'POST /users', params: {} }),
    ],
    [
      'a REST OPTIONS request on a resource: answered with what the path allows',
      rest('OPTIONS', '/users/u-1', '/users/{id}', { id: 'u-1' }),
      REST.result(204, { allow: 'GET, HEAD, OPTIONS, PUT' }, ''),
    ],
  ])('%s', async (_name, event, expected) => {
    expect(await serve(users, event)).toEqual(expected);
  });

  const proxied = router().get('/health', echo).get('/{proxy+}', echo).post('/{proxy+}', echo);

  it.each<[string, HttpEvent, object]>([
    [
      'REST `/{proxy+}`',
      rest('POST', '/a/b', '/{proxy+}', { proxy: 'a/b' }),
      REST.result(200, JSON_TYPE, { route: 'POST /{proxy+}', params: { proxy: 'a/b' } }),
    ],
    [
      'REST `/health`',
      rest('GET', '/health', '/health', null),
      REST.result(200, JSON_TYPE, { route: 'GET /health', params: {} }),
    ],
    [
      'HTTP API `GET /{proxy+}`',
      http('GET', '/a/b', 'GET /{proxy+}', { proxy: 'a/b' }),
      HTTP.result(200, JSON_TYPE, { route: 'GET /{proxy+}', params: { proxy: 'a/b' } }),
    ],
    [
      'the HTTP API `$default` route, matched on the path to the greedy route',
      http('GET', '/a/b', '$default'),
      HTTP.result(200, JSON_TYPE, { route: 'GET /{proxy+}', params: { proxy: 'a/b' } }),
    ],
    [
      'the HTTP API `$default` route, matched on the path to a static route',
      http('GET', '/health', '$default'),
      HTTP.result(200, JSON_TYPE, { route: 'GET /health', params: {} }),
    ],
  ])('a router that declares the catch-all route itself: %s', async (_name, event, expected) => {
    expect(await serve(proxied, event)).toEqual(expected);
  });
});

describe('other event sources: the path decides', () => {
  it('a Function URL', async () => {
    const event = functionUrlEvent({ path: '/users/u-1/', requestId: FUNCTION_URL_REQUEST_ID });
    expect(await serve(api, event)).toEqual({
      statusCode: 200,
      headers: { ...JSON_TYPE, 'x-request-id': FUNCTION_URL_REQUEST_ID },
      cookies: [],
      body: { route: 'GET /users/{id}', params: { id: 'u-1' } },
      isBase64Encoded: false,
    });
  });

  it.each([false, true])('an ALB target (multi-value headers: %s)', async (multiValue) => {
    const event = albEvent({ method: 'PUT', path: '/files/a/b', multiValue });
    const headers = { ...JSON_TYPE, 'x-request-id': LAMBDA_REQUEST_ID };
    expect(await serve(api, event)).toEqual({
      statusCode: 200,
      statusDescription: `200 ${reasonPhrase(200)}`,
      ...(multiValue
        ? {
            multiValueHeaders: Object.fromEntries(
              Object.entries(headers).map(([name, value]) => [name, [value]]),
            ),
          }
        : { headers }),
      body: { route: 'PUT /files/{path+}', params: { path: 'a/b' } },
      isBase64Encoded: false,
    });
  });
});

describe('decoding each path exactly once, as each source hands it over', () => {
  type Source = 'rest' | 'http' | 'function-url' | 'alb';
  const SOURCES: readonly Source[] = ['rest', 'http', 'function-url', 'alb'];

  /** The event each source sends for `GET path`, the path as the client wrote it. */
  function sent(source: Source, path: string): HttpEvent {
    switch (source) {
      case 'rest':
        return rest('GET', path, '/{proxy+}', { proxy: path.slice(1) });
      case 'http':
        return http('GET', path);
      case 'function-url':
        return functionUrlEvent({ path, requestId: FUNCTION_URL_REQUEST_ID });
      case 'alb':
        return albEvent({ path });
    }
  }

  function resultOf(
    source: Source,
    status: number,
    headers: Record<string, string>,
    body: unknown,
  ): object {
    switch (source) {
      case 'rest':
        return REST.result(status, headers, body);
      case 'http':
        return HTTP.result(status, headers, body);
      case 'function-url':
        return {
          statusCode: status,
          headers: { ...headers, 'x-request-id': FUNCTION_URL_REQUEST_ID },
          cookies: [],
          body,
          isBase64Encoded: false,
        };
      case 'alb':
        return {
          statusCode: status,
          statusDescription: `${String(status)} ${reasonPhrase(status)}`,
          headers: { ...headers, 'x-request-id': LAMBDA_REQUEST_ID },
          body,
          isBase64Encoded: false,
        };
    }
  }

  /** What a request must come to: a route with its parameters, no route, or a 400. */
  type Want =
    | { readonly route: string; readonly params: Record<string, string> }
    | { readonly notFound: string }
    | { readonly invalid: string };

  const user = (id: string): Want => ({ route: 'GET /users/{id}', params: { id } });
  const file = (path: string): Want => ({ route: 'GET /files/{path+}', params: { path } });
  const noRoute = (path: string): Want => ({ notFound: path });
  const invalid = (segment: string): Want => ({ invalid: segment });

  function requestId(source: Source): string {
    return {
      rest: REST_REQUEST_ID,
      http: HTTP_REQUEST_ID,
      'function-url': FUNCTION_URL_REQUEST_ID,
      alb: LAMBDA_REQUEST_ID,
    }[source];
  }

  /** The whole result; `gateway` holds the path parameters the source sent, decoded. */
  function expected(source: Source, want: Want, gateway: Record<string, string> = {}): object {
    if ('route' in want) {
      return resultOf(source, 200, JSON_TYPE, {
        route: want.route,
        params: { ...gateway, ...want.params },
      });
    }
    if ('notFound' in want) {
      return resultOf(
        source,
        404,
        JSON_TYPE,
        errors(requestId(source), {
          status: '404',
          title: 'Not Found',
          code: 'route-not-found',
          detail: `No route for GET ${want.notFound}.`,
        }),
      );
    }
    return resultOf(
      source,
      400,
      JSON_TYPE,
      errors(requestId(source), {
        status: '400',
        title: 'Bad Request',
        code: 'invalid-path-encoding',
        detail: `The path holds "${want.invalid}", which is not valid percent-encoding (RFC 3986, section 2.1).`,
      }),
    );
  }

  // A REST API, a Function URL and an ALB pass the path as sent; gatefold decodes each segment
  // once. An HTTP API decodes the path itself (twice, as hotsock/voker#8 captured: the builder
  // follows it), and gatefold decodes nothing more: the `http` column is what reaches the handler.
  it.each<[string, Want, Want]>([
    ['/users/caf%C3%A9', user('café'), user('café')],
    ['/users/a%20b', user('a b'), user('a b')],
    ['/users/%6De', { route: 'GET /users/me', params: {} }, { route: 'GET /users/me', params: {} }],
    ['/users/a%2Fb', user('a/b'), noRoute('/users/a/b')],
    ['/users/100%2525', user('100%25'), user('100%')],
    ['/users/%252e%252e', user('%2e%2e'), user('..')],
    ['/files/my%20docs/x', file('my docs/x'), file('my docs/x')],
    // The HTTP API ends the path at the `?` its decoding revealed.
    ['/files/a%3Fb%23c', file('a?b#c'), file('a')],
  ])('GET %s', async (path, raw, fromHttpApi) => {
    for (const source of SOURCES) {
      const want = source === 'http' ? fromHttpApi : raw;
      const gateway = source === 'rest' ? { proxy: decodeURIComponent(path.slice(1)) } : {};
      expect([source, await serve(api, sent(source, path))]).toEqual([
        source,
        expected(source, want, gateway),
      ]);
    }
  });

  // An HTTP API refuses these itself, before any function runs (see gatefold/testing's tests).
  it.each([
    ['/users/%E0%A4%A', '%E0%A4%A'],
    ['/users/100%', '100%'],
    ['/users/%C0%AE%C0%AE', '%C0%AE%C0%AE'],
    ['/files/a/%zz/b', '%zz'],
  ])(
    'answers GET %s, where %s does not decode, with 400 from a REST API, a Function URL and an ALB',
    async (path, segment) => {
      for (const source of ['rest', 'function-url', 'alb'] as const) {
        expect([source, await serve(api, sent(source, path))]).toEqual([
          source,
          expected(source, invalid(segment)),
        ]);
      }
    },
  );

  /** An HTTP API event whose `rawPath` the gateway decoded to `rawPath`. */
  function fromHttpApi(
    rawPath: string,
    routeKey = '$default',
    pathParameters?: Record<string, string>,
  ): HttpEvent {
    const base = httpApiEvent({ routeKey, pathParameters, requestId: HTTP_REQUEST_ID });
    return {
      ...base,
      rawPath,
      requestContext: {
        ...base.requestContext,
        http: { ...base.requestContext.http, path: rawPath },
      },
    };
  }

  /** A payload 1.0 event from an HTTP API: a REST-shaped event with `version: "1.0"`. */
  function fromHttpApiV1(
    path: string,
    resource: string,
    pathParameters?: Record<string, string>,
  ): HttpEvent {
    return {
      ...rest('GET', '/', resource, pathParameters ?? null),
      path,
      version: '1.0',
    };
  }

  it.each<[string, HttpEvent, Source, Want]>([
    ['an HTTP API path with a decoded %', fromHttpApi('/users/100%25'), 'http', user('100%25')],
    [
      'an HTTP API path with a decoded escape that spells a route',
      fromHttpApi('/users/%6De'),
      'http',
      user('%6De'),
    ],
    ['an HTTP API path with a decoded ? and #', fromHttpApi('/users/a?b#c'), 'http', user('a?b#c')],
    [
      'an HTTP API path with a decoded space and a lone %',
      fromHttpApi('/users/50% off'),
      'http',
      user('50% off'),
    ],
    [
      'an HTTP API path that cannot be decoded again',
      fromHttpApi('/files/a?b/%zz/c#d'),
      'http',
      file('a?b/%zz/c#d'),
    ],
    [
      'an HTTP API route key with its decoded parameters',
      fromHttpApi('/users/100%25', 'GET /users/{id}', { id: '100%25' }),
      'http',
      user('100%25'),
    ],
    [
      'a REST resource with its encoded parameters',
      rest('GET', '/users/100%2525', '/users/{id}', { id: '100%2525' }),
      'rest',
      user('100%25'),
    ],
    [
      'a REST resource whose parameter does not decode',
      rest('GET', '/users/%E0%A4%A', '/users/{id}', { id: '%E0%A4%A' }),
      'rest',
      invalid('%E0%A4%A'),
    ],
    [
      'a payload 1.0 event from an HTTP API, matched on its decoded path',
      fromHttpApiV1('/users/100%25', '$default'),
      'rest',
      user('100%25'),
    ],
    [
      'a payload 1.0 event from an HTTP API, with its decoded parameters',
      fromHttpApiV1('/users/100%25', '/users/{id}', { id: '100%25' }),
      'rest',
      user('100%25'),
    ],
    [
      'the same event from a REST API (no version): its path is decoded once',
      { ...fromHttpApiV1('/users/100%25', '$default'), version: undefined } as HttpEvent,
      'rest',
      user('100%'),
    ],
  ])('%s', async (_name, event, source, want) => {
    expect(await serve(api, event)).toEqual(expected(source, want));
  });
});

describe('the request a route receives', () => {
  it('has the route and the matched parameters, the rest as it came, frozen', async () => {
    const seen: HttpRequest[] = [];
    const spy = router().put('/users/{id}/posts/{postId}', (request) => {
      seen.push(request);
      return ok(json({}));
    });
    const event = restApiEvent({
      method: 'PUT',
      path: '/users/u-1/posts/p%202',
      resource: '/{proxy+}',
      pathParameters: { proxy: 'users/u-1/posts/p%202' },
      headers: { 'X-Trace': 'abc', 'X-Amzn-Trace-Id': TRACE_ID },
      query: { page: '2' },
      requestId: REST_REQUEST_ID,
    });
    await serve(spy, event);
    expect(seen).toHaveLength(1);
    const request = seen[0]!;
    expect({
      kind: request.kind,
      method: request.method,
      path: request.path,
      route: request.route,
      pathParameters: { ...request.pathParameters },
      headers: { ...request.headers },
      query: { ...request.query },
      requestId: request.requestId,
    }).toEqual({
      kind: 'rest',
      method: 'PUT',
      path: '/users/u-1/posts/p%202',
      route: 'PUT /users/{id}/posts/{postId}',
      // A REST API sends its path parameters still encoded: each is decoded once, like the path.
      pathParameters: { proxy: 'users/u-1/posts/p 2', id: 'u-1', postId: 'p 2' },
      // The builder's headers, then the given ones.
      headers: {
        accept: ['*/*'],
        host: ['a1b2c3d4e5.execute-api.us-east-1.amazonaws.com'],
        'user-agent': ['gatefold-testing'],
        'x-amzn-trace-id': [TRACE_ID],
        'x-forwarded-for': ['203.0.113.10'],
        'x-forwarded-port': ['443'],
        'x-forwarded-proto': ['https'],
        'x-trace': ['abc'],
      },
      query: { page: ['2'] },
      requestId: REST_REQUEST_ID,
    });
    expect(Object.isFrozen(request)).toBe(true);
    expect(Object.isFrozen(request.pathParameters)).toBe(true);
  });
});

describe('endpoints as routes', () => {
  const orders = router()
    .get(
      '/users/{id}/orders/{n}',
      endpoint({ params: t.type({ id: t.string, n: IntFromString }) }, ({ params }) =>
        ok(json({ id: params.id, n: params.n, next: params.n + 1 })),
      ),
    )
    .post(
      '/users/{id}/orders',
      endpoint(
        { params: t.type({ id: t.string }), body: t.type({ sku: t.string }) },
        ({ params, body }) =>
          ok(created(`/users/${params.id}/orders/1`, { user: params.id, sku: body.sku })),
      ),
    );

  describe.each(KINDS)('$name', (kind) => {
    it('decodes the parameters the template matched', async () => {
      expect(await serve(orders, kind.event('GET', '/users/u-1/orders/41'))).toEqual(
        kind.result(200, JSON_TYPE, { id: 'u-1', n: 41, next: 42 }),
      );
    });

    it('reports a matched parameter its codec refuses', async () => {
      expect(await serve(orders, kind.event('GET', '/users/u-1/orders/forty'))).toEqual(
        kind.result(
          400,
          JSON_TYPE,
          errors(kind.requestId, {
            status: '400',
            title: 'Invalid format',
            code: 'invalid-format',
            detail: 'Expected an integer, received "forty".',
            source: { parameter: 'n' },
          }),
        ),
      );
    });
  });

  it('decodes the body and the parameters of a POST route', async () => {
    const event = httpApiEvent({
      method: 'POST',
      path: '/users/u-1/orders',
      headers: { 'content-type': 'application/json' },
      body: '{"sku":"sku-7"}',
      requestId: HTTP_REQUEST_ID,
    });
    expect(await serve(orders, event)).toEqual(
      HTTP.result(
        201,
        { ...JSON_TYPE, location: '/users/u-1/orders/1' },
        { user: 'u-1', sku: 'sku-7' },
      ),
    );
  });
});

class UserNotFound extends TaggedError('UserNotFound')<{ readonly id: string }> {}
class LedgerUnavailable extends TaggedError('LedgerUnavailable')<{ readonly ledger: string }> {}
class UploadsDisabled extends TaggedError('UploadsDisabled') {}

const SECRET = 'SECRET-ledger-eu-1';

const apiErrors = errorMap<UserNotFound | LedgerUnavailable>({
  UserNotFound: (e) => ({ status: 404, detail: `No user ${e.id}.` }),
  LedgerUnavailable: (e) => ({ status: 503, detail: `Ledger ${e.ledger} timed out.` }),
});

describe('error maps', () => {
  const mapped = router({ errors: apiErrors })
    .get('/users/{id}', (request) =>
      err(new UserNotFound({ id: request.pathParameters['id'] ?? '' })),
    )
    .delete(
      '/users/{id}',
      (request) => err(new UserNotFound({ id: request.pathParameters['id'] ?? '' })),
      // Deleting a user that is gone: 410 on this route only.
      { errors: overrideErrors(apiErrors, { UserNotFound: { status: 410, code: 'user-gone' } }) },
    )
    .put('/files/{path+}', () => err(new UploadsDisabled()), {
      errors: errorMap<UploadsDisabled>({
        UploadsDisabled: { status: 503, detail: 'uploads off', headers: { 'retry-after': '3600' } },
      }),
    })
    .get('/ledger', () => err(new LedgerUnavailable({ ledger: SECRET })))
    .post('/users', () =>
      err([new UserNotFound({ id: 'u-2' }), badRequest({ detail: 'Bad name.', code: 'bad-name' })]),
    );

  it.each<[string, HttpEvent, object]>([
    [
      'the router’s map, a 4xx entry exposed',
      http('GET', '/users/u-9'),
      HTTP.result(
        404,
        JSON_TYPE,
        errors(HTTP_REQUEST_ID, {
          status: '404',
          code: 'UserNotFound',
          title: 'Not Found',
          detail: 'No user u-9.',
        }),
      ),
    ],
    [
      'the route’s own entry for a tag the router maps too',
      http('DELETE', '/users/u-9'),
      HTTP.result(
        410,
        JSON_TYPE,
        errors(HTTP_REQUEST_ID, { status: '410', code: 'user-gone', title: 'Gone' }),
      ),
    ],
    [
      'the route’s own map adding a tag, a 5xx entry masked, its headers kept',
      http('PUT', '/files/a/b'),
      HTTP.result(
        503,
        { ...JSON_TYPE, 'retry-after': '3600' },
        errors(HTTP_REQUEST_ID, { status: '503', title: 'Service Unavailable' }),
      ),
    ],
    [
      'the router’s map, a 5xx entry masked',
      http('GET', '/ledger'),
      HTTP.result(
        503,
        JSON_TYPE,
        errors(HTTP_REQUEST_ID, { status: '503', title: 'Service Unavailable' }),
      ),
    ],
    [
      'a list mixing domain errors and problems',
      rest('POST', '/users', '/users', null),
      REST.result(
        400,
        JSON_TYPE,
        errors(
          REST_REQUEST_ID,
          { status: '404', code: 'UserNotFound', title: 'Not Found', detail: 'No user u-2.' },
          { status: '400', title: 'Bad Request', code: 'bad-name', detail: 'Bad name.' },
        ),
      ),
    ],
  ])('%s', async (_name, event, expected) => {
    const logger = capturingLogger();
    const result = await serve(mapped, event, logger);
    expect(result).toEqual(expected);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('logs a masked 5xx from the router’s map with its tag and details', async () => {
    const logger = capturingLogger();
    await serve(mapped, http('GET', '/ledger'), logger);
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error.mock.calls[0]?.[0]).toMatchObject({
      message: 'Answered 503: a server error the handler returned',
      requestId: HTTP_REQUEST_ID,
      method: 'GET',
      path: '/ledger',
      status: 503,
      errors: [
        {
          status: 503,
          tag: 'LedgerUnavailable',
          exposed: false,
          code: 'LedgerUnavailable',
          detail: `Ledger ${SECRET} timed out.`,
          errorName: 'LedgerUnavailable',
        },
      ],
    } satisfies LogRecord);
  });

  it('logs a masked 5xx from a route’s own map with its tag and details', async () => {
    const logger = capturingLogger();
    await serve(mapped, rest('PUT', '/files/a/b', '/{proxy+}', { proxy: 'files/a/b' }), logger);
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error.mock.calls[0]?.[0]).toMatchObject({
      requestId: REST_REQUEST_ID,
      status: 503,
      errors: [
        {
          status: 503,
          tag: 'UploadsDisabled',
          exposed: false,
          code: 'UploadsDisabled',
          detail: 'uploads off',
        },
      ],
    });
  });

  it('logs each mapped error with its own tag when invocations overlap', async () => {
    // Both routes settle on one promise, so both routers map before either answer is folded.
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const overlapping = router({ errors: apiErrors })
      .get('/ledger/{name}', (request) =>
        ResultAsync.fromSafePromise(gate).andThen(() =>
          errAsync(new LedgerUnavailable({ ledger: request.pathParameters['name'] ?? '' })),
        ),
      )
      .get('/users/{id}', (request) =>
        ResultAsync.fromSafePromise(gate).andThen(() =>
          errAsync(new UserNotFound({ id: request.pathParameters['id'] ?? '' })),
        ),
      );
    const logger = capturingLogger();
    const handler = toLambda(overlapping, { logger, clientErrorLogLevel: 'warn' });
    const answers = Promise.all([
      handler(http('GET', '/ledger/books'), context),
      handler(http('GET', '/users/u-7'), context),
      handler(http('GET', '/ledger/taxes'), context),
    ]);
    release();
    const [books, user, taxes] = (await answers).map(view);
    expect([books, user, taxes].map((answer) => (answer as HttpResult).statusCode)).toEqual([
      503, 404, 503,
    ]);
    const logged = [...logger.error.mock.calls, ...logger.warn.mock.calls].map(
      ([record]) => record['errors'],
    );
    expect(logged).toEqual(
      expect.arrayContaining([
        [expect.objectContaining({ tag: 'LedgerUnavailable', detail: 'Ledger books timed out.' })],
        [expect.objectContaining({ tag: 'LedgerUnavailable', detail: 'Ledger taxes timed out.' })],
        [expect.objectContaining({ tag: 'UserNotFound', detail: 'No user u-7.' })],
      ]),
    );
  });

  it('logs the tag of a problem toProblem made once and returned by every invocation', async () => {
    const gone = toProblem(apiErrors, new LedgerUnavailable({ ledger: 'archive' }));
    const logger = capturingLogger();
    const handler = toLambda(
      router({ errors: apiErrors })
        .get('/archive', () => err(gone))
        .get('/users/{id}', (request) =>
          err(new UserNotFound({ id: request.pathParameters['id'] ?? '' })),
        ),
      { logger },
    );
    for (const path of ['/archive', '/users/u-1', '/archive']) {
      await handler(http('GET', path), context);
    }
    const tags = logger.error.mock.calls.map(
      ([record]) => (record['errors'] as { tag?: string }[])[0]?.tag,
    );
    expect(tags).toEqual(['LedgerUnavailable', 'LedgerUnavailable']);
  });

  it('logs a router’s problem in full each time it is answered, as by a cache of results', async () => {
    let cached: Result<unknown, ProblemError> | undefined;
    const inner = router({ errors: apiErrors }).get('/ledger', () =>
      err(new LedgerUnavailable({ ledger: 'books' })),
    );
    const logger = capturingLogger();
    const handler = toLambda(
      async (request: HttpRequest, ctx: Context) => (cached ??= await inner(request, ctx)),
      { logger },
    );
    await handler(http('GET', '/ledger'), context);
    await handler(http('GET', '/ledger'), context);
    expect(logger.error.mock.calls.map(([record]) => record['errors'])).toEqual([
      [expect.objectContaining({ tag: 'LedgerUnavailable', detail: 'Ledger books timed out.' })],
      [expect.objectContaining({ tag: 'LedgerUnavailable', detail: 'Ledger books timed out.' })],
    ]);
  });

  it('keeps what a mapping adds to a problem out of its members, JSON and equality', () => {
    const mappedProblem = toProblem(apiErrors, new UserNotFound({ id: 'u-3' }));
    const plain = problem({ status: 404, code: 'UserNotFound', detail: 'No user u-3.' });
    expect(mappedProblem).toStrictEqual(plain);
    expect(Reflect.ownKeys(mappedProblem).filter((key) => typeof key === 'string')).toEqual(
      Object.keys(plain),
    );
    expect(JSON.stringify(mappedProblem)).toBe(JSON.stringify(plain));
    expect({ ...mappedProblem }).toStrictEqual({ ...plain });
  });

  it('logs the route the router matched, as the routing docs promise', async () => {
    const logger = capturingLogger();
    await serve(mapped, http('GET', '/ledger'), logger);
    expect(logger.error.mock.calls[0]?.[0]).toMatchObject({ route: 'GET /ledger' });
  });

  it('a route’s own map serves a router without one', async () => {
    const alone = router().put('/files/{path+}', () => err(new UploadsDisabled()), {
      errors: errorMap<UploadsDisabled>({ UploadsDisabled: { status: 409, detail: 'Not now.' } }),
    });
    expect(await serve(alone, http('PUT', '/files/x'))).toEqual(
      HTTP.result(
        409,
        JSON_TYPE,
        errors(HTTP_REQUEST_ID, {
          status: '409',
          code: 'UploadsDisabled',
          title: 'Conflict',
          detail: 'Not now.',
        }),
      ),
    );
  });
});

/** What a call threw, so that a whole error can be compared. */
function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('templates are checked when the router is built', () => {
  const base = router().get('/users/{id}', echo);

  it.each<[string, () => unknown, string]>([
    ['no leading slash', () => router().get('users', echo), 'Route "users" must start with "/".'],
    [
      'no leading slash, through route()',
      () => router().route('PATCH', 'users/{id}', echo),
      'Route "users/{id}" must start with "/".',
    ],
    [
      'a greedy parameter that is not last',
      () => router().get('/files/{path+}/meta', echo),
      'Route "/files/{path+}/meta": the greedy parameter must come last.',
    ],
    [
      'a malformed parameter',
      () => router().get('/users/{id}.json', echo),
      'Route "/users/{id}.json": "{id}.json" is not a valid parameter.',
    ],
    [
      'two parameter names at one place',
      () => base.get('/users/{userId}/posts', echo),
      'Route "/users/{userId}/posts": {userId} clashes with {id} at the same place.',
    ],
    [
      'two greedy names at one place',
      () => router().get('/files/{path+}', echo).put('/files/{rest+}', echo),
      'Route "/files/{rest+}": {rest} clashes with {path} at the same place.',
    ],
    [
      'a route declared twice',
      () => base.get('/users/{id}', echo),
      'Route "GET /users/{id}" is declared twice.',
    ],
    [
      'a route declared twice, once with a trailing slash',
      () => router().post('/users', echo).route('POST', '/users/', echo),
      'Route "POST /users/" is declared twice.',
    ],
  ])('%s', (_name, build, message) => {
    expect(thrownBy(build)).toStrictEqual(new TypeError(message));
  });

  it('refuses a template that names one parameter twice', () => {
    // Only one of the two values could reach the handler.
    expect(thrownBy(() => router().get('/teams/{id}/users/{id}', echo))).toBeInstanceOf(TypeError);
  });

  it('leaves the router a refused route was added to as it was', async () => {
    thrownBy(() => base.get('/users/{userId}/posts', echo));
    expect(base.routes).toEqual([{ method: 'GET', path: '/users/{id}' }]);
    expect(await serve(base, HTTP.event('GET', '/users/u-1'))).toEqual(
      routed('GET /users/{id}', { id: 'u-1' })(HTTP, 'GET', '/users/u-1'),
    );
  });
});

describe('routes and immutability', () => {
  it('lists the routes in the order they were added', () => {
    expect(router().routes).toEqual([]);
    expect(api.routes).toEqual<RouteInfo[]>([
      { method: 'GET', path: '/' },
      { method: 'GET', path: '/users' },
      { method: 'POST', path: '/users' },
      { method: 'GET', path: '/users/me' },
      { method: 'GET', path: '/users/{id}' },
      { method: 'PUT', path: '/users/{id}' },
      { method: 'DELETE', path: '/users/{id}' },
      { method: 'GET', path: '/users/{id}/posts/{postId}' },
      { method: 'GET', path: '/files/readme' },
      { method: 'GET', path: '/files/{path+}' },
      { method: 'PUT', path: '/files/{path+}' },
      { method: 'GET', path: '/teams/all/admins' },
      { method: 'GET', path: '/teams/{team}/members' },
      { method: 'PATCH', path: '/teams/{team}/members' },
      { method: 'GET', path: '/a/{x}/c' },
      { method: 'GET', path: '/{y}/b/d' },
      { method: 'POST', path: '/jobs' },
      { method: 'GET', path: '/docs/{id}' },
      { method: 'GET', path: '/docs/{rest+}' },
    ]);
  });

  it('adding a route returns a new router and leaves the original as it was', async () => {
    const base = router().get('/a', echo);
    const withB = base.get('/b', echo);
    expect(withB).not.toBe(base);
    expect(base.routes).toEqual([{ method: 'GET', path: '/a' }]);
    expect(withB.routes).toEqual([
      { method: 'GET', path: '/a' },
      { method: 'GET', path: '/b' },
    ]);
    expect(await serve(base, HTTP.event('GET', '/b'))).toEqual(routeNotFound(HTTP, 'GET', '/b'));
    expect(await serve(withB, HTTP.event('GET', '/b'))).toEqual(
      routed('GET /b')(HTTP, 'GET', '/b'),
    );
    // The original's allowed methods are its own.
    const withPost = base.post('/a', echo);
    expect(await serve(base, HTTP.event('OPTIONS', '/a'))).toEqual(
      optionsAnswer('GET, HEAD, OPTIONS')(HTTP, 'OPTIONS', '/a'),
    );
    expect(await serve(withPost, HTTP.event('OPTIONS', '/a'))).toEqual(
      optionsAnswer('GET, HEAD, OPTIONS, POST')(HTTP, 'OPTIONS', '/a'),
    );
  });

  it('two routers grown from one base do not see each other’s routes', async () => {
    const base = router().get('/a', echo);
    const first = base.get('/b', () => ok(json({ from: 'first' })));
    const second = base.get('/b', () => ok(json({ from: 'second' })));
    expect(await serve(first, HTTP.event('GET', '/b'))).toEqual(
      HTTP.result(200, JSON_TYPE, { from: 'first' }),
    );
    expect(await serve(second, HTTP.event('GET', '/b'))).toEqual(
      HTTP.result(200, JSON_TYPE, { from: 'second' }),
    );
  });
});

describe('the path parameters a route receives', () => {
  it('are a frozen map that inherits nothing, where __proto__ is an ordinary name', async () => {
    let seen: HttpRequest | undefined;
    const api = router().get('/things/{__proto__}/{id}', (request) => {
      seen = request;
      return ok(null);
    });
    await serve(api, HTTP.event('GET', '/things/a/b'));
    const params = seen?.pathParameters;
    expect(params).toBeDefined();
    expect(inheritsNothing(params ?? {})).toBe(true);
    expect(Object.isFrozen(params)).toBe(true);
    expect(Object.entries(params ?? {}).sort()).toStrictEqual([
      ['__proto__', 'a'],
      ['id', 'b'],
    ]);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});

describe('declaration checks along a chain and its branches', () => {
  it('check each branch against its own routes only', () => {
    const base = router().get('/a', echo);
    const first = base.get('/b', echo);
    // `/b` is declared on `first`, not on `base` nor on what grows from it.
    const second = base.get('/c', echo).get('/b', echo);
    expect(second.routes).toEqual([
      { method: 'GET', path: '/a' },
      { method: 'GET', path: '/c' },
      { method: 'GET', path: '/b' },
    ]);
    expect(thrownBy(() => first.get('/b', echo))).toStrictEqual(
      new TypeError('Route "GET /b" is declared twice.'),
    );
    expect(thrownBy(() => second.get('/c', echo))).toStrictEqual(
      new TypeError('Route "GET /c" is declared twice.'),
    );
    expect(thrownBy(() => base.get('/a', echo))).toStrictEqual(
      new TypeError('Route "GET /a" is declared twice.'),
    );
  });

  it('go on checking after a refused route', async () => {
    const base = router().get('/users/{id}', echo);
    thrownBy(() => base.get('/users/{userId}/posts', echo));
    const grown = base.get('/users/{id}/posts', echo);
    expect(thrownBy(() => grown.get('/users/{other}', echo))).toStrictEqual(
      new TypeError('Route "/users/{other}": {other} clashes with {id} at the same place.'),
    );
    expect(await serve(grown, HTTP.event('GET', '/users/u-1/posts'))).toEqual(
      routed('GET /users/{id}/posts', { id: 'u-1' })(HTTP, 'GET', '/users/u-1/posts'),
    );
  });

  it('a router that has answered requests can still grow, and keeps its own routes', async () => {
    const base = router().get('/a', echo);
    expect(await serve(base, HTTP.event('GET', '/a'))).toEqual(routed('GET /a')(HTTP, 'GET', '/a'));
    const grown = base.get('/b', echo);
    expect(await serve(base, HTTP.event('GET', '/b'))).toEqual(routeNotFound(HTTP, 'GET', '/b'));
    expect(await serve(grown, HTTP.event('GET', '/b'))).toEqual(
      routed('GET /b')(HTTP, 'GET', '/b'),
    );
  });
});

describe('route() and explicit HEAD and OPTIONS routes', () => {
  const custom = router()
    .get('/items', echo)
    .route('HEAD', '/items', () => ok(json({ head: true }, { headers: { 'x-count': '3' } })))
    .route('OPTIONS', '/items', () => ok(json({ options: true })))
    .route('DELETE', '/items/{id}', echo);

  it.each<[string, string, object]>([
    ['GET', '/items', HTTP.result(200, JSON_TYPE, { route: 'GET /items', params: {} })],
    ['HEAD', '/items', HTTP.result(200, { ...JSON_TYPE, 'x-count': '3' }, '')],
    ['OPTIONS', '/items', HTTP.result(200, JSON_TYPE, { options: true })],
    [
      'DELETE',
      '/items/i-1',
      HTTP.result(200, JSON_TYPE, { route: 'DELETE /items/{id}', params: { id: 'i-1' } }),
    ],
    ['OPTIONS', '/items/i-1', HTTP.result(204, { allow: 'DELETE, OPTIONS' }, '')],
  ])('%s %s', async (method, path, expected) => {
    expect(await serve(custom, http(method, path))).toEqual(expected);
  });
});

describe('matching takes the method into account', () => {
  // A route whose template matches the path and whose method matches the request exists, so
  // the request is that route's; a more specific template for other methods must not hide it.
  const shadowed = router()
    .get('/users/me', echo)
    .delete('/users/{id}', echo)
    .get('/files/readme', echo)
    .put('/files/{path+}', echo);

  it.each<[string, string, Expect]>([
    ['DELETE', '/users/me', routed('DELETE /users/{id}', { id: 'me' })],
    ['PUT', '/files/readme', routed('PUT /files/{path+}', { path: 'readme' })],
    ['OPTIONS', '/users/me', optionsAnswer('DELETE, GET, HEAD, OPTIONS')],
    ['POST', '/files/readme', notAllowed('GET, HEAD, OPTIONS, PUT')],
  ])('%s %s', async (method, path, expected) => {
    expect(await serve(shadowed, HTTP.event(method, path))).toEqual(expected(HTTP, method, path));
  });
});

describe('answering without a promise when the route answers synchronously', () => {
  const requestFor = (method: string, path: string): HttpRequest =>
    readEvent('http', http(method, path) as unknown as Record<string, unknown>, context, undefined)
      .request;
  const api = router()
    .get('/users/{id}', echo)
    .get('/slow/{id}', (request) => okAsync(json({ slow: request.pathParameters['id'] })))
    .get('/later', () => Promise.resolve(err(badRequest({ code: 'later' }))));

  it('gives a synchronous route’s result itself, with the route’s parameters', () => {
    const answer = api(requestFor('GET', '/users/u-1'), context);
    expect(answer).not.toBeInstanceOf(Promise);
    expect((answer as Result<unknown, ProblemError>)._unsafeUnwrap()).toEqual(
      json({ route: 'GET /users/{id}', params: { id: 'u-1' } }),
    );
  });

  it('gives 404, 405 and OPTIONS answers at once', () => {
    const answerTo = (method: string, path: string) => {
      const answer = api(requestFor(method, path), context);
      expect(answer).not.toBeInstanceOf(Promise);
      return answer as Result<unknown, ProblemError>;
    };
    expect(answerTo('GET', '/nowhere')._unsafeUnwrapErr()).toStrictEqual(
      notFound({ code: 'route-not-found', detail: 'No route for GET /nowhere.' }),
    );
    expect(answerTo('POST', '/users/u-1')._unsafeUnwrapErr()).toStrictEqual(
      methodNotAllowed(['GET', 'HEAD', 'OPTIONS'], {
        code: 'method-not-allowed',
        detail: 'POST is not allowed on /users/u-1; use GET, HEAD, OPTIONS.',
      }),
    );
    expect(answerTo('OPTIONS', '/users/u-1')._unsafeUnwrap()).toStrictEqual(
      noContent({ headers: { allow: 'GET, HEAD, OPTIONS' } }),
    );
  });

  it('gives a promise for a route that answers with a ResultAsync or a promise', async () => {
    const slow = api(requestFor('GET', '/slow/s-1'), context);
    expect(slow).toBeInstanceOf(Promise);
    expect((await slow)._unsafeUnwrap()).toEqual(json({ slow: 's-1' }));
    const later = api(requestFor('GET', '/later'), context);
    expect(later).toBeInstanceOf(Promise);
    expect((await later)._unsafeUnwrapErr()).toMatchObject({ status: 400, code: 'later' });
  });
});
