/**
 * Why a streamed answer stopped before its producer was done. Each is the reason of the
 * invocation's abort signal (the handler sees it as `context.signal.reason`) or the error a
 * producer's chunk was refused with.
 */

/** The client closed the connection: nothing more can reach it. */
export class ClientGoneError extends Error {
  override readonly name = 'ClientGoneError';
  constructor() {
    super('The client closed the connection before the response ended.');
  }
}

/** Lambda's timeout is near: the answer ends now rather than be cut off mid-stream. */
export class DeadlineError extends Error {
  override readonly name = 'DeadlineError';
  constructor(marginMs: number) {
    super(`The invocation reached its deadline (${String(marginMs)} ms before Lambda's timeout).`);
  }
}

/** The body grew past the `bodyLimit` option. */
export class BodyLimitError extends Error {
  override readonly name = 'BodyLimitError';
  constructor(readonly limit: number) {
    super(`The streamed body grew past its limit of ${String(limit)} bytes.`);
  }
}
