/**
 * `codecSchema` where io-ts and JSON Schema part ways: `null` in OpenAPI 3.0 (no `nullable`
 * without a `type`), lengths (io-ts counts UTF-16 code units, JSON Schema code points), tuples
 * (io-ts drops extra items), records over known keys (every key required, others dropped),
 * `t.object` (arrays too), bounds on numbers read from text, constraints on codecs that change
 * the value they decode, and JavaScript patterns Ajv compiles with the `u` flag — in OpenAPI
 * 3.0's dialect and in 3.1's (JSON Schema 2020-12). Strings here hold any character, astral
 * ones and lone surrogates included.
 */
import fc from 'fast-check';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import {
  IntFromString,
  NumberFromString,
  Trimmed,
  max,
  maxLength,
  min,
  minLength,
  pattern,
} from '../../src/index.js';
import { codecSchema, withSchema } from '../../src/openapi/index.js';
import type { Case, WiderCase } from './schema-agreement.js';
import {
  accepts,
  anyChar,
  anyText,
  anyUnicodeJson,
  compile,
  describeExactSchemas,
  describeWiderSchemas,
} from './schema-agreement.js';

// Deprecated by io-ts (`t.UnknownRecord` refuses arrays), yet found in codecs still.
// eslint-disable-next-line @typescript-eslint/no-deprecated
const objectCodec = t.object;

const EXACT: readonly Case[] = [
  { name: 't.null', codec: t.null, accepted: fc.constant(null) },
  {
    name: 'strings, numbers or null',
    codec: t.union([t.string, t.number, t.null]),
    accepted: fc.oneof(anyText, fc.integer(), fc.constant(null)),
  },
  {
    name: 'literals of two types or null',
    codec: t.union([t.literal('a'), t.literal(1), t.null]),
    accepted: fc.constantFrom('a', 1, null),
    probes: fc.constantFrom('1', 'b', 2, true),
  },
  {
    name: 'a literal, any string or null',
    codec: t.union([t.literal('a'), t.string, t.null]),
    accepted: fc.oneof(anyText, fc.constant(null)),
  },
  {
    name: 'a nullable string within a union',
    codec: t.union([t.union([t.string, t.null]), t.number]),
    accepted: fc.oneof(anyText, fc.integer(), fc.constant(null)),
  },
  {
    name: 'an object or null',
    codec: t.union([t.type({ a: t.string }), t.null]),
    accepted: fc.oneof(fc.record({ a: anyText }), fc.constant(null)),
  },
  {
    name: 'a union of objects or null',
    codec: t.union([t.type({ a: t.string }), t.type({ b: t.number }), t.null]),
    accepted: fc.oneof(
      fc.record({ a: anyText }),
      fc.record({ b: fc.integer() }),
      fc.constant(null),
    ),
  },
  {
    name: 'an array or null',
    codec: t.union([t.array(t.boolean), t.null, t.undefined]),
    accepted: fc.oneof(fc.array(fc.boolean()), fc.constant(null)),
  },
  { name: 'anything or null', codec: t.union([t.unknown, t.null]), accepted: anyUnicodeJson },
  {
    name: 't.object (arrays are objects too)',
    codec: objectCodec,
    accepted: fc.oneof(fc.dictionary(anyText, anyUnicodeJson), fc.array(anyUnicodeJson)),
  },
  {
    name: 'a record over t.keyof',
    codec: t.record(t.keyof({ a: null, b: null }), t.number),
    accepted: fc
      .tuple(fc.record({ a: fc.integer(), b: fc.integer() }), fc.dictionary(anyText, anyText))
      .map(([known, other]) => ({ ...other, ...known })),
    probes: fc.constantFrom({ a: 1 }, { a: 1, b: 'x' }, { a: 1, b: 2, c: 'x' }, [1, 2]),
  },
  {
    name: 'a record over literals, values optional',
    codec: t.record(t.union([t.literal('a'), t.literal('b')]), t.union([t.string, t.undefined])),
    accepted: fc.record({ a: anyText, b: anyText }, { requiredKeys: [] }),
    probes: fc.constantFrom({ a: 1 }, { c: 1 }),
  },
  {
    name: 'a record of strings to anything (arrays too, as io-ts takes them)',
    codec: t.record(t.string, t.any),
    accepted: fc.oneof(fc.dictionary(anyText, anyUnicodeJson), fc.array(anyUnicodeJson)),
  },
  {
    name: 'an intersection naming a member twice',
    codec: t.intersection([
      t.type({ a: t.string }),
      t.type({ a: t.union([t.string, t.number]), b: t.boolean }),
    ]),
    accepted: fc.record({ a: anyText, b: fc.boolean() }),
    probes: fc.constantFrom({ a: 1, b: true }, { a: 'x' }),
  },
  {
    name: 'minLength 1 and maxLength 0',
    codec: t.union([minLength(t.string, 1), maxLength(t.array(t.number), 0)]),
    accepted: fc.oneof(fc.string({ unit: anyChar, minLength: 1 }), fc.constant([])),
  },
  {
    name: 'a pattern with escapes only non-unicode JavaScript takes',
    codec: pattern(t.string, new RegExp(String.raw`^[a-z]+\-\d+\_\p{L}$`)),
    accepted: fc
      .tuple(fc.stringMatching(/^[a-z]+$/), fc.nat())
      .map(([word, n]) => `${word}-${String(n)}_p{L}`),
    probes: fc.constantFrom('ab-1_p{L}', 'ab-1_é', 'ab\\-1_p{L}', 'ab-_p{L}', 'ab-1_pL'),
  },
  {
    name: 'a pattern with braces that quantify nothing',
    codec: pattern(t.string, /^a{,2}}$/),
    accepted: fc.constant('a{,2}}'),
    probes: fc.constantFrom('a', 'aa', 'a{,2}', 'a{,2}}}'),
  },
  {
    name: 'a pattern with a class escape in a range',
    codec: pattern(t.string, new RegExp(String.raw`^[\d-z]+$`)),
    accepted: fc.string({ unit: fc.constantFrom('0', '9', '-', 'z'), minLength: 1 }),
    probes: fc.constantFrom('a', 'y', '5-z', 'Z'),
  },
];

