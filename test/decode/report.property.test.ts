/**
 * Properties of reportErrors over random documents decoded against fixed, non-trivial codecs:
 * it never throws, reports at least one issue for every failure, points every issue at a
 * location that exists in the submitted document (JSON:API requires the pointer to name
 * something in it), and uses only the generic codes.
 *
 * Documents are either any JSON value (`fc.jsonValue()`) or a near miss built from the codec's
 * own shape, so that failures happen deep inside it and not only at the root.
 * `FUZZ_RUNS=10000 npx vitest run test/decode/report.property.test.ts` for more runs.
 */
import fc from 'fast-check';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/index.js';
import { reportErrors } from '../../src/index.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 200);

const GENERIC_CODES = ['required', 'invalid-type', 'invalid-value'];

/** What a pointer names in a document (RFC 6901 §4): array indexes, then own members only. */
function resolves(document: unknown, pointer: string): boolean {
  if (pointer === '') return true;
  if (!pointer.startsWith('/')) return false;
  let current = document;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) {
      if (!/^(?:0|[1-9]\d*)$/.test(token) || Number(token) >= current.length) return false;
      current = current[Number(token)];
    } else if (typeof current === 'object' && current !== null && Object.hasOwn(current, token)) {
      current = (current as Record<string, unknown>)[token];
    } else {
      return false;
    }
  }
  return true;
}

// Codecs of the shapes request bodies take.
const Order = t.type({
  id: t.string,
  items: t.array(t.type({ sku: t.string, quantity: t.number, tags: t.array(t.string) })),
  customer: t.type({ name: t.string, email: t.union([t.string, t.null]) }),
  notes: t.partial({ gift: t.boolean, message: t.string }),
});

const Settings = t.record(
  t.string,
  t.union([t.number, t.type({ enabled: t.boolean, level: t.Int })]),
);

const Patch = t.partial({
  name: t.string,
  tags: t.readonlyArray(t.string),
  meta: t.record(t.string, t.union([t.string, t.number, t.boolean, t.null])),
  grid: t.array(t.array(t.partial({ x: t.number, y: t.number }))),
});

const Tagged = t.intersection([
  t.type({ kind: t.keyof({ a: null, b: null }), data: t.type({ value: t.number }) }),
  t.partial({ ref: t.union([t.string, t.array(t.string)]), extra: t.record(t.string, t.string) }),
]);

const Resources = t.type({
  data: t.array(
    t.union([
      t.type({ type: t.literal('users'), id: t.string, attributes: t.partial({ name: t.string }) }),
      t.type({ type: t.literal('groups'), id: t.string, members: t.array(t.string) }),
    ]),
  ),
});

const Event = t.type({
  type: t.union([t.literal('click'), t.literal('view')]),
  at: t.number,
  target: t.partial({ id: t.string }),
});

const CODECS: readonly (readonly [string, t.Mixed])[] = [
  ['an order (nested types, arrays, a nullable member, a partial)', Order],
  ['settings (a record of a union of a number and a type)', Settings],
  ['a patch (a partial of arrays, records and arrays of arrays)', Patch],
  ['a tagged value (an intersection with keyof and a union)', Tagged],
  ['resources (an array of a union of types)', Resources],
  ['an event (a required literal-union member)', Event],
];

/** Member names, including ones a pointer must escape and ones that reach prototypes. */
const memberName = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.constantFrom('a/b', '~', '~1', '/', '', '__proto__', 'constructor', 'toString'),
);

const anyJson = fc.jsonValue({ maxDepth: 3 });

