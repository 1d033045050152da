import { err } from 'neverthrow';
import { describe, expect, it, vi } from 'vitest';
import type { ErrorStatus, LogRecord, Problem } from '../../src/index.js';
import {
  badRequest,
  notFound,
  problem,
  serviceUnavailable,
  toLambda,
  unauthorized,
  unprocessableEntity,
} from '../../src/index.js';
import {
  PROBLEM_JSON_MEDIA_TYPE,
  problemDetailsDocument,
} from '../../src/formats/problem-details.js';
import { fakeContext, httpApiEvent, restApiEvent } from '../../src/testing/index.js';
import { HTTP_REQUEST_ID, LAMBDA_REQUEST_ID, REST_REQUEST_ID } from '../support/request-id.js';

const context = fakeContext({ awsRequestId: LAMBDA_REQUEST_ID });

const REQUEST_ID = 'req-9';

function single(p: Problem): Record<string, unknown> {
  return problemDetailsDocument([p], p.status, REQUEST_ID);
}

describe('problemDetailsDocument with one problem', () => {
  it.each<[string, Problem, object]>([
    [
      'a bare problem: type about:blank, the reason phrase as title, the status as a number',
      notFound(),
      { type: 'about:blank', title: 'Not Found', status: 404, requestId: REQUEST_ID },
    ],
    [
      'a type, title, detail and code',
      problem({
        status: 402,
        type: 'https://errors.example.com/card-declined',
        title: 'Card declined',
        detail: 'The card ending 4242 was declined.',
        code: 'card-declined',
      }),
      {
        type: 'https://errors.example.com/card-declined',
        title: 'Card declined',
        status: 402,
        detail: 'The card ending 4242 was declined.',
        code: 'card-declined',
        requestId: REQUEST_ID,
      },
    ],
    [
      'a JSON pointer source as a pointer member',
      unprocessableEntity({ source: { pointer: '/items/0/productId' } }),
      {
        type: 'about:blank',
        title: 'Unprocessable Content',
        status: 422,
        pointer: '/items/0/productId',
        requestId: REQUEST_ID,
      },
    ],
    [
      'a parameter source as a parameter member',
      badRequest({ source: { parameter: 'page' } }),
      {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        parameter: 'page',
        requestId: REQUEST_ID,
      },
    ],
    [
      'a header source as a header member',
      badRequest({ source: { header: 'x-api-key' } }),
      {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        header: 'x-api-key',
        requestId: REQUEST_ID,
      },
    ],
    [
      'meta members spread as extension members',
      problem({ status: 409, meta: { currentVersion: 3, retryable: false, owner: { id: 'u' } } }),
      {
        type: 'about:blank',
        title: 'Conflict',
        status: 409,
        currentVersion: 3,
        retryable: false,
        owner: { id: 'u' },
        requestId: REQUEST_ID,
      },
    ],
    [
      'headers left out of the document',
      unauthorized('Bearer'),
      { type: 'about:blank', title: 'Unauthorized', status: 401, requestId: REQUEST_ID },
    ],
  ])('%s', (_, p, expected) => {
    expect(single(p)).toStrictEqual(expected);
  });

  it.each([
    'type',
    'title',
    'status',
    'detail',
    'instance',
    'code',
    'pointer',
    'parameter',
    'header',
    'errors',
    'requestId',
  ])('a meta member named %s never overwrites or adds a reserved member', (name) => {
    const p = badRequest({
      code: 'Real',
      detail: 'real detail',
      source: { pointer: '/real' },
      meta: { [name]: 'FROM-META', kept: 1 },
    });
    expect(single(p)).toStrictEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'real detail',
      code: 'Real',
      pointer: '/real',
      kept: 1,
      requestId: REQUEST_ID,
    });
  });
});

