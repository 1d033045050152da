/**
 * HTTP status codes as literal types, split by class, with their reason phrases (RFC 9110 §15
 * and the IANA registry). The split is what lets the compiler refuse a success reply with 404
 * or a problem with 200.
 */

/** A 2xx or 3xx status code that a {@link Reply} may carry. */
export type SuccessStatus =
  | 200
  | 201
  | 202
  | 203
  | 204
  | 205
  | 206
  | 207
  | 208
  | 226
  | 300
  | 301
  | 302
  | 303
  | 304
  | 305
  | 307
  | 308;

/** A 4xx status code. */
export type ClientErrorStatus =
  | 400
  | 401
  | 402
  | 403
  | 404
  | 405
  | 406
  | 407
  | 408
  | 409
  | 410
  | 411
  | 412
  | 413
  | 414
  | 415
  | 416
  | 417
  | 418
  | 421
  | 422
  | 423
  | 424
  | 425
  | 426
  | 428
  | 429
  | 431
  | 451;

/** A 5xx status code. */
export type ServerErrorStatus = 500 | 501 | 502 | 503 | 504 | 505 | 506 | 507 | 508 | 510 | 511;

/** A 4xx or 5xx status code that a {@link Problem} may carry. */
export type ErrorStatus = ClientErrorStatus | ServerErrorStatus;

/** The redirect statuses that carry a `Location`. */
export type RedirectStatus = 301 | 302 | 303 | 307 | 308;

const REASON_PHRASES: Readonly<Record<number, string>> = {
  100: 'Continue',
  101: 'Switching Protocols',
  102: 'Processing',
  103: 'Early Hints',
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  203: 'Non-Authoritative Information',
  204: 'No Content',
  205: 'Reset Content',
  206: 'Partial Content',
  207: 'Multi-Status',
  208: 'Already Reported',
  226: 'IM Used',
  300: 'Multiple Choices',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  304: 'Not Modified',
  305: 'Use Proxy',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  417: 'Expectation Failed',
  418: "I'm a teapot",
  421: 'Misdirected Request',
  422: 'Unprocessable Content',
  423: 'Locked',
  424: 'Failed Dependency',
  425: 'Too Early',
  426: 'Upgrade Required',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  505: 'HTTP Version Not Supported',
  506: 'Variant Also Negotiates',
  507: 'Insufficient Storage',
  508: 'Loop Detected',
  510: 'Not Extended',
  511: 'Network Authentication Required',
};

/**
 * The reason phrase of a status code, e.g. `"Not Found"` for 404; a generic phrase for its class
 * when the code is not registered.
 */
export function reasonPhrase(status: number): string {
  const phrase = REASON_PHRASES[status];
  if (phrase !== undefined) return phrase;
  if (status >= 500) return 'Server Error';
  if (status >= 400) return 'Client Error';
  if (status >= 300) return 'Redirection';
  if (status >= 200) return 'Success';
  return 'Informational';
}

/** @internal True for an integer in the 200–399 range. */
export function isSuccessStatusCode(status: unknown): status is SuccessStatus {
  return typeof status === 'number' && Number.isInteger(status) && status >= 200 && status <= 399;
}

/** @internal True for an integer in the 400–599 range. */
export function isErrorStatusCode(status: unknown): status is ErrorStatus {
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599;
}

/**
 * @internal True for an integer in the 200–599 range: a status a response can end with. 1xx
 * codes are interim (RFC 9110 §15.2), and nothing outside 100–599 is a status at all (§15): a
 * proxy result with one is not a response API Gateway can send, and it answers 502 instead.
 */
export function isFinalStatusCode(status: unknown): status is number {
  return typeof status === 'number' && Number.isInteger(status) && status >= 200 && status <= 599;
}
