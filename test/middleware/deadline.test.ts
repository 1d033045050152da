import type { Context } from 'aws-lambda';
import { ok, okAsync } from 'neverthrow';
import type { Result } from 'neverthrow';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toLambda } from '../../src/index.js';
import { deadline } from '../../src/middleware/index.js';
import type {
  HttpRequest,
  LambdaOptions,
  Outcome,
  Problem,
  ProblemError,
} from '../../src/index.js';
import type { DeadlineOptions } from '../../src/middleware/index.js';
import { fakeContext, httpApiEvent, restApiEvent } from '../../src/testing/index.js';
import { LAMBDA_ID, SHAPES, eventFor, parsedResult, resultFor } from '../hardening/shapes.js';
import { thrownBy } from '../hardening/refusal.js';
import { capturingLogger } from '../support/logger.js';
import {
  HTTP_REQUEST_ID,
  LAMBDA_REQUEST_ID,
  REST_REQUEST_ID,
  TRACE_ID,
} from '../support/request-id.js';

type TestHandler = (request: HttpRequest) => Outcome<unknown, ProblemError>;

afterEach(() => {
  vi.useRealTimers();
});

/** A Lambda context whose invocation has `remainingMs` left. */
function contextWithRemaining(remainingMs: number): Context {
  return fakeContext({
    awsRequestId: LAMBDA_REQUEST_ID,
    getRemainingTimeInMillis: () => remainingMs,
  });
}

/** A Lambda context without `getRemainingTimeInMillis`, as a test calling a handler may pass. */
function contextWithoutRemaining(): Context {
  const context = fakeContext({ awsRequestId: LAMBDA_REQUEST_ID });
  Reflect.deleteProperty(context, 'getRemainingTimeInMillis');
  return context;
}

/** A handler whose promise never settles. */
function hanging(): Promise<Result<unknown, Problem>> {
  return new Promise(() => undefined);
}

/** A handler that answers `{ done: true }` after `ms` milliseconds. */
function after(ms: number): () => Promise<Result<unknown, Problem>> {
  return () =>
    new Promise((resolve) => {
      setTimeout(() => {
        resolve(ok({ done: true }));
      }, ms);
    });
}

function withDeadline(
  handler: TestHandler,
  options?: DeadlineOptions,
  extra: Omit<LambdaOptions, 'logger' | 'middleware'> = {},
) {
  const logger = capturingLogger();
  return {
    lambda: toLambda(handler, { ...extra, logger, middleware: [deadline(options)] }),
    logger,
  };
}

const DEADLINE_ERROR = {
  status: '503',
  title: 'Service Unavailable',
  code: 'deadline-exceeded',
  detail: 'The request took too long to handle. Try again.',
};

/** Tracks whether a promise has settled yet. */
function track<T>(promise: Promise<T>): {
  readonly settled: () => boolean;
  readonly promise: Promise<T>;
} {
  let done = false;
  void promise.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  return { settled: () => done, promise };
}

