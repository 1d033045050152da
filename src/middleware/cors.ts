import type { HttpRequest } from '../request.js';
import type { HttpResponse } from '../response.js';
import type { Middleware } from './middleware.js';
import { sound } from './chain.js';
import { addToList } from './middleware.js';
import { withEntry } from '../_internals/fields.js';
import { isHeaderName } from '../_internals/headers.js';
import { kindOf } from '../_internals/kind-of.js';
import {
  checkBoolean,
  checkNumber,
  checkOptionsObject,
  checkStringList,
  refuseOption,
} from '../_internals/option-checks.js';

/**
 * CORS settings. `origins: '*'` and `credentials: true` do not go together: the Fetch standard
 * refuses `Access-Control-Allow-Origin: *` with credentials, and echoing every origin instead
 * would let any site read answers made with the user's cookies.
 */
export type CorsOptions = (
  | {
      /** Any origin may read responses: `Access-Control-Allow-Origin: *`. */
      readonly origins: '*';
      /** Never with `'*'`: list the origins, or pass a predicate. */
      readonly credentials?: false;
    }
  | {
      /** Allowed origins (`https://shop.example`: scheme, host and port), or a predicate. */
      readonly origins: readonly string[] | ((origin: string) => boolean);
      /** Send `Access-Control-Allow-Credentials: true` (the origin is then echoed, never `*`). */
      readonly credentials?: boolean;
    }
) & {
  /** Response headers scripts may read (`Access-Control-Expose-Headers`). */
  readonly exposedHeaders?: readonly string[];
  /** Request headers allowed in preflight; by default the ones the browser asks for. */
  readonly allowedHeaders?: readonly string[];
  /** Methods allowed in preflight; GET, HEAD, POST, PUT, PATCH, DELETE by default. */
  readonly methods?: readonly string[];
  /** How long browsers may cache a preflight answer, in seconds. */
  readonly maxAge?: number;
};

const DEFAULT_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

