/**
 * What the compiler says when a handler's domain errors are not all mapped: one error (never
 * "No overload matches this call" with a chain under it), whose first line names the handler's
 * error types and the ones the map covers, so that the missing tag can be read off it.
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
import { err, ok } from 'neverthrow';
import { TaggedError, errorMap, notFound, toLambda } from ${JSON.stringify(path.join(root, 'src/index.js'))};
import type { HttpRequest } from ${JSON.stringify(path.join(root, 'src/index.js'))};
class TodoGone extends TaggedError('TodoGone')<{ readonly id: string }> {}
class TodoLocked extends TaggedError('TodoLocked')<{ readonly by: string }> {}
const goneOnly = errorMap<TodoGone>({ TodoGone: { status: 410 } });
declare const request: HttpRequest;
export { err, ok, notFound, goneOnly, request, TodoGone, TodoLocked, toLambda };
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
  it('a map that lacks a tag: one error naming the handler’s tags and the map’s', () => {
    const lines = firstLines(
      'missing-tag',
      `export const handler = toLambda(
        () => (request.method === 'GET' ? err(new TodoGone({ id: '1' })) : err(new TodoLocked({ by: 'x' }))),
        { errors: goneOnly },
      );`,
    );
    expect(lines).toEqual([
      "Type 'Err<unknown, TodoGone> | Err<unknown, TodoLocked>' is not assignable to type 'Outcome<unknown, MappedErrors<NoInfer<TodoGone>>>'.",
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
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('No overload matches this call');
    expect(lines[0]).toContain('TodoGone');
  }, 60_000);

  it('compiles what is right: problems alone, or every tag mapped', () => {
    expect(
      firstLines(
        'right',
        `export const a = toLambda(() => err(notFound()));
         export const b = toLambda(() => ok(1), { accessLog: true });
         export const c = toLambda(() => err(new TodoGone({ id: '1' })), { errors: goneOnly });`,
      ),
    ).toEqual([]);
  }, 60_000);
});
