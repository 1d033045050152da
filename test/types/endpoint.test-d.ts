import type { Context } from 'aws-lambda';
import * as t from 'io-ts';
import { err, errAsync, ok, okAsync } from 'neverthrow';
import type { Err, Ok, Result } from 'neverthrow';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  EndpointInput,
  Handler,
  HttpRequest,
  Issue,
  Problem,
  Reply,
  Uuid,
  Validator,
} from '../../src/index.js';
import {
  DateFromString,
  IntFromString,
  Uuid as UuidCodec,
  all,
  endpoint,
  field,
  json,
  minLength,
  notFound,
  rule,
  toLambda,
} from '../../src/index.js';

const Body = t.type({ name: t.string, tags: t.array(t.string) });

describe('endpoint input types', () => {
  it('infers every declared part from its codec', () => {
    endpoint(
      {
        params: t.type({ id: UuidCodec }),
        query: t.partial({ page: IntFromString }),
        headers: t.type({ 'x-api-key': t.string }),
        cookies: t.partial({ session: t.string }),
        body: Body,
      },
      (input, request, context) => {
        expectTypeOf(input.params).toEqualTypeOf<{ id: Uuid }>();
        expectTypeOf(input.query).toEqualTypeOf<{ page?: number }>();
        expectTypeOf(input.headers).toEqualTypeOf<{ 'x-api-key': string }>();
        expectTypeOf(input.cookies).toEqualTypeOf<{ session?: string }>();
        expectTypeOf(input.body).toEqualTypeOf<{ name: string; tags: string[] }>();
        expectTypeOf(request).toEqualTypeOf<HttpRequest>();
        expectTypeOf(context).toEqualTypeOf<Context>();
        return ok(json(input.body.name));
      },
    );
  });

  it('gives the decoded types of coercing codecs, not their string encodings', () => {
    endpoint(
      {
        query: t.type({ from: DateFromString, ids: minLength(t.array(IntFromString), 1) }),
        body: t.union([Body, t.undefined]),
      },
      ({ query, body }) => {
        expectTypeOf(query.from).toEqualTypeOf<Date>();
        expectTypeOf(query.ids).toEqualTypeOf<number[]>();
        expectTypeOf(body).toEqualTypeOf<{ name: string; tags: string[] } | undefined>();
        return ok(undefined);
      },
    );
  });

  it('has exactly the declared parts, all readonly and required', () => {
    const parts = { query: t.partial({ page: IntFromString }) };
    expectTypeOf<EndpointInput<typeof parts>>().toEqualTypeOf<{
      readonly query: { page?: number };
    }>();
    endpoint({}, (input) => {
      expectTypeOf(input).toBeObject();
      expectTypeOf(input).not.toHaveProperty('params');
      expectTypeOf(input).not.toHaveProperty('query');
      expectTypeOf(input).not.toHaveProperty('headers');
      expectTypeOf(input).not.toHaveProperty('cookies');
      expectTypeOf(input).not.toHaveProperty('body');
      return ok(1);
    });
    endpoint(parts, (input) => {
      expectTypeOf<keyof typeof input>().toEqualTypeOf<'query'>();
      expectTypeOf(input).not.toHaveProperty('body');
      // @ts-expect-error — no body codec, so no body
      expectTypeOf(input.body).toBeAny();
      // @ts-expect-error — no params codec, so no params
      expectTypeOf(input.params).toBeAny();
      // @ts-expect-error — the input is read-only
      input.query = {};
      return ok(input.query.page);
    });
  });
});

