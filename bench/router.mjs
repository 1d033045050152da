// Route matching cost against the number of routes, through the built package: the router walks
// a tree of path segments, so the time per request should barely move from 10 to 1,000 routes.
// Also the time to declare the routes (a module's load, in a cold start) and to answer the first
// request (which compiles the tree). Run with `npm run bench:router`. Figures are printed, never
// asserted.
import { ok } from 'neverthrow';
import { json, router, toLambda } from '../dist/index.js';

const RESOURCES = [
  'users',
  'orders',
  'products',
  'carts',
  'invoices',
  'shipments',
  'reviews',
  'coupons',
];

function apiWith(count) {
  let api = router();
  for (let i = 0; i < count; i++) {
    const resource = `${RESOURCES[i % RESOURCES.length]}${Math.floor(i / RESOURCES.length)}`;
    api = api.get(`/${resource}/{id}/items/{itemId}`, () => ok(json({ i })));
  }
  return api;
}

function eventFor(path) {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { host: 'api.example.com' },
    requestContext: {
      http: {
        method: 'GET',
        path,
        protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.9',
        userAgent: 'bench',
      },
      requestId: 'bench',
      routeKey: '$default',
      stage: '$default',
    },
    isBase64Encoded: false,
  };
}

const context = { awsRequestId: 'bench' };
const quiet = { error() {}, warn() {}, info() {}, debug() {} };
const rows = [];
for (const count of [10, 100, 1000]) {
  const declaring = process.hrtime.bigint();
  const api = apiWith(count);
  const declareMs = Number(process.hrtime.bigint() - declaring) / 1e6;
  const lambda = toLambda(api, { logger: quiet, clientErrorLogLevel: 'off' });
  // The last route added: the worst case for a linear scan, the same walk for a tree.
  const last = count - 1;
  const event = eventFor(
    `/${RESOURCES[last % RESOURCES.length]}${Math.floor(last / RESOURCES.length)}/u-1/items/i-2`,
  );
  const first = process.hrtime.bigint();
  await lambda(event, context);
  const firstMs = Number(process.hrtime.bigint() - first) / 1e6;
  for (let i = 0; i < 20_000; i++) await lambda(event, context);
  const runs = 100_000;
  const started = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) await lambda(event, context);
  const micros = Number(process.hrtime.bigint() - started) / runs / 1000;
  rows.push({
    routes: count,
    'declare (ms)': declareMs.toFixed(2),
    'first request (ms)': firstMs.toFixed(2),
    'µs per request': micros.toFixed(2),
  });
}
const base = Number(rows[0]['µs per request']);
for (const row of rows) row['vs 10 routes'] = (Number(row['µs per request']) / base).toFixed(2);
console.table(rows);
