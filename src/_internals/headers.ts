import type { HeaderInit } from '../reply.js';
import type { HttpResponse } from '../response.js';
import { appendValue } from './fields.js';
import { kindOf } from './kind-of.js';

// RFC 9110 §5.1: a field name is a token.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// RFC 9110 §5.5: a field value holds HTAB, SP, visible ASCII (VCHAR) and obs-text (0x80–0xFF),
// nothing else. CR, LF and NUL would split the response (header injection); other control
// characters and DEL are outside the grammar, and proxies differ on what they do with them; a
// character above U+00FF has no octet to be sent as (Node's own HTTP server refuses it too).
const NOT_FIELD_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
const SPLITTING = /^[\r\n\0]$/;

/** Whether `name` can be sent as a header name (an RFC 9110 token). */
export function isHeaderName(name: string): boolean {
  return TOKEN.test(name);
}

/** Whether `value` can be sent as a header value: a string of RFC 9110 field-value characters. */
export function isHeaderValue(value: unknown): boolean {
  return typeof value === 'string' && !NOT_FIELD_VALUE.test(value);
}

/** @internal A response the handler built that cannot be sent as it is: a defect. */
export class InvalidResponseError extends Error {
  override readonly name = 'InvalidResponseError';
}

/** Throws unless `name` can be sent as a header name. */
export function checkHeaderName(name: string): string {
  if (!TOKEN.test(name)) {
    throw new InvalidResponseError(`"${name.slice(0, 64)}" is not a valid header name.`);
  }
  return name;
}

/** Throws unless `value` is safe to send as a header value or `Set-Cookie` line. */
export function checkHeaderValue(name: string, value: unknown): string {
  if (typeof value !== 'string') {
    throw new InvalidResponseError(
      `Header "${name}" has a ${typeof value} value; expected a string.`,
    );
  }
  const bad = NOT_FIELD_VALUE.exec(value);
  if (bad !== null) {
    // The code point only, never the value: it may hold what the client must not see.
    const char = bad[0];
    throw new InvalidResponseError(
      SPLITTING.test(char)
        ? `Header "${name}" has a value containing CR, LF or NUL.`
        : `Header "${name}" has a value containing U+${(value.codePointAt(bad.index) ?? 0).toString(16).toUpperCase().padStart(4, '0')}, which a field value cannot hold (RFC 9110 §5.5).`,
    );
  }
  return value;
}

/**
 * Throws unless `values` is a list of values that can be sent under `name`. A string is refused
 * rather than read as the list of its characters (`"bar"` would go out as `b`, `a`, `r`).
 */
export function checkHeaderList(name: string, values: unknown): readonly string[] {
  if (!Array.isArray(values)) {
    throw new InvalidResponseError(
      `Header "${name}" has ${kindOf(values)} where a list of values belongs.`,
    );
  }
  for (const value of values) checkHeaderValue(name, value);
  return values as readonly string[];
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
  // Typed, but built by any code: a string would be read as a map of its indices to its characters.
  const given: unknown = headers;
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    throw new InvalidResponseError(
      `The headers are ${kindOf(given)}; expected an object of names to values.`,
    );
  }
  for (const name of Object.keys(headers)) {
    const key = checkHeaderName(name).toLowerCase();
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
 * Throws unless every header and cookie of a finished response can be sent: the headers are a
 * map of token names to lists of field values, and the cookies a list of field values. Handlers'
 * replies and problems are checked as they are folded; this covers what middleware and the
 * adapter add after that. A list that is the very one `checked` (a response known to be
 * sendable) holds under the same name is not checked again.
 */
export function checkResponseHeaders(
  headers: unknown,
  cookies: unknown,
  checked?: Pick<HttpResponse, 'headers' | 'cookies'>,
): void {
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    throw new InvalidResponseError(
      `A response has ${kindOf(headers)} for headers; expected an object of names to lists.`,
    );
  }
  const map = headers as Readonly<Record<string, unknown>>;
  for (const name of Object.keys(map)) {
    const values = map[name];
    if (checked !== undefined && values !== undefined && values === checked.headers[name]) {
      continue;
    }
    checkHeaderList(checkHeaderName(name), values);
  }
  if (checked === undefined || cookies !== checked.cookies) checkHeaderList('set-cookie', cookies);
}
