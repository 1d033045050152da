/**
 * `toLambdaIntegration`: a success returns its body value (the default integration response
 * sends it), an error or a defect fails the invocation with an `IntegrationErrorResponse` whose
 * message carries status, headers and body, and an event no request template built is refused.
 */
import { err, ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { HttpRequest } from '../../src/index.js';
import {
  UnsupportedEventError,
  binary,
  created,
  json,
  noContent,
  problem,
  router,
  text,
  tooManyRequests,
  unauthorized,
} from '../../src/index.js';
import {
  INTEGRATION_EVENT_VERSION,
  IntegrationErrorResponse,
  isIntegrationEvent,
  toLambdaIntegration,
} from '../../src/integration/index.js';
import { fakeContext, restApiEvent } from '../../src/testing/index.js';
import { capturingLogger } from '../support/logger.js';
import { LAMBDA_REQUEST_ID } from '../support/request-id.js';
import { EXACT_JSON } from './exact-json.js';
import { failureOf, integrationEvent, successBody } from './gateway.js';

const GATEWAY_ID = 'gw-req-1';
const MASKED_DETAIL =
  'The server failed to handle the request. Quote the request id when reporting this.';
const MASKED_500 = {
  status: 500,
  headers: { 'content-type': 'application/json', 'x-request-id': GATEWAY_ID },
  body: JSON.stringify({
    errors: [{ status: '500', title: 'Internal Server Error', detail: MASKED_DETAIL }],
    meta: { requestId: GATEWAY_ID },
  }),
};

function api() {
  return router()
    .get('/json', () => ok(json({ total: 3, items: ['a', 'é', '😀'] })))
    .get('/json-null', () => ok(json(null)))
    .get('/text', () => ok(text('plain "text"\n')))
    .get('/empty', () => ok(noContent()))
    .get('/bytes', () => ok(binary(new Uint8Array([0, 1, 254, 255]))))
    .post('/made', () => ok(created('/made/7', { id: 7 })))
    .get('/slow-down', () => err(tooManyRequests(30, { detail: 'Wait "30" s.' })))
    .get('/who', () =>
      err(unauthorized('Bearer realm="api"', { headers: { 'x-extra': 'not carried' } })),
    )
    .get('/teapot', () => err(problem({ status: 418, code: 'teapot', meta: { spout: 1 } })))
    .get('/boom', () => {
      throw new Error('SECRET connection string');
    });
}

function setup(options: { readonly requestIdHeader?: string } = {}) {
  const logger = capturingLogger();
  const handler = toLambdaIntegration(api(), { logger, ...options });
  const call = (method: string, resource: string) =>
    handler(
      integrationEvent(method, resource, GATEWAY_ID),
      fakeContext({ awsRequestId: LAMBDA_REQUEST_ID }),
    );
  return { logger, handler, call };
}

/** The message of a failure, parsed. */
function parsedMessage(error: IntegrationErrorResponse) {
  return JSON.parse(error.message) as {
    readonly status: number;
    readonly headers: Record<string, string>;
    readonly body: string;
  };
}

describe('a success', () => {
  it.each([
    { method: 'GET', path: '/json', body: '{"total":3,"items":["a","é","😀"]}' },
    { method: 'GET', path: '/json-null', body: 'null' },
    { method: 'POST', path: '/made', body: '{"id":7}' },
    // The default response is declared JSON: text and bytes travel as JSON strings.
    { method: 'GET', path: '/text', body: JSON.stringify('plain "text"\n') },
    { method: 'GET', path: '/bytes', body: '"AAH+/w=="' },
    { method: 'GET', path: '/empty', body: '' },
  ])('$method $path returns { body } with the body text the client gets', async (row) => {
    const { call } = setup();
    await expect(call(row.method, row.path)).resolves.toStrictEqual({ body: row.body });
  });

  it.each(EXACT_JSON)('keeps the JSON text with $name as it is', async (row) => {
    // A JSON body passed on as text, as from a store or another service: never re-serialised.
    const handler = toLambdaIntegration(
      () => ok(text(row.text, { headers: { 'content-type': 'application/json' } })),
      { logger: capturingLogger() },
    );
    const value = await handler(integrationEvent('GET', '/any', GATEWAY_ID), fakeContext());
    expect(successBody(value)).toBe(row.text);
  });

  it('logs nothing at error level', async () => {
    const { call, logger } = setup();
    await call('GET', '/json');
    expect(logger.error).not.toHaveBeenCalled();
  });
});

describe('a success labelled JSON whose body is not JSON', () => {
  const NOT_JSON = [
    'SECRET not json {',
    '{"a":1} SECRET',
    "{'SECRET':1}",
    '[1,]',
    'NaN',
    '{"SECRET":"unterminated',
    '\uFEFF{"SECRET":1}',
  ];
  const TYPES = ['application/json', 'application/problem+json; charset=utf-8', 'text/x+json'];

  it.each(NOT_JSON)('is the masked 500, logged with the request id: %j', async (body) => {
    const logger = capturingLogger();
    const handler = toLambdaIntegration(
      () => ok(text(body, { headers: { 'content-type': 'application/json' } })),
      { logger },
    );
    const error = await failureOf(handler, integrationEvent('GET', '/any', GATEWAY_ID));
    expect(error.status).toBe(500);
    expect(parsedMessage(error)).toStrictEqual(MASKED_500);
    expect(error.message).not.toContain('SECRET');
    expect(logger.error).toHaveBeenCalledTimes(1);
    const record = logger.error.mock.calls[0]?.[0];
    expect(record).toMatchObject({
      message: 'Handler defect answered with a masked 500',
      requestId: GATEWAY_ID,
      lambdaRequestId: LAMBDA_REQUEST_ID,
      errorName: 'InvalidResponseError',
    });
    expect(JSON.stringify(record)).not.toContain('SECRET');
  });

  it.each(TYPES)('is checked for every JSON media type but text/x+json: %s', async (type) => {
    const handler = toLambdaIntegration(
      () => ok(text('not json {', { headers: { 'content-type': type } })),
      { logger: capturingLogger() },
    );
    const run = handler(integrationEvent('GET', '/any', GATEWAY_ID), fakeContext());
    if (type === 'text/x+json') {
      // Not a JSON type: sent as text, a JSON string.
      await expect(run).resolves.toStrictEqual({ body: '"not json {"' });
    } else {
      await expect(run).rejects.toMatchObject({ name: 'IntegrationErrorResponse', status: 500 });
    }
  });

  it('is checked after every middleware, whichever of them wrote the body', async () => {
    const logger = capturingLogger();
    const handler = toLambdaIntegration(() => ok(json({ fine: true })), {
      logger,
      middleware: [
        (next) => async (request, context) => ({
          ...(await next(request, context)),
          body: '{"broken":',
        }),
      ],
    });
    const error = await failureOf(handler, integrationEvent('GET', '/any', GATEWAY_ID));
    expect(parsedMessage(error)).toStrictEqual(MASKED_500);
    expect(logger.error).toHaveBeenCalledTimes(1);
  });
});

describe('an error', () => {
  it('fails with an IntegrationErrorResponse whose message is status, headers and body', async () => {
    const { handler, logger } = setup();
    const error = await failureOf(handler, integrationEvent('GET', '/slow-down', GATEWAY_ID));
    expect(error).toBeInstanceOf(IntegrationErrorResponse);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('IntegrationErrorResponse');
    expect(error.status).toBe(429);
    expect(error.stack).toBe(`IntegrationErrorResponse: ${error.message}`);
    expect(parsedMessage(error)).toStrictEqual({
      status: 429,
      headers: {
        'content-type': 'application/json',
        'x-request-id': GATEWAY_ID,
        'retry-after': '30',
      },
      body: JSON.stringify({
        errors: [{ status: '429', title: 'Too Many Requests', detail: 'Wait "30" s.' }],
        meta: { requestId: GATEWAY_ID },
      }),
    });
    expect(logger.info).toHaveBeenCalledTimes(1);
    expect(logger.info.mock.calls[0]?.[0]).toMatchObject({ status: 429, requestId: GATEWAY_ID });
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('carries the headers a client needs, and only those', async () => {
    const { handler } = setup();
    const error = await failureOf(handler, integrationEvent('GET', '/who', GATEWAY_ID));
    expect(error.status).toBe(401);
    expect(parsedMessage(error).headers).toStrictEqual({
      'content-type': 'application/json',
      'x-request-id': GATEWAY_ID,
      'www-authenticate': 'Bearer realm="api"',
    });
  });

  it('names the request id with the configured header', async () => {
    const { handler } = setup({ requestIdHeader: 'X-Correlation-Id' });
    const error = await failureOf(handler, integrationEvent('GET', '/teapot', GATEWAY_ID));
    expect(parsedMessage(error)).toStrictEqual({
      status: 418,
      headers: { 'content-type': 'application/json', 'x-correlation-id': GATEWAY_ID },
      body: JSON.stringify({
        errors: [{ status: '418', title: "I'm a teapot", code: 'teapot', meta: { spout: 1 } }],
        meta: { requestId: GATEWAY_ID },
      }),
    });
  });

  it('answers a route the router does not know with its 404', async () => {
    const { handler } = setup();
    const error = await failureOf(handler, integrationEvent('GET', '/nowhere', GATEWAY_ID));
    expect(error.status).toBe(404);
    expect(JSON.parse(parsedMessage(error).body)).toMatchObject({
      errors: [{ status: '404', code: 'route-not-found' }],
    });
  });
});

describe('a defect', () => {
  it('fails with the masked 500 and logs the cause once', async () => {
    const { handler, logger } = setup();
    const error = await failureOf(handler, integrationEvent('GET', '/boom', GATEWAY_ID));
    expect(error.status).toBe(500);
    expect(parsedMessage(error)).toStrictEqual({
      status: 500,
      headers: { 'content-type': 'application/json', 'x-request-id': GATEWAY_ID },
      body: JSON.stringify({
        errors: [{ status: '500', title: 'Internal Server Error', detail: MASKED_DETAIL }],
        meta: { requestId: GATEWAY_ID },
      }),
    });
    expect(error.message).not.toContain('SECRET');
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error.mock.calls[0]?.[0]).toMatchObject({
      requestId: GATEWAY_ID,
      lambdaRequestId: LAMBDA_REQUEST_ID,
      errorMessage: 'SECRET connection string',
    });
  });
});

describe('an event no request template built', () => {
  const proxyEvent = restApiEvent({ path: '/json' });

  it.each([
    ['a REST proxy event', proxyEvent],
    ['null', null],
    ['a string', 'GET /json'],
    ['an array', [integrationEvent('GET', '/json')]],
    [
      'another version of the event',
      { ...integrationEvent('GET', '/json'), gatefold: 'gatefold-integration/2' },
    ],
    ['a passthrough event without context', { 'body-json': {}, params: {} }],
  ])('is refused: %s', async (_, event) => {
    const logger = capturingLogger();
    const handler = toLambdaIntegration(api(), { logger });
    const refusal = handler(event, fakeContext());
    await expect(refusal).rejects.toBeInstanceOf(UnsupportedEventError);
    await expect(refusal).rejects.toThrow(/use toLambda for proxy integrations/);
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error.mock.calls[0]?.[0]).toMatchObject({ errorName: 'UnsupportedEventError' });
    expect(logger.info).not.toHaveBeenCalled();
  });

  it('is told from one that is, by the marker or the passthrough shape', () => {
    expect(isIntegrationEvent(integrationEvent('GET', '/json'))).toBe(true);
    expect(isIntegrationEvent({ 'body-json': null, params: {}, context: {} })).toBe(true);
    expect(isIntegrationEvent({ 'body-json': {}, params: {} })).toBe(false);
    expect(isIntegrationEvent({ gatefold: 'gatefold-integration/2' })).toBe(false);
    expect(isIntegrationEvent(proxyEvent)).toBe(false);
    expect(isIntegrationEvent(null)).toBe(false);
  });
});

describe('the request the handler gets', () => {
  it('is read from the event, URL-decoded, and each path parameter decoded once more', async () => {
    let seen: HttpRequest | undefined;
    const handler = toLambdaIntegration((request: HttpRequest) => {
      seen = request;
      return ok(json(null));
    });
    await handler(
      {
        gatefold: INTEGRATION_EVENT_VERSION,
        method: 'patch',
        resource: '%2Fitems%2F%7Bid%7D%2F%7Brest%2B%7D',
        stage: 'dev',
        requestId: 'gw+id',
        sourceIp: '198.51.100.9',
        principalId: 'user%7C1',
        params: {
          // The client sent `/items/a%20b%2Fc/x/y`: each parameter as sent, URL-encoded again.
          path: { id: 'a%2520b%252Fc', rest: 'x%2Fy' },
          querystring: { 'q+1': '%E2%82%AC+5' },
          header: { 'X-Name': 'J%C3%BCrgen', Cookie: 'a%3D1%3B+b%3D2' },
        },
        body: { n: 1 },
      },
      fakeContext({ awsRequestId: LAMBDA_REQUEST_ID }),
    );
    expect(seen).toMatchObject({
      kind: 'rest',
      method: 'PATCH',
      path: '/items/a%20b%2Fc/x/y',
      route: '/items/{id}/{rest+}',
      pathParameters: { id: 'a b/c', rest: 'x/y' },
      query: { 'q 1': ['€ 5'] },
      headers: { 'x-name': ['Jürgen'], cookie: ['a=1; b=2'], 'content-type': ['application/json'] },
      cookies: { a: '1', b: '2' },
      requestId: 'gw id',
      lambdaRequestId: LAMBDA_REQUEST_ID,
      sourceIp: '198.51.100.9',
      stage: 'dev',
      authorizer: { principalId: 'user|1' },
    });
    expect(seen?.body?.text).toBe('{"n":1}');
  });
});
