/**
 * `gatefold/testing`: build AWS events, call a handler, read its response the same way for
 * every event kind, and assert on results and error responses. Runner-agnostic: failures are
 * plain `Error`s.
 *
 * @example
 * ```ts
 * import { ok } from 'neverthrow';
 * import { json, toLambda } from 'gatefold';
 * import { invoke, restApiEvent } from 'gatefold/testing';
 *
 * const handler = toLambda((request) => ok(json({ path: request.path })));
 * const response = await invoke(handler, restApiEvent({ path: '/users' }));
 * // response.status === 200, response.json() deep-equals { path: '/users' }
 * ```
 *
 * @packageDocumentation
 */

export { albEvent, functionUrlEvent, httpApiEvent, restApiEvent } from './events.js';
export type {
  AlbEventOptions,
  EventBody,
  EventCookies,
  EventHeaders,
  EventOptions,
  EventQuery,
  FunctionUrlEventOptions,
  HttpApiEventOptions,
  RestApiEventOptions,
} from './events.js';
export { fakeContext } from './context.js';
export type { FakeContextOptions } from './context.js';
export { integrationEvent, invokeIntegration } from './integration.js';
export type { IntegrationEventOptions, IntegrationInvokeResponse } from './integration.js';
export { invoke } from './invoke.js';
export type {
  InvokableHandler,
  InvokeLog,
  InvokeLogRecord,
  InvokeMetricsLine,
  InvokeResponse,
} from './invoke.js';
export { invokeStream } from './invoke-stream.js';
export type {
  ReceivedChunk,
  StreamInvokeOptions,
  StreamInvokeResponse,
  StreamingFunction,
} from './invoke-stream.js';
export { expectErr, expectOk, expectProblems } from './assertions.js';
export type { ProblemResponse, ProblemSummary } from './assertions.js';
