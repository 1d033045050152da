/**
 * `gatefold`: what a handler needs — `toLambda`, `endpoint` and its codecs and validators,
 * `router`, error maps and tagged errors, replies and problems. The rest has a subpath of its
 * own, so that a bundle pays only for what it imports: `gatefold/middleware`,
 * `gatefold/openapi`, `gatefold/integration`, `gatefold/dev`, `gatefold/fp-ts` and
 * `gatefold/testing`.
 *
 * @example
 * ```ts
 * import { ok } from 'neverthrow';
 * import { json, toLambda } from 'gatefold';
 *
 * export const handler = toLambda(() => ok(json({ hello: 'world' })));
 * ```
 *
 * @module
 */
export { toLambda, UnsupportedEventError } from './adapter.js';
export type { LambdaHttpHandler } from './adapter.js';
export { endpoint } from './decode/endpoint.js';
export type {
  EndpointHandler,
  EndpointInput,
  EndpointOptions,
  EndpointOutcome,
  MayBeAsync,
  SettledResult,
  EndpointParts,
  OperationDescription,
  PartCodec,
  PartName,
  PartOutput,
  PartSchema,
} from './decode/endpoint.js';
export { isStandardSchema } from './decode/standard-schema.js';
export type {
  StandardFailure,
  StandardInput,
  StandardIssue,
  StandardJsonSchemaProps,
  StandardOutput,
  StandardPathSegment,
  StandardResult,
  StandardSchemaProps,
  StandardSchemaV1,
  StandardSuccess,
  StandardTypes,
} from './decode/standard-schema-spec.js';
export type { CodecIssue } from './decode/to-standard-schema.js';
export { toStandardSchema } from './decode/to-standard-schema.js';
export type { CodecStandardSchema } from './decode/to-standard-schema.js';
export { CallerMismatchError, caller, isCallerPart } from './auth/caller-part.js';
export type {
  CallerCheck,
  CallerMismatch,
  CallerPart,
  CallerPartOptions,
} from './auth/caller-part.js';
export type {
  CallerClaims,
  CallerFailure,
  CallerIdentity,
  CallerOptions,
  CallerType,
  CognitoIdentity,
  IamCaller,
  JwtCaller,
  LambdaCaller,
  NoCaller,
  OidcCaller,
  OidcVerifier,
  SyncCallerOptions,
  SyncOidcVerifier,
} from './auth/index.js';
export {
  CALLER_TYPES,
  CallerError,
  OIDC_DATA_HEADER,
  callerOf,
  isCallerError,
} from './auth/index.js';
export { DEFAULT_BODY_LIMITS, isJsonMediaType } from './decode/json-body.js';
export { DEFAULT_MAX_PROBLEMS } from './decode/problem-list.js';
export type { BodyLimits } from './decode/json-body.js';
export { issueToProblem } from './decode/issue.js';
export type { Issue, IssueTemplate } from './decode/issue.js';
export { escapePointerToken, toPointer } from './decode/pointer.js';
export { max, maxLength, min, minLength, pattern, refine } from './decode/refine.js';
export type { Sized } from './decode/refine.js';
export type { AnyCodec } from './decode/describe.js';
export { reportErrors } from './decode/report.js';
export type { RequestPart } from './decode/report.js';
export {
  BooleanFromString,
  DateFromString,
  DateTimeFromString,
  IntFromString,
  NonEmptyString,
  NumberFromString,
  Trimmed,
  Uuid,
  oneOf,
} from './decode/text-codecs.js';
export type { NonEmptyStringBrand, UuidBrand } from './decode/text-codecs.js';
export { all, field, rule, sequence } from './decode/validators.js';
export type { RuleIssue, Validator } from './decode/validators.js';
export {
  errorMap,
  isErrorMap,
  mergeErrorMaps,
  overrideErrors,
  toProblem,
} from './errors/error-map.js';
export type { ErrorEntry, ErrorMap, ErrorMapEntries, ErrorMapping } from './errors/error-map.js';
export { TaggedError, isTagged } from './errors/tagged-error.js';
export type {
  LiteralTagRequired,
  NoData,
  Tagged,
  TaggedErrorClass,
  TaggedErrorInstance,
  TaggedErrorOptions,
} from './errors/tagged-error.js';
export { detectEventKind } from './events/kinds.js';
export { MIN_RESPONSE_LIMIT, PAYLOAD_LIMITS } from './events/limits.js';
export type { PayloadLimits, ResponseLimits } from './events/limits.js';
export type { HttpHandler, Middleware, MiddlewareTools } from './middleware/middleware.js';
export { router } from './router/router.js';
export type {
  Method,
  MappedBy,
  MappedRouteHandler,
  MappedRouteOptions,
  Unmapped,
  RouteAdder,
  RouteHandler,
  RouteInfo,
  RouteOptions,
  Router,
  RouterOptions,
} from './router/router.js';
export type { HttpEvent, HttpResult, ResultFor } from './events/kinds.js';
export type {
  AnyMappedHandler,
  AnyTagged,
  ErrorsOf,
  Handler,
  HandlerMappedBy,
  LastOf,
  MappedErrors,
  MappedOptions,
  NotMapped,
  Outcome,
  ProblemError,
  ProblemHandler,
  Sentence,
  TagsOf,
  TupleOf,
} from './handler.js';
export { consoleLogger } from './logger.js';
export type { LogLevel, LogRecord, Logger } from './logger.js';
export type {
  ErrorFormat,
  JsonApiMediaType,
  LambdaOptions,
  MappedLambdaOptions,
} from './options.js';
export type { MetricsOptions } from './observe/metrics.js';
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
