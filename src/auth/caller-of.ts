/**
 * `callerOf`: the caller of a request as one `CallerIdentity`, whichever source delivered it.
 */
import type { HttpRequest } from '../request.js';
import type { CallerClaims, CallerIdentity, OidcCaller } from './caller.js';
import { CallerError } from './error.js';
import { NO_CALLER, gatewayCaller } from './gateway.js';
import { asRecord, emptyMap } from '../_internals/fields.js';
import { isThenable } from '../_internals/promise.js';

/**
 * The header in which an Application Load Balancer that authenticated the user passes the user's
 * claims, as a JWT it signed (ES256). "Authenticate users using an Application Load Balancer",
 * Elastic Load Balancing User Guide.
 */
export const OIDC_DATA_HEADER = 'x-amzn-oidc-data';

/**
 * Verifies the JWT of an ALB's `x-amzn-oidc-data` header and returns its claims; throws (or
 * rejects) when it is not valid. gatefold calls it with the header's value as it arrived and never
 * reads the token itself. `AlbJwtVerifier` from `aws-jwt-verify` does the work:
 * `(token) => verifier.verify(token)` (docs/auth.md).
 */
export type OidcVerifier = (
  token: string,
  request: HttpRequest,
) => CallerClaims | PromiseLike<CallerClaims>;

/** A verifier that answers at once, for which `callerOf` answers at once too. */
export type SyncOidcVerifier = (token: string, request: HttpRequest) => CallerClaims;

/** How `callerOf` reads a caller. */
export interface CallerOptions {
  /** Verifies an ALB's OIDC claims; without it, an ALB request carrying them is refused. */
  readonly verifyOidc?: OidcVerifier | undefined;
}

/** `CallerOptions` whose verifier, if any, answers at once. */
export interface SyncCallerOptions extends CallerOptions {
  readonly verifyOidc?: SyncOidcVerifier | undefined;
}

const MISSING_VERIFIER =
  `An Application Load Balancer request carries the ${OIDC_DATA_HEADER} header (the ALB ` +
  'authenticated the user), and no verifyOidc option was given: the claims are read only once ' +
  'their signature is verified. Pass verifyOidc: (token, request) => claims, for example with ' +
  "aws-jwt-verify's AlbJwtVerifier (docs/auth.md).";

function rejected(cause: unknown): CallerError {
  return new CallerError(
    'oidc-token-rejected',
    `The verifyOidc option rejected the ${OIDC_DATA_HEADER} token.`,
    { cause },
  );
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : typeof value;
}

/** The OIDC caller for what the verifier returned: its claims, copied into a frozen map. */
function oidcCaller(verified: unknown): OidcCaller {
  const claims = asRecord(verified);
  if (claims === undefined) {
    throw new CallerError(
      'oidc-claims-invalid',
      `The verifyOidc option returned ${describe(verified)}, not an object of claims.`,
    );
  }
  const out = emptyMap<unknown>();
  for (const key of Object.keys(claims)) out[key] = claims[key];
  return Object.freeze({ type: 'oidc', claims: Object.freeze(out) });
}

/**
 * The caller of an ALB request: none, or the user the load balancer authenticated, whose claims
 * are read only through the verifier.
 */
function albCaller(
  request: HttpRequest,
  verify: OidcVerifier | undefined,
): CallerIdentity | Promise<CallerIdentity> {
  const tokens = request.headers[OIDC_DATA_HEADER];
  if (tokens === undefined || tokens.length === 0) return NO_CALLER;
  if (verify === undefined) throw new CallerError('oidc-verifier-missing', MISSING_VERIFIER);
  if (tokens.length > 1) {
    // The load balancer sends one token; more means someone else added one.
    throw new CallerError(
      'oidc-token-rejected',
      `The ${OIDC_DATA_HEADER} header arrived ${tokens.length} times; a load balancer sends it once.`,
    );
  }
  let verified: CallerClaims | PromiseLike<CallerClaims>;
  try {
    verified = verify(tokens[0] as string, request);
  } catch (cause) {
    throw rejected(cause);
  }
  if (!isThenable(verified)) return oidcCaller(verified);
  return Promise.resolve(verified).then(oidcCaller, (cause: unknown) => {
    throw rejected(cause);
  });
}

/**
 * The caller of a request, one shape per authorizer type (`CallerIdentity`): read from
 * `requestContext.authorizer` (REST APIs, HTTP APIs, Function URLs), from a REST API's
 * `requestContext.identity` (IAM), or from an ALB's `x-amzn-oidc-data` header through
 * `options.verifyOidc`. Nothing is read until it is asked for.
 *
 * It never throws for API Gateway and Function URL requests, whatever their authorizer holds: a
 * field of the wrong type is read as absent. For an ALB request carrying OIDC claims it throws a
 * `CallerError` when there is no verifier or the verifier refuses the token; it returns a promise
 * only when the verifier does.
 *
 * @example
 * ```ts
 * import { callerOf } from 'gatefold';
 * const caller = callerOf(request);
 * if (caller.type === 'jwt' && caller.scopes.includes('orders/read')) {
 *   // …
 * }
 * ```
 */
export function callerOf(request: HttpRequest, options?: SyncCallerOptions): CallerIdentity;
export function callerOf(
  request: HttpRequest,
  options?: CallerOptions,
): CallerIdentity | Promise<CallerIdentity>;
export function callerOf(
  request: HttpRequest,
  options?: CallerOptions,
): CallerIdentity | Promise<CallerIdentity> {
  // The OIDC headers mean something only from a load balancer: anywhere else a client wrote them.
  return request.kind === 'alb' ? albCaller(request, options?.verifyOidc) : gatewayCaller(request);
}
