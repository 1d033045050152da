import type { HttpResponse } from '../response.js';
import { isFinalStatusCode } from '../status.js';
import { InvalidResponseError, checkResponseHeaders } from './headers.js';
import { kindOf } from './kind-of.js';

/**
 * @internal Throws unless a middleware's answer is a response every event kind can send as it
 * is, by the rules a handler's reply is folded with: a final status (an integer from 200 to 599),
 * headers as lists of field values under token names, cookies as a list of field values, and a
 * body of text or bytes. Each of these would otherwise reach the result as it is: API Gateway
 * answers 502 for a status of 0 or 42, a REST API writes a header `"bar"` as `b`, `a`, `r`, and a
 * custom integration takes a status below 400 for a success. Header lists and cookies taken over
 * unchanged from `checked`, an answer known to be sendable, are not checked again.
 */
export function checkResponse(value: unknown, checked?: HttpResponse): HttpResponse {
  if (typeof value !== 'object' || value === null) {
    throw new InvalidResponseError('A middleware returned something that is not a response.');
  }
  const response = value as Partial<Record<keyof HttpResponse, unknown>>;
  const { status, body } = response;
  if (!isFinalStatusCode(status)) {
    throw new InvalidResponseError(
      `A middleware returned ${typeof status === 'number' ? `status ${String(status)}` : `a status that is ${kindOf(status)}`}; a response carries an integer from 200 to 599.`,
    );
  }
  checkResponseHeaders(response.headers, response.cookies, checked);
  if (typeof body !== 'string' && !(body instanceof Uint8Array)) {
    throw new InvalidResponseError(
      `A middleware returned a body that is ${kindOf(body)}; expected a string or a Uint8Array.`,
    );
  }
  return value as HttpResponse;
}
