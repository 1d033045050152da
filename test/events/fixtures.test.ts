/**
 * Every real AWS payload in `test/fixtures/aws-events/` through `toLambda`: each request
 * fixture is detected as its kind, read into the whole normalised request, and answered in the
 * whole result shape its source expects. The sample responses there are the shapes AWS expects
 * back; the writers reproduce them.
 */
import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { EventKind, HttpEvent, HttpRequest, Reply } from '../../src/index.js';
import { binary, detectEventKind, json, text, toLambda } from '../../src/index.js';
import {
  albEvent,
  fakeContext,
  functionUrlEvent,
  httpApiEvent,
  restApiEvent,
} from '../../src/testing/index.js';
import {
  asEvent,
  loadFixture,
  requestFixtureFiles,
  responseFixtureFiles,
} from '../support/fixtures.js';
import { capturingLogger } from '../support/logger.js';
import type { PlainRequest } from '../support/plain-request.js';
import { plainRequest, textBody } from '../support/plain-request.js';
import { LAMBDA_REQUEST_ID, withRequestIdHeader } from '../support/request-id.js';

const context = fakeContext({ awsRequestId: LAMBDA_REQUEST_ID });
/** API Gateway's request id in the built events the sample responses are answered for. */
const GATEWAY_REQUEST_ID = 'gw-req-1';

/** Runs an event through an adapter whose handler echoes the request it was given. */
async function echo(event: unknown) {
  const logger = capturingLogger();
  const seen: HttpRequest[] = [];
  const handler = toLambda(
    (request) => {
      seen.push(request);
      return ok(json({ ...request, body: request.body?.text }));
    },
    { logger },
  );
  const result = await handler(asEvent(event), context);
  expect(seen).toHaveLength(1);
  expect(logger.error).not.toHaveBeenCalled();
  expect(logger.warn).not.toHaveBeenCalled();
  return {
    request: plainRequest(seen[0]!),
    // The echoed request is compared as data, not as JSON text with its key order.
    result: { ...result, body: JSON.parse(result.body ?? 'null') as unknown },
  };
}

/** What the echoing handler sends back for a request: the request as JSON, its body as text. */
function echoed(request: PlainRequest): unknown {
  return JSON.parse(JSON.stringify({ ...request, body: request.body?.text }));
}

// The result shapes for the echoing handler in the table below, per kind, without the body and
// without the request id header, which each fixture's own id fills in.
const REST_RESULT = {
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  multiValueHeaders: {},
  isBase64Encoded: false,
};
const V2_RESULT = {
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  cookies: [],
  isBase64Encoded: false,
};
const ALB_MULTI_VALUE_RESULT = {
  statusCode: 200,
  statusDescription: '200 OK',
  multiValueHeaders: { 'content-type': ['application/json'] },
  isBase64Encoded: false,
};

// The REST fixtures' `requestContext.identity`, which the request keeps as sent (callerOf reads
// it: test/auth/). An IAM-signed request fills it (powertools apigw-rest/iam-auth.json, and the
// console's Test button, which signs with the console user's credentials); the others leave
// every caller field null.
// aws-lambda-go apigw-request.json: a documentation example, every field a placeholder.
const APIGW_REQUEST_IDENTITY = {
  cognitoIdentityPoolId: 'theCognitoIdentityPoolId',
  accountId: 'theAccountId',
  cognitoIdentityId: 'theCognitoIdentityId',
  caller: 'theCaller',
  apiKey: 'theApiKey',
  apiKeyId: 'theApiKeyId',
  accessKey: 'ANEXAMPLEOFACCESSKEY',
  sourceIp: '192.168.196.186',
  cognitoAuthenticationType: 'theCognitoAuthenticationType',
  cognitoAuthenticationProvider: 'theCognitoAuthenticationProvider',
  userArn: 'theUserArn',
  userAgent: 'PostmanRuntime/2.4.5',
  user: 'theUser',
  clientCert: {
    clientCertPem: 'CERT_CONTENT',
    subjectDN: 'www.example.com',
    issuerDN: 'Example issuer',
    serialNumber: 'a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1',
    validity: {
      notBefore: 'May 28 12:30:02 2019 GMT',
      notAfter: 'Aug  5 09:36:04 2021 GMT',
    },
  },
};
const CONSOLE_TEST_IDENTITY = {
  cognitoIdentityPoolId: null,
  cognitoIdentityId: null,
  apiKey: 'test-invoke-api-key',
  principalOrgId: null,
  cognitoAuthenticationType: null,
  userArn: 'arn:aws:sts::123456789012:assumed-role/Admin/aamorosi',
  apiKeyId: 'test-invoke-api-key-id',
  userAgent:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  accountId: '123456789012',
  caller: 'ABCAXZWZ5ZDPNIH6C6ODK:aamorosi',
  sourceIp: 'test-invoke-source-ip',
  accessKey: 'ABCAXZWZ5ZDPFDRIWYXX',
  cognitoAuthenticationProvider: null,
  user: 'ABCAXZWZ5ZDPNIH6C6ODK:aamorosi',
};
const SAM_EVENT_IDENTITY = {
  cognitoIdentityPoolId: null,
  accountId: null,
  cognitoIdentityId: null,
  caller: null,
  accessKey: null,
  sourceIp: '127.0.0.1',
  cognitoAuthenticationType: null,
  cognitoAuthenticationProvider: null,
  userArn: null,
  userAgent: 'Custom User Agent String',
  user: null,
};
// The powertools no-auth, lambda-authorizer-auth and jwt-authorizer-auth captures share it.
const POWERTOOLS_ANONYMOUS_IDENTITY = {
  cognitoIdentityPoolId: null,
  accountId: null,
  cognitoIdentityId: null,
  caller: null,
  sourceIp: '15.248.3.126',
  principalOrgId: null,
  accessKey: null,
  cognitoAuthenticationType: null,
  cognitoAuthenticationProvider: null,
  userArn: null,
  userAgent: 'HTTPie/3.2.2',
  user: null,
};
const POWERTOOLS_IAM_IDENTITY = {
  cognitoIdentityPoolId: null,
  accountId: '123456789012',
  cognitoIdentityId: null,
  caller: 'ABCAXZWZ5ZDPNIH6C6ODK:aamorosi',
  sourceIp: '15.248.3.126',
  principalOrgId: null,
  accessKey: 'ABCAXZWZ5ZDPIFV7JHWH',
  cognitoAuthenticationType: null,
  cognitoAuthenticationProvider: null,
  userArn: 'arn:aws:sts::123456789012:assumed-role/Admin/aamorosi',
  userAgent: 'HTTPie/3.2.2',
  user: 'ABCAXZWZ5ZDPNIH6C6ODK:aamorosi',
};

