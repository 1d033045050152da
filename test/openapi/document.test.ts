/**
 * What `openApiDocument` says of an API: its paths and operations, parameters and request bodies
 * from the codecs, a response per status naming why it happens, the proxy or custom integration,
 * request validators when asked, and the `default` response and "other status" pattern for error
 * map entries whose status only the error decides.
 */
import * as t from 'io-ts';
import { err, ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { ErrorFormat } from '../../src/index.js';
import type { OpenApiDocument } from '../../src/openapi/index.js';
import type {
  ApiGatewayCustomIntegration,
  OpenApiOperation,
  OpenApiPathItem,
} from '../../src/openapi/types.js';
import {
  IntFromString,
  TaggedError,
  created,
  endpoint,
  errorMap,
  json,
  noContent,
  redirect,
  router,
  toLambda,
} from '../../src/index.js';
import {
  FOREIGN_ERROR_PATTERN,
  errorResponseTemplate,
  otherStatusPattern,
  requestTemplate,
  selectionPattern,
  toLambdaIntegration,
} from '../../src/integration/index.js';
import { openApiDocument } from '../../src/openapi/index.js';
import { successResponseTemplate } from '../../src/integration/templates.js';
import { api } from '../../examples/shop/handler.js';
import { javaMatches } from '../support/java-regex.js';

const PROBLEM_JSON = 'application/problem+json';
const REQUEST_ID_HEADER = {
  'x-request-id': {
    description: 'The request id, also in the logs.',
    schema: { type: 'string' },
  },
};
const JSON_API_CONTENT = {
  'application/json': { schema: { $ref: '#/components/schemas/JsonApiErrors' } },
};
const FUNCTION_URI = {
  'Fn::Sub':
    'arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Function.Arn}/invocations',
};

function operationOf(
  document: OpenApiDocument,
  method: keyof OpenApiPathItem,
  path: string,
): OpenApiOperation {
  const operation = document.paths[path]?.[method];
  if (operation === undefined) throw new Error(`No operation ${method} ${path}.`);
  return operation;
}

/** The custom integration of an operation; throws for a proxy one. */
function customOf(operation: OpenApiOperation): ApiGatewayCustomIntegration {
  const integration = operation['x-amazon-apigateway-integration'];
  if (integration.type !== 'aws') throw new Error(`A ${integration.type} integration.`);
  return integration;
}

describe('the shop', () => {
  const document = openApiDocument(toLambda(api, { errorFormat: 'json-api' }), {
    title: 'Shop',
    version: '1.2.3',
    description: 'Users and carts.',
    servers: [{ url: 'https://api.example.com/prod', description: 'Production' }],
  });

  it('describes every route, once, under OpenAPI 3.0', () => {
    expect(document['openapi']).toBe('3.0.3');
    expect(document['info']).toStrictEqual({
      title: 'Shop',
      version: '1.2.3',
      description: 'Users and carts.',
    });
    expect(document['servers']).toStrictEqual([
      { url: 'https://api.example.com/prod', description: 'Production' },
    ]);
    const paths = document.paths;
    expect(
      Object.entries(paths).map(([path, methods]) => [path, Object.keys(methods)]),
    ).toStrictEqual([
      ['/health', ['get']],
      ['/users', ['post']],
      ['/users/{id}', ['get']],
      ['/me', ['get']],
      ['/carts/{cartId}/checkout', ['post']],
    ]);
    expect(
      Object.values(paths).flatMap((methods) =>
        Object.values(methods).map((operation) => operation.operationId),
      ),
    ).toStrictEqual([
      'getHealth',
      'postUsers',
      'getUsersById',
      'getMe',
      'postCartsByCartIdCheckout',
    ]);
    expect(Object.keys(document['components'] as object)).toStrictEqual(['schemas']);
  });

  it('types the path parameters from the codecs', () => {
    expect(operationOf(document, 'get', '/users/{id}').parameters).toStrictEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
    ]);
    expect(operationOf(document, 'post', '/carts/{cartId}/checkout').parameters).toStrictEqual([
      { name: 'cartId', in: 'path', required: true, schema: { type: 'string' } },
    ]);
    expect(operationOf(document, 'get', '/health').parameters).toStrictEqual([]);
  });

  it('requires the registration body, with its schema', () => {
    const body = operationOf(document, 'post', '/users').requestBody;
    expect(body).toMatchObject({
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            required: ['data'],
            properties: {
              data: {
                type: 'object',
                required: ['type', 'attributes'],
                properties: {
                  type: { type: 'string', enum: ['users'] },
                  attributes: {
                    type: 'object',
                    required: [
                      'first-name',
                      'last-name',
                      'email',
                      'password',
                      'password-confirmation',
                    ],
                    properties: {
                      'first-name': { type: 'string' },
                      'last-name': { type: 'string' },
                      email: { type: 'string' },
                    },
                  },
                },
              },
            },
          },
        },
      },
    });
    expect(operationOf(document, 'get', '/users/{id}').requestBody).toBeUndefined();
  });

  it('answers each error status with what leads to it', () => {
    const described = (method: keyof OpenApiPathItem, path: string) =>
      Object.fromEntries(
        Object.entries(operationOf(document, method, path).responses)
          .filter(([status]) => Number(status) >= 400)
          .map(([status, response]) => [status, response['description']]),
      );
    expect(described('get', '/users/{id}')).toStrictEqual({
      '400': 'Bad Request: invalid request.',
      '404': 'Not Found: UserNotFound.',
      '409': 'Conflict: EmailTaken.',
      '500': 'Internal Server Error: defect (masked).',
    });
    expect(described('post', '/users')).toStrictEqual({
      '400': 'Bad Request: invalid request, malformed JSON body.',
      '404': 'Not Found: UserNotFound.',
      '409': 'Conflict: EmailTaken.',
      '413': 'Content Too Large: body too large.',
      '415': 'Unsupported Media Type: body not JSON.',
      '500': 'Internal Server Error: defect (masked).',
    });
    expect(described('get', '/health')).toStrictEqual({
      '404': 'Not Found: UserNotFound.',
      '409': 'Conflict: EmailTaken.',
      '500': 'Internal Server Error: defect (masked).',
    });
    expect(operationOf(document, 'get', '/users/{id}').responses['404']).toStrictEqual({
      description: 'Not Found: UserNotFound.',
      headers: REQUEST_ID_HEADER,
      content: JSON_API_CONTENT,
    });
  });

  it('answers each route with its declared success: status, headers and body', () => {
    const success = (method: keyof OpenApiPathItem, path: string) =>
      Object.entries(operationOf(document, method, path).responses).filter(
        ([status]) => Number(status) < 400,
      );
    const userDocument = {
      type: 'object',
      properties: {
        data: {
          type: 'object',
          properties: {
            type: { type: 'string', enum: ['users'] },
            id: { type: 'string' },
            attributes: {
              type: 'object',
              properties: {
                'first-name': { type: 'string' },
                'last-name': { type: 'string' },
                email: { type: 'string' },
              },
              required: ['first-name', 'last-name', 'email'],
            },
          },
          required: ['type', 'id', 'attributes'],
        },
      },
      required: ['data'],
    };
    expect(success('get', '/health')).toStrictEqual([
      [
        '200',
        {
          description: 'OK',
          headers: REQUEST_ID_HEADER,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: { status: { type: 'string', enum: ['ok'] } },
                required: ['status'],
              },
            },
          },
        },
      ],
    ]);
    expect(success('post', '/users')).toStrictEqual([
      [
        '201',
        {
          description: 'Created',
          headers: {
            ...REQUEST_ID_HEADER,
            Location: {
              description: 'The URL of the resource created.',
              schema: { type: 'string' },
            },
          },
          content: { 'application/json': { schema: userDocument } },
        },
      ],
    ]);
    expect(success('get', '/users/{id}')).toStrictEqual([
      [
        '200',
        {
          description: 'OK',
          headers: REQUEST_ID_HEADER,
          content: { 'application/json': { schema: userDocument } },
        },
      ],
    ]);
    const number = { type: 'number' };
    expect(success('post', '/carts/{cartId}/checkout')).toStrictEqual([
      [
        '200',
        {
          description: 'OK',
          headers: REQUEST_ID_HEADER,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  data: {
                    type: 'object',
                    properties: {
                      type: { type: 'string', enum: ['orders'] },
                      id: { type: 'string' },
                      attributes: {
                        type: 'object',
                        properties: {
                          cartId: { type: 'string' },
                          lines: {
                            type: 'array',
                            items: {
                              type: 'object',
                              properties: {
                                productId: { type: 'string' },
                                quantity: number,
                                unitPriceCents: number,
                                lineTotalCents: number,
                              },
                              required: [
                                'productId',
                                'quantity',
                                'unitPriceCents',
                                'lineTotalCents',
                              ],
                            },
                          },
                          totalCents: number,
                        },
                        required: ['cartId', 'lines', 'totalCents'],
                      },
                    },
                    required: ['type', 'id', 'attributes'],
                  },
                },
                required: ['data'],
              },
            },
          },
        },
      ],
    ]);
  });

  it('integrates the proxy adapter as a Lambda proxy, without API Gateway validation', () => {
    for (const [method, path] of [
      ['get', '/health'],
      ['post', '/users'],
    ] as const) {
      const operation = operationOf(document, method, path);
      expect(operation['x-amazon-apigateway-integration']).toStrictEqual({
        type: 'aws_proxy',
        httpMethod: 'POST',
        uri: FUNCTION_URI,
        passthroughBehavior: 'when_no_match',
      });
      expect(operation).not.toHaveProperty('x-amazon-apigateway-request-validator');
    }
    expect(document).not.toHaveProperty('x-amazon-apigateway-request-validators');
  });

  it('answers with the error format of the handler, or the one asked for', () => {
    const contentOf = (errorFormat: ErrorFormat, jsonApi?: 'application/vnd.api+json') => {
      const handler = toLambda(api, {
        errorFormat,
        ...(jsonApi === undefined ? {} : { jsonApiMediaType: jsonApi }),
      });
      return operationOf(openApiDocument(handler), 'get', '/users/{id}').responses['404']?.[
        'content'
      ];
    };
    const problemContent = { schema: { $ref: '#/components/schemas/ProblemDetails' } };
    const jsonApiContent = { schema: { $ref: '#/components/schemas/JsonApiErrors' } };
    expect(contentOf('json-api')).toStrictEqual({ 'application/json': jsonApiContent });
    expect(contentOf('problem')).toStrictEqual({ [PROBLEM_JSON]: problemContent });
    expect(contentOf('negotiate', 'application/vnd.api+json')).toStrictEqual({
      'application/vnd.api+json': jsonApiContent,
      [PROBLEM_JSON]: problemContent,
    });
    const overridden = openApiDocument(toLambda(api, { errorFormat: 'json-api' }), {
      errorFormat: 'problem',
    });
    expect(
      operationOf(overridden, 'get', '/users/{id}').responses['404']?.['content'],
    ).toStrictEqual({ [PROBLEM_JSON]: problemContent });
  });

  it('names request validators when asked, and defines both', () => {
    for (const validation of ['params', 'all'] as const) {
      const validated = openApiDocument(api, { requestValidation: validation });
      expect(
        operationOf(validated, 'post', '/users')['x-amazon-apigateway-request-validator'],
      ).toBe(validation);
      expect(validated['x-amazon-apigateway-request-validators']).toStrictEqual({
        all: { validateRequestBody: true, validateRequestParameters: true },
        params: { validateRequestBody: false, validateRequestParameters: true },
      });
    }
  });

  it('uses the function ARN, with its region, for the integration URI', () => {
    const arn = 'arn:aws:lambda:ap-southeast-2:123456789012:function:shop:live';
    const withArn = openApiDocument(api, { functionArn: arn });
    expect(operationOf(withArn, 'get', '/health')['x-amazon-apigateway-integration']['uri']).toBe(
      `arn:aws:apigateway:ap-southeast-2:lambda:path/2015-03-31/functions/${arn}/invocations`,
    );
    const named = openApiDocument(api, { functionResource: 'ShopFunction' });
    expect(
      operationOf(named, 'get', '/health')['x-amazon-apigateway-integration']['uri'],
    ).toStrictEqual({
      'Fn::Sub':
        'arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${ShopFunction.Arn}/invocations',
    });
  });
});

