/**
 * The `auth` part of `endpoint`: `caller(codec, options)` decodes the caller of real authorizer
 * payloads, is checked before every other part, and answers a caller it refuses with a logged,
 * masked 500 (the authorizer and the function disagree), or 401/403 when told so; `validate`'s
 * issues are 403.
 */
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import * as t from 'io-ts';
import { err, ok } from 'neverthrow';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as z from 'zod';
import type { CallerClaims, HttpEvent } from '../../src/index.js';
import {
  CallerMismatchError,
  caller,
  endpoint,
  isCallerPart,
  json,
  router,
  rule,
  toLambda,
} from '../../src/index.js';
import { openApiDocument } from '../../src/openapi/index.js';
import { albEvent, fakeContext, invoke } from '../../src/testing/index.js';
import { asEvent, loadFixture } from '../support/fixtures.js';
import { capturingLogger } from '../support/logger.js';

const HTTP_JWT = asEvent(loadFixture('aws-lambda-go/apigw-v2-request-jwt-authorizer.json'));
const REST_LAMBDA = asEvent(loadFixture('aws-lambda-go/apigw-request.json'));
const REST_IAM = asEvent(loadFixture('powertools-lambda-typescript/apigw-rest/iam-auth.json'));

const Jwt = t.type({
  type: t.literal('jwt'),
  claims: t.type({ claim1: t.string }),
  scopes: t.array(t.string),
});

const seenBy = () => {
  const seen: unknown[] = [];
  return {
    seen,
    handler: (input: unknown) => {
      seen.push(input);
      return ok(json({ ok: true }));
    },
  };
};

describe('caller(codec): the decoded caller reaches the handler', () => {
  it('an HTTP API JWT authorizer’s claims and scopes', async () => {
    const { seen, handler } = seenBy();
    const response = await invoke(toLambda(endpoint({ auth: caller(Jwt) }, handler)), HTTP_JWT);
    expect(response.status).toBe(200);
    expect(seen).toEqual([
      {
        auth: {
          type: 'jwt',
          claims: { claim1: 'value1', claim2: 'value2' },
          scopes: ['scope1', 'scope2'],
        },
      },
    ]);
  });

  it('a REST API Lambda authorizer’s principal and context, through a zod schema', async () => {
    const { seen, handler } = seenBy();
    const Principal = z.object({
      type: z.literal('lambda'),
      principalId: z.string(),
      context: z.object({ clientName: z.string() }),
    });
    const response = await invoke(
      toLambda(endpoint({ auth: caller(Principal) }, handler)),
      REST_LAMBDA,
    );
    expect(response.status).toBe(200);
    expect(seen).toEqual([
      { auth: { type: 'lambda', principalId: 'admin', context: { clientName: 'Exata' } } },
    ]);
  });

  it('a REST API IAM caller, with the other parts decoded after it', async () => {
    const { seen, handler } = seenBy();
    // t.exact: the caller's other fields are left out, as for any part.
    const Signed = t.exact(t.type({ type: t.literal('iam'), userArn: t.string }));
    const response = await invoke(
      toLambda(
        endpoint({ auth: caller(Signed), headers: t.type({ 'user-agent': t.string }) }, handler),
      ),
      REST_IAM,
    );
    expect(response.status).toBe(200);
    expect(seen).toEqual([
      {
        auth: { type: 'iam', userArn: 'arn:aws:sts::123456789012:assumed-role/Admin/aamorosi' },
        headers: { 'user-agent': 'HTTPie/3.2.2' },
      },
    ]);
  });

  it('types the handler’s input by the codec', () => {
    endpoint({ auth: caller(Jwt), query: t.type({ q: t.string }) }, ({ auth, query }) => {
      expectTypeOf(auth).toEqualTypeOf<t.TypeOf<typeof Jwt>>();
      expectTypeOf(query).toEqualTypeOf<{ q: string }>();
      return ok(json(null));
    });
    endpoint({ auth: caller(z.object({ type: z.literal('none') })) }, ({ auth }) => {
      expectTypeOf(auth).toEqualTypeOf<{ type: 'none' }>();
      return ok(json(null));
    });
    expect(isCallerPart(caller(Jwt))).toBe(true);
    expect(isCallerPart(Jwt)).toBe(false);
    // @ts-expect-error -- the auth part is made by caller(), not a bare codec
    endpoint({ auth: Jwt }, () => ok(json(null)));
    // @ts-expect-error -- validate takes the decoded caller
    caller(Jwt, { validate: (auth: { other: number }) => ok(auth) });
  });
});

