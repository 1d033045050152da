import { err, ok } from 'neverthrow';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HttpRequest } from '../../src/index.js';
import { json, notFound, toLambda } from '../../src/index.js';
import { httpApiEvent, invoke } from '../../src/testing/index.js';

// docs/testing.md's "Log lines" example, run: the lines it shows, and nothing printed.
const handler = toLambda(
  (request: HttpRequest) =>
    request.path === '/users/u-1'
      ? ok(json({ id: 'u-1' }))
      : err(notFound({ code: 'UserNotFound' })),
  { accessLog: true, metrics: { namespace: 'shop-api' } },
);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('docs/testing.md log lines example', () => {
  it('returns the lines it shows, in order, and prints nothing', async () => {
    const spies = [
      vi.spyOn(console, 'error'),
      vi.spyOn(console, 'warn'),
      vi.spyOn(console, 'info'),
      vi.spyOn(console, 'debug'),
      vi.spyOn(console, 'log'),
      vi.spyOn(process.stdout, 'write'),
    ];

    const response = await invoke(handler, httpApiEvent({ path: '/users/u-9' }));

    expect(response.logs).toEqual([
      expect.objectContaining({
        level: 'info',
        message: 'Answered 404: a client error',
        requestId: expect.any(String) as string,
        path: '/users/u-9',
        status: 404,
        errors: [{ status: 404, title: 'Not Found', code: 'UserNotFound' }],
      }),
      expect.objectContaining({
        level: 'info',
        message: 'request',
        status: 404,
        durationMs: expect.any(Number) as number,
        errorCodes: ['UserNotFound'],
      }),
      expect.objectContaining({
        level: 'metrics',
        _aws: expect.objectContaining({ Timestamp: expect.any(Number) as number }) as object,
        Route: '$default',
        Requests: 1,
        ClientErrors: 1,
      }),
    ]);
    const messages = response.logs.flatMap((log) => (log.level === 'metrics' ? [] : [log.message]));
    expect(messages.join()).toBe('Answered 404: a client error,request');
    expect(spies.map((spy) => spy.mock.calls)).toEqual([[], [], [], [], [], []]);
  });
});
