/**
 * The `gatefold/testing` helpers: each event builder's event read by `toLambda` into the request
 * it describes, `invoke` reading every kind's result into one shape, and the assertions.
 */
import { err, errAsync, ok, okAsync } from 'neverthrow';
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { HttpEvent, HttpRequest, Logger } from '../../src/index.js';
import {
  badRequest,
  binary,
  json,
  notFound,
  router,
  text,
  toLambda,
  unprocessableEntity,
} from '../../src/index.js';
import {
  albEvent,
  expectErr,
  expectOk,
  expectProblems,
  fakeContext,
  functionUrlEvent,
  httpApiEvent,
  invoke,
  restApiEvent,
} from '../../src/testing/index.js';
import { readEvent } from '../../src/events/kinds.js';

const silent: Logger = {
  error: () => undefined,
  warn: () => undefined,
  info: () => undefined,
  debug: () => undefined,
};

/** What the echo handler answers: the request, with the body as text and as base64 bytes. */
interface Echoed extends Omit<HttpRequest, 'body'> {
  readonly body: string | null;
  readonly bodyBase64: string | null;
}

const echo = toLambda(
  (request) =>
    ok(
      json({
        ...request,
        body: request.body?.text ?? null,
        bodyBase64: request.body ? Buffer.from(request.body.bytes).toString('base64') : null,
      }),
    ),
  { logger: silent },
);

