/**
 * Domain errors: values with a `_tag` naming what went wrong, and the data about it. Handlers
 * return them on the `Err` side; an error map turns them into problems.
 */

/** Anything with a string `_tag`: a plain object `{ _tag: 'UserNotFound', id }` or a class. */
export interface Tagged<Tag extends string = string> {
  readonly _tag: Tag;
}

/** An instance of a class made by {@link TaggedError}: an `Error` with a tag and its data. */
export type TaggedErrorInstance<Tag extends string, A extends object> = Error &
  Tagged<Tag> &
  Readonly<A>;

/** The data of an error that carries none. */
// eslint-disable-next-line @typescript-eslint/no-generated-empty-object-type -- an error may carry no data
export type NoData = Record<never, never>;

/**
 * What {@link TaggedError} asks for in place of a tag typed as `string`: an error map must name
 * every tag, which it cannot do for tags the types do not know.
 */
export type LiteralTagRequired = "a literal tag, such as TaggedError('UserNotFound')";

/** Options of {@link TaggedError}. */
export interface TaggedErrorOptions {
  /** Capture a stack trace for each instance; `false` by default. */
  readonly stack?: boolean;
}

/** The constructor {@link TaggedError} returns; data is optional when the error has none. */
export type TaggedErrorClass<Tag extends string> = new <A extends object = NoData>(
  ...args: keyof A extends never
    ? [data?: A & { readonly cause?: unknown }]
    : [data: A & { readonly cause?: unknown }]
) => TaggedErrorInstance<Tag, A>;

/**
 * A base class for a domain error with a tag and data. Instances are real `Error`s with a `cause`;
 * the data become readonly fields. A domain error is an expected answer, not a fault, so by
 * default no stack trace is captured (capturing one costs more than the rest of an error
 * answer); the `cause` keeps the stack of what went wrong underneath. `{ stack: true }` captures
 * one, for an error that stands for a fault of its own.
 *
 * @example
 * ```ts
 * import { TaggedError } from 'gatefold';
 *
 * class UserNotFound extends TaggedError('UserNotFound')<{ readonly id: string }> {}
 * class LedgerUnavailable extends TaggedError('LedgerUnavailable') {}
 *
 * const missing = new UserNotFound({ id: 'u-9' }); // missing._tag === 'UserNotFound'
 * const down = new LedgerUnavailable({ cause: new Error('timeout') });
 * class Corrupted extends TaggedError('Corrupted', { stack: true }) {}
 * ```
 */
export function TaggedError<const Tag extends string>(
  // A tag typed only as `string` could not be told apart by an error map: ask for a literal.
  tag: string extends Tag ? LiteralTagRequired : Tag,
  options: TaggedErrorOptions = {},
): TaggedErrorClass<Tag> {
  const name = tag as Tag;
  const captureStack = options.stack ?? false;
  class Base extends Error {
    readonly _tag: Tag;

    constructor(data?: Record<string, unknown>) {
      const { cause, ...fields } = data ?? {};
      const limit = Error.stackTraceLimit;
      if (!captureStack) Error.stackTraceLimit = 0;
      super(name, cause === undefined ? undefined : { cause });
      Error.stackTraceLimit = limit;
      this._tag = name;
      this.name = name;
      // Assignment would take a field named `__proto__` (data parsed from a request may have
      // one) for the instance's prototype, and the error would stop being one: such data are
      // defined member by member instead. Assignment is kept otherwise, as it is faster.
      if (Object.hasOwn(fields, '__proto__')) {
        Object.defineProperties(this, Object.getOwnPropertyDescriptors(fields));
      } else Object.assign(this, fields);
    }
  }
  return Base as unknown as TaggedErrorClass<Tag>;
}

/** True for a value with a string `_tag`. */
export function isTagged(value: unknown): value is Tagged {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { _tag?: unknown })._tag === 'string'
  );
}
