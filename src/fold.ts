import type { ErrorFormat, JsonApiMediaType } from './options.js';
import type { Logger } from './logger.js';
import { safeLog } from './logger.js';
import type { Problem } from './problem.js';
import type { Reply } from './reply.js';
import type { HttpRequest } from './request.js';
import type { HttpResponse } from './response.js';
import type { Settled } from './_internals/settle.js';
import type { ErrorMap, MappedError } from './errors/error-map.js';
import type { Tagged } from './errors/tagged-error.js';
import { mapError, mappedOf } from './errors/error-map.js';
import { isTagged } from './errors/tagged-error.js';
import { jsonApiDocument } from './formats/json-api.js';
import { prefersProblemJson } from './formats/negotiate.js';
import { PROBLEM_JSON_MEDIA_TYPE, problemDetailsDocument } from './formats/problem-details.js';
import { combinedStatus, isProblem, problem } from './problem.js';
import { isReply } from './reply.js';
import { isErrorStatusCode, isSuccessStatusCode } from './status.js';
import { describeError } from './_internals/describe-error.js';
import { InvalidResponseError, addHeaders, checkHeaderList } from './_internals/headers.js';
import { appendValue, emptyMap } from './_internals/fields.js';
import { requestLogFields } from './_internals/log-fields.js';
import { stringify } from './_internals/json.js';
import { isThenable } from './_internals/promise.js';

/** @internal Settings the fold needs, resolved once when the adapter is built. */
export interface FoldConfig {
  readonly errorFormat: ErrorFormat;
  readonly jsonApiMediaType: JsonApiMediaType;
  readonly logger: Logger;
  readonly errors: ErrorMap<Tagged> | undefined;
}

/** @internal What the fold made of an outcome: the response, and what the logs need to know. */
export interface Folded {
  readonly response: HttpResponse;
  /** True when the response is the masked 500 for a defect (already logged). */
  readonly defect: boolean;
  /** Every problem answered, unmasked (mapped errors with their full details). */
  readonly problems: readonly Problem[];
  /** The domain errors that were mapped, with their tags. */
  readonly mapped: readonly MappedError[];
}

const NONE: readonly never[] = /*#__PURE__*/ Object.freeze([]);

const JSON_TYPE = 'application/json';
const TEXT_TYPE = 'text/plain; charset=utf-8';
const BYTES_TYPE = 'application/octet-stream';

/**
 * @internal The body of the masked 500. It is fixed: nothing of the defect (message, stack, cause) ever
 * reaches the client; the request id lets the client quote something the logs can be searched
 * for.
 */
export const DEFECT_PROBLEM: Problem = /*#__PURE__*/ problem({
  status: 500,
  title: 'Internal Server Error',
  detail: 'The server failed to handle the request. Quote the request id when reporting this.',
});

function serializeJson(value: unknown, what: string): string {
  // A forgotten `await` (`ok(fetchUser())`) would otherwise be sent as `{}`.
  if (isThenable(value)) {
    throw new InvalidResponseError(
      `The ${what} is a promise; await it, or return a ResultAsync instead.`,
    );
  }
  let text: string | undefined;
  try {
    text = stringify(value);
  } catch (cause) {
    // BigInt and circular structures throw here.
    throw new InvalidResponseError(`The ${what} cannot be serialised as JSON.`, { cause });
  }
  if (text === undefined) {
    throw new InvalidResponseError(
      `The ${what} is a ${typeof value}, which JSON cannot represent.`,
    );
  }
  return text;
}

/**
 * Whether a response of this status carries no body: 204 and 304 (RFC 9110 §6.4.1) and 205
 * (§15.3.6). A HEAD response keeps its body here, so that middleware sees what GET would send
 * (an ETag, a content length); the pipeline drops it last.
 */
function isBodyless(status: number): boolean {
  return status === 204 || status === 205 || status === 304;
}

// Fields whose grammar allows one value only, so several cannot be joined into a list.
const SINGLE_VALUE_FIELDS = /*#__PURE__*/ new Set([
  'retry-after',
  'location',
  'content-location',
  'etag',
  'age',
]);

