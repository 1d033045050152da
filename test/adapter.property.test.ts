import type { Context } from 'aws-lambda';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { ResultAsync, err, errAsync, ok, okAsync } from 'neverthrow';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import type {
  ErrorFormat,
  ErrorStatus,
  Handler,
  HeaderInit,
  HttpEvent,
  JsonApiMediaType,
  LogRecord,
  Problem,
  ProblemError,
  RedirectStatus,
  Reply,
  ReplyInit,
  ReplyOptions,
  SuccessStatus,
} from '../src/index.js';
import type { CorsOptions } from '../src/middleware/index.js';
import {
  UnsupportedEventError,
  accepted,
  binary,
  created,
  detectEventKind,
  isProblem,
  isReply,
  json,
  methodNotAllowed,
  noContent,
  notFound,
  problem,
  redirect,
  serviceUnavailable,
  text,
  toLambda,
  tooManyRequests,
  unauthorized,
} from '../src/index.js';
import {
  compress,
  conditionalGet,
  cors,
  deadline,
  securityHeaders,
} from '../src/middleware/index.js';
import {
  albEvent,
  fakeContext,
  functionUrlEvent,
  httpApiEvent,
  restApiEvent,
} from '../src/testing/index.js';
import {
  FUNCTION_URL_REQUEST_ID,
  HTTP_REQUEST_ID,
  LAMBDA_REQUEST_ID,
  REQUEST_ID_HEADER,
  REST_REQUEST_ID,
} from './support/request-id.js';

const lambdaContext = fakeContext({ awsRequestId: LAMBDA_REQUEST_ID });

/** Runs per property; `FUZZ_RUNS=100000 npx vitest run test/adapter.property.test.ts` for more. */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 200);
const TIMEOUT = Math.max(10_000, RUNS * 25);

/** Put into every defect; the response must never carry it. */
const MARK = 'SECRET-FUZZ';

type AnyHandler = Handler<unknown, ProblemError>;

/** A capturing logger; a broken one throws from every method, which must change nothing. */
function captureLogger(broken: boolean) {
  const method = () =>
    vi.fn<(record: LogRecord) => void>((): void => {
      if (broken) throw new Error('logger down');
    });
  return { error: method(), warn: method(), info: method(), debug: method() };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------------
// Events: valid ones from the builders, then parts replaced by random, odd or missing values.
// Only what detection needs is kept: `httpMethod` + `path` strings (REST), `requestContext.http`
// or `version: "2.0"` + `rawPath` (payload 2.0), `requestContext.elb` (ALB).
// ---------------------------------------------------------------------------------------------

type ResultShape = 'rest' | 'v2' | 'alb';

interface GeneratedEvent {
  readonly shape: ResultShape;
  readonly event: Record<string, unknown>;
  /** Whether the event itself is refused (a body marked base64 that is not): a 400. */
  readonly rejected: boolean;
}

/** A field change: leave the builder's value, delete the field (`{ value: undefined }`) or set it. */
type Change = { readonly value: unknown } | undefined;

function change(arb: fc.Arbitrary<unknown>): fc.Arbitrary<Change> {
  return fc.option(
    fc.oneof(
      { weight: 6, arbitrary: arb.map((value) => ({ value })) },
      { weight: 1, arbitrary: fc.constant({ value: undefined }) },
    ),
    { nil: undefined, freq: 3 },
  );
}

function applyChanges(
  base: object,
  changes: Readonly<Record<string, Change>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, c] of Object.entries(changes)) {
    if (c === undefined) continue;
    if (c.value === undefined) Reflect.deleteProperty(out, key);
    else out[key] = c.value;
  }
  return out;
}

const method = fc.oneof(
  fc.constantFrom('GET', 'HEAD', 'head', 'POST', 'put', 'DELETE', 'OPTIONS', 'PATCH'),
  fc.string({ maxLength: 8 }),
);
const oddScalar = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.double(),
  fc.constant([]),
);
const headerName = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'Accept',
      'ACCEPT',
      'accept',
      'Content-Type',
      'cookie',
      'Cookie',
      'X-Forwarded-For',
      'Host',
      'x-Mixed-CASE',
      '__proto__',
      'constructor',
      'hasOwnProperty',
      // What the built-in middleware read.
      'Origin',
      'Access-Control-Request-Method',
      'access-control-request-headers',
      'Accept-Encoding',
      'If-None-Match',
    ),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  // A client's own request id, which a sane value makes the request's id.
  { weight: 1, arbitrary: fc.constantFrom('x-request-id', 'X-Request-ID') },
);
const headerValue = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(
    'application/problem+json',
    'Application/Problem+JSON;q=0.9, application/json;q=0.1',
    'application/json;q=0.5, application/problem+json',
    '*/*',
    'a=1; b="2"; c; =d; e=',
    '1.2.3.4, 10.0.0.1',
    '',
    ' , ',
    'c'.repeat(200),
    'c'.repeat(201),
    'https://shop.example',
    'https://shop.example\r\nset-cookie: a=1',
    'null',
    'POST',
    'content-type, x-api-key',
    'x-a\r\nx-b',
    'gzip, br',
    'br;q=0, gzip',
    'W/"0"',
    '*',
  ),
  // Visible ASCII, as a sane request id is.
  fc.stringMatching(/^[\x21-\x7e]{1,24}$/),
);
// Ids a response header cannot carry (CR, LF, NUL, other controls, characters above U+00FF) and
// ones it can (a tab, obs-text).
const unsafeRequestId = fc.constantFrom(
  'gw\r\nset-cookie: a=1',
  'gw\n1',
  'gw\u00001',
  'gw\u007f',
  'gw\u001b[31m',
  'gw\u0100',
  'gw-\u20ac',
  'gw\tok',
  'gw-\u00e9',
);
const oddValue = fc.oneof(
  oddScalar,
  fc.array(headerValue, { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 2 }),
);
const singleMap = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.dictionary(
      headerName,
      fc.oneof({ weight: 6, arbitrary: headerValue }, { weight: 1, arbitrary: oddValue }),
      { maxKeys: 6 },
    ),
  },
  { weight: 1, arbitrary: fc.oneof(oddScalar, fc.string({ maxLength: 4 })) },
);
const multiMap = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.dictionary(
      headerName,
      fc.oneof(
        { weight: 6, arbitrary: fc.array(headerValue, { maxLength: 3 }) },
        { weight: 1, arbitrary: oddValue },
      ),
      { maxKeys: 6 },
    ),
  },
  { weight: 1, arbitrary: fc.oneof(oddScalar, fc.string({ maxLength: 4 })) },
);
const queryText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('%', '%zz', '%C0%AE', '%E2%82%AC', 'a+b', '%2B', '=', '&'),
);
const queryMap = fc.oneof(
  { weight: 6, arbitrary: fc.dictionary(queryText, queryText, { maxKeys: 4 }) },
  { weight: 1, arbitrary: oddScalar },
);
const multiQueryMap = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.dictionary(queryText, fc.array(queryText, { maxLength: 3 }), { maxKeys: 4 }),
  },
  { weight: 1, arbitrary: oddScalar },
);
const rawQueryString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc
    .array(fc.tuple(queryText, queryText), { maxLength: 4 })
    .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&')),
  fc.constantFrom('', 'a=1&a=2&&b', '%', 'x=%C0%AE'),
);

