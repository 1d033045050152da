/**
 * Header names are lower-cased for every event, also once the reader has seen more names, or
 * longer ones, than it keeps the lower-case spelling of.
 */
import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { HttpRequest } from '../../src/index.js';
import { json, toLambda } from '../../src/index.js';
import { fakeContext, httpApiEvent, restApiEvent } from '../../src/testing/index.js';

function capture(): { handler: ReturnType<typeof toLambda>; seen: HttpRequest[] } {
  const seen: HttpRequest[] = [];
  const handler = toLambda((request) => {
    seen.push(request);
    return ok(json(null));
  });
  return { handler, seen };
}

/** `count` header names in mixed case, each with a value naming it. */
function mixedCaseHeaders(count: number, prefix: string): Record<string, string> {
  return Object.fromEntries(
    Array.from({ length: count }, (_, i) => [`${prefix}-Name-${String(i)}`, `value ${String(i)}`]),
  );
}

function lowerCased(headers: Record<string, string>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name.toLowerCase(), [value]]),
  );
}

describe('header names', () => {
  it('are lower-cased in every request, past the number of names kept', async () => {
    const { handler, seen } = capture();
    const first = mixedCaseHeaders(600, 'X-First');
    const second = mixedCaseHeaders(600, 'X-Second');

    for (const headers of [first, second, first]) {
      await handler(restApiEvent({ path: '/', headers }), fakeContext());
    }

    expect(seen).toHaveLength(3);
    [first, second, first].forEach((headers, i) => {
      expect(seen[i]?.headers).toMatchObject(lowerCased(headers));
    });
  });

  it('are lower-cased when longer than the names kept', async () => {
    const { handler, seen } = capture();
    const long = `X-${'Long'.repeat(40)}`;

    for (let i = 0; i < 2; i++) {
      await handler(restApiEvent({ path: '/', headers: { [long]: 'v' } }), fakeContext());
    }

    expect(seen.map((request) => request.headers[long.toLowerCase()])).toEqual([['v'], ['v']]);
    expect(seen.map((request) => request.headers[long])).toEqual([undefined, undefined]);
  });

  it('gather every spelling of a name under one lower-case name, seen before or not', async () => {
    const { handler, seen } = capture();

    for (let i = 0; i < 2; i++) {
      await handler(
        restApiEvent({ path: '/', headers: { 'X-Trace': 'a', 'x-TRACE': 'b' } }),
        fakeContext(),
      );
      await handler(httpApiEvent({ path: '/', headers: { 'x-trace': 'c' } }), fakeContext());
    }

    expect(seen.map((request) => request.headers['x-trace'])).toEqual([
      ['a', 'b'],
      ['c'],
      ['a', 'b'],
      ['c'],
    ]);
  });
});
