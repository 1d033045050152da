import { gunzipSync } from 'node:zlib';
import type { Context } from 'aws-lambda';
import { err, ok } from 'neverthrow';
import type { Result } from 'neverthrow';
import { describe, expect, it, vi } from 'vitest';
import {
  TaggedError,
  errorMap,
  forbidden,
  notFound,
  toLambda,
  toProblem,
  unauthorized,
} from '../../src/index.js';
import { compress, conditionalGet, cors, securityHeaders } from '../../src/middleware/index.js';
import type {
  HttpRequest,
  HttpResponse,
  LambdaOptions,
  Middleware,
  Outcome,
  ProblemError,
} from '../../src/index.js';
import { fakeContext, httpApiEvent, restApiEvent } from '../../src/testing/index.js';
import { thrownBy } from '../hardening/refusal.js';
import { capturingLogger } from '../support/logger.js';
import {
  HTTP_REQUEST_ID,
  LAMBDA_REQUEST_ID,
  REST_REQUEST_ID,
  TRACE_ID,
} from '../support/request-id.js';

const context = fakeContext({ awsRequestId: LAMBDA_REQUEST_ID });

type TestHandler = (request: HttpRequest) => Outcome<unknown, ProblemError>;

const USER_BODY = '{"id":"u-1"}';

function adapter(
  handler: TestHandler,
  middleware: readonly Middleware[],
  extra: Omit<LambdaOptions, 'logger' | 'middleware'> = {},
) {
  const logger = capturingLogger();
  return { lambda: toLambda(handler, { ...extra, logger, middleware }), logger };
}

/** A copy of a response with `value` appended to the `name` header. */
function appendHeader(response: HttpResponse, name: string, value: string): HttpResponse {
  return {
    ...response,
    headers: { ...response.headers, [name]: [...(response.headers[name] ?? []), value] },
  };
}

/** Records when it sees the request and the response, and appends its name to `x-trace`. */
function trace(name: string, events: string[]): Middleware {
  return (next) => async (request, context) => {
    events.push(`${name} request`);
    const response = await next(request, context);
    events.push(`${name} response (x-trace: ${(response.headers['x-trace'] ?? []).join(',')})`);
    return appendHeader(response, 'x-trace', name);
  };
}

/** Adds `Server-Timing: app;dur=<ms>` for the time spent inside it. */
function serverTiming(): Middleware {
  return (next) => async (request, context) => {
    const started = performance.now();
    const response = await next(request, context);
    const duration = (performance.now() - started).toFixed(1);
    return appendHeader(response, 'server-timing', `app;dur=${duration}`);
  };
}

/** Lets `Authorization: Bearer good` through; answers anything else with a 401 problem. */
function bearerAuth(): Middleware {
  return (next, tools) => async (request, context) =>
    request.headers['authorization']?.[0] === 'Bearer good'
      ? next(request, context)
      : tools.problem(request, unauthorized('Bearer', { detail: 'A bearer token is required.' }));
}

const UNAUTHORIZED_BODY = JSON.stringify({
  errors: [{ status: '401', title: 'Unauthorized', detail: 'A bearer token is required.' }],
  meta: { requestId: HTTP_REQUEST_ID },
});

const MASKED_500_BODY = (requestId: string): string =>
  JSON.stringify({
    errors: [
      {
        status: '500',
        title: 'Internal Server Error',
        detail:
          'The server failed to handle the request. Quote the request id when reporting this.',
      },
    ],
    meta: { requestId },
  });

