/**
 * The strict text codecs: for each, the spellings it accepts (and what they decode to), the
 * spellings it refuses (and the issue the client is told), non-string input, and encoding.
 */
import fc from 'fast-check';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import type { Issue, RequestPart } from '../../src/index.js';
import {
  BooleanFromString,
  DateFromString,
  DateTimeFromString,
  IntFromString,
  NonEmptyString,
  NumberFromString,
  Trimmed,
  Uuid,
  minLength,
  oneOf,
  reportErrors,
} from '../../src/index.js';

/** The issues a codec reports for an input (none when it decodes). */
function issuesOf(codec: t.Decoder<unknown, unknown>, input: unknown, part: RequestPart = 'body') {
  const decoded = codec.decode(input);
  return decoded._tag === 'Left' ? reportErrors(part, decoded.left) : [];
}

/** The one issue a text codec reports for a spelling it does not accept, at the document root. */
function invalidFormat(expected: string, text: string): Issue[] {
  return [
    {
      code: 'invalid-format',
      title: 'Invalid format',
      detail: `Expected ${expected}, received ${JSON.stringify(text)}.`,
      source: { pointer: '' },
    },
  ];
}

const NON_STRINGS: readonly (readonly [string, unknown])[] = [
  ['a number', 7],
  ['a boolean', true],
  ['null', null],
  ['undefined', undefined],
  ['an array of a string', ['7']],
  ['an object', { value: '7' }],
];

const TEXT_CODECS: readonly (readonly [string, t.Decoder<unknown, unknown>])[] = [
  ['IntFromString', IntFromString],
  ['NumberFromString', NumberFromString],
  ['BooleanFromString', BooleanFromString],
  ['DateFromString', DateFromString],
  ['DateTimeFromString', DateTimeFromString],
  ['Uuid', Uuid],
  ['NonEmptyString', NonEmptyString],
  ['Trimmed', Trimmed],
  ['oneOf', oneOf('asc', 'desc')],
];

describe('every text codec', () => {
  const cases = TEXT_CODECS.flatMap(([name, codec]) =>
    NON_STRINGS.map(([label, input]) => [name, label, codec, input] as const),
  );

  it.each(cases)('%s rejects %s', (_, __, codec, input) => {
    expect(codec.decode(input)._tag).toBe('Left');
  });
});

describe('IntFromString', () => {
  it.each([
    ['0', 0],
    ['7', 7],
    ['-12', -12],
    ['007', 7],
    ['9007199254740991', Number.MAX_SAFE_INTEGER],
    ['-9007199254740991', Number.MIN_SAFE_INTEGER],
  ])('decodes %j to %d', (text, value) => {
    expect(IntFromString.decode(text)).toEqual(t.success(value));
  });

  it.each([
    '0x10',
    '1e3',
    'Infinity',
    '-Infinity',
    'NaN',
    '',
    '-',
    ' 7',
    '7 ',
    '1.0',
    '+7',
    '1_000',
    '٣',
    '9007199254740992',
    '9007199254740993',
    '-9007199254740993',
  ])('rejects %j as an invalid format', (text) => {
    expect(issuesOf(IntFromString, text)).toEqual(invalidFormat('an integer', text));
  });

  it('is true only for safe integers', () => {
    expect(
      [7, -3, 0, 1.5, Number.MAX_SAFE_INTEGER + 1, Number.NaN, '7'].map(IntFromString.is),
    ).toEqual([true, true, true, false, false, false, false]);
  });

  it('encodes as plain decimal that decodes back to the same integer', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => {
        expect(IntFromString.encode(n)).toBe(String(n));
        expect(IntFromString.decode(IntFromString.encode(n))).toEqual(t.success(n));
      }),
    );
  });
});

