/**
 * Faults inside handlers, for every event kind: each gets the documented answer (docs/errors.md,
 * "Defects": the fixed, masked 500 with the request id) and one defect log line, asserted whole.
 * Every fault is seeded with a secret, which must appear in no part of the response — status,
 * headers, cookies or body — whatever the fault: throws and rejections of values that are not
 * errors, replies JSON cannot hold, statuses of the wrong class, header injection, bodies of the
 * wrong type. A handler that never settles is answered by the deadline middleware with a 503
 * before Lambda's timeout.
 */
import { ResultAsync, err, ok } from 'neverthrow';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type {
  ErrorStatus,
  Handler,
  LogRecord,
  Middleware,
  ProblemError,
  SuccessStatus,
} from '../../src/index.js';
import {
  TaggedError,
  binary,
  errorMap,
  json,
  noContent,
  notFound,
  problem,
  redirect,
  text,
  toLambda,
  unauthorized,
} from '../../src/index.js';
import { deadline } from '../../src/middleware/index.js';
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

type AnyHandler = Handler<unknown, ProblemError>;

const SECRET = 'S3CRET-7f3a9c-do-not-show';
const MASKED_DETAIL =
  'The server failed to handle the request. Quote the request id when reporting this.';

function captureLogger() {
  const method = () => vi.fn<(record: LogRecord) => void>();
  return { error: method(), warn: method(), info: method(), debug: method() };
}

const KIND: Readonly<Record<Shape, string>> = {
  rest: 'rest',
  http: 'http',
  'function-url': 'function-url',
  alb: 'alb',
  'alb-multi': 'alb',
};

/** The route the defect line names: REST's resource, payload 2.0's route key, none for ALB. */
const ROUTE: Readonly<Record<Shape, string | undefined>> = {
  rest: '/{proxy+}',
  http: '$default',
  'function-url': '$default',
  alb: undefined,
  'alb-multi': undefined,
};

function request(shape: Shape) {
  return eventFor(shape, {
    method: 'POST',
    path: '/orders',
    headers: { 'content-type': 'application/json' },
    body: { note: 'hello' },
  });
}

/** The masked 500 of docs/errors.md, in the shape's result. */
function masked500(shape: Shape): Record<string, unknown> {
  const requestId = requestIdOf(shape);
  return resultFor(shape, {
    status: 500,
    headers: { 'content-type': 'application/json' },
    body: jsonApi(requestId, {
      status: '500',
      title: 'Internal Server Error',
      detail: MASKED_DETAIL,
    }),
  });
}

/** What the defect line says of the fault (docs/errors.md: name, message, stack, causes). */
interface Described {
  readonly errorName: string;
  readonly errorMessage: unknown;
  /** Present exactly when the fault is an object with a string `stack`. */
  readonly stack?: unknown;
  readonly causes: readonly unknown[];
}

/** The whole defect log line for a request of the shape. */
function defectLine(shape: Shape, described: Described): Record<string, unknown> {
  return {
    message: 'Handler defect answered with a masked 500',
    requestId: requestIdOf(shape),
    lambdaRequestId: LAMBDA_ID,
    kind: KIND[shape],
    method: 'POST',
    path: '/orders',
    route: ROUTE[shape],
    traceId: expect.stringMatching(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/) as unknown,
    ...described,
  };
}

/** The result's every part, with a base64 body decoded, as one text to search. */
function everyPart(result: unknown): string {
  const record = result as Record<string, unknown>;
  const body = typeof record['body'] === 'string' ? record['body'] : '';
  const decoded =
    record['isBase64Encoded'] === true ? Buffer.from(body, 'base64').toString('utf8') : body;
  return `${JSON.stringify(record)}\n${decoded}`;
}

const anError = expect.any(String) as unknown;
const invalidResponse = (message: string, causes: readonly unknown[] = []): Described => ({
  errorName: 'InvalidResponseError',
  errorMessage: message,
  stack: anError,
  causes,
});

function circular(): unknown {
  const value: Record<string, unknown> = { secret: SECRET };
  value['self'] = value;
  return value;
}

/** An object every read of which throws, even turning it into text. */
function hostileObject(): unknown {
  const fail = (): never => {
    throw new Error(SECRET);
  };
  return new Proxy(
    {},
    { get: fail, has: fail, ownKeys: fail, getPrototypeOf: fail, getOwnPropertyDescriptor: fail },
  );
}

