/**
 * What a failure of a streamed body is answered with. Before the first byte the status is still
 * free: the failure becomes the response `toLambda` would have answered — a problem the producer
 * threw (or a domain error the error map covers) with its status, the 503 `deadline-exceeded` of
 * the deadline middleware, the masked 500 of a defect. After it, only the body can still say
 * something: the failure is logged, and a server-sent events stream gets an `error` event
 * carrying the same problem document (masked as the buffered answer would be).
 */
import type { FoldConfig, Folded } from '../fold.js';
import type { MappedError } from '../errors/error-map.js';
import type { Problem } from '../problem.js';
import type { HttpRequest } from '../request.js';
import type { StreamOutcome } from './observe.js';
import { DEFECT_PROBLEM, defectFolded, problemsResponse } from '../fold.js';
import { mapError } from '../errors/error-map.js';
import { isTagged } from '../errors/tagged-error.js';
import { safeLog } from '../logger.js';
import { isProblem, serviceUnavailable } from '../problem.js';
import { describeError } from '../_internals/describe-error.js';
import { requestLogFields } from '../_internals/log-fields.js';
import { BodyLimitError, ClientGoneError, DeadlineError } from './stops.js';

/** The deadline middleware's answer, so that a stream's deadline reads the same. */
const DEADLINE_PROBLEM: Problem = /*#__PURE__*/ serviceUnavailable(undefined, {
  code: 'deadline-exceeded',
  detail: 'The request took too long to handle. Try again.',
});

/** @internal A failure sorted: what it ended, what the client is told, what the logs keep. */
export interface Failure {
  readonly outcome: StreamOutcome;
  /** What the client is told (masked where the buffered answer would be). */
  readonly client: readonly Problem[];
  /** The same problems unmasked, for the logs. */
  readonly full: readonly Problem[];
  readonly mapped: readonly MappedError[];
  /** True when the failure is a defect: a throw that is no problem, a body past its limit. */
  readonly defect: boolean;
}

/** @internal Sorts what a producer threw, or what aborted the invocation. */
export function classify(failure: unknown, config: FoldConfig): Failure {
  if (failure instanceof ClientGoneError) {
    return { outcome: 'client-gone', client: [], full: [], mapped: [], defect: false };
  }
  if (failure instanceof DeadlineError) {
    return {
      outcome: 'deadline',
      client: [DEADLINE_PROBLEM],
      full: [DEADLINE_PROBLEM],
      mapped: [],
      defect: false,
    };
  }
  const masked = { client: [DEFECT_PROBLEM], full: [DEFECT_PROBLEM], mapped: [], defect: true };
  if (failure instanceof BodyLimitError) return { outcome: 'body-limit', ...masked };
  if (isProblem(failure)) {
    return { outcome: 'failed', client: [failure], full: [failure], mapped: [], defect: false };
  }
  const mapped =
    config.errors !== undefined && isTagged(failure) ? mapError(config.errors, failure) : undefined;
  if (mapped !== undefined) {
    return {
      outcome: 'failed',
      client: [mapped.client],
      full: [mapped.full],
      mapped: [mapped],
      defect: false,
    };
  }
  return { outcome: 'failed', ...masked };
}

/**
 * @internal The answer to a failure before the first byte, as the fold would have made it; a
 * defect is logged here, once (the other problems by the caller, as any answered problem is).
 */
export function failureFolded(
  request: HttpRequest,
  failure: unknown,
  sorted: Failure,
  config: FoldConfig,
): Folded {
  if (sorted.outcome === 'failed' && sorted.defect) return defectFolded(request, failure, config);
  if (sorted.outcome === 'body-limit') {
    safeLog(config.logger, 'error', {
      message: 'Streamed body grew past its limit before its first byte; answered a masked 500',
      ...requestLogFields(request),
      limit: (failure as BodyLimitError).limit,
    });
  }
  try {
    return {
      response: problemsResponse(request, sorted.client, config),
      defect: sorted.defect,
      problems: sorted.full,
      mapped: sorted.mapped,
    };
  } catch (defect) {
    // A problem the producer threw that cannot be sent (a status that is no error status).
    return defectFolded(request, defect, config);
  }
}

const AFTER_FIRST_BYTE: Readonly<Record<StreamOutcome, string>> = {
  'client-gone': 'Client went away; stopped the stream',
  deadline: 'Stream reached the deadline after its first byte; ended it early',
  'body-limit': 'Streamed body reached its limit; ended it early',
  failed: 'Stream failed after its first byte; ended it early',
  complete: '',
  'unsupported-source': '',
};

/**
 * @internal Logs a failure after the first byte — the status is sent, so the log is the only
 * place it shows — with the request ids and the cause chain; a client that went away is logged
 * at debug level, since nothing failed.
 */
export function logLateFailure(
  request: HttpRequest,
  failure: unknown,
  sorted: Failure,
  sent: { readonly status: number; readonly bytes: number },
  config: FoldConfig,
): void {
  const record = {
    message: AFTER_FIRST_BYTE[sorted.outcome],
    ...requestLogFields(request),
    status: sent.status,
    bytesSent: sent.bytes,
  };
  if (sorted.outcome === 'client-gone') {
    safeLog(config.logger, 'debug', record);
    return;
  }
  safeLog(config.logger, 'error', {
    ...record,
    errors: sorted.full.map((p) => ({ status: p.status, title: p.title, code: p.code })),
    ...describeError(failure),
  });
}

/** @internal The problem document a late failure's `error` event carries. */
export function lateDocument(
  request: HttpRequest,
  sorted: Failure,
  config: FoldConfig,
): string | undefined {
  if (sorted.client.length === 0) return undefined;
  try {
    const { body } = problemsResponse(request, sorted.client, config);
    return typeof body === 'string' ? body : undefined;
  } catch {
    const { body } = problemsResponse(request, [DEFECT_PROBLEM], config);
    return typeof body === 'string' ? body : undefined;
  }
}
