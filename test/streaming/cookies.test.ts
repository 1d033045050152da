import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { json } from '../../src/index.js';
import { stream, toStreamingLambda } from '../../src/streaming/index.js';
import { PRELUDE_CONTENT_TYPE } from '../../src/streaming/wire.js';
import { fakeContext, invokeStream } from '../../src/testing/index.js';
import type { Streaming } from './support.js';
import { functionUrlFixture, produce, restFixture, wireBytes } from './support.js';

// `Expires` holds a comma: a prelude that joined cookies with ", " could not be split back.
const COOKIES = [
  'session=abc; Path=/; Expires=Wed, 21 Oct 2026 07:28:00 GMT; HttpOnly; Secure',
  'theme=dark; Expires=Thu, 01 Jan 2026 00:00:00 GMT',
  'plain=1',
];

/** The metadata prelude of what a function wrote, and the body after it. */
async function preludeOf(
  handler: Streaming,
  event: unknown,
): Promise<{ readonly metadata: Record<string, unknown>; readonly body: string }> {
  const { contentType, bytes } = await wireBytes(handler, event, fakeContext());
  expect(contentType).toBe(PRELUDE_CONTENT_TYPE);
  const at = bytes.indexOf(Buffer.alloc(8));
  expect(at).toBeGreaterThan(0);
  return {
    metadata: JSON.parse(bytes.subarray(0, at).toString('utf8')) as Record<string, unknown>,
    body: bytes.subarray(at + 8).toString('utf8'),
  };
}

function headerNames(value: unknown): string[] {
  return Object.keys((value ?? {}) as Record<string, unknown>).map((name) => name.toLowerCase());
}

const replies = {
  'a streamed reply': () => ok(stream(produce(['a', 'b']), { cookies: COOKIES })),
  'a buffered reply': () => ok(json({ a: 1 }, { cookies: COOKIES })),
} as const;

describe('cookies with Expires in the prelude', () => {
  for (const [name, reply] of Object.entries(replies)) {
    it(`Function URL, ${name}: each cookie its own entry of \`cookies\``, async () => {
      const handler = toStreamingLambda(reply, { logger: false });
      const { metadata } = await preludeOf(handler, functionUrlFixture());
      expect(metadata['cookies']).toEqual(COOKIES);
      // Never as a header, where a client would have to split it on commas.
      expect(headerNames(metadata['headers'])).not.toContain('set-cookie');
      expect(metadata['multiValueHeaders']).toBeUndefined();
    });

    it(`REST API, ${name}: each cookie its own entry of multiValueHeaders set-cookie`, async () => {
      const handler = toStreamingLambda(reply, { logger: false });
      const { metadata } = await preludeOf(handler, restFixture());
      const multi = metadata['multiValueHeaders'] as Record<string, unknown>;
      expect(multi['set-cookie']).toEqual(COOKIES);
      expect(headerNames(metadata['headers'])).not.toContain('set-cookie');
      expect(metadata['cookies']).toBeUndefined();
    });
  }

  it('reads back, through invokeStream, as the same separate cookies for both kinds', async () => {
    const handler = toStreamingLambda(replies['a streamed reply'], { logger: false });
    for (const event of [functionUrlFixture(), restFixture()]) {
      const response = await invokeStream(handler, event);
      expect(response.status).toBe(200);
      expect(response.cookies).toEqual(COOKIES);
      expect(response.body).toBe('ab');
      expect(response.headers['set-cookie']).toBeUndefined();
    }
  });
});
