import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as t from 'io-ts';
import { ok } from 'neverthrow';
import type { FetchFunction } from '../../src/client/index.js';
import { client } from '../../src/client/index.js';
import { serve } from '../../src/dev/index.js';
import type { LocalEventKind, LocalServer } from '../../src/dev/index.js';
import { json, router } from '../../src/index.js';
import { httpApiEvent, invoke } from '../../src/testing/index.js';
import { shopErrors } from '../../examples/shop/errors.js';
import type { api } from '../../examples/shop/handler.js';
import { handler } from '../../examples/shop/handler.js';
import { UserDocument } from '../../examples/shop/routes/get-user.js';
import { Health } from '../../examples/shop/routes/health.js';
import { Me } from '../../examples/shop/routes/me.js';
import { resetStore } from '../../examples/shop/store.js';

// The shop through its typed client, end to end: `serve(handler)` on an ephemeral loopback port
// once per event kind, every route, its success and each of its errors.

const KINDS: readonly LocalEventKind[] = ['rest', 'http', 'url', 'alb', 'alb-multi'];
const servers = new Map<LocalEventKind, LocalServer>();

beforeAll(async () => {
  // The shop logs its 4xx answers; keep the test output clean.
  vi.spyOn(console, 'info').mockImplementation(() => undefined);
  for (const kind of KINDS) {
    servers.set(kind, await serve(handler, { port: 0, event: kind, log: false }));
  }
});

afterAll(async () => {
  await Promise.all([...servers.values()].map((server) => server.close()));
  vi.restoreAllMocks();
});

beforeEach(() => {
  resetStore();
});

function urlOf(kind: LocalEventKind): string {
  const server = servers.get(kind);
  if (server === undefined) throw new Error(`no server for ${kind}`);
  return server.url;
}

/** The shop's client, checking each success body against the route's declared codec. */
function shopClient(baseUrl: string, fetch?: FetchFunction) {
  return client<typeof api>({
    baseUrl,
    errors: shopErrors,
    responses: {
      'GET /health': Health,
      'GET /users/{id}': UserDocument,
      'POST /users': UserDocument,
      'GET /me': Me,
    },
    ...(fetch === undefined ? {} : { fetch }),
  });
}

const registration = (email: string, firstName = 'Grace', password = 'c0bol!2026') => ({
  data: {
    type: 'users' as const,
    attributes: {
      'first-name': firstName,
      'last-name': 'Hopper',
      email,
      password,
      'password-confirmation': password,
    },
  },
});