// ---------------------------------------------------------------------------------------------
// Key fixtures, one or more per kind, with every field written out.
// ---------------------------------------------------------------------------------------------

describe('key AWS request fixtures, every field written out', () => {
  it('REST aws-lambda-go/apigw-request.json: multi-value maps preferred, stage and authorizer kept', async () => {
    const file = 'aws-lambda-go/apigw-request.json';
    const expected: PlainRequest = {
      kind: 'rest',
      method: 'POST',
      path: '/hello/world',
      route: '/{proxy+}',
      headers: {
        accept: ['*/*'],
        'accept-encoding': ['gzip, deflate'],
        'cache-control': ['no-cache'],
        'cloudfront-forwarded-proto': ['https'],
        'cloudfront-is-desktop-viewer': ['true'],
        'cloudfront-is-mobile-viewer': ['false'],
        'cloudfront-is-smarttv-viewer': ['false'],
        'cloudfront-is-tablet-viewer': ['false'],
        'cloudfront-viewer-country': ['US'],
        'content-type': ['application/json'],
        headername: ['headerValue'],
        host: ['gy415nuibc.execute-api.us-east-1.amazonaws.com'],
        'postman-token': ['9f583ef0-ed83-4a38-aef3-eb9ce3f7a57f'],
        'user-agent': ['PostmanRuntime/2.4.5'],
        via: ['1.1 d98420743a69852491bbdea73f7680bd.cloudfront.net (CloudFront)'],
        'x-amz-cf-id': ['pn-PWIJc6thYnZm5P0NMgOUglL1DYtl0gdeJky8tqsg8iS_sgsKD1A=='],
        'x-forwarded-for': ['54.240.196.186, 54.182.214.83'],
        'x-forwarded-port': ['443'],
        'x-forwarded-proto': ['https'],
      },
      query: { name: ['me'] },
      pathParameters: { proxy: 'hello/world' },
      cookies: {},
      // No isBase64Encoded field at all: the body is text.
      body: textBody('{\r\n\t"a": 1\r\n}'),
      requestId: 'deef4878-7910-11e6-8f14-25afc3e9ae33',
      lambdaRequestId: 'lambda-req-1',
      sourceIp: '192.168.196.186',
      stage: 'testStage',
      // Passed through as API Gateway sent it, the numeric clientId included.
      identity: APIGW_REQUEST_IDENTITY,
      authorizer: { principalId: 'admin', clientId: 1, clientName: 'Exata' },
    };
    const fixture = loadFixture(file);
    expect(detectEventKind(fixture)).toBe('rest');
    const { request, result } = await echo(fixture);
    expect(request).toStrictEqual(expected);
    expect(result).toStrictEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json', 'x-request-id': expected.requestId },
      multiValueHeaders: {},
      body: echoed(expected),
      isBase64Encoded: false,
    });
  });

  it('REST powertools apigw-rest/console-test-ui.json: null headers and maps read as empty', async () => {
    const file = 'powertools-lambda-typescript/apigw-rest/console-test-ui.json';
    const expected: PlainRequest = {
      kind: 'rest',
      method: 'POST',
      path: '/no-auth',
      route: '/no-auth',
      headers: {},
      query: {},
      pathParameters: {},
      cookies: {},
      body: undefined,
      requestId: '28422e1a-c975-42da-895e-165f882dafef',
      lambdaRequestId: 'lambda-req-1',
      sourceIp: 'test-invoke-source-ip',
      stage: 'test-invoke-stage',
      identity: CONSOLE_TEST_IDENTITY,
      authorizer: undefined,
    };
    const fixture = loadFixture(file);
    expect(detectEventKind(fixture)).toBe('rest');
    const { request, result } = await echo(fixture);
    expect(request).toStrictEqual(expected);
    expect(result).toStrictEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json', 'x-request-id': expected.requestId },
      multiValueHeaders: {},
      body: echoed(expected),
      isBase64Encoded: false,
    });
  });

  it('HTTP API aws-lambda-go/apigw-v2-request-no-authorizer.json: no query, cookies or body keys', async () => {
    const file = 'aws-lambda-go/apigw-v2-request-no-authorizer.json';
    const expected: PlainRequest = {
      kind: 'http',
      method: 'GET',
      path: '/',
      route: '$default',
      headers: {
        accept: ['*/*'],
        'content-length': ['0'],
        host: ['aaaaaaaaaa.execute-api.us-west-2.amazonaws.com'],
        'user-agent': ['curl/7.58.0'],
        'x-amzn-trace-id': ['Root=1-5e9f0c65-1de4d666d4dd26aced652b6c'],
        'x-forwarded-for': ['1.2.3.4'],
        'x-forwarded-port': ['443'],
        'x-forwarded-proto': ['https'],
      },
      query: {},
      pathParameters: {},
      cookies: {},
      body: undefined,
      requestId: 'LV7fzho-PHcEJPw=',
      lambdaRequestId: 'lambda-req-1',
      sourceIp: '1.2.3.4',
      stage: '$default',
      identity: undefined,
      authorizer: undefined,
    };
    const fixture = loadFixture(file);
    expect(detectEventKind(fixture)).toBe('http');
    const { request, result } = await echo(fixture);
    expect(request).toStrictEqual(expected);
    expect(result).toStrictEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json', 'x-request-id': expected.requestId },
      cookies: [],
      body: echoed(expected),
      isBase64Encoded: false,
    });
  });

  it('HTTP API aws-lambda-go/apigw-v2-request-jwt-authorizer.json: repeated query kept apart, cookies array read', async () => {
    const file = 'aws-lambda-go/apigw-v2-request-jwt-authorizer.json';
    const expected: PlainRequest = {
      kind: 'http',
      method: 'GET',
      path: '/my/path',
      route: '$default',
      // `Header1` arrives mixed-case; the `cookie` header is rebuilt from the cookies array.
      headers: { header1: ['value1'], header2: ['value2'], cookie: ['cookie1; cookie2'] },
      // From rawQueryString, not the comma-joined queryStringParameters ("value1,value2").
      query: { parameter1: ['value1', 'value2'], parameter2: ['value'] },
      pathParameters: { proxy: 'hello/world' },
      // Cookie entries without "=" are names with empty values.
      cookies: { cookie1: '', cookie2: '' },
      body: textBody('{\r\n\t"a": 1\r\n}'),
      requestId: 'id',
      lambdaRequestId: 'lambda-req-1',
      sourceIp: 'IP',
      stage: '$default',
      identity: undefined,
      authorizer: {
        jwt: { claims: { claim1: 'value1', claim2: 'value2' }, scopes: ['scope1', 'scope2'] },
      },
    };
    const fixture = loadFixture(file);
    expect(detectEventKind(fixture)).toBe('http');
    const { request, result } = await echo(fixture);
    expect(request).toStrictEqual(expected);
    expect(result).toStrictEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json', 'x-request-id': expected.requestId },
      cookies: [],
      body: echoed(expected),
      isBase64Encoded: false,
    });
  });

  it('Function URL aws-lambda-go/function-url-request-with-headers-and-cookies-and-text-body.json: captured POST', async () => {
    const file = 'aws-lambda-go/function-url-request-with-headers-and-cookies-and-text-body.json';
    const expected: PlainRequest = {
      kind: 'function-url',
      method: 'POST',
      path: '/hello',
      route: '$default',
      headers: {
        accept: ['*/*'],
        'accept-encoding': ['gzip, deflate'],
        'content-length': ['18'],
        'content-type': ['application/json'],
        // This captured event carries a cookie header as well as the cookies array.
        cookie: ['foo=bar; hello=hello'],
        header1: ['h1'],
        // Repeated headers arrive comma-joined in payload 2.0 and stay one value.
        header2: ['h1,h2'],
        header3: ['h3'],
        host: ['lambda-url-id.lambda-url.us-west-2.on.aws'],
        'user-agent': ['python-requests/2.28.2'],
        'x-amz-content-sha256': [
          '5f8f04f6a3a892aaabbddb6cf273894493773960d4a325b105fee46eef4304f1',
        ],
        'x-amz-date': ['20230418T170146Z'],
        'x-amz-security-token': ['security-token'],
        'x-amzn-tls-cipher-suite': ['ECDHE-RSA-AES128-GCM-SHA256'],
        'x-amzn-tls-version': ['TLSv1.2'],
        'x-amzn-trace-id': ['Root=1-643eccfa-2c6028925c2b249524664087'],
        'x-forwarded-for': ['127.0.0.1'],
        'x-forwarded-port': ['443'],
        'x-forwarded-proto': ['https'],
      },
      query: { hello: ['world'], foo: ['bar'] },
      pathParameters: {},
      cookies: { foo: 'bar', hello: 'hello' },
      body: textBody('{"hello": "world"}'),
      requestId: '5bbd0e3e-fe7a-4299-9076-32d4de45391b',
      lambdaRequestId: 'lambda-req-1',
      sourceIp: '127.0.0.1',
      stage: '$default',
      identity: undefined,
      authorizer: { iam: {} },
    };
    const fixture = loadFixture(file);
    expect(detectEventKind(fixture)).toBe('function-url');
    const { request, result } = await echo(fixture);
    expect(request).toStrictEqual(expected);
    expect(result).toStrictEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json', 'x-request-id': expected.requestId },
      cookies: [],
      body: echoed(expected),
      isBase64Encoded: false,
    });
  });

  it('Function URL aws-lambda-go/function-url-domain-only-request-with-base64-encoded-body.json: body decoded', async () => {
    const file = 'aws-lambda-go/function-url-domain-only-request-with-base64-encoded-body.json';
    const expected: PlainRequest = {
      kind: 'function-url',
      method: 'POST',
      path: '/',
      route: '$default',
      headers: {
        accept: ['*/*'],
        'accept-encoding': ['gzip, deflate'],
        'content-length': ['6'],
        'content-type': ['idk'],
        host: ['lambda-url-id.lambda-url.us-west-2.on.aws'],
        'user-agent': ['python-requests/2.28.2'],
        'x-amz-content-sha256': [
          '0ab2082273499eaa495f2196e32d8c794745e58a20a0c93182c59d2165432839',
        ],
        'x-amz-date': ['20230418T170147Z'],
        'x-amz-security-token': ['security-token'],
        'x-amzn-tls-cipher-suite': ['ECDHE-RSA-AES128-GCM-SHA256'],
        'x-amzn-tls-version': ['TLSv1.2'],
        'x-amzn-trace-id': ['Root=1-643eccfb-7fdecb844a12b4b45645132d'],
        'x-forwarded-for': ['127.0.0.1'],
        'x-forwarded-port': ['443'],
        'x-forwarded-proto': ['https'],
      },
      query: {},
      pathParameters: {},
      cookies: {},
      // "PGlkay8+" is "<idk/>".
      body: { text: '<idk/>', bytes: new Uint8Array([0x3c, 0x69, 0x64, 0x6b, 0x2f, 0x3e]) },
      requestId: '9701a3d4-36ad-40bd-bf0b-a525c987d27f',
      lambdaRequestId: 'lambda-req-1',
      sourceIp: '127.0.0.1',
      stage: '$default',
      identity: undefined,
      authorizer: { iam: {} },
    };
    const fixture = loadFixture(file);
    expect(detectEventKind(fixture)).toBe('function-url');
    const { request, result } = await echo(fixture);
    expect(request).toStrictEqual(expected);
    expect(result).toStrictEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json', 'x-request-id': expected.requestId },
      cookies: [],
      body: echoed(expected),
      isBase64Encoded: false,
    });
  });

  it('ALB aws-lambda-go/alb-lambda-target-request-headers-only.json: single-value mode in, headers out', async () => {
    const file = 'aws-lambda-go/alb-lambda-target-request-headers-only.json';
    const expected: PlainRequest = {
      kind: 'alb',
      method: 'GET',
      path: '/',
      route: undefined,
      headers: {
        accept: ['*/*'],
        connection: ['keep-alive'],
        host: ['lambda-test-alb-1334523864.us-east-1.elb.amazonaws.com'],
        'user-agent': ['curl/7.54.0'],
        'x-amzn-trace-id': ['Root=1-5c34e93e-4dea0086f9763ac0667b115a'],
        'x-forwarded-for': ['25.12.198.67'],
        'x-forwarded-port': ['80'],
        'x-forwarded-proto': ['http'],
        'x-imforwards': ['20'],
        'x-myheader': ['123'],
      },
      query: { key: ['hello'] },
      pathParameters: {},
      cookies: {},
      // `"body": ""` is no body.
      body: undefined,
      // ALB has no request id of its own: Lambda's is used.
      requestId: 'lambda-req-1',
      lambdaRequestId: 'lambda-req-1',
      sourceIp: '25.12.198.67',
      stage: undefined,
      identity: undefined,
      authorizer: undefined,
    };
    const fixture = loadFixture(file);
    expect(detectEventKind(fixture)).toBe('alb');
    const { request, result } = await echo(fixture);
    expect(request).toStrictEqual(expected);
    expect(result).toStrictEqual({
      statusCode: 200,
      statusDescription: '200 OK',
      headers: { 'content-type': 'application/json', 'x-request-id': expected.requestId },
      body: echoed(expected),
      isBase64Encoded: false,
    });
  });

  it('ALB aws-lambda-go/alb-lambda-target-request-multivalue-headers.json: multi-value mode in, multiValueHeaders out', async () => {
    const file = 'aws-lambda-go/alb-lambda-target-request-multivalue-headers.json';
    const expected: PlainRequest = {
      kind: 'alb',
      method: 'GET',
      path: '/',
      route: undefined,
      headers: {
        accept: ['*/*'],
        connection: ['keep-alive'],
        host: ['lambda-test-alb-1234567.us-east-1.elb.amazonaws.com'],
        'user-agent': ['curl/7.54.0'],
        'x-amzn-trace-id': ['Root=1-5c34e7d4-00ca239424b68028d4c56d68'],
        'x-forwarded-for': ['72.21.198.67'],
        'x-forwarded-port': ['80'],
        'x-forwarded-proto': ['http'],
        'x-imforwards': ['20'],
        'x-myheader': ['123'],
      },
      query: { key: ['hello'] },
      pathParameters: {},
      cookies: {},
      body: undefined,
      requestId: 'lambda-req-1',
      lambdaRequestId: 'lambda-req-1',
      sourceIp: '72.21.198.67',
      stage: undefined,
      identity: undefined,
      authorizer: undefined,
    };
    const fixture = loadFixture(file);
    expect(detectEventKind(fixture)).toBe('alb');
    const { request, result } = await echo(fixture);
    expect(request).toStrictEqual(expected);
    expect(result).toStrictEqual({
      statusCode: 200,
      statusDescription: '200 OK',
      multiValueHeaders: {
        'content-type': ['application/json'],
        'x-request-id': [expected.requestId],
      },
      body: echoed(expected),
      isBase64Encoded: false,
    });
  });
});

