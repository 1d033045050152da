/**
 * Result writers: handler outcomes written in the shape each event source expects back, whole
 * results asserted per kind (REST `multiValueHeaders`, payload 2.0 `cookies`, ALB
 * `statusDescription` and its two header modes), and events that are not HTTP refused.
 */
import type { S3Event, SQSEvent } from 'aws-lambda';
import type { Result } from 'neverthrow';
import { err, ok } from 'neverthrow';
import { describe, expect, it, vi } from 'vitest';
import type { HttpEvent, Problem, Reply } from '../../src/index.js';
import {
  UnsupportedEventError,
  binary,
  created,
  internalServerError,
  json,
  noContent,
  notFound,
  text,
  toLambda,
} from '../../src/index.js';
import {
  albEvent,
  fakeContext,
  functionUrlEvent,
  httpApiEvent,
  restApiEvent,
} from '../../src/testing/index.js';
import { asEvent } from '../support/fixtures.js';
import { capturingLogger } from '../support/logger.js';
import { LAMBDA_REQUEST_ID } from '../support/request-id.js';

/** API Gateway's request id in the events below; ALB events carry none and quote Lambda's. */
const GATEWAY_REQUEST_ID = 'gw-req-1';
const context = fakeContext({ awsRequestId: LAMBDA_REQUEST_ID });
const REST_EVENT = restApiEvent({ requestId: GATEWAY_REQUEST_ID });
const HTTP_EVENT = httpApiEvent({ requestId: GATEWAY_REQUEST_ID });
const FUNCTION_URL_EVENT = functionUrlEvent({ requestId: GATEWAY_REQUEST_ID });
const ALB_EVENT = albEvent();
const ALB_MULTI_VALUE_EVENT = albEvent({ multiValue: true });

/** The result of answering `event` with `reply`, and the records logged meanwhile. */
async function answer(event: HttpEvent, reply: Reply) {
  const logger = capturingLogger();
  const result = await toLambda(() => ok(reply), { logger })(event, context);
  return { result, logger };
}

// Two cookies whose Expires attributes contain a comma: joining them with "," would make one
// unparseable header.
const COOKIES = [
  'id=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Path=/',
  'theme=dark; Expires=Thu, 22 Oct 2026 07:28:00 GMT; Path=/',
];

