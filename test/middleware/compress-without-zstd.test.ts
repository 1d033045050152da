/**
 * `compress` on a Node whose node:zlib has no zstd (before 22.15): zstd is refused when the
 * middleware is built, rather than gzip bytes going out labelled `zstd`; brotli and gzip work as
 * ever. Node 22.15+ and 24 have zstd, so node:zlib is replaced here by one without it.
 */
import type * as Zlib from 'node:zlib';
import { gunzipSync } from 'node:zlib';
import { ok } from 'neverthrow';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { compress as Compress } from '../../src/middleware/index.js';
import { toLambda } from '../../src/index.js';
import { fakeContext, httpApiEvent } from '../../src/testing/index.js';
import { thrownBy } from '../hardening/refusal.js';
import { capturingLogger } from '../support/logger.js';

let compress: typeof Compress;

beforeAll(async () => {
  vi.resetModules();
  vi.doMock('node:zlib', async (importOriginal) => {
    const real = await importOriginal<typeof Zlib>();
    // The key is kept (a mock throws on a missing one), its value gone, as on an older Node.
    return { ...real, zstdCompressSync: undefined };
  });
  ({ compress } = await import('../../src/middleware/compress.js'));
});

afterAll(() => {
  vi.doUnmock('node:zlib');
  vi.resetModules();
});

describe('compress without zstd in node:zlib', () => {
  it('refuses zstd when it is built, saying which Node it needs', () => {
    expect(thrownBy(() => compress({ encodings: ['br', 'zstd'] }))).toStrictEqual(
      new TypeError(
        `compress: \`encodings[1]\` is 'zstd', which this Node (${process.version}) does not have in node:zlib; it needs Node 22.15 or later. Offer ['br', 'gzip'] instead.`,
      ),
    );
  });

  it('still compresses with gzip', async () => {
    const lambda = toLambda(() => ok({ text: 'x'.repeat(2048) }), {
      logger: capturingLogger(),
      middleware: [compress({ encodings: ['gzip'] })],
    });
    const result = await lambda(
      httpApiEvent({ headers: { 'accept-encoding': 'zstd, gzip' }, requestId: 'gw-1' }),
      fakeContext({ awsRequestId: 'lambda-1' }),
    );
    expect(result).toStrictEqual({
      statusCode: 200,
      headers: {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        vary: 'accept-encoding',
        'x-request-id': 'gw-1',
      },
      cookies: [],
      body: expect.any(String) as string,
      isBase64Encoded: true,
    });
    expect(gunzipSync(Buffer.from(result.body ?? '', 'base64')).toString('utf8')).toBe(
      JSON.stringify({ text: 'x'.repeat(2048) }),
    );
  });
});
