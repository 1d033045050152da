import { appendValue, emptyMap } from './fields.js';

const PLUS = /\+/g;
const ESCAPE_RUN = /(?:%[0-9A-Fa-f]{2})+/g;

function decodeRun(run: string): string {
  try {
    return decodeURIComponent(run);
  } catch {
    return run;
  }
}

/**
 * Decodes one query component the way browsers encode forms (WHATWG URL, application/
 * x-www-form-urlencoded): `+` is a space and `%XX` a byte. What cannot be decoded — `%zz`, a
 * lone `%`, a run of escapes that is not valid UTF-8 such as the overlong `%C0%AE` — is kept as
 * sent, while the valid escapes around it are still decoded; the request does not fail.
 */
export function decodeQueryComponent(text: string): string {
  const spaced = text.includes('+') ? text.replace(PLUS, ' ') : text;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced.replace(ESCAPE_RUN, decodeRun);
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
