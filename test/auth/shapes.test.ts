/**
 * `callerOf` on shapes the fixtures do not show: hostile and partial authorizers, numbers where
 * strings belong, keys that name prototype members, and the variants AWS documents (Cognito
 * identity pools, access-token scopes, stringified Lambda contexts, payload 1.0 from HTTP APIs).
 * Every one gives a clear shape or `none`; none throws.
 */
import { describe, expect, it } from 'vitest';
import type { CallerIdentity } from '../../src/auth/index.js';
import { callerOf } from '../../src/auth/index.js';
import { INTEGRATION_EVENT_VERSION, readIntegrationEvent } from '../../src/integration/event.js';
import { albEvent, httpApiEvent, restApiEvent } from '../../src/testing/index.js';
import { inheritsNothing, plainCaller, readRequest } from './support.js';

const NONE: CallerIdentity = { type: 'none' };
const EMPTY_IAM: CallerIdentity = {
  type: 'iam',
  accessKey: undefined,
  accountId: undefined,
  callerId: undefined,
  userId: undefined,
  userArn: undefined,
  principalOrgId: undefined,
  cognitoIdentity: undefined,
};

/** An HTTP API event (payload 2.0) whose `requestContext.authorizer` is `authorizer`, read. */
async function httpCaller(authorizer: unknown): Promise<unknown> {
  const event = httpApiEvent({ path: '/orders' });
  const request = await readRequest({
    ...event,
    requestContext: { ...event.requestContext, authorizer },
  });
  return plainCaller(callerOf(request));
}

/**
 * A REST API event whose `requestContext.authorizer` is `authorizer` (absent when `undefined`)
 * and whose `identity` has `identity`'s members over the builder's anonymous one.
 */
async function restCaller(
  authorizer: unknown,
  identity: unknown = {},
  top: Readonly<Record<string, unknown>> = {},
): Promise<unknown> {
  const event = restApiEvent({ path: '/orders' });
  const requestContext: Record<string, unknown> = {
    ...event.requestContext,
    identity:
      typeof identity === 'object' && identity !== null
        ? { ...event.requestContext.identity, ...identity }
        : identity,
  };
  if (authorizer === undefined) delete requestContext['authorizer'];
  else requestContext['authorizer'] = authorizer;
  return plainCaller(callerOf(await readRequest({ ...event, ...top, requestContext })));
}

