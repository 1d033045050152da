/** Where `findJsonSyntaxError` places an error that follows valid escapes and nesting. */
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError } from '../../src/decode/json-syntax.js';

describe('findJsonSyntaxError', () => {
  it.each([
    ['["\\u0041", x]', { offset: 11, reason: "unexpected 'x', expected a value" }],
    [
      '{"\\u00e9":1,}',
      { offset: 12, reason: "unexpected '}', expected a member name in double quotes" },
    ],
    ['["\\n\\t", 1 2]', { offset: 11, reason: "unexpected '2', expected ',' or ']'" }],
    ['[[], {}, [1]] x', { offset: 14, reason: "unexpected 'x', expected the end of the document" }],
    ['{"a":[1,{"b":null}]]', { offset: 19, reason: "unexpected ']', expected ',' or '}'" }],
  ])('%j', (text, error) => {
    expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
    expect(findJsonSyntaxError(text)).toStrictEqual(error);
  });

  it('finds nothing wrong in valid JSON with escapes', () => {
    expect(findJsonSyntaxError('{"\\u0041\\"":["\\\\",-0.5e+3,true,false,null]}')).toBeUndefined();
  });
});