interface BodyCase {
  readonly fields: Readonly<Record<string, unknown>>;
  readonly rejected: boolean;
}

const BASE64_OUTSIDERS = ['!', ' ', '-', '_', '%', '\n', 'é', '.', '*'];

const body: fc.Arbitrary<BodyCase> = fc.oneof(
  fc.constant({ fields: {}, rejected: false }),
  fc
    .tuple(fc.constantFrom(null, ''), fc.boolean())
    .map(([b, flag]) => ({ fields: { body: b, isBase64Encoded: flag }, rejected: false })),
  fc
    .string({ unit: 'binary', maxLength: 40 })
    .map((b) => ({ fields: { body: b, isBase64Encoded: false }, rejected: false })),
  fc.tuple(fc.uint8Array({ maxLength: 40 }), fc.boolean()).map(([bytes, unpadded]) => {
    const encoded = Buffer.from(bytes).toString('base64');
    return {
      fields: { body: unpadded ? encoded.replace(/=+$/, '') : encoded, isBase64Encoded: true },
      rejected: false,
    };
  }),
  // Not base64: a character outside the RFC 4648 §4 alphabet, or a length of 4n+1.
  fc
    .tuple(fc.base64String({ maxLength: 40 }), fc.constantFrom(...BASE64_OUTSIDERS))
    .map(([b, c]) => ({ fields: { body: b + c, isBase64Encoded: true }, rejected: true })),
  fc
    .base64String({ maxLength: 40 })
    .map((b) => b.replace(/=+$/, ''))
    .filter((b) => b.length % 4 === 0)
    .map((b) => ({ fields: { body: `${b}A`, isBase64Encoded: true }, rejected: true })),
  // Odd body fields: a non-string body is no body; only `true` means base64.
  fc
    .tuple(fc.oneof(oddScalar, fc.object({ maxDepth: 1 })), fc.oneof(oddScalar, fc.boolean()))
    .map(([b, flag]) => ({ fields: { body: b, isBase64Encoded: flag }, rejected: false })),
  fc
    .tuple(fc.string({ maxLength: 10 }), fc.constantFrom('true', 1, 'yes', null))
    .map(([b, flag]) => ({ fields: { body: b, isBase64Encoded: flag }, rejected: false })),
);

const restEvents: fc.Arbitrary<GeneratedEvent> = fc
  .record({
    httpMethod: method,
    path: fc.oneof(fc.constant('/items'), fc.string({ maxLength: 20 })),
    body,
    changes: fc.record({
      headers: change(singleMap),
      multiValueHeaders: change(multiMap),
      queryStringParameters: change(queryMap),
      multiValueQueryStringParameters: change(multiQueryMap),
      // A REST API sends path parameters percent-encoded, as the client wrote them; values that do
      // not decode are a 400 of their own (test/hardening/path-decoding.test.ts).
      pathParameters: change(fc.dictionary(fc.string(), fc.string().map(encodeURIComponent))),
      resource: change(fc.oneof(fc.string(), oddScalar)),
      requestContext: change(
        fc.oneof(
          oddScalar,
          fc.constant({}),
          fc.record(
            {
              requestId: fc.oneof(fc.string({ maxLength: 8 }), oddScalar, unsafeRequestId),
              stage: fc.oneof(fc.string({ maxLength: 8 }), oddScalar),
              identity: fc.oneof(
                oddScalar,
                fc.record({ sourceIp: fc.oneof(fc.string(), oddScalar) }),
              ),
              authorizer: fc.oneof(oddScalar, fc.dictionary(fc.string(), fc.jsonValue())),
            },
            { requiredKeys: [] },
          ),
        ),
      ),
    }),
  })
  .map(({ httpMethod, path, body: b, changes }) => ({
    shape: 'rest',
    // Method and path as generated: the builder takes a valid path and upper-cases the method.
    event: applyChanges(
      {
        ...restApiEvent({ path: '/items', requestId: REST_REQUEST_ID }),
        httpMethod,
        path,
        ...b.fields,
      },
      changes,
    ),
    rejected: b.rejected,
  }));

/**
 * A payload 2.0 event on `rawPath` as generated (the builders take a valid path only), which
 * `requestContext.http.path` repeats as AWS sends it.
 */
