/**
 * reportErrors: io-ts validation errors into issues — where each lies (a JSON pointer into the
 * body, or the parameter, header or cookie), what it says, and one issue per problem.
 */
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import type { Issue, RequestPart } from '../../src/index.js';
import { IntFromString, Uuid, oneOf, reportErrors } from '../../src/index.js';

/** The issues a codec reports for an input (none when it decodes). */
function issuesOf(codec: t.Decoder<unknown, unknown>, input: unknown, part: RequestPart = 'body') {
  const decoded = codec.decode(input);
  return decoded._tag === 'Left' ? reportErrors(part, decoded.left) : [];
}

const invalidType = (detail: string, pointer: string): Issue => ({
  code: 'invalid-type',
  title: 'Invalid type',
  detail,
  source: { pointer },
});

const invalidValue = (detail: string, pointer: string): Issue => ({
  code: 'invalid-value',
  title: 'Invalid value',
  detail,
  source: { pointer },
});

const requiredMember = (name: string, pointer: string): Issue => ({
  code: 'required',
  title: 'Required member missing',
  detail: `The member "${name}" is required.`,
  source: { pointer },
});

describe('reportErrors for the body: pointers', () => {
  it('points into nested arrays and objects', () => {
    const Order = t.type({
      items: t.array(t.type({ sku: t.string, tags: t.array(t.string) })),
    });
    const document = {
      items: [
        { sku: 'a', tags: [] },
        { sku: 'b', tags: ['x', 1] },
      ],
    };
    expect(issuesOf(Order, document)).toEqual([
      invalidType('Expected a string, received 1.', '/items/1/tags/1'),
    ]);
  });

  it('points at the document itself when the root has the wrong type', () => {
    expect(issuesOf(t.type({ a: t.string }), null)).toEqual([
      invalidType('Expected an object, received null.', ''),
    ]);
    expect(issuesOf(t.array(t.string), { 0: 'a' })).toEqual([
      invalidType('Expected an array, received {"0":"a"}.', ''),
    ]);
  });

  it('escapes "/" as ~1 and "~" as ~0 in member names', () => {
    const Codec = t.type({ 'a/b': t.type({ 'm~n': t.number, '~1': t.number }) });
    expect(issuesOf(Codec, { 'a/b': { 'm~n': 'x', '~1': 'y' } })).toEqual([
      invalidType('Expected a number, received "x".', '/a~1b/m~0n'),
      invalidType('Expected a number, received "y".', '/a~1b/~01'),
    ]);
  });

  it('points at record members by their key, escaped', () => {
    const Scores = t.record(t.string, t.number);
    expect(issuesOf(Scores, { alice: 1, 'b/o~b': 'two' })).toEqual([
      invalidType('Expected a number, received "two".', '/b~1o~0b'),
    ]);
  });

  it('leaves intersection branch indexes out of the pointer', () => {
    const Codec = t.intersection([
      t.type({ a: t.string }),
      t.type({ nested: t.intersection([t.type({ b: t.number }), t.partial({ c: t.boolean })]) }),
    ]);
    expect(issuesOf(Codec, { a: 1, nested: { b: 'x', c: 'y' } })).toEqual([
      invalidType('Expected a string, received 1.', '/a'),
      invalidType('Expected a number, received "x".', '/nested/b'),
      invalidType('Expected a boolean, received "y".', '/nested/c'),
    ]);
  });

  it('leaves union branch indexes out of the pointer', () => {
    const Codec = t.type({ items: t.array(t.union([t.string, t.number])) });
    expect(issuesOf(Codec, { items: ['a', 1, true] })).toEqual([
      invalidType('Expected (string | number), received true.', '/items/2'),
    ]);
  });

  it('describes a readonly codec by the codec it wraps', () => {
    expect(issuesOf(t.readonly(t.type({ a: t.string })), 5)).toEqual([
      invalidType('Expected an object, received 5.', ''),
    ]);
  });
});

