/**
 * The neutral request every handler receives, whatever AWS event carried it. Nothing here knows
 * AWS shapes: `events/` fills it in.
 */

/** The event sources gatefold serves. */
export type EventKind = 'rest' | 'http' | 'function-url' | 'alb';

/** Every event kind, in the order they are documented. */
export const EVENT_KINDS: readonly EventKind[] = ['rest', 'http', 'function-url', 'alb'];

/** A map from a name to every value it arrived with, in arrival order. */
export type MultiValueMap = Readonly<Record<string, readonly string[]>>;

/** An HTTP request, normalised from any event kind. */
export interface HttpRequest {
  /** Which event source delivered the request. */
  readonly kind: EventKind;
  /** Upper-case method, e.g. `GET`. */
  readonly method: string;
  /**
   * The path the client asked for, percent-encoded as on the wire (`/files/my%20docs`), without
   * query string and without an HTTP API stage prefix (`/prod/users` on stage `prod` becomes
   * `/users`). The same for every event kind: REST APIs, Function URLs and ALBs pass the path as
   * the client sent it, and it is kept; HTTP APIs pass it decoded, and `%`, `?`, `#`, spaces and
   * the other characters a path cannot hold as they are are encoded again. gatefold never decodes
   * it: a router decodes each segment once.
   */
  readonly path: string;
  /** The route API Gateway matched (`/users/{id}` or `GET /users/{id}`), when it tells. */
  readonly route: string | undefined;
  /**
   * Header values by lower-cased name, every value kept. HTTP APIs and Function URLs deliver
   * repeated headers comma-joined in one value; they arrive here as that one value.
   */
  readonly headers: MultiValueMap;
  /** Query values by name (percent-decoded), every value of a repeated key kept, in order. */
  readonly query: MultiValueMap;
  /** Path parameters API Gateway extracted (`{id}`, `{proxy+}`). */
  readonly pathParameters: Readonly<Record<string, string>>;
  /** Cookies by name, from the `Cookie` header or the HTTP API `cookies` array. */
  readonly cookies: Readonly<Record<string, string>>;
  /** The body; `undefined` when the request had none. */
  readonly body: RequestBody | undefined;
  /** The request id that is echoed to clients and logged: API Gateway's, else Lambda's. */
  readonly requestId: string;
  /** Lambda's own request id (`context.awsRequestId`). */
  readonly lambdaRequestId: string;
  /** The client's IP address as the event source saw it. */
  readonly sourceIp: string | undefined;
  /** The API Gateway stage (`prod`, `$default`); `undefined` for ALB. */
  readonly stage: string | undefined;
  /**
   * What an authorizer attached (Lambda authorizer context, JWT claims, IAM identity), as the
   * event sent it. `callerOf(request)` reads it into one typed shape per authorizer.
   */
  readonly authorizer: Readonly<Record<string, unknown>> | undefined;
  /**
   * A REST API's `requestContext.identity` (payload 1.0 events), as the event sent it: the IAM
   * caller of a request signed with AWS credentials (`userArn`, `accessKey`, `caller`…), its
   * Cognito identity, the API key. `undefined` for the other kinds, where IAM callers arrive in
   * `authorizer.iam`. `callerOf(request)` reads it.
   */
  readonly identity: Readonly<Record<string, unknown>> | undefined;
}

/** A request body: its bytes, and the same bytes read as UTF-8 text. */
export interface RequestBody {
  /** The raw bytes (decoded from base64 when the event said `isBase64Encoded`). */
  readonly bytes: Uint8Array;
  /** The bytes as UTF-8 text; invalid sequences become U+FFFD. */
  readonly text: string;
  /** The length in bytes, without converting text bodies to bytes. */
  readonly size: number;
}

/**
 * The first value of a header (names are case-insensitive), or `undefined`.
 *
 * @example
 * ```ts
 * import { header } from 'gatefold';
 * const type = header(request, 'Content-Type');
 * ```
 */
export function header(request: HttpRequest, name: string): string | undefined {
  return request.headers[name.toLowerCase()]?.[0];
}

/**
 * The first value of a query parameter, or `undefined`.
 *
 * @example
 * ```ts
 * import { queryParam } from 'gatefold';
 * const page = queryParam(request, 'page');
 * ```
 */
export function queryParam(request: HttpRequest, name: string): string | undefined {
  return request.query[name]?.[0];
}