function v2EventOn(functionUrl: boolean, rawPath: string): Record<string, unknown> {
  const event = functionUrl
    ? functionUrlEvent({ requestId: FUNCTION_URL_REQUEST_ID })
    : httpApiEvent({ requestId: HTTP_REQUEST_ID });
  return {
    ...event,
    rawPath,
    requestContext: {
      ...event.requestContext,
      http: { ...event.requestContext.http, path: rawPath },
    },
  };
}

const v2Events: fc.Arbitrary<GeneratedEvent> = fc
  .record({
    functionUrl: fc.boolean(),
    rawPath: fc.oneof(
      fc.constant('/items'),
      fc.constant('/prod/items'),
      fc.string({ maxLength: 20 }),
    ),
    body,
    changes: fc.record({
      headers: change(singleMap),
      rawQueryString: change(rawQueryString),
      queryStringParameters: change(queryMap),
      cookies: change(
        fc.oneof(
          fc.array(fc.oneof(headerValue, oddScalar), { maxLength: 4 }),
          oddScalar,
          fc.string(),
        ),
      ),
      pathParameters: change(queryMap),
      routeKey: change(fc.oneof(fc.string(), oddScalar)),
      // Without `requestContext`, `version: "2.0"` and the string `rawPath` still tell the kind.
      requestContext: change(
        fc.record(
          {
            http: fc.oneof(
              fc.constant({}),
              fc.record(
                {
                  method: fc.oneof(method, oddScalar),
                  path: fc.oneof(fc.string(), oddScalar),
                  sourceIp: fc.oneof(fc.string(), oddScalar),
                },
                { requiredKeys: [] },
              ),
            ),
            requestId: fc.oneof(fc.string({ maxLength: 8 }), oddScalar, unsafeRequestId),
            stage: fc.oneof(fc.constantFrom('$default', 'prod', ''), oddScalar),
            domainName: fc.oneof(
              fc.constantFrom('abc.lambda-url.eu-west-1.on.aws', 'abc.execute-api.aws'),
              oddScalar,
            ),
            routeKey: fc.oneof(fc.string(), oddScalar),
            authorizer: fc.oneof(oddScalar, fc.dictionary(fc.string(), fc.jsonValue())),
          },
          { requiredKeys: ['http'] },
        ),
      ),
    }),
  })
  .map(({ functionUrl, rawPath, body: b, changes }) => ({
    shape: 'v2',
    event: applyChanges({ ...v2EventOn(functionUrl, rawPath), ...b.fields }, changes),
    rejected: b.rejected,
  }));

const albEvents: fc.Arbitrary<GeneratedEvent> = fc
  .record({
    multiValue: fc.boolean(),
    body,
    changes: fc.record({
      httpMethod: change(fc.oneof(method, oddScalar)),
      path: change(fc.oneof(fc.string({ maxLength: 20 }), oddScalar)),
      headers: change(singleMap),
      multiValueHeaders: change(multiMap),
      queryStringParameters: change(queryMap),
      multiValueQueryStringParameters: change(multiQueryMap),
      requestContext: change(fc.constantFrom({ elb: {} }, { elb: { targetGroupArn: 7 } })),
    }),
  })
  .map(({ multiValue, body: b, changes }): GeneratedEvent => ({
    shape: 'alb',
    event: applyChanges({ ...albEvent({ path: '/items', multiValue }), ...b.fields }, changes),
    rejected: b.rejected,
  }))
  // ALB events are told by `requestContext.elb`; keep it.
  .filter(({ event }) => isRecord(event['requestContext']));

const events = fc.oneof(restEvents, v2Events, albEvents);

/** The method the event's reader will see, upper-cased; `GET` when the event has none. */
function methodOf({ shape, event }: GeneratedEvent): string {
  const raw =
    shape === 'v2'
      ? (event['requestContext'] as { http?: { method?: unknown } } | undefined)?.http?.method
      : event['httpMethod'];
  return typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean'
    ? String(raw).toUpperCase()
    : 'GET';
}

// ---------------------------------------------------------------------------------------------
// Outcomes: what the handler returns or throws, and the status that must come of it.
// ---------------------------------------------------------------------------------------------

interface GeneratedOutcome {
  readonly label: string;
  /** Called inside the handler, so that promises are only made (and rejected) when it runs. */
  readonly run: () => unknown;
  readonly status: number;
  readonly defect: boolean;
  /** The problems answered (not for defects), as the 4xx log line lists them. */
  readonly problems: readonly Problem[];
  /** The request id header values the handler's own reply or problems send (not for defects). */
  readonly ownRequestIds: readonly string[];
}

type Side =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

const FORMS: readonly (readonly [string, (side: Side) => unknown])[] = [
  ['Result', (s) => (s.ok ? ok(s.value) : err(s.error))],
  ['ResultAsync', (s) => (s.ok ? okAsync(s.value) : errAsync(s.error))],
  ['Promise<Result>', (s) => Promise.resolve(s.ok ? ok(s.value) : err(s.error))],
  ['Either', (s) => (s.ok ? E.right(s.value) : E.left(s.error))],
  ['TaskEither', (s) => (s.ok ? TE.right(s.value) : TE.left(s.error))],
  ['Promise<Either>', (s) => Promise.resolve(s.ok ? E.right(s.value) : E.left(s.error))],
];

const SUCCESS_STATUSES: readonly SuccessStatus[] = [
  200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 307, 308,
];
const ERROR_STATUSES: readonly ErrorStatus[] = [
  400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418,
  421, 422, 423, 424, 425, 426, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505, 506, 507, 508,
  510, 511,
];
const REDIRECT_STATUSES: readonly RedirectStatus[] = [301, 302, 303, 307, 308];

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,16}$/;
// RFC 9110 field values: HTAB, space, visible ASCII and obs-text (0x80–0xFF).
const safeValue = fc
  .string({ unit: 'binary', maxLength: 24 })
  .filter((s) => /^[\t\x20-\x7e\x80-\xff]*$/.test(s));