function finish(
  status: number,
  headers: Record<string, string[]>,
  cookies: string[],
  body: string | Uint8Array,
  contentType: string | undefined,
): HttpResponse {
  if (contentType !== undefined && headers['content-type'] === undefined) {
    headers['content-type'] = [contentType];
  }
  return { status, headers, cookies, body: isBodyless(status) ? '' : body };
}

function replyResponse(request: HttpRequest, reply: Reply): HttpResponse {
  if (!isSuccessStatusCode(reply.status)) {
    throw new InvalidResponseError(
      `A reply has status ${String(reply.status)}; replies carry 200–399 (failures are problems).`,
    );
  }
  const headers = emptyMap<string[]>();
  const cookies: string[] = [];
  addHeaders(headers, cookies, reply.headers);
  for (const name of SINGLE_VALUE_FIELDS) {
    const values = headers[name];
    // One value is the common case: nothing to compare or trim.
    if (values === undefined || values.length === 1) continue;
    if (new Set(values).size > 1) {
      throw new InvalidResponseError(`A reply has several "${name}" values; the field takes one.`);
    }
    headers[name] = values.slice(0, 1);
  }
  // A list, as a middleware's answer must be: a string is not read as one cookie per character.
  for (const cookie of checkHeaderList('set-cookie', reply.cookies)) cookies.push(cookie);
  switch (reply.bodyType) {
    case 'json':
      // `json(undefined)` has nothing to serialise: the status and headers go out alone.
      if (reply.body === undefined) {
        return finish(reply.status, headers, cookies, '', undefined);
      }
      return finish(
        reply.status,
        headers,
        cookies,
        serializeJson(reply.body, 'reply body'),
        JSON_TYPE,
      );
    case 'text':
      if (typeof reply.body !== 'string') {
        throw new InvalidResponseError(`A text reply has a ${typeof reply.body} body.`);
      }
      return finish(reply.status, headers, cookies, reply.body, TEXT_TYPE);
    case 'bytes':
      if (!(reply.body instanceof Uint8Array)) {
        throw new InvalidResponseError('A binary reply has a body that is not a Uint8Array.');
      }
      return finish(reply.status, headers, cookies, reply.body, BYTES_TYPE);
    case 'empty':
      return finish(reply.status, headers, cookies, '', undefined);
    default:
      throw new InvalidResponseError(`A reply has an unknown body type.`);
  }
}

function okResponse(request: HttpRequest, value: unknown): HttpResponse {
  if (isReply(value)) return replyResponse(request, value);
  // `ok()` / `ok(undefined)`: nothing to send.
  if (value === undefined) return finish(204, emptyMap(), [], '', undefined);
  return finish(200, emptyMap(), [], serializeJson(value, 'Ok value'), JSON_TYPE);
}

interface Resolved {
  readonly client: Problem[];
  readonly full: Problem[];
  readonly mapped: MappedError[];
}

/**
 * The problems for an `Err`: problems as they are, domain errors through the error map. An
 * error the map does not cover cannot happen in typed code; when it does, it is a defect.
 */
function resolveErrors(error: unknown, map: ErrorMap<Tagged> | undefined): Resolved {
  const items: readonly unknown[] = Array.isArray(error) ? error : [error];
  if (items.length === 0)
    throw new InvalidResponseError('The handler returned an empty list of errors.');
  const resolved: Resolved = { client: [], full: [], mapped: [] };
  for (const item of items) {
    if (isProblem(item)) {
      const earlier = mappedOf(item);
      resolved.client.push(item);
      resolved.full.push(earlier?.full ?? item);
      if (earlier !== undefined) resolved.mapped.push(earlier);
      continue;
    }
    const mapped = map !== undefined && isTagged(item) ? mapError(map, item) : undefined;
    if (mapped === undefined) {
      throw new InvalidResponseError(
        isTagged(item)
          ? map === undefined
            ? `The handler returned the error "${item._tag}" but toLambda has no error map; pass one that covers it as the \`errors\` option.`
            : `The handler returned the error "${item._tag}", which the error map does not cover.`
          : 'The handler returned an Err that is neither a Problem nor a tagged error the error map covers.',
        { cause: item },
      );
    }
    resolved.client.push(mapped.client);
    resolved.full.push(mapped.full);
    resolved.mapped.push(mapped);
  }
  return resolved;
}

