import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { Either } from 'fp-ts/lib/Either.js';
import type { Result } from 'neverthrow';
import { ResultAsync, err, errAsync, ok, okAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { Problem } from '../src/index.js';
import { badRequest, notFound, toLambda } from '../src/index.js';
import { fromEither, fromTaskEither, toEither, toTaskEither } from '../src/fp-ts.js';
import { fakeContext, restApiEvent } from '../src/testing/index.js';
import { LAMBDA_REQUEST_ID, REST_REQUEST_ID } from './support/request-id.js';

const context = fakeContext({ awsRequestId: LAMBDA_REQUEST_ID });

const problem = notFound({ code: 'UserNotFound' });

describe('fromEither', () => {
  it('turns a Right into an Ok', () => {
    expect(fromEither(E.right({ id: 1 }))).toEqual(ok({ id: 1 }));
  });

  it('turns a Left into an Err', () => {
    expect(fromEither(E.left(problem))).toEqual(err(problem));
  });

  it('keeps the value itself, not a copy', () => {
    const value = { id: 1 };
    expect(fromEither(E.right(value))._unsafeUnwrap()).toBe(value);
  });
});

describe('toEither', () => {
  it('turns an Ok into the Right fp-ts builds', () => {
    expect(toEither(ok(1))).toStrictEqual(E.right(1));
  });

  it('turns an Err into the Left fp-ts builds', () => {
    expect(toEither(err(problem))).toStrictEqual(E.left(problem));
  });

  it('gives values fp-ts works with', () => {
    expect(
      pipe(
        toEither(ok(20)),
        E.map((n) => n + 1),
        E.getOrElse(() => 0),
      ),
    ).toBe(21);
    expect(E.isLeft(toEither(err('no')))).toBe(true);
  });
});

describe('Either round trips', () => {
  it.each<[string, Either<Problem, number>]>([
    ['Right', E.right(1)],
    ['Left', E.left(problem)],
  ])('toEither(fromEither(%s)) is the same Either', (_, either) => {
    expect(toEither(fromEither(either))).toStrictEqual(either);
  });

  it.each<[string, Result<number, Problem>]>([
    ['Ok', ok(1)],
    ['Err', err(problem)],
  ])('fromEither(toEither(%s)) is the same Result', (_, result) => {
    expect(fromEither(toEither(result))).toEqual(result);
  });
});

describe('fromTaskEither', () => {
  it('turns a right task into an Ok', async () => {
    expect(await fromTaskEither(TE.right('a'))).toEqual(ok('a'));
  });

  it('turns a left task into an Err', async () => {
    expect(await fromTaskEither(TE.left(problem))).toEqual(err(problem));
  });

  it('gives a ResultAsync that neverthrow chains', async () => {
    const result = fromTaskEither(TE.right<Problem, number>(2)).map((n) => n * 3);
    expect(result).toBeInstanceOf(ResultAsync);
    expect(await result).toEqual(ok(6));
  });

  it('runs the task when it is called, once', async () => {
    let runs = 0;
    const task: TE.TaskEither<never, number> = () => {
      runs += 1;
      return Promise.resolve(E.right(runs));
    };
    const result = fromTaskEither(task);
    expect(runs).toBe(1);
    expect(await result).toEqual(ok(1));
    expect(runs).toBe(1);
  });
});

describe('toTaskEither', () => {
  it.each<
    [string, ResultAsync<number, Problem> | Result<number, Problem>, Either<Problem, number>]
  >([
    ['an okAsync', okAsync(1), E.right(1)],
    ['an errAsync', errAsync(problem), E.left(problem)],
    ['a sync Ok', ok(2), E.right(2)],
    ['a sync Err', err(problem), E.left(problem)],
  ])('runs %s to the matching Either', async (_, result, expected) => {
    expect(await toTaskEither(result)()).toStrictEqual(expected);
  });

  it('gives a TaskEither fp-ts works with', async () => {
    const task = pipe(
      toTaskEither(okAsync(20)),
      TE.map((n) => n + 1),
    );
    expect(await task()).toStrictEqual(E.right(21));
  });

  it('round trips through fromTaskEither', async () => {
    expect(await fromTaskEither(toTaskEither(okAsync(5)))).toEqual(ok(5));
    expect(await fromTaskEither(toTaskEither(errAsync(problem)))).toEqual(err(problem));
    expect(await toTaskEither(fromTaskEither(TE.right(5)))()).toStrictEqual(E.right(5));
    expect(await toTaskEither(fromTaskEither(TE.left(problem)))()).toStrictEqual(E.left(problem));
  });
});

describe('fp-ts values as handler outcomes', () => {
  it('a converted Either answers as the Result it came from', async () => {
    const fromFpTs = await toLambda(() => fromEither(E.left(badRequest())))(
      restApiEvent({ requestId: REST_REQUEST_ID }),
      context,
    );
    const fromNeverthrow = await toLambda(() => err(badRequest()))(
      restApiEvent({ requestId: REST_REQUEST_ID }),
      context,
    );
    expect(fromFpTs).toEqual(fromNeverthrow);
    expect(fromFpTs).toEqual({
      statusCode: 400,
      headers: { 'content-type': 'application/json', 'x-request-id': REST_REQUEST_ID },
      multiValueHeaders: {},
      body: JSON.stringify({
        errors: [{ status: '400', title: 'Bad Request' }],
        meta: { requestId: REST_REQUEST_ID },
      }),
      isBase64Encoded: false,
    });
  });

  it('a TaskEither from toTaskEither answers as the ResultAsync it came from', async () => {
    const result = await toLambda(() => toTaskEither(okAsync({ id: 'u-1' })))(
      restApiEvent({ requestId: REST_REQUEST_ID }),
      context,
    );
    expect(result).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json', 'x-request-id': REST_REQUEST_ID },
      multiValueHeaders: {},
      body: '{"id":"u-1"}',
      isBase64Encoded: false,
    });
  });
});