describe('HTTP APIs and Function URLs (payload 2.0): hostile and partial authorizers', () => {
  it.each<[string, unknown, CallerIdentity]>([
    ['authorizer null', null, NONE],
    ['authorizer a string', 'jwt', NONE],
    ['authorizer an array', [{ jwt: {} }], NONE],
    ['authorizer empty', {}, NONE],
    [
      'a REST-shaped authorizer (claims) is not read from payload 2.0',
      { claims: { sub: 'u' } },
      NONE,
    ],
    [
      'jwt null: a JWT caller with nothing known',
      { jwt: null },
      { type: 'jwt', claims: {}, scopes: [] },
    ],
    [
      'claims not an object, scopes not an array',
      { jwt: { claims: 'sub=u-1', scopes: 'orders/read' } },
      { type: 'jwt', claims: {}, scopes: [] },
    ],
    [
      'claims an array',
      { jwt: { claims: ['sub'], scopes: null } },
      { type: 'jwt', claims: {}, scopes: [] },
    ],
    [
      'scopes with non-strings: numbers and booleans as text, the rest dropped',
      { jwt: { claims: {}, scopes: ['orders/read', 2, true, null, {}, [], ''] } },
      { type: 'jwt', claims: {}, scopes: ['orders/read', '2', 'true'] },
    ],
    [
      'scopes null: the scope claim split on white space (an access token, DefinitelyTyped#75458)',
      {
        jwt: {
          claims: { sub: 'u-1', scope: ' test-frameo-id/scope1  test-frameo-id/scope2\t' },
          scopes: null,
        },
      },
      {
        type: 'jwt',
        claims: { sub: 'u-1', scope: ' test-frameo-id/scope1  test-frameo-id/scope2\t' },
        scopes: ['test-frameo-id/scope1', 'test-frameo-id/scope2'],
      },
    ],
    [
      'the listed scopes win over the scope claim',
      { jwt: { claims: { scope: 'a b c' }, scopes: ['b'] } },
      { type: 'jwt', claims: { scope: 'a b c' }, scopes: ['b'] },
    ],
    [
      'no scope claim: scp, as a list',
      { jwt: { claims: { scp: ['orders.read', 7] } } },
      { type: 'jwt', claims: { scp: ['orders.read', 7] }, scopes: ['orders.read', '7'] },
    ],
    [
      'a scope claim that is a number: not scopes',
      { jwt: { claims: { scope: 42 }, scopes: null } },
      { type: 'jwt', claims: { scope: 42 }, scopes: [] },
    ],
    [
      'claims keep their values as sent, an array claim in its bracket text included',
      { jwt: { claims: { 'cognito:groups': '[admin editors]', exp: 1718722804 }, scopes: null } },
      {
        type: 'jwt',
        claims: { 'cognito:groups': '[admin editors]', exp: 1718722804 },
        scopes: [],
      },
    ],
    [
      'lambda a string: a Lambda caller with no context',
      { lambda: 'ok' },
      { type: 'lambda', principalId: undefined, context: {} },
    ],
    [
      'lambda an array',
      { lambda: [1, 2] },
      { type: 'lambda', principalId: undefined, context: {} },
    ],
    [
      'lambda context of any JSON',
      { lambda: { tenant: 't-1', roles: ['admin'], limits: { rpm: 10 }, beta: true } },
      {
        type: 'lambda',
        principalId: undefined,
        context: { tenant: 't-1', roles: ['admin'], limits: { rpm: 10 }, beta: true },
      },
    ],
    ['iam null', { iam: null }, EMPTY_IAM],
    ['iam a number', { iam: 7 }, EMPTY_IAM],
    [
      'iam with numbers where strings belong, objects where strings belong, empty strings',
      {
        iam: {
          accessKey: '',
          accountId: 123456789012,
          callerId: true,
          userId: null,
          userArn: { arn: 'x' },
          principalOrgId: ['o-1'],
          cognitoIdentity: 'us-east-1:abc',
        },
      },
      { ...EMPTY_IAM, accountId: '123456789012', callerId: 'true' },
    ],
    [
      'iam with a cognitoIdentity whose amr is not a list',
      {
        iam: {
          userArn: 'arn:aws:iam::1:user/a',
          cognitoIdentity: { amr: 'authenticated', identityId: 5 },
        },
      },
      {
        ...EMPTY_IAM,
        userArn: 'arn:aws:iam::1:user/a',
        cognitoIdentity: { identityId: '5', identityPoolId: undefined, amr: [] },
      },
    ],
    [
      'two authorizer members: jwt, then lambda, then iam',
      {
        iam: { userArn: 'arn:aws:iam::1:user/a' },
        lambda: { a: 1 },
        jwt: { claims: { sub: 'u' } },
      },
      { type: 'jwt', claims: { sub: 'u' }, scopes: [] },
    ],
  ])('%s', async (_, authorizer, expected) => {
    expect(await httpCaller(authorizer)).toStrictEqual(expected);
  });

  it('claims named after prototype members are ordinary keys of a map that inherits nothing', async () => {
    const authorizer = JSON.parse(
      '{"jwt":{"claims":{"__proto__":{"admin":true},"constructor":"c","toString":"t"},"scopes":null}}',
    ) as unknown;
    const event = httpApiEvent({ path: '/orders' });
    const request = await readRequest({
      ...event,
      requestContext: { ...event.requestContext, authorizer },
    });
    const caller = callerOf(request);
    expect(caller.type).toBe('jwt');
    if (caller.type !== 'jwt') return;
    expect(Object.keys(caller.claims)).toStrictEqual(['__proto__', 'constructor', 'toString']);
    expect(caller.claims['__proto__']).toStrictEqual({ admin: true });
    expect(caller.claims['constructor']).toBe('c');
    expect(inheritsNothing(caller.claims)).toBe(true);
    expect(({} as Record<string, unknown>)['admin']).toBeUndefined();
  });

  it('the claims are a frozen copy: the event can change, the caller does not', async () => {
    const claims: Record<string, unknown> = { sub: 'u-1' };
    const event = httpApiEvent({ path: '/orders' });
    const request = await readRequest({
      ...event,
      requestContext: { ...event.requestContext, authorizer: { jwt: { claims, scopes: null } } },
    });
    const caller = callerOf(request);
    claims['sub'] = 'u-2';
    expect(caller).toMatchObject({ type: 'jwt', claims: { sub: 'u-1' } });
    expect(Object.isFrozen(caller.type === 'jwt' ? caller.claims : undefined)).toBe(true);
  });
});

