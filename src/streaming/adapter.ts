import type { Context } from 'aws-lambda';
import type { ErrorMap } from '../errors/error-map.js';
import type { Tagged } from '../errors/tagged-error.js';
import type { HttpEvent } from '../events/kinds.js';
import type { AnyTagged, MappedErrors, MappedOptions, Outcome, ProblemError } from '../handler.js';
import type { Answered, Invocation } from '../pipeline.js';
import type { HttpRequest } from '../request.js';
import type { Settled } from '../_internals/settle.js';
import type { StreamingOptions } from './options.js';
import type { StreamedReply } from './reply.js';
import type { ResponseStream } from './wire.js';
import { UnsupportedEventError } from '../adapter.js';
import { detectEventKind, readEvent } from '../events/kinds.js';
import { fallbackRequest } from '../events/read.js';
import { safeLog } from '../logger.js';
import { pipeline } from '../pipeline.js';
import { EVENT_KINDS } from '../request.js';
import { recordAdapted } from '../_internals/adapted.js';
import { describeError } from '../_internals/describe-error.js';
import { asRecord, asString } from '../_internals/fields.js';
import { InvalidResponseError } from '../_internals/headers.js';
import { routeOf } from '../_internals/routed.js';
import { isSettled, settle } from '../_internals/settle.js';
import { writeStdout } from '../observe/metrics.js';
import { streamSettings } from './options.js';
import { headOf, isStreamedReply } from './reply.js';
import { refuseSource } from './refuse.js';
import type { Answering } from './send.js';
import { answerStopped, answerThroughStream, releaseLate } from './send.js';
import { closeStream, unlessAborted } from './flow.js';
import { ClientGoneError, DeadlineError } from './stops.js';
import { streamingRuntime } from './wire.js';

/**
 * Lambda's context, and the signal of this invocation: it aborts when the client goes away or
 * the deadline comes (`signal.reason` says which), so that a producer can stop its work.
 */
export type StreamingContext = Context & { readonly signal: AbortSignal };

/** A handler whose `Err` side holds problems only, given the streaming context. */
export type StreamingProblemHandler = (
  request: HttpRequest,
  context: StreamingContext,
) => Outcome<unknown, ProblemError>;

/**
 * What `toStreamingLambda` takes with options: a handler with problems and domain errors on its
 * `Err` side, checked against the map in the options as `toLambda` checks them, so that for a tag
 * the map lacks the first line of the compile error names it (`"TodoLocked is not mapped"`).
 */
export type AnyStreamingMappedHandler = (
  request: HttpRequest,
  context: StreamingContext,
) => Outcome<unknown, MappedErrors<AnyTagged>>;

/** A handler whose domain errors are all among `E`, given the streaming context. */
export type StreamingHandlerMappedBy<E> = (
  request: HttpRequest,
  context: StreamingContext,
) => Outcome<unknown, MappedErrors<E>>;

/**
 * The function `toStreamingLambda` returns, marked for Lambda's runtime as a streaming handler:
 * it writes its answer to the response stream Lambda passes.
 */
export type StreamingLambdaFunction = (
  event: HttpEvent,
  responseStream: ResponseStream,
  context: Context,
) => Promise<void>;

/** What one invocation's handler call left for the adapter: its streamed reply, its route. */
interface Seen {
  streamed: StreamedReply | undefined;
  route: string | undefined;
}

function right(value: unknown): { readonly _tag: 'Right'; readonly right: unknown } {
  return { _tag: 'Right', right: value };
}

function left(error: unknown): { readonly _tag: 'Left'; readonly left: unknown } {
  return { _tag: 'Left', left: error };
}

/** Reads a field without trusting the event: a getter may throw. */
function tryRead<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

/**
 * The context the handler gets: Lambda's, with the invocation's signal. A new object per
 * invocation, which also keys what the handler answered.
 */
function streamingContext(context: Context, signal: AbortSignal): StreamingContext {
  const prototype = Object.getPrototypeOf(context) as object | null;
  return Object.assign(Object.create(prototype) as object, context, { signal });
}

/**
 * Aborts `controller` when the client goes away — Lambda's response stream closes or fails
 * before the answer ended — or `marginMs` before Lambda's timeout. Returns the cleanup.
 */
