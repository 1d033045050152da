import type { Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import type { GatewayAnswer } from '../dev/custom-gateway.js';
import {
  customApiOf,
  eventRequestId,
  gatewayResponse,
  methodOf,
  route,
  respond,
} from '../dev/custom-gateway.js';
import { mappingTemplates } from '../dev/mapping-templates.js';
import { urlEncode } from '../dev/mapping-util.js';
import { JSON_API_MEDIA_TYPE } from '../formats/json-api.js';
import type { IntegrationEvent } from '../integration/event.js';
import { INTEGRATION_EVENT_VERSION, isIntegrationEvent } from '../integration/event.js';
import { emptyNode, insert, match, splitPath } from '../router/table.js';
import { asRecord, asString } from '../_internals/fields.js';
import { decodeQueryComponent } from '../_internals/query-string.js';
import { fakeContext } from './context.js';
import type { EventOptions } from './events.js';
import { restApiEvent } from './events.js';

/**
 * Builders and a reader for the REST API **custom (non-proxy) integration**: the event gatefold's
 * request template (`requestTemplate()`) renders for a request, and the answer the client gets
 * once API Gateway has matched the function's result or error against the selection patterns
 * `openApiDocument(handler)` generates and rendered the chosen response template.
 */

/**
 * Options of {@link integrationEvent}: a request as the client sends it, and what API Gateway
 * matched it to.
 *
 * @example
 * ```ts
 * import type { IntegrationEventOptions } from 'gatefold/testing';
 * const options: IntegrationEventOptions = {
 *   method: 'POST',
 *   path: '/users/u-1/notes',
 *   resource: '/users/{id}/notes',
 *   body: { text: 'hi' },
 * };
 * ```
 */
export interface IntegrationEventOptions extends EventOptions {
  /**
   * The resource API Gateway matched, such as `/users/{id}` (`$context.resourcePath`); the path
   * parameters are read from `path` with it, as the client sent them (still percent-encoded).
   * Default: the path itself, without parameters.
   */
  readonly resource?: string | undefined;
  /**
   * Path parameters as API Gateway passes them to the template: as sent, percent-encoded
   * (`{ id: 'caf%C3%A9' }`). Default: those `resource` finds in `path`.
   */
  readonly pathParameters?: Readonly<Record<string, string>> | undefined;
  /** The stage. Default `prod`. */
  readonly stage?: string | undefined;
  /** API Gateway's request id (`$context.requestId`). Default: a random UUID. */
  readonly requestId?: string | undefined;
  /** The principal an authorizer returned (`$context.authorizer.principalId`). Default: none. */
  readonly principalId?: string | undefined;
}

/** The media types the generated integration has request templates for (`openApiDocument`). */
const TEMPLATE_MEDIA_TYPES: readonly string[] = ['application/json', JSON_API_MEDIA_TYPE];

/** The path parameters a resource template finds in a path, as sent. */
function parametersOf(resource: string, path: string): Record<string, string> {
  const root = emptyNode<true>();
  insert(root, resource, 'ANY', true);
  const found = match(root, splitPath(path));
  if (found === undefined) {
    throw new Error(
      `integrationEvent: path ${JSON.stringify(path)} does not match resource ${JSON.stringify(resource)}.`,
    );
  }
  return { ...found.params };
}

function definedValues(
  map: Readonly<Record<string, string | undefined>> | null,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(map ?? {})) {
    if (value !== undefined) Object.defineProperty(out, name, { value, enumerable: true });
  }
  return out;
}

function encodedMap(map: Readonly<Record<string, string>>): Record<string, string> {
  // Defined, not assigned: a name such as `__proto__` stays an ordinary key.
  return Object.fromEntries(
    Object.keys(map).map((name) => [urlEncode(name), urlEncode(map[name] ?? '')]),
  );
}

/**
 * The event gatefold's request template renders for a request, as a REST API's custom
 * integration invokes a `toLambdaIntegration` function with it: method, resource, stage, request
 * id, source IP and authorizer principal from `$context`; path parameters (as sent), query
 * parameters (decoded; the last value of a repeated key) and headers (the last value of a
 * repeated one, the request's defaults as {@link restApiEvent} sends them) from
 * `$input.params()`, every text value URL-encoded as `$util.urlEncode` encodes it; and the body
 * as `$input.json('$')` gives it, absent when the request has none.
 *
 * What API Gateway refuses before rendering the template throws instead: a `Content-Type` with
 * no template (gatefold's integration has them for `application/json`, the type assumed without
 * one, and `application/vnd.api+json`) is answered 415, and a body that is not JSON 400.
 *
 * @param options - the request; defaults to `GET /` on stage `prod`
 * @returns the event, as the function receives it
 *
 * @example
 * ```ts
 * import { integrationEvent } from 'gatefold/testing';
 *
 * const event = integrationEvent({
 *   method: 'POST',
 *   path: '/users/u-1/notes',
 *   resource: '/users/{id}/notes',
 *   query: { notify: 'email' },
 *   body: { text: 'hi' },
 * });
 * // event.params.path deep-equals { id: 'u-1' }; event.body deep-equals { text: 'hi' }
 * ```
 */
