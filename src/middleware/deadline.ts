import type { Middleware } from './middleware.js';
import { serviceUnavailable } from '../problem.js';

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
 * import { deadline, toLambda } from 'gatefold';
 *
 * export const handler = toLambda(() => ok({ up: true }), { middleware: [deadline({ marginMs: 300 })] });
 * ```
 */
export function deadline(options: DeadlineOptions = {}): Middleware {
  const margin = options.marginMs ?? 500;
  return (next, tools) => async (request, context) => {
    const remaining = (
      context as Partial<typeof context> | undefined
    )?.getRemainingTimeInMillis?.();
    if (typeof remaining !== 'number' || !Number.isFinite(remaining)) return next(request, context);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<'expired'>((resolve) => {
      timer = setTimeout(
        () => {
          resolve('expired');
        },
        Math.max(0, remaining - margin),
      );
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
  };
}
