/**
 * The request template of the custom integration, rendered as API Gateway renders it: whatever
 * the request carries (quotes, backslashes, `+`, `%`, spaces, any Unicode), the event is valid
 * JSON and `toLambdaIntegration` reads from it the request the proxy adapter reads from the
 * equivalent REST proxy event. API Gateway's own "method request passthrough" template is read
 * too.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import fc from 'fast-check';
import { ok } from 'neverthrow';
import { beforeEach, describe, expect, it } from 'vitest';
import type { HttpRequest } from '../../src/index.js';
import { json, router, toLambda } from '../../src/index.js';
import {
  INTEGRATION_EVENT_VERSION,
  isIntegrationEvent,
  requestTemplate,
  toLambdaIntegration,
} from '../../src/integration/index.js';
import { openApiDocument } from '../../src/openapi/index.js';
import { fakeContext, invoke, restApiEvent } from '../../src/testing/index.js';
import { api } from '../../examples/shop/handler.js';
import { resetStore } from '../../examples/shop/store.js';
import { capturingLogger } from '../support/logger.js';
import { LAMBDA_REQUEST_ID, REST_REQUEST_ID } from '../support/request-id.js';
import type { MethodRequest } from '../support/vtl.js';
import { PASSTHROUGH_TEMPLATE, renderRequestTemplate } from '../support/vtl.js';
import {
  failureOf,
  lowerCased,
  methodRequestOf,
  operationOf,
  successBody,
  throughGateway,
  type Operation,
} from './gateway.js';
import { SHOP_ERROR_CASES, TRICKY_TEXT, shopEvent, shopOptions } from './shop-cases.js';

/** What a handler sees of a request, minus what the two integrations cannot agree on. */
function seen(request: HttpRequest) {
  const headers = { ...request.headers };
  // The custom integration declares every body JSON (only JSON reaches the template).
  delete headers['content-type'];
  return {
    method: request.method,
    path: request.path,
    route: request.route,
    pathParameters: { ...request.pathParameters },
    query: { ...request.query },
    headers,
    cookies: { ...request.cookies },
    body: request.body === undefined ? undefined : (JSON.parse(request.body.text) as unknown),
    requestId: request.requestId,
    lambdaRequestId: request.lambdaRequestId,
    sourceIp: request.sourceIp,
    stage: request.stage,
    principalId: request.authorizer?.['principalId'],
  };
}

const echo = (request: HttpRequest) => ok(json(seen(request)));
const echoApi = router().get('/echo/{id}', echo).post('/echo/{id}', echo);
const options = { logger: capturingLogger() };
const proxy = toLambda(echoApi, options);
const custom = toLambdaIntegration(echoApi, options);
const document = openApiDocument(custom);

/** What each adapter's handler saw of the same request. */
async function bothSee(
  event: APIGatewayProxyEvent,
  request: MethodRequest = methodRequestOf(event),
) {
  const operation: Operation = operationOf(document, event.httpMethod, event.resource);
  const answer = await throughGateway(custom, operation, request);
  expect(answer.pattern).toBe('default');
  const expected: unknown = (
    await invoke(proxy, event, fakeContext({ awsRequestId: LAMBDA_REQUEST_ID }))
  ).json();
  return {
    custom: JSON.parse(answer.body) as Record<string, unknown>,
    proxy: expected as Record<string, unknown>,
  };
}

function echoEvent(
  method: string,
  id: string,
  send: {
    readonly query?: Readonly<Record<string, string>>;
    readonly headers?: Readonly<Record<string, string>>;
    readonly body?: unknown;
    readonly authorizer?: Readonly<Record<string, unknown>>;
  } = {},
): APIGatewayProxyEvent {
  // A REST API passes the path parameter on as the client sent it, percent-encoded like the path.
  const sent = encodeURIComponent(id);
  return restApiEvent({
    method,
    path: `/echo/${sent}`,
    resource: '/echo/{id}',
    pathParameters: { id: sent },
    requestId: REST_REQUEST_ID,
    ...(send.query === undefined ? {} : { query: send.query }),
    ...(send.headers === undefined ? {} : { headers: send.headers }),
    ...(send.body === undefined ? {} : { body: send.body as Record<string, unknown> }),
    ...(send.authorizer === undefined ? {} : { authorizer: send.authorizer }),
  });
}

