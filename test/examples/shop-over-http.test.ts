import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { serve } from '../../src/dev/index.js';
import type { LocalEventKind, LocalServer } from '../../src/dev/index.js';
import { handler } from '../../examples/shop/handler.js';
import { resetStore } from '../../examples/shop/store.js';

// The example API end to end: real HTTP requests (fetch) to `serve` on an ephemeral loopback
// port, once per event kind, every route.

const KINDS: readonly LocalEventKind[] = ['rest', 'http', 'url', 'alb', 'alb-multi'];
const servers = new Map<LocalEventKind, LocalServer>();

beforeAll(async () => {
  // The example logs 4xx answers on the console; keep the test output clean.
  vi.spyOn(console, 'info').mockImplementation(() => undefined);
  for (const kind of KINDS)
    servers.set(kind, await serve(handler, { port: 0, event: kind, log: false }));
});

afterAll(async () => {
  await Promise.all([...servers.values()].map((server) => server.close()));
  vi.restoreAllMocks();
});

beforeEach(() => {
  resetStore();
});

async function call(
  kind: LocalEventKind,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; json: unknown }> {
  const server = servers.get(kind);
  if (server === undefined) throw new Error(`no server for ${kind}`);
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: text === '' ? undefined : (JSON.parse(text) as unknown),
  };
}

const registration = (attributes: Record<string, string>): unknown => ({
  data: { type: 'users', attributes },
});

describe.each(KINDS)('the shop API over HTTP with %s events', (kind) => {
  it('GET /health', async () => {
    expect(await call(kind, 'GET', '/health')).toMatchObject({
      status: 200,
      json: { status: 'ok' },
    });
  });

  it('GET /users/{id}: the seeded user, then a 404 problem', async () => {
    const found = await call(kind, 'GET', '/users/u-1');
    expect(found).toMatchObject({
      status: 200,
      json: { data: { type: 'users', id: 'u-1', attributes: { email: 'ada@example.com' } } },
    });
    const missing = await call(kind, 'GET', '/users/u-404');
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ errors: [{ status: '404', code: 'UserNotFound' }] });
  });

  it('POST /users: the three-error registration response, then 201, then 409', async () => {
    const invalid = await call(
      kind,
      'POST',
      '/users',
      registration({
        'first-name': 'Al',
        'last-name': 'Turing',
        email: 'al@example.com',
        password: 'secret123',
        'password-confirmation': 'secret124',
      }),
    );
    expect(invalid.status).toBe(400);
    expect(invalid.json).toMatchObject({
      errors: [
        { code: '123', source: { pointer: '/data/attributes/first-name' } },
        { code: '225', source: { pointer: '/data/attributes/password' } },
        { code: '226', source: { pointer: '/data/attributes/password' } },
      ],
    });
    const valid = {
      'first-name': 'Alan',
      'last-name': 'Turing',
      email: 'alan@example.com',
      password: 'secret-123',
      'password-confirmation': 'secret-123',
    };
    const made = await call(kind, 'POST', '/users', registration(valid));
    expect(made.status).toBe(201);
    expect(made.headers.get('location')).toMatch(/^\/users\/u-\d+$/);
    expect(JSON.stringify(made.json)).not.toContain('secret-123');
    const again = await call(kind, 'POST', '/users', registration(valid));
    expect(again.status).toBe(409);
  });

  it('POST /carts/{cartId}/checkout: totals, then one 422 problem per unknown product', async () => {
    const order = await call(kind, 'POST', '/carts/c-1/checkout', {
      items: [
        { productId: 'p-1', quantity: 2 },
        { productId: 'p-2', quantity: 1 },
      ],
    });
    expect(order.status).toBe(200);
    expect(order.json).toMatchObject({ data: { type: 'orders', attributes: { cartId: 'c-1' } } });
    const unknown = await call(kind, 'POST', '/carts/c-1/checkout', {
      items: [
        { productId: 'p-9', quantity: 1 },
        { productId: 'p-1', quantity: 1 },
        { productId: 'p-8', quantity: 1 },
      ],
    });
    expect(unknown.status).toBe(422);
    expect(unknown.json).toMatchObject({
      errors: [
        { source: { pointer: '/items/0/productId' } },
        { source: { pointer: '/items/2/productId' } },
      ],
    });
  });

  it('answers RFC 9457 when Accept asks for it', async () => {
    const missing = await call(kind, 'GET', '/users/u-404', undefined, {
      accept: 'application/problem+json',
    });
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    expect(missing.json).toMatchObject({ status: 404, title: 'Not Found', code: 'UserNotFound' });
  });
});