const unsafeValue = fc
  .tuple(safeValue, fc.constantFrom('\r\n', '\n', '\r', '\0'), safeValue)
  .map(([a, bad, b]) => `${a}${bad}${MARK}${b}`);
// Fields that take one value (Location, ETag…) get it from the reply constructors; several
// values for one of them is a defect, covered by the bad replies.
const SINGLE_VALUE_FIELDS = new Set(['retry-after', 'location', 'content-location', 'etag', 'age']);
const tokenName = fc
  .oneof(
    { weight: 3, arbitrary: fc.stringMatching(TOKEN) },
    {
      weight: 3,
      arbitrary: fc.constantFrom('__proto__', 'constructor', 'Content-Type', 'Set-Cookie', 'vary'),
    },
    // A handler that sets the request id header itself: its values are sent, not the id.
    { weight: 1, arbitrary: fc.constant('X-Request-Id') },
  )
  .filter((name) => !SINGLE_VALUE_FIELDS.has(name.toLowerCase()));
const badName = fc.oneof(
  fc.constant(''),
  fc
    .tuple(fc.string({ maxLength: 6 }), fc.constantFrom(' ', ':', '(', 'é', '\n', '"', '/'))
    .map(([a, c]) => `${a}${c}${MARK}`),
);
const validHeaders = fc.dictionary(
  tokenName,
  fc.oneof(safeValue, fc.array(safeValue, { maxLength: 3 })),
  { maxKeys: 4 },
);
const replyOptions: fc.Arbitrary<ReplyOptions> = fc.record(
  { headers: validHeaders, cookies: fc.array(safeValue, { maxLength: 3 }) },
  { requiredKeys: [] },
);
const replyInit: fc.Arbitrary<ReplyInit> = fc.record(
  {
    status: fc.constantFrom(...SUCCESS_STATUSES),
    headers: validHeaders,
    cookies: fc.array(safeValue, { maxLength: 3 }),
  },
  { requiredKeys: [] },
);

const validReply: fc.Arbitrary<Reply> = fc.oneof(
  fc.tuple(fc.jsonValue({ maxDepth: 3 }), replyInit).map(([b, i]) => json(b, i)),
  fc.tuple(fc.string({ unit: 'binary' }), replyInit).map(([b, i]) => text(b, i)),
  fc.tuple(fc.uint8Array({ maxLength: 32 }), replyInit).map(([b, i]) => binary(b, i)),
  fc
    .tuple(safeValue, fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }), replyOptions)
    .map(([location, b, o]) => (b === undefined ? created(location) : created(location, b, o))),
  fc
    .tuple(fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }), replyOptions)
    .map(([b, o]) => (b === undefined ? accepted() : accepted(b, o))),
  replyOptions.map((o) => noContent(o)),
  fc
    .tuple(safeValue, fc.constantFrom(...REDIRECT_STATUSES), replyOptions)
    .map(([location, status, o]) => redirect(location, status, o)),
);

const badStatus = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ noInteger: true }),
  fc.constantFrom(Number.NaN, Infinity),
);

const badReply: fc.Arbitrary<Reply> = fc.oneof(
  badStatus
    .filter((s) => !(Number.isInteger(s) && s >= 200 && s <= 399))
    .map((s) => json(MARK, { status: s as SuccessStatus })),
  unsafeValue.map((v) => json(1, { headers: { 'x-note': v } })),
  unsafeValue.map((v) => text('x', { headers: { 'x-list': ['fine', v] } })),
  unsafeValue.map((v) => noContent({ cookies: [v] })),
  unsafeValue.map((v) => redirect(v)),
  badName.map((name) => json(1, { headers: { [name]: MARK } })),
  fc.bigInt().map((n) => json({ n, note: MARK })),
  fc
    .anything()
    .map((b) => text(b as string))
    .filter((r) => typeof r.body !== 'string'),
  fc.string().map((s) => binary(`${MARK}${s}` as unknown as Uint8Array)),
  fc.constant({ ...json(MARK), bodyType: 'xml' } as unknown as Reply),
);

const problemSource = fc.oneof(
  fc.record({ pointer: fc.string() }),
  fc.record({ parameter: fc.string() }),
  fc.record({ header: fc.string() }),
);

const validProblem: fc.Arbitrary<Problem> = fc.oneof(
  fc
    .record(
      {
        status: fc.constantFrom(...ERROR_STATUSES),
        code: fc.string(),
        title: fc.string({ unit: 'binary' }),
        detail: fc.string({ unit: 'binary' }),
        source: problemSource,
        meta: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
        type: fc.webUrl(),
        headers: validHeaders,
      },
      { requiredKeys: ['status'] },
    )
    .map((init) => problem(init)),
  safeValue.map((challenge) => unauthorized(challenge)),
  fc.array(tokenName, { maxLength: 3 }).map((allow) => methodNotAllowed(allow)),
  fc.integer({ min: 0, max: 1e6 }).map((seconds) => tooManyRequests(seconds)),
  fc
    .date({ noInvalidDate: true, min: new Date(0), max: new Date(Date.UTC(9999, 0)) })
    .map((date) => serviceUnavailable(date)),
);

const badProblem: fc.Arbitrary<Problem> = fc.oneof(
  badStatus
    .filter((s) => !(Number.isInteger(s) && s >= 400 && s <= 599))
    .map((s) => problem({ status: s as ErrorStatus, detail: MARK })),
  unsafeValue.map((v) => unauthorized(v)),
  badName.map((name) => notFound({ headers: { [name]: 'x' }, detail: MARK })),
  fc.bigInt().map((n) => notFound({ detail: MARK, meta: { n } })),
);

/** The status several problems combine to: theirs if equal, else 500 with any 5xx, else 400. */
function combined(statuses: readonly number[]): number {
  const first = statuses[0] ?? 500;
  if (statuses.every((s) => s === first)) return first;
  return statuses.some((s) => s >= 500) ? 500 : 400;
}

