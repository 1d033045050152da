import type { Context } from 'aws-lambda';
import * as t from 'io-ts';
import { err, ok } from 'neverthrow';
import { describe, expect, it, vi } from 'vitest';
import type {
  EndpointInput,
  EndpointOptions,
  EndpointParts,
  HttpEvent,
  HttpRequest,
  HttpResult,
  LambdaOptions,
  Outcome,
  ProblemError,
  Validator,
} from '../../src/index.js';
import {
  DateFromString,
  DateTimeFromString,
  IntFromString,
  NumberFromString,
  BooleanFromString,
  Uuid,
  all,
  endpoint,
  json,
  minLength,
  notFound,
  reasonPhrase,
  rule,
  toLambda,
} from '../../src/index.js';
import type { EventOptions } from '../../src/testing/index.js';
import {
  albEvent,
  fakeContext,
  functionUrlEvent,
  httpApiEvent,
  restApiEvent,
} from '../../src/testing/index.js';
import { capturingLogger } from '../support/logger.js';
import {
  FUNCTION_URL_REQUEST_ID,
  HTTP_REQUEST_ID,
  LAMBDA_REQUEST_ID,
  REST_REQUEST_ID,
} from '../support/request-id.js';

const context = fakeContext({ awsRequestId: LAMBDA_REQUEST_ID });

const JSON_TYPE = 'application/json';
const PROBLEM_TYPE = 'application/problem+json';

/** A request described once, whatever event kind carries it. */
interface Req {
  readonly method?: string;
  /** Query values as the client meant them (each kind encodes them its own way). */
  readonly query?: Readonly<Record<string, readonly string[]>>;
  /** Headers as the client sent them (each kind cases the names its own way). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Path parameters, for the kinds that have them (REST and HTTP APIs). */
  readonly params?: Readonly<Record<string, string>>;
  /** Cookies as `name=value` pairs. */
  readonly cookies?: readonly string[];
  /** Text as is; bytes are sent base64-encoded. */
  readonly body?: string | Uint8Array;
}

/** An event source: how it carries a request, and the whole result it must give back. */
interface Kind {
  readonly name: string;
  readonly requestId: string;
  /** Only API Gateway extracts path parameters; Function URLs and ALB deliver none. */
  readonly hasPathParameters: boolean;
  event(req: Req): HttpEvent;
  /**
   * The whole result: the adapter sends the request id back in `x-request-id`, the kind's own
   * id unless the client sent one.
   */
  result(
    status: number,
    body: unknown,
    contentType?: string,
    requestId?: string,
  ): Record<string, unknown>;
}

/** The builder options every kind shares: each builder encodes them as its source does. */
function eventOptions(req: Req): EventOptions {
  return {
    method: req.method,
    query: req.query,
    headers: req.headers,
    cookies: req.cookies,
    body: req.body,
  };
}

const KINDS: readonly Kind[] = [
  {
    name: 'REST API',
    requestId: REST_REQUEST_ID,
    hasPathParameters: true,
    event: (req) =>
      restApiEvent({
        ...eventOptions(req),
        pathParameters: req.params,
        requestId: REST_REQUEST_ID,
      }),
    result: (status, body, contentType = JSON_TYPE, requestId = REST_REQUEST_ID) => ({
      statusCode: status,
      headers: { 'content-type': contentType, 'x-request-id': requestId },
      multiValueHeaders: {},
      body,
      isBase64Encoded: false,
    }),
  },
  {
    name: 'HTTP API',
    requestId: HTTP_REQUEST_ID,
    hasPathParameters: true,
    event: (req) =>
      httpApiEvent({
        ...eventOptions(req),
        pathParameters: req.params,
        requestId: HTTP_REQUEST_ID,
      }),
    result: (status, body, contentType = JSON_TYPE, requestId = HTTP_REQUEST_ID) => ({
      statusCode: status,
      headers: { 'content-type': contentType, 'x-request-id': requestId },
      cookies: [],
      body,
      isBase64Encoded: false,
    }),
  },
  {
    name: 'Function URL',
    requestId: FUNCTION_URL_REQUEST_ID,
    hasPathParameters: false,
    event: (req) => functionUrlEvent({ ...eventOptions(req), requestId: FUNCTION_URL_REQUEST_ID }),
    result: (status, body, contentType = JSON_TYPE, requestId = FUNCTION_URL_REQUEST_ID) => ({
      statusCode: status,
      headers: { 'content-type': contentType, 'x-request-id': requestId },
      cookies: [],
      body,
      isBase64Encoded: false,
    }),
  },
  {
    name: 'ALB',
    requestId: LAMBDA_REQUEST_ID,
    hasPathParameters: false,
    // Multi-value headers off: a repeated query key arrives with its last value only.
    event: (req) => albEvent(eventOptions(req)),
    result: (status, body, contentType = JSON_TYPE, requestId = LAMBDA_REQUEST_ID) => ({
      statusCode: status,
      statusDescription: `${String(status)} ${reasonPhrase(status)}`,
      headers: { 'content-type': contentType, 'x-request-id': requestId },
      body,
      isBase64Encoded: false,
    }),
  },
  {
    name: 'ALB (multi-value)',
    requestId: LAMBDA_REQUEST_ID,
    hasPathParameters: false,
    event: (req) => albEvent({ ...eventOptions(req), multiValue: true }),
    result: (status, body, contentType = JSON_TYPE, requestId = LAMBDA_REQUEST_ID) => ({
      statusCode: status,
      statusDescription: `${String(status)} ${reasonPhrase(status)}`,
      multiValueHeaders: { 'content-type': [contentType], 'x-request-id': [requestId] },
      body,
      isBase64Encoded: false,
    }),
  },
];

const byName = (name: string): Kind => KINDS.find((kind) => kind.name === name)!;
const REST = byName('REST API');
const HTTP = byName('HTTP API');
const WITH_PATH_PARAMETERS = KINDS.filter((kind) => kind.hasPathParameters);
// ALB in single-value mode sends only the last value of a repeated query key.
const EVERY_VALUE_KINDS = KINDS.filter((kind) => kind.name !== 'ALB');

