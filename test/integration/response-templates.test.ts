/**
 * The response templates of the custom integration, rendered as API Gateway renders them: for
 * every error the shop can answer, the client gets exactly what the proxy adapter sends for the
 * same request — status, body (byte for byte) and the headers the template carries — in each
 * error format. Also: headers of the error map, statuses only a request decides, and the
 * documents for failures that are not the function's answer.
 */
import fc from 'fast-check';
import * as t from 'io-ts';
import { err, ok } from 'neverthrow';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ErrorFormat, Middleware, Reply, SuccessStatus } from '../../src/index.js';
import {
  TaggedError,
  binary,
  errorMap,
  endpoint,
  problem,
  json,
  noContent,
  router,
  text,
  toLambda,
  unsupportedMediaType,
} from '../../src/index.js';
import {
  otherStatusPattern,
  selectionPattern,
  toLambdaIntegration,
} from '../../src/integration/index.js';
import { openApiDocument } from '../../src/openapi/index.js';
import { invoke, restApiEvent } from '../../src/testing/index.js';
import { api } from '../../examples/shop/handler.js';
import { resetStore } from '../../examples/shop/store.js';
import { componentValidator } from '../openapi/ajv.js';
import { capturingLogger } from '../support/logger.js';
import { REST_REQUEST_ID } from '../support/request-id.js';
import { successResponseTemplate } from '../../src/integration/templates.js';
import { renderResponseTemplate } from '../support/vtl.js';
import { EXACT_JSON } from './exact-json.js';
import {
  lambdaErrorPayload,
  lowerCased,
  methodRequestOf,
  operationOf,
  selectResponse,
  throughGateway,
} from './gateway.js';
import { SHOP_ERROR_CASES, shopOptions } from './shop-cases.js';

const PROBLEM_JSON = 'application/problem+json';

/** The headers an error response template sends on, as the proxy adapter names them. */
const CARRIED = ['content-type', 'x-request-id', 'allow', 'retry-after', 'www-authenticate'];

function carried(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => CARRIED.includes(name)));
}

const FORMATS: readonly { readonly format: ErrorFormat; readonly accept?: string }[] = [
  { format: 'json-api' },
  { format: 'problem' },
  { format: 'negotiate' },
  { format: 'negotiate', accept: PROBLEM_JSON },
];

beforeEach(() => {
  resetStore();
});

describe.each(FORMATS)('the shop, $format errors (Accept: $accept)', ({ format, accept }) => {
  const proxy = toLambda(api, shopOptions(format));
  const custom = toLambdaIntegration(api, shopOptions(format));
  const document = openApiDocument(custom);

  it.each(SHOP_ERROR_CASES)('$name: the same answer as the proxy adapter', async (shopCase) => {
    const event = shopCase.event(accept);
    const expected = await invoke(proxy, event);
    const operation = operationOf(document, shopCase.method, shopCase.resource);
    const answer = await throughGateway(custom, operation, methodRequestOf(event));

    expect(expected.status).toBe(shopCase.status);
    expect(answer.pattern).toBe(selectionPattern(shopCase.status));
    expect(answer.status).toBe(expected.status);
    expect(answer.body).toBe(expected.body);
    expect(JSON.parse(answer.body)).toStrictEqual(expected.json());
    expect(lowerCased(answer.headers)).toStrictEqual(carried(expected.headers));
    expect(answer.headers['Content-Type']).toBe(
      accept === PROBLEM_JSON || format === 'problem' ? PROBLEM_JSON : 'application/json',
    );
    expect(answer.headers['X-Request-Id']).toBe(REST_REQUEST_ID);
  });

  it('has a request above for every error status the function can answer', () => {
    const statuses = new Set<number>();
    for (const path of ['/health', '/users', '/users/{id}', '/carts/{cartId}/checkout']) {
      const method = path === '/health' || path === '/users/{id}' ? 'GET' : 'POST';
      const { responses } = operationOf(document, method, path)['x-amazon-apigateway-integration'];
      for (const response of Object.values(responses)) {
        const status = Number(response.statusCode);
        if (status >= 400) statuses.add(status);
      }
    }
    // 415: the request template sends only JSON, so the function never meets another type;
    // 502 and 504 are failures outside the function (below).
    const answered = new Set(SHOP_ERROR_CASES.map((shopCase) => shopCase.status));
    expect([...statuses].filter((status) => !answered.has(status)).sort()).toStrictEqual([
      415, 502, 504,
    ]);
  });
});

