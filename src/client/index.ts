/**
 * `gatefold/client`: a typed client of a gatefold router, derived from the router's type alone
 * (`client<typeof api>({ baseUrl, errors })`). Each call answers a neverthrow `ResultAsync` of
 * the route's declared success or of a {@link ClientError}. It needs `fetch`, `URL`, `Headers` and
 * `AbortController` only, and imports nothing of the server at run time.
 *
 * @module
 */
export { client } from './client.js';
export type {
  Client,
  ClientOptions,
  ClientSettings,
  DecodeIssue,
  ErrorCodes,
  FetchFunction,
  ResponseDecoder,
} from './client.js';
export type {
  AbortedError,
  ClientError,
  DomainError,
  HttpProblem,
  NetworkError,
  ProblemEntry,
  TimeoutError,
  UnexpectedBody,
  ValidationError,
} from './errors.js';
export type {
  ApiTags,
  BodyInput,
  CallArgs,
  CallOptions,
  Declared,
  EndpointRouteInput,
  HandlerRouteInput,
  HeadersInput,
  HeaderValues,
  KeyOf,
  Member,
  NoInput,
  ParamsInput,
  PartInput,
  ParamNames,
  QueryValue,
  RouteBody,
  RouteError,
  RouteInput,
  RouteKey,
  RouteMap,
  RouteOf,
  RouteStatus,
  RouteSuccess,
  RouteTags,
  Success,
  Wire,
} from './types.js';
export type { ContractOf, RouteContract, RouteContractsOf } from '../router/router.js';
export type {
  DeclarationOf,
  BodiesDeclared,
  DeclaredOutcome,
  DeclaredSuccessCheck,
  Endpoint,
  EndpointDeclaration,
  ResponseMismatch,
  SuccessBody,
  SuccessesOf,
} from '../decode/endpoint.js';
