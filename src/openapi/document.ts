/**
 * The OpenAPI document of an API (3.0.3, or 3.1.0 when asked), generated from what gatefold
 * already knows: the router's routes, each endpoint's codecs and declared success, and the error
 * maps. It carries the API Gateway extensions that deploy it as a REST API, for the proxy
 * integration or the custom (non-proxy) one, with every selection pattern and mapping template
 * generated rather than typed by hand.
 */
import type { AnyCodec } from '../decode/describe.js';
import type { EndpointFacts, OperationDescription } from '../decode/endpoint.js';
import type { ErrorMap } from '../errors/error-map.js';
import type { Tagged } from '../errors/tagged-error.js';
import type { ErrorFormat, JsonApiMediaType } from '../options.js';
import type { Route } from '../router/router.js';
import { endpointFacts } from '../decode/endpoint.js';
import { mergeErrorMaps } from '../errors/error-map.js';
import { JSON_API_MEDIA_TYPE } from '../formats/json-api.js';
import { PROBLEM_JSON_MEDIA_TYPE } from '../formats/problem-details.js';
import {
  FOREIGN_ERROR_PATTERN,
  otherStatusPattern,
  selectionPattern,
} from '../integration/message.js';
import {
  errorResponseTemplate,
  foreignErrorTemplate,
  requestTemplate,
  successResponseTemplate,
} from '../integration/templates.js';
import { routerFacts } from '../router/router.js';
import { reasonPhrase } from '../status.js';
import { adaptedFacts } from '../_internals/adapted.js';
import { codecSchema } from './json-schema.js';
import type { SchemaOptions } from './json-schema.js';
import { toOpenApi31 } from './dialect.js';
import { gatewayResponses } from './gateway-responses.js';
import {
  errorDescription,
  operationParameters,
  requestBodyOf,
  routeStatuses,
} from './operation.js';
import { PROBLEM_SCHEMAS } from './problem-schemas.js';
import type {
  ApiGatewayCustomIntegration,
  ApiGatewayIntegrationUri,
  OpenApiDocument,
  OpenApiHeader,
  OpenApiMediaType,
  OpenApiOperation,
  OpenApiResponse,
  OpenApiVersion,
} from './types.js';

export type { OpenApiDocument, OpenApiVersion } from './types.js';

/** Which Lambda integration the document configures. */
export type IntegrationType = 'proxy' | 'custom';

/** Options of {@link openApiDocument}. */
export interface OpenApiOptions {
  /**
   * The OpenAPI version to write: `3.0.3` (the default, and the only one API Gateway imports) or
   * `3.1.0`, whose schemas are JSON Schema 2020-12.
   */
  readonly openapi?: OpenApiVersion;
  /** `info.title`; `API` by default. */
  readonly title?: string;
  /** `info.version`; `1.0.0` by default. */
  readonly version?: string;
  readonly description?: string;
  readonly servers?: readonly { readonly url: string; readonly description?: string }[];
  /**
   * The integration to configure; by default the one the handler was built for
   * (`toLambda` and `toStreamingLambda`: proxy, `toLambdaIntegration`: custom), proxy for a bare
   * router. A function built by `toStreamingLambda` takes the proxy integration only, with
   * `responseTransferMode: STREAM`.
   */
  readonly integration?: IntegrationType;
  /**
   * The function's ARN, for the integration URI. Without it, the URI is a CloudFormation
   * `Fn::Sub` naming `functionResource`, for a template that includes the document.
   */
  readonly functionArn?: string;
  /** The function's logical id in a CloudFormation or SAM template; `Function` by default. */
  readonly functionResource?: string;
  /** The error format, by default the handler's (`json-api` for a bare router). */
  readonly errorFormat?: ErrorFormat;
  readonly jsonApiMediaType?: JsonApiMediaType;
  /**
   * API Gateway's own request validation, before the function runs: `false` (the default: the
   * function reports every problem at once, which API Gateway's validator does not), `params`,
   * or `all` (parameters and body against the generated schemas).
   */
  readonly requestValidation?: false | 'params' | 'all';
  /** Gateway responses in the same error format as the function's; `true` by default. */
  readonly gatewayResponses?: boolean;
}

interface Described {
  readonly routes: readonly Route[];
  readonly errors: ErrorMap<Tagged> | undefined;
  readonly integration: IntegrationType;
  readonly errorFormat: ErrorFormat;
  readonly jsonApiMediaType: JsonApiMediaType;
  readonly requestIdHeader: string;
  /** True for `toStreamingLambda`: the proxy integration, streamed. */
  readonly streaming: boolean;
}

const ANY_METHOD = 'x-amazon-apigateway-any-method';

