import type { Result } from 'neverthrow';
import { err, ok } from 'neverthrow';
import type { ProblemSource } from '../problem.js';
import type { Issue, IssueTemplate } from './issue.js';
import { issueFrom } from './issue.js';
import { withMember } from '../_internals/fields.js';

/**
 * A rule over a decoded value: the value back when it holds, or every issue found. Validators
 * are plain functions, so one validator serves any number of endpoints.
 */
export type Validator<A> = (value: A) => Result<A, readonly Issue[]>;

/** An issue template with, optionally, where the issue lies. */
export interface RuleIssue<A> extends IssueTemplate<A> {
  readonly source?: ProblemSource;
}

/**
 * A validator from a predicate and the issue to report when it does not hold.
 *
 * @example
 * ```ts
 * import { rule } from 'gatefold';
 *
 * const passwordsMatch = rule(
 *   (a: { password: string; confirmation: string }) => a.password === a.confirmation,
 *   { code: '226', title: 'Password and password confirmation do not match.' },
 * );
 * ```
 */
export function rule<A>(predicate: (value: A) => boolean, issue: RuleIssue<A>): Validator<A> {
  return (value) =>
    predicate(value) ? ok(value) : err([issueFrom(issue, value, issue.title, issue.source)]);
}

/**
 * Runs every validator on the same value and reports the issues of all of them together.
 *
 * @example
 * ```ts
 * import { all, rule } from 'gatefold';
 *
 * const positive = rule((n: number) => n > 0, { code: 'not-positive', title: 'Must be positive' });
 * const even = rule((n: number) => n % 2 === 0, { code: 'not-even', title: 'Must be even' });
 * const positiveAndEven = all(positive, even); // -3 fails with both issues
 * ```
 */
export function all<A>(...validators: readonly Validator<A>[]): Validator<A> {
  return (value) => {
    const issues: Issue[] = [];
    for (const validator of validators) {
      const result = validator(value);
      // One by one: spread as arguments, a list as long as a client can make it (an issue per
      // item of a 130,000-item body) overflows the stack.
      if (result.isErr()) for (const issue of result.error) issues.push(issue);
    }
    return issues.length === 0 ? ok(value) : err(issues);
  };
}

/**
 * Runs validators one after another, stopping at the first that fails: for a rule that only
 * makes sense once an earlier one holds.
 *
 * @example
 * ```ts
 * import { rule, sequence } from 'gatefold';
 *
 * const present = rule((s: string) => s !== '', { code: 'required', title: 'Required' });
 * const email = rule((s: string) => s.includes('@'), { code: 'invalid-email', title: 'Not an email' });
 * const emailAddress = sequence(present, email); // '' reports only "required"
 * ```
 */
export function sequence<A>(...validators: readonly Validator<A>[]): Validator<A> {
  return (value) => {
    for (const validator of validators) {
      const result = validator(value);
      if (result.isErr()) return result;
    }
    return ok(value);
  };
}

/**
 * Applies a validator to one part of a value, and points the issues it reports (those that do
 * not already say where they lie) at that part with a JSON pointer.
 *
 * @example
 * ```ts
 * import { field, rule } from 'gatefold';
 *
 * const longEnough = rule((s: string) => s.length >= 3, {
 *   code: '123',
 *   title: 'Value is too short',
 *   detail: 'First name must contain at least three characters.',
 * });
 * const firstName = field(
 *   '/data/attributes/first-name',
 *   (input: { body: { data: { attributes: { 'first-name': string } } } }) =>
 *     input.body.data.attributes['first-name'],
 *   longEnough,
 * );
 * ```
 */
export function field<A, F>(
  pointer: string,
  select: (value: A) => F,
  validator: Validator<F>,
): Validator<A> {
  return (value) => {
    const result = validator(select(value));
    if (result.isOk()) return ok(value);
    return err(
      result.error.map((issue) =>
        issue.source === undefined ? withMember(issue, 'source', { pointer }) : issue,
      ),
    );
  };
}
