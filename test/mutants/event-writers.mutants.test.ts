/**
 * Event reading and writing helpers the wider tests leave out: the bare request for an event
 * that could not be read, results with empty header lists, `__proto__` as a header name, and
 * what is not an event at all.
 */
import { describe, expect, it } from 'vitest';
import { detectEventKind } from '../../src/events/kinds.js';
import { fallbackRequest } from '../../src/events/read.js';
import { isRestEvent, readRestEvent, writeRestResult } from '../../src/events/rest.js';
import { joinedHeaders, setField } from '../../src/events/write.js';
import { fakeContext } from '../../src/testing/index.js';
import { inheritsNothing } from '../support/inherits-nothing.js';

describe('fallbackRequest', () => {
  const context = fakeContext({ awsRequestId: 'lambda-1' });
  const parts = (event: Record<string, unknown>, withContext = true): unknown => {
    const request = fallbackRequest('rest', event, withContext ? context : undefined);
    return { method: request.method, path: request.path, requestId: request.requestId };
  };

  it.each([
    [
      'payload 1.0',
      { httpMethod: 'head', path: '/p', requestContext: { requestId: 'gw-1' } },
      { method: 'HEAD', path: '/p', requestId: 'gw-1' },
    ],
    [
      'payload 2.0',
      { rawPath: '/r', requestContext: { http: { method: 'post' }, requestId: 'gw-2' } },
      { method: 'POST', path: '/r', requestId: 'gw-2' },
    ],
    [
      'nothing readable',
      { requestContext: 'x' },
      { method: 'GET', path: '/', requestId: 'lambda-1' },
    ],
  ])('%s', (_name, event, expected) => {
    expect(parts(event)).toStrictEqual(expected);
  });

  it('has no request id without a gateway id or a context', () => {
    expect(parts({}, false)).toStrictEqual({ method: 'GET', path: '/', requestId: '' });
  });

  it('has empty frozen maps that inherit nothing, like every request', () => {
    const request = fallbackRequest('rest', {}, context);
    for (const map of [request.headers, request.query, request.pathParameters, request.cookies]) {
      expect(inheritsNothing(map)).toBe(true);
      expect(Object.isFrozen(map)).toBe(true);
      expect(Object.keys(map)).toStrictEqual([]);
    }
  });
});

describe('writing results', () => {
  const response = {
    status: 200,
    headers: { 'x-none': [], 'x-one': ['1'], 'x-two': ['a', 'b'] },
    cookies: [],
    body: '',
  };

  it('a REST result leaves out headers with no value', () => {
    expect(writeRestResult(response)).toStrictEqual({
      statusCode: 200,
      headers: { 'x-one': '1' },
      multiValueHeaders: { 'x-two': ['a', 'b'] },
      body: '',
      isBase64Encoded: false,
    });
  });

  it('joined headers leave out headers with no value', () => {
    expect(joinedHeaders(response)).toStrictEqual({ 'x-one': '1', 'x-two': 'a, b' });
  });

  it('setField adds __proto__ as an ordinary own member', () => {
    const target: Record<string, string> = {};
    setField(target, '__proto__', 'v');
    setField(target, 'x', 'y');
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(target, '__proto__')).toStrictEqual({
      value: 'v',
      enumerable: true,
      writable: true,
      configurable: true,
    });
    expect(Object.getOwnPropertyDescriptor(target, 'x')).toStrictEqual({
      value: 'y',
      enumerable: true,
      writable: true,
      configurable: true,
    });
  });
});

describe('REST events', () => {
  it.each([
    [{ httpMethod: 'GET', path: '/' }, true],
    [{ httpMethod: 'GET' }, false],
    [{ path: '/' }, false],
  ])('isRestEvent(%j) → %s', (event, expected) => {
    expect(isRestEvent(event)).toBe(expected);
  });

  it('keeps the case of query keys', () => {
    const { request } = readRestEvent(
      { httpMethod: 'GET', path: '/', queryStringParameters: { Page: '2' } },
      undefined,
    );
    // Request maps have no prototype, so toEqual: same own members.
    expect(request.query).toEqual({ Page: ['2'] });
  });
});

describe('detectEventKind', () => {
  it.each([null, undefined, 'GET /', 42, []])('%j is no event', (value) => {
    expect(detectEventKind(value)).toBeUndefined();
  });
});
