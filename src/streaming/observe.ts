/**
 * The access-log line and the EMF metrics of a streaming invocation, written when the stream
 * ends: the fields a buffered response's line has, and what only a stream has — the bytes sent,
 * the time to the first byte, how the stream ended.
 */
import type { Logger } from '../logger.js';
import type { MetricsOptions } from '../observe/metrics.js';
import type { Problem } from '../problem.js';
import type { HttpRequest } from '../request.js';
import { safeLog } from '../logger.js';
import { emfDocument } from '../observe/metrics.js';
import { traceIdOf } from '../_internals/log-fields.js';
import { ignoreRejection } from '../_internals/promise.js';

/** How an answer ended. */
export type StreamOutcome =
  'complete' | 'client-gone' | 'deadline' | 'body-limit' | 'failed' | 'unsupported-source';

/** @internal What the line and the metrics report. */
export interface StreamReport {
  readonly request: HttpRequest;
  readonly route: string | undefined;
  readonly gatewayRequestId: string | undefined;
  readonly status: number;
  readonly startedAt: number;
  /** When the first byte (prelude and body) was written, or `undefined` when none was. */
  readonly firstByteAt: number | undefined;
  readonly bytesSent: number;
  /** Whether the body was streamed from the handler's producer, not sent in one piece. */
  readonly streamed: boolean;
  readonly outcome: StreamOutcome;
  readonly defect: boolean;
  readonly problems: readonly Problem[];
}

/** @internal The access log and metrics settings. */
export interface StreamObserveConfig {
  readonly logger: Logger;
  readonly accessLog: boolean;
  readonly metrics: Required<MetricsOptions> | undefined;
}

// The first invocation in this execution environment is the cold start.
let coldStart = true;

function milliseconds(from: number, to: number): number {
  return Math.round((to - from) * 1000) / 1000;
}

interface EmfShape {
  _aws: { CloudWatchMetrics: { Metrics: { Name: string; Unit: string }[] }[] };
  [field: string]: unknown;
}

/** @internal Writes the access-log line and the EMF line of one answer, as configured. */
export function observeStream(report: StreamReport, config: StreamObserveConfig): void {
  const wasCold = coldStart;
  coldStart = false;
  if (!config.accessLog && config.metrics === undefined) return;
  const now = performance.now();
  const durationMs = milliseconds(report.startedAt, now);
  const timeToFirstByteMs =
    report.firstByteAt === undefined
      ? undefined
      : milliseconds(report.startedAt, report.firstByteAt);
  const { request } = report;
  if (config.accessLog) {
    const line: Record<string, unknown> = {
      message: 'request',
      requestId: request.requestId,
      lambdaRequestId: request.lambdaRequestId,
      method: request.method,
      path: request.path,
      route: report.route,
    };
    const traceId = traceIdOf(request);
    if (traceId !== undefined) line['traceId'] = traceId;
    const gatewayRequestId = report.gatewayRequestId;
    if (
      gatewayRequestId !== undefined &&
      gatewayRequestId !== '' &&
      gatewayRequestId !== request.requestId
    ) {
      line['gatewayRequestId'] = gatewayRequestId;
    }
    Object.assign(line, {
      status: report.status,
      durationMs,
      timeToFirstByteMs,
      bytesSent: report.bytesSent,
      streamed: report.streamed,
      outcome: report.outcome,
      errorCodes: report.problems.flatMap((p) => (p.code === undefined ? [] : [p.code])),
      coldStart: wasCold,
    });
    safeLog(config.logger, 'info', line as { message: string });
  }
  if (config.metrics !== undefined) {
    const document = emfDocument(
      config.metrics.namespace,
      {
        route: report.route ?? 'none',
        status: report.status,
        defect: report.defect,
        requestId: request.requestId,
        durationMs,
      },
      Date.now(),
    ) as EmfShape;
    document._aws.CloudWatchMetrics[0]?.Metrics.push(
      { Name: 'BytesSent', Unit: 'Bytes' },
      { Name: 'TimeToFirstByte', Unit: 'Milliseconds' },
    );
    document['BytesSent'] = report.bytesSent;
    if (timeToFirstByteMs !== undefined) document['TimeToFirstByte'] = timeToFirstByteMs;
    try {
      ignoreRejection(config.metrics.write(JSON.stringify(document)));
    } catch {
      // Metrics must never change the answer.
    }
  }
}
