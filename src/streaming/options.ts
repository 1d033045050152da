import type { ErrorMap } from '../errors/error-map.js';
import type { Tagged } from '../errors/tagged-error.js';
import type { LambdaOptions } from '../options.js';
import { checkNumber, checkOptionsObject, refuseOption } from '../_internals/option-checks.js';
import { kindOf } from '../_internals/kind-of.js';

/**
 * The largest response a streaming function can send: "response streaming functions can return
 * payloads up to 200 MB" (Lambda developer guide, "Response streaming for Lambda functions").
 * Read as 200,000,000 bytes, the smaller reading of "MB"; the metadata prelude counts too, so the
 * body's default limit leaves 64 KiB of it for the prelude.
 */
export const AWS_STREAM_LIMIT = 200_000_000;
const PRELUDE_ROOM = 65_536;
export const DEFAULT_BODY_LIMIT = AWS_STREAM_LIMIT - PRELUDE_ROOM;
/** Room for the masked 500 a body past the limit is answered with before its first byte. */
const SMALLEST_BODY_LIMIT = 4096;
const DEFAULT_MARGIN_MS = 500;
/**
 * How long an answer that has to stop (the deadline, a client gone) may still take to flush what
 * was written, before its stream is destroyed; at most half the deadline's margin, so that the
 * logs are written before Lambda's timeout.
 */
const GRACE_MS = 250;

/** When to end a stream before Lambda's timeout ends the invocation. */
export interface StreamDeadlineOptions {
  /** How long before the timeout, in milliseconds; 500 by default. */
  readonly marginMs?: number;
}

/** Options of `toStreamingLambda`: those of `toLambda`, and what only a stream needs. */
export interface StreamingOptions extends Omit<LambdaOptions, 'responseLimits'> {
  /**
   * The most bytes of body one response sends. A buffered body past it is answered with a masked
   * 500; a streamed one is cut there (a masked 500 if nothing was sent yet), and logged. By
   * default 199,934,464: Lambda's 200 MB for a streamed response, less 64 KiB for the metadata
   * prelude. It can be lowered, down to 4,096 bytes, not raised.
   */
  readonly bodyLimit?: number;
  /**
   * Ends the answer `marginMs` before Lambda's timeout (read from
   * `context.getRemainingTimeInMillis()`): a 503 `deadline-exceeded` problem when no byte was
   * sent yet, else the stream ends there (after an `error` event for server-sent events), logged.
   * The handler's `context.signal` aborts at that moment. `false` turns it off.
   */
  readonly deadline?: StreamDeadlineOptions | false;
}

/** @internal The settings only streaming has, checked once when the function is built. */
export interface StreamSettings {
  readonly bodyLimit: number;
  /** Milliseconds before the timeout, or `undefined` for no deadline. */
  readonly marginMs: number | undefined;
  /** How long a stopped answer may still flush before its stream is destroyed. */
  readonly graceMs: number;
}

const WHERE = 'toStreamingLambda';

/** @internal Checks and resolves the streaming options. */
export function streamSettings(
  options: StreamingOptions & { readonly errors?: ErrorMap<Tagged> },
): StreamSettings {
  checkOptionsObject(WHERE, options, '{ bodyLimit: 10_000_000 }');
  const { bodyLimit, deadline } = options;
  checkNumber(WHERE, 'bodyLimit', bodyLimit, SMALLEST_BODY_LIMIT);
  if (bodyLimit !== undefined && (bodyLimit > DEFAULT_BODY_LIMIT || !Number.isInteger(bodyLimit))) {
    refuseOption(
      WHERE,
      `\`bodyLimit\` is ${String(bodyLimit)}; pass a whole number of bytes from ${String(SMALLEST_BODY_LIMIT)} to ${String(DEFAULT_BODY_LIMIT)} (Lambda's 200 MB less room for the prelude).`,
    );
  }
  const given: unknown = deadline;
  if (given !== undefined && given !== false) {
    if (typeof given !== 'object' || given === null || Array.isArray(given)) {
      refuseOption(
        WHERE,
        `\`deadline\` is ${kindOf(given)}; pass { marginMs: 500 }, or false for none.`,
      );
    }
    checkNumber(WHERE, 'deadline.marginMs', (given as StreamDeadlineOptions).marginMs, 0);
  }
  const marginMs = deadline === false ? undefined : (deadline?.marginMs ?? DEFAULT_MARGIN_MS);
  return {
    bodyLimit: bodyLimit ?? DEFAULT_BODY_LIMIT,
    marginMs,
    graceMs: marginMs === undefined ? GRACE_MS : Math.min(GRACE_MS, Math.floor(marginMs / 2)),
  };
}