describe('reportErrors for the body: missing members', () => {
  it('reports a missing member on its parent, naming the member', () => {
    const Registration = t.type({
      data: t.type({ type: t.literal('users'), attributes: t.type({ name: t.string }) }),
    });
    expect(issuesOf(Registration, { data: { type: 'users', attributes: {} } })).toEqual([
      requiredMember('name', '/data/attributes'),
    ]);
  });

  it('reports each missing member at the root with the empty pointer', () => {
    expect(issuesOf(t.type({ a: t.string, 'b/c': t.number }), {})).toEqual([
      requiredMember('a', ''),
      requiredMember('b/c', ''),
    ]);
  });

  it('reports a missing member of an intersection on the object, not the branch', () => {
    const Codec = t.type({
      user: t.intersection([t.type({ id: t.string }), t.type({ email: t.string })]),
    });
    expect(issuesOf(Codec, { user: { id: 'u-1' } })).toEqual([requiredMember('email', '/user')]);
  });

  it('reports a missing member inside an array element on that element', () => {
    const Codec = t.array(t.type({ id: t.string }));
    expect(issuesOf(Codec, [{ id: 'a' }, {}])).toEqual([requiredMember('id', '/1')]);
  });

  it.each([
    ['a literal', t.literal('users')],
    ['a keyof', t.keyof({ a: null, b: null })],
    ['an Int', t.Int],
    ['a UUID', Uuid],
  ])('reports a missing member whose codec is %s as required', (_, codec) => {
    expect(issuesOf(t.type({ value: codec }), {})).toEqual([requiredMember('value', '')]);
  });

  it('reports a missing member whose codec is a union as required, on its parent', () => {
    const Codec = t.type({
      data: t.type({ status: t.union([t.literal('open'), t.literal('closed')]) }),
    });
    expect(issuesOf(Codec, { data: {} })).toEqual([requiredMember('status', '/data')]);
  });

  it('reports null for a required member as a value of the wrong type, not as missing', () => {
    expect(issuesOf(t.type({ name: t.string }), { name: null })).toEqual([
      invalidType('Expected a string, received null.', '/name'),
    ]);
  });

  it('points a missing tuple element at a location that exists', () => {
    // A pointer must name something in the document (JSON:API); "/1" names nothing in ["a"].
    const issues = issuesOf(t.type({ pair: t.tuple([t.string, t.number]) }), { pair: ['a'] });
    expect(issues.map((issue) => issue.source)).toEqual([{ pointer: '/pair' }]);
  });
});

