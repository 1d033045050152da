/**
 * A success too large for Lambda to return: the function's result (`{ body }`, serialised by the
 * runtime with `JSON.stringify`) is held to Lambda's 6 MiB synchronous response limit, or to a
 * lower `responseLimits.rest`, as `toLambda` holds a proxy result. Past it, Lambda would fail the
 * invocation and API Gateway answer a bare 502; the function answers the masked 500 instead and
 * logs the size and the limit once, never the body.
 */
import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { json, router } from '../../src/index.js';
import { selectionPattern, toLambdaIntegration } from '../../src/integration/index.js';
import { openApiDocument } from '../../src/openapi/index.js';
import { fakeContext, restApiEvent } from '../../src/testing/index.js';
import { capturingLogger } from '../support/logger.js';
import { LAMBDA_REQUEST_ID, REST_REQUEST_ID } from '../support/request-id.js';
import {
  failureOf,
  integrationEvent,
  methodRequestOf,
  operationOf,
  throughGateway,
} from './gateway.js';

const MIB = 1024 * 1024;
const SMALLEST_LIMIT = 4096;

// `json('x'.repeat(n))` has the body `"x…x"`, and the function returns `{ body: '"x…x"' }`,
// which Lambda sends as `{"body":"\"x…x\""}`: n + 15 bytes.
const RESULT_OVERHEAD = 15;

const MASKED_BODY =
  '{"errors":[{"status":"500","title":"Internal Server Error","detail":"The server failed to handle the request. Quote the request id when reporting this."}],"meta":{"requestId":"gw-req-1"}}';

/** A function answering `GET /big` with a JSON string of `length` characters. */
function bigFunction(length: number, responseLimits?: { readonly rest: number }) {
  const logger = capturingLogger();
  const api = router().get('/big', () => ok(json('x'.repeat(length))));
  const handler = toLambdaIntegration(api, {
    logger,
    ...(responseLimits === undefined ? {} : { responseLimits }),
  });
  return { handler, logger };
}

/** The one log line of an oversized success. */
function oversizedRecord(size: number, limit: number) {
  return {
    message: 'Response too large for its event source; answered a masked 500',
    requestId: 'gw-req-1',
    lambdaRequestId: LAMBDA_REQUEST_ID,
    kind: 'rest',
    method: 'GET',
    path: '/big',
    route: '/big',
    status: 200,
    size,
    limit,
  };
}

describe('a success past the response limit', () => {
  it('is answered with the masked 500 and logged once with its size and the limit', async () => {
    const { handler, logger } = bigFunction(SMALLEST_LIMIT - RESULT_OVERHEAD + 1, {
      rest: SMALLEST_LIMIT,
    });
    const failure = await failureOf(handler, integrationEvent('GET', '/big'));
    expect(failure.status).toBe(500);
    expect(JSON.parse(failure.message)).toStrictEqual({
      status: 500,
      headers: { 'content-type': 'application/json', 'x-request-id': 'gw-req-1' },
      body: MASKED_BODY,
    });
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error.mock.calls[0]?.[0]).toStrictEqual(
      oversizedRecord(SMALLEST_LIMIT + 1, SMALLEST_LIMIT),
    );
    // Nothing of the body is logged anywhere.
    for (const level of [logger.error, logger.warn, logger.info, logger.debug]) {
      for (const [record] of level.mock.calls) expect(JSON.stringify(record)).not.toContain('xxxx');
    }
  });

  it('reaches the client as the 500 the proxy adapter would send, through the 500 pattern', async () => {
    const { handler } = bigFunction(SMALLEST_LIMIT, { rest: SMALLEST_LIMIT });
    const document = openApiDocument(handler);
    const request = methodRequestOf(
      restApiEvent({ method: 'GET', path: '/big', resource: '/big', requestId: REST_REQUEST_ID }),
    );
    const answer = await throughGateway(handler, operationOf(document, 'GET', '/big'), request);
    expect(answer.pattern).toBe(selectionPattern(500));
    expect(answer.status).toBe(500);
    expect(answer.body).toBe(MASKED_BODY.replace('gw-req-1', REST_REQUEST_ID));
    expect(answer.headers).toStrictEqual({
      'Content-Type': 'application/json',
      'X-Request-Id': REST_REQUEST_ID,
    });
  });

  it('is held to the 6 MiB Lambda returns by default', async () => {
    const length = 6 * MIB;
    const { handler, logger } = bigFunction(length);
    const failure = await failureOf(handler, integrationEvent('GET', '/big'));
    expect(failure.status).toBe(500);
    expect((JSON.parse(failure.message) as { body: unknown }).body).toBe(MASKED_BODY);
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error.mock.calls[0]?.[0]).toStrictEqual(
      oversizedRecord(length + RESULT_OVERHEAD, 6 * MIB),
    );
  });
});

describe('a success within the response limit', () => {
  it('is returned as it is when it fills the limit to the byte', async () => {
    const length = SMALLEST_LIMIT - RESULT_OVERHEAD;
    const { handler, logger } = bigFunction(length, { rest: SMALLEST_LIMIT });
    const value = await handler(
      integrationEvent('GET', '/big'),
      fakeContext({ awsRequestId: LAMBDA_REQUEST_ID }),
    );
    expect(value).toStrictEqual({ body: `"${'x'.repeat(length)}"` });
    expect(Buffer.byteLength(JSON.stringify(value))).toBe(SMALLEST_LIMIT);
    expect(logger.error).not.toHaveBeenCalled();
  });
});

describe('the responseLimits option', () => {
  it('is checked when the function is built, as toLambda checks it', () => {
    expect(() =>
      toLambdaIntegration(() => ok(json(null)), { responseLimits: { rest: 10 } }),
    ).toThrow(
      new RangeError(
        'responseLimits.rest must be a whole number of bytes from 4096 to 6291456; got 10.',
      ),
    );
  });
});
