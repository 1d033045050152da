/**
 * The shop's streaming function: the routes whose answers are streamed, for a Function URL in
 * `RESPONSE_STREAM` mode or a REST API integration with `responseTransferMode: STREAM`
 * (docs/streaming.md). The buffered API (`handler.ts`) stays one `toLambda` function; both share
 * the store. `npm start` serves this one under the same origin as the other (`dev.ts`).
 */
import { errorMap, router } from '../../src/index.js';
import { toStreamingLambda } from '../../src/streaming/index.js';
import type { OrderNotFound } from './routes/order-events.js';
import { orderEvents } from './routes/order-events.js';

/** How the streaming routes' domain errors are answered: before the first byte, as problems. */
export const streamErrors = errorMap<OrderNotFound>({
  OrderNotFound: { status: 404, detail: (e) => `No order has the id "${e.id}".` },
});

export const streams = router({ errors: streamErrors }).get('/orders/{id}/events', orderEvents);

export const handler = toStreamingLambda(streams, { errorFormat: 'negotiate', accessLog: false });
