/**
 * The mixed traffic the load and soak runs send to the example shop API: successes, domain
 * errors, decoding and validation errors, and an unknown route. Each case knows the exact
 * response it must get, so a run counts wrong answers, not only failed connections.
 *
 * No case changes the store: a valid registration uses the seeded user's email (so it is decoded,
 * validated and answered 409), and checkout names only unknown products (422). Registering new
 * users or placing orders would grow the in-memory store by design, and hash a password with
 * scrypt on every request, which measures the example's store rather than the SDK.
 */
import { isDeepStrictEqual } from 'node:util';

/** A response as either driver sees it: headers lower-cased, the body as text. */
export interface ObservedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string;
}

/** One kind of request and the response it must get. */
export interface LoadCase {
  readonly name: string;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly status: number;
  readonly contentType: 'application/json' | 'application/problem+json';
  /** The whole body expected, given the request id the response carries. */
  readonly expected: (requestId: string) => unknown;
}

const JSON_HEADERS = { 'content-type': 'application/json' } as const;

const registration = (attributes: Record<string, string>): string =>
  JSON.stringify({ data: { type: 'users', attributes } });

const jsonApiErrors = (requestId: string, errors: readonly unknown[]): unknown => ({
  errors,
  meta: { requestId },
});

export const LOAD_CASES: readonly LoadCase[] = [
  {
    name: 'GET /health',
    method: 'GET',
    path: '/health',
    headers: {},
    status: 200,
    contentType: 'application/json',
    expected: () => ({ status: 'ok' }),
  },
  {
    name: 'GET /users/u-1',
    method: 'GET',
    path: '/users/u-1',
    headers: {},
    status: 200,
    contentType: 'application/json',
    expected: () => ({
      data: {
        type: 'users',
        id: 'u-1',
        attributes: { 'first-name': 'Ada', 'last-name': 'Lovelace', email: 'ada@example.com' },
      },
    }),
  },
  {
    name: 'GET /users/missing (404)',
    method: 'GET',
    path: '/users/missing',
    headers: {},
    status: 404,
    contentType: 'application/json',
    expected: (requestId) =>
      jsonApiErrors(requestId, [
        {
          status: '404',
          title: 'Not Found',
          code: 'UserNotFound',
          detail: 'No user has the id "missing".',
        },
      ]),
  },
  {
    name: 'GET /users/missing as problem+json (404)',
    method: 'GET',
    path: '/users/missing',
    headers: { accept: 'application/problem+json' },
    status: 404,
    contentType: 'application/problem+json',
    expected: (requestId) => ({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'No user has the id "missing".',
      code: 'UserNotFound',
      requestId,
    }),
  },
  {
    name: 'POST /users valid, email taken (409)',
    method: 'POST',
    path: '/users',
    headers: JSON_HEADERS,
    body: registration({
      'first-name': 'Ada',
      'last-name': 'Lovelace',
      email: 'ada@example.com',
      password: 'secret-123',
      'password-confirmation': 'secret-123',
    }),
    status: 409,
    contentType: 'application/json',
    expected: (requestId) =>
      jsonApiErrors(requestId, [
        {
          status: '409',
          title: 'Conflict',
          code: 'EmailTaken',
          detail: 'A user with the email "ada@example.com" is already registered.',
        },
      ]),
  },
  {
    name: 'POST /users three violations (400)',
    method: 'POST',
    path: '/users',
    headers: JSON_HEADERS,
    body: registration({
      'first-name': 'Al',
      'last-name': 'Turing',
      email: 'al@example.com',
      password: 'secret123',
      'password-confirmation': 'secret124',
    }),
    status: 400,
    contentType: 'application/json',
    expected: (requestId) =>
      jsonApiErrors(requestId, [
        {
          status: '400',
          title: 'Value is too short',
          code: '123',
          detail: 'First name must contain at least three characters.',
          source: { pointer: '/data/attributes/first-name' },
        },
        {
          status: '400',
          title: 'Passwords must contain a letter, number, and punctuation character.',
          code: '225',
          detail: 'The password provided is missing a punctuation character.',
          source: { pointer: '/data/attributes/password' },
        },
        {
          status: '400',
          title: 'Password and password confirmation do not match.',
          code: '226',
          detail: 'The password confirmation must repeat the password exactly.',
          source: { pointer: '/data/attributes/password' },
        },
      ]),
  },
  {
    name: 'POST /users malformed JSON (400)',
    method: 'POST',
    path: '/users',
    headers: JSON_HEADERS,
    body: '{oops',
    status: 400,
    contentType: 'application/json',
    expected: (requestId) =>
      jsonApiErrors(requestId, [
        {
          status: '400',
          title: 'Malformed JSON',
          code: 'invalid-json',
          detail:
            "The body is not valid JSON: unexpected 'o', expected a member name in double quotes at line 1, column 2 (offset 1).",
          source: { pointer: '' },
          meta: { line: 1, column: 2, offset: 1 },
        },
      ]),
  },
  {
    name: 'POST /carts/c-1/checkout unknown products (422)',
    method: 'POST',
    path: '/carts/c-1/checkout',
    headers: JSON_HEADERS,
    body: JSON.stringify({
      items: [
        { productId: 'p-9', quantity: 1 },
        { productId: 'p-1', quantity: 1 },
        { productId: 'p-8', quantity: 2 },
      ],
    }),
    status: 422,
    contentType: 'application/json',
    expected: (requestId) =>
      jsonApiErrors(
        requestId,
        [
          ['p-9', 0],
          ['p-8', 2],
        ].map(([id, index]) => ({
          status: '422',
          title: 'Unprocessable Content',
          code: 'ProductNotFound',
          detail: `No product has the id "${String(id)}".`,
          source: { pointer: `/items/${String(index)}/productId` },
        })),
      ),
  },
  {
    name: 'GET /nowhere (404, no route)',
    method: 'GET',
    path: '/nowhere',
    headers: {},
    status: 404,
    contentType: 'application/json',
    expected: (requestId) =>
      jsonApiErrors(requestId, [
        {
          status: '404',
          title: 'Not Found',
          code: 'route-not-found',
          detail: 'No route for GET /nowhere.',
        },
      ]),
  },
];