/** Tuples: wider in OpenAPI 3.0, which cannot state positions; exact in 3.1 (`prefixItems`). */
const TUPLES: readonly WiderCase[] = [
  {
    name: 'a tuple (extra items are dropped)',
    codec: t.tuple([t.string, t.number]),
    accepted: fc
      .tuple(anyText, fc.integer(), fc.array(anyUnicodeJson, { maxLength: 3 }))
      .map(([text, n, extra]) => [text, n, ...extra]),
    probes: fc.oneof(
      fc.array(fc.oneof(anyText, fc.integer()), { maxLength: 4 }),
      fc.constantFrom([], ['a'], [1, 'a'], ['a', 'b'], ['a', 1, 'x'], [null, 1], { 0: 'a', 1: 1 }),
    ),
    furtherRules: true,
  },
  {
    name: 'a tuple whose last item may be missing',
    codec: t.tuple([t.string, t.union([t.number, t.undefined])]),
    accepted: fc.oneof(
      anyText.map((text) => [text]),
      fc.tuple(anyText, fc.integer()).map(([text, n]) => [text, n]),
    ),
    probes: fc.oneof(
      fc.array(fc.oneof(anyText, fc.integer()), { maxLength: 3 }),
      fc.constantFrom([], [1], ['a', 'b'], ['a', null], ['a', 1, 'x']),
    ),
    furtherRules: true,
  },
];

