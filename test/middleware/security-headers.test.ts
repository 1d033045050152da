import { err, ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import {
  created,
  json,
  notFound,
  redirect,
  serviceUnavailable,
  toLambda,
} from '../../src/index.js';
import { securityHeaders } from '../../src/middleware/index.js';
import type { HttpRequest, Outcome, ProblemError } from '../../src/index.js';
import type { SecurityHeadersOptions } from '../../src/middleware/index.js';
import { albEvent, fakeContext, httpApiEvent, restApiEvent } from '../../src/testing/index.js';
import { thrownBy } from '../hardening/refusal.js';
import { capturingLogger } from '../support/logger.js';
import { HTTP_REQUEST_ID, LAMBDA_REQUEST_ID, REST_REQUEST_ID } from '../support/request-id.js';

const context = fakeContext({ awsRequestId: LAMBDA_REQUEST_ID });

type TestHandler = (request: HttpRequest) => Outcome<unknown, ProblemError>;

const DEFAULTS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
};

function withSecurityHeaders(handler: TestHandler, options?: SecurityHeadersOptions) {
  const logger = capturingLogger();
  return {
    lambda: toLambda(handler, { logger, middleware: [securityHeaders(options)] }),
    logger,
  };
}

describe('securityHeaders: defaults', () => {
  it('adds every default to a success, and no Cache-Control (REST)', async () => {
    const { lambda } = withSecurityHeaders(() => ok({ id: 'u-1' }));
    expect(await lambda(restApiEvent({ requestId: REST_REQUEST_ID }), context)).toStrictEqual({
      statusCode: 200,
      headers: {
        'content-type': 'application/json',
        ...DEFAULTS,
        'x-request-id': REST_REQUEST_ID,
      },
      multiValueHeaders: {},
      body: '{"id":"u-1"}',
      isBase64Encoded: false,
    });
  });

  it('adds them to a 201, a 204 and a redirect, without Cache-Control', async () => {
    const { lambda } = withSecurityHeaders((request) =>
      request.path === '/new'
        ? ok(created('/items/i-1'))
        : request.path === '/old'
          ? ok(redirect('/items', 308))
          : ok(undefined),
    );
    for (const [path, status, extra] of [
      ['/new', 201, { location: '/items/i-1' }],
      ['/old', 308, { location: '/items' }],
      ['/empty', 204, {}],
    ] as const) {
      const result = await lambda(httpApiEvent({ path, requestId: HTTP_REQUEST_ID }), context);
      expect(result).toStrictEqual({
        statusCode: status,
        headers: { ...extra, ...DEFAULTS, 'x-request-id': HTTP_REQUEST_ID },
        cookies: [],
        body: '',
        isBase64Encoded: false,
      });
    }
  });

  it('adds them and Cache-Control: no-store to a problem (4xx)', async () => {
    const { lambda } = withSecurityHeaders(() => err(notFound()));
    expect(await lambda(httpApiEvent({ requestId: HTTP_REQUEST_ID }), context)).toStrictEqual({
      statusCode: 404,
      headers: {
        'content-type': 'application/json',
        ...DEFAULTS,
        'cache-control': 'no-store',
        'x-request-id': HTTP_REQUEST_ID,
      },
      cookies: [],
      body: JSON.stringify({
        errors: [{ status: '404', title: 'Not Found' }],
        meta: { requestId: HTTP_REQUEST_ID },
      }),
      isBase64Encoded: false,
    });
  });

  it('adds them and Cache-Control: no-store to a 5xx problem and to a masked defect', async () => {
    const { lambda, logger } = withSecurityHeaders((request) => {
      if (request.path === '/busy') return err(serviceUnavailable(30));
      throw new Error('boom');
    });
    const busy = await lambda(httpApiEvent({ path: '/busy', requestId: HTTP_REQUEST_ID }), context);
    expect(busy.statusCode).toBe(503);
    expect(busy.headers).toStrictEqual({
      'content-type': 'application/json',
      'retry-after': '30',
      ...DEFAULTS,
      'cache-control': 'no-store',
      'x-request-id': HTTP_REQUEST_ID,
    });
    const defect = await lambda(
      httpApiEvent({ path: '/boom', requestId: HTTP_REQUEST_ID }),
      context,
    );
    expect(defect.statusCode).toBe(500);
    expect(defect.headers).toStrictEqual({
      'content-type': 'application/json',
      ...DEFAULTS,
      'cache-control': 'no-store',
      'x-request-id': HTTP_REQUEST_ID,
    });
    expect(logger.error).toHaveBeenCalledTimes(2);
  });

  it('in ALB multi-value mode, every header a list', async () => {
    const { lambda } = withSecurityHeaders(() => err(notFound()));
    const result = await lambda(albEvent({ multiValue: true }), context);
    expect(result).toStrictEqual({
      statusCode: 404,
      statusDescription: '404 Not Found',
      multiValueHeaders: {
        'content-type': ['application/json'],
        'x-content-type-options': ['nosniff'],
        'x-frame-options': ['DENY'],
        'referrer-policy': ['no-referrer'],
        'content-security-policy': ["default-src 'none'; frame-ancestors 'none'"],
        'strict-transport-security': ['max-age=31536000; includeSubDomains'],
        'cache-control': ['no-store'],
        'x-request-id': [LAMBDA_REQUEST_ID],
      },
      body: JSON.stringify({
        errors: [{ status: '404', title: 'Not Found' }],
        meta: { requestId: LAMBDA_REQUEST_ID },
      }),
      isBase64Encoded: false,
    });
  });
});