describe('a caller the codec refuses', () => {
  const Cognito = t.type({ type: t.literal('jwt'), claims: t.type({ email: t.string }) });

  it('is a masked 500 by default, logged with every issue: the authorizer and the function disagree', async () => {
    const logger = capturingLogger();
    const handler = toLambda(
      endpoint({ auth: caller(Cognito) }, () => ok(json(null))),
      {
        logger,
      },
    );
    const response = await invoke(handler, HTTP_JWT);
    expect(response.status).toBe(500);
    expect(response.body).not.toContain('claim1');
    expect(response.json()).toMatchObject({
      errors: [{ status: '500', title: 'Internal Server Error' }],
    });
    const logged = JSON.stringify(logger.error.mock.calls);
    expect(logged).toContain('CallerMismatchError');
    expect(logged).toContain(
      "The jwt caller does not match the endpoint's auth codec (/claims required).",
    );
    // Where and what, never a claim's value.
    expect(logged).not.toContain('value1');
  });

  it('is a 401 with its challenge, or a 403, listing no claims, when told so', async () => {
    const handler401 = toLambda(
      endpoint(
        { auth: caller(Cognito, { onMismatch: 401, challenge: 'Bearer realm="shop"' }) },
        () => ok(json(null)),
      ),
      { logger: false },
    );
    const unauthorized = await invoke(handler401, HTTP_JWT);
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers['www-authenticate']).toBe('Bearer realm="shop"');
    expect(unauthorized.json()).toEqual({
      errors: [
        {
          status: '401',
          code: 'caller-mismatch',
          title: 'Unauthorized',
          detail: 'This operation needs an authenticated caller.',
        },
      ],
      meta: { requestId: expect.any(String) as unknown },
    });
    const handler403 = toLambda(
      endpoint({ auth: caller(Cognito, { onMismatch: 403 }) }, () => ok(json(null))),
      { logger: false },
    );
    const forbidden = await invoke(handler403, HTTP_JWT);
    expect(forbidden.status).toBe(403);
    expect(forbidden.json()).toMatchObject({
      errors: [
        {
          status: '403',
          code: 'caller-mismatch',
          detail: 'The caller is not allowed this operation.',
        },
      ],
    });
  });

  it('is answered before any other part is decoded', async () => {
    const handler = toLambda(
      endpoint(
        { auth: caller(Cognito, { onMismatch: 403 }), query: t.type({ required: t.string }) },
        () => ok(json(null)),
      ),
      { logger: false },
    );
    const response = await invoke(handler, HTTP_JWT);
    expect(response.status).toBe(403);
    expect((response.json() as { errors: unknown[] }).errors).toHaveLength(1);
  });

  it('a request with no authorizer at all is the "none" caller, refused by a JWT codec', async () => {
    const event = asEvent(loadFixture('aws-lambda-go/apigw-v2-request-no-authorizer.json'));
    const handler = toLambda(
      endpoint({ auth: caller(Jwt, { onMismatch: 401 }) }, () => ok(json(null))),
      { logger: false },
    );
    expect((await invoke(handler, event)).status).toBe(401);
  });
});

describe('scopes as a validator', () => {
  const needs = (scope: string) =>
    rule((auth: t.TypeOf<typeof Jwt>) => auth.scopes.includes(scope), {
      code: 'insufficient-scope',
      title: 'Insufficient scope',
      detail: `This operation needs the ${scope} scope.`,
    });

  it('a missing scope is a 403 with the validator’s issue; a present one passes', async () => {
    const missing = toLambda(
      endpoint({ auth: caller(Jwt, { validate: needs('orders/read') }) }, () => ok(json(null))),
      { logger: false },
    );
    const refused = await invoke(missing, HTTP_JWT);
    expect(refused.status).toBe(403);
    expect(refused.json()).toMatchObject({
      errors: [
        {
          status: '403',
          code: 'insufficient-scope',
          title: 'Insufficient scope',
          detail: 'This operation needs the orders/read scope.',
        },
      ],
    });
    const present = toLambda(
      endpoint({ auth: caller(Jwt, { validate: needs('scope2') }) }, () => ok(json(null))),
    );
    expect((await invoke(present, HTTP_JWT)).status).toBe(200);
  });
});

