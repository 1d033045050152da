import { EMPTY_MAP, appendValue, emptyMap } from './fields.js';

const PLUS = /\+/g;
/**
 * A `%` that does not start the escape of an ASCII byte (`%00` to `%7F`): a lone `%`, a
 * truncated or non-hex escape, or a byte above 0x7F. Only these can make `decodeURIComponent`
 * throw; a component without one is decoded in one native call. (Written without a lookahead,
 * which V8 runs at half the speed.)
 */
const MAY_NOT_DECODE = /%(?:[^0-7]|.[^0-9A-Fa-f]|.?$)/s;

/** The value of the hex digit with char code `code`, or -1 (also for `NaN`, past the end). */
function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
}

/** The byte escaped at `at` (`%XX`), or -1 when no escape starts there. */
function escapedByte(text: string, at: number): number {
  if (text.charCodeAt(at) !== 0x25) return -1;
  const high = hexValue(text.charCodeAt(at + 1));
  const low = hexValue(text.charCodeAt(at + 2));
  return high < 0 || low < 0 ? -1 : high * 16 + low;
}

/**
 * How many escapes the UTF-8 sequence escaped at `at` spans when it is well-formed, or 0 when it
 * is not — by Table 3-7 of the Unicode Standard, the rule `decodeURIComponent` applies: no
 * overlong form, no surrogate, nothing above U+10FFFF, no truncated sequence, no `%` that does
 * not start an escape.
 */
function sequenceLength(text: string, at: number): number {
  const lead = escapedByte(text, at);
  if (lead < 0x80) return lead < 0 ? 0 : 1;
  let length: number;
  let low = 0x80;
  let high = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) length = 2;
  else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead === 0xe0) low = 0xa0;
    else if (lead === 0xed) high = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead === 0xf0) low = 0x90;
    else if (lead === 0xf4) high = 0x8f;
  } else return 0;
  const second = escapedByte(text, at + 3);
  if (second < low || second > high) return 0;
  for (let k = 2; k < length; k++) {
    const next = escapedByte(text, at + k * 3);
    if (next < 0x80 || next > 0xbf) return 0;
  }
  return length;
}

/**
 * Decodes the escapes of `text` one UTF-8 sequence at a time, so that a `%` that does not start
 * a well-formed sequence (`%zz`, a lone `%`, an overlong `%C0%AE`, a truncated `%E2%82`) stays as
 * sent while the valid sequences beside it (`%E2%82%AC`, €) are still decoded. Validity is
 * checked here rather than by catching what `decodeURIComponent` throws: a throw costs
 * microseconds, and a query of `%C0` escapes would pay one per escape. Only stretches of
 * well-formed escapes reach `decodeURIComponent`, so it never throws, and each is decoded in one
 * call; text kept as sent is copied in one piece, however many escapes it holds.
 */
function decodeLeniently(text: string): string {
  let out = '';
  let from = 0; // the start of the text not yet written
  let decodeFrom = -1; // the first well-formed escape after `from`, if any
  let at = text.indexOf('%');
  while (at !== -1) {
    const length = sequenceLength(text, at);
    if (length > 0) {
      if (decodeFrom === -1) decodeFrom = at;
      at = text.indexOf('%', at + length * 3);
      continue;
    }
    // This `%` stays as sent: decode the well-formed stretch before it, if there is one.
    if (decodeFrom !== -1) {
      out += text.slice(from, decodeFrom) + decodeURIComponent(text.slice(decodeFrom, at));
      from = at;
      decodeFrom = -1;
    }
    at = text.indexOf('%', at + 1);
  }
  if (decodeFrom === -1) return from === 0 ? text : out + text.slice(from);
  return out + text.slice(from, decodeFrom) + decodeURIComponent(text.slice(decodeFrom));
}

/**
 * Decodes one query component the way browsers encode forms (WHATWG URL, application/
 * x-www-form-urlencoded): `+` is a space and `%XX` a byte. What cannot be decoded — `%zz`, a
 * lone `%`, a run of escapes that is not valid UTF-8 such as the overlong `%C0%AE` — is kept as
 * sent, while the valid UTF-8 sequences around it are still decoded; the request does not fail.
 * WHATWG would write U+FFFD for each invalid sequence instead; keeping the escapes tells a
 * handler (and its log) exactly what the client sent. Time is linear in the length, and nothing
 * is thrown and caught, whatever the escapes.
 */
export function decodeQueryComponent(text: string): string {
  const spaced = text.includes('+') ? text.replace(PLUS, ' ') : text;
  if (!spaced.includes('%')) return spaced;
  if (!MAY_NOT_DECODE.test(spaced)) return decodeURIComponent(spaced);
  return decodeLeniently(spaced);
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