describe.each(KINDS)('the shop through its client, %s events', (kind) => {
  it('GET /health', async () => {
    const health = await shopClient(urlOf(kind)).request('GET /health');
    expect(health._unsafeUnwrap()).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('GET /users/{id}: the user, then UserNotFound rebuilt from its code', async () => {
    const shop = shopClient(urlOf(kind));
    const found = await shop.request('GET /users/{id}', { params: { id: 'u-1' } });
    expect(found._unsafeUnwrap().body.data).toMatchObject({
      type: 'users',
      id: 'u-1',
      attributes: { email: 'ada@example.com' },
    });
    const missing = await shop.request('GET /users/{id}', { params: { id: 'u 404' } });
    expect(missing._unsafeUnwrapErr()).toMatchObject({
      kind: 'domain',
      _tag: 'UserNotFound',
      status: 404,
      problem: { code: 'UserNotFound', detail: 'No user has the id "u 404".' },
    });
  });

  it('POST /users: 201, then EmailTaken, then every validation problem', async () => {
    const shop = shopClient(urlOf(kind));
    const made = await shop.request('POST /users', { body: registration('grace@example.com') });
    expect(made._unsafeUnwrap()).toMatchObject({
      status: 201,
      body: { data: { type: 'users', id: 'u-2' } },
    });
    expect(made._unsafeUnwrap().headers.get('location')).toBe('/users/u-2');
    const taken = await shop.request('POST /users', { body: registration('GRACE@example.com') });
    expect(taken._unsafeUnwrapErr()).toMatchObject({
      kind: 'domain',
      _tag: 'EmailTaken',
      status: 409,
    });
    const invalid = await shop.request('POST /users', {
      body: registration('al@example.com', 'Al', 'short'),
    });
    expect(invalid._unsafeUnwrapErr()).toMatchObject({
      kind: 'validation',
      status: 400,
      problems: [
        { code: '123', pointer: '/data/attributes/first-name' },
        { code: '225', pointer: '/data/attributes/password' },
      ],
    });
  });

  it('GET /me: 401 without an authorizer in front', async () => {
    const me = await shopClient(urlOf(kind)).request('GET /me');
    expect(me._unsafeUnwrapErr()).toMatchObject({ kind: 'problem', status: 401 });
  });

  it('POST /carts/{cartId}/checkout: the order, an unknown product, a bad body', async () => {
    const shop = shopClient(urlOf(kind));
    const order = await shop.request('POST /carts/{cartId}/checkout', {
      params: { cartId: 'c-1' },
      body: { items: [{ productId: 'p-1', quantity: 2 }] },
    });
    expect(order._unsafeUnwrap().body.data.attributes).toMatchObject({
      cartId: 'c-1',
      totalCents: 2500,
    });
    const unknown = await shop.request('POST /carts/{cartId}/checkout', {
      params: { cartId: 'c-1' },
      body: { items: [{ productId: 'p-9', quantity: 1 }] },
    });
    expect(unknown._unsafeUnwrapErr()).toMatchObject({
      kind: 'validation',
      status: 422,
      problems: [{ code: 'ProductNotFound', pointer: '/items/0/productId' }],
    });
    const empty = await shop.request('POST /carts/{cartId}/checkout', {
      params: { cartId: 'c-1' },
      body: { items: [] },
    });
    expect(empty._unsafeUnwrapErr()).toMatchObject({
      kind: 'validation',
      status: 400,
      problems: [{ code: 'too-short', pointer: '/items' }],
    });
  });

  it('reads problem+json answers alike, and sends the caller’s request id', async () => {
    const shop = client<typeof api>({
      baseUrl: urlOf(kind),
      errors: shopErrors,
      headers: { accept: 'application/problem+json' },
    });
    const missing = await shop.request('GET /users/{id}', {
      params: { id: 'u-9' },
      requestId: 'trace-42',
    });
    expect(missing._unsafeUnwrapErr()).toMatchObject({
      kind: 'domain',
      _tag: 'UserNotFound',
      requestId: 'trace-42',
    });
    const invalid = await shop.request('POST /carts/{cartId}/checkout', {
      params: { cartId: 'c-1' },
      body: {
        items: [
          { productId: 'p-1', quantity: 0 },
          { productId: 'p-2', quantity: 1.5 },
        ],
      },
    });
    expect(invalid._unsafeUnwrapErr()).toMatchObject({
      kind: 'validation',
      problems: [
        { code: 'too-small', pointer: '/items/0/quantity' },
        { code: 'invalid-value', pointer: '/items/1/quantity' },
      ],
    });
  });

  it('answers routes the shop does not have with the router’s problems', async () => {
    // A client of a router type the shop does not match: its routes are unknown to the shop.
    const other = router()
      .get('/nowhere', () => ok(json({})))
      .delete('/users/{id}', () => ok(json({})));
    const stranger = client<typeof other>({ baseUrl: urlOf(kind) });
    expect(other.routes).toHaveLength(2);
    expect((await stranger.request('GET /nowhere'))._unsafeUnwrapErr()).toMatchObject({
      kind: 'problem',
      status: 404,
      format: 'json-api',
      problems: [{ code: 'route-not-found' }],
    });
    expect(
      (await stranger.request('DELETE /users/{id}', { params: { id: 'u-1' } }))._unsafeUnwrapErr(),
    ).toMatchObject({ kind: 'problem', status: 405, problems: [{ code: 'method-not-allowed' }] });
  });
});

describe('the shop through its client, without serve', () => {
  it('GET /me: the caller a JWT authorizer described, through a fetch that invokes the function', async () => {
    const throughAuthorizer: FetchFunction = async (url, init) => {
      const answer = await invoke(
        handler,
        httpApiEvent({
          path: new URL(url).pathname,
          authorizer: { jwt: { claims: { sub: 'u-1', scope: 'orders/read' }, scopes: null } },
        }),
      );
      expect(init.method).toBe('GET');
      return new Response(answer.body, { status: answer.status, headers: answer.headers });
    };
    const me = await shopClient('https://shop.example', throughAuthorizer).request('GET /me');
    expect(me._unsafeUnwrap().body).toEqual({
      data: { type: 'callers', id: 'u-1', attributes: { kind: 'jwt', scopes: ['orders/read'] } },
    });
  });

  it('refuses a success body the declared codec does not accept', async () => {
    const server = servers.get('http');
    const strict = client<typeof api>({
      baseUrl: server?.url ?? '',
      errors: shopErrors,
      responses: { 'GET /health': t.type({ status: t.literal('degraded') }) },
    });
    expect((await strict.request('GET /health'))._unsafeUnwrapErr()).toMatchObject({
      kind: 'unexpected-body',
      status: 200,
      body: { status: 'ok' },
    });
  });
});
