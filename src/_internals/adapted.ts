import { registry } from './registry.js';
import type { ErrorMap } from '../errors/error-map.js';
import type { Tagged } from '../errors/tagged-error.js';
import type { ErrorFormat, JsonApiMediaType } from '../options.js';

/**
 * @internal What a Lambda function built by `toLambda`, `toLambdaIntegration` or
 * `toStreamingLambda` serves.
 */
export interface AdaptedFacts {
  readonly handler: object;
  readonly integration: 'proxy' | 'custom';
  /** True for `toStreamingLambda`: API Gateway invokes it with response streaming. */
  readonly streaming?: true;
  readonly errorFormat: ErrorFormat;
  readonly jsonApiMediaType: JsonApiMediaType;
  readonly errors: ErrorMap<Tagged> | undefined;
  readonly requestIdHeader: string;
}

// Keyed by the Lambda function, so that `gatefold openapi` can describe an exported handler.
const adapted = /*#__PURE__*/ registry<AdaptedFacts>('lambda-functions/1');

/** @internal Records what a Lambda function serves; returns the function. */
export function recordAdapted<F extends object>(lambda: F, facts: AdaptedFacts): F {
  adapted.set(lambda, facts);
  return lambda;
}

/** @internal What a Lambda function built by gatefold serves, or `undefined`. */
export function adaptedFacts(lambda: object): AdaptedFacts | undefined {
  return adapted.get(lambda);
}
