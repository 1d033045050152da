/**
 * The route in each log line is the one its own request was routed to, whether requests are
 * answered one after another, at the same time, or through a router inside a router.
 */
import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { json, router, toLambda } from '../../src/index.js';
import { fakeContext, httpApiEvent } from '../../src/testing/index.js';
import { capturingLogger } from '../support/logger.js';

function routesLogged(logger: ReturnType<typeof capturingLogger>): Record<string, unknown>[] {
  return logger.info.mock.calls
    .map(([record]) => record as { message: unknown; path: unknown; route: unknown })
    .filter(({ message }) => message === 'request')
    .map(({ path, route }) => ({ path, route }));
}

describe('routes in the access log', () => {
  it('each request its own route, when a slow request is still running as others are routed', async () => {
    let release: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    const logger = capturingLogger();
    const handler = toLambda(
      router()
        .get('/slow/{id}', async () => {
          await slow;
          return ok(json('slow'));
        })
        .get('/fast/{id}', () => ok(json('fast'))),
      { logger, accessLog: true },
    );

    const first = handler(httpApiEvent({ path: '/slow/1' }), fakeContext());
    await handler(httpApiEvent({ path: '/fast/2' }), fakeContext());
    const third = handler(httpApiEvent({ path: '/slow/3' }), fakeContext());
    await handler(httpApiEvent({ path: '/fast/4' }), fakeContext());
    release();
    await Promise.all([first, third]);

    expect(routesLogged(logger)).toEqual([
      { path: '/fast/2', route: 'GET /fast/{id}' },
      { path: '/fast/4', route: 'GET /fast/{id}' },
      { path: '/slow/1', route: 'GET /slow/{id}' },
      { path: '/slow/3', route: 'GET /slow/{id}' },
    ]);
  });

  it('the outer route, for a router mounted as a route of another', async () => {
    const logger = capturingLogger();
    const inner = router().get('/users/{id}', () => ok(json('user')));
    const handler = toLambda(
      router()
        .get('/users/{id}', inner)
        .get('/health', () => ok(1)),
      {
        logger,
        accessLog: true,
      },
    );

    await handler(httpApiEvent({ path: '/users/1' }), fakeContext());
    await handler(httpApiEvent({ path: '/health' }), fakeContext());
    await handler(httpApiEvent({ path: '/nowhere' }), fakeContext());

    expect(routesLogged(logger)).toEqual([
      { path: '/users/1', route: 'GET /users/{id}' },
      { path: '/health', route: 'GET /health' },
      { path: '/nowhere', route: '$default' },
    ]);
  });
});
