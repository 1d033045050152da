/**
 * Server-sent events as the HTML standard defines the `text/event-stream` format
 * (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation):
 * lines of `field: value`, an event ended by a blank line, lines starting with `:` ignored by the
 * client (comments, which keep a quiet connection alive). The client splits lines on CR, LF and
 * CRLF and removes one space after the colon, so data is written one `data: ` line per line of it.
 */
import { InvalidResponseError } from '../_internals/headers.js';
import { stringify } from '../_internals/json.js';

/** One server-sent event; every field is optional. */
export interface ServerSentEvent {
  /** The event type (`event:`); the client dispatches `message` without one. */
  readonly event?: string;
  /** The event id (`id:`), which the client sends back as `Last-Event-ID` when it reconnects. */
  readonly id?: string;
  /** The data: a string as it is (line breaks allowed), anything else as JSON. */
  readonly data?: unknown;
  /** How long the client waits before reconnecting, in milliseconds (`retry:`). */
  readonly retry?: number;
  /** A comment line (`: …`), which clients ignore. */
  readonly comment?: string;
}

/** The comment sent when the stream has been quiet for the heartbeat interval. */
export const HEARTBEAT = ': heartbeat\n\n';

const LINE_BREAK = /\r\n|\r|\n/;

function singleLine(field: string, value: unknown): string {
  if (typeof value !== 'string') {
    throw new InvalidResponseError(`A server-sent event's ${field} is not a string.`);
  }
  // A line break would end the field and start another; NUL makes the client ignore an id.
  if (/[\r\n]/.test(value) || (field === 'id' && value.includes('\0'))) {
    throw new InvalidResponseError(
      `A server-sent event's ${field} holds a line break${field === 'id' ? ' or a NUL' : ''}; it must be one line.`,
    );
  }
  return value;
}

function dataText(data: unknown): string {
  if (typeof data === 'string') return data;
  let text: string | undefined;
  try {
    text = stringify(data);
  } catch (cause) {
    throw new InvalidResponseError("A server-sent event's data cannot be serialised as JSON.", {
      cause,
    });
  }
  if (text === undefined) {
    throw new InvalidResponseError(
      `A server-sent event's data is a ${typeof data}, which JSON cannot represent.`,
    );
  }
  return text;
}

/**
 * The text of one event. A string is the data of an event without a type. An event with nothing
 * in it is a blank line, which the client ignores.
 */
export function encodeEvent(event: ServerSentEvent | string): string {
  if (typeof event === 'string') return encodeEvent({ data: event });
  // A producer's events arrive untyped at run time.
  const given: unknown = event;
  if (typeof given !== 'object' || given === null) {
    throw new InvalidResponseError(
      'A server-sent events source yielded something that is neither an event object nor a string.',
    );
  }
  let out = '';
  if (event.comment !== undefined) {
    if (typeof event.comment !== 'string') {
      throw new InvalidResponseError("A server-sent event's comment is not a string.");
    }
    for (const line of event.comment.split(LINE_BREAK)) out += `: ${line}\n`;
  }
  if (event.event !== undefined) out += `event: ${singleLine('event', event.event)}\n`;
  if (event.id !== undefined) out += `id: ${singleLine('id', event.id)}\n`;
  if (event.retry !== undefined) {
    if (typeof event.retry !== 'number' || !Number.isSafeInteger(event.retry) || event.retry < 0) {
      throw new InvalidResponseError(
        "A server-sent event's retry is not a whole number of milliseconds.",
      );
    }
    out += `retry: ${String(event.retry)}\n`;
  }
  const data = event.data === undefined ? undefined : dataText(event.data);
  if (data !== undefined) for (const line of data.split(LINE_BREAK)) out += `data: ${line}\n`;
  return `${out}\n`;
}

/**
 * The body of a server-sent events reply: each event encoded as it comes, and a heartbeat
 * comment when none has come for `heartbeatMs`. `return()` answers at once and passes the
 * request on to the source, even while the source is still working on its next event: a client
 * that went away must not wait for it. It also clears the heartbeat timer of a `next()` still
 * waiting, and settles that `next()` as done, so that nothing of the stream outlives it (a
 * pending timer would keep a local process alive and, on Lambda, fire in a later invocation).
 */
export function sseBody(
  events: AsyncIterable<ServerSentEvent | string>,
  heartbeatMs: number | undefined,
): AsyncIterator<string> {
  const source = events[Symbol.asyncIterator]();
  const DONE: IteratorResult<string> = { done: true, value: undefined };
  let pending: Promise<IteratorResult<ServerSentEvent | string>> | undefined;
  let closed = false;
  // The waiting `next()`'s heartbeat timer, and how to settle it when the body is closed.
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stop: (() => void) | undefined;
  const encoded = (result: IteratorResult<ServerSentEvent | string>): IteratorResult<string> => {
    pending = undefined;
    return result.done === true ? DONE : { done: false, value: encodeEvent(result.value) };
  };
  const settle = (): void => {
    clearTimeout(timer);
    timer = undefined;
    stop = undefined;
  };
  return {
    async next() {
      if (closed) return DONE;
      pending ??= source.next();
      const stopped = new Promise<'stopped'>((resolve) => {
        stop = () => {
          resolve('stopped');
        };
      });
      const waits: Promise<IteratorResult<ServerSentEvent | string> | 'quiet' | 'stopped'>[] = [
        pending,
        stopped,
      ];
      if (heartbeatMs !== undefined) {
        waits.push(
          new Promise<'quiet'>((resolve) => {
            timer = setTimeout(() => {
              resolve('quiet');
            }, heartbeatMs);
          }),
        );
      }
      try {
        const first = await Promise.race(waits);
        if (first === 'stopped') return DONE;
        // On a heartbeat the source's next event stays pending; it is awaited on the next call.
        return first === 'quiet' ? { done: false, value: HEARTBEAT } : encoded(first);
      } finally {
        settle();
      }
    },
    return() {
      closed = true;
      pending = undefined;
      const waiting = stop;
      settle();
      waiting?.();
      try {
        const closing = source.return?.();
        if (closing !== undefined) closing.then(undefined, () => undefined);
      } catch {
        // A source that fails to close has nothing more to send either.
      }
      return Promise.resolve(DONE);
    },
  };
}
