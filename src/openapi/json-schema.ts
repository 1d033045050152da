/**
 * JSON Schema from io-ts codecs, generated in the dialect OpenAPI 3.0 uses (and API Gateway
 * imports): no `const`, no type arrays, `nullable` for null, and never `nullable` without a
 * `type`; `dialect.ts` respells it for OpenAPI 3.1. A schema accepts what its codec accepts;
 * where a codec checks more than JSON Schema can say (a refinement with its own predicate, a
 * recursive codec, lengths counted in UTF-16 code units), the schema is the closest wider one and
 * says so in its `description`.
 */
import * as t from 'io-ts';
import type { AnyCodec, SchemaConstraint } from '../decode/describe.js';
import { describeCodec, factsOf } from '../decode/describe.js';
import { unicodePattern } from './unicode-pattern.js';
import { propsOf } from '../decode/shape.js';
import { toOpenApi31 } from './dialect.js';
import type { OpenApiVersion } from './types.js';

/** A JSON Schema object (an OpenAPI 3.0 or 3.1 Schema Object), as plain JSON. */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** How schemas are generated. */
export interface SchemaOptions {
  /** Objects refuse members the codec does not declare (`additionalProperties: false`). */
  readonly closed?: boolean;
  /**
   * The OpenAPI version whose dialect the schema is written in: `3.0.3` (the default; what API
   * Gateway imports) or `3.1.0` (JSON Schema 2020-12: `null` among the types, `prefixItems`).
   */
  readonly openapi?: OpenApiVersion;
}

interface Inspectable {
  readonly _tag?: string;
  readonly name: string;
  readonly value?: unknown;
  readonly keys?: Readonly<Record<string, unknown>>;
  readonly props?: Readonly<Record<string, AnyCodec>>;
  readonly type?: AnyCodec;
  readonly types?: readonly AnyCodec[];
  readonly domain?: AnyCodec;
  readonly codomain?: AnyCodec;
  readonly encode?: unknown;
  decode?(value: unknown): { readonly _tag: 'Left' | 'Right' };
}

const inspect = (codec: AnyCodec): Inspectable => codec;

/**
 * A schema with a note that the codec checks more than the schema states, and, when known,
 * what: `Further rules apply (string (too-long): at most 5 UTF-16 code units…).`
 */
function wider(schema: JsonSchema, codec: AnyCodec, rule?: string): JsonSchema {
  const note = `Further rules apply (${codec.name}${rule === undefined ? '' : `: ${rule}`}).`;
  const description = typeof schema['description'] === 'string' ? schema['description'] : '';
  return { ...schema, description: description === '' ? note : `${description} ${note}` };
}

/** True when the schema states nothing: every value passes. */
function acceptsEverything(schema: JsonSchema): boolean {
  return Object.keys(schema).every((key) => key === 'description');
}

const COMBINATORS = ['allOf', 'anyOf', 'oneOf', 'not'];

/** A schema with a `type` and no combinator: `nullable` on it admits `null` and nothing else. */
function isPlainTyped(schema: JsonSchema): boolean {
  return typeof schema['type'] === 'string' && !COMBINATORS.some((key) => key in schema);
}

/** Adds a subschema every value must also pass. */
function withAllOf(schema: JsonSchema, part: JsonSchema): JsonSchema {
  const parts = Array.isArray(schema['allOf']) ? (schema['allOf'] as JsonSchema[]) : [];
  return { ...schema, allOf: [...parts, part] };
}

/** Adds alternatives every value must pass one of: beside the schema's keywords when it has none. */
function withAnyOf(schema: JsonSchema, alternatives: readonly JsonSchema[]): JsonSchema {
  return 'anyOf' in schema
    ? withAllOf(schema, { anyOf: alternatives })
    : { ...schema, anyOf: alternatives };
}

/** True when the codec takes a missing value, so that an object member may be left out. */
export function acceptsUndefined(codec: AnyCodec): boolean {
  return inspect(codec).decode?.(undefined)._tag === 'Right';
}

// ─── null ────────────────────────────────────────────────────────────────────────────────────

/**
 * `null` and nothing else. OpenAPI 3.0 has no null type and Ajv refuses `nullable` without a
 * `type`: a nullable type whose only allowed value is `null` says it.
 */
const NULL_SCHEMA: JsonSchema = { type: 'string', nullable: true, enum: [null] };

function isNullCodec(codec: AnyCodec): boolean {
  const c = inspect(codec);
  return c._tag === 'NullType' || (c._tag === 'LiteralType' && c.value === null);
}

