/**
 * A REST API in front of a custom (non-proxy) Lambda integration, as far as the tests need one:
 * the method request goes through the operation's request template, the function is invoked,
 * and its result is answered as API Gateway answers it. The integration response is chosen by
 * matching every selection pattern (Java's whole-string match) against a selection value: the
 * `errorMessage` of a failed invocation, and an **empty string** for a success — "if the success
 * response returns nothing and the error response returns some string, you could use the `.+`
 * regex to match error response" (API Reference, `IntegrationResponse.selectionPattern`;
 * localstack/localstack#12574 shows it on AWS, and #12580 made LocalStack do the same). Without a
 * match, the `default` response applies, to a failure as to a success. The payload (the result,
 * or Lambda's error object) is rendered by that response's template, or passed on without one.
 * Also: the method request API Gateway would build from a REST proxy event, so that the proxy and
 * custom integrations can be fed the same request.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { LambdaIntegrationHandler } from '../../src/integration/index.js';
import type { OpenApiDocument } from '../../src/openapi/index.js';
import {
  INTEGRATION_EVENT_VERSION,
  IntegrationErrorResponse,
} from '../../src/integration/index.js';
import { fakeContext } from '../../src/testing/index.js';
import { javaMatches } from '../support/java-regex.js';
import type { MethodRequest } from '../support/vtl.js';
import { renderRequestTemplate, renderResponseTemplate } from '../support/vtl.js';
import { LAMBDA_REQUEST_ID } from '../support/request-id.js';

/** An integration response of `x-amazon-apigateway-integration.responses`. */
export interface IntegrationResponse {
  readonly statusCode: string;
  readonly responseTemplates?: Readonly<Record<string, string>>;
}

/** The custom integration of one operation. */
export interface CustomIntegration {
  readonly type: string;
  readonly requestTemplates: Readonly<Record<string, string>>;
  readonly responses: Readonly<Record<string, IntegrationResponse>>;
}

/** An operation of the document, with what the tests read of it. */
export interface Operation {
  readonly responses: Readonly<Record<string, unknown>>;
  readonly 'x-amazon-apigateway-integration': CustomIntegration;
  readonly [key: string]: unknown;
}

/** The operation for a method and resource path; throws when the document has none. */
export function operationOf(document: OpenApiDocument, method: string, path: string): Operation {
  const paths = document['paths'] as Readonly<Record<string, Record<string, Operation>>>;
  const operation = paths[path]?.[method.toLowerCase()];
  if (operation === undefined) throw new Error(`No operation ${method} ${path}.`);
  return operation;
}

/** Every operation of the document, with its method and path. */
export function operationsOf(
  document: OpenApiDocument,
): { readonly method: string; readonly path: string; readonly operation: Operation }[] {
  const paths = document['paths'] as Readonly<Record<string, Record<string, Operation>>>;
  return Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ method, path, operation })),
  );
}

/** The selection patterns of an integration: every response key but `default`. */
export function selectionPatterns(integration: CustomIntegration): string[] {
  return Object.keys(integration.responses).filter((key) => key !== 'default');
}

function defined(map: Readonly<Record<string, string | undefined>> | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(map ?? {})) if (value !== undefined) out[name] = value;
  return out;
}

/** The method request API Gateway builds for the request a REST proxy event describes. */
export function methodRequestOf(event: APIGatewayProxyEvent): MethodRequest {
  const principalId: unknown = event.requestContext.authorizer?.['principalId'];
  return {
    httpMethod: event.httpMethod,
    resourcePath: event.resource,
    stage: event.requestContext.stage,
    requestId: event.requestContext.requestId,
    sourceIp: event.requestContext.identity.sourceIp,
    principalId: typeof principalId === 'string' ? principalId : undefined,
    path: defined(event.pathParameters),
    querystring: defined(event.queryStringParameters),
    header: defined(event.headers),
    body: event.body ?? '',
  };
}

/**
 * The payload of a successful Lambda invocation, as API Gateway receives it: the Node.js runtime
 * sends `JSON.stringify` of the result (`null` for `undefined`).
 */
export function lambdaSuccessPayload(value: unknown): string {
  return JSON.stringify(value === undefined ? null : value);
}

/** The payload of a failed Lambda invocation, as API Gateway receives it. */
export function lambdaErrorPayload(error: Error): string {
  return JSON.stringify({
    errorMessage: error.message,
    errorType: error.name,
    stackTrace: (error.stack ?? '').split('\n').slice(1),
  });
}

