/**
 * The response stream the local runtime hands a streaming function (`gatefold dev`, `serve()`,
 * `gatefold/testing`): a `Writable` that reads the metadata prelude back out of the bytes the
 * function writes — as a Function URL or API Gateway does — and passes the body on, chunk by
 * chunk, to a sink that may make it wait. Its buffer is bounded (`highWaterMark`), so a sink that
 * waits (a slow client) makes `write` return `false` and the function wait for `drain`.
 */
import { Writable } from 'node:stream';
import type { ResponseStream } from './wire.js';
import { DELIMITER_LENGTH, PRELUDE_CONTENT_TYPE } from './wire.js';

/** What came before the body. */
export interface LocalHead {
  /** The content type the function set on its stream, if any. */
  readonly contentType: string | undefined;
  /** The metadata prelude (status, headers, cookies), when the function wrote one. */
  readonly metadata: Readonly<Record<string, unknown>> | undefined;
}

/** Where a local response stream delivers what the function wrote. */
export interface LocalSink {
  /** Called once, before the first body chunk (or at the end for an empty body). */
  head(head: LocalHead): void;
  /** A body chunk; the stream takes no more until a returned promise settles. */
  chunk(bytes: Uint8Array): void | Promise<void>;
  /** The function ended its stream. */
  end(): void;
}

const NO_BYTES = new Uint8Array(0);

/** The index where `length` NUL bytes in a row start, or -1. */
function delimiterAt(bytes: Uint8Array, length: number): number {
  let run = 0;
  for (let index = 0; index < bytes.length; index += 1) {
    run = bytes[index] === 0 ? run + 1 : 0;
    if (run === length) return index - length + 1;
  }
  return -1;
}

function concat(left: Uint8Array, right: Uint8Array): Uint8Array {
  if (left.length === 0) return right;
  const out = new Uint8Array(left.length + right.length);
  out.set(left, 0);
  out.set(right, left.length);
  return out;
}

/** Thrown into the stream when the bytes before the body are not a valid prelude. */
export class InvalidPreludeError extends Error {
  override readonly name = 'InvalidPreludeError';
}

/** A local response stream that delivers to `sink`. */
export class LocalResponseStream extends Writable implements ResponseStream {
  private contentType: string | undefined;
  private headSent = false;
  private pending: Uint8Array = NO_BYTES;

  constructor(
    private readonly sink: LocalSink,
    highWaterMark = 16_384,
  ) {
    super({ highWaterMark });
  }

  setContentType(contentType: string): void {
    if (this.headSent || this.pending.length > 0) {
      throw new Error('Cannot set the content type after the first write.');
    }
    this.contentType = contentType;
  }

  override _write(
    chunk: Buffer,
    _encoding: BufferEncoding,
    callback: (error?: Error | null) => void,
  ): void {
    let body: Uint8Array;
    try {
      body = this.bodyOf(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    } catch (error) {
      callback(error as Error);
      return;
    }
    if (body.length === 0) {
      callback();
      return;
    }
    let waiting: void | Promise<void>;
    try {
      waiting = this.sink.chunk(body);
    } catch (error) {
      callback(error as Error);
      return;
    }
    if (waiting === undefined) callback();
    else
      waiting.then(
        () => {
          callback();
        },
        (error: unknown) => {
          callback(error instanceof Error ? error : new Error(String(error)));
        },
      );
  }

  override _final(callback: (error?: Error | null) => void): void {
    if (!this.headSent) {
      if (this.contentType === PRELUDE_CONTENT_TYPE) {
        callback(
          new InvalidPreludeError(
            'The function ended its stream before the 8 NUL bytes that end the metadata prelude.',
          ),
        );
        return;
      }
      this.sendHead(undefined);
    }
    this.sink.end();
    callback();
  }

  /** The body bytes in `bytes`, once the prelude (if the content type announces one) is read. */
  private bodyOf(bytes: Uint8Array): Uint8Array {
    if (this.headSent) return bytes;
    if (this.contentType !== PRELUDE_CONTENT_TYPE) {
      this.sendHead(undefined);
      return bytes;
    }
    this.pending = concat(this.pending, bytes);
    const at = delimiterAt(this.pending, DELIMITER_LENGTH);
    if (at < 0) return NO_BYTES;
    const text = Buffer.from(this.pending.subarray(0, at)).toString('utf8');
    let metadata: unknown;
    try {
      metadata = JSON.parse(text);
    } catch (cause) {
      throw new InvalidPreludeError('The metadata prelude is not JSON.', { cause });
    }
    if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
      throw new InvalidPreludeError('The metadata prelude is not a JSON object.');
    }
    const rest = this.pending.subarray(at + DELIMITER_LENGTH);
    this.pending = NO_BYTES;
    this.sendHead(metadata as Record<string, unknown>);
    return rest;
  }

  private sendHead(metadata: Record<string, unknown> | undefined): void {
    this.headSent = true;
    this.sink.head({ contentType: this.contentType, metadata });
  }
}