/** The request `toLambda` read from an event. */
async function seen(event: HttpEvent): Promise<Echoed> {
  const response = await invoke(echo, event, fakeContext({ awsRequestId: 'lambda-req' }));
  expect(response.status).toBe(200);
  return response.json() as Echoed;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('restApiEvent', () => {
  it('builds a payload 1.0 event with both single- and multi-value maps', () => {
    const event = restApiEvent({
      method: 'post',
      path: '/users/u-1',
      resource: '/users/{id}',
      pathParameters: { id: 'u-1' },
      query: { tag: ['a', 'b'], q: 'x y' },
      headers: { 'X-Trace': ['1', '2'] },
      stage: 'dev',
      requestId: 'rest-req',
    });
    expect(event).toMatchObject({
      resource: '/users/{id}',
      path: '/users/u-1',
      httpMethod: 'POST',
      queryStringParameters: { tag: 'b', q: 'x y' },
      multiValueQueryStringParameters: { tag: ['a', 'b'], q: ['x y'] },
      pathParameters: { id: 'u-1' },
      stageVariables: null,
      body: null,
      isBase64Encoded: false,
      requestContext: {
        requestId: 'rest-req',
        stage: 'dev',
        path: '/dev/users/u-1',
        resourcePath: '/users/{id}',
        httpMethod: 'POST',
        identity: { sourceIp: '203.0.113.10', userAgent: 'gatefold-testing' },
      },
    });
    expect(event.headers['X-Trace']).toBe('2');
    expect(event.multiValueHeaders['X-Trace']).toEqual(['1', '2']);
    expect(event.headers['Host']).toMatch(/\.execute-api\.us-east-1\.amazonaws\.com$/);
    expect(event.requestContext.requestTime).toMatch(/^\d\d\/\w{3}\/\d{4}:\d\d:\d\d:\d\d \+0000$/);
  });

  it('has null maps and a random request id by default', () => {
    const event = restApiEvent();
    expect(event.path).toBe('/');
    expect(event.resource).toBe('/');
    expect(event.httpMethod).toBe('GET');
    expect(event.queryStringParameters).toBeNull();
    expect(event.multiValueQueryStringParameters).toBeNull();
    expect(event.pathParameters).toBeNull();
    expect(event.requestContext.stage).toBe('prod');
    expect(event.requestContext.requestId).toMatch(UUID);
    expect(restApiEvent().requestContext.requestId).not.toBe(event.requestContext.requestId);
  });

  it('is read by toLambda into the request it describes', async () => {
    const request = await seen(
      restApiEvent({
        method: 'POST',
        path: '/users/u-1',
        resource: '/users/{id}',
        pathParameters: { id: 'u-1' },
        query: { tag: ['a', 'b'], q: 'x y' },
        headers: { 'X-Trace': ['1', '2'] },
        cookies: { session: 'abc', theme: 'dark' },
        body: { name: 'Ada' },
        sourceIp: '198.51.100.1',
        requestId: 'rest-req',
      }),
    );
    expect(request).toMatchObject({
      kind: 'rest',
      method: 'POST',
      path: '/users/u-1',
      route: '/users/{id}',
      query: { tag: ['a', 'b'], q: ['x y'] },
      pathParameters: { id: 'u-1' },
      cookies: { session: 'abc', theme: 'dark' },
      body: '{"name":"Ada"}',
      requestId: 'rest-req',
      lambdaRequestId: 'lambda-req',
      sourceIp: '198.51.100.1',
      stage: 'prod',
    });
    expect(request.headers).toMatchObject({
      'x-trace': ['1', '2'],
      'content-type': ['application/json'],
      'content-length': ['14'],
      cookie: ['session=abc; theme=dark'],
    });
  });
});

describe('httpApiEvent', () => {
  it('builds a payload 2.0 event: rawQueryString, joined parameters, a cookies array', () => {
    const event = httpApiEvent({
      path: '/search',
      query: { tag: ['a,b', 'c'], q: 'x y&z' },
      headers: { Accept: ['text/html', 'application/json'], Cookie: 'first=1' },
      cookies: ['session=abc'],
    });
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: '$default',
      rawPath: '/search',
      rawQueryString: 'tag=a%2Cb&tag=c&q=x%20y%26z',
      queryStringParameters: { tag: 'a,b,c', q: 'x y&z' },
      cookies: ['first=1', 'session=abc'],
      isBase64Encoded: false,
      requestContext: {
        routeKey: '$default',
        stage: '$default',
        http: { method: 'GET', path: '/search', sourceIp: '203.0.113.10' },
      },
    });
    expect(event.headers['accept']).toBe('text/html,application/json');
    expect(event.headers).not.toHaveProperty('cookie');
    expect(event.headers).not.toHaveProperty('Accept');
    expect(event).not.toHaveProperty('body');
    expect(event).not.toHaveProperty('pathParameters');
    expect(event.requestContext.domainName).not.toContain('.lambda-url.');
    expect(event.requestContext.requestId).toMatch(UUID);
  });

  it('omits the cookies and the query maps when there are none', () => {
    const event = httpApiEvent();
    expect(event.rawQueryString).toBe('');
    expect(event).not.toHaveProperty('queryStringParameters');
    expect(event).not.toHaveProperty('cookies');
  });

  it('is read by toLambda into the request it describes', async () => {
    const request = await seen(
      httpApiEvent({
        method: 'PUT',
        path: '/users/u-1',
        routeKey: 'PUT /users/{id}',
        pathParameters: { id: 'u-1' },
        stage: 'v1',
        query: { tag: ['a,b', 'c'], q: 'x y&z' },
        headers: { 'x-trace': ['1', '2'] },
        cookies: { session: 'abc' },
        body: 'plain text',
        requestId: 'http-req',
      }),
    );
    expect(request).toMatchObject({
      kind: 'http',
      method: 'PUT',
      path: '/users/u-1',
      route: 'PUT /users/{id}',
      stage: 'v1',
      query: { tag: ['a,b', 'c'], q: ['x y&z'] },
      pathParameters: { id: 'u-1' },
      cookies: { session: 'abc' },
      body: 'plain text',
      requestId: 'http-req',
      sourceIp: '203.0.113.10',
    });
    // Payload 2.0 delivers repeated headers comma-joined in one value.
    expect(request.headers['x-trace']).toEqual(['1,2']);
    expect(request.headers['content-type']).toBeUndefined();
    expect(request.headers['cookie']).toEqual(['session=abc']);
  });

  it('puts a named stage in front of rawPath, as HTTP APIs do', () => {
    const event = httpApiEvent({ path: '/users', stage: 'v1' });
    expect(event.rawPath).toBe('/v1/users');
    expect(event.requestContext.http.path).toBe('/v1/users');
  });
});

