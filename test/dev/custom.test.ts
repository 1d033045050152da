/**
 * `serve()` with `custom` events: a real HTTP server in front of a custom integration function,
 * each request going through the REST API `openApiDocument(handler)` configures — resources,
 * request template, selection patterns, response templates, gateway responses. Whole answers
 * are compared: status, every header but node's own, body; for the function's answers, with
 * what the proxy integration (`toLambda` behind the `rest` kind) sends for the same request.
 */
import { request as httpRequest } from 'node:http';
import { err, ok } from 'neverthrow';
import * as t from 'io-ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpRequest } from '../../src/index.js';
import type { LambdaFunction, LocalServer } from '../../src/dev/index.js';
import {
  TaggedError,
  created,
  endpoint,
  errorMap,
  json,
  problem,
  router,
  text,
  toLambda,
} from '../../src/index.js';
import { serve } from '../../src/dev/index.js';
import { toLambdaIntegration } from '../../src/integration/index.js';
import { LAMBDA_SYNC_PAYLOAD_LIMIT } from '../../src/events/limits.js';
import { EXACT_JSON } from '../integration/exact-json.js';
import { capturingLogger } from '../support/logger.js';

/** A whole HTTP answer: status, headers (node's transport headers aside), body. */
interface Whole {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

const TRANSPORT = ['date', 'connection', 'keep-alive', 'transfer-encoding'];

function own(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!TRANSPORT.includes(name)) out[name] = value;
  });
  return out;
}

async function send(url: string, init: RequestInit = {}): Promise<Whole> {
  const response = await fetch(url, init);
  return { status: response.status, headers: own(response.headers), body: await response.text() };
}

/** Sends a request with node's client, which writes each value of a header on a line. */
function raw(
  method: string,
  path: string,
  headers: Readonly<Record<string, string | string[]>>,
): Promise<Whole> {
  return new Promise<Whole>((resolve, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port: custom.port, path, method, headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const own: Record<string, string> = {};
          for (const [name, value] of Object.entries(response.headers)) {
            if (!TRANSPORT.includes(name)) own[name] = String(value);
          }
          resolve({
            status: response.statusCode ?? 0,
            headers: own,
            body: Buffer.concat(chunks).toString('utf8'),
          });
          request.destroy();
        });
      },
    );
    request.on('error', reject);
    // Without a body the request ends here; with a declared one, only the headers are sent.
    if (headers['content-length'] === undefined) request.end();
    else request.flushHeaders();
  });
}

/** An expected answer, with the content-length node writes for its body. */
function whole(status: number, headers: Record<string, string>, body: string): Whole {
  return {
    status,
    headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
    body,
  };
}

/** The headers the custom integration's error templates send on (integration/message.ts). */
const CARRIED = [
  'content-type',
  'x-request-id',
  'allow',
  'retry-after',
  'www-authenticate',
  'cache-control',
];

