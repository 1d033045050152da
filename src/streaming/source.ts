/**
 * Reads a streamed body, whatever it was made from, one chunk at a time and only when asked: the
 * adapter asks for the next chunk once the previous one was taken by the response stream, so a
 * producer is never read further ahead than its own buffer (a `Readable`'s `highWaterMark`, a
 * `ReadableStream`'s queue, none for an async generator).
 */
import type { ReadableStream } from 'node:stream/web';
import type { StreamBody } from './reply.js';
import { InvalidResponseError } from '../_internals/headers.js';
import { kindOf } from '../_internals/kind-of.js';

/** A body being read. */
export interface Source {
  /** The next chunk's bytes (never empty), or `undefined` at the end. */
  next(): Promise<Uint8Array | undefined>;
  /** Stops the producer: cancels a `ReadableStream`, destroys a `Readable`, ends a generator. */
  close(): void;
}

function iteratorOf(body: StreamBody): AsyncIterator<unknown> {
  const iterable = body as Partial<AsyncIterable<unknown>>;
  if (typeof iterable[Symbol.asyncIterator] === 'function') {
    return (iterable as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  }
  // A ReadableStream of another realm, or one without async iteration: read through its reader.
  const reader = (body as ReadableStream<unknown>).getReader();
  return {
    next: () => reader.read() as Promise<IteratorResult<unknown>>,
    return: async () => {
      await reader.cancel();
      return { done: true, value: undefined };
    },
  };
}

function bytesOf(chunk: unknown): Uint8Array {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  if (chunk instanceof Uint8Array) return chunk;
  throw new InvalidResponseError(
    `A streamed body yielded ${kindOf(chunk)}; yield strings or Uint8Arrays.`,
  );
}

/**
 * Destroys a Node.js `Readable` (of any copy of Node.js's streams) not yet destroyed. Its async
 * iterator's `return()` destroys it only once iteration has started: a body released unread
 * (HEAD, a 304, a reply that failed) would otherwise keep its file descriptor or socket open.
 */
function destroyReadable(body: StreamBody): void {
  const readable = body as Partial<{ destroy: unknown; destroyed: unknown; pipe: unknown }>;
  if (
    typeof readable.destroy === 'function' &&
    typeof readable.pipe === 'function' &&
    readable.destroyed !== true
  ) {
    (readable.destroy as () => unknown).call(body);
  }
}

/** @internal Stops a producer that will not be read at all. */
export function releaseBody(body: StreamBody): void {
  openSource(body).close();
}

/** Starts reading `body`. */
export function openSource(body: StreamBody): Source {
  const iterator = iteratorOf(body);
  let closed = false;
  return {
    async next() {
      for (;;) {
        const result = await iterator.next();
        if (result.done === true) {
          closed = true;
          return undefined;
        }
        const bytes = bytesOf(result.value);
        // An empty chunk says nothing; writing it would only cost a write.
        if (bytes.byteLength > 0) return bytes;
      }
    },
    close() {
      if (closed) return;
      closed = true;
      try {
        // Not awaited: a producer stuck on its next chunk would keep the answer waiting.
        const closing = iterator.return?.();
        if (closing !== undefined) closing.then(undefined, () => undefined);
      } catch {
        // A producer that fails to stop has nothing more to send either.
      }
      try {
        destroyReadable(body);
      } catch {
        // As above.
      }
    },
  };
}