describe('the shop behind the custom integration', () => {
  const document = openApiDocument(toLambdaIntegration(api, { errorFormat: 'negotiate' }));

  it('integrates it with templates, a pattern per status and the foreign failures', () => {
    const operation = operationOf(document, 'get', '/users/{id}');
    const integration = customOf(operation);
    const errorTemplate = { 'application/json': errorResponseTemplate('x-request-id', false) };
    expect(integration).toMatchObject({
      type: 'aws',
      httpMethod: 'POST',
      uri: FUNCTION_URI,
      passthroughBehavior: 'never',
      requestTemplates: { 'application/json': requestTemplate() },
    });
    expect(integration.responses).toMatchObject({
      default: { statusCode: '200' },
      [selectionPattern(400)]: { statusCode: '400', responseTemplates: errorTemplate },
      [selectionPattern(404)]: { statusCode: '404', responseTemplates: errorTemplate },
      [selectionPattern(409)]: { statusCode: '409', responseTemplates: errorTemplate },
      [selectionPattern(500)]: { statusCode: '500', responseTemplates: errorTemplate },
      // Statuses no map lists (a handler's own problem, a middleware's, the router's 405).
      [otherStatusPattern([400, 404, 409, 500])]: {
        statusCode: '500',
        responseTemplates: { 'application/json': errorResponseTemplate('x-request-id', true) },
      },
    });
    // A JSON:API client labels its body application/vnd.api+json: without a template for it,
    // API Gateway would answer 415 (passthroughBehavior never).
    expect(integration['requestTemplates']).toStrictEqual({
      'application/json': requestTemplate(),
      'application/vnd.api+json': requestTemplate(),
    });
    const foreign = Object.entries(integration.responses)
      .filter(([pattern]) => pattern.endsWith(FOREIGN_ERROR_PATTERN))
      .map(([, response]) => response.statusCode);
    expect(foreign).toStrictEqual(['504', '502']);
    expect(Object.keys(operation.responses)).toStrictEqual([
      '200',
      '400',
      '404',
      '409',
      '500',
      '502',
      '504',
    ]);
    expect(operation.responses['502']).toStrictEqual({
      description: 'Bad Gateway: the function failed or timed out.',
      content: {
        'application/json': { schema: { $ref: '#/components/schemas/JsonApiErrors' } },
        [PROBLEM_JSON]: { schema: { $ref: '#/components/schemas/ProblemDetails' } },
      },
    });
  });

  it('can be asked for either integration, whatever the handler was built for', () => {
    const asProxy = openApiDocument(toLambdaIntegration(api), { integration: 'proxy' });
    expect(operationOf(asProxy, 'get', '/health')['x-amazon-apigateway-integration']['type']).toBe(
      'aws_proxy',
    );
    const asCustom = openApiDocument(toLambda(api), { integration: 'custom' });
    expect(operationOf(asCustom, 'get', '/health')['x-amazon-apigateway-integration']['type']).toBe(
      'aws',
    );
    expect(
      operationOf(openApiDocument(api), 'get', '/health')['x-amazon-apigateway-integration'][
        'type'
      ],
    ).toBe('aws_proxy');
  });
});

