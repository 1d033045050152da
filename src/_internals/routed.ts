import type { HttpRequest } from '../request.js';

/**
 * The route a router matched, by the request the adapter read: the router hands its routes a
 * new request, so the logs and metrics, which see the adapter's, learn the route here.
 */
const matched = new WeakMap<HttpRequest, string>();

/** @internal Records the route a request was dispatched to. */
export function recordRoute(request: HttpRequest, route: string): void {
  matched.set(request, route);
}

/** @internal The route a router matched for a request, else the one API Gateway reported. */
export function routeOf(request: HttpRequest): string | undefined {
  return matched.get(request) ?? request.route;
}
