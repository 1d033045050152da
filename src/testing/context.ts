import type { Context } from 'aws-lambda';
import { randomBytes, randomUUID } from 'node:crypto';

/**
 * Options of {@link fakeContext}: any `Context` field to set, plus the function's timeout.
 *
 * @example
 * ```ts
 * import type { FakeContextOptions } from 'gatefold/testing';
 * const options: FakeContextOptions = { awsRequestId: 'req-1', timeoutMs: 500 };
 * ```
 */
export interface FakeContextOptions extends Partial<Context> {
  /**
   * The function's timeout: `getRemainingTimeInMillis()` counts down from it, starting when the
   * context is made, and stops at 0. Default 3000 (Lambda's default timeout). Ignored when
   * `getRemainingTimeInMillis` itself is given.
   */
  readonly timeoutMs?: number;
  /** The region in `invokedFunctionArn`. Default `us-east-1`. */
  readonly region?: string;
}

function logStreamDate(epoch: number): string {
  const d = new Date(epoch);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())}`;
}

// The runtime still passes the deprecated `done`, `fail` and `succeed`; here they do nothing.
const LEGACY_CALLBACKS = {
  done: (): void => undefined,
  fail: (): void => undefined,
  succeed: (): void => undefined,
};

/**
 * A complete Lambda `Context`, as the Node.js runtime passes it: a random `awsRequestId` (or the
 * one given), function name, version, ARN, memory and log group/stream, and a
 * `getRemainingTimeInMillis()` that counts down from `timeoutMs`. The deprecated `done`, `fail`
 * and `succeed` do nothing.
 *
 * @param overrides - fields to set, `timeoutMs` and `region`
 * @returns the context
 *
 * @example
 * ```ts
 * import { fakeContext, httpApiEvent } from 'gatefold/testing';
 * import { handler } from '../src/handler.js';
 *
 * const context = fakeContext({ awsRequestId: 'req-1', timeoutMs: 100 });
 * const result = await handler(httpApiEvent({ path: '/slow' }), context);
 * ```
 */
export function fakeContext(overrides: FakeContextOptions = {}): Context {
  const { timeoutMs = 3000, region = 'us-east-1', ...fields } = overrides;
  if (!Number.isFinite(timeoutMs) || timeoutMs < 0) {
    throw new Error(`fakeContext: timeoutMs must be a finite number >= 0, got ${timeoutMs}.`);
  }
  const now = Date.now();
  const deadline = now + timeoutMs;
  const functionName = fields.functionName ?? 'gatefold-test-function';
  const functionVersion = fields.functionVersion ?? '$LATEST';
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion,
    invokedFunctionArn: `arn:aws:lambda:${region}:123456789012:function:${functionName}`,
    memoryLimitInMB: '128',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `${logStreamDate(now)}/[${functionVersion}]${randomBytes(16).toString('hex')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    ...LEGACY_CALLBACKS,
    ...fields,
  };
}
