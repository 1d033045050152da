import { Writable } from 'node:stream';
import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import { err } from 'neverthrow';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { notFound, toLambda } from '../../src/index.js';
import { fakeContext, httpApiEvent } from '../../src/testing/index.js';
import { HTTP_REQUEST_ID, LAMBDA_REQUEST_ID } from '../support/request-id.js';

const context = fakeContext({ awsRequestId: LAMBDA_REQUEST_ID });

// The loggers docs/errors.md shows, plugged in as they are, writing real lines.

const failing = (): never => {
  throw new TypeError('boom');
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('third-party loggers', () => {
  it('pino writes the defect record as one JSON line with its fields', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    await toLambda(failing, { logger: pino({ base: null, timestamp: false }, sink) })(
      httpApiEvent({ requestId: HTTP_REQUEST_ID }),
      context,
    );
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      level: 50,
      message: 'Handler defect answered with a masked 500',
      requestId: HTTP_REQUEST_ID,
      errorName: 'TypeError',
      errorMessage: 'boom',
    });
  });

  it('Powertools Logger writes the client-error record as its structured JSON', async () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const logger = new PowertoolsLogger({ serviceName: 'shop', logLevel: 'DEBUG' });
    await toLambda(() => err(notFound({ code: 'UserNotFound' })), { logger })(
      httpApiEvent({ requestId: HTTP_REQUEST_ID }),
      context,
    );
    const records = write.mock.calls.map(
      (call) => JSON.parse(String(call[0])) as Record<string, unknown>,
    );
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      level: 'INFO',
      message: 'Answered 404: a client error',
      service: 'shop',
      requestId: HTTP_REQUEST_ID,
      status: 404,
      errors: [{ code: 'UserNotFound', status: 404 }],
    });
  });
});
