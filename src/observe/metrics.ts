/**
 * CloudWatch Embedded Metric Format: a JSON log line that CloudWatch turns into metrics.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 * A 500 that gatefold answered is a successful invocation to Lambda, so Lambda's own Errors
 * metric never counts it; these lines do.
 */
import { captured } from '../logger.js';

/** Options for EMF metric lines. */
export interface MetricsOptions {
  /** The CloudWatch namespace, e.g. `"shop-api"`. */
  readonly namespace: string;
  /**
   * Where each line goes; standard output by default (Lambda sends it to CloudWatch Logs, where
   * EMF lines become metrics). Metric lines bypass the logger: EMF needs the bare JSON object.
   * With `logger: false`, only a `write` given here is called.
   */
  readonly write?: (line: string) => unknown;
}

/** The counts one request contributes, per route. */
export interface RequestCounts {
  readonly route: string;
  readonly status: number;
  readonly defect: boolean;
  readonly requestId: string;
  readonly durationMs: number;
}

const METRIC_NAMES = ['Requests', 'ClientErrors', 'ServerErrors', 'Defects'] as const;

/** @internal One EMF document for one request: a count of 1 or 0 for each metric. */
export function emfDocument(namespace: string, counts: RequestCounts, timestamp: number): object {
  return {
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: [
        {
          Namespace: namespace,
          Dimensions: [['Route']],
          Metrics: [
            ...METRIC_NAMES.map((Name) => ({ Name, Unit: 'Count' })),
            { Name: 'Duration', Unit: 'Milliseconds' },
          ],
        },
      ],
    },
    Route: counts.route,
    Requests: 1,
    ClientErrors: counts.status >= 400 && counts.status < 500 ? 1 : 0,
    ServerErrors: counts.status >= 500 ? 1 : 0,
    Defects: counts.defect ? 1 : 0,
    Duration: counts.durationMs,
    // Not a metric: searchable in the log line, to go from a data point to the request.
    requestId: counts.requestId,
  };
}

/**
 * @internal Writes to standard output, where Lambda collects EMF lines; under `gatefold/testing`'s
 * `invoke`, the line is returned on its response (`logs`) instead.
 */
export function writeStdout(line: string): void {
  if (!captured('metrics', line)) process.stdout.write(`${line}\n`);
}
