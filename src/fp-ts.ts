import type { Either } from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { Result } from 'neverthrow';
import { ResultAsync, err, ok } from 'neverthrow';

// fp-ts's Either is a plain tagged object; building it structurally keeps fp-ts out of the
// runtime import graph of users who only use neverthrow, and yields values fp-ts accepts as its
// own.

/**
 * A neverthrow `Result` from an fp-ts `Either` (`Right` → `Ok`, `Left` → `Err`).
 *
 * @example
 * ```ts
 * import * as E from 'fp-ts/Either';
 * import { fromEither } from 'gatefold/fp-ts';
 * fromEither(E.right(1)).isOk(); // true
 * ```
 */
export function fromEither<E, A>(either: Either<E, A>): Result<A, E> {
  return either._tag === 'Right' ? ok(either.right) : err(either.left);
}

/**
 * An fp-ts `Either` from a neverthrow `Result` (`Ok` → `Right`, `Err` → `Left`).
 *
 * @example
 * ```ts
 * import { ok } from 'neverthrow';
 * import { toEither } from 'gatefold/fp-ts';
 * toEither(ok(1)); // { _tag: 'Right', right: 1 }
 * ```
 */
export function toEither<T, E>(result: Result<T, E>): Either<E, T> {
  return result.match<Either<E, T>>(
    (right) => ({ _tag: 'Right', right }),
    (left) => ({ _tag: 'Left', left }),
  );
}

/**
 * A neverthrow `ResultAsync` from an fp-ts `TaskEither` (the task runs when this is called).
 *
 * @example
 * ```ts
 * import * as TE from 'fp-ts/TaskEither';
 * import { fromTaskEither } from 'gatefold/fp-ts';
 * const result = await fromTaskEither(TE.right(1));
 * ```
 */
export function fromTaskEither<E, A>(task: TaskEither<E, A>): ResultAsync<A, E> {
  return new ResultAsync(task().then((either) => fromEither(either)));
}

/**
 * An fp-ts `TaskEither` from a neverthrow `ResultAsync` or `Result`.
 *
 * @example
 * ```ts
 * import { okAsync } from 'neverthrow';
 * import { toTaskEither } from 'gatefold/fp-ts';
 * const either = await toTaskEither(okAsync(1))();
 * ```
 */
export function toTaskEither<T, E>(result: ResultAsync<T, E> | Result<T, E>): TaskEither<E, T> {
  return async () => toEither(await result);
}
