/**
 * The client's types, derived from a router's type (`typeof api`): one route contract at a time,
 * looked up by its key in a map built once per router type, so that a call costs the compiler a
 * property lookup and a few shallow conditional types — never a walk over the whole route list.
 */
import type {
  EndpointDeclaration,
  EndpointParts,
  SuccessBody,
  SuccessesOf,
} from '../decode/endpoint.js';
import type { StandardInput, StandardSchemaV1 } from '../decode/standard-schema-spec.js';
import type { TagsOf } from '../handler.js';
import type { RouteContract, RouteContractsOf } from '../router/router.js';
import type { SuccessStatus } from '../status.js';
import type { ClientError } from './errors.js';

/** No members: the input of a route that takes nothing. */
// eslint-disable-next-line @typescript-eslint/no-generated-empty-object-type -- an input may hold nothing
export type NoInput = Record<never, never>;

/** The keys of the routes of the router type `A`: `'GET /users/{id}' | 'POST /users' | …`. */
export type RouteKey<A> = KeyOf<RouteContractsOf<A>>;

/** The key of each route contract of the union `C`. */
export type KeyOf<C> = C extends RouteContract<infer K> ? K : never;

/**
 * The route contracts of `A` by key: built once per router type, so that a call finds its route
 * with one property lookup rather than a pass over every route.
 */
export type RouteMap<A> = {
  readonly [R in RouteContractsOf<A> as KeyOf<R>]: R;
};

/** The contract of the route of `A` whose key is `K`. */
export type RouteOf<A, K extends string> = RouteMap<A>[K & keyof RouteMap<A>];

/**
 * What a part's codec or schema decodes from, which the client sends: an io-ts codec's encoded
 * type (`t.OutputOf`: a string for `IntFromString`), a Standard Schema's input type.
 */
export type Wire<C> = C extends { readonly _O: infer O }
  ? O
  : C extends StandardSchemaV1
    ? StandardInput<C>
    : never;

/** The names of the parameters of a path template: `id` for `/users/{id}`, `path` for `{path+}`. */
export type ParamNames<P extends string> = P extends `${string}{${infer N}}${infer Rest}`
  ? (N extends `${infer G}+` ? G : N) | ParamNames<Rest>
  : never;

/** Header values to send besides the ones a route declares. */
export type HeaderValues = Readonly<Record<string, string>>;

/** One query parameter's value: a list sends the key once per value. */
export type QueryValue =
  string | number | boolean | readonly (string | number | boolean)[] | undefined;

/** A `{ name: value }` input member, optional when every member of its value is optional. */
export type Member<N extends string, V> = NoInput extends V
  ? { readonly [K in N]?: V }
  : { readonly [K in N]: V };

/** The path parameters of the route key `K`, typed by the endpoint's `params` codec if it has one. */
export type ParamsInput<K extends string, S> = [ParamNames<K>] extends [never]
  ? NoInput
  : {
      readonly params: S extends { readonly params: infer C }
        ? Wire<C>
        : { readonly [N in ParamNames<K>]: string };
    };

/** A declared part, or nothing: an endpoint takes only the parts it declares (and any header). */
export type PartInput<N extends 'query' | 'cookies', S> = S extends { readonly [P in N]: infer C }
  ? Member<N, Wire<C>>
  : NoInput;

/** The headers: the declared ones, typed by their codec, beside any other. */
export type HeadersInput<S> = S extends { readonly headers: infer C }
  ? Member<'headers', Wire<C> & HeaderValues>
  : { readonly headers?: HeaderValues };

/** The body, optional when its codec takes `undefined`. */
export type BodyInput<S> = S extends { readonly body: infer C }
  ? undefined extends Wire<C>
    ? { readonly body?: Wire<C> }
    : { readonly body: Wire<C> }
  : NoInput;

/** What a call to an endpoint's route sends: the parts the endpoint declares, typed by its codecs. */
export type EndpointRouteInput<K extends string, S extends EndpointParts> = ParamsInput<K, S> &
  PartInput<'query', S> &
  HeadersInput<S> &
  PartInput<'cookies', S> &
  BodyInput<S>;

/** What a call to a route of a plain handler may send: its path parameters, and anything else. */
export type HandlerRouteInput<K extends string> = ParamsInput<K, unknown> & {
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly headers?: HeaderValues;
  readonly cookies?: Readonly<Record<string, string>>;
  readonly body?: unknown;
};

/** The request parts a call to the route `R` sends. */
export type RouteInput<R> =
  R extends RouteContract<infer K, infer X>
    ? X extends EndpointDeclaration<infer S>
      ? EndpointRouteInput<K, S>
      : HandlerRouteInput<K>
    : never;

/** Options of one call, beside its request parts. */
export interface CallOptions {
  /** Aborts the call: it then ends with an `aborted` error. */
  readonly signal?: AbortSignal;
  /** Milliseconds before the call ends with a `timeout` error; the client's `timeoutMs` otherwise. */
  readonly timeoutMs?: number;
  /** Sent as `x-request-id`: the server adopts it as the request's id, in its logs and answer. */
  readonly requestId?: string;
}

/** A call's arguments after the route key: optional when the route needs no part. */
export type CallArgs<R> =
  NoInput extends RouteInput<R>
    ? [input?: RouteInput<R> & CallOptions]
    : [input: RouteInput<R> & CallOptions];

/** What a route's `describe` (or, failing that, its endpoint's) says of member `M`. */
export type Declared<R, M extends 'status' | 'response'> =
  R extends RouteContract<string, infer X, infer D>
    ? D extends Readonly<Record<M, infer V>>
      ? V
      : X extends EndpointDeclaration<EndpointParts, infer E>
        ? E extends Readonly<Record<M, infer V>>
          ? V
          : undefined
        : undefined
    : undefined;

/** A route's success status: the declared one; 200 with a declared body only; else any. */
export type RouteStatus<R> =
  Declared<R, 'status'> extends infer S extends number
    ? S
    : Declared<R, 'response'> extends undefined
      ? SuccessStatus
      : 200;

/** A route's success body: of its declared `response` codec, else what its handler answers. */
export type RouteBody<R> =
  Declared<R, 'response'> extends { readonly _A: infer A }
    ? A
    : R extends RouteContract<string, unknown, unknown, infer O>
      ? SuccessBody<SuccessesOf<O>>
      : never;

/** A success answer. */
export interface Success<S extends number, B> {
  /** The status: the route's declared one. */
  readonly status: S;
  /** The body, parsed from JSON (`undefined` for none; text when not JSON). */
  readonly body: B;
  readonly headers: Headers;
  /** The request's id, from the answer's `x-request-id`. */
  readonly requestId: string | undefined;
}

/** The success of the route `R`. */
export type RouteSuccess<R> = Success<RouteStatus<R>, RouteBody<R>>;

/** The tags of the domain errors the route `R`'s handler returns. */
export type RouteTags<R> =
  R extends RouteContract<string, unknown, unknown, infer O> ? TagsOf<O> : never;

/** The error of a call to the route `R`. */
export type RouteError<R> = ClientError<RouteTags<R>>;

/** The tags of every domain error of every route of `A`. */
export type ApiTags<A> =
  RouteContractsOf<A> extends infer R
    ? R extends RouteContract<string, unknown, unknown, infer O>
      ? TagsOf<O>
      : never
    : never;
