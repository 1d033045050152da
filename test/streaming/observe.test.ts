import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { notFound, router } from '../../src/index.js';
import { stream, toStreamingLambda } from '../../src/streaming/index.js';
import { functionUrlEvent, invokeStream, restApiEvent } from '../../src/testing/index.js';
import { produce } from './support.js';

describe('logs, metrics and the request id', () => {
  it('writes one access line and one EMF line when the stream ends, with bytes and time to first byte', async () => {
    const handler = toStreamingLambda(() => ok(stream(produce(['abc', 'defg'], { delayMs: 5 }))), {
      accessLog: true,
      metrics: { namespace: 'shop' },
    });
    const response = await invokeStream(
      handler,
      restApiEvent({ path: '/export', headers: { 'x-request-id': 'req-7' } }),
    );
    expect(response.headers['x-request-id']).toBe('req-7');
    const [access, metrics, ...rest] = response.logs;
    expect(rest).toEqual([]);
    expect(access).toMatchObject({
      level: 'info',
      message: 'request',
      requestId: 'req-7',
      status: 200,
      bytesSent: 7,
      streamed: true,
      outcome: 'complete',
    });
    expect(access?.['timeToFirstByteMs']).toBeGreaterThan(0);
    expect(Number(access?.['durationMs'])).toBeGreaterThanOrEqual(
      Number(access?.['timeToFirstByteMs']),
    );
    expect(metrics).toMatchObject({ level: 'metrics', Requests: 1, BytesSent: 7 });
    expect(JSON.stringify(metrics)).toContain('"Name":"TimeToFirstByte","Unit":"Milliseconds"');
  });

  it('logs a problem answered before the first byte as toLambda logs one', async () => {
    const handler = toStreamingLambda(
      () => ok(stream(produce([], { thenThrow: notFound({ code: 'Gone' }) }))),
      { accessLog: true },
    );
    const response = await invokeStream(handler, functionUrlEvent({ path: '/r' }));
    expect(response.logs.map((log) => log.level === 'metrics' || log.message)).toEqual([
      'Answered 404: a client error',
      'request',
    ]);
    expect(response.logs[1]).toMatchObject({ status: 404, streamed: false, errorCodes: ['Gone'] });
  });

  it('reports the route a router matched', async () => {
    const handler = toStreamingLambda(
      router().get('/reports/{id}', () => ok(stream(produce(['r'])))),
      { accessLog: true },
    );
    const response = await invokeStream(handler, functionUrlEvent({ path: '/reports/7' }));
    expect(response.logs[0]).toMatchObject({ route: 'GET /reports/{id}', bytesSent: 1 });
  });

  it('prints nothing and captures nothing with logger: false', async () => {
    const handler = toStreamingLambda(() => ok(stream(produce(['a']))), {
      logger: false,
      accessLog: true,
    });
    expect((await invokeStream(handler, functionUrlEvent())).logs).toEqual([]);
  });
});
