import type { Result } from 'neverthrow';
import { ResultAsync, err, ok } from 'neverthrow';
import type { ClientError, ProblemEntry, ReadDocument } from './errors.js';
import { readProblemDocument, retryAfterSeconds } from './errors.js';
import type {
  ApiTags,
  CallArgs,
  HeaderValues,
  QueryValue,
  RouteError,
  RouteKey,
  RouteOf,
  RouteSuccess,
} from './types.js';

/**
 * What the client reads of an error map to recognise domain errors: its entries by tag. An
 * `ErrorMap` (from `errorMap`, `mergeErrorMaps`…) is one; the client reads each entry's `code`
 * and `status`, and imports nothing of the server.
 */
export interface ErrorCodes<Tag extends string = string> {
  readonly entries: { readonly [K in Tag]: unknown };
}

/** An io-ts decoder of a success body (`UserDocument`), or anything with the same `decode`. */
export interface ResponseDecoder {
  readonly name?: string;
  decode(
    input: unknown,
  ):
    | { readonly _tag: 'Right'; readonly right: unknown }
    | { readonly _tag: 'Left'; readonly left: readonly DecodeIssue[] };
}

/** One failure an io-ts decoder reports: where (its context's keys) and, maybe, a message. */
export interface DecodeIssue {
  readonly context: readonly { readonly key: string }[];
  readonly message?: string | undefined;
}

/** The `fetch` the client calls: the global one by default. */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

/** The client's settings. */
export interface ClientSettings<A> {
  /** Where the API answers, with any base path (`https://api.example.com/v1`). */
  readonly baseUrl: string | URL;
  /** The `fetch` to call; the global `fetch` by default. */
  readonly fetch?: FetchFunction;
  /** Headers sent with every call (an `authorization`, say), or a function giving them per call. */
  readonly headers?: HeaderValues | (() => HeaderValues);
  /** Milliseconds before a call ends with a `timeout` error; none by default. */
  readonly timeoutMs?: number;
  /**
   * Codecs of success bodies by route key, checked on every success (`UserDocument` for `GET
   * /users/{id}`): a body they refuse is an `unexpected-body` error, and the body a call gives is
   * the decoded one.
   */
  readonly responses?: { readonly [K in RouteKey<A>]?: ResponseDecoder };
}

/**
 * The client's options: its settings, and, when a route of `A` returns domain errors, the error
 * map (or maps, merged) that covers them — the client recognises each error by the `code` its
 * entry gives it (the tag by default).
 */
export type ClientOptions<A> = ClientSettings<A> &
  ([ApiTags<A>] extends [never]
    ? { readonly errors?: ErrorCodes<never> }
    : { readonly errors: ErrorCodes<ApiTags<A>> });

/** A typed client of the router type `A`: one call per route, by its key. */
export interface Client<A> {
  /**
   * Calls the route `key` (`'GET /users/{id}'`) with its path parameters, query, headers, cookies
   * and body as its codecs decode them. Never rejects: every failure is on the `Err` side.
   */
  request<K extends RouteKey<A>>(
    key: K,
    ...input: CallArgs<RouteOf<A, K>>
  ): ResultAsync<RouteSuccess<RouteOf<A, K>>, RouteError<RouteOf<A, K>>>;
}

/** A domain error's code on the wire: its tag, and the status its entry fixes (if it does). */
interface Known {
  readonly tag: string;
  readonly status: number | undefined;
}

// Problems the router answers for any route: not a route's validation problems.
const ROUTING_CODES = new Set(['route-not-found', 'method-not-allowed', 'invalid-path-encoding']);
const VALIDATION_STATUSES = new Set([400, 413, 415, 422]);

/** The codes of an error map's entries that reach a client (masked entries send none). */
function knownCodes(errors: ErrorCodes | undefined): ReadonlyMap<string, Known> {
  const codes = new Map<string, Known>();
  if (errors === undefined) return codes;
  const entries = errors.entries as Readonly<Record<string, unknown>>;
  for (const tag of Object.keys(entries)) {
    const entry = entries[tag];
    if (typeof entry === 'function') {
      // Built per error: neither status nor code is known before an answer. The code defaults
      // to the tag.
      codes.set(tag, { tag, status: undefined });
    } else if (typeof entry === 'object' && entry !== null) {
      const { status, code, expose } = entry as {
        status?: unknown;
        code?: unknown;
        expose?: unknown;
      };
      const fixed = typeof status === 'number' ? status : undefined;
      if (expose === false || (expose !== true && fixed !== undefined && fixed >= 500)) continue;
      codes.set(typeof code === 'string' ? code : tag, { tag, status: fixed });
    }
  }
  return codes;
}