const circular = (): unknown => {
  const value: Record<string, unknown> = { note: MARK };
  value['self'] = value;
  return value;
};

/** A thrown or rejected value: anything at all, often carrying the mark. */
const thrown = fc.oneof(
  fc.anything(),
  fc.string().map((s) => `${MARK}${s}`),
  fc.string().map((s) => new Error(`${MARK}${s}`, { cause: new Error(MARK) })),
  fc.constant({ name: 'DomainError', message: MARK }),
);

const form = fc.constantFrom(...FORMS);

/** The values a header map gives the request id header, in order (names are case-insensitive). */
function requestIdValues(headers: HeaderInit | undefined): string[] {
  return Object.entries(headers ?? {}).flatMap(([name, value]) =>
    name.toLowerCase() === REQUEST_ID_HEADER ? (typeof value === 'string' ? [value] : value) : [],
  );
}

/** What an answer that is not a defect says of itself: its problems and its own request ids. */
function answered(side: Side): Pick<GeneratedOutcome, 'problems' | 'ownRequestIds'> {
  if (side.ok) {
    return {
      problems: [],
      ownRequestIds: isReply(side.value) ? requestIdValues(side.value.headers) : [],
    };
  }
  const problems: readonly Problem[] = Array.isArray(side.error)
    ? (side.error as Problem[])
    : [side.error as Problem];
  // The same header from several problems is sent once.
  return {
    problems,
    ownRequestIds: [...new Set(problems.flatMap((p) => requestIdValues(p.headers)))],
  };
}

function settled(label: string, side: Side, status: number, defect: boolean) {
  return form.map(([name, make]): GeneratedOutcome => ({
    label: `${name} of ${label}`,
    run: () => make(side),
    status,
    defect,
    ...(defect ? { problems: [], ownRequestIds: [] } : answered(side)),
  }));
}

const outcomes: fc.Arbitrary<GeneratedOutcome> = fc.oneof(
  // Ok values and replies.
  fc.jsonValue().chain((value) => settled('a JSON value', { ok: true, value }, 200, false)),
  settled('undefined', { ok: true, value: undefined }, 204, false),
  validReply.chain((reply) => settled('a reply', { ok: true, value: reply }, reply.status, false)),
  // Problems.
  validProblem.chain((p) => settled('a problem', { ok: false, error: p }, p.status, false)),
  fc
    .array(validProblem, { minLength: 1, maxLength: 4 })
    .chain((ps) =>
      settled('problems', { ok: false, error: ps }, combined(ps.map((p) => p.status)), false),
    ),
  // Defects that are results.
  badReply.chain((reply) => settled('a bad reply', { ok: true, value: reply }, 500, true)),
  fc
    .oneof(
      fc.bigInt(),
      fc.constant(() => MARK),
      fc.constant(Symbol(MARK)),
    )
    .chain((value) => settled('an Ok value JSON cannot hold', { ok: true, value }, 500, true)),
  fc
    .constant(null)
    .chain(() => settled('a circular Ok value', { ok: true, value: circular() }, 500, true)),
  badProblem.chain((p) => settled('a bad problem', { ok: false, error: p }, 500, true)),
  fc
    .oneof(
      thrown,
      fc.constant([]),
      fc
        .array(fc.oneof(validProblem, thrown), { minLength: 1, maxLength: 4 })
        .filter((list) => !list.every(isProblem)),
    )
    .chain((error) => settled('an Err that is not problems', { ok: false, error }, 500, true)),
  // Defects that are not results.
  thrown.map((value): GeneratedOutcome => ({
    label: 'a synchronous throw',
    run: () => {
      throw value;
    },
    status: 500,
    defect: true,
    problems: [],
    ownRequestIds: [],
  })),
  fc.tuple(thrown, fc.integer({ min: 0, max: 2 })).map(([value, how]): GeneratedOutcome => ({
    label: ['a rejected promise', 'a rejecting ResultAsync', 'a rejecting TaskEither'][how] ?? '',
    run: () => {
      const rejection = (): Promise<never> =>
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- any value may be rejected
        Promise.reject(value);
      if (how === 0) return rejection();
      if (how === 1) return new ResultAsync(rejection());
      return rejection;
    },
    status: 500,
    defect: true,
    problems: [],
    ownRequestIds: [],
  })),
  fc
    .oneof(
      fc.constantFrom(undefined, null, 0, MARK, true, [ok(1)], { statusCode: 200, body: MARK }),
      fc.integer(),
      fc.string(),
      fc.constant(() => MARK),
      fc.constant(() => Promise.resolve({ body: MARK })),
    )
    .map((value): GeneratedOutcome => ({
      label: 'a return value that is not a result',
      run: () => value,
      status: 500,
      defect: true,
      problems: [],
      ownRequestIds: [],
    })),
);

const options = fc.record({
  errorFormat: fc.option(fc.constantFrom<ErrorFormat>('json-api', 'problem', 'negotiate'), {
    nil: undefined,
  }),
  jsonApiMediaType: fc.option(
    fc.constantFrom<JsonApiMediaType>('application/json', 'application/vnd.api+json'),
    { nil: undefined },
  ),
  brokenLogger: fc.boolean(),
  context: fc.constantFrom<Context | undefined>(
    lambdaContext,
    {} as Context,
    undefined,
    fakeContext({ awsRequestId: 'lambda\r\nx-evil: 1' }),
  ),
});

// ---------------------------------------------------------------------------------------------
// What a valid result of each kind looks like.
// ---------------------------------------------------------------------------------------------

function expectStringMap(value: unknown): void {
  expect(isRecord(value)).toBe(true);
  for (const v of Object.values(value as object)) expect(typeof v).toBe('string');
}

