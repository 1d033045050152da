/**
 * `npm start`: the shop API on http://localhost:3000 (`PORT` overrides; `EVENT=http|url|alb`
 * picks the event kind each request becomes, `rest` by default; `EVENT=custom` serves the same
 * API as a custom integration, `integration.ts`, through its mapping templates). Ctrl-C stops it.
 *
 * The streamed routes (`stream.ts`, `GET /orders/{id}/events`) share the origin: one server
 * passes their requests to the streaming function's local server, as `url` events with
 * `EVENT=url` and `rest` events otherwise (only those two sources stream), and every other
 * request to the buffered API's, unchanged.
 */
import { createServer, request as forwardRequest } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalEventKind, LocalServer } from '../../src/dev/index.js';
import { serve } from '../../src/dev/index.js';
import { api, handler as proxyHandler } from './handler.js';
import { handler as integrationHandler } from './integration.js';
import { handler as streamingHandler, streams } from './stream.js';

const KINDS: readonly LocalEventKind[] = ['rest', 'http', 'url', 'alb', 'alb-multi', 'custom'];
const requestedPort = process.env['PORT'] ?? '3000';
const port = /^\d{1,5}$/.test(requestedPort) ? Number(requestedPort) : Number.NaN;
const requested = process.env['EVENT'] ?? 'rest';
const event = KINDS.find((kind) => kind === requested);

if (event === undefined || !(port <= 65_535)) {
  console.error(
    event === undefined
      ? `EVENT must be one of ${KINDS.join(', ')} (got "${requested}")`
      : `PORT must be a whole number from 0 to 65535 (got "${requestedPort}")`,
  );
  process.exit(2);
}

/** The paths the streaming function answers; everything else is the buffered API's. */
const STREAMED = /^\/orders\/[^/?#]+\/events\/?(?:[?#]|$)/;

const handler = event === 'custom' ? integrationHandler : proxyHandler;
const streamEvent: LocalEventKind = event === 'url' ? 'url' : 'rest';
const [buffered, streamed] = await Promise.all([
  serve(handler, { port: 0, event }),
  serve(streamingHandler, { port: 0, event: streamEvent }),
]);

/** Passes one request to `target` and its answer back as it comes, chunk by chunk. */
function forward(target: LocalServer, incoming: IncomingMessage, outgoing: ServerResponse): void {
  const out = forwardRequest(
    {
      host: '127.0.0.1',
      port: target.port,
      method: incoming.method,
      path: incoming.url,
      headers: incoming.headers,
    },
    (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      // The status and headers go out at once: a stream's first event may be a while coming.
      outgoing.flushHeaders();
      answer.pipe(outgoing);
    },
  );
  out.on('error', () => {
    if (outgoing.headersSent) outgoing.destroy();
    else outgoing.writeHead(502).end();
  });
  // A client that leaves closes the function's stream too, which aborts its signal.
  outgoing.once('close', () => {
    if (!outgoing.writableFinished) out.destroy();
  });
  incoming.pipe(out);
}

const front = createServer((incoming, outgoing) => {
  forward(STREAMED.test(incoming.url ?? '/') ? streamed : buffered, incoming, outgoing);
});
const url = await new Promise<string>((resolve) => {
  front.once('error', (error: unknown) => {
    const inUse = (error as { code?: unknown }).code === 'EADDRINUSE';
    console.error(
      inUse
        ? `Port ${String(port)} is in use: pick another with PORT=<n> npm start`
        : `Cannot listen on port ${String(port)}: ${String(error)}`,
    );
    process.exit(1);
  });
  front.listen(port, '127.0.0.1', () => {
    const address = front.address();
    resolve(
      `http://127.0.0.1:${String(typeof address === 'object' && address !== null ? address.port : port)}`,
    );
  });
});
console.log(`Shop API (${event} events) at ${url}`);
for (const route of api.routes) console.log(`  ${route.method.padEnd(6)} ${route.path}`);
console.log(`Streamed (${streamEvent} events, server-sent events) at ${url}`);
for (const route of streams.routes) console.log(`  ${route.method.padEnd(6)} ${route.path}`);
console.log(`Try: curl -i ${url}/users/u-1`);
console.log(`     curl -N ${url}/orders/o-1/events   (after a checkout places o-1)`);

const stop = (): void => {
  console.log('Stopping.');
  front.close();
  front.closeAllConnections();
  void Promise.all([buffered.close(), streamed.close()]).then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
