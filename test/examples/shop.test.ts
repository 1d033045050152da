/**
 * The shop example API (examples/shop) through its Lambda `handler`, with REST API and HTTP API
 * events: every route's success and failure, the registration rules reported all at once, domain
 * errors through the error map, one 422 problem per unknown product, content negotiation of the
 * error format, and that a password never leaves the function.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';
import type { MockInstance } from 'vitest';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HttpEvent, HttpResult } from '../../src/index.js';
import { handler } from '../../examples/shop/handler.js';
import { resetStore } from '../../examples/shop/store.js';
import { fakeContext, httpApiEvent, restApiEvent } from '../../src/testing/index.js';
import { HTTP_REQUEST_ID, LAMBDA_REQUEST_ID, REST_REQUEST_ID } from '../support/request-id.js';

const context = fakeContext({ awsRequestId: LAMBDA_REQUEST_ID });
const PROBLEM_JSON = 'application/problem+json';

/** What a request sends besides its method and path. */
interface Send {
  readonly body?: unknown;
  readonly accept?: string;
}

/** A REST API (payload 1.0) event for a `/{proxy+}` resource, as one function for a whole API. */
function rest(method: string, path: string, send: Send = {}): APIGatewayProxyEvent {
  return restApiEvent({
    method,
    path,
    resource: '/{proxy+}',
    pathParameters: { proxy: path.slice(1) },
    headers: {
      Accept: send.accept ?? '*/*',
      ...(send.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: send.body === undefined ? undefined : JSON.stringify(send.body),
    requestId: REST_REQUEST_ID,
  });
}

/** An HTTP API (payload 2.0) event on the `$default` route. */
function http(method: string, path: string, send: Send = {}): APIGatewayProxyEventV2 {
  return httpApiEvent({
    method,
    path,
    headers: {
      accept: send.accept ?? '*/*',
      ...(send.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: send.body === undefined ? undefined : JSON.stringify(send.body),
    requestId: HTTP_REQUEST_ID,
  });
}

/** The result with its JSON body parsed, to compare as a whole. */
async function call(event: HttpEvent): Promise<unknown> {
  const result: HttpResult = await handler(event, context);
  return { ...result, body: JSON.parse(result.body ?? '') as unknown };
}

/** A whole REST API result. */
function restResult(statusCode: number, headers: Record<string, string>, body: unknown) {
  return {
    statusCode,
    headers: { ...headers, 'x-request-id': REST_REQUEST_ID },
    multiValueHeaders: {},
    body,
    isBase64Encoded: false,
  };
}

/** A whole HTTP API result. */
function httpResult(statusCode: number, headers: Record<string, string>, body: unknown) {
  return {
    statusCode,
    headers: { ...headers, 'x-request-id': HTTP_REQUEST_ID },
    cookies: [],
    body,
    isBase64Encoded: false,
  };
}

const JSON_TYPE = { 'content-type': 'application/json' };
/** Error responses depend on `Accept`, so they say so. */
const JSON_API_ERROR = { vary: 'accept', 'content-type': 'application/json' };
const PROBLEM_ERROR = { vary: 'accept', 'content-type': PROBLEM_JSON };

/** A JSON:API error document. */
function jsonApi(requestId: string, ...errors: object[]) {
  return { errors, meta: { requestId } };
}

function registration(attributes: Record<string, unknown>) {
  return { data: { type: 'users', attributes } };
}

const GRACE = {
  'first-name': 'Grace',
  'last-name': 'Hopper',
  email: 'grace@example.com',
  password: 'c0bol-rules!',
  'password-confirmation': 'c0bol-rules!',
};

const GRACE_RESOURCE = {
  data: {
    type: 'users',
    id: 'u-2',
    attributes: { 'first-name': 'Grace', 'last-name': 'Hopper', email: 'grace@example.com' },
  },
};

const ADA_RESOURCE = {
  data: {
    type: 'users',
    id: 'u-1',
    attributes: { 'first-name': 'Ada', 'last-name': 'Lovelace', email: 'ada@example.com' },
  },
};

/** Short first name, no punctuation in the password, a confirmation that differs. */
const THREE_VIOLATIONS = registration({
  'first-name': 'Al',
  'last-name': 'Turing',
  email: 'alan@example.com',
  password: 'secret123',
  'password-confirmation': 'secret124',
});

const TOO_SHORT = {
  code: '123',
  title: 'Value is too short',
  detail: 'First name must contain at least three characters.',
};
const WEAK_PASSWORD = {
  code: '225',
  title: 'Passwords must contain a letter, number, and punctuation character.',
  detail: 'The password provided is missing a punctuation character.',
};
const MISMATCH = {
  code: '226',
  title: 'Password and password confirmation do not match.',
  detail: 'The password confirmation must repeat the password exactly.',
};

let logs: MockInstance[];

beforeEach(() => {
  resetStore();
  // The handler logs client errors to the console; keep them, quietly, for the password test.
  logs = (['error', 'warn', 'info', 'debug', 'log'] as const).map((level) =>
    vi.spyOn(console, level).mockImplementation(() => undefined),
  );
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('GET /health', () => {
  it('answers 200 through a REST API event', async () => {
    expect(await call(rest('GET', '/health'))).toEqual(
      restResult(200, JSON_TYPE, { status: 'ok' }),
    );
  });

  it('answers 200 through an HTTP API event', async () => {
    expect(await call(http('GET', '/health'))).toEqual(
      httpResult(200, JSON_TYPE, { status: 'ok' }),
    );
  });
});

describe('POST /users', () => {
  it('creates the user: 201, its Location and the resource without the password', async () => {
    expect(await call(rest('POST', '/users', { body: registration(GRACE) }))).toEqual(
      restResult(201, { ...JSON_TYPE, location: '/users/u-2' }, GRACE_RESOURCE),
    );
    expect(await call(rest('GET', '/users/u-2'))).toEqual(
      restResult(200, JSON_TYPE, GRACE_RESOURCE),
    );
  });

  it('creates the user through an HTTP API event', async () => {
    expect(await call(http('POST', '/users', { body: registration(GRACE) }))).toEqual(
      httpResult(201, { ...JSON_TYPE, location: '/users/u-2' }, GRACE_RESOURCE),
    );
  });

  it('reports the three rule violations in one 400 (REST API)', async () => {
    expect(await call(rest('POST', '/users', { body: THREE_VIOLATIONS }))).toEqual(
      restResult(
        400,
        JSON_API_ERROR,
        jsonApi(
          REST_REQUEST_ID,
          {
            status: '400',
            ...TOO_SHORT,
            source: { pointer: '/data/attributes/first-name' },
          },
          { status: '400', ...WEAK_PASSWORD, source: { pointer: '/data/attributes/password' } },
          { status: '400', ...MISMATCH, source: { pointer: '/data/attributes/password' } },
        ),
      ),
    );
  });

  it('reports the three rule violations in one 400 (HTTP API)', async () => {
    expect(await call(http('POST', '/users', { body: THREE_VIOLATIONS }))).toEqual(
      httpResult(
        400,
        JSON_API_ERROR,
        jsonApi(
          HTTP_REQUEST_ID,
          {
            status: '400',
            ...TOO_SHORT,
            source: { pointer: '/data/attributes/first-name' },
          },
          { status: '400', ...WEAK_PASSWORD, source: { pointer: '/data/attributes/password' } },
          { status: '400', ...MISMATCH, source: { pointer: '/data/attributes/password' } },
        ),
      ),
    );
    // Nothing was stored.
    expect(await call(http('GET', '/users/u-2'))).toMatchObject({ statusCode: 404 });
  });

  it('reports the three violations as RFC 9457 when Accept asks for problem+json', async () => {
    expect(
      await call(http('POST', '/users', { body: THREE_VIOLATIONS, accept: PROBLEM_JSON })),
    ).toEqual(
      httpResult(400, PROBLEM_ERROR, {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'The request has 3 problems; each is listed under "errors".',
        errors: [
          { status: 400, ...TOO_SHORT, pointer: '/data/attributes/first-name' },
          { status: 400, ...WEAK_PASSWORD, pointer: '/data/attributes/password' },
          { status: 400, ...MISMATCH, pointer: '/data/attributes/password' },
        ],
        requestId: HTTP_REQUEST_ID,
      }),
    );
  });

  it('names every character class the password lacks', async () => {
    const body = registration({
      ...GRACE,
      password: 'abcdefgh',
      'password-confirmation': 'abcdefgh',
    });
    expect(await call(rest('POST', '/users', { body }))).toEqual(
      restResult(
        400,
        JSON_API_ERROR,
        jsonApi(REST_REQUEST_ID, {
          status: '400',
          ...WEAK_PASSWORD,
          detail: 'The password provided is missing a number and a punctuation character.',
          source: { pointer: '/data/attributes/password' },
        }),
      ),
    );
  });

  it('reports every shape error of the body at once', async () => {
    const body = {
      data: {
        type: 'people',
        attributes: { 'first-name': 'Al', email: 5, password: 'pw', 'password-confirmation': 'pw' },
      },
    };
    expect(await call(http('POST', '/users', { body }))).toEqual(
      httpResult(
        400,
        JSON_API_ERROR,
        jsonApi(
          HTTP_REQUEST_ID,
          {
            status: '400',
            code: 'invalid-value',
            title: 'Invalid value',
            detail: 'Expected "users", received "people".',
            source: { pointer: '/data/type' },
          },
          {
            status: '400',
            code: 'required',
            title: 'Required member missing',
            detail: 'The member "last-name" is required.',
            source: { pointer: '/data/attributes' },
          },
          {
            status: '400',
            code: 'invalid-type',
            title: 'Invalid type',
            detail: 'Expected a string, received 5.',
            source: { pointer: '/data/attributes/email' },
          },
        ),
      ),
    );
  });

  it('answers 409 EmailTaken for a registered email, in any case', async () => {
    const body = registration({ ...GRACE, email: 'ADA@example.com' });
    expect(await call(rest('POST', '/users', { body }))).toEqual(
      restResult(
        409,
        JSON_API_ERROR,
        jsonApi(REST_REQUEST_ID, {
          status: '409',
          code: 'EmailTaken',
          title: 'Conflict',
          detail: 'A user with the email "ADA@example.com" is already registered.',
        }),
      ),
    );
  });

  it('answers 409 as RFC 9457 when Accept prefers problem+json', async () => {
    const body = registration({ ...GRACE, email: 'ada@example.com' });
    expect(
      await call(
        http('POST', '/users', {
          body,
          accept: 'application/json;q=0.5, application/problem+json',
        }),
      ),
    ).toEqual(
      httpResult(409, PROBLEM_ERROR, {
        type: 'about:blank',
        title: 'Conflict',
        status: 409,
        detail: 'A user with the email "ada@example.com" is already registered.',
        code: 'EmailTaken',
        requestId: HTTP_REQUEST_ID,
      }),
    );
  });
});

describe('GET /me', () => {
  it('answers a JWT authorizer’s subject and scopes (HTTP API)', async () => {
    const event = httpApiEvent({
      path: '/me',
      requestId: HTTP_REQUEST_ID,
      authorizer: { jwt: { claims: { sub: 'u-1', scope: 'orders/read' }, scopes: null } },
    });
    expect(await call(event)).toEqual(
      httpResult(200, JSON_TYPE, {
        data: { type: 'callers', id: 'u-1', attributes: { kind: 'jwt', scopes: ['orders/read'] } },
      }),
    );
  });

  it('answers a signed IAM caller’s ARN (REST API)', async () => {
    const event = restApiEvent({ path: '/me', resource: '/me', requestId: REST_REQUEST_ID });
    // A request signed with AWS credentials, as a method with AWS_IAM authorization receives it.
    event.requestContext.identity.userArn = 'arn:aws:iam::123456789012:user/ada';
    event.requestContext.identity.accessKey = 'AKIAEXAMPLE';
    expect(await call(event)).toEqual(
      restResult(200, JSON_TYPE, {
        data: {
          type: 'callers',
          id: 'arn:aws:iam::123456789012:user/ada',
          attributes: { kind: 'iam', scopes: [] },
        },
      }),
    );
  });

  it('answers 401 with a Bearer challenge when no authorizer described a caller', async () => {
    expect(await call(http('GET', '/me'))).toEqual(
      httpResult(
        401,
        { ...JSON_API_ERROR, 'www-authenticate': 'Bearer' },
        jsonApi(HTTP_REQUEST_ID, {
          status: '401',
          code: 'caller-mismatch',
          title: 'Unauthorized',
          detail: 'This operation needs an authenticated caller.',
        }),
      ),
    );
  });
});

describe('GET /users/{id}', () => {
  it('answers the user through a {proxy+} resource', async () => {
    expect(await call(rest('GET', '/users/u-1'))).toEqual(restResult(200, JSON_TYPE, ADA_RESOURCE));
  });

  it('answers the user on the route API Gateway resolved (REST resource, HTTP routeKey)', async () => {
    const viaResource = restApiEvent({
      path: '/users/u-1',
      resource: '/users/{id}',
      pathParameters: { id: 'u-1' },
      requestId: REST_REQUEST_ID,
    });
    expect(await call(viaResource)).toEqual(restResult(200, JSON_TYPE, ADA_RESOURCE));
    const viaRouteKey = httpApiEvent({
      path: '/users/u-1',
      routeKey: 'GET /users/{id}',
      pathParameters: { id: 'u-1' },
      requestId: HTTP_REQUEST_ID,
    });
    expect(await call(viaRouteKey)).toEqual(httpResult(200, JSON_TYPE, ADA_RESOURCE));
  });

  it('answers 404 UserNotFound for an unknown id', async () => {
    expect(await call(http('GET', '/users/u-404'))).toEqual(
      httpResult(
        404,
        JSON_API_ERROR,
        jsonApi(HTTP_REQUEST_ID, {
          status: '404',
          code: 'UserNotFound',
          title: 'Not Found',
          detail: 'No user has the id "u-404".',
        }),
      ),
    );
  });

  it('answers 404 as RFC 9457 when Accept asks for problem+json', async () => {
    expect(await call(rest('GET', '/users/u-404', { accept: PROBLEM_JSON }))).toEqual(
      restResult(404, PROBLEM_ERROR, {
        type: 'about:blank',
        title: 'Not Found',
        status: 404,
        detail: 'No user has the id "u-404".',
        code: 'UserNotFound',
        requestId: REST_REQUEST_ID,
      }),
    );
  });
});

describe('POST /carts/{cartId}/checkout', () => {
  it('places the order and answers it with line and order totals', async () => {
    const body = {
      items: [
        { productId: 'p-1', quantity: 2 },
        { productId: 'p-2', quantity: 3 },
      ],
    };
    expect(await call(rest('POST', '/carts/c-7/checkout', { body }))).toEqual(
      restResult(200, JSON_TYPE, {
        data: {
          type: 'orders',
          id: 'o-1',
          attributes: {
            cartId: 'c-7',
            lines: [
              { productId: 'p-1', quantity: 2, unitPriceCents: 1250, lineTotalCents: 2500 },
              { productId: 'p-2', quantity: 3, unitPriceCents: 399, lineTotalCents: 1197 },
            ],
            totalCents: 3697,
          },
        },
      }),
    );
  });

  const TWO_UNKNOWN = {
    items: [
      { productId: 'p-9', quantity: 1 },
      { productId: 'p-1', quantity: 1 },
      { productId: 'p-404', quantity: 2 },
    ],
  };

  it('answers 422 with one ProductNotFound problem per unknown product', async () => {
    expect(await call(http('POST', '/carts/c-7/checkout', { body: TWO_UNKNOWN }))).toEqual(
      httpResult(
        422,
        JSON_API_ERROR,
        jsonApi(
          HTTP_REQUEST_ID,
          {
            status: '422',
            code: 'ProductNotFound',
            title: 'Unprocessable Content',
            detail: 'No product has the id "p-9".',
            source: { pointer: '/items/0/productId' },
          },
          {
            status: '422',
            code: 'ProductNotFound',
            title: 'Unprocessable Content',
            detail: 'No product has the id "p-404".',
            source: { pointer: '/items/2/productId' },
          },
        ),
      ),
    );
  });

  it('answers the 422 as RFC 9457 when Accept asks for problem+json', async () => {
    expect(
      await call(rest('POST', '/carts/c-7/checkout', { body: TWO_UNKNOWN, accept: PROBLEM_JSON })),
    ).toEqual(
      restResult(422, PROBLEM_ERROR, {
        type: 'about:blank',
        title: 'Unprocessable Content',
        status: 422,
        detail: 'The request has 2 problems; each is listed under "errors".',
        errors: [
          {
            status: 422,
            title: 'Unprocessable Content',
            code: 'ProductNotFound',
            detail: 'No product has the id "p-9".',
            pointer: '/items/0/productId',
          },
          {
            status: 422,
            title: 'Unprocessable Content',
            code: 'ProductNotFound',
            detail: 'No product has the id "p-404".',
            pointer: '/items/2/productId',
          },
        ],
        requestId: REST_REQUEST_ID,
      }),
    );
  });

  it('answers 400 for every shape error, before looking products up', async () => {
    const body = {
      items: [
        { productId: 'p-9', quantity: 0 },
        { quantity: 1.5 },
        { productId: 7, quantity: '2' },
      ],
    };
    expect(await call(http('POST', '/carts/c-7/checkout', { body }))).toEqual(
      httpResult(
        400,
        JSON_API_ERROR,
        jsonApi(
          HTTP_REQUEST_ID,
          {
            status: '400',
            code: 'too-small',
            title: 'Value is too small',
            detail: 'Expected 1 or more, received 0.',
            source: { pointer: '/items/0/quantity' },
          },
          {
            status: '400',
            code: 'required',
            title: 'Required member missing',
            detail: 'The member "productId" is required.',
            source: { pointer: '/items/1' },
          },
          {
            status: '400',
            code: 'invalid-value',
            title: 'Invalid value',
            detail: 'Expected a whole number of items, received 1.5.',
            source: { pointer: '/items/1/quantity' },
          },
          {
            status: '400',
            code: 'invalid-type',
            title: 'Invalid type',
            detail: 'Expected a string, received 7.',
            source: { pointer: '/items/2/productId' },
          },
          {
            status: '400',
            code: 'invalid-type',
            title: 'Invalid type',
            detail: 'Expected a number, received "2".',
            source: { pointer: '/items/2/quantity' },
          },
        ),
      ),
    );
  });

  it('answers 400 for an empty order', async () => {
    expect(await call(rest('POST', '/carts/c-7/checkout', { body: { items: [] } }))).toEqual(
      restResult(
        400,
        JSON_API_ERROR,
        jsonApi(REST_REQUEST_ID, {
          status: '400',
          code: 'too-short',
          title: 'Value is too short',
          detail: 'Expected at least 1 item, received 0.',
          source: { pointer: '/items' },
        }),
      ),
    );
  });
});

describe('the password', () => {
  const PASSWORD = 'Sup3r-s3cret!';

  it('never appears in a response or a log line', async () => {
    const mine = { ...GRACE, password: PASSWORD, 'password-confirmation': PASSWORD };
    const events: HttpEvent[] = [
      // 201, then 409 for the same email, then the stored user.
      rest('POST', '/users', { body: registration(mine) }),
      http('POST', '/users', { body: registration(mine), accept: PROBLEM_JSON }),
      http('GET', '/users/u-2'),
      // 400 for the rules: a short name and a confirmation that differs.
      rest('POST', '/users', {
        body: registration({ ...mine, 'first-name': 'Al', 'password-confirmation': 'other' }),
      }),
      // 400 for a password sent with the wrong type: the value is not echoed.
      http('POST', '/users', {
        body: registration({ ...mine, email: 'g2@example.com', password: 31415926 }),
      }),
      rest('POST', '/users', {
        body: registration({
          ...mine,
          email: 'g3@example.com',
          'password-confirmation': [PASSWORD],
        }),
      }),
    ];
    const statuses: number[] = [];
    for (const event of events) {
      const result: HttpResult = await handler(event, context);
      statuses.push(result.statusCode ?? 0);
      const text = JSON.stringify(result);
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain('31415926');
    }
    expect(statuses).toEqual([201, 409, 200, 400, 400, 400]);
    const logged = JSON.stringify(logs.flatMap((spy) => spy.mock.calls));
    expect(logged).toContain('EmailTaken'); // the 4xx were logged…
    expect(logged).not.toContain(PASSWORD); // …without the password
    expect(logged).not.toContain('31415926');
  });
});

describe('outside the routes', () => {
  it('answers 404 route-not-found for an unknown path', async () => {
    expect(await call(http('GET', '/orders'))).toEqual(
      httpResult(
        404,
        JSON_API_ERROR,
        jsonApi(HTTP_REQUEST_ID, {
          status: '404',
          code: 'route-not-found',
          title: 'Not Found',
          detail: 'No route for GET /orders.',
        }),
      ),
    );
  });
});
