/**
 * Standard Schema parts: the same request shapes through io-ts, zod 4, valibot 1 and arktype 2
 * give the same problem documents (codes, sources); schemas that coerce, asynchronous schemas,
 * lists in the query, mixing with io-ts codecs, and the inferred input types.
 */
import { type } from 'arktype';
import fc from 'fast-check';
import * as t from 'io-ts';
import { ok } from 'neverthrow';
import * as v from 'valibot';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as z from 'zod';
import type { StandardSchemaV1 as SpecSchema } from '@standard-schema/spec';
import type {
  EndpointParts,
  HttpEvent,
  PartSchema,
  StandardResult,
  StandardSchemaV1,
} from '../../src/index.js';
import {
  endpoint,
  isStandardSchema,
  json,
  min,
  minLength,
  pattern,
  toLambda,
  toStandardSchema,
} from '../../src/index.js';
import { fakeContext, httpApiEvent, invoke, restApiEvent } from '../../src/testing/index.js';

interface ProblemShape {
  readonly status: string;
  readonly code: string;
  readonly source?: unknown;
  readonly meta?: unknown;
}

/** Every problem's status, code, source and meta, in order. */
async function problemsOf(parts: EndpointParts, event: HttpEvent): Promise<ProblemShape[]> {
  const handler = toLambda(
    endpoint(parts, () => ok(json({ ok: true }))),
    { logger: false },
  );
  const response = await invoke(handler, event);
  expect(response.status).toBe(400);
  const document = response.json() as { errors: (ProblemShape & Record<string, unknown>)[] };
  return document.errors.map(({ status, code, source, meta }) => ({
    status,
    code,
    ...(source === undefined ? {} : { source }),
    ...(meta === undefined ? {} : { meta }),
  }));
}

// One request shape, written in each library.
const Role = ['admin', 'user'] as const;
const SHAPES: Readonly<Record<string, EndpointParts>> = {
  'io-ts': {
    params: t.type({ id: minLength(t.string, 3) }),
    query: t.type({ sort: t.keyof({ asc: null, desc: null }) }),
    headers: t.type({ 'x-api-key': t.string }),
    cookies: t.type({ session: t.string }),
    body: t.type({
      name: minLength(t.string, 3),
      age: min(t.number, 18),
      role: t.keyof({ admin: null, user: null }),
      tags: t.array(t.string),
    }),
  },
  zod: {
    params: z.object({ id: z.string().min(3) }),
    query: z.object({ sort: z.enum(['asc', 'desc']) }),
    headers: z.object({ 'x-api-key': z.string() }),
    cookies: z.object({ session: z.string() }),
    body: z.object({
      name: z.string().min(3),
      age: z.number().min(18),
      role: z.enum(Role),
      tags: z.array(z.string()),
    }),
  },
  valibot: {
    params: v.object({ id: v.pipe(v.string(), v.minLength(3)) }),
    query: v.object({ sort: v.picklist(['asc', 'desc']) }),
    headers: v.object({ 'x-api-key': v.string() }),
    cookies: v.object({ session: v.string() }),
    body: v.object({
      name: v.pipe(v.string(), v.minLength(3)),
      age: v.pipe(v.number(), v.minValue(18)),
      role: v.picklist(Role),
      tags: v.array(v.string()),
    }),
  },
  arktype: {
    params: type({ id: 'string >= 3' }),
    query: type({ sort: "'asc' | 'desc'" }),
    headers: type({ 'x-api-key': 'string' }),
    cookies: type({ session: 'string' }),
    body: type({
      name: 'string >= 3',
      age: 'number >= 18',
      role: "'admin' | 'user'",
      tags: 'string[]',
    }),
  },
};

const LIBRARIES = Object.keys(SHAPES);

/** A request wrong in every part: each problem once. */
function wrongEverywhere(build: typeof restApiEvent | typeof httpApiEvent): HttpEvent {
  return build({
    method: 'POST',
    path: '/things/ab',
    pathParameters: { id: 'ab' },
    query: { sort: 'up' },
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Al', role: 'root', tags: 'x' }),
  });
}

const EXPECTED: ProblemShape[] = [
  { status: '400', code: 'too-short', source: { parameter: 'id' } },
  { status: '400', code: 'invalid-value', source: { parameter: 'sort' } },
  { status: '400', code: 'required', source: { header: 'x-api-key' } },
  { status: '400', code: 'required', source: { header: 'cookie' }, meta: { cookie: 'session' } },
  { status: '400', code: 'too-short', source: { pointer: '/name' } },
  { status: '400', code: 'required', source: { pointer: '' } },
  { status: '400', code: 'invalid-value', source: { pointer: '/role' } },
  { status: '400', code: 'invalid-type', source: { pointer: '/tags' } },
];

