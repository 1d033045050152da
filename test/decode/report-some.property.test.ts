/**
 * `reportSome`, which `endpoint` uses to report the first problems of a request and count the
 * rest without building them: for any document and any bound, the issues it keeps are the first
 * ones `reportErrors` reports, and with the ones it counts they are as many as `reportErrors`
 * reports — unions (whose branches io-ts reports one after another) and intersections (whose
 * branches report the same member apart) included.
 */
import fc from 'fast-check';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { reportSome } from '../../src/decode/report.js';
import { reportErrors } from '../../src/index.js';

const Item = t.type({ sku: t.string, quantity: t.number, tags: t.array(t.string) });

const CODECS: readonly (readonly [string, t.Mixed])[] = [
  ['an array of types', t.array(Item)],
  ['an array of unions', t.array(t.union([t.string, t.number, t.type({ id: t.string })]))],
  ['an array of literal unions', t.array(t.union([t.literal('a'), t.literal('b')]))],
  [
    'an array of intersections that declare the same members',
    t.array(
      t.intersection([
        t.type({ id: t.string, n: t.number }),
        t.type({ id: t.string, n: t.union([t.number, t.null]) }),
      ]),
    ),
  ],
  [
    'a record of unions under an intersection',
    t.intersection([
      t.record(t.string, t.union([t.number, t.type({ on: t.boolean })])),
      t.record(t.string, t.union([t.number, t.type({ on: t.boolean })])),
    ]),
  ],
  ['nested arrays', t.array(t.array(t.union([t.number, t.array(t.number)])))],
];

/** Documents with many failures: arrays and records of near misses and anything at all. */
const failing = fc.oneof(
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 30 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 20 }),
  fc.array(
    fc.record(
      {
        sku: fc.oneof(fc.string(), fc.integer()),
        quantity: fc.oneof(fc.integer(), fc.string()),
        tags: fc.oneof(fc.array(fc.string()), fc.string()),
        id: fc.oneof(fc.string(), fc.integer()),
        n: fc.oneof(fc.integer(), fc.constant(null), fc.string()),
        on: fc.oneof(fc.boolean(), fc.string()),
      },
      { requiredKeys: [] },
    ),
    { maxLength: 30 },
  ),
);

describe.each(CODECS)('reportSome for %s', (_, codec) => {
  it('keeps the first issues reportErrors reports, and counts exactly the rest', () => {
    fc.assert(
      fc.property(failing, fc.nat(40), (document, max) => {
        const decoded = codec.decode(document);
        if (decoded._tag === 'Right') return;
        const all = reportErrors('body', decoded.left);

        const some = reportSome('body', decoded.left, max);

        expect(some.issues).toEqual(all.slice(0, max));
        expect(some.issues.length + some.omitted).toBe(all.length);
      }),
      { numRuns: Number(process.env['FUZZ_RUNS'] ?? 300) },
    );
  });
});

it('a union failed by 150 items: 100 issues and 50 more, not one per branch', () => {
  const codec = t.array(t.union([t.string, t.number]));
  const decoded = codec.decode(Array.from({ length: 150 }, () => ({})));
  if (decoded._tag === 'Right') throw new Error('decoded');

  const some = reportSome('body', decoded.left, 100);

  expect(decoded.left).toHaveLength(300);
  expect(some.issues).toHaveLength(100);
  expect(some.issues[99]).toEqual({
    code: 'invalid-type',
    title: 'Invalid type',
    detail: 'Expected (string | number), received {}.',
    source: { pointer: '/99' },
  });
  expect(some.omitted).toBe(50);
});
