/**
 * Writes an answer to Lambda's response stream: the metadata prelude (status, headers, cookies,
 * in the event kind's shape), then the body — in one piece for every answer `toLambda` would
 * give, chunk by chunk for a streamed reply, each chunk taken from the producer only once the
 * previous one was accepted.
 */
import type { FoldConfig, Folded } from '../fold.js';
import type { Answered, Invocation } from '../pipeline.js';
import type { ObserveConfig } from '../observe/observe.js';
import type { HttpRequest } from '../request.js';
import type { HttpResponse } from '../response.js';
import type { StreamSettings } from './options.js';
import type { StreamObserveConfig, StreamOutcome } from './observe.js';
import type { StreamedReply } from './reply.js';
import type { Source } from './source.js';
import type { ResponseStream } from './wire.js';
import { writeResult } from '../events/kinds.js';
import { observe } from '../observe/observe.js';
import { withEntry } from '../_internals/fields.js';
import { logOversized, maskedResponse } from '../_internals/oversized.js';
import { classify, failureFolded, lateDocument, logLateFailure } from './failure.js';
import { closeStream, unlessAborted, writeChunk } from './flow.js';
import { observeStream } from './observe.js';
import { openSource, releaseBody } from './source.js';
import { encodeEvent } from './sse.js';
import { BodyLimitError } from './stops.js';
import { streamingRuntime } from './wire.js';

/** @internal Everything an answer needs, the pipeline's answer aside. */
export interface Answering {
  readonly kind: 'rest' | 'function-url';
  readonly record: Record<string, unknown>;
  readonly route: string | undefined;
  readonly responseStream: ResponseStream;
  /** Aborts when the client goes away or the deadline comes. */
  readonly signal: AbortSignal;
  /** Aborts when the client goes away only: an answer to the deadline is still written. */
  readonly clientGone: AbortSignal;
  readonly settings: StreamSettings;
  readonly config: FoldConfig;
  readonly requestIdHeader: string;
  /** Logs 4xx/5xx lines for a problem answered before the first byte, as the pipeline does. */
  readonly problemLines: ObserveConfig;
  readonly observe: StreamObserveConfig;
  readonly invocation: Invocation;
}

/** What was sent so far. */
interface Sent {
  status: number;
  bytes: number;
  firstByteAt: number | undefined;
}

const EMPTY = new Uint8Array(0);

// RFC 9110 §6.4.1 and §15.3.6: these statuses carry no body.
const BODYLESS: ReadonlySet<number> = /*#__PURE__*/ new Set([204, 205, 304]);

/** Stops the producer of a streamed reply whose body is not sent (HEAD, 304, a problem). */
function release(reply: StreamedReply): void {
  releaseBody(reply.body);
}

/** The request id header on a response that lacks it, and no body for HEAD. */
function finished(response: HttpResponse, request: HttpRequest, header: string): HttpResponse {
  const headers =
    response.headers[header] === undefined && request.requestId !== ''
      ? withEntry(response.headers, header, [request.requestId])
      : response.headers;
  const body = request.method === 'HEAD' ? '' : response.body;
  return { status: response.status, headers, cookies: response.cookies, body };
}

function byteLength(body: string | Uint8Array): number {
  return typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.byteLength;
}

/**
 * Writes the metadata prelude: the kind's proxy result as `toLambda` would return it (the same
 * status, `headers`, `multiValueHeaders` or `cookies`, each cookie on its own), without its body.
 * The empty write makes Lambda's runtime send the prelude now, even for an empty body.
 */
function openPrelude(
  answering: Answering,
  request: HttpRequest,
  response: HttpResponse,
  headersChecked: boolean,
): ResponseStream {
  const result = writeResult(
    answering.kind,
    { status: response.status, headers: response.headers, cookies: response.cookies, body: '' },
    answering.record,
    request,
    answering.config.logger,
    headersChecked,
  ) as unknown as Record<string, unknown>;
  const metadata: Record<string, unknown> = {};
  for (const key of Object.keys(result)) {
    if (key !== 'body' && key !== 'isBase64Encoded') metadata[key] = result[key];
  }
  const stream = streamingRuntime().HttpResponseStream.from(answering.responseStream, metadata);
  stream.write(EMPTY);
  return stream;
}

