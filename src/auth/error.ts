/**
 * Why the caller of a request could not be read. Only an ALB's OIDC claims can fail: API Gateway
 * and Function URL identities are read as they are, whatever their shape.
 */

/**
 * - `oidc-verifier-missing`: an ALB request carries `x-amzn-oidc-data` and no `verifyOidc` option
 *   was given — a deployment mistake, never the client's;
 * - `oidc-token-rejected`: the verifier threw or rejected (a bad signature, another load
 *   balancer's signer, an expired token), or the header came more than once;
 * - `oidc-claims-invalid`: the verifier returned something other than an object of claims.
 */
export type CallerFailure = 'oidc-verifier-missing' | 'oidc-token-rejected' | 'oidc-claims-invalid';

const CALLER_ERROR = /*#__PURE__*/ Symbol.for('gatefold.caller-error');

/** The caller of a request could not be read; `reason` says why, `cause` holds the verifier's error. */
export class CallerError extends Error {
  override readonly name = 'CallerError';
  readonly reason: CallerFailure;

  constructor(reason: CallerFailure, message: string, options?: { readonly cause?: unknown }) {
    super(message, options);
    this.reason = reason;
    Object.defineProperty(this, CALLER_ERROR, { value: true });
  }
}

/**
 * Whether a value is a `CallerError`, from this copy of gatefold or another one in the same
 * process (recognised by a registered symbol, not `instanceof`).
 */
export function isCallerError(value: unknown): value is CallerError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { readonly [CALLER_ERROR]?: unknown })[CALLER_ERROR] === true
  );
}