/** What `toLambda` takes without an error map. */
type LambdaReady = (request: HttpRequest, context: Context) => Outcome<unknown, ProblemError>;

/** Runs a handler through the adapter; the result with its JSON body parsed, for `toEqual`. */
async function call(
  handler: LambdaReady,
  event: HttpEvent,
  options: LambdaOptions = {},
): Promise<Record<string, unknown>> {
  const logger = capturingLogger();
  const result: HttpResult = await toLambda(handler, { logger, ...options })(event, context);
  expect(logger.error).not.toHaveBeenCalled();
  const body = result.body ?? '';
  return { ...result, body: body === '' ? body : (JSON.parse(body) as unknown) };
}

/** An endpoint whose handler records each call and echoes its input. */
function spied<const S extends EndpointParts>(parts: S, options?: EndpointOptions<S>) {
  const calls = vi.fn<(input: EndpointInput<S>, request: HttpRequest, context: Context) => void>();
  const handler = endpoint(
    parts,
    (input, request, lambdaContext) => {
      calls(input, request, lambdaContext);
      return ok(json({ received: input }));
    },
    options,
  );
  return { calls, handler };
}

/** A JSON:API error document, as the adapter writes it. */
const errors = (requestId: string, ...list: readonly object[]) => ({
  errors: list,
  meta: { requestId },
});

const jsonBody = (body: unknown): Req => ({
  method: 'POST',
  headers: { 'Content-Type': JSON_TYPE },
  body: JSON.stringify(body),
});

describe('endpoint: every problem of every part in one response', () => {
  const parts = {
    params: t.type({ id: Uuid }),
    query: t.type({ page: IntFromString }),
    headers: t.type({ 'x-request-date': DateFromString }),
    cookies: t.type({ session: t.string }),
    body: t.type({ name: t.string, age: t.number }),
  };

  const badRequest = (kind: Kind): Req => ({
    method: 'POST',
    query: { page: ['0x10'] },
    headers: { 'Content-Type': JSON_TYPE, 'X-Request-Date': '2026-02-30' },
    ...(kind.hasPathParameters ? { params: { id: 'nope' } } : {}),
    cookies: ['theme=dark'],
    body: JSON.stringify({ age: 'old' }),
  });

  it.each(KINDS)('$name: one 400 listing every problem in part order', async (kind) => {
    const { calls, handler } = spied(parts);
    const result = await call(handler, kind.event(badRequest(kind)));
    expect(result).toEqual(
      kind.result(
        400,
        errors(
          kind.requestId,
          kind.hasPathParameters
            ? {
                status: '400',
                code: 'invalid-format',
                title: 'Invalid format',
                detail: 'Expected a UUID, received "nope".',
                source: { parameter: 'id' },
              }
            : {
                status: '400',
                code: 'required',
                title: 'Required path parameter missing',
                detail: 'The path parameter "id" is required.',
                source: { parameter: 'id' },
              },
          {
            status: '400',
            code: 'invalid-format',
            title: 'Invalid format',
            detail: 'Expected an integer, received "0x10".',
            source: { parameter: 'page' },
          },
          {
            status: '400',
            code: 'invalid-format',
            title: 'Invalid format',
            detail: 'Expected a date as YYYY-MM-DD, received "2026-02-30".',
            source: { header: 'x-request-date' },
          },
          {
            status: '400',
            code: 'required',
            title: 'Required cookie missing',
            detail: 'The cookie "session" is required.',
            source: { header: 'cookie' },
            meta: { cookie: 'session' },
          },
          {
            status: '400',
            code: 'required',
            title: 'Required member missing',
            detail: 'The member "name" is required.',
            source: { pointer: '' },
          },
          {
            status: '400',
            code: 'invalid-type',
            title: 'Invalid type',
            detail: 'Expected a number, received "old".',
            source: { pointer: '/age' },
          },
        ),
      ),
    );
    expect(calls).not.toHaveBeenCalled();
  });

  it.each(WITH_PATH_PARAMETERS)(
    '$name: the same request, corrected, reaches the handler',
    async (kind) => {
      const { calls, handler } = spied(parts);
      const id = '0b5e3c1e-8a43-4f8e-9d1c-6b2f7f3f1a2b';
      const result = await call(
        handler,
        kind.event({
          method: 'POST',
          query: { page: ['2'] },
          headers: { 'Content-Type': JSON_TYPE, 'X-Request-Date': '2026-02-28' },
          params: { id },
          cookies: ['session=s-1', 'theme=dark'],
          body: JSON.stringify({ name: 'Ada', age: 36 }),
        }),
      );
      const input = {
        params: { id },
        query: { page: 2 },
        headers: { 'x-request-date': new Date('2026-02-28T00:00:00.000Z') },
        cookies: { session: 's-1', theme: 'dark' },
        body: { name: 'Ada', age: 36 },
      };
      expect(calls).toHaveBeenCalledOnce();
      expect(calls.mock.calls[0]?.[0]).toEqual(input);
      expect(result).toEqual(
        kind.result(200, {
          received: { ...input, headers: { 'x-request-date': '2026-02-28T00:00:00.000Z' } },
        }),
      );
    },
  );
});

