import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { Server } from 'node:http';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The client in a real browser: `npm start` serves the shop; a small server gives headless
// Chromium a page (from the same origin, so no CORS is involved) whose script — the client
// bundled for the browser by esbuild — calls the shop through that server, which passes every
// other request on to `npm start`. Chromium is Debian's (`apt-get install chromium`), driven by
// playwright-core; `CHROMIUM` names another executable. Without one, the test is skipped, unless
// GATEFOLD_BROWSER=required.

const root = path.resolve(import.meta.dirname, '../..');
const executable = [process.env['CHROMIUM'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (candidate): candidate is string => candidate !== undefined && existsSync(candidate),
);

let shop: ChildProcess | undefined;
let page: Server | undefined;
let browser: Browser | undefined;
let pageUrl = '';

/** Starts `npm start` on a free port; resolves to the shop's URL. */
function startShop(): Promise<string> {
  const child = spawn('npm', ['start'], {
    cwd: root,
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that npm, tsx and node stop together.
    detached: true,
  });
  shop = child;
  return new Promise((resolve, reject) => {
    let output = '';
    const read = (chunk: Buffer): void => {
      output += chunk.toString();
      const url = /at (http:\/\/\S+)/.exec(output)?.[1];
      if (url !== undefined) resolve(url);
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => {
      reject(new Error(`npm start exited with ${String(code)}: ${output}`));
    });
  });
}

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

// CI sets GATEFOLD_BROWSER=required (.ci/run installs Chromium): there, no Chromium is a failure,
// never a skip.
if (executable === undefined && process.env['GATEFOLD_BROWSER'] === 'required') {
  throw new Error('GATEFOLD_BROWSER=required, and no Chromium was found (/usr/bin/chromium).');
}

describe.skipIf(executable === undefined)('the client in headless Chromium', () => {
  const executablePath = executable ?? '';
  beforeAll(async () => {
    const [shopUrl, script] = await Promise.all([startShop(), bundle()]);
    page = await servePage(shopUrl, script);
    const address = page.address();
    pageUrl = `http://127.0.0.1:${String(typeof address === 'object' && address !== null ? address.port : 0)}/`;
    browser = await chromium.launch({
      executablePath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
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
    if (shop?.pid !== undefined && shop.exitCode === null) {
      try {
        process.kill(-shop.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
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
