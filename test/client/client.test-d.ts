import * as t from 'io-ts';
import type { ResultAsync } from 'neverthrow';
import { err, ok } from 'neverthrow';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  ClientError,
  DomainError,
  RouteContractsOf,
  RouteKey,
  RouteOf,
  Success,
} from '../../src/client/index.js';
import { client } from '../../src/client/index.js';
import type { SuccessStatus } from '../../src/index.js';
import {
  IntFromString,
  TaggedError,
  created,
  endpoint,
  errorMap,
  json,
  router,
} from '../../src/index.js';
import type { api } from '../../examples/shop/handler.js';
import { shopErrors } from '../../examples/shop/errors.js';
import type { UserDocument } from '../../examples/shop/routes/get-user.js';

const registration = {
  data: {
    type: 'users' as const,
    attributes: {
      'first-name': 'Grace',
      'last-name': 'Hopper',
      email: 'grace@example.com',
      password: 'c0bol!',
      'password-confirmation': 'c0bol!',
    },
  },
};

const shop = client<typeof api>({ baseUrl: 'http://localhost:3000', errors: shopErrors });

describe('a router’s type carries its routes’ contracts', () => {
  it('lists every route of the shop by its key', () => {
    expectTypeOf<RouteKey<typeof api>>().toEqualTypeOf<
      | 'GET /health'
      | 'POST /users'
      | 'GET /users/{id}'
      | 'GET /me'
      | 'POST /carts/{cartId}/checkout'
    >();
    expectTypeOf<
      RouteOf<typeof api, 'GET /users/{id}'>['key']
    >().toEqualTypeOf<'GET /users/{id}'>();
  });

  it('has no contract for a router without routes', () => {
    expectTypeOf<RouteContractsOf<ReturnType<typeof router>>>().toEqualTypeOf<never>();
  });
});

describe('calls', () => {
  it('answers the declared success: status and body codec', () => {
    expectTypeOf(shop.request('GET /users/{id}', { params: { id: 'u-1' } })).toEqualTypeOf<
      ResultAsync<Success<200, UserDocument>, ClientError<'UserNotFound'>>
    >();
    expectTypeOf(
      shop.request('POST /users', {
        body: {
          data: {
            type: 'users',
            attributes: {
              'first-name': 'Grace',
              'last-name': 'Hopper',
              email: 'grace@example.com',
              password: 'c0bol!',
              'password-confirmation': 'c0bol!',
            },
          },
        },
      }),
    ).toEqualTypeOf<ResultAsync<Success<201, UserDocument>, ClientError<'EmailTaken'>>>();
    // A plain handler's route declares its success on the route.
    expectTypeOf(shop.request('GET /health')).toEqualTypeOf<
      ResultAsync<Success<200, { status: 'ok' }>, ClientError>
    >();
  });

  it('refuses a wrong path parameter, query or body', () => {
    // @ts-expect-error — the route has no `userId` parameter
    void shop.request('GET /users/{id}', { params: { userId: 'u-1' } });
    // @ts-expect-error — the path parameter is missing
    void shop.request('GET /users/{id}', {});
    // @ts-expect-error — the route takes no query
    void shop.request('GET /users/{id}', { params: { id: 'u-1' }, query: { page: '1' } });
    void shop.request('POST /carts/{cartId}/checkout', {
      params: { cartId: 'c-1' },
      // @ts-expect-error — `items` must be a list
      body: { items: 'p-1' },
    });
    // @ts-expect-error — the body is required
    void shop.request('POST /carts/{cartId}/checkout', { params: { cartId: 'c-1' } });
    // @ts-expect-error — no such route
    void shop.request('DELETE /users/{id}', { params: { id: 'u-1' } });
  });

  it('types a declared query by its codec’s encoded form', () => {
    const listing = router().get(
      '/items',
      endpoint({ query: t.partial({ page: IntFromString }) }, ({ query }) =>
        ok(json({ page: query.page ?? 1 })),
      ),
    );
    const items = client<typeof listing>({ baseUrl: 'http://localhost' });
    expectTypeOf(listing.routes).items.toHaveProperty('path');
    void items.request('GET /items', { query: { page: '2' } });
    void items.request('GET /items');
    // @ts-expect-error — IntFromString decodes text: send its encoded form
    void items.request('GET /items', { query: { page: 2 } });
    // @ts-expect-error — not a parameter of the route
    void items.request('GET /items', { query: { size: '2' } });
  });

  it('matches exhaustively on the error union', () => {
    void shop.request('GET /users/{id}', { params: { id: 'u-1' } }).mapErr((error) => {
      switch (error.kind) {
        case 'domain':
          expectTypeOf(error._tag).toEqualTypeOf<'UserNotFound'>();
          return error.problem.detail;
        case 'validation':
          return error.problems.map((problem) => problem.pointer ?? problem.parameter);
        case 'problem':
          return error.retryAfter;
        case 'network':
        case 'timeout':
        case 'aborted':
        case 'unexpected-body':
          return error.kind;
        default:
          return assertNever(error);
      }
    });
  });

  it('refuses a match that forgets a kind or a tag', () => {
    void shop.request('POST /users', { body: registration }).mapErr((error) => {
      switch (error.kind) {
        case 'domain':
          expectTypeOf(error._tag).toEqualTypeOf<'EmailTaken'>();
          return 409;
        case 'validation':
        case 'problem':
        case 'network':
        case 'timeout':
        case 'unexpected-body':
          return 0;
        default:
          // @ts-expect-error — `aborted` is not handled
          return assertNever(error);
      }
    });
  });

  it('has no domain error for a route whose handler returns none', () => {
    expectTypeOf(shop.request('GET /health')).toEqualTypeOf<
      ResultAsync<Success<200, { status: 'ok' }>, ClientError>
    >();
    expectTypeOf<Extract<ClientError, { kind: 'domain' }>>().toEqualTypeOf<never>();
    // Checkout answers its unknown products as problems it builds: no domain errors either.
    void shop
      .request('POST /carts/{cartId}/checkout', {
        params: { cartId: 'c-1' },
        body: { items: [{ productId: 'p-1', quantity: 1 }] },
      })
      .mapErr((error) => {
        expectTypeOf(error).toEqualTypeOf<ClientError>();
      });
  });
});

