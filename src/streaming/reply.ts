/**
 * Replies whose body is streamed: `stream(body, init)` for bytes or text as they are produced,
 * `serverSentEvents(events, init)` for an event stream. Each is a reply like `json` or `text` —
 * status (2xx/3xx), headers, cookies — so that middleware, the request id and the logs treat it
 * as any other; only `toStreamingLambda` knows how to send its body.
 */
import { checkReplyInit } from '../reply.js';
import type { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import type { HeaderInit, Reply, ReplyInit } from '../reply.js';
import type { SuccessStatus } from '../status.js';
import type { ServerSentEvent } from './sse.js';
import { json } from '../reply.js';
import { kindOf } from '../_internals/kind-of.js';
import { checkNumber, refuseOption } from '../_internals/option-checks.js';
import { isSuccessStatusCode } from '../status.js';
import { releaseBody } from './source.js';
import { sseBody } from './sse.js';

/** A piece of a streamed body: text (sent as UTF-8) or bytes. */
export type StreamChunk = string | Uint8Array;

/**
 * What a streamed body can be read from: an async iterable (an `async function*`, a Node.js
 * `Readable`), or a web `ReadableStream` (a `fetch` response's `body`).
 */
export type StreamBody = AsyncIterable<StreamChunk> | ReadableStream<StreamChunk> | Readable;

/** What a server-sent events reply reads its events from. */
export type ServerSentEventSource = AsyncIterable<ServerSentEvent | string>;

// The same registry symbol as every reply's: `toLambda`, which cannot send a stream, recognises
// a streamed reply as a reply and answers it with a masked 500 rather than serialising it.
const REPLY = Symbol.for('gatefold.reply');
const STREAMED: unique symbol = /*#__PURE__*/ Symbol.for('gatefold.streamed-reply') as never;

/** A success response whose body is streamed: built by {@link stream} or {@link serverSentEvents}. */
export interface StreamedReply {
  readonly [STREAMED]: true;
  /** 2xx or 3xx only: failures are `Problem`s on the `Err` side. */
  readonly status: SuccessStatus;
  readonly headers: HeaderInit;
  /** Full `Set-Cookie` values, each sent on its own. */
  readonly cookies: readonly string[];
  readonly bodyType: 'stream';
  /** `stream` for bytes or text, `events` for server-sent events. */
  readonly streamKind: 'stream' | 'events';
  /** Where the body is read from. */
  readonly body: StreamBody;
}

/** Status, headers and cookies of a server-sent events reply, and its heartbeat. */
export interface ServerSentEventsInit extends ReplyInit {
  /**
   * When no event has been sent for this many milliseconds, a comment line (`: heartbeat`) is
   * sent, so that idle-timeouts along the way do not close a quiet stream. None by default.
   */
  readonly heartbeatMs?: number;
}

/** @internal The reply the pipeline sees in place of a streamed one: the same head, no body. */
export function headOf(reply: StreamedReply): Reply {
  return json(undefined, { status: reply.status, headers: reply.headers, cookies: reply.cookies });
}

/** True for a reply {@link stream} or {@link serverSentEvents} built (from any copy of gatefold). */
export function isStreamedReply(value: unknown): value is StreamedReply {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Partial<StreamedReply>)[STREAMED] === true
  );
}

function isStreamBody(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  return (
    typeof (body as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] === 'function' ||
    typeof (body as Partial<ReadableStream>).getReader === 'function'
  );
}

/** Whether `headers` names `name` already, in any case. */
function hasHeader(headers: HeaderInit | undefined, name: string): boolean {
  return Object.keys(headers ?? {}).some((key) => key.toLowerCase() === name);
}

/** The headers given, with the defaults they do not override. */
function withDefaults(headers: HeaderInit | undefined, defaults: HeaderInit): HeaderInit {
  const out: Record<string, string | readonly string[]> = {};
  for (const name of Object.keys(defaults)) {
    if (!hasHeader(headers, name)) out[name] = defaults[name] as string | readonly string[];
  }
  return Object.assign(out, headers);
}

/**
 * Refuses options a JavaScript caller could pass that would be read as something else, as the
 * other reply constructors do: a status where the options belong, headers that are not a map,
 * one cookie where the list belongs (`'a=b'` would go out as three `Set-Cookie` lines). A status
 * that is no success status is refused here too, while the reply is built: a streamed reply
 * cannot carry a failure, and its producer is released (see {@link refusing}) before anything
 * reads it.
 */
function checkInit(where: string, init: unknown): void {
  if (init === undefined) return;
  checkReplyInit(where, init);
  const { status } = init as Record<string, unknown>;
  if (status !== undefined && !isSuccessStatusCode(status)) {
    refuseOption(
      where,
      `the status is ${typeof status === 'number' ? String(status) : kindOf(status)}; a streamed reply is 2xx or 3xx (return err(problem) for a failure).`,
    );
  }
}

