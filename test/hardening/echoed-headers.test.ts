/**
 * What CORS echoes from the request into response headers, for every event kind: an Origin or
 * Access-Control-Request-Headers carrying CR or LF is never echoed (it would split the response),
 * even when every origin is allowed. A sane one still is.
 */
import { ok } from 'neverthrow';
import { describe, expect, it, vi } from 'vitest';
import type { CorsOptions } from '../../src/middleware/index.js';
import { json, toLambda } from '../../src/index.js';
import { cors } from '../../src/middleware/index.js';
import { SHAPES, eventFor, lambdaContext, parsedResult, resultFor } from './shapes.js';

const quiet = { error: vi.fn(), warn: vi.fn(), info: vi.fn(), debug: vi.fn() };
const INJECTED = 'https://shop.example\r\nset-cookie: session=stolen';

const anyOrigin: CorsOptions = { origins: '*' };
const everyOriginByPredicate: CorsOptions = { origins: () => true, credentials: true };

function api(options: CorsOptions) {
  return toLambda(() => ok(json({ up: true })), {
    logger: quiet,
    middleware: [cors(options)],
  });
}

const PREFLIGHT_VARY = [
  'origin',
  'access-control-request-method',
  'access-control-request-headers',
];

describe.each(SHAPES)('CORS, %s events', (shape) => {
  it.each([
    ['origins "*"', anyOrigin, { 'access-control-allow-origin': '*' }],
    ['a predicate that allows every origin', everyOriginByPredicate, { vary: 'origin' }],
  ])('%s: an Origin with CR LF is not allowed, so not echoed', async (_, options, cors) => {
    const result = await api(options)(
      eventFor(shape, { path: '/items', headers: { origin: INJECTED } }),
      lambdaContext(),
    );

    expect(parsedResult(result)).toEqual(
      resultFor(shape, {
        status: 200,
        headers: { 'content-type': 'application/json', ...cors },
        body: { up: true },
      }),
    );
  });

  it('a sane Origin is echoed', async () => {
    const result = await api(everyOriginByPredicate)(
      eventFor(shape, { path: '/items', headers: { origin: 'https://shop.example' } }),
      lambdaContext(),
    );

    expect(parsedResult(result)).toEqual(
      resultFor(shape, {
        status: 200,
        headers: {
          'content-type': 'application/json',
          'access-control-allow-origin': 'https://shop.example',
          'access-control-allow-credentials': 'true',
          vary: 'origin',
        },
        body: { up: true },
      }),
    );
  });

  it.each([
    ['CR LF', 'x-a\r\nset-cookie: session=stolen'],
    ['a value that is not a list of field names', 'x-a; y'],
  ])('a preflight asking for headers with %s: they are not echoed', async (_, asked) => {
    const result = await api(everyOriginByPredicate)(
      eventFor(shape, {
        method: 'OPTIONS',
        path: '/items',
        headers: {
          origin: 'https://shop.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': asked,
        },
      }),
      lambdaContext(),
    );

    expect(parsedResult(result)).toEqual(
      resultFor(shape, {
        status: 204,
        headers: {
          'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE',
          'access-control-allow-origin': 'https://shop.example',
          'access-control-allow-credentials': 'true',
          vary: PREFLIGHT_VARY,
        },
        body: '',
      }),
    );
  });

  it('a preflight asking for field names: they are echoed', async () => {
    const result = await api(everyOriginByPredicate)(
      eventFor(shape, {
        method: 'OPTIONS',
        path: '/items',
        headers: {
          origin: 'https://shop.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,x-api-key',
        },
      }),
      lambdaContext(),
    );

    expect(parsedResult(result)).toEqual(
      resultFor(shape, {
        status: 204,
        headers: {
          'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE',
          'access-control-allow-headers': 'content-type,x-api-key',
          'access-control-allow-origin': 'https://shop.example',
          'access-control-allow-credentials': 'true',
          vary: PREFLIGHT_VARY,
        },
        body: '',
      }),
    );
  });
});