describe('endpoint: query parameters', () => {
  const tags = endpoint({ query: t.type({ tag: t.array(t.string) }) }, ({ query }) =>
    ok(json(query)),
  );

  it('REST API: every value of a repeated key, from multiValueQueryStringParameters', async () => {
    const event = restApiEvent({ query: { tag: ['a', 'b,c', 'd e'] }, requestId: REST_REQUEST_ID });
    expect(await call(tags, event)).toEqual(REST.result(200, { tag: ['a', 'b,c', 'd e'] }));
  });

  it.each([
    ['HTTP API', httpApiEvent, HTTP],
    ['Function URL', functionUrlEvent, byName('Function URL')],
  ] as const)(
    '%s: every value from rawQueryString; an encoded comma stays in its value',
    async (_, build, kind) => {
      const event = {
        ...build({ requestId: kind.requestId }),
        // As a browser may send it: "+" for a space, which the builders write as %20.
        rawQueryString: 'tag=a&tag=b%2Cc&tag=d+e&tag=%C3%A9',
        // What AWS puts here cannot tell "b,c" from two values; it must not be used.
        queryStringParameters: { tag: 'a,b,c,d e,é' },
      };
      expect(await call(tags, event)).toEqual(kind.result(200, { tag: ['a', 'b,c', 'd e', 'é'] }));
    },
  );

  it('ALB (multi-value): every value, percent-decoded', async () => {
    const event = {
      ...albEvent({ multiValue: true }),
      // "+" for a space, as a browser may send it; the builder writes %20.
      multiValueQueryStringParameters: { tag: ['a', 'b%2Cc', 'd%20e', 'f+g'] },
    };
    expect(await call(tags, event)).toEqual(
      byName('ALB (multi-value)').result(200, { tag: ['a', 'b,c', 'd e', 'f g'] }),
    );
  });

  it('ALB: the value it sends, percent-decoded, as a one-element array', async () => {
    const event = albEvent({ query: { tag: 'b,c' } });
    expect(await call(tags, event)).toEqual(byName('ALB').result(200, { tag: ['b,c'] }));
  });

  it.each(KINDS)(
    '$name: a single value for an array codec is a one-element array',
    async (kind) => {
      const result = await call(tags, kind.event({ query: { tag: ['only'] } }));
      expect(result).toEqual(kind.result(200, { tag: ['only'] }));
    },
  );

  it.each(KINDS)('$name: an absent array member is required, not an empty array', async (kind) => {
    const result = await call(tags, kind.event({}));
    expect(result).toEqual(
      kind.result(
        400,
        errors(kind.requestId, {
          status: '400',
          code: 'required',
          title: 'Required query parameter missing',
          detail: 'The query parameter "tag" is required.',
          source: { parameter: 'tag' },
        }),
      ),
    );
  });

  it.each(EVERY_VALUE_KINDS)(
    '$name: a repeated key for a scalar codec is an error naming the parameter',
    async (kind) => {
      const { calls, handler } = spied({ query: t.type({ sort: t.string, page: t.string }) });
      const result = await call(
        handler,
        kind.event({ query: { sort: ['name'], page: ['1', '2'] } }),
      );
      expect(result).toEqual(
        kind.result(
          400,
          errors(kind.requestId, {
            status: '400',
            code: 'invalid-type',
            title: 'Several values',
            detail: 'Expected one value, received 2: ["1","2"].',
            source: { parameter: 'page' },
          }),
        ),
      );
      expect(calls).not.toHaveBeenCalled();
    },
  );

  it.each(EVERY_VALUE_KINDS)('$name: readonly arrays receive every value', async (kind) => {
    const { calls, handler } = spied({ query: t.type({ tag: t.readonlyArray(t.string) }) });
    const result = await call(handler, kind.event({ query: { tag: ['x', 'y'] } }));
    expect(calls.mock.calls[0]?.[0]).toEqual({ query: { tag: ['x', 'y'] } });
    expect(result).toEqual(kind.result(200, { received: { query: { tag: ['x', 'y'] } } }));
  });

  it.each(EVERY_VALUE_KINDS)(
    '$name: an array under a refinement receives every value, decoded',
    async (kind) => {
      const { calls, handler } = spied({
        query: t.partial({ ids: minLength(t.array(IntFromString), 1), q: t.string }),
      });
      const result = await call(handler, kind.event({ query: { ids: ['3', '1', '2'], q: ['x'] } }));
      expect(calls.mock.calls[0]?.[0]).toEqual({ query: { ids: [3, 1, 2], q: 'x' } });
      expect(result).toEqual(kind.result(200, { received: { query: { ids: [3, 1, 2], q: 'x' } } }));
    },
  );

  it.each(EVERY_VALUE_KINDS)('$name: one bad element names its parameter', async (kind) => {
    const { handler } = spied({ query: t.type({ ids: minLength(t.array(IntFromString), 1) }) });
    const result = await call(handler, kind.event({ query: { ids: ['1', 'two', '3'] } }));
    expect(result).toEqual(
      kind.result(
        400,
        errors(kind.requestId, {
          status: '400',
          code: 'invalid-format',
          title: 'Invalid format',
          detail: 'Expected an integer, received "two".',
          source: { parameter: 'ids' },
        }),
      ),
    );
  });

  it('a query codec without fixed members receives one string, or every value', async () => {
    const { calls, handler } = spied({ query: t.record(t.string, t.unknown) });
    const event = HTTP.event({ query: { a: ['1'], b: ['2', '3'] } });
    expect(await call(handler, event)).toEqual(
      HTTP.result(200, { received: { query: { a: '1', b: ['2', '3'] } } }),
    );
    expect(calls).toHaveBeenCalledOnce();
  });
});

