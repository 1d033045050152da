export { toLambda, UnsupportedEventError } from './adapter.js';
export type { LambdaHttpHandler } from './adapter.js';
export { endpoint } from './decode/endpoint.js';
export type {
  EndpointHandler,
  EndpointInput,
  EndpointOptions,
  EndpointParts,
  OperationDescription,
  PartCodec,
  PartName,
} from './decode/endpoint.js';
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
export { serve } from './dev/serve.js';
export { toLambdaIntegration, IntegrationErrorResponse } from './integration/adapter.js';
export type { LambdaIntegrationHandler } from './integration/adapter.js';
export { INTEGRATION_EVENT_VERSION, isIntegrationEvent } from './integration/event.js';
export type { IntegrationEvent, PassthroughEvent } from './integration/event.js';
export {
  FOREIGN_ERROR_PATTERN,
  otherStatusPattern,
  selectionPattern,
} from './integration/message.js';
export type { ErrorMessage } from './integration/message.js';
export {
  errorResponseTemplate,
  requestTemplate,
  successResponseTemplate,
} from './integration/templates.js';
export { openApiDocument } from './openapi/document.js';
export type { IntegrationType, OpenApiDocument, OpenApiOptions } from './openapi/document.js';
export { codecSchema, withSchema } from './openapi/json-schema.js';
export type { JsonSchema, SchemaOptions } from './openapi/json-schema.js';
export type { LambdaFunction, LocalServer, ServeOptions } from './dev/serve.js';
export type { LocalEventKind } from './dev/to-event.js';
export { detectEventKind } from './events/kinds.js';
export { MIN_RESPONSE_LIMIT, PAYLOAD_LIMITS } from './events/limits.js';
export type { PayloadLimits, ResponseLimits } from './events/limits.js';
export { compress } from './middleware/compress.js';
export type { CompressOptions } from './middleware/compress.js';
export { conditionalGet } from './middleware/conditional-get.js';
export { cors } from './middleware/cors.js';
export type { CorsOptions } from './middleware/cors.js';
export { deadline } from './middleware/deadline.js';
export type { DeadlineOptions } from './middleware/deadline.js';
export type { HttpHandler, Middleware, MiddlewareTools } from './middleware/middleware.js';
export { securityHeaders } from './middleware/security-headers.js';
export type { SecurityHeadersOptions } from './middleware/security-headers.js';
export { router } from './router/router.js';
export type {
  Method,
  RouteAdder,
  RouteHandler,
  RouteInfo,
  Router,
  RouterOptions,
} from './router/router.js';
export type { HttpEvent, HttpResult, ResultFor } from './events/kinds.js';
export { fromEither, fromTaskEither, toEither, toTaskEither } from './fp-ts.js';
export type { Handler, MappedErrors, Outcome, ProblemError } from './handler.js';
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