describe('the client’s options', () => {
  it('asks for the error map that covers the routes’ domain errors', () => {
    // @ts-expect-error — the shop's routes return domain errors: the map recognises them
    client<typeof api>({ baseUrl: 'http://localhost:3000' });
    const partial = errorMap<{ readonly _tag: 'UserNotFound' }>({
      UserNotFound: { status: 404 },
    });
    // @ts-expect-error — the map lacks EmailTaken
    client<typeof api>({ baseUrl: 'http://localhost:3000', errors: partial });
  });
});

describe('declared successes', () => {
  const Thing = t.type({ id: t.string });
  class Taken extends TaggedError('Taken') {}

  it('holds an endpoint’s handler to its declared response', () => {
    endpoint({}, () => ok(created('/things/1', { id: '1' })), {
      describe: { status: 201, response: Thing },
    });
    endpoint(
      {},
      // @ts-expect-error — the body lacks `id`
      () => ok(json({ name: 'x' })),
      { describe: { response: Thing } },
    );
  });

  it('holds a route’s handler to its route’s declared response', () => {
    router().post('/things', () => ok(json({ id: '1' })), { describe: { response: Thing } });
    router().post(
      '/things',
      () => ok(json({ id: 1 })),
      // @ts-expect-error — the handler answers a number id
      { describe: { response: Thing } },
    );
    router({ errors: errorMap<Taken>({ Taken: { status: 409 } }) }).post(
      '/things',
      () => (Math.random() > 0.5 ? err(new Taken()) : ok(json({ id: '1' }))),
      { describe: { status: 201, response: Thing } },
    );
  });

  it('gives the domain errors of each route, not of the whole map', () => {
    const things = router({ errors: errorMap<Taken>({ Taken: { status: 409 } }) })
      .post('/things', () => err(new Taken()))
      .get('/things', () => ok(json([])));
    expectTypeOf(things.routes).items.toHaveProperty('path');
    const c = client<typeof things>({
      baseUrl: 'http://localhost',
      errors: errorMap<Taken>({ Taken: { status: 409 } }),
    });
    expectTypeOf(c.request('POST /things')).toEqualTypeOf<
      ResultAsync<Success<SuccessStatus, never>, ClientError<'Taken'>>
    >();
    void c.request('GET /things').mapErr((error) => {
      expectTypeOf(error).toEqualTypeOf<ClientError>();
      expectTypeOf(error).not.toExtend<DomainError<string>>();
    });
  });
});

function assertNever(value: never): never {
  throw new Error(`unexpected ${String(value)}`);
}
