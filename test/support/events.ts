import type { ALBEvent, APIGatewayProxyEvent, APIGatewayProxyEventV2, Context } from 'aws-lambda';

/**
 * Minimal, typed AWS events for tests, following the documented payload formats:
 * - REST API proxy (payload 1.0):
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
 * - HTTP API (payload 2.0):
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 * - Function URL (payload 2.0 through `<url-id>.lambda-url.<region>.on.aws`):
 *   https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html
 * - ALB target (single-value or multi-value headers mode):
 *   https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html
 *
 * Overrides are spread over the base event; `requestContext` (and `requestContext.http` for
 * payload 2.0) is merged one level deeper, so a test can change one part of it.
 */

/** Lambda's own request id in {@link lambdaContext}; ALB events, which carry none, use it. */
export const LAMBDA_REQUEST_ID = 'lambda-req-1';

/** The Lambda context the tests pass: only the request id matters to gatefold. */
export const lambdaContext = { awsRequestId: LAMBDA_REQUEST_ID } as Context;

/** `requestContext.requestId` of the base REST event. */
export const REST_REQUEST_ID = 'rest-req-1';
/** `requestContext.requestId` of the base HTTP API event. */
export const HTTP_REQUEST_ID = 'http-req-1';
/** `requestContext.requestId` of the base Function URL event. */
export const FUNCTION_URL_REQUEST_ID = 'url-req-1';

type RestRequestContext = APIGatewayProxyEvent['requestContext'];
type V2RequestContext = APIGatewayProxyEventV2['requestContext'];

/** Overrides of a REST API event. */
export type RestEventOverrides = Partial<Omit<APIGatewayProxyEvent, 'requestContext'>> & {
  readonly requestContext?: Partial<RestRequestContext>;
};

/** Overrides of an HTTP API or Function URL event. */
export type HttpEventOverrides = Partial<Omit<APIGatewayProxyEventV2, 'requestContext'>> & {
  readonly requestContext?: Partial<Omit<V2RequestContext, 'http'>> & {
    readonly http?: Partial<V2RequestContext['http']>;
  };
};

/** Overrides of an ALB event. */
export type AlbEventOverrides = Partial<ALBEvent>;

/** Options of {@link albEvent}. */
export interface AlbEventOptions {
  /**
   * The target group's `lambda.multi_value_headers.enabled`: the event then carries
   * `multiValueHeaders` / `multiValueQueryStringParameters` instead of the single-value maps.
   */
  readonly multiValue?: boolean;
}

type SingleMap = Readonly<Record<string, string | undefined>>;

function toMultiValue(map: SingleMap): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(map)) if (value !== undefined) out[key] = [value];
  return out;
}

function toSingleValue(
  map: Readonly<Record<string, string[] | undefined>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  // As REST APIs and ALB do, the single-value map holds the last of repeated values.
  for (const [key, values] of Object.entries(map)) {
    const last = values?.[values.length - 1];
    if (last !== undefined) out[key] = last;
  }
  return out;
}

/**
 * A REST API (payload 1.0) proxy event: `GET /items` on stage `prod`, no body. As API Gateway
 * does, `headers` and `multiValueHeaders` (and the two query maps) describe the same request:
 * when only one of a pair is overridden, the other is derived from it.
 */
