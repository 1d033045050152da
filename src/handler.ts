import type { Context } from 'aws-lambda';
import type { Either } from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { Result, ResultAsync } from 'neverthrow';
import type { Problem } from './problem.js';
import type { HttpRequest } from './request.js';

/** What a handler may return: a neverthrow result (sync, async, or promised) or an fp-ts one. */
export type Outcome<T, E> =
  | Result<T, E>
  | ResultAsync<T, E>
  | Promise<Result<T, E>>
  | Either<E, T>
  | TaskEither<E, T>
  | Promise<Either<E, T>>;

/** The error side a handler may hand to the adapter directly: one problem or several. */
export type ProblemError = Problem | readonly Problem[];

/**
 * The error side of a handler whose domain errors `E` an error map covers: one error or problem,
 * or a list mixing both.
 */
export type MappedErrors<E> = E | Problem | readonly (E | Problem)[];

/**
 * The whole return type of a handler is inferred, so a handler that answers `ok(created(…))` in
 * one branch and `ok(noContent())` or `err([…])` in another is one handler.
 */
export type AnyHandler = (request: HttpRequest, context: Context) => Outcome<unknown, unknown>;

/**
 * A request handler: a function of the normalised request (and Lambda's context) to an outcome.
 * `T` is the success value (a `Reply` or a JSON value); `E` the error value.
 */
export type Handler<T, E> = (request: HttpRequest, context: Context) => Outcome<T, E>;

/**
 * A handler whose `Err` side holds problems only: what `toLambda` takes without options. A
 * handler that also returns domain errors needs an error map (`toLambda(handler, { errors })`).
 */
export type ProblemHandler = (
  request: HttpRequest,
  context: Context,
) => Outcome<unknown, ProblemError>;

/**
 * A handler whose domain errors are all among `E`, the errors an error map covers; problems are
 * always allowed. `toLambda` takes one handler type per number of arguments, so that a mistake is
 * one error rather than "No overload matches this call": for a domain error the map lacks, its
 * first line names the handler's error types and the map's (`MappedErrors<…>`).
 */
export type HandlerMappedBy<E> = (
  request: HttpRequest,
  context: Context,
) => Outcome<unknown, MappedErrors<E>>;
