import type { RedirectStatus, SuccessStatus } from './status.js';
import { kindOf } from './_internals/kind-of.js';
import { refuseOption } from './_internals/option-checks.js';

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

// RFC 9110 §15.4: the redirections that send the client to `Location`.
const REDIRECT_STATUSES: ReadonlySet<unknown> = /*#__PURE__*/ new Set([301, 302, 303, 307, 308]);

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

/**
 * Refuses options a JavaScript caller could pass that would be read as something else: a status
 * where the options belong (`json(body, 201)` would answer 200), a string of headers (read as a
 * map of its indices) or one cookie where the list belongs (`'a=b'` would go out as three
 * `Set-Cookie` lines, `a`, `=` and `b`). What the values hold is checked once, when the reply is
 * folded, as it is for a reply built any other way.
 */
/** @internal Checks a reply's options (a JavaScript caller can pass anything): an object, its
 * `headers` an object, its `cookies` a list. */
export function checkReplyInit(where: string, init: unknown): void {
  if (typeof init !== 'object' || init === null || Array.isArray(init)) {
    refuseOption(
      where,
      `the options are ${kindOf(init)}; pass an object such as { status: 201, headers: { 'cache-control': 'no-store' } }.`,
    );
  }
  const { headers, cookies } = init as Record<string, unknown>;
  if (
    headers !== undefined &&
    (typeof headers !== 'object' || headers === null || Array.isArray(headers))
  ) {
    refuseOption(
      where,
      `\`headers\` is ${kindOf(headers)}; pass an object of names to values, e.g. { 'cache-control': 'no-store' }.`,
    );
  }
  if (cookies !== undefined && !Array.isArray(cookies)) {
    refuseOption(
      where,
      `\`cookies\` is ${kindOf(cookies)}; pass a list of Set-Cookie values, e.g. ['id=abc; Path=/; HttpOnly'].`,
    );
  }
}

function make<T>(
  where: string,
  status: SuccessStatus,
  bodyType: ReplyBodyType,
  body: T,
  init: ReplyOptions | undefined,
  extraHeaders?: HeaderInit,
): Reply<T> {
  if (init !== undefined) checkReplyInit(where, init);
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
  return make('json', init?.status ?? 200, 'json', body, init);
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
  return make('text', init?.status ?? 200, 'text', body, init);
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
  return make('binary', init?.status ?? 200, 'bytes', body, init);
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
  return make('created', 201, body === undefined ? 'empty' : 'json', body, init, { location });
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
  return make('accepted', 202, body === undefined ? 'empty' : 'json', body, init);
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
  return make('noContent', 204, 'empty', undefined, init);
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
  if (!REDIRECT_STATUSES.has(status)) {
    refuseOption(
      'redirect',
      `the status is ${typeof status === 'number' ? String(status) : kindOf(status)}; a redirect is 301, 302, 303, 307 or 308 (use json(body, { status }) for other statuses).`,
    );
  }
  return make('redirect', status, 'empty', undefined, init, { location });
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
