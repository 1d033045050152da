/**
 * `POST /carts/{cartId}/checkout`: prices the items, places the order and answers it with its
 * totals. Every unknown product is reported, each as its own 422 problem pointing at the item's
 * `productId`; a body of the wrong shape is 400.
 */
import * as t from 'io-ts';
import type { Result } from 'neverthrow';
import { err, ok } from 'neverthrow';
import type { Problem } from '../../../src/index.js';
import { endpoint, json, min, minLength, refine, unprocessableEntity } from '../../../src/index.js';
import { ProductNotFound } from '../errors.js';
import type { Order, OrderLine } from '../store.js';
import { findProduct, insertOrder } from '../store.js';

/** A whole number of items, 1 or more. */
const Quantity = min(
  refine(t.number, Number.isSafeInteger, {
    code: 'invalid-value',
    title: 'Invalid value',
    detail: (n) => `Expected a whole number of items, received ${String(n)}.`,
  }),
  1,
);

const Checkout = t.type({
  items: minLength(t.array(t.type({ productId: t.string, quantity: Quantity })), 1),
});

type Item = t.TypeOf<typeof Checkout>['items'][number];

/** Prices every item, or names every item whose product the shop does not sell. */
function priceItems(items: readonly Item[]): Result<OrderLine[], ProductNotFound[]> {
  const lines: OrderLine[] = [];
  const missing: ProductNotFound[] = [];
  items.forEach(({ productId, quantity }, index) => {
    const product = findProduct(productId);
    if (product === undefined) missing.push(new ProductNotFound({ productId, index }));
    else {
      const unitPriceCents = product.priceCents;
      lines.push({
        productId,
        quantity,
        unitPriceCents,
        lineTotalCents: unitPriceCents * quantity,
      });
    }
  });
  return missing.length === 0 ? ok(lines) : err(missing);
}

/** The problem for an unknown product, pointing at the item that named it. */
function productNotFound(error: ProductNotFound): Problem {
  return unprocessableEntity({
    code: error._tag,
    detail: `No product has the id "${error.productId}".`,
    source: { pointer: `/items/${String(error.index)}/productId` },
  });
}

/** The placed order as the checkout answers it: a JSON:API resource with its priced lines. */
const OrderDocument = t.type({
  data: t.type({
    type: t.literal('orders'),
    id: t.string,
    attributes: t.type({
      cartId: t.string,
      lines: t.readonlyArray(
        t.type({
          productId: t.string,
          quantity: t.number,
          unitPriceCents: t.number,
          lineTotalCents: t.number,
        }),
      ),
      totalCents: t.number,
    }),
  }),
});

function orderDocument(order: Order): t.TypeOf<typeof OrderDocument> {
  return {
    data: {
      type: 'orders',
      id: order.id,
      attributes: { cartId: order.cartId, lines: order.lines, totalCents: order.totalCents },
    },
  };
}

export const checkout = endpoint(
  { params: t.type({ cartId: t.string }), body: Checkout },
  ({ params, body }) =>
    priceItems(body.items)
      .map((lines) =>
        insertOrder({
          cartId: params.cartId,
          lines,
          totalCents: lines.reduce((sum, line) => sum + line.lineTotalCents, 0),
        }),
      )
      .map((order) => json(orderDocument(order)))
      .mapErr((missing) => missing.map(productNotFound)),
  {
    describe: {
      summary: 'Check out a cart',
      description: 'Prices every line; one 422 problem per unknown product.',
      response: OrderDocument,
      problemStatuses: [422],
    },
  },
);
