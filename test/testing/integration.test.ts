/**
 * `integrationEvent` and `invokeIntegration`: the event is exactly what gatefold's request template
 * renders for the same request (rendered here by the tests' own Velocity stand-in), and the answer
 * exactly what the tests' API Gateway emulation (test/integration/gateway.ts) gives for the same
 * invocation — status, headers, body and the integration response chosen.
 */
import fc from 'fast-check';
import * as t from 'io-ts';
import { err, ok } from 'neverthrow';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ErrorFormat } from '../../src/index.js';
import { TaggedError, endpoint, errorMap, json, router } from '../../src/index.js';
import {
  requestTemplate,
  selectionPattern,
  toLambdaIntegration,
} from '../../src/integration/index.js';
import { openApiDocument } from '../../src/openapi/index.js';
import {
  expectProblems,
  fakeContext,
  integrationEvent,
  invokeIntegration,
  restApiEvent,
} from '../../src/testing/index.js';
import type { RestApiEventOptions } from '../../src/testing/index.js';
import { api as shopApi } from '../../examples/shop/handler.js';
import { resetStore } from '../../examples/shop/store.js';
import { capturingLogger } from '../support/logger.js';
import { LAMBDA_REQUEST_ID, TRACE_ID } from '../support/request-id.js';
import { PASSTHROUGH_TEMPLATE, renderRequestTemplate } from '../support/vtl.js';
import {
  lowerCased,
  methodRequestOf,
  operationOf,
  throughGateway,
} from '../integration/gateway.js';
import {
  SHOP_ERROR_CASES,
  TRICKY_TEXT,
  shopEvent,
  shopOptions,
} from '../integration/shop-cases.js';

/** What the request template renders for the request a REST proxy event describes. */
function rendered(options: RestApiEventOptions): unknown {
  const event = restApiEvent(options);
  return JSON.parse(renderRequestTemplate(requestTemplate(), methodRequestOf(event)));
}