function acceptsNull(schema: JsonSchema): boolean {
  if (schema['nullable'] === true || acceptsEverything(schema)) return true;
  // A type beside the alternatives (a string's length rules) refuses null whatever they say.
  const members = schema['anyOf'];
  return (
    schema['type'] === undefined &&
    Array.isArray(members) &&
    (members as JsonSchema[]).some(acceptsNull)
  );
}

/** The schema with `null` accepted too, in valid OpenAPI 3.0. */
function orNull(schema: JsonSchema): JsonSchema {
  if (acceptsNull(schema)) return schema;
  if (isPlainTyped(schema)) {
    // `nullable` does not add null to an `enum`: the enum must list it.
    const values = schema['enum'];
    return {
      ...schema,
      ...(Array.isArray(values) ? { enum: [...(values as unknown[]), null] } : {}),
      nullable: true,
    };
  }
  const members = schema['anyOf'];
  if (Array.isArray(members) && Object.keys(schema).length === 1) {
    // A bare union: one typed member takes the null, as `{ type: X, nullable: true }`.
    const list = members as JsonSchema[];
    const index = list.findIndex(isPlainTyped);
    return index === -1
      ? { anyOf: [...list, NULL_SCHEMA] }
      : { anyOf: list.map((member, at) => (at === index ? orNull(member) : member)) };
  }
  return { anyOf: [schema, NULL_SCHEMA] };
}

// ─── constraints ─────────────────────────────────────────────────────────────────────────────

/**
 * A character beyond U+FFFF (two UTF-16 code units, one code point) or a lone surrogate: the
 * texts where io-ts (code units) and JSON Schema (code points) may count or match differently.
 * Written without the `u` flag's `\u{…}` so that any regular expression dialect reads it.
 */
const BEYOND_BMP = '[^\\u0000-\\uD7FF\\uE000-\\uFFFF]';

const UTF16_NOTE = 'UTF-16 code units; a character beyond U+FFFF counts twice';

/** What a constraint checks, for a description. */
function ruleOf(constraint: SchemaConstraint): string {
  switch (constraint.kind) {
    case 'minLength':
      return `at least ${String(constraint.value)} characters or items`;
    case 'maxLength':
      return `at most ${String(constraint.value)} characters or items`;
    case 'minimum':
      return `${String(constraint.value)} or more`;
    case 'maximum':
      return `${String(constraint.value)} or less`;
    case 'pattern':
      return `matching /${constraint.value}/`;
  }
}

/** The codec's tag under wrappers that keep the value as it is. */
function underlyingTag(codec: AnyCodec): string | undefined {
  const c = inspect(codec);
  if ((c._tag === 'ReadonlyType' || c._tag === 'RefinementType') && c.type !== undefined)
    return underlyingTag(c.type);
  const base = factsOf(codec)?.base;
  return base === undefined ? c._tag : underlyingTag(base);
}

/**
 * True when decoding gives back the value received, so that a rule on the decoded value is a
 * rule on the input. io-ts marks such codecs with `identity` as their encoder (and so does
 * gatefold for its refinements); a tuple, though, drops extra items while it decodes.
 */
function decodesToItself(codec: AnyCodec): boolean {
  return inspect(codec).encode === t.identity && underlyingTag(codec) !== 'TupleType';
}

function tighter(schema: JsonSchema, keyword: string, value: number, pick: 'min' | 'max') {
  const current = schema[keyword];
  if (typeof current !== 'number') return value;
  return pick === 'max' ? Math.max(current, value) : Math.min(current, value);
}

/** A length on a string: JSON Schema counts code points, io-ts UTF-16 code units. */
function stringLength(
  schema: JsonSchema,
  kind: 'minLength' | 'maxLength',
  value: number,
  codec: AnyCodec,
): JsonSchema {
  if (kind === 'maxLength') {
    // Code points never outnumber code units: the bound keeps all io-ts keeps, and more.
    const bounded = { ...schema, maxLength: tighter(schema, 'maxLength', value, 'min') };
    return value === 0 ? bounded : wider(bounded, codec, `at most ${String(value)} ${UTF16_NOTE}`);
  }
  // At most two code units per code point: exact up to one character, and exact for texts
  // without a character beyond U+FFFF; for those with one, at least half as many code points.
  // A plain `minLength` would refuse `😀a` (three code units, two code points) for 3, which the
  // codec takes.
  if (value <= 1) return { ...schema, minLength: tighter(schema, 'minLength', value, 'max') };
  const half = Math.ceil(value / 2);
  return wider(
    withAnyOf(schema, [{ minLength: value }, { minLength: half, pattern: BEYOND_BMP }]),
    codec,
    `at least ${String(value)} ${UTF16_NOTE}`,
  );
}