describe('securityHeaders: options', () => {
  it('overrides a default, removes one with false, adds others (names any case)', async () => {
    const { lambda } = withSecurityHeaders(() => ok({ id: 'u-1' }), {
      headers: {
        'X-Frame-Options': 'SAMEORIGIN',
        'Strict-Transport-Security': false,
        'content-security-policy': false,
        'Permissions-Policy': 'camera=()',
      },
    });
    expect(
      (await lambda(httpApiEvent({ requestId: HTTP_REQUEST_ID }), context)).headers,
    ).toStrictEqual({
      'content-type': 'application/json',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
      'permissions-policy': 'camera=()',
      'x-request-id': HTTP_REQUEST_ID,
    });
  });

  it('lets a response keep its own value of a header', async () => {
    const { lambda } = withSecurityHeaders(() =>
      ok(
        json(
          { page: 1 },
          {
            headers: {
              'Content-Security-Policy': "default-src 'self'",
              'Referrer-Policy': 'same-origin',
            },
          },
        ),
      ),
    );
    expect(
      (await lambda(httpApiEvent({ requestId: HTTP_REQUEST_ID }), context)).headers,
    ).toStrictEqual({
      'content-type': 'application/json',
      'content-security-policy': "default-src 'self'",
      'referrer-policy': 'same-origin',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-request-id': HTTP_REQUEST_ID,
    });
  });

  it("keeps a problem's own Cache-Control", async () => {
    const { lambda } = withSecurityHeaders(() =>
      err(notFound({ headers: { 'Cache-Control': 'public, max-age=60' } })),
    );
    const result = await lambda(httpApiEvent({ requestId: HTTP_REQUEST_ID }), context);
    expect(result.headers?.['cache-control']).toBe('public, max-age=60');
  });

  it('uses the configured errorCacheControl on errors only', async () => {
    const { lambda } = withSecurityHeaders(
      (request) => (request.path === '/missing' ? err(notFound()) : ok({ id: 'u-1' })),
      { errorCacheControl: 'private, no-cache' },
    );
    const missing = await lambda(
      httpApiEvent({ path: '/missing', requestId: HTTP_REQUEST_ID }),
      context,
    );
    expect(missing.headers?.['cache-control']).toBe('private, no-cache');
    const found = await lambda(httpApiEvent({ requestId: HTTP_REQUEST_ID }), context);
    expect(found.headers?.['cache-control']).toBeUndefined();
  });

  it('sends no Cache-Control on errors with errorCacheControl: false', async () => {
    const { lambda } = withSecurityHeaders(() => err(notFound()), { errorCacheControl: false });
    expect(
      (await lambda(httpApiEvent({ requestId: HTTP_REQUEST_ID }), context)).headers,
    ).toStrictEqual({
      'content-type': 'application/json',
      ...DEFAULTS,
      'x-request-id': HTTP_REQUEST_ID,
    });
  });

  it('with every default removed and errorCacheControl: false, changes nothing', async () => {
    const { lambda } = withSecurityHeaders(() => err(notFound()), {
      headers: Object.fromEntries(Object.keys(DEFAULTS).map((name) => [name, false])),
      errorCacheControl: false,
    });
    expect(
      (await lambda(httpApiEvent({ requestId: HTTP_REQUEST_ID }), context)).headers,
    ).toStrictEqual({
      'content-type': 'application/json',
      'x-request-id': HTTP_REQUEST_ID,
    });
  });
});

describe('securityHeaders: options no response could carry are refused when it is built', () => {
  it.each<[string, unknown, string]>([
    [
      'a value with ESC',
      { headers: { 'x-frame-options': 'DENY\u001b[0m' } },
      'securityHeaders: `headers.x-frame-options` has a character a header value cannot hold (RFC 9110 §5.5: HTAB, space, visible ASCII and 0x80–0xFF only).',
    ],
    [
      'a value with CR LF',
      { headers: { 'content-security-policy': "default-src 'none'\r\nx-injected: 1" } },
      'securityHeaders: `headers.content-security-policy` has a character a header value cannot hold (RFC 9110 §5.5: HTAB, space, visible ASCII and 0x80–0xFF only).',
    ],
    [
      'a value that is true',
      { headers: { 'x-frame-options': true } },
      "securityHeaders: `headers.x-frame-options` is a boolean; pass the header's value, or false to leave it out.",
    ],
    [
      'a name that is not a token',
      { headers: { 'x frame options': 'DENY' } },
      'securityHeaders: "x frame options" in `headers` is not a header name (an RFC 9110 token).',
    ],
    [
      'headers as a string',
      { headers: 'x-frame-options: DENY' },
      "securityHeaders: `headers` is a string; pass an object of names to values, e.g. { 'x-frame-options': 'SAMEORIGIN' }.",
    ],
    [
      'an error Cache-Control above U+00FF',
      { errorCacheControl: 'no-store \u2014 always' },
      'securityHeaders: `errorCacheControl` has a character a header value cannot hold (RFC 9110 §5.5: HTAB, space, visible ASCII and 0x80–0xFF only).',
    ],
    [
      'a string where the options belong',
      'strict',
      'securityHeaders: the options are a string; pass an object, e.g. securityHeaders({ errorCacheControl: false }).',
    ],
  ])('%s', (_, options, message) => {
    expect(thrownBy(() => securityHeaders(options as SecurityHeadersOptions))).toStrictEqual(
      new TypeError(message),
    );
  });

  it('a header left out with false, and obs-text in a value, are accepted', () => {
    expect(
      thrownBy(() =>
        securityHeaders({ headers: { 'x-frame-options': false, 'x-note': 'caf\u00e9' } }),
      ),
    ).toBeUndefined();
  });
});
