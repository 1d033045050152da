/**
 * How much one request can make `endpoint` say, for every event kind: the first `maxProblems`
 * problems (100 by default) and a last one that counts the rest, in the order the parts are
 * decoded; and what a problem echoes of the request — its detail, its source, a cookie's name —
 * bounded, so that a hundred problems fit what every event source can return.
 */
import * as t from 'io-ts';
import { ok } from 'neverthrow';
import { describe, expect, it, vi } from 'vitest';
import type { LogRecord } from '../../src/index.js';
import { IntFromString, endpoint, json, pattern, toLambda } from '../../src/index.js';
import type { Shape } from '../hardening/shapes.js';
import {
  SHAPES,
  eventFor,
  jsonApi,
  lambdaContext,
  parsedResult,
  requestIdOf,
  resultFor,
} from '../hardening/shapes.js';

const JSON_TYPE = { 'content-type': 'application/json' };

function quiet() {
  const method = () => vi.fn<(record: LogRecord) => void>();
  return { error: method(), warn: method(), info: method(), debug: method() };
}

function invalidInteger(name: string, received: string): object {
  return {
    status: '400',
    title: 'Invalid format',
    code: 'invalid-format',
    detail: `Expected an integer, received "${received}".`,
    source: { parameter: name },
  };
}

function tooMany(listed: number, omitted: number, status = '400'): object {
  return {
    status,
    title: 'Too many problems',
    code: 'too-many-problems',
    detail: `The request has ${String(listed + omitted)} problems; ${listed === 1 ? 'the first is' : `the first ${String(listed)} are`} listed.`,
    meta: { listed, omitted },
  };
}

const FIVE_PAGES = t.type({
  a: IntFromString,
  b: IntFromString,
  c: IntFromString,
  d: IntFromString,
  e: IntFromString,
});

const badQuery = { a: 'x', b: 'x', c: 'x', d: 'x', e: 'x' };

describe.each(SHAPES)('maxProblems, %s events', (shape: Shape) => {
  const requestId = requestIdOf(shape);

  it('lists the first problems in the order of the parts, and counts the body’s with the rest', async () => {
    const handler = toLambda(
      endpoint({ query: FIVE_PAGES, body: t.array(t.number) }, () => ok(json({ saved: true })), {
        maxProblems: 3,
      }),
      { logger: quiet() },
    );

    const result = await handler(
      eventFor(shape, {
        method: 'POST',
        path: '/items',
        query: badQuery,
        headers: { 'content-type': 'application/json' },
        body: '["x","x"]',
      }),
      lambdaContext(),
    );

    expect(parsedResult(result)).toEqual(
      resultFor(shape, {
        status: 400,
        headers: JSON_TYPE,
        body: jsonApi(
          requestId,
          invalidInteger('a', 'x'),
          invalidInteger('b', 'x'),
          invalidInteger('c', 'x'),
          tooMany(3, 4),
        ),
      }),
    );
  });

  it('a body refused with its own status is counted, not listed, once the list is full', async () => {
    const handler = toLambda(
      endpoint({ query: FIVE_PAGES, body: t.unknown }, () => ok(json({ saved: true })), {
        maxProblems: 2,
      }),
      { logger: quiet() },
    );

    const result = await handler(
      eventFor(shape, {
        method: 'POST',
        path: '/items',
        query: badQuery,
        headers: { 'content-type': 'text/plain' },
        body: 'hello',
      }),
      lambdaContext(),
    );

    expect(parsedResult(result)).toEqual(
      resultFor(shape, {
        status: 400,
        headers: JSON_TYPE,
        body: jsonApi(requestId, invalidInteger('a', 'x'), invalidInteger('b', 'x'), tooMany(2, 4)),
      }),
    );
  });

  it('the count takes the endpoint’s status', async () => {
    const handler = toLambda(
      endpoint({ query: FIVE_PAGES }, () => ok(json({ saved: true })), {
        maxProblems: 1,
        status: 422,
      }),
      { logger: quiet() },
    );

    const result = await handler(
      eventFor(shape, { path: '/items', query: badQuery }),
      lambdaContext(),
    );

    expect(parsedResult(result)).toEqual(
      resultFor(shape, {
        status: 422,
        headers: JSON_TYPE,
        body: jsonApi(
          requestId,
          { ...invalidInteger('a', 'x'), status: '422' },
          tooMany(1, 4, '422'),
        ),
      }),
    );
  });

  it('as many problems as the bound: all listed, none counted', async () => {
    const handler = toLambda(
      endpoint({ query: FIVE_PAGES }, () => ok(json({ saved: true })), { maxProblems: 5 }),
      { logger: quiet() },
    );

    const result = await handler(
      eventFor(shape, { path: '/items', query: badQuery }),
      lambdaContext(),
    );

    expect(parsedResult(result)).toEqual(
      resultFor(shape, {
        status: 400,
        headers: JSON_TYPE,
        body: jsonApi(
          requestId,
          ...['a', 'b', 'c', 'd', 'e'].map((name) => invalidInteger(name, 'x')),
        ),
      }),
    );
  });
});