describe('compose: order', () => {
  it('runs the first middleware outermost: it sees the request first and the response last', async () => {
    const events: string[] = [];
    const handler = vi.fn<TestHandler>(() => {
      events.push('handler');
      return ok({ id: 'u-1' });
    });
    const { lambda } = adapter(handler, [trace('outer', events), trace('inner', events)]);
    const result = await lambda(httpApiEvent({ requestId: HTTP_REQUEST_ID }), context);
    expect(events).toEqual([
      'outer request',
      'inner request',
      'handler',
      'inner response (x-trace: )',
      'outer response (x-trace: inner)',
    ]);
    expect(result).toStrictEqual({
      statusCode: 200,
      headers: {
        'content-type': 'application/json',
        'x-trace': 'inner, outer',
        'x-request-id': HTTP_REQUEST_ID,
      },
      cookies: [],
      body: USER_BODY,
      isBase64Encoded: false,
    });
  });

  it('a timing middleware outermost measures the others; innermost, only the handler', async () => {
    const events: string[] = [];
    const { lambda } = adapter(
      () => ok({ id: 'u-1' }),
      [serverTiming(), trace('a', events), trace('b', events)],
    );
    const result = await lambda(restApiEvent({ requestId: REST_REQUEST_ID }), context);
    expect(result).toStrictEqual({
      statusCode: 200,
      headers: {
        'content-type': 'application/json',
        'server-timing': expect.stringMatching(/^app;dur=\d+\.\d$/) as string,
        'x-request-id': REST_REQUEST_ID,
      },
      // Two values: REST results carry them in multiValueHeaders, in the order they were added.
      multiValueHeaders: { 'x-trace': ['b', 'a'] },
      body: USER_BODY,
      isBase64Encoded: false,
    });
  });

  it('passes the request and context each middleware hands on', async () => {
    const tenant: Middleware = (next) => (request, context) =>
      next(
        { ...request, headers: { ...request.headers, 'x-tenant': ['acme'] } },
        { ...context, functionName: 'orders' },
      );
    const seen = vi.fn<(request: HttpRequest, context: Context) => void>();
    const lambda = toLambda(
      (request, context) => {
        seen(request, context);
        return ok({ tenant: request.headers['x-tenant']?.[0] ?? null });
      },
      { logger: capturingLogger(), middleware: [tenant] },
    );
    const result = await lambda(httpApiEvent({ requestId: HTTP_REQUEST_ID }), context);
    expect(result.body).toBe('{"tenant":"acme"}');
    expect(seen.mock.calls[0]?.[1]).toStrictEqual({ ...context, functionName: 'orders' });
  });

  it('an empty list answers as no middleware does', async () => {
    const plain = toLambda(() => ok({ id: 'u-1' }), { logger: capturingLogger() });
    const { lambda } = adapter(() => ok({ id: 'u-1' }), []);
    expect(await lambda(httpApiEvent({ requestId: HTTP_REQUEST_ID }), context)).toStrictEqual(
      await plain(httpApiEvent({ requestId: HTTP_REQUEST_ID }), context),
    );
  });
});

