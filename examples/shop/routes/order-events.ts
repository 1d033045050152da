/**
 * `GET /orders/{id}/events`: an order's status changes as server-sent events — `placed`, `paid`,
 * `packed`, `shipped`, one `event: status` each, a short while apart — or 404 `OrderNotFound`
 * before the first byte. Served by the streaming function (`stream.ts`), not the buffered API.
 */
import * as t from 'io-ts';
import { err, ok } from 'neverthrow';
import { TaggedError, endpoint, header, noContent } from '../../../src/index.js';
import type { ServerSentEvent } from '../../../src/streaming/index.js';
import { serverSentEvents } from '../../../src/streaming/index.js';
import type { Order } from '../store.js';
import { findOrder } from '../store.js';

/** No order has this id. */
export class OrderNotFound extends TaggedError('OrderNotFound')<{ readonly id: string }> {}

/** The statuses an order goes through, in order; the event ids are their positions, from 1. */
export const ORDER_STATUSES = ['placed', 'paid', 'packed', 'shipped'] as const;

/** How long the example waits between two status changes. */
export const STEP_MS = 50;

/** How long a browser waits before it reconnects after the stream ended or broke. */
export const RETRY_MS = 1000;

/** Waits `ms`, or until `signal` aborts (the client left, the deadline came). */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** The status changes after event `after` (0 for all), one `status` event each. */
async function* statusChanges(
  order: Order,
  after: number,
  signal: AbortSignal | undefined,
): AsyncGenerator<ServerSentEvent> {
  for (let n = after + 1; n <= ORDER_STATUSES.length; n += 1) {
    if (n > after + 1) await pause(STEP_MS, signal);
    if (signal?.aborted === true) return;
    yield {
      event: 'status',
      id: String(n),
      data: { orderId: order.id, status: ORDER_STATUSES[n - 1], totalCents: order.totalCents },
      // Sent once, with the first event: how long the browser waits before reconnecting.
      ...(n === after + 1 ? { retry: RETRY_MS } : {}),
    };
  }
}

/** The id of the last event a reconnecting `EventSource` saw (its `Last-Event-ID`), or 0. */
function lastSeen(value: string | undefined): number {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? Math.min(n, ORDER_STATUSES.length) : 0;
}

export const orderEvents = endpoint(
  { params: t.type({ id: t.string }) },
  ({ params }, request, context) => {
    const order = findOrder(params.id);
    if (order === undefined) return err(new OrderNotFound({ id: params.id }));
    const after = lastSeen(header(request, 'last-event-id'));
    // Everything was sent already: 204 tells an EventSource to stop reconnecting.
    if (after === ORDER_STATUSES.length) return ok(noContent());
    // The streaming adapter's context carries the invocation's signal.
    const { signal } = context as { signal?: AbortSignal };
    return ok(serverSentEvents(statusChanges(order, after, signal)));
  },
);