const WIDER: readonly WiderCase[] = [
  {
    name: 'minLength 3 of any text',
    codec: minLength(t.string, 3),
    accepted: fc.string({ unit: anyChar, maxLength: 8 }).filter((text) => text.length >= 3),
    furtherRules: true,
  },
  {
    name: 'minLength 4 of any text',
    codec: minLength(t.string, 4),
    accepted: fc.string({ unit: anyChar, maxLength: 8 }).filter((text) => text.length >= 4),
    furtherRules: true,
  },
  {
    name: 'maxLength 2 of any text',
    codec: maxLength(t.string, 2),
    accepted: fc.string({ unit: anyChar, maxLength: 2 }).filter((text) => text.length <= 2),
    furtherRules: true,
  },
  {
    name: 'maxLength of a tuple',
    codec: maxLength(t.tuple([t.string, t.string]), 2),
    accepted: fc.array(anyText, { minLength: 2, maxLength: 4 }),
    furtherRules: true,
  },
  {
    name: 'a record over mixed literals (values checked under the string keys only)',
    codec: t.record(t.union([t.literal('a'), t.literal(1)]), t.number),
    accepted: fc.dictionary(fc.constantFrom('b', '1', 'c'), anyUnicodeJson),
    probes: fc.constantFrom({ a: 1 }, { a: 'x' }),
    furtherRules: true,
  },
  {
    name: 'a record keyed by integers in text',
    codec: t.record(IntFromString, t.boolean),
    accepted: fc.dictionary(fc.constantFrom('1', 'x', '-2'), fc.boolean()),
    probes: fc.constantFrom({ x: 5 }, { 1: 'no' }),
    furtherRules: true,
  },
  {
    name: 'min of IntFromString',
    codec: min(IntFromString, 1),
    accepted: fc.integer({ min: 1 }).map(String),
    probes: fc.constantFrom('0', '-3', '007', '9007199254740993'),
    furtherRules: true,
  },
  {
    name: 'max of NumberFromString',
    codec: max(NumberFromString, 10),
    accepted: fc.integer({ max: 10 }).map(String),
    probes: fc.constantFrom('10.5', '-1.25', '11'),
    furtherRules: true,
  },
  {
    name: 'maxLength of Trimmed (measured after trimming)',
    codec: maxLength(Trimmed, 2),
    accepted: fc
      .tuple(fc.constantFrom('', ' ', '  '), fc.string({ maxLength: 2 }), fc.constantFrom('', ' '))
      .map(([before, text, after]) => `${before}${text}${after}`),
    furtherRules: true,
  },
  {
    name: 'a pattern on Trimmed (matched after trimming)',
    codec: pattern(Trimmed, /^a+$/),
    accepted: fc
      .tuple(fc.constantFrom('', ' '), fc.stringMatching(/^a+$/), fc.constantFrom('', '  '))
      .map(([before, text, after]) => `${before}${text}${after}`),
    furtherRules: true,
  },
  {
    name: 'a pattern counting code units with a dot',
    codec: pattern(t.string, /^..$/),
    accepted: fc.string({ unit: anyChar, maxLength: 2 }).filter((text) => /^..$/.test(text)),
    furtherRules: true,
  },
  {
    name: 'a pattern with negated classes',
    codec: pattern(t.string, /^[^a][^a]\S$/),
    accepted: fc
      .string({ unit: anyChar, maxLength: 3 })
      .filter((text) => /^[^a][^a]\S$/.test(text)),
    furtherRules: true,
  },
  {
    name: 'a pattern no unicode-mode reading keeps (an octal escape)',
    codec: pattern(t.string, new RegExp(String.raw`^\1a$`)),
    accepted: fc.constant('\u0001a'),
    furtherRules: true,
  },
];

describeExactSchemas(EXACT, anyUnicodeJson);
describeWiderSchemas([...TUPLES, ...WIDER], anyUnicodeJson);
describeExactSchemas(EXACT, anyUnicodeJson, '3.1.0');
describeExactSchemas(TUPLES, anyUnicodeJson, '3.1.0');
describeWiderSchemas(WIDER, anyUnicodeJson, '3.1.0');

