import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { TaggedError, errorMap, gatewayTimeout, notFound, text } from '../../src/index.js';
import {
  ClientGoneError,
  DeadlineError,
  serverSentEvents,
  stream,
  toStreamingLambda,
} from '../../src/streaming/index.js';
import type { StreamingContext } from '../../src/streaming/index.js';
import {
  albEvent,
  fakeContext,
  functionUrlEvent,
  httpApiEvent,
  invokeStream,
  restApiEvent,
} from '../../src/testing/index.js';
import { capturingLogger } from '../support/logger.js';
import { later, produce } from './support.js';

class OutOfStock extends TaggedError('OutOfStock') {}

describe('a failure before the first byte', () => {
  it('answers a thrown problem with its status and document', async () => {
    const handler = toStreamingLambda(
      () => ok(stream(produce([], { thenThrow: notFound({ code: 'NoSuchReport' }) }))),
      { logger: capturingLogger() },
    );
    const response = await invokeStream(handler, functionUrlEvent({ path: '/r' }));
    expect(response.status).toBe(404);
    expect(response.json()).toMatchObject({
      errors: [{ status: '404', code: 'NoSuchReport' }],
    });
    expect(response.headers['x-request-id']).toBeDefined();
  });

  it('maps a thrown domain error through the error map', async () => {
    const handler = toStreamingLambda(
      () => ok(stream(produce([], { thenThrow: new OutOfStock() }))),
      { errors: errorMap<OutOfStock>({ OutOfStock: { status: 409 } }), logger: false },
    );
    const response = await invokeStream(handler, restApiEvent({ path: '/r' }));
    expect(response.status).toBe(409);
    expect(response.json()).toMatchObject({ errors: [{ code: 'OutOfStock' }] });
  });

  it('answers a throw that is no problem with the masked 500, logged with its cause', async () => {
    const logger = capturingLogger();
    const handler = toStreamingLambda(
      () =>
        ok(
          stream(
            produce([], {
              thenThrow: new Error('database password is hunter2', { cause: new Error('socket') }),
            }),
          ),
        ),
      { logger },
    );
    const response = await invokeStream(handler, functionUrlEvent());
    expect(response.status).toBe(500);
    expect(response.body).not.toContain('hunter2');
    const logged = logger.error.mock.calls.map(([record]) => record);
    expect(logged).toHaveLength(1);
    expect(JSON.stringify(logged[0])).toContain('hunter2');
    expect(JSON.stringify(logged[0])).toContain('socket');
  });

  it('answers a chunk that is neither text nor bytes with the masked 500', async () => {
    const handler = toStreamingLambda(() => ok(stream(produce<string>([42 as never]))), {
      logger: false,
    });
    expect((await invokeStream(handler, functionUrlEvent())).status).toBe(500);
  });
});

