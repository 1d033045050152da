import { registry } from '../_internals/registry.js';
import type { Context } from 'aws-lambda';
import type { Result } from 'neverthrow';
import { err, ok } from 'neverthrow';
import type { DeclarationOf, OperationDescription } from '../decode/endpoint.js';
import type { DeclaredSuccessCheck } from '../decode/endpoint.js';
import type { ErrorMap } from '../errors/error-map.js';
import type { Tagged } from '../errors/tagged-error.js';
import type {
  AnyMappedHandler,
  MappedErrors,
  NotMapped,
  Outcome,
  ProblemError,
  TagsOf,
} from '../handler.js';
import type { Problem } from '../problem.js';
import type { HttpRequest } from '../request.js';
import type { Match, Node } from './table.js';
import { mapErrorForFold, mergeErrorMaps } from '../errors/error-map.js';
import { isTagged } from '../errors/tagged-error.js';
import { methodNotAllowed, notFound } from '../problem.js';
import { noContent } from '../reply.js';
import type { Settled } from '../_internals/settle.js';
import { isSettled, settle } from '../_internals/settle.js';
import { recordRoute } from '../_internals/routed.js';
import { decodeSegments, emptyNode, insert, match, splitPath } from './table.js';
import { invalidPathEncoding, rebuiltRequest } from '../events/read.js';
import { EMPTY_MAP, emptyMap } from '../_internals/fields.js';

/** An HTTP method a route can answer. */
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS' | 'HEAD';

/** A route's handler: its errors must be problems or domain errors its error map covers. */
export type RouteHandler<E> = (
  request: HttpRequest,
  context: Context,
) => Outcome<unknown, MappedErrors<E>>;

/** A route as declared. */
export interface RouteInfo {
  readonly method: Method;
  readonly path: string;
}

/** @internal A route with what it answers with: its handler and its error map. */
export interface Route {
  readonly info: RouteInfo;
  readonly handler: (request: HttpRequest, context: Context) => unknown;
  readonly errors: ErrorMap<Tagged> | undefined;
  /** What the route's options say of it, for the OpenAPI document. */
  readonly describe?: OperationDescription;
}

/** @internal What a router was built from, for the OpenAPI document. */
export interface RouterFacts {
  readonly routes: readonly Route[];
  readonly basePath: string;
}

const routers = /*#__PURE__*/ registry<RouterFacts>('routers/1');

/** @internal The routes of a router `router()` built, or `undefined` for any other function. */
export function routerFacts(handler: object): RouterFacts | undefined {
  return routers.get(handler);
}

/** Router-wide options. */
export interface RouterOptions<E extends Tagged> {
  /** The error map every route shares. */
  readonly errors?: ErrorMap<E>;
  /**
   * A prefix to remove before matching paths, such as a custom domain's base path mapping
   * (`/v1`); HTTP API stage prefixes are already removed from `request.path`.
   */
  readonly basePath?: string;
}

/**
 * What a router's type says of one route, for a client derived from it (`gatefold/client`): a
 * plain object type, one per route, collected in a union by the router's type. Nothing of it
 * exists at run time.
 */
export interface RouteContract<K extends string = string, X = unknown, D = unknown, R = unknown> {
  /** The route's key: its method and path template, `GET /users/{id}`. */
  readonly key: K;
  /**
   * What the route's endpoint declares (`EndpointDeclaration`: its parts' codecs and its
   * `describe`), or `undefined` for a handler that is not an endpoint.
   */
  readonly endpoint: X;
  /** The route's own `describe` (`{}` when it has none); it wins over the endpoint's. */
  readonly describe: D;
  /** What the route's handler returns: its successes, and its domain errors on the `Err` side. */
  readonly outcome: R;
}

// Carries a router's route contracts in its type only: no router has a member of this key.
declare const contracts: unique symbol;

/** The union of the route contracts of the router type `A` (`typeof api`). */
export type RouteContractsOf<A> = A extends { readonly [contracts]?: infer C }
  ? Exclude<C, undefined>
  : never;

