/**
 * A REST API in front of a custom (non-proxy) Lambda integration, configured exactly as
 * `openApiDocument(handler)` configures API Gateway for the function: its resources, each
 * method's request templates, selection patterns and integration responses, and its gateway
 * responses. Shared by the local server (`serve(handler, { event: 'custom' })`) and the test
 * helper `invokeIntegration`, so that both answer as the deployed API does.
 *
 * What API Gateway does, step by step, and what each step follows:
 * - the resource: the most specific one for the path (a fixed segment before a `{param}`, a
 *   `{param}` before a greedy `{proxy+}`), its path parameters as the client sent them, still
 *   percent-encoded (`$input.params()` reads the method request's parameters; see
 *   integration/event.ts); a path or method no resource declares is the gateway response
 *   `MISSING_AUTHENTICATION_TOKEN` ("Missing Authentication Token");
 * - the request template: chosen by the request's `Content-Type` (`application/json` when there
 *   is none); with `passthroughBehavior: never`, a type without a template is refused with 415
 *   (https://docs.aws.amazon.com/apigateway/latest/developerguide/integration-passthrough-behaviors.html);
 * - the invocation: the Node.js runtime returns `JSON.stringify(result)` (`null` for
 *   `undefined`), or for a failure `{ errorType, errorMessage, trace }` (its `toRapidResponse`);
 * - the integration response: the one whose `selectionPattern` (a Java regular expression, matched
 *   against the whole selection value) matches the error message, or against an empty string
 *   after a success; `default` when none does (API Reference, `IntegrationResponse`);
 * - the response: its template renders the payload (`$context.responseOverride` may set the
 *   status and headers), under the template's media type, `application/json`; its
 *   `responseParameters` add headers.
 */
import { randomUUID } from 'node:crypto';
import { types } from 'node:util';
import type { Context } from 'aws-lambda';
import { LAMBDA_SYNC_PAYLOAD_LIMIT } from '../events/limits.js';
import { openApiDocument } from '../openapi/document.js';
import type { Node } from '../router/table.js';
import { emptyNode, insert, match, splitPath } from '../router/table.js';
import { asRecord, asString } from '../_internals/fields.js';
import { decodeQueryComponent } from '../_internals/query-string.js';
import { javaMatches } from './java-regex.js';
import type { MappingTemplates, MethodRequest, TemplateRequest } from './mapping-templates.js';
import { RequestBodyNotJsonError } from './mapping-templates.js';

/** An integration response of `x-amazon-apigateway-integration.responses`. */
interface IntegrationResponseSpec {
  readonly statusCode?: string;
  readonly responseTemplates?: Readonly<Record<string, string>>;
  readonly responseParameters?: Readonly<Record<string, string>>;
}

/** The custom integration of one method. */
interface IntegrationSpec {
  readonly passthroughBehavior?: string;
  readonly requestTemplates?: Readonly<Record<string, string>>;
  readonly responses?: Readonly<Record<string, IntegrationResponseSpec>>;
}

/** A gateway response of `x-amazon-apigateway-gateway-responses`. */
interface GatewayResponseSpec {
  readonly statusCode?: string;
  readonly responseTemplates?: Readonly<Record<string, string>>;
  readonly responseParameters?: Readonly<Record<string, string>>;
}

/** One method of one resource, as the document configures it. */
export interface ApiMethod {
  /** `GET`, …, or `ANY`. */
  readonly method: string;
  /** The resource path, `/users/{id}`. */
  readonly resourcePath: string;
  readonly integration: IntegrationSpec;
}

/** A REST API as the document of a function configures it. */
export interface CustomApi {
  readonly resources: Node<ApiMethod>;
  readonly methods: ReadonlyMap<string, ApiMethod>;
  readonly gatewayResponses: Readonly<Record<string, GatewayResponseSpec>>;
}

/** A method request routed to a method of the API. */
export interface Routed {
  readonly method: ApiMethod;
  /** Path parameters as the client sent them (percent-encoded). */
  readonly pathParameters: Readonly<Record<string, string>>;
}