function watch(
  responseStream: ResponseStream,
  context: Context,
  marginMs: number | undefined,
  controller: AbortController,
  client: AbortController,
): () => void {
  const gone = (): void => {
    if (responseStream.writableFinished) return;
    const reason = new ClientGoneError();
    client.abort(reason);
    controller.abort(reason);
  };
  // A stream that fails with nobody listening would throw from the event emitter.
  const quiet = (): void => undefined;
  responseStream.on('error', quiet);
  responseStream.once('close', gone);
  responseStream.once('error', gone);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const remaining = tryRead(
    () => (context as Partial<Context>).getRemainingTimeInMillis?.(),
    undefined,
  );
  if (marginMs !== undefined && typeof remaining === 'number' && Number.isFinite(remaining)) {
    const wait = Math.max(0, remaining - marginMs);
    // Longer than a timer can wait (about 24.8 days): no invocation runs that long.
    if (wait <= 2 ** 31 - 1) {
      timer = setTimeout(() => {
        controller.abort(new DeadlineError(marginMs));
      }, wait);
    }
  }
  return () => {
    clearTimeout(timer);
    responseStream.off('close', gone);
    responseStream.off('error', gone);
  };
}

/**
 * Turns a handler into a streaming Lambda function, for Function URLs (invoke mode
 * `RESPONSE_STREAM`) and REST APIs (an integration with `responseTransferMode: STREAM`). The
 * handler returns results as for `toLambda`, and every answer is `toLambda`'s — status, headers,
 * cookies, body, logs, `x-request-id` — written through Lambda's response stream; a reply made
 * by `stream()` or `serverSentEvents()` has its body sent as it is produced. HTTP APIs and ALBs
 * cannot stream: their events are answered with a 500 that the log explains.
 *
 * @param handler - `(request, context) => Result | ResultAsync | …`; `context.signal` aborts when
 *   the client goes away or the deadline comes
 * @returns the Lambda function; export it as `handler`
 *
 * @example
 * ```ts
 * import { ok } from 'neverthrow';
 * import { serverSentEvents, toStreamingLambda } from 'gatefold/streaming';
 *
 * export const handler = toStreamingLambda((request, context) =>
 *   ok(
 *     serverSentEvents(
 *       (async function* () {
 *         for (let n = 1; n <= 3 && !context.signal.aborted; n += 1) yield { data: { n } };
 *       })(),
 *     ),
 *   ),
 * );
 * ```
 */
export function toStreamingLambda(handler: StreamingProblemHandler): StreamingLambdaFunction;
/**
 * {@link toStreamingLambda} with options: those of `toLambda` (`errors`, `middleware`, logs,
 * metrics, the error format), the `bodyLimit` and the `deadline`.
 *
 * @param handler - a handler whose domain errors the error map in `options` covers
 * @param options - `toLambda`'s options, `bodyLimit` and `deadline`
 * @returns the Lambda function; export it as `handler`
 */