/** The Accept header, read defensively: a handler may have replaced the request's maps. */
function acceptOf(request: HttpRequest): string | undefined {
  const values: unknown = (request.headers as Record<string, unknown> | null)?.['accept'];
  return Array.isArray(values) ? values.join(',') : typeof values === 'string' ? values : undefined;
}

/** @internal Renders problems in the configured format, with their headers. */
export function problemsResponse(
  request: HttpRequest,
  problems: readonly Problem[],
  config: FoldConfig,
): HttpResponse {
  for (const p of problems) {
    if (!isErrorStatusCode(p.status)) {
      throw new InvalidResponseError(
        `A problem has status ${String(p.status)}; problems carry 400–599 (successes are replies).`,
      );
    }
  }
  const status = combinedStatus(problems);
  const headers = emptyMap<string[]>();
  const cookies: string[] = [];
  for (const p of problems) addHeaders(headers, cookies, p.headers);
  // The body format owns the content type; the same header from several problems (two
  // `Retry-After: 30`) is sent once, and a field that takes one value keeps the first problem's.
  delete headers['content-type'];
  for (const name of Object.keys(headers)) {
    const values = headers[name] ?? [];
    headers[name] = SINGLE_VALUE_FIELDS.has(name) ? values.slice(0, 1) : [...new Set(values)];
  }
  const useProblemJson =
    config.errorFormat === 'problem' ||
    (config.errorFormat === 'negotiate' && prefersProblemJson(acceptOf(request)));
  // The body depends on Accept: caches in front (CloudFront, API Gateway) must know (RFC 9110
  // §12.5.5).
  if (config.errorFormat === 'negotiate') appendValue(headers, 'vary', 'accept');
  const document = useProblemJson
    ? problemDetailsDocument(problems, status, request.requestId)
    : jsonApiDocument(problems, request.requestId);
  const mediaType = useProblemJson ? PROBLEM_JSON_MEDIA_TYPE : config.jsonApiMediaType;
  return finish(status, headers, cookies, serializeJson(document, 'problem'), mediaType);
}

/**
 * @internal The masked 500 for a defect, logged once with everything the client does not see.
 * It cannot fail: its body is built from constants and the request id.
 */
export function defectFolded(request: HttpRequest, cause: unknown, config: FoldConfig): Folded {
  safeLog(config.logger, 'error', {
    message: 'Handler defect answered with a masked 500',
    ...requestLogFields(request),
    ...describeError(cause),
  });
  const response = problemsResponse(request, [DEFECT_PROBLEM], config);
  return { response, defect: true, problems: [DEFECT_PROBLEM], mapped: NONE };
}

/**
 * @internal Problems answered without the handler's outcome (an unreadable body, a middleware's
 * own answer), as a fold result; a problem an error map made is logged with its full details.
 */
export function problemsFolded(
  request: HttpRequest,
  problems: readonly Problem[],
  config: FoldConfig,
): Folded {
  const { full, mapped } = resolveErrors(problems, undefined);
  return {
    response: problemsResponse(request, problems, config),
    defect: false,
    problems: full,
    mapped,
  };
}

/**
 * The one place where outcomes become responses: `Ok` → reply or 200 JSON; `Err` → problems;
 * anything that cannot be sent as it is → a masked, logged 500.
 */
export function foldSettled(request: HttpRequest, settled: Settled, config: FoldConfig): Folded {
  try {
    if (settled.ok) {
      return {
        response: okResponse(request, settled.value),
        defect: false,
        problems: NONE,
        mapped: NONE,
      };
    }
    const { client, full, mapped } = resolveErrors(settled.error, config.errors);
    return {
      response: problemsResponse(request, client, config),
      defect: false,
      problems: full,
      mapped,
    };
  } catch (defect) {
    return defectFolded(request, defect, config);
  }
}