describe('endpoint: headers, path parameters and cookies', () => {
  it.each(KINDS)('$name: headers declared in any case match', async (kind) => {
    const { calls, handler } = spied({
      headers: t.type({
        'X-Api-Key': t.string,
        'x-request-id': t.string,
        'IF-MATCH': t.string,
      }),
    });
    const result = await call(
      handler,
      kind.event({ headers: { 'x-api-key': 'k-1', 'X-Request-ID': 'r-1', 'If-Match': '"v2"' } }),
    );
    const input = { headers: { 'X-Api-Key': 'k-1', 'x-request-id': 'r-1', 'IF-MATCH': '"v2"' } };
    expect(calls.mock.calls[0]?.[0]).toEqual(input);
    // The client's sane X-Request-ID becomes the request id, and is sent back.
    expect(result).toEqual(kind.result(200, { received: input }, JSON_TYPE, 'r-1'));
  });

  it.each(KINDS)('$name: a missing or invalid header names the header', async (kind) => {
    const { calls, handler } = spied({
      headers: t.type({ 'x-api-key': t.string, 'X-Page-Size': IntFromString }),
    });
    const result = await call(handler, kind.event({ headers: { 'x-page-size': 'ten' } }));
    expect(result).toEqual(
      kind.result(
        400,
        errors(
          kind.requestId,
          {
            status: '400',
            code: 'required',
            title: 'Required header missing',
            detail: 'The header "x-api-key" is required.',
            source: { header: 'x-api-key' },
          },
          {
            status: '400',
            code: 'invalid-format',
            title: 'Invalid format',
            detail: 'Expected an integer, received "ten".',
            source: { header: 'X-Page-Size' },
          },
        ),
      ),
    );
    expect(calls).not.toHaveBeenCalled();
  });

  // REST APIs and ALB (multi-value) deliver a repeated header as separate values; HTTP APIs and
  // Function URLs join them with commas. RFC 9110 §5.3 makes both the same message, so a scalar
  // header codec must not fail on one kind and pass on the other.
  it.each([
    [
      'REST API',
      restApiEvent({
        headers: { 'Cache-Control': ['no-cache', 'no-store'] },
        requestId: REST_REQUEST_ID,
      }),
      REST,
    ],
    [
      'ALB (multi-value)',
      albEvent({ headers: { 'cache-control': ['no-cache', 'no-store'] }, multiValue: true }),
      byName('ALB (multi-value)'),
    ],
  ] as const)(
    '%s: a header sent twice reaches a scalar codec as one comma-separated value',
    async (_, event, kind) => {
      const { calls, handler } = spied({ headers: t.type({ 'cache-control': t.string }) });
      const result = await call(handler, event);
      const input = { headers: { 'cache-control': 'no-cache, no-store' } };
      expect(result).toEqual(kind.result(200, { received: input }));
      expect(calls.mock.calls[0]?.[0]).toEqual(input);
    },
  );

  it('a header sent twice reaches an array codec as every value', async () => {
    const { calls, handler } = spied({ headers: t.type({ 'X-Tag': t.array(t.string) }) });
    const event = restApiEvent({ headers: { 'x-tag': ['a', 'b'] }, requestId: REST_REQUEST_ID });
    const input = { headers: { 'X-Tag': ['a', 'b'] } };
    expect(await call(handler, event)).toEqual(REST.result(200, { received: input }));
    expect(calls.mock.calls[0]?.[0]).toEqual(input);
  });

  it.each(WITH_PATH_PARAMETERS)('$name: path parameters decode and coerce', async (kind) => {
    const { calls, handler } = spied({
      params: t.type({ id: Uuid, version: IntFromString, draft: BooleanFromString }),
    });
    const id = 'A0B5E3C1-8A43-4F8E-9D1C-6B2F7F3F1A2B';
    const result = await call(
      handler,
      kind.event({ params: { id, version: '007', draft: 'false' } }),
    );
    const input = { params: { id, version: 7, draft: false } };
    expect(calls.mock.calls[0]?.[0]).toEqual(input);
    expect(result).toEqual(kind.result(200, { received: input }));
  });

  it.each(WITH_PATH_PARAMETERS)('$name: bad path parameters, each named', async (kind) => {
    const { handler } = spied({ params: t.type({ id: Uuid, version: IntFromString }) });
    const result = await call(handler, kind.event({ params: { id: 'u-1', version: '1.0' } }));
    expect(result).toEqual(
      kind.result(
        400,
        errors(
          kind.requestId,
          {
            status: '400',
            code: 'invalid-format',
            title: 'Invalid format',
            detail: 'Expected a UUID, received "u-1".',
            source: { parameter: 'id' },
          },
          {
            status: '400',
            code: 'invalid-format',
            title: 'Invalid format',
            detail: 'Expected an integer, received "1.0".',
            source: { parameter: 'version' },
          },
        ),
      ),
    );
  });

  it.each(KINDS)('$name: cookies decode and coerce', async (kind) => {
    const { calls, handler } = spied({
      cookies: t.type({ session: t.string, visits: IntFromString }),
    });
    const result = await call(
      handler,
      kind.event({ cookies: ['session=s-1', 'visits=12', 'theme=dark'] }),
    );
    const input = { cookies: { session: 's-1', visits: 12, theme: 'dark' } };
    expect(calls.mock.calls[0]?.[0]).toEqual(input);
    expect(result).toEqual(kind.result(200, { received: input }));
  });

  it.each(KINDS)('$name: an invalid cookie names the cookie in meta', async (kind) => {
    const { handler } = spied({ cookies: t.type({ session: t.string, visits: IntFromString }) });
    const result = await call(handler, kind.event({ cookies: ['session=s-1', 'visits=many'] }));
    expect(result).toEqual(
      kind.result(
        400,
        errors(kind.requestId, {
          status: '400',
          code: 'invalid-format',
          title: 'Invalid format',
          detail: 'The cookie is not valid; its value is not repeated here.',
          source: { header: 'cookie' },
          // docs/decoding.md: a cookie's problem has source.header "cookie", the cookie named in
          // meta.cookie; the detail alone cannot tell which cookie was wrong.
          meta: { cookie: 'visits' },
        }),
      ),
    );
  });

  it('coercions reach the handler with their decoded types', async () => {
    const { calls, handler } = spied({
      params: t.type({ day: DateFromString }),
      query: t.partial({
        at: DateTimeFromString,
        lat: NumberFromString,
        archived: BooleanFromString,
        page: IntFromString,
      }),
    });
    await call(
      handler,
      REST.event({
        params: { day: '2024-02-29' },
        query: {
          at: ['2026-11-25T18:01:03.250+01:00'],
          lat: ['-33.5'],
          archived: ['true'],
          page: ['-12'],
        },
      }),
    );
    expect(calls).toHaveBeenCalledOnce();
    const [input, request, lambdaContext] = calls.mock.calls[0]!;
    expect(input).toEqual({
      params: { day: new Date(Date.UTC(2024, 1, 29)) },
      query: {
        at: new Date('2026-11-25T17:01:03.250Z'),
        lat: -33.5,
        archived: true,
        page: -12,
      },
    });
    expect(input.params.day).toBeInstanceOf(Date);
    expect(input.query.at).toBeInstanceOf(Date);
    expect(request.kind).toBe('rest');
    expect(request.pathParameters['day']).toBe('2024-02-29');
    expect(lambdaContext).toBe(context);
  });
});

