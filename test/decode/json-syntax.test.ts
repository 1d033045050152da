import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError } from '../../src/decode/json-syntax.js';

describe('findJsonSyntaxError', () => {
  it.each([
    ['{"qty":}', 7, "unexpected '}', expected a value"],
    ['{"a":1,}', 7, "unexpected '}', expected a member name in double quotes"],
    ['[1,2', 4, 'unexpected end of input'],
    ['[1 2]', 3, "unexpected '2', expected ',' or ']'"],
    ['{"a" 1}', 5, "unexpected '1', expected ':'"],
    ["{'a':1}", 1, "unexpected ''', expected a member name in double quotes"],
    ['{"a":tru}', 5, "unexpected 't', expected a value"],
    ['{"a":"x\ny"}', 7, 'a control character inside a string'],
    ['"abc', 4, 'an unterminated string'],
    ['"\\x"', 1, 'an invalid escape sequence'],
    ['"\\u12G4"', 1, 'an invalid \\u escape'],
    ['01', 1, "unexpected '1', expected the end of the document"],
    ['-', 0, 'an invalid number'],
    ['{} {}', 3, "unexpected '{', expected the end of the document"],
    ['   ', 3, 'unexpected end of input'],
    ['\u0001', 0, 'unexpected control character U+0001, expected a value'],
  ])('%j → offset %i: %s', (text, offset, reason) => {
    expect(JSON.parse.bind(null, text)).toThrow(SyntaxError);
    expect(findJsonSyntaxError(text)).toEqual({ offset, reason });
  });

  it('finds nothing wrong in any document JSON.stringify writes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(findJsonSyntaxError(JSON.stringify(value, null, 2))).toBeUndefined();
      }),
      { numRuns: Number(process.env['FUZZ_RUNS'] ?? 200) },
    );
  });

  it('agrees with JSON.parse on truncated and corrupted documents', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), fc.string({ maxLength: 2 }), (value, at, insert) => {
        const text = JSON.stringify(value);
        const cut = at % (text.length + 1);
        const corrupted = text.slice(0, cut) + insert + text.slice(cut + 1);
        let parses = true;
        try {
          JSON.parse(corrupted);
        } catch {
          parses = false;
        }
        expect(findJsonSyntaxError(corrupted) === undefined).toBe(parses);
      }),
      { numRuns: Number(process.env['FUZZ_RUNS'] ?? 500) },
    );
  });

  it('does not overflow the stack on 100,000 levels of nesting', () => {
    expect(findJsonSyntaxError('['.repeat(100_000))).toEqual({
      offset: 100_000,
      reason: 'unexpected end of input',
    });
  });
});
