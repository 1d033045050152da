import { createServer, request as httpRequest } from 'node:http';
import type { Server } from 'node:http';
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningShop } from '../support/browser.js';
import { chromiumExecutable, launchChromium, startShop } from '../support/browser.js';

// The client in a real browser: `npm start` serves the shop; a small server gives headless
// Chromium a page (from the same origin, so no CORS is involved) whose script — the client
// bundled for the browser by esbuild — calls the shop through that server, which passes every
// other request on to `npm start`. Chromium is Debian's (`apt-get install chromium`), driven by
// playwright-core; `CHROMIUM` names another executable. Without one, the test is skipped, unless
// GATEFOLD_BROWSER=required.

const executable = chromiumExecutable();

let shop: RunningShop | undefined;
let page: Server | undefined;
let browser: Browser | undefined;
let pageUrl = '';

/** The page's script: test/client/browser/page.ts and what it imports, for the browser. */
async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(import.meta.dirname, 'browser/page.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    // The error map's module imports `gatefold`, whose Node.js-only modules the bundle drops as
    // unused: marked external, any that stayed would fail to load in the page, and the test.
    external: ['node:*'],
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

/** Serves the page and its script, and passes every other request on to the shop. */
function servePage(shopUrl: string, script: string): Promise<Server> {
  const target = new URL(shopUrl);
  const server = createServer((incoming, outgoing) => {
    if (incoming.url === '/') {
      outgoing.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      outgoing.end(
        '<!doctype html><title>shop</title><script type="module" src="/page.js"></script>',
      );
      return;
    }
    if (incoming.url === '/page.js') {
      outgoing.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      outgoing.end(script);
      return;
    }
    const forward = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forward.on('error', () => {
      outgoing.writeHead(502).end();
    });
    incoming.pipe(forward);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve(server);
    });
  });
}

describe.skipIf(executable === undefined)('the client in headless Chromium', () => {
  const executablePath = executable ?? '';
  beforeAll(async () => {
    const [started, script] = await Promise.all([startShop(), bundle()]);
    shop = started;
    page = await servePage(started.url, script);
    const address = page.address();
    pageUrl = `http://127.0.0.1:${String(typeof address === 'object' && address !== null ? address.port : 0)}/`;
    browser = await launchChromium(executablePath);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => {
      if (page === undefined) resolve();
      else
        page.close(() => {
          resolve();
        });
    });
    shop?.stop();
  });

  it('calls the shop: a success, a domain error and validation problems', async () => {
    const tab = await browser?.newPage();
    if (tab === undefined) throw new Error('no browser');
    await tab.goto(pageUrl);
    await tab.waitForFunction(() => 'results' in globalThis, undefined, { timeout: 30_000 });
    const results = await tab.evaluate(
      () => (globalThis as unknown as { results: Promise<unknown> }).results,
    );
    expect(results).toMatchObject({
      found: {
        status: 200,
        body: { data: { type: 'users', id: 'u-1' } },
        requestId: 'browser-1',
      },
      missing: { kind: 'domain', _tag: 'UserNotFound', status: 404 },
      invalid: { kind: 'validation', status: 400, problems: [{ pointer: '/items' }] },
    });
  }, 60_000);
});