/** What the client of the custom integration gets of a proxy answer. */
function carried(answer: Whole): Whole {
  const headers: Record<string, string> = {};
  for (const name of CARRIED) {
    const value = answer.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  return whole(answer.status, headers, answer.body);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

class NoSuchUser extends TaggedError('NoSuchUser')<{ readonly id: string }> {}
class Throttled extends TaggedError('Throttled')<{ readonly seconds: number }> {}
class NoToken extends TaggedError('NoToken')<{ readonly realm: string }> {}

const errors = errorMap<NoSuchUser | Throttled | NoToken>({
  NoSuchUser: { status: 404, detail: (e) => `No user ${e.id}.` },
  // A whole function: the status is known only once the error is.
  Throttled: (e) => ({
    status: e.seconds > 60 ? 503 : 429,
    detail: `Wait ${String(e.seconds)} s.`,
    headers: { 'retry-after': String(e.seconds) },
  }),
  NoToken: {
    status: 401,
    headers: (e) => ({ 'www-authenticate': `Bearer realm="${e.realm}"` }),
  },
});

/** What a handler sees of a request, minus what differs between any two invocations. */
function seen(request: HttpRequest) {
  const headers = { ...request.headers };
  // The custom integration declares every body JSON (only JSON reaches the template).
  delete headers['content-type'];
  return {
    method: request.method,
    path: request.path,
    route: request.route,
    pathParameters: { ...request.pathParameters },
    query: { ...request.query },
    headers,
    cookies: { ...request.cookies },
    body: request.body === undefined ? null : (JSON.parse(request.body.text) as unknown),
    requestId: request.requestId,
    sourceIp: request.sourceIp,
    stage: request.stage,
  };
}

type Seen = ReturnType<typeof seen>;

/** What two servers of one handler cannot agree on: their ports, and the rest kind's proxy. */
function without(view: Seen): Seen {
  const headers = { ...view.headers };
  delete headers['host'];
  const pathParameters = { ...view.pathParameters };
  delete pathParameters['proxy'];
  return { ...view, headers, pathParameters };
}

const invoked: string[] = [];

const api = router({ errors })
  .get('/users/{id}', (request) => {
    const id = request.pathParameters['id'] ?? '';
    invoked.push(`GET /users/${id}`);
    return id === 'u-1' ? ok(json({ id, name: 'Ada' })) : err(new NoSuchUser({ id }));
  })
  .post(
    '/users',
    endpoint(
      { body: t.type({ name: t.string, email: t.string }) },
      ({ body }) => ok(created(`/users/u-2`, { id: 'u-2', ...body })),
      { describe: { status: 201 } },
    ),
  )
  .get('/slow', () => err(new Throttled({ seconds: 30 })))
  .get('/down', () => err(new Throttled({ seconds: 120 })))
  .get('/private', () => err(new NoToken({ realm: 'shop' })))
  .get('/pay', () => err(problem({ status: 402, code: 'card-declined' })))
  .get('/boom', () => {
    throw new Error('SECRET defect');
  })
  .get('/exact/{index}', (request) =>
    ok(
      text(EXACT_JSON[Number(request.pathParameters['index'])]?.text ?? '', {
        headers: { 'content-type': 'application/json' },
      }),
    ),
  )
  .get('/echo/{id}', (request) => ok(json(seen(request))))
  .post('/echo/{id}', (request) => ok(json(seen(request))));

const options = { logger: capturingLogger() };
const lines: string[] = [];
let custom: LocalServer;
let rest: LocalServer;

beforeAll(async () => {
  // No `event`: a function toLambdaIntegration made is served through its custom integration.
  custom = await serve(toLambdaIntegration(api, options), {
    port: 0,
    log: (line) => lines.push(line),
  });
  rest = await serve(toLambda(api, options), { port: 0, event: 'rest', log: false });
});

afterAll(async () => {
  await Promise.all([custom.close(), rest.close()]);
});

describe('serve() with custom events: what the function answers', () => {
  it('a success: the route status, the body as the proxy integration sends it, no other header', async () => {
    const expected = await send(`${rest.url}/users/u-1`);
    expect(expected.body).toBe('{"id":"u-1","name":"Ada"}');
    expect(await send(`${custom.url}/users/u-1`)).toStrictEqual(
      whole(200, { 'content-type': 'application/json' }, expected.body),
    );
  });

  it("a creation: the endpoint's 201, without the Location a success's template cannot send", async () => {
    const init = {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":"Grace","email":"grace@example.com"}',
    };
    const expected = await send(`${rest.url}/users`, init);
    expect(expected.headers['location']).toBe('/users/u-2');
    expect(await send(`${custom.url}/users`, init)).toStrictEqual(
      whole(201, { 'content-type': 'application/json' }, expected.body),
    );
  });

  it.each(EXACT_JSON.map((entry, index) => ({ ...entry, index })))(
    'a JSON body byte for byte: $name',
    async ({ index, text: body }) => {
      expect(await send(`${custom.url}/exact/${String(index)}`)).toStrictEqual(
        whole(200, { 'content-type': 'application/json' }, body),
      );
    },
  );

  it.each([
    { path: '/users/nobody', status: 404 },
    { path: '/slow', status: 429 },
    { path: '/down', status: 503 },
    { path: '/private', status: 401 },
    { path: '/pay', status: 402 },
    { path: '/boom', status: 500 },
  ])(
    'GET $path: $status with the headers and body the proxy integration sends',
    async ({ path, status }) => {
      // The client's request id is adopted by both, so that the answers can be compared whole.
      const init = { headers: { 'x-request-id': 'client-req-1' } };
      const expected = await send(`${rest.url}${path}`, init);
      expect(expected.status).toBe(status);
      lines.length = 0;
      expect(await send(`${custom.url}${path}`, init)).toStrictEqual(carried(expected));
      // An error response is the function's answer, not a failure: one line, the request's.
      expect(lines).toStrictEqual([
        expect.stringMatching(new RegExp(`^GET ${path} → ${String(status)} \\(`)) as string,
      ]);
    },
  );

  it('a body that fails decoding: every problem, as the proxy integration reports them', async () => {
    const init = {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'client-req-2' },
      body: '{"name":5}',
    };
    const expected = await send(`${rest.url}/users`, init);
    expect(expected.status).toBe(400);
    expect((JSON.parse(expected.body) as { errors: unknown[] }).errors).toHaveLength(2);
    expect(await send(`${custom.url}/users`, init)).toStrictEqual(carried(expected));
  });
});

describe('serve() with custom events: what the function is given', () => {
  it('the request the rest kind gives it: path as sent, parameter decoded once, query, headers, cookies, body', async () => {
    const path = '/echo/caf%C3%A9%2541%2Fx+y?q=a%20b%2Bc&empty=&%E2%9C%93=yes';
    const init = {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-request-id': 'client-req-3',
        // Velocity in a value is text: only the template is rendered.
        'x-odd': `q"u'o\\te + %20 é $input.body #if(true)yes#end $util.urlEncode('x')`,
        cookie: 'session=a%20b; theme=dark',
      },
      body: '{"text":"line\\nbreak \\u2028 😀","n":[1,2.5,null]}',
    };
    const viaRest = JSON.parse((await send(`${rest.url}${path}`, init)).body) as Seen;
    const viaCustom = JSON.parse((await send(`${custom.url}${path}`, init)).body) as Seen;
    // Each server sees its own port, and the rest kind's `/{proxy+}` resource adds its parameter.
    expect(without(viaCustom)).toStrictEqual(without(viaRest));
    expect(viaCustom).toMatchObject({
      method: 'POST',
      path: '/echo/caf%C3%A9%2541%2Fx+y',
      route: 'POST /echo/{id}',
      pathParameters: { id: 'café%41/x+y' },
      query: { q: ['a b+c'], empty: [''], '✓': ['yes'] },
      headers: { 'x-odd': [`q"u'o\\te + %20 é $input.body #if(true)yes#end $util.urlEncode('x')`] },
      cookies: { session: 'a%20b', theme: 'dark' },
      body: { text: 'line\nbreak \u2028 😀', n: [1, 2.5, null] },
      requestId: 'client-req-3',
      stage: 'local',
    });
  });

  it('one value of a repeated query key or header: the last, as $input.params() has one', async () => {
    // Two header lines (fetch would join them into one).
    const response = await raw('GET', '/echo/a?tag=x&tag=y', { 'x-custom': ['first', 'second'] });
    expect(JSON.parse(response.body)).toMatchObject({
      query: { tag: ['y'] },
      headers: { 'x-custom': ['second'] },
    });
  });

  it('no body when the request has none, and {} when it sends {}', async () => {
    expect(JSON.parse((await send(`${custom.url}/echo/a`, { method: 'POST' })).body)).toMatchObject(
      { body: null },
    );
    const sent = await send(`${custom.url}/echo/a`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(JSON.parse(sent.body)).toMatchObject({ body: {} });
  });

  it('the JSON:API media type and a charset parameter have the request template too', async () => {
    for (const type of ['application/vnd.api+json', 'application/json; charset=utf-8']) {
      const response = await send(`${custom.url}/echo/a`, {
        method: 'POST',
        headers: { 'content-type': type },
        body: '{"data":1}',
      });
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body)).toMatchObject({ body: { data: 1 } });
    }
  });
});