/** An object whose getters throw, thrown as an error would be. */
function throwingGetters(): unknown {
  return {
    get name(): string {
      throw new Error(SECRET);
    },
    get message(): string {
      throw new Error(SECRET);
    },
    get stack(): string {
      throw new Error(SECRET);
    },
    get cause(): unknown {
      throw new Error(SECRET);
    },
  };
}

interface Fault {
  readonly name: string;
  /** Called inside the handler, so that promises are made (and rejected) only when it runs. */
  readonly run: () => unknown;
  readonly logged: Described;
}

const rejectWith = (value: unknown): Promise<never> =>
  // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- any value may be rejected
  Promise.reject(value);

const throws: readonly Fault[] = [
  {
    name: 'throws a string',
    run: () => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- the fault under test
      throw SECRET;
    },
    logged: { errorName: 'string', errorMessage: SECRET, causes: [] },
  },
  {
    name: 'throws undefined',
    run: () => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- the fault under test
      throw undefined;
    },
    logged: { errorName: 'undefined', errorMessage: 'undefined', causes: [] },
  },
  {
    name: 'throws null',
    run: () => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- the fault under test
      throw null;
    },
    logged: { errorName: 'null', errorMessage: 'null', causes: [] },
  },
  {
    name: 'throws a plain object, which the log shows as JSON',
    run: () => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- the fault under test
      throw { code: 'E_DB', password: SECRET };
    },
    logged: {
      errorName: 'object',
      errorMessage: JSON.stringify({ code: 'E_DB', password: SECRET }),
      causes: [],
    },
  },
  {
    name: 'throws an object whose getters throw',
    run: () => {
      throw throwingGetters();
    },
    logged: { errorName: 'object', errorMessage: '[object Object]', causes: [] },
  },
  {
    name: 'throws an object every read of which throws, even String()',
    run: () => {
      throw hostileObject();
    },
    logged: { errorName: 'object', errorMessage: '[unprintable]', causes: [] },
  },
  {
    name: 'throws an Error with a cause chain',
    run: () => {
      throw new Error(`outer ${SECRET}`, { cause: new TypeError(`inner ${SECRET}`) });
    },
    logged: {
      errorName: 'Error',
      errorMessage: `outer ${SECRET}`,
      stack: expect.stringContaining(`Error: outer ${SECRET}`) as unknown,
      causes: [
        {
          name: 'TypeError',
          message: `inner ${SECRET}`,
          stack: expect.stringContaining(`TypeError: inner ${SECRET}`) as unknown,
        },
      ],
    },
  },
  {
    name: 'rejects with a string',
    run: () => rejectWith(SECRET),
    logged: { errorName: 'string', errorMessage: SECRET, causes: [] },
  },
  {
    name: 'rejects with undefined',
    run: () => rejectWith(undefined),
    logged: { errorName: 'undefined', errorMessage: 'undefined', causes: [] },
  },
  {
    name: 'rejects with an object whose getters throw',
    run: () => rejectWith(throwingGetters()),
    logged: { errorName: 'object', errorMessage: '[object Object]', causes: [] },
  },
  {
    name: 'returns a ResultAsync that rejects',
    run: () => new ResultAsync(rejectWith(SECRET)),
    logged: { errorName: 'string', errorMessage: SECRET, causes: [] },
  },
  {
    name: 'returns a TaskEither that throws',
    run: () => () => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- the fault under test
      throw SECRET;
    },
    logged: { errorName: 'string', errorMessage: SECRET, causes: [] },
  },
  {
    name: 'returns a proxy result instead of a result',
    run: () => ({ statusCode: 200, body: SECRET }),
    logged: {
      errorName: 'NotAResultError',
      errorMessage:
        'The handler returned an object without isOk() or _tag; expected a neverthrow Result or ResultAsync, or an fp-ts Either or TaskEither.',
      stack: anError,
      causes: [],
    },
  },
];

const BIGINT_CAUSE = {
  name: 'TypeError',
  message: 'Do not know how to serialize a BigInt',
  stack: anError,
};
const CIRCULAR_CAUSE = {
  name: 'TypeError',
  message: expect.stringContaining('Converting circular structure to JSON') as unknown,
  stack: anError,
};

