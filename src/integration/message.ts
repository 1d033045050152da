/**
 * How an error response travels through a custom integration: as the `errorMessage` of a failed
 * invocation, which API Gateway matches against each integration response's `selectionPattern`
 * (Java regular expressions, whole-string match) and a mapping template parses again with
 * `$util.parseJson`. The message is one line of printable ASCII — every other character is a
 * JSON `\u` escape — so that no pattern meets a line terminator, and it starts with its status,
 * so that one pattern per status matches it and no other does (`400` is never `4000`). A
 * success is matched as an empty string, which no pattern here matches: it takes the integration's
 * default response.
 */
import type { HttpResponse } from '../response.js';
import { encodeBody } from '../events/write.js';

/** What the message holds: status, the headers the client needs, and the body as sent. */
export interface ErrorMessage {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

// Everything outside printable ASCII, plus the characters JSON.stringify leaves raw but a Java
// `.` or a log viewer might not (U+2028, U+2029, U+0085 are all above 0x7e).
const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/g;

function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    NOT_PRINTABLE_ASCII,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The headers of an error response that the mapping template sends on. */
export const FORWARDED_HEADERS: readonly string[] = [
  'allow',
  'retry-after',
  'www-authenticate',
  'cache-control',
];

/** @internal The `errorMessage` for an error response. */
export function errorMessage(response: HttpResponse, requestIdHeader: string): string {
  const headers: Record<string, string> = {};
  for (const name of ['content-type', requestIdHeader, ...FORWARDED_HEADERS]) {
    const values = response.headers[name];
    if (values !== undefined && values.length > 0) headers[name] = values.join(', ');
  }
  const message: ErrorMessage = {
    status: response.status,
    headers,
    body: encodeBody(response.body).body,
  };
  return asciiJson(message);
}

/** The selection pattern that matches the messages of one status, and only those. */
export function selectionPattern(status: number): string {
  return `\\{"status":${String(status)},[\\s\\S]*`;
}

/**
 * The selection pattern for gatefold messages of any status but the ones listed (which have
 * patterns of their own): their status is set by the response template.
 */
export function otherStatusPattern(listed: readonly number[]): string {
  const excluded = listed.length === 0 ? '' : `(?!\\{"status":(?:${listed.join('|')}),)`;
  return `${excluded}\\{"status":\\d{3},[\\s\\S]*`;
}

/**
 * The selection pattern for failures that are not gatefold's: a timeout, a crash of the runtime,
 * a function that ran out of memory. Without it they would fall through to the success response.
 *
 * It takes one character at least (`+`, not `*`): for a Lambda integration, API Gateway matches
 * every selection pattern against the function's error message, and against an empty string
 * when the function succeeded ("if the success response returns nothing and the error response
 * returns some string, you could use the `.+` regex to match error response", API Reference,
 * `IntegrationResponse.selectionPattern`). A pattern that matched `""` would turn every success
 * into this response. No pattern gatefold writes matches the empty string.
 */
export const FOREIGN_ERROR_PATTERN = '(?!\\{"status":\\d{3},)[\\s\\S]+';

/** @internal The message of the fixed 500, when the response itself cannot be sent. */
export function lastResortMessage(requestId: string, requestIdHeader: string): string {
  const body = `{"errors":[{"status":"500","title":"Internal Server Error"}],"meta":{"requestId":${JSON.stringify(requestId)}}}`;
  return asciiJson({
    status: 500,
    headers: { 'content-type': 'application/json', [requestIdHeader]: requestId },
    body,
  });
}
