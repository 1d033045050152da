import { ok } from 'neverthrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binary, json, router, toLambda } from '../../src/index.js';
import { serve } from '../../src/dev/index.js';
import type { LocalEventKind, LocalServer } from '../../src/dev/index.js';
import { capturingLogger } from '../support/logger.js';

/** The proxy event kinds; `custom` has tests of its own (custom.test.ts). */
type ProxyKind = Exclude<LocalEventKind, 'custom'>;

// A real HTTP server on an ephemeral loopback port, for every event kind: each request becomes
// that kind's event and each result an HTTP response.

const EXPIRES = 'Expires=Wed, 21 Oct 2026 07:28:00 GMT';

const api = router()
  .get('/echo/{name}', (request) =>
    ok(
      json({
        kind: request.kind,
        method: request.method,
        path: request.path,
        name: request.pathParameters['name'],
        tags: request.query['tag'] ?? [],
        session: request.cookies['session'] ?? null,
        custom: request.headers['x-custom'] ?? [],
      }),
    ),
  )
  .post('/bytes', (request) =>
    ok(
      binary(request.body?.bytes ?? new Uint8Array(), {
        headers: { 'content-type': 'application/octet-stream' },
      }),
    ),
  )
  .get('/cookies', () =>
    ok(json({ set: 2 }, { cookies: [`a=1; ${EXPIRES}; Path=/`, `b=2; ${EXPIRES}; HttpOnly`] })),
  );

const handler = toLambda(api, { logger: capturingLogger() });
const KINDS: readonly ProxyKind[] = ['rest', 'http', 'url', 'alb', 'alb-multi'];
const servers = new Map<LocalEventKind, LocalServer>();

beforeAll(async () => {
  for (const kind of KINDS)
    servers.set(kind, await serve(handler, { port: 0, event: kind, log: false }));
});

afterAll(async () => {
  await Promise.all([...servers.values()].map((server) => server.close()));
});

function urlOf(kind: LocalEventKind, path: string): string {
  const server = servers.get(kind);
  if (server === undefined) throw new Error(`no server for ${kind}`);
  return `${server.url}${path}`;
}

const EXPECTED_KIND: Readonly<Record<ProxyKind, string>> = {
  rest: 'rest',
  http: 'http',
  url: 'function-url',
  alb: 'alb',
  'alb-multi': 'alb',
};

describe.each(KINDS)('serve() with %s events', (kind) => {
  it('routes a request with path parameters, repeated query keys, cookies and headers', async () => {
    const response = await fetch(urlOf(kind, '/echo/caf%C3%A9?tag=a&tag=b%2Cc'), {
      headers: { cookie: 'session=s-1; theme=dark', 'x-custom': 'yes' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      kind: EXPECTED_KIND[kind],
      method: 'GET',
      // The same for every source: percent-encoded, as sent (an HTTP API's decoded rawPath is
      // encoded again when the event is read).
      path: '/echo/caf%C3%A9',
      name: 'café',
      // ALB with multi-value headers off sends the last value of a repeated key only.
      tags: kind === 'alb' ? ['b,c'] : ['a', 'b,c'],
      session: 's-1',
      custom: ['yes'],
    });
  });

  it('sends every Set-Cookie intact (ALB single-value mode: the first only)', async () => {
    const response = await fetch(urlOf(kind, '/cookies'));
    expect(response.headers.getSetCookie()).toEqual(
      kind === 'alb'
        ? [`a=1; ${EXPIRES}; Path=/`]
        : [`a=1; ${EXPIRES}; Path=/`, `b=2; ${EXPIRES}; HttpOnly`],
    );
  });

  it('round-trips a binary body byte for byte', async () => {
    const bytes = new Uint8Array(256).map((_, i) => i);
    const response = await fetch(urlOf(kind, '/bytes'), {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    expect(response.status).toBe(200);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
  });

  it('answers 404 and 405 problems', async () => {
    const missing = await fetch(urlOf(kind, '/nowhere'));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({
      errors: [{ status: '404', code: 'route-not-found' }],
    });
    const wrong = await fetch(urlOf(kind, '/cookies'), { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
  });

  it('answers HEAD without a body', async () => {
    const response = await fetch(urlOf(kind, '/cookies'), { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });
});

describe('serve() around a function that fails', () => {
  it('answers 502 as API Gateway would when the function rejects', async () => {
    const lines: string[] = [];
    const server = await serve(() => Promise.reject(new Error('crashed')), {
      port: 0,
      log: (line) => lines.push(line),
    });
    try {
      const response = await fetch(`${server.url}/x`);
      expect(response.status).toBe(502);
      expect(await response.json()).toEqual({ message: 'Internal server error' });
      expect(lines).toEqual([
        'handler failed: crashed',
        expect.stringMatching(/^GET \/x → 502 \(/) as string,
      ]);
    } finally {
      await server.close();
    }
  });
});
