import { ignoreRejection } from './_internals/promise.js';

/**
 * The structural logger gatefold writes to. Each method takes one record with a `message`;
 * Powertools Logger (`logger.error({ message, ...fields })`), pino (`logger.error(obj)`) and the
 * default JSON console logger all accept that call as it is.
 */
export interface Logger {
  // `unknown`, not `void`: an async logger's promise is accepted, and its rejection handled.
  error(record: LogRecord): unknown;
  warn(record: LogRecord): unknown;
  info(record: LogRecord): unknown;
  debug(record: LogRecord): unknown;
}

/** One structured log line. */
export interface LogRecord {
  readonly message: string;
  readonly [field: string]: unknown;
}

/** A log level: the name of a {@link Logger} method. */
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

/**
 * The most items of one list a log record carries. A client decides how long some lists are —
 * before `endpoint` capped its problems, a request with 40,000 wrong items was logged as one 5 MB
 * line with an entry each — and a line that large costs ingestion and says no more than its first
 * entries do. Twice the problems a response lists by default (a hundred and the one that counts
 * the rest), so that such a list is always logged whole.
 */
const MAX_LOGGED_ITEMS = 200;

/**
 * The record with each list longer than {@link MAX_LOGGED_ITEMS} cut to its first items, and the
 * number left out beside it (`errors` → `errorsOmitted`). A record without long lists is returned
 * as it is.
 */
function boundedRecord(record: LogRecord): LogRecord {
  let out: Record<string, unknown> | undefined;
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (!Array.isArray(value) || value.length <= MAX_LOGGED_ITEMS) continue;
    out ??= Object.assign({}, record);
    out[key] = value.slice(0, MAX_LOGGED_ITEMS);
    out[`${key}Omitted`] = value.length - MAX_LOGGED_ITEMS;
  }
  return (out as LogRecord | undefined) ?? record;
}

/**
 * @internal Logs without ever throwing: a broken logger must not turn an answer into API
 * Gateway's bare 502. Long lists are cut (see {@link MAX_LOGGED_ITEMS}).
 */
export function safeLog(logger: Logger, level: LogLevel, record: LogRecord): void {
  try {
    // An async logger's rejection would otherwise be unhandled, which fails the invocation.
    ignoreRejection(logger[level](boundedRecord(record)));
  } catch {
    // Nothing else can be told; the response still goes out.
  }
}

function line(level: LogLevel, record: LogRecord): string {
  try {
    return JSON.stringify({ level, ...record });
  } catch {
    // A field that cannot be serialised must not cost the log line itself.
    return JSON.stringify({ level, message: record.message });
  }
}

/**
 * The default logger: one JSON object per line on the console, which CloudWatch Logs indexes
 * as structured fields.
 *
 * @example
 * ```ts
 * import { consoleLogger, toLambda } from 'gatefold';
 * export const handler = toLambda(myHandler, { logger: consoleLogger });
 * ```
 */
export const consoleLogger: Logger = {
  error: (record) => {
    console.error(line('error', record));
  },
  warn: (record) => {
    console.warn(line('warn', record));
  },
  info: (record) => {
    console.info(line('info', record));
  },
  debug: (record) => {
    console.debug(line('debug', record));
  },
};
