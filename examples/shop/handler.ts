/**
 * The shop API: one Lambda function behind a `{proxy+}` resource (REST API) or the `$default`
 * route (HTTP API). Errors are JSON:API documents unless the client's `Accept` prefers
 * `application/problem+json` (RFC 9457).
 */
import { router, toLambda } from '../../src/index.js';
import { shopErrors } from './errors.js';
import { checkout } from './routes/checkout.js';
import { getUser } from './routes/get-user.js';
import { Health, health } from './routes/health.js';
import { me } from './routes/me.js';
import { registerUser } from './routes/register-user.js';

export const api = router({ errors: shopErrors })
  // A plain handler, not an endpoint: its route says what it answers.
  .get('/health', health, { describe: { summary: 'Check health', response: Health } })
  .post('/users', registerUser)
  .get('/users/{id}', getUser)
  .get('/me', me)
  .post('/carts/{cartId}/checkout', checkout);

export const handler = toLambda(api, { errorFormat: 'negotiate', accessLog: false });
