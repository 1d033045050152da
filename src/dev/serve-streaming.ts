/**
 * A streaming function behind the local server, as a Function URL (invoke mode
 * `RESPONSE_STREAM`) or a REST API streaming integration serves it: the function writes to a
 * local response stream the bytes it writes on Lambda; the metadata prelude becomes the status
 * and headers, sent at once; each body chunk is written to the client as it comes (chunked
 * transfer encoding), and the function waits while the client is slow to read. A client that
 * goes away closes the function's stream. For an HTTP API or ALB event — sources that invoke a
 * streaming function without streaming — what the function wrote is the buffered result.
 */
import type { ServerResponse } from 'node:http';
import type { Context } from 'aws-lambda';
import type { ProxyEventKind } from './to-event.js';
import type { ProxyResult } from './serve.js';
import type { StreamingHandler } from '../streaming/wire.js';
import { LocalResponseStream } from '../streaming/local-stream.js';
import { writeHead, writeResult } from './serve.js';

/** Waits until the client has taken what was written, or has gone. */
function drained(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.once('drain', done);
    response.once('close', done);
  });
}

/** @internal Runs a streaming function for one request and streams its answer to the client. */
export async function answerStreaming(
  kind: ProxyEventKind,
  handler: StreamingHandler,
  event: unknown,
  context: Context,
  response: ServerResponse,
): Promise<void> {
  const buffered = kind === 'http' || kind === 'alb' || kind === 'alb-multi';
  const held: Uint8Array[] = [];
  const stream = new LocalResponseStream({
    head({ contentType, metadata }) {
      if (buffered) return;
      if (metadata !== undefined) writeHead(metadata, response);
      else {
        // No prelude: the Function URL sends the bytes as they are, with the stream's type.
        response.statusCode = 200;
        response.setHeader('content-type', contentType ?? 'application/octet-stream');
      }
      // The status and headers go out now, before the body: what streaming is for.
      response.flushHeaders();
    },
    chunk(bytes) {
      if (buffered) {
        held.push(new Uint8Array(bytes));
        return undefined;
      }
      if (response.destroyed) return undefined;
      return response.write(bytes) ? undefined : drained(response);
    },
    end() {
      if (!buffered) {
        response.end();
        return;
      }
      const text = Buffer.concat(held).toString('utf8');
      writeResult(JSON.parse(text) as ProxyResult, response);
    },
  });
  response.once('close', () => {
    // The client went away before the answer ended: the function's stream closes.
    if (!response.writableFinished) stream.destroy();
  });
  try {
    await handler(event as never, stream, context);
  } catch (error) {
    // Once the status is out, nothing but cutting the connection tells the client.
    if (response.headersSent) {
      response.destroy();
      return;
    }
    throw error;
  }
  // The function cut its stream (the deadline, a stalled client): the connection is cut too,
  // whether or not the status went out, so that the client sees the answer end.
  if (!response.writableEnded && stream.destroyed) response.destroy();
}