const KEY_FIXTURES: readonly string[] = [
  'aws-lambda-go/apigw-request.json',
  'powertools-lambda-typescript/apigw-rest/console-test-ui.json',
  'aws-lambda-go/apigw-v2-request-no-authorizer.json',
  'aws-lambda-go/apigw-v2-request-jwt-authorizer.json',
  'aws-lambda-go/function-url-request-with-headers-and-cookies-and-text-body.json',
  'aws-lambda-go/function-url-domain-only-request-with-base64-encoded-body.json',
  'aws-lambda-go/alb-lambda-target-request-headers-only.json',
  'aws-lambda-go/alb-lambda-target-request-multivalue-headers.json',
];

// ---------------------------------------------------------------------------------------------
// The other request fixtures, as a table.
// ---------------------------------------------------------------------------------------------

interface FixtureCase {
  readonly kind: EventKind;
  readonly request: PlainRequest;
  /** The echo result without its body (the echoed request) and its x-request-id header. */
  readonly result: Readonly<Record<string, unknown>>;
}

// The Cognito id token of powertools apigw-rest/jwt-authorizer-auth.json, in its three parts.
const COGNITO_ID_TOKEN = [
  [
    'eyJraWQiOiJadVlaXC9KdmtST2hpN1hBT3FIekx0TVwvdUpKXC9kWUtPMUs1QkVZSjVUM2xZPSIsImFsZyI6IlJTMj',
    'U2In0',
  ],
  [
    'eyJvcmlnaW5fanRpIjoiMzdjYzAyY2YtNWMxNC00NjM2LWJlYjMtNGY4Y2E4ODc5MzViIiwic3ViIjoiZDJmNTA0ND',
    'QtMDA0MS03MDM2LWFlYTItYTk1NWZjYTMzZDM3IiwiYXVkIjoiM25rb2VwNDE1MWI3dW1lZ2dub3R0YzMwdTkiLCJl',
    'dmVudF9pZCI6ImM3ZjZjYzYyLWM0NzYtNGM2YS1iYTViLTc0NTI0NGRmZTVlZSIsInRva2VuX3VzZSI6ImlkIiwiYX',
    'V0aF90aW1lIjoxNzE4NjM2NDA0LCJpc3MiOiJodHRwczpcL1wvY29nbml0by1pZHAuZXUtd2VzdC0xLmFtYXpvbmF3',
    'cy5jb21cL2V1LXdlc3QtMV95MGJMRzRpMjciLCJjb2duaXRvOnVzZXJuYW1lIjoiYWFtb3Jvc2kiLCJleHAiOjE3MT',
    'g3MjI4MDQsImlhdCI6MTcxODYzNjQwNCwianRpIjoiMTM3MjdhYmEtODllNi00ODk2LWJkOWUtOGNiYzBmNDc4Zjlj',
    'In0',
  ],
  [
    'k9GKFY028MbL8hyLpsq2aCsMYt0P_im93qSyDF5awnhePlnfpNVXGXGGIcoBPyj-wlsZPdJAS_3Y324VhYlRzX76xT',
    'lew1lAtM665RAe4tncLl6MFlicTgHqsFXeOyXroSAe_X9wlP1jfMGiqW6oOkxrl_dajz7GJFFTEX8ztnTLD7FZvE5K',
    'ophYihxq6RFZlOQFLWmx6w378ZQ49kHg-H5FF6JluI1G9sQ3P77rrhfL7MGv5xi1YiDeWa7T27PhHcgqll9fuLFA-_',
    '8LrdN-G5XMEt0Zlfb-WxF8YaStJ4e519GfnVWUuNWJo9BnFj0ChCiyhlK7cAWDjm1mz-Y4FA',
  ],
]
  .map((part) => part.join(''))
  .join('.');

