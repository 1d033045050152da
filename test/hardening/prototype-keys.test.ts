/**
 * `__proto__` in the text parts of a request (query, headers, cookies, path parameters), for
 * every event kind. The request maps have no prototype, so the key is an ordinary key there; but
 * a record codec rebuilds its value by assignment, where `__proto__` would set the decoded
 * object's prototype (to an array, for a repeated query key). `endpoint` refuses the key with
 * `forbidden-member`, as it refuses it in bodies, and decodes the rest; declared members are
 * decoded into clean objects.
 */
import * as t from 'io-ts';
import { ok } from 'neverthrow';
import { describe, expect, it, vi } from 'vitest';
import type { EventOptions } from '../../src/testing/index.js';
import { Trimmed, endpoint, json, toLambda } from '../../src/index.js';
import type { Shape } from './shapes.js';
import {
  SHAPES,
  eventFor,
  jsonApi,
  lambdaContext,
  parsedResult,
  requestIdOf,
  resultFor,
} from './shapes.js';

/** An object literal with own keys named as given, `__proto__` included. */
function own<V>(entries: readonly (readonly [string, V])[]): Record<string, V> {
  return Object.fromEntries(entries);
}

const quiet = { error: vi.fn(), warn: vi.fn(), info: vi.fn(), debug: vi.fn() };

/** A decoded object's prototype and own keys. */
function inspect(value: unknown): { prototype: unknown; keys: string[] } {
  return { prototype: Object.getPrototypeOf(value), keys: Object.keys(value as object).sort() };
}

const Text = t.union([Trimmed, t.array(Trimmed)]);

function recordEndpoint() {
  const seen: unknown[] = [];
  const handler = toLambda(
    endpoint(
      {
        query: t.record(t.string, Text),
        headers: t.record(t.string, Trimmed),
        cookies: t.record(t.string, Trimmed),
      },
      (input) => {
        seen.push(input);
        return ok(json({ query: input.query }));
      },
    ),
    { logger: quiet },
  );
  return { handler, seen };
}

function forbidden(source: object, detail: string, meta?: object): object {
  return {
    status: '400',
    title: 'Forbidden member name',
    code: 'forbidden-member',
    detail,
    source,
    ...(meta === undefined ? {} : { meta }),
  };
}

const proto = (shape: Shape): EventOptions => ({
  path: '/search',
  query: own<string | readonly string[]>([
    ['__proto__', [' a ', ' b ']],
    ['q', ' x '],
  ]),
  headers: own([['__proto__', ' h ']]),
  cookies: ['__proto__=c', `mode=${shape}`],
});

describe.each(SHAPES)('__proto__ in text parts, %s events', (shape) => {
  it('a record codec: 400 forbidden-member for each part, and no decoded value at all', async () => {
    const { handler, seen } = recordEndpoint();

    const result = await handler(eventFor(shape, proto(shape)), lambdaContext());

    const requestId = requestIdOf(shape);
    expect(parsedResult(result)).toEqual(
      resultFor(shape, {
        status: 400,
        headers: { 'content-type': 'application/json' },
        body: jsonApi(
          requestId,
          forbidden({ parameter: '__proto__' }, 'A parameter named __proto__ is not accepted.'),
          forbidden({ header: '__proto__' }, 'A header named __proto__ is not accepted.'),
          forbidden({ header: 'cookie' }, 'A cookie named __proto__ is not accepted.', {
            cookie: '__proto__',
          }),
        ),
      }),
    );
    expect(seen).toEqual([]);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('without __proto__, the same record codecs decode into plain objects', async () => {
    const { handler, seen } = recordEndpoint();

    const result = await handler(
      eventFor(shape, { path: '/search', query: { q: ' x ', tag: [' a ', ' b '] } }),
      lambdaContext(),
    );

    expect(result.statusCode).toBe(200);
    const [input] = seen as { query: unknown }[];
    expect(inspect(input?.query)).toEqual({ prototype: Object.prototype, keys: ['q', 'tag'] });
    // ALB single-value mode keeps the last value of a repeated key.
    expect(input?.query).toEqual({ q: 'x', tag: shape === 'alb' ? 'b' : ['a', 'b'] });
  });

  it('declared members: __proto__ in the request is not looked at', async () => {
    const seen: unknown[] = [];
    const handler = toLambda(
      endpoint(
        { query: t.partial({ q: Trimmed }), headers: t.partial({ 'x-mode': Trimmed }) },
        (input) => {
          seen.push(input);
          return ok(json(input));
        },
      ),
      { logger: quiet },
    );

    const result = await handler(
      eventFor(shape, {
        ...proto(shape),
        headers: own([
          ['__proto__', ' h '],
          ['X-Mode', ' m '],
        ]),
      }),
      lambdaContext(),
    );

    expect(parsedResult(result)).toEqual(
      resultFor(shape, {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: { query: { q: 'x' }, headers: { 'x-mode': 'm' } },
      }),
    );
    const [input] = seen as { query: object; headers: object }[];
    expect(Object.getPrototypeOf(input?.query)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(input?.headers)).toBe(Object.prototype);
  });
});
