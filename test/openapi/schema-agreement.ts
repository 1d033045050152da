/**
 * Checks that the JSON Schema generated from a codec, compiled by Ajv in the dialect of an
 * OpenAPI version (3.0 by default, or 3.1's JSON Schema 2020-12), gives the codec's verdict: on
 * values the codec accepts and on arbitrary JSON values. An exact schema must agree on every
 * value; a wider one must accept all the codec accepts (and may accept more), saying so in its
 * `description` when the generator knows it.
 */
import fc from 'fast-check';
import type * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { codecSchema } from '../../src/openapi/index.js';
import type { OpenApiVersion } from '../../src/openapi/types.js';
import { compileSchema } from './ajv.js';

const RUNS = { numRuns: 200 };

/** Any JSON value, small, with strings drawn from `text` and numbers near the edges. */
export function jsonValues(text: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  return fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constant(null),
      fc.boolean(),
      fc.integer({ min: -5, max: 5 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(
        '',
        ' ',
        'a',
        'true',
        'false',
        '12',
        '-0',
        '1.5',
        '1e3',
        'users',
        '2026-02-29',
      ),
      text,
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom('a', 'b', 'c', 'id', 'name', 'tags'), tie('value'), {
        maxKeys: 3,
      }),
    ),
  })).value;
}

/** Any JSON value whose strings are short printable ASCII. */
export const anyJson: fc.Arbitrary<unknown> = jsonValues(fc.string({ maxLength: 6 }));

/**
 * One character of any kind: printable ASCII, the rest of the Basic Multilingual Plane, a
 * character beyond it (two UTF-16 code units) or a lone surrogate (JSON can carry one escaped).
 */
export const anyChar: fc.Arbitrary<string> = fc.oneof(
  fc.string({ minLength: 1, maxLength: 1 }),
  fc.integer({ min: 0x80, max: 0xd7ff }).map((code) => String.fromCodePoint(code)),
  fc.integer({ min: 0xe000, max: 0xffff }).map((code) => String.fromCodePoint(code)),
  fc.integer({ min: 0x10000, max: 0x10ffff }).map((code) => String.fromCodePoint(code)),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
);

/** Short text of any characters, where UTF-16 code units and code points part ways. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: anyChar, maxLength: 8 }),
  fc.constantFrom('😀', '😀😀', 'a😀', '😀ab', 'ab😀c', '\ud83d', '\ude00a', 'é'),
);

/** Any JSON value whose strings may hold any character. */
export const anyUnicodeJson: fc.Arbitrary<unknown> = jsonValues(anyText);

export interface Case {
  readonly name: string;
  readonly codec: t.Mixed;
  /** Values the codec accepts. */
  readonly accepted: fc.Arbitrary<unknown>;
  /** More values worth asking both about, besides arbitrary JSON. */
  readonly probes?: fc.Arbitrary<unknown>;
}

export interface WiderCase extends Case {
  /** Whether the generator knows the schema is wider, and says so in the description. */
  readonly furtherRules: boolean;
}

/** The codec's verdict. */
export const accepts = (codec: t.Mixed, value: unknown): boolean =>
  codec.decode(value)._tag === 'Right';

/** The codec's schema, compiled by Ajv; compiling throws on a schema Ajv refuses. */
export function compile(codec: t.Mixed, version: OpenApiVersion = '3.0.3') {
  return compileSchema(codecSchema(codec, { openapi: version }), version);
}

/** Schemas that state every rule of their codecs: the verdicts agree on every value. */
export function describeExactSchemas(
  cases: readonly Case[],
  json: fc.Arbitrary<unknown> = anyJson,
  version: OpenApiVersion = '3.0.3',
): void {
  describe.each(cases)(`the ${version} schema of $name`, ({ codec, accepted, probes }) => {
    it('accepts every value the codec accepts', () => {
      const schema = compile(codec, version);
      fc.assert(
        fc.property(accepted, (value) => {
          expect(accepts(codec, value)).toBe(true);
          expect(schema(value)).toBe(true);
        }),
        RUNS,
      );
    });

    it('refuses every value the codec refuses', () => {
      const schema = compile(codec, version);
      fc.assert(
        fc.property(probes === undefined ? json : fc.oneof(json, probes), (value) => {
          expect(schema(value)).toBe(accepts(codec, value));
        }),
        RUNS,
      );
    });
  });
}

/** Schemas of codecs with rules they cannot state: they accept all their codecs accept. */
export function describeWiderSchemas(
  cases: readonly WiderCase[],
  json: fc.Arbitrary<unknown> = anyJson,
  version: OpenApiVersion = '3.0.3',
): void {
  describe.each(cases)(
    `the ${version} schema of $name`,
    ({ codec, accepted, probes, furtherRules }) => {
      it('accepts every value the codec accepts, and may accept more', () => {
        const schema = compile(codec, version);
        fc.assert(
          fc.property(fc.oneof(accepted, json, probes ?? json), (value) => {
            if (accepts(codec, value)) expect(schema(value)).toBe(true);
          }),
          RUNS,
        );
        fc.assert(
          fc.property(accepted, (value) => {
            expect(accepts(codec, value)).toBe(true);
          }),
          RUNS,
        );
      });

      it(`${furtherRules ? 'says' : 'need not say'} that further rules apply`, () => {
        const description = codecSchema(codec, { openapi: version })['description'];
        if (furtherRules) expect(description).toMatch(/^Further rules apply \(.+\)\.$/);
        else expect(description).toBeUndefined();
      });
    },
  );
}