/** The contract of one route added to a router: what its method, path, handler and options say. */
export type ContractOf<M extends Method, P extends string, H, D> = RouteContract<
  `${M} ${P}`,
  DeclarationOf<H>,
  [D] extends [never] ? {} : D, // eslint-disable-line @typescript-eslint/no-empty-object-type
  H extends (...args: never[]) => infer R ? R : never
>;

/**
 * A handler for `toLambda` that dispatches to routes; add routes with `route`, `get`, `post`,
 * `put`, `patch` and `delete`, each returning a new router. `C` is the union of its routes'
 * contracts ({@link RouteContract}), from which `gatefold/client` types a client.
 */
export interface Router<E extends Tagged, C extends RouteContract = never> {
  /**
   * Answers the request: at once when the route's handler answered synchronously, through a
   * promise when it had to be awaited (`await` takes either).
   */
  (
    request: HttpRequest,
    context: Context,
  ): Result<unknown, ProblemError> | Promise<Result<unknown, ProblemError>>;
  /** The routes, in the order they were added. */
  readonly routes: readonly RouteInfo[];
  /** The routes' contracts, in the type only (never present at run time). */
  readonly [contracts]?: C;
  route<
    V extends Method,
    P extends string,
    H extends AnyMappedHandler,
    M extends ErrorMap<never> = never,
    D extends OperationDescription = never,
  >(
    method: V,
    path: P,
    handler: MappedRouteHandler<H, E, M>,
    ...options: MappedRouteOptions<NoInfer<H>, E, M, D>
  ): Router<E, C | ContractOf<V, P, H, D>>;
  get: RouteAdder<E, C, 'GET'>;
  post: RouteAdder<E, C, 'POST'>;
  put: RouteAdder<E, C, 'PUT'>;
  patch: RouteAdder<E, C, 'PATCH'>;
  delete: RouteAdder<E, C, 'DELETE'>;
}

/**
 * What a route declares besides its handler: its own error map, and what the OpenAPI document
 * says of it.
 */
export interface RouteOptions<
  F extends Tagged,
  D extends OperationDescription = OperationDescription,
> {
  /** Errors this route maps besides the router's; its entries override the router's. */
  readonly errors?: ErrorMap<F>;
  /**
   * The operation as the OpenAPI document describes it — for a handler that is not an
   * `endpoint`, the one place to declare its success status and body (`{ status: 201, response:
   * User }`). Added to an endpoint's own `describe`, member by member, and winning over it. Its
   * `response` codec is held to the handler by the compiler, as an endpoint's is.
   */
  readonly describe?: D;
}

/**
 * Adds a route for one method. A route's own `errors` add to (and override) the router's. When
 * the two maps together lack a tag the handler can return, the compile error names it: on the
 * route's `errors` (`Type 'ErrorMap<TodoStale>' is not assignable to type '"TodoLocked is not
 * mapped"'`), or, for a route without a map, on the handler (`… is not assignable to parameter of
 * type '"TodoLocked is not mapped"'`).
 */
export interface RouteAdder<
  E extends Tagged,
  C extends RouteContract = never,
  V extends Method = Method,
> {
  <
    P extends string,
    H extends AnyMappedHandler,
    M extends ErrorMap<never> = never,
    D extends OperationDescription = never,
  >(
    path: P,
    handler: MappedRouteHandler<H, E, M>,
    ...options: MappedRouteOptions<NoInfer<H>, E, M, D>
  ): Router<E, C | ContractOf<V, P, H, D>>;
}

// The route adders `build` makes take any handler and any options: for them to implement the
// signatures above, the types below distribute over `H` (the compiler then checks them with `H`
// as `AnyMappedHandler`, which returns no tag to map), and a route's own map is inferred whole,
// as `M` (every `ErrorMap<F>` is an `ErrorMap<never>`), not as `ErrorMap<F>`, which is invariant
// in `F` and so, for a generic `F`, not a `RouteOptions<Tagged>`'s map.

/** The errors the error map `M` covers. */
export type MappedBy<M> = M extends ErrorMap<infer F> ? F : never;

