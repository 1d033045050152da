import { PROBLEM_DETAILS_MEMBERS } from '../formats/problem-details-members.js';

/**
 * What a call can fail with, and how an error answer — a JSON:API `errors` document or an RFC 9457
 * problem+json document — is read into one shape.
 */

/** One problem of an error answer, from either format. */
export interface ProblemEntry {
  readonly status: number;
  readonly code?: string;
  readonly title?: string;
  readonly detail?: string;
  /** The JSON pointer into the request body the problem is about. */
  readonly pointer?: string;
  /** The path or query parameter the problem is about. */
  readonly parameter?: string;
  /** The header the problem is about. */
  readonly header?: string;
  /** A URI naming the problem type (JSON:API `links.type`, problem+json `type`). */
  readonly type?: string;
  /** JSON:API `meta`, or a problem+json document's extension members. */
  readonly meta: Readonly<Record<string, unknown>>;
}

/** What an error answer said, beside its problems. */
interface Answered {
  /** The answer's status. */
  readonly status: number;
  /** Every problem of the document, in its order. */
  readonly problems: readonly ProblemEntry[];
  /** The request's id: the answer's `x-request-id`, or the one in its body. */
  readonly requestId: string | undefined;
  /** `Retry-After` in seconds (an HTTP date counted from now), when the answer has one. */
  readonly retryAfter: number | undefined;
}

/**
 * A domain error of the route, recognised by its `code` (the tag, unless the error map's entry
 * says another) and rebuilt with its tag: `problem` is its problem, whose `detail`, `source` and
 * `meta` are what the server's error map exposed of the error's data.
 */
export interface DomainError<Tag extends string> extends Answered {
  readonly kind: 'domain';
  readonly _tag: Tag;
  /** The problem that carried the error. */
  readonly problem: ProblemEntry;
}

/** The request did not decode or validate: every problem, each with its pointer, parameter or header. */
export interface ValidationError extends Answered {
  readonly kind: 'validation';
}

/**
 * Another error answer: a route that does not exist (404 `route-not-found`), a method it does not
 * have (405), a problem the handler built itself, a masked 5xx, or a gateway's own error (whose body
 * may be no problem document at all: `problems` is then empty and `body` holds it).
 */
export interface HttpProblem extends Answered {
  readonly kind: 'problem';
  /** The document's format, as read. */
  readonly format: 'json-api' | 'problem+json' | 'other';
  /** The body as parsed (JSON), or its text. */
  readonly body: unknown;
}

/** The request never got an answer: the connection failed, or `fetch` threw. */
export interface NetworkError {
  readonly kind: 'network';
  readonly cause: unknown;
}

/** No answer within the call's `timeoutMs`. */
export interface TimeoutError {
  readonly kind: 'timeout';
  readonly timeoutMs: number;
}

/** The caller's `signal` aborted the call. */
export interface AbortedError {
  readonly kind: 'aborted';
  readonly reason: unknown;
}

/**
 * A success whose body is not what the route declares: not JSON when JSON was expected, or
 * refused by the codec given in the client's `responses`.
 */
export interface UnexpectedBody {
  readonly kind: 'unexpected-body';
  readonly status: number;
  readonly body: unknown;
  /** What was wrong. */
  readonly detail: string;
  readonly requestId: string | undefined;
}

/**
 * The error of a call to a route whose domain errors have the tags `Tag`: match on `kind`, then,
 * for `domain`, on `_tag`. A route whose handler returns no domain error has no `domain` member.
 */
export type ClientError<Tag extends string = never> =
  | (Tag extends string ? DomainError<Tag> : never)
  | ValidationError
  | HttpProblem
  | NetworkError
  | TimeoutError
  | AbortedError
  | UnexpectedBody;

// ---------------------------------------------------------------------------------------------

type Json = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A JSON:API error object. */
function jsonApiEntry(value: Json, status: number): ProblemEntry {
  const source = isObject(value['source']) ? value['source'] : {};
  const links = isObject(value['links']) ? value['links'] : {};
  const own = Number(value['status']);
  return entry(
    {
      status: Number.isInteger(own) && own > 0 ? own : status,
      code: text(value['code']),
      title: text(value['title']),
      detail: text(value['detail']),
      pointer: text(source['pointer']),
      parameter: text(source['parameter']),
      header: text(source['header']),
      type: text(links['type']),
    },
    isObject(value['meta']) ? value['meta'] : {},
  );
}

/** A problem+json document, or one entry of its `errors` extension. */
function problemDetailsEntry(value: Json, status: number): ProblemEntry {
  const meta: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (!PROBLEM_DETAILS_MEMBERS.has(key)) {
      Object.defineProperty(meta, key, { value: value[key], enumerable: true });
    }
  }
  const own = value['status'];
  const type = text(value['type']);
  return entry(
    {
      status: typeof own === 'number' && Number.isInteger(own) ? own : status,
      code: text(value['code']),
      title: text(value['title']),
      detail: text(value['detail']),
      pointer: text(value['pointer']),
      parameter: text(value['parameter']),
      header: text(value['header']),
      type: type === 'about:blank' ? undefined : type,
    },
    meta,
  );
}

/** An entry without its absent members (`exactOptionalPropertyTypes`). */
function entry(
  fields: Readonly<Record<Exclude<keyof ProblemEntry, 'meta'>, string | number | undefined>>,
  meta: Json,
): ProblemEntry {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(fields) as (keyof typeof fields)[]) {
    if (fields[key] !== undefined) out[key] = fields[key];
  }
  out['meta'] = meta;
  return out as unknown as ProblemEntry;
}

/** A parsed error document: its format, its problems and the request id it names. */
export interface ReadDocument {
  readonly format: 'json-api' | 'problem+json' | 'other';
  readonly problems: readonly ProblemEntry[];
  readonly requestId: string | undefined;
}

/** Reads an error answer's body (already parsed from JSON, or its text) in either format. */
export function readProblemDocument(body: unknown, status: number): ReadDocument {
  if (!isObject(body)) return { format: 'other', problems: [], requestId: undefined };
  const errors = body['errors'];
  if (Array.isArray(errors) && typeof body['status'] !== 'number') {
    const meta = isObject(body['meta']) ? body['meta'] : {};
    return {
      format: 'json-api',
      problems: errors.filter(isObject).map((item) => jsonApiEntry(item, status)),
      requestId: text(meta['requestId']),
    };
  }
  if (typeof body['status'] === 'number' || typeof body['title'] === 'string') {
    const problems = Array.isArray(errors)
      ? errors.filter(isObject).map((item) => problemDetailsEntry(item, status))
      : [problemDetailsEntry(body, status)];
    return { format: 'problem+json', problems, requestId: text(body['requestId']) };
  }
  return { format: 'other', problems: [], requestId: undefined };
}

/** `Retry-After` in seconds: the number it gives, or the time to the HTTP date it gives. */
export function retryAfterSeconds(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
