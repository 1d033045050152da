/**
 * Refinements: which values pass, and the exact issue `reportErrors` gives for those that do not
 * (the refinement's own, or `invalid-type` when the value fails the codec underneath).
 */
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import type { Issue, RequestPart } from '../../src/index.js';
import {
  IntFromString,
  NonEmptyString,
  max,
  maxLength,
  min,
  minLength,
  pattern,
  refine,
  reportErrors,
} from '../../src/index.js';

/** The issues a codec reports for an input (none when it decodes). */
function issuesOf(codec: t.Decoder<unknown, unknown>, input: unknown, part: RequestPart = 'body') {
  const decoded = codec.decode(input);
  return decoded._tag === 'Left' ? reportErrors(part, decoded.left) : [];
}

const Even = refine(t.number, (n) => n % 2 === 0, {
  code: 'not-even',
  title: 'Value must be even',
  detail: (n) => `${String(n)} is odd.`,
});

describe('refine', () => {
  it.each([[0], [2], [-4]])('accepts %d, which holds', (n) => {
    expect(Even.decode(n)).toEqual(t.success(n));
  });

  it("reports a value that fails the predicate with the author's issue", () => {
    expect(issuesOf(Even, 3)).toEqual([
      {
        code: 'not-even',
        title: 'Value must be even',
        detail: '3 is odd.',
        source: { pointer: '' },
      },
    ]);
  });

  it('reports a value that fails the codec underneath as an invalid type', () => {
    expect(issuesOf(Even, '4')).toEqual([
      {
        code: 'invalid-type',
        title: 'Invalid type',
        detail: 'Expected a number, received "4".',
        source: { pointer: '' },
      },
    ]);
  });

  it('says the title and the value received when neither a detail nor a phrase is given', () => {
    const Positive = refine(t.number, (n) => n > 0, { code: 'not-positive', title: 'Must be > 0' });
    expect(issuesOf(Positive, -1)).toEqual([
      {
        code: 'not-positive',
        title: 'Must be > 0',
        detail: 'Must be > 0: received -1.',
        source: { pointer: '' },
      },
    ]);
  });

  it('uses the expected phrase, when given, in the fallback detail', () => {
    const Positive = refine(
      t.number,
      (n) => n > 0,
      { code: 'not-positive', title: 'Must be positive' },
      'a positive number',
    );
    expect(issuesOf(Positive, 0)).toEqual([
      {
        code: 'not-positive',
        title: 'Must be positive',
        detail: 'Expected a positive number, received 0.',
        source: { pointer: '' },
      },
    ]);
  });

  it('passes a fixed detail and the meta of the template through', () => {
    const Even2 = refine(t.number, (n) => n % 2 === 0, {
      code: 'not-even',
      title: 'Value must be even',
      detail: 'Send an even number.',
      meta: { multipleOf: 2 },
    });
    expect(issuesOf(t.type({ n: Even2 }), { n: 1 })).toEqual([
      {
        code: 'not-even',
        title: 'Value must be even',
        detail: 'Send an even number.',
        source: { pointer: '/n' },
        meta: { multipleOf: 2 },
      },
    ]);
  });

  it('tests decoded values with is, and encodes as the codec underneath', () => {
    expect([2, 3, '2'].map(Even.is)).toEqual([true, false, false]);
    const Page = refine(IntFromString, (n) => n > 0, { code: 'bad-page', title: 'Bad page' });
    expect(Page.encode(5)).toBe('5');
    expect(Page.decode('5')).toEqual(t.success(5));
  });

  it('names the codec after the one it refines and the issue code', () => {
    expect(Even.name).toBe('number (not-even)');
  });
});

