import { PROBLEM_JSON_MEDIA_TYPE } from './problem-details.js';
import { JSON_API_MEDIA_TYPE } from './json-api.js';

/**
 * True when an `Accept` header prefers `application/problem+json` to the JSON:API types
 * (`application/vnd.api+json`, `application/json`). Only an explicit mention counts: `* / *`
 * and `application/*` accept both, and then the default (JSON:API) stays. Ties go to
 * problem+json, since naming it at all is a deliberate request.
 */
export function prefersProblemJson(accept: string | undefined): boolean {
  // Cheap exit for the common case; media types are case-insensitive (RFC 9110 §8.3.1).
  if (accept === undefined || !accept.toLowerCase().includes(PROBLEM_JSON_MEDIA_TYPE)) return false;
  let problemQ = 0;
  let jsonApiQ = 0;
  for (const range of accept.split(',')) {
    const parts = range.split(';');
    const type = (parts[0] ?? '').trim().toLowerCase();
    let q = 1;
    for (let i = 1; i < parts.length; i++) {
      const param = (parts[i] ?? '').trim().toLowerCase();
      if (param.startsWith('q=')) {
        const parsed = Number(param.slice(2));
        q = Number.isFinite(parsed) ? Math.min(Math.max(parsed, 0), 1) : 0;
      }
    }
    if (type === PROBLEM_JSON_MEDIA_TYPE) problemQ = Math.max(problemQ, q);
    else if (type === JSON_API_MEDIA_TYPE || type === 'application/json') {
      jsonApiQ = Math.max(jsonApiQ, q);
    }
  }
  return problemQ > 0 && problemQ >= jsonApiQ;
}
