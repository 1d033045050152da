import type { Middleware } from './middleware.js';
import { sound } from './chain.js';
import { copiedMap } from '../_internals/fields.js';
import { isHeaderName, isHeaderValue } from '../_internals/headers.js';
import { kindOf } from '../_internals/kind-of.js';
import { checkOptionsObject, refuseOption } from '../_internals/option-checks.js';

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
 * import { toLambda } from 'gatefold';
 * import { securityHeaders } from 'gatefold/middleware';
 *
 * export const handler = toLambda(() => ok({ up: true }), {
 *   middleware: [securityHeaders({ headers: { 'x-frame-options': false } })],
 * });
 * ```
 */
export function securityHeaders(options: SecurityHeadersOptions = {}): Middleware {
  checkSecurityHeadersOptions(options);
  const merged: Record<string, string | false> = { ...DEFAULTS };
  for (const [name, value] of Object.entries(options.headers ?? {}))
    merged[name.toLowerCase()] = value;
  const headers = Object.entries(merged).filter(
    (entry): entry is [string, string] => entry[1] !== false,
  );
  const errorCacheControl = options.errorCacheControl ?? 'no-store';
  return sound((next) => async (request, context) => {
    const response = await next(request, context);
    const out = copiedMap(response.headers);
    for (const [name, value] of headers) out[name] ??= [value];
    if (errorCacheControl !== false && response.status >= 400)
      out['cache-control'] ??= [errorCacheControl];
    return { ...response, headers: out };
  });
}

/**
 * A value to send, or `false`: one with a character a field value cannot hold would make every
 * response a masked 500, so it is refused here, once.
 */
function checkValue(name: string, value: unknown): void {
  if (value !== false && !isHeaderValue(value)) {
    refuseOption(
      'securityHeaders',
      typeof value === 'string'
        ? `\`${name}\` has a character a header value cannot hold (RFC 9110 §5.5: HTAB, space, visible ASCII and 0x80–0xFF only).`
        : `\`${name}\` is ${kindOf(value)}; pass the header's value, or false to leave it out.`,
    );
  }
}

/** Refuses options a JavaScript caller could pass that no response could carry. */
function checkSecurityHeadersOptions(options: unknown): void {
  checkOptionsObject('securityHeaders', options, 'securityHeaders({ errorCacheControl: false })');
  const { headers, errorCacheControl } = options as Record<string, unknown>;
  if (headers !== undefined) {
    if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
      refuseOption(
        'securityHeaders',
        `\`headers\` is ${kindOf(headers)}; pass an object of names to values, e.g. { 'x-frame-options': 'SAMEORIGIN' }.`,
      );
    }
    for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
      if (!isHeaderName(name)) {
        refuseOption(
          'securityHeaders',
          `"${name.slice(0, 64)}" in \`headers\` is not a header name (an RFC 9110 token).`,
        );
      }
      checkValue(`headers.${name}`, value);
    }
  }
  if (errorCacheControl !== undefined) checkValue('errorCacheControl', errorCacheControl);
}