function describeTarget(target: object, options: OpenApiOptions): Described {
  const adapted = adaptedFacts(target);
  const inner = adapted?.handler ?? target;
  const router = routerFacts(inner);
  // A bare handler serves every path and method: one greedy resource.
  const routes: readonly Route[] = router?.routes ?? [
    {
      info: { method: 'ANY' as never, path: '/{proxy+}' },
      handler: inner as Route['handler'],
      errors: undefined,
    },
  ];
  const streaming = adapted?.streaming === true;
  const integration = options.integration ?? adapted?.integration ?? 'proxy';
  if (streaming && integration !== 'proxy') {
    throw new TypeError(
      'A function built by toStreamingLambda takes the proxy integration only (API Gateway streams AWS_PROXY integrations); leave out `integration` or give `proxy`.',
    );
  }
  return {
    routes,
    errors: adapted?.errors,
    integration,
    errorFormat: options.errorFormat ?? adapted?.errorFormat ?? 'json-api',
    jsonApiMediaType: options.jsonApiMediaType ?? adapted?.jsonApiMediaType ?? 'application/json',
    requestIdHeader: adapted?.requestIdHeader ?? 'x-request-id',
    streaming,
  };
}

/**
 * The URI API Gateway invokes the function at: Lambda's `Invoke` (`2015-03-31/…/invocations`),
 * or, for a streaming function, `InvokeWithResponseStreaming`
 * (`2021-11-15/…/response-streaming-invocations`).
 */
function integrationUri(options: OpenApiOptions, streaming: boolean): ApiGatewayIntegrationUri {
  const path = streaming
    ? { version: '2021-11-15', action: 'response-streaming-invocations' }
    : { version: '2015-03-31', action: 'invocations' };
  if (options.functionArn !== undefined) {
    const region = options.functionArn.split(':')[3] ?? 'us-east-1';
    return `arn:aws:apigateway:${region}:lambda:path/${path.version}/functions/${options.functionArn}/${path.action}`;
  }
  const resource = options.functionResource ?? 'Function';
  return {
    'Fn::Sub': `arn:aws:apigateway:\${AWS::Region}:lambda:path/${path.version}/functions/\${${resource}.Arn}/${path.action}`,
  };
}

function problemContent(described: Described): Record<string, OpenApiMediaType> {
  const jsonApi = { schema: { $ref: '#/components/schemas/JsonApiErrors' } };
  const problem = { schema: { $ref: '#/components/schemas/ProblemDetails' } };
  switch (described.errorFormat) {
    case 'json-api':
      return { [described.jsonApiMediaType]: jsonApi };
    case 'problem':
      return { [PROBLEM_JSON_MEDIA_TYPE]: problem };
    case 'negotiate':
      return { [described.jsonApiMediaType]: jsonApi, [PROBLEM_JSON_MEDIA_TYPE]: problem };
  }
}

// Headers an error response may carry besides the request id, by status.
const STATUS_HEADERS: Readonly<Record<number, readonly string[]>> = {
  401: ['WWW-Authenticate'],
  405: ['Allow'],
  429: ['Retry-After'],
  503: ['Retry-After'],
};

function responseHeaders(status: number, requestIdHeader: string): Record<string, OpenApiHeader> {
  const headers: Record<string, OpenApiHeader> = {
    [requestIdHeader]: {
      description: 'The request id, also in the logs.',
      schema: { type: 'string' },
    },
  };
  for (const name of STATUS_HEADERS[status] ?? []) headers[name] = { schema: { type: 'string' } };
  return headers;
}

// Statuses whose responses have no body (RFC 9110 §15.3.5, §15.3.6, §15.4.5).
const BODYLESS: ReadonlySet<number> = new Set([204, 205, 304]);
// RFC 9110 §15.4: the redirections that send the client to `Location`.
const REDIRECTS: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** True for a codec that takes only a missing value: a success declared without a body. */
function declaresNoBody(codec: AnyCodec): boolean {
  const tag = (codec as { readonly _tag?: unknown })._tag;
  return tag === 'UndefinedType' || tag === 'VoidType';
}

/**
 * The success response: the declared status, the body's schema (any JSON without a codec), and,
 * behind the proxy integration, the headers the function sends with it. The custom integration
 * declares its success response once per method, so no header of the function reaches the
 * client there (see docs/custom-integration.md).
 */