// Headers every powertools apigw-rest capture shares (a deployed REST API behind CloudFront).
const POWERTOOLS_REST_HEADERS = {
  accept: ['*/*'],
  'accept-encoding': ['gzip, deflate'],
  'cloudfront-forwarded-proto': ['https'],
  'cloudfront-is-desktop-viewer': ['true'],
  'cloudfront-is-mobile-viewer': ['false'],
  'cloudfront-is-smarttv-viewer': ['false'],
  'cloudfront-is-tablet-viewer': ['false'],
  'cloudfront-viewer-asn': ['7224'],
  'cloudfront-viewer-country': ['GB'],
  host: ['puhdx84jy9.execute-api.eu-west-1.amazonaws.com'],
  'user-agent': ['HTTPie/3.2.2'],
  'x-forwarded-port': ['443'],
  'x-forwarded-proto': ['https'],
};

// A powertools apigw-rest capture: POST on stage prod, no query, path parameters or body.
const POWERTOOLS_REST_REQUEST = {
  kind: 'rest',
  method: 'POST',
  query: {},
  pathParameters: {},
  cookies: {},
  body: undefined,
  lambdaRequestId: 'lambda-req-1',
  sourceIp: '15.248.3.126',
  stage: 'prod',
} as const;

// Headers every powertools apigw-http capture shares (a deployed HTTP API).
const POWERTOOLS_HTTP_HEADERS = {
  accept: ['*/*'],
  'accept-encoding': ['gzip, deflate'],
  'content-length': ['0'],
  host: ['lsw1ro4ipb.execute-api.eu-west-1.amazonaws.com'],
  'user-agent': ['HTTPie/3.2.2'],
  'x-forwarded-for': ['15.248.3.126'],
  'x-forwarded-port': ['443'],
  'x-forwarded-proto': ['https'],
};