/** Problems in a stable order: libraries list a part's issues in their own order. */
function sorted(problems: readonly ProblemShape[]): ProblemShape[] {
  return [...problems].sort((a, b) =>
    `${JSON.stringify(a.source)}${a.code}`.localeCompare(`${JSON.stringify(b.source)}${b.code}`),
  );
}

describe('the same request shape in io-ts, zod, valibot and arktype', () => {
  for (const [kind, build] of [
    ['REST', restApiEvent],
    ['HTTP API', httpApiEvent],
  ] as const) {
    it.each(LIBRARIES)(`%s: the same problems, codes and sources (${kind})`, async (library) => {
      const problems = await problemsOf(SHAPES[library] ?? {}, wrongEverywhere(build));
      expect(sorted(problems)).toEqual(sorted(EXPECTED));
      // Parts in the order gatefold decodes them: params, query, headers, cookies, body.
      const parts = problems.map(({ source }) => Object.keys(source as object)[0]);
      expect(parts.slice(0, 4)).toEqual(['parameter', 'parameter', 'header', 'header']);
      expect(new Set(parts.slice(4))).toEqual(new Set(['pointer']));
    });
  }

  it.each(LIBRARIES)(
    '%s: a valid request reaches the handler with the decoded input',
    async (library) => {
      let seen: unknown;
      const handler = toLambda(
        endpoint(SHAPES[library] ?? {}, (input) => {
          seen = input;
          return ok(json({ ok: true }));
        }),
      );
      const response = await invoke(
        handler,
        restApiEvent({
          method: 'POST',
          path: '/things/abc',
          pathParameters: { id: 'abc' },
          query: { sort: 'asc' },
          headers: { 'content-type': 'application/json', 'x-api-key': 'k' },
          cookies: { session: 's1' },
          body: JSON.stringify({ name: 'Ada', age: 36, role: 'admin', tags: ['a'], extra: 1 }),
        }),
      );
      expect(response.status).toBe(200);
      expect(seen).toMatchObject({
        params: { id: 'abc' },
        query: { sort: 'asc' },
        headers: { 'x-api-key': 'k' },
        cookies: { session: 's1' },
        body: { name: 'Ada', age: 36, role: 'admin', tags: ['a'] },
      });
    },
  );
});

describe('text parts through a Standard Schema', () => {
  it('a coercing schema converts as it documents (z.coerce)', async () => {
    let page: unknown;
    const handler = toLambda(
      endpoint({ query: z.object({ page: z.coerce.number().int().min(1) }) }, ({ query }) => {
        expectTypeOf(query.page).toEqualTypeOf<number>();
        page = query.page;
        return ok(json({ page: query.page }));
      }),
      { logger: false },
    );
    const good = await invoke(handler, restApiEvent({ query: { page: '3' } }));
    expect(good.status).toBe(200);
    expect(page).toBe(3);
    const bad = await invoke(handler, restApiEvent({ query: { page: '0' } }));
    expect(bad.status).toBe(400);
    expect(bad.json()).toMatchObject({
      errors: [{ code: 'too-small', source: { parameter: 'page' } }],
    });
  });

  it('a repeated key for a one-value member is "Several values"; a list member gets every value', async () => {
    const parts = { query: z.object({ sort: z.string(), tag: z.array(z.string()) }) };
    let seen: unknown;
    const handler = toLambda(
      endpoint(parts, ({ query }) => {
        seen = query;
        return ok(json(null));
      }),
      { logger: false },
    );
    const one = await invoke(handler, restApiEvent({ query: { sort: 'a', tag: 'x' } }));
    expect(one.status).toBe(200);
    expect(seen).toEqual({ sort: 'a', tag: ['x'] });
    const repeated = await invoke(handler, restApiEvent({ query: { sort: ['a', 'b'], tag: 'x' } }));
    expect(repeated.json()).toMatchObject({
      errors: [
        {
          code: 'invalid-type',
          title: 'Several values',
          detail: 'Expected one value, received 2: ["a","b"].',
          source: { parameter: 'sort' },
        },
      ],
    });
  });

  it('a header sent twice is one value joined with commas, as for io-ts', async () => {
    let seen: unknown;
    const handler = toLambda(
      endpoint({ headers: z.object({ accept: z.string() }) }, ({ headers }) => {
        seen = headers.accept;
        return ok(json(null));
      }),
    );
    await invoke(handler, restApiEvent({ headers: { accept: ['text/html', 'application/json'] } }));
    expect(seen).toBe('text/html, application/json');
  });
});

