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

/**
 * Where `gatefold/testing` catches what the console logger and the default metrics writer print,
 * so that a test can read the lines of one invocation instead of seeing them in its output. One
 * slot for the process, shared by every copy of gatefold loaded (the ESM and CommonJS builds, the
 * sources): a test may import `gatefold/testing` from one copy and the handler from another.
 * Keyed by the format version of {@link LineCapture}.
 */
const CAPTURE = /*#__PURE__*/ Symbol.for('gatefold.line-capture.v1');

/** @internal What a printed line is: a logger record at its level, or an EMF metrics line. */
export type LineKind = LogLevel | 'metrics';

/** @internal Where the lines of one invocation go while `gatefold/testing` captures them. */
export interface LineSink {
  /** Takes a line that was about to be printed; `false` when it does not, and it is printed. */
  take(kind: LineKind, line: string): boolean;
}

/**
 * @internal The capture in place: an `AsyncLocalStorage` of sinks, which the testing module makes
 * (the core never loads `node:async_hooks`) and runs each invocation it captures in.
 */
export interface LineCapture {
  /** The sink of the invocation running, if it is captured. */
  getStore(): LineSink | undefined;
  /** Runs `callback` with `sink` as the store of everything it starts. */
  run<R>(sink: LineSink, callback: () => R): R;
}

type CaptureHolder = Partial<Record<symbol, LineCapture>>;

/** @internal The process-wide capture, made by `make` the first time it is asked for. */
export function lineCapture(make: () => LineCapture): LineCapture {
  return ((globalThis as CaptureHolder)[CAPTURE] ??= make());
}

/**
 * @internal Hands a line to the sink of the invocation running, when there is one: `true` when it
 * took the line, which then is not printed. Without `gatefold/testing`'s `invoke`, one property
 * read.
 */
export function captured(kind: LineKind, line: string): boolean {
  const capture = (globalThis as CaptureHolder)[CAPTURE];
  return capture !== undefined && (capture.getStore()?.take(kind, line) ?? false);
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
 * as structured fields. Under `gatefold/testing`'s `invoke`, the lines of the invocation are
 * returned on its response (`logs`) instead.
 *
 * @example
 * ```ts
 * import { consoleLogger, toLambda } from 'gatefold';
 * export const handler = toLambda(myHandler, { logger: consoleLogger });
 * ```
 */
export const consoleLogger: Logger = {
  error: (record) => {
    const text = line('error', record);
    if (!captured('error', text)) console.error(text);
  },
  warn: (record) => {
    const text = line('warn', record);
    if (!captured('warn', text)) console.warn(text);
  },
  info: (record) => {
    const text = line('info', record);
    if (!captured('info', text)) console.info(text);
  },
  debug: (record) => {
    const text = line('debug', record);
    if (!captured('debug', text)) console.debug(text);
  },
};

const ignore = (): void => undefined;

/** @internal What `logger: false` logs to: nothing. */
export const silentLogger: Logger = { error: ignore, warn: ignore, info: ignore, debug: ignore };