describe('problemDetailsDocument with several problems', () => {
  it('lists each under the errors extension, under the combined status', () => {
    const problems = [
      badRequest({
        code: 'PageInvalid',
        detail: 'page must be positive',
        source: { parameter: 'page' },
      }),
      unprocessableEntity({
        type: 'https://errors.example.com/too-short',
        source: { pointer: '/name' },
        meta: { min: 1, status: 'FROM-META', requestId: 'FROM-META' },
      }),
      notFound({ source: { header: 'x-tenant' }, title: 'No such tenant' }),
    ];
    expect(problemDetailsDocument(problems, 400, REQUEST_ID)).toStrictEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'The request has 3 problems; each is listed under "errors".',
      errors: [
        {
          status: 400,
          title: 'Bad Request',
          code: 'PageInvalid',
          detail: 'page must be positive',
          parameter: 'page',
        },
        {
          status: 422,
          title: 'Unprocessable Content',
          type: 'https://errors.example.com/too-short',
          pointer: '/name',
          min: 1,
        },
        { status: 404, title: 'No such tenant', header: 'x-tenant' },
      ],
      requestId: REQUEST_ID,
    });
  });

  it.each<[ErrorStatus, string]>([
    [400, 'Bad Request'],
    [500, 'Internal Server Error'],
    [503, 'Service Unavailable'],
  ])('titles the document with the reason phrase of %i', (status, title) => {
    expect(
      problemDetailsDocument([problem({ status }), problem({ status })], status, REQUEST_ID),
    ).toStrictEqual({
      type: 'about:blank',
      title,
      status,
      detail: 'The request has 2 problems; each is listed under "errors".',
      errors: [
        { status, title },
        { status, title },
      ],
      requestId: REQUEST_ID,
    });
  });
});

describe('problem+json responses through toLambda', () => {
  function captureLogger() {
    return {
      error: vi.fn<(record: LogRecord) => void>(),
      warn: vi.fn<(record: LogRecord) => void>(),
      info: vi.fn<(record: LogRecord) => void>(),
      debug: vi.fn<(record: LogRecord) => void>(),
    };
  }

  it('sends one problem as application/problem+json with its headers', async () => {
    const handler = toLambda(() => err(serviceUnavailable(120, { detail: 'Maintenance.' })), {
      errorFormat: 'problem',
    });
    expect(await handler(restApiEvent({ requestId: REST_REQUEST_ID }), context)).toEqual({
      statusCode: 503,
      headers: {
        'retry-after': '120',
        'content-type': PROBLEM_JSON_MEDIA_TYPE,
        'x-request-id': REST_REQUEST_ID,
      },
      multiValueHeaders: {},
      body: JSON.stringify({
        type: 'about:blank',
        title: 'Service Unavailable',
        status: 503,
        detail: 'Maintenance.',
        requestId: REST_REQUEST_ID,
      }),
      isBase64Encoded: false,
    });
  });

  it('sends several problems as one document under the combined status', async () => {
    const handler = toLambda(() => err([badRequest(), notFound()]), { errorFormat: 'problem' });
    expect(await handler(httpApiEvent({ requestId: HTTP_REQUEST_ID }), context)).toEqual({
      statusCode: 400,
      headers: { 'content-type': PROBLEM_JSON_MEDIA_TYPE, 'x-request-id': HTTP_REQUEST_ID },
      cookies: [],
      body: JSON.stringify({
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'The request has 2 problems; each is listed under "errors".',
        errors: [
          { status: 400, title: 'Bad Request' },
          { status: 404, title: 'Not Found' },
        ],
        requestId: HTTP_REQUEST_ID,
      }),
      isBase64Encoded: false,
    });
  });

  it('ignores an Accept header asking for JSON:API', async () => {
    const handler = toLambda(() => err(notFound()), { errorFormat: 'problem' });
    expect(
      await handler(
        httpApiEvent({
          headers: { accept: 'application/vnd.api+json' },
          requestId: HTTP_REQUEST_ID,
        }),
        context,
      ),
    ).toEqual({
      statusCode: 404,
      headers: { 'content-type': PROBLEM_JSON_MEDIA_TYPE, 'x-request-id': HTTP_REQUEST_ID },
      cookies: [],
      body: JSON.stringify({
        type: 'about:blank',
        title: 'Not Found',
        status: 404,
        requestId: HTTP_REQUEST_ID,
      }),
      isBase64Encoded: false,
    });
  });

  it('masks a defect as a problem+json 500 that says nothing of it', async () => {
    const logger = captureLogger();
    const handler = toLambda(
      () => {
        throw new Error('SECRET-123');
      },
      { errorFormat: 'problem', logger },
    );
    const result = await handler(restApiEvent({ requestId: REST_REQUEST_ID }), context);
    expect(result).toEqual({
      statusCode: 500,
      headers: { 'content-type': PROBLEM_JSON_MEDIA_TYPE, 'x-request-id': REST_REQUEST_ID },
      multiValueHeaders: {},
      body: JSON.stringify({
        type: 'about:blank',
        title: 'Internal Server Error',
        status: 500,
        detail:
          'The server failed to handle the request. Quote the request id when reporting this.',
        requestId: REST_REQUEST_ID,
      }),
      isBase64Encoded: false,
    });
    expect(JSON.stringify(result)).not.toContain('SECRET-123');
    expect(logger.error).toHaveBeenCalledTimes(1);
  });
});
