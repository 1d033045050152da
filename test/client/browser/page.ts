/**
 * The script of the page `test/client/browser.test.ts` opens in Chromium, bundled for the browser
 * with esbuild: the shop's client, from the page's own origin, calling a route for its success
 * and for a domain error. What it found is left on `globalThis.results` for the test to read.
 */
import { client } from '../../../src/client/index.js';
import type { api } from '../../../examples/shop/handler.js';
import { shopErrors } from '../../../examples/shop/errors.js';

const origin = (globalThis as unknown as { readonly location: { readonly origin: string } })
  .location.origin;
const shop = client<typeof api>({ baseUrl: origin, errors: shopErrors, timeoutMs: 10_000 });

async function run(): Promise<unknown> {
  const found = await shop.request('GET /users/{id}', {
    params: { id: 'u-1' },
    requestId: 'browser-1',
  });
  const missing = await shop.request('GET /users/{id}', { params: { id: 'u-404' } });
  const invalid = await shop.request('POST /carts/{cartId}/checkout', {
    params: { cartId: 'c-1' },
    body: { items: [] },
  });
  return {
    found: found.isOk()
      ? { status: found.value.status, body: found.value.body, requestId: found.value.requestId }
      : found.error,
    missing: missing.isErr() ? missing.error : 'unexpected success',
    invalid: invalid.isErr() ? invalid.error : 'unexpected success',
  };
}

(globalThis as unknown as { results: Promise<unknown> }).results = run();
