/**
 * Request size limits in `serve()`: what each emulated source answers for a request it would not
 * invoke the function with (events/limits.ts: 6 MiB of event for Lambda, 1 MiB of body for an
 * ALB), found as the body streams in rather than after buffering it, and what passes under them.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEventKind, LocalServer } from '../../src/dev/index.js';
import { serve } from '../../src/dev/index.js';
import { ALB_PAYLOAD_LIMIT, LAMBDA_SYNC_PAYLOAD_LIMIT } from '../../src/events/limits.js';

/** The proxy event kinds; `custom` has tests of its own (custom.test.ts). */
type ProxyKind = Exclude<LocalEventKind, 'custom'>;

const MiB = 1024 * 1024;
const KINDS: readonly ProxyKind[] = ['rest', 'http', 'url', 'alb', 'alb-multi'];

/** The largest request each kind takes: the event for Lambda's sources, the body for an ALB. */
const LIMIT: Readonly<Record<ProxyKind, number>> = {
  rest: LAMBDA_SYNC_PAYLOAD_LIMIT,
  http: LAMBDA_SYNC_PAYLOAD_LIMIT,
  url: LAMBDA_SYNC_PAYLOAD_LIMIT,
  alb: ALB_PAYLOAD_LIMIT,
  'alb-multi': ALB_PAYLOAD_LIMIT,
};

const ALB_PAGE =
  '<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n<center><h1>413 Request Entity Too Large</h1></center>\r\n</body>\r\n</html>\r\n';

/** The whole 413 each source sends, its own headers beside node's. */
const TOO_LARGE: Readonly<Record<ProxyKind, Answer>> = {
  rest: {
    status: 413,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'BadRequestException' },
    body: '{"message": "Request Too Long"}',
  },
  http: {
    status: 413,
    headers: { 'content-type': 'application/json' },
    body: '{"message":"Request Entity Too Large"}',
  },
  url: {
    status: 413,
    headers: { 'content-type': 'application/json' },
    body: '{"Message":"Request must be smaller than 6291456 bytes for the InvokeFunction operation"}',
  },
  alb: {
    status: 413,
    headers: { 'content-type': 'text/html', server: 'awselb/2.0' },
    body: ALB_PAGE,
  },
  'alb-multi': {
    status: 413,
    headers: { 'content-type': 'text/html', server: 'awselb/2.0' },
    body: ALB_PAGE,
  },
};

interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** The headers an answer carries, node's own (date, connection…) aside. */
function own(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(name))
      continue;
    out[name] = String(value);
  }
  return out;
}

interface Sent extends Answer {
  /** Body bytes the client had written when the answer came. */
  readonly bytesSent: number;
}

/**
 * POSTs a body and reads the answer. `chunks` bodies are sent chunked, without content-length,
 * one MiB at a time until the answer comes or `total` bytes are out: a server that waits for the
 * whole body before answering is sent all of it.
 */
function post(
  server: LocalServer,
  body: { readonly bytes: Buffer } | { readonly chunks: true; readonly total: number },
  contentType = 'application/octet-stream',
): Promise<Sent> {
  return new Promise((resolve, reject) => {
    let bytesSent = 0;
    let answered = false;
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port: server.port,
        path: '/upload',
        method: 'POST',
        headers: { 'content-type': contentType },
      },
      (response) => {
        answered = true;
        const received: Buffer[] = [];
        response.on('data', (chunk: Buffer) => received.push(chunk));
        response.on('end', () => {
          resolve({
            status: response.statusCode ?? 0,
            headers: own(response.headers),
            body: Buffer.concat(received).toString('utf8'),
            bytesSent,
          });
        });
      },
    );
    // The server closes the connection once it has answered, whatever the client still sends.
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    if ('bytes' in body) {
      bytesSent = body.bytes.byteLength;
      request.end(body.bytes);
      return;
    }
    const chunk = Buffer.alloc(MiB, 0x61);
    const pump = (): void => {
      while (!answered && !request.destroyed && bytesSent < body.total) {
        bytesSent += chunk.byteLength;
        if (!request.write(chunk)) {
          request.once('drain', pump);
          return;
        }
      }
      if (!answered && !request.destroyed) request.end();
    };
    pump();
  });
}