class Throttled extends TaggedError('Throttled')<{ readonly seconds: number }> {}
class Missing extends TaggedError('Missing')<{ readonly id: string }> {}
class Locked extends TaggedError('Locked')<{ readonly by: string }> {}

const itemErrors = errorMap<Throttled | Missing | Locked>({
  // Whole functions: the status is decided per error.
  Throttled: (e) => ({
    status: e.seconds > 60 ? 503 : 429,
    headers: { 'retry-after': String(e.seconds) },
  }),
  Locked: () => ({ status: 423 }),
  // Fields computed from the error, the status fixed.
  Missing: { status: 404, detail: (e) => `No item ${e.id}.` },
});

const items = router({ errors: itemErrors })
  .get(
    '/items',
    endpoint(
      {
        query: t.type({ page: IntFromString, tag: t.array(t.string) }),
        headers: t.type({ 'x-api-key': t.string }),
      },
      () => ok(json([])),
      {
        describe: {
          summary: 'List items',
          description: 'Newest first.',
          tags: ['items'],
          response: t.array(t.type({ id: t.string })),
        },
      },
    ),
  )
  .post(
    '/items',
    endpoint({ body: t.type({ name: t.string }) }, () => ok(created('/items/1', { id: '1' })), {
      unknownMembers: 'reject',
      status: 422,
      describe: { status: 201, operationId: 'createItem' },
    }),
  )
  .delete(
    '/items/{id}',
    endpoint({ params: t.type({ id: t.string }) }, () => ok(noContent()), {
      describe: { status: 204 },
    }),
  )
  .get('/files/{path+}', () => err(new Throttled({ seconds: 5 })));

