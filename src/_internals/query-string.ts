import { appendValue, emptyMap } from './fields.js';

const PLUS = /\+/g;

/**
 * Decodes one query component the way browsers encode forms (WHATWG URL, application/
 * x-www-form-urlencoded): `+` is a space and `%XX` a byte. A malformed escape (`%zz`, a lone
 * `%`, an invalid UTF-8 sequence such as an overlong `%C0%AE`) keeps the component as it was
 * sent, rather than failing the request.
 */
export function decodeQueryComponent(text: string): string {
  const spaced = text.includes('+') ? text.replace(PLUS, ' ') : text;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/**
 * Parses a raw query string (`a=1&a=2&b`) into every value of every key, in order. Used for HTTP
 * API `rawQueryString`, which keeps values that contain commas apart, unlike the comma-joined
 * `queryStringParameters`.
 */
export function parseQueryString(raw: string): Record<string, string[]> {
  const out = emptyMap<string[]>();
  if (raw === '') return out;
  let start = 0;
  while (start <= raw.length) {
    let end = raw.indexOf('&', start);
    if (end === -1) end = raw.length;
    if (end > start) {
      const pair = raw.slice(start, end);
      const eq = pair.indexOf('=');
      const key = eq === -1 ? pair : pair.slice(0, eq);
      const value = eq === -1 ? '' : pair.slice(eq + 1);
      appendValue(out, decodeQueryComponent(key), decodeQueryComponent(value));
    }
    start = end + 1;
  }
  return out;
}