function lengthConstraint(
  schema: JsonSchema,
  kind: 'minLength' | 'maxLength',
  value: number,
  codec: AnyCodec,
): JsonSchema {
  const type = schema['type'];
  const items = kind === 'minLength' ? 'minItems' : 'maxItems';
  const arrays = (s: JsonSchema): JsonSchema => ({
    ...s,
    [items]: tighter(s, items, value, kind === 'minLength' ? 'max' : 'min'),
  });
  if (type === 'array') return arrays(schema);
  if (type === 'string') return stringLength(schema, kind, value, codec);
  // No type stated: each keyword binds only the values of its own type.
  if (type === undefined) return arrays(stringLength(schema, kind, value, codec));
  return wider(schema, codec, ruleOf({ kind, value }));
}

function boundConstraint(
  schema: JsonSchema,
  kind: 'minimum' | 'maximum',
  value: number,
  codec: AnyCodec,
): JsonSchema {
  const type = schema['type'];
  if (type !== undefined && type !== 'number' && type !== 'integer')
    return wider(schema, codec, ruleOf({ kind, value }));
  return { ...schema, [kind]: tighter(schema, kind, value, kind === 'minimum' ? 'max' : 'min') };
}

function patternConstraint(schema: JsonSchema, source: string, codec: AnyCodec): JsonSchema {
  const type = schema['type'];
  const translated = type === undefined || type === 'string' ? unicodePattern(source) : undefined;
  if (translated === undefined) return wider(schema, codec, `matching /${source}/`);
  if (!translated.exact) {
    return wider(
      withAnyOf(schema, [{ pattern: translated.source }, { pattern: BEYOND_BMP }]),
      codec,
      `matching /${source}/ by ${UTF16_NOTE}`,
    );
  }
  // Two patterns on one string must both match: the second goes in an `allOf`.
  return schema['pattern'] === undefined
    ? { ...schema, pattern: translated.source }
    : withAllOf(schema, { pattern: translated.source });
}

/** The schema of a refinement whose rule JSON Schema states, on its base's schema. */
function withConstraint(
  schema: JsonSchema,
  base: AnyCodec,
  constraint: SchemaConstraint,
  codec: AnyCodec,
): JsonSchema {
  // `maxLength(Trimmed, 3)` measures the trimmed text, `min(IntFromString, 1)` the number:
  // neither is a rule on the text received.
  if (!decodesToItself(base)) return wider(schema, codec, ruleOf(constraint));
  switch (constraint.kind) {
    case 'minLength':
    case 'maxLength':
      return lengthConstraint(schema, constraint.kind, constraint.value, codec);
    case 'minimum':
    case 'maximum':
      return boundConstraint(schema, constraint.kind, constraint.value, codec);
    case 'pattern':
      return patternConstraint(schema, constraint.value, codec);
  }
}

// ─── structures ──────────────────────────────────────────────────────────────────────────────

function literalSchema(value: unknown): JsonSchema {
  if (value === null) return NULL_SCHEMA;
  const type = typeof value === 'number' ? 'number' : typeof value;
  return { type, enum: [value] };
}

function unionSchema(members: readonly AnyCodec[], options: SchemaOptions): JsonSchema {
  // `undefined` members make an object member optional; the object decides that.
  const present = members.filter((member) => {
    const tag = inspect(member)._tag;
    return tag !== 'UndefinedType' && tag !== 'VoidType';
  });
  const nullable = present.some(isNullCodec);
  const rest = present.filter((member) => !isNullCodec(member));
  if (rest.length === 0) return nullable ? NULL_SCHEMA : {};
  const schema = nonNullUnionSchema(rest, options);
  return nullable ? orNull(schema) : schema;
}

function nonNullUnionSchema(members: readonly AnyCodec[], options: SchemaOptions): JsonSchema {
  const literals = members.map((member) => inspect(member));
  if (literals.every((member) => member._tag === 'LiteralType')) {
    const values = literals.map((member) => member.value);
    const types = new Set(values.map((value) => typeof value));
    const only = types.size === 1 ? [...types][0] : undefined;
    return { ...(only === undefined ? {} : { type: only }), enum: values };
  }
  const schemas = members.map((member) => schemaOf(member, options));
  return schemas.length === 1 ? (schemas[0] as JsonSchema) : { anyOf: schemas };
}