describe('a router with statuses decided per error', () => {
  const document = openApiDocument(toLambdaIntegration(items));

  it('gives them a default response naming the tags', () => {
    for (const [method, path] of [
      ['get', '/items'],
      ['post', '/items'],
      ['delete', '/items/{id}'],
      ['get', '/files/{path+}'],
    ] as const) {
      expect(operationOf(document, method, path).responses['default']).toStrictEqual({
        description: 'Statuses decided per error: Throttled, Locked.',
        headers: REQUEST_ID_HEADER,
        content: JSON_API_CONTENT,
      });
    }
  });

  it('gives them one pattern that leaves out the listed statuses and sets the status', () => {
    const integration = customOf(operationOf(document, 'post', '/items'));
    const listed = [400, 404, 413, 415, 422, 500];
    expect(Object.keys(integration.responses)).toStrictEqual([
      'default',
      ...listed.map(selectionPattern),
      otherStatusPattern(listed),
      `(?=[\\s\\S]*Task timed out)${FOREIGN_ERROR_PATTERN}`,
      `(?![\\s\\S]*Task timed out)${FOREIGN_ERROR_PATTERN}`,
    ]);
    expect(integration.responses[otherStatusPattern(listed)]).toStrictEqual({
      statusCode: '500',
      responseTemplates: { 'application/json': errorResponseTemplate('x-request-id', true) },
    });
  });

  it('matches the empty string, which API Gateway matches a success against, with no pattern', () => {
    for (const [method, path] of [
      ['get', '/items'],
      ['post', '/items'],
      ['delete', '/items/{id}'],
      ['get', '/files/{path+}'],
    ] as const) {
      const patterns = Object.keys(customOf(operationOf(document, method, path)).responses).filter(
        (pattern) => pattern !== 'default',
      );
      expect(patterns.filter((pattern) => javaMatches(pattern, ''))).toStrictEqual([]);
    }
  });

  it('lists a fixed status with the tag, computed fields and all', () => {
    expect(operationOf(document, 'delete', '/items/{id}').responses['404']?.['description']).toBe(
      'Not Found: Missing.',
    );
  });

  it('takes the success status, body schema and description from the endpoint', () => {
    const list = operationOf(document, 'get', '/items');
    expect(list).toMatchObject({
      operationId: 'getItems',
      summary: 'List items',
      description: 'Newest first.',
      tags: ['items'],
    });
    expect(list.responses['200']).toStrictEqual({
      description: 'OK',
      content: {
        'application/json': {
          schema: {
            type: 'array',
            items: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
          },
        },
      },
    });
    const create = operationOf(document, 'post', '/items');
    expect(create['operationId']).toBe('createItem');
    expect(create.responses['201']).toStrictEqual({
      description: 'Created',
      content: { 'application/json': { schema: {} } },
    });
    expect(customOf(create).responses['default']).toStrictEqual({
      statusCode: '201',
      responseTemplates: {
        'application/json': successResponseTemplate('json-api', 'application/json'),
      },
    });
    expect(create.responses['422']?.['description']).toBe(
      'Unprocessable Content: invalid request.',
    );
    expect(create.responses['400']?.['description']).toBe('Bad Request: malformed JSON body.');
    const remove = operationOf(document, 'delete', '/items/{id}');
    expect(remove.responses['204']).toStrictEqual({ description: 'No Content' });
  });

  it('closes the body schema of an endpoint that rejects unknown members', () => {
    expect(operationOf(document, 'post', '/items').requestBody).toStrictEqual({
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            properties: { name: { type: 'string' } },
            required: ['name'],
            additionalProperties: false,
          },
        },
      },
    });
  });

  it('lists query and header parameters, arrays exploded, and a greedy path parameter', () => {
    expect(operationOf(document, 'get', '/items').parameters).toStrictEqual([
      {
        name: 'page',
        in: 'query',
        required: true,
        schema: { type: 'string', pattern: '^-?\\d+$', format: 'int64' },
      },
      {
        name: 'tag',
        in: 'query',
        required: true,
        schema: { type: 'array', items: { type: 'string' } },
        style: 'form',
        explode: true,
      },
      { name: 'x-api-key', in: 'header', required: true, schema: { type: 'string' } },
    ]);
    expect(operationOf(document, 'get', '/files/{path+}').parameters).toStrictEqual([
      { name: 'path', in: 'path', required: true, schema: { type: 'string' } },
    ]);
  });

  it('declares the headers an error status carries', () => {
    const withHeaders = router({
      errors: errorMap<Throttled | Locked | Missing>({
        Throttled: { status: 429 },
        Locked: { status: 401 },
        Missing: { status: 405 },
      }),
    }).get('/x', () => ok(json(1)));
    const responses = operationOf(openApiDocument(withHeaders), 'get', '/x').responses;
    expect(responses['429']?.['headers']).toStrictEqual({
      ...REQUEST_ID_HEADER,
      'Retry-After': { schema: { type: 'string' } },
    });
    expect(responses['401']?.['headers']).toStrictEqual({
      ...REQUEST_ID_HEADER,
      'WWW-Authenticate': { schema: { type: 'string' } },
    });
    expect(responses['405']?.['headers']).toStrictEqual({
      ...REQUEST_ID_HEADER,
      Allow: { schema: { type: 'string' } },
    });
    expect(responses).not.toHaveProperty('default');
  });

  it('names the request id header the handler was given', () => {
    const custom = openApiDocument(toLambdaIntegration(items, { requestIdHeader: 'X-Trace' }));
    const operation = operationOf(custom, 'get', '/files/{path+}');
    expect(operation.responses['404']?.['headers']).toStrictEqual({
      'x-trace': REQUEST_ID_HEADER['x-request-id'],
    });
    expect(customOf(operation).responses[selectionPattern(404)]).toStrictEqual({
      statusCode: '404',
      responseTemplates: { 'application/json': errorResponseTemplate('x-trace', false) },
    });
  });
});

