import { err } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { HttpEvent } from '../../src/index.js';
import { notFound, toLambda } from '../../src/index.js';
import { prefersProblemJson } from '../../src/formats/negotiate.js';
import { albEvent, fakeContext, httpApiEvent, restApiEvent } from '../../src/testing/index.js';
import { capturingLogger } from '../support/logger.js';
import { HTTP_REQUEST_ID, LAMBDA_REQUEST_ID, REST_REQUEST_ID } from '../support/request-id.js';

const context = fakeContext({ awsRequestId: LAMBDA_REQUEST_ID });

type Format = 'problem' | 'json-api';

// Accept header → the format `negotiate` picks. problem+json only when the header names it and
// does not prefer a JSON:API type (application/vnd.api+json or application/json) to it.
const TABLE: readonly (readonly [string | undefined, Format])[] = [
  [undefined, 'json-api'],
  ['', 'json-api'],
  ['*/*', 'json-api'],
  ['application/*', 'json-api'],
  ['application/json', 'json-api'],
  ['application/vnd.api+json', 'json-api'],
  ['text/html', 'json-api'],
  ['application/problem+json', 'problem'],
  ['application/problem+json; charset=utf-8', 'problem'],
  ['  application/problem+json  ', 'problem'],
  ['Application/Problem+JSON', 'problem'],
  ['application/problem+json;Q=0.9', 'problem'],
  ['application/problem+json;Q=0', 'json-api'],
  ['application/problem+json;q=1', 'problem'],
  ['application/problem+json;q=0', 'json-api'],
  ['application/problem+json;q=0.000', 'json-api'],
  ['application/problem+json;q=abc', 'json-api'],
  ['application/problem+json;q=7', 'problem'],
  ['application/problem+jsonx', 'json-api'],
  ['application/problem+xml', 'json-api'],
  ['text/plain; profile="application/problem+json"', 'json-api'],
  ['*/*, application/problem+json;q=0.1', 'problem'],
  ['application/*, application/problem+json;q=0.2', 'problem'],
  ['text/html, application/problem+json;q=0.1', 'problem'],
  ['application/json, application/problem+json', 'problem'],
  ['application/problem+json, application/json', 'problem'],
  ['application/json;q=0.5, application/problem+json;q=0.5', 'problem'],
  ['application/json;q=0.9, application/problem+json;q=0.8', 'json-api'],
  ['application/problem+json;q=0.9, application/json;q=0.8', 'problem'],
  ['application/problem+json;q=0.5, application/json', 'json-api'],
  ['application/problem+json;q=0.5, application/vnd.api+json', 'json-api'],
  ['application/problem+json;q=0.5, application/vnd.api+json;q=0.4', 'problem'],
  ['application/vnd.api+json;q=0, application/problem+json;q=0.1', 'problem'],
  [
    'application/problem+json;q=0.2, application/problem+json;q=0.9, application/json;q=0.5',
    'problem',
  ],
];

describe('prefersProblemJson', () => {
  it.each(TABLE)('Accept %j → %s', (accept, format) => {
    expect(prefersProblemJson(accept)).toBe(format === 'problem');
  });
});

// Negotiated bodies depend on Accept, so every such response says so to caches.
describe("errorFormat 'negotiate' through toLambda", () => {
  const handler = toLambda(() => err(notFound()), {
    errorFormat: 'negotiate',
    logger: capturingLogger(),
  });

  function expectedBody(format: Format, requestId: string): unknown {
    return format === 'problem'
      ? { type: 'about:blank', title: 'Not Found', status: 404, requestId }
      : { errors: [{ status: '404', title: 'Not Found' }], meta: { requestId } };
  }

  function contentType(format: Format): string {
    return format === 'problem' ? 'application/problem+json' : 'application/json';
  }

  async function parsed(event: HttpEvent): Promise<unknown> {
    const result = await handler(event, context);
    return { ...result, body: JSON.parse(result.body ?? '') as unknown };
  }

  it.each(TABLE)('REST API, Accept %j → %s', async (accept, format) => {
    // No Accept header at all: the builder's default one removed.
    const headers = { Accept: accept ?? [] };
    expect(await parsed(restApiEvent({ headers, requestId: REST_REQUEST_ID }))).toEqual({
      statusCode: 404,
      headers: {
        'content-type': contentType(format),
        vary: 'accept',
        'x-request-id': REST_REQUEST_ID,
      },
      multiValueHeaders: {},
      body: expectedBody(format, REST_REQUEST_ID),
      isBase64Encoded: false,
    });
  });

  it.each(TABLE)('HTTP API, accept %j → %s', async (accept, format) => {
    const headers = { accept: accept ?? [] };
    expect(await parsed(httpApiEvent({ headers, requestId: HTTP_REQUEST_ID }))).toEqual({
      statusCode: 404,
      headers: {
        'content-type': contentType(format),
        vary: 'accept',
        'x-request-id': HTTP_REQUEST_ID,
      },
      cookies: [],
      body: expectedBody(format, HTTP_REQUEST_ID),
      isBase64Encoded: false,
    });
  });

  it('reads every value of a repeated Accept header (REST multiValueHeaders)', async () => {
    const event = restApiEvent({
      headers: { Accept: ['application/json;q=0.5', 'application/problem+json'] },
      requestId: REST_REQUEST_ID,
    });
    expect(await parsed(event)).toEqual({
      statusCode: 404,
      headers: {
        'content-type': 'application/problem+json',
        vary: 'accept',
        'x-request-id': REST_REQUEST_ID,
      },
      multiValueHeaders: {},
      body: expectedBody('problem', REST_REQUEST_ID),
      isBase64Encoded: false,
    });
  });

  it('reads every value of a repeated Accept header (ALB multi-value mode)', async () => {
    const event = albEvent({
      headers: { accept: ['application/problem+json;q=0.4', 'application/json'] },
      multiValue: true,
    });
    expect(await parsed(event)).toEqual({
      statusCode: 404,
      statusDescription: '404 Not Found',
      multiValueHeaders: {
        'content-type': ['application/json'],
        vary: ['accept'],
        'x-request-id': [LAMBDA_REQUEST_ID],
      },
      body: expectedBody('json-api', LAMBDA_REQUEST_ID),
      isBase64Encoded: false,
    });
  });
});