describe('functionUrlEvent', () => {
  it('is a payload 2.0 event on a .lambda-url. domain', () => {
    const event = functionUrlEvent({ path: '/hook' });
    expect(event.version).toBe('2.0');
    expect(event.routeKey).toBe('$default');
    expect(event.requestContext.domainName).toMatch(/^[a-z0-9]+\.lambda-url\.us-east-1\.on\.aws$/);
    expect(event.headers['host']).toBe(event.requestContext.domainName);
  });

  it('is read by toLambda into the request it describes, a binary body included', async () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    const event = functionUrlEvent({
      method: 'POST',
      path: '/upload',
      query: { name: ['a.bin', 'b.bin'] },
      headers: { 'content-type': 'application/octet-stream' },
      cookies: ['session=abc', 'theme=dark'],
      body: bytes,
    });
    expect(event.isBase64Encoded).toBe(true);
    expect(event.body).toBe(Buffer.from(bytes).toString('base64'));
    const request = await seen(event);
    expect(request).toMatchObject({
      kind: 'function-url',
      method: 'POST',
      path: '/upload',
      query: { name: ['a.bin', 'b.bin'] },
      cookies: { session: 'abc', theme: 'dark' },
      bodyBase64: Buffer.from(bytes).toString('base64'),
    });
    expect(request.headers).toMatchObject({
      'content-type': ['application/octet-stream'],
      'content-length': ['5'],
    });
  });
});

describe('albEvent', () => {
  it('passes the query percent-encoded, the last value of each name in single-value mode', () => {
    const event = albEvent({
      path: '/search',
      query: { tag: ['a', 'b c'], 'k&y': 'x=y' },
      headers: { 'x-trace': ['1', '2'] },
    });
    expect(event).toMatchObject({
      httpMethod: 'GET',
      path: '/search',
      queryStringParameters: { tag: 'b%20c', 'k%26y': 'x%3Dy' },
      body: '',
      isBase64Encoded: false,
    });
    expect(event.headers?.['x-trace']).toBe('2');
    expect(event).not.toHaveProperty('multiValueHeaders');
    expect(event).not.toHaveProperty('multiValueQueryStringParameters');
    expect(event.requestContext.elb.targetGroupArn).toMatch(/^arn:aws:elasticloadbalancing:/);
  });

  it('carries every value in multi-value mode, and only the multi-value maps', () => {
    const event = albEvent({
      query: { tag: ['a', 'b c'] },
      headers: { 'x-trace': ['1', '2'] },
      multiValue: true,
    });
    expect(event.multiValueQueryStringParameters).toEqual({ tag: ['a', 'b%20c'] });
    expect(event.multiValueHeaders?.['x-trace']).toEqual(['1', '2']);
    expect(event).not.toHaveProperty('headers');
    expect(event).not.toHaveProperty('queryStringParameters');
  });

  it.each([false, true])(
    'is read by toLambda into the request it describes (multiValue: %s)',
    async (multiValue) => {
      const request = await seen(
        albEvent({
          method: 'PATCH',
          path: '/users/u-1',
          query: { tag: ['a', 'b c'], 'k&y': 'x=y' },
          headers: { 'x-trace': ['1', '2'] },
          cookies: { session: 'abc' },
          body: { name: 'Ada' },
          sourceIp: '198.51.100.2',
          multiValue,
        }),
      );
      expect(request).toMatchObject({
        kind: 'alb',
        method: 'PATCH',
        path: '/users/u-1',
        query: multiValue
          ? { tag: ['a', 'b c'], 'k&y': ['x=y'] }
          : { tag: ['b c'], 'k&y': ['x=y'] },
        cookies: { session: 'abc' },
        body: '{"name":"Ada"}',
        requestId: 'lambda-req',
        sourceIp: '198.51.100.2',
      });
      expect(request).not.toHaveProperty('stage');
      expect(request.headers['x-trace']).toEqual(multiValue ? ['1', '2'] : ['2']);
      expect(request.headers['content-type']).toEqual(['application/json']);
    },
  );
});

describe('event options', () => {
  it('lets a given header replace or remove a default, names compared case-insensitively', () => {
    const event = restApiEvent({ headers: { 'user-agent': 'curl/8', 'X-Forwarded-For': [] } });
    expect(event.headers['user-agent']).toBe('curl/8');
    expect(event.headers).not.toHaveProperty('User-Agent');
    expect(event.headers).not.toHaveProperty('X-Forwarded-For');
    expect(event.requestContext.identity.userAgent).toBe('curl/8');
  });

  it('keeps a given content-type for a JSON body', () => {
    const event = httpApiEvent({
      body: { data: { type: 'users' } },
      headers: { 'Content-Type': 'application/vnd.api+json' },
    });
    expect(event.headers['content-type']).toBe('application/vnd.api+json');
    expect(event.body).toBe('{"data":{"type":"users"}}');
  });

  it('counts content-length in bytes', () => {
    expect(httpApiEvent({ body: 'é€' }).headers['content-length']).toBe('5');
  });

  it('rejects a path with a query string or without a leading slash', () => {
    expect(() => restApiEvent({ path: '/users?page=2' })).toThrow(
      /pass the query string as `query`/,
    );
    expect(() => httpApiEvent({ path: 'users' })).toThrow(/must start with "\/"/);
  });
});

