/**
 * Every real request payload in `test/fixtures/aws-events/`, read by `toLambda`'s readers and
 * normalised by `callerOf`: the whole caller each one yields. docs/auth.md has the same table.
 */
import { describe, expect, it } from 'vitest';
import type { CallerIdentity } from '../../src/auth/index.js';
import { callerOf } from '../../src/auth/index.js';
import { loadFixture, requestFixtureFiles } from '../support/fixtures.js';
import { inheritsNothing, plainCaller, readRequest } from './support.js';

const NONE: CallerIdentity = { type: 'none' };

/** An IAM caller whose every field is absent: the Function URL captures, redacted to `iam: {}`. */
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

/** The claims of the Cognito id token in both powertools JWT captures, as the HTTP API sent them. */
const HTTP_COGNITO_CLAIMS = {
  aud: '3nkoep4151b7umeggnottc30u9',
  auth_time: '1718636404',
  'cognito:username': 'aamorosi',
  event_id: 'c7f6cc62-c476-4c6a-ba5b-745244dfe5ee',
  exp: '1718722804',
  iat: '1718636404',
  iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_y0bLG4i27',
  jti: '13727aba-89e6-4896-bd9e-8cbc0f478f9c',
  origin_jti: '37cc02cf-5c14-4636-beb3-4f8ca887935b',
  sub: 'd2f50444-0041-7036-aea2-a955fca33d37',
  token_use: 'id',
};

