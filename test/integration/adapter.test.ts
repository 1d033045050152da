/**
 * `toLambdaIntegration`: a success returns its body value (the default integration response
 * sends it), an error or a defect fails the invocation with an `IntegrationErrorResponse` whose
 * message carries status, headers and body, and an event no request template built is refused.
 */
import { err, ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { HttpRequest } from '../../src/index.js';
import {
  INTEGRATION_EVENT_VERSION,
  IntegrationErrorResponse,
  UnsupportedEventError,
  binary,
  isIntegrationEvent,
  created,
  json,
  noContent,
  problem,
  router,
  text,
  toLambdaIntegration,
  tooManyRequests,
  unauthorized,
} from '../../src/index.js';
import { fakeContext, restApiEvent } from '../../src/testing/index.js';
import { capturingLogger } from '../support/logger.js';
import { LAMBDA_REQUEST_ID } from '../support/request-id.js';
import { failureOf, integrationEvent } from './gateway.js';

const GATEWAY_ID = 'gw-req-1';
const MASKED_DETAIL =
  'The server failed to handle the request. Quote the request id when reporting this.';

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
  it('returns a JSON body as its value', async () => {
    const { call } = setup();
    await expect(call('GET', '/json')).resolves.toStrictEqual({
      total: 3,
      items: ['a', 'é', '😀'],
    });
    await expect(call('GET', '/json-null')).resolves.toBeNull();
    await expect(call('POST', '/made')).resolves.toStrictEqual({ id: 7 });
  });

  it('returns text as a string, no content as null and bytes as base64', async () => {
    const { call } = setup();
    await expect(call('GET', '/text')).resolves.toBe('plain "text"\n');
    await expect(call('GET', '/empty')).resolves.toBeNull();
    await expect(call('GET', '/bytes')).resolves.toBe('AAH+/w==');
  });

  it('logs nothing at error level', async () => {
    const { call, logger } = setup();
    await call('GET', '/json');
    expect(logger.error).not.toHaveBeenCalled();
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
  it('is read from the event, URL-decoded', async () => {
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
          path: { id: 'a+b%2Fc', rest: 'x%2Fy' },
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
      path: '/items/a b/c/x/y',
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