describe('paths, as each source hands them over', () => {
  // The path option is the path as the client sends it. Live captures of every source
  // (hotsock/voker#8, vokerhttp/testdata/ingress-paths.json) show a REST API, a Function URL and
  // an ALB passing it on as sent, and an HTTP API decoding it: twice, ending it at a `?` that the
  // first decoding revealed, and answering 400 itself for one that does not decode.
  it.each([
    ['/capture/plain', '/capture/plain'],
    ['/capture/space%20value', '/capture/space value'],
    ['/capture/question%3Fvalue', '/capture/question'],
    ['/capture/hash%23value', '/capture/hash#value'],
    ['/capture/slash%2Fvalue', '/capture/slash/value'],
    ['/capture/unicode-%CE%BB-%E4%B8%96%E7%95%8C', '/capture/unicode-λ-世界'],
    ['/capture/literal%252Fvalue', '/capture/literal/value'],
    ['/capture/literal%253Fvalue', '/capture/literal?value'],
    ['/capture/literal%2525value', '/capture/literal%value'],
  ])('sent as %s, each source hands it over as captured', (sent, fromHttpApi) => {
    const rest = restApiEvent({ path: sent, stage: 'live' });
    const http = httpApiEvent({ path: sent });
    const url = functionUrlEvent({ path: sent });
    const alb = albEvent({ path: sent });
    expect({
      rest: [rest.path, rest.requestContext.path],
      http: [http.rawPath, http.requestContext.http.path],
      url: [url.rawPath, url.requestContext.http.path],
      alb: alb.path,
    }).toEqual({
      rest: [sent, `/live${sent}`],
      http: [fromHttpApi, fromHttpApi],
      url: [sent, decodeURIComponent(sent)],
      alb: sent,
    });
  });

  it('puts a named stage in front of the decoded rawPath', () => {
    const event = httpApiEvent({ path: '/my%20docs', stage: 'v1' });
    expect([event.rawPath, event.requestContext.http.path]).toEqual(['/v1/my docs', '/v1/my docs']);
  });

  it.each(['/capture/percent%25done', '/users/%zz', '/users/%C0%AE', '/users/100%'])(
    'httpApiEvent refuses %s, which an HTTP API answers with 400 without invoking the function',
    (sent) => {
      expect(() => httpApiEvent({ path: sent })).toThrow(
        new Error(
          `httpApiEvent: an HTTP API answers path ${JSON.stringify(sent)} with 400 itself and never invokes the function: it percent-decodes the path twice, and this one does not decode.`,
        ),
      );
    },
  );

  it('keeps a path that does not decode as sent for the other sources', () => {
    const sent = '/users/%C0%AE';
    const url = functionUrlEvent({ path: sent });
    expect({
      rest: restApiEvent({ path: sent }).path,
      url: [url.rawPath, url.requestContext.http.path],
      alb: albEvent({ path: sent }).path,
    }).toEqual({ rest: sent, url: [sent, sent], alb: sent });
  });

  it.each([
    ['restApiEvent', restApiEvent({ path: '/users/caf%C3%A9' })],
    ['httpApiEvent', httpApiEvent({ path: '/users/caf%C3%A9' })],
    ['functionUrlEvent', functionUrlEvent({ path: '/users/caf%C3%A9' })],
    ['albEvent', albEvent({ path: '/users/caf%C3%A9' })],
  ])('%s: toLambda reads the same request path from every source', async (_, event) => {
    expect((await seen(event)).path).toBe('/users/caf%C3%A9');
  });
});

