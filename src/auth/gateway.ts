/**
 * The caller of an API Gateway or Function URL request, read from what the event carried
 * (`HttpRequest.authorizer`, and a REST API's `HttpRequest.identity`). Read only when asked, so
 * a request whose handler never asks pays nothing. Reading never throws: a field of the wrong type
 * is read as absent, and the shape still says which authorizer ran.
 */
import type { HttpRequest } from '../request.js';
import type {
  CallerClaims,
  CallerIdentity,
  CognitoIdentity,
  IamCaller,
  JwtCaller,
  LambdaCaller,
  NoCaller,
} from './caller.js';
import { asRecord, asString, emptyMap } from '../_internals/fields.js';

/** The caller of a request no authorizer let through. */
export const NO_CALLER: NoCaller = Object.freeze({ type: 'none' });

const NO_CLAIMS: CallerClaims = Object.freeze(emptyMap<never>());
const NO_SCOPES: readonly string[] = Object.freeze([]);

/** A string, a number or boolean as its text; `undefined` for anything else and for `""`. */
function text(value: unknown): string | undefined {
  const read = asString(value);
  return read === '' ? undefined : read;
}

/** The text entries of a list (numbers and booleans as their text), frozen. */
function texts(values: readonly unknown[]): readonly string[] {
  const out: string[] = [];
  for (const value of values) {
    const read = text(value);
    if (read !== undefined) out.push(read);
  }
  return Object.freeze(out);
}

/**
 * A frozen copy that inherits nothing, so that a claim named `constructor` or `__proto__` is an
 * ordinary key, as in the request's maps. `skip` names members that are not the caller's.
 */
function copied(
  record: Readonly<Record<string, unknown>>,
  skip?: ReadonlySet<string>,
): CallerClaims {
  const out = emptyMap<unknown>();
  let empty = true;
  for (const key of Object.keys(record)) {
    if (skip?.has(key) === true) continue;
    out[key] = record[key];
    empty = false;
  }
  return empty ? NO_CLAIMS : Object.freeze(out);
}

/**
 * A scope claim split into scopes: a space-separated string (`scope`, RFC 8693 section 4.2 and
 * RFC 9068), or a list (`scp` as some providers issue it, and any claim a REST API JWT authorizer
 * passes with its JSON type). `undefined` when the claim is neither.
 */
function scopeClaim(value: unknown): readonly string[] | undefined {
  if (typeof value === 'string') {
    const scopes = value.split(/[ \t\r\n]+/).filter((scope) => scope !== '');
    return scopes.length === 0 ? NO_SCOPES : Object.freeze(scopes);
  }
  return Array.isArray(value) ? texts(value as unknown[]) : undefined;
}

/**
 * The token's scopes: the authorizer's own list when it gives one (an HTTP API JWT authorizer
 * fills `jwt.scopes` for a route that requires scopes, and sends `null` otherwise), else the
 * `scope` claim, else `scp`.
 */
function scopesOf(
  listed: unknown,
  claims: Readonly<Record<string, unknown>> | undefined,
): readonly string[] {
  if (Array.isArray(listed)) return texts(listed as unknown[]);
  if (claims === undefined) return NO_SCOPES;
  return scopeClaim(claims['scope']) ?? scopeClaim(claims['scp']) ?? NO_SCOPES;
}

/** A JWT caller from an object holding `claims` and perhaps `scopes`. */
function jwtCaller(holder: Readonly<Record<string, unknown>> | undefined): JwtCaller {
  const claims = asRecord(holder?.['claims']);
  return Object.freeze({
    type: 'jwt',
    claims: claims === undefined ? NO_CLAIMS : copied(claims),
    scopes: scopesOf(holder?.['scopes'], claims),
  });
}

/** What API Gateway adds beside a REST API Lambda authorizer's context entries. */
const NOT_CONTEXT: ReadonlySet<string> = new Set(['principalId', 'integrationLatency']);

/**
 * A REST API Lambda authorizer's caller: `principalId`, and its context entries, which API
 * Gateway puts beside it in `requestContext.authorizer` ("Output from an API Gateway Lambda
 * authorizer"), together with its own `integrationLatency` (the authorizer's latency in
 * milliseconds: "$context.authorizer.integrationLatency", API Gateway context variables).
 */
function restLambdaCaller(authorizer: Readonly<Record<string, unknown>>): LambdaCaller {
  return Object.freeze({
    type: 'lambda',
    principalId: text(authorizer['principalId']),
    context: copied(authorizer, NOT_CONTEXT),
  });
}

/** An HTTP API Lambda authorizer's caller: the context in `authorizer.lambda`. */
function httpLambdaCaller(authorizer: Readonly<Record<string, unknown>>): LambdaCaller {
  const context = asRecord(authorizer['lambda']);
  return Object.freeze({
    type: 'lambda',
    principalId: text(authorizer['principalId']),
    context: context === undefined ? NO_CLAIMS : copied(context),
  });
}