/** The tags of the domain errors of the outcome `R` that the errors `E` do not cover. */
export type Unmapped<R, E extends Tagged> = Exclude<TagsOf<R>, E['_tag']>;

/**
 * A route's handler `H`, under a router whose map covers `E`, with `M` the route's own map: the
 * handler, or, when the route has no map and the router's lacks tags the handler returns,
 * {@link NotMapped} naming them (when the route has a map, its options name them).
 */
export type MappedRouteHandler<H, E extends Tagged, M> = H extends AnyMappedHandler
  ? [M] extends [never]
    ? [Unmapped<ReturnType<H>, E>] extends [never]
      ? H
      : NotMapped<Unmapped<ReturnType<H>, E>>
    : H
  : never;

/**
 * What a route takes after its handler `H`, under a router whose map covers `E`: its options,
 * with `M` their map; or, when that map and the router's together lack tags the handler returns,
 * options whose `errors` is {@link NotMapped} naming them.
 */
export type MappedRouteOptions<
  H,
  E extends Tagged,
  M,
  D extends OperationDescription = OperationDescription,
> = H extends AnyMappedHandler
  ? [M] extends [never]
    ? [options?: RouteOptions<never, D> & NoInfer<DeclaredSuccessCheck<ReturnType<H>, D>>]
    : [Unmapped<ReturnType<H>, E | MappedBy<M>>] extends [never]
      ? [
          options?: Omit<RouteOptions<never, D>, 'errors'> & { readonly errors?: M } & NoInfer<
              DeclaredSuccessCheck<ReturnType<H>, D>
            >,
        ]
      : [
          options: Omit<RouteOptions<never, D>, 'errors'> & {
            readonly errors: NotMapped<Unmapped<ReturnType<H>, E | MappedBy<M>>>;
          },
        ]
  : never;

function mapErrors(error: unknown, map: ErrorMap<Tagged> | undefined): unknown {
  if (map === undefined) return error;
  const one = (item: unknown): unknown =>
    isTagged(item) ? (mapErrorForFold(map, item)?.client ?? item) : item;
  return Array.isArray(error) ? error.map(one) : one(error);
}

/** A route's settled outcome as the router's result: domain errors mapped with its map. */
function routeResult(settled: Settled, route: Route): Result<unknown, ProblemError> {
  if (settled.ok) return ok(settled.value);
  // Mapped here, with the route's map; the fold keeps what the logs need.
  return err(mapErrors(settled.error, route.errors) as Problem);
}

function routeFor(node: Node<Route>, method: string): Route | undefined {
  return node.routes.get(method) ?? (method === 'HEAD' ? node.routes.get('GET') : undefined);
}

function allowOf(found: ReadonlySet<string>): string[] {
  if (found.size === 0) return [];
  const methods = new Set(found);
  if (methods.has('GET')) methods.add('HEAD');
  methods.add('OPTIONS');
  return [...methods].sort();
}

function hasOwnKeys(record: object): boolean {
  for (const key in record) if (Object.hasOwn(record, key)) return true;
  return false;
}

/** The request's path parameters with the route's, as a new frozen map that inherits nothing. */
function mergedParams(
  current: Readonly<Record<string, string>>,
  params: Readonly<Record<string, string>>,
): Readonly<Record<string, string>> {
  if (!hasOwnKeys(params)) return current;
  // The match's own map (new, inheriting nothing) when there is nothing to merge it with.
  if (current === EMPTY_MAP) return Object.freeze(params);
  // Inheriting nothing, as every request map: `__proto__` is then an ordinary key.
  return Object.freeze(Object.assign(emptyMap<string>(), current, params));
}

/** The request a route's handler receives: the route's key and parameters set. */
function withParams(
  request: HttpRequest,
  routeKey: string,
  params: Readonly<Record<string, string>> | undefined,
): HttpRequest {
  return rebuiltRequest(
    request,
    routeKey,
    params === undefined ? request.pathParameters : mergedParams(request.pathParameters, params),
    request.requestId,
  );
}