describe('fakeContext', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is a full Context with a random request id', () => {
    const context = fakeContext();
    expect(context.awsRequestId).toMatch(UUID);
    expect(fakeContext().awsRequestId).not.toBe(context.awsRequestId);
    expect(context).toMatchObject({
      callbackWaitsForEmptyEventLoop: true,
      functionName: 'gatefold-test-function',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:gatefold-test-function',
      memoryLimitInMB: '128',
      logGroupName: '/aws/lambda/gatefold-test-function',
    });
    expect(context.logStreamName).toMatch(/^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/);
    // The deprecated callbacks exist, as the runtime passes them, and do nothing.
    const legacy = context as unknown as Record<string, unknown>;
    expect([typeof legacy['done'], typeof legacy['fail'], typeof legacy['succeed']]).toEqual([
      'function',
      'function',
      'function',
    ]);
  });

  it('takes overrides and counts the remaining time down from timeoutMs', () => {
    vi.useFakeTimers();
    const context = fakeContext({
      awsRequestId: 'req-1',
      functionName: 'orders',
      region: 'eu-west-1',
      timeoutMs: 1000,
    });
    expect(context.awsRequestId).toBe('req-1');
    expect(context.invokedFunctionArn).toBe(
      'arn:aws:lambda:eu-west-1:123456789012:function:orders',
    );
    expect(context.getRemainingTimeInMillis()).toBe(1000);
    vi.advanceTimersByTime(400);
    expect(context.getRemainingTimeInMillis()).toBe(600);
    vi.advanceTimersByTime(1000);
    expect(context.getRemainingTimeInMillis()).toBe(0);
  });

  it('rejects a negative timeout', () => {
    expect(() => fakeContext({ timeoutMs: -1 })).toThrow(/timeoutMs/);
  });
});