function parse(text: string): { readonly value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/** Why `response` is not the one `loadCase` must get, or `undefined` when it is. */
export function whatIsWrong(loadCase: LoadCase, response: ObservedResponse): string | undefined {
  if (response.status !== loadCase.status)
    return `status ${String(response.status)}, expected ${String(loadCase.status)}`;
  const contentType = response.headers['content-type'];
  if (contentType !== loadCase.contentType)
    return `content-type ${String(contentType)}, expected ${loadCase.contentType}`;
  const requestId = response.headers['x-request-id'];
  if (requestId === undefined || requestId === '') return 'no x-request-id header';
  const parsed = parse(response.body);
  if (parsed === undefined) return `body is not JSON: ${response.body.slice(0, 200)}`;
  if (!isDeepStrictEqual(parsed.value, loadCase.expected(requestId)))
    return `unexpected body: ${response.body.slice(0, 400)}`;
  return undefined;
}

/** Counts answers per case and keeps the first wrong one of each to print. */
export class Tally {
  readonly answered = new Map<string, number>();
  readonly wrong = new Map<string, number>();
  readonly examples: string[] = [];

  record(loadCase: LoadCase, response: ObservedResponse): void {
    this.answered.set(loadCase.name, (this.answered.get(loadCase.name) ?? 0) + 1);
    const problem = whatIsWrong(loadCase, response);
    if (problem === undefined) return;
    const wrongBefore = this.wrong.get(loadCase.name) ?? 0;
    this.wrong.set(loadCase.name, wrongBefore + 1);
    // The first wrong answer of each case is enough to show what went wrong.
    if (wrongBefore === 0) this.examples.push(`${loadCase.name}: ${problem}`);
  }

  get total(): number {
    return [...this.answered.values()].reduce((sum, count) => sum + count, 0);
  }

  get totalWrong(): number {
    return [...this.wrong.values()].reduce((sum, count) => sum + count, 0);
  }
}
