import type { HeaderInit } from '../reply.js';
import type { Problem, ProblemInit, ProblemSource } from '../problem.js';
import type { ErrorStatus } from '../status.js';
import type { LiteralTagRequired, Tagged } from './tagged-error.js';
import { isProblem, problem } from '../problem.js';
import { reasonPhrase } from '../status.js';
import { InvalidResponseError } from '../_internals/headers.js';
import { unknownEntryMember, unknownMemberMessage } from './entry-members.js';

// A registry symbol, so maps from two copies of gatefold still recognise each other.
const ERROR_MAP: unique symbol = /*#__PURE__*/ Symbol.for('gatefold.error-map') as never;

/**
 * What one domain error becomes on the wire. `code`, `title`, `detail`, `source`, `meta` and
 * `headers` may be functions of the error, so that the status stays fixed and known before any
 * request: the OpenAPI document and the custom integration's selection patterns are generated
 * from it.
 */
export interface ErrorEntry<E = never> {
  readonly status: ErrorStatus;
  /** Defaults to the error's tag. */
  readonly code?: string | ((error: E) => string);
  /** Defaults to the status's reason phrase. */
  readonly title?: string | ((error: E) => string);
  readonly detail?: string | ((error: E) => string);
  /**
   * Where in the request the problem lies: `{ pointer }` into the body, `{ parameter }` or
   * `{ header }`, as for any problem.
   */
  readonly source?: ProblemSource | ((error: E) => ProblemSource);
  readonly meta?:
    Readonly<Record<string, unknown>> | ((error: E) => Readonly<Record<string, unknown>>);
  /** A URI naming the problem type. */
  readonly type?: string;
  /** Response headers, e.g. `Retry-After`; sent even when the details are masked. */
  readonly headers?: HeaderInit | ((error: E) => HeaderInit);
  /**
   * Whether the client sees `code`, `title`, `detail`, `source`, `meta` and `type`. Defaults to
   * `true` for 4xx and `false` for 5xx: a masked entry sends only its status, the status's reason
   * phrase and its headers, while the log gets everything.
   */
  readonly expose?: boolean;
}

/**
 * An entry as declared: an entry (whose fields may depend on the error), or a function building
 * the whole entry — which lets the status depend on the error too, at the price of it not being
 * known ahead of a request.
 */
export type ErrorMapping<E> = ErrorEntry<E> | ((error: E) => ErrorEntry);

/** One mapping per tag of `E`: no tag missing, none extra. */
export type ErrorMapEntries<E extends Tagged> = {
  readonly [K in E['_tag']]: ErrorMapping<Extract<E, Tagged<K>>>;
};

/** A typed, exhaustive map from the domain errors `E` to problems. Build it with {@link errorMap}. */
export interface ErrorMap<E extends Tagged> {
  readonly [ERROR_MAP]: true;
  readonly entries: ErrorMapEntries<E>;
}

// The mapping each client problem came from, so that an error mapped before the fold (by a
// router, per route, or by `toProblem`) still reaches the logs with its tag, full details and
// cause chain, however often the problem is answered. Kept on the problem under a registered
// symbol, not enumerable: invisible to JSON, spreads, `Object.keys` and equality checks, seen by
// every copy of gatefold, and gone with the problem. It is defined on the new problem before
// anything reads it, which V8 keeps in fast mode; a process-wide WeakMap instead grew its table
// by megabytes between collections when a function answered mostly mapped 404s.
const MAPPING = /*#__PURE__*/ Symbol.for('gatefold.mapping/1');

/** What mapping one error gave: the problem the client sees and the full one for the logs. */
export interface MappedError {
  readonly tag: string;
  readonly error: unknown;
  readonly client: Problem;
  readonly full: Problem;
  readonly exposed: boolean;
}

/**
 * Declares, once, how every domain error of the union `E` becomes a problem. A missing tag, a
 * misspelt tag and a tag not in `E` are compile errors. Pass the map to `toLambda` (and reuse it
 * for every handler); `mergeErrorMaps` and `overrideErrors` combine and adjust maps.
 *
 * @example
 * ```ts
 * import { TaggedError, errorMap } from 'gatefold';
 *
 * class UserNotFound extends TaggedError('UserNotFound')<{ readonly id: string }> {}
 * class RateLimited extends TaggedError('RateLimited')<{ readonly seconds: number }> {}
 *
 * export const apiErrors = errorMap<UserNotFound | RateLimited>({
 *   UserNotFound: (e) => ({ status: 404, detail: `No user ${e.id}.` }),
 *   RateLimited: (e) => ({ status: 429, headers: { 'retry-after': String(e.seconds) } }),
 * });
 * ```
 */
