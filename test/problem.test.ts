import { err } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { ErrorStatus, Problem, ProblemDetails } from '../src/index.js';
import {
  badRequest,
  conflict,
  forbidden,
  gatewayTimeout,
  gone,
  internalServerError,
  isProblem,
  json,
  methodNotAllowed,
  notAcceptable,
  notFound,
  notImplemented,
  payloadTooLarge,
  preconditionFailed,
  problem,
  serviceUnavailable,
  toLambda,
  tooManyRequests,
  unauthorized,
  unprocessableEntity,
  unsupportedMediaType,
} from '../src/index.js';
import { combinedStatus } from '../src/problem.js';
import { fakeContext, restApiEvent } from '../src/testing/index.js';
import { REST_REQUEST_ID, LAMBDA_REQUEST_ID } from './support/request-id.js';

const context = fakeContext({ awsRequestId: LAMBDA_REQUEST_ID });

const BRAND = Symbol.for('gatefold.problem');

/** The whole value a problem constructor must build, brand included. */
function branded(fields: object): object {
  return { [BRAND]: true, ...fields };
}

const DETAILS = {
  code: 'Code-1',
  title: 'A title',
  detail: 'What went wrong.',
  source: { pointer: '/data/attributes/name' },
  meta: { attempt: 2 },
  type: 'https://errors.example.com/x',
  headers: { 'x-trace': 't-1' },
} as const satisfies ProblemDetails;

describe('problem', () => {
  it('builds a problem with the reason phrase as its title', () => {
    expect(problem({ status: 402 })).toStrictEqual(
      branded({ status: 402, title: 'Payment Required' }),
    );
  });

  it('keeps every member it is given', () => {
    expect(problem({ status: 418, ...DETAILS })).toStrictEqual(
      branded({ status: 418, ...DETAILS }),
    );
  });

  it('leaves absent members out rather than undefined', () => {
    expect(Object.keys(problem({ status: 400 }))).toEqual(['status', 'title']);
  });

  it.each<[number, string]>([
    [499, 'Client Error'],
    [599, 'Server Error'],
  ])('titles an unregistered status %i with its class', (status, title) => {
    expect(problem({ status: status as ErrorStatus })).toStrictEqual(branded({ status, title }));
  });
});