describe('a failure after the first byte', () => {
  it('keeps the status, logs with request id and cause chain, and ends the body cleanly', async () => {
    const logger = capturingLogger();
    const handler = toStreamingLambda(
      () =>
        ok(
          stream(
            produce(['partial'], {
              thenThrow: new Error('upstream broke', { cause: new Error('ECONNRESET') }),
            }),
          ),
        ),
      { logger },
    );
    const response = await invokeStream(
      handler,
      functionUrlEvent({ headers: { 'x-request-id': 'req-42' } }),
    );
    expect(response.status).toBe(200);
    expect(response.body).toBe('partial');
    const [record] = logger.error.mock.calls.map(([r]) => r);
    expect(record).toMatchObject({
      message: 'Stream failed after its first byte; ended it early',
      requestId: 'req-42',
      status: 200,
      bytesSent: 7,
    });
    expect(JSON.stringify(record)).toContain('ECONNRESET');
  });

  it('tells an event stream in an error event, masked for a defect', async () => {
    const handler = toStreamingLambda(
      () =>
        ok(
          serverSentEvents(produce([{ data: 'first' }], { thenThrow: new Error('secret detail') })),
        ),
      { logger: false, errorFormat: 'problem' },
    );
    const response = await invokeStream(handler, functionUrlEvent());
    expect(response.status).toBe(200);
    const [first, error] = response.body.split('\n\n');
    expect(first).toBe('data: first');
    expect(error).toMatch(/^event: error\ndata: \{/);
    expect(response.body).not.toContain('secret detail');
    const document = JSON.parse((error ?? '').split('data: ')[1] ?? '') as Record<string, unknown>;
    expect(document).toMatchObject({ status: 500, title: 'Internal Server Error' });
  });

  it('tells an event stream the problem a producer threw', async () => {
    const handler = toStreamingLambda(
      () =>
        ok(
          serverSentEvents(
            produce(['first'], {
              thenThrow: gatewayTimeout({
                code: 'model-timeout',
                detail: 'The model did not answer.',
              }),
            }),
          ),
        ),
      { logger: false },
    );
    const response = await invokeStream(handler, functionUrlEvent());
    expect(response.body).toContain('"code":"model-timeout"');
  });
});

describe('the client going away', () => {
  it('aborts the signal the handler reads and stops the producer', async () => {
    const controller = new AbortController();
    let produced = 0;
    let reason: unknown;
    let finished = false;
    const handler = toStreamingLambda(
      (_request, context: StreamingContext) => {
        context.signal.addEventListener('abort', () => {
          reason = context.signal.reason;
        });
        return ok(
          stream(
            (async function* () {
              try {
                for (;;) {
                  produced += 1;
                  yield `chunk ${String(produced)}\n`;
                  await later(5);
                }
              } finally {
                finished = true;
              }
            })(),
          ),
        );
      },
      { logger: false },
    );
    setTimeout(() => {
      controller.abort();
    }, 40);
    await invokeStream(handler, functionUrlEvent(), undefined, { signal: controller.signal });
    await later(20);
    expect(reason).toBeInstanceOf(ClientGoneError);
    expect(finished).toBe(true);
    const count = produced;
    await later(30);
    expect(produced).toBe(count);
  });
});

describe('the deadline', () => {
  it('answers the 503 deadline problem when nothing was sent yet', async () => {
    const handler = toStreamingLambda(
      () =>
        ok(
          stream(
            (async function* () {
              await later(1000);
              yield 'too late';
            })(),
          ),
        ),
      { logger: false, deadline: { marginMs: 50 } },
    );
    const started = Date.now();
    const response = await invokeStream(
      handler,
      functionUrlEvent(),
      fakeContext({ timeoutMs: 100 }),
    );
    expect(Date.now() - started).toBeLessThan(900);
    expect(response.status).toBe(503);
    expect(response.json()).toMatchObject({ errors: [{ code: 'deadline-exceeded' }] });
  });

  it('answers the 503 when the handler itself has not answered by then', async () => {
    const handler = toStreamingLambda(
      async () => {
        await later(1000);
        return ok(text('too late'));
      },
      { logger: false, deadline: { marginMs: 50 } },
    );
    const response = await invokeStream(handler, restApiEvent(), fakeContext({ timeoutMs: 100 }));
    expect(response.status).toBe(503);
  });

  it('ends a started stream at the deadline, with an error event and the signal aborted', async () => {
    const logger = capturingLogger();
    let reason: unknown;
    const handler = toStreamingLambda(
      (_request, context: StreamingContext) => {
        context.signal.addEventListener('abort', () => {
          reason = context.signal.reason;
        });
        return ok(serverSentEvents(produce(['started', 'too late'], { delayMs: 100 })));
      },
      { logger, deadline: { marginMs: 50 } },
    );
    const response = await invokeStream(
      handler,
      functionUrlEvent(),
      fakeContext({ timeoutMs: 200 }),
    );
    expect(response.status).toBe(200);
    expect(response.body).toContain('data: started\n\n');
    expect(response.body).toContain('event: error\ndata: {"errors":[{"status":"503"');
    expect(response.body).not.toContain('too late');
    expect(logger.error.mock.calls[0]?.[0]).toMatchObject({
      message: 'Stream reached the deadline after its first byte; ended it early',
    });
    expect(reason).toBeInstanceOf(DeadlineError);
  });

  it('can be turned off', async () => {
    const handler = toStreamingLambda(
      () =>
        ok(
          stream(
            (async function* () {
              await later(80);
              yield 'done';
            })(),
          ),
        ),
      { logger: false, deadline: false },
    );
    const response = await invokeStream(
      handler,
      functionUrlEvent(),
      fakeContext({ timeoutMs: 10 }),
    );
    expect(response.body).toBe('done');
  });

  it('gives the handler the reason', () => {
    expect(new DeadlineError(500).message).toContain('500 ms');
  });
});

describe('the body limit', () => {
  it('cuts a stream at its limit and logs it', async () => {
    const logger = capturingLogger();
    const handler = toStreamingLambda(
      () => ok(stream(produce(Array.from({ length: 10 }, () => 'x'.repeat(1000))))),
      { logger, bodyLimit: 4096 },
    );
    const response = await invokeStream(handler, functionUrlEvent());
    expect(response.status).toBe(200);
    expect(response.bytes.byteLength).toBe(4000);
    expect(logger.error.mock.calls[0]?.[0]).toMatchObject({
      message: 'Streamed body reached its limit; ended it early',
    });
  });

  it('answers a masked 500 when the first chunk is past the limit', async () => {
    const handler = toStreamingLambda(() => ok(stream(produce(['x'.repeat(5000)]))), {
      logger: false,
      bodyLimit: 4096,
    });
    expect((await invokeStream(handler, functionUrlEvent())).status).toBe(500);
  });

  it('answers a masked 500 for a buffered body past the limit', async () => {
    const handler = toStreamingLambda(() => ok(text('x'.repeat(5000))), {
      logger: false,
      bodyLimit: 4096,
    });
    const response = await invokeStream(handler, restApiEvent());
    expect(response.status).toBe(500);
  });

  it('refuses a limit past what Lambda streams, or below 4096', () => {
    expect(() => toStreamingLambda(() => ok(), { bodyLimit: 300_000_000 })).toThrow(/bodyLimit/);
    expect(() => toStreamingLambda(() => ok(), { bodyLimit: 100 })).toThrow(/bodyLimit/);
  });
});

describe('sources that cannot stream', () => {
  it.each([
    ['HTTP API', httpApiEvent({ path: '/x' }), 'an HTTP API'],
    ['ALB', albEvent({ path: '/x' }), 'an Application Load Balancer'],
  ])(
    'answers an %s event with its own JSON 500 result and a log that says what to change',
    async (_name, event, source) => {
      const logger = capturingLogger();
      const handler = toStreamingLambda(() => ok(stream(produce(['x']))), {
        logger,
      });
      const response = await invokeStream(handler, event);
      expect(response.prelude).toBeUndefined();
      expect(response.status).toBe(500);
      expect(response.json()).toMatchObject({ errors: [{ code: 'streaming-unsupported' }] });
      const message = String(logger.error.mock.calls[0]?.[0].message);
      expect(message).toContain(source);
      expect(message).toContain('RESPONSE_STREAM');
      expect(message).toContain('responseTransferMode STREAM');
    },
  );
});