describe('endpoint: JSON bodies', () => {
  const Item = t.type({ name: t.string, qty: t.number });

  it.each(KINDS)(
    '$name: application/json and application/vnd.api+json are accepted',
    async (kind) => {
      for (const contentType of [
        'application/json',
        'application/vnd.api+json',
        'Application/JSON; charset=utf-8',
      ]) {
        const { calls, handler } = spied({ body: Item });
        const result = await call(
          handler,
          kind.event({
            method: 'POST',
            headers: { 'Content-Type': contentType },
            body: '{"name":"pen","qty":2}',
          }),
        );
        expect(calls.mock.calls[0]?.[0]).toEqual({ body: { name: 'pen', qty: 2 } });
        expect(result).toEqual(kind.result(200, { received: { body: { name: 'pen', qty: 2 } } }));
      }
    },
  );

  it.each(KINDS)('$name: text/plain is 415 with source header content-type', async (kind) => {
    const { calls, handler } = spied({ body: Item });
    const result = await call(
      handler,
      kind.event({ method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'pen,2' }),
    );
    expect(result).toEqual(
      kind.result(
        415,
        errors(kind.requestId, {
          status: '415',
          code: 'unsupported-media-type',
          title: 'Unsupported Media Type',
          detail: 'The body is text/plain; send application/json or another +json type.',
          source: { header: 'content-type' },
        }),
      ),
    );
    expect(calls).not.toHaveBeenCalled();
  });

  it('a body without a content type is 415', async () => {
    const { calls, handler } = spied({ body: Item });
    const result = await call(handler, HTTP.event({ method: 'POST', body: '{}' }));
    expect(result).toEqual(
      HTTP.result(
        415,
        errors(HTTP_REQUEST_ID, {
          status: '415',
          code: 'unsupported-media-type',
          title: 'Unsupported Media Type',
          detail: 'The body has no Content-Type; send application/json.',
          source: { header: 'content-type' },
        }),
      ),
    );
    expect(calls).not.toHaveBeenCalled();
  });

  it.each(KINDS)('$name: a body over limits.maxBytes is 413, counted in bytes', async (kind) => {
    const { calls, handler } = spied(
      { body: t.type({ n: t.string }) },
      { limits: { maxBytes: 16 } },
    );
    // 14 characters, 20 bytes in UTF-8.
    const body = '{"n":"éééééé"}';
    expect([body.length, Buffer.byteLength(body)]).toEqual([14, 20]);
    const result = await call(handler, kind.event({ ...jsonBody(null), body }));
    expect(result).toEqual(
      kind.result(
        413,
        errors(kind.requestId, {
          status: '413',
          code: 'body-too-large',
          title: 'Content Too Large',
          detail: 'The body is 20 bytes; the limit is 16.',
          meta: { limit: 16 },
        }),
      ),
    );
    expect(calls).not.toHaveBeenCalled();
  });

  it('a body at limits.maxBytes is read', async () => {
    const { calls, handler } = spied(
      { body: t.type({ n: t.string }) },
      { limits: { maxBytes: 16 } },
    );
    const body = '{"n":"abcdefgh"}';
    expect(Buffer.byteLength(body)).toBe(16);
    await call(handler, REST.event({ ...jsonBody(null), body }));
    expect(calls.mock.calls[0]?.[0]).toEqual({ body: { n: 'abcdefgh' } });
  });

  it.each(KINDS)('$name: malformed JSON is 400 with its line and column', async (kind) => {
    const { calls, handler } = spied({ body: Item });
    const body = '{\n  "name": "pen",\n}';
    const result = await call(handler, kind.event({ ...jsonBody(null), body }));
    expect(result).toEqual(
      kind.result(
        400,
        errors(kind.requestId, {
          status: '400',
          code: 'invalid-json',
          title: 'Malformed JSON',
          detail:
            "The body is not valid JSON: unexpected '}', expected a member name in double quotes at line 3, column 1 (offset 19).",
          source: { pointer: '' },
          meta: { line: 3, column: 1, offset: 19 },
        }),
      ),
    );
    expect(calls).not.toHaveBeenCalled();
  });

  it('malformed JSON: an unexpected token is located where it stands', async () => {
    const { handler } = spied({ body: Item });
    // V8 reports "Unexpected token" without a position: the location must still be the token's.
    const body = '{\n  "name": "pen",\n  "qty": }';
    expect(body.indexOf('}')).toBe(28);
    const result = await call(handler, REST.event({ ...jsonBody(null), body }));
    expect(result).toEqual(
      REST.result(
        400,
        errors(REST_REQUEST_ID, {
          status: '400',
          code: 'invalid-json',
          title: 'Malformed JSON',
          detail:
            "The body is not valid JSON: unexpected '}', expected a value at line 3, column 10 (offset 28).",
          source: { pointer: '' },
          meta: { line: 3, column: 10, offset: 28 },
        }),
      ),
    );
  });

  it('malformed JSON: an unexpected token on one line is located where it stands', async () => {
    const { handler } = spied({ body: Item });
    const result = await call(handler, REST.event({ ...jsonBody(null), body: '{"qty":}' }));
    expect(result).toEqual(
      REST.result(
        400,
        errors(REST_REQUEST_ID, {
          status: '400',
          code: 'invalid-json',
          title: 'Malformed JSON',
          detail:
            "The body is not valid JSON: unexpected '}', expected a value at line 1, column 8 (offset 7).",
          source: { pointer: '' },
          meta: { line: 1, column: 8, offset: 7 },
        }),
      ),
    );
  });

  it('malformed JSON: a truncated document is located at its end', async () => {
    const { handler } = spied({ body: Item });
    const result = await call(handler, REST.event({ ...jsonBody(null), body: '{"name":"pen"' }));
    expect(result).toEqual(
      REST.result(
        400,
        errors(REST_REQUEST_ID, {
          status: '400',
          code: 'invalid-json',
          title: 'Malformed JSON',
          detail:
            'The body is not valid JSON: unexpected end of input at line 1, column 14 (offset 13).',
          source: { pointer: '' },
          meta: { line: 1, column: 14, offset: 13 },
        }),
      ),
    );
  });

  it.each(KINDS)('$name: a missing required body is 400 required at pointer ""', async (kind) => {
    const { calls, handler } = spied({ body: Item });
    const result = await call(
      handler,
      kind.event({ method: 'POST', headers: { 'Content-Type': JSON_TYPE } }),
    );
    expect(result).toEqual(
      kind.result(
        400,
        errors(kind.requestId, {
          status: '400',
          code: 'required',
          title: 'Request body missing',
          detail: 'This request needs a JSON body.',
          source: { pointer: '' },
        }),
      ),
    );
    expect(calls).not.toHaveBeenCalled();
  });

  it.each(KINDS)('$name: a codec that accepts undefined makes the body optional', async (kind) => {
    const { calls, handler } = spied({ body: t.union([Item, t.undefined]) });
    const without = await call(handler, kind.event({ method: 'POST' }));
    expect(calls).toHaveBeenCalledOnce();
    expect(calls.mock.calls[0]?.[0]).toEqual({ body: undefined });
    expect(calls.mock.calls[0]?.[0]).toHaveProperty('body', undefined);
    expect(without).toEqual(kind.result(200, { received: {} }));

    const withBody = await call(handler, kind.event(jsonBody({ name: 'pen', qty: 1 })));
    expect(calls.mock.calls[1]?.[0]).toEqual({ body: { name: 'pen', qty: 1 } });
    expect(withBody).toEqual(kind.result(200, { received: { body: { name: 'pen', qty: 1 } } }));

    const wrong = await call(handler, kind.event(jsonBody({ name: 'pen' })));
    expect(wrong).toEqual(
      kind.result(
        400,
        errors(kind.requestId, {
          status: '400',
          code: 'invalid-type',
          title: 'Invalid type',
          detail: 'Expected ({ name: string, qty: number } | undefined), received {"name":"pen"}.',
          source: { pointer: '' },
        }),
      ),
    );
    expect(calls).toHaveBeenCalledTimes(2);
  });

  it.each(KINDS)('$name: a base64-encoded JSON body decodes', async (kind) => {
    const { calls, handler } = spied({ body: Item });
    const text = JSON.stringify({ name: 'crème brûlée', qty: 3 });
    const result = await call(
      handler,
      kind.event({
        method: 'POST',
        headers: { 'Content-Type': JSON_TYPE },
        body: Buffer.from(text, 'utf8'),
      }),
    );
    const input = { body: { name: 'crème brûlée', qty: 3 } };
    expect(calls.mock.calls[0]?.[0]).toEqual(input);
    expect(result).toEqual(kind.result(200, { received: input }));
  });

  it('a body is not read when no body codec is declared', async () => {
    const { calls, handler } = spied({ query: t.partial({ q: t.string }) });
    const result = await call(
      handler,
      REST.event({ method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'not json' }),
    );
    expect(calls.mock.calls[0]?.[0]).toEqual({ query: {} });
    expect(result).toEqual(REST.result(200, { received: { query: {} } }));
  });

  it('earlier parts are reported alongside a 415, under the combined status', async () => {
    const { handler } = spied({ query: t.type({ page: IntFromString }), body: Item });
    const result = await call(
      handler,
      REST.event({
        method: 'POST',
        query: { page: ['x'] },
        headers: { 'Content-Type': 'text/csv' },
        body: 'pen,2',
      }),
    );
    expect(result).toEqual(
      REST.result(
        400,
        errors(
          REST_REQUEST_ID,
          {
            status: '400',
            code: 'invalid-format',
            title: 'Invalid format',
            detail: 'Expected an integer, received "x".',
            source: { parameter: 'page' },
          },
          {
            status: '415',
            code: 'unsupported-media-type',
            title: 'Unsupported Media Type',
            detail: 'The body is text/csv; send application/json or another +json type.',
            source: { header: 'content-type' },
          },
        ),
      ),
    );
  });
});

