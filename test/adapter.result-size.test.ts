/**
 * How `toLambda` sizes a result against its kind's limit: the bound it computes from string
 * lengths is never below the size Lambda sends (`JSON.stringify(result)` in UTF-8), whatever the
 * strings hold (control characters, lone surrogates, quotes, astral characters), and a result is
 * reported past a limit exactly when its size is.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resultSize, resultSizeBound, sizeOver } from '../src/_internals/result-size.js';

/** Strings made of the characters JSON.stringify spends the most bytes on, and ordinary ones. */
const text = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({
    unit: fc.constantFrom('\u0000', '\u001f', '"', '\\', '\ud800', '\udfff', 'é', '😀'),
  }),
  fc.string(),
);

const headers = fc.dictionary(text, text, { maxKeys: 5 });

/** Results in the shapes the writers make: single and multi-value headers, cookies, a body. */
const result = fc.record(
  {
    statusCode: fc.integer({ min: 100, max: 599 }),
    statusDescription: text,
    headers,
    multiValueHeaders: fc.dictionary(text, fc.array(text, { maxLength: 3 }), { maxKeys: 5 }),
    cookies: fc.array(text, { maxLength: 3 }),
    body: text,
    isBase64Encoded: fc.constant(false),
  },
  { requiredKeys: ['statusCode', 'body', 'isBase64Encoded'] },
);

const base64Result = fc.tuple(headers, fc.uint8Array({ maxLength: 300 })).map(([h, bytes]) => ({
  statusCode: 200,
  headers: h,
  body: Buffer.from(bytes).toString('base64'),
  isBase64Encoded: true,
}));

describe('sizing a result', () => {
  it('the bound is never below the size Lambda sends', () => {
    fc.assert(
      fc.property(fc.oneof(result, base64Result), (r) => {
        expect(resultSizeBound(r)).toBeGreaterThanOrEqual(resultSize(r));
      }),
      { numRuns: 2000 },
    );
  });

  it('is over a limit exactly when its size is, and then says its size', () => {
    fc.assert(
      fc.property(fc.oneof(result, base64Result), fc.nat(4000), (r, limit) => {
        const size = resultSize(r);
        expect(sizeOver(r, limit)).toBe(size > limit ? size : undefined);
      }),
      { numRuns: 2000 },
    );
  });

  it('a base64 body is counted as it is sent: one byte a character', () => {
    const r = { statusCode: 200, headers: {}, body: 'QUJD'.repeat(1000), isBase64Encoded: true };
    // Counted as escaped text, 4,000 characters would be bounded by 24,000 bytes.
    expect(resultSizeBound(r) - resultSize(r)).toBeLessThan(400);
  });

  it('a lone surrogate costs six bytes, as JSON.stringify escapes it', () => {
    const r = { body: '\ud800'.repeat(1000) };
    expect(resultSize(r)).toBe(6 * 1000 + 11);
    expect(resultSizeBound(r)).toBeGreaterThanOrEqual(resultSize(r));
  });
});
