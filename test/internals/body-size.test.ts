import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readBody, sizeExceeds } from '../../src/_internals/body.js';

/** A body as an event carries it: text, or base64 of the same bytes. */
function bodyOf(text: string, asBase64: boolean) {
  const reading = asBase64
    ? readBody(Buffer.from(text, 'utf8').toString('base64'), true)
    : readBody(text, false);
  if (!reading.ok) throw new Error('unreadable');
  if (reading.body === undefined) throw new Error('no body');
  return reading.body;
}

describe('sizeExceeds', () => {
  it('agrees with the UTF-8 byte count for any text and limit, text or base64', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', minLength: 1, maxLength: 64 }),
        fc.integer({ min: 0, max: 300 }),
        fc.boolean(),
        (text, limit, asBase64) => {
          const body = bodyOf(text, asBase64);
          expect(sizeExceeds(body, limit)).toBe(Buffer.byteLength(text, 'utf8') > limit);
        },
      ),
      { numRuns: Number(process.env['FUZZ_RUNS'] ?? 500) },
    );
  });

  it('counts three-byte characters at the edge of the limit', () => {
    const text = '€'.repeat(10); // 30 bytes in 10 code units
    expect(sizeExceeds(bodyOf(text, false), 30)).toBe(false);
    expect(sizeExceeds(bodyOf(text, false), 29)).toBe(true);
  });
});