function objectSchema(
  props: Readonly<Record<string, AnyCodec>>,
  partial: boolean,
  options: SchemaOptions,
  closed: boolean = options.closed === true,
): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const name of Object.keys(props)) {
    const member = props[name] as AnyCodec;
    properties[name] = schemaOf(member, options);
    if (!partial && !acceptsUndefined(member)) required.push(name);
  }
  return {
    type: 'object',
    properties,
    ...(required.length === 0 ? {} : { required }),
    ...(closed ? { additionalProperties: false } : {}),
  };
}

function intersectionSchema(
  codec: AnyCodec,
  members: readonly AnyCodec[],
  options: SchemaOptions,
): JsonSchema {
  const schemas = members.map((member) => schemaOf(member, { ...options, closed: false }));
  const objects = schemas.every(
    (schema) => schema['type'] === 'object' && schema['properties'] !== undefined,
  );
  if (!objects) return { allOf: schemas };
  // Objects merge into one, so that `closed` can list every member of every part; a member two
  // parts declare must pass both.
  const properties: Record<string, JsonSchema> = {};
  const required = new Set<string>();
  for (const schema of schemas) {
    const declared = schema['properties'] as Readonly<Record<string, JsonSchema>>;
    for (const [name, member] of Object.entries(declared)) {
      const earlier = Object.hasOwn(properties, name) ? properties[name] : undefined;
      properties[name] = earlier === undefined ? member : { allOf: [earlier, member] };
    }
    for (const name of (schema['required'] as string[] | undefined) ?? []) required.add(name);
  }
  // Unknown members are refused only where every part declares its members (not a record's).
  const closed = options.closed === true && propsOf(codec) !== undefined;
  return {
    type: 'object',
    properties,
    ...(required.size === 0 ? {} : { required: [...required] }),
    ...(closed ? { additionalProperties: false } : {}),
  };
}

/** The keys of a record's domain when io-ts enumerates them (string literals, `keyof`). */
function domainKeys(domain: AnyCodec): string[] | undefined {
  const d = inspect(domain);
  switch (d._tag) {
    case 'LiteralType':
      return typeof d.value === 'string' ? [d.value] : undefined;
    case 'KeyofType':
      return Object.keys(d.keys ?? {});
    case 'UnionType': {
      const lists = (d.types ?? []).map(domainKeys);
      if (lists.some((list) => list === undefined)) return undefined;
      return [...new Set(lists.flatMap((list) => list ?? []))];
    }
    default:
      return undefined;
  }
}

function recordSchema(
  codec: AnyCodec,
  domain: AnyCodec | undefined,
  codomain: AnyCodec | undefined,
  options: SchemaOptions,
): JsonSchema {
  const keys = domain === undefined ? undefined : domainKeys(domain);
  if (keys !== undefined && codomain !== undefined) {
    // io-ts decodes a record over known keys as `t.strict` of them: each key present (unless
    // its value may be missing), any other key dropped rather than refused.
    const props = Object.fromEntries(keys.map((key) => [key, codomain]));
    return objectSchema(props, false, options, false);
  }
  const values = codomain === undefined ? {} : schemaOf(codomain, options);
  // Keys the domain refuses are dropped with their values, which go unchecked.
  const object =
    domain !== undefined && inspect(domain)._tag === 'StringType'
      ? { type: 'object', additionalProperties: values }
      : wider(
          { type: 'object' },
          codec,
          `values checked under keys that are ${domain?.name ?? 'in its domain'}, others dropped`,
        );
  // A record of `t.any` takes arrays too, as io-ts decides.
  const arrays = codomain !== undefined && inspect(codomain)._tag === 'AnyType';
  return arrays ? { anyOf: [object, { type: 'array', items: {} }] } : object;
}

function tupleSchema(
  codec: AnyCodec,
  members: readonly AnyCodec[],
  options: SchemaOptions,
): JsonSchema {
  // io-ts drops items past the last position without checking them, and trailing members that
  // take `undefined` may be left out: the least length is stated, and no more items are refused.
  let least = members.length;
  while (least > 0 && acceptsUndefined(members[least - 1] as AnyCodec)) least--;
  const length = least === 0 ? {} : { minItems: least };
  if (options.openapi === '3.1.0') {
    // JSON Schema 2020-12 states positions; `prefixItems` may not be empty.
    const prefixItems = members.map((member) => schemaOf(member, options));
    return { type: 'array', ...(members.length === 0 ? {} : { prefixItems }), ...length };
  }
  // OpenAPI 3.0 has no positional items: the items go unchecked.
  return wider({ type: 'array', items: {}, ...length }, codec);
}

