import * as t from 'io-ts';
import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { endpoint, json, router, toLambda } from '../../src/index.js';
import {
  albEvent,
  expectProblems,
  fakeContext,
  httpApiEvent,
  invoke,
  restApiEvent,
} from '../../src/testing/index.js';
import { capturingLogger } from '../support/logger.js';

// docs/testing.md's example, run.
const handler = toLambda(
  router().post(
    '/notes',
    endpoint({ body: t.type({ text: t.string }) }, ({ body }) => ok(json({ saved: body.text }))),
  ),
  { logger: capturingLogger() },
);

describe('docs/testing.md example', () => {
  it.each([restApiEvent, httpApiEvent, albEvent])('works with %o', async (build) => {
    const saved = await invoke(
      handler,
      build({ method: 'POST', path: '/notes', body: { text: 'hi' } }),
    );
    expect(saved.status).toBe(200);
    expect(saved.body).toBe('{"saved":"hi"}');
    const refused = await invoke(
      handler,
      build({ method: 'POST', path: '/notes', body: { text: 5 } }),
      fakeContext({ timeoutMs: 3000 }),
    );
    expectProblems(refused, [{ status: 400, code: 'invalid-type', pointer: '/text' }]);
  });
});
