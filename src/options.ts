import type { Logger } from './logger.js';

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
  /** Where defects and warnings are logged; one JSON line per record on the console by default. */
  readonly logger?: Logger;
  /** The problem body format; `json-api` by default. */
  readonly errorFormat?: ErrorFormat;
  /** The content type of JSON:API documents; `application/json` by default. */
  readonly jsonApiMediaType?: JsonApiMediaType;
}