/**
 * The JSON Schema of the values a codec accepts (its input side). Covers io-ts's own codecs —
 * primitives, literals, `keyof`, unions, intersections, `type`, `partial`, `exact`, `strict`,
 * arrays, records, tuples, `readonly`, `Int` — and gatefold's text codecs and refinements, with
 * their formats and constraints. A codec described with {@link withSchema} gets its own schema.
 */
export function codecSchema(codec: AnyCodec, options: SchemaOptions = {}): JsonSchema {
  const schema = schemaOf(codec, options);
  return options.openapi === '3.1.0' ? toOpenApi31(schema) : schema;
}

/** The schema in OpenAPI 3.0's dialect, tuples aside (positional in 3.1). */
function schemaOf(codec: AnyCodec, options: SchemaOptions): JsonSchema {
  const facts = factsOf(codec);
  if (facts?.schema !== undefined) return facts.schema;
  if (facts?.base !== undefined) {
    const base = schemaOf(facts.base, options);
    return facts.constraint === undefined
      ? wider(base, codec)
      : withConstraint(base, facts.base, facts.constraint, codec);
  }
  const c = inspect(codec);
  switch (c._tag) {
    case 'StringType':
      return { type: 'string' };
    case 'NumberType':
      return { type: 'number' };
    case 'BooleanType':
      return { type: 'boolean' };
    case 'NullType':
      return NULL_SCHEMA;
    case 'UnknownType':
    case 'AnyType':
    case 'UndefinedType':
    case 'VoidType':
      return {};
    case 'LiteralType':
      return literalSchema(c.value);
    case 'KeyofType': {
      const keys = Object.keys(c.keys ?? {});
      // An empty `enum` is not valid OpenAPI: no key, no value.
      return keys.length === 0 ? { not: {} } : { type: 'string', enum: keys };
    }
    case 'UnionType':
      return unionSchema(c.types ?? [], options);
    case 'IntersectionType':
      return intersectionSchema(codec, c.types ?? [], options);
    case 'InterfaceType':
    case 'StrictType':
      return objectSchema(c.props ?? {}, false, options);
    case 'PartialType':
      return objectSchema(c.props ?? {}, true, options);
    case 'ExactType':
    case 'ReadonlyType':
      return c.type === undefined ? {} : schemaOf(c.type, options);
    case 'ArrayType':
    case 'ReadonlyArrayType':
      return { type: 'array', items: c.type === undefined ? {} : schemaOf(c.type, options) };
    case 'AnyArrayType':
      return { type: 'array', items: {} };
    case 'TupleType':
      return tupleSchema(codec, c.types ?? [], options);
    case 'DictionaryType':
      return recordSchema(codec, c.domain, c.codomain, options);
    case 'AnyDictionaryType':
      return { type: 'object' };
    case 'ObjectType':
      // `t.object` takes any non-null object, arrays included.
      return { anyOf: [{ type: 'object' }, { type: 'array', items: {} }] };
    case 'RefinementType':
      if (c.name === 'Int') return { type: 'integer' };
      return c.type === undefined ? {} : wider(schemaOf(c.type, options), codec);
    default:
      // A hand-written codec: nothing is known of what it accepts.
      return wider({}, codec);
  }
}

/**
 * Declares the JSON Schema of a codec gatefold cannot see into (one built with `new t.Type`),
 * for the OpenAPI document; returns the same codec. Describe your own codec instances only: the
 * schema is attached to the codec value itself.
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * import { withSchema } from 'gatefold/openapi';
 *
 * const Secret = withSchema(
 *   new t.Type<string, string, unknown>(
 *     'Secret',
 *     (u): u is string => typeof u === 'string',
 *     (u, c) => (typeof u === 'string' ? t.success(u) : t.failure(u, c)),
 *     t.identity,
 *   ),
 *   { type: 'string', format: 'password' },
 * );
 * ```
 */
export function withSchema<C extends AnyCodec>(codec: C, schema: JsonSchema): C {
  return describeCodec(codec, { ...factsOf(codec), schema });
}