describe('the 415 response template', () => {
  it('answers as the proxy adapter does for a 415 the handler returns', async () => {
    const options = { errorFormat: 'negotiate' as const, logger: capturingLogger() };
    // A body route lists 415; the function can only answer it by returning it.
    const handler = router().post(
      '/upload',
      endpoint({ body: t.unknown }, () =>
        err(unsupportedMediaType({ detail: 'Send "JSON" \\ and nothing else.' })),
      ),
    );
    const custom = toLambdaIntegration(handler, options);
    const event = restApiEvent({
      method: 'POST',
      path: '/upload',
      requestId: REST_REQUEST_ID,
      headers: { accept: PROBLEM_JSON },
      body: { file: 'x' },
    });
    const expected = await invoke(toLambda(handler, options), event);
    const answer = await throughGateway(
      custom,
      operationOf(openApiDocument(custom), 'POST', '/upload'),
      methodRequestOf(event),
    );
    expect(expected.status).toBe(415);
    expect(answer).toMatchObject({
      pattern: selectionPattern(415),
      status: 415,
      body: expected.body,
      headers: { 'Content-Type': PROBLEM_JSON, 'X-Request-Id': REST_REQUEST_ID },
    });
    expect(lowerCased(answer.headers)).toStrictEqual(carried(expected.headers));
  });
});

class Throttled extends TaggedError('Throttled')<{ readonly seconds: number }> {}
class NotThisWay extends TaggedError('NotThisWay')<{ readonly allowed: string }> {}
class NoToken extends TaggedError('NoToken')<{ readonly realm: string }> {}

type GuardError = Throttled | NotThisWay | NoToken;

const guardErrors = errorMap<GuardError>({
  // A whole function: the status is known only once the error is.
  Throttled: (e) => ({
    status: e.seconds > 60 ? 503 : 429,
    detail: `Wait ${String(e.seconds)} s.`,
    headers: { 'retry-after': String(e.seconds) },
  }),
  NotThisWay: { status: 405, headers: (e) => ({ allow: e.allowed }) },
  NoToken: {
    status: 401,
    detail: (e) => `A token for "${e.realm}" is needed.`,
    headers: (e) => ({ 'www-authenticate': `Bearer realm="${e.realm}", error="invalid_token"` }),
  },
});

const guarded = router({ errors: guardErrors })
  .get('/slow', () => err(new Throttled({ seconds: 30 })))
  .get('/down', () => err(new Throttled({ seconds: 120 })))
  .get('/only-post', () => err(new NotThisWay({ allowed: 'POST, OPTIONS' })))
  .get('/private', () => err(new NoToken({ realm: 'shop "main"' })))
  .get('/ok', () => ok(null));

describe.each(['json-api', 'problem'] as const)('an error map with headers, %s', (format) => {
  const options = { errorFormat: format, logger: capturingLogger() };
  const custom = toLambdaIntegration(guarded, options);
  const proxy = toLambda(guarded, options);
  const document = openApiDocument(custom);

  it.each([
    { path: '/slow', status: 429, pattern: otherStatusPattern([401, 405, 500]) },
    { path: '/down', status: 503, pattern: otherStatusPattern([401, 405, 500]) },
    { path: '/only-post', status: 405, pattern: selectionPattern(405) },
    { path: '/private', status: 401, pattern: selectionPattern(401) },
  ])('$path: status $status with its headers, as the proxy adapter', async (row) => {
    const event = restApiEvent({ path: row.path, requestId: REST_REQUEST_ID });
    const expected = await invoke(proxy, event);
    const answer = await throughGateway(
      custom,
      operationOf(document, 'GET', row.path),
      methodRequestOf(event),
    );
    expect(answer.pattern).toBe(row.pattern);
    expect(expected.status).toBe(row.status);
    expect(answer.status).toBe(row.status);
    expect(answer.body).toBe(expected.body);
    expect(lowerCased(answer.headers)).toStrictEqual(carried(expected.headers));
  });

  it('sets the status from the message only in the pattern that serves several statuses', () => {
    const { responses } = operationOf(document, 'GET', '/slow')['x-amazon-apigateway-integration'];
    const setsStatus = Object.entries(responses)
      .filter(([, response]) =>
        response.responseTemplates?.['application/json']?.includes(
          'responseOverride.status = $error.status',
        ),
      )
      .map(([pattern, response]) => [pattern, response.statusCode]);
    expect(setsStatus).toStrictEqual([[otherStatusPattern([401, 405, 500]), '500']]);
  });
});