describe('a success declared on the route', () => {
  const Thing = t.type({ id: t.string });
  const plain = () => ok(created('/things/1', { id: '1' }));
  const described = router()
    // A plain handler: only its route can say what it answers.
    .post('/things', plain, {
      describe: { summary: 'Add a thing', status: 201, response: Thing, tags: ['things'] },
    })
    // An endpoint: the route's description adds to its own, and wins where both speak.
    .put(
      '/things/{id}',
      endpoint({ params: t.type({ id: t.string }) }, () => ok(json({ id: '1' })), {
        describe: { summary: 'Replace a thing', operationId: 'replaceThing', status: 202 },
      }),
      { describe: { status: 200, response: Thing } },
    )
    .get('/old-things', () => ok(redirect('/things', 308)), { describe: { status: 308 } })
    .post('/things/{id}/touch', () => ok(created('/things/1')), {
      describe: { status: 201, response: t.undefined },
    })
    .delete('/things/{id}', () => ok(json({})), { describe: { status: 205 } })
    .patch('/things/{id}', () => ok(json(null)), { describe: { status: 304, response: Thing } });

  const location = (description: string) => ({
    Location: { description, schema: { type: 'string' } },
  });

  it('documents a plain handler’s status, headers and body behind the proxy integration', () => {
    const document = openApiDocument(toLambda(described));
    const add = operationOf(document, 'post', '/things');
    expect(add).toMatchObject({
      operationId: 'postThings',
      summary: 'Add a thing',
      tags: ['things'],
    });
    expect(add.responses).toStrictEqual({
      '201': {
        description: 'Created',
        headers: { ...REQUEST_ID_HEADER, ...location('The URL of the resource created.') },
        content: {
          'application/json': {
            schema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
          },
        },
      },
      '500': {
        description: 'Internal Server Error: defect (masked).',
        headers: REQUEST_ID_HEADER,
        content: JSON_API_CONTENT,
      },
    });
  });

  it('merges the route’s description into the endpoint’s, the route’s winning', () => {
    const replace = operationOf(openApiDocument(described), 'put', '/things/{id}');
    expect(replace).toMatchObject({ operationId: 'replaceThing', summary: 'Replace a thing' });
    expect(Object.keys(replace.responses)).toStrictEqual(['200', '400', '500']);
    expect(replace.responses['200']).toStrictEqual({
      description: 'OK',
      headers: REQUEST_ID_HEADER,
      content: {
        'application/json': {
          schema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
        },
      },
    });
  });

  it('gives no body to a redirect, to a codec of nothing, and to statuses that have none', () => {
    const document = openApiDocument(described);
    const successOf = (method: keyof OpenApiPathItem, path: string, status: string) =>
      operationOf(document, method, path).responses[status];
    expect(successOf('get', '/old-things', '308')).toStrictEqual({
      description: 'Permanent Redirect',
      headers: { ...REQUEST_ID_HEADER, ...location('Where the client is sent.') },
    });
    expect(successOf('post', '/things/{id}/touch', '201')).toStrictEqual({
      description: 'Created',
      headers: { ...REQUEST_ID_HEADER, ...location('The URL of the resource created.') },
    });
    expect(successOf('delete', '/things/{id}', '205')).toStrictEqual({
      description: 'Reset Content',
      headers: REQUEST_ID_HEADER,
    });
    expect(successOf('patch', '/things/{id}', '304')).toStrictEqual({
      description: 'Not Modified',
      headers: REQUEST_ID_HEADER,
    });
  });

  it('declares no success header behind the custom integration, which cannot send one', () => {
    const document = openApiDocument(toLambdaIntegration(described));
    const add = operationOf(document, 'post', '/things');
    expect(add.responses['201']).toStrictEqual({
      description: 'Created',
      content: {
        'application/json': {
          schema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
        },
      },
    });
    expect(customOf(add).responses['default']?.statusCode).toBe('201');
    expect(operationOf(document, 'get', '/old-things').responses['308']).toStrictEqual({
      description: 'Permanent Redirect',
    });
  });
});

