/**
 * Percent-encoded paths, for every event kind: each path is decoded exactly once, counting the
 * decoding its source did. REST APIs, Function URLs and ALBs pass the path as the client sent it;
 * HTTP APIs decode it (and their path parameters) before invoking the function, as the live
 * captures of hotsock/voker#8 show. Decoding an HTTP API's path once more would let
 * `/%2561dmin` reach `/admin` past any path rule in front of the function, and turn an id of
 * `100%25` into `100%`. Every row is the whole result: status, every header and the parsed body.
 */
import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { HttpEvent } from '../../src/index.js';
import { json, router, toLambda } from '../../src/index.js';
import { httpApiEvent, restApiEvent } from '../../src/testing/index.js';
import { capturingLogger } from '../support/logger.js';
import type { Answer, Shape } from './shapes.js';
import {
  GATEWAY_ID,
  SHAPES,
  eventFor,
  jsonApi,
  lambdaContext,
  parsedResult,
  requestIdOf,
  resultFor,
} from './shapes.js';

const JSON_TYPE = { 'content-type': 'application/json' };

const api = router()
  .get('/admin', () => ok(json({ admin: true })))
  .get('/users/{id}', (request) => ok(json({ id: request.pathParameters['id'] })))
  .get('/files/{path+}', (request) => ok(json({ path: request.pathParameters['path'] })));

/** The answer and the error log lines of one event. */
async function answer(event: HttpEvent): Promise<{ result: unknown; errors: unknown[] }> {
  const logger = capturingLogger();
  const result = await toLambda(api, { logger })(event, lambdaContext());
  return { result: parsedResult(result), errors: logger.error.mock.calls };
}

const admin = (): Answer => ({ status: 200, headers: JSON_TYPE, body: { admin: true } });
const user = (id: string): Answer => ({ status: 200, headers: JSON_TYPE, body: { id } });
const file = (path: string): Answer => ({ status: 200, headers: JSON_TYPE, body: { path } });

function noRoute(path: string): (requestId: string) => Answer {
  return (requestId) => ({
    status: 404,
    headers: JSON_TYPE,
    body: jsonApi(requestId, {
      status: '404',
      title: 'Not Found',
      code: 'route-not-found',
      detail: `No route for GET ${path}.`,
    }),
  });
}

function invalid(segment: string): (requestId: string) => Answer {
  return (requestId) => ({
    status: 400,
    headers: JSON_TYPE,
    body: jsonApi(requestId, {
      status: '400',
      title: 'Bad Request',
      code: 'invalid-path-encoding',
      detail: `The path holds "${segment}", which is not valid percent-encoding (RFC 3986, section 2.1).`,
    }),
  });
}

type Expected = Answer | ((requestId: string) => Answer);

function resolve(expected: Expected, requestId: string): Answer {
  return typeof expected === 'function' ? expected(requestId) : expected;
}

describe('a path as the client sent it, through each source', () => {
  // `raw`: what a REST API, a Function URL or an ALB passes on, decoded once here. `httpApi`: an
  // HTTP API, which decodes the path itself — twice, in the capture — before the function runs.
  it.each<[string, string, Expected, Expected]>([
    ['an escaped escape of a route', '/%2561dmin', noRoute('/%2561dmin'), admin()],
    ['an escape of a route', '/%61dmin', admin(), admin()],
    ['an escaped %', '/users/100%2525', user('100%25'), user('100%')],
    ['an escaped escaped dot pair', '/users/%252e%252e', user('%2e%2e'), user('..')],
    ['an encoded slash', '/files/a%2Fb', file('a/b'), file('a/b')],
    ['an encoded ? and #', '/users/a%23b%3Fc', user('a#b?c'), user('a#b')],
    ['non-ASCII', '/users/caf%C3%A9', user('café'), user('café')],
  ])('%s: %s', async (_, path, raw, httpApi) => {
    for (const shape of SHAPES) {
      const requestId = requestIdOf(shape);
      const expected = resolve(shape === 'http' ? httpApi : raw, requestId);
      expect([shape, await answer(eventFor(shape, { path }))]).toEqual([
        shape,
        { result: resultFor(shape, expected, requestId), errors: [] },
      ]);
    }
  });

  it.each([
    ['/users/%E0%A4%A', '%E0%A4%A'],
    ['/users/%C0%AE%C0%AE', '%C0%AE%C0%AE'],
    ['/users/100%', '100%'],
    ['/files/ok/%zz', '%zz'],
  ])(
    '%s does not decode: 400 from the raw sources; an HTTP API refuses it itself',
    async (path, segment) => {
      for (const shape of SHAPES.filter((each) => each !== 'http')) {
        const requestId = requestIdOf(shape);
        expect([shape, await answer(eventFor(shape, { path }))]).toEqual([
          shape,
          { result: resultFor(shape, invalid(segment)(requestId), requestId), errors: [] },
        ]);
      }
      expect(() => eventFor('http', { path })).toThrow(/answers path .* with 400 itself/);
    },
  );
});