describe('compose: middleware that answers itself', () => {
  it('an auth middleware short-circuits with a 401 JSON:API problem, logged at the client-error level', async () => {
    const handler = vi.fn<TestHandler>(() => ok({ id: 'u-1' }));
    const { lambda, logger } = adapter(handler, [bearerAuth()]);
    const event = httpApiEvent({
      path: '/items',
      headers: { 'x-amzn-trace-id': TRACE_ID },
      requestId: HTTP_REQUEST_ID,
    });
    const result = await lambda(event, context);
    expect(result).toStrictEqual({
      statusCode: 401,
      headers: {
        'www-authenticate': 'Bearer',
        'content-type': 'application/json',
        'x-request-id': HTTP_REQUEST_ID,
      },
      cookies: [],
      body: UNAUTHORIZED_BODY,
      isBase64Encoded: false,
    });
    expect(handler).not.toHaveBeenCalled();
    expect(logger.info.mock.calls).toEqual([
      [
        {
          message: 'Answered 401: a client error',
          requestId: HTTP_REQUEST_ID,
          lambdaRequestId: LAMBDA_REQUEST_ID,
          method: 'GET',
          path: '/items',
          route: '$default',
          traceId: TRACE_ID,
          status: 401,
          errors: [{ status: 401, title: 'Unauthorized', detail: 'A bearer token is required.' }],
        },
      ],
    ]);
    expect(logger.error).not.toHaveBeenCalled();
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('the 401 follows the configured log level and JSON:API media type', async () => {
    const { lambda, logger } = adapter(() => ok({ id: 'u-1' }), [bearerAuth()], {
      clientErrorLogLevel: 'warn',
      jsonApiMediaType: 'application/vnd.api+json',
    });
    const result = await lambda(
      httpApiEvent({ headers: { authorization: 'Bearer expired' }, requestId: HTTP_REQUEST_ID }),
      context,
    );
    expect(result.statusCode).toBe(401);
    expect(result.headers?.['content-type']).toBe('application/vnd.api+json');
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.objectContaining({ status: 401, errors: [expect.objectContaining({ status: 401 })] }),
    );
    expect(logger.info).not.toHaveBeenCalled();
  });

  it('lets an authorised request through to the handler', async () => {
    const { lambda, logger } = adapter(() => ok({ id: 'u-1' }), [bearerAuth()]);
    const result = await lambda(
      httpApiEvent({ headers: { authorization: 'Bearer good' }, requestId: HTTP_REQUEST_ID }),
      context,
    );
    expect(result).toStrictEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json', 'x-request-id': HTTP_REQUEST_ID },
      cookies: [],
      body: USER_BODY,
      isBase64Encoded: false,
    });
    expect(logger.info).not.toHaveBeenCalled();
  });

  it('outer middleware (CORS, security headers) decorate the 401 an inner one answered', async () => {
    const { lambda } = adapter(
      () => ok({ id: 'u-1' }),
      [
        cors({ origins: ['https://shop.example'] }),
        securityHeaders({ headers: { 'content-security-policy': false } }),
        bearerAuth(),
      ],
    );
    const result = await lambda(
      httpApiEvent({ headers: { origin: 'https://shop.example' }, requestId: HTTP_REQUEST_ID }),
      context,
    );
    expect(result).toStrictEqual({
      statusCode: 401,
      headers: {
        'www-authenticate': 'Bearer',
        'content-type': 'application/json',
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
        'cache-control': 'no-store',
        'access-control-allow-origin': 'https://shop.example',
        vary: 'origin',
        'x-request-id': HTTP_REQUEST_ID,
      },
      cookies: [],
      body: UNAUTHORIZED_BODY,
      isBase64Encoded: false,
    });
  });

  it('a middleware may answer a response of its own, which is sent and not logged as an error', async () => {
    const health: Middleware = (next) => (request, context) =>
      request.path === '/health'
        ? Promise.resolve({
            status: 200,
            headers: { 'content-type': ['text/plain'] },
            cookies: [],
            body: 'up',
          })
        : next(request, context);
    const handler = vi.fn<TestHandler>(() => err(notFound()));
    const { lambda, logger } = adapter(handler, [health]);
    expect(
      await lambda(httpApiEvent({ path: '/health', requestId: HTTP_REQUEST_ID }), context),
    ).toStrictEqual({
      statusCode: 200,
      headers: { 'content-type': 'text/plain', 'x-request-id': HTTP_REQUEST_ID },
      cookies: [],
      body: 'up',
      isBase64Encoded: false,
    });
    expect(handler).not.toHaveBeenCalled();
    for (const level of ['error', 'warn', 'info', 'debug'] as const)
      expect(logger[level]).not.toHaveBeenCalled();
  });

  it('logs the problem a middleware answered after calling next, not the response it replaced', async () => {
    // A middleware that checks the handler's answer and refuses it: the log must name the 403.
    const ownerOnly: Middleware = (next, tools) => async (request, context) => {
      const response = await next(request, context);
      return request.headers['x-owner'] === undefined
        ? tools.problem(request, forbidden({ code: 'NotOwner' }))
        : response;
    };
    const { lambda, logger } = adapter(() => ok({ id: 'u-1' }), [ownerOnly]);
    const result = await lambda(httpApiEvent({ requestId: HTTP_REQUEST_ID }), context);
    expect(result.statusCode).toBe(403);
    expect(logger.info).toHaveBeenCalledTimes(1);
    expect(logger.info).toHaveBeenCalledWith(
      expect.objectContaining({
        status: 403,
        errors: [{ status: 403, title: 'Forbidden', code: 'NotOwner' }],
      }),
    );
  });
});

