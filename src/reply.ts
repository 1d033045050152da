import type { RedirectStatus, SuccessStatus } from './status.js';

// A registry symbol, not a class: two copies of gatefold in one bundle still recognise each
// other's replies, where `instanceof` would not.
const REPLY: unique symbol = /*#__PURE__*/ Symbol.for('gatefold.reply') as never;

/** Header values by name; a list sends the header once per value. */
export type HeaderInit = Readonly<Record<string, string | readonly string[]>>;

/** How a reply's body is sent. */
export type ReplyBodyType = 'json' | 'text' | 'bytes' | 'empty';

/** A success response: a 2xx or 3xx status, headers, cookies and a body. */
export interface Reply<T = unknown> {
  readonly [REPLY]: true;
  /** 2xx or 3xx only: failures are `Problem`s on the `Err` side. */
  readonly status: SuccessStatus;
  readonly headers: HeaderInit;
  /** Full `Set-Cookie` values, e.g. `id=abc; Path=/; HttpOnly; Secure`. */
  readonly cookies: readonly string[];
  readonly bodyType: ReplyBodyType;
  readonly body: T;
}

/** Status, headers and cookies for a reply constructor. */
export interface ReplyInit {
  readonly status?: SuccessStatus;
  readonly headers?: HeaderInit;
  readonly cookies?: readonly string[];
}

/** {@link ReplyInit} without a status, for constructors whose name fixes it. */
export type ReplyOptions = Omit<ReplyInit, 'status'>;

const NO_HEADERS: HeaderInit = /*#__PURE__*/ Object.freeze({});
const NO_COOKIES: readonly string[] = /*#__PURE__*/ Object.freeze([]);

/** Adds headers over others, names compared case-insensitively: `Location` replaces `location`. */
function withHeaders(headers: HeaderInit, extra: HeaderInit): HeaderInit {
  // `extra` is always a literal of the caller's own, so with nothing to merge it is the result.
  if (headers === NO_HEADERS) return extra;
  const replaced = new Set(Object.keys(extra).map((name) => name.toLowerCase()));
  const out: Record<string, string | readonly string[]> = {};
  for (const name of Object.keys(headers)) {
    if (!replaced.has(name.toLowerCase())) out[name] = headers[name] as string | readonly string[];
  }
  return Object.assign(out, extra);
}

function make<T>(
  status: SuccessStatus,
  bodyType: ReplyBodyType,
  body: T,
  init: ReplyOptions | undefined,
  extraHeaders?: HeaderInit,
): Reply<T> {
  const headers = init?.headers ?? NO_HEADERS;
  return {
    [REPLY]: true,
    status,
    headers: extraHeaders === undefined ? headers : withHeaders(headers, extraHeaders),
    cookies: init?.cookies ?? NO_COOKIES,
    bodyType,
    body,
  };
}

/**
 * A JSON reply, 200 unless `init.status` says otherwise.
 *
 * @example
 * ```ts
 * import { ok } from 'neverthrow';
 * import { json } from 'gatefold';
 * return ok(json({ id: 'u-1' }, { headers: { 'cache-control': 'max-age=60' } }));
 * ```
 */
export function json<T>(body: T, init?: ReplyInit): Reply<T> {
  return make(init?.status ?? 200, 'json', body, init);
}

/**
 * A `text/plain; charset=utf-8` reply (another `content-type` header overrides it).
 *
 * @example
 * ```ts
 * import { text } from 'gatefold';
 * const reply = text('pong');
 * ```
 */
export function text(body: string, init?: ReplyInit): Reply<string> {
  return make(init?.status ?? 200, 'text', body, init);
}

/**
 * A binary reply, sent base64-encoded with `isBase64Encoded: true`; `application/octet-stream`
 * unless a `content-type` header says otherwise.
 *
 * @example
 * ```ts
 * import { binary } from 'gatefold';
 * const reply = binary(pngBytes, { headers: { 'content-type': 'image/png' } });
 * ```
 */
export function binary(body: Uint8Array, init?: ReplyInit): Reply<Uint8Array> {
  return make(init?.status ?? 200, 'bytes', body, init);
}

/**
 * 201 Created with the new resource's `Location` and, optionally, its JSON representation.
 *
 * @example
 * ```ts
 * import { created } from 'gatefold';
 * const reply = created(`/users/${user.id}`, user);
 * ```
 */
export function created(location: string): Reply<undefined>;
export function created<T>(location: string, body: T, init?: ReplyOptions): Reply<T>;
export function created<T>(location: string, body?: T, init?: ReplyOptions): Reply<T | undefined> {
  return make(201, body === undefined ? 'empty' : 'json', body, init, { location });
}

/**
 * 202 Accepted, optionally with a JSON body describing the queued work.
 *
 * @example
 * ```ts
 * import { accepted } from 'gatefold';
 * const reply = accepted({ jobId: 'j-1' });
 * ```
 */
export function accepted(): Reply<undefined>;
export function accepted<T>(body: T, init?: ReplyOptions): Reply<T>;
export function accepted<T>(body?: T, init?: ReplyOptions): Reply<T | undefined> {
  return make(202, body === undefined ? 'empty' : 'json', body, init);
}

/**
 * 204 No Content.
 *
 * @example
 * ```ts
 * import { noContent } from 'gatefold';
 * const reply = noContent();
 * ```
 */
export function noContent(init?: ReplyOptions): Reply<undefined> {
  return make(204, 'empty', undefined, init);
}

/**
 * A redirect to `location`: 302 Found by default, or 301, 303, 307 or 308.
 *
 * @example
 * ```ts
 * import { redirect } from 'gatefold';
 * const reply = redirect('/login', 303);
 * ```
 */
export function redirect(
  location: string,
  status: RedirectStatus = 302,
  init?: ReplyOptions,
): Reply<undefined> {
  return make(status, 'empty', undefined, init, { location });
}

/**
 * True for a value built by a reply constructor (from any copy of gatefold).
 *
 * @example
 * ```ts
 * import { isReply, json } from 'gatefold';
 * isReply(json(1)); // true
 * ```
 */
export function isReply(value: unknown): value is Reply {
  return typeof value === 'object' && value !== null && (value as Partial<Reply>)[REPLY] === true;
}