describe('Set-Cookie', () => {
  const twoCookies: readonly [string, HttpEvent, Record<string, unknown>][] = [
    [
      'REST: in multiValueHeaders',
      REST_EVENT,
      {
        statusCode: 200,
        headers: { 'content-type': 'application/json', 'x-request-id': 'gw-req-1' },
        multiValueHeaders: { 'set-cookie': COOKIES },
        body: '{"ok":true}',
        isBase64Encoded: false,
      },
    ],
    [
      'HTTP API: in cookies[]',
      HTTP_EVENT,
      {
        statusCode: 200,
        headers: { 'content-type': 'application/json', 'x-request-id': 'gw-req-1' },
        cookies: COOKIES,
        body: '{"ok":true}',
        isBase64Encoded: false,
      },
    ],
    [
      'Function URL: in cookies[]',
      FUNCTION_URL_EVENT,
      {
        statusCode: 200,
        headers: { 'content-type': 'application/json', 'x-request-id': 'gw-req-1' },
        cookies: COOKIES,
        body: '{"ok":true}',
        isBase64Encoded: false,
      },
    ],
    [
      'ALB multi-value mode: in multiValueHeaders',
      ALB_MULTI_VALUE_EVENT,
      {
        statusCode: 200,
        statusDescription: '200 OK',
        multiValueHeaders: {
          'content-type': ['application/json'],
          'set-cookie': COOKIES,
          'x-request-id': ['lambda-req-1'],
        },
        body: '{"ok":true}',
        isBase64Encoded: false,
      },
    ],
  ];

  it.each(twoCookies)(
    '%s: two cookies whose Expires contains a comma are sent intact, one value each',
    async (_, event, expected) => {
      const { result, logger } = await answer(event, json({ ok: true }, { cookies: COOKIES }));
      expect(result).toStrictEqual(expected);
      expect(logger.warn).not.toHaveBeenCalled();
    },
  );

  it.each(twoCookies)(
    '%s: Set-Cookie given as a header list is sent the same way',
    async (_, event, expected) => {
      const reply = json({ ok: true }, { headers: { 'Set-Cookie': COOKIES } });
      const { result, logger } = await answer(event, reply);
      expect(result).toStrictEqual(expected);
      expect(logger.warn).not.toHaveBeenCalled();
    },
  );

  it('ALB single-value mode: sends the first Set-Cookie intact, never comma-joined, and warns of the rest', async () => {
    const { result, logger } = await answer(ALB_EVENT, json({ ok: true }, { cookies: COOKIES }));
    expect(result).toStrictEqual({
      statusCode: 200,
      statusDescription: '200 OK',
      headers: {
        'content-type': 'application/json',
        'set-cookie': 'id=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Path=/',
        'x-request-id': 'lambda-req-1',
      },
      body: '{"ok":true}',
      isBase64Encoded: false,
    });
    expect(logger.warn.mock.calls).toStrictEqual([
      [
        {
          message:
            'ALB target group has multi-value headers off: only the first Set-Cookie was sent. Turn on lambda.multi_value_headers.enabled to send them all.',
          requestId: 'lambda-req-1',
          droppedCookies: 1,
        },
      ],
    ]);
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('ALB single-value mode: a single Set-Cookie is sent as a plain header, with no warning', async () => {
    const { result, logger } = await answer(ALB_EVENT, noContent({ cookies: [COOKIES[1]!] }));
    expect(result).toStrictEqual({
      statusCode: 204,
      statusDescription: '204 No Content',
      headers: {
        'set-cookie': 'theme=dark; Expires=Thu, 22 Oct 2026 07:28:00 GMT; Path=/',
        'x-request-id': 'lambda-req-1',
      },
      body: '',
      isBase64Encoded: false,
    });
    expect(logger.warn).not.toHaveBeenCalled();
  });
});

describe('repeated headers', () => {
  const reply = json(
    { ok: true },
    { headers: { Vary: ['Accept', 'Origin'], 'X-Request-Tag': 't1' } },
  );

  it.each<[string, HttpEvent, Record<string, unknown>]>([
    [
      'REST: a repeated header goes in multiValueHeaders, single ones in headers',
      REST_EVENT,
      {
        statusCode: 200,
        headers: {
          'x-request-tag': 't1',
          'content-type': 'application/json',
          'x-request-id': 'gw-req-1',
        },
        multiValueHeaders: { vary: ['Accept', 'Origin'] },
        body: '{"ok":true}',
        isBase64Encoded: false,
      },
    ],
    [
      'HTTP API: a repeated header is comma-joined',
      HTTP_EVENT,
      {
        statusCode: 200,
        headers: {
          vary: 'Accept, Origin',
          'x-request-tag': 't1',
          'content-type': 'application/json',
          'x-request-id': 'gw-req-1',
        },
        cookies: [],
        body: '{"ok":true}',
        isBase64Encoded: false,
      },
    ],
    [
      'Function URL: a repeated header is comma-joined',
      FUNCTION_URL_EVENT,
      {
        statusCode: 200,
        headers: {
          vary: 'Accept, Origin',
          'x-request-tag': 't1',
          'content-type': 'application/json',
          'x-request-id': 'gw-req-1',
        },
        cookies: [],
        body: '{"ok":true}',
        isBase64Encoded: false,
      },
    ],
    [
      'ALB single-value mode: a repeated header is comma-joined',
      ALB_EVENT,
      {
        statusCode: 200,
        statusDescription: '200 OK',
        headers: {
          vary: 'Accept, Origin',
          'x-request-tag': 't1',
          'content-type': 'application/json',
          'x-request-id': 'lambda-req-1',
        },
        body: '{"ok":true}',
        isBase64Encoded: false,
      },
    ],
    [
      'ALB multi-value mode: every header is a list, a repeated one with each value',
      ALB_MULTI_VALUE_EVENT,
      {
        statusCode: 200,
        statusDescription: '200 OK',
        multiValueHeaders: {
          vary: ['Accept', 'Origin'],
          'x-request-tag': ['t1'],
          'content-type': ['application/json'],
          'x-request-id': ['lambda-req-1'],
        },
        body: '{"ok":true}',
        isBase64Encoded: false,
      },
    ],
  ])('%s', async (_, event, expected) => {
    const { result } = await answer(event, reply);
    expect(result).toStrictEqual(expected);
  });
});

describe('binary replies', () => {
  it.each<[string, HttpEvent, Record<string, unknown>]>([
    [
      'REST',
      REST_EVENT,
      {
        statusCode: 200,
        headers: { 'content-type': 'application/octet-stream', 'x-request-id': 'gw-req-1' },
        multiValueHeaders: {},
        body: 'AP8B',
        isBase64Encoded: true,
      },
    ],
    [
      'HTTP API',
      HTTP_EVENT,
      {
        statusCode: 200,
        headers: { 'content-type': 'application/octet-stream', 'x-request-id': 'gw-req-1' },
        cookies: [],
        body: 'AP8B',
        isBase64Encoded: true,
      },
    ],
    [
      'Function URL',
      FUNCTION_URL_EVENT,
      {
        statusCode: 200,
        headers: { 'content-type': 'application/octet-stream', 'x-request-id': 'gw-req-1' },
        cookies: [],
        body: 'AP8B',
        isBase64Encoded: true,
      },
    ],
    [
      'ALB single-value mode',
      ALB_EVENT,
      {
        statusCode: 200,
        statusDescription: '200 OK',
        headers: { 'content-type': 'application/octet-stream', 'x-request-id': 'lambda-req-1' },
        body: 'AP8B',
        isBase64Encoded: true,
      },
    ],
    [
      'ALB multi-value mode',
      ALB_MULTI_VALUE_EVENT,
      {
        statusCode: 200,
        statusDescription: '200 OK',
        multiValueHeaders: {
          'content-type': ['application/octet-stream'],
          'x-request-id': ['lambda-req-1'],
        },
        body: 'AP8B',
        isBase64Encoded: true,
      },
    ],
  ])('%s: bytes are sent base64-encoded with isBase64Encoded true', async (_, event, expected) => {
    const { result } = await answer(event, binary(new Uint8Array([0, 255, 1])));
    expect(result).toStrictEqual(expected);
  });

  it('a view into a larger buffer sends only the bytes it shows, with its own content type', async () => {
    const view = new Uint8Array([9, 9, 0, 255, 1, 9]).subarray(2, 5);
    const reply = binary(view, { headers: { 'Content-Type': 'image/png' } });
    const { result } = await answer(REST_EVENT, reply);
    expect(result).toStrictEqual({
      statusCode: 200,
      headers: { 'content-type': 'image/png', 'x-request-id': 'gw-req-1' },
      multiValueHeaders: {},
      body: 'AP8B',
      isBase64Encoded: true,
    });
  });
});

describe('responses without a body', () => {
  const HEAD = {
    rest: restApiEvent({ method: 'HEAD', requestId: GATEWAY_REQUEST_ID }),
    http: httpApiEvent({ method: 'HEAD', requestId: GATEWAY_REQUEST_ID }),
    functionUrl: functionUrlEvent({ method: 'HEAD', requestId: GATEWAY_REQUEST_ID }),
    alb: albEvent({ method: 'HEAD' }),
    albMultiValue: albEvent({ method: 'HEAD', multiValue: true }),
  };
  const NO_CONTENT = noContent({ headers: { 'X-Request-Tag': 't1' } });
  const NOT_MODIFIED = text('stale', { status: 304, headers: { ETag: '"v1"' } });
  const FOUND = json({ id: 'u-1' }, { headers: { ETag: '"v1"' } });

  it.each<[string, HttpEvent, Reply, Record<string, unknown>]>([
    [
      '204 on REST',
      REST_EVENT,
      NO_CONTENT,
      {
        statusCode: 204,
        headers: { 'x-request-tag': 't1', 'x-request-id': 'gw-req-1' },
        multiValueHeaders: {},
        body: '',
        isBase64Encoded: false,
      },
    ],
    [
      '204 on an HTTP API',
      HTTP_EVENT,
      NO_CONTENT,
      {
        statusCode: 204,
        headers: { 'x-request-tag': 't1', 'x-request-id': 'gw-req-1' },
        cookies: [],
        body: '',
        isBase64Encoded: false,
      },
    ],
    [
      '204 on a Function URL',
      FUNCTION_URL_EVENT,
      NO_CONTENT,
      {
        statusCode: 204,
        headers: { 'x-request-tag': 't1', 'x-request-id': 'gw-req-1' },
        cookies: [],
        body: '',
        isBase64Encoded: false,
      },
    ],
    [
      '204 on ALB single-value mode',
      ALB_EVENT,
      NO_CONTENT,
      {
        statusCode: 204,
        statusDescription: '204 No Content',
        headers: { 'x-request-tag': 't1', 'x-request-id': 'lambda-req-1' },
        body: '',
        isBase64Encoded: false,
      },
    ],
    [
      '204 on ALB multi-value mode',
      ALB_MULTI_VALUE_EVENT,
      NO_CONTENT,
      {
        statusCode: 204,
        statusDescription: '204 No Content',
        multiValueHeaders: { 'x-request-tag': ['t1'], 'x-request-id': ['lambda-req-1'] },
        body: '',
        isBase64Encoded: false,
      },
    ],
    [
      '304 on REST',
      REST_EVENT,
      NOT_MODIFIED,
      {
        statusCode: 304,
        headers: {
          etag: '"v1"',
          'content-type': 'text/plain; charset=utf-8',
          'x-request-id': 'gw-req-1',
        },
        multiValueHeaders: {},
        body: '',
        isBase64Encoded: false,
      },
    ],
    [
      '304 on an HTTP API',
      HTTP_EVENT,
      NOT_MODIFIED,
      {
        statusCode: 304,
        headers: {
          etag: '"v1"',
          'content-type': 'text/plain; charset=utf-8',
          'x-request-id': 'gw-req-1',
        },
        cookies: [],
        body: '',
        isBase64Encoded: false,
      },
    ],
    [
      '304 on a Function URL',
      FUNCTION_URL_EVENT,
      NOT_MODIFIED,
      {
        statusCode: 304,
        headers: {
          etag: '"v1"',
          'content-type': 'text/plain; charset=utf-8',
          'x-request-id': 'gw-req-1',
        },
        cookies: [],
        body: '',
        isBase64Encoded: false,
      },
    ],
    [
      '304 on ALB single-value mode',
      ALB_EVENT,
      NOT_MODIFIED,
      {
        statusCode: 304,
        statusDescription: '304 Not Modified',
        headers: {
          etag: '"v1"',
          'content-type': 'text/plain; charset=utf-8',
          'x-request-id': 'lambda-req-1',
        },
        body: '',
        isBase64Encoded: false,
      },
    ],
    [
      '304 on ALB multi-value mode',
      ALB_MULTI_VALUE_EVENT,
      NOT_MODIFIED,
      {
        statusCode: 304,
        statusDescription: '304 Not Modified',
        multiValueHeaders: {
          etag: ['"v1"'],
          'content-type': ['text/plain; charset=utf-8'],
          'x-request-id': ['lambda-req-1'],
        },
        body: '',
        isBase64Encoded: false,
      },
    ],
    [
      'HEAD on REST',
      HEAD.rest,
      FOUND,
      {
        statusCode: 200,
        headers: { etag: '"v1"', 'content-type': 'application/json', 'x-request-id': 'gw-req-1' },
        multiValueHeaders: {},
        body: '',
        isBase64Encoded: false,
      },
    ],
    [
      'HEAD on an HTTP API',
      HEAD.http,
      FOUND,
      {
        statusCode: 200,
        headers: { etag: '"v1"', 'content-type': 'application/json', 'x-request-id': 'gw-req-1' },
        cookies: [],
        body: '',
        isBase64Encoded: false,
      },
    ],
    [
      'HEAD on a Function URL',
      HEAD.functionUrl,
      FOUND,
      {
        statusCode: 200,
        headers: { etag: '"v1"', 'content-type': 'application/json', 'x-request-id': 'gw-req-1' },
        cookies: [],
        body: '',
        isBase64Encoded: false,
      },
    ],
    [
      'HEAD on ALB single-value mode',
      HEAD.alb,
      FOUND,
      {
        statusCode: 200,
        statusDescription: '200 OK',
        headers: {
          etag: '"v1"',
          'content-type': 'application/json',
          'x-request-id': 'lambda-req-1',
        },
        body: '',
        isBase64Encoded: false,
      },
    ],
    [
      'HEAD on ALB multi-value mode',
      HEAD.albMultiValue,
      FOUND,
      {
        statusCode: 200,
        statusDescription: '200 OK',
        multiValueHeaders: {
          etag: ['"v1"'],
          'content-type': ['application/json'],
          'x-request-id': ['lambda-req-1'],
        },
        body: '',
        isBase64Encoded: false,
      },
    ],
  ])('%s: no body is sent; status and headers are kept', async (_, event, reply, expected) => {
    const { result } = await answer(event, reply);
    expect(result).toStrictEqual(expected);
  });

  it('a binary reply to HEAD sends no body and is not marked base64', async () => {
    const { result } = await answer(HEAD.rest, binary(new Uint8Array([0, 255, 1])));
    expect(result).toStrictEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/octet-stream', 'x-request-id': 'gw-req-1' },
      multiValueHeaders: {},
      body: '',
      isBase64Encoded: false,
    });
  });
});

