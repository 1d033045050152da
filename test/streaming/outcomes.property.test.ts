import fc from 'fast-check';
import { err, ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { TaggedError, errorMap, json, problem, text, toLambda } from '../../src/index.js';
import type { Problem } from '../../src/index.js';
import {
  encodeEvent,
  serverSentEvents,
  stream,
  toStreamingLambda,
} from '../../src/streaming/index.js';
import { PRELUDE_CONTENT_TYPE } from '../../src/streaming/wire.js';
import { fakeContext } from '../../src/testing/index.js';
import { RecordingStream, functionUrlFixture, produce, restFixture } from './support.js';
import type { Streaming } from './support.js';

/** Runs per property; `FUZZ_RUNS=10000` for more. */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 150);

class OutOfStock extends TaggedError('OutOfStock') {}
const OUT_OF_STOCK_STATUS = 409;

const STATUSES = [400, 401, 403, 404, 409, 422, 429, 500, 502, 503] as const;

/** What a handler or a producer can fail with, and the status it is answered with up front. */
type Failure =
  | { readonly tag: 'error'; readonly message: string }
  | { readonly tag: 'problem'; readonly status: (typeof STATUSES)[number] }
  | { readonly tag: 'domain' }
  | { readonly tag: 'value'; readonly value: string | number | undefined | null };

const failure: fc.Arbitrary<Failure> = fc.oneof(
  fc.record({ tag: fc.constant('error' as const), message: fc.string() }),
  fc.record({ tag: fc.constant('problem' as const), status: fc.constantFrom(...STATUSES) }),
  fc.record({ tag: fc.constant('domain' as const) }),
  fc.record({
    tag: fc.constant('value' as const),
    value: fc.oneof(fc.string(), fc.integer(), fc.constant(undefined), fc.constant(null)),
  }),
);

function thrown(given: Failure): unknown {
  switch (given.tag) {
    case 'error':
      return new Error(given.message);
    case 'problem':
      return problem({ status: given.status, code: 'Generated' });
    case 'domain':
      return new OutOfStock();
    case 'value':
      return given.value;
  }
}

/** The status a failure is answered with before the first byte. */
function statusOf(given: Failure): number {
  if (given.tag === 'problem') return given.status;
  if (given.tag === 'domain') return OUT_OF_STOCK_STATUS;
  return 500;
}

const chunk = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.uint8Array({ minLength: 1, maxLength: 64 }),
);

/** How the producer of a streamed body ends: after all its chunks, or failing before one. */
const ending = fc.option(fc.record({ at: fc.nat({ max: 6 }), failure }), { nil: undefined });

type Outcome =
  | { readonly tag: 'json'; readonly value: unknown }
  | { readonly tag: 'text'; readonly value: string }
  | {
      readonly tag: 'stream';
      readonly chunks: readonly (string | Uint8Array)[];
      readonly fails: { readonly at: number; readonly failure: Failure } | undefined;
    }
  | {
      readonly tag: 'events';
      readonly events: readonly string[];
      readonly fails: { readonly at: number; readonly failure: Failure } | undefined;
    }
  | { readonly tag: 'err'; readonly failure: Failure & { readonly tag: 'problem' | 'domain' } }
  | { readonly tag: 'throws'; readonly failure: Failure }
  | { readonly tag: 'rejects'; readonly failure: Failure };

const outcome: fc.Arbitrary<Outcome> = fc.oneof(
  fc.record({ tag: fc.constant('json' as const), value: fc.jsonValue() }),
  fc.record({ tag: fc.constant('text' as const), value: fc.string() }),
  fc.record({
    tag: fc.constant('stream' as const),
    chunks: fc.array(chunk, { maxLength: 6 }),
    fails: ending,
  }),
  fc.record({
    tag: fc.constant('events' as const),
    events: fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 6 }),
    fails: ending,
  }),
  fc.record({
    tag: fc.constant('err' as const),
    failure: fc.oneof(
      fc.record({ tag: fc.constant('problem' as const), status: fc.constantFrom(...STATUSES) }),
      fc.record({ tag: fc.constant('domain' as const) }),
    ),
  }),
  fc.record({ tag: fc.constant('throws' as const), failure }),
  fc.record({ tag: fc.constant('rejects' as const), failure }),
);

/** The producer of a streamed body: `items`, failing before item `fails.at` if it is given. */
function producer<T>(
  items: readonly T[],
  fails: { readonly at: number; readonly failure: Failure } | undefined,
): AsyncGenerator<T> {
  if (fails === undefined || fails.at > items.length) return produce(items);
  return produce(items.slice(0, fails.at), { thenThrow: thrown(fails.failure) });
}

