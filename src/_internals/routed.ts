import type { HttpRequest } from '../request.js';

/**
 * The route a router matched, by the request the adapter read: the router hands its routes a
 * new request, so the logs and metrics, which see the adapter's, learn the route here.
 */
const matched = new WeakMap<HttpRequest, string>();

// The latest record is kept beside the WeakMap rather than in it: requests are mostly answered
// one at a time and forgotten when answered, so most records never pay for a WeakMap entry. A
// record still held when another request is routed (concurrent invocations, a router inside a
// router) moves to the WeakMap.
let latestRequest: HttpRequest | undefined;
let latestRoute: string | undefined;

/** @internal Records the route a request was dispatched to. */
export function recordRoute(request: HttpRequest, route: string): void {
  if (latestRequest !== undefined && latestRequest !== request) {
    matched.set(latestRequest, latestRoute as string);
  }
  latestRequest = request;
  latestRoute = route;
}

/** @internal The route a router matched for a request, else the one API Gateway reported. */
export function routeOf(request: HttpRequest): string | undefined {
  return (request === latestRequest ? latestRoute : matched.get(request)) ?? request.route;
}

/** @internal Drops what was recorded for a request that has been answered. */
export function forgetRoute(request: HttpRequest): void {
  if (request === latestRequest) {
    latestRequest = undefined;
    latestRoute = undefined;
  }
}
