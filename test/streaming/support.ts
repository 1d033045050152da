/** What the streaming tests share: a response stream that records every byte, and the fixtures. */
import { Writable } from 'node:stream';
import type { Context } from 'aws-lambda';
import type { HttpEvent } from '../../src/index.js';
import type { ResponseStream } from '../../src/streaming/index.js';
import { fakeContext } from '../../src/testing/index.js';
import { loadFixture } from '../support/fixtures.js';

/** A response stream that keeps every byte written to it and the content type set on it. */
export class RecordingStream extends Writable implements ResponseStream {
  contentType: string | undefined;
  readonly writes: Buffer[] = [];

  constructor(highWaterMark = 16_384) {
    super({ highWaterMark });
  }

  setContentType(contentType: string): void {
    this.contentType = contentType;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.writes.push(chunk);
    callback();
  }

  get bytes(): Buffer {
    return Buffer.concat(this.writes);
  }
}

/** A streaming function as the tests call it. */
export type Streaming = (event: never, stream: never, context: Context) => Promise<unknown>;

/** Invokes a streaming function and returns the bytes it wrote, as Lambda would forward them. */
export async function wireBytes(
  handler: Streaming,
  event: unknown,
  context: Context = fakeContext(),
): Promise<{ readonly contentType: string | undefined; readonly bytes: Buffer }> {
  const stream = new RecordingStream();
  await handler(event as never, stream as never, context);
  return { contentType: stream.contentType, bytes: stream.bytes };
}

/** The bytes of a prelude and a body, as Lambda's `HttpResponseStream.from` writes them. */
export function expectedWire(metadata: unknown, body: string | Uint8Array): Buffer {
  return Buffer.concat([
    Buffer.from(JSON.stringify(metadata)),
    Buffer.alloc(8),
    typeof body === 'string' ? Buffer.from(body) : Buffer.from(body),
  ]);
}

/** A real Function URL event captured from a deployed function (GET /). */
export function functionUrlFixture(): HttpEvent {
  return loadFixture('aws-lambda-go/function-url-domain-only-get-request.json') as HttpEvent;
}

/** A real Function URL event with cookies and a body (POST /hello). */
export function functionUrlPostFixture(): HttpEvent {
  return loadFixture(
    'aws-lambda-go/function-url-request-with-headers-and-cookies-and-text-body.json',
  ) as HttpEvent;
}

/** A real REST API event captured from a deployed API (POST /no-auth). */
export function restFixture(): HttpEvent {
  return loadFixture('powertools-lambda-typescript/apigw-rest/no-auth.json') as HttpEvent;
}

/** Resolves after `ms` milliseconds (on the next turn for 0). */
export function later(ms = 0): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** What {@link produce} does after its items. */
export interface Produce {
  /** Thrown once every item was yielded. */
  readonly thenThrow?: unknown;
  /** Waited before each item. */
  readonly delayMs?: number;
}

/** A producer as a handler writes one: an async generator of `items`, each after a wait. */
export async function* produce<T>(items: readonly T[], options: Produce = {}): AsyncGenerator<T> {
  for (const item of items) {
    await later(options.delayMs);
    yield item;
  }
  if ('thenThrow' in options) {
    await later();
    // A producer may throw a Problem, which is answered as one.

    throw options.thenThrow;
  }
}