describe('invoke', () => {
  const replying = toLambda(
    () =>
      ok(
        json(
          { hello: 'world' },
          {
            status: 201,
            headers: { vary: ['accept', 'origin'], 'x-custom': 'yes' },
            cookies: ['a=1; Path=/; Expires=Wed, 21 Oct 2037 07:28:00 GMT', 'b=2; HttpOnly'],
          },
        ),
      ),
    { logger: silent },
  );
  const context = (): ReturnType<typeof fakeContext> => fakeContext({ awsRequestId: 'req-1' });
  const events: ReadonlyArray<readonly [string, HttpEvent]> = [
    ['rest', restApiEvent({ requestId: 'req-1' })],
    ['http', httpApiEvent({ requestId: 'req-1' })],
    ['function-url', functionUrlEvent({ requestId: 'req-1' })],
    ['alb multi-value', albEvent({ multiValue: true })],
  ];

  it.each(events)('reads a %s result into the common shape', async (_kind, event) => {
    const response = await invoke(replying, event, context());
    expect(response.status).toBe(201);
    expect(response.headers).toEqual({
      'content-type': 'application/json',
      vary: 'accept, origin',
      'x-custom': 'yes',
      'x-request-id': 'req-1',
    });
    expect(response.cookies).toEqual([
      'a=1; Path=/; Expires=Wed, 21 Oct 2037 07:28:00 GMT',
      'b=2; HttpOnly',
    ]);
    expect(response.body).toBe('{"hello":"world"}');
    expect(response.json()).toEqual({ hello: 'world' });
    expect(response.bytes).toEqual(new TextEncoder().encode('{"hello":"world"}'));
  });

  it('reads an ALB single-value result, which can carry one cookie only', async () => {
    const response = await invoke(replying, albEvent(), context());
    expect(response.status).toBe(201);
    expect(response.headers['vary']).toBe('accept, origin');
    expect(response.headers).not.toHaveProperty('set-cookie');
    expect(response.cookies).toEqual(['a=1; Path=/; Expires=Wed, 21 Oct 2037 07:28:00 GMT']);
  });

  it.each([...events, ['alb single-value', albEvent()] as const])(
    'decodes a binary %s body',
    async (_kind, event) => {
      const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
      const handler = toLambda(
        () => ok(binary(bytes, { headers: { 'content-type': 'image/png' } })),
        { logger: silent },
      );
      const response = await invoke(handler, event);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('image/png');
      expect(response.bytes).toEqual(bytes);
      expect((response.raw as { isBase64Encoded?: boolean }).isBase64Encoded).toBe(true);
    },
  );

  it('decodes a base64 text body to text', async () => {
    const handler = (): unknown => ({
      statusCode: 200,
      body: Buffer.from('héllo').toString('base64'),
      isBase64Encoded: true,
    });
    const response = await invoke(handler, restApiEvent());
    expect(response.body).toBe('héllo');
  });

  it('merges headers and multiValueHeaders as API Gateway does', async () => {
    const handler = (): unknown => ({
      statusCode: 200,
      headers: { 'Content-Type': 'text/plain', Vary: 'ignored', 'X-Count': 3, 'Set-Cookie': 'c=3' },
      multiValueHeaders: { vary: ['accept', 'origin'], 'set-cookie': ['a=1', 'b=2'] },
      body: 'hi',
    });
    const response = await invoke(handler, restApiEvent());
    expect(response.headers).toEqual({
      'content-type': 'text/plain',
      vary: 'accept, origin',
      'x-count': '3',
    });
    // A name in multiValueHeaders takes its values from there only: `c=3` is not sent.
    expect(response.cookies).toEqual(['a=1', 'b=2']);
  });

  it('reads a single Set-Cookie header and payload 2.0 cookies together', async () => {
    const handler = (): unknown => ({
      statusCode: 204,
      headers: { 'Set-Cookie': 'a=1' },
      cookies: ['b=2'],
    });
    const response = await invoke(handler, httpApiEvent());
    expect(response.status).toBe(204);
    expect(response.headers).toEqual({});
    expect(response.cookies).toEqual(['a=1', 'b=2']);
    expect(response.body).toBe('');
    expect(response.bytes).toEqual(new Uint8Array());
  });

  it('reads a bare payload 2.0 result as a 200 JSON body, as API Gateway does', async () => {
    const response = await invoke(async () => Promise.resolve({ id: 1 }), httpApiEvent());
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.json()).toEqual({ id: 1 });
    const textual = await invoke(() => 'plain', functionUrlEvent());
    expect(textual.body).toBe('plain');
  });

  it('rejects a result that is not an HTTP result for payload 1.0 and ALB', async () => {
    await expect(invoke(() => ({ id: 1 }), restApiEvent())).rejects.toThrow(
      /invoke: the handler returned \{ id: 1 \}, which is not an HTTP result/,
    );
  });

  it('passes on a rejection from the handler', async () => {
    await expect(invoke(() => Promise.reject(new Error('boom')), albEvent())).rejects.toThrow(
      'boom',
    );
  });

  it('explains a body that is not JSON', async () => {
    const handler = toLambda(() => ok(text('nope')), { logger: silent });
    const response = await invoke(handler, httpApiEvent());
    expect(() => response.json()).toThrow(
      'The response body is not JSON (status 200, content-type text/plain; charset=utf-8): "nope"',
    );
  });

  it('uses a fresh fake context when none is given', async () => {
    const response = await invoke(echo, albEvent());
    expect((response.json() as Echoed).lambdaRequestId).toMatch(UUID);
  });
});

describe('expectOk and expectErr', () => {
  it('return the Ok value and the Err value', async () => {
    expect(expectOk(ok(42))).toBe(42);
    expect(expectErr(err('nope'))).toBe('nope');
    expect(await expectOk(okAsync('later'))).toBe('later');
    expect(await expectErr(errAsync('failed later'))).toBe('failed later');
    expect(await expectOk(Promise.resolve(ok(1)))).toBe(1);
  });

  it('throw with the other side in the message', async () => {
    const problem = notFound({ detail: 'No user u-9.' });
    expect(() => expectOk(err(problem))).toThrow(/expectOk: expected an Ok result, got Err:/);
    expect(() => expectOk(err(problem))).toThrow(/detail: 'No user u-9\.'/);
    expect(() => expectErr(ok({ id: 'u-1' }))).toThrow(
      /expectErr: expected an Err result, got Ok:\n {2}\{ id: 'u-1' \}/,
    );
    await expect(expectOk(errAsync(new Error('db down')))).rejects.toThrow(/Error: db down/);
    await expect(expectErr(okAsync(7))).rejects.toThrow(/got Ok:\n {2}7/);
  });

  it('keep the Err as the cause', () => {
    const cause = new Error('db down');
    try {
      expectOk(err(cause));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).cause).toBe(cause);
    }
  });

  it('take a router’s answer, a result or a promise of one', async () => {
    const api = router()
      .get('/now', () => ok(json({ at: 'now' })))
      .get('/later', () => okAsync(json({ at: 'later' })));
    const request = (path: string): HttpRequest =>
      readEvent('http', { ...httpApiEvent({ path }) }, fakeContext(), undefined).request;
    const now = api(request('/now'), fakeContext());
    const later = api(request('/later'), fakeContext());
    expectTypeOf(expectOk(now)).toEqualTypeOf<unknown>();
    expect(await expectOk(now)).toStrictEqual(json({ at: 'now' }));
    expect(await expectOk(later)).toStrictEqual(json({ at: 'later' }));
    expect(await expectErr(api(request('/nowhere'), fakeContext()))).toMatchObject({
      status: 404,
    });
  });

  it('reject a value that is not a Result', () => {
    expect(() => expectOk(42 as never)).toThrow(
      /expectOk: expected a neverthrow Result, got:\n {2}42/,
    );
  });
});

