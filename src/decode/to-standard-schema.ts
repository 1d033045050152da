import type * as t from 'io-ts';
import type { StandardIssue, StandardSchemaV1, StandardSuccess } from './standard-schema-spec.js';
import { DEFAULT_MAX_PROBLEMS } from './problem-list.js';
import { reportWithPaths } from './report.js';

/** An issue of {@link toStandardSchema}: the Standard Schema issue with gatefold's code and title. */
export interface CodecIssue extends StandardIssue {
  readonly path: readonly string[];
  /** gatefold's code for it (`required`, `invalid-type`, `too-short` …). */
  readonly code: string;
  readonly title: string;
}

/** An io-ts codec as a Standard Schema: what {@link toStandardSchema} returns. */
export interface CodecStandardSchema<A, I = unknown> extends StandardSchemaV1<I, A> {
  /** The codec it validates with. */
  readonly codec: t.Decoder<I, A>;
}

/**
 * An io-ts codec as a Standard Schema (https://standardschema.dev), for tools that speak it (form
 * libraries, tRPC, Powertools' router, Hono's validator): `~standard.validate` decodes with the
 * codec and gives its value, or one issue per problem, each with the message gatefold's problem
 * documents use, the path to the member (the missing member itself, where a problem document
 * points at its parent), and gatefold's `code` and `title`, which an endpoint part given this
 * schema answers with as the codec would; the first 100 issues only, however many the value has.
 * Validation is synchronous.
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * import { toStandardSchema } from 'gatefold';
 *
 * const User = toStandardSchema(t.type({ name: t.string }));
 * const result = User['~standard'].validate({ name: 42 });
 * // { issues: [{ message: 'Expected string, received 42.', path: ['name'], code: 'invalid-type', … }] }
 * ```
 */
export function toStandardSchema<A, O, I>(codec: t.Type<A, O, I>): CodecStandardSchema<A, I> {
  return {
    codec,
    '~standard': {
      version: 1,
      vendor: 'gatefold',
      validate(value: unknown): StandardSuccess<A> | { readonly issues: CodecIssue[] } {
        const decoded = codec.decode(value as I);
        if (decoded._tag === 'Right') return { value: decoded.right };
        return {
          issues: reportWithPaths(decoded.left, DEFAULT_MAX_PROBLEMS).map(({ issue, path }) => ({
            message: issue.detail,
            path,
            code: issue.code,
            title: issue.title,
          })),
        };
      },
    },
  };
}
