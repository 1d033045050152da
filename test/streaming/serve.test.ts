import type { IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import { ok } from 'neverthrow';
import { afterEach, describe, expect, it } from 'vitest';
import { text } from '../../src/index.js';
import type { LocalServer } from '../../src/dev/index.js';
import { serve } from '../../src/dev/index.js';
import { serverSentEvents, stream, toStreamingLambda } from '../../src/streaming/index.js';
import { later } from './support.js';

let server: LocalServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A promise and the function that resolves it. */
function gate(): { readonly opened: Promise<void>; readonly open: () => void } {
  let open = (): void => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

function get(url: string, method = 'GET'): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method }, resolve);
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** Reads a response chunk by chunk, calling `each` as each arrives. */
async function chunksOf(
  response: IncomingMessage,
  each: (chunk: string) => void = () => undefined,
): Promise<string[]> {
  const chunks: string[] = [];
  for await (const chunk of response) {
    const piece = (chunk as Buffer).toString('utf8');
    chunks.push(piece);
    each(piece);
  }
  return chunks;
}

describe('serve() with a streaming function', () => {
  it.each(['url', 'rest'] as const)(
    'streams over HTTP as a %s source does: status and headers first, then each chunk as it comes',
    async (event) => {
      const second = gate();
      const handler = toStreamingLambda(
        () =>
          ok(
            stream(
              (async function* () {
                yield 'first\n';
                await second.opened;
                yield 'second\n';
              })(),
              {
                status: 201,
                headers: { 'content-type': 'text/plain; charset=utf-8' },
                cookies: ['a=1; Path=/', 'b=2; Expires=Wed, 21 Oct 2026 07:28:00 GMT'],
              },
            ),
          ),
        { logger: false },
      );
      server = await serve(handler, { port: 0, event, log: false });
      const response = await get(`${server.url}/report`);
      // The head came while the producer still waits for the gate.
      expect(response.statusCode).toBe(201);
      expect(response.headers['transfer-encoding']).toBe('chunked');
      expect(response.headers['set-cookie']).toEqual([
        'a=1; Path=/',
        'b=2; Expires=Wed, 21 Oct 2026 07:28:00 GMT',
      ]);
      expect(response.headers['x-request-id']).toBeDefined();
      const chunks = await chunksOf(response, (chunk) => {
        if (chunk === 'first\n') second.open();
      });
      expect(chunks).toEqual(['first\n', 'second\n']);
    },
  );

  it('answers HEAD without a body, and a buffered reply in one piece', async () => {
    const handler = toStreamingLambda(
      (request) =>
        request.path === '/text'
          ? ok(text('whole'))
          : ok(
              serverSentEvents(
                (async function* () {
                  await later();
                  yield 'x';
                })(),
              ),
            ),
      { logger: false },
    );
    server = await serve(handler, { port: 0, event: 'url', log: false });
    const head = await get(`${server.url}/events`, 'HEAD');
    expect(head.headers['content-type']).toBe('text/event-stream');
    expect(await chunksOf(head)).toEqual([]);
    const whole = await get(`${server.url}/text`);
    expect((await chunksOf(whole)).join('')).toBe('whole');
  });

  it('stops the producer when the client goes away', async () => {
    let stopped = false;
    let aborted = false;
    const handler = toStreamingLambda(
      (_request, context) => {
        context.signal.addEventListener('abort', () => {
          aborted = true;
        });
        return ok(
          stream(
            (async function* () {
              try {
                for (;;) {
                  yield 'tick\n';
                  await later(5);
                }
              } finally {
                stopped = true;
              }
            })(),
          ),
        );
      },
      { logger: false },
    );
    server = await serve(handler, { port: 0, event: 'url', log: false });
    const response = await get(`${server.url}/ticks`);
    await new Promise<void>((resolve) => {
      response.once('data', () => {
        response.destroy();
        resolve();
      });
    });
    // Read through a function: the producer sets the flags after this test's last look.
    const done = (): boolean => stopped;
    for (let waited = 0; !done() && waited < 100; waited += 1) await later(10);
    expect(aborted).toBe(true);
    expect(stopped).toBe(true);
  });

  it('answers an HTTP API event with the 500 a buffered invocation returns', async () => {
    const handler = toStreamingLambda(
      () =>
        ok(
          stream(
            (async function* () {
              await later();
              yield 'x';
            })(),
          ),
        ),
      {
        logger: false,
      },
    );
    server = await serve(handler, { port: 0, event: 'http', log: false });
    const response = await get(`${server.url}/x`);
    expect(response.statusCode).toBe(500);
    expect(JSON.parse((await chunksOf(response)).join(''))).toMatchObject({
      errors: [{ code: 'streaming-unsupported' }],
    });
  });

  it('refuses to serve a streaming function as custom integration events', async () => {
    const handler = toStreamingLambda(() => ok());
    await expect(serve(handler, { port: 0, event: 'custom', log: false })).rejects.toThrow(
      /custom integration does not stream/,
    );
  });
});
