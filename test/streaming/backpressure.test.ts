import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { stream, toStreamingLambda } from '../../src/streaming/index.js';
import { LocalResponseStream } from '../../src/streaming/local-stream.js';
import { fakeContext, functionUrlEvent, invokeStream } from '../../src/testing/index.js';
import { later } from './support.js';

const CHUNK = 'x'.repeat(1024);

describe('backpressure', () => {
  it('never reads the producer far ahead of a slow client', async () => {
    let produced = 0;
    let received = 0;
    let lead = 0;
    async function* body(): AsyncGenerator<string> {
      for (let n = 0; n < 64; n += 1) {
        produced += 1;
        lead = Math.max(lead, produced - received);
        await Promise.resolve();
        yield CHUNK;
      }
    }
    const handler = toStreamingLambda(() => ok(stream(body())), { logger: false });
    const responseStream = new LocalResponseStream(
      {
        head: () => undefined,
        chunk: async () => {
          received += 1;
          await later(1);
        },
        end: () => undefined,
      },
      4096,
    );
    await handler(functionUrlEvent(), responseStream, fakeContext());
    expect(received).toBe(64);
    // The stream's 4 KiB buffer holds four 1 KiB chunks; one is with the client, one being read.
    expect(lead).toBeLessThanOrEqual(7);
  });

  it('lets the client set the pace: chunks arrive spread over time', async () => {
    const handler = toStreamingLambda(
      () =>
        ok(
          stream(
            (async function* () {
              for (let n = 0; n < 6; n += 1) {
                await Promise.resolve();
                yield CHUNK;
              }
            })(),
          ),
        ),
      { logger: false },
    );
    const response = await invokeStream(handler, functionUrlEvent(), undefined, {
      chunkDelayMs: 10,
      highWaterMark: 1024,
    });
    expect(response.chunks).toHaveLength(6);
    const last = response.chunks.at(-1)?.atMs ?? 0;
    const first = response.chunks[0]?.atMs ?? 0;
    expect(last - first).toBeGreaterThanOrEqual(40);
  });

  it('reads a Node.js Readable and a web ReadableStream without reading them whole first', async () => {
    const { Readable } = await import('node:stream');
    let pulled = 0;
    const readable = new Readable({
      highWaterMark: 2048,
      read() {
        pulled += 1;
        this.push(pulled <= 32 ? CHUNK : null);
      },
    });
    const web = new ReadableStream<string>({
      pull(controller) {
        controller.enqueue('web ');
        controller.close();
      },
    });
    for (const body of [readable, web]) {
      const handler = toStreamingLambda(() => ok(stream(body)), { logger: false });
      const response = await invokeStream(handler, functionUrlEvent(), undefined, {
        chunkDelayMs: 1,
        highWaterMark: 1024,
      });
      expect(response.status).toBe(200);
      expect(response.bytes.byteLength).toBe(body === readable ? 32 * 1024 : 4);
    }
  });
});