/** A gateway response in gatefold's JSON:API form, with the request id API Gateway drew. */
function gatewayAnswer(
  got: Whole,
  status: number,
  member: { readonly code: string; readonly title: string },
): Whole {
  const requestId = got.headers['x-request-id'] ?? '';
  expect(requestId).toMatch(UUID);
  const body = JSON.stringify({
    errors: [{ status: String(status), code: member.code, title: member.title }],
    meta: { requestId },
  });
  return whole(status, { 'content-type': 'application/json', 'x-request-id': requestId }, body);
}

describe('serve() with custom events: what API Gateway answers by itself', () => {
  it.each([
    ['GET', '/nowhere'],
    ['DELETE', '/users/u-1'],
    ['GET', '/users'],
  ])(
    '%s %s, which no resource declares: the 404 route-not-found of the gateway responses, without invoking the function',
    async (method, path) => {
      invoked.length = 0;
      lines.length = 0;
      const got = await send(`${custom.url}${path}`, { method });
      expect(got).toStrictEqual(
        gatewayAnswer(got, 404, { code: 'route-not-found', title: 'Not Found' }),
      );
      expect(invoked).toStrictEqual([]);
      expect(lines).toStrictEqual([
        `refused before the function: no resource of the API has ${method} ${path}`,
        expect.stringMatching(new RegExp(`^${method} ${path} → 404 \\(`)) as string,
      ]);
    },
  );

  it('HEAD of a resource that declares only GET: the same 404, without a body', async () => {
    const response = await fetch(`${custom.url}/users/u-1`, { method: 'HEAD' });
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('');
  });

  it('a media type without a request template: 415, without invoking the function', async () => {
    const got = await send(`${custom.url}/users`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(got).toStrictEqual(
      gatewayAnswer(got, 415, { code: 'UNSUPPORTED_MEDIA_TYPE', title: 'Unsupported Media Type' }),
    );
  });

  it('a body that is not JSON: 400, the message API Gateway gives, without invoking the function', async () => {
    let parserSays = '';
    try {
      JSON.parse('{"name":');
    } catch (error) {
      parserSays = (error as Error).message;
    }
    const got = await send(`${custom.url}/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":',
    });
    expect(got).toStrictEqual(
      gatewayAnswer(got, 400, {
        code: 'BAD_REQUEST_BODY',
        title: `Could not parse request body into json: ${parserSays}`,
      }),
    );
  });

  it("an event over Lambda's 6 MiB, once the template rendered it: 413", async () => {
    lines.length = 0;
    // Under the limit as a body; over it with the rest of the event around it.
    const body = JSON.stringify({ name: 'x'.repeat(LAMBDA_SYNC_PAYLOAD_LIMIT - 100), email: '' });
    const got = await send(`${custom.url}/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(got).toStrictEqual(
      gatewayAnswer(got, 413, { code: 'REQUEST_TOO_LARGE', title: 'Request Too Long' }),
    );
    expect(lines[0]).toMatch(
      /^refused before the function: a \d+-byte event is over the 6291456-byte limit of Lambda's request payload$/,
    );
  });

  it('a body whose content-length is over the limit: 413 before reading it', async () => {
    // The headers only: the server answers without waiting for the body.
    const got = await raw('POST', '/users', {
      'content-type': 'application/json',
      'content-length': String(LAMBDA_SYNC_PAYLOAD_LIMIT + 1),
    });
    expect(got).toStrictEqual(
      gatewayAnswer(got, 413, { code: 'REQUEST_TOO_LARGE', title: 'Request Too Long' }),
    );
  });
});

describe('serve() with custom events around a function of your own', () => {
  // Any function: deployed with the document gatefold generates for it, one `/{proxy+}`
  // resource whose integration answers with the default response and the patterns for failures.
  const calls: unknown[] = [];
  const own: LambdaFunction = (event: never) => {
    calls.push(event);
    const path = (event as { params?: { path?: { proxy?: string } } }).params?.path?.proxy ?? '';
    switch (decodeURIComponent(path)) {
      case 'ok':
        return Promise.resolve({ body: '{"fine":true}' });
      case 'crash':
        return Promise.reject(new Error('out of cheese'));
      case 'slow':
        return Promise.reject(
          new Error('2026-12-07T01:00:00.000Z abc Task timed out after 3.00 seconds'),
        );
      case 'empty':
        return Promise.reject(new Error(''));
      default:
        return Promise.reject(new Error(`unknown ${path}`));
    }
  };
  let server: LocalServer;
  const logged: string[] = [];

  beforeAll(async () => {
    server = await serve(own, { port: 0, event: 'custom', log: (line) => logged.push(line) });
  });
  afterAll(async () => {
    await server.close();
  });

  /** The document for a failure that is not the function's answer, with API Gateway's id. */
  function foreign(got: Whole, status: 502 | 504, title: string): Whole {
    const requestId = (JSON.parse(got.body) as { meta?: { requestId?: string } }).meta?.requestId;
    expect(requestId).toMatch(UUID);
    return whole(
      status,
      { 'content-type': 'application/json' },
      JSON.stringify({
        errors: [{ status: String(status), title }],
        meta: { requestId },
      }),
    );
  }

  it('a success: its body as it is, under the default response', async () => {
    expect(await send(`${server.url}/ok`)).toStrictEqual(
      whole(200, { 'content-type': 'application/json' }, '{"fine":true}'),
    );
    expect(calls.at(-1)).toMatchObject({
      gatefold: 'gatefold-integration/1',
      method: 'GET',
      resource: '%2F%7Bproxy%2B%7D',
      stage: 'local',
      params: { path: { proxy: 'ok' } },
    });
  });

  it('a crash: the 502 of the pattern for other failures, and a log line', async () => {
    logged.length = 0;
    const got = await send(`${server.url}/crash`);
    expect(got).toStrictEqual(foreign(got, 502, 'Bad Gateway'));
    expect(logged).toStrictEqual([
      'handler failed: out of cheese',
      expect.stringMatching(/^GET \/crash → 502 \(/) as string,
    ]);
  });

  it("Lambda's timeout message: the 504 of its pattern", async () => {
    const got = await send(`${server.url}/slow`);
    expect(got).toStrictEqual(foreign(got, 504, 'Gateway Timeout'));
  });

  it('an empty error message, which no pattern can tell from a success: the default response, which answers 502', async () => {
    const got = await send(`${server.url}/empty`);
    expect(got).toStrictEqual(foreign(got, 502, 'Bad Gateway'));
  });

  it('the root, which /{proxy+} does not match: 404 without invoking the function', async () => {
    calls.length = 0;
    const got = await send(`${server.url}/`);
    expect(got).toStrictEqual(
      gatewayAnswer(got, 404, { code: 'route-not-found', title: 'Not Found' }),
    );
    expect(calls).toStrictEqual([]);
  });
});

describe('the event kind a custom integration function is served with', () => {
  it('rest, when asked for: the 502 API Gateway gives a function that refuses the event', async () => {
    const logged: string[] = [];
    const server = await serve(toLambdaIntegration(api, options), {
      port: 0,
      event: 'rest',
      log: (line) => logged.push(line),
    });
    try {
      expect(await send(`${server.url}/users/u-1`)).toStrictEqual(
        whole(502, { 'content-type': 'application/json' }, '{"message":"Internal server error"}'),
      );
      expect(logged[0]).toBe(
        'handler failed: toLambdaIntegration serves events built by a custom integration request template; use toLambda for proxy integrations.',
      );
    } finally {
      await server.close();
    }
  });
});
