/**
 * Error map entries whose fields are functions of the error: the status stays fixed (so that it
 * is known before any request), while `code`, `title`, `detail`, `meta` and `headers` are
 * computed from the error that occurred. A masked (5xx) entry hides the computed fields from the
 * client, logs them, and still sends its computed headers. Each function's parameter is the
 * error type of its own tag.
 */
import { err, ok } from 'neverthrow';
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { ErrorEntry, HeaderInit, HttpRequest } from '../../src/index.js';
import { TaggedError, errorMap, router, toLambda, toProblem } from '../../src/index.js';
import { fakeContext, invoke, restApiEvent } from '../../src/testing/index.js';
import { capturingLogger } from '../support/logger.js';
import { LAMBDA_REQUEST_ID, REST_REQUEST_ID } from '../support/request-id.js';

class UserNotFound extends TaggedError('UserNotFound')<{ readonly id: string }> {}
class RateLimited extends TaggedError('RateLimited')<{
  readonly seconds: number;
  readonly plan: string;
}> {}
class LedgerDown extends TaggedError('LedgerDown')<{ readonly ledger: string }> {}
class Overdrawn extends TaggedError('Overdrawn')<{ readonly account: string }> {}

type BankError = UserNotFound | RateLimited | LedgerDown | Overdrawn;

const bankErrors = errorMap<BankError>({
  UserNotFound: {
    status: 404,
    code: (e) => `missing-${e.id}`,
    title: (e) => `User ${e.id} not found`,
    detail: (e) => `No user has the id "${e.id}".`,
    meta: (e) => ({ id: e.id, checked: ['primary', 'replica'] }),
    headers: (e) => ({ 'x-missing-id': e.id }),
    type: 'https://errors.example.com/user-not-found',
  },
  RateLimited: {
    status: 429,
    code: 'rate-limited',
    title: 'Slow down',
    detail: (e) => `The ${e.plan} plan allows one request every ${String(e.seconds)} s.`,
    headers: (e) => ({ 'retry-after': String(e.seconds) }),
  },
  // 5xx: masked by default, whatever the fields compute.
  LedgerDown: {
    status: 503,
    code: (e) => `ledger-${e.ledger}`,
    title: () => 'Ledger down',
    detail: (e) => `Ledger ${e.ledger} did not answer.`,
    meta: (e) => ({ ledger: e.ledger }),
    type: 'https://errors.example.com/ledger-down',
    headers: (e) => ({ 'retry-after': '30', 'x-ledger-region': e.ledger.split('-')[0] ?? '' }),
  },
  // A 4xx the client must not learn the details of.
  Overdrawn: {
    status: 402,
    expose: false,
    detail: (e) => `Account ${e.account} is overdrawn.`,
    headers: () => ({ 'cache-control': 'no-store' }),
  },
});

const failing = (request: HttpRequest) => {
  switch (request.path) {
    case '/user':
      return err(new UserNotFound({ id: 'u-9 "x"' }));
    case '/limited':
      return err(new RateLimited({ seconds: 12, plan: 'free' }));
    case '/ledger':
      return err(new LedgerDown({ ledger: 'eu-west-SECRET' }));
    case '/overdrawn':
      return err(new Overdrawn({ account: 'ACC-SECRET' }));
    default:
      return ok(null);
  }
};

function call(path: string, accept = '*/*') {
  const logger = capturingLogger();
  const handler = toLambda(failing, { errors: bankErrors, errorFormat: 'negotiate', logger });
  const response = invoke(
    handler,
    restApiEvent({ path, requestId: REST_REQUEST_ID, headers: { accept } }),
    fakeContext({ awsRequestId: LAMBDA_REQUEST_ID }),
  );
  return { logger, response };
}

const JSON_API = { vary: 'accept', 'content-type': 'application/json' };
const PROBLEM = { vary: 'accept', 'content-type': 'application/problem+json' };

