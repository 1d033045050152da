import { err, ok } from 'neverthrow';
import { describe, expect, it, vi } from 'vitest';
import { cors, json, notFound, toLambda } from '../../src/index.js';
import type { CorsOptions, HttpRequest, Outcome, ProblemError } from '../../src/index.js';
import {
  HTTP_REQUEST_ID,
  LAMBDA_REQUEST_ID,
  REST_REQUEST_ID,
  albEvent,
  httpEvent,
  lambdaContext,
  restEvent,
} from '../support/events.js';
import { capturingLogger } from '../support/fixtures.js';

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
  return httpEvent({
    headers: {
      host: 'abc123.execute-api.eu-west-1.amazonaws.com',
      origin,
      'access-control-request-method': method,
      ...(headers === undefined ? {} : { 'access-control-request-headers': headers }),
    },
    requestContext: { http: { method: 'OPTIONS' } },
  });
}

/** An HTTP API `GET /items` from `origin`. */
function httpGet(origin: string) {
  return httpEvent({
    headers: { host: 'abc123.execute-api.eu-west-1.amazonaws.com', origin },
  });
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
      restEvent({
        httpMethod: 'OPTIONS',
        headers: {
          Host: 'abc123.execute-api.eu-west-1.amazonaws.com',
          Origin: SHOP,
          'Access-Control-Request-Method': 'PUT',
          'Access-Control-Request-Headers': 'content-type, x-api-key',
        },
      }),
      lambdaContext,
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
    const result = await lambda(
      httpPreflight(SHOP, 'PATCH', 'X-Api-Key, Content-Type'),
      lambdaContext,
    );
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
    const result = await lambda(httpPreflight(SHOP, 'GET'), lambdaContext);
    expect(result.headers).toStrictEqual({
      'access-control-allow-origin': SHOP,
      'access-control-allow-methods': ALL_METHODS,
      vary: 'origin, access-control-request-method, access-control-request-headers',
      'x-request-id': HTTP_REQUEST_ID,
    });
  });

  it('sends the configured methods, and max-age as whole non-negative seconds', async () => {
    const { lambda } = withCors({ origins: [SHOP], methods: ['GET', 'POST'], maxAge: 90.9 });
    const result = await lambda(httpPreflight(SHOP, 'POST', 'content-type'), lambdaContext);
    expect(result.headers).toMatchObject({
      'access-control-allow-methods': 'GET, POST',
      'access-control-max-age': '90',
    });
    const negative = withCors({ origins: [SHOP], maxAge: -5 });
    const clamped = await negative.lambda(httpPreflight(SHOP, 'GET'), lambdaContext);
    expect(clamped.headers?.['access-control-max-age']).toBe('0');
  });

  it('answers a preflight with origin "*" without Vary: origin (no credentials)', async () => {
    const { lambda } = withCors({ origins: '*', maxAge: 60 });
    const result = await lambda(httpPreflight(EVIL, 'DELETE'), lambdaContext);
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
    const result = await lambda(httpPreflight(EVIL, 'PUT', 'content-type'), lambdaContext);
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
      httpEvent({
        headers: { origin: SHOP },
        requestContext: { http: { method: 'OPTIONS' } },
      }),
      lambdaContext,
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
    expect(await lambda(httpGet('https://admin.example'), lambdaContext)).toStrictEqual({
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
    expect(await lambda(httpGet(EVIL), lambdaContext)).toStrictEqual({
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

  it('with credentials, echoes the origin (never "*") even when origins is "*"', async () => {
    const { lambda } = withCors({ origins: '*', credentials: true });
    expect(await lambda(httpGet(EVIL), lambdaContext)).toStrictEqual({
      statusCode: 200,
      headers: {
        'content-type': 'application/json',
        'access-control-allow-origin': EVIL,
        'access-control-allow-credentials': 'true',
        vary: 'origin',
        'x-request-id': HTTP_REQUEST_ID,
      },
      cookies: [],
      body: USER_BODY,
      isBase64Encoded: false,
    });
  });

  it('asks a predicate about each origin', async () => {
    const predicate = vi.fn((origin: string) => origin.endsWith('.shop.example'));
    const { lambda } = withCors({ origins: predicate });
    const allowed = await lambda(httpGet('https://eu.shop.example'), lambdaContext);
    expect(allowed.headers).toStrictEqual({
      'content-type': 'application/json',
      'access-control-allow-origin': 'https://eu.shop.example',
      vary: 'origin',
      'x-request-id': HTTP_REQUEST_ID,
    });
    const refused = await lambda(httpGet('https://shop.example.evil.example'), lambdaContext);
    expect(refused.headers?.['access-control-allow-origin']).toBeUndefined();
    expect(predicate.mock.calls).toEqual([
      ['https://eu.shop.example'],
      ['https://shop.example.evil.example'],
    ]);
  });

  it('gives a disallowed origin the handler response with no CORS headers', async () => {
    const { lambda } = withCors({ origins: [SHOP], credentials: true, exposedHeaders: ['etag'] });
    const result = await lambda(httpGet(EVIL), lambdaContext);
    expect(result.statusCode).toBe(200);
    expect(result.body).toBe(USER_BODY);
    expect(
      Object.keys(result.headers ?? {}).filter((h) => h.startsWith('access-control-')),
    ).toEqual([]);
  });

  it('does not treat a listed origin as a prefix or a case-insensitive match', async () => {
    const { lambda } = withCors({ origins: [SHOP] });
    for (const origin of [`${SHOP}.evil.example`, 'https://SHOP.example', 'null']) {
      const result = await lambda(httpGet(origin), lambdaContext);
      expect(result.headers?.['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('lists the exposed headers on actual responses', async () => {
    const { lambda } = withCors({
      origins: [SHOP],
      credentials: true,
      exposedHeaders: ['ETag', 'X-Request-Id'],
    });
    expect((await lambda(httpGet(SHOP), lambdaContext)).headers).toStrictEqual({
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
    const result = await lambda(httpGet(SHOP), lambdaContext);
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
      restEvent({ headers: { Host: 'abc123.execute-api.eu-west-1.amazonaws.com', Origin: SHOP } }),
      lambdaContext,
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
    expect(await lambda(httpGet(SHOP), lambdaContext)).toStrictEqual({
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
    const result = await lambda(httpGet(SHOP), lambdaContext);
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
    const result = await lambda(
      albEvent(
        { headers: { host: 'lb-123.eu-west-1.elb.amazonaws.com', origin: SHOP } },
        {
          multiValue: true,
        },
      ),
      lambdaContext,
    );
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
    const result = await lambda(httpEvent(), lambdaContext);
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
    expect(await lambda(httpEvent(), lambdaContext)).toStrictEqual({
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
    const refused = await lambda(httpGet(EVIL), lambdaContext);
    expect(refused.headers?.['vary']).toBe('origin');
  });

  it('sends allow-origin "*" on every response when any origin may read it (Fetch standard)', async () => {
    // With a static "*" the spec asks for the header on non-CORS responses too, and no Vary.
    const { lambda } = withCors({ origins: '*' });
    expect((await lambda(httpEvent(), lambdaContext)).headers).toStrictEqual({
      'content-type': 'application/json',
      'access-control-allow-origin': '*',
      'x-request-id': HTTP_REQUEST_ID,
    });
  });
});
