import * as t from 'io-ts';
import { err, ok } from 'neverthrow';
import { describe, expect, it, vi } from 'vitest';
import type { FetchFunction } from '../../src/client/index.js';
import { client } from '../../src/client/index.js';
import { retryAfterSeconds } from '../../src/client/errors.js';
import {
  TaggedError,
  created,
  endpoint,
  errorMap,
  json,
  router,
  toLambda,
} from '../../src/index.js';
import { invoke, restApiEvent } from '../../src/testing/index.js';

class Gone extends TaggedError('Gone')<{ readonly id: string }> {}
class Taken extends TaggedError('Taken') {}
class Busy extends TaggedError('Busy') {}
class Locked extends TaggedError('Locked') {}

const errors = errorMap<Gone | Taken | Busy | Locked>({
  Gone: { status: 410, meta: (e) => ({ id: e.id }) },
  Taken: { status: 409, code: 'already-taken' },
  Busy: { status: 503, headers: { 'retry-after': '30' } },
  Locked: () => ({ status: 423 }),
});

const api = router({ errors })
  .get('/things/{id}', (request) => err(new Gone({ id: request.pathParameters['id'] ?? '' })))
  .put('/things/{id}', () => err(new Taken()))
  .post('/things', () => err(new Busy()))
  .delete('/things/{id}', () => err(new Locked()))
  .get('/files/{path+}', (request) => ok(json({ path: request.pathParameters['path'] })))
  .get('/echo', (request) =>
    ok(json({ query: request.query, cookies: request.cookies, headers: request.headers })),
  );

/** A fetch answering one canned response, keeping the requests it was given. */
function canned(
  body: string | null,
  init: ResponseInit,
): { fetch: FetchFunction; calls: { url: string; init: RequestInit }[] } {
  const calls: { url: string; init: RequestInit }[] = [];
  return {
    calls,
    fetch: (url, requestInit) => {
      calls.push({ url, init: requestInit });
      return Promise.resolve(new Response(body, init));
    },
  };
}

/** A fetch that invokes the router's Lambda function in-process, as a REST API would. */
const lambda = toLambda(api);
const inProcess: FetchFunction = async (url, init) => {
  const parsed = new URL(url);
  const headers = Object.fromEntries(new Headers(init.headers).entries());
  const answer = await invoke(
    lambda,
    restApiEvent({
      method: init.method ?? 'GET',
      path: parsed.pathname,
      query: Object.fromEntries(
        [...new Set(parsed.searchParams.keys())].map((key) => [
          key,
          parsed.searchParams.getAll(key),
        ]),
      ),
      headers,
      ...(typeof init.body === 'string' ? { body: init.body } : {}),
    }),
  );
  return new Response(answer.body === '' ? null : answer.body, {
    status: answer.status,
    headers: answer.headers,
  });
};

const things = client<typeof api>({ baseUrl: 'https://api.example/', errors, fetch: inProcess });

describe('domain errors', () => {
  it('rebuilds an error by its code, with what the entry exposed', async () => {
    const gone = await things.request('GET /things/{id}', { params: { id: 't-1' } });
    expect(gone._unsafeUnwrapErr()).toMatchObject({
      kind: 'domain',
      _tag: 'Gone',
      status: 410,
      problem: { code: 'Gone', meta: { id: 't-1' } },
    });
  });

  it('recognises a code the entry renames, and an entry built per error', async () => {
    const taken = await things.request('PUT /things/{id}', { params: { id: 't-1' } });
    expect(taken._unsafeUnwrapErr()).toMatchObject({ kind: 'domain', _tag: 'Taken' });
    const locked = await things.request('DELETE /things/{id}', { params: { id: 't-1' } });
    expect(locked._unsafeUnwrapErr()).toMatchObject({
      kind: 'domain',
      _tag: 'Locked',
      status: 423,
    });
  });

  it('answers a masked 5xx as a problem, with its Retry-After', async () => {
    const busy = await things.request('POST /things');
    expect(busy._unsafeUnwrapErr()).toMatchObject({ kind: 'problem', status: 503, retryAfter: 30 });
  });
});

describe('requests', () => {
  it('encodes path parameters, a greedy one keeping its slashes', async () => {
    const file = await things.request('GET /files/{path+}', { params: { path: 'a b/c%d' } });
    expect(file._unsafeUnwrap().body).toEqual({ path: 'a b/c%d' });
  });

  it('sends the query (lists as repeated keys), cookies, headers and the request id', async () => {
    const echo = await client<typeof api>({
      baseUrl: 'https://api.example',
      errors,
      fetch: inProcess,
      headers: () => ({ authorization: 'Bearer t' }),
    }).request('GET /echo', {
      query: { tag: ['a', 'b'], page: 2, skip: undefined },
      cookies: { session: 's-1' },
      headers: { 'x-shop': 'main' },
      requestId: 'trace-7',
    });
    const success = echo._unsafeUnwrap();
    expect(success.requestId).toBe('trace-7');
    expect(success.body).toMatchObject({
      query: { tag: ['a', 'b'], page: ['2'] },
      cookies: { session: 's-1' },
      headers: { authorization: ['Bearer t'], 'x-shop': ['main'], 'x-request-id': ['trace-7'] },
    });
  });

  it('sends a JSON body with its content type', async () => {
    const { fetch, calls } = canned(null, { status: 204 });
    const c = client<typeof api>({ baseUrl: 'https://api.example', errors, fetch });
    const answer = await c.request('GET /echo', { body: { a: 1 } });
    expect(answer._unsafeUnwrap()).toMatchObject({ status: 204, body: undefined });
    expect(calls[0]?.init.body).toBe('{"a":1}');
    expect(new Headers(calls[0]?.init.headers).get('content-type')).toBe('application/json');
  });
});