export function restEvent(overrides: RestEventOverrides = {}): APIGatewayProxyEvent {
  const { requestContext, ...rest } = overrides;
  const httpMethod = overrides.httpMethod ?? 'GET';
  const path = overrides.path ?? '/items';
  const stage = requestContext?.stage ?? 'prod';
  const headers =
    overrides.headers ??
    (overrides.multiValueHeaders === undefined
      ? { Accept: '*/*', Host: 'abc123.execute-api.eu-west-1.amazonaws.com' }
      : toSingleValue(overrides.multiValueHeaders));
  const multiValueHeaders = overrides.multiValueHeaders ?? toMultiValue(headers);
  const query =
    overrides.queryStringParameters !== undefined
      ? overrides.queryStringParameters
      : overrides.multiValueQueryStringParameters
        ? toSingleValue(overrides.multiValueQueryStringParameters)
        : null;
  const multiQuery =
    overrides.multiValueQueryStringParameters !== undefined
      ? overrides.multiValueQueryStringParameters
      : query && toMultiValue(query);
  return {
    resource: '/items',
    path,
    httpMethod,
    headers,
    multiValueHeaders,
    queryStringParameters: query,
    multiValueQueryStringParameters: multiQuery,
    pathParameters: null,
    stageVariables: null,
    body: null,
    isBase64Encoded: false,
    ...rest,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      authorizer: undefined,
      protocol: 'HTTP/1.1',
      httpMethod,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: '198.51.100.7',
        user: null,
        userAgent: 'vitest',
        userArn: null,
      },
      path: `/${stage}${path}`,
      stage,
      requestId: REST_REQUEST_ID,
      requestTimeEpoch: 1_700_000_000_000,
      resourceId: 'res1',
      resourcePath: '/items',
      ...requestContext,
    },
  };
}

function v2Event(
  overrides: HttpEventOverrides,
  domainName: string,
  requestId: string,
): APIGatewayProxyEventV2 {
  const { requestContext, ...rest } = overrides;
  const { http, ...contextRest } = requestContext ?? {};
  const rawPath = overrides.rawPath ?? '/items';
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString: '',
    headers: { accept: '*/*', host: domainName },
    isBase64Encoded: false,
    ...rest,
    requestContext: {
      accountId: '123456789012',
      apiId: domainName.split('.')[0] ?? 'api',
      domainName,
      domainPrefix: domainName.split('.')[0] ?? 'api',
      http: {
        method: 'GET',
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '198.51.100.7',
        userAgent: 'vitest',
        ...http,
      },
      requestId,
      routeKey: '$default',
      stage: '$default',
      time: '14/Nov/2023:22:13:20 +0000',
      timeEpoch: 1_700_000_000_000,
      ...contextRest,
    },
  };
}

/** An HTTP API (payload 2.0) event: `GET /items` on the `$default` stage, no body. */
export function httpEvent(overrides: HttpEventOverrides = {}): APIGatewayProxyEventV2 {
  return v2Event(overrides, 'abc123.execute-api.eu-west-1.amazonaws.com', HTTP_REQUEST_ID);
}

/** A Function URL event (payload 2.0 on a `.lambda-url.` domain): `GET /items`, no body. */
export function functionUrlEvent(overrides: HttpEventOverrides = {}): APIGatewayProxyEventV2 {
  return v2Event(overrides, 'abcdefg123.lambda-url.eu-west-1.on.aws', FUNCTION_URL_REQUEST_ID);
}

/**
 * An ALB target event: `GET /items`, empty body. In single-value mode it carries `headers` and
 * `queryStringParameters` only; in multi-value mode `multiValueHeaders` and
 * `multiValueQueryStringParameters` only (AWS never sends both). Single-value overrides are
 * converted for multi-value mode, so the same overrides describe the same request in either.
 */
export function albEvent(
  overrides: AlbEventOverrides = {},
  options: AlbEventOptions = {},
): ALBEvent {
  const {
    headers = { accept: '*/*', host: 'lb-123.eu-west-1.elb.amazonaws.com' },
    queryStringParameters = {},
    multiValueHeaders,
    multiValueQueryStringParameters,
    ...rest
  } = overrides;
  const base = {
    requestContext: {
      elb: {
        targetGroupArn:
          'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/lambda-target/abc123',
      },
    },
    httpMethod: 'GET',
    path: '/items',
    body: '',
    isBase64Encoded: false,
  };
  if (options.multiValue === true) {
    return {
      ...base,
      multiValueHeaders: multiValueHeaders ?? toMultiValue(headers),
      multiValueQueryStringParameters:
        multiValueQueryStringParameters ?? toMultiValue(queryStringParameters),
      ...rest,
    };
  }
  return {
    ...base,
    headers: multiValueHeaders === undefined ? headers : toSingleValue(multiValueHeaders),
    queryStringParameters:
      multiValueQueryStringParameters === undefined
        ? queryStringParameters
        : toSingleValue(multiValueQueryStringParameters),
    ...rest,
  };
}
