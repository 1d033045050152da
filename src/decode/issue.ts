import type { Problem, ProblemSource } from '../problem.js';
import type { ClientErrorStatus } from '../status.js';
import { problem } from '../problem.js';

/**
 * One thing wrong with a request, before an HTTP status is chosen: a stable machine `code`
 * (`required`, `invalid-type`, `too-short`… or the author's own), a `title` that does not change
 * between occurrences, a `detail` about this occurrence, and where it lies.
 */
export interface Issue {
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly source?: ProblemSource;
  readonly meta?: Readonly<Record<string, unknown>>;
}

/** An issue's code, title and detail; the detail may depend on the value that failed. */
export interface IssueTemplate<A = unknown> {
  readonly code: string;
  readonly title: string;
  readonly detail?: string | ((value: A) => string);
  readonly meta?: Readonly<Record<string, unknown>>;
}

/** @internal The issue a template gives for a value, at a source. */
export function issueFrom<A>(
  template: IssueTemplate<A>,
  value: A,
  fallbackDetail: string,
  source: ProblemSource | undefined,
): Issue {
  const detail =
    typeof template.detail === 'function'
      ? template.detail(value)
      : (template.detail ?? fallbackDetail);
  const out: { -readonly [K in keyof Issue]: Issue[K] } = {
    code: template.code,
    title: template.title,
    detail,
  };
  if (source !== undefined) out.source = source;
  if (template.meta !== undefined) out.meta = template.meta;
  return out;
}

/**
 * A client-error problem for an issue.
 *
 * @example
 * ```ts
 * import { issueToProblem } from 'gatefold';
 * issueToProblem({ code: 'required', title: 'Required', detail: 'Send a name.' }, 422);
 * ```
 */
export function issueToProblem(issue: Issue, status: ClientErrorStatus = 400): Problem {
  return problem({ status, ...issue });
}