const unsendable: readonly Fault[] = [
  {
    name: 'ok(BigInt)',
    run: () => ok({ secret: SECRET, n: 10n }),
    logged: invalidResponse('The Ok value cannot be serialised as JSON.', [BIGINT_CAUSE]),
  },
  {
    name: 'a json reply with a BigInt',
    run: () => ok(json({ secret: SECRET, n: 10n })),
    logged: invalidResponse('The reply body cannot be serialised as JSON.', [BIGINT_CAUSE]),
  },
  {
    name: 'a circular Ok value',
    run: () => ok(circular()),
    logged: invalidResponse('The Ok value cannot be serialised as JSON.', [CIRCULAR_CAUSE]),
  },
  {
    name: 'a problem whose meta holds a BigInt',
    run: () => err(notFound({ detail: SECRET, meta: { n: 10n } })),
    logged: invalidResponse('The problem cannot be serialised as JSON.', [BIGINT_CAUSE]),
  },
  {
    name: 'a problem whose meta is circular',
    run: () => err(notFound({ detail: SECRET, meta: { loop: circular() } })),
    logged: invalidResponse('The problem cannot be serialised as JSON.', [CIRCULAR_CAUSE]),
  },
  {
    name: 'ok(a promise): a forgotten await',
    run: () => ok(Promise.resolve(SECRET)),
    logged: invalidResponse(
      'The Ok value is a promise; await it, or return a ResultAsync instead.',
    ),
  },
  {
    name: 'ok(a function)',
    run: () => ok(() => SECRET),
    logged: invalidResponse('The Ok value is a function, which JSON cannot represent.'),
  },
];

const replyStatus = (status: number): Fault => ({
  name: `a reply with status ${String(status)}`,
  run: () => ok(json(SECRET, { status: status as SuccessStatus })),
  logged: invalidResponse(
    `A reply has status ${String(status)}; replies carry 200–399 (failures are problems).`,
  ),
});
const problemStatus = (status: number): Fault => ({
  name: `a problem with status ${String(status)}`,
  run: () => err(problem({ status: status as ErrorStatus, detail: SECRET })),
  logged: invalidResponse(
    `A problem has status ${String(status)}; problems carry 400–599 (successes are replies).`,
  ),
});

const statuses: readonly Fault[] = [
  ...[404, 500, 199, 400, 99, 600, 1000, -200, 200.5, Number.NaN, Infinity].map(replyStatus),
  ...[200, 302, 399, 600, 99, 404.5, Number.NaN].map(problemStatus),
];

const unsafe = (name: string): string => `Header "${name}" has a value containing CR, LF or NUL.`;

const injections: readonly Fault[] = [
  {
    name: 'a header value with CR LF and a second header after it',
    run: () => ok(json(1, { headers: { 'x-note': `a\r\nset-cookie: session=${SECRET}` } })),
    logged: invalidResponse(unsafe('x-note')),
  },
  {
    name: 'a header value with a bare LF',
    run: () => ok(json(1, { headers: { 'x-note': `a\n${SECRET}` } })),
    logged: invalidResponse(unsafe('x-note')),
  },
  {
    name: 'a header value with a bare CR',
    run: () => ok(text('x', { headers: { 'x-note': [`fine`, `a\r${SECRET}`] } })),
    logged: invalidResponse(unsafe('x-note')),
  },
  {
    name: 'a header value with NUL',
    run: () => ok(json(1, { headers: { 'x-note': `a\u0000${SECRET}` } })),
    logged: invalidResponse(unsafe('x-note')),
  },
  {
    name: 'a cookie with CR LF',
    run: () => ok(noContent({ cookies: [`a=1\r\nx-evil: ${SECRET}`] })),
    logged: invalidResponse(unsafe('set-cookie')),
  },
  {
    name: 'a Set-Cookie header with LF',
    run: () => ok(noContent({ headers: { 'Set-Cookie': `a=1\nx-evil: ${SECRET}` } })),
    logged: invalidResponse(unsafe('set-cookie')),
  },
  {
    name: 'a redirect location with CR LF',
    run: () => ok(redirect(`/login\r\nx-evil: ${SECRET}`)),
    logged: invalidResponse(unsafe('location')),
  },
  {
    name: 'a problem header with CR LF',
    run: () => err(unauthorized(`Bearer realm="${SECRET}"\r\nx-evil: 1`)),
    logged: invalidResponse(unsafe('www-authenticate')),
  },
  {
    name: 'a header name with CR LF',
    run: () => ok(json(1, { headers: { [`x-a\r\nx-${SECRET}`]: 'v' } })),
    logged: invalidResponse(`"x-a\r\nx-${SECRET}" is not a valid header name.`),
  },
  {
    name: 'a header value that is not a string',
    run: () => ok(json(SECRET, { headers: { 'x-count': 3 as unknown as string } })),
    logged: invalidResponse('Header "x-count" has a number value; expected a string.'),
  },
];

