// A stand-in for what Lambda's Node.js runtime gives a streaming function, in-process: the
// `awslambda` global (`streamifyResponse`, `HttpResponseStream.from`) and the response stream
// it passes the handler. As in aws-lambda-nodejs-runtime-interface-client (src/stream/
// http-response-stream.ts, response-stream.js): `from` sets the content type and defers the
// metadata JSON and 8 NUL bytes to just before the stream's first write; the stream is a
// Writable with Node's default 16 KiB buffer, whose consumer reads the prelude back out of the
// bytes, as a Function URL does, and takes the body chunk by chunk.
/* eslint-disable @typescript-eslint/explicit-module-boundary-types -- plain JavaScript, nothing to annotate */
import { Buffer } from 'node:buffer';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';

const PRELUDE_CONTENT_TYPE = 'application/vnd.awslambda.http-integration-response';
const STREAMING = Symbol.for('aws.lambda.runtime.handler.streaming');
const DELIMITER = Buffer.alloc(8);

/** Defines `globalThis.awslambda` as Lambda's runtime does; before any contender is loaded. */
export function installAwsLambdaGlobal() {
  globalThis.awslambda = {
    streamifyResponse(handler) {
      Object.defineProperty(handler, STREAMING, { value: 'response' });
      return handler;
    },
    HttpResponseStream: {
      from(stream, metadata) {
        stream.setContentType(PRELUDE_CONTENT_TYPE);
        const prelude = JSON.stringify(metadata);
        stream._onBeforeFirstWrite = (write) => {
          write(prelude);
          write(new Uint8Array(8));
        };
        return stream;
      },
    },
  };
}

/**
 * A response stream as Lambda's runtime passes it. `onHead(metadata)` is called when the prelude
 * was read; `onBody(bytes)` for each body chunk. Resolves `done` when the stream finished.
 */
export class ResponseStream extends Writable {
  contentType = undefined;
  _onBeforeFirstWrite = undefined;
  #wrote = false;
  #pending = Buffer.alloc(0);
  #headRead = false;

  constructor({ onHead, onBody }) {
    super({ highWaterMark: 16_384 });
    this.onHead = onHead;
    this.onBody = onBody;
  }

  setContentType(contentType) {
    if (this.#wrote) throw new Error('The content type is set before the first write.');
    this.contentType = contentType;
  }

  write(chunk, encoding, callback) {
    if (!this.#wrote) {
      this.#wrote = true;
      const before = this._onBeforeFirstWrite;
      if (typeof before === 'function') before((bytes) => super.write(bytes));
    }
    return super.write(chunk, encoding, callback);
  }

  end(chunk, encoding, callback) {
    // Lambda's runtime writes the prelude of a stream ended before any write, too.
    if (!this.#wrote && typeof this._onBeforeFirstWrite === 'function') this.write('');
    return super.end(chunk, encoding, callback);
  }

  _write(chunk, _encoding, callback) {
    let body = chunk;
    if (!this.#headRead && this.contentType === PRELUDE_CONTENT_TYPE) {
      this.#pending = Buffer.concat([this.#pending, chunk]);
      const at = this.#pending.indexOf(DELIMITER);
      if (at < 0) {
        callback();
        return;
      }
      this.#headRead = true;
      this.onHead(JSON.parse(this.#pending.subarray(0, at).toString('utf8')));
      body = this.#pending.subarray(at + DELIMITER.length);
      this.#pending = Buffer.alloc(0);
    }
    if (body.length > 0) this.onBody(body);
    callback();
  }
}

/**
 * Invokes a streaming handler as Lambda would and reads the answer: the status, when the first
 * body byte came (ms from the start), the body's size, and the total time.
 */
export async function invokeStreaming(handler, event, context) {
  if (handler[STREAMING] !== 'response') throw new Error('The handler is not streaming.');
  const started = performance.now();
  let status;
  let firstByteMs;
  let bytes = 0;
  const stream = new ResponseStream({
    onHead: (metadata) => {
      status = metadata.statusCode;
    },
    onBody: (chunk) => {
      firstByteMs ??= performance.now() - started;
      bytes += chunk.length;
    },
  });
  const finished = new Promise((resolve, reject) => {
    stream.once('finish', resolve);
    stream.once('error', reject);
  });
  await handler(event, stream, context);
  await finished;
  return { status, firstByteMs, bytes, totalMs: performance.now() - started };
}
