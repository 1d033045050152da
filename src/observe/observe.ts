import type { Folded } from '../fold.js';
import type { LogLevel, Logger, LogRecord } from '../logger.js';
import type { HttpRequest } from '../request.js';
import type { MetricsOptions } from './metrics.js';
import { safeLog } from '../logger.js';
import { describeError } from '../_internals/describe-error.js';
import { traceIdOf } from '../_internals/log-fields.js';
import { routeOf } from '../_internals/routed.js';
import { ignoreRejection } from '../_internals/promise.js';
import { emfDocument } from './metrics.js';

/** @internal Settings for logs and metrics, resolved once when the adapter is built. */
export interface ObserveConfig {
  readonly logger: Logger;
  readonly clientErrorLevel: LogLevel | 'off';
  readonly accessLog: boolean;
  readonly metrics: Required<MetricsOptions> | undefined;
}

// The first invocation in this execution environment is the cold start.
let coldStart = true;

/** @internal What one invocation adds to the logs beside the request itself. */
export interface Invocation {
  readonly startedAt: number;
  readonly gatewayRequestId: string | undefined;
}

function elapsedMs(startedAt: number): number {
  return Math.round((performance.now() - startedAt) * 1000) / 1000;
}

/** @internal Whether the logs and metrics configured need each invocation's duration. */
export function needsDuration(config: ObserveConfig): boolean {
  return config.accessLog || config.metrics !== undefined;
}

function base(request: HttpRequest, invocation: Invocation): Record<string, unknown> {
  const out: Record<string, unknown> = {
    requestId: request.requestId,
    lambdaRequestId: request.lambdaRequestId,
    method: request.method,
    path: request.path,
    route: routeOf(request),
  };
  const traceId = traceIdOf(request);
  if (traceId !== undefined) out['traceId'] = traceId;
  const gatewayRequestId = invocation.gatewayRequestId;
  if (
    gatewayRequestId !== undefined &&
    gatewayRequestId !== '' &&
    gatewayRequestId !== request.requestId
  ) {
    out['gatewayRequestId'] = gatewayRequestId;
  }
  return out;
}

/** One entry per problem answered: its tag and code, and for 5xx the error's cause chain. */
function errorEntries(folded: Folded, withCauses: boolean): Record<string, unknown>[] {
  return folded.problems.map((problem) => {
    const mapped = folded.mapped.find((m) => m.full === problem);
    const entry: Record<string, unknown> = { status: problem.status, title: problem.title };
    if (mapped !== undefined) {
      entry['tag'] = mapped.tag;
      entry['exposed'] = mapped.exposed;
    }
    if (problem.code !== undefined) entry['code'] = problem.code;
    if (problem.detail !== undefined) entry['detail'] = problem.detail;
    if (problem.source !== undefined) entry['source'] = problem.source;
    // A masked entry's client sees neither; the log has them, as the error map promises.
    if (problem.meta !== undefined) entry['meta'] = problem.meta;
    if (problem.type !== undefined) entry['type'] = problem.type;
    if (withCauses && mapped !== undefined) Object.assign(entry, describeError(mapped.error));
    return entry;
  });
}

/**
 * @internal After a response is built: the error line for a 5xx (defects are logged by the fold
 * already), the configured line for a 4xx, the access-log line and the EMF line.
 */
export function observe(
  request: HttpRequest,
  folded: Folded,
  invocation: Invocation,
  config: ObserveConfig,
): void {
  const wasCold = coldStart;
  coldStart = false;
  const status = folded.response.status;

  if (!folded.defect && status >= 500) {
    safeLog(config.logger, 'error', {
      message: `Answered ${String(status)}: a server error the handler returned`,
      ...base(request, invocation),
      status,
      errors: errorEntries(folded, true),
    } satisfies LogRecord);
  } else if (status >= 400 && status < 500 && config.clientErrorLevel !== 'off') {
    safeLog(config.logger, config.clientErrorLevel, {
      message: `Answered ${String(status)}: a client error`,
      ...base(request, invocation),
      status,
      errors: errorEntries(folded, false),
    });
  }

  // Read only when a line needs it: the first read of `performance` loads Node's perf_hooks,
  // milliseconds of a cold start.
  const durationMs = needsDuration(config) ? elapsedMs(invocation.startedAt) : 0;

  if (config.accessLog) {
    safeLog(config.logger, 'info', {
      message: 'request',
      ...base(request, invocation),
      status,
      durationMs,
      errorCodes: folded.problems.flatMap((p) => (p.code === undefined ? [] : [p.code])),
      coldStart: wasCold,
    });
  }

  if (config.metrics !== undefined) {
    const document = emfDocument(
      config.metrics.namespace,
      {
        route: routeOf(request) ?? 'none',
        status,
        defect: folded.defect,
        requestId: request.requestId,
        durationMs,
      },
      Date.now(),
    );
    try {
      ignoreRejection(config.metrics.write(JSON.stringify(document)));
    } catch {
      // Metrics must never change the answer.
    }
  }
}