const wrongBodies: readonly Fault[] = [
  {
    name: 'a text reply with a number body',
    run: () => ok(text(42 as unknown as string, { headers: { 'x-secret': SECRET } })),
    logged: invalidResponse('A text reply has a number body.'),
  },
  {
    name: 'a text reply with an object body',
    run: () => ok(text({ secret: SECRET } as unknown as string)),
    logged: invalidResponse('A text reply has a object body.'),
  },
  {
    name: 'a binary reply with a string body',
    run: () => ok(binary(SECRET as unknown as Uint8Array)),
    logged: invalidResponse('A binary reply has a body that is not a Uint8Array.'),
  },
  {
    name: 'a reply of an unknown body type',
    run: () => ok({ ...json(SECRET), bodyType: 'xml' }),
    logged: invalidResponse('A reply has an unknown body type.'),
  },
  {
    name: 'an Err that is an Error, not a problem',
    run: () => err(new Error(SECRET)),
    logged: invalidResponse(
      'The handler returned an Err that is neither a Problem nor a tagged error the error map covers.',
      [{ name: 'Error', message: SECRET, stack: anError }],
    ),
  },
  {
    name: 'an Err that is an empty list',
    run: () => err([]),
    logged: invalidResponse('The handler returned an empty list of errors.'),
  },
];

const FAULTS: readonly (readonly [string, readonly Fault[]])[] = [
  ['throws and rejections', throws],
  ['replies JSON cannot hold', unsendable],
  ['statuses of the wrong class', statuses],
  ['header injection', injections],
  ['bodies of the wrong type', wrongBodies],
];

const cases = FAULTS.flatMap(([group, faults]) =>
  faults.map((fault) => [`${group}: ${fault.name}`, fault] as const),
);

describe.each(SHAPES)('a handler fault, %s events', (shape) => {
  it.each(cases)('%s → the masked 500, logged once, nothing leaked', async (_, fault) => {
    const logger = captureLogger();
    const handler = toLambda((() => fault.run()) as unknown as AnyHandler, { logger });

    const result = await handler(request(shape), lambdaContext());

    expect(parsedResult(result)).toEqual(masked500(shape));
    expect(logger.error.mock.calls).toEqual([[defectLine(shape, fault.logged)]]);
    expect(logger.warn).not.toHaveBeenCalled();
    expect(logger.info).not.toHaveBeenCalled();
    expect(everyPart(result)).not.toContain(SECRET);
  });
});

describe('the masked 500 in RFC 9457', () => {
  it.each(SHAPES)('%s: problem+json with the request id and nothing else', async (shape) => {
    const logger = captureLogger();
    const handler = toLambda(
      () => {
        throw new Error(SECRET);
      },
      { logger, errorFormat: 'problem' },
    );

    const result = await handler(request(shape), lambdaContext());

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
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(everyPart(result)).not.toContain(SECRET);
  });
});

class LedgerDown extends TaggedError('LedgerDown')<{ readonly account: string }> {}