/** Every request fixture and the caller it yields. */
const CALLERS: Readonly<Record<string, CallerIdentity>> = {
  // ALB events without OIDC headers: no authentication action ran.
  'aws-lambda-go/alb-lambda-target-request-headers-only.json': NONE,
  'aws-lambda-go/alb-lambda-target-request-multivalue-headers.json': NONE,
  'powertools-lambda-typescript/alb/multi-fields.json': NONE,
  // REST API Lambda authorizer (a documentation example: real events stringify the number, and
  // its identity's placeholder IAM fields do not make it an IAM caller).
  'aws-lambda-go/apigw-request.json': {
    type: 'lambda',
    principalId: 'admin',
    context: { clientId: 1, clientName: 'Exata' },
  },
  'aws-lambda-go/apigw-v2-request-iam.json': {
    type: 'iam',
    accessKey: 'ARIA2ZJZYVUEREEIHAKY',
    accountId: '1234567890',
    callerId: 'AROA7ZJZYVRE7C3DUXHH6:CognitoIdentityCredentials',
    userId: 'AROA2ZJZYVRE7Y3TUXHH6',
    userArn: 'arn:aws:iam::1234567890:user/Admin',
    principalOrgId: 'AwsOrgId',
    cognitoIdentity: {
      identityId: 'us-east-1:3f291106-8703-466b-8f2b-3ecee1ca56ce',
      identityPoolId: 'us-east-1:4f291106-8703-466b-8f2b-3ecee1ca56ce',
      amr: ['foo'],
    },
  },
  'aws-lambda-go/apigw-v2-request-jwt-authorizer.json': {
    type: 'jwt',
    claims: { claim1: 'value1', claim2: 'value2' },
    scopes: ['scope1', 'scope2'],
  },
  'aws-lambda-go/apigw-v2-request-lambda-authorizer.json': {
    type: 'lambda',
    principalId: undefined,
    context: { key: 'value' },
  },
  'aws-lambda-go/apigw-v2-request-no-authorizer.json': NONE,
  // Function URLs with AuthType AWS_IAM, captured and redacted to `iam: {}`: the authorizer says
  // IAM checked the request; what it found is gone.
  'aws-lambda-go/function-url-domain-only-get-request.json': EMPTY_IAM,
  'aws-lambda-go/function-url-domain-only-request-with-base64-encoded-body.json': EMPTY_IAM,
  'aws-lambda-go/function-url-request-with-headers-and-cookies-and-text-body.json': EMPTY_IAM,
  'aws-lambda-go/lambda-urls-request.json': {
    type: 'iam',
    accessKey: 'AKIA...',
    accountId: '111122223333',
    callerId: 'AIDA...',
    userId: 'AIDA...',
    userArn: 'arn:aws:iam::111122223333:user/example-user',
    principalOrgId: undefined,
    cognitoIdentity: undefined,
  },
  // REST API without an authorizer: the identity's caller fields are all null.
  'aws-sam-cli/event.json': NONE,
  'powertools-lambda-typescript/apigw-http/iam-auth.json': {
    type: 'iam',
    accessKey: 'ABCAXZWZ5ZDPIFV7JHWH',
    accountId: '123456789012',
    callerId: 'ABCAXZWZ5ZDPNIH6C6ODK:aamorosi',
    userId: 'ABCOAXZWZ5ZDPNIH6C6ODK:aamorosi',
    userArn: 'arn:aws:sts::123456789012:assumed-role/Admin/aamorosi',
    principalOrgId: undefined,
    cognitoIdentity: undefined,
  },
  // An id token: no scope claim, and `jwt.scopes` null.
  'powertools-lambda-typescript/apigw-http/jwt-authorizer-auth.json': {
    type: 'jwt',
    claims: HTTP_COGNITO_CLAIMS,
    scopes: [],
  },
  // A Lambda authorizer that returned no context: `lambda: null`.
  'powertools-lambda-typescript/apigw-http/lambda-authorizer-auth.json': {
    type: 'lambda',
    principalId: undefined,
    context: {},
  },
  // The console's Test button signs with the console user's credentials.
  'powertools-lambda-typescript/apigw-rest/console-test-ui.json': {
    type: 'iam',
    accessKey: 'ABCAXZWZ5ZDPFDRIWYXX',
    accountId: '123456789012',
    callerId: 'ABCAXZWZ5ZDPNIH6C6ODK:aamorosi',
    userId: 'ABCAXZWZ5ZDPNIH6C6ODK:aamorosi',
    userArn: 'arn:aws:sts::123456789012:assumed-role/Admin/aamorosi',
    principalOrgId: undefined,
    cognitoIdentity: undefined,
  },
  'powertools-lambda-typescript/apigw-rest/iam-auth.json': {
    type: 'iam',
    accessKey: 'ABCAXZWZ5ZDPIFV7JHWH',
    accountId: '123456789012',
    callerId: 'ABCAXZWZ5ZDPNIH6C6ODK:aamorosi',
    userId: 'ABCAXZWZ5ZDPNIH6C6ODK:aamorosi',
    userArn: 'arn:aws:sts::123456789012:assumed-role/Admin/aamorosi',
    principalOrgId: undefined,
    cognitoIdentity: undefined,
  },
  // A Cognito user pool authorizer: every claim a string, `exp` and `iat` as dates in text.
  'powertools-lambda-typescript/apigw-rest/jwt-authorizer-auth.json': {
    type: 'jwt',
    claims: {
      ...HTTP_COGNITO_CLAIMS,
      exp: 'Tue Jun 18 15:00:04 UTC 2024',
      iat: 'Mon Jun 17 15:00:04 UTC 2024',
    },
    scopes: [],
  },
  // A TOKEN authorizer: API Gateway's integrationLatency is not part of the context.
  'powertools-lambda-typescript/apigw-rest/lambda-authorizer-auth.json': {
    type: 'lambda',
    principalId: 'user',
    context: {},
  },
  'powertools-lambda-typescript/apigw-rest/no-auth.json': NONE,
  // An anonymous Function URL (AuthType NONE): no authorizer object.
  'powertools-lambda-typescript/lambda/get-request.json': NONE,
  'powertools-lambda-typescript/samples/exampleAPIGatewayProxyEventV2.json': {
    type: 'lambda',
    principalId: undefined,
    context: {},
  },
};

describe('callerOf over every request fixture', () => {
  it('covers every request fixture in the folder', () => {
    expect(Object.keys(CALLERS).sort()).toStrictEqual(requestFixtureFiles());
  });

  it.each(Object.entries(CALLERS))('%s', async (file, expected) => {
    const request = await readRequest(loadFixture(file));
    const caller = callerOf(request);
    expect(plainCaller(caller)).toStrictEqual(expected);
    expect(Object.isFrozen(caller)).toBe(true);
    if (caller.type === 'jwt') {
      expect(inheritsNothing(caller.claims)).toBe(true);
      expect(Object.isFrozen(caller.scopes)).toBe(true);
    }
    if (caller.type === 'lambda') expect(inheritsNothing(caller.context)).toBe(true);
    // Reading twice gives the same caller: nothing is cached on, or taken from, the request.
    expect(plainCaller(callerOf(request))).toStrictEqual(expected);
  });
});
