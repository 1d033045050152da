/**
 * `x-amazon-apigateway-gateway-responses`: the answers API Gateway gives by itself are written in
 * the function's error format. Their templates only substitute variables; rendered with
 * `$context.error.messageString` (the message in quotes) they are the documented JSON:API or
 * problem documents, with the request id in the body and in the header.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ErrorFormat } from '../../src/index.js';
import { router, toLambda } from '../../src/index.js';
import { openApiDocument } from '../../src/openapi/index.js';
import { api } from '../../examples/shop/handler.js';
import { renderGatewayResponseTemplate } from '../support/vtl.js';
import { componentValidator } from './ajv.js';

interface GatewayResponse {
  readonly statusCode?: string;
  readonly responseParameters: Readonly<Record<string, string>>;
  readonly responseTemplates: Readonly<Record<string, string>>;
}

function gatewayResponsesOf(errorFormat: ErrorFormat, requestIdHeader?: string) {
  const handler = toLambda(api, {
    errorFormat,
    ...(requestIdHeader === undefined ? {} : { requestIdHeader }),
  });
  const document = openApiDocument(handler);
  return {
    document,
    responses: document['x-amazon-apigateway-gateway-responses'] as Record<string, GatewayResponse>,
  };
}

/** The statuses API Gateway's own responses are sent with; the DEFAULT_* families keep theirs. */
const STATUSES: Readonly<Record<string, string | undefined>> = {
  DEFAULT_4XX: undefined,
  DEFAULT_5XX: undefined,
  MISSING_AUTHENTICATION_TOKEN: '404',
  BAD_REQUEST_BODY: '400',
  BAD_REQUEST_PARAMETERS: '400',
  UNSUPPORTED_MEDIA_TYPE: '415',
  REQUEST_TOO_LARGE: '413',
  UNAUTHORIZED: '401',
  ACCESS_DENIED: '403',
  THROTTLED: '429',
  QUOTA_EXCEEDED: '429',
  INTEGRATION_FAILURE: '502',
  INTEGRATION_TIMEOUT: '504',
};

const MESSAGE = 'Invalid request body: "name" \\ expected';

function render(response: GatewayResponse | undefined, responseType: string): unknown {
  const template = response?.responseTemplates['application/json'] ?? '';
  const text = renderGatewayResponseTemplate(template, {
    requestId: 'gw-req-5',
    responseType,
    message: MESSAGE,
  });
  return JSON.parse(text) as unknown;
}

describe.each([
  { format: 'json-api' as const, mediaType: 'application/json' },
  { format: 'negotiate' as const, mediaType: 'application/json' },
  { format: 'problem' as const, mediaType: 'application/problem+json' },
])('gateway responses for $format errors', ({ format, mediaType }) => {
  const { document, responses } = gatewayResponsesOf(format);

  it('cover the responses API Gateway gives, with their statuses', () => {
    expect(
      Object.fromEntries(
        Object.entries(responses).map(([type, response]) => [type, response.statusCode]),
      ),
    ).toStrictEqual(STATUSES);
  });

  it('send the content type and the request id header', () => {
    for (const response of Object.values(responses)) {
      expect(response.responseParameters).toStrictEqual({
        'gatewayresponse.header.Content-Type': `'${mediaType}'`,
        'gatewayresponse.header.x-request-id': 'context.requestId',
      });
      expect(Object.keys(response.responseTemplates)).toStrictEqual(['application/json']);
    }
  });

  it('render to documents of the schema the document declares, DEFAULT_* included', () => {
    const schema = componentValidator(
      document,
      format === 'problem' ? 'ProblemDetails' : 'JsonApiErrors',
    );
    for (const type of Object.keys(STATUSES)) {
      const valid = schema(render(responses[type], type));
      expect(schema.errors ?? [], type).toStrictEqual([]);
      expect(valid).toBe(true);
    }
  });

  it('render to documents of the declared schema whatever the message', () => {
    const schema = componentValidator(
      document,
      format === 'problem' ? 'ProblemDetails' : 'JsonApiErrors',
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(STATUSES)),
        fc.string({ unit: 'binary', maxLength: 20 }),
        (type, message) => {
          const template = responses[type]?.responseTemplates['application/json'] ?? '';
          const text = renderGatewayResponseTemplate(template, {
            requestId: 'gw-req-6',
            responseType: type,
            message,
          });
          const body = JSON.parse(text) as unknown;
          expect(schema(body), text).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('write the status wherever the template knows it, and only there', () => {
    for (const [type, status] of Object.entries(STATUSES)) {
      const body = render(responses[type], type) as {
        readonly status?: unknown;
        readonly errors?: readonly { readonly status?: unknown }[];
      };
      const written = format === 'problem' ? body.status : body.errors?.[0]?.status;
      const expected = format === 'problem' && status !== undefined ? Number(status) : status;
      expect(written, type).toBe(expected);
    }
  });

  it('say "route not found" where API Gateway would say "Missing Authentication Token"', () => {
    expect(
      render(responses['MISSING_AUTHENTICATION_TOKEN'], 'MISSING_AUTHENTICATION_TOKEN'),
    ).toStrictEqual(
      format === 'problem'
        ? {
            type: 'about:blank',
            title: 'Not Found',
            status: 404,
            code: 'route-not-found',
            requestId: 'gw-req-5',
          }
        : {
            errors: [{ status: '404', code: 'route-not-found', title: 'Not Found' }],
            meta: { requestId: 'gw-req-5' },
          },
    );
  });

  it("quote API Gateway's message as the title, and its response type as the code", () => {
    expect(render(responses['BAD_REQUEST_BODY'], 'BAD_REQUEST_BODY')).toStrictEqual(
      format === 'problem'
        ? {
            type: 'about:blank',
            title: MESSAGE,
            status: 400,
            code: 'BAD_REQUEST_BODY',
            requestId: 'gw-req-5',
          }
        : {
            errors: [{ status: '400', code: 'BAD_REQUEST_BODY', title: MESSAGE }],
            meta: { requestId: 'gw-req-5' },
          },
    );
    expect(render(responses['DEFAULT_4XX'], 'DEFAULT_4XX')).toMatchObject(
      format === 'problem'
        ? { title: MESSAGE, code: 'DEFAULT_4XX', requestId: 'gw-req-5' }
        : { errors: [{ code: 'DEFAULT_4XX', title: MESSAGE }], meta: { requestId: 'gw-req-5' } },
    );
  });
});

describe('gateway responses', () => {
  it('use the JSON:API media type and request id header the handler was given', () => {
    const document = openApiDocument(
      toLambda(api, { jsonApiMediaType: 'application/vnd.api+json', requestIdHeader: 'X-Trace' }),
    );
    const responses = document['x-amazon-apigateway-gateway-responses'] as Record<
      string,
      GatewayResponse
    >;
    expect(responses['THROTTLED']?.responseParameters).toStrictEqual({
      'gatewayresponse.header.Content-Type': "'application/vnd.api+json'",
      'gatewayresponse.header.x-trace': 'context.requestId',
    });
  });

  it('are left out when not wanted, and written for a bare router too', () => {
    expect(openApiDocument(api, { gatewayResponses: false })).not.toHaveProperty(
      'x-amazon-apigateway-gateway-responses',
    );
    expect(
      Object.keys(openApiDocument(router())['x-amazon-apigateway-gateway-responses'] as object),
    ).toStrictEqual(Object.keys(STATUSES));
  });
});
