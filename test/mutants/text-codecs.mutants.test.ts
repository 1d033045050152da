/**
 * The text codecs' `is` guards (what counts as an already-decoded value) and the encoding of
 * numbers JavaScript would print in exponent notation.
 */
import { describe, expect, it } from 'vitest';
import {
  BooleanFromString,
  DateFromString,
  DateTimeFromString,
  IntFromString,
  NumberFromString,
} from '../../src/index.js';

describe('is', () => {
  it.each([
    [1.5, true],
    [0, true],
    [-2, true],
    [Number.NaN, false],
    [Number.POSITIVE_INFINITY, false],
    ['1.5', false],
    [null, false],
  ] as const)('NumberFromString.is(%s) → %s', (value, expected) => {
    expect(NumberFromString.is(value)).toBe(expected);
  });

  it.each([
    [42, true],
    [1.5, false],
    [2 ** 53, false],
    ['42', false],
  ] as const)('IntFromString.is(%s) → %s', (value, expected) => {
    expect(IntFromString.is(value)).toBe(expected);
  });

  it.each([
    [true, true],
    [false, true],
    ['true', false],
    [1, false],
  ] as const)('BooleanFromString.is(%s) → %s', (value, expected) => {
    expect(BooleanFromString.is(value)).toBe(expected);
  });

  it.each([DateFromString, DateTimeFromString])('%s.is takes valid Dates only', (codec) => {
    expect(codec.is(new Date(0))).toBe(true);
    expect(codec.is(new Date(Number.NaN))).toBe(false);
    expect(codec.is('2026-11-25')).toBe(false);
    expect(codec.is(0)).toBe(false);
  });
});

describe('NumberFromString.encode', () => {
  it.each([
    [1.5, '1.5'],
    [1e21, '1000000000000000000000'],
    [-1e21, '-1000000000000000000000'],
    [1e-7, '0.0000001'],
    [1.5e-7, '0.00000015'],
    [-2.25e-8, '-0.0000000225'],
  ] as const)('%s → %s, which decodes back to the same number', (value, text) => {
    expect(NumberFromString.encode(value)).toBe(text);
    expect(NumberFromString.decode(text)).toStrictEqual({ _tag: 'Right', right: value });
  });
});
