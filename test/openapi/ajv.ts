/**
 * Ajv set up for the JSON Schema dialect of each OpenAPI version, with the formats OpenAPI names
 * (`date`, `date-time`, `uuid`, `int64`…) from ajv-formats:
 *
 * - 3.0: `nullable` (Ajv reads it natively), no strict mode (OpenAPI keywords such as `example`
 *   are not JSON Schema's);
 * - 3.1: JSON Schema 2020-12 (`ajv/dist/2020`), strict about keywords, so that a 3.0 spelling
 *   left in a 3.1 schema (`example`, a boolean `exclusiveMinimum`) fails to compile. Ajv reads
 *   `nullable` in every draft, so {@link compileSchema} looks for that one itself.
 */
import { Ajv } from 'ajv';
import type { AnySchemaObject, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import type { OpenApiDocument, OpenApiVersion } from '../../src/openapi/types.js';

/** A fresh Ajv for the schemas of an OpenAPI version; 3.0 by default. */
export function openApiAjv(version: OpenApiVersion = '3.0.3'): Ajv | Ajv2020 {
  const ajv =
    version === '3.0.3'
      ? new Ajv({ strict: false, allErrors: true })
      : new Ajv2020({
          allErrors: true,
          // Unknown keywords and formats refused; a schema need not repeat its type in each
          // alternative, nor bound a tuple's length.
          strictSchema: true,
          strictTypes: false,
          strictTuples: false,
        });
  // Where a document keeps the schemas its `$ref`s point at, not a keyword of a schema.
  if (version !== '3.0.3') ajv.addKeyword('components');
  // ajv-formats is CommonJS: its plugin is the module's default export.
  formats.default(ajv);
  return ajv;
}

/** The paths of every `nullable` in a schema and its subschemas: none belongs in 3.1. */
export function nullables(schema: unknown, at = ''): string[] {
  if (Array.isArray(schema))
    return schema.flatMap((item: unknown, index) => nullables(item, `${at}/${String(index)}`));
  if (typeof schema !== 'object' || schema === null) return [];
  return Object.entries(schema as Readonly<Record<string, unknown>>).flatMap(([key, value]) => {
    const here = `${at}/${key}`;
    // Under `enum`, `const` or `examples`, a value named `nullable` is data; under
    // `properties`, a member's name.
    if (key === 'enum' || key === 'examples' || key === 'const') return [];
    if (key === 'properties' && typeof value === 'object' && value !== null) {
      return Object.entries(value as Readonly<Record<string, unknown>>).flatMap(([name, member]) =>
        nullables(member, `${here}/${name}`),
      );
    }
    return [...(key === 'nullable' ? [here] : []), ...nullables(value, here)];
  });
}

/** Compiles a schema in the dialect of `version`; throws on one Ajv or the dialect refuses. */
export function compileSchema(
  schema: AnySchemaObject,
  version: OpenApiVersion = '3.0.3',
): ValidateFunction {
  if (version !== '3.0.3') {
    const found = nullables(schema);
    if (found.length > 0) throw new Error(`nullable in a 3.1 schema at ${found.join(', ')}`);
  }
  return openApiAjv(version).compile(schema);
}

/** A validator for one of the document's `components.schemas`, its `$ref`s resolved. */
export function componentValidator(document: OpenApiDocument, name: string): ValidateFunction {
  return compileSchema(
    { $ref: `#/components/schemas/${name}`, components: document.components },
    document.openapi,
  );
}
