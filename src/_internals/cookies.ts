import { EMPTY_MAP, emptyMap } from './fields.js';

/**
 * Adds the cookies of one `Cookie` header value (`a=1; b=2`) or one entry of the HTTP API
 * `cookies` array (`a=1`) to `into`. Per RFC 6265 §5.4 the user agent sends the most specific
 * cookie first, so the first value of a repeated name wins. Values are kept as sent (no percent
 * decoding: RFC 6265 defines none), minus surrounding double quotes. A pair without `=` is kept
 * as a name with an empty value.
 */
export function addCookies(into: Record<string, string>, header: string): void {
  let start = 0;
  while (start < header.length) {
    let end = header.indexOf(';', start);
    if (end === -1) end = header.length;
    const pair = header.slice(start, end);
    const eq = pair.indexOf('=');
    const name = (eq === -1 ? pair : pair.slice(0, eq)).trim();
    if (name !== '' && into[name] === undefined) {
      let value = eq === -1 ? '' : pair.slice(eq + 1).trim();
      if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
        value = value.slice(1, -1);
      }
      into[name] = value;
    }
    start = end + 1;
  }
}

/** Cookies from HTTP API `cookies` entries and from any `Cookie` header values. */
export function readCookies(
  entries: readonly string[] | undefined,
  headerValues: readonly string[] | undefined,
): Readonly<Record<string, string>> {
  if (entries === undefined && headerValues === undefined) return EMPTY_MAP;
  const cookies = emptyMap<string>();
  if (entries !== undefined) for (const entry of entries) addCookies(cookies, entry);
  if (headerValues !== undefined) for (const value of headerValues) addCookies(cookies, value);
  return cookies;
}
