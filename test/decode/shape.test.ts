/**
 * Looking inside codecs: the members an object codec declares, whether a codec takes an array,
 * and the members of a document that no codec declares.
 */
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { isArrayCodec, propsOf, unknownMembers } from '../../src/decode/shape.js';
import {
  IntFromString,
  NonEmptyString,
  Uuid,
  maxLength,
  min,
  minLength,
  refine,
} from '../../src/index.js';

const always = { code: 'never', title: 'Never fails' } as const;

interface CheckedBrand {
  readonly Checked: unique symbol;
}

describe('propsOf', () => {
  const a = t.string;
  const b = t.number;

  it.each([
    ['t.type', t.type({ a, b })],
    ['t.partial', t.partial({ a, b })],
    ['t.exact', t.exact(t.type({ a, b }))],
    ['t.exact of t.partial', t.exact(t.partial({ a, b }))],
    ['t.strict', t.strict({ a, b })],
    ['t.readonly', t.readonly(t.type({ a, b }))],
    ['t.readonly of t.exact', t.readonly(t.exact(t.partial({ a, b })))],
    [
      'a t.brand',
      t.brand(
        t.type({ a, b }),
        (v): v is t.Branded<typeof v, CheckedBrand> => v.a !== '',
        'Checked',
      ),
    ],
    ['gatefold’s refine', refine(t.type({ a, b }), () => true, always)],
    ['an intersection of a type and a partial', t.intersection([t.type({ a }), t.partial({ b })])],
    [
      'an intersection of wrapped members',
      t.intersection([t.readonly(t.type({ a })), t.exact(t.partial({ b }))]),
    ],
    [
      'nested intersections',
      t.intersection([t.type({ a }), t.intersection([t.partial({ b }), t.type({})])]),
    ],
  ])('gives the members of %s', (_, codec) => {
    expect(propsOf(codec)).toEqual({ a, b });
  });

  it('keeps the first declaration of a member two intersection branches declare', () => {
    const props = propsOf(t.intersection([t.type({ a: t.string }), t.partial({ a: t.number })]));
    expect(props).toEqual({ a: t.string });
    expect(props?.['a']).toBe(t.string);
  });

  it('gives the members of a recursive codec', () => {
    interface Node {
      readonly name: string;
      readonly children: readonly Node[];
    }
    const Node: t.Type<Node> = t.recursion('Node', () =>
      t.type({ name: t.string, children: t.readonlyArray(Node) }),
    );
    expect(Object.keys(propsOf(Node) ?? {})).toEqual(['name', 'children']);
  });

  it.each([
    ['t.string', t.string],
    ['t.array', t.array(t.type({ a: t.string }))],
    ['t.record', t.record(t.string, t.string)],
    ['t.UnknownRecord', t.UnknownRecord],
    ['t.union of types', t.union([t.type({ a: t.string }), t.type({ b: t.string })])],
    [
      'an intersection with a record',
      t.intersection([t.type({ a: t.string }), t.record(t.string, t.string)]),
    ],
    ['IntFromString', IntFromString],
    ['Uuid', Uuid],
  ])('gives nothing for %s, which declares no fixed members', (_, codec) => {
    expect(propsOf(codec)).toBeUndefined();
  });

  it('gives an empty set for a type with no members', () => {
    expect(propsOf(t.type({}))).toEqual({});
  });
});

describe('isArrayCodec', () => {
  it.each([
    ['t.array', t.array(t.string)],
    ['t.readonlyArray', t.readonlyArray(IntFromString)],
    ['t.UnknownArray', t.UnknownArray],
    ['t.tuple', t.tuple([t.string, t.number])],
    ['t.readonly of an array', t.readonly(t.array(t.string))],
    [
      'a t.brand of an array',
      t.brand(
        t.array(t.string),
        (xs): xs is t.Branded<string[], CheckedBrand> => xs.length > 0,
        'Checked',
      ),
    ],
    ['gatefold’s refine of an array', refine(t.array(t.string), () => true, always)],
    ['minLength of an array', minLength(t.array(IntFromString), 1)],
    ['maxLength of a readonly array', maxLength(t.readonly(t.array(IntFromString)), 3)],
    ['minLength of maxLength of an array', minLength(maxLength(t.array(t.string), 3), 1)],
    ['t.readonly of a readonly array', t.readonly(t.readonlyArray(t.string))],
  ])('is true for %s', (_, codec) => {
    expect(isArrayCodec(codec)).toBe(true);
  });

  it.each([
    ['t.string', t.string],
    ['IntFromString', IntFromString],
    ['NonEmptyString', NonEmptyString],
    ['minLength of a string', minLength(t.string, 1)],
    ['min of IntFromString', min(IntFromString, 1)],
    ['t.type', t.type({ a: t.array(t.string) })],
    ['t.record', t.record(t.string, t.array(t.string))],
  ])('is false for %s', (_, codec) => {
    expect(isArrayCodec(codec)).toBe(false);
  });
});