describe('NumberFromString', () => {
  it.each([
    ['0', 0],
    ['42', 42],
    ['-1.5', -1.5],
    ['0.25', 0.25],
    ['007.50', 7.5],
    ['123456789.000001', 123456789.000001],
  ])('decodes %j to %d', (text, value) => {
    expect(NumberFromString.decode(text)).toEqual(t.success(value));
  });

  it.each([
    '1e3',
    '1E3',
    '.5',
    '5.',
    '-.5',
    'NaN',
    'Infinity',
    '0x1',
    '0b1',
    ' 1',
    '1 ',
    '',
    '+1',
    '1,5',
    '1.2.3',
  ])('rejects %j as an invalid format', (text) => {
    expect(issuesOf(NumberFromString, text)).toEqual(invalidFormat('a decimal number', text));
  });

  it('rejects a decimal too large to be a finite number', () => {
    // Number('1' + 309 zeros) is Infinity, which NumberFromString.is itself refuses.
    const huge = `1${'0'.repeat(309)}`;
    expect(NumberFromString.decode(huge)._tag).toBe('Left');
  });

  it.each([[0.5], [-12.75], [42], [123456.789]])(
    'encodes %d as text that decodes back to it',
    (n) => {
      expect(NumberFromString.decode(NumberFromString.encode(n))).toEqual(t.success(n));
    },
  );

  it.each([[1e21], [1e-7], [-2.5e-8]])(
    'encodes %d, which String() writes with an exponent, as text it decodes back',
    (n) => {
      expect(NumberFromString.decode(NumberFromString.encode(n))).toEqual(t.success(n));
    },
  );
});

describe('BooleanFromString', () => {
  it.each([
    ['true', true],
    ['false', false],
  ])('decodes %j to %s', (text, value) => {
    expect(BooleanFromString.decode(text)).toEqual(t.success(value));
  });

  it.each(['TRUE', 'True', 'FALSE', '1', '0', 'yes', 'no', 'on', '', ' true', 'false '])(
    'rejects %j as an invalid format',
    (text) => {
      expect(issuesOf(BooleanFromString, text)).toEqual(invalidFormat('"true" or "false"', text));
    },
  );

  it.each([[true], [false]])('encodes %s as its text, which decodes back', (value) => {
    expect(BooleanFromString.encode(value)).toBe(String(value));
    expect(BooleanFromString.decode(BooleanFromString.encode(value))).toEqual(t.success(value));
  });
});

