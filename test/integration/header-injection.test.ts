import { err } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { problem } from '../../src/index.js';
import { IntegrationErrorResponse, toLambdaIntegration } from '../../src/integration/index.js';
import { fakeContext } from '../../src/testing/index.js';
import { capturingLogger } from '../support/logger.js';

// The custom integration's response template sends some headers of the error response on
// (Retry-After among them); a value with CR or LF must never reach it.

const event = {
  gatefold: 'gatefold-integration/1',
  method: 'GET',
  resource: '%2Fthings',
  stage: 'prod',
  requestId: 'gw-1',
  sourceIp: '203.0.113.7',
  principalId: '',
  params: { path: {}, querystring: {}, header: {} },
  body: {},
};

async function failure(run: Promise<unknown>): Promise<IntegrationErrorResponse> {
  const error: unknown = await run.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(IntegrationErrorResponse);
  return error as IntegrationErrorResponse;
}

describe('toLambdaIntegration and header injection', () => {
  it('answers the masked 500 when a problem has a header with CR LF', async () => {
    const secret = 'SECRET-8d2f';
    const logger = capturingLogger();
    const handler = toLambdaIntegration(
      () =>
        err(
          problem({
            status: 503,
            headers: { 'retry-after': `5\r\nx-injected: ${secret}` },
          }),
        ),
      { logger },
    );
    const error = await failure(handler(event, fakeContext()));
    expect(error.status).toBe(500);
    expect(JSON.parse(error.message)).toEqual({
      status: 500,
      headers: { 'content-type': 'application/json', 'x-request-id': 'gw-1' },
      body: '{"errors":[{"status":"500","title":"Internal Server Error","detail":"The server failed to handle the request. Quote the request id when reporting this."}],"meta":{"requestId":"gw-1"}}',
    });
    expect(error.message).not.toContain(secret);
    expect(logger.error).toHaveBeenCalledTimes(1);
  });

  it('answers the masked 500, and logs why, when a middleware adds a header with CR LF', async () => {
    const secret = 'SECRET-41c7';
    const logger = capturingLogger();
    const handler = toLambdaIntegration(() => err(problem({ status: 404 })), {
      logger,
      middleware: [
        (next) => async (request, context) => {
          const response = await next(request, context);
          return {
            ...response,
            headers: { ...response.headers, 'retry-after': [`1\r\nx-injected: ${secret}`] },
          };
        },
      ],
    });
    const error = await failure(handler(event, fakeContext({ awsRequestId: 'lambda-1' })));
    expect(error.status).toBe(500);
    expect(JSON.parse(error.message)).toStrictEqual({
      status: 500,
      headers: { 'content-type': 'application/json', 'x-request-id': 'gw-1' },
      body: '{"errors":[{"status":"500","title":"Internal Server Error","detail":"The server failed to handle the request. Quote the request id when reporting this."}],"meta":{"requestId":"gw-1"}}',
    });
    expect(error.message).not.toContain(secret);
    // One line, the defect's, with the request and the check that failed; not the value.
    expect(logger.error).toHaveBeenCalledTimes(1);
    const record = logger.error.mock.calls[0]?.[0];
    expect(record).toStrictEqual({
      message: 'Handler defect answered with a masked 500',
      requestId: 'gw-1',
      lambdaRequestId: 'lambda-1',
      kind: 'rest',
      method: 'GET',
      path: '/things',
      route: '/things',
      errorName: 'InvalidResponseError',
      errorMessage: 'Header "retry-after" has a value containing CR, LF or NUL.',
      causes: [],
      stack: expect.stringMatching(
        /^InvalidResponseError: Header "retry-after" has a value/,
      ) as unknown,
    });
    expect(JSON.stringify(record)).not.toContain(secret);
  });

  it('sends an ordinary Retry-After on', async () => {
    const handler = toLambdaIntegration(
      () => err(problem({ status: 503, headers: { 'retry-after': '5' } })),
      { logger: capturingLogger() },
    );
    const error = await failure(handler(event, fakeContext()));
    expect(error.status).toBe(503);
    expect((JSON.parse(error.message) as { headers: unknown }).headers).toEqual({
      'content-type': 'application/json',
      'x-request-id': 'gw-1',
      'retry-after': '5',
    });
  });
});
