/**
 * Results Lambda could not return, for every event kind. Lambda's synchronous response is at most
 * 6 MB (REST APIs, HTTP APIs, Function URLs) and an ALB takes at most 1 MB of response JSON from a
 * Lambda target (src/events/limits.ts cites both); past that the client gets a bare 502. A
 * request with thousands of problems is answered with the first hundred and a count of the rest,
 * logged the same way; what a problem echoes of the request is bounded; and a handler's own result
 * past its kind's limit is a defect: a masked 500, logged with its size and the limit.
 */
import * as t from 'io-ts';
import fc from 'fast-check';
import { err, ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { EventKind, LambdaOptions, Problem } from '../../src/index.js';
import { badRequest, binary, endpoint, json, notFound, text, toLambda } from '../../src/index.js';
import type { ResponseLimits } from '../../src/events/limits.js';
import {
  ALB_PAYLOAD_LIMIT,
  LAMBDA_SYNC_PAYLOAD_LIMIT,
  MIN_RESPONSE_LIMIT,
} from '../../src/events/limits.js';
import type { Shape } from './shapes.js';
import {
  LAMBDA_ID,
  SHAPES,
  eventFor,
  jsonApi,
  lambdaContext,
  parsedResult,
  requestIdOf,
  resultFor,
} from './shapes.js';
import { capturingLogger } from '../support/logger.js';

const KIND: Readonly<Record<Shape, EventKind>> = {
  rest: 'rest',
  http: 'http',
  'function-url': 'function-url',
  alb: 'alb',
  'alb-multi': 'alb',
};

/** Each shape's limit, written out from AWS's figures rather than read from the code. */
const LIMIT: Readonly<Record<Shape, number>> = {
  rest: 6 * 1024 * 1024,
  http: 6 * 1024 * 1024,
  'function-url': 6 * 1024 * 1024,
  alb: 1024 * 1024,
  'alb-multi': 1024 * 1024,
};

const ROUTE: Readonly<Record<Shape, string | undefined>> = {
  rest: '/{proxy+}',
  http: '$default',
  'function-url': '$default',
  alb: undefined,
  'alb-multi': undefined,
};

const MASKED_DETAIL =
  'The server failed to handle the request. Quote the request id when reporting this.';
const JSON_TYPE = { 'content-type': 'application/json' };

/** The size of a result as Lambda sends it. */
function sizeOf(result: unknown): number {
  return Buffer.byteLength(JSON.stringify(result), 'utf8');
}

function post(shape: Shape, body: string) {
  return eventFor(shape, {
    method: 'POST',
    path: '/items',
    headers: { 'content-type': 'application/json' },
    body,
  });
}

/** `count` copies of one JSON text, as an array body, built without a client-sized spread. */
function arrayBody(item: string, count: number): string {
  return `[${new Array<string>(count).fill(item).join(',')}]`;
}

function invalidNumber(index: number): object {
  return {
    status: '400',
    title: 'Invalid type',
    code: 'invalid-type',
    detail: 'Expected a number, received "x".',
    source: { pointer: `/${String(index)}` },
  };
}

function tooMany(listed: number, omitted: number): object {
  return {
    status: '400',
    title: 'Too many problems',
    code: 'too-many-problems',
    detail: `The request has ${String(listed + omitted)} problems; the first ${String(listed)} are listed.`,
    meta: { listed, omitted },
  };
}

function firstHundred(entry: (index: number) => object): object[] {
  return Array.from({ length: 100 }, (_, index) => entry(index));
}

describe.each(SHAPES)('a request with thousands of problems, %s events', (shape) => {
  const requestId = requestIdOf(shape);

  it.each([40_000, 50_000, 130_000])(
    '%i wrong items: 400 with the first 100 problems and a count of the rest',
    async (count) => {
      const logger = capturingLogger();
      const handler = toLambda(
        endpoint({ body: t.array(t.number) }, () => ok(json({ saved: true }))),
        { logger },
      );

      const result = await handler(post(shape, arrayBody('"x"', count)), lambdaContext());

      expect(parsedResult(result)).toEqual(
        resultFor(shape, {
          status: 400,
          headers: JSON_TYPE,
          body: jsonApi(requestId, ...firstHundred(invalidNumber), tooMany(100, count - 100)),
        }),
      );
      expect(sizeOf(result)).toBeLessThan(20_000);
      expect(logger.error).not.toHaveBeenCalled();
    },
  );

  it('the client-error log line lists what the response lists', async () => {
    const logger = capturingLogger();
    const handler = toLambda(
      endpoint({ body: t.array(t.number) }, () => ok(json({ saved: true }))),
      { logger },
    );

    await handler(post(shape, arrayBody('"x"', 40_000)), lambdaContext());

    const entry = (index: number) => ({
      status: 400,
      title: 'Invalid type',
      code: 'invalid-type',
      detail: 'Expected a number, received "x".',
      source: { pointer: `/${String(index)}` },
    });
    expect(logger.info.mock.calls).toEqual([
      [
        {
          message: 'Answered 400: a client error',
          requestId,
          lambdaRequestId: LAMBDA_ID,
          method: 'POST',
          path: '/items',
          route: ROUTE[shape],
          traceId: expect.any(String) as unknown,
          status: 400,
          errors: [
            ...firstHundred(entry),
            {
              status: 400,
              title: 'Too many problems',
              code: 'too-many-problems',
              detail: 'The request has 40000 problems; the first 100 are listed.',
              meta: { listed: 100, omitted: 39_900 },
            },
          ],
        },
      ],
    ]);
    expect(JSON.stringify(logger.info.mock.calls[0]?.[0]).length).toBeLessThan(20_000);
  });

  it('60,000 {"__proto__":0} items under t.unknown: 100 forbidden members and a count', async () => {
    const handler = toLambda(
      endpoint({ body: t.unknown }, () => ok(json({ saved: true }))),
      { logger: capturingLogger() },
    );

    const result = await handler(
      post(shape, arrayBody('{"__proto__":0}', 60_000)),
      lambdaContext(),
    );

    // The first hundred in the document, listed in pointer order.
    const pointers = Array.from({ length: 100 }, (_, i) => `/${String(i)}/__proto__`).sort();
    expect(parsedResult(result)).toEqual(
      resultFor(shape, {
        status: 400,
        headers: JSON_TYPE,
        body: jsonApi(
          requestId,
          ...pointers.map((pointer) => ({
            status: '400',
            title: 'Forbidden member name',
            code: 'forbidden-member',
            detail: 'Members named __proto__, constructor or prototype are not accepted.',
            source: { pointer },
          })),
          tooMany(100, 59_900),
        ),
      }),
    );
  });

  it('as problem+json, the count is the last entry of "errors", its meta members beside it', async () => {
    const handler = toLambda(
      endpoint({ body: t.array(t.number) }, () => ok(json({ saved: true }))),
      { logger: capturingLogger(), errorFormat: 'problem' },
    );

    const result = await handler(post(shape, arrayBody('"x"', 40_000)), lambdaContext());

    expect(parsedResult(result)).toEqual(
      resultFor(shape, {
        status: 400,
        headers: { 'content-type': 'application/problem+json' },
        body: {
          type: 'about:blank',
          title: 'Bad Request',
          status: 400,
          detail: 'The request has 101 problems; each is listed under "errors".',
          errors: [
            ...firstHundred((index) => ({
              status: 400,
              title: 'Invalid type',
              code: 'invalid-type',
              detail: 'Expected a number, received "x".',
              pointer: `/${String(index)}`,
            })),
            {
              status: 400,
              title: 'Too many problems',
              code: 'too-many-problems',
              detail: 'The request has 40000 problems; the first 100 are listed.',
              listed: 100,
              omitted: 39_900,
            },
          ],
          requestId,
        },
      }),
    );
  });

  it('a validator with an issue per item of a 200,000-item body: 400, not a stack overflow', async () => {
    const logger = capturingLogger();
    const handler = toLambda(
      endpoint({ body: t.array(t.number) }, () => ok(json({ saved: true })), {
        validate: ({ body }) =>
          err(
            body.map((_, index) => ({
              code: 'odd',
              title: 'Odd',
              detail: 'No.',
              source: { pointer: `/${String(index)}` },
            })),
          ),
      }),
      { logger },
    );

    const result = await handler(post(shape, arrayBody('1', 200_000)), lambdaContext());

    const odd = (index: number) => ({
      status: '400',
      title: 'Odd',
      code: 'odd',
      detail: 'No.',
      source: { pointer: `/${String(index)}` },
    });
    expect(parsedResult(result)).toEqual(
      resultFor(shape, {
        status: 400,
        headers: JSON_TYPE,
        body: jsonApi(requestId, ...firstHundred(odd), tooMany(100, 199_900)),
      }),
    );
    expect(logger.error).not.toHaveBeenCalled();
  });
});

// ---------------------------------------------------------------------------------------------
// The invariant: whatever the body, the answer fits its kind.
// ---------------------------------------------------------------------------------------------

/** One item of a hostile body, as JSON text: what it echoes back is as large as it can make it. */
const hostileItem = fc.oneof(
  fc.constant('"x"'),
  fc.constant('{"__proto__":0}'),
  fc.constant('{"constructor":{"prototype":1}}'),
  // A long key of control characters: 6 bytes each in the body, 7 once the body is a string.
  fc.integer({ min: 1, max: 4000 }).map((n) => `{${JSON.stringify('\u0001'.repeat(n))}:"x"}`),
  fc.integer({ min: 1, max: 4000 }).map((n) => JSON.stringify('"'.repeat(n))),
  fc.integer({ min: 1, max: 4000 }).map((n) => JSON.stringify('é'.repeat(n))),
);

/** Codecs that report an item as a problem in different ways. */
const CODECS = {
  numbers: t.array(t.number),
  records: t.array(t.record(t.string, t.number)),
  strings: t.array(t.union([t.string, t.array(t.string)])),
  anything: t.unknown,
  closed: t.array(t.type({})),
} as const;

describe('for any hostile body', () => {
  it('the answer is a 400 within the kind’s limit, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...SHAPES),
        fc.constantFrom(...(Object.keys(CODECS) as (keyof typeof CODECS)[])),
        hostileItem,
        fc.integer({ min: 1, max: 60_000 }),
        async (shape, codec, item, wanted) => {
          // As many items as fit in the default 1 MiB body limit.
          const count = Math.max(
            1,
            Math.min(wanted, Math.floor(1_000_000 / (Buffer.byteLength(item) + 1))),
          );
          const logger = capturingLogger();
          const handler = toLambda(
            endpoint({ body: CODECS[codec] }, () => ok(json({ saved: true })), {
              unknownMembers: 'reject',
            }),
            { logger },
          );

          const result = (await handler(post(shape, arrayBody(item, count)), lambdaContext())) as {
            statusCode: number;
          };

          if (result.statusCode !== 200) expect(result.statusCode).toBe(400);
          expect(sizeOf(result)).toBeLessThanOrEqual(LIMIT[shape]);
          expect(logger.error).not.toHaveBeenCalled();
        },
      ),
      { numRuns: 25 },
    );
  });

  it('at its worst, a hundred problems echoing control characters stay under 1 MB', async () => {
    // Every member unknown, each named by 1,500 control characters: a long detail and pointer
    // for each problem, every character of them 7 bytes in the result.
    const key = (index: number) => `${'\u0001'.repeat(1500)}${String(index)}`;
    const members = Array.from({ length: 110 }, (_, index) => `${JSON.stringify(key(index))}:1`);
    const body = `{"data":{${members.join(',')}}}`;
    const handler = toLambda(
      endpoint({ body: t.type({ data: t.type({}) }) }, () => ok(json({ saved: true })), {
        unknownMembers: 'reject',
      }),
      { logger: capturingLogger() },
    );

    for (const shape of SHAPES) {
      const result = await handler(post(shape, body), lambdaContext());
      const parsed = parsedResult(result) as { body: { errors: { source?: object }[] } };

      expect(parsed.body.errors).toHaveLength(101);
      // A pointer too long to send points at the member's parent, which it names exactly.
      expect(parsed.body.errors[0]?.source).toEqual({ pointer: '/data' });
      expect(sizeOf(result)).toBeGreaterThan(300_000);
      expect(sizeOf(result)).toBeLessThan(ALB_PAYLOAD_LIMIT);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// A handler's own result past its kind's limit.
// ---------------------------------------------------------------------------------------------

/** The masked 500 of docs/errors.md, in the shape's result. */
function masked500(shape: Shape, method = 'POST'): Record<string, unknown> {
  return resultFor(shape, {
    status: 500,
    headers: JSON_TYPE,
    body:
      method === 'HEAD'
        ? ''
        : jsonApi(requestIdOf(shape), {
            status: '500',
            title: 'Internal Server Error',
            detail: MASKED_DETAIL,
          }),
  });
}

/** The one log line of an oversized result: sizes and where, never the body. */
function oversizedLine(
  shape: Shape,
  status: number,
  size: number,
  limit: number = LIMIT[shape],
  method = 'POST',
): Record<string, unknown> {
  return {
    message: 'Response too large for its event source; answered a masked 500',
    requestId: requestIdOf(shape),
    lambdaRequestId: LAMBDA_ID,
    kind: KIND[shape],
    method,
    path: '/items',
    route: ROUTE[shape],
    status,
    size,
    limit,
    traceId: expect.any(String) as unknown,
  };
}

/** The result a text reply of `body` would be, and so its size, as the shape writes it. */
function textResultSize(shape: Shape, body: string): number {
  return sizeOf(
    resultFor(shape, {
      status: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body,
    }),
  );
}

/** A text body that makes the shape's result exactly `size` bytes. */
function textOfResultSize(shape: Shape, size: number): string {
  return 'x'.repeat(size - textResultSize(shape, ''));
}

describe.each(SHAPES)('a handler’s own result, %s events', (shape) => {
  it('exactly at the limit: sent as it is', async () => {
    const body = textOfResultSize(shape, LIMIT[shape]);
    const logger = capturingLogger();
    const handler = toLambda(() => ok(text(body)), { logger });

    const result = await handler(post(shape, '{}'), lambdaContext());

    expect(result).toEqual(
      resultFor(shape, {
        status: 200,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body,
      }),
    );
    expect(sizeOf(result)).toBe(LIMIT[shape]);
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('one byte past the limit: the masked 500, and one line with its size and the limit', async () => {
    const body = textOfResultSize(shape, LIMIT[shape] + 1);
    const logger = capturingLogger();
    const handler = toLambda(() => ok(text(body)), { logger });

    const result = await handler(post(shape, '{}'), lambdaContext());

    expect(parsedResult(result)).toEqual(masked500(shape));
    expect(logger.error.mock.calls).toEqual([[oversizedLine(shape, 200, LIMIT[shape] + 1)]]);
    expect(JSON.stringify(logger.error.mock.calls)).not.toContain('xxxx');
  });

  it('a JSON body of escapes: measured as Lambda serialises it, not by its length', async () => {
    // 200,000 quotes: 400,002 characters of JSON in the body, 800,004 bytes once escaped again.
    const value = '"'.repeat(200_000);
    const handler = toLambda(() => ok(json(value)), {
      logger: capturingLogger(),
      responseLimits: { [KIND[shape]]: 700_000 },
    });

    const result = await handler(post(shape, '{}'), lambdaContext());

    expect(parsedResult(result)).toEqual(masked500(shape));
  });

  it('a binary body: its base64 counted, in or out', async () => {
    const limit = 300_000;
    const handler = (size: number) =>
      toLambda(
        () =>
          ok(binary(new Uint8Array(size).fill(7), { headers: { 'content-type': 'image/png' } })),
        { logger: capturingLogger(), responseLimits: { [KIND[shape]]: limit } },
      );
    // base64 is 4 characters per 3 bytes: the largest body whose result fits, and 3 bytes more.
    const overhead = sizeOf(await handler(0)(post(shape, '{}'), lambdaContext()));
    const fits = Math.floor((limit - overhead) / 4) * 3;

    const within = await handler(fits)(post(shape, '{}'), lambdaContext());
    const past = await handler(fits + 3)(post(shape, '{}'), lambdaContext());

    expect(within).toEqual({
      ...resultFor(shape, {
        status: 200,
        headers: { 'content-type': 'image/png' },
        body: Buffer.alloc(fits, 7).toString('base64'),
      }),
      isBase64Encoded: true,
    });
    expect(sizeOf(within)).toBeLessThanOrEqual(limit);
    expect(sizeOf(within)).toBeGreaterThan(limit - 4);
    expect(parsedResult(past)).toEqual(masked500(shape));
  });

  it('problems of its own past the limit: the masked 500 too', async () => {
    // 1,100 problems of 1 KB: over an ALB's 1 MB, within Lambda's 6 MB.
    const problems: Problem[] = Array.from({ length: 1100 }, (_, i) =>
      badRequest({ code: 'bad', detail: `${String(i)} ${'d'.repeat(1000)}` }),
    );
    const logger = capturingLogger();
    const handler = toLambda(() => err(problems), { logger, clientErrorLogLevel: 'off' });

    const result = (await handler(post(shape, '{}'), lambdaContext())) as {
      statusCode: number;
    };

    if (KIND[shape] === 'alb') {
      expect(parsedResult(result)).toEqual(masked500(shape));
      expect(logger.error.mock.calls).toEqual([
        [oversizedLine(shape, 400, expect.any(Number) as unknown as number)],
      ]);
    } else {
      expect(result.statusCode).toBe(400);
      expect(logger.error).not.toHaveBeenCalled();
    }
  });

  it('HEAD with headers past the limit: the masked 500, without a body', async () => {
    const cookie = `big=${'c'.repeat(LIMIT[shape])}`;
    const logger = capturingLogger();
    const handler = toLambda(() => ok(json({ up: true }, { cookies: [cookie] })), { logger });

    const result = await handler(
      eventFor(shape, { method: 'HEAD', path: '/items' }),
      lambdaContext(),
    );

    expect(parsedResult(result)).toEqual(masked500(shape, 'HEAD'));
    expect(logger.error.mock.calls).toEqual([
      [oversizedLine(shape, 200, expect.any(Number) as unknown as number, LIMIT[shape], 'HEAD')],
    ]);
  });

  it('in problem+json, the masked 500 is problem+json', async () => {
    const handler = toLambda(() => ok(text(textOfResultSize(shape, LIMIT[shape] + 1))), {
      logger: capturingLogger(),
      errorFormat: 'problem',
    });

    const result = await handler(post(shape, '{}'), lambdaContext());

    expect(parsedResult(result)).toEqual(
      resultFor(shape, {
        status: 500,
        headers: { 'content-type': 'application/problem+json' },
        body: {
          type: 'about:blank',
          title: 'Internal Server Error',
          status: 500,
          detail: MASKED_DETAIL,
          requestId: requestIdOf(shape),
        },
      }),
    );
  });

  it('is the same masked 500 a thrown defect gets', async () => {
    const thrown = toLambda(
      () => {
        throw new Error('boom');
      },
      { logger: capturingLogger() },
    );
    const oversized = toLambda(() => ok(text(textOfResultSize(shape, LIMIT[shape] + 1))), {
      logger: capturingLogger(),
    });

    const event = post(shape, '{}');
    expect(await oversized(event, lambdaContext())).toEqual(await thrown(event, lambdaContext()));
  });

  it('the masked 500 fits the smallest limit, with the longest request id and negotiation', async () => {
    const longId = 'r'.repeat(200);
    const handler = toLambda(() => ok(text(textOfResultSize(shape, MIN_RESPONSE_LIMIT + 1))), {
      logger: capturingLogger(),
      errorFormat: 'negotiate',
      responseLimits: { [KIND[shape]]: MIN_RESPONSE_LIMIT },
    });

    const result = await handler(
      eventFor(shape, {
        method: 'POST',
        path: '/items',
        headers: { 'x-request-id': longId, accept: 'application/problem+json' },
      }),
      lambdaContext(),
    );

    expect(parsedResult(result)).toEqual(
      resultFor(
        shape,
        {
          status: 500,
          headers: { 'content-type': 'application/problem+json', vary: 'accept' },
          body: {
            type: 'about:blank',
            title: 'Internal Server Error',
            status: 500,
            detail: MASKED_DETAIL,
            requestId: longId,
          },
        },
        longId,
      ),
    );
    expect(sizeOf(result)).toBeLessThan(MIN_RESPONSE_LIMIT);
  });
});

// ---------------------------------------------------------------------------------------------
// The responseLimits option.
// ---------------------------------------------------------------------------------------------

describe('responseLimits', () => {
  it('lowers one kind’s limit and leaves the others at AWS’s', async () => {
    const body = 'x'.repeat(600_000);
    const options: LambdaOptions = { logger: capturingLogger(), responseLimits: { alb: 512_000 } };
    const handler = toLambda(() => ok(text(body)), options);

    const answers = await Promise.all(
      SHAPES.map(async (shape) => {
        const result = (await handler(post(shape, '{}'), lambdaContext())) as {
          statusCode: number;
        };
        return [shape, result.statusCode] as const;
      }),
    );

    expect(Object.fromEntries(answers)).toEqual({
      rest: 200,
      http: 200,
      'function-url': 200,
      alb: 500,
      'alb-multi': 500,
    });
  });

  it.each([
    [
      { alb: ALB_PAYLOAD_LIMIT + 1 },
      'responseLimits.alb must be a whole number of bytes from 4096 to 1048576; got 1048577.',
    ],
    [
      { rest: LAMBDA_SYNC_PAYLOAD_LIMIT + 1 },
      'responseLimits.rest must be a whole number of bytes from 4096 to 6291456; got 6291457.',
    ],
    [
      { http: MIN_RESPONSE_LIMIT - 1 },
      'responseLimits.http must be a whole number of bytes from 4096 to 6291456; got 4095.',
    ],
    [
      { 'function-url': 10_000.5 },
      'responseLimits.function-url must be a whole number of bytes from 4096 to 6291456; got 10000.5.',
    ],
    [
      { alb: '512000' },
      'responseLimits.alb must be a whole number of bytes from 4096 to 1048576; got "512000".',
    ],
  ])('refuses %j when the adapter is built', (limits, message) => {
    expect(() => toLambda(() => ok(1), { responseLimits: limits as ResponseLimits })).toThrow(
      new RangeError(message),
    );
  });

  it('refuses a kind it does not know', () => {
    expect(() =>
      toLambda(() => ok(1), {
        responseLimits: { albb: 5000 } as unknown as ResponseLimits,
      }),
    ).toThrow(
      new TypeError(
        'responseLimits has "albb", which is not an event kind (rest, http, function-url, alb).',
      ),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Log lines.
// ---------------------------------------------------------------------------------------------

describe('log lines', () => {
  it('a handler’s 300 problems: all answered, the log line lists 200 and counts the rest', async () => {
    const problems = Array.from({ length: 300 }, (_, i) => notFound({ code: `n${String(i)}` }));
    const logger = capturingLogger();
    const handler = toLambda(() => err(problems), { logger });

    const result = await handler(post('http', '{}'), lambdaContext());

    const entry = (i: number) => ({ status: 404, title: 'Not Found', code: `n${String(i)}` });
    expect(parsedResult(result)).toEqual(
      resultFor('http', {
        status: 404,
        headers: JSON_TYPE,
        body: jsonApi(
          requestIdOf('http'),
          ...problems.map((_, i) => ({ status: '404', title: 'Not Found', code: `n${String(i)}` })),
        ),
      }),
    );
    expect(logger.info.mock.calls).toEqual([
      [
        {
          message: 'Answered 404: a client error',
          requestId: requestIdOf('http'),
          lambdaRequestId: LAMBDA_ID,
          method: 'POST',
          path: '/items',
          route: '$default',
          traceId: expect.any(String) as unknown,
          status: 404,
          errors: Array.from({ length: 200 }, (_, i) => entry(i)),
          errorsOmitted: 100,
        },
      ],
    ]);
  });
});