describe('asynchronous schemas', () => {
  const taken = z.string().refine(async (name) => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    return name !== 'taken';
  }, 'That name is taken.');

  it('are awaited; their problems follow the other parts’', async () => {
    const handler = toLambda(
      endpoint(
        { query: t.type({ q: minLength(t.string, 2) }), body: z.object({ name: taken }) },
        ({ body }) => ok(json({ name: body.name })),
      ),
      { logger: false },
    );
    const bad = await invoke(
      handler,
      httpApiEvent({
        method: 'POST',
        query: { q: 'x' },
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'taken' }),
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.json()).toMatchObject({
      errors: [
        { code: 'too-short', source: { parameter: 'q' } },
        { code: 'invalid-value', detail: 'That name is taken.', source: { pointer: '/name' } },
      ],
    });
    const good = await invoke(
      handler,
      httpApiEvent({
        method: 'POST',
        query: { q: 'xy' },
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'free' }),
      }),
    );
    expect(good.status).toBe(200);
    expect(good.json()).toEqual({ name: 'free' });
  });

  it('a handler returning an fp-ts TaskEither behind an async schema is still answered', async () => {
    const handler = toLambda(
      endpoint(
        { body: z.object({ name: taken }) },
        ({ body }) =>
          () =>
            Promise.resolve({ _tag: 'Right' as const, right: json({ name: body.name }) }),
      ),
    );
    const response = await invoke(
      handler,
      restApiEvent({
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"name":"free"}',
      }),
    );
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ name: 'free' });
  });
});