// The aws-lambda-go v2 examples (iam, jwt, lambda authorizer) differ only in their authorizer.
const GO_V2_REQUEST = {
  kind: 'http',
  method: 'GET',
  path: '/my/path',
  route: '$default',
  headers: { header1: ['value1'], header2: ['value2'], cookie: ['cookie1; cookie2'] },
  query: { parameter1: ['value1', 'value2'], parameter2: ['value'] },
  pathParameters: { proxy: 'hello/world' },
  cookies: { cookie1: '', cookie2: '' },
  body: textBody('{\r\n\t"a": 1\r\n}'),
  requestId: 'id',
  lambdaRequestId: 'lambda-req-1',
  sourceIp: 'IP',
  stage: '$default',
  identity: undefined,
} as const;

// Headers every aws-lambda-go Function URL capture shares.
const GO_FUNCTION_URL_HEADERS = {
  'accept-encoding': ['gzip, deflate'],
  host: ['lambda-url-id.lambda-url.us-west-2.on.aws'],
  'user-agent': ['python-requests/2.28.2'],
  'x-amz-security-token': ['security-token'],
  'x-amzn-tls-cipher-suite': ['ECDHE-RSA-AES128-GCM-SHA256'],
  'x-amzn-tls-version': ['TLSv1.2'],
  'x-forwarded-for': ['127.0.0.1'],
  'x-forwarded-port': ['443'],
  'x-forwarded-proto': ['https'],
};