/** A handler giving `outcome`. */
function handlerFor(given: Outcome): () => unknown {
  switch (given.tag) {
    case 'json':
      return () => ok(json(given.value));
    case 'text':
      return () => ok(text(given.value));
    case 'stream':
      return () => ok(stream(producer(given.chunks, given.fails)));
    case 'events':
      return () => ok(serverSentEvents(producer(given.events, given.fails)));
    case 'err':
      return () => err(thrown(given.failure) as Problem | OutOfStock);
    case 'throws':
      return () => {
        throw thrown(given.failure);
      };
    case 'rejects':
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- any value is rejected with on purpose
      return () => Promise.reject(thrown(given.failure));
  }
}

/** What the client must see: the status, and what the body starts with (or is, when whole). */
function expected(given: Outcome): { status: number; body?: Buffer; startsWith?: Buffer } {
  switch (given.tag) {
    case 'json':
      return { status: 200 };
    case 'text':
      return { status: 200, body: Buffer.from(given.value) };
    case 'stream':
    case 'events': {
      const parts =
        given.tag === 'stream'
          ? given.chunks.map((part) => Buffer.from(part))
          : given.events.map((event) => Buffer.from(encodeEvent(event)));
      const { fails } = given;
      if (fails === undefined || fails.at > parts.length) {
        return { status: 200, body: Buffer.concat(parts) };
      }
      // A failure before the first byte is answered with its status; a later one cuts the body.
      if (fails.at === 0) return { status: statusOf(fails.failure) };
      return { status: 200, startsWith: Buffer.concat(parts.slice(0, fails.at)) };
    }
    case 'err':
      return { status: statusOf(given.failure) };
    case 'throws':
    case 'rejects':
      // A throw is a defect, whatever is thrown: the masked 500.
      return { status: 500 };
  }
}

const DELIMITER = Buffer.alloc(8);

/** A function `toLambda` made, as the test calls it. */
type Buffered = (
  event: unknown,
  context: ReturnType<typeof fakeContext>,
) => Promise<Record<string, unknown>>;

describe('any handler outcome', () => {
  it('ends the stream, which starts with a valid prelude', async () => {
    await fc.assert(
      fc.asyncProperty(outcome, fc.boolean(), async (given, rest) => {
        const options = {
          logger: false,
          errors: errorMap<OutOfStock>({ OutOfStock: { status: OUT_OF_STOCK_STATUS } }),
        } as const;
        const handler = toStreamingLambda(
          handlerFor(given) as never,
          options,
        ) as unknown as Streaming;
        const event = rest ? restFixture() : functionUrlFixture();
        const responseStream = new RecordingStream();
        await handler(event as never, responseStream as never, fakeContext());

        // The invocation resolved and the stream was ended and flushed.
        expect(responseStream.writableFinished).toBe(true);
        expect(responseStream.contentType).toBe(PRELUDE_CONTENT_TYPE);
        const bytes = responseStream.bytes;
        const at = bytes.indexOf(DELIMITER);
        expect(at).toBeGreaterThan(0);
        const metadata = JSON.parse(bytes.subarray(0, at).toString('utf8')) as unknown;
        expect(typeof metadata).toBe('object');
        expect(Array.isArray(metadata)).toBe(false);
        const { statusCode, headers, cookies } = metadata as Record<string, unknown>;
        expect(typeof statusCode).toBe('number');
        expect(Number.isInteger(statusCode)).toBe(true);
        expect(typeof headers).toBe('object');
        if (!rest) expect(Array.isArray(cookies)).toBe(true);

        const body = bytes.subarray(at + DELIMITER.length);
        const wanted = expected(given);
        expect(statusCode).toBe(wanted.status);
        if (wanted.body !== undefined) expect(body.equals(wanted.body)).toBe(true);
        if (wanted.startsWith !== undefined) {
          expect(body.subarray(0, wanted.startsWith.length).equals(wanted.startsWith)).toBe(true);
        }
        // What is not streamed is written exactly as toLambda would return it.
        if (given.tag !== 'stream' && given.tag !== 'events') {
          const buffered = toLambda(handlerFor(given) as never, options) as unknown as Buffered;
          const { body: whole, isBase64Encoded, ...head } = await buffered(event, fakeContext());
          expect(isBase64Encoded).toBe(false);
          expect(metadata).toEqual(head);
          expect(body.toString('utf8')).toBe(whole);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