function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

/** The route key's method and template: `GET` and `/users/{id}`. */
function splitKey(key: string): { method: string; template: string } {
  const at = key.indexOf(' ');
  if (at <= 0)
    throw new TypeError(`client: "${key}" is not a route key such as "GET /users/{id}".`);
  return { method: key.slice(0, at), template: key.slice(at + 1) };
}

function own(record: Readonly<Record<string, unknown>> | undefined, key: string): unknown {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** The template with each parameter percent-encoded in; a greedy one keeps its slashes. */
function pathOf(template: string, params: Readonly<Record<string, unknown>> | undefined): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const greedy = name.endsWith('+');
    const key = greedy ? name.slice(0, -1) : name;
    const value = own(params, key);
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new TypeError(`client: the path parameter "${key}" is missing.`);
    }
    const text = String(value);
    return greedy ? text.split('/').map(encodeURIComponent).join('/') : encodeURIComponent(text);
  });
}

function queryOf(query: Readonly<Record<string, QueryValue>> | undefined): string {
  if (query === undefined) return '';
  const search = new URLSearchParams();
  for (const name of Object.keys(query)) {
    const value = query[name];
    if (value === undefined) continue;
    const values = Array.isArray(value) ? (value as readonly unknown[]) : [value];
    for (const one of values) search.append(name, String(one));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

/** The parsed body: JSON when the answer says so, else its text; `undefined` for none. */
function parsed(
  text: string,
  contentType: string | null,
): { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly text: string } {
  if (text === '') return { ok: true, value: undefined };
  if (contentType === null || !/[/+]json\b/i.test(contentType)) return { ok: true, value: text };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, text };
  }
}

/** Where and why a decoder refused a body: `/data/id: Expected a string`. */
function refusal(decoder: ResponseDecoder, issues: readonly DecodeIssue[]): string {
  const first = issues[0];
  const where = first?.context
    .slice(1)
    .map((entry) => entry.key)
    .filter((key) => key !== '')
    .join('/');
  const name = decoder.name === undefined ? 'the route' : decoder.name;
  return `The body is not what ${name} describes${where === undefined || where === '' ? '' : ` at /${where}`}${first?.message === undefined ? '' : `: ${first.message}`}.`;
}

/** The error a call's error answer is: a domain error, the validation problems, or another. */
function errorOf(
  status: number,
  headers: Headers,
  body: unknown,
  read: ReadDocument,
  codes: ReadonlyMap<string, Known>,
): ClientError<string> {
  const answered = {
    status,
    problems: read.problems,
    requestId: headers.get('x-request-id') ?? read.requestId,
    retryAfter: retryAfterSeconds(headers.get('retry-after')),
  };
  for (const problem of read.problems) {
    const known = problem.code === undefined ? undefined : codes.get(problem.code);
    if (known !== undefined && (known.status === undefined || known.status === problem.status)) {
      return { kind: 'domain', _tag: known.tag, problem, ...answered };
    }
  }
  const validation =
    read.format !== 'other' &&
    VALIDATION_STATUSES.has(status) &&
    read.problems.length > 0 &&
    read.problems.every(
      (problem: ProblemEntry) => problem.code === undefined || !ROUTING_CODES.has(problem.code),
    );
  return validation
    ? { kind: 'validation', ...answered }
    : { kind: 'problem', format: read.format, body, ...answered };
}

