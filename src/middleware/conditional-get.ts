import { createHash } from 'node:crypto';
import type { Middleware } from './middleware.js';
import { sound } from './chain.js';
import { copiedMap, withEntry } from '../_internals/fields.js';

/**
 * The entity tags an `If-None-Match` header lists match `etag` under weak comparison (RFC 9110
 * §13.1.2): `W/"x"` and `"x"` are the same tag, and `*` matches any.
 */
function matches(ifNoneMatch: string, etag: string): boolean {
  const opaque = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === opaque;
  });
}

/**
 * Adds an `ETag` to successful GET responses (a weak tag from a hash of the body, since
 * compression may change the bytes) and answers 304 Not Modified, without a body, when the
 * request's `If-None-Match` already has it. A response that sets its own `ETag` keeps it.
 *
 * @example
 * ```ts
 * import { ok } from 'neverthrow';
 * import { toLambda } from 'gatefold';
 * import { conditionalGet } from 'gatefold/middleware';
 *
 * export const handler = toLambda(() => ok({ catalogue: [] }), { middleware: [conditionalGet()] });
 * ```
 */
export function conditionalGet(): Middleware {
  return sound((next) => async (request, context) => {
    const response = await next(request, context);
    if ((request.method !== 'GET' && request.method !== 'HEAD') || response.status !== 200)
      return response;
    let etag = response.headers['etag']?.[0];
    if (etag === undefined) {
      if (response.body === '') return response;
      const digest = createHash('sha256').update(response.body).digest('base64url').slice(0, 27);
      etag = `W/"${digest}"`;
    }
    const headers = withEntry(response.headers, 'etag', [etag]);
    const ifNoneMatch = request.headers['if-none-match']?.join(',');
    if (ifNoneMatch !== undefined && matches(ifNoneMatch, etag)) {
      // RFC 9110 §15.4.5: a 304 keeps the headers a 200 would have sent, but not the content ones.
      const kept = copiedMap(headers);
      delete kept['content-type'];
      delete kept['content-length'];
      return { status: 304, headers: kept, cookies: response.cookies, body: '' };
    }
    return { ...response, headers };
  });
}
