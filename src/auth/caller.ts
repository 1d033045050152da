/**
 * The caller of a request, one normalised shape per kind of authorizer. API Gateway, Function
 * URLs and load balancers each describe the caller their authorizer let through in their own
 * place and spelling; `callerOf` reads them into this union, so that a codec can be written
 * against one shape per authorizer type whatever the event source (docs/auth.md has the table of
 * sources and fixtures).
 */

/** Claims, or an authorizer's context: a map that inherits nothing, values as they arrived. */
export type CallerClaims = Readonly<Record<string, unknown>>;

/**
 * A Lambda authorizer let the request through.
 *
 * - REST APIs (payload 1.0): `requestContext.authorizer` holds `principalId` and the authorizer's
 *   `context` entries side by side; API Gateway turns every context value into a string
 *   (`"1"`, `"true"`) and adds `integrationLatency`, which is not part of `context` here.
 * - HTTP APIs (payload 2.0): `requestContext.authorizer.lambda` holds the `context` the
 *   authorizer returned, any JSON; `null` when it returned none (read as `{}`).
 */
export interface LambdaCaller {
  readonly type: 'lambda';
  /** The principal a REST API's Lambda authorizer returned; HTTP APIs pass none. */
  readonly principalId: string | undefined;
  /** What the authorizer returned as `context`. */
  readonly context: CallerClaims;
}

/**
 * A JSON Web Token was verified by API Gateway: an HTTP API JWT authorizer
 * (`authorizer.jwt.claims`, `authorizer.jwt.scopes`), a REST API Cognito user pool or JWT
 * authorizer (`authorizer.claims`), or an HTTP API JWT authorizer on payload 1.0
 * (`authorizer.claims`, `authorizer.scopes`).
 */
export interface JwtCaller {
  readonly type: 'jwt';
  /**
   * The token's claims as API Gateway passed them. HTTP API and Cognito user pool authorizers
   * pass every value as a string (`"exp": "1718722804"`, an array as `"[a b]"`); a REST API JWT
   * authorizer passes each with its JSON type.
   */
  readonly claims: CallerClaims;
  /**
   * The token's scopes: the authorizer's `scopes` list when it gives one, else the `scope` claim
   * (space-separated, RFC 8693 and RFC 9068) or the `scp` claim, split; `[]` when none.
   */
  readonly scopes: readonly string[];
}

/** The Amazon Cognito identity (identity pool) whose credentials signed a request. */
export interface CognitoIdentity {
  readonly identityId: string | undefined;
  readonly identityPoolId: string | undefined;
  /**
   * How the identity authenticated: an HTTP API's `cognitoIdentity.amr`; for a REST API,
   * `cognitoAuthenticationType` (`authenticated`) followed by each of the comma-separated
   * `cognitoAuthenticationProvider` entries, which is the same list.
   */
  readonly amr: readonly string[];
}

/**
 * The request was signed with AWS credentials (Signature Version 4) and API Gateway or the
 * Function URL checked them: `authorizer.iam` for HTTP APIs and Function URLs,
 * `requestContext.identity` for REST APIs. The same names for both; a REST API's `caller` is
 * `callerId` here and its `user` is `userId`.
 */
export interface IamCaller {
  readonly type: 'iam';
  readonly accessKey: string | undefined;
  readonly accountId: string | undefined;
  /** The principal that signed the request (REST: `caller`). */
  readonly callerId: string | undefined;
  /** The principal authorized against the resource (REST: `user`). */
  readonly userId: string | undefined;
  /** The ARN of the effective user, e.g. `arn:aws:sts::123456789012:assumed-role/Admin/ada`. */
  readonly userArn: string | undefined;
  /** The AWS Organizations id of the caller's account. */
  readonly principalOrgId: string | undefined;
  /** Present when the credentials came from an Amazon Cognito identity pool. */
  readonly cognitoIdentity: CognitoIdentity | undefined;
}

/**
 * An Application Load Balancer authenticated the user (OIDC or Cognito) and signed the user's
 * claims in the `x-amzn-oidc-data` header; the claims are what the `verifyOidc` option returned
 * after checking that signature. gatefold never reads the token itself.
 */
export interface OidcCaller {
  readonly type: 'oidc';
  readonly claims: CallerClaims;
}

/** No authorizer ran, or none that the event says anything about. */
export interface NoCaller {
  readonly type: 'none';
}

/** The caller of a request, as one shape per authorizer type. */
export type CallerIdentity = LambdaCaller | JwtCaller | IamCaller | OidcCaller | NoCaller;

/** The authorizer types: `CallerIdentity['type']`. */
export type CallerType = CallerIdentity['type'];

/** Every authorizer type, in the order they are documented. */
export const CALLER_TYPES: readonly CallerType[] = Object.freeze([
  'lambda',
  'jwt',
  'iam',
  'oidc',
  'none',
] as const);
