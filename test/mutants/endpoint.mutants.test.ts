/**
 * `endpoint` details the wider tests leave out: what it records for the OpenAPI document, and
 * query parts decoded by a codec without fixed members (`t.record`).
 */
import * as t from 'io-ts';
import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { endpointFacts } from '../../src/decode/endpoint.js';
import { endpoint, json, toLambda } from '../../src/index.js';
import { fakeContext, restApiEvent } from '../../src/testing/index.js';
import { capturingLogger } from '../support/logger.js';

describe('endpointFacts', () => {
  const Params = t.type({ id: t.string });

  it('returns what endpoint was built from', () => {
    const handler = endpoint({ params: Params }, () => ok(json({})), {
      status: 422,
      unknownMembers: 'reject',
      describe: { summary: 'One user' },
    });
    expect(endpointFacts(handler)).toStrictEqual({
      parts: { params: Params },
      problemStatus: 422,
      unknownMembers: 'reject',
      describe: { summary: 'One user' },
    });
  });

  it('records the defaults: 400, unknown members allowed, no description', () => {
    const handler = endpoint({ params: Params }, () => ok(json({})));
    expect(endpointFacts(handler)).toStrictEqual({
      parts: { params: Params },
      problemStatus: 400,
      unknownMembers: 'allow',
      describe: {},
    });
  });

  it('knows nothing of a handler endpoint did not build', () => {
    expect(endpointFacts(() => ok(json({})))).toBeUndefined();
  });
});

describe('a query decoded by t.record', () => {
  const handler = toLambda(
    endpoint({ query: t.record(t.string, t.string) }, ({ query }) => ok(json(query))),
    { logger: capturingLogger() },
  );

  async function answer(query: Record<string, string | readonly string[]>): Promise<unknown> {
    const result = await handler(restApiEvent({ query, requestId: 'req-1' }), fakeContext());
    return { status: result.statusCode, body: JSON.parse(result.body) as unknown };
  }

  it('gets every key, one value each', async () => {
    expect(await answer({ a: '1', b: 'two' })).toStrictEqual({
      status: 200,
      body: { a: '1', b: 'two' },
    });
  });

  it('gets a repeated key as its list of values, which a string member refuses', async () => {
    expect(await answer({ a: ['1', '2'] })).toStrictEqual({
      status: 400,
      body: {
        errors: [
          {
            status: '400',
            code: 'invalid-type',
            title: 'Several values',
            detail: 'Expected one value, received 2: ["1","2"].',
            source: { parameter: 'a' },
          },
        ],
        meta: { requestId: 'req-1' },
      },
    });
  });
});