/** What the client receives. */
export interface GatewayAnswer {
  readonly status: number;
  /** Headers by lower-cased name. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /**
   * What chose the answer: the selection pattern of the integration response (`default` when
   * none matched), or the type of the gateway response API Gateway answered by itself.
   */
  readonly selectedBy: string;
  /** Whether the function was invoked. */
  readonly invoked: boolean;
  /** What the function returned, or what it threw when `failed`. */
  readonly raw: unknown;
  readonly failed: boolean;
}

const ANY_METHOD_KEY = 'x-amazon-apigateway-any-method';
const METHOD_KEYS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];

const described = new WeakMap<object, CustomApi>();

/**
 * The REST API `openApiDocument(handler)` describes for a custom integration: a router's routes
 * (from the registries every copy of gatefold records them in), or one `/{proxy+}` resource for
 * any other function.
 */
export function customApiOf(handler: object): CustomApi {
  const known = described.get(handler);
  if (known !== undefined) return known;
  const document = openApiDocument(handler, { integration: 'custom' });
  const resources = emptyNode<ApiMethod>();
  const methods = new Map<string, ApiMethod>();
  const paths = asRecord(document['paths']) ?? {};
  for (const resourcePath of Object.keys(paths)) {
    const operations = asRecord(paths[resourcePath]) ?? {};
    for (const key of Object.keys(operations)) {
      if (key !== ANY_METHOD_KEY && !METHOD_KEYS.includes(key)) continue;
      const operation = asRecord(operations[key]) ?? {};
      const integration = (asRecord(operation['x-amazon-apigateway-integration']) ??
        {}) as IntegrationSpec;
      const method = key === ANY_METHOD_KEY ? 'ANY' : key.toUpperCase();
      const entry: ApiMethod = { method, resourcePath, integration };
      insert(resources, resourcePath, method, entry);
      methods.set(`${method} ${resourcePath}`, entry);
    }
  }
  const gatewayResponses = (asRecord(document['x-amazon-apigateway-gateway-responses']) ??
    {}) as Readonly<Record<string, GatewayResponseSpec>>;
  const api: CustomApi = { resources, methods, gatewayResponses };
  described.set(handler, api);
  return api;
}

/**
 * The method that serves a request: the most specific resource for the path, then its method or
 * `ANY`. A resource without the method is not passed over for a less specific one: API Gateway
 * answers "Missing Authentication Token" for a method a resource does not declare.
 */
export function route(api: CustomApi, method: string, path: string): Routed | undefined {
  const found = match(api.resources, splitPath(path));
  if (found === undefined) return undefined;
  const entry = found.node.routes.get(method.toUpperCase()) ?? found.node.routes.get('ANY');
  return entry === undefined ? undefined : { method: entry, pathParameters: found.params };
}

/** The method serving a resource path exactly, as an event names it. */
export function methodOf(
  api: CustomApi,
  method: string,
  resourcePath: string,
): ApiMethod | undefined {
  const upper = method.toUpperCase();
  return api.methods.get(`${upper} ${resourcePath}`) ?? api.methods.get(`ANY ${resourcePath}`);
}

// What API Gateway sends for a gateway response type that the document leaves out: its default
// status, in the `{"message":…}` body of its default template
// (https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html).
const DEFAULT_GATEWAY_STATUS: Readonly<Record<string, number>> = {
  BAD_REQUEST_BODY: 400,
  MISSING_AUTHENTICATION_TOKEN: 403,
  REQUEST_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
};
const DEFAULT_GATEWAY_TEMPLATE = '{"message":$context.error.messageString}';

/** What a header mapping (`responseParameters`) can read: the request id. */
interface MappingScope {
  readonly requestId: string;
}

function caseInsensitive(map: Readonly<Record<string, string>>, name: string): string | undefined {
  const lower = name.toLowerCase();
  const key = Object.keys(map).find((candidate) => candidate.toLowerCase() === lower);
  return key === undefined ? undefined : map[key];
}

