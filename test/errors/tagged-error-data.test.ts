/**
 * A `TaggedError`'s data become its fields, whatever their names: data parsed from a request may
 * have a member named `__proto__`, which must stay a field rather than replace the error's
 * prototype (the error would stop being an `Error` of its class), and an error map reading the
 * field sees the value.
 */
import { err } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { TaggedError, errorMap, toLambda } from '../../src/index.js';
import { fakeContext, invoke, restApiEvent } from '../../src/testing/index.js';
import { capturingLogger } from '../support/logger.js';
import { LAMBDA_REQUEST_ID, REST_REQUEST_ID } from '../support/request-id.js';

class Rejected extends TaggedError('Rejected')<Readonly<Record<string, unknown>>> {}

/** Data as a client could send them, parsed: every key an own member. */
function parsed(text: string): Record<string, unknown> {
  return JSON.parse(text) as Record<string, unknown>;
}

describe('TaggedError data', () => {
  it.each([
    ['__proto__ alone', '{"__proto__":{"admin":true}}'],
    ['__proto__ among other fields', '{"field":"email","__proto__":"x","constructor":1}'],
    ['no prototype-like name', '{"field":"email","reason":"taken"}'],
  ])('%s: each becomes an own field, and the error keeps its class', (_, text) => {
    const data = parsed(text);
    const error = new Rejected(data);
    expect(Object.getPrototypeOf(error)).toBe(Rejected.prototype);
    expect(error).toBeInstanceOf(Error);
    expect(error._tag).toBe('Rejected');
    expect(error.name).toBe('Rejected');
    for (const key of Object.keys(data)) {
      expect(Object.getOwnPropertyDescriptor(error, key)).toStrictEqual({
        value: data[key],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    expect(Object.keys(error)).toStrictEqual(['_tag', 'name', ...Object.keys(data)]);
  });

  it('a field named __proto__ is mapped like any other', async () => {
    const map = errorMap<Rejected>({
      Rejected: { status: 422, meta: (e) => ({ sent: e['__proto__'] }) },
    });
    const handler = toLambda(() => err(new Rejected(parsed('{"__proto__":"sent as data"}'))), {
      errors: map,
      logger: capturingLogger(),
    });
    const response = await invoke(
      handler,
      restApiEvent({ requestId: REST_REQUEST_ID }),
      fakeContext({ awsRequestId: LAMBDA_REQUEST_ID }),
    );
    expect(response.json()).toStrictEqual({
      errors: [
        {
          status: '422',
          code: 'Rejected',
          title: 'Unprocessable Content',
          meta: { sent: 'sent as data' },
        },
      ],
      meta: { requestId: REST_REQUEST_ID },
    });
  });
});