export function errorMap<E extends Tagged>(
  // Tags typed only as `string` cannot be listed, so no map could be exhaustive: refused.
  entries: string extends E['_tag'] ? LiteralTagRequired : ErrorMapEntries<E>,
): ErrorMap<E> {
  checkEntries(entries as Readonly<Record<string, unknown>>);
  return mapOf(entries as ErrorMapEntries<E>);
}

/**
 * Throws for an entry written as an object with a member entries do not have, when the map is
 * declared rather than when the error first occurs. Only a cast or JavaScript gets one past the
 * compiler.
 */
function checkEntries(entries: Readonly<Record<string, unknown>>): void {
  for (const tag of Object.keys(entries)) {
    const entry = entries[tag];
    if (typeof entry !== 'object' || entry === null) continue;
    const member = unknownEntryMember(entry);
    if (member !== undefined) throw new TypeError(unknownMemberMessage(tag, member));
  }
}

/** A map of entries already checked (merged or overridden maps). */
function mapOf<E extends Tagged>(entries: ErrorMapEntries<E>): ErrorMap<E> {
  return { [ERROR_MAP]: true, entries };
}

/**
 * One map covering the errors of both; where both map a tag, `second` wins.
 *
 * @example
 * ```ts
 * import { errorMap, mergeErrorMaps } from 'gatefold';
 *
 * const users = errorMap<{ readonly _tag: 'UserNotFound' }>({ UserNotFound: { status: 404 } });
 * const carts = errorMap<{ readonly _tag: 'CartEmpty' }>({ CartEmpty: { status: 422 } });
 * export const apiErrors = mergeErrorMaps(users, carts);
 * ```
 */
export function mergeErrorMaps<A extends Tagged, B extends Tagged>(
  first: ErrorMap<A>,
  second: ErrorMap<B>,
): ErrorMap<A | B> {
  return mapOf<A | B>({ ...first.entries, ...second.entries } as ErrorMapEntries<A | B>);
}

/**
 * The same map with some entries replaced, for one handler that answers an error differently.
 *
 * @example
 * ```ts
 * import { errorMap, overrideErrors } from 'gatefold';
 *
 * const apiErrors = errorMap<{ readonly _tag: 'UserNotFound' }>({ UserNotFound: { status: 404 } });
 * // Deleting a user that is already gone succeeds from the client's point of view.
 * export const forDelete = overrideErrors(apiErrors, { UserNotFound: { status: 410 } });
 * ```
 */
export function overrideErrors<E extends Tagged>(
  map: ErrorMap<E>,
  overrides: Partial<ErrorMapEntries<E>>,
): ErrorMap<E> {
  // An entry given as undefined (possible without exactOptionalPropertyTypes) keeps the original.
  // Object.fromEntries and the spread define members, where assignment would take a tag named
  // `__proto__` for the map's prototype.
  const given = Object.fromEntries(
    Object.entries(overrides).filter(([, entry]) => entry !== undefined),
  );
  checkEntries(given);
  return mapOf<E>({ ...map.entries, ...given });
}

/** True for a value built by {@link errorMap}. */
export function isErrorMap(value: unknown): value is ErrorMap<Tagged> {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Partial<ErrorMap<Tagged>>)[ERROR_MAP] === true
  );
}

/**
 * @internal Maps one tagged error, or `undefined` when the map has no entry for its tag (which
 * the types rule out, so it is a defect when it happens).
 */
