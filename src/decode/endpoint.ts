import { registry } from '../_internals/registry.js';
import type { Context } from 'aws-lambda';
import type * as t from 'io-ts';
import type { Err, Ok, Result, ResultAsync } from 'neverthrow';
import type { Left, Right } from 'fp-ts/lib/Either.js';
import { err, ok } from 'neverthrow';
import type { Outcome } from '../handler.js';
import type { Problem } from '../problem.js';
import type { HttpRequest, MultiValueMap } from '../request.js';
import type { ErrorStatus, SuccessStatus } from '../status.js';
import type { BodyLimits } from './json-body.js';
import type { Issue } from './issue.js';
import { DEFAULT_BODY_LIMITS, readJsonBody } from './json-body.js';
import { DEFAULT_MAX_PROBLEMS, checkMaxProblems, problemList } from './problem-list.js';
import type { ProblemList } from './problem-list.js';
import { reportSome } from './report.js';
import { decodesAsIs } from './as-is.js';
import { isArrayCodec, propsOf, unknownMembers } from './shape.js';
import { emptyMap } from '../_internals/fields.js';
import { kindOf } from '../_internals/kind-of.js';
import { refuseOption } from '../_internals/option-checks.js';
import { isReply } from '../reply.js';
import type { Reply } from '../reply.js';
import { settle, isSettled } from '../_internals/settle.js';
import { ignoreRejection, isThenable } from '../_internals/promise.js';
import type { Settled } from '../_internals/settle.js';
import type { StandardOutput, StandardResult, StandardSchemaV1 } from './standard-schema-spec.js';
import { isStandardSchema, listMembersOf, standardIssues } from './standard-schema.js';
import type { CallerCheck, CallerPart } from '../auth/caller-part.js';