describe('reportErrors for the body: what was expected', () => {
  it('reports a failing union once, saying what it expected', () => {
    const Id = t.type({ id: t.union([t.string, t.number]) });
    expect(issuesOf(Id, { id: true })).toEqual([
      invalidType('Expected (string | number), received true.', '/id'),
    ]);
  });

  it('reports a union of objects once, at the union, whichever branches failed inside', () => {
    const Shape = t.union([
      t.type({ kind: t.literal('circle'), radius: t.number }),
      t.type({ kind: t.literal('square'), side: t.number }),
    ]);
    expect(issuesOf(t.type({ shape: Shape }), { shape: { kind: 'circle', radius: 'x' } })).toEqual([
      invalidType(
        'Expected ({ kind: "circle", radius: number } | { kind: "square", side: number }), received {"kind":"circle","radius":"x"}.',
        '/shape',
      ),
    ]);
  });

  it.each([
    [
      'strings',
      t.union([t.literal('a'), t.literal('b')]),
      'c',
      'Expected one of "a", "b", received "c".',
    ],
    ['numbers', t.union([t.literal(1), t.literal(2)]), 3, 'Expected one of 1, 2, received 3.'],
    [
      'mixed literals',
      t.union([t.literal('on'), t.literal(true), t.literal(0)]),
      'off',
      'Expected one of "on", true, 0, received "off".',
    ],
    [
      'strings, given a number',
      t.union([t.literal('a'), t.literal('b')]),
      1,
      'Expected one of "a", "b", received 1.',
    ],
  ])(
    'reports a literal union of %s as an invalid value listing them',
    (_, codec, value, detail) => {
      expect(issuesOf(codec, value)).toEqual([invalidValue(detail, '')]);
    },
  );

  it('lists at most eight literals of a long union', () => {
    const Letters = t.union([
      t.literal('a'),
      t.literal('b'),
      t.literal('c'),
      t.literal('d'),
      t.literal('e'),
      t.literal('f'),
      t.literal('g'),
      t.literal('h'),
      t.literal('i'),
      t.literal('j'),
    ]);
    expect(issuesOf(Letters, 'z')).toEqual([
      invalidValue('Expected one of "a", "b", "c", "d", "e", "f", "g", "h", …, received "z".', ''),
    ]);
  });

  it('reports a single literal as an invalid value naming it', () => {
    expect(issuesOf(t.type({ type: t.literal('users') }), { type: 'people' })).toEqual([
      invalidValue('Expected "users", received "people".', '/type'),
    ]);
  });

  it('reports t.keyof as an invalid value listing the keys', () => {
    expect(
      issuesOf(t.type({ order: t.keyof({ asc: null, desc: null }) }), { order: 'up' }),
    ).toEqual([invalidValue('Expected one of "asc", "desc", received "up".', '/order')]);
  });

  it('reports oneOf as t.keyof', () => {
    expect(issuesOf(oneOf('asc', 'desc'), 'up')).toEqual([
      invalidValue('Expected one of "asc", "desc", received "up".', ''),
    ]);
  });

  it('reports a number that is not an integer against t.Int as an invalid value', () => {
    expect(issuesOf(t.type({ count: t.Int }), { count: 1.5 })).toEqual([
      invalidValue('Expected Int, received 1.5.', '/count'),
    ]);
  });

  it('reports a non-number against t.Int as an invalid type', () => {
    expect(issuesOf(t.type({ count: t.Int }), { count: '2' })).toEqual([
      invalidType('Expected a number, received "2".', '/count'),
    ]);
  });

  it.each([
    ['t.string', t.string, 1, 'Expected a string, received 1.'],
    ['t.number', t.number, '1', 'Expected a number, received "1".'],
    ['t.boolean', t.boolean, 'true', 'Expected a boolean, received "true".'],
    ['t.null', t.null, 0, 'Expected null, received 0.'],
    ['t.array', t.array(t.string), 'a', 'Expected an array, received "a".'],
    ['t.partial', t.partial({}), [], 'Expected an object, received [].'],
    ['t.record', t.record(t.string, t.string), 'a', 'Expected an object, received "a".'],
    ['t.UnknownRecord', t.UnknownRecord, 1, 'Expected an object, received 1.'],
  ])('describes what %s expects', (_, codec, value, detail) => {
    expect(issuesOf(codec, value)).toEqual([invalidType(detail, '')]);
  });

  it('cuts a long received value to 60 characters', () => {
    const long = 'x'.repeat(100);
    expect(issuesOf(t.number, long)).toEqual([
      invalidType(`Expected a number, received "${'x'.repeat(56)}….`, ''),
    ]);
  });
});

describe('reportErrors: one issue per problem', () => {
  it('reports the same problem found twice, through an intersection, once', () => {
    const Codec = t.intersection([t.type({ a: t.string }), t.type({ a: t.string, b: t.string })]);
    expect(issuesOf(Codec, { a: 1, b: 2 })).toEqual([
      invalidType('Expected a string, received 1.', '/a'),
      invalidType('Expected a string, received 2.', '/b'),
    ]);
  });

  it('reports a missing member found by two branches once', () => {
    const Codec = t.intersection([t.type({ id: t.string }), t.type({ id: t.string })]);
    expect(issuesOf(Codec, {})).toEqual([requiredMember('id', '')]);
  });

  it('keeps distinct problems, in document order', () => {
    const Codec = t.type({ a: t.string, b: t.number, c: t.array(t.boolean) });
    expect(issuesOf(Codec, { a: 1, c: [true, 'no', 'no'] })).toEqual([
      invalidType('Expected a string, received 1.', '/a'),
      requiredMember('b', ''),
      invalidType('Expected a boolean, received "no".', '/c/1'),
      invalidType('Expected a boolean, received "no".', '/c/2'),
    ]);
  });

  it('reports nothing for no errors', () => {
    expect(reportErrors('body', [])).toEqual([]);
  });
});

