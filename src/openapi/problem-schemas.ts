/**
 * The schemas of gatefold's error documents, as `components.schemas` of the OpenAPI document:
 * JSON:API `errors` documents and RFC 9457 problem details, member for member as the formats in
 * `formats/` write them.
 */
import type { JsonSchema } from './json-schema.js';

const source: JsonSchema = {
  type: 'object',
  description: 'Where the problem is: a JSON pointer into the body, a query parameter or a header.',
  properties: {
    pointer: { type: 'string' },
    parameter: { type: 'string' },
    header: { type: 'string' },
  },
};

// The function writes the status in every error it sends; API Gateway's own DEFAULT_4XX and
// DEFAULT_5XX responses cannot (their templates are not told the status), so it is optional.
// The descriptions say so in plain literals: a template literal would keep these schemas in
// every bundle, as a bundler cannot tell that building it has no side effect.

/** `components.schemas`, by name. */
export const PROBLEM_SCHEMAS: Readonly<Record<string, JsonSchema>> = {
  JsonApiError: {
    type: 'object',
    required: ['title'],
    properties: {
      status: {
        type: 'string',
        description:
          'The HTTP status, as a string. Absent from the responses API Gateway gives by itself for a whole family (DEFAULT_4XX, DEFAULT_5XX).',
      },
      code: { type: 'string', description: 'What went wrong, for programs.' },
      title: { type: 'string' },
      detail: { type: 'string' },
      source,
      links: { type: 'object', properties: { type: { type: 'string' } } },
      meta: { type: 'object', additionalProperties: true },
    },
  },
  JsonApiErrors: {
    type: 'object',
    required: ['errors', 'meta'],
    properties: {
      errors: { type: 'array', minItems: 1, items: { $ref: '#/components/schemas/JsonApiError' } },
      meta: {
        type: 'object',
        required: ['requestId'],
        properties: { requestId: { type: 'string' } },
      },
    },
  },
  ProblemDetails: {
    type: 'object',
    required: ['type', 'title', 'requestId'],
    description:
      'RFC 9457 problem details; several problems are listed under `errors`, one is inline.',
    additionalProperties: true,
    properties: {
      type: { type: 'string' },
      title: { type: 'string' },
      status: {
        type: 'integer',
        description:
          'The HTTP status. Absent from the responses API Gateway gives by itself for a whole family (DEFAULT_4XX, DEFAULT_5XX).',
      },
      detail: { type: 'string' },
      code: { type: 'string' },
      pointer: { type: 'string' },
      parameter: { type: 'string' },
      header: { type: 'string' },
      requestId: { type: 'string' },
      errors: {
        type: 'array',
        items: {
          type: 'object',
          required: ['status', 'title'],
          additionalProperties: true,
          properties: {
            status: { type: 'integer' },
            title: { type: 'string' },
            type: { type: 'string' },
            code: { type: 'string' },
            detail: { type: 'string' },
            pointer: { type: 'string' },
            parameter: { type: 'string' },
            header: { type: 'string' },
          },
        },
      },
    },
  },
};
