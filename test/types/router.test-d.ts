import * as t from 'io-ts';
import type { Result } from 'neverthrow';
import { err, errAsync, ok } from 'neverthrow';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  HttpRequest,
  LambdaHttpHandler,
  ProblemError,
  RouteInfo,
  Router,
} from '../../src/index.js';
import type { RouteContract } from '../../src/client/index.js';
import {
  TaggedError,
  badRequest,
  endpoint,
  errorMap,
  json,
  notFound,
  overrideErrors,
  router,
  toLambda,
} from '../../src/index.js';

class UserNotFound extends TaggedError('UserNotFound')<{ readonly id: string }> {}
class UploadsDisabled extends TaggedError('UploadsDisabled') {}
class RateLimited extends TaggedError('RateLimited')<{ readonly seconds: number }> {}

const userErrors = errorMap<UserNotFound>({ UserNotFound: { status: 404 } });
const uploadErrors = errorMap<UploadsDisabled>({ UploadsDisabled: { status: 503 } });

const missing = () => err(new UserNotFound({ id: 'u-1' }));
const disabled = () => err(new UploadsDisabled());
const limited = () => errAsync(new RateLimited({ seconds: 1 }));

describe('router types', () => {
  it('types the router with its map’s errors, and each added route keeps them', () => {
    const api = router({ errors: userErrors });
    expectTypeOf(api).toEqualTypeOf<Router<UserNotFound>>();
    // Each route adds its contract to the router's type (test/client/contract.test-d.ts).
    expectTypeOf(api.get('/users/{id}', missing)).toExtend<Router<UserNotFound, RouteContract>>();
    expectTypeOf(api.put('/files/{p+}', disabled, { errors: uploadErrors })).toExtend<
      Router<UserNotFound, RouteContract>
    >();
    expectTypeOf(router()).toEqualTypeOf<Router<never>>();
    expectTypeOf(api.routes).toEqualTypeOf<readonly RouteInfo[]>();
    // At once for a synchronous route, through a promise otherwise.
    expectTypeOf(api).returns.toEqualTypeOf<
      Result<unknown, ProblemError> | Promise<Result<unknown, ProblemError>>
    >();
  });

  it('accepts route handlers whose domain errors the router’s map covers', () => {
    router({ errors: userErrors })
      .get('/users/{id}', missing)
      .post('/users', (request: HttpRequest) =>
        request.body === undefined ? err(badRequest()) : ok(json({ id: 'u-2' })),
      )
      .delete('/users/{id}', () => err([new UserNotFound({ id: 'u-1' }), notFound()]))
      .route('PATCH', '/users/{id}', missing);
  });

  it('refuses a route handler returning a domain error the router’s map does not cover', () => {
    const api = router({ errors: userErrors });
    // @ts-expect-error — UploadsDisabled is in no map
    api.put('/files/{path+}', disabled);
    // @ts-expect-error — nor through route()
    api.route('PUT', '/files/{path+}', disabled);
    // @ts-expect-error — nor asynchronously
    api.get('/limited', limited);
    // @ts-expect-error — nor in a list beside covered errors
    api.get('/both', () => err([new UserNotFound({ id: 'u-1' }), new UploadsDisabled()]));
  });

  it('accepts the domain error once a route’s own map covers it', () => {
    const api = router({ errors: userErrors });
    api.put('/files/{path+}', disabled, { errors: uploadErrors });
    api.route('PUT', '/files/{path+}', disabled, { errors: uploadErrors });
    // The route's handler may mix the router's errors and its own.
    api.get(
      '/both',
      (request: HttpRequest) =>
        request.path === '/a' ? err(new UserNotFound({ id: 'u-1' })) : err(new UploadsDisabled()),
      { errors: uploadErrors },
    );
    // A route's map may override the router's entries.
    api.delete('/users/{id}', missing, {
      errors: overrideErrors(userErrors, { UserNotFound: { status: 410 } }),
    });
  });

  it('still refuses an error that neither the router’s map nor the route’s covers', () => {
    const api = router({ errors: userErrors });
    // @ts-expect-error — the route's map covers UploadsDisabled, not RateLimited
    api.get('/limited', limited, { errors: uploadErrors });
  });

  it('refuses domain errors in a router without a map', () => {
    const plain = router();
    plain.get('/health', () => ok(json({ status: 'ok' })));
    plain.get('/missing', () => err(notFound()));
    plain.get('/bad', () => errAsync([badRequest()]));
    // @ts-expect-error — no map covers UserNotFound
    plain.get('/users/{id}', missing);
    // @ts-expect-error — nor through route()
    plain.route('GET', '/users/{id}', missing);
    // @ts-expect-error — a string is not a problem either
    plain.get('/text', () => err('nope'));
    // A route's own map makes it fine.
    plain.get('/users/{id}', missing, { errors: userErrors });
  });

  it('takes endpoints as routes, under the same rule', () => {
    const getUser = endpoint({ params: t.type({ id: t.string }) }, ({ params }) =>
      params.id === 'u-1' ? ok(json({ id: params.id })) : err(new UserNotFound({ id: params.id })),
    );
    router({ errors: userErrors }).get('/users/{id}', getUser);
    // @ts-expect-error — the endpoint's UserNotFound is in no map
    router().get('/users/{id}', getUser);
  });

  it('only takes the methods a route can answer', () => {
    router().route('OPTIONS', '/x', () => ok(json({})));
    // @ts-expect-error — not a route method
    router().route('TRACE', '/x', () => ok(json({})));
    const api = router();
    // @ts-expect-error — the route list is read-only
    api.routes = [];
  });

  it('is a handler for toLambda', () => {
    expectTypeOf(toLambda(router())).toEqualTypeOf<LambdaHttpHandler>();
    const api = router({ errors: userErrors }).get('/users/{id}', missing);
    expectTypeOf(toLambda(api)).toEqualTypeOf<LambdaHttpHandler>();
    expectTypeOf(toLambda(api, { errorFormat: 'problem' })).toEqualTypeOf<LambdaHttpHandler>();
  });
});

describe('router() without a map for its declared errors', () => {
  it('does not compile', () => {
    class Boom extends TaggedError('Boom') {}
    // @ts-expect-error — an error type needs the map that covers it
    router<Boom>();
  });
});
