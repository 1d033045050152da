/**
 * Test support for the event tests: the shared AWS event fixtures (read from
 * `../shared/fixtures/aws-events/` beside the project, never copied in), typed base events to
 * spread overrides into, a capturing logger, a Lambda context, and a plain view of a request
 * that `toStrictEqual` can compare as a whole.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { ALBEvent, APIGatewayProxyEvent, APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { Mock } from 'vitest';
import { vi } from 'vitest';
import type { HttpEvent, HttpRequest, LogRecord, Logger } from '../../src/index.js';

/** The folder of real AWS payloads that every developer and CI run has beside the project. */
export const FIXTURES_DIR = path.resolve(
  import.meta.dirname,
  '../../../shared/fixtures/aws-events',
);

function jsonFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return jsonFilesUnder(full);
    return entry.isFile() && entry.name.endsWith('.json') ? [full] : [];
  });
}

/** Every JSON file in the fixtures folder, as sorted `/`-separated paths relative to it. */
export function fixtureFiles(): string[] {
  return jsonFilesUnder(FIXTURES_DIR)
    .map((file) => path.relative(FIXTURES_DIR, file).split(path.sep).join('/'))
    .sort();
}

/** A fixture file, parsed as Lambda's runtime parses an event: plain `JSON.parse`. */
export function loadFixture(relativePath: string): unknown {
  return JSON.parse(readFileSync(path.join(FIXTURES_DIR, relativePath), 'utf8')) as unknown;
}

/** True for a sample response (what a handler returns), which carries a `statusCode`. */
export function isResponseFixture(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'statusCode' in value;
}

/** The fixture files that are events, not responses. */
export function requestFixtureFiles(): string[] {
  return fixtureFiles().filter((file) => !isResponseFixture(loadFixture(file)));
}

/** The fixture files that are sample responses. */
export function responseFixtureFiles(): string[] {
  return fixtureFiles().filter((file) => isResponseFixture(loadFixture(file)));
}

/**
 * Any value typed as an event, for fixtures and for the deliberately malformed or foreign
 * events (null maps, numbers, SQS records) that the AWS types rightly refuse.
 */
export function asEvent(value: unknown): HttpEvent {
  return value as HttpEvent;
}

/** The Lambda context every test passes. */
export const context = { awsRequestId: 'lambda-req-1' } as Context;

/** A logger whose calls are recorded, which also keeps test output quiet. */
export interface CapturingLogger extends Logger {
  readonly error: Mock<(record: LogRecord) => void>;
  readonly warn: Mock<(record: LogRecord) => void>;
  readonly info: Mock<(record: LogRecord) => void>;
  readonly debug: Mock<(record: LogRecord) => void>;
}

/** A fresh capturing logger. */
export function capturingLogger(): CapturingLogger {
  return {
    error: vi.fn<(record: LogRecord) => void>(),
    warn: vi.fn<(record: LogRecord) => void>(),
    info: vi.fn<(record: LogRecord) => void>(),
    debug: vi.fn<(record: LogRecord) => void>(),
  };
}

/** A request body as plain data: its text and a plain copy of its bytes. */
export interface PlainBody {
  readonly text: string;
  readonly bytes: Uint8Array;
}

/**
 * An `HttpRequest` as plain data. The request's maps have no prototype and its body keeps its
 * bytes and text behind getters, so `toStrictEqual` would either refuse a literal or see nothing
 * of the body; this view keeps every field and value.
 */
export interface PlainRequest extends Omit<
  HttpRequest,
  'headers' | 'query' | 'pathParameters' | 'cookies' | 'body'
> {
  readonly headers: Record<string, readonly string[]>;
  readonly query: Record<string, readonly string[]>;
  readonly pathParameters: Record<string, string>;
  readonly cookies: Record<string, string>;
  readonly body: PlainBody | undefined;
}

/** The plain view of a request, every field kept. */
export function plainRequest(request: HttpRequest): PlainRequest {
  return {
    ...request,
    headers: { ...request.headers },
    query: { ...request.query },
    pathParameters: { ...request.pathParameters },
    cookies: { ...request.cookies },
    body:
      request.body === undefined
        ? undefined
        : { text: request.body.text, bytes: new Uint8Array(request.body.bytes) },
  };
}