describe('fields computed from the error', () => {
  it('fill a JSON:API error, with the computed headers', async () => {
    const response = await call('/user').response;
    expect(response.status).toBe(404);
    expect(response.headers).toStrictEqual({
      ...JSON_API,
      'x-missing-id': 'u-9 "x"',
      'x-request-id': REST_REQUEST_ID,
    });
    expect(response.json()).toStrictEqual({
      errors: [
        {
          status: '404',
          code: 'missing-u-9 "x"',
          title: 'User u-9 "x" not found',
          detail: 'No user has the id "u-9 "x"".',
          links: { type: 'https://errors.example.com/user-not-found' },
          meta: { id: 'u-9 "x"', checked: ['primary', 'replica'] },
        },
      ],
      meta: { requestId: REST_REQUEST_ID },
    });
  });

  it('fill a problem document, meta members inline', async () => {
    const response = await call('/user', 'application/problem+json').response;
    expect(response.headers).toStrictEqual({
      ...PROBLEM,
      'x-missing-id': 'u-9 "x"',
      'x-request-id': REST_REQUEST_ID,
    });
    expect(response.json()).toStrictEqual({
      type: 'https://errors.example.com/user-not-found',
      title: 'User u-9 "x" not found',
      status: 404,
      detail: 'No user has the id "u-9 "x"".',
      code: 'missing-u-9 "x"',
      id: 'u-9 "x"',
      checked: ['primary', 'replica'],
      requestId: REST_REQUEST_ID,
    });
  });

  it('mix with fixed fields in one entry', async () => {
    const response = await call('/limited').response;
    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBe('12');
    expect(response.json()).toStrictEqual({
      errors: [
        {
          status: '429',
          code: 'rate-limited',
          title: 'Slow down',
          detail: 'The free plan allows one request every 12 s.',
        },
      ],
      meta: { requestId: REST_REQUEST_ID },
    });
  });

  it('are called with the error that occurred', () => {
    const detail = vi.fn((e: UserNotFound) => `No ${e.id}.`);
    const headers = vi.fn((e: UserNotFound) => ({ 'x-id': e.id }));
    const map = errorMap<UserNotFound>({ UserNotFound: { status: 404, detail, headers } });
    const error = new UserNotFound({ id: 'u-1' });
    expect(toProblem(map, error)).toMatchObject({
      status: 404,
      code: 'UserNotFound',
      title: 'Not Found',
      detail: 'No u-1.',
      headers: { 'x-id': 'u-1' },
    });
    expect(detail).toHaveBeenCalledTimes(1);
    expect(detail.mock.calls[0]?.[0]).toBe(error);
    expect(headers.mock.calls[0]?.[0]).toBe(error);
  });
});

describe('a masked entry', () => {
  it('hides every computed field of a 5xx and keeps its computed headers', async () => {
    const { response: pending, logger } = call('/ledger');
    const response = await pending;
    expect(response.status).toBe(503);
    expect(response.headers).toStrictEqual({
      ...JSON_API,
      'retry-after': '30',
      'x-ledger-region': 'eu',
      'x-request-id': REST_REQUEST_ID,
    });
    expect(response.json()).toStrictEqual({
      errors: [{ status: '503', title: 'Service Unavailable' }],
      meta: { requestId: REST_REQUEST_ID },
    });
    expect(response.body).not.toContain('SECRET');
    // The log gets what the client does not.
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error.mock.calls[0]?.[0]).toMatchObject({
      status: 503,
      errors: [
        {
          status: 503,
          tag: 'LedgerDown',
          exposed: false,
          code: 'ledger-eu-west-SECRET',
          title: 'Ledger down',
          detail: 'Ledger eu-west-SECRET did not answer.',
          meta: { ledger: 'eu-west-SECRET' },
          type: 'https://errors.example.com/ledger-down',
        },
      ],
    });
  });

  it('hides the computed detail of a 4xx that is not exposed, in either format', async () => {
    for (const accept of ['*/*', 'application/problem+json']) {
      const response = await call('/overdrawn', accept).response;
      expect(response.status).toBe(402);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body).not.toContain('SECRET');
      expect(response.json()).toStrictEqual(
        accept === '*/*'
          ? {
              errors: [{ status: '402', title: 'Payment Required' }],
              meta: { requestId: REST_REQUEST_ID },
            }
          : {
              type: 'about:blank',
              title: 'Payment Required',
              status: 402,
              requestId: REST_REQUEST_ID,
            },
      );
    }
  });

  it('can be exposed on purpose, computed fields and all', async () => {
    const exposed = errorMap<LedgerDown>({
      LedgerDown: { status: 503, expose: true, detail: (e) => `Ledger ${e.ledger} is down.` },
    });
    const handler = toLambda(() => err(new LedgerDown({ ledger: 'eu-1' })), {
      errors: exposed,
      logger: capturingLogger(),
    });
    const response = await invoke(handler, restApiEvent({ requestId: REST_REQUEST_ID }));
    expect(response.json()).toStrictEqual({
      errors: [
        {
          status: '503',
          code: 'LedgerDown',
          title: 'Service Unavailable',
          detail: 'Ledger eu-1 is down.',
        },
      ],
      meta: { requestId: REST_REQUEST_ID },
    });
  });
});

