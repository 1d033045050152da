import { err, ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import {
  TaggedError,
  badRequest,
  errorMap,
  isErrorMap,
  isTagged,
  mergeErrorMaps,
  overrideErrors,
  toLambda,
} from '../../src/index.js';
import type { ErrorMap, HttpRequest, LogRecord } from '../../src/index.js';
import { fakeContext, httpApiEvent, restApiEvent } from '../../src/testing/index.js';
import { capturingLogger } from '../support/logger.js';
import { HTTP_REQUEST_ID, LAMBDA_REQUEST_ID } from '../support/request-id.js';

const context = fakeContext({ awsRequestId: LAMBDA_REQUEST_ID });

class UserNotFound extends TaggedError('UserNotFound')<{ readonly id: string }> {}
class EmailTaken extends TaggedError('EmailTaken')<{ readonly email: string }> {}
class LedgerUnavailable extends TaggedError('LedgerUnavailable')<{ readonly ledger: string }> {}
class RateLimited extends TaggedError('RateLimited')<{ readonly seconds: number }> {}
interface CartEmpty {
  readonly _tag: 'CartEmpty';
  readonly cartId: string;
}

type ApiError = UserNotFound | EmailTaken | LedgerUnavailable | RateLimited;

const SECRET = 'SECRET-ledger-eu-1';

const apiErrors = errorMap<ApiError>({
  UserNotFound: (e) => ({ status: 404, detail: `No user ${e.id}.`, meta: { id: e.id } }),
  EmailTaken: (e) => ({
    status: 409,
    code: 'email-taken',
    title: 'Email taken',
    detail: `${e.email} is registered.`,
  }),
  LedgerUnavailable: (e) => ({
    status: 503,
    detail: `Ledger ${e.ledger} timed out.`,
    headers: { 'retry-after': '30' },
  }),
  RateLimited: (e) => ({ status: 429, headers: { 'retry-after': String(e.seconds) } }),
});

function parsed(result: { body?: string | undefined }): unknown {
  return JSON.parse(result.body ?? '');
}

describe('TaggedError', () => {
  it('is an Error with its tag as name, its data as fields, and an optional cause', () => {
    const cause = new Error('socket hang up');
    const error = new LedgerUnavailable({ ledger: 'eu-1', cause });
    expect(error).toBeInstanceOf(Error);
    expect(Object.fromEntries(Object.entries(error))).toEqual({
      _tag: 'LedgerUnavailable',
      ledger: 'eu-1',
      name: 'LedgerUnavailable',
    });
    expect(error.cause).toBe(cause);
    expect(error.message).toBe('LedgerUnavailable');
    expect(typeof error.stack).toBe('string');
    expect(isTagged(error)).toBe(true);
    expect(isTagged({ _tag: 1 })).toBe(false);
  });
});

describe('errorMap through toLambda', () => {
  const handler = (request: HttpRequest) => {
    switch (request.path) {
      case '/missing':
        return err(new UserNotFound({ id: 'u-9' }));
      case '/taken':
        return err(new EmailTaken({ email: 'ada@example.com' }));
      case '/ledger':
        return err(
          new LedgerUnavailable({ ledger: SECRET, cause: new Error(`timeout ${SECRET}`) }),
        );
      case '/mixed':
        return err([
          new UserNotFound({ id: 'u-1' }),
          badRequest({ detail: 'bad page', source: { parameter: 'page' } }),
        ]);
      default:
        return ok({ fine: true });
    }
  };

  it('maps a 4xx domain error with its details exposed, code defaulting to the tag', async () => {
    const lambda = toLambda(handler, { errors: apiErrors, logger: capturingLogger() });
    const result = await lambda(
      httpApiEvent({ path: '/missing', requestId: HTTP_REQUEST_ID }),
      context,
    );
    expect(result.statusCode).toBe(404);
    expect(parsed(result)).toEqual({
      errors: [
        {
          status: '404',
          code: 'UserNotFound',
          title: 'Not Found',
          detail: 'No user u-9.',
          meta: { id: 'u-9' },
        },
      ],
      meta: { requestId: HTTP_REQUEST_ID },
    });
  });

  it('uses the entry’s own code and title', async () => {
    const lambda = toLambda(handler, { errors: apiErrors, logger: capturingLogger() });
    const result = await lambda(
      httpApiEvent({ path: '/taken', requestId: HTTP_REQUEST_ID }),
      context,
    );
    expect(parsed(result)).toEqual({
      errors: [
        {
          status: '409',
          code: 'email-taken',
          title: 'Email taken',
          detail: 'ada@example.com is registered.',
        },
      ],
      meta: { requestId: HTTP_REQUEST_ID },
    });
  });

  it('masks a 5xx entry by default: status, reason phrase and headers only; the log has it all', async () => {
    const logger = capturingLogger();
    const lambda = toLambda(handler, { errors: apiErrors, logger });
    const result = await lambda(
      httpApiEvent({ path: '/ledger', requestId: HTTP_REQUEST_ID }),
      context,
    );
    expect(result).toEqual({
      statusCode: 503,
      headers: {
        'content-type': 'application/json',
        'retry-after': '30',
        'x-request-id': HTTP_REQUEST_ID,
      },
      cookies: [],
      body: JSON.stringify({
        errors: [{ status: '503', title: 'Service Unavailable' }],
        meta: { requestId: HTTP_REQUEST_ID },
      }),
      isBase64Encoded: false,
    });
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(logger.error).toHaveBeenCalledTimes(1);
    const record = logger.error.mock.calls[0]?.[0] as LogRecord;
    expect(record).toMatchObject({
      message: 'Answered 503: a server error the handler returned',
      requestId: HTTP_REQUEST_ID,
      status: 503,
      errors: [
        {
          status: 503,
          tag: 'LedgerUnavailable',
          exposed: false,
          code: 'LedgerUnavailable',
          detail: `Ledger ${SECRET} timed out.`,
          errorName: 'LedgerUnavailable',
          causes: [{ name: 'Error', message: `timeout ${SECRET}` }],
        },
      ],
    });
  });

  it('exposes a 5xx entry when it says so, and masks a 4xx one when it says so', async () => {
    const map = errorMap<LedgerUnavailable | UserNotFound>({
      LedgerUnavailable: { status: 503, detail: 'Try again soon.', expose: true },
      UserNotFound: { status: 404, detail: 'secret detail', expose: false },
    });
    const lambda = toLambda(
      (request: HttpRequest) =>
        request.path === '/a'
          ? err(new LedgerUnavailable({ ledger: 'x' }))
          : err(new UserNotFound({ id: 'x' })),
      { errors: map, logger: capturingLogger() },
    );
    expect(
      parsed(await lambda(httpApiEvent({ path: '/a', requestId: HTTP_REQUEST_ID }), context)),
    ).toEqual({
      errors: [
        {
          status: '503',
          code: 'LedgerUnavailable',
          title: 'Service Unavailable',
          detail: 'Try again soon.',
        },
      ],
      meta: { requestId: HTTP_REQUEST_ID },
    });
    expect(
      parsed(await lambda(httpApiEvent({ path: '/b', requestId: HTTP_REQUEST_ID }), context)),
    ).toEqual({
      errors: [{ status: '404', title: 'Not Found' }],
      meta: { requestId: HTTP_REQUEST_ID },
    });
  });

  it('maps a list mixing domain errors and problems into one document', async () => {
    const lambda = toLambda(handler, { errors: apiErrors, logger: capturingLogger() });
    const result = await lambda(restApiEvent({ path: '/mixed' }), context);
    expect(result.statusCode).toBe(400);
    expect((parsed(result) as { errors: unknown[] }).errors).toEqual([
      {
        status: '404',
        code: 'UserNotFound',
        title: 'Not Found',
        detail: 'No user u-1.',
        meta: { id: 'u-1' },
      },
      { status: '400', title: 'Bad Request', detail: 'bad page', source: { parameter: 'page' } },
    ]);
  });

  it('one map serves two handlers', async () => {
    const getUser = toLambda(() => err(new UserNotFound({ id: 'a' })), {
      errors: apiErrors,
      logger: capturingLogger(),
    });
    const signUp = toLambda(() => err(new EmailTaken({ email: 'b' })), {
      errors: apiErrors,
      logger: capturingLogger(),
    });
    expect((await getUser(httpApiEvent({ requestId: HTTP_REQUEST_ID }), context)).statusCode).toBe(
      404,
    );
    expect((await signUp(httpApiEvent({ requestId: HTTP_REQUEST_ID }), context)).statusCode).toBe(
      409,
    );
  });

  it('merges maps (the second wins on a shared tag) and overrides one entry', async () => {
    const carts = errorMap<CartEmpty | UserNotFound>({
      CartEmpty: (e) => ({ status: 422, detail: `Cart ${e.cartId} is empty.` }),
      UserNotFound: { status: 410 },
    });
    const merged = mergeErrorMaps(apiErrors, carts);
    expect(isErrorMap(merged)).toBe(true);
    const lambda = toLambda(
      (request: HttpRequest) =>
        request.path === '/cart'
          ? err<never, CartEmpty>({ _tag: 'CartEmpty', cartId: 'c-1' })
          : err(new UserNotFound({ id: 'u' })),
      { errors: merged, logger: capturingLogger() },
    );
    expect(
      (await lambda(httpApiEvent({ path: '/cart', requestId: HTTP_REQUEST_ID }), context))
        .statusCode,
    ).toBe(422);
    expect(
      (await lambda(httpApiEvent({ path: '/user', requestId: HTTP_REQUEST_ID }), context))
        .statusCode,
    ).toBe(410);

    const forDelete = overrideErrors(apiErrors, {
      UserNotFound: { status: 410, detail: 'Already gone.' },
    });
    const remove = toLambda(() => err(new UserNotFound({ id: 'u' })), {
      errors: forDelete,
      logger: capturingLogger(),
    });
    expect(parsed(await remove(httpApiEvent({ requestId: HTTP_REQUEST_ID }), context))).toEqual({
      errors: [{ status: '410', code: 'UserNotFound', title: 'Gone', detail: 'Already gone.' }],
      meta: { requestId: HTTP_REQUEST_ID },
    });
    // The original map is unchanged.
    expect(
      (
        await toLambda(() => err(new UserNotFound({ id: 'u' })), {
          errors: apiErrors,
          logger: capturingLogger(),
        })(httpApiEvent({ requestId: HTTP_REQUEST_ID }), context)
      ).statusCode,
    ).toBe(404);
  });

  it('an error the map does not cover at run time is a masked, logged defect', async () => {
    const logger = capturingLogger();
    const untyped = toLambda(() => err(new RateLimited({ seconds: 1 })), {
      // What a JavaScript caller or a cast can pass: a map that lacks the handler's error.
      errors: errorMap<UserNotFound>({
        UserNotFound: { status: 404 },
      }) as unknown as ErrorMap<RateLimited>,
      logger,
    });
    const result = await untyped(httpApiEvent({ requestId: HTTP_REQUEST_ID }), context);
    expect(result.statusCode).toBe(500);
    expect(logger.error.mock.calls[0]?.[0]).toMatchObject({
      message: 'Handler defect answered with a masked 500',
      errorName: 'InvalidResponseError',
      errorMessage:
        'The handler returned the error "RateLimited", which the error map does not cover.',
    });
  });

  it('sends headers such as Retry-After built from the error', async () => {
    const lambda = toLambda(() => err(new RateLimited({ seconds: 12 })), {
      errors: apiErrors,
      logger: capturingLogger(),
    });
    const result = await lambda(httpApiEvent({ requestId: HTTP_REQUEST_ID }), context);
    expect(result.headers?.['retry-after']).toBe('12');
    expect(result.statusCode).toBe(429);
  });
});