describe('ALB statusDescription', () => {
  it.each<[number, () => Result<unknown, Problem>, Record<string, unknown>]>([
    [
      200,
      () => ok(json({ id: 'u-1' })),
      {
        statusCode: 200,
        statusDescription: '200 OK',
        headers: { 'content-type': 'application/json', 'x-request-id': 'lambda-req-1' },
        body: '{"id":"u-1"}',
        isBase64Encoded: false,
      },
    ],
    [
      201,
      () => ok(created('/users/u-1', { id: 'u-1' })),
      {
        statusCode: 201,
        statusDescription: '201 Created',
        headers: {
          location: '/users/u-1',
          'content-type': 'application/json',
          'x-request-id': 'lambda-req-1',
        },
        body: '{"id":"u-1"}',
        isBase64Encoded: false,
      },
    ],
    [
      404,
      () => err(notFound()),
      {
        statusCode: 404,
        statusDescription: '404 Not Found',
        headers: { 'content-type': 'application/json', 'x-request-id': 'lambda-req-1' },
        body: '{"errors":[{"status":"404","title":"Not Found"}],"meta":{"requestId":"lambda-req-1"}}',
        isBase64Encoded: false,
      },
    ],
    [
      500,
      () => err(internalServerError()),
      {
        statusCode: 500,
        statusDescription: '500 Internal Server Error',
        headers: { 'content-type': 'application/json', 'x-request-id': 'lambda-req-1' },
        body: '{"errors":[{"status":"500","title":"Internal Server Error"}],"meta":{"requestId":"lambda-req-1"}}',
        isBase64Encoded: false,
      },
    ],
  ])('%i: "<status> <reason phrase>"', async (_, handler, expected) => {
    const result = await toLambda(handler, { logger: capturingLogger() })(ALB_EVENT, context);
    expect(result).toStrictEqual(expected);
  });

  it('a handler that throws: a masked "500 Internal Server Error", the cause logged', async () => {
    const logger = capturingLogger();
    const handler = (): Result<unknown, Problem> => {
      throw new Error('database password is hunter2');
    };
    const result = await toLambda(handler, { logger })(ALB_MULTI_VALUE_EVENT, context);
    expect(result).toStrictEqual({
      statusCode: 500,
      statusDescription: '500 Internal Server Error',
      multiValueHeaders: { 'content-type': ['application/json'], 'x-request-id': ['lambda-req-1'] },
      body: '{"errors":[{"status":"500","title":"Internal Server Error","detail":"The server failed to handle the request. Quote the request id when reporting this."}],"meta":{"requestId":"lambda-req-1"}}',
      isBase64Encoded: false,
    });
    expect(logger.error).toHaveBeenCalledTimes(1);
  });
});

