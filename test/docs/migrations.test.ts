import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeContext, invoke, restApiEvent } from '../../src/testing/index.js';
import type { HttpEvent } from '../../src/index.js';
import type { EventBody, InvokableHandler, InvokeResponse } from '../../src/testing/index.js';

// The migration guides' "What the client sees" tables, checked: the before and after handlers
// the guides show (their ```ts blocks, as they are) answer the same requests as the tables say.

const root = path.resolve(import.meta.dirname, '../..');
const scratch = mkdtempSync(path.join(tmpdir(), 'gatefold-migrations-'));
const TODO = '0b5f3a4e-8a55-4d1c-9c9e-3f1d2a7b6c5d';

/** Loads the guide's `index`-th ```ts block as a module; `gatefold` is src/. */
async function handlerOf(guide: string, index: number): Promise<InvokableHandler> {
  const text = readFileSync(path.join(root, 'docs', guide), 'utf8');
  const code = [...text.matchAll(/^```ts\n([\s\S]*?)^```$/gm)][index]?.[1] ?? '';
  const file = path.join(scratch, `${guide}-${String(index)}.ts`);
  writeFileSync(file, code.replace(/from 'gatefold'/g, `from '${root}/src/index.js'`));
  const loaded = (await import(pathToFileURL(file).href)) as { handler: InvokableHandler };
  return loaded.handler;
}

beforeAll(() => {
  symlinkSync(path.join(root, 'node_modules'), path.join(scratch, 'node_modules'), 'dir');
  // Middy's error handler and gatefold's 4xx records would fill the output.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  vi.spyOn(console, 'info').mockImplementation(() => undefined);
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
});

afterAll(() => {
  vi.restoreAllMocks();
  rmSync(scratch, { recursive: true, force: true });
});

const invalid = { title: 'ab', priority: 'urgent' };
const patch = (id: string, body: EventBody, contentType?: string) => {
  const event = restApiEvent({
    method: 'PATCH',
    path: `/todos/${id}`,
    body,
    ...(contentType === undefined ? {} : { headers: { 'content-type': contentType } }),
  });
  // Middy has no router: behind API Gateway's /todos/{id} resource the parameter is extracted.
  return { ...event, resource: '/todos/{id}', pathParameters: { id } };
};

function problems(response: InvokeResponse) {
  const { errors } = response.json() as { errors: { code: string; source?: unknown }[] };
  return errors.map(({ code, source }) => ({ code, source }));
}

const afterTable = async (handler: InvokableHandler) => {
  const context = fakeContext();
  const rejected = await invoke(handler, patch('nope', invalid), context);
  expect({ status: rejected.status, problems: problems(rejected) }).toEqual({
    status: 400,
    problems: [
      { code: 'invalid-format', source: { parameter: 'id' } },
      { code: 'too-short', source: { pointer: '/title' } },
      { code: 'invalid-value', source: { pointer: '/priority' } },
    ],
  });
  const missing = await invoke(handler, patch(TODO, { title: 'Buy milk', priority: 'high' }));
  expect({ status: missing.status, problems: problems(missing) }).toEqual({
    status: 404,
    problems: [{ code: 'TodoNotFound', source: undefined }],
  });
  const malformed = await invoke(handler, patch(TODO, '{"title":', 'application/json'));
  expect([malformed.status, problems(malformed)[0]?.code]).toEqual([400, 'invalid-json']);
  const text = await invoke(handler, patch(TODO, 'hello', 'text/plain'));
  expect({ status: text.status, problems: problems(text) }).toEqual({
    status: 415,
    problems: [{ code: 'unsupported-media-type', source: { header: 'content-type' } }],
  });
};

describe('docs/migrating-from-middy.md', () => {
  it('before: Middy 6 answers as the table says', async () => {
    const handler = await handlerOf('migrating-from-middy.md', 0);
    const answer = async (event: HttpEvent) => {
      const response = await invoke(handler, event);
      return [response.status, response.headers['content-type'], response.body];
    };
    expect(await answer(patch('nope', invalid))).toEqual([
      400,
      'text/plain',
      'Event object failed validation',
    ]);
    expect(await answer(patch(TODO, { title: 'Buy milk', priority: 'high' }))).toEqual([
      404,
      'text/plain',
      `No todo has the id ${TODO}.`,
    ]);
    expect(await answer(patch(TODO, '{"title":', 'application/json'))).toEqual([
      415,
      'text/plain',
      'Invalid or malformed JSON was provided',
    ]);
    expect(await answer(patch(TODO, 'hello', 'text/plain'))).toEqual([
      415,
      'text/plain',
      'Unsupported Media Type',
    ]);
  }, 30_000);

  it('after: gatefold answers as the table says', async () => {
    await afterTable(await handlerOf('migrating-from-middy.md', 1));
  }, 30_000);
});

describe('docs/migrating-from-powertools.md', () => {
  it('before: the Powertools router answers as the table says', async () => {
    const handler = await handlerOf('migrating-from-powertools.md', 0);
    const rejected = await invoke(handler, patch('nope', invalid));
    expect({ status: rejected.status, body: rejected.json() }).toEqual({
      status: 422,
      body: {
        statusCode: 422,
        error: 'RequestValidationError',
        message: 'Validation failed for request',
        details: {
          issues: [
            expect.objectContaining({ path: ['body', 'title'] }),
            expect.objectContaining({ path: ['body', 'priority'] }),
            expect.objectContaining({ path: ['path', 'id'] }),
          ],
        },
      },
    });
    const missing = await invoke(handler, patch(TODO, { title: 'Buy milk', priority: 'high' }));
    expect({ status: missing.status, body: missing.json() }).toEqual({
      status: 404,
      body: { statusCode: 404, error: 'NotFoundError', message: `No todo has the id ${TODO}.` },
    });
    const malformed = await invoke(handler, patch(TODO, '{"title":', 'application/json'));
    expect([malformed.status, malformed.json()]).toEqual([
      422,
      expect.objectContaining({
        message: 'Validation failed for request body',
        details: { issues: [] },
      }),
    ]);
    const text = await invoke(handler, patch(TODO, 'hello', 'text/plain'));
    expect([text.status, text.json()]).toEqual([
      422,
      expect.objectContaining({
        details: { issues: [expect.objectContaining({ path: ['body'] })] },
      }),
    ]);
    const wrongMethod = await invoke(handler, restApiEvent({ path: `/todos/${TODO}` }));
    expect(wrongMethod.status).toBe(404);
  }, 30_000);

  it('after: gatefold answers as the table says, and 405 for the wrong method', async () => {
    const handler = await handlerOf('migrating-from-powertools.md', 1);
    await afterTable(handler);
    const wrongMethod = await invoke(handler, restApiEvent({ path: `/todos/${TODO}` }));
    expect([wrongMethod.status, wrongMethod.headers['allow']]).toEqual([405, 'OPTIONS, PATCH']);
  }, 30_000);
});