function successResponse(
  status: number,
  response: AnyCodec | undefined,
  described: Described,
  schemaOptions: SchemaOptions,
): OpenApiResponse {
  const body =
    !BODYLESS.has(status) &&
    (response === undefined ? !REDIRECTS.has(status) : !declaresNoBody(response));
  const headers: Record<string, OpenApiHeader> = {
    [described.requestIdHeader]: {
      description: 'The request id, also in the logs.',
      schema: { type: 'string' },
    },
  };
  if (status === 201) {
    headers['Location'] = {
      description: 'The URL of the resource created.',
      schema: { type: 'string' },
    };
  } else if (REDIRECTS.has(status)) {
    headers['Location'] = { description: 'Where the client is sent.', schema: { type: 'string' } };
  }
  return {
    description: reasonPhrase(status),
    ...(described.integration === 'proxy' ? { headers } : {}),
    ...(body
      ? {
          content: {
            'application/json': {
              schema: response === undefined ? {} : codecSchema(response, schemaOptions),
            },
          },
        }
      : {}),
  };
}

function operationId(method: string, path: string): string {
  const words = path
    .split('/')
    .filter((part) => part !== '')
    .map((part) => {
      const param = /^\{([^}+]+)\+?\}$/.exec(part)?.[1];
      return param === undefined ? part : `by-${param}`;
    })
    .join('-')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '');
  const name = words.map((word) => `${word[0]?.toUpperCase() ?? ''}${word.slice(1)}`).join('');
  return `${method === 'ANY' ? 'any' : method.toLowerCase()}${name}`;
}

/**
 * The request templates, one per media type a JSON body may be labelled with: with
 * `passthroughBehavior: never`, API Gateway answers 415 to any other type (a request without a
 * `Content-Type` counts as `application/json`).
 */
function requestTemplates(jsonApiMediaType: JsonApiMediaType): Record<string, string> {
  const template = requestTemplate();
  const types = new Set(['application/json', JSON_API_MEDIA_TYPE, jsonApiMediaType]);
  return Object.fromEntries([...types].map((type) => [type, template]));
}

function customIntegration(
  success: number,
  errorStatuses: readonly number[],
  described: Described,
  uri: ApiGatewayIntegrationUri,
): ApiGatewayCustomIntegration {
  const foreignFormat = described.errorFormat === 'problem' ? 'problem' : 'json-api';
  const foreignType =
    foreignFormat === 'problem' ? PROBLEM_JSON_MEDIA_TYPE : described.jsonApiMediaType;
  // What a success selects: API Gateway matches the patterns below against an empty string for
  // a successful invocation, and none of them matches it.
  const responses: Record<string, ApiGatewayCustomIntegration['responses'][string]> = {
    default: {
      statusCode: String(success),
      responseTemplates: {
        'application/json': successResponseTemplate(foreignFormat, foreignType),
      },
    },
  };
  for (const status of errorStatuses) {
    responses[selectionPattern(status)] = {
      statusCode: String(status),
      responseTemplates: {
        'application/json': errorResponseTemplate(described.requestIdHeader, false),
      },
    };
  }
  // Every other status gatefold may answer — one an error map computes per error, a problem a
  // handler or middleware builds itself, the router's 405 — takes one pattern, its status read
  // from the message. Without it such a message would match nothing and become a 200.
  responses[otherStatusPattern(errorStatuses)] = {
    statusCode: '500',
    responseTemplates: {
      'application/json': errorResponseTemplate(described.requestIdHeader, true),
    },
  };
  // A failure that is not gatefold's (a timeout, a crash) would otherwise become a 200.
  responses[`(?=[\\s\\S]*Task timed out)${FOREIGN_ERROR_PATTERN}`] = {
    statusCode: '504',
    responseTemplates: {
      'application/json': foreignErrorTemplate(504, 'Gateway Timeout', foreignFormat, foreignType),
    },
  };
  responses[`(?![\\s\\S]*Task timed out)${FOREIGN_ERROR_PATTERN}`] = {
    statusCode: '502',
    responseTemplates: {
      'application/json': foreignErrorTemplate(502, 'Bad Gateway', foreignFormat, foreignType),
    },
  };
  return {
    type: 'aws',
    httpMethod: 'POST',
    uri,
    passthroughBehavior: 'never',
    requestTemplates: requestTemplates(described.jsonApiMediaType),
    responses,
  };
}