/** The expected body for a text payload: the text and its UTF-8 bytes. */
export function textBody(text: string): PlainBody {
  return { text, bytes: new Uint8Array(Buffer.from(text, 'utf8')) };
}

/** A REST API (payload 1.0) event: GET /users/u-1 on stage `prod`, no authorizer. */
export const restEvent: APIGatewayProxyEvent = {
  resource: '/users/{id}',
  path: '/users/u-1',
  httpMethod: 'GET',
  headers: { Host: 'api.example.com' },
  multiValueHeaders: { Host: ['api.example.com'] },
  queryStringParameters: null,
  multiValueQueryStringParameters: null,
  pathParameters: { id: 'u-1' },
  stageVariables: null,
  requestContext: {
    accountId: '123456789012',
    apiId: 'abc123',
    authorizer: undefined,
    protocol: 'HTTP/1.1',
    httpMethod: 'GET',
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
      userAgent: 'test-agent',
      userArn: null,
    },
    path: '/prod/users/u-1',
    stage: 'prod',
    requestId: 'gw-req-1',
    requestTimeEpoch: 1700000000000,
    resourceId: 'res1',
    resourcePath: '/users/{id}',
  },
  body: null,
  isBase64Encoded: false,
};

/** An HTTP API (payload 2.0) event: GET /users/u-1 on the `$default` stage. */
export const httpEvent: APIGatewayProxyEventV2 = {
  version: '2.0',
  routeKey: 'GET /users/{id}',
  rawPath: '/users/u-1',
  rawQueryString: '',
  headers: { host: 'abc123.execute-api.eu-west-1.amazonaws.com' },
  pathParameters: { id: 'u-1' },
  requestContext: {
    accountId: '123456789012',
    apiId: 'abc123',
    domainName: 'abc123.execute-api.eu-west-1.amazonaws.com',
    domainPrefix: 'abc123',
    http: {
      method: 'GET',
      path: '/users/u-1',
      protocol: 'HTTP/1.1',
      sourceIp: '198.51.100.7',
      userAgent: 'test-agent',
    },
    requestId: 'gw-req-1',
    routeKey: 'GET /users/{id}',
    stage: '$default',
    time: '14/Nov/2023:22:13:20 +0000',
    timeEpoch: 1700000000000,
  },
  isBase64Encoded: false,
};

/** A Function URL event (payload 2.0 on a `*.lambda-url.*` domain): GET /users/u-1. */
export const functionUrlEvent: APIGatewayProxyEventV2 = {
  version: '2.0',
  routeKey: '$default',
  rawPath: '/users/u-1',
  rawQueryString: '',
  headers: { host: 'fn123.lambda-url.eu-west-1.on.aws' },
  requestContext: {
    accountId: 'anonymous',
    apiId: 'fn123',
    domainName: 'fn123.lambda-url.eu-west-1.on.aws',
    domainPrefix: 'fn123',
    http: {
      method: 'GET',
      path: '/users/u-1',
      protocol: 'HTTP/1.1',
      sourceIp: '198.51.100.7',
      userAgent: 'test-agent',
    },
    requestId: 'gw-req-1',
    routeKey: '$default',
    stage: '$default',
    time: '14/Nov/2023:22:13:20 +0000',
    timeEpoch: 1700000000000,
  },
  isBase64Encoded: false,
};

const TARGET_GROUP_ARN = 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/t/1a2b';

/** An ALB event from a target group with multi-value headers off: GET /users/u-1. */
export const albEvent: ALBEvent = {
  requestContext: { elb: { targetGroupArn: TARGET_GROUP_ARN } },
  httpMethod: 'GET',
  path: '/users/u-1',
  queryStringParameters: {},
  headers: { host: 'alb.example.com', 'x-forwarded-for': '198.51.100.7' },
  body: '',
  isBase64Encoded: false,
};

/** An ALB event from a target group with multi-value headers on: GET /users/u-1. */
export const albMultiValueEvent: ALBEvent = {
  requestContext: { elb: { targetGroupArn: TARGET_GROUP_ARN } },
  httpMethod: 'GET',
  path: '/users/u-1',
  multiValueQueryStringParameters: {},
  multiValueHeaders: { host: ['alb.example.com'], 'x-forwarded-for': ['198.51.100.7'] },
  body: '',
  isBase64Encoded: false,
};
