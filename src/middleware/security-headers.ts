import type { Middleware } from './middleware.js';
import { copiedMap } from '../_internals/fields.js';

/** Security header settings; `false` leaves a header out. */
export interface SecurityHeadersOptions {
  /** Headers set on every response unless the response has them; merged over the defaults. */
  readonly headers?: Readonly<Record<string, string | false>>;
  /** `Cache-Control` for 4xx and 5xx responses that set none; `no-store` by default. */
  readonly errorCacheControl?: string | false;
}

// Defaults for a JSON API: no sniffing, no framing, no referrer, nothing to load.
const DEFAULTS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
};

/**
 * Sensible security headers on every response (`X-Content-Type-Options: nosniff` and more), and
 * `Cache-Control: no-store` on errors so that no cache keeps them; each overridable or removable.
 *
 * @example
 * ```ts
 * import { ok } from 'neverthrow';
 * import { securityHeaders, toLambda } from 'gatefold';
 *
 * export const handler = toLambda(() => ok({ up: true }), {
 *   middleware: [securityHeaders({ headers: { 'x-frame-options': false } })],
 * });
 * ```
 */
export function securityHeaders(options: SecurityHeadersOptions = {}): Middleware {
  const merged: Record<string, string | false> = { ...DEFAULTS };
  for (const [name, value] of Object.entries(options.headers ?? {}))
    merged[name.toLowerCase()] = value;
  const headers = Object.entries(merged).filter(
    (entry): entry is [string, string] => entry[1] !== false,
  );
  const errorCacheControl = options.errorCacheControl ?? 'no-store';
  return (next) => async (request, context) => {
    const response = await next(request, context);
    const out = copiedMap(response.headers);
    for (const [name, value] of headers) out[name] ??= [value];
    if (errorCacheControl !== false && response.status >= 400)
      out['cache-control'] ??= [errorCacheControl];
    return { ...response, headers: out };
  };
}
