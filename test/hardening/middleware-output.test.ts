/**
 * What a middleware answers is checked as it leaves it, by the rules a handler's reply is folded
 * with, for every event kind: a status that is not an integer from 200 to 599, headers that are
 * not lists of field values under token names, cookies that are not a list, a body that is
 * neither text nor bytes — each is a defect, answered with the masked 500 and logged once, and the
 * middleware around the faulty one still decorate that 500. Without the check, API Gateway answers
 * 502 for a status of 0 or 42, a REST API writes a header `"bar"` as `b`, `a`, `r`, and a custom
 * integration takes a status below 400 for a success.
 */
import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { HttpResponse, Middleware } from '../../src/index.js';
import { json, toLambda } from '../../src/index.js';
import { IntegrationErrorResponse, toLambdaIntegration } from '../../src/integration/index.js';
import { cors, securityHeaders } from '../../src/middleware/index.js';
import { fakeContext } from '../../src/testing/index.js';
import type { Shape } from './shapes.js';
import {
  SHAPES,
  eventFor,
  jsonApi,
  lambdaContext,
  parsedResult,
  requestIdOf,
  resultFor,
} from './shapes.js';
import { capturingLogger } from '../support/logger.js';

const SHOP = 'https://shop.example';
const MASKED_DETAIL =
  'The server failed to handle the request. Quote the request id when reporting this.';

/** A middleware that answers the response it was given with `change` applied. */
function answering(change: (response: HttpResponse) => unknown): Middleware {
  return (next) => async (request, context) => change(await next(request, context)) as HttpResponse;
}

interface Fault {
  readonly name: string;
  readonly change: (response: HttpResponse) => unknown;
  /** What the defect line says of it. */
  readonly message: string;
}

const withStatus = (status: unknown) => (response: HttpResponse) => ({ ...response, status });
const withHeader = (name: string, value: unknown) => (response: HttpResponse) => ({
  ...response,
  headers: { ...response.headers, [name]: value },
});

const FAULTS: readonly Fault[] = [
  {
    name: 'status 0',
    change: withStatus(0),
    message: 'A middleware returned status 0; a response carries an integer from 200 to 599.',
  },
  {
    name: 'status -200',
    change: withStatus(-200),
    message: 'A middleware returned status -200; a response carries an integer from 200 to 599.',
  },
  {
    name: 'status 200.5',
    change: withStatus(200.5),
    message: 'A middleware returned status 200.5; a response carries an integer from 200 to 599.',
  },
  {
    name: 'status NaN',
    change: withStatus(Number.NaN),
    message: 'A middleware returned status NaN; a response carries an integer from 200 to 599.',
  },
  {
    name: 'status 42',
    change: withStatus(42),
    message: 'A middleware returned status 42; a response carries an integer from 200 to 599.',
  },
  {
    name: 'status 101 (interim, never final)',
    change: withStatus(101),
    message: 'A middleware returned status 101; a response carries an integer from 200 to 599.',
  },
  {
    name: 'status 600',
    change: withStatus(600),
    message: 'A middleware returned status 600; a response carries an integer from 200 to 599.',
  },
  {
    name: 'status "200" (a string)',
    change: withStatus('200'),
    message:
      'A middleware returned a status that is a string; a response carries an integer from 200 to 599.',
  },
  {
    name: 'a header value that is a string where a list belongs',
    change: withHeader('x-note', 'bar'),
    message: 'Header "x-note" has a string where a list of values belongs.',
  },
  {
    name: 'a header value list holding a number',
    change: withHeader('x-count', [3]),
    message: 'Header "x-count" has a number value; expected a string.',
  },
  {
    name: 'a header value with ESC',
    change: withHeader('x-note', ['a\u001b[31mb']),
    message:
      'Header "x-note" has a value containing U+001B, which a field value cannot hold (RFC 9110 §5.5).',
  },
  {
    name: 'a header name that is not a token',
    change: withHeader('x note', ['a']),
    message: '"x note" is not a valid header name.',
  },
  {
    name: 'headers that are a string',
    change: (response) => ({ ...response, headers: 'x-note: a' }),
    message: 'A response has a string for headers; expected an object of names to lists.',
  },
  {
    name: 'one cookie where the list belongs',
    change: (response) => ({ ...response, cookies: 'a=b' }),
    message: 'Header "set-cookie" has a string where a list of values belongs.',
  },
  {
    name: 'a cookie with DEL',
    change: (response) => ({ ...response, cookies: ['a=b\u007f'] }),
    message:
      'Header "set-cookie" has a value containing U+007F, which a field value cannot hold (RFC 9110 §5.5).',
  },
  {
    name: 'a body that is a number',
    change: (response) => ({ ...response, body: 42 }),
    message: 'A middleware returned a body that is a number; expected a string or a Uint8Array.',
  },
  {
    name: 'no response at all',
    change: () => undefined,
    message: 'A middleware returned something that is not a response.',
  },
];

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'cache-control': 'no-store',
};

/** The masked 500, as the middleware around the faulty one decorated it. */
function decorated500(shape: Shape): Record<string, unknown> {
  return resultFor(shape, {
    status: 500,
    headers: {
      'content-type': 'application/json',
      ...SECURITY_HEADERS,
      'access-control-allow-origin': SHOP,
      vary: 'origin',
    },
    body: jsonApi(requestIdOf(shape), {
      status: '500',
      title: 'Internal Server Error',
      detail: MASKED_DETAIL,
    }),
  });
}

