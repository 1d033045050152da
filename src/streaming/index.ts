/**
 * `gatefold/streaming`: response streaming for Function URLs and REST APIs. Handlers return
 * results as for `toLambda`; `stream()` and `serverSentEvents()` replies have their bodies sent
 * as they are produced, through `awslambda.streamifyResponse` — or, outside Lambda, a local
 * runtime that writes the same bytes.
 *
 * @example
 * ```ts
 * import { ok } from 'neverthrow';
 * import { stream, toStreamingLambda } from 'gatefold/streaming';
 *
 * export const handler = toStreamingLambda(() =>
 *   ok(stream((async function* () { yield 'hello, '; yield 'world'; })())),
 * );
 * ```
 *
 * @module
 */
export { toStreamingLambda } from './adapter.js';
export type {
  StreamingContext,
  AnyStreamingMappedHandler,
  StreamingHandlerMappedBy,
  StreamingLambdaFunction,
  StreamingProblemHandler,
} from './adapter.js';
export { isStreamedReply, serverSentEvents, stream } from './reply.js';
export type {
  ServerSentEventSource,
  ServerSentEventsInit,
  StreamBody,
  StreamChunk,
  StreamedReply,
} from './reply.js';
export { encodeEvent } from './sse.js';
export type { ServerSentEvent } from './sse.js';
export type { StreamDeadlineOptions, StreamingOptions } from './options.js';
export type { StreamOutcome } from './observe.js';
export { BodyLimitError, ClientGoneError, DeadlineError } from './stops.js';
export type { ResponseStream } from './wire.js';