// What is echoed from the request into response headers must be safe to send there. An origin is
// a serialised scheme, host and port (visible ASCII; IDNs arrive punycoded); requested headers are
// a comma-separated list of field names (RFC 9110 §5.1 tokens).
const ORIGIN = /^[\x21-\x7e]+$/;
const HEADER_NAME_LIST =
  /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+(?:[ \t]*,[ \t]*[!#$%&'*+\-.^_`|~0-9A-Za-z]+)*$/;

/**
 * Cross-origin resource sharing (the Fetch standard's CORS protocol): preflight requests are
 * answered here, and every response — successes, problems and masked defects alike — carries the
 * CORS headers, so a browser shows the real error instead of a CORS failure.
 *
 * @example
 * ```ts
 * import { ok } from 'neverthrow';
 * import { toLambda } from 'gatefold';
 * import { cors } from 'gatefold/middleware';
 *
 * export const handler = toLambda(() => ok({ up: true }), {
 *   middleware: [cors({ origins: ['https://shop.example'], credentials: true, maxAge: 600 })],
 * });
 * ```
 */
export function cors(options: CorsOptions): Middleware {
  checkCorsOptions(options);
  const { origins } = options;
  const list = Array.isArray(origins) ? new Set(origins) : undefined;
  const predicate = typeof origins === 'function' ? origins : undefined;
  const allowed = (origin: string): boolean => {
    if (!ORIGIN.test(origin)) return false;
    if (origins === '*') return true;
    if (list !== undefined) return list.has(origin);
    const answer: unknown = predicate?.(origin);
    // Only `true` allows: a promise (an async predicate) or a truthy string would allow any origin.
    if (typeof answer !== 'boolean') {
      throw new TypeError(
        `The cors origins predicate answered ${kindOf(answer)}; it must answer true or false at once.`,
      );
    }
    return answer;
  };
  const anyOrigin = origins === '*';
  const methods = (options.methods ?? DEFAULT_METHODS).join(', ');
  const exposed = options.exposedHeaders?.join(', ');

  function decorate(response: HttpResponse, origin: string): HttpResponse {
    const headers = withEntry(response.headers, 'access-control-allow-origin', [
      anyOrigin ? '*' : origin,
    ]);
    if (options.credentials === true) headers['access-control-allow-credentials'] = ['true'];
    if (exposed !== undefined && exposed !== '')
      headers['access-control-expose-headers'] = [exposed];
    const out = { ...response, headers };
    // The answer depends on Origin unless it is `*` for everyone (Fetch standard §3.2.5).
    return anyOrigin ? out : addToList(out, 'vary', 'origin');
  }

  function preflight(request: HttpRequest, origin: string): HttpResponse {
    const asked = request.headers['access-control-request-headers']?.join(', ');
    const requested = asked !== undefined && HEADER_NAME_LIST.test(asked) ? asked : undefined;
    const headers: Record<string, readonly string[]> = {
      'access-control-allow-methods': [methods],
    };
    const allowHeaders = options.allowedHeaders?.join(', ') ?? requested;
    if (allowHeaders !== undefined && allowHeaders !== '')
      headers['access-control-allow-headers'] = [allowHeaders];
    if (options.maxAge !== undefined)
      headers['access-control-max-age'] = [String(Math.max(0, Math.floor(options.maxAge)))];
    const response = decorate({ status: 204, headers, cookies: [], body: '' }, origin);
    return addToList(
      addToList(response, 'vary', 'access-control-request-method'),
      'vary',
      'access-control-request-headers',
    );
  }

  return sound((next, tools) => async (request, context) => {
    const origin = request.headers['origin']?.[0];
    let isAllowed: boolean;
    try {
      isAllowed = origin !== undefined && allowed(origin);
    } catch (defect) {
      // A predicate that throws is a defect: the masked 500, logged. The origin was not vouched
      // for, so the answer carries what any refused origin's does, and the middleware around
      // this one still decorate it.
      return addToList(tools.defect(request, defect), 'vary', 'origin');
    }
    if (origin === undefined || !isAllowed) {
      // Caches must not hand this answer to a CORS request from another origin (Fetch standard,
      // "CORS protocol and HTTP caches"): vary on Origin, or allow every origin outright.
      const response = await next(request, context);
      return anyOrigin ? decorate(response, '*') : addToList(response, 'vary', 'origin');
    }
    const isPreflight =
      request.method === 'OPTIONS' &&
      request.headers['access-control-request-method'] !== undefined;
    if (isPreflight) return preflight(request, origin);
    return decorate(await next(request, context), origin);
  });
}

/** Refuses options a JavaScript caller could pass that would be read as something else. */
function checkCorsOptions(options: unknown): asserts options is CorsOptions {
  checkOptionsObject('cors', options, "cors({ origins: ['https://shop.example'] })");
  const { origins, credentials, exposedHeaders, allowedHeaders, methods, maxAge } =
    options as Record<string, unknown>;
  if (origins === undefined) {
    refuseOption(
      'cors',
      "`origins` is missing; pass a list such as ['https://shop.example'], '*' or a predicate.",
    );
  }
  if (origins !== '*' && typeof origins !== 'function') {
    checkStringList(
      'cors',
      'origins',
      origins,
      (origin) => ORIGIN.test(origin),
      'an origin (scheme, host and port, such as https://shop.example)',
      "['https://shop.example'], '*' or a predicate",
    );
  }
  checkBoolean('cors', 'credentials', credentials);
  if (origins === '*' && credentials === true) {
    refuseOption(
      'cors',
      "`origins: '*'` with `credentials: true` would let every site read answers made with the user's cookies (the Fetch standard refuses `*` with credentials). List the allowed origins, or pass a predicate that checks them.",
    );
  }
  const headerName = 'a header name (an RFC 9110 token)';
  checkStringList(
    'cors',
    'exposedHeaders',
    exposedHeaders,
    isHeaderName,
    headerName,
    "['x-request-id']",
  );
  checkStringList(
    'cors',
    'allowedHeaders',
    allowedHeaders,
    isHeaderName,
    headerName,
    "['content-type']",
  );
  checkStringList(
    'cors',
    'methods',
    methods,
    isHeaderName,
    'a method name (an RFC 9110 token)',
    "['GET', 'POST']",
  );
  checkNumber('cors', 'maxAge', maxAge, -Infinity);
}