describe('statuses no error map declares', () => {
  // A handler's own problem, a middleware's problem and the router's 405 are known only when
  // they happen: the pattern for other statuses must serve them, or they would become a 200.
  const paying = router()
    .get('/pay', () => err(problem({ status: 402, code: 'card-declined' })))
    .get('/guarded', () => ok(json({ seen: true })));
  const apiKey: Middleware = (next, tools) => async (request, context) =>
    request.path === '/guarded'
      ? tools.problem(request, problem({ status: 403 }))
      : next(request, context);
  const options = { logger: capturingLogger(), middleware: [apiKey] };
  const custom = toLambdaIntegration(paying, options);
  const proxy = toLambda(paying, options);
  const document = openApiDocument(custom);

  it.each([
    { method: 'GET', path: '/pay', status: 402 },
    { method: 'GET', path: '/guarded', status: 403 },
    { method: 'DELETE', path: '/pay', status: 405 },
  ])('$method $path: $status, as the proxy adapter answers it', async (row) => {
    const event = restApiEvent({ method: row.method, path: row.path, requestId: REST_REQUEST_ID });
    const expected = await invoke(proxy, event);
    // API Gateway would route DELETE only if the document declared it: use the path's GET.
    const answer = await throughGateway(custom, operationOf(document, 'GET', row.path), {
      ...methodRequestOf(event),
    });
    expect(expected.status).toBe(row.status);
    expect(answer).toMatchObject({
      status: row.status,
      pattern: otherStatusPattern([500]),
      body: expected.body,
    });
    expect(lowerCased(answer.headers)).toStrictEqual(carried(expected.headers));
  });
});

describe('failures that are not the function answering', () => {
  const FOREIGN = [
    { message: '2026-11-25T10:00:00.000Z abc Task timed out after 3.00 seconds', status: 504 },
    { message: 'Runtime exited with error: signal: killed', status: 502 },
    // No pattern matches it (a success is matched as ''): the default response's template tells
    // Lambda's error payload from a success.
    { message: '', status: 502 },
    { message: 'Error: Cannot find module "x"\nRequire stack:\n- /var/task/index.js', status: 502 },
    { message: 'first line\nTask timed out after 29.00 seconds', status: 504 },
  ];
  const titles: Readonly<Record<number, string>> = { 502: 'Bad Gateway', 504: 'Gateway Timeout' };

  it.each(['json-api', 'problem', 'negotiate'] as const)(
    'become a %s document with the gateway request id',
    (format) => {
      const document = openApiDocument(toLambdaIntegration(api, shopOptions(format)));
      const schema = componentValidator(
        document,
        format === 'problem' ? 'ProblemDetails' : 'JsonApiErrors',
      );
      const operation = operationOf(document, 'GET', '/users/{id}');
      const integration = operation['x-amazon-apigateway-integration'];
      for (const { message, status } of FOREIGN) {
        const { pattern, response } = selectResponse(integration, message);
        expect(pattern === 'default').toBe(message === '');
        const error = Object.assign(new Error(message), { name: 'Error' });
        const rendered = renderResponseTemplate(
          response.responseTemplates?.['application/json'] ?? '',
          lambdaErrorPayload(error),
          'gw-req-9',
        );
        expect(rendered.override.status ?? Number(response.statusCode)).toBe(status);
        const title = titles[status] ?? '';
        if (format === 'problem') {
          expect(rendered.override.header).toStrictEqual({ 'Content-Type': PROBLEM_JSON });
          const body: unknown = JSON.parse(rendered.body);
          expect(body).toStrictEqual({
            type: 'about:blank',
            title,
            status,
            requestId: 'gw-req-9',
          });
          expect(schema(body)).toBe(true);
        } else {
          // Negotiation needs the function; without it, the default format answers.
          expect(rendered.override.header).toStrictEqual({ 'Content-Type': 'application/json' });
          const body: unknown = JSON.parse(rendered.body);
          expect(body).toStrictEqual({
            errors: [{ status: String(status), title }],
            meta: { requestId: 'gw-req-9' },
          });
          expect(schema(body)).toBe(true);
        }
      }
    },
  );

  it('use the JSON:API media type the handler was given', () => {
    const custom = toLambdaIntegration(api, {
      ...shopOptions('json-api'),
      jsonApiMediaType: 'application/vnd.api+json',
    });
    const integration = operationOf(openApiDocument(custom), 'GET', '/health')[
      'x-amazon-apigateway-integration'
    ];
    const { response } = selectResponse(integration, 'Runtime exited with error: exit status 1');
    const rendered = renderResponseTemplate(
      response.responseTemplates?.['application/json'] ?? '',
      lambdaErrorPayload(new Error('Runtime exited with error: exit status 1')),
      'gw-req-9',
    );
    expect(rendered.override.header).toStrictEqual({ 'Content-Type': 'application/vnd.api+json' });
  });

  it('leave a success to the default response, whose template sends the body as it is', async () => {
    const document = openApiDocument(toLambdaIntegration(api, shopOptions('negotiate')));
    const operation = operationOf(document, 'GET', '/users/{id}');
    expect(operation['x-amazon-apigateway-integration'].responses['default']).toStrictEqual({
      statusCode: '200',
      responseTemplates: {
        'application/json': successResponseTemplate('json-api', 'application/json'),
      },
    });
    const event = restApiEvent({
      path: '/users/u-1',
      resource: '/users/{id}',
      pathParameters: { id: 'u-1' },
      requestId: REST_REQUEST_ID,
    });
    const answer = await throughGateway(
      toLambdaIntegration(api, shopOptions('negotiate')),
      operation,
      methodRequestOf(event),
    );
    const expected = await invoke(toLambda(api, shopOptions('negotiate')), event);
    expect(answer).toMatchObject({ status: 200, pattern: 'default', body: expected.body });
  });

  it('answer a failure with an empty message, which the default response takes, with a 502', async () => {
    const custom = toLambdaIntegration(api, shopOptions('problem'));
    const operation = operationOf(openApiDocument(custom), 'GET', '/health');
    // Not something gatefold throws: a wrapper around the function that fails without a word.
    const silent: typeof custom = () => Promise.reject(new Error(''));
    const answer = await throughGateway(silent, operation, {
      ...methodRequestOf(restApiEvent({ path: '/health', requestId: REST_REQUEST_ID })),
      resourcePath: '/health',
    });
    expect(answer).toMatchObject({
      pattern: 'default',
      status: 502,
      headers: { 'Content-Type': PROBLEM_JSON },
    });
    expect(JSON.parse(answer.body)).toStrictEqual({
      type: 'about:blank',
      title: 'Bad Gateway',
      status: 502,
      requestId: REST_REQUEST_ID,
    });
  });
});

