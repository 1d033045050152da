/**
 * Generated hostile requests of every event kind against the example API's Lambda handler: valid
 * and malformed JSON, truncated documents, prototype members spelt every way, deep nesting,
 * random bytes, broken base64, odd content types, percent-encoded paths, random headers, query
 * parameters and cookies, and events with fields replaced by nulls and wrong types. Whatever
 * arrives, the handler resolves (never rejects) to a well-formed result of the event's kind
 * with the request id; the client's input is never a defect (no 5xx, nothing logged at error
 * level); error bodies are JSON that quote the request id; no prototype is touched.
 *
 * `FUZZ_RUNS=10000 npx vitest run test/hardening/example-api.property.test.ts` for a long run.
 */
import fc from 'fast-check';
import type { MockInstance } from 'vitest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HttpEvent } from '../../src/index.js';
import type { EventOptions } from '../../src/testing/index.js';
import { handler } from '../../examples/shop/handler.js';
import type { Shape } from './shapes.js';
import { SHAPES, eventFor, lambdaContext, requestIdOf } from './shapes.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 150);
const TIMEOUT = Math.max(20_000, RUNS * 40);
const MiB = 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Bodies.
// ---------------------------------------------------------------------------------------------

const FORBIDDEN_SPELLINGS = [
  '"__proto__"',
  '"constructor"',
  '"prototype"',
  '"\\u005f_proto__"',
  '"__pro\\u0074o__"',
  '"\\u0063onstructor"',
];

/** JSON text whose member names are often those that reach prototypes. */
const hostileJson: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.jsonValue({ maxDepth: 1 }).map((v) => JSON.stringify(v)),
    fc
      .array(
        fc.tuple(
          fc.oneof(
            fc.constantFrom(...FORBIDDEN_SPELLINGS, '"data"', '"items"', '"attributes"'),
            fc.string({ unit: 'binary', maxLength: 8 }).map((k) => JSON.stringify(k)),
          ),
          tie('value'),
        ),
        { maxLength: 4 },
      )
      .map((members) => `{${members.map(([k, v]) => `${k}:${v}`).join(',')}}`),
    fc.array(tie('value'), { maxLength: 3 }).map((items) => `[${items.join(',')}]`),
  ),
})).value;

const text = fc.string({ unit: 'binary', maxLength: 12 });

const registration = fc
  .record({
    'first-name': text,
    'last-name': text,
    // Mostly the seeded user's email (409, no password hashing), sometimes a new one.
    email: fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom('ada@example.com', 'ADA@Example.com') },
      { weight: 1, arbitrary: fc.emailAddress() },
      { weight: 1, arbitrary: text },
    ),
    password: fc.oneof(fc.constant('s3cret-pass'), text),
    confirm: fc.boolean(),
    type: fc.constantFrom('users', 'people', 7),
  })
  .map(({ confirm, type, ...attributes }) =>
    JSON.stringify({
      data: {
        type,
        attributes: {
          ...attributes,
          'password-confirmation': confirm ? attributes.password : `${attributes.password}!`,
        },
      },
    }),
  );

const checkout = fc
  .array(
    fc.record({
      productId: fc.oneof(fc.constantFrom('p-1', 'p-2', '__proto__'), text),
      quantity: fc.oneof(fc.integer({ min: -2, max: 5 }), fc.double(), fc.constant('1')),
    }),
    { maxLength: 4 },
  )
  .map((items) => JSON.stringify({ items }));

/** A body as the client sends it: text, or bytes (sent base64). */
const body: fc.Arbitrary<string | Uint8Array | undefined> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(undefined) },
  { weight: 3, arbitrary: registration },
  { weight: 2, arbitrary: checkout },
  { weight: 3, arbitrary: hostileJson },
  // Truncated somewhere.
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.oneof(registration, checkout, hostileJson), fc.nat())
      .map(([json, cut]) => json.slice(0, cut % (json.length + 1))),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  // Random bytes, mostly not UTF-8; or JSON sent as bytes.
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: registration.map((json) => new Uint8Array(Buffer.from(json, 'utf8'))),
  },
  // Deep nesting, balanced or not, up to 100,000 levels.
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.oneof(fc.integer({ min: 60, max: 2000 }), fc.constant(100_000)), fc.boolean())
      .map(([depth, closed]) => '['.repeat(depth) + (closed ? ']'.repeat(depth) : '')),
  },
  // Around the 1 MiB limit.
  {
    weight: 1,
    arbitrary: fc.integer({ min: -2, max: 2 }).map((delta) => `"${'a'.repeat(MiB + delta - 2)}"`),
  },
);

