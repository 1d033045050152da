import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { Result } from 'neverthrow';
import { ResultAsync, err, errAsync, ok, okAsync } from 'neverthrow';
import { describe, expect, it, vi } from 'vitest';
import type {
  ErrorStatus,
  Handler,
  HttpEvent,
  HttpResult,
  LambdaOptions,
  LogRecord,
  Outcome,
  Problem,
  ProblemError,
  Reply,
  SuccessStatus,
} from '../src/index.js';
import {
  accepted,
  badRequest,
  binary,
  conflict,
  created,
  forbidden,
  gatewayTimeout,
  gone,
  internalServerError,
  json,
  methodNotAllowed,
  noContent,
  notAcceptable,
  notFound,
  notImplemented,
  payloadTooLarge,
  preconditionFailed,
  problem,
  redirect,
  serviceUnavailable,
  text,
  toLambda,
  tooManyRequests,
  unauthorized,
  unprocessableEntity,
  unsupportedMediaType,
} from '../src/index.js';
import { fakeContext, httpApiEvent, restApiEvent } from '../src/testing/index.js';
import {
  HTTP_REQUEST_ID,
  LAMBDA_REQUEST_ID,
  REST_REQUEST_ID,
  TRACE_ID,
} from './support/request-id.js';

const context = fakeContext({ awsRequestId: LAMBDA_REQUEST_ID });

type AnyHandler = Handler<unknown, ProblemError>;

const SECRET = 'SECRET-123';
const MASKED_DETAIL =
  'The server failed to handle the request. Quote the request id when reporting this.';
const DEFECT_MESSAGE = 'Handler defect answered with a masked 500';
const NOT_PROBLEMS =
  'The handler returned an Err that is neither a Problem nor a tagged error the error map covers.';
/** How the defect log describes plain objects the handler put on the Err side (the cause). */
const PLAIN_OBJECT_CAUSE = { name: 'object', message: `{"detail":"${SECRET}"}` };
const TAGGED_OBJECT_CAUSE = {
  name: 'UserNotFound',
  message: `{"_tag":"UserNotFound","secret":"${SECRET}"}`,
};

// Asymmetric matchers are typed `any`; holding them as `unknown` keeps the lint rules on.
const ANY_STRING: unknown = expect.any(String);

function matches(message: string | RegExp): unknown {
  return typeof message === 'string' ? message : expect.stringMatching(message);
}

/** A deliberately ill-typed value, for defects the compiler would otherwise refuse. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the cast is the point
function bad<T>(value: unknown): T {
  return value as T;
}

function captureLogger() {
  return {
    error: vi.fn<(record: LogRecord) => void>(),
    warn: vi.fn<(record: LogRecord) => void>(),
    info: vi.fn<(record: LogRecord) => void>(),
    debug: vi.fn<(record: LogRecord) => void>(),
  };
}

/** A response described once for both kinds; an object body is a JSON document, compared parsed. */
interface Expected {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly cookies?: readonly string[];
  readonly body: string | object;
  readonly isBase64Encoded?: boolean;
}

interface EventInit {
  readonly method?: string;
  readonly headers?: Record<string, string>;
}

interface KindCase {
  readonly name: string;
  readonly kind: 'rest' | 'http';
  readonly requestId: string;
  /** The route the base event names, as the logs quote it. */
  readonly route: string;
  event(init?: EventInit): HttpEvent;
  /**
   * The whole result this kind's writer must produce for `expected`, with the request id the
   * adapter sends back on every response (unless `expected` names that header itself).
   */
  result(expected: Expected): Record<string, unknown>;
}

const KINDS: readonly KindCase[] = [
  {
    name: 'REST API',
    kind: 'rest',
    requestId: REST_REQUEST_ID,
    route: '/items',
    event: ({ method, headers } = {}) =>
      restApiEvent({
        method,
        path: '/items',
        headers: { 'X-Amzn-Trace-Id': TRACE_ID, ...headers },
        requestId: REST_REQUEST_ID,
      }),
    result: (expected) => ({
      statusCode: expected.status,
      headers: { 'x-request-id': REST_REQUEST_ID, ...expected.headers },
      multiValueHeaders:
        expected.cookies === undefined || expected.cookies.length === 0
          ? {}
          : { 'set-cookie': [...expected.cookies] },
      body: expected.body,
      isBase64Encoded: expected.isBase64Encoded ?? false,
    }),
  },
  {
    name: 'HTTP API',
    kind: 'http',
    requestId: HTTP_REQUEST_ID,
    route: '$default',
    event: ({ method, headers } = {}) =>
      httpApiEvent({
        method,
        path: '/items',
        headers: { 'x-amzn-trace-id': TRACE_ID, ...headers },
        requestId: HTTP_REQUEST_ID,
      }),
    result: (expected) => ({
      statusCode: expected.status,
      headers: { 'x-request-id': HTTP_REQUEST_ID, ...expected.headers },
      cookies: [...(expected.cookies ?? [])],
      body: expected.body,
      isBase64Encoded: expected.isBase64Encoded ?? false,
    }),
  },
];