describe('named constructors', () => {
  it.each<[string, (details?: ProblemDetails) => Problem, number, string]>([
    ['badRequest', badRequest, 400, 'Bad Request'],
    ['forbidden', forbidden, 403, 'Forbidden'],
    ['notFound', notFound, 404, 'Not Found'],
    ['notAcceptable', notAcceptable, 406, 'Not Acceptable'],
    ['conflict', conflict, 409, 'Conflict'],
    ['gone', gone, 410, 'Gone'],
    ['preconditionFailed', preconditionFailed, 412, 'Precondition Failed'],
    ['payloadTooLarge', payloadTooLarge, 413, 'Content Too Large'],
    ['unsupportedMediaType', unsupportedMediaType, 415, 'Unsupported Media Type'],
    ['unprocessableEntity', unprocessableEntity, 422, 'Unprocessable Content'],
    ['tooManyRequests', (d) => tooManyRequests(undefined, d), 429, 'Too Many Requests'],
    ['internalServerError', internalServerError, 500, 'Internal Server Error'],
    ['notImplemented', notImplemented, 501, 'Not Implemented'],
    ['serviceUnavailable', (d) => serviceUnavailable(undefined, d), 503, 'Service Unavailable'],
    ['gatewayTimeout', gatewayTimeout, 504, 'Gateway Timeout'],
  ])('%s() is %i %s; with details it keeps them all', (_, make, status, title) => {
    expect(make()).toStrictEqual(branded({ status, title }));
    expect(make(DETAILS)).toStrictEqual(branded({ status, ...DETAILS }));
  });

  it('unauthorized sends its challenge in WWW-Authenticate', () => {
    expect(unauthorized('Bearer realm="api"')).toStrictEqual(
      branded({
        status: 401,
        title: 'Unauthorized',
        headers: { 'www-authenticate': 'Bearer realm="api"' },
      }),
    );
  });

  it('unauthorized keeps other headers and details, its challenge winning', () => {
    expect(
      unauthorized('Bearer', {
        detail: 'The token has expired.',
        headers: { 'x-a': '1', 'www-authenticate': 'Basic' },
      }),
    ).toStrictEqual(
      branded({
        status: 401,
        title: 'Unauthorized',
        detail: 'The token has expired.',
        headers: { 'x-a': '1', 'www-authenticate': 'Bearer' },
      }),
    );
  });

  it.each<[readonly string[], string]>([
    [['GET', 'HEAD'], 'GET, HEAD'],
    [['POST'], 'POST'],
    [[], ''],
  ])('methodNotAllowed(%j) sends Allow: %j', (allow, header) => {
    expect(methodNotAllowed(allow)).toStrictEqual(
      branded({ status: 405, title: 'Method Not Allowed', headers: { allow: header } }),
    );
  });

  it.each<[string, number | Date, string]>([
    ['whole seconds', 30, '30'],
    ['fractional seconds, rounded up', 1.2, '2'],
    ['zero', 0, '0'],
    ['negative seconds, as zero', -5, '0'],
    [
      'a date, as an HTTP date',
      new Date(Date.UTC(2030, 0, 2, 3, 4, 5)),
      'Wed, 02 Jan 2030 03:04:05 GMT',
    ],
  ])('Retry-After from %s', (_, retryAfter, header) => {
    expect(tooManyRequests(retryAfter)).toStrictEqual(
      branded({ status: 429, title: 'Too Many Requests', headers: { 'retry-after': header } }),
    );
    expect(serviceUnavailable(retryAfter, { detail: 'Later.' })).toStrictEqual(
      branded({
        status: 503,
        title: 'Service Unavailable',
        detail: 'Later.',
        headers: { 'retry-after': header },
      }),
    );
  });
});

describe('isProblem', () => {
  it.each<[string, unknown]>([
    ['a constructed problem', notFound()],
    ['a problem from another copy of gatefold', { [BRAND]: true, status: 404, title: 'Nope' }],
  ])('is true for %s', (_, value) => {
    expect(isProblem(value)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'problem'],
    ['a plain problem-shaped object', { status: 404, title: 'Not Found' }],
    ['an Error', new Error('x')],
    ['a reply', json(1)],
    ['a list of problems', [notFound()]],
    ['an object branded with a string key', { 'gatefold.problem': true }],
    ['an object branded with a local symbol', { [Symbol('gatefold.problem')]: true }],
    ['an object whose brand is not exactly true', { [BRAND]: 'true' }],
  ])('is false for %s', (_, value) => {
    expect(isProblem(value)).toBe(false);
  });

  it('a problem from another copy is sent like any other', async () => {
    const copy = {
      [BRAND]: true,
      status: 409,
      title: 'Taken',
      code: 'EmailTaken',
    } as unknown as Problem;
    const result = await toLambda(() => err(copy))(
      restApiEvent({ requestId: REST_REQUEST_ID }),
      context,
    );
    expect(result).toEqual({
      statusCode: 409,
      headers: { 'content-type': 'application/json', 'x-request-id': REST_REQUEST_ID },
      multiValueHeaders: {},
      body: JSON.stringify({
        errors: [{ status: '409', title: 'Taken', code: 'EmailTaken' }],
        meta: { requestId: REST_REQUEST_ID },
      }),
      isBase64Encoded: false,
    });
  });
});

describe('combinedStatus', () => {
  it.each<[readonly ErrorStatus[], ErrorStatus]>([
    [[404], 404],
    [[404, 404], 404],
    [[503, 503, 503], 503],
    [[400, 422], 400],
    [[401, 403, 404], 400],
    [[422, 500], 500],
    [[502, 504], 500],
    [[400, 404, 501], 500],
    [[], 500],
  ])('%j → %i', (statuses, expected) => {
    expect(combinedStatus(statuses.map((status) => problem({ status })))).toBe(expected);
  });
});
