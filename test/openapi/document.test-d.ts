/**
 * The types of the OpenAPI document and of what a route declares for it: a document is read
 * member by member without a cast, and a route's description takes only what the document can
 * say (a success status for the success, a codec for its body).
 */
import * as t from 'io-ts';
import { err, ok } from 'neverthrow';
import { describe, expectTypeOf, it } from 'vitest';
import type { RouteContract } from '../../src/client/index.js';
import type { Router } from '../../src/index.js';
import type { JsonSchema, OpenApiDocument } from '../../src/openapi/index.js';
import { TaggedError, created, endpoint, errorMap, json, router } from '../../src/index.js';
import { openApiDocument } from '../../src/openapi/index.js';
import type {
  ApiGatewayIntegration,
  OpenApiOperation,
  OpenApiPathItem,
  OpenApiResponse,
  OpenApiVersion,
} from '../../src/openapi/types.js';

class Taken extends TaggedError('Taken')<{ readonly id: string }> {}

const Thing = t.type({ id: t.string });

describe('the OpenAPI document', () => {
  const document = openApiDocument(router().get('/things', () => ok(json([]))));

  it('is typed member by member', () => {
    expectTypeOf(document).toEqualTypeOf<OpenApiDocument>();
    expectTypeOf(document.openapi).toEqualTypeOf<OpenApiVersion>();
    expectTypeOf(document.info.title).toEqualTypeOf<string>();
    expectTypeOf(document.paths['/things']).toEqualTypeOf<OpenApiPathItem | undefined>();
    expectTypeOf(document.paths['/things']?.get).toEqualTypeOf<OpenApiOperation | undefined>();
    const operation = document.paths['/things']?.get;
    expectTypeOf(operation?.responses['200']).toEqualTypeOf<OpenApiResponse | undefined>();
    expectTypeOf(operation?.responses['200']?.content?.['application/json']?.schema).toEqualTypeOf<
      JsonSchema | undefined
    >();
    expectTypeOf(operation?.['x-amazon-apigateway-integration']).toEqualTypeOf<
      ApiGatewayIntegration | undefined
    >();
    expectTypeOf(document.components.schemas['JsonApiErrors']).toEqualTypeOf<
      JsonSchema | undefined
    >();
  });

  it('tells the integrations apart by their type', () => {
    const integration = document.paths['/things']?.get?.['x-amazon-apigateway-integration'];
    if (integration?.type === 'aws') {
      expectTypeOf(integration.responses['default']?.statusCode).toEqualTypeOf<
        string | undefined
      >();
    }
    // @ts-expect-error — a proxy integration has no integration responses
    expectTypeOf(integration?.responses).toBeUnknown();
  });

  it('names only what the document holds', () => {
    // @ts-expect-error — no such method
    expectTypeOf(document.paths['/things']?.fetch).toBeUnknown();
    // @ts-expect-error — no such member of a response
    expectTypeOf(document.paths['/things']?.get?.responses['200']?.body).toBeUnknown();
    // @ts-expect-error — the document is read-only
    document.openapi = '3.1.0';
  });

  it('is written in one of the versions gatefold writes', () => {
    openApiDocument(router(), { openapi: '3.1.0' });
    openApiDocument(router(), { openapi: '3.0.3' });
    // @ts-expect-error — not a version gatefold writes
    openApiDocument(router(), { openapi: '3.2.0' });
  });
});

describe('a route’s description', () => {
  const taken = () => err(new Taken({ id: 'a' }));

  it('declares a plain handler’s success status and body codec', () => {
    expectTypeOf(
      router().post('/things', () => ok(created('/things/1', { id: '1' })), {
        describe: { status: 201, response: Thing },
      }),
    ).toExtend<Router<never, RouteContract>>();
    // Beside the route's own error map.
    router().post('/things', taken, {
      errors: errorMap<Taken>({ Taken: { status: 409 } }),
      describe: { status: 201, response: Thing },
    });
    router().route(
      'PUT',
      '/things/{id}',
      endpoint({}, () => ok(json({ id: '1' }))),
      {
        describe: { response: Thing },
      },
    );
  });

  it('takes success statuses only, and codecs for the body', () => {
    // @ts-expect-error — 404 is not a success
    router().get('/things', () => ok(json([])), { describe: { status: 404 } });
    // @ts-expect-error — the body is declared with a codec
    router().get('/things', () => ok(json([])), { describe: { response: 'string' } });
  });

  it('does not stand in for the error map a domain error needs', () => {
    // @ts-expect-error — Taken is in no map
    router().post('/things', taken, { describe: { status: 201 } });
  });
});
