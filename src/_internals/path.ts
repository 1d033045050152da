/**
 * Request paths: turning what each event source hands over into one percent-encoded form, and
 * decoding it exactly once.
 *
 * REST APIs, Function URLs and ALBs pass the path as the client sent it, still percent-encoded;
 * HTTP APIs decode it before invoking the function (live captures of every source:
 * https://github.com/hotsock/voker/pull/8, vokerhttp/testdata/ingress-paths.json; also
 * https://github.com/middleapi/standard-server/pull/93 and https://github.com/Worklytics/psoxy/pull/827).
 * Decoding an HTTP API path again would decode it once too often: `%2561dmin` would reach `/admin`.
 */

// RFC 3986 §3.3: a path is `/` and pchar — unreserved, sub-delims, ":", "@" — plus escapes.
const NOT_IN_PATH = /[^A-Za-z0-9\-._~!$&'()*+,;=:@/]/;
const NOT_IN_PATH_RUN = /[^A-Za-z0-9\-._~!$&'()*+,;=:@/]+/g;
// `encodeURIComponent` throws on a lone surrogate; JSON can carry one, UTF-8 cannot.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function encodedRun(run: string): string {
  return encodeURIComponent(run.replace(LONE_SURROGATE, '\uFFFD'));
}

/**
 * A decoded path (an HTTP API's) percent-encoded again, so that it reads like the paths of every
 * other source: `%` and each character a path cannot hold as it is (a space, `?`, `#`, a control
 * character, anything beyond ASCII…) become escapes, UTF-8 for the latter; the rest stays.
 * Decoding the result once gives the path back, so a `?` or `#` the gateway decoded stays inside
 * its segment and a decoded `%` is not taken for the start of an escape. A lone surrogate, which
 * no UTF-8 path decodes to, becomes U+FFFD.
 */
export function encodeDecodedPath(path: string): string {
  return NOT_IN_PATH.test(path) ? path.replace(NOT_IN_PATH_RUN, encodedRun) : path;
}

/**
 * A path segment or path parameter decoded once, or `undefined` when it is not valid
 * percent-encoding (RFC 3986 §2.1: `%` and two hex digits, the bytes being UTF-8): `%zz`, a lone
 * `%`, an overlong `%C0%AE`, a truncated `%E2%82`. `%2F` is decoded like any escape: split first,
 * decode after, and it stays inside its segment.
 */
export function decodePathComponent(text: string): string | undefined {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/**
 * The path an HTTP API hands its Lambda integration for a path as the client sent it, or
 * `undefined` when the API answers 400 itself without invoking the function. The live capture
 * (hotsock/voker#8, ingress-paths.json) shows the gateway decoding the path, cutting it at a `?`
 * that decoding revealed, and decoding it again: `question%3Fvalue` arrives as `question`,
 * `literal%252Fvalue` as `literal/value`, `literal%2525value` as `literal%value`, and
 * `percent%25done` (whose second decoding meets `%do`) is refused with 400. A path that cannot be
 * decoded the first time is taken to be refused alike.
 */
export function httpApiPath(sentPath: string): string | undefined {
  const once = decodePathComponent(sentPath);
  if (once === undefined) return undefined;
  const question = once.indexOf('?');
  return decodePathComponent(question === -1 ? once : once.slice(0, question));
}

/**
 * A path decoded once where it can be, else as sent: what a Function URL puts in
 * `requestContext.http.path` beside the undecoded `rawPath` (the live capture's
 * functionurl-request.json: `rawPath` `/capture/space%20value`, `http.path` `/capture/space value`).
 */
export function decodedForDisplay(sentPath: string): string {
  return decodePathComponent(sentPath) ?? sentPath;
}