describe('answers that are not the server’s', () => {
  it('reads a body that is no problem document as a problem of format other', async () => {
    const { fetch } = canned('{"message":"Internal server error"}', {
      status: 502,
      headers: { 'content-type': 'application/json' },
    });
    const c = client<typeof api>({ baseUrl: 'https://api.example', errors, fetch });
    expect((await c.request('GET /echo'))._unsafeUnwrapErr()).toMatchObject({
      kind: 'problem',
      status: 502,
      format: 'other',
      problems: [],
      body: { message: 'Internal server error' },
    });
  });

  it('refuses a success whose JSON does not parse', async () => {
    const { fetch } = canned('{"a":', {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
    const c = client<typeof api>({ baseUrl: 'https://api.example', errors, fetch });
    expect((await c.request('GET /echo'))._unsafeUnwrapErr()).toMatchObject({
      kind: 'unexpected-body',
      status: 200,
      body: '{"a":',
    });
  });

  it('says where a declared codec refused a body', async () => {
    const { fetch } = canned('{"path":7}', {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
    const c = client<typeof api>({
      baseUrl: 'https://api.example',
      errors,
      fetch,
      responses: { 'GET /files/{path+}': t.type({ path: t.string }, 'File') },
    });
    const file = await c.request('GET /files/{path+}', { params: { path: 'a' } });
    expect(file._unsafeUnwrapErr()).toMatchObject({
      kind: 'unexpected-body',
      detail: 'The body is not what File describes at /path.',
    });
  });
});

describe('failures without an answer', () => {
  const hanging: FetchFunction = (_url, init) =>
    new Promise((_resolve, reject) => {
      init.signal?.addEventListener('abort', () => {
        reject(new DOMException('aborted', 'AbortError'));
      });
    });

  it('is a network error when fetch fails', async () => {
    const c = client<typeof api>({
      baseUrl: 'https://api.example',
      errors,
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    const failed = (await c.request('GET /echo'))._unsafeUnwrapErr();
    expect(failed).toMatchObject({ kind: 'network' });
  });

  it('is a timeout past timeoutMs', async () => {
    vi.useFakeTimers();
    try {
      const c = client<typeof api>({ baseUrl: 'https://x', errors, fetch: hanging, timeoutMs: 50 });
      const pending = c.request('GET /echo');
      await vi.advanceTimersByTimeAsync(60);
      expect((await pending)._unsafeUnwrapErr()).toEqual({ kind: 'timeout', timeoutMs: 50 });
    } finally {
      vi.useRealTimers();
    }
  });

  it('is aborted when the caller’s signal aborts, before or during the call', async () => {
    const c = client<typeof api>({ baseUrl: 'https://x', errors, fetch: hanging });
    const controller = new AbortController();
    const pending = c.request('GET /echo', { signal: controller.signal });
    controller.abort('navigated away');
    expect((await pending)._unsafeUnwrapErr()).toEqual({
      kind: 'aborted',
      reason: 'navigated away',
    });
    const again = await c.request('GET /echo', { signal: controller.signal });
    expect(again._unsafeUnwrapErr()).toMatchObject({ kind: 'aborted' });
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterSeconds('120')).toBe(120);
    expect(
      retryAfterSeconds('Wed, 21 Oct 2026 07:28:30 GMT', Date.UTC(2026, 9, 21, 7, 28, 0)),
    ).toBe(30);
    expect(retryAfterSeconds('soon')).toBeUndefined();
    expect(retryAfterSeconds(null)).toBeUndefined();
  });
});

describe('checkSuccess: a declared success checked at run time', () => {
  const Thing = t.type({ id: t.string });

  it('answers a success that differs from the declaration with the masked 500', async () => {
    const wrongStatus = toLambda(
      endpoint({}, () => ok(json({ id: '1' })), {
        describe: { status: 201, response: Thing },
        checkSuccess: true,
      }),
      { logger: silent() },
    );
    expect((await invoke(wrongStatus, restApiEvent())).status).toBe(500);
    const wrongBody = toLambda(
      endpoint({}, () => ok(created('/things/1', JSON.parse('{"id":1}') as { id: string })), {
        describe: { status: 201, response: Thing },
        checkSuccess: true,
      }),
      { logger: silent() },
    );
    expect((await invoke(wrongBody, restApiEvent())).status).toBe(500);
    const right = toLambda(
      endpoint({}, () => ok(created('/things/1', { id: '1' })), {
        describe: { status: 201, response: Thing },
        checkSuccess: true,
      }),
    );
    expect((await invoke(right, restApiEvent())).status).toBe(201);
  });

  it('refuses, when the endpoint is made, a describe that cannot be one', () => {
    expect(() => endpoint({}, () => ok(json({})), { describe: { status: 404 as never } })).toThrow(
      /describe.status/,
    );
    expect(() =>
      endpoint({}, () => ok(json({})), { describe: { response: 'Thing' as never } }),
    ).toThrow(/describe.response/);
  });
});

function silent() {
  const nothing = () => undefined;
  return { error: nothing, warn: nothing, info: nothing, debug: nothing };
}