function expectMultiValueMap(value: unknown): void {
  expect(isRecord(value)).toBe(true);
  for (const list of Object.values(value as object)) {
    expect(Array.isArray(list)).toBe(true);
    for (const v of list as unknown[]) expect(typeof v).toBe('string');
  }
}

const FIELD_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const UNSAFE_FIELD_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

/** Every header and cookie the result sends has a token name and no CR, LF or NUL. */
function expectSendableHeaders(result: Record<string, unknown>): void {
  const values: unknown[] = [];
  for (const map of [result['headers'], result['multiValueHeaders']]) {
    if (!isRecord(map)) continue;
    for (const [name, value] of Object.entries(map)) {
      expect(name).toMatch(FIELD_NAME);
      values.push(...(Array.isArray(value) ? (value as unknown[]) : [value]));
    }
  }
  if (Array.isArray(result['cookies'])) values.push(...(result['cookies'] as unknown[]));
  for (const value of values) expect(String(value)).not.toMatch(UNSAFE_FIELD_VALUE);
}

function expectValidResult(result: Record<string, unknown>, generated: GeneratedEvent): void {
  expectSendableHeaders(result);
  const status = result['statusCode'];
  expect(Number.isInteger(status)).toBe(true);
  expect(status).toBeGreaterThanOrEqual(100);
  expect(status).toBeLessThanOrEqual(599);
  expect(typeof result['body']).toBe('string');
  expect(typeof result['isBase64Encoded']).toBe('boolean');
  if (result['isBase64Encoded'] === true) {
    expect(result['body']).toMatch(
      /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
    );
  }
  switch (generated.shape) {
    case 'rest':
      expect(Object.keys(result).sort()).toEqual([
        'body',
        'headers',
        'isBase64Encoded',
        'multiValueHeaders',
        'statusCode',
      ]);
      expectStringMap(result['headers']);
      expectMultiValueMap(result['multiValueHeaders']);
      break;
    case 'v2':
      expect(Object.keys(result).sort()).toEqual([
        'body',
        'cookies',
        'headers',
        'isBase64Encoded',
        'statusCode',
      ]);
      expectStringMap(result['headers']);
      expect(Array.isArray(result['cookies'])).toBe(true);
      for (const cookie of result['cookies'] as unknown[]) expect(typeof cookie).toBe('string');
      break;
    case 'alb': {
      expect(result['statusDescription']).toMatch(new RegExp(`^${String(status)} \\S`));
      // A target group in multi-value mode sends `multiValueHeaders` and must get them back.
      if (isRecord(generated.event['multiValueHeaders'])) {
        expect(Object.keys(result).sort()).toEqual([
          'body',
          'isBase64Encoded',
          'multiValueHeaders',
          'statusCode',
          'statusDescription',
        ]);
        expectMultiValueMap(result['multiValueHeaders']);
      } else {
        expect(Object.keys(result).sort()).toEqual([
          'body',
          'headers',
          'isBase64Encoded',
          'statusCode',
          'statusDescription',
        ]);
        expectStringMap(result['headers']);
      }
      break;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The request id: the client's sane x-request-id, else API Gateway's, else Lambda's; sent back
// in x-request-id on every response unless the handler's answer sets that header itself.
// ---------------------------------------------------------------------------------------------

/** What a client's request id may look like to be adopted: visible ASCII, 1–200 characters. */
const SANE_REQUEST_ID = /^[\x21-\x7e]{1,200}$/;

/** A field as the readers take it: a string, or a number or boolean as its text. */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Every value the client sent in its request id header, names compared case-insensitively. */
function clientRequestIds({ shape, event }: GeneratedEvent): string[] {
  const valuesIn = (map: unknown, multi: boolean): string[] => {
    if (!isRecord(map)) return [];
    const out: string[] = [];
    for (const [name, value] of Object.entries(map)) {
      if (name.toLowerCase() !== REQUEST_ID_HEADER) continue;
      for (const item of multi && Array.isArray(value) ? (value as unknown[]) : [value]) {
        const text = textOf(item);
        if (text !== undefined) out.push(text);
      }
    }
    return out;
  };
  // REST and ALB events are read from multiValueHeaders when it names any header, else from
  // headers; payload 2.0 has headers only.
  const multi = shape === 'v2' ? undefined : event['multiValueHeaders'];
  if (isRecord(multi) && Object.keys(multi).length > 0) return valuesIn(multi, true);
  return valuesIn(event['headers'], false);
}

/** An id the response header can carry: not empty, only RFC 9110 field-value characters. */
function usableId(id: string | undefined): id is string {
  return id !== undefined && id !== '' && /^[\t\x20-\x7e\x80-\xff]*$/.test(id);
}

/** The request's id; `''` when neither the event nor the context gives a usable one. */
function expectedRequestId(generated: GeneratedEvent, context: Context | undefined): string {
  const [inbound] = clientRequestIds(generated);
  if (inbound !== undefined && SANE_REQUEST_ID.test(inbound)) return inbound;
  // ALB events carry no request id of their own.
  if (generated.shape !== 'alb') {
    const requestContext = generated.event['requestContext'];
    const gateway = isRecord(requestContext) ? textOf(requestContext['requestId']) : undefined;
    if (usableId(gateway)) return gateway;
  }
  const lambda = textOf((context as { awsRequestId?: unknown } | undefined)?.awsRequestId);
  return usableId(lambda) ? lambda : '';
}

/**
 * The result carries the request id header with exactly `values`, in its shape's form: REST
 * one value in `headers`, several in `multiValueHeaders`; payload 2.0 and ALB single-value mode
 * comma-joined in `headers`; ALB multi-value mode a list in `multiValueHeaders`.
 */
function expectRequestIdHeader(
  result: Record<string, unknown>,
  generated: GeneratedEvent,
  values: readonly string[],
): void {
  const headers = result['headers'];
  const multiValueHeaders = result['multiValueHeaders'];
  const seen = {
    single: isRecord(headers) ? headers[REQUEST_ID_HEADER] : undefined,
    list: isRecord(multiValueHeaders) ? multiValueHeaders[REQUEST_ID_HEADER] : undefined,
  };
  const none = values.length === 0;
  const asList = { single: undefined, list: none ? undefined : values };
  const joined = { single: none ? undefined : values.join(', '), list: undefined };
  switch (generated.shape) {
    case 'rest':
      expect(seen).toEqual(values.length === 1 ? { single: values[0], list: undefined } : asList);
      break;
    case 'v2':
      expect(seen).toEqual(joined);
      break;
    case 'alb':
      expect(seen).toEqual(isRecord(generated.event['multiValueHeaders']) ? asList : joined);
      break;
  }
}

/** A problem as the 4xx log line lists it. */
function logEntry(p: Problem): Record<string, unknown> {
  return {
    status: p.status,
    title: p.title,
    ...(p.code === undefined ? {} : { code: p.code }),
    ...(p.detail === undefined ? {} : { detail: p.detail }),
    ...(p.source === undefined ? {} : { source: p.source }),
    ...(p.meta === undefined ? {} : { meta: p.meta }),
    ...(p.type === undefined ? {} : { type: p.type }),
  };
}

describe('toLambda, for any event and any handler outcome', () => {
  it(
    'resolves to a valid result of the event’s kind, with the status the outcome calls for',
    async () => {
      await fc.assert(
        fc.asyncProperty(events, outcomes, options, async (generated, outcome, opts) => {
          const logger = captureLogger(opts.brokenLogger);
          const handler = toLambda((() => outcome.run()) as unknown as AnyHandler, {
            logger,
            ...(opts.errorFormat === undefined ? {} : { errorFormat: opts.errorFormat }),
            ...(opts.jsonApiMediaType === undefined
              ? {}
              : { jsonApiMediaType: opts.jsonApiMediaType }),
          });

          const result = (await handler(
            generated.event as unknown as HttpEvent,
            opts.context as Context,
          )) as unknown as Record<string, unknown>;

          expectValidResult(result, generated);
          const status = result['statusCode'] as number;
          // An event refused as sent is a 400 before the handler runs.
          expect(status).toBe(generated.rejected ? 400 : outcome.status);
          if (status >= 500) expect(outcome.defect || outcome.status >= 500).toBe(true);
          if (methodOf(generated) === 'HEAD' || status === 204 || status === 304) {
            expect(result['body']).toBe('');
          }
          if (outcome.defect) expect(JSON.stringify(result)).not.toContain(MARK);

          // The request id goes back on every response: the handler's own header if its answer
          // set one, else the request's id (none only when nothing gives one).
          const requestId = expectedRequestId(generated, opts.context);
          const ownRequestIds = !generated.rejected && !outcome.defect ? outcome.ownRequestIds : [];
          expectRequestIdHeader(
            result,
            generated,
            ownRequestIds.length > 0 ? ownRequestIds : requestId === '' ? [] : [requestId],
          );
          // …and it is the id the error body quotes.
          if (status >= 400 && result['body'] !== '') {
            const document = JSON.parse(result['body'] as string) as {
              readonly meta?: { readonly requestId?: unknown };
              readonly requestId?: unknown;
            };
            expect(document.meta?.requestId ?? document.requestId).toBe(requestId);
          }

          // A 5xx is logged once at error level: a defect as a defect, a 5xx problem as answered.
          expect(logger.error).toHaveBeenCalledTimes(status >= 500 ? 1 : 0);
          // A 4xx is logged once at info level, with the problems answered.
          if (status >= 400 && status < 500) {
            expect(logger.info.mock.calls).toEqual([
              [
                expect.objectContaining({
                  message: `Answered ${String(status)}: a client error`,
                  requestId,
                  status,
                  errors: generated.rejected
                    ? [expect.objectContaining({ status: 400, code: 'InvalidBase64Body' })]
                    : outcome.problems.map(logEntry),
                }),
              ],
            ]);
          } else {
            expect(logger.info).not.toHaveBeenCalled();
          }
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});

/** The body as the client reads it: base64 decoded and decompressed per Content-Encoding. */
function bodyText(result: Record<string, unknown>): string {
  const body = typeof result['body'] === 'string' ? result['body'] : '';
  if (result['isBase64Encoded'] !== true) return body;
  const bytes = Buffer.from(body, 'base64');
  const headers = JSON.stringify([result['headers'], result['multiValueHeaders']]);
  if (headers.includes('"br"')) return brotliDecompressSync(bytes).toString('utf8');
  if (headers.includes('"gzip"')) return gunzipSync(bytes).toString('utf8');
  return bytes.toString('utf8');
}

const middlewareOptions = fc.record({
  origins: fc.constantFrom<CorsOptions['origins']>('*', ['https://shop.example'], () => true),
  credentials: fc.boolean(),
  threshold: fc.integer({ min: 0, max: 2048 }),
});

describe('toLambda with every built-in middleware, for any event and any handler outcome', () => {
  it(
    'resolves to a valid result of the event’s kind; 5xx only for defects and 5xx answers; nothing of a defect leaks',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          events,
          outcomes,
          middlewareOptions,
          fc.boolean(),
          async (generated, outcome, settings, brokenLogger) => {
            const logger = captureLogger(brokenLogger);
            const handler = toLambda((() => outcome.run()) as unknown as AnyHandler, {
              logger,
              middleware: [
                // Any origin with credentials is refused when made: '*' goes without them.
                cors(
                  settings.origins === '*'
                    ? { origins: '*' }
                    : { origins: settings.origins, credentials: settings.credentials },
                ),
                securityHeaders(),
                compress({ threshold: settings.threshold }),
                conditionalGet(),
                deadline(),
              ],
            });

            const result = (await handler(
              generated.event as unknown as HttpEvent,
              lambdaContext,
            )) as unknown as Record<string, unknown>;

            expectValidResult(result, generated);
            const status = result['statusCode'] as number;
            if (status >= 500) {
              expect(outcome.defect || outcome.status >= 500).toBe(true);
              expect(logger.error).toHaveBeenCalledTimes(1);
            } else {
              expect(logger.error).not.toHaveBeenCalled();
            }
            if (outcome.defect) {
              expect(JSON.stringify(result)).not.toContain(MARK);
              expect(bodyText(result)).not.toContain(MARK);
            }
          },
        ),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});

describe('toLambda, examples the property relies on', () => {
  it.each<[string, HttpEvent, string]>([
    ['restApiEvent()', restApiEvent(), 'rest'],
    ['httpApiEvent()', httpApiEvent(), 'http'],
    ['functionUrlEvent()', functionUrlEvent(), 'function-url'],
    ['albEvent()', albEvent(), 'alb'],
    ['albEvent({ multiValue: true })', albEvent({ multiValue: true }), 'alb'],
  ])('the builder %s is detected as a %s event', (_, event, kind) => {
    expect(detectEventKind(event)).toBe(kind);
  });

  it('the ALB builder sends either the single-value or the multi-value maps, never both', () => {
    const options = { path: '/items', headers: { accept: '*/*' }, query: { q: 'a b' } };
    const single = albEvent(options);
    expect(Object.keys(single).sort()).toStrictEqual([
      'body',
      'headers',
      'httpMethod',
      'isBase64Encoded',
      'path',
      'queryStringParameters',
      'requestContext',
    ]);
    expect(single.headers?.['accept']).toBe('*/*');
    expect(single.queryStringParameters).toStrictEqual({ q: 'a%20b' });
    const multi = albEvent({ ...options, multiValue: true });
    expect(Object.keys(multi).sort()).toStrictEqual([
      'body',
      'httpMethod',
      'isBase64Encoded',
      'multiValueHeaders',
      'multiValueQueryStringParameters',
      'path',
      'requestContext',
    ]);
    expect(multi.multiValueHeaders?.['accept']).toStrictEqual(['*/*']);
    expect(multi.multiValueQueryStringParameters).toStrictEqual({ q: ['a%20b'] });
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'GET /'],
    ['an empty object', {}],
    ['an S3 notification', { Records: [{ eventSource: 'aws:s3' }] }],
    ['a REST-like event without a path', { httpMethod: 'GET' }],
  ])('rejects %s, which is not an HTTP event, with UnsupportedEventError', async (_, event) => {
    const logger = captureLogger(false);
    const handler = toLambda(() => ok(1), { logger });
    await expect(handler(event as HttpEvent, lambdaContext)).rejects.toBeInstanceOf(
      UnsupportedEventError,
    );
    expect(logger.error).toHaveBeenCalledTimes(1);
  });

  it('answers a body marked base64 that is not with a 400, without calling the handler', async () => {
    const handler = vi.fn(() => ok(1));
    const result = await toLambda(handler)(
      {
        ...restApiEvent({ requestId: REST_REQUEST_ID }),
        body: 'not base64!',
        isBase64Encoded: true,
      },
      lambdaContext,
    );
    expect(handler).not.toHaveBeenCalled();
    expect({ ...result, body: JSON.parse(result.body) as unknown }).toEqual({
      statusCode: 400,
      headers: { 'content-type': 'application/json', 'x-request-id': REST_REQUEST_ID },
      multiValueHeaders: {},
      body: {
        errors: [
          {
            status: '400',
            code: 'InvalidBase64Body',
            title: 'Bad Request',
            detail:
              'The request body is marked as base64-encoded but is not valid base64 (RFC 4648 §4 alphabet).',
          },
        ],
        meta: { requestId: REST_REQUEST_ID },
      },
      isBase64Encoded: false,
    });
  });

  it('ALB single-value mode: sends the first Set-Cookie intact and logs the rest as dropped', async () => {
    const logger = captureLogger(false);
    const cookies = ['a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT', 'b=2'];
    const result = await toLambda(() => ok(noContent({ cookies })), { logger })(
      albEvent(),
      lambdaContext,
    );
    expect(result).toEqual({
      statusCode: 204,
      statusDescription: '204 No Content',
      headers: { 'set-cookie': cookies[0], 'x-request-id': LAMBDA_REQUEST_ID },
      body: '',
      isBase64Encoded: false,
    });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.objectContaining({ requestId: LAMBDA_REQUEST_ID, droppedCookies: 1 }),
    );
  });

  it('ALB multi-value mode: sends every header value and every Set-Cookie', async () => {
    const cookies = ['a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT', 'b=2'];
    const result = await toLambda(() =>
      ok(text('hi', { headers: { vary: ['accept', 'origin'] }, cookies })),
    )(albEvent({ multiValue: true }), lambdaContext);
    expect(result).toEqual({
      statusCode: 200,
      statusDescription: '200 OK',
      multiValueHeaders: {
        vary: ['accept', 'origin'],
        'content-type': ['text/plain; charset=utf-8'],
        'set-cookie': cookies,
        'x-request-id': [LAMBDA_REQUEST_ID],
      },
      body: 'hi',
      isBase64Encoded: false,
    });
  });

  it('ALB single-value mode: a logger whose every method throws does not turn the reply into a 500', async () => {
    const logger = captureLogger(true);
    const cookies = ['a=1', 'b=2'];
    const result = await toLambda(() => ok(noContent({ cookies })), { logger })(
      albEvent(),
      lambdaContext,
    );
    expect(result).toEqual({
      statusCode: 204,
      statusDescription: '204 No Content',
      headers: { 'set-cookie': 'a=1', 'x-request-id': LAMBDA_REQUEST_ID },
      body: '',
      isBase64Encoded: false,
    });
  });
});
