/**
 * The bytes a streaming Lambda function writes for an HTTP source, and the runtime that writes
 * them. Under Lambda, the Node.js runtime puts `awslambda` on `globalThis`:
 * `awslambda.streamifyResponse(handler)` marks the handler as streaming, and
 * `awslambda.HttpResponseStream.from(stream, metadata)` sets the stream's content type to
 * `application/vnd.awslambda.http-integration-response` and writes, before the first body byte,
 * the metadata as JSON and then 8 NUL bytes (aws-lambda-nodejs-runtime-interface-client,
 * src/stream/http-response-stream.ts). API Gateway and Function URLs read that metadata
 * (status, headers, cookies) and stream the rest as the body ("Lambda proxy integration format
 * for response streaming", API Gateway developer guide).
 *
 * Outside Lambda (`gatefold dev`, `serve()`, `gatefold/testing`) there is no `awslambda`: the
 * local runtime here writes the same bytes, so that what runs locally is what runs deployed.
 */
import type { Context } from 'aws-lambda';

/** The content type that tells Lambda's front ends a metadata prelude comes first. */
export const PRELUDE_CONTENT_TYPE = 'application/vnd.awslambda.http-integration-response';

/** The length of the run of NUL bytes between the metadata and the body. */
export const DELIMITER_LENGTH = 8;

/**
 * The symbol and value the Node.js runtime marks a streaming handler with
 * (`Symbol.for('aws.lambda.runtime.handler.streaming')`, `'response'`): how the runtime, and
 * gatefold's local server and test helpers, tell a streaming function from a buffered one.
 */
export const STREAMING_MARK: unique symbol = /*#__PURE__*/ Symbol.for(
  'aws.lambda.runtime.handler.streaming',
) as never;
const STREAM_RESPONSE = 'response';

/**
 * The response stream Lambda passes a streaming handler, as far as gatefold uses it: a Node.js
 * `Writable` (its `write` returns `false` when the caller should wait for `drain`) whose content
 * type can be set before the first write.
 */
export interface ResponseStream {
  /** Sets the content type Lambda forwards; only before the first write. */
  setContentType(contentType: string): void;
  /** Writes a chunk; `false` when the stream's buffer is full and `drain` will follow. */
  write(chunk: string | Uint8Array): boolean;
  /** Ends the stream. */
  end(): unknown;
  /** Listens for `drain`, `finish`, `close` or `error`. */
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  /** Listens once for `drain`, `finish`, `close` or `error`. */
  once(event: string, listener: (...args: unknown[]) => void): unknown;
  /** Stops listening. */
  off(event: string, listener: (...args: unknown[]) => void): unknown;
  /**
   * Closes the stream at once, dropping what is still buffered: how an answer that has to stop
   * (the deadline) stops when the client does not take what was already written.
   */
  destroy?(error?: Error): unknown;
  /** True once the stream was destroyed (the client went away, or it failed). */
  readonly destroyed: boolean;
  /** True once `end()` was called. */
  readonly writableEnded: boolean;
  /** True once everything written was flushed after `end()`. */
  readonly writableFinished: boolean;
}

/** A handler as `streamifyResponse` takes it. */
export type StreamingHandler<Ev = never> = (
  event: Ev,
  responseStream: ResponseStream,
  context: Context,
) => Promise<void>;

/** What the runtime exposes as `globalThis.awslambda`, as far as gatefold uses it. */
export interface StreamingRuntime {
  streamifyResponse<H extends StreamingHandler>(handler: H): H;
  readonly HttpResponseStream: {
    from(stream: ResponseStream, metadata: Record<string, unknown>): ResponseStream;
  };
}

/** The local runtime: marks the handler as Lambda's does; writes the prelude at once. */
export const localRuntime: StreamingRuntime = {
  streamifyResponse(handler) {
    Object.defineProperty(handler, STREAMING_MARK, { value: STREAM_RESPONSE });
    return handler;
  },
  HttpResponseStream: {
    from(stream, metadata) {
      stream.setContentType(PRELUDE_CONTENT_TYPE);
      // Lambda's runtime defers these two writes to just before the first body write; gatefold
      // always writes after `from`, so the bytes on the wire are the same.
      stream.write(JSON.stringify(metadata));
      stream.write(new Uint8Array(DELIMITER_LENGTH));
      return stream;
    },
  },
};

/** Lambda's `awslambda` global when the function runs on Lambda, else the local runtime. */
export function streamingRuntime(): StreamingRuntime {
  // Read as unknown: @types/aws-lambda declares the global, which exists only on Lambda.
  const global = (globalThis as unknown as { awslambda?: Partial<StreamingRuntime> }).awslambda;
  return typeof global?.streamifyResponse === 'function' &&
    typeof global.HttpResponseStream?.from === 'function'
    ? (global as StreamingRuntime)
    : localRuntime;
}

/** True for a function `awslambda.streamifyResponse` (or the local runtime) marked as streaming. */
export function isStreamingFunction(value: unknown): value is StreamingHandler {
  return (
    typeof value === 'function' &&
    (value as unknown as Record<symbol, unknown>)[STREAMING_MARK] === STREAM_RESPONSE
  );
}