describe('endpoint: unknown body members', () => {
  const Order = t.type({
    name: t.string,
    address: t.type({ city: t.string }),
    lines: t.array(t.type({ sku: t.string })),
  });
  const document = {
    name: 'Ada',
    admin: true,
    address: { city: 'London', 'a/b~c': 1 },
    lines: [{ sku: 'A-1' }, { sku: 'B-2', discount: 50 }],
  };

  it.each(KINDS)("$name: 'reject' reports each unknown member with its pointer", async (kind) => {
    const { calls, handler } = spied({ body: Order }, { unknownMembers: 'reject' });
    const result = await call(handler, kind.event(jsonBody(document)));
    const unknown = (pointer: string) => ({
      status: '400',
      code: 'unknown-member',
      title: 'Unknown member',
      detail: `The member at ${pointer} is not part of this request's schema.`,
      source: { pointer },
    });
    expect(result).toEqual(
      kind.result(
        400,
        errors(
          kind.requestId,
          unknown('/admin'),
          unknown('/address/a~1b~0c'),
          unknown('/lines/1/discount'),
        ),
      ),
    );
    expect(calls).not.toHaveBeenCalled();
  });

  it("'reject' accepts a body with only declared members", async () => {
    const { calls, handler } = spied({ body: Order }, { unknownMembers: 'reject' });
    const body = { name: 'Ada', address: { city: 'London' }, lines: [] };
    expect(await call(handler, HTTP.event(jsonBody(body)))).toEqual(
      HTTP.result(200, { received: { body } }),
    );
    expect(calls).toHaveBeenCalledOnce();
  });

  it("'reject' reports unknown members alongside decoding problems", async () => {
    const { handler } = spied({ body: Order }, { unknownMembers: 'reject' });
    const result = await call(
      handler,
      HTTP.event(jsonBody({ name: 7, address: { city: 'London' }, lines: [], extra: 1 })),
    );
    expect(result).toEqual(
      HTTP.result(
        400,
        errors(
          HTTP_REQUEST_ID,
          {
            status: '400',
            code: 'invalid-type',
            title: 'Invalid type',
            detail: 'Expected a string, received 7.',
            source: { pointer: '/name' },
          },
          {
            status: '400',
            code: 'unknown-member',
            title: 'Unknown member',
            detail: "The member at /extra is not part of this request's schema.",
            source: { pointer: '/extra' },
          },
        ),
      ),
    );
  });

  it.each(KINDS)("$name: by default ('allow') unknown members pass through", async (kind) => {
    const { calls, handler } = spied({ body: Order });
    const result = await call(handler, kind.event(jsonBody(document)));
    expect(calls.mock.calls[0]?.[0]).toEqual({ body: document });
    expect(result).toEqual(kind.result(200, { received: { body: document } }));
  });
});

