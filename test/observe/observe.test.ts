import { err, ok } from 'neverthrow';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TaggedError, errorMap, notFound, toLambda } from '../../src/index.js';
import type { HttpRequest, Outcome, ProblemError } from '../../src/index.js';
import { albEvent, fakeContext, httpApiEvent, restApiEvent } from '../../src/testing/index.js';
import { capturingLogger } from '../support/logger.js';
import {
  HTTP_REQUEST_ID,
  LAMBDA_REQUEST_ID,
  REST_REQUEST_ID,
  TRACE_ID,
} from '../support/request-id.js';

const context = fakeContext({ awsRequestId: LAMBDA_REQUEST_ID });

class Overloaded extends TaggedError('Overloaded') {}

afterEach(() => {
  vi.restoreAllMocks();
});

/** Every line a console method printed, parsed as JSON. */
function linesOf(spy: { mock: { calls: unknown[][] } }): unknown[] {
  return spy.mock.calls.map((call) => JSON.parse(String(call[0])) as unknown);
}

describe('access log and cold start (default JSON console logger)', () => {
  it('writes one parsed-JSON access line per request; only the first is a cold start', async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    const lambda = toLambda(
      (request: HttpRequest) =>
        request.path === '/gone' ? err(notFound({ code: 'Gone' })) : ok(1),
      {
        accessLog: true,
        clientErrorLogLevel: 'off',
      },
    );
    await lambda(
      restApiEvent({
        path: '/ok',
        headers: { 'X-Amzn-Trace-Id': 'Root=1-abc' },
        requestId: REST_REQUEST_ID,
      }),
      context,
    );
    await lambda(restApiEvent({ path: '/gone', requestId: REST_REQUEST_ID }), context);
    const [first, second] = linesOf(info) as Record<string, unknown>[];
    expect(first).toEqual({
      level: 'info',
      message: 'request',
      requestId: REST_REQUEST_ID,
      lambdaRequestId: 'lambda-req-1',
      method: 'GET',
      path: '/ok',
      route: expect.any(String) as string,
      traceId: 'Root=1-abc',
      status: 200,
      durationMs: expect.any(Number) as number,
      errorCodes: [],
      coldStart: true,
    });
    expect(second).toMatchObject({
      message: 'request',
      path: '/gone',
      status: 404,
      errorCodes: ['Gone'],
      coldStart: false,
    });
    expect(info).toHaveBeenCalledTimes(2);
  });
});

describe('error logging levels', () => {
  it('logs a 4xx at info by default, with the problem codes and sources', async () => {
    const logger = capturingLogger();
    const lambda = toLambda(() => err(notFound({ code: 'UserNotFound', detail: 'No user.' })), {
      logger,
    });
    await lambda(
      httpApiEvent({ headers: { 'x-amzn-trace-id': TRACE_ID }, requestId: HTTP_REQUEST_ID }),
      context,
    );
    expect(logger.error).not.toHaveBeenCalled();
    expect(logger.info.mock.calls).toEqual([
      [
        {
          message: 'Answered 404: a client error',
          requestId: HTTP_REQUEST_ID,
          lambdaRequestId: 'lambda-req-1',
          method: 'GET',
          path: '/',
          route: '$default',
          traceId: TRACE_ID,
          status: 404,
          errors: [{ status: 404, title: 'Not Found', code: 'UserNotFound', detail: 'No user.' }],
        },
      ],
    ]);
  });

  it.each(['warn', 'debug'] as const)('logs a 4xx at %s when configured', async (level) => {
    const logger = capturingLogger();
    const lambda = toLambda(() => err(notFound()), { logger, clientErrorLogLevel: level });
    await lambda(httpApiEvent({ requestId: HTTP_REQUEST_ID }), context);
    expect(logger[level]).toHaveBeenCalledTimes(1);
    expect(logger.info).not.toHaveBeenCalled();
  });

  it('logs nothing for a 4xx when turned off', async () => {
    const logger = capturingLogger();
    await toLambda(() => err(notFound()), { logger, clientErrorLogLevel: 'off' })(
      httpApiEvent({ requestId: HTTP_REQUEST_ID }),
      context,
    );
    for (const level of ['error', 'warn', 'info', 'debug'] as const)
      expect(logger[level]).not.toHaveBeenCalled();
  });

  it('logs a mapped 5xx once at error level with its tag; a defect once, as a defect', async () => {
    const logger = capturingLogger();
    const mapped = toLambda(() => err(new Overloaded()), {
      logger,
      errors: errorMap<Overloaded>({ Overloaded: { status: 503 } }),
    });
    await mapped(httpApiEvent({ requestId: HTTP_REQUEST_ID }), context);
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error.mock.calls[0]?.[0]).toMatchObject({
      status: 503,
      errors: [{ tag: 'Overloaded' }],
    });

    const defectLogger = capturingLogger();
    const defect = toLambda(
      () => {
        throw new Error('boom');
      },
      { logger: defectLogger },
    );
    await defect(httpApiEvent({ requestId: HTTP_REQUEST_ID }), context);
    expect(defectLogger.error).toHaveBeenCalledTimes(1);
    expect(defectLogger.error.mock.calls[0]?.[0]).toMatchObject({
      message: 'Handler defect answered with a masked 500',
    });
  });
});