// ---------------------------------------------------------------------------------------------
// Requests.
// ---------------------------------------------------------------------------------------------

const segment = fc.oneof(
  fc.constantFrom(
    'users',
    'u-1',
    'health',
    'carts',
    'checkout',
    '%2e%2e',
    '..',
    '%00',
    '%C0%AE',
    '%2F',
    '%252e',
    '%',
    '__proto__',
    '',
  ),
  fc.string({ maxLength: 10 }).map((s) => s.replace(/[/?]/g, '')),
);

const path = fc.oneof(
  fc.constantFrom('/health', '/users', '/users/u-1', '/users/u-9', '/carts/c-1/checkout', '/'),
  fc.array(segment, { maxLength: 6 }).map((segments) => `/${segments.join('/')}`),
);

const headerName = fc
  .oneof(
    fc.constantFrom(
      'Content-Type',
      'content-type',
      'ACCEPT',
      'Accept',
      'cookie',
      '__proto__',
      'constructor',
      'x-forwarded-for',
    ),
    fc.string({ maxLength: 12 }),
  )
  // The client's own request id would change the id answered with; the tables cover it.
  .filter((name) => name.toLowerCase() !== 'x-request-id');

const contentType = fc.constantFrom(
  'application/json',
  'application/vnd.api+json',
  'Application/JSON; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  '',
);

