import { err, ok } from 'neverthrow';
import { describe, expect, it, vi } from 'vitest';
import { json, notFound, toLambda } from '../../src/index.js';
import { cors } from '../../src/middleware/index.js';
import type { HttpRequest, Outcome, ProblemError } from '../../src/index.js';
import type { CorsOptions } from '../../src/middleware/index.js';
import { albEvent, fakeContext, httpApiEvent, restApiEvent } from '../../src/testing/index.js';
import { thrownBy } from '../hardening/refusal.js';
import { capturingLogger } from '../support/logger.js';
import { HTTP_REQUEST_ID, LAMBDA_REQUEST_ID, REST_REQUEST_ID } from '../support/request-id.js';

const context = fakeContext({ awsRequestId: LAMBDA_REQUEST_ID });

const SHOP = 'https://shop.example';
const EVIL = 'https://evil.example';
const ALL_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE';

type TestHandler = (request: HttpRequest) => Outcome<unknown, ProblemError>;

/** A handler that records its calls and answers `{ "id": "u-1" }`. */
function userHandler() {
  return vi.fn<TestHandler>(() => ok({ id: 'u-1' }));
}

/** The adapter with only `cors(options)`, logging into a capturing logger. */
function withCors(options: CorsOptions, handler: TestHandler = userHandler()) {
  const logger = capturingLogger();
  return { lambda: toLambda(handler, { logger, middleware: [cors(options)] }), logger };
}

/** An HTTP API preflight from `origin` asking for `method` (and `headers`, when given). */
function httpPreflight(origin: string, method: string, headers?: string) {
  return httpApiEvent({
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': method,
      ...(headers === undefined ? {} : { 'access-control-request-headers': headers }),
    },
    requestId: HTTP_REQUEST_ID,
  });
}

/** An HTTP API `GET /items` from `origin`. */
function httpGet(origin: string) {
  return httpApiEvent({ path: '/items', headers: { origin }, requestId: HTTP_REQUEST_ID });
}

const USER_BODY = '{"id":"u-1"}';

