/**
 * A reply that did not come from a constructor's checks — a spread of one with a member replaced,
 * or a reply of another copy of gatefold — is folded by the same rules as a middleware's answer,
 * for every event kind: one cookie string where the list belongs is not sent as one `Set-Cookie`
 * line per character, and headers given as a string are not read as a map of its indices. Either
 * is a defect, answered with the masked 500.
 */
import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/index.js';
import { json, toLambda } from '../../src/index.js';
import {
  SHAPES,
  eventFor,
  jsonApi,
  lambdaContext,
  parsedResult,
  requestIdOf,
  resultFor,
} from './shapes.js';
import { capturingLogger } from '../support/logger.js';

const CASES: readonly (readonly [string, () => Reply, string])[] = [
  [
    'one cookie string where the list belongs',
    () => ({ ...json({ a: 1 }), cookies: 'a=b' }) as unknown as Reply,
    'Header "set-cookie" has a string where a list of values belongs.',
  ],
  [
    'headers given as a string',
    () => ({ ...json({ a: 1 }), headers: 'x-a: 1' }) as unknown as Reply,
    'The headers are a string; expected an object of names to values.',
  ],
  [
    'cookies given as null',
    () => ({ ...json({ a: 1 }), cookies: null }) as unknown as Reply,
    'Header "set-cookie" has null where a list of values belongs.',
  ],
];

describe.each(SHAPES)('replies built around the constructors, %s events', (shape) => {
  it.each(CASES)('%s: the masked 500', async (_, reply, message) => {
    const logger = capturingLogger();
    const handler = toLambda(() => ok(reply()), { logger });

    const result = await handler(eventFor(shape), lambdaContext());

    expect(parsedResult(result)).toEqual(
      resultFor(shape, {
        status: 500,
        headers: { 'content-type': 'application/json' },
        body: jsonApi(requestIdOf(shape), {
          status: '500',
          title: 'Internal Server Error',
          detail:
            'The server failed to handle the request. Quote the request id when reporting this.',
        }),
      }),
    );
    expect(logger.error.mock.calls).toEqual([
      [
        expect.objectContaining({
          message: 'Handler defect answered with a masked 500',
          errorName: 'InvalidResponseError',
          errorMessage: message,
        }),
      ],
    ]);
  });
});
