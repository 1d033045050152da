/**
 * `npm start`: the shop API on http://localhost:3000 (`PORT` overrides; `EVENT=http|url|alb`
 * picks the event kind each request becomes, `rest` by default). Ctrl-C stops it.
 */
import type { LocalEventKind } from '../../src/index.js';
import { serve } from '../../src/index.js';
import { api, handler } from './handler.js';

const KINDS: readonly LocalEventKind[] = ['rest', 'http', 'url', 'alb', 'alb-multi'];
const port = Number(process.env['PORT'] ?? 3000);
const requested = process.env['EVENT'] ?? 'rest';
const event = KINDS.find((kind) => kind === requested) ?? 'rest';

const server = await serve(handler, { port, event });
console.log(`Shop API (${event} events) at ${server.url}`);
for (const route of api.routes) console.log(`  ${route.method.padEnd(6)} ${route.path}`);
console.log(`Try: curl -i ${server.url}/users/u-1`);

const stop = (): void => {
  console.log('Stopping.');
  void server.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