/** The result with its body parsed when the expectation describes a JSON document. */
function comparable(actual: HttpResult, expected: Expected): unknown {
  if (typeof expected.body === 'string') return actual;
  return { ...actual, body: JSON.parse(actual.body ?? '') as unknown };
}

async function answer(
  kind: KindCase,
  handler: AnyHandler,
  options: LambdaOptions = {},
  init: EventInit = {},
): Promise<HttpResult> {
  // A capturing logger unless the test passes its own: 4xx answers are logged at info.
  return toLambda(handler, { logger: captureLogger(), ...options })(kind.event(init), context);
}

async function expectAnswer(
  kind: KindCase,
  handler: AnyHandler,
  expected: Expected,
  options: LambdaOptions = {},
  init: EventInit = {},
): Promise<HttpResult> {
  const result = await answer(kind, handler, options, init);
  expect(comparable(result, expected)).toEqual(kind.result(expected));
  return result;
}

function jsonApiErrors(requestId: string, ...errors: object[]): object {
  return { errors, meta: { requestId } };
}

function masked(requestId: string): Expected {
  return {
    status: 500,
    headers: { 'content-type': 'application/json' },
    body: jsonApiErrors(requestId, {
      status: '500',
      title: 'Internal Server Error',
      detail: MASKED_DETAIL,
    }),
  };
}

/** The outcome forms a handler may return, each building an Ok and an Err. */
interface OutcomeForm {
  readonly name: string;
  ok(value: unknown): Outcome<unknown, ProblemError>;
  err(error: ProblemError): Outcome<unknown, ProblemError>;
}

const OUTCOME_FORMS: readonly OutcomeForm[] = [
  { name: 'Result', ok: (value) => ok(value), err: (error) => err(error) },
  { name: 'ResultAsync', ok: (value) => okAsync(value), err: (error) => errAsync(error) },
  {
    name: 'Promise<Result>',
    ok: (value) => Promise.resolve(ok(value)),
    err: (error) => Promise.resolve(err(error)),
  },
  { name: 'fp-ts Either', ok: (value) => E.right(value), err: (error) => E.left(error) },
  { name: 'fp-ts TaskEither', ok: (value) => TE.right(value), err: (error) => TE.left(error) },
  {
    name: 'Promise<Either>',
    ok: (value) => Promise.resolve(E.right(value)),
    err: (error) => Promise.resolve(E.left(error)),
  },
];