/**
 * The value of a header mapping, of the two forms gatefold's documents write: a quoted literal
 * (`'application/json'`) and `context.requestId`. Any other source maps to nothing here, and the
 * header is not sent.
 */
function mappedValue(source: string, scope: MappingScope): string | undefined {
  if (source.length >= 2 && source.startsWith("'") && source.endsWith("'")) {
    return source.slice(1, -1);
  }
  return source === 'context.requestId' ? scope.requestId : undefined;
}

/** Adds the headers of `responseParameters` whose names start with `prefix`. */
function mappedHeaders(
  headers: Record<string, string>,
  parameters: Readonly<Record<string, string>> | undefined,
  prefix: string,
  scope: MappingScope,
): void {
  for (const [target, source] of Object.entries(parameters ?? {})) {
    if (!target.startsWith(prefix)) continue;
    const value = mappedValue(source, scope);
    if (value !== undefined) headers[target.slice(prefix.length).toLowerCase()] = value;
  }
}

/** The template a response is written with: `application/json`'s, the only one gatefold writes. */
function responseTemplateOf(
  templates: Readonly<Record<string, string>> | undefined,
): { readonly mediaType: string; readonly template: string } | undefined {
  if (templates === undefined) return undefined;
  const json = templates['application/json'];
  if (json !== undefined) return { mediaType: 'application/json', template: json };
  const first = Object.keys(templates)[0];
  return first === undefined ? undefined : { mediaType: first, template: templates[first] ?? '' };
}

/**
 * An answer API Gateway gives by itself, without invoking the function: the document's gateway
 * response of that type (or of its family, `DEFAULT_4XX`), else API Gateway's default.
 */
export function gatewayResponse(
  api: CustomApi,
  engine: MappingTemplates,
  type: string,
  message: string,
  scope: MappingScope,
): GatewayAnswer {
  const fallbackStatus = DEFAULT_GATEWAY_STATUS[type] ?? 500;
  const family = fallbackStatus < 500 ? 'DEFAULT_4XX' : 'DEFAULT_5XX';
  const spec = api.gatewayResponses[type] ?? api.gatewayResponses[family];
  const status = spec?.statusCode === undefined ? fallbackStatus : Number(spec.statusCode);
  const chosen = responseTemplateOf(spec?.responseTemplates);
  const headers: Record<string, string> = {
    'content-type': chosen?.mediaType ?? 'application/json',
  };
  mappedHeaders(headers, spec?.responseParameters, 'gatewayresponse.header.', scope);
  const body = engine.renderGatewayResponse(chosen?.template ?? DEFAULT_GATEWAY_TEMPLATE, {
    requestId: scope.requestId,
    responseType: type,
    message,
  });
  return { status, headers, body, selectedBy: type, invoked: false, raw: undefined, failed: false };
}

/** The media type of a `Content-Type` value, lower-cased and without parameters. */
function mediaTypeOf(contentType: string | undefined): string {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  // "None (default to application/json)": the passthrough behaviours' table.
  return type === '' ? 'application/json' : type;
}

/** The request template for a request's content type, or `undefined` when none applies. */
export function requestTemplateOf(
  integration: IntegrationSpec,
  contentType: string | undefined,
): string | undefined {
  const templates = integration.requestTemplates ?? {};
  const wanted = mediaTypeOf(contentType);
  const key = Object.keys(templates).find((type) => type.toLowerCase() === wanted);
  return key === undefined ? undefined : templates[key];
}

/** What an invocation gave API Gateway: the payload, and the value patterns are matched to. */
interface Invocation {
  readonly payload: string;
  /** `''` after a success; the error message after a failure. */
  readonly selectionValue: string;
  readonly raw: unknown;
  readonly failed: boolean;
}

/**
 * The Node.js runtime's report of a failure (aws-lambda-nodejs-runtime-interface-client,
 * `Errors.js`, `toRapidResponse`): name, message and stack lines of an error — a native one, or
 * any object with the three as strings — and for anything else thrown, its type and its text.
 */
