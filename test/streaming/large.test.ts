import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { stream, toStreamingLambda } from '../../src/streaming/index.js';
import { LocalResponseStream } from '../../src/streaming/local-stream.js';
import { fakeContext, functionUrlEvent } from '../../src/testing/index.js';
import { later } from './support.js';

const CHUNK_BYTES = 64 * 1024;
/** 100 MiB: 1,600 chunks of 64 KiB, within the default body limit (199,934,464 bytes). */
const CHUNKS = 1600;
/** Every this many chunks, memory is measured after a full collection. */
const SAMPLE_EVERY = 100;
const MEMORY_BOUND = 32 * 1024 * 1024;

/**
 * A full garbage collection, so that what is measured is what is still held, not what awaits
 * collection. `--expose-gc` turned on at run time; the function is read from a fresh context.
 */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function held(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

describe('a 100 MiB stream to a slow client', () => {
  it('keeps the producer a few chunks ahead and memory bounded', { timeout: 60_000 }, async () => {
    const gc = collector();
    let produced = 0;
    let received = 0;
    let receivedBytes = 0;
    let lead = 0;
    let outOfOrder = 0;
    let peak = 0;
    gc();
    const baseline = held();
    // Every chunk is a fresh 64 KiB buffer, marked with its number: a stream that held on to
    // chunks would hold their memory.
    async function* body(): AsyncGenerator<Uint8Array> {
      for (let n = 0; n < CHUNKS; n += 1) {
        produced += 1;
        lead = Math.max(lead, produced - received);
        await Promise.resolve();
        yield Buffer.alloc(CHUNK_BYTES, n & 0xff);
      }
    }
    const handler = toStreamingLambda(() => ok(stream(body())), {
      logger: false,
      deadline: false,
    });
    const responseStream = new LocalResponseStream({
      head: () => undefined,
      // A slow client: every chunk waits for the next turn of the event loop, every eighth for a
      // timer besides, so the producer finds the stream's buffer full again and again.
      chunk: async (bytes) => {
        if (bytes[0] !== (received & 0xff) || bytes.byteLength !== CHUNK_BYTES) outOfOrder += 1;
        received += 1;
        receivedBytes += bytes.byteLength;
        if (received % SAMPLE_EVERY === 0) {
          gc();
          peak = Math.max(peak, held() - baseline);
        }
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (received % 8 === 0) await later(1);
      },
      end: () => undefined,
    });
    await handler(functionUrlEvent(), responseStream, fakeContext());
    expect(responseStream.writableFinished).toBe(true);
    expect(received).toBe(CHUNKS);
    expect(receivedBytes).toBe(CHUNKS * CHUNK_BYTES);
    expect(outOfOrder).toBe(0);
    // Each 64 KiB chunk fills the 16 KiB buffer by itself, so the next is taken from the producer
    // only once the client has it: one chunk ahead (four allowed for the loop's own turns).
    expect(lead).toBeLessThanOrEqual(4);
    expect(peak).toBeLessThan(MEMORY_BOUND);
  });
});