describe('schemas that misbehave', () => {
  /** A Standard Schema made by hand, answering with what `validate` gives. */
  const handMade = (validate: (value: unknown) => unknown): StandardSchemaV1<unknown, unknown> =>
    ({ '~standard': { version: 1, vendor: 'hand-made', validate } }) as StandardSchemaV1<
      unknown,
      unknown
    >;

  it('an asynchronous part left unread by an early answer never rejects unobserved', async () => {
    const rejecting = handMade(
      () =>
        new Promise((_, reject) =>
          setTimeout(() => {
            reject(new Error('lookup failed'));
          }, 5),
        ),
    );
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      const handler = toLambda(
        endpoint({ query: rejecting, body: z.object({ a: z.string() }) }, () => ok(json(null))),
        { logger: false },
      );
      const response = await invoke(
        handler,
        restApiEvent({ method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' }),
      );
      expect(response.status).toBe(415);
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', record);
    }
  });

  it('a failure without an issue is the schema’s defect: a masked 500', async () => {
    const handler = toLambda(
      endpoint({ query: handMade(() => ({ issues: [] })) }, () => ok(json(null))),
      { logger: false },
    );
    expect((await invoke(handler, restApiEvent())).status).toBe(500);
  });

  it('a thenable that is not a native promise is awaited', async () => {
    const thenable = handMade(() => ({
      then: (resolve: (value: unknown) => void) => {
        resolve({ value: { q: 'from a thenable' } });
      },
    }));
    let seen: unknown;
    const handler = toLambda(
      endpoint({ query: thenable }, ({ query }) => {
        seen = query;
        return ok(json(null));
      }),
    );
    expect((await invoke(handler, restApiEvent())).status).toBe(200);
    expect(seen).toEqual({ q: 'from a thenable' });
  });

  it('a validate that throws is a masked 500', async () => {
    const handler = toLambda(
      endpoint(
        {
          query: handMade(() => {
            throw new Error('schema bug');
          }),
        },
        () => ok(json(null)),
      ),
      { logger: false },
    );
    expect((await invoke(handler, restApiEvent())).status).toBe(500);
  });
});

describe('credentials are never repeated in a problem', () => {
  const bearer = /^Bearer [a-z]+$/;
  it.each([
    ['io-ts', { headers: t.type({ authorization: pattern(t.string, bearer) }) }],
    ['arktype', { headers: type({ authorization: /^Bearer [a-z]+$/ }) }],
    ['zod', { headers: z.object({ authorization: z.string().regex(bearer) }) }],
  ] as const)('%s: a bad authorization header is named, its value left out', async (_, parts) => {
    const handler = toLambda(
      endpoint(parts, () => ok(json(null))),
      { logger: false },
    );
    const response = await invoke(
      handler,
      restApiEvent({ headers: { authorization: 'Basic dXNlcjpzM2NyM3Q=' } }),
    );
    expect(response.status).toBe(400);
    expect(response.body).not.toContain('dXNlcjpzM2NyM3Q');
    expect(response.json()).toMatchObject({
      errors: [
        {
          detail: 'The header "authorization" is not valid; its value is not repeated here.',
          source: { header: 'authorization' },
        },
      ],
    });
  });

  it('a bad cookie is named in meta, its value left out (zod)', async () => {
    const handler = toLambda(
      endpoint({ cookies: z.object({ session: z.uuid() }) }, () => ok(json(null))),
      { logger: false },
    );
    const response = await invoke(handler, restApiEvent({ cookies: { session: 'secret-value' } }));
    expect(response.body).not.toContain('secret-value');
    expect(response.json()).toMatchObject({
      errors: [
        {
          detail: 'The cookie is not valid; its value is not repeated here.',
          source: { header: 'cookie' },
          meta: { cookie: 'session' },
        },
      ],
    });
  });
});

describe('types', () => {
  it('infers each part from its library, io-ts and Standard Schemas mixed', () => {
    endpoint(
      {
        params: t.type({ id: t.string }),
        query: z.object({ page: z.coerce.number() }),
        headers: v.object({ 'x-api-key': v.string() }),
        body: type({ name: 'string', 'age?': 'number' }),
      },
      (input) => {
        expectTypeOf(input.params).toEqualTypeOf<{ id: string }>();
        expectTypeOf(input.query).toEqualTypeOf<{ page: number }>();
        expectTypeOf(input.headers).toEqualTypeOf<{ 'x-api-key': string }>();
        expectTypeOf(input.body).toEqualTypeOf<{ name: string; age?: number }>();
        // @ts-expect-error -- no cookies part was declared
        expect(input.cookies).toBeUndefined();
        return ok(json(null));
      },
    );
  });

  it('the interface gatefold declares is the specification’s, both ways', () => {
    expectTypeOf<StandardSchemaV1<string, number>>().toExtend<SpecSchema<string, number>>();
    expectTypeOf<SpecSchema<string, number>>().toExtend<StandardSchemaV1<string, number>>();
    expectTypeOf<
      ReturnType<typeof toStandardSchema<{ a: string }, { a: string }, unknown>>
    >().toExtend<SpecSchema<unknown, { a: string }>>();
  });

  it('accepts only codecs and Standard Schemas as parts', () => {
    expectTypeOf(z.string()).toExtend<PartSchema>();
    expectTypeOf(t.string).toExtend<PartSchema>();
    // @ts-expect-error -- a plain object is neither
    endpoint({ body: { parse: (x: unknown) => x } }, () => ok(json(null)));
  });
});

describe('toStandardSchema', () => {
  const User = toStandardSchema(
    t.type({ name: minLength(t.string, 3), role: t.union([t.literal('a'), t.literal('b')]) }),
  );

  it('is a Standard Schema whose value is the decoded one', () => {
    expect(isStandardSchema(User)).toBe(true);
    expect(User['~standard'].vendor).toBe('gatefold');
    expect(User['~standard'].validate({ name: 'Ada', role: 'a' })).toEqual({
      value: { name: 'Ada', role: 'a' },
    });
  });

  it('gives one issue per problem, with the path to the member and gatefold’s message', () => {
    expect(User['~standard'].validate({ name: 'Al' })).toEqual({
      issues: [
        {
          message: 'Expected at least 3 characters, received 2.',
          path: ['name'],
          code: 'too-short',
          title: 'Value is too short',
        },
        {
          message: 'The member "role" is required.',
          path: ['role'],
          code: 'required',
          title: 'Required member missing',
        },
      ],
    });
    expect(User['~standard'].validate({ name: 'Ada', role: 'c' })).toEqual({
      issues: [
        {
          message: 'Expected one of "a", "b", received "c".',
          path: ['role'],
          code: 'invalid-value',
          title: 'Invalid value',
        },
      ],
    });
  });

  it('builds at most 100 issues, however many the value has', () => {
    const Numbers = toStandardSchema(t.array(t.number));
    const result = Numbers['~standard'].validate(Array.from({ length: 50_000 }, () => 'x'));
    // Synchronous, as toStandardSchema's validation always is.
    expect(result).not.toBeInstanceOf(Promise);
    expect((result as StandardResult<unknown>).issues?.length).toBe(100);
  });

  it('round-trips through an endpoint part with the same problems as the codec itself', async () => {
    const codec = t.type({ name: minLength(t.string, 3) });
    const event = restApiEvent({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":"Al"}',
    });
    expect(await problemsOf({ body: toStandardSchema(codec) }, event)).toEqual(
      await problemsOf({ body: codec }, event),
    );
  });
});

describe('invariant', () => {
  it('any JSON body through a zod part is answered 200 or 400 with pointer sources, never a throw', async () => {
    const handler = toLambda(
      endpoint(
        {
          body: z.object({
            name: z.string().min(1),
            n: z.number().int(),
            list: z.array(z.boolean()),
          }),
        },
        () => ok(json(null)),
      ),
      { logger: false },
    );
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const response = await handler(
          restApiEvent({
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(value),
          }),
          fakeContext(),
        );
        expect([200, 400]).toContain(response.statusCode);
        if (response.statusCode === 400) {
          const { errors } = JSON.parse(response.body) as {
            errors: { source?: { pointer?: string } }[];
          };
          expect(errors.length).toBeGreaterThan(0);
          for (const problem of errors) expect(typeof problem.source?.pointer).toBe('string');
        }
      }),
      { numRuns: Number(process.env['FUZZ_RUNS'] ?? 200) },
    );
  });
});
