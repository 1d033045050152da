import { describe, expectTypeOf, it } from 'vitest';
import type { HttpRequest } from '../../src/index.js';
import type {
  CallerClaims,
  CallerIdentity,
  CallerType,
  CognitoIdentity,
  IamCaller,
  JwtCaller,
  LambdaCaller,
  OidcCaller,
} from '../../src/auth/index.js';
import { callerOf } from '../../src/auth/index.js';

declare const request: HttpRequest;
declare const caller: CallerIdentity;

describe('CallerIdentity', () => {
  it('is a union discriminated by type', () => {
    expectTypeOf<CallerType>().toEqualTypeOf<'lambda' | 'jwt' | 'iam' | 'oidc' | 'none'>();
    expectTypeOf<Extract<CallerIdentity, { type: 'jwt' }>>().toEqualTypeOf<JwtCaller>();
    expectTypeOf<Extract<CallerIdentity, { type: 'none' }>>().toEqualTypeOf<{
      readonly type: 'none';
    }>();
  });

  it('narrows on type to each shape', () => {
    if (caller.type === 'jwt') {
      expectTypeOf(caller.claims).toEqualTypeOf<CallerClaims>();
      expectTypeOf(caller.scopes).toEqualTypeOf<readonly string[]>();
    }
    if (caller.type === 'lambda') {
      expectTypeOf(caller).toEqualTypeOf<LambdaCaller>();
      expectTypeOf(caller.principalId).toEqualTypeOf<string | undefined>();
      expectTypeOf(caller.context).toEqualTypeOf<Readonly<Record<string, unknown>>>();
    }
    if (caller.type === 'iam') {
      expectTypeOf(caller).toEqualTypeOf<IamCaller>();
      expectTypeOf(caller.userArn).toEqualTypeOf<string | undefined>();
      expectTypeOf(caller.cognitoIdentity).toEqualTypeOf<CognitoIdentity | undefined>();
    }
    if (caller.type === 'oidc') expectTypeOf(caller).toEqualTypeOf<OidcCaller>();
  });

  it('is read-only', () => {
    // @ts-expect-error: the caller cannot be changed
    caller.type = 'none';
    const jwt = {} as JwtCaller;
    // @ts-expect-error: nor its scopes
    // eslint-disable-next-line @typescript-eslint/no-unsafe-call -- push does not exist here
    jwt.scopes.push('admin');
    // @ts-expect-error: nor its claims
    jwt.claims['sub'] = 'admin';
  });

  it('the same field names for the same meaning across shapes', () => {
    expectTypeOf<JwtCaller['claims']>().toEqualTypeOf<OidcCaller['claims']>();
    expectTypeOf<keyof IamCaller>().toEqualTypeOf<
      | 'type'
      | 'accessKey'
      | 'accountId'
      | 'callerId'
      | 'userId'
      | 'userArn'
      | 'principalOrgId'
      | 'cognitoIdentity'
    >();
  });
});

describe('callerOf', () => {
  it('answers at once without a verifier, or with one that answers at once', () => {
    expectTypeOf(callerOf(request)).toEqualTypeOf<CallerIdentity>();
    expectTypeOf(callerOf(request, {})).toEqualTypeOf<CallerIdentity>();
    expectTypeOf(
      callerOf(request, { verifyOidc: (token: string) => ({ sub: token }) }),
    ).toEqualTypeOf<CallerIdentity>();
  });

  it('may answer with a promise when the verifier is asynchronous', () => {
    expectTypeOf(
      callerOf(request, { verifyOidc: (token: string) => Promise.resolve({ sub: token }) }),
    ).toEqualTypeOf<CallerIdentity | Promise<CallerIdentity>>();
    const verifyOidc = (token: string): Promise<CallerClaims> | CallerClaims => ({ sub: token });
    expectTypeOf(callerOf(request, { verifyOidc })).toEqualTypeOf<
      CallerIdentity | Promise<CallerIdentity>
    >();
  });

  it('takes a verifier of the token and the request, returning claims', () => {
    // @ts-expect-error: a verifier returns claims, not a string
    void callerOf(request, { verifyOidc: (token: string) => token });
    // @ts-expect-error: the token is a string
    void callerOf(request, { verifyOidc: (token: number) => ({ token }) });
    callerOf(request, { verifyOidc: (_token, req) => ({ path: req.path }) });
  });
});