describe('an OpenAPI 3.1 document', () => {
  const nullable = router().post(
    '/notes',
    endpoint(
      {
        query: t.partial({ pair: t.tuple([t.string, t.string]) }),
        body: t.type({ text: t.union([t.string, t.null]) }),
      },
      () => ok(json({ id: 'n-1', text: null })),
      { describe: { response: t.type({ id: t.string, text: t.null }) } },
    ),
  );

  it('is the same document, its schemas in JSON Schema 2020-12 terms', () => {
    const older = openApiDocument(nullable, { title: 'Notes' });
    const newer = openApiDocument(nullable, { title: 'Notes', openapi: '3.1.0' });
    expect(older.openapi).toBe('3.0.3');
    expect(newer.openapi).toBe('3.1.0');
    const post = operationOf(newer, 'post', '/notes');
    expect(post.parameters).toStrictEqual([
      {
        name: 'pair',
        in: 'query',
        required: false,
        schema: {
          type: 'array',
          prefixItems: [{ type: 'string' }, { type: 'string' }],
          minItems: 2,
        },
        style: 'form',
        explode: true,
      },
    ]);
    expect(post.requestBody).toStrictEqual({
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            properties: { text: { type: ['string', 'null'] } },
            required: ['text'],
          },
        },
      },
    });
    expect(post.responses['200']?.content).toStrictEqual({
      'application/json': {
        schema: {
          type: 'object',
          properties: { id: { type: 'string' }, text: { type: 'null' } },
          required: ['id', 'text'],
        },
      },
    });
    // Everything but the version and the schemas is as 3.0.3 writes it.
    const withoutSchemas = (document: OpenApiDocument) =>
      JSON.parse(
        JSON.stringify({ ...document, openapi: '' }, (key, value: unknown) =>
          key === 'schema' ? null : value,
        ),
      ) as unknown;
    expect(withoutSchemas(newer)).toStrictEqual(withoutSchemas(older));
    expect(newer.components).toStrictEqual(older.components);
  });

  it('keeps API and 1.0.0 as the title and version unless told', () => {
    expect(openApiDocument(nullable, { openapi: '3.1.0' }).info).toStrictEqual({
      title: 'API',
      version: '1.0.0',
    });
  });
});