/** Pieces of non-unicode JavaScript patterns, legal and not, for random sources. */
const PATTERN_PIECES = [
  'a',
  'Z',
  '0',
  '-',
  '_',
  ' ',
  'é',
  '😀',
  '.',
  '\\d',
  '\\D',
  '\\w',
  '\\S',
  '\\s',
  '\\b',
  '\\B',
  '\\-',
  '\\_',
  '\\.',
  '\\/',
  '\\p',
  '\\u0041',
  '\\u{41}',
  '\\uD83D',
  '\\uFFFF',
  '\\x41',
  '\\x4',
  '\\k',
  '\\c',
  '\\cA',
  '\\0',
  '\\1',
  '[',
  '[^',
  ']',
  '[a-z]',
  '[\\d-]',
  '[^\\s]',
  '(',
  '(?:',
  '(?=',
  '(?!',
  '(?<=',
  '(?<!',
  '(?<n>',
  '\\k<n>',
  ')',
  '|',
  '*',
  '+',
  '?',
  '{',
  '}',
  '{2}',
  '{1,}',
  '{,3}',
  '^',
  '$',
];

const source = fc
  .array(fc.constantFrom(...PATTERN_PIECES), { minLength: 1, maxLength: 8 })
  .map((pieces) => pieces.join(''))
  .filter((text) => {
    try {
      new RegExp(text);
      return true;
    } catch {
      return false;
    }
  });