describe('expectProblems', () => {
  const failing = (format: 'json-api' | 'problem', many: boolean) =>
    toLambda(
      () =>
        err(
          many
            ? [
                badRequest({ code: 'bad-page', source: { parameter: 'page' } }),
                unprocessableEntity({ code: 'too-short', source: { pointer: '/name' } }),
                badRequest({ source: { header: 'if-match' } }),
              ]
            : [unprocessableEntity({ code: 'too-short', source: { pointer: '/name' } })],
        ),
      { logger: silent, errorFormat: format },
    );

  it.each(['json-api', 'problem'] as const)('passes on the listed %s problems', async (format) => {
    const response = await invoke(failing(format, true), httpApiEvent());
    const problems = expectProblems(response, [
      { status: 400, code: 'bad-page', parameter: 'page' },
      { status: 422, pointer: '/name' },
      { header: 'if-match' },
    ]);
    expect(problems).toHaveLength(3);
    expect(problems[1]).toEqual({
      status: 422,
      code: 'too-short',
      title: 'Unprocessable Content',
      pointer: '/name',
    });
  });

  it.each(['json-api', 'problem'] as const)('reads a single %s problem', async (format) => {
    const response = await invoke(failing(format, false), restApiEvent());
    expectProblems(response, [{ status: 422, code: 'too-short', pointer: '/name' }]);
  });

  it('lists expected and actual problems and each difference', async () => {
    const response = await invoke(failing('json-api', true), albEvent());
    expect(() =>
      expectProblems(response, [
        { status: 400, parameter: 'limit' },
        { status: 422, code: 'too-short', pointer: '/name' },
      ]),
    ).toThrow(
      [
        `expectProblems: the response's problems differ from those expected.`,
        'Expected 2 problems:',
        '  [0] status=400 parameter="limit"',
        '  [1] status=422 code="too-short" pointer="/name"',
        'Got 3 problems (JSON:API, status 400):',
        '  [0] status=400 code="bad-page" title="Bad Request" parameter="page"',
        '  [1] status=422 code="too-short" title="Unprocessable Content" pointer="/name"',
        '  [2] status=400 title="Bad Request" header="if-match"',
        'Differences:',
        '  [0] parameter: expected "limit", got "page"',
        '  [2] unexpected: status=400 title="Bad Request" header="if-match"',
      ].join('\n'),
    );
  });

  it('reports a missing problem and a field the problem lacks', async () => {
    const response = await invoke(failing('problem', false), functionUrlEvent());
    expect(() => expectProblems(response, [{ status: 422, header: 'x' }, { status: 400 }])).toThrow(
      /Got 1 problem \(RFC 9457 problem details, status 422\)[\s\S]*\[0\] header: expected "x", got none\n {2}\[1\] missing: status=400$/,
    );
  });

  it('rejects a success, a body that is not JSON, and other JSON', () => {
    expect(() => expectProblems({ status: 200, body: '{}' }, [])).toThrow(
      'expectProblems: expected an error response, got status 200 (status 200, content-type unknown): "{}"',
    );
    expect(() =>
      expectProblems(
        { status: 502, body: 'Bad Gateway', headers: { 'content-type': 'text/html' } },
        [],
      ),
    ).toThrow('expectProblems: the response body is not JSON (status 502, content-type text/html)');
    expect(() => expectProblems({ status: 500, body: '{"message":"x"}' }, [])).toThrow(
      /neither a JSON:API error document nor RFC 9457 problem details/,
    );
  });
});
