/**
 * `meta` members named like `Object.prototype`'s own (`__proto__`, `constructor`, `toString`)
 * are members like any other in both formats. `meta` keys may come from anywhere — a parsed
 * body, a client's field names — and problem+json copies them onto its document, where assigning
 * `__proto__` would set the document's prototype and drop the member.
 */
import fc from 'fast-check';
import { err } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/index.js';
import { badRequest, notFound, toLambda, unprocessableEntity } from '../../src/index.js';
import { jsonApiDocument } from '../../src/formats/json-api.js';
import { problemDetailsDocument } from '../../src/formats/problem-details.js';
import { fakeContext, invoke, restApiEvent } from '../../src/testing/index.js';
import { capturingLogger } from '../support/logger.js';
import { LAMBDA_REQUEST_ID, REST_REQUEST_ID } from '../support/request-id.js';

// What a client could send, parsed: `__proto__` is an own member of the result.
const META = JSON.parse('{"__proto__":{"admin":true},"constructor":"c","field":"email"}') as Record<
  string,
  unknown
>;

const RESERVED = new Set([
  'type',
  'title',
  'status',
  'detail',
  'instance',
  'code',
  'pointer',
  'parameter',
  'header',
  'errors',
  'requestId',
]);

/** Keys that name members of `Object.prototype`, or anything at all. */
const metaKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'type'),
  fc.string({ maxLength: 8 }),
);
const meta = fc
  .array(fc.tuple(metaKey, fc.jsonValue({ maxDepth: 2 })), { maxLength: 6 })
  .map((entries) => Object.fromEntries(entries));

/** `target` has `meta`'s members that are not reserved, as own data, with the same values. */
function expectMetaMembers(target: object, members: Readonly<Record<string, unknown>>): void {
  expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
  for (const key of Object.keys(members)) {
    if (RESERVED.has(key)) continue;
    expect(Object.getOwnPropertyDescriptor(target, key)).toStrictEqual({
      value: members[key],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
}

describe('a meta member named __proto__', () => {
  it('is a member of a problem+json document with one problem', () => {
    const document = problemDetailsDocument([badRequest({ meta: META })], 400, 'req-9');
    expect(JSON.stringify(document)).toBe(
      '{"type":"about:blank","title":"Bad Request","status":400,' +
        '"__proto__":{"admin":true},"constructor":"c","field":"email","requestId":"req-9"}',
    );
    expect(Object.getPrototypeOf(document)).toBe(Object.prototype);
  });

  it('is a member of each entry of a problem+json document with several', () => {
    const document = problemDetailsDocument(
      [badRequest({ meta: META }), unprocessableEntity({ meta: META })],
      400,
      'req-9',
    );
    expect(JSON.stringify(document)).toBe(
      '{"type":"about:blank","title":"Bad Request","status":400,' +
        '"detail":"The request has 2 problems; each is listed under \\"errors\\".","errors":[' +
        '{"status":400,"title":"Bad Request","__proto__":{"admin":true},"constructor":"c","field":"email"},' +
        '{"status":422,"title":"Unprocessable Content","__proto__":{"admin":true},"constructor":"c","field":"email"}' +
        '],"requestId":"req-9"}',
    );
  });

  it('is a member of a JSON:API error’s meta', () => {
    expect(JSON.stringify(jsonApiDocument([badRequest({ meta: META })], 'req-9'))).toBe(
      '{"errors":[{"status":"400","title":"Bad Request",' +
        '"meta":{"__proto__":{"admin":true},"constructor":"c","field":"email"}}],' +
        '"meta":{"requestId":"req-9"}}',
    );
  });

  it.each<[string, string]>([
    [
      'application/problem+json',
      '{"type":"about:blank","title":"Not Found","status":404,' +
        `"__proto__":{"admin":true},"constructor":"c","field":"email","requestId":"${REST_REQUEST_ID}"}`,
    ],
    [
      'application/json',
      '{"errors":[{"status":"404","title":"Not Found",' +
        '"meta":{"__proto__":{"admin":true},"constructor":"c","field":"email"}}],' +
        `"meta":{"requestId":"${REST_REQUEST_ID}"}}`,
    ],
  ])('reaches the client through toLambda as %s', async (accept, body) => {
    const handler = toLambda(() => err(notFound({ meta: META })), {
      errorFormat: 'negotiate',
      logger: capturingLogger(),
    });
    const response = await invoke(
      handler,
      restApiEvent({ requestId: REST_REQUEST_ID, headers: { accept } }),
      fakeContext({ awsRequestId: LAMBDA_REQUEST_ID }),
    );
    expect(response.body).toBe(body);
  });
});

describe('meta members in a problem+json document, for any keys', () => {
  it('are own data members with their values, reserved names aside', () => {
    fc.assert(
      fc.property(meta, meta, (first, second) => {
        const one: Problem = badRequest({ meta: first });
        expectMetaMembers(problemDetailsDocument([one], 400, 'req-9'), first);
        const several = problemDetailsDocument([one, notFound({ meta: second })], 400, 'req-9');
        const [a, b] = several['errors'] as object[];
        expectMetaMembers(a ?? {}, first);
        expectMetaMembers(b ?? {}, second);
      }),
    );
  });
});
