import { err, ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { json, notFound, text, toLambda } from '../../src/index.js';
import { serverSentEvents, stream, toStreamingLambda } from '../../src/streaming/index.js';
import { PRELUDE_CONTENT_TYPE, isStreamingFunction } from '../../src/streaming/wire.js';
import { conditionalGet, cors } from '../../src/middleware/index.js';
import { fakeContext, functionUrlEvent, invoke, invokeStream } from '../../src/testing/index.js';
import {
  expectedWire,
  functionUrlFixture,
  restFixture,
  later,
  produce,
  wireBytes,
} from './support.js';

const context = () => fakeContext({ awsRequestId: 'lambda-req-1' });

function chunks(...parts: (string | Uint8Array)[]): AsyncGenerator<string | Uint8Array> {
  return produce(parts);
}

describe('the bytes a streaming function writes', () => {
  it('marks the function for Lambda as a streaming handler', () => {
    const handler = toStreamingLambda(() => ok(text('hi')));
    expect(isStreamingFunction(handler)).toBe(true);
    expect(
      (handler as unknown as Record<symbol, unknown>)[
        Symbol.for('aws.lambda.runtime.handler.streaming')
      ],
    ).toBe('response');
  });

  it('writes a Function URL prelude, 8 NUL bytes, then the body as it is produced', async () => {
    const handler = toStreamingLambda(
      () =>
        ok(
          stream(chunks('one ', new Uint8Array([0x74, 0x77, 0x6f])), {
            headers: { 'content-type': 'text/plain' },
            cookies: ['a=1; Path=/', 'b=2; Expires=Wed, 21 Oct 2026 07:28:00 GMT'],
          }),
        ),
      { logger: false },
    );
    const { contentType, bytes } = await wireBytes(handler, functionUrlFixture(), context());
    expect(contentType).toBe(PRELUDE_CONTENT_TYPE);
    expect(bytes).toEqual(
      expectedWire(
        {
          statusCode: 200,
          headers: {
            'content-type': 'text/plain',
            'x-request-id': 'deeb7e49-a9a8-4a8f-bcd1-5482231e2087',
          },
          // Each cookie on its own, never joined with commas.
          cookies: ['a=1; Path=/', 'b=2; Expires=Wed, 21 Oct 2026 07:28:00 GMT'],
        },
        'one two',
      ),
    );
  });

  it('writes a REST API prelude with multiValueHeaders for repeated headers and cookies', async () => {
    const handler = toStreamingLambda(
      () =>
        ok(
          stream(chunks('x'), {
            status: 201,
            headers: { vary: ['accept', 'origin'] },
            cookies: ['a=1', 'b=2'],
          }),
        ),
      { logger: false },
    );
    const { bytes } = await wireBytes(handler, restFixture(), context());
    expect(bytes).toEqual(
      expectedWire(
        {
          statusCode: 201,
          headers: {
            'content-type': 'application/octet-stream',
            'x-request-id': 'f88e38e3-2060-4a56-93c0-9efbc6a659a0',
          },
          multiValueHeaders: { vary: ['accept', 'origin'], 'set-cookie': ['a=1', 'b=2'] },
        },
        'x',
      ),
    );
  });

  it('answers a reply that is not streamed exactly as toLambda does, through the stream', async () => {
    const buffered = (request: { path: string }) =>
      request.path === '/missing'
        ? err(notFound({ code: 'Missing' }))
        : ok(json({ ok: true }, { cookies: ['s=1'] }));
    const streaming = toStreamingLambda(buffered, { logger: false });
    const plain = toLambda(buffered, { logger: false });
    for (const event of [functionUrlFixture(), restFixture()]) {
      for (const path of ['/', '/missing']) {
        const changed = structuredClone(event) as unknown as Record<string, unknown>;
        if ('rawPath' in changed) changed['rawPath'] = path;
        else changed['path'] = path;
        const result = (await plain(changed as never, context())) as unknown as Record<
          string,
          unknown
        >;
        const { body, isBase64Encoded, ...metadata } = result;
        expect(isBase64Encoded).toBe(false);
        const { bytes } = await wireBytes(streaming, changed, context());
        expect(bytes.toString()).toBe(expectedWire(metadata, body as string).toString());
      }
    }
  });

  it('writes the prelude of an empty streamed body, and ends', async () => {
    const handler = toStreamingLambda(() => ok(stream(chunks())), { logger: false });
    const { bytes } = await wireBytes(handler, functionUrlFixture(), context());
    expect(bytes).toEqual(
      expectedWire(
        {
          statusCode: 200,
          headers: {
            'content-type': 'application/octet-stream',
            'x-request-id': 'deeb7e49-a9a8-4a8f-bcd1-5482231e2087',
          },
          cookies: [],
        },
        '',
      ),
    );
  });

  it('sends no body for HEAD, 204 and 304, and stops the producer', async () => {
    for (const [method, status] of [
      ['HEAD', 200],
      ['GET', 204],
      ['GET', 304],
    ] as const) {
      let started = false;
      async function* body(): AsyncGenerator<string> {
        started = true;
        await later();
        yield 'never sent';
      }
      const handler = toStreamingLambda(() => ok(stream(body(), { status })), { logger: false });
      const event = structuredClone(functionUrlFixture()) as unknown as {
        requestContext: { http: { method: string } };
      };
      event.requestContext.http.method = method;
      const { bytes } = await wireBytes(handler, event, context());
      const [prelude, rest] = bytes.toString().split('\0'.repeat(8));
      expect(JSON.parse(prelude ?? '')).toMatchObject({ statusCode: status });
      expect(rest).toBe('');
      expect(started).toBe(false);
    }
  });

  it('writes server-sent events with their content type and no-cache', async () => {
    const handler = toStreamingLambda(
      () =>
        ok(
          serverSentEvents(
            produce([
              { event: 'greeting', id: '1', data: 'hello\nworld' },
              { comment: 'keep-alive' },
              { data: { n: 2 }, retry: 1000 },
            ]),
          ),
        ),
      { logger: false },
    );
    const { bytes } = await wireBytes(handler, functionUrlFixture(), context());
    const [prelude, body] = bytes.toString().split('\0'.repeat(8));
    expect(JSON.parse(prelude ?? '')).toMatchObject({
      statusCode: 200,
      headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' },
    });
    expect(body).toBe(
      'event: greeting\nid: 1\ndata: hello\ndata: world\n\n: keep-alive\n\nretry: 1000\ndata: {"n":2}\n\n',
    );
  });
});

describe('a streamed reply among the rest of gatefold', () => {
  it('goes through middleware as its head: CORS headers added, a matching ETag answered 304', async () => {
    let reads = 0;
    async function* body(): AsyncGenerator<string> {
      reads += 1;
      await later();
      yield 'rows';
    }
    const handler = toStreamingLambda(() => ok(stream(body(), { headers: { etag: '"v1"' } })), {
      logger: false,
      middleware: [cors({ origins: ['https://shop.example'] }), conditionalGet()],
    });
    const fresh = await invokeStream(
      handler,
      functionUrlEvent({ headers: { origin: 'https://shop.example' } }),
    );
    expect(fresh.headers['access-control-allow-origin']).toBe('https://shop.example');
    expect(fresh.body).toBe('rows');
    const readsBefore = reads;
    const cached = await invokeStream(
      toStreamingLambda(() => ok(stream(body(), { headers: { etag: '"v1"' } })), {
        logger: false,
        middleware: [conditionalGet()],
      }),
      functionUrlEvent({ headers: { 'if-none-match': '"v1"' } }),
    );
    expect(cached.status).toBe(304);
    expect(cached.body).toBe('');
    // The producer of a 304 is stopped before it is read.
    expect(reads).toBe(readsBefore);
  });

  it('skips empty chunks', async () => {
    const handler = toStreamingLambda(
      () => ok(stream(produce(['', 'a', new Uint8Array(0), 'b']))),
      { logger: false },
    );
    const response = await invokeStream(handler, functionUrlEvent());
    expect(response.chunks.map((chunk) => chunk.text)).toEqual(['a', 'b']);
  });

  it('is answered by toLambda, which cannot stream, with the masked 500 rather than as JSON', async () => {
    const handler = toLambda(() => ok(stream(produce(['a']))), { logger: false });
    const response = await invoke(handler, functionUrlEvent());
    expect(response.status).toBe(500);
  });

  it('refuses what cannot be streamed when the reply is made', () => {
    expect(() => stream('text' as never)).toThrow(/stream: the body is a string/);
    expect(() => serverSentEvents([] as never)).toThrow(
      /serverSentEvents: the events are an array/,
    );
    expect(() => stream(produce([]), { cookies: 'a=b' as never })).toThrow(/cookies/);
    expect(() => serverSentEvents(produce([]), { heartbeatMs: 0 })).toThrow(/heartbeatMs/);
  });

  it('is refused by invokeStream when the handler does not stream', async () => {
    await expect(invokeStream(toLambda(() => ok()) as never, functionUrlEvent())).rejects.toThrow(
      /not a streaming function/,
    );
  });
});