describe('endpoint: status 422', () => {
  const parts = { query: t.type({ page: IntFromString }), body: t.type({ name: t.string }) };

  it.each(KINDS)('$name: decoding problems take the endpoint status', async (kind) => {
    const { handler } = spied(parts, { status: 422 });
    const result = await call(
      handler,
      kind.event({ ...jsonBody({ name: 1 }), query: { page: ['one'] } }),
    );
    expect(result).toEqual(
      kind.result(
        422,
        errors(
          kind.requestId,
          {
            status: '422',
            code: 'invalid-format',
            title: 'Invalid format',
            detail: 'Expected an integer, received "one".',
            source: { parameter: 'page' },
          },
          {
            status: '422',
            code: 'invalid-type',
            title: 'Invalid type',
            detail: 'Expected a string, received 1.',
            source: { pointer: '/name' },
          },
        ),
      ),
    );
  });

  it('a missing body and unknown members take it too', async () => {
    const missing = spied({ body: t.type({ name: t.string }) }, { status: 422 });
    expect(await call(missing.handler, REST.event({ method: 'POST' }))).toEqual(
      REST.result(
        422,
        errors(REST_REQUEST_ID, {
          status: '422',
          code: 'required',
          title: 'Request body missing',
          detail: 'This request needs a JSON body.',
          source: { pointer: '' },
        }),
      ),
    );
    const strict = spied(
      { body: t.type({ name: t.string }) },
      { status: 422, unknownMembers: 'reject' },
    );
    expect(await call(strict.handler, REST.event(jsonBody({ name: 'a', x: 1 })))).toEqual(
      REST.result(
        422,
        errors(REST_REQUEST_ID, {
          status: '422',
          code: 'unknown-member',
          title: 'Unknown member',
          detail: "The member at /x is not part of this request's schema.",
          source: { pointer: '/x' },
        }),
      ),
    );
  });

  it('415 and 413 keep their own statuses', async () => {
    const { handler } = spied(
      { body: t.type({ name: t.string }) },
      {
        status: 422,
        limits: { maxBytes: 16 },
      },
    );
    expect(
      await call(
        handler,
        REST.event({ method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'x' }),
      ),
    ).toEqual(
      REST.result(
        415,
        errors(REST_REQUEST_ID, {
          status: '415',
          code: 'unsupported-media-type',
          title: 'Unsupported Media Type',
          detail: 'The body is text/plain; send application/json or another +json type.',
          source: { header: 'content-type' },
        }),
      ),
    );
    expect(await call(handler, REST.event(jsonBody({ name: 'a'.repeat(20) })))).toEqual(
      REST.result(
        413,
        errors(REST_REQUEST_ID, {
          status: '413',
          code: 'body-too-large',
          title: 'Content Too Large',
          detail: 'The body is 31 bytes; the limit is 16.',
          meta: { limit: 16 },
        }),
      ),
    );
  });

  it('malformed JSON keeps 400', async () => {
    const { handler } = spied({ body: t.type({ name: t.string }) }, { status: 422 });
    const result = await call(handler, REST.event({ ...jsonBody(null), body: '{"name":"a",}' }));
    expect(result).toEqual(
      REST.result(
        400,
        errors(REST_REQUEST_ID, {
          status: '400',
          code: 'invalid-json',
          title: 'Malformed JSON',
          detail:
            "The body is not valid JSON: unexpected '}', expected a member name in double quotes at line 1, column 13 (offset 12).",
          source: { pointer: '' },
          meta: { line: 1, column: 13, offset: 12 },
        }),
      ),
    );
  });

  it('a 422 query problem and a 415 body come back together under 400', async () => {
    const { handler } = spied(parts, { status: 422 });
    const result = await call(
      handler,
      HTTP.event({
        method: 'POST',
        query: { page: ['x'] },
        headers: { 'Content-Type': 'text/plain' },
        body: 'x',
      }),
    );
    expect(result).toEqual(
      HTTP.result(
        400,
        errors(
          HTTP_REQUEST_ID,
          {
            status: '422',
            code: 'invalid-format',
            title: 'Invalid format',
            detail: 'Expected an integer, received "x".',
            source: { parameter: 'page' },
          },
          {
            status: '415',
            code: 'unsupported-media-type',
            title: 'Unsupported Media Type',
            detail: 'The body is text/plain; send application/json or another +json type.',
            source: { header: 'content-type' },
          },
        ),
      ),
    );
  });
});

