/**
 * JSON Schema from io-ts codecs, in the dialect OpenAPI 3.0 uses (and API Gateway imports): no
 * `const`, no type arrays, `nullable` for null. A schema accepts what its codec accepts; where a
 * codec checks more than JSON Schema can say (a refinement with its own predicate, a recursive
 * codec), the schema is the closest wider one and says so in its `description`.
 */
import type { AnyCodec, SchemaConstraint } from '../decode/describe.js';
import { describeCodec, factsOf } from '../decode/describe.js';

/** A JSON Schema object (OpenAPI 3.0 Schema Object). */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** How schemas are generated. */
export interface SchemaOptions {
  /** Objects refuse members the codec does not declare (`additionalProperties: false`). */
  readonly closed?: boolean;
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
  decode?(value: unknown): { readonly _tag: 'Left' | 'Right' };
}

const inspect = (codec: AnyCodec): Inspectable => codec;

/** A schema with a note that the codec checks more than the schema states. */
function wider(schema: JsonSchema, codec: AnyCodec): JsonSchema {
  const note = `Further rules apply (${codec.name}).`;
  const description = typeof schema['description'] === 'string' ? schema['description'] : '';
  return { ...schema, description: description === '' ? note : `${description} ${note}` };
}

function withConstraint(schema: JsonSchema, constraint: SchemaConstraint): JsonSchema {
  const isArray = schema['type'] === 'array';
  switch (constraint.kind) {
    case 'minLength':
      return { ...schema, [isArray ? 'minItems' : 'minLength']: constraint.value };
    case 'maxLength':
      return { ...schema, [isArray ? 'maxItems' : 'maxLength']: constraint.value };
    case 'minimum':
    case 'maximum':
      return { ...schema, [constraint.kind]: constraint.value };
    case 'pattern':
      // Two patterns on one string must both match: the second goes in an `allOf`.
      return schema['pattern'] === undefined
        ? { ...schema, pattern: constraint.value }
        : { ...schema, allOf: [{ pattern: constraint.value }] };
  }
}

/** True when the codec takes a missing value, so that an object member may be left out. */
export function acceptsUndefined(codec: AnyCodec): boolean {
  return inspect(codec).decode?.(undefined)._tag === 'Right';
}

function literalSchema(value: unknown): JsonSchema {
  if (value === null) return { nullable: true, enum: [null] };
  const type = typeof value === 'number' ? 'number' : typeof value;
  return { type, enum: [value] };
}

function unionSchema(members: readonly AnyCodec[], options: SchemaOptions): JsonSchema {
  // `undefined` members make an object member optional; the object decides that.
  const present = members.filter((member) => {
    const tag = inspect(member)._tag;
    return tag !== 'UndefinedType' && tag !== 'VoidType';
  });
  const nullable = present.some((member) => inspect(member)._tag === 'NullType');
  const rest = present.filter((member) => inspect(member)._tag !== 'NullType');
  const literals = rest.map((member) => inspect(member));
  if (literals.length > 0 && literals.every((member) => member._tag === 'LiteralType')) {
    const values = literals.map((member) => member.value);
    const types = new Set(values.map((value) => typeof value));
    const only = types.size === 1 ? [...types][0] : undefined;
    return {
      ...(only === undefined ? {} : { type: only }),
      enum: nullable ? [...values, null] : values,
      ...(nullable ? { nullable: true } : {}),
    };
  }
  const schemas = rest.map((member) => codecSchema(member, options));
  if (schemas.length === 0) return nullable ? { nullable: true, enum: [null] } : {};
  const one = schemas.length === 1 ? schemas[0] : undefined;
  const base: JsonSchema = one ?? { anyOf: schemas };
  return nullable ? { ...base, nullable: true } : base;
}