describe('reportErrors for text parts', () => {
  it.each([
    ['query', 'query parameter'],
    ['params', 'path parameter'],
  ] as const)('names a missing %s member as a required %s', (part, kind) => {
    expect(issuesOf(t.type({ id: IntFromString }), {}, part)).toEqual([
      {
        code: 'required',
        title: `Required ${kind} missing`,
        detail: `The ${kind} "id" is required.`,
        source: { parameter: 'id' },
      },
    ]);
  });

  it.each(['query', 'params'] as const)('points an invalid %s value at its parameter', (part) => {
    expect(issuesOf(t.type({ page: IntFromString }), { page: '1e3' }, part)).toEqual([
      {
        code: 'invalid-format',
        title: 'Invalid format',
        detail: 'Expected an integer, received "1e3".',
        source: { parameter: 'page' },
      },
    ]);
  });

  it('points a bad value of a repeated query parameter at the parameter', () => {
    expect(issuesOf(t.type({ ids: t.array(IntFromString) }), { ids: ['1', 'x'] }, 'query')).toEqual(
      [
        {
          code: 'invalid-format',
          title: 'Invalid format',
          detail: 'Expected an integer, received "x".',
          source: { parameter: 'ids' },
        },
      ],
    );
  });

  it('reports a missing query parameter whose codec is a literal union as required', () => {
    const Query = t.type({ order: t.union([t.literal('asc'), t.literal('desc')]) });
    expect(issuesOf(Query, {}, 'query')).toEqual([
      {
        code: 'required',
        title: 'Required query parameter missing',
        detail: 'The query parameter "order" is required.',
        source: { parameter: 'order' },
      },
    ]);
  });

  it('reports a missing query parameter of oneOf as required', () => {
    expect(issuesOf(t.type({ order: oneOf('asc', 'desc') }), {}, 'query')).toEqual([
      {
        code: 'required',
        title: 'Required query parameter missing',
        detail: 'The query parameter "order" is required.',
        source: { parameter: 'order' },
      },
    ]);
  });

  it('reports headers by name', () => {
    const Headers = t.type({ 'x-api-key': t.string, 'x-request-id': Uuid });
    expect(issuesOf(Headers, { 'x-request-id': 'nope' }, 'headers')).toEqual([
      {
        code: 'required',
        title: 'Required header missing',
        detail: 'The header "x-api-key" is required.',
        source: { header: 'x-api-key' },
      },
      {
        code: 'invalid-format',
        title: 'Invalid format',
        detail: 'Expected a UUID, received "nope".',
        source: { header: 'x-request-id' },
      },
    ]);
  });

  it('reports a missing cookie on the cookie header, naming the cookie in meta', () => {
    expect(issuesOf(t.type({ session: t.string }), {}, 'cookies')).toEqual([
      {
        code: 'required',
        title: 'Required cookie missing',
        detail: 'The cookie "session" is required.',
        source: { header: 'cookie' },
        meta: { cookie: 'session' },
      },
    ]);
  });

  it('reports an invalid cookie on the cookie header, naming the cookie in meta', () => {
    expect(
      issuesOf(t.type({ theme: oneOf('light', 'dark') }), { theme: 'blue' }, 'cookies'),
    ).toEqual([
      {
        code: 'invalid-value',
        title: 'Invalid value',
        detail: 'The cookie is not valid; its value is not repeated here.',
        source: { header: 'cookie' },
        meta: { cookie: 'theme' },
      },
    ]);
  });

  it('reports two cookies with the same bad value as two issues', () => {
    const Cookies = t.type({ page: IntFromString, size: IntFromString });
    expect(issuesOf(Cookies, { page: 'x', size: 'x' }, 'cookies')).toEqual([
      {
        code: 'invalid-format',
        title: 'Invalid format',
        detail: 'The cookie is not valid; its value is not repeated here.',
        source: { header: 'cookie' },
        meta: { cookie: 'page' },
      },
      {
        code: 'invalid-format',
        title: 'Invalid format',
        detail: 'The cookie is not valid; its value is not repeated here.',
        source: { header: 'cookie' },
        meta: { cookie: 'size' },
      },
    ]);
  });

  it('reports every missing required text parameter', () => {
    const Query = t.type({ from: IntFromString, to: IntFromString, order: oneOf('asc', 'desc') });
    expect(issuesOf(Query, { to: '3' }, 'query')).toEqual(
      ['from', 'order'].map((name) => ({
        code: 'required',
        title: 'Required query parameter missing',
        detail: `The query parameter "${name}" is required.`,
        source: { parameter: name },
      })),
    );
  });
});
