import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningShop } from '../support/browser.js';
import { chromiumExecutable, launchChromium, startShop } from '../support/browser.js';

// The shop's server-sent events in a real browser: `npm start` serves the buffered API and the
// streamed route on one origin; headless Chromium opens a page from it, places an order with
// `fetch` and reads the order's status with `EventSource`, reconnecting as browsers do.
// Chromium is Debian's (`apt-get install chromium`), driven by playwright-core; `CHROMIUM` names
// another executable. Without one, the test is skipped, unless GATEFOLD_BROWSER=required.

const executable = chromiumExecutable();

let shop: RunningShop | undefined;
let browser: Browser | undefined;

/** What the page's script saw of one `EventSource`. */
interface Seen {
  readonly opened: number;
  readonly events: readonly { type: string; lastEventId: string; data: unknown }[];
  readonly errors: readonly number[];
  /** `EventSource.CLOSED` (2) once the browser gave up; -1 when it had not after 15 s. */
  readonly finalState: number;
}

// Run in the page, as plain JavaScript: opens an EventSource on `url`, collects every `status`
// event, and resolves once the browser has given up on it (readyState CLOSED) — after the
// server's 204 to its reconnection, or at once for a failed connection — or after 15 s.
const READ_EVENTS = `(url) => new Promise((resolve) => {
  const source = new EventSource(url);
  const seen = { opened: 0, events: [], errors: [] };
  const finish = (finalState) => {
    clearTimeout(timer);
    source.close();
    resolve({ ...seen, finalState });
  };
  const timer = setTimeout(() => finish(-1), 15000);
  source.onopen = () => { seen.opened += 1; };
  source.addEventListener('status', (event) => {
    seen.events.push({ type: event.type, lastEventId: event.lastEventId, data: JSON.parse(event.data) });
  });
  source.onerror = () => {
    seen.errors.push(source.readyState);
    if (source.readyState === EventSource.CLOSED) finish(source.readyState);
  };
})`;

async function readEvents(tab: Page, url: string): Promise<Seen> {
  return tab.evaluate<Seen>(`(${READ_EVENTS})(${JSON.stringify(url)})`);
}

describe.skipIf(executable === undefined)('the shop’s order events in headless Chromium', () => {
  const executablePath = executable ?? '';
  beforeAll(async () => {
    [shop, browser] = await Promise.all([startShop(), launchChromium(executablePath)]);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    shop?.stop();
  });

  it('reads each status change in order, then stops at the server’s 204', async () => {
    const tab = await browser?.newPage();
    if (tab === undefined) throw new Error('no browser');
    // A page from the shop's own origin: no CORS between it and either route.
    await tab.goto(`${shop?.url ?? ''}/health`);
    const placed = await tab.evaluate(async () => {
      const response = await fetch('/carts/c-1/checkout', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ items: [{ productId: 'p-1', quantity: 2 }] }),
      });
      return { status: response.status, body: await response.json() };
    });
    expect(placed).toMatchObject({ status: 200, body: { data: { type: 'orders', id: 'o-1' } } });

    const seen = await readEvents(tab, '/orders/o-1/events');
    const statuses = ['placed', 'paid', 'packed', 'shipped'];
    expect(seen.events).toEqual(
      statuses.map((status, index) => ({
        type: 'status',
        lastEventId: String(index + 1),
        data: { orderId: 'o-1', status, totalCents: 2500 },
      })),
    );
    // The stream ended; the browser reconnected with Last-Event-ID: 4 after `retry`, was
    // answered 204, and gave up: one open, no event twice.
    expect(seen.opened).toBe(1);
    expect(seen.errors).toEqual([0, 2]);
    expect(seen.finalState).toBe(2);
    expect(shop?.output()).toMatch(/GET \/orders\/o-1\/events → 200/);
    expect(shop?.output()).toMatch(/GET \/orders\/o-1\/events → 204/);
  }, 60_000);

  it('fails the connection for an unknown order: the 404 comes before any event', async () => {
    const tab = await browser?.newPage();
    if (tab === undefined) throw new Error('no browser');
    await tab.goto(`${shop?.url ?? ''}/health`);
    const seen = await readEvents(tab, '/orders/o-9/events');
    expect(seen).toEqual({ opened: 0, events: [], errors: [2], finalState: 2 });
    expect(shop?.output()).toMatch(/GET \/orders\/o-9\/events → 404/);
  }, 60_000);
});
