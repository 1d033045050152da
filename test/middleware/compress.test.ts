import { brotliDecompressSync, gunzipSync, gzipSync, zstdDecompressSync } from 'node:zlib';
import { err, ok } from 'neverthrow';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { badRequest, binary, json, text, toLambda } from '../../src/index.js';
import { compress } from '../../src/middleware/index.js';
import type { HttpRequest, Outcome, ProblemError } from '../../src/index.js';
import type { CompressOptions } from '../../src/middleware/index.js';
import { albEvent, fakeContext, httpApiEvent, restApiEvent } from '../../src/testing/index.js';
import { SHAPES, eventFor, lambdaContext, resultFor } from '../hardening/shapes.js';
import { thrownBy } from '../hardening/refusal.js';
import { capturingLogger } from '../support/logger.js';
import { HTTP_REQUEST_ID, LAMBDA_REQUEST_ID, REST_REQUEST_ID } from '../support/request-id.js';

const context = fakeContext({ awsRequestId: LAMBDA_REQUEST_ID });

type TestHandler = (request: HttpRequest) => Outcome<unknown, ProblemError>;

/** A catalogue whose JSON is well over the default 1024-byte threshold. */
const CATALOGUE = {
  items: Array.from({ length: 60 }, (_, i) => ({
    id: `item-${String(i)}`,
    name: 'Widget, blue, with a rather long description',
    price: 1999 + i,
  })),
};
const CATALOGUE_JSON = JSON.stringify(CATALOGUE);

function withCompress(handler: TestHandler = () => ok(CATALOGUE), options?: CompressOptions) {
  return toLambda(handler, { logger: capturingLogger(), middleware: [compress(options)] });
}

/** An HTTP API `GET /items` sending `Accept-Encoding: acceptEncoding`. */
function httpGet(acceptEncoding?: string) {
  return httpApiEvent({
    path: '/items',
    headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
    requestId: HTTP_REQUEST_ID,
  });
}

function gunzipText(base64: string | undefined): string {
  return gunzipSync(Buffer.from(base64 ?? '', 'base64')).toString('utf8');
}

function unbrotliText(base64: string | undefined): string {
  return brotliDecompressSync(Buffer.from(base64 ?? '', 'base64')).toString('utf8');
}