describe('deadline: a handler that runs out of time', () => {
  it('answers 503 deadline-exceeded at remaining - margin, logged at error level (fake timers)', async () => {
    vi.useFakeTimers();
    const { lambda, logger } = withDeadline(hanging, { marginMs: 500 });
    const event = httpApiEvent({
      path: '/items',
      headers: { 'x-amzn-trace-id': TRACE_ID },
      requestId: HTTP_REQUEST_ID,
    });
    const answer = track(lambda(event, contextWithRemaining(700)));
    await vi.advanceTimersByTimeAsync(199);
    expect(answer.settled()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(answer.settled()).toBe(true);
    expect(await answer.promise).toStrictEqual({
      statusCode: 503,
      headers: { 'content-type': 'application/json', 'x-request-id': HTTP_REQUEST_ID },
      cookies: [],
      body: JSON.stringify({ errors: [DEADLINE_ERROR], meta: { requestId: HTTP_REQUEST_ID } }),
      isBase64Encoded: false,
    });
    expect(logger.error.mock.calls).toEqual([
      [
        {
          message: 'Answered 503: a server error the handler returned',
          requestId: HTTP_REQUEST_ID,
          lambdaRequestId: LAMBDA_REQUEST_ID,
          method: 'GET',
          path: '/items',
          route: '$default',
          traceId: TRACE_ID,
          status: 503,
          errors: [
            {
              status: 503,
              title: 'Service Unavailable',
              code: 'deadline-exceeded',
              detail: 'The request took too long to handle. Try again.',
            },
          ],
        },
      ],
    ]);
    expect(logger.warn).not.toHaveBeenCalled();
    expect(logger.info).not.toHaveBeenCalled();
  });

  it('answers within about 200 ms of real time with 700 ms left and a 500 ms margin (REST)', async () => {
    const { lambda, logger } = withDeadline(hanging, { marginMs: 500 });
    const started = performance.now();
    const result = await lambda(
      restApiEvent({ requestId: REST_REQUEST_ID }),
      contextWithRemaining(700),
    );
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(600);
    expect(result).toStrictEqual({
      statusCode: 503,
      headers: { 'content-type': 'application/json', 'x-request-id': REST_REQUEST_ID },
      multiValueHeaders: {},
      body: JSON.stringify({ errors: [DEADLINE_ERROR], meta: { requestId: REST_REQUEST_ID } }),
      isBase64Encoded: false,
    });
    expect(logger.error).toHaveBeenCalledWith(expect.objectContaining({ status: 503 }));
  });

  it('uses a 500 ms margin by default', async () => {
    vi.useFakeTimers();
    const { lambda } = withDeadline(hanging);
    const answer = track(
      lambda(httpApiEvent({ requestId: HTTP_REQUEST_ID }), contextWithRemaining(530)),
    );
    await vi.advanceTimersByTimeAsync(29);
    expect(answer.settled()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await answer.promise).statusCode).toBe(503);
  });

  it('writes the 503 in the configured error format', async () => {
    vi.useFakeTimers();
    const { lambda } = withDeadline(hanging, { marginMs: 100 }, { errorFormat: 'problem' });
    const answer = lambda(httpApiEvent({ requestId: HTTP_REQUEST_ID }), contextWithRemaining(150));
    await vi.advanceTimersByTimeAsync(50);
    const result = await answer;
    expect(result.headers).toStrictEqual({
      'content-type': 'application/problem+json',
      'x-request-id': HTTP_REQUEST_ID,
    });
    expect(JSON.parse(result.body ?? '')).toStrictEqual({
      type: 'about:blank',
      status: 503,
      title: 'Service Unavailable',
      code: 'deadline-exceeded',
      detail: 'The request took too long to handle. Try again.',
      requestId: HTTP_REQUEST_ID,
    });
  });

  it('keeps the 503 when the slow handler finishes afterwards, and logs nothing more', async () => {
    vi.useFakeTimers();
    const { lambda, logger } = withDeadline(after(100), { marginMs: 500 });
    const answer = lambda(httpApiEvent({ requestId: HTTP_REQUEST_ID }), contextWithRemaining(550));
    await vi.advanceTimersByTimeAsync(50);
    expect((await answer).statusCode).toBe(503);
    await vi.advanceTimersByTimeAsync(100);
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.info).not.toHaveBeenCalled();
  });

  it('answers at once when less time remains than the margin', async () => {
    vi.useFakeTimers();
    const { lambda } = withDeadline(hanging, { marginMs: 500 });
    const answer = lambda(httpApiEvent({ requestId: HTTP_REQUEST_ID }), contextWithRemaining(300));
    await vi.advanceTimersByTimeAsync(0);
    expect((await answer).statusCode).toBe(503);
  });
});

