import * as t from 'io-ts';
import { err, ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import {
  IntFromString,
  Uuid,
  created,
  endpoint,
  json,
  minLength,
  notFound,
  oneOf,
  toLambda,
} from '../../src/index.js';
import { fakeContext, httpApiEvent } from '../../src/testing/index.js';
import { capturingLogger } from '../support/logger.js';
import { HTTP_REQUEST_ID, LAMBDA_REQUEST_ID } from '../support/request-id.js';

const context = fakeContext({ awsRequestId: LAMBDA_REQUEST_ID });

// The README's decoding example, answered as the README says.
const NewProduct = t.type({ name: minLength(t.string, 3), priceCents: t.number });

const addProduct = toLambda(
  endpoint(
    {
      body: NewProduct,
      query: t.partial({ quantity: IntFromString }),
      headers: t.type({ 'x-shop-id': t.string }),
    },
    ({ body, query, headers }) =>
      ok(
        created(`/shops/${headers['x-shop-id']}/products/p-3`, {
          ...body,
          stock: query.quantity ?? 0,
        }),
      ),
  ),
  { logger: capturingLogger() },
);

describe('README decoding example', () => {
  it('answers one 400 with four problems', async () => {
    const result = await addProduct(
      httpApiEvent({
        query: { quantity: '1e3' },
        headers: { 'content-type': 'application/json' },
        body: '{"name":"ab"}',
        requestId: HTTP_REQUEST_ID,
      }),
      context,
    );
    expect(result.statusCode).toBe(400);
    expect((JSON.parse(result.body ?? '') as { errors: unknown[] }).errors).toEqual([
      {
        status: '400',
        code: 'invalid-format',
        title: 'Invalid format',
        detail: 'Expected an integer, received "1e3".',
        source: { parameter: 'quantity' },
      },
      {
        status: '400',
        code: 'required',
        title: 'Required header missing',
        detail: 'The header "x-shop-id" is required.',
        source: { header: 'x-shop-id' },
      },
      {
        status: '400',
        code: 'too-short',
        title: 'Value is too short',
        detail: 'Expected at least 3 characters, received 2.',
        source: { pointer: '/name' },
      },
      {
        status: '400',
        code: 'required',
        title: 'Required member missing',
        detail: 'The member "priceCents" is required.',
        source: { pointer: '' },
      },
    ]);
  });

  it('calls the handler with the decoded input when all is well', async () => {
    const result = await addProduct(
      httpApiEvent({
        query: { quantity: '7' },
        headers: { 'content-type': 'application/json', 'x-shop-id': 's-1' },
        body: '{"name":"lamp","priceCents":1299}',
        requestId: HTTP_REQUEST_ID,
      }),
      context,
    );
    expect(result).toEqual({
      statusCode: 201,
      headers: {
        location: '/shops/s-1/products/p-3',
        'content-type': 'application/json',
        'x-request-id': HTTP_REQUEST_ID,
      },
      cookies: [],
      body: '{"name":"lamp","priceCents":1299,"stock":7}',
      isBase64Encoded: false,
    });
  });
});

describe('docs/decoding.md first example', () => {
  const listOrders = toLambda(
    endpoint(
      {
        params: t.type({ customerId: Uuid }),
        query: t.partial({
          page: IntFromString,
          order: oneOf('asc', 'desc'),
          tag: t.array(t.string),
        }),
        headers: t.type({ 'x-api-key': t.string }),
      },
      ({ params, query }) =>
        ok(json({ customer: params.customerId, page: query.page ?? 1, tags: query.tag ?? [] })),
    ),
    { logger: capturingLogger() },
  );

  it('answers the documented four problems', async () => {
    const result = await listOrders(
      httpApiEvent({
        query: { page: '0x10', order: 'up' },
        pathParameters: { customerId: 'nope' },
        requestId: HTTP_REQUEST_ID,
      }),
      context,
    );
    expect(JSON.parse(result.body ?? '')).toEqual({
      errors: [
        {
          status: '400',
          code: 'invalid-format',
          title: 'Invalid format',
          detail: 'Expected a UUID, received "nope".',
          source: { parameter: 'customerId' },
        },
        {
          status: '400',
          code: 'invalid-format',
          title: 'Invalid format',
          detail: 'Expected an integer, received "0x10".',
          source: { parameter: 'page' },
        },
        {
          status: '400',
          code: 'invalid-value',
          title: 'Invalid value',
          detail: 'Expected one of "asc", "desc", received "up".',
          source: { parameter: 'order' },
        },
        {
          status: '400',
          code: 'required',
          title: 'Required header missing',
          detail: 'The header "x-api-key" is required.',
          source: { header: 'x-api-key' },
        },
      ],
      meta: { requestId: expect.any(String) as string },
    });
  });
});

describe('README first example', () => {
  it('answers GET /users/u-9 as the README shows', async () => {
    const users = new Map([['u-1', { id: 'u-1', name: 'Ada' }]]);
    const getUser = toLambda(
      (request) => {
        const id = request.pathParameters['id'] ?? '';
        const user = users.get(id);
        return user === undefined
          ? err(notFound({ code: 'UserNotFound', detail: `No user ${id}.` }))
          : ok(json(user, { headers: { 'cache-control': 'max-age=60' } }));
      },
      { logger: capturingLogger() },
    );
    const result = await getUser(
      httpApiEvent({ pathParameters: { id: 'u-9' }, requestId: HTTP_REQUEST_ID }),
      context,
    );
    expect(result.statusCode).toBe(404);
    expect(result.headers).toEqual({
      'content-type': 'application/json',
      'x-request-id': HTTP_REQUEST_ID,
    });
    expect(result.body).toBe(
      `{"errors":[{"status":"404","title":"Not Found","code":"UserNotFound","detail":"No user u-9."}],"meta":{"requestId":"${HTTP_REQUEST_ID}"}}`,
    );
  });
});