describe('endpoint validators', () => {
  const parts = {
    query: t.type({ from: DateFromString, to: DateFromString }),
    body: t.type({ seats: t.number }),
  };
  type Input = EndpointInput<typeof parts>;
  const ordered = rule((input: Input) => input.query.from <= input.query.to, {
    code: 'range-reversed',
    title: 'Range reversed',
  });

  it('accepts a Validator over the decoded input', () => {
    expectTypeOf(ordered).toEqualTypeOf<Validator<Input>>();
    endpoint(parts, () => ok(1), { validate: ordered });
    endpoint(parts, () => ok(1), {
      validate: all(
        ordered,
        field(
          '/seats',
          (input: Input) => input.body.seats,
          rule((n: number) => n > 0, {
            code: 'no-seats',
            title: 'No seats',
          }),
        ),
      ),
    });
    endpoint(parts, () => ok(1), {
      validate: (input) => {
        expectTypeOf(input).toEqualTypeOf<Input>();
        return ok(input);
      },
    });
  });

  it('refuses a validator over another shape', () => {
    const seatsAsText = rule(
      (input: { readonly body: { seats: string } }) => input.body.seats !== '',
      {
        code: 'x',
        title: 'x',
      },
    );
    // @ts-expect-error — seats decode to a number, not a string
    endpoint(parts, () => ok(1), { validate: seatsAsText });

    const needsParams = rule(
      (input: { readonly params: { id: string } }) => input.params.id !== '',
      {
        code: 'x',
        title: 'x',
      },
    );
    // @ts-expect-error — the endpoint declares no params
    endpoint(parts, () => ok(1), { validate: needsParams });

    // @ts-expect-error — a validator must return the value or issues, not a boolean
    endpoint(parts, () => ok(1), { validate: (input: Input) => input.body.seats > 0 });

    const wrongIssues = (input: Input): Result<Input, string[]> => ok(input);
    // @ts-expect-error — a validator's errors are issues
    endpoint(parts, () => ok(1), { validate: wrongIssues });
  });

  it('types the other options', () => {
    endpoint(parts, () => ok(1), {
      status: 422,
      unknownMembers: 'reject',
      limits: { maxBytes: 16 },
    });
    // @ts-expect-error — decoding problems are 400 or 422
    endpoint(parts, () => ok(1), { status: 409 });
    // @ts-expect-error — unknown members are allowed or rejected
    endpoint(parts, () => ok(1), { unknownMembers: 'strip' });
    expectTypeOf<Issue>().toExtend<{ code: string; title: string; detail: string }>();
  });
});

describe('endpoint handlers and toLambda', () => {
  it('returns a handler whose errors add the decoding problems to the handler’s own', () => {
    const handler = endpoint({ params: t.type({ id: t.string }) }, ({ params }) =>
      params.id === 'u-1' ? ok(json({ id: params.id })) : err(notFound()),
    );
    expectTypeOf(handler).toExtend<Handler<Reply<{ id: string }>, Problem | readonly Problem[]>>();
    expectTypeOf(handler).parameters.toEqualTypeOf<[HttpRequest, Context]>();
    expectTypeOf(handler).returns.toEqualTypeOf<
      Ok<Reply<{ id: string }>, never> | Err<never, Problem> | Err<never, readonly Problem[]>
    >();
  });

  it('compiles under toLambda when the handler’s errors are problems', () => {
    toLambda(endpoint({ query: t.partial({ q: t.string }) }, () => ok({ items: [] })));
    toLambda(endpoint({ body: Body }, () => err(notFound())));
    toLambda(endpoint({ body: Body }, () => errAsync([notFound(), notFound()])));
    toLambda(endpoint({ body: Body }, async () => Promise.resolve(ok(json({ a: 1 })))));
    toLambda(endpoint({ body: Body }, ({ body }) => okAsync(body)));
  });

  it('fails under toLambda when the handler returns a domain error', () => {
    const domain = endpoint({ params: t.type({ id: t.string }) }, ({ params }) =>
      params.id === 'u-1' ? ok(json({ id: params.id })) : err({ _tag: 'UserNotFound' as const }),
    );
    // @ts-expect-error — a domain error must be mapped to a Problem first
    toLambda(domain);
    // @ts-expect-error — a string is not a Problem
    toLambda(endpoint({}, () => errAsync('boom')));
    // @ts-expect-error — an Error is not a Problem
    toLambda(endpoint({ body: Body }, () => err(new Error('x'))));
  });

  it('refuses a handler that is not typed over the input', () => {
    const pageAsText = (input: { readonly query: { page: string } }) => ok(input.query.page);
    // @ts-expect-error — the query's page is a number, not a string
    endpoint({ query: t.type({ page: IntFromString }) }, pageAsText);
    // @ts-expect-error — a plain value is not an outcome
    endpoint({}, () => ({ statusCode: 200 }));
  });

  it('accepts a validator written for only some of the declared parts', () => {
    const nameGiven = field(
      '/name',
      (input: { readonly body: { name: string } }) => input.body.name,
      rule((name: string) => name !== '', { code: 'required', title: 'Name required' }),
    );
    endpoint({ body: Body, query: t.partial({ page: IntFromString }) }, () => ok(1), {
      validate: nameGiven,
    });
    endpoint({ body: Body }, () => ok(1), { validate: nameGiven });
  });
});
