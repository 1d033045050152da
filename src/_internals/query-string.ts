import { EMPTY_MAP, appendValue, emptyMap } from './fields.js';

const PLUS = /\+/g;
const ESCAPE_RUN = /(?:%[0-9A-Fa-f]{2})+/g;

/** How many bytes a UTF-8 sequence that starts with `lead` has; 1 for an invalid lead. */
function sequenceLength(lead: number): number {
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  if (lead >= 0xe0) return lead <= 0xef ? 3 : 1;
  if (lead >= 0xc2) return 2;
  return 1;
}

function tryDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/**
 * Decodes a run of `%XX` escapes one UTF-8 sequence at a time, so that an invalid sequence
 * (an overlong `%C0%AE`, a truncated `%E2%82`) stays as sent while the valid ones beside it
 * (`%E2%82%AC`, €) are still decoded.
 */
function decodeRun(run: string): string {
  const whole = tryDecode(run);
  if (whole !== undefined) return whole;
  let out = '';
  let i = 0;
  while (i < run.length) {
    const length = sequenceLength(parseInt(run.slice(i + 1, i + 3), 16));
    const sequence = run.slice(i, i + length * 3);
    const decoded = sequence.length === length * 3 ? tryDecode(sequence) : undefined;
    if (decoded === undefined) {
      out += run.slice(i, i + 3);
      i += 3;
    } else {
      out += decoded;
      i += sequence.length;
    }
  }
  return out;
}

/**
 * Decodes one query component the way browsers encode forms (WHATWG URL, application/
 * x-www-form-urlencoded): `+` is a space and `%XX` a byte. What cannot be decoded — `%zz`, a
 * lone `%`, a run of escapes that is not valid UTF-8 such as the overlong `%C0%AE` — is kept as
 * sent, while the valid UTF-8 sequences around it are still decoded; the request does not fail.
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
export function parseQueryString(raw: string): Readonly<Record<string, string[]>> {
  if (raw === '') return EMPTY_MAP;
  const out = emptyMap<string[]>();
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