/**
 * Runs a check of what a reply is built from; when it throws, the producer already given is
 * released first (a `Readable` destroyed, an iterator returned), since no reply will ever read or
 * close it: a file read stream would keep its descriptor open.
 */
function refusing(body: StreamBody, check: () => void): void {
  try {
    check();
  } catch (error) {
    try {
      releaseBody(body);
    } catch {
      // The refusal is what the caller needs to hear.
    }
    throw error;
  }
}

function make(
  where: string,
  streamKind: StreamedReply['streamKind'],
  body: StreamBody,
  init: ReplyInit | undefined,
  defaults: HeaderInit,
): StreamedReply {
  refusing(body, () => {
    checkInit(where, init);
  });
  const reply: StreamedReply = {
    [STREAMED]: true,
    status: init?.status ?? 200,
    headers: withDefaults(init?.headers, defaults),
    cookies: init?.cookies ?? [],
    bodyType: 'stream',
    streamKind,
    body,
  };
  return Object.assign(reply, { [REPLY]: true });
}

/**
 * A reply whose body is sent as it is produced: `application/octet-stream` unless a
 * `content-type` header says otherwise. Text chunks go out as UTF-8, bytes as they are.
 *
 * @param body - an async iterable of strings or `Uint8Array`s (an `async function*`, a Node.js
 *   `Readable`), or a web `ReadableStream`
 * @param init - status (2xx/3xx), headers and cookies
 * @returns the reply, for `ok(…)`
 *
 * @example
 * ```ts
 * import { ok } from 'neverthrow';
 * import { stream, toStreamingLambda } from 'gatefold/streaming';
 *
 * async function* lines() {
 *   for (let n = 1; n <= 3; n += 1) yield `line ${n}\n`;
 * }
 *
 * export const handler = toStreamingLambda(() =>
 *   ok(stream(lines(), { headers: { 'content-type': 'text/plain; charset=utf-8' } })),
 * );
 * ```
 */
export function stream(body: StreamBody, init?: ReplyInit): StreamedReply {
  if (!isStreamBody(body)) {
    refuseOption(
      'stream',
      `the body is ${kindOf(body)}; pass an async iterable of strings or Uint8Arrays, a Node.js Readable or a ReadableStream (use text() or json() for a body you already have).`,
    );
  }
  return make('stream', 'stream', body, init, { 'content-type': 'application/octet-stream' });
}

/**
 * A `text/event-stream` reply (the HTML standard's server-sent events): each event the iterable
 * yields is sent as soon as it comes — `{ event, id, data, retry, comment }`, or a string for
 * `{ data }`. Data that is not a string is sent as JSON; data with line breaks becomes several
 * `data:` lines. `cache-control: no-cache` unless a header says otherwise.
 *
 * @param events - an async iterable of events
 * @param init - status, headers, cookies and `heartbeatMs`
 * @returns the reply, for `ok(…)`
 *
 * @example
 * ```ts
 * import { ok } from 'neverthrow';
 * import { serverSentEvents, toStreamingLambda } from 'gatefold/streaming';
 *
 * async function* ticks() {
 *   for (let n = 1; n <= 3; n += 1) yield { event: 'tick', id: String(n), data: { n } };
 * }
 *
 * export const handler = toStreamingLambda(() =>
 *   ok(serverSentEvents(ticks(), { heartbeatMs: 15_000 })),
 * );
 * ```
 */
export function serverSentEvents(
  events: ServerSentEventSource,
  init?: ServerSentEventsInit,
): StreamedReply {
  // Checked at run time too: plain JavaScript can pass an array, or a generator function itself.
  const given: unknown = events;
  if (
    typeof given !== 'object' ||
    given === null ||
    typeof (given as Partial<ServerSentEventSource>)[Symbol.asyncIterator] !== 'function'
  ) {
    refuseOption(
      'serverSentEvents',
      `the events are ${kindOf(events)}; pass an async iterable of events, e.g. an async function* that yields { event, data }.`,
    );
  }
  refusing(events as StreamBody, () => {
    checkInit('serverSentEvents', init);
    checkNumber('serverSentEvents', 'heartbeatMs', init?.heartbeatMs, 1);
  });
  const heartbeatMs = init?.heartbeatMs;
  const replyInit: ReplyInit | undefined =
    init === undefined
      ? undefined
      : {
          ...(init.status === undefined ? {} : { status: init.status }),
          ...(init.headers === undefined ? {} : { headers: init.headers }),
          ...(init.cookies === undefined ? {} : { cookies: init.cookies }),
        };
  return make(
    'serverSentEvents',
    'events',
    { [Symbol.asyncIterator]: () => sseBody(events, heartbeatMs) },
    replyInit,
    { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' },
  );
}
