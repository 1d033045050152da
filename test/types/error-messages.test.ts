/**
 * What the compiler says when a handler's domain errors are not all mapped: one error (never
 * "No overload matches this call" with a chain under it), whose first line names the tags the
 * map lacks ("TodoLocked is not mapped").
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
// Inside the repository (node_modules/.cache, as tools keep theirs), so that the snippets resolve
// neverthrow and the sources as the project's own files do.
const cache = path.join(root, 'node_modules/.cache');
mkdirSync(cache, { recursive: true });
const scratch = mkdtempSync(path.join(cache, 'gatefold-messages-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

const PRELUDE = `
import { err, ok, okAsync } from 'neverthrow';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { TaggedError, endpoint, errorMap, json, notFound, router, toLambda } from ${JSON.stringify(path.join(root, 'src/index.js'))};
import { toLambdaIntegration } from ${JSON.stringify(path.join(root, 'src/integration/index.js'))};
import type { HttpRequest } from ${JSON.stringify(path.join(root, 'src/index.js'))};
class TodoGone extends TaggedError('TodoGone')<{ readonly id: string }> {}
class TodoLocked extends TaggedError('TodoLocked')<{ readonly by: string }> {}
class TodoStale extends TaggedError('TodoStale') {}
class TodoHidden extends TaggedError('TodoHidden') {}
const goneOnly = errorMap<TodoGone>({ TodoGone: { status: 410 } });
const staleOnly = errorMap<TodoStale>({ TodoStale: { status: 409 } });
const goneOrLocked = errorMap<TodoGone | TodoLocked>({
  TodoGone: { status: 410 },
  TodoLocked: { status: 423 },
});
declare const request: HttpRequest;
export { E, err, ok, okAsync, t, endpoint, json, notFound, goneOnly, goneOrLocked, request };
export { TodoGone, TodoLocked, TodoStale, TodoHidden, router, staleOnly, toLambda, toLambdaIntegration };
`;

/** The first line of each error the compiler reports for `body`, after the prelude. */
function firstLines(name: string, body: string): string[] {
  // `.mts`: an ES module whatever the nearest package.json says.
  const file = path.join(scratch, `${name}.mts`);
  writeFileSync(file, `${PRELUDE}\n${body}\n`);
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(root, 'tsconfig.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  );
  const program = ts.createProgram([file], { ...config?.options, noEmit: true });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((diagnostic) => diagnostic.file?.fileName === file)
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
    .map((text) => text.split('\n')[0] ?? '');
}

describe('compile errors for unmapped domain errors', () => {
  it('a map that lacks a tag: one error naming the tag', () => {
    const lines = firstLines(
      'missing-tag',
      `export const handler = toLambda(
        () => (request.method === 'GET' ? err(new TodoGone({ id: '1' })) : err(new TodoLocked({ by: 'x' }))),
        { errors: goneOnly },
      );`,
    );
    expect(lines).toEqual([
      `Type 'ErrorMap<TodoGone>' is not assignable to type '"TodoLocked is not mapped"'.`,
    ]);
  }, 60_000);

  it('a map that lacks two tags: one error naming both', () => {
    const lines = firstLines(
      'missing-tags',
      `export const handler = toLambda(
        () =>
          request.method === 'GET'
            ? err(new TodoGone({ id: '1' }))
            : request.method === 'PUT'
              ? err(new TodoStale())
              : err(new TodoLocked({ by: 'x' })),
        { errors: goneOnly },
      );`,
    );
    expect(lines).toEqual([
      `Type 'ErrorMap<TodoGone>' is not assignable to type '"TodoLocked and TodoStale are not mapped"'.`,
    ]);
  }, 60_000);

  it('an endpoint written inline whose callback returns an unmapped error', () => {
    const lines = firstLines(
      'endpoint-inline',
      `export const handler = toLambda(
        endpoint({ params: t.type({ id: t.string }) }, ({ params }) =>
          params.id === '1' ? ok(json({ id: params.id })) : err(new TodoLocked({ by: params.id })),
        ),
        { errors: goneOnly },
      );`,
    );
    expect(lines).toEqual([
      `Type 'ErrorMap<TodoGone>' is not assignable to type '"TodoLocked is not mapped"'.`,
    ]);
  }, 60_000);

  it('toLambdaIntegration: the same error', () => {
    const lines = firstLines(
      'integration-missing-tag',
      `export const handler = toLambdaIntegration(
        () => (request.method === 'GET' ? err(new TodoGone({ id: '1' })) : err(new TodoLocked({ by: 'x' }))),
        { errors: goneOnly },
      );`,
    );
    expect(lines).toEqual([
      `Type 'ErrorMap<TodoGone>' is not assignable to type '"TodoLocked is not mapped"'.`,
    ]);
  }, 60_000);

  it('domain errors and no options: one error naming the tag and that only problems are taken', () => {
    const lines = firstLines(
      'no-map',
      `export const handler = toLambda(() => err(new TodoGone({ id: '1' })));`,
    );
    expect(lines).toEqual([
      "Type 'Err<unknown, TodoGone>' is not assignable to type 'Outcome<unknown, ProblemError>'.",
    ]);
  }, 60_000);

  it('domain errors and options without a map: one error naming the tag', () => {
    const lines = firstLines(
      'options-without-map',
      `export const handler = toLambda(() => err(new TodoGone({ id: '1' })), { accessLog: true });`,
    );
    expect(lines).toEqual([
      `Argument of type '{ accessLog: true; }' is not assignable to parameter of type 'LambdaOptions & { readonly errors: "TodoGone is not mapped"; }'.`,
    ]);
  }, 60_000);

  it('a domain error whose tag is only a string: asks for a literal tag', () => {
    const lines = firstLines(
      'string-tag',
      `const plain = errorMap<{ readonly _tag: 'Plain' }>({ Plain: { status: 404 } });
       export const handler = toLambda(() => err({ _tag: 'Plain' }), { errors: plain });`,
    );
    expect(lines).toEqual([
      `Type 'ErrorMap<{ readonly _tag: "Plain"; }>' is not assignable to type '"a _tag typed as string cannot be mapped: use a literal tag"'.`,
    ]);
  }, 60_000);

  it('an error that is neither a problem nor tagged: names it', () => {
    const lines = firstLines(
      'untagged',
      `export const handler = toLambda(() => err('x'), { errors: goneOnly });`,
    );
    expect(lines).toEqual([
      "Type 'Err<unknown, \"x\">' is not assignable to type 'Outcome<unknown, MappedErrors<AnyTagged>>'.",
    ]);
  }, 60_000);

  it('compiles what is right: problems alone, every tag mapped, or tags the handler never returns', () => {
    expect(
      firstLines(
        'right',
        `export const a = toLambda(() => err(notFound()));
         export const b = toLambda(() => ok(1), { accessLog: true });
         export const c = toLambda(() => err(new TodoGone({ id: '1' })), { errors: goneOnly });
         // A shared map may cover more than one handler returns.
         export const d = toLambda(() => err(new TodoGone({ id: '1' })), { errors: goneOrLocked });
         export const e = toLambda(() => okAsync(1), { errors: goneOnly });
         export const f = toLambda(() => E.right(1), { accessLog: true });
         export const g = toLambda(
           endpoint({ params: t.type({ id: t.string }) }, ({ params }) =>
             params.id === '1' ? ok(json({ id: params.id })) : err([new TodoGone({ id: params.id }), notFound()]),
           ),
           { errors: goneOnly },
         );
         // One of two handlers: a union of function types.
         const found = () => ok(1);
         const gone = () => err(new TodoGone({ id: '1' }));
         export const h = toLambda(request.method === 'GET' ? found : gone, { errors: goneOnly });
         export const i = toLambdaIntegration(() => err(new TodoGone({ id: '1' })), { errors: goneOrLocked });`,
      ),
    ).toEqual([]);
  }, 60_000);
});

describe('compile errors for unmapped domain errors in routes', () => {
  it('a route whose map and the router’s together lack a tag: one error naming the tag', () => {
    const lines = firstLines(
      'route-missing-tag',
      `export const api = router({ errors: goneOnly }).get(
        '/todos/{id}',
        () =>
          request.method === 'GET'
            ? err(new TodoGone({ id: '1' }))
            : request.method === 'PUT'
              ? err(new TodoStale())
              : err(new TodoLocked({ by: 'x' })),
        { errors: staleOnly },
      );`,
    );
    expect(lines).toEqual([
      `Type 'ErrorMap<TodoStale>' is not assignable to type '"TodoLocked is not mapped"'.`,
    ]);
  }, 60_000);

  it('route(): the same error', () => {
    const lines = firstLines(
      'route-method-missing-tag',
      `export const api = router({ errors: goneOnly }).route(
        'PUT',
        '/todos/{id}',
        () => (request.method === 'PUT' ? err(new TodoStale()) : err(new TodoLocked({ by: 'x' }))),
        { errors: staleOnly },
      );`,
    );
    expect(lines).toEqual([
      `Type 'ErrorMap<TodoStale>' is not assignable to type '"TodoLocked is not mapped"'.`,
    ]);
  }, 60_000);

  it('a route whose maps lack two tags: one error naming both', () => {
    const lines = firstLines(
      'route-missing-tags',
      `export const api = router({ errors: goneOnly }).get(
        '/todos/{id}',
        () =>
          request.method === 'GET'
            ? err(new TodoGone({ id: '1' }))
            : request.method === 'PUT'
              ? err(new TodoStale())
              : request.method === 'POST'
                ? err(new TodoHidden())
                : err(new TodoLocked({ by: 'x' })),
        { errors: staleOnly },
      );`,
    );
    expect(lines).toEqual([
      `Type 'ErrorMap<TodoStale>' is not assignable to type '"TodoLocked and TodoHidden are not mapped"'.`,
    ]);
  }, 60_000);

  it('an endpoint written inline as a route, with a map: the same error', () => {
    const lines = firstLines(
      'route-endpoint-inline',
      `export const api = router({ errors: goneOnly }).get(
        '/todos/{id}',
        endpoint({ params: t.type({ id: t.string }) }, ({ params }) =>
          params.id === '1' ? ok(json({ id: params.id })) : err(new TodoLocked({ by: params.id })),
        ),
        { errors: staleOnly },
      );`,
    );
    expect(lines).toEqual([
      `Type 'ErrorMap<TodoStale>' is not assignable to type '"TodoLocked is not mapped"'.`,
    ]);
  }, 60_000);

  it('a route without a map of its own: the handler is what the error names the tag for', () => {
    const lines = firstLines(
      'route-without-options',
      `export const api = router({ errors: goneOnly }).get('/todos/{id}', () =>
        request.method === 'GET' ? err(new TodoGone({ id: '1' })) : err(new TodoLocked({ by: 'x' })),
      );
      // Options without a map are the same.
      export const described = router({ errors: goneOnly }).route(
        'GET',
        '/todos/{id}',
        () => err(new TodoLocked({ by: 'x' })),
        { describe: { summary: 'A todo' } },
      );`,
    );
    expect(lines).toEqual([
      `Argument of type '() => Err<unknown, TodoGone> | Err<unknown, TodoLocked>' is not assignable to parameter of type '"TodoLocked is not mapped"'.`,
      `Argument of type '() => Err<unknown, TodoLocked>' is not assignable to parameter of type '"TodoLocked is not mapped"'.`,
    ]);
  }, 60_000);

  it('one of two handlers, with a map that covers only the other’s tags: names the tag', () => {
    const lines = firstLines(
      'route-union',
      `const stale = () => err(new TodoStale());
       const locked = () => err(new TodoLocked({ by: 'x' }));
       export const api = router({ errors: goneOnly }).get(
         '/todos/{id}',
         request.method === 'GET' ? stale : locked,
         { errors: staleOnly },
       );`,
    );
    expect(lines).toEqual([
      `Type 'ErrorMap<TodoStale>' is not assignable to type '"TodoLocked is not mapped"'.`,
    ]);
  }, 60_000);

  it('a router without a map and a route without one: names the tag', () => {
    const lines = firstLines(
      'route-no-map',
      `export const api = router().get('/todos/{id}', () => err(new TodoGone({ id: '1' })));`,
    );
    expect(lines).toEqual([
      `Argument of type '() => Err<unknown, TodoGone>' is not assignable to parameter of type '"TodoGone is not mapped"'.`,
    ]);
  }, 60_000);

  it('compiles what is right, inline callbacks included', () => {
    expect(
      firstLines(
        'route-right',
        `const found = () => ok(1);
         const gone = () => err(new TodoGone({ id: '1' }));
         export const api = router({ errors: goneOnly })
           .get('/health', () => ok(json({ status: 'ok' })))
           .get('/a', (request) => (request.path === '/a' ? ok(json({})) : err(notFound())))
           .get('/b', gone)
           .get('/c', request.method === 'GET' ? found : gone)
           .get('/d', () => okAsync(1))
           .get('/e', () => E.left(new TodoGone({ id: '1' })))
           .put('/f', (request) => (request.body === undefined ? err(new TodoStale()) : gone()), {
             errors: staleOnly,
           })
           .get(
             '/todos/{id}',
             endpoint({ params: t.type({ id: t.string }) }, ({ params }) =>
               params.id === '1' ? ok(json({ id: params.id })) : err([new TodoStale(), notFound()]),
             ),
             { errors: staleOnly },
           )
           .route('PATCH', '/g', () => err(new TodoGone({ id: '1' })), { describe: { summary: 'G' } });
         // A route's map may cover what the router's does not, under a router without one.
         export const plain = router().delete('/h', gone, { errors: goneOrLocked });`,
      ),
    ).toEqual([]);
  }, 60_000);
});
