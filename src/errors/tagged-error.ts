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

/** The constructor {@link TaggedError} returns; data is optional when the error has none. */
export type TaggedErrorClass<Tag extends string> = new <A extends object = NoData>(
  ...args: keyof A extends never
    ? [data?: A & { readonly cause?: unknown }]
    : [data: A & { readonly cause?: unknown }]
) => TaggedErrorInstance<Tag, A>;

/**
 * A base class for a domain error with a tag and data. Instances are real `Error`s (a stack, a
 * `cause`), so a mapped 5xx logs where it came from; the data become readonly fields.
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
 * ```
 */
export function TaggedError<const Tag extends string>(tag: Tag): TaggedErrorClass<Tag> {
  class Base extends Error {
    readonly _tag: Tag = tag;

    constructor(data?: Record<string, unknown>) {
      const { cause, ...fields } = data ?? {};
      super(tag, cause === undefined ? undefined : { cause });
      this.name = tag;
      Object.assign(this, fields);
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
