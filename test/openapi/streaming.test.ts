/**
 * The OpenAPI document of a function built by `toStreamingLambda`: every operation's Lambda proxy
 * integration has `responseTransferMode: STREAM` and the URI of `InvokeWithResponseStreaming`
 * (`2021-11-15/functions/{arn}/response-streaming-invocations`), built from the same options as
 * the buffered one; the document stays valid OpenAPI; `gatefold openapi` describes a module that
 * exports such a function.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3 } from 'openapi-types';
import { ok } from 'neverthrow';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { json, router, toLambda } from '../../src/index.js';
import { openapiCommand } from '../../src/cli/openapi-command.js';
import { openApiDocument } from '../../src/openapi/index.js';
import type { OpenApiDocument, OpenApiVersion } from '../../src/openapi/index.js';
import { serverSentEvents, stream, toStreamingLambda } from '../../src/streaming/index.js';

const FUNCTION_ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:shop-stream';
const STREAMING_URI = `arn:aws:apigateway:eu-west-1:lambda:path/2021-11-15/functions/${FUNCTION_ARN}/response-streaming-invocations`;

async function* ticks(): AsyncGenerator<string> {
  yield await Promise.resolve('tick');
}

const streams = router()
  .get('/orders/{id}/events', () => ok(serverSentEvents(ticks())))
  .get('/exports/{name}', () => ok(stream(ticks())));

/** Every `x-amazon-apigateway-integration` of the document. */
function integrations(document: OpenApiDocument): Record<string, unknown>[] {
  return Object.values(document.paths).flatMap((item) =>
    Object.values(item).map(
      (operation) =>
        operation['x-amazon-apigateway-integration'] as unknown as Record<string, unknown>,
    ),
  );
}

async function validate(document: object): Promise<OpenAPIV3.Document> {
  // The parser dereferences in place: it gets a copy.
  const copy = structuredClone(document) as unknown as OpenAPIV3.Document;
  return (await SwaggerParser.validate(copy)) as OpenAPIV3.Document;
}

describe('openApiDocument of a toStreamingLambda function', () => {
  it('streams every operation of a router, at the streaming URI of the ARN given', () => {
    const document = openApiDocument(toStreamingLambda(streams), { functionArn: FUNCTION_ARN });
    expect(Object.keys(document.paths)).toEqual(['/orders/{id}/events', '/exports/{name}']);
    expect(integrations(document)).toEqual([
      {
        type: 'aws_proxy',
        httpMethod: 'POST',
        uri: STREAMING_URI,
        passthroughBehavior: 'when_no_match',
        responseTransferMode: 'STREAM',
      },
      {
        type: 'aws_proxy',
        httpMethod: 'POST',
        uri: STREAMING_URI,
        passthroughBehavior: 'when_no_match',
        responseTransferMode: 'STREAM',
      },
    ]);
  });

  it('names the function of a template with Fn::Sub, as the buffered integration does', () => {
    const document = openApiDocument(toStreamingLambda(streams), {
      functionResource: 'ShopStreamFunction',
    });
    expect(integrations(document)[0]?.['uri']).toEqual({
      'Fn::Sub':
        'arn:aws:apigateway:${AWS::Region}:lambda:path/2021-11-15/functions/${ShopStreamFunction.Arn}/response-streaming-invocations',
    });
  });

  it('describes a bare handler as one greedy resource, streamed', () => {
    const document = openApiDocument(toStreamingLambda(() => ok(stream(ticks()))));
    const operation = document.paths['/{proxy+}']?.['x-amazon-apigateway-any-method'];
    expect(operation?.['x-amazon-apigateway-integration']).toMatchObject({
      type: 'aws_proxy',
      responseTransferMode: 'STREAM',
      uri: {
        'Fn::Sub':
          'arn:aws:apigateway:${AWS::Region}:lambda:path/2021-11-15/functions/${Function.Arn}/response-streaming-invocations',
      },
    });
  });

  it('keeps the error format of the function', () => {
    const streamed = openApiDocument(toStreamingLambda(streams, { errorFormat: 'problem' }));
    const buffered = openApiDocument(toLambda(router(), { errorFormat: 'problem' }));
    const plain = openApiDocument(toStreamingLambda(streams));
    expect(streamed['x-amazon-apigateway-gateway-responses']).toEqual(
      buffered['x-amazon-apigateway-gateway-responses'],
    );
    expect(streamed['x-amazon-apigateway-gateway-responses']).not.toEqual(
      plain['x-amazon-apigateway-gateway-responses'],
    );
  });

  it('leaves the buffered integration of toLambda and of a bare router as it was', () => {
    for (const target of [toLambda(router().get('/x', () => ok(json({})))), router()]) {
      for (const integration of integrations(
        openApiDocument(target, { functionArn: FUNCTION_ARN }),
      )) {
        expect(integration).not.toHaveProperty('responseTransferMode');
        expect(integration['uri']).toBe(
          `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${FUNCTION_ARN}/invocations`,
        );
      }
    }
  });

  it('refuses the custom integration, which API Gateway does not stream', () => {
    expect(() => openApiDocument(toStreamingLambda(streams), { integration: 'custom' })).toThrow(
      /toStreamingLambda takes the proxy integration only/,
    );
  });

  it.each<OpenApiVersion>(['3.0.3', '3.1.0'])('is a valid OpenAPI %s document', async (openapi) => {
    const document = openApiDocument(toStreamingLambda(streams), {
      openapi,
      functionArn: FUNCTION_ARN,
      requestValidation: 'all',
    });
    await expect(validate(document)).resolves.toMatchObject({ openapi });
  });
});

describe('gatefold openapi on a module exporting a streaming function', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'gatefold-openapi-stream-'));
  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it('writes the streaming integration of examples/shop/stream.ts', async () => {
    const output = path.join(scratch, 'stream.json');
    const module = path.resolve(import.meta.dirname, '../../examples/shop/stream.ts');
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await expect(
        openapiCommand([
          module,
          '--function-resource',
          'ShopStreamFunction',
          '--title',
          'Shop streams',
          '--output',
          output,
        ]),
      ).resolves.toBe(0);
    } finally {
      write.mockRestore();
    }
    const document = JSON.parse(readFileSync(output, 'utf8')) as OpenApiDocument;
    expect(document.paths['/orders/{id}/events']?.get?.['x-amazon-apigateway-integration']).toEqual(
      {
        type: 'aws_proxy',
        httpMethod: 'POST',
        uri: {
          'Fn::Sub':
            'arn:aws:apigateway:${AWS::Region}:lambda:path/2021-11-15/functions/${ShopStreamFunction.Arn}/response-streaming-invocations',
        },
        passthroughBehavior: 'when_no_match',
        responseTransferMode: 'STREAM',
      },
    );
    await expect(validate(document)).resolves.toMatchObject({ openapi: '3.0.3' });
  });
});