describe('cors: preflight', () => {
  it('answers a REST preflight itself: 204 with every CORS header, the handler never called', async () => {
    const handler = userHandler();
    const { lambda } = withCors(
      {
        origins: [SHOP, 'https://admin.example'],
        credentials: true,
        allowedHeaders: ['Content-Type', 'Authorization'],
        maxAge: 600,
      },
      handler,
    );
    const result = await lambda(
      restApiEvent({
        method: 'OPTIONS',
        headers: {
          Origin: SHOP,
          'Access-Control-Request-Method': 'PUT',
          'Access-Control-Request-Headers': 'content-type, x-api-key',
        },
        requestId: REST_REQUEST_ID,
      }),
      context,
    );
    expect(result).toStrictEqual({
      statusCode: 204,
      headers: {
        'access-control-allow-origin': SHOP,
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': ALL_METHODS,
        // The configured list, not the requested one.
        'access-control-allow-headers': 'Content-Type, Authorization',
        'access-control-max-age': '600',
        'x-request-id': REST_REQUEST_ID,
      },
      // Several values: REST results carry them in `multiValueHeaders`.
      multiValueHeaders: {
        vary: ['origin', 'access-control-request-method', 'access-control-request-headers'],
      },
      body: '',
      isBase64Encoded: false,
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it('echoes the requested headers when none are configured (HTTP API), without max-age or credentials', async () => {
    const handler = userHandler();
    const { lambda } = withCors({ origins: [SHOP] }, handler);
    const result = await lambda(httpPreflight(SHOP, 'PATCH', 'X-Api-Key, Content-Type'), context);
    expect(result).toStrictEqual({
      statusCode: 204,
      headers: {
        'access-control-allow-origin': SHOP,
        'access-control-allow-methods': ALL_METHODS,
        'access-control-allow-headers': 'X-Api-Key, Content-Type',
        vary: 'origin, access-control-request-method, access-control-request-headers',
        'x-request-id': HTTP_REQUEST_ID,
      },
      cookies: [],
      body: '',
      isBase64Encoded: false,
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it('sends no allow-headers when none are configured and none are requested', async () => {
    const { lambda } = withCors({ origins: [SHOP] });
    const result = await lambda(httpPreflight(SHOP, 'GET'), context);
    expect(result.headers).toStrictEqual({
      'access-control-allow-origin': SHOP,
      'access-control-allow-methods': ALL_METHODS,
      vary: 'origin, access-control-request-method, access-control-request-headers',
      'x-request-id': HTTP_REQUEST_ID,
    });
  });

  it('sends the configured methods, and max-age as whole non-negative seconds', async () => {
    const { lambda } = withCors({ origins: [SHOP], methods: ['GET', 'POST'], maxAge: 90.9 });
    const result = await lambda(httpPreflight(SHOP, 'POST', 'content-type'), context);
    expect(result.headers).toMatchObject({
      'access-control-allow-methods': 'GET, POST',
      'access-control-max-age': '90',
    });
    const negative = withCors({ origins: [SHOP], maxAge: -5 });
    const clamped = await negative.lambda(httpPreflight(SHOP, 'GET'), context);
    expect(clamped.headers?.['access-control-max-age']).toBe('0');
  });

  it('answers a preflight with origin "*" without Vary: origin (no credentials)', async () => {
    const { lambda } = withCors({ origins: '*', maxAge: 60 });
    const result = await lambda(httpPreflight(EVIL, 'DELETE'), context);
    expect(result).toStrictEqual({
      statusCode: 204,
      headers: {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': ALL_METHODS,
        'access-control-max-age': '60',
        vary: 'access-control-request-method, access-control-request-headers',
        'x-request-id': HTTP_REQUEST_ID,
      },
      cookies: [],
      body: '',
      isBase64Encoded: false,
    });
  });

  it('leaves a preflight from a disallowed origin to the handler, with no CORS headers', async () => {
    const handler = userHandler();
    const { lambda } = withCors({ origins: [SHOP] }, handler);
    const result = await lambda(httpPreflight(EVIL, 'PUT', 'content-type'), context);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(result.statusCode).toBe(200);
    expect(
      Object.keys(result.headers ?? {}).filter((h) => h.startsWith('access-control-')),
    ).toEqual([]);
  });

  it('treats an OPTIONS request without Access-Control-Request-Method as an ordinary request', async () => {
    const handler = vi.fn<TestHandler>(() => ok(json({ allow: 'GET' })));
    const { lambda } = withCors({ origins: [SHOP] }, handler);
    const result = await lambda(
      httpApiEvent({ headers: { origin: SHOP }, method: 'OPTIONS', requestId: HTTP_REQUEST_ID }),
      context,
    );
    expect(handler).toHaveBeenCalledTimes(1);
    expect(result).toStrictEqual({
      statusCode: 200,
      headers: {
        'content-type': 'application/json',
        'access-control-allow-origin': SHOP,
        vary: 'origin',
        'x-request-id': HTTP_REQUEST_ID,
      },
      cookies: [],
      body: '{"allow":"GET"}',
      isBase64Encoded: false,
    });
  });
});

describe('cors: allowed origins', () => {
  it('echoes a listed origin and adds Vary: origin', async () => {
    const { lambda } = withCors({ origins: [SHOP, 'https://admin.example'] });
    expect(await lambda(httpGet('https://admin.example'), context)).toStrictEqual({
      statusCode: 200,
      headers: {
        'content-type': 'application/json',
        'access-control-allow-origin': 'https://admin.example',
        vary: 'origin',
        'x-request-id': HTTP_REQUEST_ID,
      },
      cookies: [],
      body: USER_BODY,
      isBase64Encoded: false,
    });
  });

  it('answers "*" to any origin when origins is "*" and there are no credentials, without Vary', async () => {
    const { lambda } = withCors({ origins: '*' });
    expect(await lambda(httpGet(EVIL), context)).toStrictEqual({
      statusCode: 200,
      headers: {
        'content-type': 'application/json',
        'access-control-allow-origin': '*',
        'x-request-id': HTTP_REQUEST_ID,
      },
      cookies: [],
      body: USER_BODY,
      isBase64Encoded: false,
    });
  });

  it('refuses origins "*" with credentials when it is built, saying what to do instead', () => {
    // Echoing every origin, `null` included, with credentials would let any site read answers
    // made with the user's cookies.
    const refused = { origins: '*', credentials: true } as const;
    // @ts-expect-error -- the types refuse the combination too
    expect(thrownBy(() => cors(refused))).toStrictEqual(
      new TypeError(
        "cors: `origins: '*'` with `credentials: true` would let every site read answers made with the user's cookies (the Fetch standard refuses `*` with credentials). List the allowed origins, or pass a predicate that checks them.",
      ),
    );
  });

  it('asks a predicate about each origin', async () => {
    const predicate = vi.fn((origin: string) => origin.endsWith('.shop.example'));
    const { lambda } = withCors({ origins: predicate });
    const allowed = await lambda(httpGet('https://eu.shop.example'), context);
    expect(allowed.headers).toStrictEqual({
      'content-type': 'application/json',
      'access-control-allow-origin': 'https://eu.shop.example',
      vary: 'origin',
      'x-request-id': HTTP_REQUEST_ID,
    });
    const refused = await lambda(httpGet('https://shop.example.evil.example'), context);
    expect(refused.headers?.['access-control-allow-origin']).toBeUndefined();
    expect(predicate.mock.calls).toEqual([
      ['https://eu.shop.example'],
      ['https://shop.example.evil.example'],
    ]);
  });

  it('gives a disallowed origin the handler response with no CORS headers', async () => {
    const { lambda } = withCors({ origins: [SHOP], credentials: true, exposedHeaders: ['etag'] });
    const result = await lambda(httpGet(EVIL), context);
    expect(result.statusCode).toBe(200);
    expect(result.body).toBe(USER_BODY);
    expect(
      Object.keys(result.headers ?? {}).filter((h) => h.startsWith('access-control-')),
    ).toEqual([]);
  });

  it('does not treat a listed origin as a prefix or a case-insensitive match', async () => {
    const { lambda } = withCors({ origins: [SHOP] });
    for (const origin of [`${SHOP}.evil.example`, 'https://SHOP.example', 'null']) {
      const result = await lambda(httpGet(origin), context);
      expect(result.headers?.['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('lists the exposed headers on actual responses', async () => {
    const { lambda } = withCors({
      origins: [SHOP],
      credentials: true,
      exposedHeaders: ['ETag', 'X-Request-Id'],
    });
    expect((await lambda(httpGet(SHOP), context)).headers).toStrictEqual({
      'content-type': 'application/json',
      'access-control-allow-origin': SHOP,
      'access-control-allow-credentials': 'true',
      'access-control-expose-headers': 'ETag, X-Request-Id',
      vary: 'origin',
      'x-request-id': HTTP_REQUEST_ID,
    });
  });

  it('sends no expose-headers for an empty list', async () => {
    const { lambda } = withCors({ origins: [SHOP], exposedHeaders: [] });
    const result = await lambda(httpGet(SHOP), context);
    expect(result.headers?.['access-control-expose-headers']).toBeUndefined();
  });
});

describe('cors: every response the browser sees carries the headers', () => {
  const options: CorsOptions = { origins: [SHOP], credentials: true, exposedHeaders: ['etag'] };
  const corsHeaders = {
    'access-control-allow-origin': SHOP,
    'access-control-allow-credentials': 'true',
    'access-control-expose-headers': 'etag',
    vary: 'origin',
  };

  it('on a success (REST)', async () => {
    const { lambda } = withCors(options);
    const result = await lambda(
      restApiEvent({
        headers: { Origin: SHOP },
        requestId: REST_REQUEST_ID,
      }),
      context,
    );
    expect(result).toStrictEqual({
      statusCode: 200,
      headers: {
        'content-type': 'application/json',
        ...corsHeaders,
        'x-request-id': REST_REQUEST_ID,
      },
      multiValueHeaders: {},
      body: USER_BODY,
      isBase64Encoded: false,
    });
  });

  it('on a problem the handler returned (err(notFound()))', async () => {
    const { lambda, logger } = withCors(options, () => err(notFound({ code: 'UserNotFound' })));
    expect(await lambda(httpGet(SHOP), context)).toStrictEqual({
      statusCode: 404,
      headers: {
        'content-type': 'application/json',
        ...corsHeaders,
        'x-request-id': HTTP_REQUEST_ID,
      },
      cookies: [],
      body: JSON.stringify({
        errors: [{ status: '404', title: 'Not Found', code: 'UserNotFound' }],
        meta: { requestId: HTTP_REQUEST_ID },
      }),
      isBase64Encoded: false,
    });
    expect(logger.info).toHaveBeenCalledWith(expect.objectContaining({ status: 404 }));
  });

  it('on the masked 500 for a handler that throws', async () => {
    const { lambda, logger } = withCors(options, () => {
      throw new Error('database password is hunter2');
    });
    const result = await lambda(httpGet(SHOP), context);
    expect(result).toStrictEqual({
      statusCode: 500,
      headers: {
        'content-type': 'application/json',
        ...corsHeaders,
        'x-request-id': HTTP_REQUEST_ID,
      },
      cookies: [],
      body: JSON.stringify({
        errors: [
          {
            status: '500',
            title: 'Internal Server Error',
            detail:
              'The server failed to handle the request. Quote the request id when reporting this.',
          },
        ],
        meta: { requestId: HTTP_REQUEST_ID },
      }),
      isBase64Encoded: false,
    });
    expect(result.body).not.toContain('hunter2');
    expect(logger.error).toHaveBeenCalledTimes(1);
  });

  it('on an ALB target in multi-value mode, every header a list', async () => {
    const { lambda } = withCors(options, () => err(notFound()));
    const result = await lambda(albEvent({ headers: { origin: SHOP }, multiValue: true }), context);
    expect(result).toStrictEqual({
      statusCode: 404,
      statusDescription: '404 Not Found',
      multiValueHeaders: {
        'content-type': ['application/json'],
        'access-control-allow-origin': [SHOP],
        'access-control-allow-credentials': ['true'],
        'access-control-expose-headers': ['etag'],
        vary: ['origin'],
        'x-request-id': [LAMBDA_REQUEST_ID],
      },
      body: JSON.stringify({
        errors: [{ status: '404', title: 'Not Found' }],
        meta: { requestId: LAMBDA_REQUEST_ID },
      }),
      isBase64Encoded: false,
    });
  });
});

describe('cors: requests without Origin', () => {
  it('sends no CORS headers to a request without Origin (not a CORS request)', async () => {
    const handler = userHandler();
    const { lambda } = withCors({ origins: [SHOP], credentials: true, maxAge: 600 }, handler);
    const result = await lambda(httpApiEvent({ requestId: HTTP_REQUEST_ID }), context);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(result.statusCode).toBe(200);
    expect(result.body).toBe(USER_BODY);
    expect(
      Object.keys(result.headers ?? {}).filter((h) => h.startsWith('access-control-')),
    ).toEqual([]);
  });

  it('still says Vary: origin when the answer depends on Origin (Fetch standard, CORS and HTTP caches)', async () => {
    // A browser that cached the answer to a navigation (no Origin, no allow-origin) must not
    // reuse it for a CORS request from an allowed origin: the stored response has to vary.
    const { lambda } = withCors({ origins: [SHOP] });
    expect(await lambda(httpApiEvent({ requestId: HTTP_REQUEST_ID }), context)).toStrictEqual({
      statusCode: 200,
      headers: {
        'content-type': 'application/json',
        vary: 'origin',
        'x-request-id': HTTP_REQUEST_ID,
      },
      cookies: [],
      body: USER_BODY,
      isBase64Encoded: false,
    });
    const refused = await lambda(httpGet(EVIL), context);
    expect(refused.headers?.['vary']).toBe('origin');
  });

  it('sends allow-origin "*" on every response when any origin may read it (Fetch standard)', async () => {
    // With a static "*" the spec asks for the header on non-CORS responses too, and no Vary.
    const { lambda } = withCors({ origins: '*' });
    expect(
      (await lambda(httpApiEvent({ requestId: HTTP_REQUEST_ID }), context)).headers,
    ).toStrictEqual({
      'content-type': 'application/json',
      'access-control-allow-origin': '*',
      'x-request-id': HTTP_REQUEST_ID,
    });
  });
});

describe('cors: options a JavaScript caller could get wrong are refused when it is built', () => {
  it.each<[string, unknown, string]>([
    [
      'no options',
      undefined,
      "cors: the options are undefined; pass an object, e.g. cors({ origins: ['https://shop.example'] }).",
    ],
    [
      'no origins',
      {},
      "cors: `origins` is missing; pass a list such as ['https://shop.example'], '*' or a predicate.",
    ],
    [
      'one origin where the list belongs',
      { origins: SHOP },
      "cors: `origins` is a string; pass a list, e.g. ['https://shop.example'], '*' or a predicate.",
    ],
    [
      'an origin with a space',
      { origins: ['https://shop.example /'] },
      'cors: `origins[0]` is not an origin (scheme, host and port, such as https://shop.example).',
    ],
    [
      'credentials as a string',
      { origins: [SHOP], credentials: 'true' },
      'cors: `credentials` is a string; pass true or false.',
    ],
    [
      'methods as one string',
      { origins: [SHOP], methods: 'GET, POST' },
      "cors: `methods` is a string; pass a list, e.g. ['GET', 'POST'].",
    ],
    [
      'a method that is not a token',
      { origins: [SHOP], methods: ['GET', 'PO ST'] },
      'cors: `methods[1]` is not a method name (an RFC 9110 token).',
    ],
    [
      'an exposed header that is not a name',
      { origins: [SHOP], exposedHeaders: ['x-request-id\r\nx-injected: 1'] },
      'cors: `exposedHeaders[0]` is not a header name (an RFC 9110 token).',
    ],
    [
      'an allowed header that is a number',
      { origins: [SHOP], allowedHeaders: [42] },
      'cors: `allowedHeaders[0]` is a number, not a header name (an RFC 9110 token).',
    ],
    [
      'maxAge NaN',
      { origins: [SHOP], maxAge: Number.NaN },
      'cors: `maxAge` is NaN; pass a finite number.',
    ],
    [
      'maxAge as a string',
      { origins: [SHOP], maxAge: '600' },
      'cors: `maxAge` is a string; pass a finite number.',
    ],
  ])('%s', (_, options, message) => {
    expect(thrownBy(() => cors(options as CorsOptions))).toStrictEqual(new TypeError(message));
  });

  it('a predicate that answers something other than true or false is a defect: the masked 500, logged', async () => {
    // An async predicate's promise is truthy: read as a yes, it would allow every origin.
    const predicate = (() => Promise.resolve(false)) as unknown as (origin: string) => boolean;
    const handler = userHandler();
    const { lambda, logger } = withCors({ origins: predicate }, handler);
    expect(await lambda(httpGet(EVIL), context)).toStrictEqual({
      statusCode: 500,
      headers: {
        'content-type': 'application/json',
        vary: 'origin',
        'x-request-id': HTTP_REQUEST_ID,
      },
      cookies: [],
      body: JSON.stringify({
        errors: [
          {
            status: '500',
            title: 'Internal Server Error',
            detail:
              'The server failed to handle the request. Quote the request id when reporting this.',
          },
        ],
        meta: { requestId: HTTP_REQUEST_ID },
      }),
      isBase64Encoded: false,
    });
    expect(handler).not.toHaveBeenCalled();
    expect(logger.error.mock.calls).toEqual([
      [
        expect.objectContaining({
          message: 'Handler defect answered with a masked 500',
          errorName: 'TypeError',
          errorMessage:
            'The cors origins predicate answered an object; it must answer true or false at once.',
        }),
      ],
    ]);
  });
});
