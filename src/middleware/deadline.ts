import type { Middleware } from './middleware.js';
import { sound } from './chain.js';
import { serviceUnavailable } from '../problem.js';
import { checkNumber, checkOptionsObject } from '../_internals/option-checks.js';

// The longest delay a Node timer takes: a longer one overflows and fires after 1 ms instead
// (Node.js docs, setTimeout: "When delay is larger than 2147483647 … the delay will be set to
// 1"). About 24.8 days; Lambda runs an invocation for 15 minutes at most.
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/** Deadline settings. */
export interface DeadlineOptions {
  /** How long before Lambda's timeout to answer, in milliseconds; 500 by default. */
  readonly marginMs?: number;
}

/**
 * Answers a 503 problem (logged at error level) shortly before the invocation's time runs out,
 * instead of letting Lambda end the invocation and API Gateway answer a bare 504. Uses
 * `context.getRemainingTimeInMillis()`; without it (a test calling the handler bare), it does
 * nothing.
 *
 * @example
 * ```ts
 * import { ok } from 'neverthrow';
 * import { toLambda } from 'gatefold';
 * import { deadline } from 'gatefold/middleware';
 *
 * export const handler = toLambda(() => ok({ up: true }), { middleware: [deadline({ marginMs: 300 })] });
 * ```
 */
export function deadline(options: DeadlineOptions = {}): Middleware {
  checkOptionsObject('deadline', options, 'deadline({ marginMs: 500 })');
  checkNumber('deadline', 'marginMs', options.marginMs, 0);
  const margin = options.marginMs ?? 500;
  return sound((next, tools) => async (request, context) => {
    const remaining = (
      context as Partial<typeof context> | undefined
    )?.getRemainingTimeInMillis?.();
    if (typeof remaining !== 'number' || !Number.isFinite(remaining)) return next(request, context);
    const wait = Math.max(0, remaining - margin);
    // No timer can wait that long, and no invocation runs that long: there is no deadline to keep.
    if (wait > LONGEST_TIMER_MS) return next(request, context);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<'expired'>((resolve) => {
      timer = setTimeout(() => {
        resolve('expired');
      }, wait);
    });
    try {
      const winner = await Promise.race([next(request, context), expired]);
      if (winner !== 'expired') return winner;
      return tools.problem(
        request,
        serviceUnavailable(undefined, {
          code: 'deadline-exceeded',
          detail: 'The request took too long to handle. Try again.',
        }),
      );
    } finally {
      clearTimeout(timer);
    }
  });
}
