import type { Context } from 'aws-lambda';
import type { Problem } from '../problem.js';
import type { HttpRequest } from '../request.js';
import type { HttpResponse } from '../response.js';
import { withEntry } from '../_internals/fields.js';

/**
 * A handler once its outcome is a response: what middleware wraps. Defects are already masked
 * 500s here, so a middleware sees (and can add headers to) every response.
 */
export type HttpHandler = (request: HttpRequest, context: Context) => Promise<HttpResponse>;

/** What a middleware may use besides `next`. */
export interface MiddlewareTools {
  /** The response for a problem, in the configured format, logged like any other. */
  problem(request: HttpRequest, problem: Problem): HttpResponse;
  /**
   * The masked 500 for a defect, logged once with its cause, as a handler's defect is: for a
   * middleware that catches its own failure and still wants to add its headers to the answer.
   * (A middleware that throws is answered with the same 500, which only the middleware around
   * it see.)
   */
  defect(request: HttpRequest, cause: unknown): HttpResponse;
}

/**
 * A function from a handler to a handler. `toLambda(handler, { middleware: [a, b] })` runs `a`
 * outermost: `a` sees the request first and the response last.
 */
export type Middleware = (next: HttpHandler, tools: MiddlewareTools) => HttpHandler;

/** @internal A copy of a response with a header set (replacing any value it had). */
export function setHeader(response: HttpResponse, name: string, value: string): HttpResponse {
  return { ...response, headers: withEntry(response.headers, name, [value]) };
}

/** @internal A copy of a response with a value added to a list header such as `Vary`. */
export function addToList(response: HttpResponse, name: string, value: string): HttpResponse {
  const current = response.headers[name] ?? [];
  const listed = current.flatMap((entry) =>
    entry.split(',').map((part) => part.trim().toLowerCase()),
  );
  if (listed.includes(value.toLowerCase()) || listed.includes('*')) return response;
  return { ...response, headers: withEntry(response.headers, name, [...current, value]) };
}
