import type { Context } from 'aws-lambda';
import { err, ok } from 'neverthrow';
import { describe, expectTypeOf, it } from 'vitest';
import { TaggedError, errorMap, json, notFound, router } from '../../src/index.js';
import type { HttpEvent, HttpRequest } from '../../src/index.js';
import type {
  ResponseStream,
  StreamedReply,
  StreamingContext,
  StreamingLambdaFunction,
} from '../../src/streaming/index.js';
import { serverSentEvents, stream, toStreamingLambda } from '../../src/streaming/index.js';

class Missing extends TaggedError('Missing') {}
class Gone extends TaggedError('Gone') {}

declare const lines: AsyncIterable<string>;

describe('toStreamingLambda types', () => {
  it('returns the function Lambda calls with a response stream', () => {
    const handler = toStreamingLambda(() => ok(stream(lines)));
    expectTypeOf(handler).toEqualTypeOf<StreamingLambdaFunction>();
    expectTypeOf(handler).parameters.toEqualTypeOf<[HttpEvent, ResponseStream, Context]>();
    expectTypeOf(handler).returns.toEqualTypeOf<Promise<void>>();
  });

  it('gives the handler the context with its signal', () => {
    toStreamingLambda((_request, context) => {
      expectTypeOf(context).toEqualTypeOf<StreamingContext>();
      expectTypeOf(context.signal).toEqualTypeOf<AbortSignal>();
      return ok(json({}));
    });
  });

  it('takes streamed replies, buffered replies and problems from the same handler', () => {
    toStreamingLambda((request) =>
      request.path === '/a'
        ? ok(stream(lines))
        : request.path === '/b'
          ? ok(json(1))
          : err(notFound()),
    );
    expectTypeOf(stream(lines)).toEqualTypeOf<StreamedReply>();
    expectTypeOf(serverSentEvents(lines)).toEqualTypeOf<StreamedReply>();
  });

  it('takes a router, whose handlers get the plain context', () => {
    toStreamingLambda(router().get('/x', () => ok(stream(lines))));
  });

  it('needs an error map for domain errors, as toLambda does', () => {
    // @ts-expect-error: a domain error without a map does not compile
    toStreamingLambda(() => err(new Missing()));
    toStreamingLambda(() => err(new Missing()), {
      errors: errorMap<Missing>({ Missing: { status: 404 } }),
    });
  });

  it('names the tag a map lacks, as toLambda does', () => {
    const missingOnly = errorMap<Missing>({ Missing: { status: 404 } });
    const handler = (request: HttpRequest) =>
      request.method === 'GET' ? err(new Missing()) : err(new Gone());
    toStreamingLambda(handler, {
      // @ts-expect-error: Type 'ErrorMap<Missing>' is not assignable to type '"Gone is not mapped"'
      errors: missingOnly,
    });
    toStreamingLambda(handler, {
      errors: errorMap<Missing | Gone>({ Missing: { status: 404 }, Gone: { status: 410 } }),
    });
  });

  it('refuses a success status outside 2xx/3xx and a body that cannot stream', () => {
    // @ts-expect-error: streamed replies are successes
    stream(lines, { status: 404 });
    // @ts-expect-error: a string is a body you already have: text() sends it
    stream('hello');
    // @ts-expect-error: the events come from an async iterable
    serverSentEvents([{ data: 'x' }]);
  });

  it('takes streaming options beside toLambda’s, and refuses responseLimits', () => {
    toStreamingLambda(() => ok(), { bodyLimit: 10_000, deadline: { marginMs: 300 } });
    toStreamingLambda(() => ok(), { deadline: false, accessLog: true });
    // @ts-expect-error: a streamed response is bounded by bodyLimit
    toStreamingLambda(() => ok(), { responseLimits: { alb: 5000 } });
  });
});