describe('REST APIs (payload 1.0): hostile, partial and documented shapes', () => {
  it.each<[string, unknown, unknown, CallerIdentity]>([
    ['authorizer null, anonymous identity', null, {}, NONE],
    ['claims a string: not a JWT caller', { claims: 'sub=u' }, {}, NONE],
    ['claims an array', { claims: ['sub'] }, {}, NONE],
    [
      'a Lambda authorizer: principalId beside its context, integrationLatency dropped',
      // The shape DefinitelyTyped#69823 observed: every context value a string, null kept.
      {
        principalId: 'my-username',
        str: 'hello',
        num: '123',
        bool: 'true',
        null: null,
        integrationLatency: 0,
      },
      {},
      {
        type: 'lambda',
        principalId: 'my-username',
        context: { str: 'hello', num: '123', bool: 'true', null: null },
      },
    ],
    [
      'a principalId that is a number, context keys named like payload 2.0 members',
      { principalId: 42, jwt: 'x', iam: 'y', lambda: 'z' },
      {},
      { type: 'lambda', principalId: '42', context: { jwt: 'x', iam: 'y', lambda: 'z' } },
    ],
    [
      'a principalId that is null',
      { principalId: null },
      {},
      { type: 'lambda', principalId: undefined, context: {} },
    ],
    [
      'a Cognito access token: the scope claim split',
      {
        claims: {
          sub: 'u-1',
          token_use: 'access',
          scope: 'aws.cognito.signin.user.admin orders/read',
          'cognito:groups': 'admin,editors',
        },
      },
      {},
      {
        type: 'jwt',
        claims: {
          sub: 'u-1',
          token_use: 'access',
          scope: 'aws.cognito.signin.user.admin orders/read',
          'cognito:groups': 'admin,editors',
        },
        scopes: ['aws.cognito.signin.user.admin', 'orders/read'],
      },
    ],
    [
      'a REST API JWT authorizer: claims with their JSON types, scope as a list',
      { claims: { iat: 1516239022, roles: ['user', 'editor'], scope: ['orders:read'] } },
      {},
      {
        type: 'jwt',
        claims: { iat: 1516239022, roles: ['user', 'editor'], scope: ['orders:read'] },
        scopes: ['orders:read'],
      },
    ],
    [
      'an authorizer with neither claims nor principalId: the identity decides',
      { integrationLatency: 3 },
      {},
      NONE,
    ],
    ['identity null', undefined, null, NONE],
    ['identity a string', undefined, 'caller', NONE],
    ['identity with empty caller fields', undefined, { userArn: '', caller: '' }, NONE],
    [
      'an IAM caller with a Cognito identity pool: amr from the authentication type and providers',
      undefined,
      {
        accessKey: 'ASIAEXAMPLE',
        accountId: '123456789012',
        caller: 'AROAEXAMPLE:CognitoIdentityCredentials',
        user: 'AROAEXAMPLE:CognitoIdentityCredentials',
        userArn:
          'arn:aws:sts::123456789012:assumed-role/Cognito_Auth_Role/CognitoIdentityCredentials',
        cognitoIdentityId: 'us-east-1:11111111-2222-3333-4444-555555555555',
        cognitoIdentityPoolId: 'us-east-1:66666666-7777-8888-9999-000000000000',
        cognitoAuthenticationType: 'authenticated',
        cognitoAuthenticationProvider:
          'cognito-idp.us-east-1.amazonaws.com/us-east-1_aaaaaaaaa,cognito-idp.us-east-1.amazonaws.com/us-east-1_aaaaaaaaa:CognitoSignIn:u-1',
        principalOrgId: 'o-exampleorgid',
      },
      {
        type: 'iam',
        accessKey: 'ASIAEXAMPLE',
        accountId: '123456789012',
        callerId: 'AROAEXAMPLE:CognitoIdentityCredentials',
        userId: 'AROAEXAMPLE:CognitoIdentityCredentials',
        userArn:
          'arn:aws:sts::123456789012:assumed-role/Cognito_Auth_Role/CognitoIdentityCredentials',
        principalOrgId: 'o-exampleorgid',
        cognitoIdentity: {
          identityId: 'us-east-1:11111111-2222-3333-4444-555555555555',
          identityPoolId: 'us-east-1:66666666-7777-8888-9999-000000000000',
          amr: [
            'authenticated',
            'cognito-idp.us-east-1.amazonaws.com/us-east-1_aaaaaaaaa',
            'cognito-idp.us-east-1.amazonaws.com/us-east-1_aaaaaaaaa:CognitoSignIn:u-1',
          ],
        },
      },
    ],
    [
      'an IAM caller known only by a numeric user field',
      undefined,
      { user: 12345 },
      { ...EMPTY_IAM, userId: '12345' },
    ],
    [
      'a Lambda authorizer wins over an identity with IAM fields',
      { principalId: 'u-1' },
      { userArn: 'arn:aws:iam::1:user/a' },
      { type: 'lambda', principalId: 'u-1', context: {} },
    ],
  ])('%s', async (_, authorizer, identity, expected) => {
    expect(await restCaller(authorizer, identity)).toStrictEqual(expected);
  });

  it('an HTTP API on payload 1.0 without an authorizer: claims and scopes null', async () => {
    // The payload 1.0 example of "Create AWS Lambda proxy integrations for HTTP APIs".
    expect(await restCaller({ claims: null, scopes: null }, {}, { version: '1.0' })).toStrictEqual(
      NONE,
    );
  });

  it('an HTTP API on payload 1.0 with a JWT authorizer: claims and scopes side by side', async () => {
    expect(
      await restCaller(
        { claims: { sub: 'u-1', scope: 'a b' }, scopes: ['orders/read'] },
        {},
        { version: '1.0' },
      ),
    ).toStrictEqual({ type: 'jwt', claims: { sub: 'u-1', scope: 'a b' }, scopes: ['orders/read'] });
  });

  it('a custom integration request: the principal its template passed', () => {
    const { request } = readIntegrationEvent(
      {
        gatefold: INTEGRATION_EVENT_VERSION,
        method: 'GET',
        resource: '%2Forders',
        principalId: 'user%7C1',
        params: { path: {}, querystring: {}, header: {} },
      },
      undefined,
    );
    expect(request.identity).toBeUndefined();
    expect(plainCaller(callerOf(request))).toStrictEqual({
      type: 'lambda',
      principalId: 'user|1',
      context: {},
    });
  });
});

describe('OIDC headers outside an ALB', () => {
  it('are what a client sent, and never read', async () => {
    const headers = { 'x-amzn-oidc-data': 'a.b.c', 'x-amzn-oidc-identity': 'u-1' };
    const rest = await readRequest(restApiEvent({ headers }));
    const http = await readRequest(httpApiEvent({ headers }));
    const verifyOidc = (): never => {
      throw new Error('never called');
    };
    expect(callerOf(rest, { verifyOidc })).toStrictEqual(NONE);
    expect(callerOf(http, { verifyOidc })).toStrictEqual(NONE);
  });

  it('an ALB request without them has no caller, verifier or not', async () => {
    const request = await readRequest(albEvent({ headers: { 'x-amzn-oidc-identity': 'u-1' } }));
    expect(callerOf(request)).toStrictEqual(NONE);
    expect(callerOf(request, { verifyOidc: () => ({ sub: 'u-1' }) })).toStrictEqual(NONE);
  });
});
