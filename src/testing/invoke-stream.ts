import type { Context } from 'aws-lambda';
import type { HttpEvent } from '../events/kinds.js';
import type { InvokeLog } from './invoke.js';
import type { LocalHead } from '../streaming/local-stream.js';
import { detectEventKind } from '../events/kinds.js';
import { LocalResponseStream } from '../streaming/local-stream.js';
import { isStreamingFunction } from '../streaming/wire.js';
import { fakeContext } from './context.js';
import { captureLines, readHeaders } from './invoke.js';

/** A streaming Lambda function: what `toStreamingLambda` returns, or one of your own. */
export type StreamingFunction = (
  event: never,
  responseStream: never,
  context: Context,
) => Promise<unknown>;

/** One body chunk as the client received it. */
export interface ReceivedChunk {
  readonly bytes: Uint8Array;
  /** The bytes as UTF-8 (a character split across chunks shows as U+FFFD here). */
  readonly text: string;
  /** Milliseconds since the invocation started. */
  readonly atMs: number;
}

/** What {@link invokeStream} read from a streaming function. */
export interface StreamInvokeResponse {
  /**
   * The metadata prelude as the function wrote it (`statusCode`, `headers`, `multiValueHeaders`,
   * `cookies`), or `undefined` when it wrote none — for an HTTP API or ALB event, whose answer is
   * a buffered result instead (see `raw`).
   */
  readonly prelude: Readonly<Record<string, unknown>> | undefined;
  /** The content type the function set on Lambda's stream. */
  readonly streamContentType: string | undefined;
  readonly status: number;
  /** Headers by lower-cased name, repeated values joined with `", "`; never `set-cookie`. */
  readonly headers: Readonly<Record<string, string>>;
  /** Every `Set-Cookie` value, each on its own. */
  readonly cookies: readonly string[];
  /** The body chunks in the order they arrived, with their times. */
  readonly chunks: readonly ReceivedChunk[];
  /** The whole body as UTF-8. */
  readonly body: string;
  readonly bytes: Uint8Array;
  /** The body parsed as JSON; throws a readable error when it is not JSON. */
  json(): unknown;
  /** Milliseconds from the start to the prelude (the status and headers), if one came. */
  readonly timeToHeadMs: number | undefined;
  /** The buffered result an HTTP API or ALB event was answered with, parsed; else `undefined`. */
  readonly raw: unknown;
  /** What the default console logger and metrics writer printed during the invocation. */
  readonly logs: readonly InvokeLog[];
}

/** How the simulated client reads. */
export interface StreamInvokeOptions {
  /** The client goes away when this signal aborts. */
  readonly signal?: AbortSignal;
  /** A slow client: it takes each chunk only this many milliseconds after the previous one. */
  readonly chunkDelayMs?: number;
  /** The response stream's buffer, in bytes; 16 KiB by default, as Node.js streams have. */
  readonly highWaterMark?: number;
}