describe('the default response template', () => {
  /** A function whose every route answers `reply`, behind the generated integration. */
  async function answerFor(reply: () => Reply, success: SuccessStatus = 200) {
    const handler = router().get(
      '/thing',
      endpoint({}, () => ok(reply()), { describe: { status: success } }),
    );
    const options = { logger: capturingLogger() };
    const custom = toLambdaIntegration(handler, options);
    const event = restApiEvent({ path: '/thing', requestId: REST_REQUEST_ID });
    const answer = await throughGateway(
      custom,
      operationOf(openApiDocument(custom), 'GET', '/thing'),
      methodRequestOf(event),
    );
    const proxied = await invoke(toLambda(handler, options), event);
    return { answer, proxied };
  }

  const asJson = { headers: { 'content-type': 'application/json' } };

  it.each(EXACT_JSON)('sends a JSON body with $name byte for byte', async ({ text: body }) => {
    const { answer, proxied } = await answerFor(() => text(body, asJson));
    expect(answer).toMatchObject({ pattern: 'default', status: 200, headers: {}, body });
    expect(answer.body).toBe(proxied.body);
  });

  it('sends any JSON text byte for byte, as the proxy adapter does', async () => {
    // Integers beyond 2^64, which a double rounds.
    const bigNumber = fc.bigInt().map((n) => String(n < 0n ? n - 10n ** 20n : n + 10n ** 20n));
    const jsonText = fc.oneof(
      fc.json(),
      fc.json().map((t) => ` \n${t}\t `),
      fc.array(bigNumber).map((numbers) => `[${numbers.join(',')}]`),
    );
    await fc.assert(
      fc.asyncProperty(jsonText, async (body) => {
        const { answer, proxied } = await answerFor(() => text(body, asJson));
        expect(answer.body).toBe(body);
        expect(proxied.body).toBe(body);
      }),
      { numRuns: 100 },
    );
  });

  const SENT: readonly {
    readonly name: string;
    readonly reply: () => Reply;
    readonly status: SuccessStatus;
    readonly body: string;
  }[] = [
    {
      name: 'text, as a JSON string',
      reply: () => text('plain "text"\n'),
      status: 200,
      body: JSON.stringify('plain "text"\n'),
    },
    {
      name: 'bytes, as their base64 in a JSON string',
      reply: () => binary(new Uint8Array([0, 1, 254, 255])),
      status: 200,
      body: '"AAH+/w=="',
    },
    { name: 'no content, as no body', reply: () => noContent(), status: 204, body: '' },
    { name: 'JSON null', reply: () => json(null), status: 200, body: 'null' },
  ];

  it.each(SENT)('sends $name', async (row) => {
    const { answer } = await answerFor(row.reply, row.status);
    expect(answer).toMatchObject({ pattern: 'default', status: row.status, body: row.body });
  });
});