export function mapError(map: ErrorMap<Tagged>, error: Tagged): MappedError | undefined {
  const entries = map.entries as Readonly<Record<string, ErrorMapping<Tagged> | undefined>>;
  const mapping = Object.hasOwn(entries, error._tag) ? entries[error._tag] : undefined;
  if (mapping === undefined) return undefined;
  // A built entry's field functions, if any, take this same error.
  const entry = (
    typeof mapping === 'function' ? built(mapping, error) : mapping
  ) as ErrorEntry<Tagged>;
  const field = <V>(value: V | ((error: Tagged) => V) | undefined): V | undefined =>
    typeof value === 'function' ? (value as (error: Tagged) => V)(error) : value;
  const exposed = entry.expose ?? entry.status < 500;
  const code = field(entry.code);
  const title = field(entry.title);
  const detail = field(entry.detail);
  const source = field(entry.source);
  const meta = field(entry.meta);
  const headers = field(entry.headers);
  // Built member by member: spreading optional members into the init costs an object each.
  const init: { -readonly [K in keyof ProblemInit]: ProblemInit[K] } = {
    status: entry.status,
    code: code ?? error._tag,
    title: title ?? reasonPhrase(entry.status),
  };
  if (detail !== undefined) init.detail = detail;
  if (source !== undefined) init.source = source;
  if (meta !== undefined) init.meta = meta;
  if (entry.type !== undefined) init.type = entry.type;
  if (headers !== undefined) init.headers = headers;
  const full = problem(init);
  const shown = exposed
    ? full
    : problem(headers === undefined ? { status: entry.status } : { status: entry.status, headers });
  return { tag: error._tag, error, client: shown, full, exposed };
}

/**
 * The entry a mapping function builds for `error`. A member entries do not have is a defect (the
 * compiler does not look into what a function returns), rather than a detail silently dropped.
 */
function built(mapping: (error: Tagged) => ErrorEntry, error: Tagged): ErrorEntry {
  const entry = mapping(error);
  const member = unknownEntryMember(entry);
  if (member !== undefined) {
    throw new InvalidResponseError(unknownMemberMessage(error._tag, member));
  }
  return entry;
}

/** The mapping, kept on the problem the client sees for {@link mappedOf} to find. */
function remembered(mapped: MappedError): MappedError {
  Object.defineProperty(mapped.client, MAPPING, { value: mapped });
  return mapped;
}

/**
 * @internal {@link mapError} for a router: the mapping is kept on the problem, so that the fold
 * finds it with {@link mappedOf}.
 */
export function mapErrorForFold(map: ErrorMap<Tagged>, error: Tagged): MappedError | undefined {
  const mapped = mapError(map, error);
  return mapped === undefined ? undefined : remembered(mapped);
}

/** @internal The mapping a problem came from, when a router or `toProblem` made it. */
export function mappedOf(value: Problem): MappedError | undefined {
  return (value as { readonly [MAPPING]?: MappedError })[MAPPING];
}

/**
 * Maps a domain error to the problem the client sees, keeping what the logs need; a problem
 * passes through. For code that maps errors itself, such as a router with per-route maps.
 *
 * @example
 * ```ts
 * import { errorMap, toProblem } from 'gatefold';
 * const map = errorMap<{ readonly _tag: 'Gone' }>({ Gone: { status: 410 } });
 * const problem = toProblem(map, { _tag: 'Gone' }); // status 410, code "Gone"
 * ```
 */
export function toProblem<E extends Tagged>(map: ErrorMap<E>, error: E | Problem): Problem {
  if (isProblem(error)) return error;
  const mapped = mapError(map as unknown as ErrorMap<Tagged>, error);
  if (mapped === undefined) {
    throw new TypeError(`The error "${error._tag}" has no entry in the error map.`);
  }
  return remembered(mapped).client;
}

/**
 * @internal The status of every tag whose entry fixes it, and the tags whose status only a
 * request decides (entries given as functions).
 */
export function statusesOf(map: ErrorMap<Tagged>): {
  readonly fixed: ReadonlyMap<string, ErrorEntry<Tagged>>;
  readonly dynamic: readonly string[];
} {
  const fixed = new Map<string, ErrorEntry<Tagged>>();
  const dynamic: string[] = [];
  const entries = map.entries as Readonly<Record<string, ErrorMapping<Tagged>>>;
  for (const tag of Object.keys(entries)) {
    const mapping = entries[tag];
    if (typeof mapping === 'function') dynamic.push(tag);
    else if (mapping !== undefined) fixed.set(tag, mapping);
  }
  return { fixed, dynamic };
}
