import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { err, ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import {
  badRequest,
  json,
  problem,
  serviceUnavailable,
  toLambda,
  tooManyRequests,
} from '../src/index.js';
import { capturingLogger as logger } from './support/fixtures.js';
import { httpEvent, lambdaContext, restEvent } from './support/events.js';

describe('reply and problem details', () => {
  it('json(undefined) sends the status and headers with no body', async () => {
    const lambda = toLambda(() => ok(json(undefined, { status: 202, headers: { 'x-a': '1' } })));
    expect(await lambda(httpEvent(), lambdaContext)).toEqual({
      statusCode: 202,
      headers: { 'x-a': '1' },
      cookies: [],
      body: '',
      isBase64Encoded: false,
    });
  });

  it.each([
    ['NaN seconds', () => tooManyRequests(Number.NaN)],
    ['Infinity seconds', () => tooManyRequests(Number.POSITIVE_INFINITY)],
    ['an invalid date', () => serviceUnavailable(new Date('not a date'))],
  ])('Retry-After with %s is refused when the problem is built', (_, build) => {
    expect(build).toThrow(RangeError);
  });

  it('a Retry-After that cannot be built inside a handler becomes a masked, logged 500', async () => {
    const log = logger();
    const lambda = toLambda(() => err(tooManyRequests(Number.NaN)), { logger: log });
    const result = await lambda(restEvent(), lambdaContext);
    expect(result.statusCode).toBe(500);
    expect(log.error).toHaveBeenCalledTimes(1);
  });

  it('the body format owns the content type: a problem cannot override it', async () => {
    const lambda = toLambda(
      () => err(badRequest({ headers: { 'Content-Type': 'text/html', 'x-extra': 'kept' } })),
      { errorFormat: 'problem' },
    );
    const result = await lambda(httpEvent(), lambdaContext);
    expect(result.headers).toEqual({
      'content-type': 'application/problem+json',
      'x-extra': 'kept',
    });
  });

  it('headers from several problems: duplicates sent once, single-value fields keep the first', async () => {
    const lambda = toLambda(() =>
      err([
        tooManyRequests(30, { headers: { 'x-limit': 'a' } }),
        tooManyRequests(60, { headers: { 'x-limit': 'a' } }),
        problem({ status: 429, headers: { 'x-limit': 'b' } }),
      ]),
    );
    const result = await lambda(httpEvent(), lambdaContext);
    expect(result).toEqual({
      statusCode: 429,
      headers: { 'content-type': 'application/json', 'retry-after': '30', 'x-limit': 'a, b' },
      cookies: [],
      body: expect.any(String) as string,
      isBase64Encoded: false,
    });
  });

  it('a payload 2.0 HEAD event that cannot be read still gets no body', async () => {
    const log = logger();
    const lambda = toLambda(() => ok(1), { logger: log });
    const event = httpEvent();
    // A getter that throws stands for an event the reader cannot cope with.
    const broken = {
      ...event,
      requestContext: {
        ...event.requestContext,
        http: { ...event.requestContext.http, method: 'HEAD' },
      },
    } as APIGatewayProxyEventV2;
    Object.defineProperty(broken, 'headers', {
      enumerable: true,
      get() {
        throw new Error('unreadable');
      },
    });
    const result = await lambda(broken, lambdaContext);
    expect(result).toEqual({
      statusCode: 500,
      headers: { 'content-type': 'application/json' },
      cookies: [],
      body: '',
      isBase64Encoded: false,
    });
    expect(log.error).toHaveBeenCalledTimes(1);
  });
});
