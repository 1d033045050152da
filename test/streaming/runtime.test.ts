import { ok } from 'neverthrow';
import { afterEach, describe, expect, it } from 'vitest';
import { text } from '../../src/index.js';
import { stream, toStreamingLambda } from '../../src/streaming/index.js';
import { fakeContext, functionUrlEvent } from '../../src/testing/index.js';
import { RecordingStream, expectedWire, produce } from './support.js';

/**
 * A stand-in for the `awslambda` global of Lambda's Node.js runtime, written after
 * aws-lambda-nodejs-runtime-interface-client (src/utils/globals.ts, src/stream/): the prelude is
 * written by a hook that runs just before the stream's first write, and only then.
 */
class RuntimeStream extends RecordingStream {
  _onBeforeFirstWrite: ((write: (chunk: unknown) => void) => void) | undefined;
  private written = false;

  override write(chunk: unknown): boolean {
    if (!this.written && this._onBeforeFirstWrite !== undefined) {
      this._onBeforeFirstWrite((piece) => super.write(piece));
    }
    this.written = true;
    return super.write(chunk);
  }
}

const runtime = {
  streamifyResponse<H extends object>(handler: H): H {
    (handler as Record<symbol, unknown>)[Symbol.for('aws.lambda.runtime.handler.streaming')] =
      'response';
    return handler;
  },
  HttpResponseStream: {
    from(underlying: RuntimeStream, prelude: unknown): RuntimeStream {
      underlying.setContentType('application/vnd.awslambda.http-integration-response');
      const metadata = JSON.stringify(prelude);
      underlying._onBeforeFirstWrite = (write) => {
        write(metadata);
        write(new Uint8Array(8));
      };
      return underlying;
    },
  },
};

afterEach(() => {
  delete (globalThis as { awslambda?: unknown }).awslambda;
});

describe('on Lambda, through the awslambda global', () => {
  it('uses the runtime’s streamifyResponse and HttpResponseStream, and sends the prelude of an empty body', async () => {
    (globalThis as { awslambda?: unknown }).awslambda = runtime;
    const handler = toStreamingLambda(() => ok(stream(produce([]))), { logger: false });
    const responseStream = new RuntimeStream();
    const event = functionUrlEvent({ headers: { 'x-request-id': 'r-1' } });
    await handler(event, responseStream, fakeContext());
    expect(responseStream.contentType).toBe('application/vnd.awslambda.http-integration-response');
    expect(responseStream.bytes).toEqual(
      expectedWire(
        {
          statusCode: 200,
          headers: { 'content-type': 'application/octet-stream', 'x-request-id': 'r-1' },
          cookies: [],
        },
        '',
      ),
    );
    // Lambda's runtime fails an invocation whose stream is not finished when the handler returns.
    expect(responseStream.writableFinished).toBe(true);
  });

  it('writes the same bytes as the local runtime', async () => {
    const event = functionUrlEvent({ headers: { 'x-request-id': 'r-2' } });
    const local = new RecordingStream();
    await toStreamingLambda(() => ok(text('same')), { logger: false })(event, local, fakeContext());
    (globalThis as { awslambda?: unknown }).awslambda = runtime;
    const onLambda = new RuntimeStream();
    await toStreamingLambda(() => ok(text('same')), { logger: false })(
      event,
      onLambda,
      fakeContext(),
    );
    expect(onLambda.bytes).toEqual(local.bytes);
  });
});