/** An HTTP API event whose gateway decoded the path to `rawPath`. */
function httpApiGave(
  rawPath: string,
  routeKey = '$default',
  pathParameters?: Record<string, string>,
): HttpEvent {
  const base = httpApiEvent({ routeKey, pathParameters, requestId: GATEWAY_ID });
  return {
    ...base,
    rawPath,
    requestContext: {
      ...base.requestContext,
      http: { ...base.requestContext.http, path: rawPath },
    },
  };
}

/** A REST-shaped event; with `version: "1.0"`, from an HTTP API's payload 1.0 integration. */
function payload1(
  path: string,
  resource: string,
  pathParameters: Record<string, string> | undefined,
  version: '1.0' | undefined,
): HttpEvent {
  const base = restApiEvent({ resource, pathParameters, requestId: GATEWAY_ID });
  return { ...base, path, ...(version === undefined ? {} : { version }) };
}

describe('a path as the gateway hands it over, decoded exactly once', () => {
  it.each<[string, HttpEvent, Shape, Expected]>([
    [
      'HTTP API: a decoded escape is not decoded again',
      httpApiGave('/%61dmin'),
      'http',
      noRoute('/%2561dmin'),
    ],
    ['HTTP API: a decoded % stays a %', httpApiGave('/users/100%25'), 'http', user('100%25')],
    [
      'HTTP API: a decoded ? and # stay in their segment',
      httpApiGave('/users/a?b#c'),
      'http',
      user('a?b#c'),
    ],
    [
      'HTTP API: a decoded space and a lone %',
      httpApiGave('/users/50% off'),
      'http',
      user('50% off'),
    ],
    [
      'HTTP API: greedy, with what no path can hold as it is',
      httpApiGave('/files/a?b/%zz/c d'),
      'http',
      file('a?b/%zz/c d'),
    ],
    [
      'HTTP API: the route it resolved, its decoded parameters kept',
      httpApiGave('/users/100%25', 'GET /users/{id}', { id: '100%25' }),
      'http',
      user('100%25'),
    ],
    [
      'HTTP API, payload 1.0: a decoded escape is not decoded again',
      payload1('/%61dmin', '$default', undefined, '1.0'),
      'rest',
      noRoute('/%2561dmin'),
    ],
    [
      'HTTP API, payload 1.0: the route it resolved, its decoded parameters kept',
      payload1('/users/100%25', '/users/{id}', { id: '100%25' }, '1.0'),
      'rest',
      user('100%25'),
    ],
    [
      'REST API: the resource it resolved, its encoded parameters decoded once',
      payload1('/users/100%2525', '/users/{id}', { id: '100%2525' }, undefined),
      'rest',
      user('100%25'),
    ],
    [
      'REST API: a parameter that does not decode',
      payload1('/users/%E0%A4%A', '/users/{id}', { id: '%E0%A4%A' }, undefined),
      'rest',
      invalid('%E0%A4%A'),
    ],
  ])('%s', async (_, event, shape, expected) => {
    expect(await answer(event)).toEqual({
      result: resultFor(shape, resolve(expected, GATEWAY_ID), GATEWAY_ID),
      errors: [],
    });
  });
});