describe.each(KINDS)('toLambda with a $name event', (kind) => {
  describe('outcome forms', () => {
    it.each(OUTCOME_FORMS)('an Ok in a $name gives the same 200 JSON response', async (form) => {
      await expectAnswer(kind, () => form.ok({ id: 'u-1', tags: ['a'] }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: '{"id":"u-1","tags":["a"]}',
      });
    });

    it.each(OUTCOME_FORMS)('an Err in a $name gives the same problem response', async (form) => {
      await expectAnswer(kind, () => form.err(notFound({ code: 'UserNotFound' })), {
        status: 404,
        headers: { 'content-type': 'application/json' },
        body: jsonApiErrors(kind.requestId, {
          status: '404',
          code: 'UserNotFound',
          title: 'Not Found',
        }),
      });
    });

    it.each(OUTCOME_FORMS)('an Ok(reply) in a $name sends the reply', async (form) => {
      await expectAnswer(kind, () => form.ok(created('/users/u-1', { id: 'u-1' })), {
        status: 201,
        headers: { 'content-type': 'application/json', location: '/users/u-1' },
        body: '{"id":"u-1"}',
      });
    });
  });

  describe('Ok values', () => {
    it.each([
      ['an object', { id: 'u-1', n: 1 }, '{"id":"u-1","n":1}'],
      ['an array', [1, 'two', null], '[1,"two",null]'],
      ['a string', 'hello', '"hello"'],
      ['a number', 42, '42'],
      ['false', false, 'false'],
      ['null', null, 'null'],
    ])(
      'Ok(%s) is a 200 application/json response with the value as JSON',
      async (_, value, body) => {
        await expectAnswer(kind, () => ok(value), {
          status: 200,
          headers: { 'content-type': 'application/json' },
          body,
        });
      },
    );

    it('Ok(undefined) is a 204 without a body or content type', async () => {
      await expectAnswer(kind, () => ok(undefined), { status: 204, body: '' });
    });

    it('Ok() is a 204 without a body or content type', async () => {
      await expectAnswer(kind, () => ok(), { status: 204, body: '' });
    });
  });

  describe('replies', () => {
    it.each<[string, Reply, Expected]>([
      [
        'json() is a 200 JSON response',
        json({ id: 'u-1' }),
        { status: 200, headers: { 'content-type': 'application/json' }, body: '{"id":"u-1"}' },
      ],
      [
        'json() with a status and headers sends them, names lower-cased',
        json(
          { id: 'u-1' },
          { status: 203, headers: { 'Cache-Control': 'max-age=60', ETag: '"v1"' } },
        ),
        {
          status: 203,
          headers: {
            'cache-control': 'max-age=60',
            etag: '"v1"',
            'content-type': 'application/json',
          },
          body: '{"id":"u-1"}',
        },
      ],
      [
        'json() with cookies sends every Set-Cookie, commas intact',
        json(
          { ok: true },
          {
            cookies: [
              'id=abc; Path=/; HttpOnly; Secure',
              'theme=dark; Expires=Wed, 21 Oct 2026 07:28:00 GMT',
            ],
          },
        ),
        {
          status: 200,
          headers: { 'content-type': 'application/json' },
          cookies: [
            'id=abc; Path=/; HttpOnly; Secure',
            'theme=dark; Expires=Wed, 21 Oct 2026 07:28:00 GMT',
          ],
          body: '{"ok":true}',
        },
      ],
      [
        'a Set-Cookie header is sent as a cookie, before the reply cookies',
        json(1, { headers: { 'Set-Cookie': 'a=1' }, cookies: ['b=2'] }),
        {
          status: 200,
          headers: { 'content-type': 'application/json' },
          cookies: ['a=1', 'b=2'],
          body: '1',
        },
      ],
      [
        'json() with its own content type keeps it',
        json({ data: null }, { headers: { 'Content-Type': 'application/vnd.api+json' } }),
        {
          status: 200,
          headers: { 'content-type': 'application/vnd.api+json' },
          body: '{"data":null}',
        },
      ],
      [
        'text() is a text/plain UTF-8 response',
        text('pong ✓'),
        { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'pong ✓' },
      ],
      [
        'text() with another content type keeps it',
        text('<p>hi</p>', { status: 200, headers: { 'content-type': 'text/html' } }),
        { status: 200, headers: { 'content-type': 'text/html' }, body: '<p>hi</p>' },
      ],
      [
        'binary() is sent base64-encoded as application/octet-stream',
        binary(new Uint8Array([0, 1, 2, 253, 254, 255])),
        {
          status: 200,
          headers: { 'content-type': 'application/octet-stream' },
          body: 'AAEC/f7/',
          isBase64Encoded: true,
        },
      ],
      [
        'binary() of a subarray sends only its bytes',
        binary(new Uint8Array([9, 1, 2, 3, 9]).subarray(1, 4), {
          headers: { 'content-type': 'image/png' },
        }),
        {
          status: 200,
          headers: { 'content-type': 'image/png' },
          body: 'AQID',
          isBase64Encoded: true,
        },
      ],
      [
        'created() with a body is a 201 with Location and the JSON body',
        created('/users/u-1', { id: 'u-1' }),
        {
          status: 201,
          headers: { location: '/users/u-1', 'content-type': 'application/json' },
          body: '{"id":"u-1"}',
        },
      ],
      [
        'created() without a body is a 201 with Location only',
        created('/users/u-1'),
        { status: 201, headers: { location: '/users/u-1' }, body: '' },
      ],
      ['accepted() is a 202 without a body', accepted(), { status: 202, body: '' }],
      [
        'accepted() with a body is a 202 JSON response',
        accepted({ jobId: 'j-1' }),
        { status: 202, headers: { 'content-type': 'application/json' }, body: '{"jobId":"j-1"}' },
      ],
      ['noContent() is a 204 without a body', noContent(), { status: 204, body: '' }],
      [
        'noContent() with headers sends them',
        noContent({ headers: { 'x-request-cost': '3' } }),
        { status: 204, headers: { 'x-request-cost': '3' }, body: '' },
      ],
      [
        'redirect() is a 302 Found by default',
        redirect('/login'),
        { status: 302, headers: { location: '/login' }, body: '' },
      ],
      ...([301, 302, 303, 307, 308] as const).map((status): [string, Reply, Expected] => [
        `redirect() with ${status} sends ${status} and Location`,
        redirect('https://example.com/next', status),
        { status, headers: { location: 'https://example.com/next' }, body: '' },
      ]),
    ])('%s', async (_, reply, expected) => {
      await expectAnswer(kind, () => ok(reply), expected);
    });

    it.each<[string, Reply, Record<string, string>]>([
      ['204 No Content', json({ a: 1 }, { status: 204 }), {}],
      ['205 Reset Content (RFC 9110 §15.3.6: no content)', json({ a: 1 }, { status: 205 }), {}],
      [
        '304 Not Modified',
        json({ a: 1 }, { status: 304, headers: { etag: '"v1"' } }),
        { etag: '"v1"' },
      ],
    ])('a %s reply is sent without a body, whatever it holds', async (_, reply, headers) => {
      await expectAnswer(kind, () => ok(reply), {
        status: reply.status,
        headers: { ...headers, 'content-type': 'application/json' },
        body: '',
      });
    });

    it('a header named __proto__ is sent as a header, not lost to the prototype', async () => {
      await expectAnswer(kind, () => ok(text('x', { headers: { ['__proto__']: 'p' } })), {
        status: 200,
        headers: { ['__proto__']: 'p', 'content-type': 'text/plain; charset=utf-8' },
        body: 'x',
      });
    });

    it('a header with several values is sent once per value', async () => {
      const result = await answer(kind, () =>
        ok(json(1, { headers: { Vary: ['accept', 'accept-encoding'], 'x-one': 'a' } })),
      );
      expect(result).toEqual(
        kind.kind === 'rest'
          ? {
              statusCode: 200,
              headers: {
                'x-one': 'a',
                'content-type': 'application/json',
                'x-request-id': REST_REQUEST_ID,
              },
              multiValueHeaders: { vary: ['accept', 'accept-encoding'] },
              body: '1',
              isBase64Encoded: false,
            }
          : {
              statusCode: 200,
              headers: {
                vary: 'accept, accept-encoding',
                'x-one': 'a',
                'content-type': 'application/json',
                'x-request-id': HTTP_REQUEST_ID,
              },
              cookies: [],
              body: '1',
              isBase64Encoded: false,
            },
      );
    });
  });

  describe('problems', () => {
    it.each<[string, Problem, number, string]>([
      ['badRequest', badRequest(), 400, 'Bad Request'],
      ['forbidden', forbidden(), 403, 'Forbidden'],
      ['notFound', notFound(), 404, 'Not Found'],
      ['notAcceptable', notAcceptable(), 406, 'Not Acceptable'],
      ['conflict', conflict(), 409, 'Conflict'],
      ['gone', gone(), 410, 'Gone'],
      ['preconditionFailed', preconditionFailed(), 412, 'Precondition Failed'],
      ['payloadTooLarge', payloadTooLarge(), 413, 'Content Too Large'],
      ['unsupportedMediaType', unsupportedMediaType(), 415, 'Unsupported Media Type'],
      ['unprocessableEntity', unprocessableEntity(), 422, 'Unprocessable Content'],
      ['tooManyRequests', tooManyRequests(), 429, 'Too Many Requests'],
      ['internalServerError', internalServerError(), 500, 'Internal Server Error'],
      ['notImplemented', notImplemented(), 501, 'Not Implemented'],
      ['serviceUnavailable', serviceUnavailable(), 503, 'Service Unavailable'],
      ['gatewayTimeout', gatewayTimeout(), 504, 'Gateway Timeout'],
    ])('Err(%s()) is a %i JSON:API document', async (_, p, status, title) => {
      await expectAnswer(kind, () => err(p), {
        status,
        headers: { 'content-type': 'application/json' },
        body: jsonApiErrors(kind.requestId, { status: String(status), title }),
      });
    });

    it.each<[string, Problem, number, string, Record<string, string>]>([
      [
        'unauthorized sends WWW-Authenticate',
        unauthorized('Bearer realm="api"'),
        401,
        'Unauthorized',
        { 'www-authenticate': 'Bearer realm="api"' },
      ],
      [
        'methodNotAllowed sends Allow',
        methodNotAllowed(['GET', 'HEAD']),
        405,
        'Method Not Allowed',
        { allow: 'GET, HEAD' },
      ],
      [
        'tooManyRequests(30) sends Retry-After in seconds',
        tooManyRequests(30),
        429,
        'Too Many Requests',
        { 'retry-after': '30' },
      ],
      [
        'serviceUnavailable(date) sends Retry-After as an HTTP date',
        serviceUnavailable(new Date(Date.UTC(2030, 0, 2, 3, 4, 5))),
        503,
        'Service Unavailable',
        { 'retry-after': 'Wed, 02 Jan 2030 03:04:05 GMT' },
      ],
      [
        'a problem with its own headers sends them',
        problem({ status: 402, headers: { 'X-Payment-Provider': 'acme' } }),
        402,
        'Payment Required',
        { 'x-payment-provider': 'acme' },
      ],
    ])('%s', async (_, p, status, title, headers) => {
      await expectAnswer(kind, () => err(p), {
        status,
        headers: { ...headers, 'content-type': 'application/json' },
        body: jsonApiErrors(kind.requestId, { status: String(status), title }),
      });
    });

    it('a problem with a Set-Cookie header sends it as a cookie', async () => {
      await expectAnswer(
        kind,
        () => err(unauthorized('Bearer', { headers: { 'set-cookie': 'session=; Max-Age=0' } })),
        {
          status: 401,
          headers: { 'www-authenticate': 'Bearer', 'content-type': 'application/json' },
          cookies: ['session=; Max-Age=0'],
          body: jsonApiErrors(kind.requestId, { status: '401', title: 'Unauthorized' }),
        },
      );
    });

    it('every member of a problem reaches the document', async () => {
      const p = unprocessableEntity({
        code: 'EmailTaken',
        title: 'Email already registered',
        detail: 'u@example.com is taken.',
        source: { pointer: '/data/attributes/email' },
        type: 'https://errors.example.com/email-taken',
        meta: { field: 'email' },
      });
      await expectAnswer(kind, () => err(p), {
        status: 422,
        headers: { 'content-type': 'application/json' },
        body: jsonApiErrors(kind.requestId, {
          status: '422',
          code: 'EmailTaken',
          title: 'Email already registered',
          detail: 'u@example.com is taken.',
          source: { pointer: '/data/attributes/email' },
          links: { type: 'https://errors.example.com/email-taken' },
          meta: { field: 'email' },
        }),
      });
    });

    it.each<[string, readonly ErrorStatus[], number]>([
      ['the same status twice keeps it', [404, 404], 404],
      ['the same 5xx status twice keeps it', [503, 503], 503],
      ['two different 4xx become 400', [400, 422], 400],
      ['three different 4xx become 400', [404, 409, 422], 400],
      ['401 and 403 become 400', [401, 403], 400],
      ['a 4xx and a 5xx become 500', [422, 503], 500],
      ['two different 5xx become 500', [502, 504], 500],
      ['a 5xx among 4xx becomes 500', [400, 404, 501], 500],
    ])('Err([problems]): %s', async (_, statuses, combined) => {
      await expectAnswer(kind, () => err(statuses.map((status) => problem({ status }))), {
        status: combined,
        headers: { 'content-type': 'application/json' },
        body: jsonApiErrors(
          kind.requestId,
          ...statuses.map((status) => ({
            status: String(status),
            title: problem({ status }).title,
          })),
        ),
      });
    });

    it('Err([problems]) sends the headers of every problem', async () => {
      await expectAnswer(kind, () => err([unauthorized('Bearer'), tooManyRequests(5)]), {
        status: 400,
        headers: {
          'www-authenticate': 'Bearer',
          'retry-after': '5',
          'content-type': 'application/json',
        },
        body: jsonApiErrors(
          kind.requestId,
          { status: '401', title: 'Unauthorized' },
          { status: '429', title: 'Too Many Requests' },
        ),
      });
    });
  });

  describe('defects', () => {
    interface DefectCase {
      readonly name: string;
      readonly handler: AnyHandler;
      readonly errorName: string;
      readonly errorMessage: string | RegExp;
      readonly hasStack: boolean;
      readonly causes?: readonly object[];
    }

    const withSecretCause = (): Error =>
      new Error(`outer ${SECRET}`, { cause: new TypeError(`inner ${SECRET}`) });
    const circular: Record<string, unknown> = { secret: SECRET };
    circular['self'] = circular;
    const serialiseCause = [{ name: 'TypeError', message: ANY_STRING, stack: ANY_STRING }];

    const DEFECTS: readonly DefectCase[] = [
      {
        name: 'a synchronous throw of an Error',
        handler: () => {
          throw new Error(SECRET);
        },
        errorName: 'Error',
        errorMessage: SECRET,
        hasStack: true,
      },
      {
        name: 'a throw of an Error with a cause',
        handler: () => {
          throw withSecretCause();
        },
        errorName: 'Error',
        errorMessage: `outer ${SECRET}`,
        hasStack: true,
        causes: [{ name: 'TypeError', message: `inner ${SECRET}`, stack: ANY_STRING }],
      },
      {
        name: 'a rejected promise',
        handler: () => Promise.reject<Result<unknown, Problem>>(new RangeError(SECRET)),
        errorName: 'RangeError',
        errorMessage: SECRET,
        hasStack: true,
      },
      {
        name: 'a ResultAsync whose promise rejects',
        handler: () => new ResultAsync(Promise.reject(new Error(SECRET))),
        errorName: 'Error',
        errorMessage: SECRET,
        hasStack: true,
      },
      {
        name: 'a TaskEither whose task rejects',
        handler: () => () => Promise.reject(new Error(SECRET)),
        errorName: 'Error',
        errorMessage: SECRET,
        hasStack: true,
      },
      {
        name: 'a TaskEither whose task throws',
        handler: () => () => {
          throw new Error(SECRET);
        },
        errorName: 'Error',
        errorMessage: SECRET,
        hasStack: true,
      },
      {
        name: 'a throw of a string',
        handler: () => {
          // eslint-disable-next-line @typescript-eslint/only-throw-error -- the defect under test
          throw SECRET;
        },
        errorName: 'string',
        errorMessage: SECRET,
        hasStack: false,
      },
      {
        name: 'a throw of an error-like object',
        handler: () => {
          // eslint-disable-next-line @typescript-eslint/only-throw-error -- the defect under test
          throw { name: 'DomainError', message: SECRET };
        },
        errorName: 'DomainError',
        errorMessage: SECRET,
        hasStack: false,
      },
      {
        name: 'a throw of null',
        handler: () => {
          // eslint-disable-next-line @typescript-eslint/only-throw-error -- the defect under test
          throw null;
        },
        errorName: 'null',
        errorMessage: 'null',
        hasStack: false,
      },
      {
        name: 'a rejection with undefined',
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- under test
        handler: () => Promise.reject<Result<unknown, Problem>>(undefined),
        errorName: 'undefined',
        errorMessage: 'undefined',
        hasStack: false,
      },
      {
        name: 'a return value that is a Lambda result, not a Result',
        handler: bad(() => ({ statusCode: 200, body: SECRET })),
        errorName: 'NotAResultError',
        errorMessage: /^The handler returned an object without isOk\(\) or _tag;/,
        hasStack: true,
      },
      {
        name: 'a return value that is a string',
        handler: bad(() => SECRET),
        errorName: 'NotAResultError',
        errorMessage: /^The handler returned a string;/,
        hasStack: true,
      },
      {
        name: 'a return value that is undefined',
        handler: bad(() => undefined),
        errorName: 'NotAResultError',
        errorMessage: /^The handler returned undefined;/,
        hasStack: true,
      },
      {
        name: 'a promise of something that is not a result',
        handler: bad(() => Promise.resolve({ secret: SECRET })),
        errorName: 'NotAResultError',
        errorMessage: /^The handler returned an object without isOk\(\) or _tag;/,
        hasStack: true,
      },
      {
        name: 'an Err holding an Error',
        handler: bad(() => err(new Error(SECRET))),
        errorName: 'InvalidResponseError',
        errorMessage: NOT_PROBLEMS,
        hasStack: true,
        causes: [{ name: 'Error', message: SECRET, stack: ANY_STRING }],
      },
      {
        name: 'an Err holding a string',
        handler: bad(() => err(SECRET)),
        errorName: 'InvalidResponseError',
        errorMessage: NOT_PROBLEMS,
        hasStack: true,
        causes: [{ name: 'string', message: SECRET }],
      },
      {
        name: 'an Err holding an empty list',
        handler: () => err([]),
        errorName: 'InvalidResponseError',
        errorMessage: 'The handler returned an empty list of errors.',
        hasStack: true,
      },
      {
        name: 'an Err holding a list with a non-problem',
        handler: bad(() => err([notFound(), { detail: SECRET }])),
        errorName: 'InvalidResponseError',
        errorMessage: NOT_PROBLEMS,
        hasStack: true,
        causes: [PLAIN_OBJECT_CAUSE],
      },
      {
        name: 'an fp-ts Left holding a non-problem',
        handler: bad(() => E.left({ _tag: 'UserNotFound', secret: SECRET })),
        errorName: 'InvalidResponseError',
        errorMessage:
          'The handler returned the error "UserNotFound" but toLambda has no error map; pass one that covers it as the `errors` option.',
        hasStack: true,
        causes: [TAGGED_OBJECT_CAUSE],
      },
      {
        name: 'an Ok value holding a BigInt',
        handler: () => ok({ id: 1n, note: SECRET }),
        errorName: 'InvalidResponseError',
        errorMessage: 'The Ok value cannot be serialised as JSON.',
        hasStack: true,
        causes: serialiseCause,
      },
      {
        name: 'a circular Ok value',
        handler: () => ok(circular),
        errorName: 'InvalidResponseError',
        errorMessage: 'The Ok value cannot be serialised as JSON.',
        hasStack: true,
        causes: serialiseCause,
      },
      {
        name: 'an Ok value JSON cannot represent',
        handler: () => ok(() => SECRET),
        errorName: 'InvalidResponseError',
        errorMessage: 'The Ok value is a function, which JSON cannot represent.',
        hasStack: true,
      },
      {
        name: 'a json reply whose body holds a BigInt',
        handler: () => ok(json({ n: 1n, note: SECRET })),
        errorName: 'InvalidResponseError',
        errorMessage: 'The reply body cannot be serialised as JSON.',
        hasStack: true,
        causes: serialiseCause,
      },
      {
        name: 'a problem whose meta holds a BigInt',
        handler: () => err(notFound({ detail: SECRET, meta: { n: 1n } })),
        errorName: 'InvalidResponseError',
        errorMessage: 'The problem cannot be serialised as JSON.',
        hasStack: true,
        causes: serialiseCause,
      },
      ...[404, 199, 100, 400, 600, 200.5, Number.NaN].map((status): DefectCase => ({
        name: `a reply with status ${status}`,
        handler: () => ok(json(SECRET, { status: bad<SuccessStatus>(status) })),
        errorName: 'InvalidResponseError',
        errorMessage: `A reply has status ${status}; replies carry 200–399 (failures are problems).`,
        hasStack: true,
      })),
      ...[200, 302, 399, 600, 404.5].map((status): DefectCase => ({
        name: `a problem with status ${status}`,
        handler: () => err(problem({ status: bad<ErrorStatus>(status), detail: SECRET })),
        errorName: 'InvalidResponseError',
        errorMessage: `A problem has status ${status}; problems carry 400–599 (successes are replies).`,
        hasStack: true,
      })),
      {
        name: 'a problem with status 200 among valid ones',
        handler: () =>
          err([notFound(), problem({ status: bad<ErrorStatus>(200), detail: SECRET })]),
        errorName: 'InvalidResponseError',
        errorMessage: /^A problem has status 200;/,
        hasStack: true,
      },
      ...(
        [
          ['CR LF', `ok\r\nSet-Cookie: ${SECRET}`],
          ['a bare LF', `ok\n${SECRET}`],
          ['a bare CR', `ok\r${SECRET}`],
          ['NUL', `ok\0${SECRET}`],
        ] as const
      ).flatMap(([what, value]): DefectCase[] => [
        {
          name: `a reply header value with ${what}`,
          handler: () => ok(json(1, { headers: { 'x-note': value } })),
          errorName: 'InvalidResponseError',
          errorMessage: 'Header "x-note" has a value containing CR, LF or NUL.',
          hasStack: true,
        },
        {
          name: `one of several reply header values with ${what}`,
          handler: () => ok(text('x', { headers: { 'X-Note': ['fine', value] } })),
          errorName: 'InvalidResponseError',
          errorMessage: 'Header "x-note" has a value containing CR, LF or NUL.',
          hasStack: true,
        },
        {
          name: `a reply cookie with ${what}`,
          handler: () => ok(noContent({ cookies: [value] })),
          errorName: 'InvalidResponseError',
          errorMessage: 'Header "set-cookie" has a value containing CR, LF or NUL.',
          hasStack: true,
        },
        {
          name: `a problem header value with ${what}`,
          handler: () => err(unauthorized(value)),
          errorName: 'InvalidResponseError',
          errorMessage: 'Header "www-authenticate" has a value containing CR, LF or NUL.',
          hasStack: true,
        },
      ]),
      ...['x bad', '', 'x-ä', 'x:y', 'x\r\ny', '(x)'].map((name): DefectCase => ({
        name: `a reply header named ${JSON.stringify(name)}`,
        handler: () => ok(json(1, { headers: { [name]: SECRET } })),
        errorName: 'InvalidResponseError',
        errorMessage: `"${name}" is not a valid header name.`,
        hasStack: true,
      })),
      {
        name: 'a problem header with an invalid name',
        handler: () => err(badRequest({ headers: { 'x y': SECRET } })),
        errorName: 'InvalidResponseError',
        errorMessage: '"x y" is not a valid header name.',
        hasStack: true,
      },
      {
        name: 'a reply header with a number value',
        handler: () => ok(json(SECRET, { headers: { 'x-count': bad<string>(3) } })),
        errorName: 'InvalidResponseError',
        errorMessage: 'Header "x-count" has a number value; expected a string.',
        hasStack: true,
      },
      {
        name: 'a text reply with a number body',
        handler: () => ok(text(bad<string>(42), { headers: { 'x-secret': SECRET } })),
        errorName: 'InvalidResponseError',
        errorMessage: 'A text reply has a number body.',
        hasStack: true,
      },
      {
        name: 'a binary reply with a string body',
        handler: () => ok(binary(bad<Uint8Array>(SECRET))),
        errorName: 'InvalidResponseError',
        errorMessage: 'A binary reply has a body that is not a Uint8Array.',
        hasStack: true,
      },
      {
        name: 'a reply with an unknown body type',
        handler: () => ok(bad<Reply>({ ...json(SECRET), bodyType: 'xml' })),
        errorName: 'InvalidResponseError',
        errorMessage: 'A reply has an unknown body type.',
        hasStack: true,
      },
    ];

    it.each(DEFECTS)('$name: a masked 500, logged once', async (defect) => {
      const logger = captureLogger();
      const result = await expectAnswer(kind, defect.handler, masked(kind.requestId), { logger });
      expect(logger.error).toHaveBeenCalledTimes(1);
      expect(logger.error.mock.calls[0]?.[0]).toEqual({
        message: DEFECT_MESSAGE,
        requestId: kind.requestId,
        lambdaRequestId: LAMBDA_REQUEST_ID,
        kind: kind.kind,
        method: 'GET',
        path: '/items',
        route: kind.route,
        traceId: TRACE_ID,
        errorName: defect.errorName,
        errorMessage: matches(defect.errorMessage),
        ...(defect.hasStack ? { stack: ANY_STRING } : {}),
        causes: defect.causes ?? [],
      });
      expect(logger.warn).not.toHaveBeenCalled();
      expect(JSON.stringify(result)).not.toContain(SECRET);
    });

    it('the masked 500 is a problem+json document when that format is chosen', async () => {
      const logger = captureLogger();
      const result = await expectAnswer(
        kind,
        () => {
          throw new Error(SECRET);
        },
        {
          status: 500,
          headers: { 'content-type': 'application/problem+json' },
          body: {
            type: 'about:blank',
            title: 'Internal Server Error',
            status: 500,
            detail: MASKED_DETAIL,
            requestId: kind.requestId,
          },
        },
        { logger, errorFormat: 'problem' },
      );
      expect(logger.error).toHaveBeenCalledTimes(1);
      expect(JSON.stringify(result)).not.toContain(SECRET);
    });

    it('a logger whose error() throws still yields the masked 500', async () => {
      const logger = captureLogger();
      logger.error.mockImplementation(() => {
        throw new Error('logger down');
      });
      await expectAnswer(
        kind,
        () => {
          throw new Error(SECRET);
        },
        masked(kind.requestId),
        { logger },
      );
      expect(logger.error).toHaveBeenCalledTimes(1);
    });

    it('an expected 500 problem is not a defect: it is sent as given, logged once as a server error', async () => {
      const logger = captureLogger();
      await expectAnswer(
        kind,
        () => err(internalServerError({ code: 'LedgerUnavailable' })),
        {
          status: 500,
          headers: { 'content-type': 'application/json' },
          body: jsonApiErrors(kind.requestId, {
            status: '500',
            code: 'LedgerUnavailable',
            title: 'Internal Server Error',
          }),
        },
        { logger },
      );
      expect(logger.error.mock.calls).toEqual([
        [
          {
            message: 'Answered 500: a server error the handler returned',
            requestId: kind.requestId,
            lambdaRequestId: LAMBDA_REQUEST_ID,
            method: 'GET',
            path: '/items',
            route: kind.route,
            traceId: TRACE_ID,
            status: 500,
            errors: [{ status: 500, title: 'Internal Server Error', code: 'LedgerUnavailable' }],
          },
        ],
      ]);
    });
  });

  describe('HEAD requests', () => {
    const head = { method: 'HEAD' };

    it('an Ok value is answered without a body', async () => {
      await expectAnswer(
        kind,
        () => ok({ id: 'u-1' }),
        { status: 200, headers: { 'content-type': 'application/json' }, body: '' },
        {},
        head,
      );
    });

    it('a binary reply is answered without a body and not base64-encoded', async () => {
      await expectAnswer(
        kind,
        () => ok(binary(new Uint8Array([1, 2, 3]))),
        { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: '' },
        {},
        head,
      );
    });

    it('a problem is answered with its status and headers, without a body', async () => {
      await expectAnswer(
        kind,
        () => err(methodNotAllowed(['GET', 'HEAD'])),
        {
          status: 405,
          headers: { allow: 'GET, HEAD', 'content-type': 'application/json' },
          body: '',
        },
        {},
        head,
      );
    });

    it('a defect is a 500 without a body, still logged with the method', async () => {
      const logger = captureLogger();
      await expectAnswer(
        kind,
        () => {
          throw new Error(SECRET);
        },
        { status: 500, headers: { 'content-type': 'application/json' }, body: '' },
        { logger },
        head,
      );
      expect(logger.error).toHaveBeenCalledWith(expect.objectContaining({ method: 'HEAD' }));
    });
  });
});