describe.each(SHAPES)('a middleware answering what cannot be sent, %s events', (shape) => {
  it.each(FAULTS)('$name: the masked 500, decorated by the middleware around it', async (fault) => {
    const logger = capturingLogger();
    const handler = toLambda(() => ok(json({ fine: true })), {
      logger,
      middleware: [cors({ origins: [SHOP] }), securityHeaders(), answering(fault.change)],
    });

    const result = await handler(
      eventFor(shape, { path: '/items', headers: { origin: SHOP } }),
      lambdaContext(),
    );

    expect(parsedResult(result)).toEqual(decorated500(shape));
    expect(logger.error.mock.calls).toEqual([
      [
        expect.objectContaining({
          message: 'Handler defect answered with a masked 500',
          requestId: requestIdOf(shape),
          errorName: 'InvalidResponseError',
          errorMessage: fault.message,
        }),
      ],
    ]);
  });

  it('the outermost middleware answering status 42: the masked 500, nothing around it', async () => {
    const logger = capturingLogger();
    const handler = toLambda(() => ok(json({ fine: true })), {
      logger,
      middleware: [answering(withStatus(42))],
    });

    const result = await handler(eventFor(shape, { path: '/items' }), lambdaContext());

    expect(parsedResult(result)).toEqual(
      resultFor(shape, {
        status: 500,
        headers: { 'content-type': 'application/json' },
        body: jsonApi(requestIdOf(shape), {
          status: '500',
          title: 'Internal Server Error',
          detail: MASKED_DETAIL,
        }),
      }),
    );
    expect(logger.error).toHaveBeenCalledTimes(1);
  });

  it('a middleware that changes in place a list it was given: the masked 500, nothing injected', async () => {
    const logger = capturingLogger();
    const inPlace: Middleware = (next) => async (request, context) => {
      const response = await next(request, context);
      (response.headers['content-type'] as string[]).push('text/html\r\nset-cookie: s=1');
      return { ...response, headers: { ...response.headers } };
    };
    const handler = toLambda(() => ok(json({ fine: true })), {
      logger,
      middleware: [cors({ origins: [SHOP] }), inPlace],
    });

    const result = await handler(
      eventFor(shape, { path: '/items', headers: { origin: SHOP } }),
      lambdaContext(),
    );

    // Caught when the outermost answer is checked whole, so nothing is around it to decorate it.
    expect(parsedResult(result)).toEqual(
      resultFor(shape, {
        status: 500,
        headers: { 'content-type': 'application/json' },
        body: jsonApi(requestIdOf(shape), {
          status: '500',
          title: 'Internal Server Error',
          detail: MASKED_DETAIL,
        }),
      }),
    );
    expect(logger.error.mock.calls).toEqual([
      [
        expect.objectContaining({
          message: 'Handler defect answered with a masked 500',
          errorMessage: 'Header "content-type" has a value containing CR, LF or NUL.',
        }),
      ],
    ]);
  });

  it('a sound answer of its own goes out as it is', async () => {
    const handler = toLambda(() => ok(json({ fine: true })), {
      logger: capturingLogger(),
      middleware: [
        answering((response) => ({
          ...response,
          status: 201,
          headers: { ...response.headers, 'x-note': ['caf\u00e9\tau lait'] },
          cookies: ['a=b; Path=/'],
        })),
      ],
    });

    const result = await handler(eventFor(shape, { path: '/items' }), lambdaContext());

    expect(parsedResult(result)).toEqual(
      resultFor(shape, {
        status: 201,
        headers: { 'content-type': 'application/json', 'x-note': 'caf\u00e9\tau lait' },
        cookies: ['a=b; Path=/'],
        body: { fine: true },
      }),
    );
  });
});

describe('a middleware answering status 42 under toLambdaIntegration', () => {
  it('fails the invocation with the masked 500, rather than returning a success', async () => {
    const logger = capturingLogger();
    const handler = toLambdaIntegration(() => ok(json({ fine: true })), {
      logger,
      middleware: [answering(withStatus(42))],
    });
    const event = {
      gatefold: 'gatefold-integration/1',
      method: 'GET',
      resource: '%2Fitems',
      stage: 'prod',
      requestId: 'gw-1',
      sourceIp: '203.0.113.7',
      principalId: '',
      params: { path: {}, querystring: {}, header: {} },
      body: {},
    };

    const failure: unknown = await handler(event, fakeContext()).then(
      (value: unknown) => ({ succeeded: value }),
      (reason: unknown) => reason,
    );

    expect(failure).toBeInstanceOf(IntegrationErrorResponse);
    expect((failure as IntegrationErrorResponse).status).toBe(500);
    expect(JSON.parse((failure as IntegrationErrorResponse).message)).toEqual({
      status: 500,
      headers: { 'content-type': 'application/json', 'x-request-id': 'gw-1' },
      body: JSON.stringify(
        jsonApi('gw-1', { status: '500', title: 'Internal Server Error', detail: MASKED_DETAIL }),
      ),
    });
    expect(logger.error).toHaveBeenCalledWith(
      expect.objectContaining({
        message: 'Handler defect answered with a masked 500',
        errorMessage:
          'A middleware returned status 42; a response carries an integer from 200 to 599.',
      }),
    );
  });
});