function objectSchema(
  props: Readonly<Record<string, AnyCodec>>,
  partial: boolean,
  options: SchemaOptions,
): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const name of Object.keys(props)) {
    const member = props[name] as AnyCodec;
    properties[name] = codecSchema(member, options);
    if (!partial && !acceptsUndefined(member)) required.push(name);
  }
  return {
    type: 'object',
    properties,
    ...(required.length === 0 ? {} : { required }),
    ...(options.closed === true ? { additionalProperties: false } : {}),
  };
}

function intersectionSchema(members: readonly AnyCodec[], options: SchemaOptions): JsonSchema {
  const schemas = members.map((member) => codecSchema(member, { ...options, closed: false }));
  const objects = schemas.every(
    (schema) => schema['type'] === 'object' && schema['properties'] !== undefined,
  );
  if (!objects) return { allOf: schemas };
  // Objects merge into one, so that `closed` can list every member of every part.
  const properties: Record<string, unknown> = {};
  const required = new Set<string>();
  for (const schema of schemas) {
    Object.assign(properties, schema['properties']);
    for (const name of (schema['required'] as string[] | undefined) ?? []) required.add(name);
  }
  return {
    type: 'object',
    properties,
    ...(required.size === 0 ? {} : { required: [...required] }),
    ...(options.closed === true ? { additionalProperties: false } : {}),
  };
}

/**
 * The JSON Schema of the values a codec accepts (its input side). Covers io-ts's own codecs —
 * primitives, literals, `keyof`, unions, intersections, `type`, `partial`, `exact`, `strict`,
 * arrays, records, tuples, `readonly`, `Int` — and gatefold's text codecs and refinements, with
 * their formats and constraints. A codec described with {@link withSchema} gets its own schema.
 */
export function codecSchema(codec: AnyCodec, options: SchemaOptions = {}): JsonSchema {
  const facts = factsOf(codec);
  if (facts?.schema !== undefined) return facts.schema;
  if (facts?.base !== undefined) {
    const base = codecSchema(facts.base, options);
    return facts.constraint === undefined
      ? wider(base, codec)
      : withConstraint(base, facts.constraint);
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
      return { nullable: true, enum: [null] };
    case 'UnknownType':
    case 'AnyType':
    case 'UndefinedType':
    case 'VoidType':
      return {};
    case 'LiteralType':
      return literalSchema(c.value);
    case 'KeyofType':
      return { type: 'string', enum: Object.keys(c.keys ?? {}) };
    case 'UnionType':
      return unionSchema(c.types ?? [], options);
    case 'IntersectionType':
      return intersectionSchema(c.types ?? [], options);
    case 'InterfaceType':
    case 'StrictType':
      return objectSchema(c.props ?? {}, false, options);
    case 'PartialType':
      return objectSchema(c.props ?? {}, true, options);
    case 'ExactType':
    case 'ReadonlyType':
      return c.type === undefined ? {} : codecSchema(c.type, options);
    case 'ArrayType':
    case 'ReadonlyArrayType':
      return { type: 'array', items: c.type === undefined ? {} : codecSchema(c.type, options) };
    case 'AnyArrayType':
      return { type: 'array', items: {} };
    case 'TupleType': {
      // OpenAPI 3.0 has no positional items: the length is exact, each item one of the types.
      const items = (c.types ?? []).map((member) => codecSchema(member, options));
      return wider(
        {
          type: 'array',
          minItems: items.length,
          maxItems: items.length,
          items: items.length === 1 ? items[0] : { anyOf: items },
        },
        codec,
      );
    }
    case 'DictionaryType':
      return {
        type: 'object',
        additionalProperties: c.codomain === undefined ? {} : codecSchema(c.codomain, options),
      };
    case 'AnyDictionaryType':
    case 'ObjectType':
      return { type: 'object' };
    case 'RefinementType':
      if (c.name === 'Int') return { type: 'integer' };
      return c.type === undefined ? {} : wider(codecSchema(c.type, options), codec);
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
 * import { withSchema } from 'gatefold';
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
