import type { Problem, ProblemSource } from '../problem.js';

/** The JSON:API media type (jsonapi.org/format/#content-negotiation). */
export const JSON_API_MEDIA_TYPE = 'application/vnd.api+json';

interface JsonApiError {
  status: string;
  code?: string;
  title: string;
  detail?: string;
  source?: { pointer?: string; parameter?: string; header?: string };
  links?: { type: string };
  meta?: Readonly<Record<string, unknown>>;
}

/**
 * @internal Only `pointer`, `parameter` and `header`: a source built at run time could carry
 * anything else, and must not add members the spec does not allow.
 */
export function sourceMembers(source: ProblemSource): {
  pointer?: string;
  parameter?: string;
  header?: string;
} {
  const s = source as { pointer?: unknown; parameter?: unknown; header?: unknown };
  if (typeof s.pointer === 'string') return { pointer: s.pointer };
  if (typeof s.parameter === 'string') return { parameter: s.parameter };
  if (typeof s.header === 'string') return { header: s.header };
  return {};
}

/** @internal One JSON:API error object: only the members the spec allows; `status` a string. */
export function jsonApiError(problem: Problem): JsonApiError {
  const out: JsonApiError = { status: String(problem.status), title: problem.title };
  if (problem.code !== undefined) out.code = problem.code;
  if (problem.detail !== undefined) out.detail = problem.detail;
  if (problem.source !== undefined) out.source = sourceMembers(problem.source);
  if (problem.type !== undefined) out.links = { type: problem.type };
  if (problem.meta !== undefined) out.meta = problem.meta;
  return out;
}

/**
 * @internal A JSON:API document with every problem under `errors`; the request id goes in the
 * top-level `meta`, where the spec allows non-standard information.
 */
export function jsonApiDocument(problems: readonly Problem[], requestId: string): object {
  return { errors: problems.map(jsonApiError), meta: { requestId } };
}
