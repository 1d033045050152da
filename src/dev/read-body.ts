import type { IncomingMessage } from 'node:http';

/** The body read, or `undefined` when it grew past the limit. */
export type BodyReading = Buffer | undefined;

/**
 * Reads a request body while it stays within `limit` bytes. Past the limit, nothing more is kept:
 * the chunks read are dropped, the rest of the body flows by into nothing, and the caller answers
 * 413 and soon closes the connection. So a client sending hundreds of megabytes costs the server
 * at most `limit` bytes of memory, never the whole body.
 */
export function readBody(request: IncomingMessage, limit: number): Promise<BodyReading> {
  return new Promise<BodyReading>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (): void => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('close', onClose);
    };
    function onData(chunk: Buffer): void {
      size += chunk.byteLength;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      stop();
      chunks.length = 0;
      resolve(undefined);
    }
    function onEnd(): void {
      stop();
      resolve(Buffer.concat(chunks, size));
    }
    function onError(error: Error): void {
      stop();
      reject(error);
    }
    // The client went away before the body ended.
    function onClose(): void {
      stop();
      reject(new Error('the client closed the connection before the body ended'));
    }
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('close', onClose);
  });
}
