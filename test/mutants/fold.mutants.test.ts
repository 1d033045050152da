/**
 * Fold paths the wider tests leave out: an error map that does not cover the error returned, a
 * forgotten `await`, single-value fields given twice, and defect logs without a trace header.
 */
import { err, ok } from 'neverthrow';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TaggedError, errorMap, json, toLambda } from '../../src/index.js';
import type { Outcome } from '../../src/index.js';
import { fakeContext, restApiEvent } from '../../src/testing/index.js';
import type { CapturingLogger } from '../support/logger.js';
import { capturingLogger } from '../support/logger.js';

class Covered extends TaggedError('Covered')<{ readonly id: string }> {}
class Forgotten extends TaggedError('Forgotten')<{ readonly id: string }> {}

async function run(
  // Untyped on purpose: these handlers return what typed code cannot.
  handler: () => Outcome<unknown, unknown>,
  // The builder sends a trace header unless told not to.
  headers: Record<string, string | readonly string[]> = { 'x-amzn-trace-id': [] },
): Promise<{ logger: CapturingLogger; statusCode: number; headers: unknown }> {
  const logger = capturingLogger();
  const lambda = toLambda(handler as () => Outcome<unknown, Covered>, {
    logger,
    errors: errorMap<Covered>({ Covered: () => ({ status: 404 }) }),
  });
  const result = await lambda(restApiEvent({ headers, requestId: 'req-1' }), fakeContext());
  return { logger, statusCode: result.statusCode, headers: result.headers };
}

function defectLog(logger: CapturingLogger): unknown {
  expect(logger.error).toHaveBeenCalledTimes(1);
  return logger.error.mock.calls[0]?.[0];
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('defects the fold finds', () => {
  it('an error the error map does not cover is a masked 500 naming the tag', async () => {
    // Typed code cannot return Forgotten here; untyped code (or a cast) can.
    const { logger, statusCode } = await run(() => err(new Forgotten({ id: 'x' })));
    expect(statusCode).toBe(500);
    expect(defectLog(logger)).toMatchObject({
      message: 'Handler defect answered with a masked 500',
      requestId: 'req-1',
      errorName: 'InvalidResponseError',
      errorMessage:
        'The handler returned the error "Forgotten", which the error map does not cover.',
    });
  });

  it('an Ok holding a promise says to await it', async () => {
    const { logger, statusCode } = await run(() => ok(Promise.resolve({ id: 'u-1' })));
    expect(statusCode).toBe(500);
    expect(defectLog(logger)).toMatchObject({
      errorName: 'InvalidResponseError',
      errorMessage: 'The Ok value is a promise; await it, or return a ResultAsync instead.',
    });
  });

  it('two different Location values are a defect', async () => {
    const { logger, statusCode } = await run(() =>
      ok(json({}, { headers: { location: ['/a', '/b'] } })),
    );
    expect(statusCode).toBe(500);
    expect(defectLog(logger)).toMatchObject({
      errorMessage: 'A reply has several "location" values; the field takes one.',
    });
  });

  it('the same Location value twice is sent once', async () => {
    const { logger, statusCode, headers } = await run(() =>
      ok(json({}, { headers: { location: ['/a', '/a'] } })),
    );
    expect(logger.error).not.toHaveBeenCalled();
    expect(statusCode).toBe(200);
    expect(headers).toMatchObject({ location: '/a' });
  });
});

describe('the trace id of a defect log', () => {
  const defect = () => ok(() => 'not JSON');

  it('comes from the X-Amzn-Trace-Id header first', async () => {
    vi.stubEnv('_X_AMZN_TRACE_ID', 'Root=1-from-env');
    const { logger } = await run(defect, { 'X-Amzn-Trace-Id': 'Root=1-from-header' });
    expect(defectLog(logger)).toMatchObject({ traceId: 'Root=1-from-header' });
  });

  it("comes from Lambda's _X_AMZN_TRACE_ID without the header", async () => {
    vi.stubEnv('_X_AMZN_TRACE_ID', 'Root=1-from-env');
    const { logger } = await run(defect);
    expect(defectLog(logger)).toMatchObject({ traceId: 'Root=1-from-env' });
  });

  it('is left out when there is neither', async () => {
    vi.stubEnv('_X_AMZN_TRACE_ID', undefined);
    const { logger } = await run(defect);
    expect(defectLog(logger)).not.toHaveProperty('traceId');
  });
});