describe('request id correlation', () => {
  it.each([
    ['a success', () => ok(1), 200],
    ['a problem', () => err(notFound()), 404],
    [
      'a defect',
      () => {
        throw new Error('x');
      },
      500,
    ],
  ] as const)('echoes the request id on %s', async (_, handler, status) => {
    const lambda = toLambda(handler, { logger: capturingLogger() });
    const result = await lambda(httpApiEvent({ requestId: HTTP_REQUEST_ID }), context);
    expect(result.statusCode).toBe(status);
    expect(result.headers?.['x-request-id']).toBe(HTTP_REQUEST_ID);
    if (status !== 200)
      expect(JSON.parse(result.body ?? '')).toMatchObject({ meta: { requestId: HTTP_REQUEST_ID } });
  });

  it('adopts a sane x-request-id from the client everywhere: header, body, logs', async () => {
    const logger = capturingLogger();
    const lambda = toLambda(() => err(notFound()), { logger });
    const result = await lambda(
      httpApiEvent({ headers: { 'x-request-id': 'client-id-42' }, requestId: HTTP_REQUEST_ID }),
      context,
    );
    expect(result.headers?.['x-request-id']).toBe('client-id-42');
    expect(JSON.parse(result.body ?? '')).toMatchObject({ meta: { requestId: 'client-id-42' } });
    expect(logger.info.mock.calls[0]?.[0]).toMatchObject({
      requestId: 'client-id-42',
      gatewayRequestId: HTTP_REQUEST_ID,
    });
  });

  it.each([
    ['with a space', 'a b'],
    ['too long', 'x'.repeat(201)],
    ['with a non-ASCII character', 'id-é'],
  ])('ignores a client request id %s', async (_, id) => {
    const lambda = toLambda(() => ok(1), { logger: capturingLogger() });
    const result = await lambda(
      httpApiEvent({ headers: { 'x-request-id': id }, requestId: HTTP_REQUEST_ID }),
      context,
    );
    expect(result.headers?.['x-request-id']).toBe(HTTP_REQUEST_ID);
  });

  it('can keep its own ids, and use another header name', async () => {
    const lambda = toLambda(() => ok(1), {
      logger: capturingLogger(),
      acceptRequestId: false,
      requestIdHeader: 'X-Correlation-Id',
    });
    const result = await lambda(
      httpApiEvent({ headers: { 'x-correlation-id': 'theirs' }, requestId: HTTP_REQUEST_ID }),
      context,
    );
    expect(result.headers).toEqual({
      'content-type': 'application/json',
      'x-correlation-id': HTTP_REQUEST_ID,
    });
  });

  it('ALB (no gateway id): the Lambda request id, in multiValueHeaders in that mode', async () => {
    const lambda = toLambda(() => ok(1), { logger: capturingLogger() });
    const result = await lambda(albEvent({ multiValue: true }), context);
    expect(result.multiValueHeaders?.['x-request-id']).toEqual(['lambda-req-1']);
  });
});