describe('compose: a middleware answering with a mapped error', () => {
  class MaintenanceWindow extends TaggedError('MaintenanceWindow')<{ readonly until: string }> {}
  const errors = errorMap<MaintenanceWindow>({
    MaintenanceWindow: (e) => ({ status: 503, detail: `Down until ${e.until}.` }),
  });

  it('sends the masked problem and logs the full one with its tag', async () => {
    const closed: Middleware = (_next, tools) => (request) =>
      Promise.resolve(
        tools.problem(request, toProblem(errors, new MaintenanceWindow({ until: '06:00' }))),
      );
    const { lambda, logger } = adapter(() => ok({ id: 'u-1' }), [closed]);
    const result = await lambda(httpApiEvent({ requestId: HTTP_REQUEST_ID }), context);
    expect(result.statusCode).toBe(503);
    expect(JSON.parse(result.body ?? '')).toStrictEqual({
      errors: [{ status: '503', title: 'Service Unavailable' }],
      meta: { requestId: HTTP_REQUEST_ID },
    });
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error).toHaveBeenCalledWith(
      expect.objectContaining({
        status: 503,
        errors: [
          expect.objectContaining({
            tag: 'MaintenanceWindow',
            exposed: false,
            detail: 'Down until 06:00.',
          }),
        ],
      }),
    );
  });
});

describe('compose: defects', () => {
  it('middleware sees a handler defect as the masked 500 response, and can decorate it', async () => {
    const seen: HttpResponse[] = [];
    const spy: Middleware = (next) => async (request, context) => {
      const response = await next(request, context);
      seen.push(response);
      return appendHeader(response, 'x-seen', String(response.status));
    };
    const { lambda, logger } = adapter(() => {
      throw new Error('connection refused: db.internal:5432');
    }, [spy]);
    const result = await lambda(httpApiEvent({ requestId: HTTP_REQUEST_ID }), context);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.status).toBe(500);
    expect(seen[0]?.body).toBe(MASKED_500_BODY(HTTP_REQUEST_ID));
    expect(result).toStrictEqual({
      statusCode: 500,
      headers: {
        'content-type': 'application/json',
        'x-seen': '500',
        'x-request-id': HTTP_REQUEST_ID,
      },
      cookies: [],
      body: MASKED_500_BODY(HTTP_REQUEST_ID),
      isBase64Encoded: false,
    });
    // Logged once, as a defect, with the cause the client never sees.
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error.mock.calls[0]?.[0]).toMatchObject({
      message: 'Handler defect answered with a masked 500',
      requestId: HTTP_REQUEST_ID,
    });
    expect(JSON.stringify(logger.error.mock.calls[0]?.[0])).toContain('connection refused');
  });

  it('a rejected promise from the handler is a masked 500 that middleware sees too', async () => {
    const statuses: number[] = [];
    const spy: Middleware = (next) => async (request, context) => {
      const response = await next(request, context);
      statuses.push(response.status);
      return response;
    };
    const { lambda } = adapter(
      (): Promise<Result<unknown, ProblemError>> => Promise.reject(new Error('timeout')),
      [spy],
    );
    expect((await lambda(httpApiEvent({ requestId: HTTP_REQUEST_ID }), context)).statusCode).toBe(
      500,
    );
    expect(statuses).toEqual([500]);
  });

  const throwing: readonly (readonly [string, Middleware])[] = [
    [
      'throws synchronously',
      () => () => {
        throw new Error('middleware bug');
      },
    ],
    ['rejects', () => () => Promise.reject(new Error('middleware bug'))],
    [
      'throws after calling next',
      (next) => async (request, context) => {
        await next(request, context);
        throw new Error('middleware bug');
      },
    ],
    [
      'throws while being set up',
      () => {
        throw new Error('middleware bug');
      },
    ],
  ];

  it.each(throwing)(
    'a middleware that %s ends in the masked 500, which the middleware around it decorate',
    async (_, broken) => {
      const { lambda, logger } = adapter(() => ok({ id: 'u-1' }), [cors({ origins: '*' }), broken]);
      const answer = lambda(
        restApiEvent({ headers: { Origin: 'https://shop.example' }, requestId: REST_REQUEST_ID }),
        context,
      );
      await expect(answer).resolves.toStrictEqual({
        statusCode: 500,
        headers: {
          'content-type': 'application/json',
          'access-control-allow-origin': '*',
          'x-request-id': REST_REQUEST_ID,
        },
        multiValueHeaders: {},
        body: MASKED_500_BODY(REST_REQUEST_ID),
        isBase64Encoded: false,
      });
      expect(logger.error).toHaveBeenCalledTimes(1);
      expect(logger.error.mock.calls[0]?.[0]).toMatchObject({
        message: 'Handler defect answered with a masked 500',
        requestId: REST_REQUEST_ID,
      });
      expect(JSON.stringify(logger.error.mock.calls[0]?.[0])).toContain('middleware bug');
    },
  );
});

