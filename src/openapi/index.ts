/**
 * `gatefold/openapi`: OpenAPI documents generated from what runs — routes, codecs, error maps —
 * with API Gateway's extensions for either integration.
 *
 * @example
 * ```ts
 * import { ok } from 'neverthrow';
 * import { json, router, toLambda } from 'gatefold';
 * import { openApiDocument } from 'gatefold/openapi';
 *
 * const handler = toLambda(router().get('/health', () => ok(json({ status: 'ok' }))));
 * const document = openApiDocument(handler, { title: 'Shop' });
 * ```
 *
 * @module
 */
export { openApiDocument } from './document.js';
export type { IntegrationType, OpenApiOptions } from './document.js';
export { codecSchema, withSchema } from './json-schema.js';
export type { JsonSchema, SchemaOptions } from './json-schema.js';
export type {
  ApiGatewayCustomIntegration,
  ApiGatewayIntegration,
  ApiGatewayIntegrationUri,
  ApiGatewayProxyIntegration,
  OpenApiDocument,
  OpenApiHeader,
  OpenApiMediaType,
  OpenApiOperation,
  OpenApiParameter,
  OpenApiPathItem,
  OpenApiRequestBody,
  OpenApiResponse,
  OpenApiVersion,
} from './types.js';
