/**
 * Nothing of a stream outlives it: the heartbeat timer of a server-sent events body stops when the
 * body is closed, and a producer that is never read (a refused reply, HEAD, a 304) is released —
 * a Node.js `Readable` destroyed, as a file read stream must be to close its descriptor.
 */
import { Readable } from 'node:stream';
import { ok } from 'neverthrow';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { serverSentEvents, stream, toStreamingLambda } from '../../src/streaming/index.js';
import type { ServerSentEvent } from '../../src/streaming/index.js';
import { functionUrlEvent, invokeStream } from '../../src/testing/index.js';

/** A producer like a file read stream: it holds a resource until it is destroyed. */
function fileLike(): Readable {
  return new Readable({
    read() {
      this.push('contents');
      this.push(null);
    },
  });
}

/** An event source that sends one event and then waits forever. */
async function* quietAfterOne(): AsyncGenerator<ServerSentEvent> {
  yield { data: 'a' };
  await new Promise(() => undefined);
}

describe('the heartbeat of a closed event stream', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('clears the timer of a waiting next() and settles it as done', async () => {
    vi.useFakeTimers();
    const reply = serverSentEvents(quietAfterOne(), { heartbeatMs: 3000 });
    const body = (reply.body as AsyncIterable<string>)[Symbol.asyncIterator]();
    await expect(body.next()).resolves.toEqual({ done: false, value: 'data: a\n\n' });
    const waiting = body.next();
    expect(vi.getTimerCount()).toBe(1);
    await body.return?.();
    expect(vi.getTimerCount()).toBe(0);
    await expect(waiting).resolves.toEqual({ done: true, value: undefined });
    await expect(body.next()).resolves.toEqual({ done: true, value: undefined });
  });

  it('leaves no timer behind when the client goes away', async () => {
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const heartbeatMs = 60_000;
    const set = globalThis.setTimeout;
    const clear = globalThis.clearTimeout;
    const setSpy = vi
      .spyOn(globalThis, 'setTimeout')
      .mockImplementation((callback: () => void, ms?: number) => {
        const timer = set(callback, ms);
        if (ms === heartbeatMs) timers.add(timer);
        return timer;
      });
    const clearSpy = vi.spyOn(globalThis, 'clearTimeout').mockImplementation(((
      timer?: ReturnType<typeof setTimeout>,
    ) => {
      if (timer !== undefined) timers.delete(timer);
      clear(timer);
    }) as typeof clearTimeout);
    try {
      const controller = new AbortController();
      const handler = toStreamingLambda(
        () => ok(serverSentEvents(quietAfterOne(), { heartbeatMs })),
        { logger: false, deadline: false },
      );
      set(() => {
        controller.abort();
      }, 30);
      const response = await invokeStream(handler, functionUrlEvent(), undefined, {
        signal: controller.signal,
      });
      expect(response.body).toBe('data: a\n\n');
      expect(timers.size).toBe(0);
    } finally {
      setSpy.mockRestore();
      clearSpy.mockRestore();
      for (const timer of timers) clear(timer);
    }
  });
});

describe('a producer that is never read', () => {
  it('is released when stream() refuses a status that is no success status', () => {
    const body = fileLike();
    expect(() => stream(body, { status: 404 } as never)).toThrow(
      /^stream: the status is 404; a streamed reply is 2xx or 3xx/,
    );
    expect(body.destroyed).toBe(true);
  });

  it('is released when serverSentEvents() refuses its options', () => {
    const events = Readable.from([{ data: 'a' }]);
    expect(() => serverSentEvents(events, { status: 500 } as never)).toThrow(
      /^serverSentEvents: the status is 500/,
    );
    expect(events.destroyed).toBe(true);
    const other = Readable.from([{ data: 'a' }]);
    expect(() => serverSentEvents(other, { heartbeatMs: 0 })).toThrow(/heartbeatMs/);
    expect(other.destroyed).toBe(true);
  });

  it('answers the masked 500 for a refused status, as for any throw', async () => {
    const body = fileLike();
    const handler = toStreamingLambda(() => ok(stream(body, { status: 404 } as never)), {
      logger: false,
    });
    const response = await invokeStream(handler, functionUrlEvent());
    expect(response.status).toBe(500);
    expect(body.destroyed).toBe(true);
  });

  it('is released when the head of a reply it did not check cannot be made', async () => {
    const body = fileLike();
    // A reply built by another copy of gatefold, or changed after it was built.
    const reply = { ...stream(body), cookies: 'id=1' };
    const handler = toStreamingLambda(() => ok(reply), { logger: false });
    const response = await invokeStream(handler, functionUrlEvent());
    expect(response.status).toBe(500);
    expect(body.destroyed).toBe(true);
  });

  it.each([
    ['a HEAD request', { method: 'HEAD' }, 200],
    ['a 304', {}, 304],
    ['a 204', {}, 204],
  ] as const)('is destroyed unread for %s', async (_name, event, status) => {
    const body = fileLike();
    const handler = toStreamingLambda(() => ok(stream(body, { status })), { logger: false });
    const response = await invokeStream(handler, functionUrlEvent({ path: '/f', ...event }));
    expect(response.status).toBe(status);
    expect(response.body).toBe('');
    expect(body.destroyed).toBe(true);
  });
});