describe('compose: the built-in middleware together', () => {
  const stack = (): Middleware[] => [
    cors({ origins: ['https://shop.example'], exposedHeaders: ['etag'] }),
    securityHeaders(),
    compress({ threshold: 256 }),
    conditionalGet(),
  ];
  const catalogue = {
    items: Array.from({ length: 20 }, (_, i) => ({ id: `i-${String(i)}`, name: 'Widget' })),
  };

  it('compresses, tags and decorates a 200, then answers the revalidation with a 304 (REST)', async () => {
    const { lambda } = adapter(() => ok(catalogue), stack());
    const headers = {
      Origin: 'https://shop.example',
      'Accept-Encoding': 'gzip',
    };
    const first = await lambda(restApiEvent({ headers, requestId: REST_REQUEST_ID }), context);
    expect(first).toStrictEqual({
      statusCode: 200,
      headers: {
        'content-type': 'application/json',
        etag: expect.stringMatching(/^W\/"[\w-]+"$/) as string,
        'content-encoding': 'gzip',
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
        'access-control-allow-origin': 'https://shop.example',
        'access-control-expose-headers': 'etag',
        'x-request-id': REST_REQUEST_ID,
      },
      multiValueHeaders: { vary: ['accept-encoding', 'origin'] },
      body: expect.any(String) as string,
      isBase64Encoded: true,
    });
    expect(gunzipSync(Buffer.from(first.body, 'base64')).toString('utf8')).toBe(
      JSON.stringify(catalogue),
    );

    const etag = String(first.headers?.['etag']);
    const second = await lambda(
      restApiEvent({ headers: { ...headers, 'If-None-Match': etag }, requestId: REST_REQUEST_ID }),
      context,
    );
    expect(second).toStrictEqual({
      statusCode: 304,
      headers: {
        etag,
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
        'access-control-allow-origin': 'https://shop.example',
        'access-control-expose-headers': 'etag',
        'x-request-id': REST_REQUEST_ID,
      },
      multiValueHeaders: { vary: ['accept-encoding', 'origin'] },
      body: '',
      isBase64Encoded: false,
    });
  });
});

describe('compose: the middleware option is checked when the adapter is built', () => {
  it.each<[string, unknown, string]>([
    [
      'one middleware where the list belongs',
      cors({ origins: '*' }),
      "The `middleware` option is a function; pass a list, e.g. { middleware: [cors({ origins: ['https://shop.example'] })] }.",
    ],
    [
      'an entry that is not a function',
      [cors({ origins: '*' }), undefined],
      "The `middleware` option's entry 1 is undefined; each entry is a middleware, the function cors({ … }) and the like return.",
    ],
  ])('%s is refused', (_, middleware, message) => {
    expect(
      thrownBy(() => toLambda(() => ok(1), { middleware: middleware as Middleware[] })),
    ).toStrictEqual(new TypeError(message));
  });
});

describe('compose: tools.defect', () => {
  it('answers the masked 500, logged once, which the middleware may decorate itself', async () => {
    const keyStore = (): Promise<void> => Promise.reject(new Error('key store unreachable'));
    const guard: Middleware = (next, tools) => async (request, context) => {
      try {
        await keyStore();
      } catch (cause) {
        return appendHeader(tools.defect(request, cause), 'x-guard', 'failed');
      }
      return next(request, context);
    };
    const handler = vi.fn<TestHandler>(() => ok({ id: 'u-1' }));
    const { lambda, logger } = adapter(handler, [guard]);
    const result = await lambda(httpApiEvent({ requestId: HTTP_REQUEST_ID }), context);
    expect(result).toStrictEqual({
      statusCode: 500,
      headers: {
        'content-type': 'application/json',
        'x-guard': 'failed',
        'x-request-id': HTTP_REQUEST_ID,
      },
      cookies: [],
      body: MASKED_500_BODY(HTTP_REQUEST_ID),
      isBase64Encoded: false,
    });
    expect(handler).not.toHaveBeenCalled();
    expect(logger.error.mock.calls).toEqual([
      [
        expect.objectContaining({
          message: 'Handler defect answered with a masked 500',
          requestId: HTTP_REQUEST_ID,
          errorMessage: 'key store unreachable',
        }),
      ],
    ]);
  });
});
