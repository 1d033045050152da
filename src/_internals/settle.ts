import { isThenable } from './promise.js';

/** A handler's outcome once awaited: which side it landed on, and the value there. */
export type Settled =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

interface ResultLike {
  isOk(): boolean;
  readonly value?: unknown;
  readonly error?: unknown;
}

interface EitherLike {
  readonly _tag: 'Left' | 'Right';
  readonly left?: unknown;
  readonly right?: unknown;
}

/** @internal Thrown when a handler returns something that is not a result at all. */
export class NotAResultError extends TypeError {
  override readonly name = 'NotAResultError';
}

function describeType(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object without isOk() or _tag' : `a ${typeof value}`;
}

/**
 * Reads a settled neverthrow `Result` or fp-ts `Either`. Results are recognised by their
 * methods, not by `instanceof`, so a second copy of neverthrow in the bundle still works.
 */
export function readResult(value: unknown): Settled {
  if (typeof value === 'object' && value !== null) {
    const candidate = value as Partial<ResultLike> & Partial<EitherLike>;
    if (typeof candidate.isOk === 'function') {
      return candidate.isOk()
        ? { ok: true, value: candidate.value }
        : { ok: false, error: candidate.error };
    }
    if (candidate._tag === 'Right') return { ok: true, value: candidate.right };
    if (candidate._tag === 'Left') return { ok: false, error: candidate.left };
  }
  throw new NotAResultError(
    `The handler returned ${describeType(value)}; expected a neverthrow Result or ResultAsync, or an fp-ts Either or TaskEither.`,
  );
}

/**
 * Runs the handler's outcome to its end: calls a `TaskEither`, reads a result at once, and awaits
 * only what must be awaited (a `ResultAsync` or a promise), so that a synchronous handler costs no
 * trip through the microtask queue. A throw or a rejection propagates, for the caller to treat as
 * a defect.
 */
export function settle(outcome: unknown): Settled | Promise<Settled> {
  const value = typeof outcome === 'function' ? (outcome as () => unknown)() : outcome;
  return isThenable(value) ? Promise.resolve(value).then(readResult) : readResult(value);
}

/** True when {@link settle} answered at once rather than with a promise. */
export function isSettled(value: Settled | Promise<Settled>): value is Settled {
  return !(value instanceof Promise);
}