describe('unknownMembers', () => {
  it('finds nothing in a document the codec fully declares', () => {
    expect(unknownMembers(t.type({ a: t.string }), { a: 'x' })).toEqual([]);
  });

  it('finds undeclared members at the root', () => {
    expect(unknownMembers(t.type({ a: t.string }), { a: 'x', b: 1, c: 2 })).toEqual(['/b', '/c']);
  });

  it('finds undeclared members at every depth, depth first in document order', () => {
    const Registration = t.type({
      data: t.type({
        type: t.literal('users'),
        attributes: t.partial({ name: t.string, nickname: t.string }),
      }),
    });
    const document = {
      data: { type: 'users', attributes: { name: 'Al', admin: true }, id: 'u-1' },
      meta: {},
    };
    expect(unknownMembers(Registration, document)).toEqual([
      '/data/attributes/admin',
      '/data/id',
      '/meta',
    ]);
  });

  it('reports an undeclared member once, without looking inside it', () => {
    expect(unknownMembers(t.type({}), { extra: { deeper: { deepest: 1 } } })).toEqual(['/extra']);
  });

  it('finds undeclared members in array elements', () => {
    const Order = t.type({ items: t.array(t.type({ sku: t.string })) });
    expect(
      unknownMembers(Order, { items: [{ sku: 'a' }, { sku: 'b', price: 1 }, { sku: 'c', x: 0 }] }),
    ).toEqual(['/items/1/price', '/items/2/x']);
  });

  it('finds undeclared members in readonly arrays, tuples and arrays of arrays', () => {
    const Codec = t.type({
      rows: t.readonlyArray(t.array(t.type({ v: t.number }))),
      pair: t.tuple([t.type({ a: t.string }), t.type({ b: t.string })]),
    });
    const document = {
      rows: [[{ v: 1 }], [{ v: 2 }, { v: 3, w: 4 }]],
      pair: [{ a: 'x', z: 1 }, { b: 'y' }],
    };
    expect(unknownMembers(Codec, document)).toEqual(['/rows/1/1/w', '/pair/0/z']);
  });

  it('follows a union into the branch that accepts the value', () => {
    const Shape = t.union([
      t.type({ kind: t.literal('circle'), radius: t.number }),
      t.type({ kind: t.literal('square'), side: t.number }),
    ]);
    expect(unknownMembers(t.array(Shape), [{ kind: 'square', side: 2, radius: 1 }])).toEqual([
      '/0/radius',
    ]);
    expect(unknownMembers(Shape, { kind: 'circle', radius: 1, side: 2 })).toEqual(['/side']);
  });

  it('finds nothing under a union no branch accepts', () => {
    const Either = t.union([t.type({ a: t.string }), t.type({ b: t.string })]);
    expect(unknownMembers(Either, { a: 1, b: 2, c: 3 })).toEqual([]);
  });

  it('finds undeclared members in the values of a record', () => {
    const Settings = t.record(t.string, t.type({ enabled: t.boolean }));
    expect(
      unknownMembers(Settings, { mail: { enabled: true }, 'push/web': { enabled: false, x: 1 } }),
    ).toEqual(['/push~1web/x']);
  });

  it('finds undeclared members through intersections', () => {
    const Codec = t.intersection([t.type({ a: t.string }), t.partial({ b: t.string })]);
    expect(unknownMembers(Codec, { a: 'x', b: 'y', c: 'z' })).toEqual(['/c']);
  });

  it('finds undeclared members through readonly, exact and refinement wrappers', () => {
    const Codec = t.type({
      one: t.readonly(t.type({ a: t.string })),
      two: t.exact(t.type({ a: t.string })),
      three: refine(t.type({ a: t.string }), () => true, always),
      four: minLength(t.array(t.type({ a: t.string })), 1),
    });
    const member = { a: 'x', extra: 1 };
    expect(
      unknownMembers(Codec, { one: member, two: member, three: member, four: [member] }),
    ).toEqual(['/one/extra', '/two/extra', '/three/extra', '/four/0/extra']);
  });

  it('escapes "/" and "~" in the pointers it gives', () => {
    expect(unknownMembers(t.type({ a: t.string }), { a: 'x', 'a/b': 1, 'm~n': 2 })).toEqual([
      '/a~1b',
      '/m~0n',
    ]);
  });

  it('reports members named like Object.prototype properties', () => {
    const document = JSON.parse('{"a":"x","toString":1,"constructor":2,"__proto__":3}') as unknown;
    expect(unknownMembers(t.type({ a: t.string }), document)).toEqual([
      '/toString',
      '/constructor',
      '/__proto__',
    ]);
  });

  it.each([
    ['null', null],
    ['an array', [{ b: 1 }]],
    ['a string', 'x'],
    ['nothing', undefined],
  ])('finds nothing when an object codec is given %s', (_, value) => {
    expect(unknownMembers(t.type({ a: t.string }), value)).toEqual([]);
  });

  it('stops at a depth limit on a recursive codec without throwing', () => {
    interface Node {
      readonly child?: Node;
    }
    const Node: t.Type<Node> = t.recursion('Node', () => t.partial({ child: Node }));
    let document: Record<string, unknown> = { extra: true };
    for (let i = 0; i < 5000; i++) document = { child: document };
    expect(() => unknownMembers(Node, document)).not.toThrow();
    expect(unknownMembers(Node, { child: { child: { extra: 1 } } })).toEqual([
      '/child/child/extra',
    ]);
  });
});