/** The tree and maps a router matches requests with. */
interface Compiled {
  readonly root: Node<Route>;
  /** Routes by the key API Gateway resolves (`GET /users/{id}`). */
  readonly resolved: ReadonlyMap<string, Route>;
  readonly keys: ReadonlyMap<Route, string>;
  readonly declaredPaths: ReadonlySet<string>;
}

function compile(routes: readonly Route[]): Compiled {
  const root = emptyNode<Route>();
  const resolved = new Map<string, Route>();
  const keys = new Map<Route, string>();
  for (const route of routes) {
    insert(root, route.info.path, route.info.method, route);
    const key = `${route.info.method} ${route.info.path}`;
    resolved.set(key, route);
    keys.set(route, key);
  }
  return { root, resolved, keys, declaredPaths: new Set(routes.map((route) => route.info.path)) };
}

/**
 * The tree that checks each route as it is declared (a malformed template, a route declared
 * twice, `{id}` beside `{userId}` throw at once), shared by a chain of routers: each `.get` adds
 * one route to the tree of the router it extends when that router is the newest of its chain,
 * so declaring n routes costs n insertions, not n². A router extended twice gets a tree of its own.
 */
interface Checker {
  readonly root: Node<Route>;
  count: number;
}

function checked(checker: Checker, routes: readonly Route[], route: Route): Checker {
  let tip = checker;
  if (tip.count !== routes.length) {
    tip = { root: emptyNode<Route>(), count: 0 };
    for (const earlier of routes) insert(tip.root, earlier.info.path, earlier.info.method, earlier);
    tip.count = routes.length;
  }
  insert(tip.root, route.info.path, route.info.method, route);
  tip.count += 1;
  return tip;
}