/**
 * Ends the stream; once the answer has to stop (the deadline, a client gone), waits for what was
 * written to flush only for the grace period, then destroys the stream. False when it was cut.
 */
function close(answering: Answering, stream: ResponseStream): Promise<boolean> {
  return closeStream(stream, answering.signal, answering.settings.graceMs);
}

/**
 * What stopped an answer: the client gone, or the deadline — whichever came first (cutting the
 * stream makes the client look gone afterwards).
 */
function stopReason(answering: Answering): unknown {
  return answering.signal.reason;
}

function report(
  answering: Answering,
  request: HttpRequest,
  sent: Sent,
  how: {
    readonly streamed: boolean;
    readonly outcome: StreamOutcome;
    readonly folded: Pick<Folded, 'defect' | 'problems'>;
  },
): void {
  observeStream(
    {
      request,
      route: answering.route,
      gatewayRequestId: answering.invocation.gatewayRequestId,
      // Nothing reached a client that went away first: no status was sent.
      status: how.outcome === 'client-gone' && sent.firstByteAt === undefined ? 0 : sent.status,
      startedAt: answering.invocation.startedAt,
      firstByteAt: sent.firstByteAt,
      bytesSent: sent.bytes,
      streamed: how.streamed,
      outcome: how.outcome,
      defect: how.folded.defect,
      problems: how.folded.problems,
    },
    answering.observe,
  );
}

/**
 * Sends a whole answer: prelude, body, end. A body past the limit is replaced by the masked 500
 * (logged with its size), as `toLambda` replaces a result past its event source's limit.
 */
async function sendWhole(
  answering: Answering,
  request: HttpRequest,
  given: { readonly response: HttpResponse; readonly folded: Folded; headersChecked: boolean },
  outcome: StreamOutcome,
): Promise<void> {
  let { response, folded, headersChecked } = given;
  const size = byteLength(response.body);
  const limit = answering.settings.bodyLimit;
  if (size > limit) {
    logOversized(request, { status: response.status, size, limit }, answering.config);
    response = maskedResponse(request, answering.config, answering.requestIdHeader);
    folded = { ...folded, defect: true, problems: [] };
    headersChecked = false;
  }
  const sent: Sent = { status: response.status, bytes: 0, firstByteAt: undefined };
  let ended = outcome;
  let stream = answering.responseStream;
  if (answering.clientGone.aborted) {
    ended = 'client-gone';
  } else {
    stream = openPrelude(answering, request, response, headersChecked);
    sent.firstByteAt = performance.now();
    const body = typeof response.body === 'string' ? Buffer.from(response.body) : response.body;
    try {
      // A full buffer is waited on until the client leaves or the deadline comes, not longer.
      if (body.byteLength > 0) await writeChunk(stream, body, answering.signal);
      sent.bytes = body.byteLength;
    } catch {
      if (classify(stopReason(answering), answering.config).outcome === 'client-gone') {
        ended = 'client-gone';
      } else {
        // The deadline: the body is written, what the client takes of it in the grace is sent.
        sent.bytes = body.byteLength;
        if (ended === 'complete') ended = 'deadline';
      }
    }
  }
  const finished = await close(answering, stream);
  if (!finished && ended === 'complete') {
    ended = classify(stopReason(answering), answering.config).outcome;
  }
  report(answering, request, sent, { streamed: false, outcome: ended, folded });
}

