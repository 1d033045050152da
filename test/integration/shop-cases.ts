/**
 * The shop example behind both integrations, with one request per error status its custom
 * integration declares: each request is a REST proxy event (for `toLambda`) from which the
 * method request of the custom integration is derived, so both adapters serve the same request.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { ErrorFormat, LambdaOptions, Middleware } from '../../src/index.js';
import { restApiEvent } from '../../src/testing/index.js';
import { REST_REQUEST_ID } from '../support/request-id.js';
import { capturingLogger } from '../support/logger.js';

/** A request header that makes {@link crashOnDemand} throw, for a defect the shop cannot have. */
export const CRASH_HEADER = 'x-test-crash';

/** Throws when the request carries {@link CRASH_HEADER}: a defect, answered as a masked 500. */
export const crashOnDemand: Middleware = (next) => async (request, context) => {
  if (request.headers[CRASH_HEADER] !== undefined) throw new Error('SECRET crash on demand');
  return next(request, context);
};

/**
 * The options both adapters get, as the example's handler has them (its router maps the domain
 * errors), with a quiet logger and the crash middleware.
 */
export function shopOptions(errorFormat: ErrorFormat): LambdaOptions {
  return { errorFormat, logger: capturingLogger(), middleware: [crashOnDemand] };
}

/** Text that every layer must carry intact: quotes, backslashes, line terminators, emoji. */
export const TRICKY_TEXT = `q"u'o\\te\\\\ line\nbreak\r\n sep\u2028par\u2029nel\u0085 tab\t é 😀 </x> %41+1`;

function registration(attributes: Record<string, string>) {
  return { data: { type: 'users', attributes } };
}

/**
 * A REST proxy event for the shop, on the route's own resource (one per operation), for a client
 * that percent-encodes each path parameter's value. A REST API passes the path and the path
 * parameters on as the client sent them, still percent-encoded (the live capture of
 * hotsock/voker#8: `{ "proxy": "capture/space%20value" }`), and so does the event.
 */
export function shopEvent(
  method: string,
  resource: string,
  pathParameters: Readonly<Record<string, string>>,
  options: {
    readonly body?: unknown;
    readonly headers?: Readonly<Record<string, string>>;
    readonly query?: Readonly<Record<string, string>>;
  } = {},
): APIGatewayProxyEvent {
  const sent = Object.fromEntries(
    Object.entries(pathParameters).map(([name, value]) => [name, encodeURIComponent(value)]),
  );
  const path = resource.replace(/\{([^}]+)\}/g, (_, name: string) => sent[name] ?? '');
  return restApiEvent({
    method,
    path,
    resource,
    pathParameters: sent,
    requestId: REST_REQUEST_ID,
    ...(options.headers === undefined ? {} : { headers: options.headers }),
    ...(options.query === undefined ? {} : { query: options.query }),
    ...(options.body === undefined
      ? {}
      : {
          body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
          headers: { 'content-type': 'application/json', ...options.headers },
        }),
  });
}

/** One request answered with an error status. */
export interface ShopErrorCase {
  readonly name: string;
  readonly status: number;
  readonly method: string;
  readonly resource: string;
  readonly event: (accept?: string) => APIGatewayProxyEvent;
}

const accepting = (accept: string | undefined): Record<string, string> =>
  accept === undefined ? {} : { accept };

/** A request for every error status of the shop's custom integration the function can answer. */
export const SHOP_ERROR_CASES: readonly ShopErrorCase[] = [
  {
    name: 'three registration rules broken (400)',
    status: 400,
    method: 'POST',
    resource: '/users',
    event: (accept) =>
      shopEvent(
        'POST',
        '/users',
        {},
        {
          headers: accepting(accept),
          body: registration({
            'first-name': 'Al',
            'last-name': 'Turing',
            email: 'alan@example.com',
            password: 'secret123',
            'password-confirmation': 'secret124',
          }),
        },
      ),
  },
  {
    name: 'an unknown user whose id is tricky text (404)',
    status: 404,
    method: 'GET',
    resource: '/users/{id}',
    event: (accept) =>
      shopEvent('GET', '/users/{id}', { id: TRICKY_TEXT }, { headers: accepting(accept) }),
  },
  {
    name: 'an email already registered (409)',
    status: 409,
    method: 'POST',
    resource: '/users',
    event: (accept) =>
      shopEvent(
        'POST',
        '/users',
        {},
        {
          headers: accepting(accept),
          body: registration({
            'first-name': 'Ada',
            'last-name': 'Byron',
            email: 'ADA@example.com',
            password: 'engine-1843!',
            'password-confirmation': 'engine-1843!',
          }),
        },
      ),
  },
  {
    name: 'a body over the size limit (413)',
    status: 413,
    method: 'POST',
    resource: '/users',
    event: (accept) =>
      shopEvent(
        'POST',
        '/users',
        {},
        {
          headers: accepting(accept),
          body: { data: 'x'.repeat(1024 * 1024) },
        },
      ),
  },
  {
    name: 'products the shop does not sell, one named in tricky text (422)',
    status: 422,
    method: 'POST',
    resource: '/carts/{cartId}/checkout',
    event: (accept) =>
      shopEvent(
        'POST',
        '/carts/{cartId}/checkout',
        { cartId: 'c 1+%' },
        {
          headers: accepting(accept),
          body: {
            items: [
              { productId: 'p-1', quantity: 1 },
              { productId: TRICKY_TEXT, quantity: 2 },
              { productId: 'p-404', quantity: 3 },
            ],
          },
        },
      ),
  },
  {
    name: 'a defect (masked 500)',
    status: 500,
    method: 'GET',
    resource: '/users/{id}',
    event: (accept) =>
      shopEvent(
        'GET',
        '/users/{id}',
        { id: 'u-1' },
        {
          headers: { ...accepting(accept), [CRASH_HEADER]: 'yes' },
        },
      ),
  },
  {
    // `$input.json('$')` alone would give `{}`: the template must tell no body from an empty one.
    name: 'a registration without a body (400)',
    status: 400,
    method: 'POST',
    resource: '/users',
    event: (accept) => shopEvent('POST', '/users', {}, { headers: accepting(accept) }),
  },
];
