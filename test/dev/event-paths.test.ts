/**
 * The events `serve()` builds, as each source builds them: the path encoded as that source hands
 * it over, and query keys and headers named like prototype members kept as ordinary keys.
 */
import { ok } from 'neverthrow';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, toLambda } from '../../src/index.js';
import type { LocalEventKind, LocalServer } from '../../src/dev/index.js';
import { serve } from '../../src/dev/index.js';
import { capturingLogger } from '../support/logger.js';

const KINDS: readonly LocalEventKind[] = ['rest', 'http', 'url', 'alb', 'alb-multi'];

/** A function that keeps every event it is invoked with and answers 204. */
function recorder(): {
  readonly events: Record<string, unknown>[];
  readonly handler: (event: never) => Promise<unknown>;
} {
  const events: Record<string, unknown>[] = [];
  return {
    events,
    handler: (event: never) => {
      events.push(event);
      return Promise.resolve({ statusCode: 204, body: '' });
    },
  };
}

/** A GET request sent as written, byte for byte: no client normalises its path. */
function rawGet(
  server: LocalServer,
  target: string,
  headers: readonly (readonly [string, string])[] = [],
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port: server.port, path: target, method: 'GET', setHost: true },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            headers: { ...response.headers },
          });
        });
      },
    );
    for (const [name, value] of headers) request.setHeader(name, value);
    request.on('error', reject);
    request.end();
  });
}

describe('the path in each kind of event', () => {
  const recorded = recorder();
  const servers = new Map<LocalEventKind, LocalServer>();

  beforeAll(async () => {
    for (const kind of KINDS)
      servers.set(kind, await serve(recorded.handler, { port: 0, event: kind, log: false }));
  });
  afterAll(async () => {
    await Promise.all([...servers.values()].map((server) => server.close()));
  });

  function server(kind: LocalEventKind): LocalServer {
    const found = servers.get(kind);
    if (found === undefined) throw new Error(`no server for ${kind}`);
    return found;
  }

  /** The path fields of the one event a request became. */
  async function pathFields(kind: LocalEventKind, target: string): Promise<unknown> {
    recorded.events.length = 0;
    const response = await rawGet(server(kind), target);
    expect(response.status).toBe(204);
    expect(recorded.events).toHaveLength(1);
    const event = recorded.events[0] as Record<string, Record<string, unknown> | undefined>;
    return {
      path: event['path'],
      rawPath: event['rawPath'],
      pathParameters: event['pathParameters'],
      contextPath: event['requestContext']?.['path'],
      httpPath: (event['requestContext']?.['http'] as Record<string, unknown> | undefined)?.[
        'path'
      ],
    };
  }

  // Live captures of every source (hotsock/voker#8): REST APIs, Function URLs and ALBs pass the
  // path as sent; an HTTP API decodes it twice, ending it at a `?` the first decoding revealed.
  const SENT = '/a%20b/%2561dmin/c%2Fd/q%3Fx';
  const none = { rawPath: undefined, httpPath: undefined };
  it.each<[LocalEventKind, object]>([
    [
      'rest',
      {
        ...none,
        path: SENT,
        pathParameters: { proxy: SENT.slice(1) },
        contextPath: `/local${SENT}`,
      },
    ],
    [
      'http',
      {
        path: undefined,
        pathParameters: undefined,
        contextPath: undefined,
        rawPath: '/a b/admin/c/d/q',
        httpPath: '/a b/admin/c/d/q',
      },
    ],
    [
      'url',
      {
        path: undefined,
        pathParameters: undefined,
        contextPath: undefined,
        rawPath: SENT,
        httpPath: '/a b/%61dmin/c/d/q?x',
      },
    ],
    ['alb', { ...none, path: SENT, pathParameters: undefined, contextPath: undefined }],
    ['alb-multi', { ...none, path: SENT, pathParameters: undefined, contextPath: undefined }],
  ])('%s: the path as that source hands it over', async (kind, expected) => {
    expect(await pathFields(kind, SENT)).toEqual(expected);
  });

  it('http: a path an HTTP API cannot decode is answered 400 without invoking the function', async () => {
    recorded.events.length = 0;
    const response = await rawGet(server('http'), '/files/100%25');
    expect({
      status: response.status,
      type: response.headers['content-type'],
      body: response.body,
    }).toEqual({ status: 400, type: 'application/json', body: '{"message":"Bad Request"}' });
    expect(recorded.events).toEqual([]);
  });

  it.each<LocalEventKind>(['rest', 'url', 'alb'])(
    '%s: the same path is handed over as sent',
    async (kind) => {
      expect(await pathFields(kind, '/files/100%25')).toMatchObject(
        kind === 'url' ? { rawPath: '/files/100%25' } : { path: '/files/100%25' },
      );
    },
  );
});

describe('query keys and headers named like prototype members', () => {
  const api = toLambda(
    (request) =>
      ok(
        json({
          query: { ...request.query },
          header: request.headers['__proto__'] ?? null,
          constructorHeader: request.headers['constructor'] ?? null,
        }),
      ),
    { logger: capturingLogger() },
  );
  const servers = new Map<LocalEventKind, LocalServer>();

  beforeAll(async () => {
    for (const kind of KINDS)
      servers.set(kind, await serve(api, { port: 0, event: kind, log: false }));
  });
  afterAll(async () => {
    await Promise.all([...servers.values()].map((server) => server.close()));
  });

  it.each(KINDS)('%s: ordinary keys, not a 502', async (kind) => {
    const server = servers.get(kind);
    if (server === undefined) throw new Error(`no server for ${kind}`);
    const response = await rawGet(
      server,
      '/?constructor=1&__proto__=1&toString=x&hasOwnProperty=y&__proto__=2',
      [
        ['__proto__', 'p'],
        ['constructor', 'c'],
      ],
    );
    const single = kind === 'alb';
    expect({ status: response.status, body: JSON.parse(response.body) as unknown }).toEqual({
      status: 200,
      body: {
        // ALB with multi-value headers off keeps the last value of a repeated key only.
        query: {
          constructor: ['1'],
          ['__proto__']: single ? ['2'] : ['1', '2'],
          toString: ['x'],
          hasOwnProperty: ['y'],
        },
        header: ['p'],
        constructorHeader: ['c'],
      },
    });
  });
});