function concat(chunks: readonly ReceivedChunk[]): Uint8Array {
  return new Uint8Array(Buffer.concat(chunks.map((chunk) => chunk.bytes)));
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Status, headers and cookies of a prelude or a buffered result, as a client receives them. */
function headOf(result: Record<string, unknown> | undefined): {
  status: number;
  headers: Record<string, string>;
  cookies: string[];
} {
  const cookies: string[] = [];
  const headers = result === undefined ? {} : readHeaders(result, cookies);
  const listed = result?.['cookies'];
  if (Array.isArray(listed)) {
    for (const cookie of listed as unknown[]) if (typeof cookie === 'string') cookies.push(cookie);
  }
  const status = result?.['statusCode'];
  return { status: typeof status === 'number' ? status : 200, headers, cookies };
}

/**
 * Invokes a streaming function (what `toStreamingLambda` returns) with an event, as Lambda would
 * with a response stream, and reads what a client would receive: the prelude, its status,
 * headers and cookies, and the body chunk by chunk with the time each arrived. A slow client
 * (`chunkDelayMs`) and one that goes away (`signal`) can be played. HTTP API and ALB events,
 * which cannot stream, come back as the buffered result the function wrote, read the same way.
 *
 * @param handler - a streaming Lambda function
 * @param event - an event, e.g. from `functionUrlEvent` or `restApiEvent`
 * @param context - the Lambda context; default `fakeContext()`
 * @param options - `signal`, `chunkDelayMs`, `highWaterMark`
 * @returns what the client received, and the lines logged
 *
 * @example
 * ```ts
 * import { ok } from 'neverthrow';
 * import { stream, toStreamingLambda } from 'gatefold/streaming';
 * import { functionUrlEvent, invokeStream } from 'gatefold/testing';
 *
 * const handler = toStreamingLambda(() =>
 *   ok(stream((async function* () { yield 'a'; yield 'b'; })())),
 * );
 * const response = await invokeStream(handler, functionUrlEvent());
 * console.log(response.status, response.chunks.map((chunk) => chunk.text)); // 200 [ 'a', 'b' ]
 * ```
 */
export async function invokeStream(
  handler: StreamingFunction,
  event: HttpEvent,
  context: Context = fakeContext(),
  options: StreamInvokeOptions = {},
): Promise<StreamInvokeResponse> {
  if (!isStreamingFunction(handler)) {
    throw new TypeError(
      'invokeStream: the handler is not a streaming function (toStreamingLambda, or awslambda.streamifyResponse); use invoke() for one toLambda made.',
    );
  }
  const started = performance.now();
  const chunks: ReceivedChunk[] = [];
  let head: LocalHead | undefined;
  let headAt: number | undefined;
  const delay = options.chunkDelayMs ?? 0;
  const responseStream = new LocalResponseStream(
    {
      head(received) {
        head = received;
        headAt = performance.now() - started;
      },
      chunk(bytes) {
        const copy = new Uint8Array(bytes);
        chunks.push({
          bytes: copy,
          text: Buffer.from(copy).toString('utf8'),
          atMs: performance.now() - started,
        });
        if (delay > 0) {
          return new Promise<void>((resolve) => {
            setTimeout(resolve, delay);
          });
        }
        return undefined;
      },
      end() {
        // Read through `head` and `chunks`.
      },
    },
    options.highWaterMark,
  );
  const leave = (): void => {
    responseStream.destroy();
  };
  if (options.signal?.aborted === true) leave();
  else options.signal?.addEventListener('abort', leave, { once: true });
  try {
    const { logs } = await captureLines(() =>
      handler(event as never, responseStream as never, context),
    );
    const bytes = concat(chunks);
    const text = Buffer.from(bytes).toString('utf8');
    const kind = detectEventKind(event);
    const buffered = head?.metadata === undefined && (kind === 'http' || kind === 'alb');
    let raw: unknown;
    if (buffered) {
      try {
        raw = JSON.parse(text) as unknown;
      } catch {
        raw = undefined;
      }
    }
    const result = buffered ? asRecord(raw) : head?.metadata;
    const { status, headers, cookies } = headOf(result);
    const bodyText = buffered ? (typeof result?.['body'] === 'string' ? result['body'] : '') : text;
    const bodyBytes = buffered
      ? new Uint8Array(
          Buffer.from(bodyText, result?.['isBase64Encoded'] === true ? 'base64' : 'utf8'),
        )
      : bytes;
    return {
      prelude: head?.metadata,
      streamContentType: head?.contentType,
      status,
      headers,
      cookies,
      chunks,
      body: buffered ? Buffer.from(bodyBytes).toString('utf8') : text,
      bytes: bodyBytes,
      json: () => {
        const whole = Buffer.from(bodyBytes).toString('utf8');
        try {
          return JSON.parse(whole) as unknown;
        } catch {
          throw new Error(`The streamed body is not JSON (status ${String(status)}).`);
        }
      },
      timeToHeadMs: head?.metadata === undefined ? undefined : headAt,
      raw,
      logs,
    };
  } finally {
    options.signal?.removeEventListener('abort', leave);
  }
}