describe('maxProblems is checked when the endpoint is declared', () => {
  it.each([0, -1, 1.5, Number.NaN, Infinity])('refuses %s', (max) => {
    expect(() => endpoint({ query: FIVE_PAGES }, () => ok(1), { maxProblems: max })).toThrow(
      new RangeError(`maxProblems must be a whole number of at least 1; got ${String(max)}.`),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// What a problem echoes.
// ---------------------------------------------------------------------------------------------

describe.each(SHAPES)('what a problem echoes, %s events', (shape: Shape) => {
  const requestId = requestIdOf(shape);

  it('a detail quoting a 100,000-character header is cut to 500 characters', async () => {
    const value = 'v'.repeat(100_000);
    const handler = toLambda(
      endpoint({ headers: t.type({ 'x-sku': pattern(t.string, /^[A-Z]{3}$/) }) }, () =>
        ok(json({ saved: true })),
      ),
      { logger: quiet() },
    );

    const result = await handler(
      eventFor(shape, { path: '/items', headers: { 'x-sku': value } }),
      lambdaContext(),
    );

    const detail = `Expected a value matching /^[A-Z]{3}$/, received "${value}".`;
    expect(parsedResult(result)).toEqual(
      resultFor(shape, {
        status: 400,
        headers: JSON_TYPE,
        body: jsonApi(requestId, {
          status: '400',
          title: 'Invalid format',
          code: 'invalid-format',
          detail: `${detail.slice(0, 499)}…`,
          source: { header: 'x-sku' },
        }),
      }),
    );
  });

  it('a pointer past 256 characters names the deepest ancestor that fits', async () => {
    const key = 'k'.repeat(300);
    const handler = toLambda(
      endpoint({ body: t.type({ data: t.record(t.string, t.number) }) }, () =>
        ok(json({ saved: true })),
      ),
      { logger: quiet() },
    );

    const result = await handler(
      eventFor(shape, {
        method: 'POST',
        path: '/items',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ data: { [key]: 'x' } }),
      }),
      lambdaContext(),
    );

    expect(parsedResult(result)).toEqual(
      resultFor(shape, {
        status: 400,
        headers: JSON_TYPE,
        body: jsonApi(requestId, {
          status: '400',
          title: 'Invalid type',
          code: 'invalid-type',
          detail: 'Expected a number, received "x".',
          source: { pointer: '/data' },
        }),
      }),
    );
  });

  it('a parameter name past 256 characters is cut, and says so', async () => {
    const name = 'p'.repeat(300);
    const handler = toLambda(
      endpoint({ query: t.record(t.string, IntFromString) }, () => ok(json({ saved: true }))),
      { logger: quiet() },
    );

    const result = await handler(
      eventFor(shape, { path: '/items', query: { [name]: 'x' } }),
      lambdaContext(),
    );

    expect(parsedResult(result)).toEqual(
      resultFor(shape, {
        status: 400,
        headers: JSON_TYPE,
        body: jsonApi(requestId, invalidInteger(`${name.slice(0, 255)}…`, 'x')),
      }),
    );
  });

  it('a cookie name past 500 characters is cut in meta', async () => {
    const name = 'c'.repeat(600);
    const handler = toLambda(
      endpoint({ cookies: t.record(t.string, IntFromString) }, () => ok(json({ saved: true }))),
      { logger: quiet() },
    );

    const result = await handler(
      eventFor(shape, { path: '/items', cookies: [`${name}=x`] }),
      lambdaContext(),
    );

    expect(parsedResult(result)).toEqual(
      resultFor(shape, {
        status: 400,
        headers: JSON_TYPE,
        body: jsonApi(requestId, {
          status: '400',
          title: 'Invalid format',
          code: 'invalid-format',
          detail: 'The cookie is not valid; its value is not repeated here.',
          source: { header: 'cookie' },
          meta: { cookie: `${name.slice(0, 499)}…` },
        }),
      }),
    );
  });
});
