import { beforeEach, describe, expect, it } from 'vitest';
import { handler } from '../../examples/shop/stream.js';
import { ORDER_STATUSES, RETRY_MS, STEP_MS } from '../../examples/shop/routes/order-events.js';
import { insertOrder, resetStore } from '../../examples/shop/store.js';
import { functionUrlEvent, invokeStream, restApiEvent } from '../../src/testing/index.js';

// The shop's streaming function (examples/shop/stream.ts): an order's status changes as
// server-sent events, through a REST API streaming integration and a Function URL.

const sources = [
  ['a REST API', restApiEvent],
  ['a Function URL', functionUrlEvent],
] as const;

beforeEach(() => {
  resetStore();
  insertOrder({
    cartId: 'c-1',
    lines: [{ productId: 'p-1', quantity: 2, unitPriceCents: 1250, lineTotalCents: 2500 }],
    totalCents: 2500,
  });
});

describe.each(sources)('GET /orders/{id}/events through %s', (_source, makeEvent) => {
  it('sends the prelude at once, then each status change as its own event, in order', async () => {
    const response = await invokeStream(
      handler,
      makeEvent({ method: 'GET', path: '/orders/o-1/events', headers: { 'x-request-id': 'r-1' } }),
    );
    expect(response.prelude).toBeDefined();
    expect(response.status).toBe(200);
    expect(response.headers).toMatchObject({
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      'x-request-id': 'r-1',
    });
    expect(response.chunks.map((chunk) => chunk.text)).toEqual(
      ORDER_STATUSES.map(
        (status, index) =>
          `event: status\nid: ${String(index + 1)}\n${index === 0 ? `retry: ${String(RETRY_MS)}\n` : ''}` +
          `data: {"orderId":"o-1","status":"${status}","totalCents":2500}\n\n`,
      ),
    );
    // The head went out before the events, and the events came a step apart, not all at the end.
    const [first, ...rest] = response.chunks.map((chunk) => chunk.atMs);
    expect(response.timeToHeadMs).toBeLessThanOrEqual(first ?? 0);
    expect((rest.at(-1) ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual((STEP_MS - 5) * rest.length);
  });

  it('resumes after the Last-Event-ID a reconnecting EventSource sends', async () => {
    const response = await invokeStream(
      handler,
      makeEvent({ method: 'GET', path: '/orders/o-1/events', headers: { 'Last-Event-ID': '2' } }),
    );
    expect(response.status).toBe(200);
    expect(response.body).toBe(
      'event: status\nid: 3\nretry: 1000\ndata: {"orderId":"o-1","status":"packed","totalCents":2500}\n\n' +
        'event: status\nid: 4\ndata: {"orderId":"o-1","status":"shipped","totalCents":2500}\n\n',
    );
  });

  it('answers 204 once every event was seen, which stops an EventSource reconnecting', async () => {
    const response = await invokeStream(
      handler,
      makeEvent({ method: 'GET', path: '/orders/o-1/events', headers: { 'Last-Event-ID': '4' } }),
    );
    expect(response.status).toBe(204);
    expect(response.body).toBe('');
  });

  it('answers an unknown order with a 404 problem before the first byte', async () => {
    const response = await invokeStream(
      handler,
      makeEvent({
        method: 'GET',
        path: '/orders/o-9/events',
        headers: { accept: 'application/problem+json' },
      }),
    );
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.json()).toMatchObject({
      status: 404,
      code: 'OrderNotFound',
      detail: 'No order has the id "o-9".',
    });
  });
});