describe('endpoint: validate', () => {
  const parts = {
    query: t.type({ from: DateFromString, to: DateFromString }),
    body: t.type({ seats: t.number }),
  };
  type Input = EndpointInput<typeof parts>;

  const ordered = rule((input: Input) => input.query.from <= input.query.to, {
    code: 'range-reversed',
    title: 'Range reversed',
    detail: '"from" must not be after "to".',
    source: { parameter: 'from' },
  });
  const enoughSeats = rule((input: Input) => input.body.seats > 0, {
    code: 'no-seats',
    title: 'No seats',
    detail: (input) => `${String(input.body.seats)} seats is not a booking.`,
    source: { pointer: '/seats' },
  });

  function setup(status?: 400 | 422) {
    const validate = vi.fn<Validator<Input>>(all(ordered, enoughSeats));
    const spy = spied(parts, status === undefined ? { validate } : { validate, status });
    return { validate, ...spy };
  }

  const request = (from: string, to: string, seats: unknown): Req => ({
    ...jsonBody({ seats }),
    query: { from: [from], to: [to] },
  });

  it.each(KINDS)('$name: does not run while any part fails to decode', async (kind) => {
    const { validate, calls, handler } = setup();
    const result = await call(handler, kind.event(request('2026-03-01', '2026-13-01', 0)));
    expect(result).toEqual(
      kind.result(
        400,
        errors(kind.requestId, {
          status: '400',
          code: 'invalid-format',
          title: 'Invalid format',
          detail: 'Expected a date as YYYY-MM-DD, received "2026-13-01".',
          source: { parameter: 'to' },
        }),
      ),
    );
    expect(validate).not.toHaveBeenCalled();
    expect(calls).not.toHaveBeenCalled();
  });

  it('does not run while the body fails to decode', async () => {
    const { validate, calls, handler } = setup();
    const result = await call(handler, REST.event(request('2026-03-02', '2026-03-01', 'two')));
    expect(result).toEqual(
      REST.result(
        400,
        errors(REST_REQUEST_ID, {
          status: '400',
          code: 'invalid-type',
          title: 'Invalid type',
          detail: 'Expected a number, received "two".',
          source: { pointer: '/seats' },
        }),
      ),
    );
    expect(validate).not.toHaveBeenCalled();
    expect(calls).not.toHaveBeenCalled();
  });

  it.each([
    ['by default', undefined, 400],
    ['with status 422', 422, 422],
  ] as const)('%s: its issues come back as %i', async (_, status, expected) => {
    const { validate, calls, handler } = setup(status);
    const result = await call(handler, HTTP.event(request('2026-03-02', '2026-03-01', 0)));
    expect(validate).toHaveBeenCalledOnce();
    expect(validate).toHaveBeenCalledWith({
      query: { from: new Date(Date.UTC(2026, 2, 2)), to: new Date(Date.UTC(2026, 2, 1)) },
      body: { seats: 0 },
    });
    expect(result).toEqual(
      HTTP.result(
        expected,
        errors(
          HTTP_REQUEST_ID,
          {
            status: String(expected),
            code: 'range-reversed',
            title: 'Range reversed',
            detail: '"from" must not be after "to".',
            source: { parameter: 'from' },
          },
          {
            status: String(expected),
            code: 'no-seats',
            title: 'No seats',
            detail: '0 seats is not a booking.',
            source: { pointer: '/seats' },
          },
        ),
      ),
    );
    expect(calls).not.toHaveBeenCalled();
  });

  it.each(KINDS)('$name: on success the handler gets the decoded input', async (kind) => {
    const { validate, calls, handler } = setup();
    const result = await call(handler, kind.event(request('2026-03-01', '2026-03-02', 2)));
    const input = {
      query: { from: new Date(Date.UTC(2026, 2, 1)), to: new Date(Date.UTC(2026, 2, 2)) },
      body: { seats: 2 },
    };
    expect(validate).toHaveBeenCalledOnce();
    expect(validate).toHaveBeenCalledWith(input);
    expect(calls).toHaveBeenCalledOnce();
    const [received, httpRequest, lambdaContext] = calls.mock.calls[0]!;
    expect(received).toEqual(input);
    expect(received.query.from).toBeInstanceOf(Date);
    expect(httpRequest.requestId).toBe(kind.requestId);
    expect(lambdaContext).toBe(context);
    expect(result).toEqual(
      kind.result(200, {
        received: {
          query: { from: '2026-03-01T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z' },
          body: { seats: 2 },
        },
      }),
    );
  });

  it("the handler's own problems come back as they are", async () => {
    const handler = endpoint({ params: t.type({ id: t.string }) }, ({ params }) =>
      params.id === 'u-1' ? ok(json({ id: params.id })) : err(notFound({ code: 'no-user' })),
    );
    expect(await call(handler, REST.event({ params: { id: 'u-1' } }))).toEqual(
      REST.result(200, { id: 'u-1' }),
    );
    expect(await call(handler, REST.event({ params: { id: 'u-2' } }))).toEqual(
      REST.result(
        404,
        errors(REST_REQUEST_ID, { status: '404', code: 'no-user', title: 'Not Found' }),
      ),
    );
  });
});

describe('endpoint: prototype pollution', () => {
  const forbidden = (pointer: string) => ({
    status: '400',
    code: 'forbidden-member',
    title: 'Forbidden member name',
    detail: 'Members named __proto__, constructor or prototype are not accepted.',
    source: { pointer },
  });

  it.each(
    KINDS.flatMap((kind) =>
      (
        [
          ['{"__proto__":{"polluted":1}}', ['/__proto__']],
          ['{"constructor":{"prototype":{"polluted":1}}}', ['/constructor']],
          ['{"data":{"\\u005f_proto__":{"polluted":1}}}', ['/data/__proto__']],
          [
            '{"a":{"prototype":1},"b":[{"__proto__":{"polluted":1}}]}',
            ['/a/prototype', '/b/0/__proto__'],
          ],
        ] as const
      ).map(([body, pointers]) => ({ kind, body, pointers })),
    ),
  )('$kind.name: $body is 400 and pollutes nothing', async ({ kind, body, pointers }) => {
    for (const codec of [t.UnknownRecord, t.type({ data: t.unknown })]) {
      const { calls, handler } = spied({ body: codec });
      const result = await call(handler, kind.event({ ...jsonBody(null), body }));
      expect(result).toEqual(kind.result(400, errors(kind.requestId, ...pointers.map(forbidden))));
      expect(calls).not.toHaveBeenCalled();
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
    }
  });
});

describe('endpoint: RFC 9457 problem details', () => {
  it.each(KINDS)('$name: every issue is listed under errors', async (kind) => {
    const { handler } = spied({
      query: t.type({ page: IntFromString }),
      headers: t.type({ 'x-api-key': t.string }),
      body: t.type({ name: t.string }),
    });
    const result = await call(
      handler,
      kind.event({ ...jsonBody({ name: false }), query: { page: ['0x10'] } }),
      { errorFormat: 'problem' },
    );
    expect(result).toEqual(
      kind.result(
        400,
        {
          type: 'about:blank',
          title: 'Bad Request',
          status: 400,
          detail: 'The request has 3 problems; each is listed under "errors".',
          errors: [
            {
              status: 400,
              code: 'invalid-format',
              title: 'Invalid format',
              detail: 'Expected an integer, received "0x10".',
              parameter: 'page',
            },
            {
              status: 400,
              code: 'required',
              title: 'Required header missing',
              detail: 'The header "x-api-key" is required.',
              header: 'x-api-key',
            },
            {
              status: 400,
              code: 'invalid-type',
              title: 'Invalid type',
              detail: 'Expected a string, received false.',
              pointer: '/name',
            },
          ],
          requestId: kind.requestId,
        },
        PROBLEM_TYPE,
      ),
    );
  });
});
