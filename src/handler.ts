import type { Context } from 'aws-lambda';
import type { Either, Left, Right } from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { Err, Ok, Result, ResultAsync } from 'neverthrow';
import type { Problem } from './problem.js';
import type { HttpRequest } from './request.js';
import type { ErrorMap } from './errors/error-map.js';
import type { Tagged } from './errors/tagged-error.js';

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

/** A handler whose domain errors are all among `E`, the errors an error map covers. */
export type HandlerMappedBy<E> = (
  request: HttpRequest,
  context: Context,
) => Outcome<unknown, MappedErrors<E>>;

/**
 * Any domain error, as the constraint of a handler given with an error map. Its key marks the
 * domain error the constraint offers: what a context-typed `ok(…)`, `okAsync(…)` or `right(…)`
 * takes for its (phantom) error side, so that it is not read as a domain error of the handler. No
 * error of a user's has this key.
 */
export interface AnyTagged extends Tagged {
  readonly '~gatefold.offered'?: never;
}

/**
 * What `toLambda` takes with options: a handler with problems and domain errors on its `Err`
 * side. Its domain errors are checked against the map in the options ({@link MappedOptions}), so
 * that for a tag the map lacks the first line of the compile error names the tag.
 */
export type AnyMappedHandler = (
  request: HttpRequest,
  context: Context,
) => Outcome<unknown, MappedErrors<AnyTagged>>;

/**
 * The error side of an outcome type (of each member of a union of them): what its `Err` or
 * `Left` holds. An `Ok` or `Right` has none, whatever its type arguments say.
 */
export type ErrorsOf<R> =
  R extends Err<unknown, infer X>
    ? X
    : R extends Ok<unknown, unknown>
      ? never
      : R extends ResultAsync<unknown, infer X>
        ? X
        : R extends Left<infer X>
          ? X
          : R extends Right<unknown>
            ? never
            : R extends Promise<infer P>
              ? ErrorsOf<P>
              : R extends () => infer P
                ? ErrorsOf<P>
                : never;

/** The tags of the domain errors, one or in a list, on the error side of the outcome `R`. */
export type TagsOf<R> = (
  ErrorsOf<R> extends infer X ? (X extends readonly (infer Y)[] ? Y : X) : never
) extends infer D
  ? D extends Tagged
    ? '~gatefold.offered' extends keyof D
      ? never
      : D['_tag']
    : never
  : never;

/** The member of a union the compiler takes last, with which {@link TupleOf} builds its tuple. */
export type LastOf<U> = (U extends unknown ? (last: (member: U) => void) => void : never) extends (
  last: infer L,
) => void
  ? L extends (member: infer M) => void
    ? M
    : never
  : never;
/** The members of a union of strings as a tuple, in the compiler's order of the union. */
export type TupleOf<U, Acc extends readonly string[] = []> = [U] extends [never]
  ? Acc
  : LastOf<U> extends infer L extends string
    ? TupleOf<Exclude<U, L>, [L, ...Acc]>
    : Acc;
/** Strings joined as a sentence lists them: `A`, `A and B`, `A, B and C`. */
export type Sentence<T extends readonly string[]> = T extends readonly [infer Only extends string]
  ? Only
  : T extends readonly [infer A extends string, infer B extends string]
    ? `${A} and ${B}`
    : T extends readonly [infer A extends string, ...infer Rest extends readonly string[]]
      ? `${A}, ${Sentence<Rest>}`
      : '';

/**
 * What the compiler asks for in place of an error map that lacks the tags `Tags`, so that the
 * first line of the error names them: `"TodoLocked is not mapped"`.
 */
export type NotMapped<Tags extends string> = string extends Tags
  ? 'a _tag typed as string cannot be mapped: use a literal tag'
  : TupleOf<Tags> extends infer T extends readonly string[]
    ? T extends readonly [string]
      ? `${Sentence<T>} is not mapped`
      : `${Sentence<T>} are not mapped`
    : never;

/**
 * The options of a handler whose outcome is `R`, with `O` the other options: the error map
 * `errors` of `E`, when `E` covers every domain error of `R`; otherwise, in place of the map,
 * {@link NotMapped}, naming the tags it lacks.
 */
export type MappedOptions<R, E extends Tagged, O> = [Exclude<TagsOf<R>, E['_tag']>] extends [never]
  ? O & { readonly errors?: ErrorMap<E> }
  : O & { readonly errors: NotMapped<Exclude<TagsOf<R>, E['_tag']>> };
