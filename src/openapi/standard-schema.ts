/**
 * A Standard Schema's JSON Schema, for the OpenAPI document. Libraries that implement the Standard
 * JSON Schema interface (zod 4, arktype 2) describe themselves; a schema that does not (valibot
 * 1 without its converter, a schema with a transform the library cannot describe) is documented
 * as unconstrained, with a description that says so.
 */
import type { StandardSchemaV1 } from '../decode/standard-schema-spec.js';
import { jsonSchemaPropsOf } from '../decode/standard-schema.js';
import type { JsonSchema, SchemaOptions } from './json-schema.js';

/** The JSON Schema dialects to ask for, best first, per OpenAPI version. */
const TARGETS: Readonly<Record<'3.0.3' | '3.1.0', readonly string[]>> = {
  '3.0.3': ['openapi-3.0', 'draft-07'],
  '3.1.0': ['draft-2020-12'],
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNullSchema(value: unknown): boolean {
  return isObject(value) && value['type'] === 'null' && Object.keys(value).length === 1;
}

/**
 * A draft-07 schema in OpenAPI 3.0's dialect: `null` as `nullable`, `const` as a one-value
 * `enum`, no `$schema`. Members 3.0 shares with draft-07 are kept as they are.
 */
function toOpenApi30(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toOpenApi30);
  if (!isObject(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$schema') continue;
    if (key === 'const') out['enum'] = [value];
    else out[key] = toOpenApi30(value);
  }
  for (const union of ['anyOf', 'oneOf']) {
    const members = out[union];
    if (!Array.isArray(members) || !members.some(isNullSchema)) continue;
    const others = members.filter((member) => !isNullSchema(member));
    if (others.length === 1 && isObject(others[0])) {
      out[union] = undefined;
      Object.assign(out, others[0]);
    } else out[union] = others;
    out['nullable'] = true;
  }
  // A union replaced by its one member leaves its key behind, undefined: dropped here.
  for (const key of Object.keys(out)) if (out[key] === undefined) Reflect.deleteProperty(out, key);
  const type = out['type'];
  if (Array.isArray(type) && type.includes('null')) {
    const rest = type.filter((name) => name !== 'null');
    out['type'] = rest.length === 1 ? rest[0] : rest;
    out['nullable'] = true;
  }
  return out;
}

function withoutDialect(schema: Record<string, unknown>): JsonSchema {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) if (key !== '$schema') out[key] = value;
  return out;
}

/** The JSON Schema of what a Standard Schema accepts, in the document's dialect. */
export function standardJsonSchema(schema: StandardSchemaV1, options: SchemaOptions): JsonSchema {
  const version = options.openapi ?? '3.0.3';
  const props = jsonSchemaPropsOf(schema);
  if (props !== undefined) {
    for (const target of TARGETS[version]) {
      let described: Record<string, unknown>;
      try {
        described = props.input({ target });
      } catch {
        // This library does not write this dialect, or cannot describe this schema: next.
        continue;
      }
      if (version === '3.1.0') return withoutDialect(described);
      return toOpenApi30(described) as JsonSchema;
    }
  }
  return {
    description: `Validated by ${schema['~standard'].vendor}, which does not describe this schema as JSON Schema.`,
  };
}

/**
 * Whether a Standard Schema accepts `undefined` (a body that may be left out), asked of the
 * schema itself; one that answers only with a promise is taken to require the body.
 */
export function standardAcceptsUndefined(schema: StandardSchemaV1): boolean {
  try {
    const result = schema['~standard'].validate(undefined);
    return !(result instanceof Promise) && result.issues === undefined;
  } catch {
    return false;
  }
}
