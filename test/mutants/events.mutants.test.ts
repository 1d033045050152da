/**
 * Event reading details the wider tests leave out: which events are payload 2.0, the stage
 * prefix of HTTP API paths, the `cookies` array, and ALB events with parts missing.
 */
import { describe, expect, it } from 'vitest';
import { readAlbEvent } from '../../src/events/alb.js';
import { isHttpEvent, readHttpEvent } from '../../src/events/http.js';

describe('isHttpEvent', () => {
  it.each([
    ['requestContext.http', { requestContext: { http: { method: 'GET' } } }, true],
    ['version 2.0 with a rawPath', { version: '2.0', rawPath: '/x' }, true],
    ['version 2.0 without a rawPath', { version: '2.0' }, false],
    ['a rawPath without version 2.0', { version: '1.0', rawPath: '/x' }, false],
    ['a rawPath alone', { rawPath: '/x' }, false],
    ['requestContext.http that is not an object', { requestContext: { http: 'GET' } }, false],
    ['an empty event', {}, false],
  ])('%s → %s', (_name, event, expected) => {
    expect(isHttpEvent(event)).toBe(expected);
  });
});

describe('readHttpEvent', () => {
  const pathOf = (rawPath: string, stage: string | undefined): string =>
    readHttpEvent(
      'http',
      {
        version: '2.0',
        rawPath,
        requestContext: { http: { method: 'GET' }, ...(stage === undefined ? {} : { stage }) },
      },
      undefined,
    ).request.path;

  it.each([
    ['/prod/users', 'prod', '/users'],
    ['/prod', 'prod', '/'],
    ['/production/users', 'prod', '/production/users'],
    ['/users', 'prod', '/users'],
    ['/$default/users', '$default', '/$default/users'],
    ['/undefined/users', undefined, '/undefined/users'],
    ['/users', '', '/users'],
  ])('rawPath %j on stage %j → %j', (rawPath, stage, path) => {
    expect(pathOf(rawPath, stage)).toBe(path);
  });

  it('takes the path from requestContext.http when there is no rawPath', () => {
    const { request } = readHttpEvent(
      'http',
      { requestContext: { http: { method: 'get', path: '/from-context' } } },
      undefined,
    );
    expect({ method: request.method, path: request.path }).toStrictEqual({
      method: 'GET',
      path: '/from-context',
    });
  });

  it('rebuilds the Cookie header from the string entries of the cookies array', () => {
    const { request } = readHttpEvent(
      'http',
      { version: '2.0', rawPath: '/', cookies: ['a=1', 5, 'b=2'] },
      undefined,
    );
    expect(request.headers['cookie']).toStrictEqual(['a=1; b=2']);
    // Request maps have no prototype, so toEqual: same own members.
    expect(request.cookies).toEqual({ a: '1', b: '2' });
  });

  it('without a cookies array, has no Cookie header', () => {
    const { request } = readHttpEvent('http', { version: '2.0', rawPath: '/' }, undefined);
    expect(request.headers['cookie']).toBeUndefined();
    expect(request.cookies).toEqual({});
  });
});

describe('readAlbEvent', () => {
  it('reads a bare event as GET /, with no client address', () => {
    const { request } = readAlbEvent({ requestContext: { elb: {} } }, undefined);
    expect({
      method: request.method,
      path: request.path,
      sourceIp: request.sourceIp,
    }).toStrictEqual({ method: 'GET', path: '/', sourceIp: undefined });
  });

  it.each([
    ['198.51.100.1, 203.0.113.9', '203.0.113.9'],
    ['203.0.113.9', '203.0.113.9'],
    ['198.51.100.1, ', undefined],
    ['', undefined],
  ])('X-Forwarded-For %j → client %j', (forwardedFor, sourceIp) => {
    const { request } = readAlbEvent(
      { httpMethod: 'GET', path: '/', headers: { 'x-forwarded-for': forwardedFor } },
      undefined,
    );
    expect(request.sourceIp).toBe(sourceIp);
  });

  it('keeps the case of query keys', () => {
    const { request } = readAlbEvent(
      { httpMethod: 'GET', path: '/', queryStringParameters: { Page: '2' } },
      undefined,
    );
    expect(request.query).toEqual({ Page: ['2'] });
  });
});
