/**
 * How a success travels through a custom integration: as the function's result, which API
 * Gateway hands to the integration's default response (no selection pattern matches a success,
 * see `message.ts`) and whose template (`successResponseTemplate`) writes its `body` member as it
 * is. The body is the text the proxy adapter would have sent, never parsed into JavaScript values
 * and serialised again: a round trip through `JSON.parse` and the Lambda runtime's
 * `JSON.stringify` turns `12345678901234567891` into `12345678901234567000`, moves integer-like
 * keys first, keeps one of two duplicate members and drops escapes.
 */
import type { Middleware } from '../middleware/middleware.js';
import type { HttpResponse } from '../response.js';
import { isJsonMediaType } from '../decode/json-body.js';
import { findJsonSyntaxError } from '../decode/json-syntax.js';
import { InvalidResponseError } from '../_internals/headers.js';

/** What a custom integration function returns for a success. */
export interface IntegrationSuccess {
  /** The body the client gets, as text: JSON, or empty for a response without a body. */
  readonly body: string;
}

/** The content type of a response, when it is a JSON type. */
function jsonType(response: HttpResponse): string | undefined {
  const type = response.headers['content-type']?.[0];
  return isJsonMediaType(type) ? type : undefined;
}

/**
 * @internal The result of a success. The default response is declared `application/json`, so a
 * JSON body goes as it is and any other body as a JSON string (bytes as their base64); a
 * response without a body stays without one.
 */
export function successValue(response: HttpResponse): IntegrationSuccess {
  const { body } = response;
  if (typeof body !== 'string') {
    return { body: JSON.stringify(Buffer.from(body).toString('base64')) };
  }
  if (body === '' || jsonType(response) !== undefined) return { body };
  return { body: JSON.stringify(body) };
}

/**
 * @internal The outermost middleware of `toLambdaIntegration`: a success labelled JSON whose body
 * is not JSON is a defect, answered as the masked 500 and logged with the request id. Sent as it
 * is, it would reach the client under the default response's `application/json`. The check reads
 * the syntax only (`JSON.parse`'s value is dropped); its message gives the offset and the
 * character where the body stops being JSON, and nothing else of it.
 */
export const checkJsonSuccess: Middleware = (next) => async (request, context) => {
  const response = await next(request, context);
  const { body } = response;
  if (response.status >= 400 || typeof body !== 'string' || body === '') return response;
  const type = jsonType(response);
  if (type === undefined) return response;
  try {
    JSON.parse(body);
  } catch {
    const found = findJsonSyntaxError(body);
    const where = found === undefined ? '' : ` (${found.reason} at offset ${String(found.offset)})`;
    throw new InvalidResponseError(
      `The reply is labelled ${type} but its body is not JSON${where}; the custom integration sends JSON bodies as they are.`,
    );
  }
  return response;
};

/**
 * @internal The caller's middleware inside {@link checkJsonSuccess}, which is outermost so that it
 * sees the body every middleware of the caller has had its turn with. Anything but a list is
 * passed on as it is, for the pipeline to refuse with its own message.
 */
export function withJsonCheck(
  middleware: readonly Middleware[] | undefined,
): readonly Middleware[] {
  if (middleware === undefined) return [checkJsonSuccess];
  // A JavaScript caller can pass anything here.
  const given: unknown = middleware;
  return Array.isArray(given) ? [checkJsonSuccess, ...middleware] : middleware;
}