describe('a mapped 5xx error carrying a secret', () => {
  const errors = errorMap<LedgerDown>({
    LedgerDown: (e) => ({
      status: 503,
      detail: `Ledger refused account ${e.account}.`,
      headers: { 'retry-after': '30' },
    }),
  });

  it.each(SHAPES)(
    '%s: the status, its reason phrase and Retry-After reach the client; the rest only the log',
    async (shape) => {
      const logger = captureLogger();
      const handler = toLambda(
        () => err(new LedgerDown({ account: SECRET, cause: new Error(`pool ${SECRET}`) })),
        { logger, errors },
      );

      const result = await handler(request(shape), lambdaContext());

      const requestId = requestIdOf(shape);
      expect(parsedResult(result)).toEqual(
        resultFor(shape, {
          status: 503,
          headers: { 'retry-after': '30', 'content-type': 'application/json' },
          body: jsonApi(requestId, { status: '503', title: 'Service Unavailable' }),
        }),
      );
      expect(logger.error.mock.calls).toEqual([
        [
          expect.objectContaining({
            message: 'Answered 503: a server error the handler returned',
            requestId,
            status: 503,
            errors: [
              expect.objectContaining({
                status: 503,
                tag: 'LedgerDown',
                exposed: false,
                code: 'LedgerDown',
                detail: `Ledger refused account ${SECRET}.`,
                causes: [expect.objectContaining({ message: `pool ${SECRET}` })],
              }),
            ],
          }),
        ],
      ]);
      expect(everyPart(result)).not.toContain(SECRET);
    },
  );
});

describe('a fault in middleware', () => {
  it.each(SHAPES)('%s: a middleware that throws → the masked 500', async (shape) => {
    const logger = captureLogger();
    const failing: Middleware = () => () => {
      throw new Error(SECRET);
    };
    const handler = toLambda(() => ok(json({ fine: true })), { logger, middleware: [failing] });

    const result = await handler(request(shape), lambdaContext());

    expect(parsedResult(result)).toEqual(masked500(shape));
    expect(logger.error.mock.calls).toEqual([
      [
        defectLine(shape, {
          errorName: 'Error',
          errorMessage: SECRET,
          stack: anError,
          causes: [],
        }),
      ],
    ]);
    expect(everyPart(result)).not.toContain(SECRET);
  });

  it.each(SHAPES)(
    '%s: a middleware that adds a header with CR LF → the masked 500, the header never sent',
    async (shape) => {
      const logger = captureLogger();
      const injecting: Middleware = (next) => async (req, context) => {
        const response = await next(req, context);
        return {
          ...response,
          headers: { ...response.headers, 'x-note': [`a\r\nset-cookie: s=${SECRET}`] },
        };
      };
      const handler = toLambda(() => ok(json({ fine: true })), {
        logger,
        middleware: [injecting],
      });

      const result = await handler(request(shape), lambdaContext());

      // Checked as it leaves the middleware, like a handler's reply: a defect, masked and logged.
      expect(parsedResult(result)).toEqual(masked500(shape));
      expect(logger.error.mock.calls).toEqual([
        [defectLine(shape, invalidResponse(unsafe('x-note')))],
      ]);
      expect(everyPart(result)).not.toContain(SECRET);
    },
  );
});

describe('a handler that never settles', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each(SHAPES)(
    '%s: the deadline middleware answers 503 at its margin before Lambda’s timeout',
    async (shape) => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
      const logger = captureLogger();
      const context = lambdaContext({ timeoutMs: 3000 });
      const never = (): Promise<never> => new Promise<never>(() => undefined);
      const handler = toLambda(never, {
        logger,
        middleware: [deadline({ marginMs: 500 })],
      });

      let settled: unknown;
      const answered = handler(request(shape), context).then((result) => {
        settled = result;
      });
      await vi.advanceTimersByTimeAsync(2499);
      expect(settled).toBeUndefined();
      await vi.advanceTimersByTimeAsync(1);
      await answered;

      // Answered with half a second of the invocation left.
      expect(context.getRemainingTimeInMillis()).toBe(500);
      const requestId = requestIdOf(shape);
      expect(parsedResult(settled)).toEqual(
        resultFor(shape, {
          status: 503,
          headers: { 'content-type': 'application/json' },
          body: jsonApi(requestId, {
            status: '503',
            title: 'Service Unavailable',
            code: 'deadline-exceeded',
            detail: 'The request took too long to handle. Try again.',
          }),
        }),
      );
      expect(logger.error.mock.calls).toEqual([
        [
          expect.objectContaining({
            message: 'Answered 503: a server error the handler returned',
            requestId,
            status: 503,
            errors: [
              {
                status: 503,
                title: 'Service Unavailable',
                code: 'deadline-exceeded',
                detail: 'The request took too long to handle. Try again.',
              },
            ],
          }),
        ],
      ]);
    },
  );
});
