import { err, ok } from 'neverthrow';
import { describe, expect, it, vi } from 'vitest';
import { binary, created, json, notFound, text, toLambda } from '../../src/index.js';
import { conditionalGet } from '../../src/middleware/index.js';
import type { HttpRequest, Outcome, ProblemError } from '../../src/index.js';
import { albEvent, fakeContext, httpApiEvent, restApiEvent } from '../../src/testing/index.js';
import { capturingLogger } from '../support/logger.js';
import { HTTP_REQUEST_ID, LAMBDA_REQUEST_ID, REST_REQUEST_ID } from '../support/request-id.js';

const context = fakeContext({ awsRequestId: LAMBDA_REQUEST_ID });

type TestHandler = (request: HttpRequest) => Outcome<unknown, ProblemError>;

const WEAK_TAG = /^W\/"[\w-]{16,}"$/;
const CATALOGUE = { items: [{ id: 'i-1', name: 'Widget' }] };
const CATALOGUE_JSON = JSON.stringify(CATALOGUE);

function withConditionalGet(handler: TestHandler = () => ok(CATALOGUE)) {
  const logger = capturingLogger();
  return {
    lambda: toLambda(handler, { logger, middleware: [conditionalGet()] }),
    logger,
  };
}

/** An HTTP API request with `method` and extra `headers`. */
function httpRequest(method: string, headers: Record<string, string> = {}) {
  return httpApiEvent({ method, headers, requestId: HTTP_REQUEST_ID });
}

/** The ETag a first, unconditional GET is given. */
async function etagOf(lambda: ReturnType<typeof withConditionalGet>['lambda']): Promise<string> {
  const first = await lambda(httpRequest('GET'), context);
  const etag = first.headers?.['etag'];
  if (typeof etag !== 'string') throw new Error('no ETag on the first response');
  return etag;
}

describe('conditionalGet: ETags', () => {
  it('adds a weak ETag to a 200 GET response, otherwise unchanged (HTTP API)', async () => {
    const { lambda } = withConditionalGet();
    expect(await lambda(httpRequest('GET'), context)).toStrictEqual({
      statusCode: 200,
      headers: {
        'content-type': 'application/json',
        etag: expect.stringMatching(WEAK_TAG) as string,
        'x-request-id': HTTP_REQUEST_ID,
      },
      cookies: [],
      body: CATALOGUE_JSON,
      isBase64Encoded: false,
    });
  });

  it('gives the same body the same tag, and a different body another', async () => {
    let version = 1;
    const { lambda } = withConditionalGet(() => ok({ version }));
    const first = await etagOf(lambda);
    expect(await etagOf(lambda)).toBe(first);
    version = 2;
    const second = await etagOf(lambda);
    expect(second).toMatch(WEAK_TAG);
    expect(second).not.toBe(first);
  });

  it('tags binary bodies too', async () => {
    const bytes = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]);
    const { lambda } = withConditionalGet(() =>
      ok(binary(bytes, { headers: { 'content-type': 'image/png' } })),
    );
    const result = await lambda(httpRequest('GET'), context);
    expect(result.headers?.['etag']).toMatch(WEAK_TAG);
    expect(result.body).toBe(Buffer.from(bytes).toString('base64'));
    const revalidated = await lambda(
      httpRequest('GET', { 'if-none-match': String(result.headers?.['etag']) }),
      context,
    );
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.body).toBe('');
    expect(revalidated.isBase64Encoded).toBe(false);
  });

  it("keeps a response's own ETag", async () => {
    const { lambda } = withConditionalGet(() =>
      ok(json(CATALOGUE, { headers: { ETag: '"v42"', 'Cache-Control': 'max-age=60' } })),
    );
    expect((await lambda(httpRequest('GET'), context)).headers).toStrictEqual({
      'content-type': 'application/json',
      etag: '"v42"',
      'cache-control': 'max-age=60',
      'x-request-id': HTTP_REQUEST_ID,
    });
  });
});