function operation(
  route: Route,
  described: Described,
  uri: ApiGatewayIntegrationUri,
  validation: OpenApiOptions['requestValidation'],
  schemaOptions: SchemaOptions,
): OpenApiOperation {
  const facts: EndpointFacts | undefined = endpointFacts(route.handler);
  // The route's own description adds to the endpoint's, member by member.
  const describe: OperationDescription = { ...facts?.describe, ...route.describe };
  const errors =
    described.errors === undefined
      ? route.errors
      : route.errors === undefined
        ? described.errors
        : mergeErrorMaps(described.errors, route.errors);
  const statuses = routeStatuses(facts, describe, errors);
  const responses: Record<string, OpenApiResponse> = {};
  responses[String(statuses.success)] = successResponse(
    statuses.success,
    describe.response,
    described,
    schemaOptions,
  );
  const custom = described.integration === 'custom';
  const foreign = custom ? [502, 504] : [];
  const content = problemContent(described);
  for (const [status, reasons] of statuses.errors) {
    responses[String(status)] = {
      description: errorDescription(status, reasons),
      headers: responseHeaders(status, described.requestIdHeader),
      content,
    };
  }
  for (const status of foreign) {
    responses[String(status)] ??= {
      description: `${reasonPhrase(status)}: the function failed or timed out.`,
      content,
    };
  }
  if (statuses.dynamic.length > 0) {
    responses['default'] = {
      description: `Statuses decided per error: ${statuses.dynamic.join(', ')}.`,
      headers: responseHeaders(0, described.requestIdHeader),
      content,
    };
  }
  const body = requestBodyOf(facts, schemaOptions);
  const method = route.info.method as string;
  return {
    operationId: describe.operationId ?? operationId(method, route.info.path),
    ...(describe.summary === undefined ? {} : { summary: describe.summary }),
    ...(describe.description === undefined ? {} : { description: describe.description }),
    ...(describe.tags === undefined ? {} : { tags: [...describe.tags] }),
    parameters: operationParameters(route.info.path, facts, schemaOptions),
    ...(body === undefined ? {} : { requestBody: body }),
    responses,
    ...(validation === undefined || validation === false
      ? {}
      : { 'x-amazon-apigateway-request-validator': validation }),
    'x-amazon-apigateway-integration': custom
      ? customIntegration(statuses.success, [...statuses.errors.keys()], described, uri)
      : {
          type: 'aws_proxy',
          httpMethod: 'POST',
          uri,
          passthroughBehavior: 'when_no_match',
          ...(described.streaming ? { responseTransferMode: 'STREAM' as const } : {}),
        },
  };
}

/**
 * The OpenAPI document of a Lambda function built by `toLambda`, `toLambdaIntegration` or
 * `toStreamingLambda` (or of a router): paths, parameters and request bodies from the codecs, the declared success status and
 * body, a response per status from the error maps, and the `x-amazon-apigateway-*` extensions
 * that deploy it as a REST API. For the custom integration, each error status gets a selection
 * pattern matching only its messages and a response template that rebuilds the body the proxy
 * adapter would have sent. OpenAPI 3.0.3 unless `options.openapi` asks for 3.1.0.
 *
 * @example
 * ```ts
 * import { ok } from 'neverthrow';
 * import { json, router, toLambda } from 'gatefold';
 * import { openApiDocument } from 'gatefold/openapi';
 *
 * export const handler = toLambda(router().get('/health', () => ok(json({ status: 'ok' }))));
 * const document = openApiDocument(handler, { title: 'Shop', version: '1.0.0' });
 * const health = document.paths['/health']?.get;
 * ```
 */
export function openApiDocument(target: object, options: OpenApiOptions = {}): OpenApiDocument {
  const described = describeTarget(target, options);
  const uri = integrationUri(options, described.streaming);
  const validation = options.requestValidation ?? false;
  const version = options.openapi ?? '3.0.3';
  const schemaOptions: SchemaOptions = { openapi: version };
  const paths: Record<string, Record<string, OpenApiOperation>> = {};
  for (const route of described.routes) {
    const path = (paths[route.info.path] ??= {});
    const method = route.info.method as string;
    const key = method === 'ANY' ? ANY_METHOD : method.toLowerCase();
    path[key] = operation(route, described, uri, validation, schemaOptions);
  }
  const formatForGateway = described.errorFormat === 'problem' ? 'problem' : 'json-api';
  return {
    openapi: version,
    info: {
      title: options.title ?? 'API',
      version: options.version ?? '1.0.0',
      ...(options.description === undefined ? {} : { description: options.description }),
    },
    ...(options.servers === undefined
      ? {}
      : { servers: options.servers.map((server) => ({ ...server })) }),
    paths,
    components: {
      schemas:
        version === '3.1.0'
          ? Object.fromEntries(
              Object.entries(PROBLEM_SCHEMAS).map(([name, schema]) => [name, toOpenApi31(schema)]),
            )
          : PROBLEM_SCHEMAS,
    },
    ...(validation === false
      ? {}
      : {
          'x-amazon-apigateway-request-validators': {
            all: { validateRequestBody: true, validateRequestParameters: true },
            params: { validateRequestBody: false, validateRequestParameters: true },
          },
        }),
    ...(options.gatewayResponses === false
      ? {}
      : {
          'x-amazon-apigateway-gateway-responses': gatewayResponses(
            formatForGateway,
            formatForGateway === 'problem' ? PROBLEM_JSON_MEDIA_TYPE : described.jsonApiMediaType,
            described.requestIdHeader,
          ),
        }),
  };
}
