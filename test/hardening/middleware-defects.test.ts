/**
 * Defects inside middleware, for every event kind: docs/middleware.md promises the CORS and
 * security headers on defects too, so a middleware that throws inside `cors` and
 * `securityHeaders`, or a `cors` origin predicate that throws, is answered with the masked 500 —
 * logged once — that the middleware around it still decorate.
 */
import { ok } from 'neverthrow';
import { describe, expect, it, vi } from 'vitest';
import type { Middleware } from '../../src/index.js';
import { json, toLambda } from '../../src/index.js';
import { cors, securityHeaders } from '../../src/middleware/index.js';
import type { Shape } from './shapes.js';
import {
  SHAPES,
  eventFor,
  jsonApi,
  lambdaContext,
  parsedResult,
  requestIdOf,
  resultFor,
} from './shapes.js';
import { capturingLogger } from '../support/logger.js';

const SHOP = 'https://shop.example';
const SECRET = 'S3CRET-51ab-do-not-show';

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'cache-control': 'no-store',
};

/** The masked 500 with `headers` added. */
function masked500(shape: Shape, headers: Readonly<Record<string, string>>): object {
  return resultFor(shape, {
    status: 500,
    headers: { 'content-type': 'application/json', ...headers },
    body: jsonApi(requestIdOf(shape), {
      status: '500',
      title: 'Internal Server Error',
      detail: 'The server failed to handle the request. Quote the request id when reporting this.',
    }),
  });
}

/** The one defect line, naming the error thrown. */
function defectLogged(shape: Shape, errorMessage: string): unknown[][] {
  return [
    [
      expect.objectContaining({
        message: 'Handler defect answered with a masked 500',
        requestId: requestIdOf(shape),
        errorName: 'Error',
        errorMessage,
      }),
    ],
  ];
}

const throwing: readonly (readonly [string, Middleware])[] = [
  [
    'throws',
    () => () => {
      throw new Error(SECRET);
    },
  ],
  ['rejects', () => () => Promise.reject(new Error(SECRET))],
  [
    'throws after calling next',
    (next) => async (request, context) => {
      await next(request, context);
      throw new Error(SECRET);
    },
  ],
  [
    'throws while being set up',
    () => {
      throw new Error(SECRET);
    },
  ],
];

function request(shape: Shape) {
  return eventFor(shape, { path: '/items', headers: { origin: SHOP } });
}

describe.each(SHAPES)('defects inside middleware, %s events', (shape) => {
  it.each(throwing)(
    'a middleware inside cors and securityHeaders that %s: the masked 500 with their headers',
    async (_, broken) => {
      const logger = capturingLogger();
      const handler = toLambda(() => ok(json({ fine: true })), {
        logger,
        middleware: [cors({ origins: [SHOP], credentials: true }), securityHeaders(), broken],
      });

      const result = await handler(request(shape), lambdaContext());

      expect(parsedResult(result)).toEqual(
        masked500(shape, {
          ...SECURITY_HEADERS,
          'access-control-allow-origin': SHOP,
          'access-control-allow-credentials': 'true',
          vary: 'origin',
        }),
      );
      expect(logger.error.mock.calls).toEqual(defectLogged(shape, SECRET));
      expect(JSON.stringify(result)).not.toContain(SECRET);
    },
  );

  it('a cors origin predicate that throws: the masked 500, varying on Origin, with the security headers around it', async () => {
    const logger = capturingLogger();
    const run = vi.fn(() => ok(json({ fine: true })));
    const handler = toLambda(run, {
      logger,
      middleware: [
        securityHeaders(),
        cors({
          origins: () => {
            throw new Error(SECRET);
          },
          credentials: true,
        }),
      ],
    });

    const result = await handler(request(shape), lambdaContext());

    // The origin was not vouched for: no allow-origin, as for any origin refused.
    expect(parsedResult(result)).toEqual(masked500(shape, { ...SECURITY_HEADERS, vary: 'origin' }));
    expect(run).not.toHaveBeenCalled();
    expect(logger.error.mock.calls).toEqual(defectLogged(shape, SECRET));
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('a cors origin predicate that throws, cors outermost: the masked 500, varying on Origin', async () => {
    // securityHeaders inside cors never runs: cors answers itself, as it does a preflight.
    const logger = capturingLogger();
    const handler = toLambda(() => ok(json({ fine: true })), {
      logger,
      middleware: [
        cors({
          origins: () => {
            throw new Error(SECRET);
          },
        }),
        securityHeaders(),
      ],
    });

    const result = await handler(request(shape), lambdaContext());

    expect(parsedResult(result)).toEqual(masked500(shape, { vary: 'origin' }));
    expect(logger.error.mock.calls).toEqual(defectLogged(shape, SECRET));
  });
});