describe('CloudWatch Embedded Metric Format', () => {
  interface Emf {
    readonly _aws: {
      readonly Timestamp: number;
      readonly CloudWatchMetrics: readonly {
        readonly Namespace: string;
        readonly Dimensions: readonly (readonly string[])[];
        readonly Metrics: readonly { readonly Name: string; readonly Unit: string }[];
      }[];
    };
    readonly [field: string]: unknown;
  }

  /** The EMF specification's structural rules, checked on one document. */
  function expectValidEmf(document: Emf): void {
    expect(Number.isInteger(document._aws.Timestamp)).toBe(true);
    for (const directive of document._aws.CloudWatchMetrics) {
      expect(directive.Namespace.length).toBeGreaterThan(0);
      for (const dimensionSet of directive.Dimensions) {
        expect(dimensionSet.length).toBeLessThanOrEqual(30);
        for (const dimension of dimensionSet) expect(typeof document[dimension]).toBe('string');
      }
      for (const metric of directive.Metrics) expect(typeof document[metric.Name]).toBe('number');
    }
  }

  async function emfFor(
    handler: (request: HttpRequest) => Outcome<unknown, ProblemError>,
    path: string,
  ): Promise<Emf> {
    const lines: string[] = [];
    const lambda = toLambda(handler, {
      logger: capturingLogger(),
      metrics: { namespace: 'shop-api', write: (line) => lines.push(line) },
    });
    await lambda(
      restApiEvent({ path, resource: '/users/{id}', requestId: REST_REQUEST_ID }),
      context,
    );
    expect(lines).toHaveLength(1);
    return JSON.parse(lines[0] ?? '') as Emf;
  }

  it.each([
    ['a success', () => ok(1), { ClientErrors: 0, ServerErrors: 0, Defects: 0 }],
    ['a 4xx', () => err(notFound()), { ClientErrors: 1, ServerErrors: 0, Defects: 0 }],
    [
      'a defect',
      () => {
        throw new Error('x');
      },
      { ClientErrors: 0, ServerErrors: 1, Defects: 1 },
    ],
  ] as const)('counts %s per route', async (_, handler, counts) => {
    const document = await emfFor(handler, '/users/u-1');
    expectValidEmf(document);
    expect(document).toEqual({
      _aws: {
        Timestamp: expect.any(Number) as number,
        CloudWatchMetrics: [
          {
            Namespace: 'shop-api',
            Dimensions: [['Route']],
            Metrics: [
              { Name: 'Requests', Unit: 'Count' },
              { Name: 'ClientErrors', Unit: 'Count' },
              { Name: 'ServerErrors', Unit: 'Count' },
              { Name: 'Defects', Unit: 'Count' },
              { Name: 'Duration', Unit: 'Milliseconds' },
            ],
          },
        ],
      },
      Route: '/users/{id}',
      Requests: 1,
      ...counts,
      Duration: expect.any(Number) as number,
      requestId: REST_REQUEST_ID,
    });
  });

  it('writes to standard output by default, one line per request', async () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    await toLambda(() => ok(1), { logger: capturingLogger(), metrics: { namespace: 'n' } })(
      restApiEvent({ requestId: REST_REQUEST_ID }),
      context,
    );
    expect(write).toHaveBeenCalledTimes(1);
    const line = String(write.mock.calls[0]?.[0]);
    expect(line.endsWith('\n')).toBe(true);
    expectValidEmf(JSON.parse(line) as Emf);
  });

  it('a metric writer that throws does not change the answer', async () => {
    const lambda = toLambda(() => ok(1), {
      logger: capturingLogger(),
      metrics: {
        namespace: 'n',
        write: () => {
          throw new Error('disk full');
        },
      },
    });
    expect((await lambda(httpApiEvent({ requestId: HTTP_REQUEST_ID }), context)).statusCode).toBe(
      200,
    );
  });
});