describe('serve() refuses a request too large for the source it emulates', () => {
  const invoked: string[] = [];
  const lines: string[] = [];
  const servers = new Map<LocalEventKind, LocalServer>();
  const handler = (event: never): Promise<unknown> => {
    const record = event as { body?: string; isBase64Encoded?: boolean };
    const size = Buffer.from(record.body ?? '', record.isBase64Encoded ? 'base64' : 'utf8').length;
    invoked.push(String(size));
    return Promise.resolve({ statusCode: 200, body: String(size) });
  };

  beforeAll(async () => {
    for (const kind of KINDS) {
      servers.set(
        kind,
        await serve(handler, { port: 0, event: kind, log: (line) => lines.push(line) }),
      );
    }
  });
  afterAll(async () => {
    await Promise.all([...servers.values()].map((server) => server.close()));
  });

  function server(kind: LocalEventKind): LocalServer {
    const found = servers.get(kind);
    if (found === undefined) throw new Error(`no server for ${kind}`);
    return found;
  }

  it.each(KINDS)('%s: a body one byte over the limit, by its content-length', async (kind) => {
    invoked.length = 0;
    const sent = await post(server(kind), { bytes: Buffer.alloc(LIMIT[kind] + 1, 0x61) });
    expect({ ...sent, bytesSent: undefined }).toEqual({ ...TOO_LARGE[kind], bytesSent: undefined });
    expect(invoked).toEqual([]);
  });

  it.each(KINDS)(
    '%s: a chunked body is refused as it passes the limit, not after the client sent it all',
    async (kind) => {
      invoked.length = 0;
      const total = 200 * MiB;
      const sent = await post(server(kind), { chunks: true, total });
      expect({ ...sent, bytesSent: undefined }).toEqual({
        ...TOO_LARGE[kind],
        bytesSent: undefined,
      });
      // What the sockets hold aside, the server stopped reading a few MiB past the limit.
      expect(sent.bytesSent).toBeLessThan(LIMIT[kind] + 32 * MiB);
      expect(invoked).toEqual([]);
    },
  );

  it.each<ProxyKind>(['rest', 'http', 'url'])(
    '%s: a body under the limit whose event is over it (base64 adds a third) is refused',
    async (kind) => {
      invoked.length = 0;
      lines.length = 0;
      const sent = await post(server(kind), { bytes: Buffer.alloc(5 * MiB, 0xff) });
      expect({ ...sent, bytesSent: undefined }).toEqual({
        ...TOO_LARGE[kind],
        bytesSent: undefined,
      });
      expect(invoked).toEqual([]);
      expect(lines).toEqual([
        expect.stringMatching(
          /^refused before the function: a \d+-byte event is over the 6291456-byte limit of Lambda's request payload$/,
        ) as string,
        expect.stringMatching(/^POST \/upload → 413 \(/) as string,
      ]);
    },
  );

  it.each<[LocalEventKind, number]>([
    ['rest', LAMBDA_SYNC_PAYLOAD_LIMIT - 64 * 1024],
    ['http', LAMBDA_SYNC_PAYLOAD_LIMIT - 64 * 1024],
    ['url', LAMBDA_SYNC_PAYLOAD_LIMIT - 64 * 1024],
    ['alb', ALB_PAYLOAD_LIMIT],
    ['alb-multi', ALB_PAYLOAD_LIMIT],
  ])('%s: a body of %d bytes, within the limit, reaches the function', async (kind, size) => {
    invoked.length = 0;
    const sent = await post(server(kind), { bytes: Buffer.alloc(size, 0x61) }, 'text/plain');
    expect({ status: sent.status, body: sent.body }).toEqual({ status: 200, body: String(size) });
    expect(invoked).toEqual([String(size)]);
  });
});
