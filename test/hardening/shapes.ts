/**
 * Event shapes for the hardening tests: the four event kinds, with ALB in both of its header
 * modes, built with `gatefold/testing` and fixed request ids, and the whole result each shape must
 * answer with, built from a kind-neutral description (status, headers, cookies, body) following
 * docs/events.md ("Writing").
 */
import type { Context } from 'aws-lambda';
import type { HttpEvent } from '../../src/index.js';
import type { EventOptions } from '../../src/testing/index.js';
import {
  albEvent,
  fakeContext,
  functionUrlEvent,
  httpApiEvent,
  restApiEvent,
} from '../../src/testing/index.js';

/** An event kind, with ALB split by the target group's multi-value headers setting. */
export type Shape = 'rest' | 'http' | 'function-url' | 'alb' | 'alb-multi';

export const SHAPES: readonly Shape[] = ['rest', 'http', 'function-url', 'alb', 'alb-multi'];

/** `requestContext.requestId` of every REST, HTTP API and Function URL event built here. */
export const GATEWAY_ID = 'gw-0f1e2d3c';
/** Lambda's request id in {@link lambdaContext}; ALB events, which carry none, use it. */
export const LAMBDA_ID = 'lambda-9a8b7c6d';

/** A Lambda context with a fixed request id and Lambda's default 3 s timeout. */
export function lambdaContext(overrides: { readonly timeoutMs?: number } = {}): Context {
  return fakeContext({ awsRequestId: LAMBDA_ID, ...overrides });
}

/**
 * An event of the shape for the request. REST events come through a `/{proxy+}` resource, as
 * one function serving a whole API does; payload 2.0 events through the `$default` route.
 */
export function eventFor(shape: Shape, request: EventOptions = {}): HttpEvent {
  switch (shape) {
    case 'rest': {
      const path = request.path ?? '/';
      return restApiEvent({
        ...request,
        requestId: GATEWAY_ID,
        resource: '/{proxy+}',
        pathParameters: path === '/' ? {} : { proxy: path.slice(1) },
      });
    }
    case 'http':
      return httpApiEvent({ ...request, requestId: GATEWAY_ID });
    case 'function-url':
      return functionUrlEvent({ ...request, requestId: GATEWAY_ID });
    case 'alb':
      return albEvent(request);
    case 'alb-multi':
      return albEvent({ ...request, multiValue: true });
  }
}

/** The request id a shape's events are answered with when the client sends none. */
export function requestIdOf(shape: Shape): string {
  return shape === 'alb' || shape === 'alb-multi' ? LAMBDA_ID : GATEWAY_ID;
}

/** A response described once for every shape. */
export interface Answer {
  readonly status: number;
  /** Headers by lower-cased name, `x-request-id` aside; a list for a header sent several times. */
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly cookies?: readonly string[];
  /** The body parsed as JSON, or `''` for none. */
  readonly body: unknown;
}

// Written out here rather than read from src/status.ts, so that a wrong phrase there shows.
const REASONS: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function listOf(value: string | readonly string[]): readonly string[] {
  return typeof value === 'string' ? [value] : value;
}

/**
 * The whole result a shape answers with (its body parsed, as {@link parsedResult} gives it):
 * REST puts single headers in `headers`, repeated ones and cookies in `multiValueHeaders`; payload
 * 2.0 joins repeated headers with ", " and sends cookies in `cookies`; ALB adds
 * `statusDescription`, and either lists every header in `multiValueHeaders` (multi-value mode)
 * or joins them (single-value mode, first cookie only). `requestId` goes in `x-request-id`.
 */
export function resultFor(
  shape: Shape,
  answer: Answer,
  requestId: string = requestIdOf(shape),
): Record<string, unknown> {
  const lists: Record<string, readonly string[]> = {};
  for (const [name, value] of Object.entries(answer.headers)) lists[name] = listOf(value);
  if (requestId !== '') lists['x-request-id'] = [requestId];
  const cookies = answer.cookies ?? [];
  const joined = (): Record<string, string> =>
    Object.fromEntries(Object.entries(lists).map(([name, values]) => [name, values.join(', ')]));
  const base = { statusCode: answer.status, body: answer.body, isBase64Encoded: false };
  switch (shape) {
    case 'rest': {
      const headers: Record<string, string> = {};
      const multiValueHeaders: Record<string, readonly string[]> = {};
      for (const [name, values] of Object.entries(lists)) {
        if (values.length === 1) headers[name] = values[0] ?? '';
        else multiValueHeaders[name] = values;
      }
      if (cookies.length > 0) multiValueHeaders['set-cookie'] = cookies;
      return { ...base, headers, multiValueHeaders };
    }
    case 'http':
    case 'function-url':
      return { ...base, headers: joined(), cookies };
    case 'alb': {
      const headers = joined();
      if (cookies[0] !== undefined) headers['set-cookie'] = cookies[0];
      return { ...base, statusDescription: statusDescription(answer.status), headers };
    }
    case 'alb-multi': {
      const multiValueHeaders: Record<string, readonly string[]> = { ...lists };
      if (cookies.length > 0) multiValueHeaders['set-cookie'] = cookies;
      return { ...base, statusDescription: statusDescription(answer.status), multiValueHeaders };
    }
  }
}

function statusDescription(status: number): string {
  const reason = REASONS[status];
  if (reason === undefined) throw new Error(`No reason phrase listed for ${String(status)}.`);
  return `${String(status)} ${reason}`;
}

/** A result with its body parsed from JSON (`''` stays `''`), to compare as a whole. */
export function parsedResult(result: unknown): Record<string, unknown> {
  const record = result as Record<string, unknown>;
  const body = record['body'];
  return {
    ...record,
    body: typeof body === 'string' && body !== '' ? (JSON.parse(body) as unknown) : body,
  };
}

/** A JSON:API error document. */
export function jsonApi(requestId: string, ...errors: readonly object[]): unknown {
  return { errors, meta: { requestId } };
}