function build<E extends Tagged>(
  options: RouterOptions<E>,
  routes: readonly Route[],
  checker: Checker,
): Router<E> {
  // Compiled on the first request, once per router value: the routers a chain of `.get` calls
  // builds on the way to the last one are never compiled.
  let compiled: Compiled | undefined;
  const basePath = options.basePath?.replace(/\/$/, '') ?? '';

  function find(request: HttpRequest): {
    route: Route | undefined;
    found: Match<Route> | undefined;
    allow: string[];
    /** A segment of the path that is not valid percent-encoding. */
    invalid: string | undefined;
  } {
    compiled ??= compile(routes);
    const { root, resolved, declaredPaths } = compiled;
    // API Gateway matched the route itself (REST `resource`, HTTP API `routeKey`): use it.
    const gatewayRoute = request.route;
    if (gatewayRoute !== undefined) {
      const withMethod = gatewayRoute.includes(' ');
      // A resource no route declares (`/{proxy+}`, `$default`) needs no key built to miss.
      if (withMethod || declaredPaths.has(gatewayRoute)) {
        const key = withMethod ? gatewayRoute : `${request.method} ${gatewayRoute}`;
        const direct =
          resolved.get(key) ??
          (request.method === 'HEAD' ? resolved.get(key.replace(/^HEAD /, 'GET ')) : undefined);
        if (direct !== undefined) {
          return { route: direct, found: undefined, allow: [], invalid: undefined };
        }
      }
    }
    let path = request.path;
    if (basePath !== '' && (path === basePath || path.startsWith(`${basePath}/`))) {
      path = path.slice(basePath.length) || '/';
    }
    // Split first, then decode each segment once: `%2F` stays inside its segment.
    let segments: readonly string[] = splitPath(path);
    if (path.includes('%')) {
      const decoded = decodeSegments(segments);
      if (!decoded.ok) {
        return { route: undefined, found: undefined, allow: [], invalid: decoded.segment };
      }
      segments = decoded.segments;
    }
    // A route for this method anywhere on the path wins over a more specific path without it
    // (`DELETE /users/me` reaches `DELETE /users/{id}` beside `GET /users/me`).
    const method = request.method;
    const found = match(root, segments, (node) => routeFor(node, method) !== undefined);
    if (found !== undefined) {
      return { route: routeFor(found.node, method), found, allow: [], invalid: undefined };
    }
    // None: every method some route on this path answers, for 405's `Allow`; none at all is 404.
    const methods = new Set<string>();
    match(root, segments, (node) => {
      for (const name of node.routes.keys()) methods.add(name);
      return false;
    });
    return { route: undefined, found: undefined, allow: allowOf(methods), invalid: undefined };
  }

  function dispatch(
    request: HttpRequest,
    context: Context,
  ): Result<unknown, ProblemError> | Promise<Result<unknown, ProblemError>> {
    const { route, found, allow, invalid } = find(request);
    if (invalid !== undefined) return err(invalidPathEncoding(invalid));
    if (route === undefined) {
      if (allow.length === 0) {
        return err(
          notFound({
            code: 'route-not-found',
            detail: `No route for ${request.method} ${request.path}.`,
          }),
        );
      }
      if (request.method === 'OPTIONS')
        return ok(noContent({ headers: { allow: allow.join(', ') } }));
      return err(
        methodNotAllowed(allow, {
          code: 'method-not-allowed',
          detail: `${request.method} is not allowed on ${request.path}; use ${allow.join(', ')}.`,
        }),
      );
    }
    const routeKey = compiled?.keys.get(route) ?? '';
    const routed = withParams(request, routeKey, found?.params);
    recordRoute(request, routeKey);
    // Not awaited when the handler answered synchronously: no trip through the microtask queue.
    const settled = settle(route.handler(routed, context));
    return isSettled(settled)
      ? routeResult(settled, route)
      : settled.then((done) => routeResult(done, route));
  }

  const add = (
    method: Method,
    path: string,
    handler: RouteHandler<Tagged>,
    extra?: RouteOptions<Tagged>,
  ): Router<E> => {
    const shared = options.errors as ErrorMap<Tagged> | undefined;
    const own = extra?.errors;
    const errors =
      own === undefined ? shared : shared === undefined ? own : mergeErrorMaps(shared, own);
    const describe = extra?.describe;
    const route: Route = {
      info: { method, path },
      handler,
      errors,
      ...(describe === undefined ? {} : { describe }),
    };
    return build(options, [...routes, route], checked(checker, routes, route));
  };
  const adder =
    (method: Method) =>
    (path: string, handler: RouteHandler<Tagged>, extra?: RouteOptions<Tagged>) =>
      add(method, path, handler, extra);

  routers.set(dispatch, { routes, basePath });
  return Object.assign(dispatch, {
    routes: routes.map((route) => route.info),
    route: add,
    get: adder('GET'),
    post: adder('POST'),
    put: adder('PUT'),
    patch: adder('PATCH'),
    delete: adder('DELETE'),
  });
}

/**
 * A router: one Lambda function for a whole API. Routes are matched on what API Gateway already
 * resolved when the event says (REST `resource` + method, HTTP API `routeKey`), else on the path
 * (`/users/{id}`, greedy `/files/{path+}`), in time that grows with the path's segments, not the
 * number of routes. Each segment is percent-decoded exactly once, whatever the event kind. No
 * route → 404; a route without the method → 405 with `Allow`; `HEAD` is answered by the `GET`
 * route without a body; `OPTIONS` is answered with `Allow`; a segment that is not valid
 * percent-encoding → 400 (`invalid-path-encoding`).
 *
 * @example
 * ```ts
 * import { ok } from 'neverthrow';
 * import { json, router, toLambda } from 'gatefold';
 *
 * const api = router()
 *   .get('/health', () => ok(json({ status: 'ok' })))
 *   .get('/users/{id}', (request) => ok(json({ id: request.pathParameters['id'] })));
 *
 * export const handler = toLambda(api);
 * ```
 */
export function router(
  options?: RouterOptions<never> & { readonly errors?: undefined },
): Router<never>;
export function router<E extends Tagged>(
  options: RouterOptions<E> & { readonly errors: ErrorMap<E> },
): Router<E>;
export function router<E extends Tagged>(options: RouterOptions<E> = {}): Router<E> {
  return build(options, [], { root: emptyNode<Route>(), count: 0 });
}
