import * as t from 'io-ts';
import type { IssueTemplate } from './issue.js';
import type { SchemaConstraint } from './describe.js';
import { describeCodec, expectedOf } from './describe.js';

/**
 * A codec that decodes with `codec`, then checks the decoded value with `predicate`; a value that
 * fails is reported with the author's issue (code, title, detail). Works on any io-ts codec, so
 * refinements compose with everything else.
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * import { refine } from 'gatefold';
 *
 * const Even = refine(t.number, (n) => n % 2 === 0, {
 *   code: 'not-even',
 *   title: 'Value must be even',
 *   detail: (n) => `${String(n)} is odd.`,
 * });
 * ```
 */
export function refine<A, O, I>(
  codec: t.Type<A, O, I>,
  predicate: (value: A) => boolean,
  issue: IssueTemplate<A>,
  expected?: string,
): t.Type<A, O, I> {
  return refineWith(codec, predicate, issue, expected, undefined);
}

function refineWith<A, O, I>(
  codec: t.Type<A, O, I>,
  predicate: (value: A) => boolean,
  issue: IssueTemplate<A>,
  expected: string | undefined,
  constraint: SchemaConstraint | undefined,
): t.Type<A, O, I> {
  const refined = new t.Type<A, O, I>(
    `${codec.name} (${issue.code})`,
    (u): u is A => codec.is(u) && predicate(u),
    (input, context) => {
      const decoded = codec.validate(input, context);
      if (decoded._tag === 'Left') return decoded;
      return predicate(decoded.right) ? decoded : t.failure(decoded.right, context);
    },
    codec.encode,
  );
  return describeCodec(refined, {
    ...(expected === undefined ? {} : { expected }),
    issue: issue as IssueTemplate,
    base: codec,
    ...(constraint === undefined ? {} : { constraint }),
  });
}

/** A value with a length: a string or an array. */
export interface Sized {
  readonly length: number;
}

/**
 * Refines a string or array codec to at least `min` characters or items (`too-short`).
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * import { minLength } from 'gatefold';
 * const Name = minLength(t.string, 3);
 * ```
 */
export function minLength<A extends Sized, O, I>(
  codec: t.Type<A, O, I>,
  min: number,
  issue?: Partial<IssueTemplate<A>>,
): t.Type<A, O, I> {
  return refineWith(
    codec,
    (value) => value.length >= min,
    {
      code: 'too-short',
      title: 'Value is too short',
      detail: (value) =>
        `Expected at least ${String(min)} ${unit(value, min)}, received ${String(value.length)}.`,
      ...issue,
    },
    `at least ${String(min)} characters or items`,
    { kind: 'minLength', value: min },
  );
}

/**
 * Refines a string or array codec to at most `max` characters or items (`too-long`).
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * import { maxLength } from 'gatefold';
 * const Tags = maxLength(t.array(t.string), 10);
 * ```
 */
export function maxLength<A extends Sized, O, I>(
  codec: t.Type<A, O, I>,
  max: number,
  issue?: Partial<IssueTemplate<A>>,
): t.Type<A, O, I> {
  return refineWith(
    codec,
    (value) => value.length <= max,
    {
      code: 'too-long',
      title: 'Value is too long',
      detail: (value) =>
        `Expected at most ${String(max)} ${unit(value, max)}, received ${String(value.length)}.`,
      ...issue,
    },
    `at most ${String(max)} characters or items`,
    { kind: 'maxLength', value: max },
  );
}

function unit(value: Sized, count: number): string {
  const noun = typeof value === 'string' ? 'character' : 'item';
  return count === 1 ? noun : `${noun}s`;
}

/**
 * Refines a number codec to `min` or more (`too-small`).
 *
 * @example
 * ```ts
 * import { IntFromString, min } from 'gatefold';
 * const Page = min(IntFromString, 1);
 * ```
 */
export function min<O, I>(
  codec: t.Type<number, O, I>,
  bound: number,
  issue?: Partial<IssueTemplate<number>>,
): t.Type<number, O, I> {
  return refineWith(
    codec,
    (value) => value >= bound,
    {
      code: 'too-small',
      title: 'Value is too small',
      detail: (value) => `Expected ${String(bound)} or more, received ${String(value)}.`,
      ...issue,
    },
    `${expectedOf(codec)} of ${String(bound)} or more`,
    { kind: 'minimum', value: bound },
  );
}

/**
 * Refines a number codec to `max` or less (`too-large`).
 *
 * @example
 * ```ts
 * import { IntFromString, max } from 'gatefold';
 * const PageSize = max(IntFromString, 100);
 * ```
 */
export function max<O, I>(
  codec: t.Type<number, O, I>,
  bound: number,
  issue?: Partial<IssueTemplate<number>>,
): t.Type<number, O, I> {
  return refineWith(
    codec,
    (value) => value <= bound,
    {
      code: 'too-large',
      title: 'Value is too large',
      detail: (value) => `Expected ${String(bound)} or less, received ${String(value)}.`,
      ...issue,
    },
    `${expectedOf(codec)} of ${String(bound)} or less`,
    { kind: 'maximum', value: bound },
  );
}

/**
 * Refines a string codec to values matching `regex` (`invalid-format`). The regular expression
 * is compiled once, by the caller, at module load.
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * import { pattern } from 'gatefold';
 * const Sku = pattern(t.string, /^[A-Z]{3}-\d{4}$/, { detail: 'A SKU looks like ABC-1234.' });
 * ```
 */
export function pattern<O, I>(
  codec: t.Type<string, O, I>,
  regex: RegExp,
  issue?: Partial<IssueTemplate<string>>,
): t.Type<string, O, I> {
  // A global or sticky regex keeps state between test() calls; a copy without those flags keeps
  // the check pure.
  const pure =
    regex.global || regex.sticky
      ? new RegExp(regex.source, regex.flags.replace(/[gy]/g, ''))
      : regex;
  return refineWith(
    codec,
    (value) => pure.test(value),
    {
      code: 'invalid-format',
      title: 'Invalid format',
      detail: (value) =>
        `Expected a value matching ${String(pure)}, received ${JSON.stringify(value)}.`,
      ...issue,
    },
    `a value matching ${String(pure)}`,
    // JSON Schema patterns carry no flags: one with flags is left out rather than misstated.
    pure.flags === '' ? { kind: 'pattern', value: pure.source } : undefined,
  );
}