describe('in a router', () => {
  it('map the errors of a route with computed fields', async () => {
    const api = router({ errors: bankErrors }).get('/users/{id}', (request) =>
      err(new UserNotFound({ id: request.pathParameters['id'] ?? '' })),
    );
    const response = await invoke(
      toLambda(api, { logger: capturingLogger() }),
      restApiEvent({
        path: '/users/u-42',
        resource: '/users/{id}',
        pathParameters: { id: 'u-42' },
        requestId: REST_REQUEST_ID,
      }),
    );
    expect(response.status).toBe(404);
    expect(response.headers['x-missing-id']).toBe('u-42');
    expect(response.json()).toMatchObject({
      errors: [{ code: 'missing-u-42', detail: 'No user has the id "u-42".' }],
    });
  });
});

describe('the types of field functions', () => {
  it('give each function the error of its own tag', () => {
    errorMap<UserNotFound | RateLimited>({
      UserNotFound: {
        status: 404,
        detail: (e) => {
          expectTypeOf(e).toEqualTypeOf<UserNotFound>();
          return e.id;
        },
        meta: (e) => {
          expectTypeOf(e).toEqualTypeOf<UserNotFound>();
          return { id: e.id };
        },
        headers: (e) => {
          expectTypeOf(e).toEqualTypeOf<UserNotFound>();
          return { 'x-id': e.id };
        },
        code: (e) => {
          expectTypeOf(e).toEqualTypeOf<UserNotFound>();
          return e._tag;
        },
        title: (e) => {
          expectTypeOf(e).toEqualTypeOf<UserNotFound>();
          return e.id;
        },
      },
      RateLimited: {
        status: 429,
        detail: (e) => {
          expectTypeOf(e).toEqualTypeOf<RateLimited>();
          return e.plan;
        },
      },
    });
    expectTypeOf<ErrorEntry<UserNotFound>['headers']>().toEqualTypeOf<
      HeaderInit | ((error: UserNotFound) => HeaderInit) | undefined
    >();
  });

  it('refuse a field of another tag, a wrong return type and a computed status', () => {
    errorMap<UserNotFound | RateLimited>({
      UserNotFound: {
        status: 404,
        // @ts-expect-error — `seconds` belongs to RateLimited
        detail: (e) => String(e.seconds),
      },
      RateLimited: { status: 429 },
    });
    errorMap<UserNotFound>({
      UserNotFound: {
        status: 404,
        // @ts-expect-error — a detail is text
        detail: () => 404,
      },
    });
    errorMap<UserNotFound>({
      UserNotFound: {
        status: 404,
        // @ts-expect-error — meta is an object of members
        meta: () => 'not an object',
      },
    });
    errorMap<UserNotFound>({
      UserNotFound: {
        // @ts-expect-error — a fixed entry's status is fixed; a whole function may compute it
        status: () => 404,
      },
    });
    errorMap<UserNotFound>({
      UserNotFound: () => ({ status: 404 }),
    });
  });
});
