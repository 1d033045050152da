export { toLambda, UnsupportedEventError } from './adapter.js';
export type { LambdaHttpHandler } from './adapter.js';
export { detectEventKind } from './events/kinds.js';
export type { HttpEvent, HttpResult, ResultFor } from './events/kinds.js';
export { fromEither, fromTaskEither, toEither, toTaskEither } from './fp-ts.js';
export type { Handler, Outcome, ProblemError } from './handler.js';
export { consoleLogger } from './logger.js';
export type { LogLevel, LogRecord, Logger } from './logger.js';
export type { ErrorFormat, JsonApiMediaType, LambdaOptions } from './options.js';
export {
  badRequest,
  conflict,
  forbidden,
  gatewayTimeout,
  gone,
  internalServerError,
  isProblem,
  methodNotAllowed,
  notAcceptable,
  notFound,
  notImplemented,
  payloadTooLarge,
  preconditionFailed,
  problem,
  serviceUnavailable,
  tooManyRequests,
  unauthorized,
  unprocessableEntity,
  unsupportedMediaType,
} from './problem.js';
export type { Problem, ProblemDetails, ProblemInit, ProblemSource, RetryAfter } from './problem.js';
export { accepted, binary, created, isReply, json, noContent, redirect, text } from './reply.js';
export type { HeaderInit, Reply, ReplyBodyType, ReplyInit, ReplyOptions } from './reply.js';
export { EVENT_KINDS, header, queryParam } from './request.js';
export type { EventKind, HttpRequest, MultiValueMap, RequestBody } from './request.js';
export type { HttpResponse } from './response.js';
export { reasonPhrase } from './status.js';
export type {
  ClientErrorStatus,
  ErrorStatus,
  RedirectStatus,
  ServerErrorStatus,
  SuccessStatus,
} from './status.js';