describe("gatefold's request template", () => {
  it('renders to valid JSON whatever the values, and marks the event as its own', () => {
    const event = echoEvent('POST', TRICKY_TEXT, {
      query: { [TRICKY_TEXT]: TRICKY_TEXT, 'a+b': '1+1=2', '%': '100%' },
      headers: { 'X-Odd': 'q"u\'o\\te + %20 é 😀', Cookie: 'session=a%20b; theme="dark"' },
      body: { text: TRICKY_TEXT, nested: [null, 1.5, { '': '"' }] },
    });
    const rendered = renderRequestTemplate(requestTemplate(), methodRequestOf(event));
    const parsed = JSON.parse(rendered) as Record<string, unknown>;
    expect(parsed['gatefold']).toBe(INTEGRATION_EVENT_VERSION);
    expect(isIntegrationEvent(parsed)).toBe(true);
    expect(parsed['body']).toStrictEqual({ text: TRICKY_TEXT, nested: [null, 1.5, { '': '"' }] });
    // Every text value is URL-encoded: nothing in it can end a JSON string or a line.
    const params = parsed['params'] as Record<string, Record<string, string>>;
    for (const map of Object.values(params)) {
      for (const [name, value] of Object.entries(map)) {
        expect(name).toMatch(/^[A-Za-z0-9.*_+%-]+$/);
        expect(value).toMatch(/^[A-Za-z0-9.*_+%-]*$/);
      }
    }
  });

  it('gives the handler what the proxy adapter gives it for tricky path, query and headers', async () => {
    const event = echoEvent('POST', TRICKY_TEXT, {
      query: { [TRICKY_TEXT]: TRICKY_TEXT, 'a b': 'c d', 'a+b': '1+1=2', '%41': '%41', empty: '' },
      headers: {
        'X-Odd': 'q"u\'o\\te + %20 é 😀',
        'X-Spaces': '  padded  value ',
        Cookie: 'session=a%20b; theme="dark"',
        Accept: 'application/problem+json',
      },
      body: { text: TRICKY_TEXT },
    });
    const { custom: sawCustom, proxy: sawProxy } = await bothSee(event);
    expect(sawCustom).toStrictEqual(sawProxy);
    expect(sawProxy).toMatchObject({
      method: 'POST',
      path: `/echo/${encodeURIComponent(TRICKY_TEXT)}`,
      route: 'POST /echo/{id}',
      pathParameters: { id: TRICKY_TEXT },
      query: { [TRICKY_TEXT]: [TRICKY_TEXT], 'a b': ['c d'], 'a+b': ['1+1=2'], '%41': ['%41'] },
      cookies: { session: 'a%20b', theme: 'dark' },
      body: { text: TRICKY_TEXT },
      requestId: REST_REQUEST_ID,
      lambdaRequestId: LAMBDA_REQUEST_ID,
      stage: 'prod',
    });
  });

  it('passes the authorizer principal, and no authorizer when there is none', async () => {
    const withPrincipal = echoEvent('GET', 'u-1', {
      authorizer: { principalId: 'user|a+b "c"' },
    });
    const both = await bothSee(withPrincipal);
    expect(both.custom).toMatchObject({ principalId: 'user|a+b "c"' });
    expect(both.proxy).toMatchObject({ principalId: 'user|a+b "c"' });
    const anonymous = await bothSee(echoEvent('GET', 'u-1'));
    expect(anonymous.custom).not.toHaveProperty('principalId');
    expect(anonymous.custom).toStrictEqual(anonymous.proxy);
  });

  it('delivers no body when the request has none, although $input.json gives {} for it', async () => {
    const { custom: sawCustom, proxy: sawProxy } = await bothSee(echoEvent('GET', 'u-1'));
    expect(sawProxy).not.toHaveProperty('body');
    expect(sawCustom).toStrictEqual(sawProxy);
  });

  it('delivers an empty object body as {}', async () => {
    const event = echoEvent('POST', 'u-1', {
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    const { custom: sawCustom, proxy: sawProxy } = await bothSee(event);
    expect(sawProxy).toMatchObject({ body: {} });
    expect(sawCustom).toStrictEqual(sawProxy);
  });

  it('adopts a request id the client sends, as the proxy adapter does', async () => {
    const event = echoEvent('GET', 'u-1', { headers: { 'X-Request-Id': 'client-id-7' } });
    const both = await bothSee(event);
    expect(both.custom).toMatchObject({ requestId: 'client-id-7' });
    expect(both.custom).toStrictEqual(both.proxy);
  });

  it('decodes a path parameter once and keeps the path as sent, as the proxy adapter does', async () => {
    // `%2541` is a literal `%41` (decoded twice it would be `A`); `%2F` a slash inside the value.
    const sent = 'caf%C3%A9%2541%2Fx+y';
    const event = restApiEvent({
      method: 'GET',
      path: `/echo/${sent}`,
      resource: '/echo/{id}',
      pathParameters: { id: sent },
      requestId: REST_REQUEST_ID,
    });
    const { custom: sawCustom, proxy: sawProxy } = await bothSee(event);
    expect(sawProxy).toMatchObject({
      path: `/echo/${sent}`,
      pathParameters: { id: 'café%41/x+y' },
    });
    expect(sawCustom).toStrictEqual(sawProxy);
  });

  it('reads any path parameter, query and header value as the proxy adapter does', async () => {
    // Text a client can send: any Unicode scalar value (an HTTP request has no lone surrogates),
    // header values without line breaks, as HTTP requires.
    const scalar = fc.oneof(
      fc.integer({ min: 0, max: 0xd7ff }),
      fc.integer({ min: 0xe000, max: 0x10ffff }),
      fc.constantFrom(0x22, 0x25, 0x27, 0x2b, 0x5c, 0x20, 0x0a, 0x2028),
    );
    const text = fc.string({ unit: scalar.map((code) => String.fromCodePoint(code)) });
    const headerValue = fc
      .string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)) })
      .map((value) => value.trim());
    await fc.assert(
      fc.asyncProperty(
        text.filter((id) => id !== ''),
        fc.dictionary(
          text.filter((key) => key !== ''),
          text,
          { maxKeys: 4 },
        ),
        headerValue,
        async (id, query, header) => {
          const event = echoEvent('POST', id, {
            query,
            headers: { 'X-Value': header },
            body: { id, query },
          });
          const both = await bothSee(event);
          expect(both.custom).toStrictEqual(both.proxy);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('a path parameter that is not valid percent-encoding', () => {
  const sent = 'ok%20then%zz';
  const event = restApiEvent({
    method: 'GET',
    path: `/echo/${sent}`,
    resource: '/echo/{id}',
    pathParameters: { id: sent },
    requestId: REST_REQUEST_ID,
  });
  const refusal = {
    errors: [
      {
        status: '400',
        title: 'Bad Request',
        code: 'invalid-path-encoding',
        detail: `The path holds "${sent}", which is not valid percent-encoding (RFC 3986, section 2.1).`,
      },
    ],
    meta: { requestId: REST_REQUEST_ID },
  };

  async function proxyAnswer() {
    const answer = await invoke(proxy, event, fakeContext({ awsRequestId: LAMBDA_REQUEST_ID }));
    expect(answer.status).toBe(400);
    expect(answer.json()).toStrictEqual(refusal);
    return answer;
  }

  it("is answered through gatefold's template with the proxy adapter's 400", async () => {
    const expected = await proxyAnswer();
    const operation = operationOf(document, 'GET', '/echo/{id}');
    const answer = await throughGateway(custom, operation, methodRequestOf(event));
    expect(answer.status).toBe(400);
    expect(answer.body).toBe(expected.body);
    expect(lowerCased(answer.headers)).toStrictEqual({
      'content-type': 'application/json',
      'x-request-id': REST_REQUEST_ID,
    });
    expect(expected.headers).toMatchObject(lowerCased(answer.headers));
  });

  it("is answered through the passthrough template with the proxy adapter's 400", async () => {
    const expected = await proxyAnswer();
    const rendered = renderRequestTemplate(PASSTHROUGH_TEMPLATE, methodRequestOf(event));
    const failure = await failureOf(custom, JSON.parse(rendered));
    expect(failure.status).toBe(400);
    expect(JSON.parse(failure.message)).toStrictEqual({
      status: 400,
      headers: { 'content-type': 'application/json', 'x-request-id': REST_REQUEST_ID },
      body: expected.body,
    });
  });
});

describe('the shop through the request template', () => {
  beforeEach(() => {
    resetStore();
  });

  it('finds the same three problems in a registration as the proxy adapter', async () => {
    const shopCase = SHOP_ERROR_CASES.find((c) => c.status === 400);
    const event = shopCase!.event();
    const handler = toLambdaIntegration(api, shopOptions('json-api'));
    const rendered = renderRequestTemplate(requestTemplate(), methodRequestOf(event));
    const failure = await failureOf(handler, JSON.parse(rendered));
    const expected = await invoke(toLambda(api, shopOptions('json-api')), event);
    const message = JSON.parse(failure.message) as { status: number; body: string };
    expect(message.status).toBe(400);
    expect(JSON.parse(message.body)).toStrictEqual(expected.json());
    expect((expected.json() as { errors: unknown[] }).errors).toHaveLength(3);
  });

  it('answers GET /users/u-1 with the body the proxy adapter sends', async () => {
    const event = shopEvent('GET', '/users/{id}', { id: 'u-1' });
    const handler = toLambdaIntegration(api, shopOptions('negotiate'));
    const rendered = renderRequestTemplate(requestTemplate(), methodRequestOf(event));
    const value = await handler(
      JSON.parse(rendered),
      fakeContext({ awsRequestId: LAMBDA_REQUEST_ID }),
    );
    const expected = await invoke(toLambda(api, shopOptions('negotiate')), event);
    expect(successBody(value)).toBe(expected.body);
    expect(JSON.parse(successBody(value))).toStrictEqual({
      data: {
        type: 'users',
        id: 'u-1',
        attributes: { 'first-name': 'Ada', 'last-name': 'Lovelace', email: 'ada@example.com' },
      },
    });
  });
});

describe("API Gateway's method request passthrough template", () => {
  // escapeJavaScript writes `\'` for a quote, which is not JSON: values here have none.
  const event = echoEvent('POST', 'a b+c%"\\é😀', {
    query: { q: 'x y+z %20 "quoted" \\ é', 'a b': '1' },
    headers: { 'X-Odd': 'tab\there "dq" back\\slash / é', Accept: 'application/problem+json' },
    body: { text: TRICKY_TEXT },
    authorizer: { principalId: 'user-1' },
  });

  it('renders to JSON that toLambdaIntegration reads as the proxy adapter reads the event', async () => {
    const request = methodRequestOf(event);
    const rendered = JSON.parse(renderRequestTemplate(PASSTHROUGH_TEMPLATE, request)) as unknown;
    expect(isIntegrationEvent(rendered)).toBe(true);
    expect(rendered).toMatchObject({
      'body-json': { text: TRICKY_TEXT },
      context: {
        'http-method': 'POST',
        'resource-path': '/echo/{id}',
        'request-id': REST_REQUEST_ID,
      },
    });
    const value = await custom(rendered, fakeContext({ awsRequestId: LAMBDA_REQUEST_ID }));
    const expected: unknown = (
      await invoke(proxy, event, fakeContext({ awsRequestId: LAMBDA_REQUEST_ID }))
    ).json();
    expect(JSON.parse(successBody(value))).toStrictEqual(expected);
  });

  it('is accepted as a plain event with body-json, params and context', async () => {
    const value = await custom(
      {
        'body-json': {},
        params: { path: { id: 'u-7' }, querystring: {}, header: { Accept: '*/*' } },
        'stage-variables': {},
        context: {
          'http-method': 'GET',
          'resource-path': '/echo/{id}',
          'request-id': 'pass-1',
          stage: 'dev',
          'source-ip': '198.51.100.1',
          'authorizer-principal-id': '',
        },
      },
      fakeContext({ awsRequestId: LAMBDA_REQUEST_ID }),
    );
    expect(JSON.parse(successBody(value))).toStrictEqual({
      method: 'GET',
      path: '/echo/u-7',
      route: 'GET /echo/{id}',
      pathParameters: { id: 'u-7' },
      query: {},
      headers: { accept: ['*/*'] },
      cookies: {},
      body: {},
      requestId: 'pass-1',
      lambdaRequestId: LAMBDA_REQUEST_ID,
      sourceIp: '198.51.100.1',
      stage: 'dev',
    });
  });
});