/**
 * A typed client of a gatefold router, from its type alone: `client<typeof api>({ baseUrl })`.
 * Each call (`request('GET /users/{id}', { params: { id } })`) answers a neverthrow `ResultAsync`
 * of the route's declared success, or of a {@link ClientError}: the route's domain errors
 * (recognised by code with `errors`, the server's error map), its validation problems, another
 * HTTP problem, a network failure, a timeout, an abort, or a body the route does not declare.
 * It uses `fetch`, `URL`, `Headers` and `AbortController` only, so it runs in Node.js and browsers.
 *
 * @example
 * ```ts
 * import { client } from 'gatefold/client';
 * import type { api } from './handler.js';
 * import { shopErrors } from './errors.js';
 *
 * const shop = client<typeof api>({ baseUrl: 'https://shop.example', errors: shopErrors });
 * const user = await shop.request('GET /users/{id}', { params: { id: 'u-1' } });
 * ```
 */
export function client<A>(options: ClientOptions<A>): Client<A> {
  const baseUrl = String(options.baseUrl).replace(/\/+$/, '');
  const send: FetchFunction = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const codes = knownCodes(options.errors);
  const responses = (options.responses ?? {}) as Readonly<Record<string, ResponseDecoder>>;

  async function call(key: string, input: CallInput): Promise<Result<unknown, unknown>> {
    const { method, template } = splitKey(key);
    const url = `${baseUrl}${pathOf(template, input.params)}${queryOf(input.query)}`;
    const headers = new Headers({ accept: 'application/json' });
    const shared = typeof options.headers === 'function' ? options.headers() : options.headers;
    for (const values of [shared, input.headers]) {
      if (values !== undefined)
        for (const name of Object.keys(values)) headers.set(name, values[name] ?? '');
    }
    if (input.cookies !== undefined) {
      const cookies = Object.keys(input.cookies).map(
        (name) => `${name}=${input.cookies?.[name] ?? ''}`,
      );
      if (cookies.length > 0) headers.set('cookie', cookies.join('; '));
    }
    if (input.requestId !== undefined) headers.set('x-request-id', input.requestId);
    let body: string | undefined;
    if (input.body !== undefined) {
      body = JSON.stringify(input.body);
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    }

    const timeoutMs = input.timeoutMs ?? options.timeoutMs;
    const signal = input.signal;
    if (isAborted(signal)) return err({ kind: 'aborted', reason: signal?.reason as unknown });
    const controller = new AbortController();
    // An object, so that the compiler does not take the flag for always false.
    const state = { timedOut: false };
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            state.timedOut = true;
            controller.abort();
          }, timeoutMs);
    const onAbort = (): void => {
      controller.abort(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const response = await send(url, {
        method,
        headers,
        signal: controller.signal,
        ...(body === undefined ? {} : { body }),
      });
      const text = await response.text();
      const content = parsed(text, response.headers.get('content-type'));
      const requestId = response.headers.get('x-request-id') ?? undefined;
      if (response.status < 400) {
        if (!content.ok) {
          return err({
            kind: 'unexpected-body',
            status: response.status,
            body: content.text,
            detail: 'The body is not valid JSON, though its content type says it is.',
            requestId,
          });
        }
        const decoder = Object.hasOwn(responses, key) ? responses[key] : undefined;
        let value = content.value;
        if (decoder !== undefined) {
          const decoded = decoder.decode(value);
          if (decoded._tag === 'Left') {
            return err({
              kind: 'unexpected-body',
              status: response.status,
              body: value,
              detail: refusal(decoder, decoded.left),
              requestId,
            });
          }
          value = decoded.right;
        }
        return ok({ status: response.status, body: value, headers: response.headers, requestId });
      }
      const errorBody = content.ok ? content.value : content.text;
      return err(
        errorOf(
          response.status,
          response.headers,
          errorBody,
          readProblemDocument(errorBody, response.status),
          codes,
        ),
      );
    } catch (cause) {
      if (state.timedOut && timeoutMs !== undefined) return err({ kind: 'timeout', timeoutMs });
      if (isAborted(signal)) return err({ kind: 'aborted', reason: signal?.reason as unknown });
      return err({ kind: 'network', cause });
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  return {
    request(key: string, input?: CallInput) {
      return new ResultAsync(call(key, input ?? {}));
    },
  } as unknown as Client<A>;
}

/** A call's input as the client reads it, whatever the route. */
interface CallInput {
  readonly params?: Readonly<Record<string, unknown>>;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly headers?: HeaderValues;
  readonly cookies?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  readonly requestId?: string;
}