describe('conditionalGet: If-None-Match', () => {
  it('answers 304 without body or content-type, keeping the ETag (REST)', async () => {
    const { lambda, logger } = withConditionalGet();
    const etag = await etagOf(lambda);
    const result = await lambda(
      restApiEvent({
        headers: { 'If-None-Match': etag },
        requestId: REST_REQUEST_ID,
      }),
      context,
    );
    expect(result).toStrictEqual({
      statusCode: 304,
      headers: { etag, 'x-request-id': REST_REQUEST_ID },
      multiValueHeaders: {},
      body: '',
      isBase64Encoded: false,
    });
    for (const level of ['error', 'warn', 'info', 'debug'] as const)
      expect(logger[level]).not.toHaveBeenCalled();
  });

  it('matches a tag anywhere in a list', async () => {
    const { lambda } = withConditionalGet();
    const etag = await etagOf(lambda);
    const result = await lambda(
      httpRequest('GET', { 'if-none-match': `"stale-1", W/"stale-2",${etag} , "stale-3"` }),
      context,
    );
    expect(result).toStrictEqual({
      statusCode: 304,
      headers: { etag, 'x-request-id': HTTP_REQUEST_ID },
      cookies: [],
      body: '',
      isBase64Encoded: false,
    });
  });

  it('matches a list sent as several header lines (REST multiValueHeaders)', async () => {
    const { lambda } = withConditionalGet();
    const etag = await etagOf(lambda);
    const result = await lambda(
      restApiEvent({
        headers: { 'If-None-Match': ['"stale"', etag] },
        requestId: REST_REQUEST_ID,
      }),
      context,
    );
    expect(result.statusCode).toBe(304);
  });

  it('compares weakly: the strong form of the weak tag matches', async () => {
    const { lambda } = withConditionalGet();
    const etag = await etagOf(lambda);
    const strong = etag.replace(/^W\//, '');
    const result = await lambda(httpRequest('GET', { 'if-none-match': strong }), context);
    expect(result.statusCode).toBe(304);
    expect(result.headers).toStrictEqual({ etag, 'x-request-id': HTTP_REQUEST_ID });
  });

  it('matches "*"', async () => {
    const { lambda } = withConditionalGet();
    const result = await lambda(httpRequest('GET', { 'if-none-match': '*' }), context);
    expect(result).toStrictEqual({
      statusCode: 304,
      headers: { etag: expect.stringMatching(WEAK_TAG) as string, 'x-request-id': HTTP_REQUEST_ID },
      cookies: [],
      body: '',
      isBase64Encoded: false,
    });
  });

  it('answers 200 with the body and ETag when no tag matches', async () => {
    const { lambda } = withConditionalGet();
    const etag = await etagOf(lambda);
    expect(
      await lambda(httpRequest('GET', { 'if-none-match': 'W/"stale", "older"' }), context),
    ).toStrictEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json', etag, 'x-request-id': HTTP_REQUEST_ID },
      cookies: [],
      body: CATALOGUE_JSON,
      isBase64Encoded: false,
    });
  });

  it("uses a response's own ETag, weak or strong, and keeps it on the 304", async () => {
    const { lambda } = withConditionalGet(() =>
      ok(json(CATALOGUE, { headers: { etag: '"v42"', 'cache-control': 'max-age=60' } })),
    );
    for (const ifNoneMatch of ['"v42"', 'W/"v42"', '"v41", "v42"']) {
      expect(
        await lambda(httpRequest('GET', { 'if-none-match': ifNoneMatch }), context),
      ).toStrictEqual({
        statusCode: 304,
        headers: { etag: '"v42"', 'cache-control': 'max-age=60', 'x-request-id': HTTP_REQUEST_ID },
        cookies: [],
        body: '',
        isBase64Encoded: false,
      });
    }
    const miss = await lambda(httpRequest('GET', { 'if-none-match': '"v41"' }), context);
    expect(miss).toMatchObject({ statusCode: 200, body: CATALOGUE_JSON });
  });

  it('keeps cookies and other headers on the 304, but not content-type or content-length', async () => {
    const { lambda } = withConditionalGet(() =>
      ok(
        text('hello', {
          headers: { 'content-length': '5', vary: 'accept-language', etag: 'W/"t1"' },
          cookies: ['seen=1; Path=/; Secure'],
        }),
      ),
    );
    expect(await lambda(httpRequest('GET', { 'if-none-match': 'W/"t1"' }), context)).toStrictEqual({
      statusCode: 304,
      headers: { vary: 'accept-language', etag: 'W/"t1"', 'x-request-id': HTTP_REQUEST_ID },
      cookies: ['seen=1; Path=/; Secure'],
      body: '',
      isBase64Encoded: false,
    });
  });

  it('answers 304 to a HEAD request whose response has an ETag', async () => {
    const { lambda } = withConditionalGet(() => ok(json(CATALOGUE, { headers: { etag: '"v1"' } })));
    const result = await lambda(httpRequest('HEAD', { 'if-none-match': '"v1"' }), context);
    expect(result).toStrictEqual({
      statusCode: 304,
      headers: { etag: '"v1"', 'x-request-id': HTTP_REQUEST_ID },
      cookies: [],
      body: '',
      isBase64Encoded: false,
    });
  });

  it('in ALB single-value mode, 304 Not Modified', async () => {
    const { lambda } = withConditionalGet(() => ok(json(CATALOGUE, { headers: { etag: '"v1"' } })));
    const result = await lambda(albEvent({ headers: { 'if-none-match': '"v1"' } }), context);
    expect(result).toStrictEqual({
      statusCode: 304,
      statusDescription: '304 Not Modified',
      headers: { etag: '"v1"', 'x-request-id': LAMBDA_REQUEST_ID },
      body: '',
      isBase64Encoded: false,
    });
  });
});