describe('ALB OIDC through the verifier', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signed = (claims: object): string => {
    const input = `${part({ alg: 'ES256', kid: 'k1', signer: 'arn:alb' })}.${part(claims)}`;
    const signature = sign('sha256', Buffer.from(input), {
      key: privateKey,
      dsaEncoding: 'ieee-p1363',
    });
    return `${input}.${signature.toString('base64url')}`;
  };
  /** Checks the signature, as AlbJwtVerifier would, after a tick (an asynchronous verifier). */
  const verifyOidc = async (token: string): Promise<CallerClaims> => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    const [header = '', payload = '', signature = ''] = token.split('.');
    const good = verify(
      'sha256',
      Buffer.from(`${header}.${payload}`),
      { key: publicKey, dsaEncoding: 'ieee-p1363' },
      Buffer.from(signature, 'base64url'),
    );
    if (!good) throw new Error('bad signature');
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as CallerClaims;
  };
  const User = t.type({ type: t.literal('oidc'), claims: t.type({ email: t.string }) });
  const albWith = (token: string): HttpEvent =>
    albEvent({ path: '/me', headers: { 'x-amzn-oidc-data': token } });

  it('a verified token’s claims reach the handler (the check is asynchronous)', async () => {
    const handler = toLambda(
      endpoint({ auth: caller(User, { verifyOidc }) }, ({ auth }) => ok(json(auth.claims.email))),
    );
    const response = await invoke(handler, albWith(signed({ email: 'ada@example.com' })));
    expect(response.status).toBe(200);
    expect(response.json()).toBe('ada@example.com');
  });

  it('a token the verifier rejects is a mismatch: 401 when told so', async () => {
    const forged = `${signed({ email: 'ada@example.com' }).slice(0, -4)}AAAA`;
    const handler = toLambda(
      endpoint({ auth: caller(User, { verifyOidc, onMismatch: 401 }) }, () => ok(json(null))),
      { logger: false },
    );
    expect((await invoke(handler, albWith(forged))).status).toBe(401);
  });

  it('a token the verifier rejects, by default: a logged 500 whose cause is the verifier’s error', async () => {
    const logger = capturingLogger();
    const forged = `${signed({ email: 'ada@example.com' }).slice(0, -4)}AAAA`;
    const handler = toLambda(
      endpoint({ auth: caller(User, { verifyOidc }) }, () => ok(json(null))),
      { logger },
    );
    expect((await invoke(handler, albWith(forged))).status).toBe(500);
    const logged = JSON.stringify(logger.error.mock.calls);
    expect(logged).toContain('CallerError');
    expect(logged).toContain('bad signature');
    expect(logged).not.toContain('ada@example.com');
  });

  it('no verifier for a request that carries the header: a logged 500 naming the option', async () => {
    const logger = capturingLogger();
    const handler = toLambda(
      endpoint({ auth: caller(User, { onMismatch: 401 }) }, () => ok(json(null))),
      { logger },
    );
    const response = await invoke(handler, albWith(signed({ email: 'a@b.c' })));
    expect(response.status).toBe(500);
    expect(JSON.stringify(logger.error.mock.calls)).toContain('verifyOidc');
  });
});

describe('OpenAPI', () => {
  it('documents the statuses a caller part answers with', () => {
    const api = router()
      .get(
        '/a',
        endpoint({ auth: caller(Jwt, { onMismatch: 401 }) }, () => ok(json(null))),
      )
      .get(
        '/b',
        endpoint({ auth: caller(Jwt) }, () => ok(json(null))),
      )
      .get(
        '/c',
        endpoint({ auth: caller(Jwt, { validate: () => err([]) }) }, () => ok(json(null))),
      );
    const paths = openApiDocument(api).paths as Record<
      string,
      { get: { responses: Record<string, unknown> } }
    >;
    expect(Object.keys(paths['/a']?.get.responses ?? {})).toEqual(['200', '401', '500']);
    expect(Object.keys(paths['/b']?.get.responses ?? {})).toEqual(['200', '500']);
    expect(Object.keys(paths['/c']?.get.responses ?? {})).toEqual(['200', '403', '500']);
  });
});

describe('CallerMismatchError', () => {
  it('keeps the issues it was thrown for', async () => {
    const Cognito = t.type({ type: t.literal('jwt'), claims: t.type({ email: t.string }) });
    const part = caller(Cognito);
    const request = { ...((await readOnce(HTTP_JWT)) as object) };
    expect(() => part.check(request as never)).toThrow(CallerMismatchError);
    try {
      void part.check(request as never);
    } catch (error) {
      expect((error as CallerMismatchError).issues).toEqual([
        {
          code: 'required',
          title: 'Required member missing',
          detail: 'The member "email" is required.',
          source: { pointer: '/claims' },
        },
      ]);
    }
  });
});

/** The request a handler receives for an event. */
async function readOnce(event: HttpEvent): Promise<unknown> {
  let seen: unknown;
  await toLambda((request) => {
    seen = request;
    return ok(json(null));
  })(event, fakeContext());
  return seen;
}
