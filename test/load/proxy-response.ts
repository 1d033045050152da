/** A Lambda proxy result of any event kind, seen as an HTTP client would see it. */
import type { ObservedResponse } from './cases.js';

interface ProxyResult {
  readonly statusCode?: unknown;
  readonly headers?: Readonly<Record<string, unknown>>;
  readonly multiValueHeaders?: Readonly<Record<string, unknown>>;
  readonly body?: unknown;
  readonly isBase64Encoded?: unknown;
}

const firstValue = (value: unknown): string | undefined => {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
};

/**
 * The status, headers (lower-cased; `multiValueHeaders` win over `headers` as in payload 1.0)
 * and text body of `result`. Anything that is not a well-formed proxy result shows up as status
 * 0 or an empty body, which no case accepts.
 */
export function observe(result: unknown): ObservedResponse {
  const proxy = (typeof result === 'object' && result !== null ? result : {}) as ProxyResult;
  const headers: Record<string, string | undefined> = {};
  for (const source of [proxy.headers, proxy.multiValueHeaders])
    for (const [name, value] of Object.entries(source ?? {}))
      headers[name.toLowerCase()] = firstValue(value);
  const text = typeof proxy.body === 'string' ? proxy.body : '';
  return {
    status: typeof proxy.statusCode === 'number' ? proxy.statusCode : 0,
    headers,
    body: proxy.isBase64Encoded === true ? Buffer.from(text, 'base64').toString('utf8') : text,
  };
}