describe('minLength and maxLength', () => {
  const Name = minLength(t.string, 3);
  const Tags = maxLength(t.array(t.string), 2);

  it.each([
    ['minLength(string, 3)', Name, 'abc'],
    ['minLength(string, 3)', Name, 'abcdef'],
    ['maxLength(array, 2)', Tags, []],
    ['maxLength(array, 2)', Tags, ['a', 'b']],
  ])('%s accepts %j', (_, codec, value) => {
    expect(codec.decode(value)).toEqual(t.success(value));
  });

  it.each([
    [
      'a string too short',
      Name,
      'ab',
      {
        code: 'too-short',
        title: 'Value is too short',
        detail: 'Expected at least 3 characters, received 2.',
      },
    ],
    [
      'an array too short',
      minLength(t.array(t.number), 2),
      [1],
      {
        code: 'too-short',
        title: 'Value is too short',
        detail: 'Expected at least 2 items, received 1.',
      },
    ],
    [
      'a string short of one character',
      minLength(t.string, 1),
      '',
      {
        code: 'too-short',
        title: 'Value is too short',
        detail: 'Expected at least 1 character, received 0.',
      },
    ],
    [
      'an array too long',
      Tags,
      ['a', 'b', 'c'],
      {
        code: 'too-long',
        title: 'Value is too long',
        detail: 'Expected at most 2 items, received 3.',
      },
    ],
    [
      'a string too long',
      maxLength(t.string, 4),
      'abcde',
      {
        code: 'too-long',
        title: 'Value is too long',
        detail: 'Expected at most 4 characters, received 5.',
      },
    ],
    [
      'an array longer than one item',
      maxLength(t.array(t.string), 1),
      ['a', 'b'],
      {
        code: 'too-long',
        title: 'Value is too long',
        detail: 'Expected at most 1 item, received 2.',
      },
    ],
    [
      'a value of the wrong type',
      Name,
      42,
      { code: 'invalid-type', title: 'Invalid type', detail: 'Expected a string, received 42.' },
    ],
  ])('reports %s', (_, codec, value, issue) => {
    expect(issuesOf(t.type({ field: codec }), { field: value })).toEqual([
      { ...issue, source: { pointer: '/field' } },
    ]);
  });

  it('reports the inner refinement’s own issue when refinements are stacked', () => {
    const Between = maxLength(minLength(t.string, 3), 10);
    expect(issuesOf(Between, 'ab')).toEqual([
      {
        code: 'too-short',
        title: 'Value is too short',
        detail: 'Expected at least 3 characters, received 2.',
        source: { pointer: '' },
      },
    ]);
    expect(issuesOf(Between, 'abcdefghijk')).toEqual([
      {
        code: 'too-long',
        title: 'Value is too long',
        detail: 'Expected at most 10 characters, received 11.',
        source: { pointer: '' },
      },
    ]);
  });

  it('reports a bad element inside a length-checked array at the element', () => {
    expect(issuesOf(t.type({ tags: Tags }), { tags: ['a', 7] })).toEqual([
      {
        code: 'invalid-type',
        title: 'Invalid type',
        detail: 'Expected a string, received 7.',
        source: { pointer: '/tags/1' },
      },
    ]);
  });

  it('counts characters as UTF-16 code units, as String.length does', () => {
    expect(maxLength(t.string, 1).decode('😀')._tag).toBe('Left');
  });

  it('lets the author override code, title and detail', () => {
    const Short = minLength(t.string, 3, {
      code: 'name-too-short',
      detail: (s) => `"${s}" is shorter than three letters.`,
    });
    expect(issuesOf(Short, 'Al')).toEqual([
      {
        code: 'name-too-short',
        title: 'Value is too short',
        detail: '"Al" is shorter than three letters.',
        source: { pointer: '' },
      },
    ]);
    const Long = maxLength(t.string, 1, { title: 'Initial only', detail: 'Send one letter.' });
    expect(issuesOf(Long, 'AB')).toEqual([
      {
        code: 'too-long',
        title: 'Initial only',
        detail: 'Send one letter.',
        source: { pointer: '' },
      },
    ]);
  });
});

describe('min and max', () => {
  const Age = min(t.number, 18);
  const Percent = max(min(t.number, 0), 100);

  it.each([
    [Age, 18],
    [Age, 99.5],
    [Percent, 0],
    [Percent, 100],
  ])('accepts a value within bounds (%#)', (codec, value) => {
    expect(codec.decode(value)).toEqual(t.success(value));
  });

  it.each([
    [
      'below min',
      Age,
      17,
      {
        code: 'too-small',
        title: 'Value is too small',
        detail: 'Expected 18 or more, received 17.',
      },
    ],
    [
      'below the inner min of a max',
      Percent,
      -1,
      {
        code: 'too-small',
        title: 'Value is too small',
        detail: 'Expected 0 or more, received -1.',
      },
    ],
    [
      'above max',
      Percent,
      100.5,
      {
        code: 'too-large',
        title: 'Value is too large',
        detail: 'Expected 100 or less, received 100.5.',
      },
    ],
    [
      'a string given for a number',
      Age,
      '20',
      { code: 'invalid-type', title: 'Invalid type', detail: 'Expected a number, received "20".' },
    ],
    [
      'a string given for a number under two refinements',
      Percent,
      '50',
      { code: 'invalid-type', title: 'Invalid type', detail: 'Expected a number, received "50".' },
    ],
  ])('reports a value %s', (_, codec, value, issue) => {
    expect(issuesOf(t.type({ n: codec }), { n: value })).toEqual([
      { ...issue, source: { pointer: '/n' } },
    ]);
  });

  it('bounds an IntFromString query parameter, reported on the parameter', () => {
    const Query = t.type({ page: min(IntFromString, 1), size: max(IntFromString, 100) });
    expect(issuesOf(Query, { page: '0', size: '101' }, 'query')).toEqual([
      {
        code: 'too-small',
        title: 'Value is too small',
        detail: 'Expected 1 or more, received 0.',
        source: { parameter: 'page' },
      },
      {
        code: 'too-large',
        title: 'Value is too large',
        detail: 'Expected 100 or less, received 101.',
        source: { parameter: 'size' },
      },
    ]);
  });

  it('reports text the bounded codec cannot read with that codec’s own issue', () => {
    // min(IntFromString, 1) given "0x10" fails IntFromString, which says "invalid-format".
    const Query = t.type({ page: min(IntFromString, 1) });
    expect(issuesOf(Query, { page: '0x10' }, 'query')).toEqual([
      {
        code: 'invalid-format',
        title: 'Invalid format',
        detail: 'Expected an integer, received "0x10".',
        source: { parameter: 'page' },
      },
    ]);
  });

  it('reports an empty string under minLength(NonEmptyString) as NonEmptyString does', () => {
    expect(issuesOf(minLength(NonEmptyString, 3), '')).toEqual([
      {
        code: 'required',
        title: 'Value is empty',
        detail: 'Expected a non-empty string.',
        source: { pointer: '' },
      },
    ]);
  });

  it('lets the author override the issue', () => {
    const Quantity = min(t.number, 1, { code: 'no-items', title: 'Order at least one' });
    expect(issuesOf(Quantity, 0)).toEqual([
      {
        code: 'no-items',
        title: 'Order at least one',
        detail: 'Expected 1 or more, received 0.',
        source: { pointer: '' },
      },
    ]);
  });
});

