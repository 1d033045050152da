/**
 * Options a JavaScript caller can set to anything: a request id header name that is not a token,
 * or a JSON:API media type with CR or LF in it, never reach a response. The answer is the fixed
 * 500, logged, as for any response that cannot be sent.
 */
import { err, ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { JsonApiMediaType, LambdaOptions } from '../../src/index.js';
import { json, notFound, toLambda } from '../../src/index.js';
import { fakeContext, httpApiEvent } from '../../src/testing/index.js';
import { capturingLogger } from '../support/logger.js';

const REQUEST_ID = 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef';

/** The fixed 500, with the request id header when its name can be sent. */
function fixed500(requestIdHeader: string | undefined): object {
  return {
    statusCode: 500,
    headers: {
      'content-type': 'application/json',
      ...(requestIdHeader === undefined ? {} : { [requestIdHeader]: REQUEST_ID }),
    },
    cookies: [],
    body: `{"errors":[{"status":"500","title":"Internal Server Error"}],"meta":{"requestId":"${REQUEST_ID}"}}`,
    isBase64Encoded: false,
  };
}

const UNSENDABLE: Record<string, { options: LambdaOptions; header: string | undefined }> = {
  'a request id header name with a space': {
    options: { requestIdHeader: 'x request id' },
    header: undefined,
  },
  'a JSON:API media type with CR LF': {
    options: {
      jsonApiMediaType: 'application/json\r\nx-injected: 1' as JsonApiMediaType,
    },
    header: 'x-request-id',
  },
};

describe.each(Object.entries(UNSENDABLE))('%s', (_, { options, header }) => {
  it('answers a problem with the fixed 500 and logs why', async () => {
    const logger = capturingLogger();
    const handler = toLambda(() => err(notFound()), { ...options, logger });

    const result = await handler(httpApiEvent({ path: '/', requestId: REQUEST_ID }), fakeContext());

    expect(result).toEqual(fixed500(header));
    expect(logger.error).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'Answering failed; sent a fixed 500' }),
    );
  });
});

it('a request id header name with a space: a success is the fixed 500 too', async () => {
  const logger = capturingLogger();
  const handler = toLambda(() => ok(json(1)), { requestIdHeader: 'x request id', logger });

  const result = await handler(httpApiEvent({ path: '/', requestId: REQUEST_ID }), fakeContext());

  expect(result).toEqual(fixed500(undefined));
});