/** Sends a body chunk by chunk; see the module comment for what a failure becomes. */
async function sendStreamed(
  answering: Answering,
  answered: Answered,
  reply: StreamedReply,
): Promise<void> {
  const { request, response } = answered;
  const { signal, config } = answering;
  const limit = answering.settings.bodyLimit;
  const source: Source = openSource(reply.body);
  let first: Uint8Array | undefined;
  try {
    first = await unlessAborted(source.next(), signal);
    if (first !== undefined && first.byteLength > limit) throw new BodyLimitError(limit);
  } catch (failure) {
    source.close();
    const sorted = classify(failure, config);
    if (sorted.outcome === 'client-gone') {
      await close(answering, answering.responseStream);
      const sent = { status: response.status, bytes: 0, firstByteAt: undefined };
      report(answering, request, sent, {
        streamed: true,
        outcome: 'client-gone',
        folded: answered.folded,
      });
      return;
    }
    // The status is still free: the failure is answered as the fold would have answered it.
    await sendFailure(answering, request, failure, sorted);
    return;
  }
  const sent: Sent = { status: response.status, bytes: 0, firstByteAt: undefined };
  const stream = openPrelude(answering, request, response, answered.headersChecked);
  sent.firstByteAt = performance.now();
  let outcome: StreamOutcome = 'complete';
  let folded: Pick<Folded, 'defect' | 'problems'> = answered.folded;
  try {
    for (
      let chunk = first;
      chunk !== undefined;
      chunk = await unlessAborted(source.next(), signal)
    ) {
      if (sent.bytes + chunk.byteLength > limit) throw new BodyLimitError(limit);
      sent.bytes += chunk.byteLength;
      await writeChunk(stream, chunk, signal);
    }
  } catch (failure) {
    source.close();
    const sorted = classify(failure, config);
    logLateFailure(request, failure, sorted, sent, config);
    outcome = sorted.outcome;
    folded = { defect: sorted.defect, problems: sorted.full };
    const document =
      reply.streamKind === 'events' && outcome !== 'client-gone'
        ? lateDocument(request, sorted, config)
        : undefined;
    // The client can no longer learn of the failure from the status: an event stream is told
    // in an `error` event, carrying the problem document the status would have come with.
    if (document !== undefined) stream.write(encodeEvent({ event: 'error', data: document }));
  }
  // A slow or stalled client would hold `finish` back past the deadline: the stream is cut.
  if (!(await close(answering, stream)) && outcome === 'complete') {
    const reason = stopReason(answering);
    const sorted = classify(reason, config);
    logLateFailure(request, reason, sorted, sent, config);
    outcome = sorted.outcome;
    folded = { defect: sorted.defect, problems: sorted.full };
  }
  report(answering, request, sent, { streamed: true, outcome, folded });
}

/**
 * @internal Answers what the pipeline answered: a streamed reply's body from its producer, any
 * other answer (a buffered reply, a problem, the masked 500; HEAD, 204 and 304 without a body)
 * in one piece.
 */
export async function answerThroughStream(
  answering: Answering,
  answered: Answered,
  streamed: StreamedReply | undefined,
): Promise<void> {
  const { request, folded, response } = answered;
  const streams =
    streamed !== undefined &&
    !folded.defect &&
    folded.problems.length === 0 &&
    response.status >= 200 &&
    response.status < 400 &&
    !BODYLESS.has(response.status) &&
    response.body === '' &&
    request.method !== 'HEAD';
  if (streams) {
    await sendStreamed(answering, answered, streamed);
    return;
  }
  if (streamed !== undefined) release(streamed);
  await sendWhole(
    answering,
    request,
    { response, folded, headersChecked: answered.headersChecked },
    'complete',
  );
}

/**
 * @internal Answers an invocation stopped before the handler answered: the deadline's 503, or
 * nothing for a client that went away.
 */
export async function answerStopped(
  answering: Answering,
  request: HttpRequest,
  reason: unknown,
): Promise<void> {
  const sorted = classify(reason, answering.config);
  if (sorted.outcome === 'client-gone') {
    await close(answering, answering.responseStream);
    const sent = { status: 0, bytes: 0, firstByteAt: undefined };
    report(answering, request, sent, {
      streamed: false,
      outcome: 'client-gone',
      folded: { defect: false, problems: [] },
    });
    return;
  }
  await sendFailure(answering, request, reason, sorted);
}

/** Answers a failure before the first byte, as the fold would have: its status, the problem. */
async function sendFailure(
  answering: Answering,
  request: HttpRequest,
  failure: unknown,
  sorted: ReturnType<typeof classify>,
): Promise<void> {
  const folded = failureFolded(request, failure, sorted, answering.config);
  observe(request, folded, answering.invocation, answering.problemLines);
  await sendWhole(
    answering,
    request,
    {
      response: finished(folded.response, request, answering.requestIdHeader),
      folded,
      headersChecked: false,
    },
    sorted.outcome,
  );
}

/** @internal Stops the producer of a reply answered after the invocation was stopped. */
export function releaseLate(reply: StreamedReply | undefined): void {
  if (reply !== undefined) release(reply);
}