interface Inspectable {
  readonly _tag?: string;
  readonly props?: Readonly<Record<string, t.Mixed>>;
  readonly type?: t.Mixed;
  readonly types?: readonly t.Mixed[];
  readonly codomain?: t.Mixed;
  readonly value?: unknown;
  readonly keys?: Readonly<Record<string, unknown>>;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value close to what the codec takes: its shape, with members dropped, added or wrong. */
function nearMiss(codec: t.Mixed, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 5) return anyJson;
  const c = codec as unknown as Inspectable;
  let shaped: fc.Arbitrary<unknown>;
  switch (c._tag) {
    case 'InterfaceType':
    case 'PartialType': {
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, member] of Object.entries(c.props ?? {})) {
        model[key] = nearMiss(member, depth + 1);
      }
      shaped = fc
        .tuple(
          fc.record(model, { requiredKeys: [] }),
          fc.dictionary(memberName, anyJson, { maxKeys: 2 }),
        )
        .map(([known, extra]) => ({ ...extra, ...known }));
      break;
    }
    case 'ArrayType':
    case 'ReadonlyArrayType':
      shaped = fc.array(c.type === undefined ? anyJson : nearMiss(c.type, depth + 1), {
        maxLength: 3,
      });
      break;
    case 'DictionaryType':
      shaped = fc.dictionary(
        memberName,
        c.codomain === undefined ? anyJson : nearMiss(c.codomain, depth + 1),
        { maxKeys: 3 },
      );
      break;
    case 'UnionType':
      shaped = fc.oneof(...(c.types ?? []).map((member) => nearMiss(member, depth + 1)));
      break;
    case 'IntersectionType':
      shaped = fc
        .tuple(...(c.types ?? []).map((member) => nearMiss(member, depth + 1)))
        .map((parts) =>
          parts.every(isPlainObject) ? (Object.assign({}, ...parts) as unknown) : parts[0],
        );
      break;
    case 'LiteralType':
      shaped = fc.constant(c.value);
      break;
    case 'KeyofType':
      shaped = fc.constantFrom(...Object.keys(c.keys ?? {}));
      break;
    case 'StringType':
      shaped = fc.string({ maxLength: 4 });
      break;
    case 'NumberType':
      shaped = fc.integer();
      break;
    case 'RefinementType':
      shaped = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
      break;
    case 'BooleanType':
      shaped = fc.boolean();
      break;
    case 'NullType':
      shaped = fc.constant(null);
      break;
    default:
      shaped = anyJson;
  }
  return fc.oneof({ weight: 1, arbitrary: anyJson }, { weight: 5, arbitrary: shaped });
}

/** What is wrong with the issues reported for a document, if anything. */
function problemsWith(codec: t.Mixed, document: unknown): unknown[] {
  const decoded = codec.decode(document);
  if (decoded._tag === 'Right') return [];
  let issues: Issue[];
  try {
    issues = reportErrors('body', decoded.left);
  } catch (error) {
    return [{ threw: String(error) }];
  }
  if (issues.length === 0) return [{ noIssues: true }];
  return issues.flatMap((issue) => {
    const pointer =
      issue.source !== undefined && 'pointer' in issue.source ? issue.source.pointer : undefined;
    const wrong: string[] = [];
    if (pointer === undefined) wrong.push('no pointer');
    else if (!resolves(document, pointer)) wrong.push('pointer names nothing in the document');
    if (!GENERIC_CODES.includes(issue.code)) wrong.push('code is not generic');
    return wrong.length === 0 ? [] : [{ issue, wrong }];
  });
}

describe('reportErrors on random documents', () => {
  it.each(CODECS)(
    'for %s: never throws, and points every issue at an existing location (any JSON)',
    (_, codec) => {
      fc.assert(
        fc.property(fc.jsonValue(), (document) => {
          expect(problemsWith(codec, document)).toEqual([]);
        }),
        { numRuns: RUNS },
      );
    },
  );

  it.each(CODECS)(
    'for %s: never throws, and points every issue at an existing location (near misses)',
    (_, codec) => {
      fc.assert(
        fc.property(nearMiss(codec), (document) => {
          expect(problemsWith(codec, document)).toEqual([]);
        }),
        { numRuns: RUNS },
      );
    },
  );

  it('the near-miss documents reach failures below the root', () => {
    // A guard on the generator: without deep failures the properties above would prove little.
    const deep = fc.sample(nearMiss(Patch), 500).filter((document) => {
      const decoded = Patch.decode(document);
      return (
        decoded._tag === 'Left' &&
        reportErrors('body', decoded.left).some(
          (issue) =>
            issue.source !== undefined &&
            'pointer' in issue.source &&
            issue.source.pointer.split('/').length > 3,
        )
      );
    });
    expect(deep.length).toBeGreaterThan(0);
  });
});
