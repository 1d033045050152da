/**
 * `npm start`: the shop API on http://localhost:3000 (`PORT` overrides; `EVENT=http|url|alb`
 * picks the event kind each request becomes, `rest` by default; `EVENT=custom` serves the same
 * API as a custom integration, `integration.ts`, through its mapping templates). Ctrl-C stops it.
 */
import type { LocalEventKind } from '../../src/dev/index.js';
import { serve } from '../../src/dev/index.js';
import { api, handler as proxyHandler } from './handler.js';
import { handler as integrationHandler } from './integration.js';

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

const handler = event === 'custom' ? integrationHandler : proxyHandler;
const server = await serve(handler, { port, event }).catch((error: unknown) => {
  const inUse = (error as { code?: unknown }).code === 'EADDRINUSE';
  console.error(
    inUse
      ? `Port ${String(port)} is in use: pick another with PORT=<n> npm start`
      : `Cannot listen on port ${String(port)}: ${String(error)}`,
  );
  return process.exit(1);
});
console.log(`Shop API (${event} events) at ${server.url}`);
for (const route of api.routes) console.log(`  ${route.method.padEnd(6)} ${route.path}`);
console.log(`Try: curl -i ${server.url}/users/u-1`);

const stop = (): void => {
  console.log('Stopping.');
  void server.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