describe('deadline: nothing changes otherwise', () => {
  it('a fast handler is answered as usual, its timer cleared', async () => {
    vi.useFakeTimers();
    const { lambda, logger } = withDeadline(() => okAsync({ id: 'u-1' }), { marginMs: 500 });
    const result = await lambda(
      httpApiEvent({ requestId: HTTP_REQUEST_ID }),
      contextWithRemaining(700),
    );
    expect(result).toStrictEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json', 'x-request-id': HTTP_REQUEST_ID },
      cookies: [],
      body: '{"id":"u-1"}',
      isBase64Encoded: false,
    });
    expect(vi.getTimerCount()).toBe(0);
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('a handler that finishes just before the deadline is answered as usual', async () => {
    vi.useFakeTimers();
    const { lambda, logger } = withDeadline(after(150), { marginMs: 500 });
    const answer = lambda(httpApiEvent({ requestId: HTTP_REQUEST_ID }), contextWithRemaining(700));
    await vi.advanceTimersByTimeAsync(150);
    expect(await answer).toMatchObject({ statusCode: 200, body: '{"done":true}' });
    expect(vi.getTimerCount()).toBe(0);
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('a context without getRemainingTimeInMillis sets no deadline', async () => {
    vi.useFakeTimers();
    const { lambda, logger } = withDeadline(after(5_000), { marginMs: 500 });
    const answer = lambda(httpApiEvent({ requestId: HTTP_REQUEST_ID }), contextWithoutRemaining());
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await answer).toMatchObject({ statusCode: 200, body: '{"done":true}' });
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('a getRemainingTimeInMillis that gives no finite number sets no deadline', async () => {
    vi.useFakeTimers();
    const { lambda } = withDeadline(after(1_000), { marginMs: 0 });
    for (const remaining of [Number.NaN, Number.POSITIVE_INFINITY]) {
      const answer = lambda(
        httpApiEvent({ requestId: HTTP_REQUEST_ID }),
        contextWithRemaining(remaining),
      );
      await vi.advanceTimersByTimeAsync(1_000);
      expect((await answer).statusCode).toBe(200);
    }
  });
});

describe('deadline: a deadline further away than a timer can wait', () => {
  // Node's timers overflow past 2^31 − 1 ms (about 24.8 days) and fire after 1 ms instead.
  const LONGEST_TIMER_MS = 2 ** 31 - 1;

  it.each(SHAPES)(
    '%s: with 2^31 ms left, the handler is answered as usual, not with an instant 503',
    async (shape) => {
      const logger = capturingLogger();
      const lambda = toLambda(after(30), { logger, middleware: [deadline({ marginMs: 500 })] });
      const context = fakeContext({
        awsRequestId: LAMBDA_ID,
        getRemainingTimeInMillis: () => 2 ** 31 + 500,
      });

      const result = await lambda(eventFor(shape, { path: '/items' }), context);

      expect(parsedResult(result)).toEqual(
        resultFor(shape, {
          status: 200,
          headers: { 'content-type': 'application/json' },
          body: { done: true },
        }),
      );
      expect(logger.error).not.toHaveBeenCalled();
    },
  );

  it('the longest wait a timer takes still ends in the 503 (fake timers)', async () => {
    vi.useFakeTimers();
    const { lambda } = withDeadline(hanging, { marginMs: 500 });
    const answer = track(
      lambda(
        httpApiEvent({ requestId: HTTP_REQUEST_ID }),
        contextWithRemaining(LONGEST_TIMER_MS + 500),
      ),
    );
    await vi.advanceTimersByTimeAsync(LONGEST_TIMER_MS - 1);
    expect(answer.settled()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await answer.promise).statusCode).toBe(503);
  });
});

describe('deadline: options a JavaScript caller could get wrong are refused when it is built', () => {
  it.each<[string, unknown, string]>([
    [
      'marginMs as a string',
      { marginMs: '500' },
      'deadline: `marginMs` is a string; pass a finite number of 0 or more.',
    ],
    [
      'marginMs NaN',
      { marginMs: Number.NaN },
      'deadline: `marginMs` is NaN; pass a finite number of 0 or more.',
    ],
    [
      'a negative marginMs',
      { marginMs: -100 },
      'deadline: `marginMs` is -100; pass a finite number of 0 or more.',
    ],
    [
      'marginMs Infinity',
      { marginMs: Number.POSITIVE_INFINITY },
      'deadline: `marginMs` is Infinity; pass a finite number of 0 or more.',
    ],
    [
      'a number where the options belong',
      500,
      'deadline: the options are a number; pass an object, e.g. deadline({ marginMs: 500 }).',
    ],
  ])('%s', (_, options, message) => {
    expect(thrownBy(() => deadline(options as DeadlineOptions))).toStrictEqual(
      new TypeError(message),
    );
  });

  it('a margin of 0 is allowed', () => {
    expect(thrownBy(() => deadline({ marginMs: 0 }))).toBeUndefined();
  });
});
