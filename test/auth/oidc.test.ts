/**
 * ALB OIDC: the claims in `x-amzn-oidc-data` are read only through the user's verifier. A
 * verifier that answers at once gives a caller at once, an asynchronous one a promise; a refusal,
 * a missing verifier or a verifier's bad answer is a `CallerError` naming what went wrong.
 *
 * The tokens are signed here as a load balancer signs them (ES256, `kid` and `signer` in the
 * header; "Authenticate users using an Application Load Balancer", Elastic Load Balancing User
 * Guide), and checked by a verifier that takes the documented steps with node:crypto.
 */
import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { HttpRequest } from '../../src/index.js';
import type { CallerClaims, CallerIdentity } from '../../src/auth/index.js';
import { CallerError, OIDC_DATA_HEADER, callerOf, isCallerError } from '../../src/auth/index.js';
import { albEvent } from '../../src/testing/index.js';
import { inheritsNothing, plainCaller, readRequest } from './support.js';

const ALB_ARN =
  'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188';
const KID = '7a3f0f38-2d0c-4c1b-9c8e-1f6f7b0f8a11';
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** A token as a load balancer writes it, signed with `key`. */
function albToken(
  payload: Readonly<Record<string, unknown>>,
  header: Readonly<Record<string, unknown>> = {},
  key: KeyObject = privateKey,
): string {
  const signingInput = `${base64url({ typ: 'JWT', kid: KID, alg: 'ES256', signer: ALB_ARN, iss: 'https://idp.example', client: 'c-1', exp: payload['exp'], ...header })}.${base64url(payload)}`;
  const signature = sign('sha256', Buffer.from(signingInput), { key, dsaEncoding: 'ieee-p1363' });
  return `${signingInput}.${signature.toString('base64url')}`;
}

