/**
 * Standard Schema parts in the OpenAPI document: the library's own JSON Schema where it writes one
 * (zod 4, arktype 2), in the document's dialect; unconstrained with a note where it does not
 * (valibot 1). Each document is checked by swagger-parser.
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import { type } from 'arktype';
import { ok } from 'neverthrow';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { endpoint, json, router } from '../../src/index.js';
import type { OpenApiDocument } from '../../src/openapi/index.js';
import { openApiDocument } from '../../src/openapi/index.js';

const zodApi = router().post(
  '/users/{id}',
  endpoint(
    {
      params: z.object({ id: z.string().min(3) }),
      query: z.object({ tag: z.array(z.string()), page: z.coerce.number().int().optional() }),
      body: z.object({ name: z.string().nullable(), role: z.literal('admin') }),
    },
    () => ok(json(null)),
  ),
);

const arktypeApi = router().post(
  '/users',
  endpoint({ body: type({ name: 'string | null', 'age?': 'number >= 18' }) }, () => ok(json(null))),
);

const valibotApi = router().post(
  '/users',
  endpoint({ body: v.object({ name: v.string() }) }, () => ok(json(null))),
);

interface Operation {
  readonly parameters?: readonly Record<string, unknown>[];
  readonly requestBody?: {
    readonly required: boolean;
    readonly content: Record<string, { readonly schema: unknown }>;
  };
}

function operationOf(document: OpenApiDocument, path: string): Operation {
  return (document.paths as Record<string, Record<string, Operation>>)[path]?.['post'] ?? {};
}

async function valid(document: OpenApiDocument): Promise<void> {
  await SwaggerParser.validate(structuredClone(document) as never);
}

describe('zod parts', () => {
  it('OpenAPI 3.0.3: parameters and body from zod’s own JSON Schema, null as nullable', async () => {
    const document = openApiDocument(zodApi);
    const operation = operationOf(document, '/users/{id}');
    expect(operation.parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string', minLength: 3 } },
      {
        name: 'tag',
        in: 'query',
        required: true,
        schema: { type: 'array', items: { type: 'string' } },
        style: 'form',
        explode: true,
      },
      {
        name: 'page',
        in: 'query',
        required: false,
        schema: {
          type: 'integer',
          minimum: -9007199254740991,
          maximum: 9007199254740991,
        },
      },
    ]);
    expect(operation.requestBody).toEqual({
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            properties: {
              name: { type: 'string', nullable: true },
              role: { type: 'string', enum: ['admin'] },
            },
            required: ['name', 'role'],
          },
        },
      },
    });
    await valid(document);
  });

  it('OpenAPI 3.1.0: JSON Schema 2020-12 from zod, without $schema, in the document’s style', async () => {
    const document = openApiDocument(zodApi, { openapi: '3.1.0' });
    const body = operationOf(document, '/users/{id}').requestBody?.content['application/json'];
    expect(body?.schema).toEqual({
      type: 'object',
      properties: {
        name: { type: ['string', 'null'] },
        role: { type: 'string', const: 'admin' },
      },
      required: ['name', 'role'],
    });
    await valid(document);
  });
});

describe('arktype parts', () => {
  it('OpenAPI 3.0.3: arktype writes draft-07, which is brought to 3.0’s dialect', async () => {
    const document = openApiDocument(arktypeApi);
    expect(operationOf(document, '/users').requestBody?.content['application/json']).toEqual({
      schema: {
        type: 'object',
        properties: {
          name: { type: 'string', nullable: true },
          age: { type: 'number', minimum: 18 },
        },
        required: ['name'],
      },
    });
    await valid(document);
  });
});

describe('schemas that do not describe themselves', () => {
  it('valibot: the body is documented as any JSON, with a note', async () => {
    const document = openApiDocument(valibotApi);
    expect(operationOf(document, '/users').requestBody).toEqual({
      required: true,
      content: {
        'application/json': {
          schema: {
            description:
              'Validated by valibot, which does not describe this schema as JSON Schema.',
          },
        },
      },
    });
    await valid(document);
  });

  it('a body schema that accepts undefined is an optional body', () => {
    const api = router().post(
      '/notes',
      endpoint({ body: z.object({ text: z.string() }).optional() }, () => ok(json(null))),
    );
    expect(operationOf(openApiDocument(api), '/notes').requestBody?.required).toBe(false);
  });
});