describe('compress: encodings chosen from Accept-Encoding', () => {
  it('compresses with brotli when offered, and the body round-trips exactly (HTTP API)', async () => {
    const result = await withCompress()(httpGet('gzip, deflate, br'), context);
    expect(result).toStrictEqual({
      statusCode: 200,
      headers: {
        'content-type': 'application/json',
        'content-encoding': 'br',
        vary: 'accept-encoding',
        'x-request-id': HTTP_REQUEST_ID,
      },
      cookies: [],
      body: expect.any(String) as string,
      isBase64Encoded: true,
    });
    expect(unbrotliText(result.body)).toBe(CATALOGUE_JSON);
    expect(Buffer.from(result.body ?? '', 'base64').byteLength).toBeLessThan(CATALOGUE_JSON.length);
  });

  it('compresses with gzip when the client ranks it higher (REST)', async () => {
    const result = await withCompress()(
      restApiEvent({
        headers: { 'Accept-Encoding': 'gzip;q=1.0, br;q=0.5' },
        requestId: REST_REQUEST_ID,
      }),
      context,
    );
    expect(result).toStrictEqual({
      statusCode: 200,
      headers: {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        vary: 'accept-encoding',
        'x-request-id': REST_REQUEST_ID,
      },
      multiValueHeaders: {},
      body: expect.any(String) as string,
      isBase64Encoded: true,
    });
    expect(gunzipText(result.body)).toBe(CATALOGUE_JSON);
  });

  it.each([
    ['br', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['BR;Q=0, GZIP', 'gzip'],
    ['gzip;q=0.2, br;q=0.8', 'br'],
    ['gzip ; q=0.9 , br ; q=0.3', 'gzip'],
    ['*', 'br'],
    ['br;q=0, *', 'gzip'],
    ['*;q=0.5, gzip', 'gzip'],
    ['gzip, *;q=0', 'gzip'],
    ['identity, br', 'br'],
  ])('Accept-Encoding %j → %s', async (acceptEncoding, expected) => {
    const result = await withCompress()(httpGet(acceptEncoding), context);
    expect(result.headers?.['content-encoding']).toBe(expected);
    expect(result.isBase64Encoded).toBe(true);
    const decoded = expected === 'br' ? unbrotliText(result.body) : gunzipText(result.body);
    expect(decoded).toBe(CATALOGUE_JSON);
  });

  it.each(['identity', 'deflate', 'br;q=0, gzip;q=0', '*;q=0', 'identity, *;q=0', 'compress'])(
    'Accept-Encoding %j: nothing acceptable, the body goes out as it is',
    async (acceptEncoding) => {
      expect(await withCompress()(httpGet(acceptEncoding), context)).toStrictEqual({
        statusCode: 200,
        headers: {
          'content-type': 'application/json',
          vary: 'accept-encoding',
          'x-request-id': HTTP_REQUEST_ID,
        },
        cookies: [],
        body: CATALOGUE_JSON,
        isBase64Encoded: false,
      });
    },
  );

  it('offers only the configured encodings, in the configured order of preference', async () => {
    const gzipOnly = withCompress(undefined, { encodings: ['gzip'] });
    const onlyGzip = await gzipOnly(httpGet('br, gzip'), context);
    expect(onlyGzip.headers?.['content-encoding']).toBe('gzip');
    expect(gunzipText(onlyGzip.body)).toBe(CATALOGUE_JSON);
    expect((await gzipOnly(httpGet('br'), context)).body).toBe(CATALOGUE_JSON);

    const gzipFirst = withCompress(undefined, { encodings: ['gzip', 'br'] });
    const tie = await gzipFirst(httpGet('br, gzip'), context);
    expect(tie.headers?.['content-encoding']).toBe('gzip');
  });

  it('reads Accept-Encoding sent as several header lines (REST multiValueHeaders)', async () => {
    const result = await withCompress()(
      restApiEvent({
        headers: { 'Accept-Encoding': ['br;q=0', 'gzip'] },
        requestId: REST_REQUEST_ID,
      }),
      context,
    );
    expect(result.headers?.['content-encoding']).toBe('gzip');
    expect(gunzipText(result.body)).toBe(CATALOGUE_JSON);
  });
});

describe('compress: what is compressed', () => {
  it('compresses text replies, keeping their type and dropping a stale content-length', async () => {
    const page = 'All work and no play makes Jack a dull boy.\n'.repeat(40);
    const result = await withCompress(() =>
      ok(text(page, { headers: { 'content-length': String(page.length) } })),
    )(httpGet('gzip'), context);
    expect(result).toStrictEqual({
      statusCode: 200,
      headers: {
        'content-type': 'text/plain; charset=utf-8',
        'content-encoding': 'gzip',
        vary: 'accept-encoding',
        'x-request-id': HTTP_REQUEST_ID,
      },
      cookies: [],
      body: expect.any(String) as string,
      isBase64Encoded: true,
    });
    expect(gunzipText(result.body)).toBe(page);
  });

  it('compresses a large problem document too (application/problem+json)', async () => {
    const detail = 'The filter expression is not valid. '.repeat(40);
    const lambda = toLambda(() => err(badRequest({ detail })), {
      logger: capturingLogger(),
      errorFormat: 'problem',
      middleware: [compress()],
    });
    const result = await lambda(httpGet('br'), context);
    expect(result.statusCode).toBe(400);
    expect(result.headers).toStrictEqual({
      'content-type': 'application/problem+json',
      'content-encoding': 'br',
      vary: 'accept-encoding',
      'x-request-id': HTTP_REQUEST_ID,
    });
    expect(JSON.parse(unbrotliText(result.body))).toMatchObject({ status: 400, detail });
  });

  it('counts UTF-8 bytes against the threshold, and compresses a body of exactly the threshold', async () => {
    // 300 characters, 600 bytes.
    const accented = 'é'.repeat(300);
    const lambda = withCompress(() => ok(text(accented)), { threshold: 600 });
    const result = await lambda(httpGet('gzip'), context);
    expect(result.headers?.['content-encoding']).toBe('gzip');
    expect(gunzipText(result.body)).toBe(accented);

    const justBelow = withCompress(() => ok(text(accented)), { threshold: 601 });
    const untouched = await justBelow(httpGet('gzip'), context);
    expect(untouched.headers?.['content-encoding']).toBeUndefined();
    expect(untouched.body).toBe(accented);
  });
});

describe('compress: what is left alone (Vary: accept-encoding always added)', () => {
  it('a body below the threshold', async () => {
    expect(await withCompress(() => ok({ id: 'u-1' }))(httpGet('br, gzip'), context)).toStrictEqual(
      {
        statusCode: 200,
        headers: {
          'content-type': 'application/json',
          vary: 'accept-encoding',
          'x-request-id': HTTP_REQUEST_ID,
        },
        cookies: [],
        body: '{"id":"u-1"}',
        isBase64Encoded: false,
      },
    );
  });

  it('a type that is compressed already (image/png from binary())', async () => {
    const png = new Uint8Array(4096).map((_, i) => i % 251);
    const result = await withCompress(() =>
      ok(binary(png, { headers: { 'content-type': 'image/png' } })),
    )(httpGet('br, gzip'), context);
    expect(result).toStrictEqual({
      statusCode: 200,
      headers: {
        'content-type': 'image/png',
        vary: 'accept-encoding',
        'x-request-id': HTTP_REQUEST_ID,
      },
      cookies: [],
      body: Buffer.from(png).toString('base64'),
      isBase64Encoded: true,
    });
  });

  it('a body with a content-encoding of its own', async () => {
    const gzipped = gzipSync(Buffer.from(CATALOGUE_JSON));
    const result = await withCompress(() =>
      ok(
        binary(new Uint8Array(gzipped), {
          headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        }),
      ),
    )(httpGet('br'), context);
    expect(result).toStrictEqual({
      statusCode: 200,
      headers: {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        vary: 'accept-encoding',
        'x-request-id': HTTP_REQUEST_ID,
      },
      cookies: [],
      body: gzipped.toString('base64'),
      isBase64Encoded: true,
    });
  });

  it('a request without Accept-Encoding', async () => {
    expect(await withCompress()(httpGet(), context)).toStrictEqual({
      statusCode: 200,
      headers: {
        'content-type': 'application/json',
        vary: 'accept-encoding',
        'x-request-id': HTTP_REQUEST_ID,
      },
      cookies: [],
      body: CATALOGUE_JSON,
      isBase64Encoded: false,
    });
  });

  it('a response without content-type (204)', async () => {
    const result = await withCompress(() => ok(undefined))(httpGet('gzip'), context);
    expect(result).toStrictEqual({
      statusCode: 204,
      headers: { vary: 'accept-encoding', 'x-request-id': HTTP_REQUEST_ID },
      cookies: [],
      body: '',
      isBase64Encoded: false,
    });
  });

  it('adds accept-encoding to a Vary the handler set, once', async () => {
    const lambda = withCompress(() =>
      ok(json(CATALOGUE, { headers: { vary: 'Accept-Language, Accept-Encoding' } })),
    );
    const result = await lambda(httpGet('gzip'), context);
    expect(result.headers?.['vary']).toBe('Accept-Language, Accept-Encoding');
    const other = withCompress(() => ok(json(CATALOGUE, { headers: { vary: 'accept-language' } })));
    const added = await other(
      restApiEvent({ headers: { 'Accept-Encoding': 'gzip' }, requestId: REST_REQUEST_ID }),
      context,
    );
    // Two values: REST results carry them in multiValueHeaders.
    expect(added.multiValueHeaders).toStrictEqual({ vary: ['accept-language', 'accept-encoding'] });
    expect(added.headers?.['vary']).toBeUndefined();
  });
});

describe('compress: ALB results', () => {
  it('single-value mode: base64 body, statusDescription, joined headers', async () => {
    const result = await withCompress()(
      albEvent({ headers: { 'accept-encoding': 'gzip' } }),
      context,
    );
    expect(result).toStrictEqual({
      statusCode: 200,
      statusDescription: '200 OK',
      headers: {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        vary: 'accept-encoding',
        'x-request-id': LAMBDA_REQUEST_ID,
      },
      body: expect.any(String) as string,
      isBase64Encoded: true,
    });
    expect(gunzipText(result.body)).toBe(CATALOGUE_JSON);
  });

  it('multi-value mode: every header a list', async () => {
    const result = await withCompress()(
      albEvent({ headers: { 'accept-encoding': 'br' }, multiValue: true }),
      context,
    );
    expect(result).toStrictEqual({
      statusCode: 200,
      statusDescription: '200 OK',
      multiValueHeaders: {
        'content-type': ['application/json'],
        'content-encoding': ['br'],
        vary: ['accept-encoding'],
        'x-request-id': [LAMBDA_REQUEST_ID],
      },
      body: expect.any(String) as string,
      isBase64Encoded: true,
    });
    expect(unbrotliText(result.body)).toBe(CATALOGUE_JSON);
  });
});

describe('compress: zstd, where node:zlib has it (Node 22.15 and later)', () => {
  it.each(SHAPES)(
    '%s: offered and preferred, the body goes out as zstd and round-trips exactly',
    async (shape) => {
      const lambda = toLambda(() => ok(CATALOGUE), {
        logger: capturingLogger(),
        middleware: [compress({ encodings: ['zstd', 'br', 'gzip'] })],
      });

      const result = await lambda(
        eventFor(shape, { path: '/items', headers: { 'accept-encoding': 'gzip, br, zstd' } }),
        lambdaContext(),
      );

      expect(result).toStrictEqual({
        ...resultFor(shape, {
          status: 200,
          headers: {
            'content-type': 'application/json',
            'content-encoding': 'zstd',
            vary: 'accept-encoding',
          },
          body: '',
        }),
        body: expect.any(String) as string,
        isBase64Encoded: true,
      });
      const bytes = Buffer.from(result.body ?? '', 'base64');
      // The zstd frame's magic number (RFC 8878 §3.1.1), not gzip's 1f 8b.
      expect([...bytes.subarray(0, 4)]).toEqual([0x28, 0xb5, 0x2f, 0xfd]);
      expect(zstdDecompressSync(bytes).toString('utf8')).toBe(CATALOGUE_JSON);
    },
  );

  it('a client that does not accept zstd gets the next encoding offered', async () => {
    const lambda = withCompress(undefined, { encodings: ['zstd', 'gzip'] });
    const result = await lambda(httpGet('gzip'), context);
    expect(result.headers?.['content-encoding']).toBe('gzip');
    expect(gunzipText(result.body)).toBe(CATALOGUE_JSON);
  });
});

describe('compress: options a JavaScript caller could get wrong are refused when it is built', () => {
  it.each<[string, unknown, string]>([
    [
      'an encoding it does not produce',
      { encodings: ['deflate'] },
      "compress: `encodings[0]` is 'deflate', not one of 'br', 'gzip' or 'zstd'.",
    ],
    [
      'one encoding where the list belongs',
      { encodings: 'gzip' },
      "compress: `encodings` is a string; pass a list such as ['br', 'gzip'] (leave compress out to send bodies as they are).",
    ],
    [
      'an empty list',
      { encodings: [] },
      "compress: `encodings` is an empty list; pass a list such as ['br', 'gzip'] (leave compress out to send bodies as they are).",
    ],
    [
      'an encoding that is not a string',
      { encodings: ['br', 2] },
      "compress: `encodings[1]` is a number, not one of 'br', 'gzip' or 'zstd'.",
    ],
    [
      'a name inherited by every object',
      { encodings: ['toString'] },
      "compress: `encodings[0]` is 'toString', not one of 'br', 'gzip' or 'zstd'.",
    ],
    [
      'a threshold as a string',
      { threshold: '1024' },
      'compress: `threshold` is a string; pass a finite number of 0 or more.',
    ],
    [
      'a negative threshold',
      { threshold: -1 },
      'compress: `threshold` is -1; pass a finite number of 0 or more.',
    ],
    [
      'a threshold of NaN',
      { threshold: Number.NaN },
      'compress: `threshold` is NaN; pass a finite number of 0 or more.',
    ],
  ])('%s', (_, options, message) => {
    expect(thrownBy(() => compress(options as CompressOptions))).toStrictEqual(
      new TypeError(message),
    );
  });

  it('the types refuse an encoding it does not produce', () => {
    // @ts-expect-error -- 'deflate' is not an encoding compress produces
    expect(thrownBy(() => compress({ encodings: ['deflate'] }))).toBeInstanceOf(TypeError);
    expectTypeOf<NonNullable<CompressOptions['encodings']>[number]>().toEqualTypeOf<
      'br' | 'gzip' | 'zstd'
    >();
  });
});