describe('DateFromString', () => {
  it.each([
    ['2026-01-01', '2026-01-01T00:00:00.000Z'],
    ['2026-02-28', '2026-02-28T00:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['2000-02-29', '2000-02-29T00:00:00.000Z'],
    ['2026-12-31', '2026-12-31T00:00:00.000Z'],
    ['1970-01-01', '1970-01-01T00:00:00.000Z'],
    ['0099-12-31', '0099-12-31T00:00:00.000Z'],
  ])('decodes %j to midnight UTC, %s', (text, instant) => {
    expect(DateFromString.decode(text)).toEqual(t.success(new Date(instant)));
  });

  it.each([
    '2026-02-30',
    '2026-02-29',
    '1900-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-01-32',
    '2026-1-1',
    '26-01-01',
    '20260101',
    '2026/01/01',
    '2026-01-01T00:00:00Z',
    ' 2026-01-01',
    '2026-01-01 ',
    '',
  ])('rejects %j as an invalid format', (text) => {
    expect(issuesOf(DateFromString, text)).toEqual(invalidFormat('a date as YYYY-MM-DD', text));
  });

  it.each(['2026-01-01', '2024-02-29', '1999-12-31', '0099-12-31'])(
    'encodes the date %j decodes to as that same text',
    (text) => {
      const decoded = DateFromString.decode(text);
      expect(decoded._tag === 'Right' ? DateFromString.encode(decoded.right) : decoded).toBe(text);
    },
  );
});

describe('DateTimeFromString', () => {
  it.each([
    ['2026-11-25T17:01:03Z', '2026-11-25T17:01:03.000Z'],
    ['2026-11-25t17:01:03z', '2026-11-25T17:01:03.000Z'],
    ['2026-11-25T17:01:03+00:00', '2026-11-25T17:01:03.000Z'],
    ['2026-11-25T17:01:03-00:00', '2026-11-25T17:01:03.000Z'],
    ['2026-11-25T18:01:03.250+01:00', '2026-11-25T17:01:03.250Z'],
    ['2026-11-25T12:31:03.5-04:30', '2026-11-25T17:01:03.500Z'],
    ['2026-11-26T02:46:03.1+09:45', '2026-11-25T17:01:03.100Z'],
    ['2026-11-25T17:01:03.123456789Z', '2026-11-25T17:01:03.123Z'],
    ['2026-11-25T17:01:03.9999Z', '2026-11-25T17:01:03.999Z'],
    ['2026-12-31T23:30:00-01:00', '2027-01-01T00:30:00.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['2026-11-25T23:59:59+23:59', '2026-11-25T00:00:59.000Z'],
    ['0050-06-01T12:00:00Z', '0050-06-01T12:00:00.000Z'],
  ])('decodes %j to the instant %s', (text, instant) => {
    expect(DateTimeFromString.decode(text)).toEqual(t.success(new Date(instant)));
  });

  it.each([
    '2026-11-25T17:01:03',
    '2026-11-25 17:01:03Z',
    '2026-11-25T24:00:00Z',
    '2026-11-25T17:60:00Z',
    '2026-11-25T17:01:61Z',
    '2026-11-25T17:01Z',
    '2026-11-25T17Z',
    '2026-11-25',
    '2026-02-30T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-11-25T17:01:03.Z',
    '2026-11-25T17:01:03.1234567890Z',
    '2026-11-25T17:01:03+0100',
    '2026-11-25T17:01:03+01',
    '2026-11-25T17:01:03+24:00',
    '2026-11-25T17:01:03-01:60',
    '2026-11-25T17:01:03 Z',
    ' 2026-11-25T17:01:03Z',
    'Nov 25 2026',
    'Wed, 25 Nov 2026 17:01:03 GMT',
    '2026-11-25T17:01:03.000+01:00:00',
    '1764090063000',
    '',
  ])('rejects %j as an invalid format', (text) => {
    expect(issuesOf(DateTimeFromString, text)).toEqual(
      invalidFormat('a date-time such as 2026-11-25T17:01:03Z', text),
    );
  });

  it('rejects what Date.parse accepts loosely', () => {
    for (const loose of ['Nov 25 2026', '2026-11-25 17:01', '2026/11/25', '25 November 2026']) {
      expect(Number.isNaN(Date.parse(loose))).toBe(false);
      expect(DateTimeFromString.decode(loose)._tag).toBe('Left');
    }
  });

  it.each(['2026-11-25T17:01:03.000Z', '1999-12-31T23:59:59.999Z', '0050-06-01T12:00:00.000Z'])(
    'encodes the instant %j decodes to as that same text',
    (text) => {
      const decoded = DateTimeFromString.decode(text);
      expect(decoded._tag === 'Right' ? DateTimeFromString.encode(decoded.right) : decoded).toBe(
        text,
      );
    },
  );
});

describe('Uuid', () => {
  it.each([
    ['version 1', 'c232ab00-9414-11ec-b3c8-9f6bdeced846'],
    ['version 3', '5df41881-3aed-3515-88a7-2f4a814cf09e'],
    ['version 4', '919108f7-52d1-4320-9bac-f847db4148a8'],
    ['version 5', '2ed6657d-e927-568b-95e1-2665a8aea6a2'],
    ['version 6', '1ec9414c-232a-6b00-b3c8-9f6bdeced846'],
    ['version 7', '017f22e2-79b0-7cc3-98c4-dc0c0c07398f'],
    ['version 8', '2489e9ad-2ee2-8e00-8ec9-32d5f69181c0'],
    ['upper case', '919108F7-52D1-4320-9BAC-F847DB4148A8'],
    ['the nil UUID', '00000000-0000-0000-0000-000000000000'],
    ['the max UUID', 'ffffffff-ffff-ffff-ffff-ffffffffffff'],
    ['the max UUID in upper case', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF'],
  ])('accepts %s, as the same string', (_, text) => {
    expect(Uuid.decode(text)).toEqual(t.success(text));
  });

  it.each([
    ['version 0', '919108f7-52d1-0320-9bac-f847db4148a8'],
    ['version 9', '919108f7-52d1-9320-9bac-f847db4148a8'],
    ['the NCS variant (0xxx)', '919108f7-52d1-4320-7bac-f847db4148a8'],
    ['the Microsoft variant (110x)', '919108f7-52d1-4320-cbac-f847db4148a8'],
    ['the reserved variant (111x)', '919108f7-52d1-4320-fbac-f847db4148a8'],
    ['no hyphens', '919108f752d143209bacf847db4148a8'],
    ['braces', '{919108f7-52d1-4320-9bac-f847db4148a8}'],
    ['a urn prefix', 'urn:uuid:919108f7-52d1-4320-9bac-f847db4148a8'],
    ['a non-hex digit', '919108g7-52d1-4320-9bac-f847db4148a8'],
    ['one digit short', '919108f7-52d1-4320-9bac-f847db4148a'],
    ['surrounding space', ' 919108f7-52d1-4320-9bac-f847db4148a8'],
    ['an almost-nil UUID', '00000000-0000-0000-0000-000000000001'],
    ['the empty string', ''],
  ])('rejects %s as an invalid format', (_, text) => {
    expect(issuesOf(Uuid, text)).toEqual(invalidFormat('a UUID', text));
  });

  it('reports a non-string as an invalid type', () => {
    expect(issuesOf(Uuid, 42)).toEqual([
      {
        code: 'invalid-type',
        title: 'Invalid type',
        detail: 'Expected a string, received 42.',
        source: { pointer: '' },
      },
    ]);
  });

  it('encodes a UUID as itself', () => {
    const id = '919108f7-52d1-4320-9bac-f847db4148a8';
    const decoded = Uuid.decode(id);
    expect(decoded._tag === 'Right' ? Uuid.encode(decoded.right) : decoded).toBe(id);
  });
});

describe('NonEmptyString', () => {
  it.each([['a'], [' '], ['héllo'], ['\u0000']])('accepts %j as the same string', (text) => {
    expect(NonEmptyString.decode(text)).toEqual(t.success(text));
  });

  it('reports the empty string as required, with its own title and detail', () => {
    expect(issuesOf(NonEmptyString, '')).toEqual([
      {
        code: 'required',
        title: 'Value is empty',
        detail: 'Expected a non-empty string.',
        source: { pointer: '' },
      },
    ]);
  });

  it('reports a non-string as an invalid type', () => {
    expect(issuesOf(NonEmptyString, null)).toEqual([
      {
        code: 'invalid-type',
        title: 'Invalid type',
        detail: 'Expected a string, received null.',
        source: { pointer: '' },
      },
    ]);
  });
});

describe('Trimmed', () => {
  it.each([
    ['a', 'a'],
    ['  a b  ', 'a b'],
    ['\t\na\r\n', 'a'],
    ['\u00a0a\u2003', 'a'],
    ['   ', ''],
    ['', ''],
  ])('decodes %j to %j', (text, value) => {
    expect(Trimmed.decode(text)).toEqual(t.success(value));
  });

  it('is true only for strings without surrounding white space', () => {
    expect(['a b', ' a', 'a ', '', 7].map(Trimmed.is)).toEqual([true, false, false, true, false]);
  });

  it('refuses a blank value when composed with minLength', () => {
    expect(issuesOf(minLength(Trimmed, 1), '   ')).toEqual([
      {
        code: 'too-short',
        title: 'Value is too short',
        detail: 'Expected at least 1 character, received 0.',
        source: { pointer: '' },
      },
    ]);
  });

  it('encodes a trimmed string as itself, and re-encodes untrimmed text without the space', () => {
    expect(Trimmed.encode('a b')).toBe('a b');
    const decoded = Trimmed.decode('  a b ');
    expect(decoded._tag === 'Right' ? Trimmed.encode(decoded.right) : decoded).toBe('a b');
  });

  it('reports a non-string as an invalid type', () => {
    expect(issuesOf(Trimmed, 5)).toEqual([
      {
        code: 'invalid-type',
        title: 'Invalid type',
        detail: 'Expected a string, received 5.',
        source: { pointer: '' },
      },
    ]);
  });
});

describe('oneOf', () => {
  const Order = oneOf('asc', 'desc');

  it.each([['asc'], ['desc']])('accepts %j', (text) => {
    expect(Order.decode(text)).toEqual(t.success(text));
  });

  it.each(['ASC', 'ascending', '', ' asc', 'toString', 'constructor', 'hasOwnProperty'])(
    'rejects %j, naming the choices',
    (text) => {
      expect(issuesOf(Order, text)).toEqual([
        {
          code: 'invalid-value',
          title: 'Invalid value',
          detail: `Expected one of "asc", "desc", received ${JSON.stringify(text)}.`,
          source: { pointer: '' },
        },
      ]);
    },
  );

  it('accepts a single choice, naming it alone', () => {
    expect(issuesOf(oneOf('only'), 'other')).toEqual([
      {
        code: 'invalid-value',
        title: 'Invalid value',
        detail: 'Expected "only", received "other".',
        source: { pointer: '' },
      },
    ]);
  });

  it('encodes a choice as itself', () => {
    expect(Order.encode('desc')).toBe('desc');
  });
});
