/**
 * Which codecs `is` may answer for: exactly those whose decoding of a valid value gives back the
 * value itself, so that an endpoint skipping `decode` for them hands its handler the same input.
 */
import fc from 'fast-check';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { IntFromString } from '../../src/index.js';
import { decodesAsIs } from '../../src/decode/as-is.js';

const AS_IS = {
  string: t.string,
  number: t.number,
  boolean: t.boolean,
  null: t.null,
  literal: t.literal('users'),
  keyof: t.keyof({ a: null, b: null }),
  array: t.array(t.string),
  nested: t.type({
    data: t.type({
      type: t.literal('users'),
      tags: t.array(t.string),
      attributes: t.type({ name: t.string, age: t.number, admin: t.boolean }),
    }),
  }),
};

const DECODED = {
  'an optional member': t.type({ name: t.string, note: t.union([t.string, t.undefined]) }),
  undefined: t.undefined,
  unknown: t.unknown,
  'a partial object': t.partial({ name: t.string }),
  'an exact object (strips members)': t.strict({ name: t.string }),
  'a transforming codec': IntFromString,
  'a transforming member': t.type({ page: IntFromString }),
  'an array of transforming elements': t.array(IntFromString),
  'a union': t.union([t.string, t.number]),
  'a refinement': t.brand(
    t.string,
    (s): s is t.Branded<string, { readonly A: unique symbol }> => s !== '',
    'A',
  ),
  'a plain Type without a tag': new t.Type<string>('S', t.string.is, t.string.validate, String),
};

describe('decodesAsIs', () => {
  it.each(Object.entries(AS_IS))('accepts %s', (_, codec) => {
    expect(decodesAsIs(codec)).toBe(true);
  });

  it.each(Object.entries(DECODED))('refuses %s', (_, codec) => {
    expect(decodesAsIs(codec)).toBe(false);
  });

  it('for every codec it accepts, decoding a value `is` accepts gives back that very value', () => {
    const codec = AS_IS.nested;
    const member = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant('users'));
    const document = fc.record({
      data: fc.record({
        type: fc.oneof(fc.constant('users'), fc.string()),
        tags: fc.array(member),
        attributes: fc.record({ name: member, age: member, admin: member }),
        extra: fc.jsonValue(),
      }),
    });
    fc.assert(
      fc.property(fc.oneof(document, fc.jsonValue()), (value) => {
        const decoded = codec.decode(value);
        expect(codec.is(value)).toBe(decoded._tag === 'Right');
        if (decoded._tag === 'Right') expect(decoded.right).toBe(value);
      }),
    );
  });
});
