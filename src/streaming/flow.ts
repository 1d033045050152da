/**
 * Waiting without waiting forever: every wait of a streamed answer (the producer's next chunk,
 * the response stream's `drain`) ends as soon as the invocation's signal aborts — the client went
 * away, or the deadline came.
 */
import type { ResponseStream } from './wire.js';

/** `promise`, or the signal's reason as a rejection if the signal aborts first. */
export function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  // The reason is always one of this module's errors (ClientGoneError, DeadlineError).
  const reason = (): Error => signal.reason as Error;
  if (signal.aborted) return Promise.reject(reason());
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => {
      reject(reason());
    };
    signal.addEventListener('abort', abort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        // Passed on as the producer threw it: a thrown Problem is answered as a problem.
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
        reject(error);
      },
    );
  });
}

/**
 * Writes `bytes`, and when the stream says its buffer is full (`write` returns `false`), waits
 * for `drain`: a slow client slows the producer down instead of filling the function's memory.
 */
export async function writeChunk(
  stream: ResponseStream,
  bytes: Uint8Array,
  signal: AbortSignal,
): Promise<void> {
  if (stream.write(bytes)) return;
  let drained: (() => void) | undefined;
  try {
    await unlessAborted(
      new Promise<void>((resolve) => {
        drained = () => {
          resolve();
        };
        stream.once('drain', drained);
      }),
      signal,
    );
  } finally {
    if (drained !== undefined) stream.off('drain', drained);
  }
}

/**
 * Ends the stream and waits until it has finished — Lambda's runtime fails an invocation whose
 * stream is not finished when the handler returns — or was closed or failed, which leaves
 * nothing to wait for.
 */
export function endStream(stream: ResponseStream): Promise<void> {
  if (stream.destroyed || stream.writableFinished) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = (): void => {
      stream.off('finish', done);
      stream.off('close', done);
      stream.off('error', done);
      resolve();
    };
    stream.once('finish', done);
    stream.once('close', done);
    stream.once('error', done);
    if (!stream.writableEnded) stream.end();
  });
}

/**
 * Ends the stream as {@link endStream} does, but waits for `finish` only until `signal` aborts
 * (the deadline came, or the client went away), and `graceMs` after that: `finish` comes once the
 * client has taken everything buffered, so a slow or stalled client would otherwise hold the
 * invocation until Lambda's timeout, and the access line and metrics would never be written.
 * Past the grace the stream is destroyed. Resolves `true` when the stream finished (or was
 * already closed), `false` when it was cut.
 */
export function closeStream(
  stream: ResponseStream,
  signal: AbortSignal,
  graceMs: number,
): Promise<boolean> {
  if (stream.destroyed || stream.writableFinished) return Promise.resolve(true);
  return new Promise<boolean>((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settle = (finished: boolean): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', stop);
      stream.off('finish', done);
      stream.off('close', done);
      stream.off('error', done);
      resolve(finished);
    };
    const done = (): void => {
      settle(true);
    };
    const cut = (): void => {
      settle(false);
      try {
        stream.destroy?.();
      } catch {
        // A stream that fails to close is closed enough: nothing more is written to it.
      }
    };
    function stop(): void {
      timer ??= setTimeout(cut, graceMs);
    }
    stream.once('finish', done);
    stream.once('close', done);
    stream.once('error', done);
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
    if (!stream.writableEnded) stream.end();
  });
}
