// The ten scenarios: five requests, each as a REST API (payload 1.0) event for a `/{proxy+}`
// resource and as an HTTP API (payload 2.0) event on the `$default` route — one function for the
// whole API, as the example deploys it. Events come from gatefold/testing's builders, which
// follow each source's documented payload; each scenario states the answer every contender must
// give.
/* eslint-disable @typescript-eslint/explicit-module-boundary-types -- plain JavaScript, nothing to annotate */
import { fakeContext, httpApiEvent, restApiEvent } from 'gatefold/testing';

const REQUEST_ID = 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef';

function registration(attributes) {
  return { data: { type: 'users', attributes } };
}

const GRACE = registration({
  'first-name': 'Grace',
  'last-name': 'Hopper',
  email: 'grace@example.com',
  password: 'c0bol-rules!',
  'password-confirmation': 'c0bol-rules!',
});

/** Short first name, no punctuation in the password, a confirmation that differs. */
const THREE_VIOLATIONS = registration({
  'first-name': 'Al',
  'last-name': 'Turing',
  email: 'alan@example.com',
  password: 'secret123',
  'password-confirmation': 'secret124',
});

function resource(id, firstName, lastName, email) {
  return {
    data: {
      type: 'users',
      id,
      attributes: { 'first-name': firstName, 'last-name': lastName, email },
    },
  };
}

function errors(...list) {
  return { errors: list, meta: { requestId: REQUEST_ID } };
}

const REQUESTS = [
  {
    id: 'get-found',
    label: 'GET /users/{id} found',
    method: 'GET',
    path: '/users/u-1',
    expected: { status: 200, body: resource('u-1', 'Ada', 'Lovelace', 'ada@example.com') },
  },
  {
    id: 'get-missing',
    label: 'GET /users/{id} not found',
    method: 'GET',
    path: '/users/u-404',
    expected: {
      status: 404,
      body: errors({
        status: '404',
        title: 'Not Found',
        code: 'UserNotFound',
        detail: 'No user has the id "u-404".',
      }),
    },
  },
  {
    id: 'post-valid',
    label: 'POST /users valid',
    method: 'POST',
    path: '/users',
    body: GRACE,
    expected: {
      status: 201,
      location: '/users/u-2',
      body: resource('u-2', 'Grace', 'Hopper', 'grace@example.com'),
    },
  },
  {
    id: 'post-invalid',
    label: 'POST /users 3 violations',
    method: 'POST',
    path: '/users',
    body: THREE_VIOLATIONS,
    expected: {
      status: 400,
      body: errors(
        {
          status: '400',
          code: '123',
          title: 'Value is too short',
          detail: 'First name must contain at least three characters.',
          source: { pointer: '/data/attributes/first-name' },
        },
        {
          status: '400',
          code: '225',
          title: 'Passwords must contain a letter, number, and punctuation character.',
          detail: 'The password provided is missing a punctuation character.',
          source: { pointer: '/data/attributes/password' },
        },
        {
          status: '400',
          code: '226',
          title: 'Password and password confirmation do not match.',
          detail: 'The password confirmation must repeat the password exactly.',
          source: { pointer: '/data/attributes/password' },
        },
      ),
    },
  },
  {
    id: 'unknown-route',
    label: 'unknown route',
    method: 'GET',
    path: '/orders/o-1',
    expected: {
      status: 404,
      body: errors({
        status: '404',
        title: 'Not Found',
        code: 'route-not-found',
        detail: 'No route for GET /orders/o-1.',
      }),
    },
  },
];

/** The event of one request as API Gateway sends it for this kind of API. */
function eventFor(kind, request) {
  const common = { method: request.method, path: request.path, requestId: REQUEST_ID };
  if (kind === 'rest') {
    return restApiEvent({
      ...common,
      resource: '/{proxy+}',
      pathParameters: { proxy: request.path.slice(1) },
      ...(request.body === undefined
        ? {}
        : { body: JSON.stringify(request.body), headers: { 'Content-Type': 'application/json' } }),
    });
  }
  return httpApiEvent({
    ...common,
    ...(request.body === undefined
      ? {}
      : { body: JSON.stringify(request.body), headers: { 'content-type': 'application/json' } }),
  });
}

export const KINDS = [
  { id: 'rest', label: 'REST API (v1)' },
  { id: 'http', label: 'HTTP API (v2)' },
];

/**
 * Every scenario, with its event as JSON text: each invocation gets its own parsed copy, as
 * Lambda hands a function a freshly deserialised event (and some libraries write to it).
 */
export const SCENARIOS = KINDS.flatMap((kind) =>
  REQUESTS.map((request) => ({
    id: `${kind.id}/${request.id}`,
    kind: kind.id,
    kindLabel: kind.label,
    request: request.id,
    label: request.label,
    eventJson: JSON.stringify(eventFor(kind.id, request)),
    expected: {
      status: request.expected.status,
      headers: {
        'content-type': 'application/json',
        'x-request-id': REQUEST_ID,
        ...(request.expected.location === undefined ? {} : { location: request.expected.location }),
      },
      body: request.expected.body,
    },
  })),
);

/** The function's timeout: each invocation starts with all of it ahead, as in Lambda. */
const TIMEOUT_MS = 30_000;
let deadline = Date.now() + TIMEOUT_MS;

/**
 * Starts an invocation's clock. Lambda gives each invocation a context whose remaining time counts
 * down from the function's timeout; a context made once and kept would run out a few seconds
 * into the run (Middy sets a timer from the remaining time on every invocation).
 */
export function invocationStarts() {
  deadline = Date.now() + TIMEOUT_MS;
}

/** The Lambda context every invocation gets. */
export const CONTEXT = {
  ...fakeContext({ functionName: 'users', timeoutMs: TIMEOUT_MS }),
  getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
};
