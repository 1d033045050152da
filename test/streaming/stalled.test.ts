/**
 * A client that is slow or stalled must not hold an answer past its deadline: `finish` comes only
 * once the client has taken everything buffered, so the stream is cut after a short grace, and
 * the access line and metrics are still written.
 */
import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { text } from '../../src/index.js';
import { serverSentEvents, stream, toStreamingLambda } from '../../src/streaming/index.js';
import type { InvokeLog } from '../../src/testing/index.js';
import { fakeContext, functionUrlEvent, invokeStream } from '../../src/testing/index.js';
import { later, produce } from './support.js';

/** A client that takes one chunk, then nothing for far longer than the invocation may run. */
const STALLED = { chunkDelayMs: 10_000, highWaterMark: 1024 } as const;
/**
 * Lambda's timeout in these tests; the deadline is 1 s before it, and the grace after it 250 ms,
 * so an answer that is cut ends about 750 ms before the timeout: room for a loaded machine. A
 * stream that waited for the stalled client would run for 10 s.
 */
const TIMEOUT_MS = 3000;
const OPTIONS = {
  deadline: { marginMs: 1000 },
  accessLog: true,
  metrics: { namespace: 'shop' },
} as const;

function accessLine(logs: readonly InvokeLog[]): InvokeLog | undefined {
  return logs.find((log) => log.level === 'info' && log.message === 'request');
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

describe('a slow or stalled client at the deadline', () => {
  it('cuts an event stream before Lambda’s timeout, and writes the access line and metrics', async () => {
    const handler = toStreamingLambda(
      () =>
        ok(
          serverSentEvents(
            (async function* () {
              for (;;) {
                await Promise.resolve();
                yield { data: 'y'.repeat(60_000) };
              }
            })(),
          ),
        ),
      OPTIONS,
    );
    const { value: response, ms } = await timed(() =>
      invokeStream(handler, functionUrlEvent(), fakeContext({ timeoutMs: TIMEOUT_MS }), STALLED),
    );
    expect(ms).toBeLessThan(TIMEOUT_MS);
    expect(response.status).toBe(200);
    expect(accessLine(response.logs)).toMatchObject({
      status: 200,
      streamed: true,
      outcome: 'deadline',
    });
    expect(response.logs.some((log) => log.level === 'metrics')).toBe(true);
    expect(
      response.logs.some(
        (log) =>
          log.level === 'error' &&
          log.message === 'Stream reached the deadline after its first byte; ended it early',
      ),
    ).toBe(true);
  });

  it('cuts a stream whose producer is done but whose client has not taken the rest', async () => {
    const handler = toStreamingLambda(
      () => ok(stream(produce(['x'.repeat(800), 'x'.repeat(800)]))),
      OPTIONS,
    );
    const { value: response, ms } = await timed(() =>
      invokeStream(handler, functionUrlEvent(), fakeContext({ timeoutMs: TIMEOUT_MS }), STALLED),
    );
    expect(ms).toBeLessThan(TIMEOUT_MS);
    expect(accessLine(response.logs)).toMatchObject({ outcome: 'deadline', bytesSent: 1600 });
  });

  it('cuts a buffered answer the client does not take', async () => {
    const handler = toStreamingLambda(() => ok(text('x'.repeat(20_000))), OPTIONS);
    const { value: response, ms } = await timed(() =>
      invokeStream(handler, functionUrlEvent(), fakeContext({ timeoutMs: TIMEOUT_MS }), STALLED),
    );
    expect(ms).toBeLessThan(TIMEOUT_MS);
    expect(accessLine(response.logs)).toMatchObject({
      status: 200,
      streamed: false,
      outcome: 'deadline',
    });
  });

  it('cuts the deadline’s own 503 when the client does not take it', async () => {
    const handler = toStreamingLambda(async () => {
      await later(2000);
      return ok(text('too late'));
    }, OPTIONS);
    const { value: response, ms } = await timed(() =>
      invokeStream(handler, functionUrlEvent(), fakeContext({ timeoutMs: TIMEOUT_MS }), STALLED),
    );
    expect(ms).toBeLessThan(TIMEOUT_MS);
    expect(response.status).toBe(503);
    expect(accessLine(response.logs)).toMatchObject({ status: 503, outcome: 'deadline' });
  });

  it('lets a slow client that keeps up finish an answer that ends before the deadline', async () => {
    const handler = toStreamingLambda(
      () => ok(stream(produce(['a'.repeat(800), 'b'.repeat(800)]))),
      OPTIONS,
    );
    const response = await invokeStream(
      handler,
      functionUrlEvent(),
      fakeContext({ timeoutMs: 5000 }),
      { chunkDelayMs: 20, highWaterMark: 1024 },
    );
    expect(response.bytes.byteLength).toBe(1600);
    expect(accessLine(response.logs)).toMatchObject({ outcome: 'complete' });
  });
});
