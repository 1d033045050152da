import type { HeaderInit } from '../reply.js';
import { appendValue } from './fields.js';

// RFC 9110 §5.1 field-name token, and §5.5 field values: no CR, LF or NUL, which would split
// the response (header injection).
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const UNSAFE_VALUE = /[\r\n\0]/;

/** Whether `name` can be sent as a header name (an RFC 9110 token). */
export function isHeaderName(name: string): boolean {
  return TOKEN.test(name);
}

/** Whether `value` can be sent as a header value: a string without CR, LF or NUL. */
export function isHeaderValue(value: unknown): boolean {
  return typeof value === 'string' && !UNSAFE_VALUE.test(value);
}

/** @internal A response the handler built that cannot be sent as it is: a defect. */
export class InvalidResponseError extends Error {
  override readonly name = 'InvalidResponseError';
}

/** Throws unless `value` is safe to send as a header value or `Set-Cookie` line. */
export function checkHeaderValue(name: string, value: unknown): string {
  if (typeof value !== 'string') {
    throw new InvalidResponseError(
      `Header "${name}" has a ${typeof value} value; expected a string.`,
    );
  }
  if (UNSAFE_VALUE.test(value)) {
    throw new InvalidResponseError(`Header "${name}" has a value containing CR, LF or NUL.`);
  }
  return value;
}

/**
 * Adds headers to a lower-cased multi-value map after checking names and values. `Set-Cookie`
 * values go to `cookies`, because every event kind sends cookies its own way.
 */
export function addHeaders(
  target: Record<string, string[]>,
  cookies: string[],
  headers: HeaderInit | undefined,
): void {
  if (headers === undefined) return;
  for (const name of Object.keys(headers)) {
    if (!TOKEN.test(name)) {
      throw new InvalidResponseError(`"${name.slice(0, 64)}" is not a valid header name.`);
    }
    const key = name.toLowerCase();
    const raw = headers[name];
    const values: readonly unknown[] = Array.isArray(raw) ? raw : [raw];
    for (const value of values) {
      const checked = checkHeaderValue(key, value);
      if (key === 'set-cookie') cookies.push(checked);
      else appendValue(target, key, checked);
    }
  }
}

/**
 * Throws unless every header and cookie of a finished response can be sent: names are tokens and
 * values have no CR, LF or NUL. Handlers' replies and problems are checked as they are folded;
 * this covers what middleware and the adapter add after that.
 */
export function checkResponseHeaders(
  headers: Readonly<Record<string, readonly string[]>>,
  cookies: readonly string[],
): void {
  for (const name of Object.keys(headers)) {
    if (!TOKEN.test(name)) {
      throw new InvalidResponseError(`"${name.slice(0, 64)}" is not a valid header name.`);
    }
    for (const value of headers[name] ?? []) checkHeaderValue(name, value);
  }
  for (const cookie of cookies) checkHeaderValue('set-cookie', cookie);
}

/** Replaces a header's values. */
export function setHeader(target: Record<string, string[]>, name: string, value: string): void {
  target[name] = [value];
}
