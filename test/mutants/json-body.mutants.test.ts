/**
 * Bodies `endpoint` refuses before decoding: bytes that are not UTF-8, and a codec's own failure
 * message, which becomes the detail.
 */
import * as t from 'io-ts';
import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { endpoint, json, toLambda } from '../../src/index.js';
import { fakeContext, restApiEvent } from '../../src/testing/index.js';
import { capturingLogger } from '../support/logger.js';

const Code = new t.Type<string, string, unknown>(
  'Code',
  (value): value is string => typeof value === 'string',
  (value, context) =>
    typeof value === 'string' && /^[A-Z]{3}$/.test(value)
      ? t.success(value)
      : t.failure(value, context, 'A code is three capital letters.'),
  t.identity,
);

const handler = toLambda(
  endpoint({ body: t.type({ code: Code }) }, ({ body }) => ok(json(body))),
  { logger: capturingLogger() },
);

async function answer(body: string | Uint8Array): Promise<unknown> {
  const event = restApiEvent({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    requestId: 'req-1',
  });
  const result = await handler(event, fakeContext());
  return { status: result.statusCode, body: JSON.parse(result.body) as unknown };
}

describe('endpoint bodies', () => {
  it('a body that is not UTF-8 is malformed JSON', async () => {
    expect(await answer(Uint8Array.of(0x7b, 0x22, 0xff, 0x22, 0x7d))).toStrictEqual({
      status: 400,
      body: {
        errors: [
          {
            status: '400',
            title: 'Malformed JSON',
            code: 'invalid-json',
            detail: 'The body is not valid UTF-8, which JSON requires (RFC 8259 §8.1).',
            source: { pointer: '' },
          },
        ],
        meta: { requestId: 'req-1' },
      },
    });
  });

  it("a codec's failure message is the detail", async () => {
    expect(await answer('{"code":"abc"}')).toStrictEqual({
      status: 400,
      body: {
        errors: [
          {
            status: '400',
            title: 'Invalid value',
            code: 'invalid-value',
            detail: 'A code is three capital letters.',
            source: { pointer: '/code' },
          },
        ],
        meta: { requestId: 'req-1' },
      },
    });
  });

  it('a valid body reaches the handler', async () => {
    expect(await answer('{"code":"ABC"}')).toStrictEqual({ status: 200, body: { code: 'ABC' } });
  });
});