/** An io-ts codec for one request part. */
export type PartCodec = t.Type<any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * What decodes one request part: an io-ts codec, or a Standard Schema (zod 4, valibot 1,
 * arktype 2 and other libraries that implement https://standardschema.dev).
 */
export type PartSchema = PartCodec | StandardSchemaV1;

/**
 * The codecs or schemas an endpoint declares, one per request part; every part is optional, and
 * io-ts codecs and Standard Schemas mix freely.
 */
export interface EndpointParts {
  /** Path parameters (`{id}`), as strings to decode. */
  readonly params?: PartSchema;
  /** Query parameters; a member whose codec is an array receives every value of a repeated key. */
  readonly query?: PartSchema;
  /** Headers; declare members in lower case (`'x-api-key'`). */
  readonly headers?: PartSchema;
  /** Cookies by name. */
  readonly cookies?: PartSchema;
  /** The JSON body; a codec that accepts `undefined` makes the body optional. */
  readonly body?: PartSchema;
  /**
   * The caller, as the authorizer in front of the function described it: `caller(codec)`, the
   * codec applied to one shape per authorizer type (docs/auth.md). Checked before other parts.
   */
  readonly auth?: CallerPart;
}

/** The name of a request part an endpoint decodes. */
export type PartName = keyof EndpointParts;

/** The parts read from the request's own fields, in the order they are decoded. */
type RequestPartName = Exclude<PartName, 'auth'>;

/** What a part's codec or schema (or the caller part's) decodes to. */
export type PartOutput<C> =
  C extends CallerPart<infer D>
    ? PartOutput<D>
    : C extends StandardSchemaV1
      ? StandardOutput<C>
      : C extends PartCodec
        ? t.TypeOf<C>
        : never;

/** The decoded input a handler receives: one member per declared part, typed by its codec. */
export type EndpointInput<S extends EndpointParts> = {
  readonly [K in keyof S & PartName]-?: PartOutput<S[K]>;
};

/**
 * Whether decoding `S` may answer with a promise: a Standard Schema's validation may, and so may
 * the caller part's (an ALB token verifier, a Standard Schema).
 */
export type MayBeAsync<S extends EndpointParts> = true extends {
  [K in keyof S & PartName]: S[K] extends StandardSchemaV1 | CallerPart ? true : false;
}[keyof S & PartName]
  ? true
  : false;

/** A handler's outcome once awaited, as a neverthrow result. */
export type SettledResult<R> =
  R extends Err<unknown, unknown>
    ? R
    : R extends Ok<unknown, unknown>
      ? R
      : R extends ResultAsync<infer T, infer E>
        ? Result<T, E>
        : R extends Left<infer E>
          ? Err<never, E>
          : R extends Right<infer T>
            ? Ok<T, never>
            : R extends Promise<infer P>
              ? SettledResult<P>
              : R extends () => infer P
                ? SettledResult<P>
                : never;

/**
 * What an endpoint's handler returns: the wrapped handler's outcome or the decoding problems;
 * with a Standard Schema part, whose `validate` may answer with a promise, possibly a promise
 * of either as a neverthrow result.
 */
export type EndpointOutcome<S extends EndpointParts, R> =
  MayBeAsync<S> extends true
    ? | R
      | Err<never, readonly Problem[]>
      | Promise<SettledResult<R> | Err<never, readonly Problem[]>>
    : R | Err<never, readonly Problem[]>;

/** How an endpoint decodes. */
export interface EndpointOptions<S extends EndpointParts> {
  /**
   * Rules over the decoded input, run once every part has decoded. Any validator over a part of
   * the input fits: one written for `{ body }` serves an endpoint that also declares `query`.
   */
  readonly validate?: (input: EndpointInput<S>) => Result<unknown, readonly Issue[]>;
  /** The status of decoding and validation problems: 400 (default) or 422. */
  readonly status?: 400 | 422;
  /** `reject` reports every body member the codec does not declare; `allow` (default) keeps them. */
  readonly unknownMembers?: 'allow' | 'reject';
  /**
   * The most problems a response lists; past it, the rest are counted in a last problem,
   * `too-many-problems`, whose `meta` says how many were `listed` and `omitted`. 100 by default.
   */
  readonly maxProblems?: number;
  /** Body size and depth limits; 1 MiB and 64 levels by default. */
  readonly limits?: Partial<BodyLimits>;
  /**
   * What the OpenAPI document says of the operation; decoding ignores it. Its `response` codec is
   * held to the handler by the compiler: every body the handler answers must be of its type.
   */
  readonly describe?: OperationDescription;
  /**
   * Checks each success against `describe`, for development and tests: its status (the declared
   * `status`, 200 when only a `response` is declared) and its body (`response.is(body)`). A
   * success that differs is a defect, answered with the masked 500 and logged with what differed.
   * Off by default; when off, the endpoint runs exactly as without it.
   */
  readonly checkSuccess?: boolean;
}

/**
 * An operation as the OpenAPI document describes it: given to `endpoint` as `describe`, or to a
 * route (`.post(path, handler, { describe })`), which adds to the endpoint's.
 */
export interface OperationDescription {
  readonly summary?: string;
  readonly description?: string;
  readonly operationId?: string;
  readonly tags?: readonly string[];
  /**
   * The status of a success; 200 by default. A 201 (`created`) or a redirect is documented with
   * its `Location` header.
   */
  readonly status?: SuccessStatus;
  /**
   * The codec of the success body, for its schema: without one, any JSON (no body for 204, 205,
   * 304 and redirects); `t.undefined` for a success without a body, such as `created(location)`.
   */
  readonly response?: PartCodec;
  /** Statuses of problems the handler builds itself (not from an error map), such as 422. */
  readonly problemStatuses?: readonly ErrorStatus[];
}

/** The success values of the outcome `R` (of each member of a union of them): what its `Ok` holds. */
export type SuccessesOf<R> =
  R extends Err<unknown, unknown>
    ? never
    : R extends Ok<infer T, unknown>
      ? T
      : R extends ResultAsync<infer T, unknown>
        ? T
        : R extends Left<unknown>
          ? never
          : R extends Right<infer T>
            ? T
            : R extends Promise<infer P>
              ? SuccessesOf<P>
              : R extends () => infer P
                ? SuccessesOf<P>
                : never;

/** The body a success value sends: a reply's body, or the value itself (JSON; none for `undefined`). */
export type SuccessBody<T> = T extends Reply<infer B> ? B : T;

/**
 * What the compiler asks for in place of a declared `response` whose type does not take every
 * body the handler answers with.
 */
export type ResponseMismatch =
  'the handler answers a body this codec does not accept: make the handler build t.TypeOf<typeof codec>';

/**
 * Whether every body the handler's outcome `R` answers is of the type of `D`'s declared
 * `response` codec: `true` too when `D` declares none, or a status that has no body.
 */
export type BodiesDeclared<R, D> = [D] extends [never]
  ? true
  : [D] extends [{ readonly status: 204 | 205 | 304 }]
    ? true
    : [D] extends [{ readonly response: { readonly _A: infer A } }]
      ? [SuccessBody<SuccessesOf<R>>] extends [A]
        ? true
        : false
      : true;

/**
 * Holds a declared success body to the handler: `unknown` when {@link BodiesDeclared};
 * otherwise options whose `describe.response` is {@link ResponseMismatch}, so that the compile
 * error points at the codec.
 */
export type DeclaredSuccessCheck<R, D> =
  BodiesDeclared<R, D> extends true
    ? unknown
    : { readonly describe: { readonly response: ResponseMismatch } };

/**
 * The outcome a handler must return for `D`'s declared `response`: anything when
 * {@link BodiesDeclared}; otherwise {@link ResponseMismatch}, so that the compile error is on the
 * handler's answer.
 */
export type DeclaredOutcome<R, D> = BodiesDeclared<R, D> extends true ? unknown : ResponseMismatch;

// Carries what an endpoint declares in its type only: no endpoint has a member of this key.
declare const declared: unique symbol;

/** What an endpoint declares, as its type carries it for a router's contract and the client. */
export interface EndpointDeclaration<S extends EndpointParts = EndpointParts, D = unknown> {
  /** The codecs or schemas of its request parts. */
  readonly parts: S;
  /** Its `describe` option: the success status and the codec of the success body among others. */
  readonly describe: D;
}

/**
 * The handler `endpoint` returns: a handler whose type also carries its declaration (the parts'
 * codecs, the declared success), read by a router's contract; nothing is added at run time.
 */
export type Endpoint<S extends EndpointParts, R, D = unknown> = ((
  request: HttpRequest,
  context: Context,
) => EndpointOutcome<S, R>) & { readonly [declared]?: EndpointDeclaration<S, D> };

/** The declaration of an endpoint's type `H`, or `undefined` for any other handler. */
export type DeclarationOf<H> = H extends { readonly [declared]?: infer X }
  ? X extends EndpointDeclaration
    ? X
    : undefined
  : undefined;

/** @internal What an endpoint declared, for the OpenAPI document. */
export interface EndpointFacts {
  readonly parts: EndpointParts;
  readonly problemStatus: 400 | 422;
  readonly unknownMembers: 'allow' | 'reject';
  readonly describe: OperationDescription;
}

// Keyed by the handler `endpoint` returns, so that a router's routes can be described.
const endpoints = /*#__PURE__*/ registry<EndpointFacts>('endpoints/1');

/** @internal What `endpoint` recorded for a handler, if it built it. */
export function endpointFacts(handler: object): EndpointFacts | undefined {
  return endpoints.get(handler);
}

/** The handler an endpoint wraps: decoded input first, then the request and Lambda context. */
export type EndpointHandler<S extends EndpointParts, T, E> = (
  input: EndpointInput<S>,
  request: HttpRequest,
  context: Context,
) => Outcome<T, E>;

const PART_ORDER: readonly RequestPartName[] = ['params', 'query', 'headers', 'cookies', 'body'];

/**
 * The value a member's codec receives: every value for an array codec; otherwise the one value,
 * or, for a header sent several times, its values joined with commas — RFC 9110 §5.3 makes that
 * the same header, and it is how HTTP APIs deliver it, so every kind decodes alike. A query key
 * repeated for a one-value member stays a list, which decoding reports.
 */
function memberValue(
  list: readonly string[],
  codec: t.Decoder<unknown, unknown> | undefined,
  isHeader: boolean,
): unknown {
  if (codec !== undefined && isArrayCodec(codec)) return list;
  if (list.length === 1) return list[0];
  return isHeader ? list.join(', ') : list;
}

/**
 * A text part's values as its codec wants them, keyed by the codec's member names. A Standard
 * Schema part has no members gatefold can read: every key is given, a list for those in `lists`.
 */
function textInput(
  values: MultiValueMap,
  props: Readonly<Record<string, t.Decoder<unknown, unknown>>> | undefined,
  isHeader: boolean,
  lists: ReadonlySet<string> | undefined,
): Record<string, unknown> {
  const input = emptyMap<unknown>();
  if (props === undefined) {
    for (const key of Object.keys(values)) {
      const list = values[key] ?? [];
      input[key] = lists?.has(key) === true ? list : memberValue(list, undefined, isHeader);
    }
    return input;
  }
  for (const name of Object.keys(props)) {
    // Header members may be declared in any case; request header names are lower case.
    const list = values[isHeader ? name.toLowerCase() : name];
    if (list !== undefined) input[name] = memberValue(list, props[name], isHeader);
  }
  return input;
}

/** A settled outcome as a neverthrow result. */
function asResult(settled: Settled): Result<unknown, unknown> {
  return settled.ok ? ok(settled.value) : err(settled.error);
}

/** Refuses a `describe` whose success status or response codec cannot be what it declares. */
function checkDescribe(describe: OperationDescription | undefined): void {
  if (describe === undefined) return;
  const { status, response } = describe as { status?: unknown; response?: unknown };
  if (
    status !== undefined &&
    !(typeof status === 'number' && Number.isInteger(status) && status >= 200 && status <= 399)
  ) {
    refuseOption(
      'endpoint',
      `\`describe.status\` is ${kindOf(status)}; a success status is a whole number from 200 to 399.`,
    );
  }
  if (
    response !== undefined &&
    (typeof response !== 'object' ||
      response === null ||
      typeof (response as { is?: unknown }).is !== 'function')
  ) {
    refuseOption(
      'endpoint',
      `\`describe.response\` is ${kindOf(response)}; pass the io-ts codec of the success body.`,
    );
  }
}

/**
 * The handler, checking each success against what `describe` declares (`checkSuccess`): a status
 * or body that differs throws, which the adapter answers as a defect (the masked 500, logged).
 */
function checkingSuccess<H extends (...args: never[]) => unknown>(
  handler: H,
  describe: OperationDescription,
): H {
  const codec = describe.response;
  const expected = describe.status ?? (codec === undefined ? undefined : 200);
  if (expected === undefined) return handler;
  const checked = (settled: Settled): Result<unknown, unknown> => {
    if (settled.ok) {
      const value = settled.value;
      const reply = isReply(value);
      const status = reply ? value.status : value === undefined ? 204 : 200;
      if (status !== expected) {
        throw new TypeError(
          `The endpoint answered ${String(status)}, but its describe declares ${String(expected)}.`,
        );
      }
      // 204, 205 and 304 have no body, whatever `response` says (the OpenAPI document too).
      if (
        codec !== undefined &&
        status !== 204 &&
        status !== 205 &&
        status !== 304 &&
        !codec.is(reply ? value.body : value)
      ) {
        throw new TypeError(
          `The endpoint's success body is not a ${codec.name}, as its describe.response declares.`,
        );
      }
    }
    return asResult(settled);
  };
  return ((...args: Parameters<H>) => {
    const outcome = settle(handler(...args));
    return isSettled(outcome) ? checked(outcome) : outcome.then(checked);
  }) as H;
}

// A text part decoded by a record codec is rebuilt by plain assignment, where `__proto__` sets the
// decoded object's prototype (to an array, for a repeated query key) instead of adding a member.
const PROTOTYPE_KEY = '__proto__';

/** The issue for a parameter, header or cookie named `__proto__`, which cannot be decoded safely. */
function prototypeKeyIssue(part: Exclude<RequestPartName, 'body'>): Issue {
  const what = { params: 'parameter', query: 'parameter', headers: 'header', cookies: 'cookie' }[
    part
  ];
  return {
    code: 'forbidden-member',
    title: 'Forbidden member name',
    detail: `A ${what} named __proto__ is not accepted.`,
    ...(part === 'cookies'
      ? { source: { header: 'cookie' }, meta: { cookie: PROTOTYPE_KEY } }
      : { source: part === 'headers' ? { header: PROTOTYPE_KEY } : { parameter: PROTOTYPE_KEY } }),
  };
}

/** A copy of a text part's values without the `__proto__` key. */
function withoutPrototypeKey(values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out = emptyMap<unknown>();
  for (const key of Object.keys(values)) if (key !== PROTOTYPE_KEY) out[key] = values[key];
  return out;
}

interface Compiled {
  readonly part: RequestPartName;
  /** The io-ts codec, or `undefined` for a Standard Schema part. */
  readonly codec: PartCodec | undefined;
  /** The Standard Schema, or `undefined` for an io-ts part. */
  readonly standard: StandardSchemaV1 | undefined;
  readonly props: Readonly<Record<string, t.Decoder<unknown, unknown>>> | undefined;
  /** A Standard Schema text part's members that take every value of a repeated key. */
  readonly lists: ReadonlySet<string> | undefined;
  /** Whether `codec.is` may stand in for decoding a valid value (see `decodesAsIs`). */
  readonly asIs: boolean;
}

function compilePart(part: RequestPartName, schema: PartSchema): Compiled {
  if (isStandardSchema(schema)) {
    return {
      part,
      codec: undefined,
      standard: schema,
      props: undefined,
      lists: part === 'body' ? undefined : listMembersOf(schema),
      asIs: false,
    };
  }
  return {
    part,
    codec: schema,
    standard: undefined,
    props: propsOf(schema) as Compiled['props'],
    lists: undefined,
    asIs: decodesAsIs(schema),
  };
}

/** A Standard Schema part whose validation answered with a promise. */
interface Pending {
  readonly compiled: Compiled;
  readonly raw: unknown;
  readonly result: Promise<StandardResult<unknown>>;
}

/**
 * A handler that decodes the request with io-ts codecs before calling yours. Every part is
 * decoded and every problem collected — a bad query, a bad header and a bad body are reported
 * together, each with its source — before the client gets one 400 (or 422) listing them all.
 * Once every part decodes, `options.validate` runs its rules over the decoded input. Codecs are
 * inspected once, here, not per request.
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * import { ok } from 'neverthrow';
 * import { IntFromString, endpoint, json, toLambda } from 'gatefold';
 *
 * export const handler = toLambda(
 *   endpoint(
 *     { params: t.type({ id: t.string }), query: t.partial({ page: IntFromString }) },
 *     ({ params, query }) => ok(json({ id: params.id, page: query.page ?? 1 })),
 *   ),
 * );
 * ```
 */
export function endpoint<
  const S extends EndpointParts,
  R extends Outcome<unknown, unknown>,
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- no description by default
  D extends OperationDescription = {},
>(
  parts: S,
  handler: (
    input: EndpointInput<S>,
    request: HttpRequest,
    context: Context,
  ) => R & NoInfer<DeclaredOutcome<R, D>>,
  options: EndpointOptions<S> & { readonly describe?: D } = {},
): Endpoint<S, R, D> {
  const compiled: Compiled[] = [];
  for (const part of PART_ORDER) {
    const schema = parts[part];
    if (schema !== undefined) compiled.push(compilePart(part, schema));
  }
  const limits: BodyLimits = { ...DEFAULT_BODY_LIMITS, ...options.limits };
  const status = options.status ?? 400;
  const rejectUnknown = options.unknownMembers === 'reject';
  const maxProblems = checkMaxProblems(options.maxProblems ?? DEFAULT_MAX_PROBLEMS);
  const validate = options.validate;
  checkDescribe(options.describe);
  // Wrapped only when asked: without `checkSuccess`, the handler is called as it is.
  const handle =
    options.checkSuccess === true ? checkingSuccess(handler, options.describe ?? {}) : handler;

  /** A Standard Schema part's result: its value in `input`, or its issues in `found`. */
  function standardResult(
    { part, standard }: Compiled,
    raw: unknown,
    result: StandardResult<unknown>,
    input: Record<string, unknown>,
    found: ProblemList,
  ): void {
    if (result.issues === undefined) {
      input[part] = result.value;
      return;
    }
    const vendor = standard?.['~standard'].vendor ?? '';
    if (result.issues.length === 0) {
      // A failure that names nothing cannot be answered as the client's: the schema's defect.
      throw new TypeError(
        `The ${vendor} schema of the ${part} part failed without an issue; a Standard Schema failure lists at least one.`,
      );
    }
    const { issues, omitted } = standardIssues(part, vendor, result.issues, raw, found.room);
    found.addIssues(issues);
    found.omit(omitted);
  }

  /** The decoded input, or every problem, once every part has an answer. */
  function concluded(
    input: Record<string, unknown>,
    found: ProblemList,
  ): Result<EndpointInput<S>, readonly Problem[]> {
    if (found.found === 0 && validate !== undefined) {
      const checked = validate(input as EndpointInput<S>);
      if (checked.isErr()) found.addIssues(checked.error);
    }
    return found.found === 0 ? ok(input as EndpointInput<S>) : err(found.problems());
  }

  const auth = parts.auth;

  /** The caller checked first, then every other part. */
  function decode(
    request: HttpRequest,
  ):
    | Result<EndpointInput<S>, readonly Problem[]>
    | Promise<Result<EndpointInput<S>, readonly Problem[]>> {
    if (auth === undefined) return decodeParts(request, undefined);
    const checked = auth.check(request);
    return checked instanceof Promise
      ? checked.then((done) => afterCaller(request, done))
      : afterCaller(request, checked);
  }

  function afterCaller(
    request: HttpRequest,
    checked: CallerCheck,
  ):
    | Result<EndpointInput<S>, readonly Problem[]>
    | Promise<Result<EndpointInput<S>, readonly Problem[]>> {
    return checked.ok ? decodeParts(request, checked) : err(checked.problems);
  }

  function decodeParts(
    request: HttpRequest,
    caller: { readonly value: unknown } | undefined,
  ):
    | Result<EndpointInput<S>, readonly Problem[]>
    | Promise<Result<EndpointInput<S>, readonly Problem[]>> {
    const input: Record<string, unknown> = {};
    if (caller !== undefined) input['auth'] = caller.value;
    const found = problemList(maxProblems, status);
    let pending: Pending[] | undefined;
    for (const entry of compiled) {
      const { part, codec, props, asIs } = entry;
      let raw: unknown;
      if (part === 'body') {
        const body = readJsonBody(request, limits, found);
        // Media type, size and syntax problems have their own statuses and stop the body there.
        if (body.isErr()) return err(body.error);
        raw = body.value;
      } else {
        const values =
          part === 'query'
            ? textInput(request.query, props, false, entry.lists)
            : part === 'headers'
              ? textInput(request.headers, props, true, entry.lists)
              : part === 'params'
                ? request.pathParameters
                : request.cookies;
        if (Object.hasOwn(values, PROTOTYPE_KEY)) {
          found.addIssue(prototypeKeyIssue(part));
          raw = withoutPrototypeKey(values);
        } else raw = values;
      }

      if (codec === undefined) {
        // A Standard Schema: its result now, or once its promise settles.
        const result = (entry.standard as StandardSchemaV1)['~standard'].validate(raw);
        if (isThenable(result)) {
          // Marked handled at once: an early answer (a 415 for the body, a validator's throw)
          // leaves it unread, and its rejection must not become the process's unhandled
          // rejection. `Promise.all` below still sees it reject.
          const settling = Promise.resolve(result);
          ignoreRejection(settling);
          (pending ??= []).push({ compiled: entry, raw, result: settling });
        } else standardResult(entry, raw, result, input, found);
        continue;
      }
      if (asIs && codec.is(raw)) {
        // Valid, and the codec would succeed with `raw` itself: no decoding to do.
        input[part] = raw;
      } else {
        const decoded = codec.decode(raw);
        if (decoded._tag === 'Left') {
          if (part === 'body' && raw === undefined) {
            found.addIssue({
              code: 'required',
              title: 'Request body missing',
              detail: 'This request needs a JSON body.',
              source: { pointer: '' },
            });
          } else {
            const { issues, omitted } = reportSome(part, decoded.left, found.room);
            found.addIssues(issues);
            found.omit(omitted);
          }
        } else input[part] = decoded.right;
      }
      if (part === 'body' && rejectUnknown && raw !== undefined) {
        for (const pointer of unknownMembers(codec, raw)) {
          found.addIssue({
            code: 'unknown-member',
            title: 'Unknown member',
            detail: `The member at ${pointer} is not part of this request's schema.`,
            source: { pointer },
          });
        }
      }
    }
    if (pending === undefined) return concluded(input, found);
    // Asynchronous schemas: their problems follow the other parts', in the parts' order.
    const waiting = pending;
    return Promise.all(waiting.map(({ result }) => result)).then((results) => {
      results.forEach((result, index) => {
        const { compiled: entry, raw } = waiting[index] as Pending;
        standardResult(entry, raw, result, input, found);
      });
      return concluded(input, found);
    });
  }

  const answer = (
    decoded: Result<EndpointInput<S>, readonly Problem[]>,
    request: HttpRequest,
    context: Context,
  ): R | Err<never, readonly Problem[]> =>
    decoded.isOk()
      ? handle(decoded.value, request, context)
      : err<never, readonly Problem[]>(decoded.error);

  const decoding: Endpoint<S, R, D> = (
    request: HttpRequest,
    context: Context,
  ): EndpointOutcome<S, R> => {
    const decoded = decode(request);
    if (!(decoded instanceof Promise)) return answer(decoded, request, context);
    // Settled here, so that the promise holds a result (never a TaskEither to call).
    return decoded.then((done) => {
      const outcome = settle(answer(done, request, context));
      return isSettled(outcome) ? asResult(outcome) : outcome.then(asResult);
    }) as EndpointOutcome<S, R>;
  };
  endpoints.set(decoding, {
    parts,
    problemStatus: status,
    unknownMembers: rejectUnknown ? 'reject' : 'allow',
    describe: options.describe ?? {},
  });
  return decoding;
}