describe('integrationEvent: what the request template renders', () => {
  it('for a request with everything: path parameters as sent, query, headers, cookies, body', () => {
    const request = {
      method: 'post',
      path: `/users/${encodeURIComponent(TRICKY_TEXT)}/notes`,
      resource: '/users/{id}/notes',
      query: { [TRICKY_TEXT]: TRICKY_TEXT, tag: ['a', 'b+c'], empty: '' },
      headers: { 'X-Odd': 'q"u\'o\\te + %20 é 😀', 'X-Amzn-Trace-Id': TRACE_ID },
      cookies: { session: 'a%20b', theme: 'dark' },
      body: { text: TRICKY_TEXT, n: [1, 2.5, null, { '': '"' }] },
      stage: 'test',
      requestId: 'gw-req-7',
      sourceIp: '198.51.100.4',
    } as const;
    const event = integrationEvent({ ...request, principalId: 'user|a+b "c"' });
    expect(event).toStrictEqual(
      rendered({
        ...request,
        pathParameters: { id: encodeURIComponent(TRICKY_TEXT) },
        authorizer: { principalId: 'user|a+b "c"' },
      }),
    );
    expect(event).toMatchObject({
      method: 'POST',
      resource: '%2Fusers%2F%7Bid%7D%2Fnotes',
      stage: 'test',
      requestId: 'gw-req-7',
      principalId: 'user%7Ca%2Bb+%22c%22',
      params: {
        // The last value of a repeated key, as `$input.params()` has one.
        querystring: { tag: 'b%2Bc', empty: '' },
        header: { Cookie: 'session%3Da%2520b%3B+theme%3Ddark' },
      },
      body: request.body,
    });
  });

  it('the defaults: GET / on stage prod, the headers a REST API adds, no body member', () => {
    const event = integrationEvent({
      requestId: 'gw-req-8',
      headers: { 'X-Amzn-Trace-Id': TRACE_ID },
    });
    expect(event).toStrictEqual({
      gatefold: 'gatefold-integration/1',
      method: 'GET',
      resource: '%2F',
      stage: 'prod',
      requestId: 'gw-req-8',
      sourceIp: '203.0.113.10',
      principalId: '',
      params: {
        path: {},
        querystring: {},
        header: {
          Accept: '*%2F*',
          Host: 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com',
          'User-Agent': 'gatefold-testing',
          'X-Amzn-Trace-Id': 'Root%3D1-6553f100-0123456789abcdef01234567',
          'X-Forwarded-For': '203.0.113.10',
          'X-Forwarded-Port': '443',
          'X-Forwarded-Proto': 'https',
        },
      },
    });
    expect(event).toStrictEqual(
      rendered({ requestId: 'gw-req-8', headers: { 'X-Amzn-Trace-Id': TRACE_ID } }),
    );
  });

  it('for any path parameter, query, header value and JSON body', () => {
    // Text a client can send: any Unicode scalar value (an HTTP request has no lone surrogates).
    const scalar = fc.oneof(
      fc.integer({ min: 0, max: 0xd7ff }),
      fc.integer({ min: 0xe000, max: 0x10ffff }),
      fc.constantFrom(0x22, 0x25, 0x27, 0x2b, 0x5c, 0x20, 0x0a, 0x2028),
    );
    const text = fc.string({ unit: scalar.map((code) => String.fromCodePoint(code)) });
    const headerValue = fc
      .string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)) })
      .map((value) => value.trim());
    fc.assert(
      fc.property(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
        text.filter((id) => id !== ''),
        fc.dictionary(
          text.filter((key) => key !== ''),
          text,
          { maxKeys: 4 },
        ),
        headerValue,
        fc.option(fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }), { nil: undefined }),
        fc.option(text, { nil: undefined }),
        (method, id, query, header, body, principalId) => {
          const sent = encodeURIComponent(id);
          const request = {
            method,
            path: `/echo/${sent}`,
            resource: '/echo/{id}',
            query,
            headers: { 'X-Value': header, 'X-Amzn-Trace-Id': TRACE_ID },
            requestId: 'gw-req-9',
            ...(body === undefined ? {} : { body }),
          };
          expect(
            integrationEvent({
              ...request,
              ...(principalId === undefined ? {} : { principalId }),
            }),
          ).toStrictEqual(
            rendered({
              ...request,
              pathParameters: { id: sent },
              ...(principalId === undefined ? {} : { authorizer: { principalId } }),
            }),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('takes the path parameters given, and reads a greedy one whole', () => {
    expect(
      integrationEvent({ path: '/files/a/b%20c', resource: '/files/{path+}' }).params.path,
    ).toStrictEqual({ path: 'a%2Fb%2520c' });
    expect(
      integrationEvent({ path: '/x', resource: '/{id}', pathParameters: { id: 'given' } }).params
        .path,
    ).toStrictEqual({ id: 'given' });
  });

  it('throws for what API Gateway answers without invoking the function', () => {
    expect(() =>
      integrationEvent({ method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' }),
    ).toThrow(
      'integrationEvent: API Gateway answers a text/plain body with 415 itself and never invokes the function: the integration has request templates for application/json and application/vnd.api+json only.',
    );
    expect(() =>
      integrationEvent({
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: '{"a":',
      }),
    ).toThrow(
      "integrationEvent: the body is not JSON; API Gateway answers 400 itself when the request template reads it with $input.json('$'), and never invokes the function.",
    );
    expect(() => integrationEvent({ path: '/users', resource: '/users/{id}' })).toThrow(
      'integrationEvent: path "/users" does not match resource "/users/{id}".',
    );
  });
});

describe.each<ErrorFormat>(['json-api', 'problem', 'negotiate'])(
  'invokeIntegration answers as API Gateway does, the shop with %s errors',
  (format) => {
    beforeEach(() => {
      resetStore();
    });

    const handler = toLambdaIntegration(shopApi, shopOptions(format));
    const document = openApiDocument(handler);

    it.each(
      SHOP_ERROR_CASES.flatMap((shopCase) =>
        [undefined, 'application/problem+json'].map((accept) => ({ ...shopCase, accept })),
      ),
    )('$name, Accept $accept', async (shopCase) => {
      const event = shopCase.event(shopCase.accept);
      const request = methodRequestOf(event);
      const expected = await throughGateway(
        handler,
        operationOf(document, shopCase.method, shopCase.resource),
        request,
      );
      resetStore();
      const built = JSON.parse(renderRequestTemplate(requestTemplate(), request)) as unknown;
      const answer = await invokeIntegration(
        handler,
        built,
        fakeContext({ awsRequestId: LAMBDA_REQUEST_ID }),
      );
      expect(expected.status).toBe(shopCase.status);
      expect({
        status: answer.status,
        headers: answer.headers,
        body: answer.body,
        selectedBy: answer.selectedBy,
        invoked: answer.invoked,
      }).toStrictEqual({
        status: expected.status,
        headers: lowerCased(expected.headers),
        body: expected.body,
        selectedBy: expected.pattern,
        invoked: true,
      });
    });

    it('a success: the body the default response writes, under its media type', async () => {
      const event = shopEvent('GET', '/users/{id}', { id: 'u-1' });
      const request = methodRequestOf(event);
      const expected = await throughGateway(
        handler,
        operationOf(document, 'GET', '/users/{id}'),
        request,
      );
      const answer = await invokeIntegration(
        handler,
        integrationEvent({ path: '/users/u-1', resource: '/users/{id}' }),
      );
      expect({
        status: answer.status,
        headers: answer.headers,
        body: answer.body,
        selectedBy: answer.selectedBy,
        cookies: answer.cookies,
        bytes: Buffer.from(answer.bytes).toString('utf8'),
        json: answer.json(),
      }).toStrictEqual({
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: expected.body,
        selectedBy: 'default',
        cookies: [],
        bytes: expected.body,
        json: JSON.parse(expected.body) as unknown,
      });
    });
  },
);

class NoSuchNote extends TaggedError('NoSuchNote')<{ readonly id: string }> {}

describe('invokeIntegration', () => {
  const handle = vi.fn((id: string) =>
    id === 'n-1' ? ok(json({ id, text: 'hi' })) : err(new NoSuchNote({ id })),
  );
  const notes = router({
    errors: errorMap<NoSuchNote>({
      NoSuchNote: { status: 404, detail: (e) => `No note ${e.id}.` },
    }),
  }).get('/notes/{id}', (request) => handle(request.pathParameters['id'] ?? ''));
  const handler = toLambdaIntegration(notes, { logger: capturingLogger() });

  beforeEach(() => {
    handle.mockClear();
  });

  it("answers an error with its pattern's response, which expectProblems reads", async () => {
    const response = await invokeIntegration(
      handler,
      integrationEvent({ path: '/notes/n-2', resource: '/notes/{id}', requestId: 'gw-1' }),
    );
    expect({
      status: response.status,
      headers: response.headers,
      body: response.body,
      selectedBy: response.selectedBy,
      invoked: response.invoked,
    }).toStrictEqual({
      status: 404,
      headers: { 'content-type': 'application/json', 'x-request-id': 'gw-1' },
      body: '{"errors":[{"status":"404","title":"Not Found","code":"NoSuchNote","detail":"No note n-2."}],"meta":{"requestId":"gw-1"}}',
      selectedBy: selectionPattern(404),
      invoked: true,
    });
    expect(response.raw).toMatchObject({ name: 'IntegrationErrorResponse', status: 404 });
    expectProblems(response, [{ status: 404, code: 'NoSuchNote', detail: 'No note n-2.' }]);
  });

  it('finds the resource from the path when the event names none of the document', async () => {
    const response = await invokeIntegration(handler, integrationEvent({ path: '/notes/n-1' }));
    expect({ status: response.status, body: response.body }).toStrictEqual({
      status: 200,
      body: '{"id":"n-1","text":"hi"}',
    });
  });

  it('answers a resource the document does not declare as API Gateway does, without invoking the function', async () => {
    const response = await invokeIntegration(
      handler,
      integrationEvent({ path: '/drafts/d-1', requestId: 'gw-2' }),
    );
    expect({
      status: response.status,
      headers: response.headers,
      body: response.body,
      selectedBy: response.selectedBy,
      invoked: response.invoked,
      raw: response.raw,
    }).toStrictEqual({
      status: 404,
      headers: { 'content-type': 'application/json', 'x-request-id': 'gw-2' },
      body: '{"errors":[{"status":"404","code":"route-not-found","title":"Not Found"}],"meta":{"requestId":"gw-2"}}',
      selectedBy: 'MISSING_AUTHENTICATION_TOKEN',
      invoked: false,
      raw: undefined,
    });
    expect(handle).not.toHaveBeenCalled();
  });

  it("reads the event of API Gateway's method request passthrough template", async () => {
    const event = restApiEvent({
      path: '/notes/n-1',
      resource: '/notes/{id}',
      pathParameters: { id: 'n-1' },
    });
    const passthrough = JSON.parse(
      renderRequestTemplate(PASSTHROUGH_TEMPLATE, methodRequestOf(event)),
    ) as unknown;
    const response = await invokeIntegration(handler, passthrough);
    expect({ status: response.status, body: response.body }).toStrictEqual({
      status: 200,
      body: '{"id":"n-1","text":"hi"}',
    });
  });

  it('throws for an event no custom integration template builds', async () => {
    await expect(invokeIntegration(handler, restApiEvent({ path: '/notes/n-1' }))).rejects.toThrow(
      "invokeIntegration: the event is not one a custom integration request template builds (gatefold's, or the method request passthrough); build one with integrationEvent().",
    );
  });

  it("answers a function's own failures with the document's 502 and 504", async () => {
    const failing = (event: unknown): Promise<unknown> => {
      const path = (event as { params: { path: { proxy?: string } } }).params.path.proxy;
      return Promise.reject(
        new Error(path === 'slow' ? 'Task timed out after 3.00 seconds' : 'out of memory'),
      );
    };
    const crashed = await invokeIntegration(
      failing,
      integrationEvent({ path: '/crash', resource: '/{proxy+}', requestId: 'gw-3' }),
    );
    expect({ status: crashed.status, headers: crashed.headers, body: crashed.body }).toStrictEqual({
      status: 502,
      headers: { 'content-type': 'application/json' },
      body: '{"errors":[{"status":"502","title":"Bad Gateway"}],"meta":{"requestId":"gw-3"}}',
    });
    expect(crashed.raw).toStrictEqual(new Error('out of memory'));
    const slow = await invokeIntegration(
      failing,
      integrationEvent({ path: '/slow', resource: '/{proxy+}', requestId: 'gw-4' }),
    );
    expect({ status: slow.status, body: slow.body }).toStrictEqual({
      status: 504,
      body: '{"errors":[{"status":"504","title":"Gateway Timeout"}],"meta":{"requestId":"gw-4"}}',
    });
  });
});

describe('the examples of docs/testing.md and docs/custom-integration.md, run', () => {
  class Missing extends TaggedError('NoSuchNote')<{ readonly id: string }> {}

  const handler = toLambdaIntegration(
    router({ errors: errorMap<Missing>({ NoSuchNote: { status: 404 } }) })
      .get('/notes/{id}', (request) => {
        const id = request.pathParameters['id'] ?? '';
        return id === 'n-1' ? ok(json({ id })) : err(new Missing({ id }));
      })
      .post(
        '/notes',
        endpoint({ body: t.type({ text: t.string }) }, ({ body }) =>
          ok(json({ saved: body.text })),
        ),
      ),
    { logger: capturingLogger() },
  );

  it('answers a note, a missing note and a refused one', async () => {
    const found = await invokeIntegration(
      handler,
      integrationEvent({ path: '/notes/n-1', resource: '/notes/{id}' }),
    );
    expect({ status: found.status, body: found.body }).toStrictEqual({
      status: 200,
      body: '{"id":"n-1"}',
    });
    const missing = await invokeIntegration(
      handler,
      integrationEvent({ path: '/notes/n-9', resource: '/notes/{id}' }),
    );
    expectProblems(missing, [{ status: 404, code: 'NoSuchNote' }]);
    const refused = await invokeIntegration(
      handler,
      integrationEvent({ method: 'POST', path: '/notes', body: { text: 5 } }),
    );
    expectProblems(refused, [{ status: 400, code: 'invalid-type', pointer: '/text' }]);
  });

  it('answers the health check with the default response', async () => {
    const health = toLambdaIntegration(
      router().get('/health', () => ok(json({ status: 'ok' }))),
      { logger: capturingLogger() },
    );
    const response = await invokeIntegration(health, integrationEvent({ path: '/health' }));
    expect({
      status: response.status,
      body: response.body,
      selectedBy: response.selectedBy,
    }).toStrictEqual({ status: 200, body: '{"status":"ok"}', selectedBy: 'default' });
  });
});