describe('events that are not HTTP', () => {
  const sqsEvent: SQSEvent = {
    Records: [
      {
        messageId: '059f36b4-87a3-44ab-83d2-661975830a7d',
        receiptHandle: 'AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a',
        body: 'GET /users',
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: '1545082649183',
          SenderId: 'AIDAIENQZJOLO23YVJ4VO',
          ApproximateFirstReceiveTimestamp: '1545082649185',
        },
        messageAttributes: {},
        md5OfBody: '098f6bcd4621d373cade4e832627b4f6',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:my-queue',
        awsRegion: 'eu-west-1',
      },
    ],
  };
  const s3Event: S3Event = {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: 'eu-west-1',
        eventTime: '2023-11-14T22:13:20.000Z',
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: 'EXAMPLE' },
        requestParameters: { sourceIPAddress: '198.51.100.7' },
        responseElements: { 'x-amz-request-id': 'EXAMPLE123456789', 'x-amz-id-2': 'EXAMPLE123' },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'upload',
          bucket: {
            name: 'my-bucket',
            ownerIdentity: { principalId: 'EXAMPLE' },
            arn: 'arn:aws:s3:::my-bucket',
          },
          object: { key: 'users/u-1.json', size: 1024, eTag: 'abc', sequencer: '0A1B2C3D4E5F' },
        },
      },
    ],
  };

  it.each<[string, unknown, string]>([
    ['an SQS event', sqsEvent, 'an object with keys Records'],
    ['an S3 event', s3Event, 'an object with keys Records'],
    ['null', null, 'a null'],
    ['a string', 'GET /users', 'a string'],
  ])(
    '%s: rejects with UnsupportedEventError naming the served kinds, and logs an error',
    async (_, event, described) => {
      const logger = capturingLogger();
      const handler = vi.fn(() => ok(json(null)));
      const message = `gatefold serves HTTP events (rest, http, function-url, alb) but was invoked with ${described}. Check the function's triggers.`;
      const answered = toLambda(handler, { logger })(asEvent(event), context);
      await expect(answered).rejects.toBeInstanceOf(UnsupportedEventError);
      await expect(answered).rejects.toStrictEqual(new UnsupportedEventError(message));
      expect(logger.error.mock.calls).toStrictEqual([
        [
          {
            message,
            errorName: 'UnsupportedEventError',
            errorMessage: message,
            stack: expect.any(String) as unknown,
            causes: [],
          },
        ],
      ]);
      expect(handler).not.toHaveBeenCalled();
    },
  );
});
