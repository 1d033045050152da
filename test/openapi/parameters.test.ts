/**
 * Operation parameters: a parameter is required exactly when the codec refuses a request
 * without it — members of `t.partial` (alone, exact, or in an intersection with `t.type`) are
 * optional whatever their own codec, members of `t.type` are required unless their codec takes
 * `undefined`, and path parameters are always required.
 */
import * as t from 'io-ts';
import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { OpenApiDocument } from '../../src/openapi/index.js';
import { IntFromString, endpoint, min, noContent, router } from '../../src/index.js';
import { openApiDocument } from '../../src/openapi/index.js';

interface Parameter {
  readonly name: string;
  readonly in: string;
  readonly required: boolean;
  readonly schema: Readonly<Record<string, unknown>>;
}

function parametersOf(document: OpenApiDocument, path: string): Parameter[] {
  const paths = document['paths'] as Record<string, Record<string, { parameters: Parameter[] }>>;
  return paths[path]?.['get']?.parameters ?? [];
}

function documentWith(parts: Parameters<typeof endpoint>[0], path = '/things'): Parameter[] {
  const api = router().get(
    path,
    endpoint(parts, () => ok(noContent())),
  );
  return parametersOf(openApiDocument(api), path);
}

const required = (parameters: readonly Parameter[]) =>
  Object.fromEntries(
    parameters.map((parameter) => [`${parameter.in} ${parameter.name}`, parameter.required]),
  );

describe('parameters', () => {
  it('leaves every member of t.partial optional', () => {
    expect(
      documentWith({
        query: t.partial({ page: IntFromString, q: t.string }),
        headers: t.exact(t.partial({ 'x-tenant': t.string })),
        cookies: t.partial({ session: t.string }),
      }),
    ).toStrictEqual([
      {
        name: 'page',
        in: 'query',
        required: false,
        schema: { type: 'string', pattern: '^-?\\d+$', format: 'int64' },
      },
      { name: 'q', in: 'query', required: false, schema: { type: 'string' } },
      { name: 'x-tenant', in: 'header', required: false, schema: { type: 'string' } },
      { name: 'session', in: 'cookie', required: false, schema: { type: 'string' } },
    ]);
  });

  it('requires members of t.type unless their codec takes undefined', () => {
    expect(
      required(
        documentWith({
          query: t.type({ q: t.string, sort: t.union([t.string, t.undefined]) }),
          headers: t.readonly(t.type({ 'x-tenant': t.string })),
        }),
      ),
    ).toStrictEqual({ 'query q': true, 'query sort': false, 'header x-tenant': true });
  });

  it('follows each part of an intersection of t.type and t.partial', () => {
    expect(
      required(
        documentWith({
          query: t.intersection([
            t.type({ q: t.string }),
            t.partial({ page: min(IntFromString, 1), size: IntFromString }),
            t.intersection([t.partial({ cursor: t.string }), t.type({ size: IntFromString })]),
          ]),
        }),
      ),
    ).toStrictEqual({
      'query q': true,
      'query page': false,
      'query size': true,
      'query cursor': false,
    });
  });

  it('gives a member two parts declare the schema of both', () => {
    const [parameter] = documentWith({
      query: t.intersection([
        t.partial({ size: IntFromString }),
        t.type({ size: min(IntFromString, 1) }),
      ]),
    });
    expect(parameter).toStrictEqual({
      name: 'size',
      in: 'query',
      required: true,
      schema: {
        allOf: [
          { type: 'string', pattern: '^-?\\d+$', format: 'int64' },
          {
            type: 'string',
            pattern: '^-?\\d+$',
            format: 'int64',
            description: 'Further rules apply (IntFromString (too-small): 1 or more).',
          },
        ],
      },
    });
  });

  it('requires path parameters, even from t.partial', () => {
    expect(
      required(documentWith({ params: t.partial({ id: t.string }) }, '/things/{id}/{rest+}')),
    ).toStrictEqual({ 'path id': true, 'path rest': true });
  });

  it('agrees with the codec on a request that leaves the parameter out', () => {
    const query = t.intersection([
      t.type({ a: t.string, b: t.union([t.string, t.undefined]) }),
      t.partial({ c: t.string, d: t.array(t.string) }),
    ]);
    const full = { a: 'x', b: 'x', c: 'x', d: ['x'] };
    for (const parameter of documentWith({ query })) {
      const without = Object.fromEntries(
        Object.entries(full).filter(([name]) => name !== parameter.name),
      );
      expect(query.decode(without)._tag, parameter.name).toBe(
        parameter.required ? 'Left' : 'Right',
      );
    }
  });
});