function errorPayload(error: unknown): {
  errorType: string;
  errorMessage: string;
  trace: string[];
} {
  const fields = error as { name?: unknown; message?: unknown; stack?: unknown } | null;
  if (
    types.isNativeError(error) ||
    (typeof fields?.name === 'string' &&
      typeof fields.message === 'string' &&
      typeof fields.stack === 'string')
  ) {
    const { name, message, stack } = error as Error;
    return { errorType: name, errorMessage: message, trace: (stack ?? '').split('\n') };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

/** Invokes the function as Lambda does for a synchronous invocation. */
async function invokeFunction(
  handler: (event: never, context: Context) => unknown,
  event: unknown,
  context: Context,
): Promise<Invocation> {
  let raw: unknown;
  try {
    raw = await handler(event as never, context);
  } catch (error) {
    const report = errorPayload(error);
    return {
      payload: JSON.stringify(report),
      selectionValue: report.errorMessage,
      raw: error,
      failed: true,
    };
  }
  let payload: unknown;
  try {
    // The runtime's `_trySerializeResponse` (`RAPIDClient.js`): `null` for `undefined`, and a
    // failure of its own when the result cannot be serialised.
    payload = JSON.stringify(raw === undefined ? null : raw);
  } catch {
    const report = {
      errorType: 'Error',
      errorMessage: 'Unable to stringify response body',
      trace: [],
    };
    return {
      payload: JSON.stringify(report),
      selectionValue: report.errorMessage,
      raw,
      failed: true,
    };
  }
  // A function or a symbol serialises to nothing, which Lambda's caller reads as `null`.
  return {
    payload: typeof payload === 'string' ? payload : 'null',
    selectionValue: '',
    raw,
    failed: false,
  };
}

/**
 * The integration response for a selection value: the first whose pattern matches all of it, or
 * `default`. gatefold's patterns never overlap, so for its documents the order does not matter.
 */
function selectResponse(
  integration: IntegrationSpec,
  selectionValue: string,
): { readonly pattern: string; readonly response: IntegrationResponseSpec } {
  const responses = integration.responses ?? {};
  const pattern =
    Object.keys(responses).find(
      (candidate) => candidate !== 'default' && javaMatches(candidate, selectionValue),
    ) ?? 'default';
  return { pattern, response: responses[pattern] ?? { statusCode: '200' } };
}

/**
 * Invokes the function with an integration request's event and answers with the integration
 * response its result or failure selects, rendered as API Gateway renders it.
 */
export async function respond(
  engine: MappingTemplates,
  method: ApiMethod,
  handler: (event: never, context: Context) => unknown,
  event: unknown,
  context: Context,
  request: TemplateRequest,
): Promise<GatewayAnswer> {
  const invocation = await invokeFunction(handler, event, context);
  const { pattern, response } = selectResponse(method.integration, invocation.selectionValue);
  const chosen = responseTemplateOf(response.responseTemplates);
  let status = Number(response.statusCode ?? '200');
  const headers: Record<string, string> = {};
  let body = invocation.payload;
  if (chosen !== undefined) {
    headers['content-type'] = chosen.mediaType;
    const rendered = engine.renderResponse(chosen.template, invocation.payload, request);
    body = rendered.body;
    if (rendered.override.status !== undefined) status = Number(rendered.override.status);
    for (const [name, value] of Object.entries(rendered.override.header)) {
      headers[name.toLowerCase()] = String(value);
    }
  }
  mappedHeaders(headers, response.responseParameters, 'method.response.header.', {
    requestId: request.requestId,
  });
  return {
    status,
    headers,
    body,
    selectedBy: pattern,
    invoked: true,
    raw: invocation.raw,
    failed: invocation.failed,
  };
}

/** An HTTP request as API Gateway receives it, before any mapping. */
export interface GatewayRequest {
  readonly method: string;
  /** The path as sent, percent-encoded, without the query string. */
  readonly path: string;
  /** The query string as sent, without `?`. */
  readonly rawQuery: string;
  /** Header names as sent, each with its last value. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as text; `''` for none. */
  readonly body: string;
  readonly sourceIp: string;
  readonly stage: string;
}

/** The result of the integration request: the event, or the answer API Gateway gave instead. */
export type IntegrationRequest =
  | { readonly event: unknown; readonly method: ApiMethod; readonly request: MethodRequest }
  | { readonly answer: GatewayAnswer; readonly reason: string };

/**
 * One value per query key: the last, as `$input.params().querystring` has one (as a REST API's
 * proxy `queryStringParameters` keeps the last value of a repeated key).
 */
function queryOf(rawQuery: string): Record<string, string> {
  // A map keeps a key named `__proto__` as an ordinary key.
  const out = new Map<string, string>();
  for (const pair of rawQuery.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decodeQueryComponent(eq === -1 ? pair : pair.slice(0, eq));
    out.delete(key);
    out.set(key, decodeQueryComponent(eq === -1 ? '' : pair.slice(eq + 1)));
  }
  return Object.fromEntries(out);
}

/**
 * Routes a request and renders its method's request template: the event the function is invoked
 * with, or what API Gateway answers instead.
 */
export function integrationRequest(
  api: CustomApi,
  engine: MappingTemplates,
  sent: GatewayRequest,
): IntegrationRequest {
  const requestId = randomUUID();
  const routed = route(api, sent.method, sent.path);
  if (routed === undefined) {
    return {
      answer: gatewayResponse(
        api,
        engine,
        'MISSING_AUTHENTICATION_TOKEN',
        'Missing Authentication Token',
        {
          requestId,
        },
      ),
      reason: `no resource of the API has ${sent.method.toUpperCase()} ${sent.path}`,
    };
  }
  const request: MethodRequest = {
    httpMethod: sent.method.toUpperCase(),
    resourcePath: routed.method.resourcePath,
    stage: sent.stage,
    requestId,
    sourceIp: sent.sourceIp,
    principalId: undefined,
    path: routed.pathParameters,
    querystring: queryOf(sent.rawQuery),
    header: sent.headers,
    body: sent.body,
  };
  const contentType = caseInsensitive(sent.headers, 'content-type');
  const template = requestTemplateOf(routed.method.integration, contentType);
  if (template === undefined) {
    return {
      answer: gatewayResponse(api, engine, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported Media Type', {
        requestId,
      }),
      reason: `the integration has no request template for ${mediaTypeOf(contentType)}`,
    };
  }
  let rendered: string;
  try {
    rendered = engine.renderRequest(template, request);
  } catch (error) {
    if (!(error instanceof RequestBodyNotJsonError)) throw error;
    // The message API Gateway answers a body its template cannot read as JSON with (as captured
    // in podaac/hydrocron#64); the parser's words after the colon are JavaScript's, not Jackson's.
    return {
      answer: gatewayResponse(
        api,
        engine,
        'BAD_REQUEST_BODY',
        `Could not parse request body into json: ${error.reason}`,
        { requestId },
      ),
      reason: 'the request template reads the body as JSON, and it is not',
    };
  }
  // Lambda's limit on a synchronous invocation's request payload: the rendered event.
  const size = Buffer.byteLength(rendered);
  if (size > LAMBDA_SYNC_PAYLOAD_LIMIT) {
    return {
      answer: gatewayResponse(api, engine, 'REQUEST_TOO_LARGE', 'Request Too Long', {
        requestId,
      }),
      reason: `a ${String(size)}-byte event is over the ${String(LAMBDA_SYNC_PAYLOAD_LIMIT)}-byte limit of Lambda's request payload`,
    };
  }
  return { event: JSON.parse(rendered) as unknown, method: routed.method, request };
}

/** The request id a custom integration event carries, for the response templates' `$context`. */
export function eventRequestId(event: unknown): string | undefined {
  const record = asRecord(event);
  if (record === undefined) return undefined;
  const ours = asString(record['requestId']);
  // `$util.urlEncode`d by gatefold's template.
  if (ours !== undefined) return decodeQueryComponent(ours);
  return asString(asRecord(record['context'])?.['request-id']);
}
