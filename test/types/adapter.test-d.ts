import type {
  ALBHandler,
  APIGatewayProxyHandler,
  APIGatewayProxyHandlerV2,
  LambdaFunctionURLHandler,
  ALBEvent,
  ALBResult,
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  APIGatewayProxyResult,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { err, errAsync, ok, okAsync } from 'neverthrow';
import type { Result } from 'neverthrow';
import { describe, expectTypeOf, it } from 'vitest';
import type { HttpRequest, Problem, Reply } from '../../src/index.js';
import {
  badRequest,
  created,
  json,
  noContent,
  notFound,
  problem,
  toLambda,
} from '../../src/index.js';

declare const context: Context;

describe('toLambda types', () => {
  it('accepts handlers returning Result, ResultAsync, Promise<Result>, Either and TaskEither', () => {
    toLambda(() => ok({ id: 1 }));
    toLambda(() => err(notFound()));
    toLambda(() => okAsync(json({ id: 1 })));
    toLambda(() => errAsync([badRequest(), notFound()]));
    toLambda(async () => Promise.resolve(ok(1)));
    toLambda(() => E.right(1));
    toLambda(() => E.left(notFound()));
    toLambda(() => TE.right(1));
    toLambda(() => TE.left(notFound()));
  });

  it('infers the Ok and Err types of a handler', () => {
    const handler = (request: HttpRequest): Result<Reply<{ id: string } | undefined>, Problem> =>
      request.method === 'POST' ? ok(created('/users/1', { id: '1' })) : err(notFound());
    expectTypeOf(toLambda(handler)).toBeFunction();
  });

  it('accepts handlers with several success types and both problem shapes in their branches', () => {
    toLambda((request: HttpRequest) => {
      if (request.method === 'POST') return ok(created('/users/1', { id: '1' }));
      if (request.method === 'DELETE') return ok(noContent());
      if (request.method === 'PUT') return err([badRequest()]);
      if (request.method === 'PATCH') return ok('text');
      if (request.method === 'GET') return ok(json({ id: '1' }));
      return err(notFound());
    });
    toLambda((request: HttpRequest) =>
      request.method === 'GET' ? errAsync(notFound()) : errAsync([badRequest()]),
    );
    toLambda((request: HttpRequest) =>
      request.method === 'GET' ? E.left(notFound()) : E.left([notFound()]),
    );
  });

  it('refuses handlers whose errors are not problems', () => {
    // @ts-expect-error — one branch returns a string error
    toLambda((request: HttpRequest) => (request.method === 'GET' ? err(notFound()) : err('x')));
    // @ts-expect-error — an async handler with a string error
    toLambda(async (request: HttpRequest) =>
      Promise.resolve(request.method === 'GET' ? ok(1) : err('nope')),
    );
    // @ts-expect-error — a TaskEither with a string error
    toLambda(() => TE.left('x'));
    // @ts-expect-error — a domain error must be mapped to a Problem first
    toLambda(() => err({ _tag: 'UserNotFound' as const }));
    // @ts-expect-error — a string is not a Problem
    toLambda(() => errAsync('boom'));
    // @ts-expect-error — an fp-ts Left must hold problems too
    toLambda(() => E.left(new Error('x')));
  });

  it('refuses handlers that return something other than a result', () => {
    // @ts-expect-error — a plain value is not an outcome
    toLambda(() => ({ statusCode: 200 }));
  });

  it('returns the result type that follows the event', () => {
    const handler = toLambda(() => ok(1));
    expectTypeOf(
      handler({} as APIGatewayProxyEvent, context),
    ).resolves.toEqualTypeOf<APIGatewayProxyResult>();
    expectTypeOf(
      handler({} as APIGatewayProxyEventV2, context),
    ).resolves.toEqualTypeOf<APIGatewayProxyStructuredResultV2>();
    expectTypeOf(handler({} as ALBEvent, context)).resolves.toEqualTypeOf<ALBResult>();
  });
});

describe('aws-lambda handler types', () => {
  it('assigns to the handler types of every event source', () => {
    const handler = toLambda(() => ok(1));
    expectTypeOf(handler).toExtend<APIGatewayProxyHandler>();
    expectTypeOf(handler).toExtend<APIGatewayProxyHandlerV2>();
    expectTypeOf(handler).toExtend<LambdaFunctionURLHandler>();
    expectTypeOf(handler).toExtend<ALBHandler>();
  });
});

describe('status classes', () => {
  it('limits replies to 2xx/3xx and problems to 4xx/5xx', () => {
    json({}, { status: 201 });
    // @ts-expect-error — 404 is not a success status
    json({}, { status: 404 });
    problem({ status: 422 });
    // @ts-expect-error — 200 is not an error status
    problem({ status: 200 });
    expectTypeOf(created('/a', { a: 1 })).toEqualTypeOf<Reply<{ a: number }>>();
    expectTypeOf(created('/a')).toEqualTypeOf<Reply<undefined>>();
  });
});