/** An IAM caller from its fields, named as HTTP APIs name them. */
function iamCaller(
  fields: {
    readonly accessKey: unknown;
    readonly accountId: unknown;
    readonly callerId: unknown;
    readonly userId: unknown;
    readonly userArn: unknown;
    readonly principalOrgId: unknown;
  },
  cognitoIdentity: CognitoIdentity | undefined,
): IamCaller {
  return Object.freeze({
    type: 'iam',
    accessKey: text(fields.accessKey),
    accountId: text(fields.accountId),
    callerId: text(fields.callerId),
    userId: text(fields.userId),
    userArn: text(fields.userArn),
    principalOrgId: text(fields.principalOrgId),
    cognitoIdentity,
  });
}

/** An HTTP API's or Function URL's `authorizer.iam` (`{}` or `null` read as an empty caller). */
function httpIamCaller(iam: Readonly<Record<string, unknown>> | undefined): IamCaller {
  const cognito = asRecord(iam?.['cognitoIdentity']);
  const amr = cognito?.['amr'];
  return iamCaller(
    {
      accessKey: iam?.['accessKey'],
      accountId: iam?.['accountId'],
      callerId: iam?.['callerId'],
      userId: iam?.['userId'],
      userArn: iam?.['userArn'],
      principalOrgId: iam?.['principalOrgId'],
    },
    cognito === undefined
      ? undefined
      : Object.freeze({
          identityId: text(cognito['identityId']),
          identityPoolId: text(cognito['identityPoolId']),
          amr: Array.isArray(amr) ? texts(amr as unknown[]) : NO_SCOPES,
        }),
  );
}

/**
 * Whether a REST API's `requestContext.identity` names an IAM caller. Its caller fields are
 * `null` unless the request was signed with AWS credentials ("Supported for resources that use
 * IAM authorization", API Gateway context variables; the powertools no-auth and authorizer
 * captures hold them all `null`).
 */
function signedWithIam(identity: Readonly<Record<string, unknown>>): boolean {
  return (
    text(identity['userArn']) !== undefined ||
    text(identity['accessKey']) !== undefined ||
    text(identity['caller']) !== undefined ||
    text(identity['user']) !== undefined
  );
}

/** A REST API's IAM caller, from `requestContext.identity`, in the HTTP API's names. */
function restIamCaller(identity: Readonly<Record<string, unknown>>): IamCaller {
  const identityId = text(identity['cognitoIdentityId']);
  const identityPoolId = text(identity['cognitoIdentityPoolId']);
  let cognitoIdentity: CognitoIdentity | undefined;
  if (identityId !== undefined || identityPoolId !== undefined) {
    const amr: string[] = [];
    const type = text(identity['cognitoAuthenticationType']);
    if (type !== undefined) amr.push(type);
    for (const provider of (text(identity['cognitoAuthenticationProvider']) ?? '').split(',')) {
      if (provider.trim() !== '') amr.push(provider.trim());
    }
    cognitoIdentity = Object.freeze({ identityId, identityPoolId, amr: Object.freeze(amr) });
  }
  return iamCaller(
    {
      accessKey: identity['accessKey'],
      accountId: identity['accountId'],
      callerId: identity['caller'],
      userId: identity['user'],
      userArn: identity['userArn'],
      principalOrgId: identity['principalOrgId'],
    },
    cognitoIdentity,
  );
}

/**
 * A payload 1.0 event's caller (REST APIs, and HTTP APIs on payload 1.0). A `claims` object is a
 * Cognito user pool or JWT authorizer's: a Lambda authorizer's context cannot hold an object
 * ("you cannot set a JSON object or array as a valid value of any key in the context map"), so
 * it is checked first. A `principalId` is a Lambda authorizer's, which must return one. Else an
 * IAM-signed request's `identity`.
 */
function payload1Caller(request: HttpRequest): CallerIdentity {
  const authorizer = request.authorizer;
  if (authorizer !== undefined) {
    if (asRecord(authorizer['claims']) !== undefined) return jwtCaller(authorizer);
    if (Object.hasOwn(authorizer, 'principalId')) return restLambdaCaller(authorizer);
  }
  const identity = request.identity;
  return identity !== undefined && signedWithIam(identity) ? restIamCaller(identity) : NO_CALLER;
}

/**
 * A payload 2.0 event's caller (HTTP APIs, Function URLs): one member of
 * `requestContext.authorizer` per authorizer type, `jwt`, `lambda` or `iam`. The member's presence
 * says which ran, even when its value cannot be read (`lambda: null` when a Lambda authorizer
 * returned no context).
 */
function payload2Caller(authorizer: Readonly<Record<string, unknown>> | undefined): CallerIdentity {
  if (authorizer === undefined) return NO_CALLER;
  if (Object.hasOwn(authorizer, 'jwt')) return jwtCaller(asRecord(authorizer['jwt']));
  if (Object.hasOwn(authorizer, 'lambda')) return httpLambdaCaller(authorizer);
  if (Object.hasOwn(authorizer, 'iam')) return httpIamCaller(asRecord(authorizer['iam']));
  return NO_CALLER;
}

/** @internal The caller of an API Gateway or Function URL request (an ALB's is `none`). */
export function gatewayCaller(request: HttpRequest): CallerIdentity {
  if (request.kind === 'rest') return payload1Caller(request);
  if (request.kind === 'http' || request.kind === 'function-url') {
    return payload2Caller(request.authorizer);
  }
  return NO_CALLER;
}
