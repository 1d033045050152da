import { err, ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { ErrorMapEntries, HttpResponse, Middleware, ProblemSource } from '../src/index.js';
import {
  TaggedError,
  errorMap,
  overrideErrors,
  text,
  badRequest,
  binary,
  created,
  redirect,
  json,
  problem,
  serviceUnavailable,
  toLambda,
  tooManyRequests,
} from '../src/index.js';
import { compress } from '../src/middleware/index.js';
import { albEvent, fakeContext, httpApiEvent, restApiEvent } from '../src/testing/index.js';
import { capturingLogger as logger } from './support/logger.js';
import { HTTP_REQUEST_ID, LAMBDA_REQUEST_ID } from './support/request-id.js';

const context = fakeContext({ awsRequestId: LAMBDA_REQUEST_ID });

describe('reply and problem details', () => {
  it('json(undefined) sends the status and headers with no body', async () => {
    const lambda = toLambda(() => ok(json(undefined, { status: 202, headers: { 'x-a': '1' } })));
    expect(await lambda(httpApiEvent({ requestId: HTTP_REQUEST_ID }), context)).toEqual({
      statusCode: 202,
      headers: { 'x-a': '1', 'x-request-id': HTTP_REQUEST_ID },
      cookies: [],
      body: '',
      isBase64Encoded: false,
    });
  });

  it.each([
    ['NaN seconds', () => tooManyRequests(Number.NaN)],
    ['Infinity seconds', () => tooManyRequests(Number.POSITIVE_INFINITY)],
    ['an invalid date', () => serviceUnavailable(new Date('not a date'))],
  ])('Retry-After with %s is refused when the problem is built', (_, build) => {
    expect(build).toThrow(RangeError);
  });

  it('a Retry-After that cannot be built inside a handler becomes a masked, logged 500', async () => {
    const log = logger();
    const lambda = toLambda(() => err(tooManyRequests(Number.NaN)), { logger: log });
    const result = await lambda(restApiEvent(), context);
    expect(result.statusCode).toBe(500);
    expect(log.error).toHaveBeenCalledTimes(1);
  });

  it('the body format owns the content type: a problem cannot override it', async () => {
    const lambda = toLambda(
      () => err(badRequest({ headers: { 'Content-Type': 'text/html', 'x-extra': 'kept' } })),
      { errorFormat: 'problem' },
    );
    const result = await lambda(httpApiEvent({ requestId: HTTP_REQUEST_ID }), context);
    expect(result.headers).toEqual({
      'content-type': 'application/problem+json',
      'x-extra': 'kept',
      'x-request-id': HTTP_REQUEST_ID,
    });
  });

  it('headers from several problems: duplicates sent once, single-value fields keep the first', async () => {
    const lambda = toLambda(() =>
      err([
        tooManyRequests(30, { headers: { 'x-limit': 'a' } }),
        tooManyRequests(60, { headers: { 'x-limit': 'a' } }),
        problem({ status: 429, headers: { 'x-limit': 'b' } }),
      ]),
    );
    const result = await lambda(httpApiEvent({ requestId: HTTP_REQUEST_ID }), context);
    expect(result).toEqual({
      statusCode: 429,
      headers: {
        'content-type': 'application/json',
        'retry-after': '30',
        'x-limit': 'a, b',
        'x-request-id': HTTP_REQUEST_ID,
      },
      cookies: [],
      body: expect.any(String) as string,
      isBase64Encoded: false,
    });
  });

  it('a payload 2.0 HEAD event that cannot be read still gets no body', async () => {
    const log = logger();
    const lambda = toLambda(() => ok(1), { logger: log });
    const broken = httpApiEvent({ method: 'HEAD', requestId: HTTP_REQUEST_ID });
    // A getter that throws stands for an event the reader cannot cope with.
    Object.defineProperty(broken, 'headers', {
      enumerable: true,
      get() {
        throw new Error('unreadable');
      },
    });
    const result = await lambda(broken, context);
    expect(result).toEqual({
      statusCode: 500,
      // The request id is still read from the event's request context.
      headers: { 'content-type': 'application/json', 'x-request-id': HTTP_REQUEST_ID },
      cookies: [],
      body: '',
      isBase64Encoded: false,
    });
    expect(log.error).toHaveBeenCalledTimes(1);
  });
});

describe('hardening', () => {
  it('a valid 4.6 MB base64 body is decoded, not refused or crashed on', async () => {
    let size = -1;
    const lambda = toLambda((request) => {
      size = request.body?.size ?? -1;
      return ok(undefined);
    });
    // Sent base64-encoded: "QUJD" 1 150 000 times.
    const result = await lambda(
      restApiEvent({ method: 'POST', body: Buffer.from('ABC'.repeat(1_150_000)) }),
      context,
    );
    expect(result.statusCode).toBe(204);
    expect(size).toBe(3_450_000);
  });

  it('request body bytes own their buffer (no other request data behind them)', async () => {
    let buffer: ArrayBufferLike | undefined;
    const lambda = toLambda((request) => {
      buffer = request.body?.bytes.buffer;
      return ok(undefined);
    });
    await lambda(restApiEvent({ method: 'POST', body: Buffer.from('hello') }), context);
    expect(buffer?.byteLength).toBe(5);
  });

  it('ok(promise) — a forgotten await — is a masked, logged 500, not 200 {}', async () => {
    const log = logger();
    const lambda = toLambda(() => ok(Promise.resolve({ id: 1 })), { logger: log });
    const result = await lambda(httpApiEvent(), context);
    expect(result.statusCode).toBe(500);
    expect(log.error).toHaveBeenCalledTimes(1);
    expect(log.error.mock.calls[0]?.[0]).toMatchObject({ errorName: 'InvalidResponseError' });
  });

  it('an async logger that rejects does not cause an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', onUnhandled);
    try {
      const rejecting = async (): Promise<void> => Promise.reject(new Error('log sink down'));
      const lambda = toLambda(
        () => {
          throw new Error('boom');
        },
        { logger: { error: rejecting, warn: rejecting, info: rejecting, debug: rejecting } },
      );
      const result = await lambda(restApiEvent(), context);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(result.statusCode).toBe(500);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it.each([
    [
      'created with its own Location',
      () => created('/users/1', { id: 1 }, { headers: { Location: '/users/1' } }),
      '/users/1',
    ],
    [
      'redirect with another Location',
      () => redirect('/a', 302, { headers: { LOCATION: '/b' } }),
      '/a',
    ],
  ])('%s: the constructor’s Location wins, sent once', async (_, build, location) => {
    const lambda = toLambda(() => ok(build()));
    const result = await lambda(httpApiEvent(), context);
    expect(result.headers?.['location']).toBe(location);
  });

  it('a reply with two different Location values is a defect', async () => {
    const log = logger();
    const lambda = toLambda(() => ok(json(1, { headers: { location: ['/a', '/b'] } })), {
      logger: log,
    });
    expect((await lambda(httpApiEvent(), context)).statusCode).toBe(500);
  });

  it('a source built at run time adds nothing but pointer, parameter or header', async () => {
    const source = { pointer: '/x', status: 200, title: 'hacked' } as unknown as ProblemSource;
    for (const errorFormat of ['json-api', 'problem'] as const) {
      const lambda = toLambda(() => err(badRequest({ source })), { errorFormat });
      const body = JSON.parse((await lambda(httpApiEvent(), context)).body ?? '') as unknown;
      expect(JSON.stringify(body)).not.toContain('hacked');
    }
  });

  it('a handler that replaces the request maps still gets a masked 500, never a rejection', async () => {
    const lambda = toLambda(
      (request) => {
        Object.assign(request, { headers: null });
        throw new Error('boom');
      },
      { errorFormat: 'negotiate', logger: logger() },
    );
    const result = await lambda(httpApiEvent(), context);
    expect(result.statusCode).toBe(500);
  });

  it('ALB multi-value mode: the last-resort 500 uses multiValueHeaders', async () => {
    const detached = new Uint8Array(4);
    structuredClone(detached.buffer, { transfer: [detached.buffer] });
    const log = logger();
    const lambda = toLambda(() => ok(binary(detached)), { logger: log });
    const result = await lambda(albEvent({ multiValue: true }), context);
    expect(result).toEqual({
      statusCode: 500,
      statusDescription: '500 Internal Server Error',
      multiValueHeaders: {
        'content-type': ['application/json'],
        'x-request-id': [LAMBDA_REQUEST_ID],
      },
      body: '{"errors":[{"status":"500","title":"Internal Server Error"}],"meta":{"requestId":"lambda-req-1"}}',
      isBase64Encoded: false,
    });
  });

  it('the last-resort 500 quotes the client’s request id once it was adopted', async () => {
    const detached = new Uint8Array(4);
    structuredClone(detached.buffer, { transfer: [detached.buffer] });
    const lambda = toLambda(() => ok(binary(detached)), { logger: logger() });
    const result = await lambda(
      albEvent({ headers: { 'x-request-id': 'client-1' }, multiValue: true }),
      context,
    );
    expect(result).toEqual({
      statusCode: 500,
      statusDescription: '500 Internal Server Error',
      multiValueHeaders: { 'content-type': ['application/json'], 'x-request-id': ['client-1'] },
      body: '{"errors":[{"status":"500","title":"Internal Server Error"}],"meta":{"requestId":"client-1"}}',
      isBase64Encoded: false,
    });
  });
});

describe('hardening of maps, metrics and middleware', () => {
  it('an async metrics writer that rejects causes no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', onUnhandled);
    try {
      const lambda = toLambda(() => ok(1), {
        logger: logger(),
        metrics: { namespace: 'n', write: async () => Promise.reject(new Error('sink down')) },
      });
      expect((await lambda(httpApiEvent(), context)).statusCode).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('compression weakens a strong ETag, since the bytes changed', async () => {
    const lambda = toLambda(() => ok(text('x'.repeat(4096), { headers: { etag: '"v1"' } })), {
      logger: logger(),
      middleware: [compress()],
    });
    const result = await lambda(httpApiEvent({ headers: { 'accept-encoding': 'gzip' } }), context);
    expect(result.headers?.['etag']).toBe('W/"v1"');
    expect(result.headers?.['content-encoding']).toBe('gzip');
  });

  it('a middleware that returns no response is a masked, logged defect', async () => {
    const log = logger();
    const broken: Middleware = () => async () =>
      Promise.resolve(undefined as unknown as HttpResponse);
    const result = await toLambda(() => ok(1), { logger: log, middleware: [broken] })(
      httpApiEvent(),
      context,
    );
    expect(result.statusCode).toBe(500);
    expect(log.error.mock.calls[0]?.[0]).toMatchObject({
      message: 'Handler defect answered with a masked 500',
      errorMessage: 'A middleware returned something that is not a response.',
    });
  });

  it('an override given as undefined keeps the original entry', async () => {
    class Gone extends TaggedError('Gone') {}
    const map = errorMap<Gone>({ Gone: { status: 410 } });
    const overrides = { Gone: undefined } as unknown as Partial<ErrorMapEntries<Gone>>;
    const lambda = toLambda(() => err(new Gone()), {
      errors: overrideErrors(map, overrides),
      logger: logger(),
    });
    expect((await lambda(httpApiEvent(), context)).statusCode).toBe(410);
  });
});