describe('patterns from any JavaScript source', () => {
  it('compile in Ajv, accept every text the JavaScript pattern accepts, and only those when stated as they are', () => {
    fc.assert(
      fc.property(source, fc.array(anyText, { minLength: 1, maxLength: 8 }), (text, samples) => {
        const codec = pattern(t.string, new RegExp(text));
        const generated = codecSchema(codec);
        // A pattern stated on its own (neither left out nor widened) gives the codec's verdict.
        const exact = generated['pattern'] !== undefined && generated['allOf'] === undefined;
        const schema = compile(codec);
        for (const sample of [...samples, ...samples.map((s) => `${text}${s}`)]) {
          if (accepts(codec, sample)) expect(schema(sample), sample).toBe(true);
          else if (exact) expect(schema(sample), sample).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  }, 30_000);
});

/** A character beyond U+FFFF or a lone surrogate, as the length and pattern rules name it. */
const BEYOND_BMP = '[^\\u0000-\\uD7FF\\uE000-\\uFFFF]';

describe('codecSchema, in OpenAPI 3.0 terms', () => {
  it('writes null alone as a nullable type that allows null only', () => {
    expect(codecSchema(t.null)).toStrictEqual({ type: 'string', nullable: true, enum: [null] });
  });

  it('puts nullable on a member of a union, never beside anyOf', () => {
    expect(codecSchema(t.union([t.string, t.number, t.null]))).toStrictEqual({
      anyOf: [{ type: 'string', nullable: true }, { type: 'number' }],
    });
    expect(codecSchema(t.union([t.literal('a'), t.literal(1), t.null]))).toStrictEqual({
      anyOf: [{ enum: ['a', 1] }, { type: 'string', nullable: true, enum: [null] }],
    });
    expect(codecSchema(t.union([t.literal('a'), t.literal('b'), t.null]))).toStrictEqual({
      type: 'string',
      enum: ['a', 'b', null],
      nullable: true,
    });
    expect(codecSchema(t.union([t.unknown, t.null]))).toStrictEqual({});
  });

  it('describes a tuple by its least length, items unchecked', () => {
    expect(codecSchema(t.tuple([t.string, t.union([t.number, t.undefined])]))).toStrictEqual({
      type: 'array',
      items: {},
      minItems: 1,
      description: 'Further rules apply ([string, (number | undefined)]).',
    });
  });

  it('describes a record over known keys as an object with those members', () => {
    expect(codecSchema(t.record(t.keyof({ a: null, b: null }), t.number))).toStrictEqual({
      type: 'object',
      properties: { a: { type: 'number' }, b: { type: 'number' } },
      required: ['a', 'b'],
    });
  });

  it('keeps a record over known keys open when objects are closed: io-ts drops other keys', () => {
    expect(
      codecSchema(t.record(t.literal('a'), t.type({ b: t.string })), { closed: true }),
    ).toStrictEqual({
      type: 'object',
      properties: {
        a: {
          type: 'object',
          properties: { b: { type: 'string' } },
          required: ['b'],
          additionalProperties: false,
        },
      },
      required: ['a'],
    });
  });

  it('takes arrays for t.object', () => {
    expect(codecSchema(objectCodec)).toStrictEqual({
      anyOf: [{ type: 'object' }, { type: 'array', items: {} }],
    });
  });

  it('leaves bounds on numbers read from text to the description', () => {
    expect(codecSchema(min(IntFromString, 1))).toStrictEqual({
      type: 'string',
      pattern: '^-?\\d+$',
      format: 'int64',
      description: 'Further rules apply (IntFromString (too-small): 1 or more).',
    });
  });

  it('counts lengths in UTF-16 code units, as io-ts does, and says so', () => {
    expect(codecSchema(maxLength(t.string, 5))).toStrictEqual({
      type: 'string',
      maxLength: 5,
      description:
        'Further rules apply (string (too-long): at most 5 UTF-16 code units; a character beyond U+FFFF counts twice).',
    });
    expect(codecSchema(minLength(t.string, 5))).toStrictEqual({
      type: 'string',
      anyOf: [{ minLength: 5 }, { minLength: 3, pattern: BEYOND_BMP }],
      description:
        'Further rules apply (string (too-short): at least 5 UTF-16 code units; a character beyond U+FFFF counts twice).',
    });
    // Beside alternatives the schema already has, every set must hold: the new one in `allOf`.
    expect(codecSchema(minLength(pattern(t.string, /^.+$/), 2))).toStrictEqual({
      type: 'string',
      anyOf: [{ pattern: '^.+$' }, { pattern: BEYOND_BMP }],
      allOf: [{ anyOf: [{ minLength: 2 }, { minLength: 1, pattern: BEYOND_BMP }] }],
      description:
        'Further rules apply (string (invalid-format): matching /^.+$/ by UTF-16 code units; a character beyond U+FFFF counts twice). Further rules apply (string (invalid-format) (too-short): at least 2 UTF-16 code units; a character beyond U+FFFF counts twice).',
    });
    expect(codecSchema(minLength(t.array(t.string), 5))).toStrictEqual({
      type: 'array',
      items: { type: 'string' },
      minItems: 5,
    });
  });

  it('rewrites escapes the u flag refuses, and keeps every pattern of a codec', () => {
    expect(codecSchema(pattern(t.string, new RegExp(String.raw`^\-\d$`)))).toStrictEqual({
      type: 'string',
      pattern: '^-\\d$',
    });
    expect(codecSchema(pattern(pattern(pattern(t.string, /^[a-z]+$/), /^a/), /b$/))).toStrictEqual({
      type: 'string',
      pattern: '^[a-z]+$',
      allOf: [{ pattern: '^a' }, { pattern: 'b$' }],
    });
  });

  it('leaves out a pattern it cannot carry over, and says so', () => {
    expect(codecSchema(pattern(t.string, new RegExp('^\\1a$')))).toStrictEqual({
      type: 'string',
      description: 'Further rules apply (string (invalid-format): matching /^\\1a$/).',
    });
  });
});

/**
 * A codec whose schema is given, in OpenAPI 3.0's spelling as `withSchema` takes it; it takes any
 * value but a missing one, so that an object requires it.
 */
function described(schema: Readonly<Record<string, unknown>>): t.Type<unknown> {
  const present = (value: unknown): value is unknown => value !== undefined;
  return withSchema(
    new t.Type<unknown>(
      'Described',
      present,
      (value, context) => (present(value) ? t.success(value) : t.failure(value, context)),
      t.identity,
    ),
    schema,
  );
}

describe('codecSchema, in OpenAPI 3.1 terms', () => {
  const v31 = { openapi: '3.1.0' } as const;

  it('writes null as a type: alone, beside another type, or as a member of a union', () => {
    expect(codecSchema(t.null, v31)).toStrictEqual({ type: 'null' });
    expect(codecSchema(t.union([t.string, t.null]), v31)).toStrictEqual({
      type: ['string', 'null'],
    });
    expect(codecSchema(t.union([t.string, t.number, t.null]), v31)).toStrictEqual({
      anyOf: [{ type: ['string', 'null'] }, { type: 'number' }],
    });
    expect(codecSchema(t.union([t.literal('a'), t.literal('b'), t.null]), v31)).toStrictEqual({
      type: ['string', 'null'],
      enum: ['a', 'b', null],
    });
    expect(codecSchema(t.union([t.literal('a'), t.literal(1), t.null]), v31)).toStrictEqual({
      anyOf: [{ enum: ['a', 1] }, { type: 'null' }],
    });
  });

  it('states the positions of a tuple, and no further rule when nothing else is refined', () => {
    expect(
      codecSchema(t.tuple([t.string, t.union([t.number, t.null, t.undefined])]), v31),
    ).toStrictEqual({
      type: 'array',
      prefixItems: [{ type: 'string' }, { type: ['number', 'null'] }],
      minItems: 1,
    });
    // io-ts types no empty tuple, but builds one: `prefixItems` may not be empty.
    expect(codecSchema(t.tuple([] as unknown as [t.Mixed]), v31)).toStrictEqual({
      type: 'array',
    });
    // A length measured on the tuple io-ts keeps, not on the array received.
    expect(codecSchema(maxLength(t.tuple([t.string, t.string]), 2), v31)).toStrictEqual({
      type: 'array',
      prefixItems: [{ type: 'string' }, { type: 'string' }],
      minItems: 2,
      description:
        'Further rules apply ([string, string] (too-long): at most 2 characters or items).',
    });
  });

  it('respells a schema given in 3.0 terms, in every subschema', () => {
    const old = described({
      type: 'number',
      nullable: true,
      minimum: 0,
      exclusiveMinimum: true,
      maximum: 10,
      exclusiveMaximum: false,
      example: 5,
    });
    const respelled = {
      type: ['number', 'null'],
      exclusiveMinimum: 0,
      maximum: 10,
      examples: [5],
    };
    expect(codecSchema(old, v31)).toStrictEqual(respelled);
    expect(
      codecSchema(
        t.type({
          list: t.array(old),
          either: t.union([old, t.string]),
          map: t.record(t.string, old),
          both: t.intersection([t.type({ a: old }), t.type({ a: t.number })]),
          pair: t.tuple([old]),
        }),
        v31,
      ),
    ).toStrictEqual({
      type: 'object',
      properties: {
        list: { type: 'array', items: respelled },
        either: { anyOf: [respelled, { type: 'string' }] },
        map: { type: 'object', additionalProperties: respelled },
        both: {
          type: 'object',
          properties: { a: { allOf: [respelled, { type: 'number' }] } },
          required: ['a'],
        },
        pair: { type: 'array', prefixItems: [respelled], minItems: 1 },
      },
      required: ['list', 'either', 'map', 'both', 'pair'],
    });
    expect(
      codecSchema(described({ not: { type: 'string', nullable: true, example: 'x' } }), v31),
    ).toStrictEqual({ not: { type: ['string', 'null'], examples: ['x'] } });
  });

  it('keeps what needs no respelling, and what is already in 3.1 terms', () => {
    expect(
      codecSchema(described({ nullable: true, description: 'A nullable without a type.' }), v31),
    ).toStrictEqual({ description: 'A nullable without a type.' });
    expect(
      codecSchema(described({ type: 'string', example: 'a', examples: ['b', 'c'] }), v31),
    ).toStrictEqual({ type: 'string', examples: ['b', 'c'] });
    expect(
      codecSchema(described({ $ref: '#/components/schemas/X', nullable: true }), v31),
    ).toStrictEqual({
      $ref: '#/components/schemas/X',
      nullable: true,
    });
    const modern = {
      type: ['integer', 'null'],
      exclusiveMinimum: 1,
      examples: [2],
      prefixItems: [{ const: 1 }],
    };
    expect(codecSchema(described(modern), v31)).toStrictEqual(modern);
  });
});