/** What the client receives. */
export interface GatewayAnswer {
  readonly status: number;
  /** The headers the response template set, by the name it gave them. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The selection pattern that chose the integration response (`default` when none matched). */
  readonly pattern: string;
  /** What the function threw, if it failed. */
  readonly error: unknown;
}

/** The selection value of a successful invocation: API Gateway matches the patterns against it. */
export const SUCCESS_SELECTION_VALUE = '';

/**
 * The integration response for a selection value (an error message, or
 * {@link SUCCESS_SELECTION_VALUE} for a success): the one whose pattern matches it, or `default`
 * when none does. Throws when several match: gatefold's patterns never overlap.
 */
export function selectResponse(
  integration: CustomIntegration,
  selectionValue: string,
): { readonly pattern: string; readonly response: IntegrationResponse } {
  const matching = selectionPatterns(integration).filter((pattern) =>
    javaMatches(pattern, selectionValue),
  );
  if (matching.length > 1) {
    throw new Error(`${String(matching.length)} selection patterns match: ${matching.join(' | ')}`);
  }
  const pattern = matching[0] ?? 'default';
  const response = integration.responses[pattern];
  if (response === undefined) throw new Error('The integration has no default response.');
  return { pattern, response };
}

/**
 * Sends a method request through the custom integration of `operation` to `handler`, and
 * answers as API Gateway would.
 */
export async function throughGateway(
  handler: LambdaIntegrationHandler,
  operation: Operation,
  request: MethodRequest,
): Promise<GatewayAnswer> {
  const integration = operation['x-amazon-apigateway-integration'];
  const template = integration.requestTemplates['application/json'];
  if (template === undefined) throw new Error('No application/json request template.');
  const event = JSON.parse(renderRequestTemplate(template, request)) as unknown;
  const context = fakeContext({ awsRequestId: LAMBDA_REQUEST_ID });
  let selectionValue = SUCCESS_SELECTION_VALUE;
  let payload: string;
  let error: unknown;
  try {
    payload = lambdaSuccessPayload(await handler(event, context));
  } catch (failure) {
    if (!(failure instanceof Error)) throw failure;
    error = failure;
    selectionValue = failure.message;
    payload = lambdaErrorPayload(failure);
  }
  const { pattern, response } = selectResponse(integration, selectionValue);
  const responseTemplate = response.responseTemplates?.['application/json'];
  if (responseTemplate === undefined) {
    // Without a template, the payload passes through as it is.
    return { status: Number(response.statusCode), headers: {}, body: payload, pattern, error };
  }
  const rendered = renderResponseTemplate(responseTemplate, payload, request.requestId);
  return {
    status: rendered.override.status ?? Number(response.statusCode),
    headers: rendered.override.header,
    body: rendered.body,
    pattern,
    error,
  };
}

/** The headers of an answer by lower-cased name, to compare with a proxy response's. */
export function lowerCased(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
}

/** True for the error a custom integration function fails with for an error response. */
export function isErrorResponse(error: unknown): error is IntegrationErrorResponse {
  return error instanceof IntegrationErrorResponse;
}

/**
 * The event gatefold's request template builds for a request without parameters or body, its
 * text values URL-encoded as the template encodes them.
 */
export function integrationEvent(
  method: string,
  resource: string,
  requestId = 'gw-req-1',
): Record<string, unknown> {
  return {
    gatefold: INTEGRATION_EVENT_VERSION,
    method,
    resource: encodeURIComponent(resource),
    stage: 'prod',
    requestId,
    sourceIp: '203.0.113.10',
    principalId: '',
    params: { path: {}, querystring: {}, header: {} },
    body: {},
  };
}

/**
 * The body text of a custom integration function's success (`{ body }`), which the default
 * response's template sends; a test failure for anything else.
 */
export function successBody(value: unknown): string {
  const body: unknown = (value as { body?: unknown } | null)?.body;
  if (typeof body !== 'string' || Object.keys(value as object).length !== 1) {
    throw new Error(`Expected { body }, the function answered ${JSON.stringify(value)}.`);
  }
  return body;
}

/** What a custom integration function failed with: the error, or a test failure if it answered. */
export async function failureOf(
  handler: LambdaIntegrationHandler,
  event: unknown,
): Promise<IntegrationErrorResponse> {
  try {
    const value = await handler(event, fakeContext({ awsRequestId: LAMBDA_REQUEST_ID }));
    throw new Error(`Expected a failure, the function answered ${JSON.stringify(value)}.`);
  } catch (error) {
    if (error instanceof IntegrationErrorResponse) return error;
    throw error;
  }
}
