import fc from 'fast-check';
import { err } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { ErrorStatus, Problem, ProblemSource } from '../../src/index.js';
import {
  badRequest,
  notFound,
  problem,
  toLambda,
  tooManyRequests,
  unprocessableEntity,
} from '../../src/index.js';
import { JSON_API_MEDIA_TYPE, jsonApiDocument, jsonApiError } from '../../src/formats/json-api.js';
import { fakeContext, httpApiEvent, restApiEvent } from '../../src/testing/index.js';
import { HTTP_REQUEST_ID, LAMBDA_REQUEST_ID, REST_REQUEST_ID } from '../support/request-id.js';

const context = fakeContext({ awsRequestId: LAMBDA_REQUEST_ID });

// JSON:API 1.1 §"Error Objects": the members an error object may have.
const ERROR_MEMBERS = ['id', 'links', 'status', 'code', 'title', 'detail', 'source', 'meta'];

describe('jsonApiError', () => {
  it.each<[string, Problem, object]>([
    ['a bare problem', notFound(), { status: '404', title: 'Not Found' }],
    [
      'a code and a detail',
      notFound({ code: 'UserNotFound', detail: 'No user u-9.' }),
      { status: '404', code: 'UserNotFound', title: 'Not Found', detail: 'No user u-9.' },
    ],
    [
      'a JSON pointer source',
      unprocessableEntity({ source: { pointer: '/data/attributes/email' } }),
      {
        status: '422',
        title: 'Unprocessable Content',
        source: { pointer: '/data/attributes/email' },
      },
    ],
    [
      'a parameter source',
      badRequest({ source: { parameter: 'page' } }),
      { status: '400', title: 'Bad Request', source: { parameter: 'page' } },
    ],
    [
      'a header source',
      badRequest({ source: { header: 'x-api-key' } }),
      { status: '400', title: 'Bad Request', source: { header: 'x-api-key' } },
    ],
    [
      'a type, sent as links.type',
      problem({ status: 402, type: 'https://errors.example.com/card-declined' }),
      {
        status: '402',
        title: 'Payment Required',
        links: { type: 'https://errors.example.com/card-declined' },
      },
    ],
    [
      'meta, sent as it is',
      problem({ status: 409, meta: { version: 3, nested: { a: [1] } } }),
      { status: '409', title: 'Conflict', meta: { version: 3, nested: { a: [1] } } },
    ],
    [
      'every member at once, and headers left out',
      problem({
        status: 422,
        code: 'EmailTaken',
        title: 'Email already registered',
        detail: 'u@example.com is taken.',
        source: { pointer: '/data/attributes/email' },
        type: 'https://errors.example.com/email-taken',
        meta: { field: 'email' },
        headers: { 'x-a': '1' },
      }),
      {
        status: '422',
        code: 'EmailTaken',
        title: 'Email already registered',
        detail: 'u@example.com is taken.',
        source: { pointer: '/data/attributes/email' },
        links: { type: 'https://errors.example.com/email-taken' },
        meta: { field: 'email' },
      },
    ],
    [
      'retry headers left out of the document',
      tooManyRequests(30),
      { status: '429', title: 'Too Many Requests' },
    ],
  ])('%s', (_, p, expected) => {
    expect(jsonApiError(p)).toStrictEqual(expected);
  });

  it('copies the source rather than sharing it', () => {
    const source = { pointer: '/a' };
    const out = jsonApiError(badRequest({ source }));
    expect(out.source).toEqual(source);
    expect(out.source).not.toBe(source);
  });

  it('has only JSON:API error members, with status as a string, for any problem', () => {
    const status = fc.integer({ min: 400, max: 599 }).map((n) => n as ErrorStatus);
    const source = fc.oneof(
      fc.record({ pointer: fc.string() }),
      fc.record({ parameter: fc.string() }),
      fc.record({ header: fc.string() }),
    ) as fc.Arbitrary<ProblemSource>;
    const init = fc.record(
      {
        status,
        code: fc.string(),
        title: fc.string(),
        detail: fc.string(),
        source,
        type: fc.webUrl(),
        meta: fc.dictionary(fc.string(), fc.jsonValue()),
        headers: fc.dictionary(fc.constantFrom('x-a', 'retry-after'), fc.string()),
      },
      { requiredKeys: ['status'] },
    );
    fc.assert(
      fc.property(init, (i) => {
        const out = jsonApiError(problem(i));
        for (const key of Object.keys(out)) expect(ERROR_MEMBERS).toContain(key);
        expect(out.status).toBe(String(i.status));
      }),
    );
    // Generating URLs and JSON values is slow on a busy machine; the check itself is not.
  }, 30_000);
});

describe('jsonApiDocument', () => {
  it('lists every problem under errors and the request id in the top-level meta', () => {
    expect(
      jsonApiDocument([notFound({ code: 'A' }), badRequest({ detail: 'b' })], 'req-9'),
    ).toStrictEqual({
      errors: [
        { status: '404', code: 'A', title: 'Not Found' },
        { status: '400', title: 'Bad Request', detail: 'b' },
      ],
      meta: { requestId: 'req-9' },
    });
  });

  it('has only the top-level members errors and meta', () => {
    expect(Object.keys(jsonApiDocument([notFound()], 'r'))).toEqual(['errors', 'meta']);
  });
});

describe('JSON:API responses through toLambda', () => {
  const body = (requestId: string): string =>
    JSON.stringify({ errors: [{ status: '404', title: 'Not Found' }], meta: { requestId } });

  it('is the default format, sent as application/json', async () => {
    const handler = toLambda(() => err(notFound()));
    expect(await handler(restApiEvent({ requestId: REST_REQUEST_ID }), context)).toEqual({
      statusCode: 404,
      headers: { 'content-type': 'application/json', 'x-request-id': REST_REQUEST_ID },
      multiValueHeaders: {},
      body: body(REST_REQUEST_ID),
      isBase64Encoded: false,
    });
  });

  it('is sent as application/vnd.api+json when jsonApiMediaType says so', async () => {
    const handler = toLambda(() => err(notFound()), {
      errorFormat: 'json-api',
      jsonApiMediaType: JSON_API_MEDIA_TYPE,
    });
    expect(await handler(httpApiEvent({ requestId: HTTP_REQUEST_ID }), context)).toEqual({
      statusCode: 404,
      headers: { 'content-type': 'application/vnd.api+json', 'x-request-id': HTTP_REQUEST_ID },
      cookies: [],
      body: body(HTTP_REQUEST_ID),
      isBase64Encoded: false,
    });
  });

  it('ignores an Accept header asking for problem+json', async () => {
    const handler = toLambda(() => err(notFound()), { errorFormat: 'json-api' });
    expect(
      await handler(
        restApiEvent({
          headers: { Accept: 'application/problem+json' },
          requestId: REST_REQUEST_ID,
        }),
        context,
      ),
    ).toEqual({
      statusCode: 404,
      headers: { 'content-type': 'application/json', 'x-request-id': REST_REQUEST_ID },
      multiValueHeaders: {},
      body: body(REST_REQUEST_ID),
      isBase64Encoded: false,
    });
  });

  it('uses the Lambda request id when the event carries none', async () => {
    const handler = toLambda(() => err(notFound()));
    const result = await handler(restApiEvent({ requestId: '' }), context);
    expect(result).toEqual({
      statusCode: 404,
      headers: { 'content-type': 'application/json', 'x-request-id': LAMBDA_REQUEST_ID },
      multiValueHeaders: {},
      body: body(LAMBDA_REQUEST_ID),
      isBase64Encoded: false,
    });
  });
});
