/**
 * The phrases decoding details are made of: what a codec expects (`expectedOf`) and how a
 * received value is shown (`receivedOf`), for every kind of io-ts codec and value.
 */
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { expectedOf, receivedOf } from '../../src/decode/describe.js';
import { IntFromString } from '../../src/index.js';

describe('expectedOf', () => {
  it.each([
    ['t.string', t.string, 'a string'],
    ['t.number', t.number, 'a number'],
    ['t.boolean', t.boolean, 'a boolean'],
    ['t.null', t.null, 'null'],
    ['t.undefined', t.undefined, 'nothing'],
    ['t.void', t.void, 'nothing'],
    ['t.bigint', t.bigint, 'a big integer'],
    ['a string literal', t.literal('users'), '"users"'],
    ['a number literal', t.literal(42), '42'],
    ['a keyof of one key', t.keyof({ only: null }), '"only"'],
    ['a keyof', t.keyof({ a: null, b: null }), 'one of "a", "b"'],
    [
      'a keyof of eight keys, all listed',
      t.keyof({ a: null, b: null, c: null, d: null, e: null, f: null, g: null, h: null }),
      'one of "a", "b", "c", "d", "e", "f", "g", "h"',
    ],
    [
      'a keyof of more than eight keys',
      t.keyof({ a: null, b: null, c: null, d: null, e: null, f: null, g: null, h: null, i: null }),
      'one of "a", "b", "c", "d", "e", "f", "g", "h", …',
    ],
    ['a union of literals', t.union([t.literal('a'), t.literal(1)]), 'one of "a", 1'],
    [
      'a union of a literal and another codec',
      t.union([t.literal('a'), t.string]),
      '("a" | string)',
    ],
    ['a union of other codecs', t.union([t.string, t.number]), '(string | number)'],
    ['t.array', t.array(t.string), 'an array'],
    ['t.readonlyArray', t.readonlyArray(t.string), 'an array'],
    ['t.UnknownArray', t.UnknownArray, 'an array'],
    ['t.tuple', t.tuple([t.string, t.number]), 'an array'],
    ['t.type', t.type({ a: t.string }), 'an object'],
    ['t.partial', t.partial({ a: t.string }), 'an object'],
    ['t.strict', t.strict({ a: t.string }), 'an object'],
    ['t.exact', t.exact(t.type({ a: t.string })), 'an object'],
    ['t.record', t.record(t.string, t.number), 'an object'],
    ['t.UnknownRecord', t.UnknownRecord, 'an object'],
    // Deprecated in io-ts, still accepted by gatefold: users' older codecs use it.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    ['t.object', t.object, 'an object'],
    ['t.intersection', t.intersection([t.type({ a: t.string }), t.partial({})]), 'an object'],
    ['t.readonly of a type', t.readonly(t.type({ a: t.string })), 'an object'],
    ['t.readonly of an array', t.readonly(t.array(t.number)), 'an array'],
    ['t.unknown (its name)', t.unknown, 'unknown'],
    ['t.Int (its name)', t.Int, 'Int'],
    ['a described codec', IntFromString, 'an integer'],
  ] as const)('%s → %s', (_name, codec, expected) => {
    expect(expectedOf(codec)).toBe(expected);
  });
});

describe('receivedOf', () => {
  it.each([
    ['undefined', undefined, 'nothing'],
    ['null', null, 'null'],
    ['a string, quoted', 'abc', '"abc"'],
    ['an empty string', '', '""'],
    ['a number', 12.5, '12.5'],
    ['an array', [1, 'a'], '[1,"a"]'],
    ['an object', { a: 1 }, '{"a":1}'],
    ['a function (no JSON)', () => 1, 'function'],
    ['a symbol (no JSON)', Symbol('s'), 'symbol'],
    ['a big integer (JSON.stringify throws)', 10n, 'bigint'],
    ['exactly 60 characters, kept whole', 'x'.repeat(58), `"${'x'.repeat(58)}"`],
    ['61 characters, cut to 57 and an ellipsis', 'x'.repeat(59), `"${'x'.repeat(56)}…`],
  ] as const)('%s', (_name, value, expected) => {
    expect(receivedOf(value)).toBe(expected);
  });

  it('shows a circular value by its type', () => {
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    expect(receivedOf(circular)).toBe('object');
  });
});