describe('conditionalGet: what is left alone', () => {
  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])(
    'a 200 answer to %s: no ETag, no 304 even for If-None-Match: *',
    async (method) => {
      const handler = vi.fn<TestHandler>(() => ok({ saved: true }));
      const { lambda } = withConditionalGet(handler);
      expect(await lambda(httpRequest(method, { 'if-none-match': '*' }), context)).toStrictEqual({
        statusCode: 200,
        headers: { 'content-type': 'application/json', 'x-request-id': HTTP_REQUEST_ID },
        cookies: [],
        body: '{"saved":true}',
        isBase64Encoded: false,
      });
      expect(handler).toHaveBeenCalledTimes(1);
    },
  );

  it('a 201 to a GET', async () => {
    const { lambda } = withConditionalGet(() => ok(created('/items/i-1', { id: 'i-1' })));
    expect(await lambda(httpRequest('GET', { 'if-none-match': '*' }), context)).toStrictEqual({
      statusCode: 201,
      headers: {
        location: '/items/i-1',
        'content-type': 'application/json',
        'x-request-id': HTTP_REQUEST_ID,
      },
      cookies: [],
      body: '{"id":"i-1"}',
      isBase64Encoded: false,
    });
  });

  it('a problem (404) to a GET', async () => {
    const { lambda, logger } = withConditionalGet(() => err(notFound()));
    expect(await lambda(httpRequest('GET', { 'if-none-match': '*' }), context)).toStrictEqual({
      statusCode: 404,
      headers: { 'content-type': 'application/json', 'x-request-id': HTTP_REQUEST_ID },
      cookies: [],
      body: JSON.stringify({
        errors: [{ status: '404', title: 'Not Found' }],
        meta: { requestId: HTTP_REQUEST_ID },
      }),
      isBase64Encoded: false,
    });
    expect(logger.info).toHaveBeenCalledWith(expect.objectContaining({ status: 404 }));
  });

  it('a 204 to a GET is left alone', async () => {
    const { lambda } = withConditionalGet(() => ok(undefined));
    expect(
      await lambda(
        httpApiEvent({
          path: '/empty',
          headers: { 'if-none-match': '*' },
          requestId: HTTP_REQUEST_ID,
        }),
        context,
      ),
    ).toStrictEqual({
      statusCode: 204,
      headers: { 'x-request-id': HTTP_REQUEST_ID },
      cookies: [],
      body: '',
      isBase64Encoded: false,
    });
  });

  it('gives a HEAD answer the ETag GET gets, and a 304 when it matches', async () => {
    // RFC 9110 §9.3.2: HEAD sends the headers GET would send, without the body.
    const { lambda } = withConditionalGet(() => ok(CATALOGUE));
    const get = await lambda(httpRequest('GET', {}), context);
    const etag = (get as { headers: Record<string, string> }).headers['etag'];
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
    expect(await lambda(httpRequest('HEAD', {}), context)).toStrictEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json', etag, 'x-request-id': HTTP_REQUEST_ID },
      cookies: [],
      body: '',
      isBase64Encoded: false,
    });
    expect(await lambda(httpRequest('HEAD', { 'if-none-match': '*' }), context)).toStrictEqual({
      statusCode: 304,
      headers: { etag, 'x-request-id': HTTP_REQUEST_ID },
      cookies: [],
      body: '',
      isBase64Encoded: false,
    });
  });
});