export function integrationEvent(options: IntegrationEventOptions = {}): IntegrationEvent {
  // The method request as a REST API receives it: the same defaults, headers and query as the
  // proxy event of the same request.
  const sent = restApiEvent({ ...options, pathParameters: undefined, authorizer: undefined });
  const contentType = Object.entries(sent.headers).find(
    ([name]) => name.toLowerCase() === 'content-type',
  )?.[1];
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() || 'application/json';
  if (!TEMPLATE_MEDIA_TYPES.includes(mediaType)) {
    throw new Error(
      `integrationEvent: API Gateway answers a ${mediaType} body with 415 itself and never invokes the function: the integration has request templates for ${TEMPLATE_MEDIA_TYPES.join(' and ')} only.`,
    );
  }
  const text =
    sent.body === null
      ? ''
      : Buffer.from(sent.body, sent.isBase64Encoded ? 'base64' : 'utf8').toString('utf8');
  let body: { value: unknown } | undefined;
  if (text !== '') {
    try {
      body = { value: JSON.parse(text) as unknown };
    } catch {
      throw new Error(
        `integrationEvent: the body is not JSON; API Gateway answers 400 itself when the request template reads it with $input.json('$'), and never invokes the function.`,
      );
    }
  }
  const resource = options.resource ?? sent.path;
  const pathParameters = options.pathParameters ?? parametersOf(resource, sent.path);
  const event: IntegrationEvent = {
    gatefold: INTEGRATION_EVENT_VERSION,
    method: sent.httpMethod,
    resource: urlEncode(resource),
    stage: urlEncode(sent.requestContext.stage),
    requestId: urlEncode(sent.requestContext.requestId),
    sourceIp: urlEncode(sent.requestContext.identity.sourceIp),
    principalId: options.principalId === undefined ? '' : urlEncode(options.principalId),
    params: {
      path: encodedMap(pathParameters),
      querystring: encodedMap(definedValues(sent.queryStringParameters)),
      header: encodedMap(definedValues(sent.headers)),
    },
  };
  return body === undefined ? event : { ...event, body: body.value };
}

/**
 * What {@link invokeIntegration} reads: the fields of `InvokeResponse` (`status`, `headers`,
 * `cookies`, `body`, `bytes`, `json()`, `raw`), and what chose the answer.
 *
 * @example
 * ```ts
 * import type { IntegrationInvokeResponse } from 'gatefold/testing';
 *
 * const pattern = (response: IntegrationInvokeResponse): string => response.selectedBy;
 * ```
 */
export interface IntegrationInvokeResponse {
  /** The status the client gets. */
  readonly status: number;
  /** Headers by lower-cased name: the response template's `Content-Type`, and what it set. */
  readonly headers: Readonly<Record<string, string>>;
  /** Always empty: the generated templates send no `Set-Cookie`. */
  readonly cookies: readonly string[];
  /** The body the client gets, as text. */
  readonly body: string;
  /** The body's UTF-8 bytes. */
  readonly bytes: Uint8Array;
  /** The body parsed as JSON; throws a readable error when it is not JSON. */
  json(): unknown;
  /**
   * What the function returned, or what it threw; `undefined` when API Gateway answered without
   * invoking it.
   */
  readonly raw: unknown;
  /**
   * The selection pattern of the integration response that answered (`default` for a success),
   * or the gateway response type when API Gateway answered by itself
   * (`MISSING_AUTHENTICATION_TOKEN` for a resource or method the document does not declare).
   */
  readonly selectedBy: string;
  /** Whether the function was invoked. */
  readonly invoked: boolean;
}