describe('pattern', () => {
  const Sku = pattern(t.string, /^[A-Z]{3}-\d{4}$/);

  it.each([['ABC-1234'], ['XYZ-0000']])('accepts %j', (text) => {
    expect(Sku.decode(text)).toEqual(t.success(text));
  });

  it.each([['abc-1234'], ['ABC-123'], [' ABC-1234'], ['']])(
    'reports %j as an invalid format naming the pattern',
    (text) => {
      expect(issuesOf(Sku, text)).toEqual([
        {
          code: 'invalid-format',
          title: 'Invalid format',
          detail: `Expected a value matching /^[A-Z]{3}-\\d{4}$/, received ${JSON.stringify(text)}.`,
          source: { pointer: '' },
        },
      ]);
    },
  );

  it('reports a non-string as an invalid type', () => {
    expect(issuesOf(Sku, 1234)).toEqual([
      {
        code: 'invalid-type',
        title: 'Invalid type',
        detail: 'Expected a string, received 1234.',
        source: { pointer: '' },
      },
    ]);
  });

  it('takes the detail from the author', () => {
    const Custom = pattern(t.string, /^[A-Z]{3}-\d{4}$/, { detail: 'A SKU looks like ABC-1234.' });
    expect(issuesOf(Custom, 'abc')).toEqual([
      {
        code: 'invalid-format',
        title: 'Invalid format',
        detail: 'A SKU looks like ABC-1234.',
        source: { pointer: '' },
      },
    ]);
  });

  it.each([
    ['global', /^ab/g],
    ['sticky', /ab/y],
    ['global and sticky', /ab/gy],
  ])('gives the same answer on every call with a %s regex', (_, regex) => {
    const Prefixed = pattern(t.string, regex);
    const answers = ['abc', 'abc', 'abc', 'xbc', 'abd', 'abd'].map((s) => Prefixed.decode(s)._tag);
    expect(answers).toEqual(['Right', 'Right', 'Right', 'Left', 'Right', 'Right']);
    expect([Prefixed.is('abc'), Prefixed.is('abc')]).toEqual([true, true]);
    expect(regex.lastIndex).toBe(0);
  });

  it('names the regex without the global and sticky flags, keeping the others', () => {
    const Word = pattern(t.string, /^a+$/giu);
    expect(issuesOf(Word, 'b')).toEqual([
      {
        code: 'invalid-format',
        title: 'Invalid format',
        detail: 'Expected a value matching /^a+$/iu, received "b".',
        source: { pointer: '' },
      },
    ]);
    expect(Word.decode('AAA')).toEqual(t.success('AAA'));
  });
});

describe('refinements inside a body', () => {
  it('report each failing member at its own pointer, in member order', () => {
    const Signup = t.type({
      name: minLength(t.string, 2),
      age: min(t.number, 18),
      tags: maxLength(t.array(pattern(t.string, /^[a-z]+$/)), 2),
    });
    const expected: Issue[] = [
      {
        code: 'too-short',
        title: 'Value is too short',
        detail: 'Expected at least 2 characters, received 1.',
        source: { pointer: '/name' },
      },
      {
        code: 'too-small',
        title: 'Value is too small',
        detail: 'Expected 18 or more, received 12.',
        source: { pointer: '/age' },
      },
      {
        code: 'invalid-format',
        title: 'Invalid format',
        detail: 'Expected a value matching /^[a-z]+$/, received "B".',
        source: { pointer: '/tags/1' },
      },
    ];
    expect(issuesOf(Signup, { name: 'A', age: 12, tags: ['a', 'B'] })).toEqual(expected);
  });
});
