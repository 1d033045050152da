import type { Problem } from '../problem.js';
import type { ClientErrorStatus } from '../status.js';
import type { Issue } from './issue.js';
import { problem } from '../problem.js';
import { boundedIssue } from './bounds.js';
import { issueToProblem } from './issue.js';

/**
 * The most problems one response lists by default. A client controls how many problems its
 * request has (40,000 wrong array items are 40,000 problems), not how many are worth reading:
 * past this many the rest are counted, and the response stays small enough for every event
 * source (Lambda returns at most 6 MB, an ALB at most 1 MB; past that the client gets a 502).
 */
export const DEFAULT_MAX_PROBLEMS = 100;

/** The code of the problem that counts those a response leaves out. */
export const TOO_MANY_PROBLEMS = 'too-many-problems';

/**
 * @internal The problems of one request as they are found: the first `max` kept, the rest only
 * counted. Issues become problems only when kept, with what they echo of the request bounded.
 */
export interface ProblemList {
  /** Adds a problem, or counts it when the list is full. */
  add(problem: Problem): void;
  /** Adds an issue as a problem of the list's status, or counts it. */
  addIssue(issue: Issue): void;
  /** Adds each issue in turn (never spread as arguments: a client controls how many there are). */
  addIssues(issues: readonly Issue[]): void;
  /** Counts problems found without building them, once the list has no room for them. */
  omit(count: number): void;
  /** How many more problems would be kept. */
  readonly room: number;
  /** How many problems were found, kept or not. */
  readonly found: number;
  /** The problems kept, and when some were left out, a last one that counts them. */
  problems(): Problem[];
}

/** @internal Checks a `maxProblems` option: a whole number of at least 1. */
export function checkMaxProblems(max: number): number {
  if (!Number.isSafeInteger(max) || max < 1) {
    throw new RangeError(`maxProblems must be a whole number of at least 1; got ${String(max)}.`);
  }
  return max;
}

/** @internal The problem that says how many were left out, of the list's status. */
export function omittedProblem(
  listed: number,
  omitted: number,
  status: ClientErrorStatus,
): Problem {
  return problem({
    status,
    code: TOO_MANY_PROBLEMS,
    title: 'Too many problems',
    detail: `The request has ${String(listed + omitted)} problems; ${listed === 1 ? 'the first is' : `the first ${String(listed)} are`} listed.`,
    meta: { listed, omitted },
  });
}

/**
 * The list behind {@link problemList}: a class, so that every request shares its methods. An
 * object literal with getters built per request costs V8 (Node 24) a dictionary-mode object and
 * six closures each time, and every request that decodes anything builds one.
 */
class KeptProblems implements ProblemList {
  private readonly kept: Problem[] = [];
  private omitted = 0;

  constructor(
    private readonly max: number,
    private readonly status: ClientErrorStatus,
  ) {}

  add(problem: Problem): void {
    if (this.kept.length < this.max) this.kept.push(problem);
    else this.omitted++;
  }

  addIssue(issue: Issue): void {
    if (this.kept.length < this.max)
      this.kept.push(issueToProblem(boundedIssue(issue), this.status));
    else this.omitted++;
  }

  addIssues(issues: readonly Issue[]): void {
    for (const issue of issues) this.addIssue(issue);
  }

  omit(count: number): void {
    this.omitted += count;
  }

  get room(): number {
    return this.max - this.kept.length;
  }

  get found(): number {
    return this.kept.length + this.omitted;
  }

  problems(): Problem[] {
    if (this.omitted === 0) return this.kept;
    const out = this.kept.slice();
    out.push(omittedProblem(this.kept.length, this.omitted, this.status));
    return out;
  }
}

/** @internal An empty list that keeps the first `max` problems; issues get `status`. */
export function problemList(max: number, status: ClientErrorStatus): ProblemList {
  return new KeptProblems(max, status);
}
