/**
 * The caller of a request, typed: `callerOf` reads what an authorizer attached into one
 * `CallerIdentity` shape per authorizer type (docs/auth.md).
 */
export type {
  CallerClaims,
  CallerIdentity,
  CallerType,
  CognitoIdentity,
  IamCaller,
  JwtCaller,
  LambdaCaller,
  NoCaller,
  OidcCaller,
} from './caller.js';
export { CALLER_TYPES } from './caller.js';
export type {
  CallerOptions,
  OidcVerifier,
  SyncCallerOptions,
  SyncOidcVerifier,
} from './caller-of.js';
export { OIDC_DATA_HEADER, callerOf } from './caller-of.js';
export type { CallerFailure } from './error.js';
export { CallerError, isCallerError } from './error.js';
