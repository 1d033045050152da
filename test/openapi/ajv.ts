/**
 * Ajv set up for the JSON Schema dialect of OpenAPI 3.0: `nullable` (Ajv reads it natively),
 * no strict mode (OpenAPI keywords such as `example` are not JSON Schema's), and the formats
 * OpenAPI names (`date`, `date-time`, `uuid`, `int64`…) from ajv-formats.
 */
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import formats from 'ajv-formats';
import type { OpenApiDocument } from '../../src/index.js';

/** A fresh Ajv for OpenAPI 3.0 schemas. */
export function openApiAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  // ajv-formats is CommonJS: its plugin is the module's default export.
  formats.default(ajv);
  return ajv;
}

/** A validator for one of the document's `components.schemas`, its `$ref`s resolved. */
export function componentValidator(document: OpenApiDocument, name: string): ValidateFunction {
  return openApiAjv().compile({
    $ref: `#/components/schemas/${name}`,
    components: document['components'],
  });
}
