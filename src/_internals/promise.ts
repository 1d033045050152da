/** True for anything `await` would wait on: an object or function with a `then` method. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * Lets a promise that a callback returned fail quietly: an unhandled rejection would fail the
 * whole invocation, and a logger or metrics sink must never do that.
 */
export function ignoreRejection(value: unknown): void {
  if (isThenable(value)) value.then(undefined, () => undefined);
}
