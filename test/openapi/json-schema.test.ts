/**
 * `codecSchema`: the JSON Schema (OpenAPI 3.0 dialect) of a codec accepts what the codec
 * accepts. Checked with Ajv on samples the codec accepts and on arbitrary JSON values: exactly
 * the same verdict where JSON Schema can state the codec's rules, and a schema that accepts more
 * (never less) where it cannot, saying so in its `description` when the generator knows it.
 */
import fc from 'fast-check';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import {
  BooleanFromString,
  DateFromString,
  DateTimeFromString,
  IntFromString,
  NonEmptyString,
  NumberFromString,
  Trimmed,
  Uuid,
  max,
  maxLength,
  min,
  minLength,
  oneOf,
  pattern,
  refine,
} from '../../src/index.js';
import { codecSchema, withSchema } from '../../src/openapi/index.js';
import type { Case, WiderCase } from './schema-agreement.js';
import { anyJson, describeExactSchemas, describeWiderSchemas } from './schema-agreement.js';

const digits = fc.string({
  unit: fc.constantFrom(...Array.from('0123456789')),
  minLength: 1,
  maxLength: 20,
});
const dateText = fc
  .tuple(
    fc.integer({ min: 0, max: 9999 }),
    fc.integer({ min: 0, max: 13 }),
    fc.integer({ min: 0, max: 32 }),
  )
  .map(
    ([y, m, d]) =>
      `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
  );
const uuidText = fc.oneof(
  fc.uuid(),
  fc.uuid().map((id) => id.toUpperCase()),
  fc.constantFrom(
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
    '6ba7b810-9dad-01d1-80b4-00c04fd430c8',
    '6ba7b810-9dad-11d1-c0b4-00c04fd430c8',
    'urn:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8',
  ),
);
const asciiText = fc.string({ maxLength: 12 });
const person = t.type({ name: t.string, age: t.union([t.number, t.undefined]) });
const personValue = fc.record(
  { name: fc.string(), age: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { requiredKeys: ['name'] },
);
const withExtra = (base: fc.Arbitrary<Record<string, unknown>>) =>
  fc
    .tuple(base, fc.dictionary(fc.constantFrom('x', 'y'), anyJson, { maxKeys: 2 }))
    .map(([value, extra]) => ({ ...extra, ...value }));

/** Codecs whose schema states every rule: the verdicts must agree on every value. */
const EXACT: readonly Case[] = [
  { name: 't.string', codec: t.string, accepted: fc.string() },
  {
    name: 't.number',
    codec: t.number,
    accepted: fc.double({ noNaN: true, noDefaultInfinity: true }),
  },
  { name: 't.boolean', codec: t.boolean, accepted: fc.boolean() },
  { name: "t.literal('users')", codec: t.literal('users'), accepted: fc.constant('users') },
  { name: 't.literal(3)', codec: t.literal(3), accepted: fc.constant(3) },
  { name: 't.literal(false)', codec: t.literal(false), accepted: fc.constant(false) },
  {
    name: 't.keyof',
    codec: t.keyof({ asc: null, desc: null }),
    accepted: fc.constantFrom('asc', 'desc'),
  },
  { name: 'oneOf', codec: oneOf('a', 'b', 'c'), accepted: fc.constantFrom('a', 'b', 'c') },
  {
    name: 'a union of literals',
    codec: t.union([t.literal('a'), t.literal('b')]),
    accepted: fc.constantFrom('a', 'b'),
  },
  {
    name: 'a union of string literals and null',
    codec: t.union([t.literal('a'), t.literal('b'), t.null]),
    accepted: fc.constantFrom('a', 'b', null),
  },
  {
    name: 'a string or null',
    codec: t.union([t.string, t.null]),
    accepted: fc.option(fc.string(), { nil: null }),
  },
  {
    name: 'a number or undefined',
    codec: t.union([t.number, t.undefined]),
    accepted: fc.integer(),
  },
  {
    name: 'a union of objects',
    codec: t.union([t.type({ kind: t.literal('a'), a: t.string }), t.type({ b: t.number })]),
    accepted: fc.oneof(
      fc.record({ kind: fc.constant('a'), a: fc.string() }),
      fc.record({ b: fc.integer() }),
    ),
  },
  { name: 't.type', codec: person, accepted: withExtra(personValue) },
  {
    name: 't.partial',
    codec: t.partial({ name: t.string, tags: t.array(t.string) }),
    accepted: withExtra(
      fc.record({ name: fc.string(), tags: fc.array(fc.string()) }, { requiredKeys: [] }),
    ),
  },
  { name: 't.exact', codec: t.exact(person), accepted: withExtra(personValue) },
  { name: 't.strict', codec: t.strict(person.props), accepted: withExtra(personValue) },
  {
    name: 't.intersection of objects',
    codec: t.intersection([t.type({ id: t.string }), t.partial({ note: t.string })]),
    accepted: withExtra(
      fc.record({ id: fc.string(), note: fc.string() }, { requiredKeys: ['id'] }),
    ),
  },
  {
    name: 'nested objects and arrays',
    codec: t.type({
      data: t.type({
        type: t.literal('users'),
        attributes: t.type({ names: t.array(t.string), admin: t.boolean }),
      }),
    }),
    accepted: fc.record({
      data: fc.record({
        type: fc.constant('users'),
        attributes: fc.record({ names: fc.array(fc.string()), admin: fc.boolean() }),
      }),
    }),
  },
  {
    name: 't.array',
    codec: t.array(t.number),
    accepted: fc.array(fc.double({ noNaN: true, noDefaultInfinity: true })),
  },
  {
    name: 't.readonlyArray of readonly objects',
    codec: t.readonlyArray(t.readonly(t.type({ id: t.number }))),
    accepted: fc.array(fc.record({ id: fc.integer() })),
  },
  {
    name: 't.record of strings',
    codec: t.record(t.string, t.boolean),
    accepted: fc.dictionary(fc.string(), fc.boolean()),
  },
  { name: 't.unknown', codec: t.unknown, accepted: anyJson },
  {
    name: 't.UnknownRecord',
    codec: t.UnknownRecord,
    accepted: fc.dictionary(fc.string(), anyJson),
  },
  {
    name: 't.Int',
    codec: t.Int,
    accepted: fc.oneof(fc.integer(), fc.constantFrom(2 ** 53, 1e21, -0)),
    probes: fc.constantFrom(1.5, -0.1, 2 ** 53 + 0.5, 1e-7),
  },
  {
    name: 'BooleanFromString',
    codec: BooleanFromString,
    accepted: fc.constantFrom('true', 'false'),
    probes: fc.constantFrom('TRUE', '1', 'yes', ' true', true),
  },
  {
    name: 'Uuid',
    codec: Uuid,
    accepted: uuidText.filter((text) => Uuid.is(text)),
    probes: uuidText,
  },
  { name: 'NonEmptyString', codec: NonEmptyString, accepted: fc.string({ minLength: 1 }) },
  { name: 'Trimmed', codec: Trimmed, accepted: fc.string() },
  {
    name: 'minLength of ASCII text',
    codec: minLength(t.string, 3),
    accepted: fc.string({ minLength: 3 }),
    probes: asciiText,
  },
  {
    name: 'maxLength of ASCII text',
    codec: maxLength(t.string, 3),
    accepted: fc.string({ maxLength: 3 }),
    probes: asciiText,
  },
  {
    name: 'minLength and maxLength of an array',
    codec: maxLength(minLength(t.array(t.string), 1), 3),
    accepted: fc.array(fc.string(), { minLength: 1, maxLength: 3 }),
    probes: fc.array(fc.string(), { maxLength: 5 }),
  },
  {
    name: 'min and max of a number',
    codec: max(min(t.number, -2.5), 10),
    accepted: fc.double({ min: -2.5, max: 10, noNaN: true }),
    probes: fc.double({ min: -20, max: 20, noNaN: true }),
  },
  {
    name: 'pattern',
    codec: pattern(t.string, /^[A-Z]{3}-\d{4}$/),
    accepted: fc
      .tuple(
        fc.string({ unit: fc.constantFrom(...Array.from('ABCXYZ')), minLength: 3, maxLength: 3 }),
        fc.integer({ min: 0, max: 9999 }),
      )
      .map(([letters, n]) => `${letters}-${String(n).padStart(4, '0')}`),
    probes: fc.constantFrom('ABC-12345', 'abc-1234', 'ABC1234', ' ABC-1234'),
  },
  {
    name: 'two patterns',
    codec: pattern(pattern(t.string, /^[a-z]+$/), /^.{2,4}$/),
    accepted: fc.string({
      unit: fc.constantFrom(...Array.from('abcxyz')),
      minLength: 2,
      maxLength: 4,
    }),
    probes: fc.string({ unit: fc.constantFrom(...Array.from('abXY1')), maxLength: 6 }),
  },
];

/**
 * Codecs with rules JSON Schema cannot state: the schema must accept all they accept (and is
 * allowed more).
 */
const WIDER: readonly WiderCase[] = [
  {
    name: 'IntFromString (safe integers only)',
    codec: IntFromString,
    accepted: fc.integer().map(String),
    probes: fc.oneof(
      digits,
      digits.map((d) => `-${d}`),
      fc.constantFrom('9007199254740993', '0x10', '1e3', '1.0', ' 1'),
    ),
    furtherRules: false,
  },
  {
    name: 'NumberFromString (finite only)',
    codec: NumberFromString,
    accepted: fc
      .double({ noNaN: true, noDefaultInfinity: true })
      .map((n) => NumberFromString.encode(n)),
    probes: fc.oneof(digits, fc.constantFrom('1'.repeat(400), '.5', '5.', '-1.25', '1e3')),
    furtherRules: false,
  },
  {
    name: 'DateFromString (days that exist)',
    codec: DateFromString,
    accepted: dateText.filter((text) => DateFromString.decode(text)._tag === 'Right'),
    probes: dateText,
    furtherRules: false,
  },
  {
    name: 'DateTimeFromString (fields in range)',
    codec: DateTimeFromString,
    accepted: fc
      .date({
        min: new Date('0001-01-01T00:00:00Z'),
        max: new Date('9999-12-31T23:59:59Z'),
        noInvalidDate: true,
      })
      .map((date) => date.toISOString()),
    probes: fc.constantFrom(
      '2026-11-25T17:01:03Z',
      '2026-11-25t17:01:03.123456789+01:00',
      '2026-02-29T00:00:00Z',
      '2026-11-25T24:00:00Z',
      '2026-11-25 17:01:03Z',
      '2026-11-25T17:01:03',
    ),
    furtherRules: false,
  },
  {
    name: 'refine with a predicate',
    codec: refine(t.number, Number.isSafeInteger, { code: 'whole', title: 'Whole number' }),
    accepted: fc.integer(),
    probes: fc.constantFrom(1.5, 2 ** 60),
    furtherRules: true,
  },
  {
    name: 'min of a refinement',
    codec: min(refine(t.number, Number.isSafeInteger, { code: 'whole', title: 'Whole' }), 1),
    accepted: fc.integer({ min: 1 }),
    probes: fc.constantFrom(0, 1.5, -3),
    furtherRules: true,
  },
  {
    name: 'a pattern with flags',
    codec: pattern(t.string, /^abc$/i),
    accepted: fc.constantFrom('abc', 'ABC', 'aBc'),
    furtherRules: true,
  },
  {
    name: 'a hand-written codec',
    codec: new t.Type<string, string, unknown>(
      'Secret',
      (value): value is string => typeof value === 'string',
      (value, context) =>
        typeof value === 'string' ? t.success(value) : t.failure(value, context),
      t.identity,
    ),
    accepted: fc.string(),
    furtherRules: true,
  },
  {
    name: 'a branded refinement',
    codec: t.brand(
      t.number,
      (n): n is t.Branded<number, { readonly Odd: unique symbol }> => Math.abs(n % 2) === 1,
      'Odd',
    ),
    accepted: fc.integer().map((n) => n * 2 + 1),
    furtherRules: true,
  },
];

describeExactSchemas(EXACT);
describeWiderSchemas(WIDER);
describeExactSchemas(EXACT, anyJson, '3.1.0');
describeWiderSchemas(WIDER, anyJson, '3.1.0');

describe('codecSchema', () => {
  it('writes the OpenAPI 3.0 dialect: nullable, formats, no const', () => {
    expect(codecSchema(t.union([t.string, t.null]))).toStrictEqual({
      type: 'string',
      nullable: true,
    });
    expect(codecSchema(t.literal('a'))).toStrictEqual({ type: 'string', enum: ['a'] });
    expect(codecSchema(DateFromString)).toStrictEqual({ type: 'string', format: 'date' });
    expect(codecSchema(DateTimeFromString)).toStrictEqual({ type: 'string', format: 'date-time' });
    expect(codecSchema(Uuid)).toMatchObject({ type: 'string', format: 'uuid' });
    expect(codecSchema(t.Int)).toStrictEqual({ type: 'integer' });
  });

  it('says that further rules apply to a tuple, whose positions it cannot state', () => {
    expect(codecSchema(t.tuple([t.string, t.number]))).toStrictEqual({
      type: 'array',
      items: {},
      minItems: 2,
      description: 'Further rules apply ([string, number]).',
    });
  });

  it('leaves a member that takes undefined out of required', () => {
    expect(
      codecSchema(t.type({ a: t.string, b: t.union([t.string, t.undefined]), c: t.unknown })),
    ).toStrictEqual({
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'string' }, c: {} },
      required: ['a'],
    });
  });

  it('closes objects when asked, intersections merged into one object', () => {
    expect(
      codecSchema(t.intersection([t.type({ a: t.string }), t.partial({ b: t.number })]), {
        closed: true,
      }),
    ).toStrictEqual({
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'number' } },
      required: ['a'],
      additionalProperties: false,
    });
  });

  it('uses the schema a codec was described with', () => {
    const Money = withSchema(
      new t.Type<number, string, unknown>(
        'Money',
        (value): value is number => typeof value === 'number',
        (value, context) =>
          typeof value === 'string' && /^\d+\.\d{2}$/.test(value)
            ? t.success(Number(value))
            : t.failure(value, context),
        (value) => value.toFixed(2),
      ),
      { type: 'string', pattern: '^\\d+\\.\\d{2}$' },
    );
    expect(codecSchema(t.type({ price: Money }))).toStrictEqual({
      type: 'object',
      properties: { price: { type: 'string', pattern: '^\\d+\\.\\d{2}$' } },
      required: ['price'],
    });
  });
});