const headerValue = fc.oneof(
  contentType,
  fc.constantFrom('application/problem+json', 'application/json;q=0.1, application/problem+json'),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

const request: fc.Arbitrary<EventOptions> = fc.record({
  method: fc.oneof(
    fc.constantFrom('GET', 'POST', 'HEAD', 'OPTIONS', 'DELETE', 'post', 'get'),
    fc.string({ maxLength: 6 }),
  ),
  path,
  headers: fc
    .tuple(
      fc.option(fc.oneof(contentType, fc.array(contentType, { minLength: 2, maxLength: 2 }))),
      fc.dictionary(headerName, fc.oneof(headerValue, fc.array(headerValue, { maxLength: 3 })), {
        maxKeys: 5,
      }),
    )
    .map(([type, others]) => ({
      ...others,
      ...(type === null ? {} : { 'content-type': type }),
    })),
  query: fc.dictionary(
    fc.string({ unit: 'binary', maxLength: 8 }),
    fc.oneof(text, fc.array(text, { maxLength: 3 })),
    { maxKeys: 4 },
  ),
  cookies: fc.array(fc.string({ maxLength: 12 }), { maxLength: 3 }),
  body,
});

/** Event fields replaced as no source would send them. */
const FIELDS = [
  'headers',
  'multiValueHeaders',
  'queryStringParameters',
  'multiValueQueryStringParameters',
  'rawQueryString',
  'pathParameters',
  'cookies',
  'body',
  'isBase64Encoded',
  'resource',
  'routeKey',
] as const;

const odd = fc.oneof(
  fc.constantFrom(null, 0, 7, true, '', 'true', [], ['a'], {}, { a: 1 }, { a: [null] }),
  fc.string({ unit: 'binary', maxLength: 8 }),
);

const changes = fc.array(fc.tuple(fc.constantFrom(...FIELDS), odd), { maxLength: 3 });

/** A body marked base64 that is not. */
const brokenBase64 = fc.option(fc.constantFrom('@@@@', 'e30', 'e30-', 'e30=e', ' e30= '), {
  freq: 8,
});

interface Generated {
  readonly shape: Shape;
  readonly event: HttpEvent;
}

/**
 * False for a request its source would refuse before the function runs: an HTTP API answers 400
 * itself for a path it cannot percent-decode, and its event builder throws for one.
 */
function sourceForwards(shape: Shape, options: EventOptions): boolean {
  try {
    eventFor(shape, options);
    return true;
  } catch {
    return false;
  }
}

const generated: fc.Arbitrary<Generated> = fc
  .tuple(fc.constantFrom(...SHAPES), request, changes, brokenBase64)
  .filter(([shape, options]) => sourceForwards(shape, options))
  .map(([shape, options, changed, base64]) => {
    const event = eventFor(shape, options) as unknown as Record<string, unknown>;
    for (const [field, value] of changed) event[field] = value;
    if (base64 !== null) {
      event['body'] = base64;
      event['isBase64Encoded'] = true;
    }
    return { shape, event: event as unknown as HttpEvent };
  });

// ---------------------------------------------------------------------------------------------
// What every result must be.
// ---------------------------------------------------------------------------------------------

const KEYS: Readonly<Record<'rest' | 'v2' | 'alb' | 'alb-multi', readonly string[]>> = {
  rest: ['body', 'headers', 'isBase64Encoded', 'multiValueHeaders', 'statusCode'],
  v2: ['body', 'cookies', 'headers', 'isBase64Encoded', 'statusCode'],
  alb: ['body', 'headers', 'isBase64Encoded', 'statusCode', 'statusDescription'],
  'alb-multi': ['body', 'isBase64Encoded', 'multiValueHeaders', 'statusCode', 'statusDescription'],
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The result shape: ALB answers in multi-value mode exactly when the event came in it. */
function resultShape({ shape, event }: Generated): keyof typeof KEYS {
  if (shape === 'rest') return 'rest';
  if (shape === 'http' || shape === 'function-url') return 'v2';
  return isRecord((event as unknown as Record<string, unknown>)['multiValueHeaders'])
    ? 'alb-multi'
    : 'alb';
}

/** Every header value the result sends, by lower-cased name. */
function headersOf(result: Record<string, unknown>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const map of [result['headers'], result['multiValueHeaders']]) {
    if (!isRecord(map)) continue;
    for (const [name, value] of Object.entries(map)) {
      const values = Array.isArray(value) ? (value as unknown[]) : [value];
      const key = name.toLowerCase();
      out.set(key, [...(out.get(key) ?? []), ...values.map(String)]);
    }
  }
  return out;
}

const prototypes = [Object.prototype, Array.prototype, Function.prototype, String.prototype];
const before = prototypes.map((p) => Object.getOwnPropertyNames(p).sort());

let logs: MockInstance[];

beforeAll(() => {
  logs = (['error', 'warn', 'info', 'debug'] as const).map((level) =>
    vi.spyOn(console, level).mockImplementation(() => undefined),
  );
});

afterAll(() => {
  vi.restoreAllMocks();
});

describe('the example API, for any hostile request of any event kind', () => {
  it(
    'resolves to a well-formed result with the request id; never a 5xx, never an error log line',
    async () => {
      await fc.assert(
        fc.asyncProperty(generated, async (g) => {
          for (const log of logs) log.mockClear();

          const result = (await handler(g.event, lambdaContext())) as unknown as Record<
            string,
            unknown
          >;

          expect(Object.keys(result).sort()).toEqual(KEYS[resultShape(g)]);
          const status = result['statusCode'] as number;
          expect(Number.isInteger(status)).toBe(true);
          expect(status).toBeGreaterThanOrEqual(200);
          expect(status).toBeLessThan(500);
          expect(logs[0]).not.toHaveBeenCalled();

          const headers = headersOf(result);
          for (const [name, values] of headers) {
            expect(name).toMatch(/^[!#$%&'*+\-.^_`|~0-9a-z]+$/);
            for (const value of values) expect(value).not.toMatch(/[\r\n\0]/);
          }
          const requestId = requestIdOf(g.shape);
          expect(headers.get('x-request-id')).toEqual([requestId]);

          const text = result['body'];
          expect(typeof text).toBe('string');
          expect(result['isBase64Encoded']).toBe(false);
          if (text !== '') {
            const document = JSON.parse(text as string) as Record<string, unknown>;
            if (status >= 400) {
              const meta = document['meta'] as Record<string, unknown> | undefined;
              expect(meta?.['requestId'] ?? document['requestId']).toBe(requestId);
            }
          }
          expect(prototypes.map((p) => Object.getOwnPropertyNames(p).sort())).toEqual(before);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});
