/**
 * A plain view of an `HttpRequest` that `toStrictEqual` can compare as a whole. The request's
 * maps have no prototype and its body keeps its bytes and text behind getters, so
 * `toStrictEqual` would either refuse a literal or see nothing of the body.
 */
import type { HttpRequest } from '../../src/index.js';

/** A request body as plain data: its text and a plain copy of its bytes. */
export interface PlainBody {
  readonly text: string;
  readonly bytes: Uint8Array;
}

/** An `HttpRequest` as plain data, every field and value kept. */
export interface PlainRequest extends Omit<
  HttpRequest,
  'headers' | 'query' | 'pathParameters' | 'cookies' | 'body'
> {
  readonly headers: Record<string, readonly string[]>;
  readonly query: Record<string, readonly string[]>;
  readonly pathParameters: Record<string, string>;
  readonly cookies: Record<string, string>;
  readonly body: PlainBody | undefined;
}

/** The plain view of a request. */
export function plainRequest(request: HttpRequest): PlainRequest {
  return {
    ...request,
    headers: { ...request.headers },
    query: { ...request.query },
    pathParameters: { ...request.pathParameters },
    cookies: { ...request.cookies },
    body:
      request.body === undefined
        ? undefined
        : { text: request.body.text, bytes: new Uint8Array(request.body.bytes) },
  };
}

/** The expected body for a text payload: the text and its UTF-8 bytes. */
export function textBody(text: string): PlainBody {
  return { text, bytes: new Uint8Array(Buffer.from(text, 'utf8')) };
}
