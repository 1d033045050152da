import type { IncomingMessage } from 'node:http';
import { PAYLOAD_LIMITS } from '../events/limits.js';
import type { SourceAnswer } from './source-answers.js';
import { HTTP_API_BAD_PATH, tooLarge } from './source-answers.js';
import { readBody } from './read-body.js';
import type { LocalRequest, ProxyEventKind } from './to-event.js';
import { sourceOf, toEvent } from './to-event.js';

/** What a request became: the event to invoke the function with, or the source's own answer. */
export type Prepared =
  | { readonly event: Record<string, unknown> }
  | { readonly answer: SourceAnswer; readonly unread: boolean; readonly reason: string };

/**
 * Reads a request into the event the source would build, or into the answer the source gives
 * without invoking the function. Limits are those of `events/limits.ts`: an ALB's on the body, the
 * others' on the event as Lambda receives it (`JSON.stringify(event)`). An event is never smaller
 * than the body it carries, so a body over the limit is refused as it streams in, and the event
 * is measured once built (a binary body grows by a third in base64).
 */
export async function prepare(kind: ProxyEventKind, request: IncomingMessage): Promise<Prepared> {
  const source = sourceOf(kind);
  const limit = PAYLOAD_LIMITS[source].request;
  const declared = Number(request.headers['content-length'] ?? 0);
  const over = `over the ${String(limit)}-byte limit of ${source === 'alb' ? "an ALB's request body" : "Lambda's request payload"}`;
  if (declared > limit) {
    return {
      answer: tooLarge(source),
      unread: true,
      reason: `a ${String(declared)}-byte body is ${over}`,
    };
  }
  const body = await readBody(request, limit);
  if (body === undefined) {
    return { answer: tooLarge(source), unread: true, reason: `the body grew ${over}` };
  }
  const local: LocalRequest = {
    method: request.method ?? 'GET',
    url: request.url ?? '/',
    headers: request.headersDistinct,
    body,
    sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
  };
  const event = toEvent(kind, local);
  if (event === undefined) {
    return {
      answer: HTTP_API_BAD_PATH,
      unread: false,
      reason: 'an HTTP API refuses a path that does not percent-decode',
    };
  }
  if (source !== 'alb') {
    const size = Buffer.byteLength(JSON.stringify(event));
    if (size > limit) {
      return {
        answer: tooLarge(source),
        unread: false,
        reason: `a ${String(size)}-byte event is ${over}`,
      };
    }
  }
  return { event };
}
