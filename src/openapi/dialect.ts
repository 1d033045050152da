/**
 * Schemas are generated in OpenAPI 3.0's dialect, the one API Gateway imports; an OpenAPI 3.1
 * document takes JSON Schema 2020-12. The rewrite changes how a rule is spelled, never which
 * values pass: `nullable` becomes a `null` type, boolean exclusive bounds become numeric ones,
 * `example` becomes `examples`. A schema already in the 2020-12 spelling passes unchanged, so
 * rewriting twice is rewriting once.
 */
import type { JsonSchema } from './json-schema.js';

type Rewrite = (schema: JsonSchema) => JsonSchema;

const isSchema = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The subschemas of a keyword, rewritten; other values as they are. */
function rewriteMember(key: string, value: unknown, rewrite: Rewrite): unknown {
  switch (key) {
    case 'properties':
      return isSchema(value)
        ? Object.fromEntries(
            Object.entries(value).map(([name, member]) => [
              name,
              isSchema(member) ? rewrite(member) : member,
            ]),
          )
        : value;
    case 'items':
    case 'additionalProperties':
    case 'not':
      return isSchema(value) ? rewrite(value) : value;
    case 'allOf':
    case 'anyOf':
    case 'oneOf':
    case 'prefixItems':
      return Array.isArray(value)
        ? value.map((member: unknown) => (isSchema(member) ? rewrite(member) : member))
        : value;
    default:
      return value;
  }
}

/** `{ type: 'string', nullable: true }` as 2020-12 says it: `null` among the types. */
function nullableType(schema: JsonSchema): unknown {
  const type = schema['type'];
  if (schema['nullable'] !== true || typeof type !== 'string') return type;
  const values = schema['enum'];
  // gatefold's own schema of `null` alone: a type that only `null` satisfies.
  if (Array.isArray(values) && values.every((value) => value === null)) return 'null';
  return [type, 'null'];
}

/**
 * The OpenAPI 3.1 (JSON Schema 2020-12) spelling of an OpenAPI 3.0 Schema Object, subschemas
 * included. References are left as they are.
 */
export function toOpenApi31(schema: JsonSchema): JsonSchema {
  if (typeof schema['$ref'] === 'string') return schema;
  const type = nullableType(schema);
  const onlyNull = type === 'null';
  const exclusive = (bound: 'minimum' | 'maximum'): boolean =>
    schema[bound === 'minimum' ? 'exclusiveMinimum' : 'exclusiveMaximum'] === true &&
    typeof schema[bound] === 'number';
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    switch (key) {
      case 'nullable':
        break;
      case 'type':
        out['type'] = type;
        break;
      case 'enum':
        if (!onlyNull) out['enum'] = value;
        break;
      case 'minimum':
      case 'maximum':
        out[exclusive(key) ? `exclusive${key === 'minimum' ? 'Minimum' : 'Maximum'}` : key] = value;
        break;
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
        // 3.0's boolean form was folded into the bound above; 2020-12's numeric form stays.
        if (typeof value === 'number') out[key] = value;
        break;
      case 'example':
        if (!('examples' in schema)) out['examples'] = [value];
        break;
      default:
        out[key] = rewriteMember(key, value, toOpenApi31);
    }
  }
  return out;
}
