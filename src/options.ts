import type { ErrorMap } from './errors/error-map.js';
import type { ResponseLimits } from './events/limits.js';
import type { Tagged } from './errors/tagged-error.js';
import type { LogLevel, Logger } from './logger.js';
import type { Middleware } from './middleware/middleware.js';
import type { MetricsOptions } from './observe/metrics.js';

/**
 * How problems are written: `json-api` (the default) as a JSON:API `errors` document,
 * `problem` as RFC 9457 `application/problem+json`, `negotiate` as problem+json when the
 * request's `Accept` prefers it and JSON:API otherwise.
 */
export type ErrorFormat = 'json-api' | 'problem' | 'negotiate';

/** The content type of JSON:API error documents. */
export type JsonApiMediaType = 'application/json' | 'application/vnd.api+json';

/** Options of {@link toLambda}. */
export interface LambdaOptions {
  /**
   * Where defects, errors and access lines are logged; JSON lines on the console by default.
   * `false` logs nothing and writes no EMF metric lines to standard output (a `metrics.write`
   * of your own is still called): not even a defect leaves a trace, so keep it for tests.
   */
  readonly logger?: Logger | false;
  /** The problem body format; `json-api` by default. */
  readonly errorFormat?: ErrorFormat;
  /** The content type of JSON:API documents; `application/json` by default. */
  readonly jsonApiMediaType?: JsonApiMediaType;
  /** The level 4xx responses are logged at; `info` by default, `off` for none. */
  readonly clientErrorLogLevel?: LogLevel | 'off';
  /** One `info` line per request: method, path, route, status, duration, ids, codes, cold start. */
  readonly accessLog?: boolean;
  /** CloudWatch EMF metric lines per request: requests, 4xx, 5xx, defects and duration by route. */
  readonly metrics?: MetricsOptions;
  /**
   * The header that carries a request id: read from the request (a sane value becomes the
   * request id) and sent on every response. `x-request-id` by default.
   */
  readonly requestIdHeader?: string;
  /** Whether a request id the client sends is adopted; `true` by default. */
  readonly acceptRequestId?: boolean;
  /**
   * Middleware around the folded handler, the first outermost: `cors`, `compress`,
   * `securityHeaders`, `deadline`, `conditionalGet` or your own. They see every response,
   * masked defects included.
   */
  readonly middleware?: readonly Middleware[];
  /**
   * The largest result returned for each event kind, in bytes, as Lambda serialises it
   * (`JSON.stringify(result)` in UTF-8): 6 MiB for `rest`, `http` and `function-url` (Lambda's
   * synchronous response limit) and 1 MiB for `alb` (an ALB's limit on a Lambda target's
   * response) by default. A result past its limit is a defect, answered with a masked 500 and
   * logged with its size, instead of the bare 502 the platform would send. Limits can be
   * lowered (`{ alb: 512_000 }`), down to 4 KiB, not raised.
   */
  readonly responseLimits?: ResponseLimits;
}

/** Options of {@link toLambda} for a handler that returns domain errors: with the map for them. */
export interface MappedLambdaOptions<E extends Tagged> extends LambdaOptions {
  /** Maps every domain error the handler can return to a problem. */
  readonly errors: ErrorMap<E>;
}
