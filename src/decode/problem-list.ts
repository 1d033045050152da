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

/** @internal An empty list that keeps the first `max` problems; issues get `status`. */
export function problemList(max: number, status: ClientErrorStatus): ProblemList {
  const kept: Problem[] = [];
  let omitted = 0;
  const list: ProblemList = {
    add(p) {
      if (kept.length < max) kept.push(p);
      else omitted++;
    },
    addIssue(issue) {
      if (kept.length < max) kept.push(issueToProblem(boundedIssue(issue), status));
      else omitted++;
    },
    addIssues(issues) {
      for (const issue of issues) list.addIssue(issue);
    },
    omit(count) {
      omitted += count;
    },
    get room() {
      return max - kept.length;
    },
    get found() {
      return kept.length + omitted;
    },
    problems() {
      if (omitted === 0) return kept;
      const out = kept.slice();
      out.push(omittedProblem(kept.length, omitted, status));
      return out;
    },
  };
  return list;
}