export function toStreamingLambda<H extends AnyStreamingMappedHandler, E extends Tagged = never>(
  handler: H,
  options: MappedOptions<ReturnType<NoInfer<H>>, E, StreamingOptions>,
): StreamingLambdaFunction;
export function toStreamingLambda(
  handler: (request: HttpRequest, context: StreamingContext) => unknown,
  options: StreamingOptions & { readonly errors?: ErrorMap<Tagged> } = {},
): StreamingLambdaFunction {
  const settings = streamSettings(options);
  const seen = new WeakMap<object, Seen>();

  // The pipeline sees the head of a streamed reply (status, headers, cookies, no body), so that
  // middleware, the request id and the error lines treat it as any reply; the body is the
  // adapter's to send. The access line and metrics are written when the stream ends.
  const core = (request: HttpRequest, context: Context): unknown => {
    const entry = seen.get(context);
    const swap = (result: Settled): unknown => {
      if (entry !== undefined) entry.route = routeOf(request);
      if (!result.ok) return left(result.error);
      if (!isStreamedReply(result.value)) return right(result.value);
      if (entry === undefined) {
        releaseLate(result.value);
        throw new InvalidResponseError(
          'A streamed reply reached the adapter through a middleware that replaced the context; pass the context on unchanged.',
        );
      }
      let head: unknown;
      try {
        head = headOf(result.value);
      } catch (error) {
        // A reply this copy of gatefold did not check (built by another copy, or changed after
        // it was built) whose head cannot be made: the pipeline answers the throw with the
        // masked 500, and the producer, which nothing will read, is released now.
        releaseLate(result.value);
        throw error;
      }
      entry.streamed = result.value;
      return right(head);
    };
    const settled = settle(handler(request, context as StreamingContext));
    return isSettled(settled) ? swap(settled) : settled.then(swap);
  };
  // The pipeline writes no access line or metrics: they are written when the stream ends.
  const rest: typeof options = { ...options };
  delete (rest as { accessLog?: boolean }).accessLog;
  delete (rest as { metrics?: unknown }).metrics;
  const { config, requestIdHeader, adoptRequestId, run } = pipeline(core, rest);
  const silent = options.logger === false;
  const observeConfig = {
    logger: config.logger,
    accessLog: !silent && (options.accessLog ?? false),
    metrics:
      options.metrics === undefined || (silent && options.metrics.write === undefined)
        ? undefined
        : { namespace: options.metrics.namespace, write: options.metrics.write ?? writeStdout },
  };
  const problemLines = {
    logger: config.logger,
    clientErrorLevel: silent ? ('off' as const) : (options.clientErrorLogLevel ?? 'info'),
    accessLog: false,
    metrics: undefined,
  };

  async function streamingHandler(
    event: HttpEvent,
    responseStream: ResponseStream,
    context: Context,
  ): Promise<void> {
    const startedAt = performance.now();
    const kind = tryRead(() => detectEventKind(event), undefined);
    if (kind === undefined) {
      const error = new UnsupportedEventError(
        `gatefold serves HTTP events (${EVENT_KINDS.join(', ')}) but was invoked with something else. Check the function's triggers.`,
      );
      safeLog(config.logger, 'error', { message: error.message, ...describeError(error) });
      throw error;
    }
    const record = event as unknown as Record<string, unknown>;
    const gatewayRequestId = tryRead(
      () => asString(asRecord(record['requestContext'])?.['requestId']),
      undefined,
    );
    if (kind === 'http' || kind === 'alb') {
      await refuseSource(kind, record, responseStream, context, {
        config,
        requestIdHeader,
        adoptRequestId,
        observe: observeConfig,
        startedAt,
        gatewayRequestId,
      });
      return;
    }
    const controller = new AbortController();
    const client = new AbortController();
    const invocationContext = streamingContext(context, controller.signal);
    const entry: Seen = { streamed: undefined, route: undefined };
    seen.set(invocationContext, entry);
    const unwatch = watch(responseStream, context, settings.marginMs, controller, client);
    try {
      const invocation: Invocation = { startedAt, gatewayRequestId };
      const answering = run(
        () => readEvent(kind, record, invocationContext, adoptRequestId),
        () => fallbackRequest(kind, record, invocationContext),
        invocationContext,
        invocation,
      );
      const through: Answering = {
        kind,
        record,
        get route() {
          return entry.route ?? (invocation.request && routeOf(invocation.request));
        },
        responseStream,
        signal: controller.signal,
        clientGone: client.signal,
        settings,
        config,
        requestIdHeader,
        problemLines,
        observe: observeConfig,
        invocation,
      };
      let answered: Answered;
      if (answering instanceof Promise) {
        try {
          answered = await unlessAborted(answering, controller.signal);
        } catch (reason) {
          // Stopped before the handler answered (its answer can only be a defect the pipeline
          // logs, never a rejection): the deadline's 503 now, and its producer stopped later.
          answering.then(
            () => {
              releaseLate(entry.streamed);
            },
            () => undefined,
          );
          const request = invocation.request ?? fallbackRequest(kind, record, invocationContext);
          await answerStopped(through, request, reason);
          return;
        }
      } else {
        answered = answering;
      }
      try {
        await answerThroughStream(through, answered, entry.streamed);
      } catch (failure) {
        // Only reached when the prelude itself could not be written; the runtime gets no throw,
        // as `toLambda` gives it none for an HTTP event: the stream ends, the log says why.
        safeLog(config.logger, 'error', {
          message: 'Answering failed; ended the stream',
          kind,
          ...describeError(failure),
        });
        await closeStream(responseStream, controller.signal, settings.graceMs);
      }
    } finally {
      unwatch();
      seen.delete(invocationContext);
    }
  }

  return recordAdapted(streamingRuntime().streamifyResponse(streamingHandler), {
    handler,
    integration: 'proxy',
    streaming: true,
    errorFormat: config.errorFormat,
    jsonApiMediaType: config.jsonApiMediaType,
    errors: config.errors,
    requestIdHeader,
  });
}