const TABLE: Readonly<Record<string, FixtureCase>> = {
  'aws-sam-cli/event.json': {
    kind: 'rest',
    request: {
      kind: 'rest',
      method: 'POST',
      path: '/path/to/resource',
      route: '/{proxy+}',
      // No multiValueHeaders in this event: the single-value map is read.
      headers: {
        accept: ['text/html,application/xhtml+xml,application/xml;q=0.9,image/webp,*/*;q=0.8'],
        'accept-encoding': ['gzip, deflate, sdch'],
        'accept-language': ['en-US,en;q=0.8'],
        'cache-control': ['max-age=0'],
        'cloudfront-forwarded-proto': ['https'],
        'cloudfront-is-desktop-viewer': ['true'],
        'cloudfront-is-mobile-viewer': ['false'],
        'cloudfront-is-smarttv-viewer': ['false'],
        'cloudfront-is-tablet-viewer': ['false'],
        'cloudfront-viewer-country': ['US'],
        host: ['1234567890.execute-api.us-east-1.amazonaws.com'],
        'upgrade-insecure-requests': ['1'],
        'user-agent': ['Custom User Agent String'],
        via: ['1.1 08f323deadbeefa7af34d5feb414ce27.cloudfront.net (CloudFront)'],
        'x-amz-cf-id': ['cDehVQoZnx43VYQb9j2-nvCh-9z396Uhbp027Y2JvkCPNLmGJHqlaA=='],
        'x-forwarded-for': ['127.0.0.1, 127.0.0.2'],
        'x-forwarded-port': ['443'],
        'x-forwarded-proto': ['https'],
      },
      query: { foo: ['bar'] },
      pathParameters: { proxy: '/path/to/resource' },
      cookies: {},
      body: textBody('{"message": "hello world"}'),
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      lambdaRequestId: 'lambda-req-1',
      sourceIp: '127.0.0.1',
      // requestContext.path is "/prod/path/to/resource"; the path read is the event's own.
      stage: 'prod',
      identity: SAM_EVENT_IDENTITY,
      authorizer: undefined,
    },
    result: REST_RESULT,
  },
  'powertools-lambda-typescript/apigw-rest/no-auth.json': {
    kind: 'rest',
    request: {
      ...POWERTOOLS_REST_REQUEST,
      path: '/no-auth',
      route: '/no-auth',
      headers: {
        ...POWERTOOLS_REST_HEADERS,
        via: ['1.1 49c0c4776e390b983c9f9f5365e3140c.cloudfront.net (CloudFront)'],
        'x-amz-cf-id': ['x9VncJ8IMo4X5UQEL8-Xg94vWwwuokofx236RgW1CrFCTh9DnPrgJA=='],
        'x-amzn-trace-id': ['Root=1-66704cad-0fbaf1491365339d168b2a7d'],
        'x-forwarded-for': ['15.248.3.126, 130.176.209.21'],
      },
      requestId: 'f88e38e3-2060-4a56-93c0-9efbc6a659a0',
      identity: POWERTOOLS_ANONYMOUS_IDENTITY,
      authorizer: undefined,
    },
    result: REST_RESULT,
  },
  'powertools-lambda-typescript/apigw-rest/iam-auth.json': {
    kind: 'rest',
    request: {
      ...POWERTOOLS_REST_REQUEST,
      path: '/iam',
      route: '/iam',
      headers: {
        ...POWERTOOLS_REST_HEADERS,
        via: ['1.1 d3e65123eab254da0d61a912409e06b4.cloudfront.net (CloudFront)'],
        'x-amz-cf-id': ['tP3wYavwGbIRVlinJVTXtHLSXkXwPi6WYz7EarjB1QnsqC0giphxmA=='],
        'x-amz-content-sha256': [
          'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        ],
        'x-amz-date': ['20240617T145824Z'],
        'x-amz-security-token': ['IQoJb3JpZ[...]=='],
        'x-amzn-trace-id': ['Root=1-66704f11-56b0f1d611b392cb68ad2b83'],
        'x-forwarded-for': ['15.248.3.126, 130.176.209.38'],
      },
      requestId: '89f9261a-2765-4d49-b72e-f76726991e44',
      // IAM auth on a REST API fills requestContext.identity, not requestContext.authorizer.
      identity: POWERTOOLS_IAM_IDENTITY,
      authorizer: undefined,
    },
    result: REST_RESULT,
  },
  'powertools-lambda-typescript/apigw-rest/lambda-authorizer-auth.json': {
    kind: 'rest',
    request: {
      ...POWERTOOLS_REST_REQUEST,
      path: '/lambda-token',
      route: '/lambda-token',
      headers: {
        ...POWERTOOLS_REST_HEADERS,
        authorization: ['Bearer foo'],
        via: ['1.1 8313bbb5b34d1ea0742b64ffbb83b692.cloudfront.net (CloudFront)'],
        'x-amz-cf-id': ['lrbUQoVv2blphI3jBSXQNqA3oq4s8VCCimuaSxMrX4YbEZjVKWaLWg=='],
        'x-amzn-trace-id': ['Root=1-66704db9-6136092d02f4e3424fe2ce95'],
        'x-forwarded-for': ['15.248.3.126, 130.176.209.10'],
      },
      requestId: '3c177581-2d03-4af4-9b68-5924083f37fe',
      identity: POWERTOOLS_ANONYMOUS_IDENTITY,
      authorizer: { principalId: 'user', integrationLatency: 422 },
    },
    result: REST_RESULT,
  },
  'powertools-lambda-typescript/apigw-rest/jwt-authorizer-auth.json': {
    kind: 'rest',
    request: {
      ...POWERTOOLS_REST_REQUEST,
      path: '/cognito',
      route: '/cognito',
      headers: {
        ...POWERTOOLS_REST_HEADERS,
        authorization: [`Bearer ${COGNITO_ID_TOKEN}`],
        via: ['1.1 ff7cafeac35b91a7af23c56e3b9691e8.cloudfront.net (CloudFront)'],
        'x-amz-cf-id': ['zTKRjCprnRv8GXztLX3l3gQVmT0MLysk_-FcFmxxBfz0qSPCBQsGIg=='],
        'x-amzn-trace-id': ['Root=1-66704f8a-626bb89a0b2bf33b547f581c'],
        'x-forwarded-for': ['15.248.3.126, 130.176.209.4'],
      },
      requestId: 'e56434a3-0b5d-453c-9183-f07a5e91fbb3',
      identity: POWERTOOLS_ANONYMOUS_IDENTITY,
      authorizer: {
        claims: {
          origin_jti: '37cc02cf-5c14-4636-beb3-4f8ca887935b',
          sub: 'd2f50444-0041-7036-aea2-a955fca33d37',
          aud: '3nkoep4151b7umeggnottc30u9',
          event_id: 'c7f6cc62-c476-4c6a-ba5b-745244dfe5ee',
          token_use: 'id',
          auth_time: '1718636404',
          iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_y0bLG4i27',
          'cognito:username': 'aamorosi',
          exp: 'Tue Jun 18 15:00:04 UTC 2024',
          iat: 'Mon Jun 17 15:00:04 UTC 2024',
          jti: '13727aba-89e6-4896-bd9e-8cbc0f478f9c',
        },
      },
    },
    result: REST_RESULT,
  },
  'aws-lambda-go/apigw-v2-request-iam.json': {
    kind: 'http',
    request: {
      ...GO_V2_REQUEST,
      authorizer: {
        iam: {
          accessKey: 'ARIA2ZJZYVUEREEIHAKY',
          accountId: '1234567890',
          callerId: 'AROA7ZJZYVRE7C3DUXHH6:CognitoIdentityCredentials',
          cognitoIdentity: {
            amr: ['foo'],
            identityId: 'us-east-1:3f291106-8703-466b-8f2b-3ecee1ca56ce',
            identityPoolId: 'us-east-1:4f291106-8703-466b-8f2b-3ecee1ca56ce',
          },
          principalOrgId: 'AwsOrgId',
          userArn: 'arn:aws:iam::1234567890:user/Admin',
          userId: 'AROA2ZJZYVRE7Y3TUXHH6',
        },
      },
    },
    result: V2_RESULT,
  },
  'aws-lambda-go/apigw-v2-request-lambda-authorizer.json': {
    kind: 'http',
    request: { ...GO_V2_REQUEST, authorizer: { lambda: { key: 'value' } } },
    result: V2_RESULT,
  },
  'powertools-lambda-typescript/apigw-http/iam-auth.json': {
    kind: 'http',
    request: {
      kind: 'http',
      method: 'POST',
      path: '/iam',
      route: 'POST /iam',
      headers: {
        ...POWERTOOLS_HTTP_HEADERS,
        authorization: [
          'AWS4-HMAC-SHA256 Credential=ABCAXZWZ5ZDPIFV7JHWH/20240617/eu-west-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=2ec027cabfd1c83da3a0f7d53f5edfda4bb30469be552966303bdbe7fda5ad6d',
        ],
        'x-amz-content-sha256': [
          'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        ],
        'x-amz-date': ['20240617T153941Z'],
        'x-amz-security-token': ['IQoJb3JpZ2luX2Vj[...]=='],
        'x-amzn-trace-id': ['Root=1-667058bd-3265707259baa0695cdc20c5'],
      },
      query: {},
      pathParameters: {},
      cookies: {},
      body: undefined,
      requestId: 'ZhLNpgotDoEEJUQ=',
      lambdaRequestId: 'lambda-req-1',
      sourceIp: '15.248.3.126',
      stage: '$default',
      identity: undefined,
      authorizer: {
        iam: {
          accessKey: 'ABCAXZWZ5ZDPIFV7JHWH',
          accountId: '123456789012',
          callerId: 'ABCAXZWZ5ZDPNIH6C6ODK:aamorosi',
          cognitoIdentity: null,
          principalOrgId: null,
          userArn: 'arn:aws:sts::123456789012:assumed-role/Admin/aamorosi',
          userId: 'ABCOAXZWZ5ZDPNIH6C6ODK:aamorosi',
        },
      },
    },
    result: V2_RESULT,
  },
  'powertools-lambda-typescript/apigw-http/jwt-authorizer-auth.json': {
    kind: 'http',
    request: {
      kind: 'http',
      method: 'POST',
      path: '/cognito',
      route: 'POST /cognito',
      headers: {
        ...POWERTOOLS_HTTP_HEADERS,
        authorization: ['Bearer eyJra[...]A'],
        'x-amzn-trace-id': ['Root=1-66705b09-5f85233d2fb7bd54034f7e30'],
      },
      query: {},
      pathParameters: {},
      cookies: {},
      body: undefined,
      requestId: 'ZhMpgigvDoEEPlg=',
      lambdaRequestId: 'lambda-req-1',
      sourceIp: '15.248.3.126',
      stage: '$default',
      identity: undefined,
      authorizer: {
        jwt: {
          claims: {
            aud: '3nkoep4151b7umeggnottc30u9',
            auth_time: '1718636404',
            'cognito:username': 'aamorosi',
            event_id: 'c7f6cc62-c476-4c6a-ba5b-745244dfe5ee',
            exp: '1718722804',
            iat: '1718636404',
            iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_y0bLG4i27',
            jti: '13727aba-89e6-4896-bd9e-8cbc0f478f9c',
            origin_jti: '37cc02cf-5c14-4636-beb3-4f8ca887935b',
            sub: 'd2f50444-0041-7036-aea2-a955fca33d37',
            token_use: 'id',
          },
          scopes: null,
        },
      },
    },
    result: V2_RESULT,
  },
  'powertools-lambda-typescript/apigw-http/lambda-authorizer-auth.json': {
    kind: 'http',
    request: {
      kind: 'http',
      method: 'POST',
      path: '/lambda',
      route: 'POST /lambda',
      headers: {
        ...POWERTOOLS_HTTP_HEADERS,
        authorization: ['Bearer foo'],
        'x-amzn-trace-id': ['Root=1-66705bc7-2b4257df30cbee696ef2cf28'],
      },
      query: {},
      pathParameters: {},
      cookies: {},
      body: undefined,
      requestId: 'ZhNHJhhLjoEEPiw=',
      lambdaRequestId: 'lambda-req-1',
      sourceIp: '15.248.3.126',
      stage: '$default',
      identity: undefined,
      authorizer: { lambda: null },
    },
    result: V2_RESULT,
  },
  'powertools-lambda-typescript/samples/exampleAPIGatewayProxyEventV2.json': {
    kind: 'http',
    request: {
      kind: 'http',
      method: 'POST',
      path: '/lambda',
      route: 'POST /lambda',
      headers: {
        ...POWERTOOLS_HTTP_HEADERS,
        authorization: ['Bearer foo'],
        'x-amzn-trace-id': ['Root=1-66705bc7-2b4257df30cbee696ef2cf28'],
      },
      query: {},
      pathParameters: {},
      cookies: {},
      // A body although its content-length header says 0: the sample was edited by hand.
      body: textBody('{"name":"John","age":42}'),
      requestId: 'ZhNHJhhLjoEEPiw=',
      lambdaRequestId: 'lambda-req-1',
      sourceIp: '15.248.3.126',
      stage: '$default',
      identity: undefined,
      authorizer: { lambda: null },
    },
    result: V2_RESULT,
  },
  'aws-lambda-go/function-url-domain-only-get-request.json': {
    kind: 'function-url',
    request: {
      kind: 'function-url',
      method: 'GET',
      path: '/',
      route: '$default',
      headers: {
        ...GO_FUNCTION_URL_HEADERS,
        accept: ['application/xml'],
        'content-type': ['application/json'],
        'x-amz-content-sha256': [
          'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        ],
        'x-amz-date': ['20230418T170147Z'],
        'x-amzn-trace-id': ['Root=1-643eccfb-4c9be61972302fa41111a443'],
      },
      query: {},
      pathParameters: {},
      cookies: {},
      body: undefined,
      requestId: 'deeb7e49-a9a8-4a8f-bcd1-5482231e2087',
      lambdaRequestId: 'lambda-req-1',
      sourceIp: '127.0.0.1',
      stage: '$default',
      identity: undefined,
      authorizer: { iam: {} },
    },
    result: V2_RESULT,
  },
  'aws-lambda-go/lambda-urls-request.json': {
    kind: 'function-url',
    request: {
      kind: 'function-url',
      method: 'POST',
      path: '/my/path',
      // This documentation example has neither routeKey nor stage.
      route: undefined,
      headers: { header1: ['value1'], header2: ['value1,value2'], cookie: ['cookie1; cookie2'] },
      query: { parameter1: ['value1', 'value2'], parameter2: ['value'] },
      pathParameters: {},
      cookies: { cookie1: '', cookie2: '' },
      body: textBody('Hello from client!'),
      requestId: 'id',
      lambdaRequestId: 'lambda-req-1',
      sourceIp: '123.123.123.123',
      stage: undefined,
      identity: undefined,
      authorizer: {
        iam: {
          accessKey: 'AKIA...',
          accountId: '111122223333',
          callerId: 'AIDA...',
          userArn: 'arn:aws:iam::111122223333:user/example-user',
          userId: 'AIDA...',
        },
      },
    },
    result: V2_RESULT,
  },
  'powertools-lambda-typescript/lambda/get-request.json': {
    kind: 'function-url',
    request: {
      kind: 'function-url',
      method: 'GET',
      path: '/',
      route: '$default',
      headers: {
        'sec-fetch-mode': ['navigate'],
        'x-amzn-tls-version': ['TLSv1.2'],
        'sec-fetch-site': ['cross-site'],
        'accept-language': ['pt-BR,pt;q=0.9'],
        'x-forwarded-proto': ['https'],
        'x-forwarded-port': ['443'],
        'x-forwarded-for': ['123.123.123.123'],
        'sec-fetch-user': ['?1'],
        accept: [
          'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.9',
        ],
        'x-amzn-tls-cipher-suite': ['ECDHE-RSA-AES128-GCM-SHA256'],
        'sec-ch-ua': ['" Not A;Brand";v="99", "Chromium";v="102", "Google Chrome";v="102"'],
        'sec-ch-ua-mobile': ['?0'],
        'x-amzn-trace-id': ['Root=1-62ecd163-5f302e550dcde3b12402207d'],
        'sec-ch-ua-platform': ['"Linux"'],
        host: ['<url-id>.lambda-url.us-east-1.on.aws'],
        'upgrade-insecure-requests': ['1'],
        'cache-control': ['max-age=0'],
        'accept-encoding': ['gzip, deflate, br'],
        'sec-fetch-dest': ['document'],
        'user-agent': [
          'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/102.0.0.0 Safari/537.36',
        ],
      },
      query: {},
      pathParameters: {},
      cookies: {},
      body: undefined,
      requestId: 'id',
      lambdaRequestId: 'lambda-req-1',
      sourceIp: '123.123.123.123',
      stage: '$default',
      // No authorizer object at all (anonymous Function URL).
      identity: undefined,
      authorizer: undefined,
    },
    result: V2_RESULT,
  },
  'powertools-lambda-typescript/alb/multi-fields.json': {
    kind: 'alb',
    request: {
      kind: 'alb',
      method: 'GET',
      path: '/lambda',
      route: undefined,
      headers: {
        accept: ['*/*'],
        host: ['alb-c-LoadB-14POFKYCLBNSF-1815800096.eu-central-1.elb.amazonaws.com'],
        'user-agent': ['curl/7.79.1'],
        'x-amzn-trace-id': ['Root=1-62fa9327-21cdd4da4c6db451490a5fb7'],
        'x-forwarded-for': ['123.123.123.123'],
        'x-forwarded-port': ['80'],
        'x-forwarded-proto': ['http'],
      },
      // An empty multiValueQueryStringParameters: no query.
      query: {},
      pathParameters: {},
      cookies: {},
      body: textBody('Test'),
      requestId: 'lambda-req-1',
      lambdaRequestId: 'lambda-req-1',
      sourceIp: '123.123.123.123',
      stage: undefined,
      identity: undefined,
      authorizer: undefined,
    },
    result: ALB_MULTI_VALUE_RESULT,
  },
};

const requestFiles = requestFixtureFiles();

describe('the AWS request fixtures folder', () => {
  it('has an expectation here for every request fixture, and no expectation for a missing file', () => {
    expect(requestFiles).toStrictEqual([...KEY_FIXTURES, ...Object.keys(TABLE)].sort());
  });

  it('holds every kind: REST, HTTP API, Function URL and ALB (both header modes)', () => {
    const kinds = requestFiles.map((file) => detectEventKind(loadFixture(file)));
    expect(new Set(kinds)).toStrictEqual(
      new Set<EventKind>(['rest', 'http', 'function-url', 'alb']),
    );
  });
});

describe.each(requestFiles.filter((file) => !KEY_FIXTURES.includes(file)))(
  'AWS request fixture %s',
  (file) => {
    const expected = TABLE[file];

    it('is detected as its kind', () => {
      expect(expected).toBeDefined();
      expect(detectEventKind(loadFixture(file))).toBe(expected?.kind);
    });

    it("is read into the whole normalised request and answered in its kind's result shape", async () => {
      if (expected === undefined) throw new Error(`No expectation for ${file}`);
      const { request, result } = await echo(loadFixture(file));
      expect(request).toStrictEqual(expected.request);
      // The request id goes back in x-request-id: the fixture's own, as the request was read.
      expect(result).toStrictEqual({
        ...withRequestIdHeader(expected.result, expected.request.requestId),
        body: echoed(expected.request),
      });
    });
  },
);

// ---------------------------------------------------------------------------------------------
// Sample responses: not events, and the shapes the writers produce.
// ---------------------------------------------------------------------------------------------

function lowerCaseNames<V>(map: Readonly<Record<string, V>>): Record<string, V> {
  return Object.fromEntries(
    Object.entries(map).map(([name, value]) => [name.toLowerCase(), value]),
  );
}

interface SampleResponse {
  readonly statusCode: number;
  readonly statusDescription?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly multiValueHeaders?: Readonly<Record<string, readonly string[]>>;
  readonly cookies?: readonly string[];
  readonly body: string;
  readonly isBase64Encoded?: boolean;
}

function loadSample(file: string): SampleResponse {
  return loadFixture(file) as SampleResponse;
}

describe('AWS sample response fixtures', () => {
  it.each(responseFixtureFiles())('%s is a response, not an event: no kind detected', (file) => {
    expect(detectEventKind(loadFixture(file))).toBeUndefined();
  });

  it.each<[string, HttpEvent]>([
    ['an HTTP API', httpApiEvent({ requestId: GATEWAY_REQUEST_ID })],
    ['a Function URL', functionUrlEvent({ requestId: GATEWAY_REQUEST_ID })],
  ])(
    'aws-lambda-go/lambda-urls-response.json: written for %s exactly as AWS shows it (names lower-cased)',
    async (_, event) => {
      const sample = loadSample('aws-lambda-go/lambda-urls-response.json');
      const handler = toLambda(
        () =>
          ok(
            text('{ "message": "Hello, world!" }', {
              status: 201,
              headers: { 'Content-Type': 'application/json', 'My-Custom-Header': 'Custom Value' },
              cookies: [
                'Cookie_1=Value1; Expires=21 Oct 2021 07:48 GMT',
                'Cookie_2=Value2; Max-Age=78000',
              ],
            }),
          ),
        { logger: capturingLogger() },
      );
      // Plus the request id gatefold sends on every response.
      expect(await handler(event, context)).toStrictEqual({
        ...sample,
        headers: { ...lowerCaseNames(sample.headers ?? {}), 'x-request-id': 'gw-req-1' },
      });
    },
  );

  it('aws-lambda-java-libs/apigw_proxy_response.json: a REST reply with two cookies written as AWS shows it', async () => {
    const sample = loadSample('aws-lambda-java-libs/apigw_proxy_response.json');
    const handler = toLambda(
      () =>
        ok(
          json(
            { message: 'Hello from Lambda' },
            {
              headers: { 'X-Custom-Header': 'custom-value' },
              cookies: ['cookie1=value1', 'cookie2=value2'],
            },
          ),
        ),
      { logger: capturingLogger() },
    );
    expect(await handler(restApiEvent({ requestId: GATEWAY_REQUEST_ID }), context)).toStrictEqual({
      ...sample,
      headers: { ...lowerCaseNames(sample.headers ?? {}), 'x-request-id': 'gw-req-1' },
      multiValueHeaders: lowerCaseNames(sample.multiValueHeaders ?? {}),
    });
  });

  it('powertools samples/advanced_binary_res_json64.json: a binary REST reply written as AWS shows it', async () => {
    const sample = loadSample(
      'powertools-lambda-typescript/samples/advanced_binary_res_json64.json',
    );
    const reply: Reply<Uint8Array> = binary(Buffer.from('{"message":"Hello World"}', 'utf8'), {
      headers: { 'Content-Type': 'application/json' },
    });
    const handler = toLambda(() => ok(reply), { logger: capturingLogger() });
    expect(await handler(restApiEvent({ requestId: GATEWAY_REQUEST_ID }), context)).toStrictEqual({
      ...sample,
      headers: { ...lowerCaseNames(sample.headers ?? {}), 'x-request-id': 'gw-req-1' },
      // The sample leaves multiValueHeaders out; gatefold always sends the (empty) map.
      multiValueHeaders: {},
    });
  });

  it('aws-lambda-java-libs/alb_response.json: an ALB multi-value reply carries its headers and cookies in multiValueHeaders only', async () => {
    const sample = loadSample('aws-lambda-java-libs/alb_response.json');
    const handler = toLambda(
      () =>
        ok(
          text('<html><body>Hello</body></html>', {
            headers: { 'Content-Type': 'text/html' },
            cookies: ['cookie1=value1', 'cookie2=value2'],
          }),
        ),
      { logger: capturingLogger() },
    );
    // The sample fills both maps; a target group reads only the one its mode uses, so in
    // multi-value mode every header goes in multiValueHeaders.
    const { headers = {}, ...rest } = sample;
    expect(await handler(albEvent({ multiValue: true }), context)).toStrictEqual({
      ...rest,
      multiValueHeaders: {
        ...lowerCaseNames(sample.multiValueHeaders ?? {}),
        ...lowerCaseNames(Object.fromEntries(Object.entries(headers).map(([n, v]) => [n, [v]]))),
        'x-request-id': ['lambda-req-1'],
      },
    });
  });
});