function decoded(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/**
 * The documented checks: the key by the header's `kid` (here a map, in production the regional
 * endpoint `https://public-keys.auth.elb.<region>.amazonaws.com/<kid>`), ES256, the `signer`
 * this function's load balancer, `exp` in the future.
 */
function albVerifier(keys: ReadonlyMap<string, KeyObject>, now = () => Date.now() / 1000) {
  return (token: string): CallerClaims => {
    const [header = '', payload = '', signature = ''] = token.split('.');
    const head = decoded(header);
    const key = keys.get(String(head['kid']));
    if (head['alg'] !== 'ES256' || key === undefined) throw new Error('unknown key');
    if (head['signer'] !== ALB_ARN) throw new Error('signed by another load balancer');
    const valid = verify(
      'sha256',
      Buffer.from(`${header}.${payload}`),
      { key, dsaEncoding: 'ieee-p1363' },
      Buffer.from(signature, 'base64url'),
    );
    if (!valid) throw new Error('bad signature');
    const claims = decoded(payload);
    if (typeof claims['exp'] !== 'number' || claims['exp'] <= now()) throw new Error('expired');
    return claims;
  };
}

const KEYS = new Map([[KID, createPublicKey(publicKey.export({ format: 'pem', type: 'spki' }))]]);
const EXP = Math.floor(Date.now() / 1000) + 3600;
const CLAIMS = { sub: 'u-1', email: 'ada@example.com', exp: EXP, iss: 'https://idp.example' };

async function albRequest(
  headers: Readonly<Record<string, string>>,
  multiValue = false,
): Promise<HttpRequest> {
  return readRequest(albEvent({ headers, multiValue }));
}

/** The error a call threw, or a promise rejected with. */
async function failure(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('ALB OIDC with a verifier that answers at once', () => {
  it('gives the verified claims at once, as a frozen map that inherits nothing', async () => {
    const token = albToken(CLAIMS);
    const request = await albRequest({
      [OIDC_DATA_HEADER]: token,
      'x-amzn-oidc-identity': 'u-1',
      'x-amzn-oidc-accesstoken': 'access-token',
    });
    const caller: CallerIdentity = callerOf(request, { verifyOidc: albVerifier(KEYS) });
    expect(caller).not.toBeInstanceOf(Promise);
    expect(plainCaller(caller)).toStrictEqual({ type: 'oidc', claims: CLAIMS });
    expect(Object.isFrozen(caller)).toBe(true);
    if (caller.type === 'oidc') {
      expect(Object.isFrozen(caller.claims)).toBe(true);
      expect(inheritsNothing(caller.claims)).toBe(true);
    }
  });

  it('passes the token as it arrived, and the request', async () => {
    const token = albToken(CLAIMS);
    const request = await albRequest({ [OIDC_DATA_HEADER]: token }, true);
    const verifyOidc = vi.fn((token: string, from: HttpRequest) => ({
      sub: token,
      path: from.path,
    }));
    callerOf(request, { verifyOidc });
    expect(verifyOidc).toHaveBeenCalledExactlyOnceWith(token, request);
  });

  it.each<[string, string]>([
    ['another load balancer signed it', albToken(CLAIMS, { signer: `${ALB_ARN}0` })],
    ['an unknown key id', albToken(CLAIMS, { kid: 'other' })],
    [
      'another key signed it',
      albToken(CLAIMS, {}, generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey),
    ],
    ['it expired', albToken({ ...CLAIMS, exp: 1_000 })],
    [
      'the payload was changed',
      albToken(CLAIMS).replace(/\.[^.]+\./, `.${base64url({ ...CLAIMS, sub: 'admin' })}.`),
    ],
    ['it is not a token', 'not-a-token'],
  ])(
    'refuses a token when %s: a CallerError with the cause, the token not quoted',
    async (_, token) => {
      const request = await albRequest({ [OIDC_DATA_HEADER]: token });
      const error = await failure(() => callerOf(request, { verifyOidc: albVerifier(KEYS) }));
      expect(isCallerError(error)).toBe(true);
      expect(error).toBeInstanceOf(CallerError);
      expect(error).toMatchObject({ name: 'CallerError', reason: 'oidc-token-rejected' });
      expect((error as CallerError).cause).toBeInstanceOf(Error);
      expect((error as CallerError).message).not.toContain(token);
    },
  );

  it.each<[string, unknown, string]>([
    ['null', null, 'returned null'],
    ['a string', 'u-1', 'returned string'],
    ['an array', ['u-1'], 'returned an array'],
    ['undefined', undefined, 'returned undefined'],
  ])('a verifier that returns %s: oidc-claims-invalid', async (_, returned, message) => {
    const request = await albRequest({ [OIDC_DATA_HEADER]: albToken(CLAIMS) });
    const verifyOidc = (): CallerClaims => returned as CallerClaims;
    const error = await failure(() => callerOf(request, { verifyOidc }));
    expect(error).toMatchObject({ reason: 'oidc-claims-invalid' });
    expect((error as Error).message).toContain(message);
  });
});

describe('ALB OIDC with an asynchronous verifier', () => {
  it('gives a promise of the verified claims', async () => {
    const request = await albRequest({ [OIDC_DATA_HEADER]: albToken(CLAIMS) });
    const sync = albVerifier(KEYS);
    const result = callerOf(request, { verifyOidc: (token) => Promise.resolve(sync(token)) });
    expect(result).toBeInstanceOf(Promise);
    expect(plainCaller(await result)).toStrictEqual({ type: 'oidc', claims: CLAIMS });
  });

  it('accepts any thenable', async () => {
    const request = await albRequest({ [OIDC_DATA_HEADER]: albToken(CLAIMS) });
    const thenable: PromiseLike<CallerClaims> = {
      then: (resolve) => Promise.resolve(resolve?.({ sub: 'u-1' })) as never,
    };
    expect(plainCaller(await callerOf(request, { verifyOidc: () => thenable }))).toStrictEqual({
      type: 'oidc',
      claims: { sub: 'u-1' },
    });
  });

  it('a rejection becomes a rejected CallerError with the cause', async () => {
    const request = await albRequest({ [OIDC_DATA_HEADER]: albToken(CLAIMS) });
    const cause = new Error('JwtExpiredError');
    const result = callerOf(request, { verifyOidc: () => Promise.reject(cause) });
    await expect(result).rejects.toMatchObject({
      name: 'CallerError',
      reason: 'oidc-token-rejected',
      cause,
    });
  });

  it('a promise of something other than claims: oidc-claims-invalid', async () => {
    const request = await albRequest({ [OIDC_DATA_HEADER]: albToken(CLAIMS) });
    const verifyOidc = () => Promise.resolve(null as unknown as CallerClaims);
    await expect(callerOf(request, { verifyOidc })).rejects.toMatchObject({
      reason: 'oidc-claims-invalid',
    });
  });
});

describe('ALB OIDC without a verifier', () => {
  it('fails at once with a CallerError naming the option, rather than trust the claims', async () => {
    const request = await albRequest({
      [OIDC_DATA_HEADER]: albToken(CLAIMS),
      'x-amzn-oidc-identity': 'u-1',
    });
    const error = await failure(() => callerOf(request));
    expect(error).toMatchObject({ name: 'CallerError', reason: 'oidc-verifier-missing' });
    expect((error as Error).message).toContain('verifyOidc');
    expect((error as Error).message).toContain(OIDC_DATA_HEADER);
    expect(await failure(() => callerOf(request, { verifyOidc: undefined }))).toMatchObject({
      reason: 'oidc-verifier-missing',
    });
  });

  it('an empty header still counts: the verifier decides what it is worth', async () => {
    const request = await albRequest({ [OIDC_DATA_HEADER]: '' });
    expect(await failure(() => callerOf(request))).toMatchObject({
      reason: 'oidc-verifier-missing',
    });
  });
});

describe('ALB OIDC header sent twice (multi-value headers)', () => {
  it('is refused without calling the verifier', async () => {
    const event = albEvent({ multiValue: true });
    const request = await readRequest({
      ...event,
      multiValueHeaders: {
        ...event.multiValueHeaders,
        [OIDC_DATA_HEADER]: [albToken(CLAIMS), albToken({ ...CLAIMS, sub: 'admin' })],
      },
    });
    const verifyOidc = vi.fn(() => ({ sub: 'u-1' }));
    const error = await failure(() => callerOf(request, { verifyOidc }));
    expect(error).toMatchObject({ reason: 'oidc-token-rejected' });
    expect((error as Error).message).toContain('2 times');
    expect(verifyOidc).not.toHaveBeenCalled();
  });
});

describe('isCallerError', () => {
  it('recognises the error by its registered symbol, not its class', () => {
    const error = new CallerError('oidc-token-rejected', 'no');
    const foreign = Object.assign(new Error('no'), { reason: 'oidc-token-rejected' });
    Object.defineProperty(foreign, Symbol.for('gatefold.caller-error'), { value: true });
    expect(isCallerError(error)).toBe(true);
    expect(isCallerError(foreign)).toBe(true);
    expect(isCallerError(new Error('no'))).toBe(false);
    expect(isCallerError(null)).toBe(false);
    expect(isCallerError('CallerError')).toBe(false);
  });
});
