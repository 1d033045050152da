import type { Problem } from '../problem.js';
import type { ErrorStatus } from '../status.js';
import { reasonPhrase } from '../status.js';
import { sourceMembers } from './json-api.js';
import { PROBLEM_DETAILS_MEMBERS } from './problem-details-members.js';

/** The RFC 9457 media type. */
export const PROBLEM_JSON_MEDIA_TYPE = 'application/problem+json';

/**
 * Sets `key` as an own data member. Assignment would take a member named `__proto__` for the
 * object's prototype and drop it from the document, and `meta` keys may come from anywhere (a
 * parsed body, a client's field names). That key alone is defined: defining every member made
 * building and writing a document with three `meta` members about twice as slow in V8.
 */
function setMember(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else target[key] = value;
}

function addMeta(target: Record<string, unknown>, meta: Problem['meta']): void {
  if (meta === undefined) return;
  for (const key of Object.keys(meta)) {
    if (!PROBLEM_DETAILS_MEMBERS.has(key)) setMember(target, key, meta[key]);
  }
}

function addSource(target: Record<string, unknown>, problem: Problem): void {
  if (problem.source !== undefined) Object.assign(target, sourceMembers(problem.source));
}

/** One entry of the `errors` extension: what differs between the problems of one response. */
function errorEntry(problem: Problem): Record<string, unknown> {
  const out: Record<string, unknown> = { status: problem.status, title: problem.title };
  if (problem.type !== undefined) out['type'] = problem.type;
  if (problem.code !== undefined) out['code'] = problem.code;
  if (problem.detail !== undefined) out['detail'] = problem.detail;
  addSource(out, problem);
  addMeta(out, problem.meta);
  return out;
}

/**
 * @internal An RFC 9457 problem details document. One problem maps onto the standard members,
 * with `code`, its source (`pointer` / `parameter` / `header`) and `meta` as extension members.
 * Several problems share one document whose `errors` extension lists each (as in RFC 9457 §3's
 * example), under the combined status.
 */
export function problemDetailsDocument(
  problems: readonly Problem[],
  status: ErrorStatus,
  requestId: string,
): Record<string, unknown> {
  const only = problems.length === 1 ? problems[0] : undefined;
  if (only !== undefined) {
    const out: Record<string, unknown> = {
      type: only.type ?? 'about:blank',
      title: only.title,
      status: only.status,
    };
    if (only.detail !== undefined) out['detail'] = only.detail;
    if (only.code !== undefined) out['code'] = only.code;
    addSource(out, only);
    addMeta(out, only.meta);
    out['requestId'] = requestId;
    return out;
  }
  return {
    type: 'about:blank',
    title: reasonPhrase(status),
    status,
    detail: `The request has ${problems.length} problems; each is listed under "errors".`,
    errors: problems.map(errorEntry),
    requestId,
  };
}