function responseOf(answer: GatewayAnswer): IntegrationInvokeResponse {
  const bytes = new Uint8Array(Buffer.from(answer.body, 'utf8'));
  return {
    status: answer.status,
    headers: answer.headers,
    cookies: [],
    body: answer.body,
    bytes,
    json: () => {
      try {
        return JSON.parse(answer.body) as unknown;
      } catch {
        const excerpt = answer.body.length > 200 ? `${answer.body.slice(0, 200)}…` : answer.body;
        throw new Error(
          `The response body is not JSON (status ${answer.status}, content-type ${answer.headers['content-type'] ?? 'none'}): ${JSON.stringify(excerpt)}`,
        );
      }
    },
    raw: answer.raw,
    selectedBy: answer.selectedBy,
    invoked: answer.invoked,
  };
}

/** The method and resource an event names: gatefold's template's, or the passthrough's. */
function requestOf(event: Record<string, unknown>): {
  readonly method: string;
  readonly resource: string;
  readonly path: string;
  readonly stage: string | undefined;
} {
  const ours = event['gatefold'] === INTEGRATION_EVENT_VERSION;
  const context = asRecord(event['context']);
  const text = (gatefold: string, passthrough: string): string | undefined => {
    const value = ours ? asString(event[gatefold]) : asString(context?.[passthrough]);
    // gatefold's template URL-encodes every text value.
    return value === undefined || !ours ? value : decodeQueryComponent(value);
  };
  const resource = text('resource', 'resource-path') ?? '/';
  const sentParameters = asRecord(asRecord(event['params'])?.['path']) ?? {};
  const parameter = (name: string): string | undefined => {
    const value = asString(sentParameters[ours ? urlEncode(name) : name]);
    return value === undefined || !ours ? value : decodeQueryComponent(value);
  };
  // The path the client asked for, from the resource and its parameters as sent.
  const path = resource.replace(
    /\{([^}+]+)\+?\}/g,
    (whole, name: string) => parameter(name) ?? whole,
  );
  return {
    method: (text('method', 'http-method') ?? 'GET').toUpperCase(),
    resource,
    path,
    stage: text('stage', 'stage'),
  };
}

/**
 * Invokes a custom integration function with an event (from {@link integrationEvent}, or API
 * Gateway's method request passthrough template) and answers as the REST API that
 * `openApiDocument(handler)` describes would: the function's result or thrown error is matched
 * against the generated selection patterns (Java regular expressions, matched against the whole
 * error message, and against an empty string after a success), and the chosen integration
 * response's template — rendered with Velocity, as API Gateway renders it — writes the status,
 * headers and body the client gets. A failure the patterns do not claim (a crash, a timeout) gets
 * the 502 or 504 the document answers for it.
 *
 * The integration response is the one of the method that serves the event's resource; an event
 * for a resource or method the document does not declare is answered as API Gateway answers it
 * (the gateway response `MISSING_AUTHENTICATION_TOKEN`, a 404 in gatefold's documents), without
 * invoking the function.
 *
 * @param handler - what `toLambdaIntegration` returns, or any custom integration function
 * @param event - the event the request template built
 * @param context - the Lambda context; default `fakeContext()`
 * @returns the response the client gets
 *
 * @example
 * ```ts
 * import { ok } from 'neverthrow';
 * import { json, router } from 'gatefold';
 * import { toLambdaIntegration } from 'gatefold/integration';
 * import { integrationEvent, invokeIntegration } from 'gatefold/testing';
 *
 * const handler = toLambdaIntegration(router().get('/health', () => ok(json({ status: 'ok' }))));
 * const response = await invokeIntegration(handler, integrationEvent({ path: '/health' }));
 * // response.status === 200, response.body === '{"status":"ok"}'
 * ```
 */
export async function invokeIntegration(
  handler: (event: never, context: Context) => unknown,
  event: unknown,
  context: Context = fakeContext(),
): Promise<IntegrationInvokeResponse> {
  const record = asRecord(event);
  if (record === undefined || !isIntegrationEvent(record)) {
    throw new Error(
      "invokeIntegration: the event is not one a custom integration request template builds (gatefold's, or the method request passthrough); build one with integrationEvent().",
    );
  }
  const api = customApiOf(handler);
  const engine = await mappingTemplates();
  const sent = record;
  const request = requestOf(sent);
  const requestId = eventRequestId(sent) ?? randomUUID();
  const method =
    methodOf(api, request.method, request.resource) ??
    route(api, request.method, request.path)?.method;
  if (method === undefined) {
    return responseOf(
      gatewayResponse(api, engine, 'MISSING_AUTHENTICATION_TOKEN', 'Missing Authentication Token', {
        requestId,
      }),
    );
  }
  const answer = await respond(engine, method, handler, sent, context, {
    requestId,
    httpMethod: request.method,
    resourcePath: method.resourcePath,
    ...(request.stage === undefined ? {} : { stage: request.stage }),
  });
  return responseOf(answer);
}
