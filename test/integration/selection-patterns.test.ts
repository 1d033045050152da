/**
 * The selection patterns of the custom integration, matched as API Gateway matches them: with
 * Java's `Pattern.matches` (the whole message; `.` stops at line terminators) against the
 * `errorMessage` of a failed invocation, and against an empty string for a success (API
 * Reference, `IntegrationResponse.selectionPattern`: "if the success response returns nothing
 * and the error response returns some string, you could use the `.+` regex"). Every message
 * gatefold fails with is matched by its status's pattern and by no other; a failure that is not
 * gatefold's (a timeout, a crash) by one of the two foreign patterns and by none of gatefold's;
 * the empty string by none, so that a success takes the default response.
 */
import fc from 'fast-check';
import { err } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { ErrorFormat, ErrorStatus, Problem } from '../../src/index.js';
import { problem, UnsupportedEventError, toLambda } from '../../src/index.js';
import {
  FOREIGN_ERROR_PATTERN,
  otherStatusPattern,
  selectionPattern,
  toLambdaIntegration,
} from '../../src/integration/index.js';
import { openApiDocument } from '../../src/openapi/index.js';
import { isErrorStatusCode } from '../../src/status.js';
import { fakeContext, invoke } from '../../src/testing/index.js';
import { api } from '../../examples/shop/handler.js';
import { capturingLogger } from '../support/logger.js';
import { javaMatches } from '../support/java-regex.js';
import type { CustomIntegration } from './gateway.js';
import {
  failureOf,
  integrationEvent,
  methodRequestOf,
  operationOf,
  operationsOf,
  SUCCESS_SELECTION_VALUE,
  selectionPatterns,
  throughGateway,
} from './gateway.js';
import { SHOP_ERROR_CASES, TRICKY_TEXT, shopEvent, shopOptions } from './shop-cases.js';

const FORMATS: readonly ErrorFormat[] = ['json-api', 'problem', 'negotiate'];

const ERROR_STATUSES: readonly ErrorStatus[] = Array.from(
  { length: 200 },
  (_, i) => 400 + i,
).filter(isErrorStatusCode);

// One function per format, failing with whichever problem the test sets next.
let nextProblem: Problem = problem({ status: 500 });
const failing = Object.fromEntries(
  FORMATS.map((errorFormat) => [
    errorFormat,
    toLambdaIntegration(() => err(nextProblem), { errorFormat, logger: capturingLogger() }),
  ]),
);

/** The `errorMessage` a custom integration function fails with for a problem. */
async function messageFor(
  status: ErrorStatus,
  detail: string,
  errorFormat: ErrorFormat,
): Promise<string> {
  nextProblem = problem({ status, detail });
  const handler = failing[errorFormat];
  if (handler === undefined) throw new Error(`No function for ${errorFormat}.`);
  return (await failureOf(handler, integrationEvent('GET', '/anything'))).message;
}

/** The patterns of an integration that match a message. */
function matching(integration: CustomIntegration, message: string): string[] {
  return selectionPatterns(integration).filter((pattern) => javaMatches(pattern, message));
}

/** The integration response status a pattern selects. */
function statusOf(integration: CustomIntegration, pattern: string): string | undefined {
  return integration.responses[pattern]?.statusCode;
}

/**
 * Any text: UTF-16 code units (lone surrogates included), astral characters, and the characters
 * that break lines or strings, often.
 */
const anyText = fc.string({
  unit: fc.oneof(
    fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
    fc.integer({ min: 0x10000, max: 0x10ffff }).map((code) => String.fromCodePoint(code)),
    fc.constantFrom('\n', '\r', '\u0085', '\u2028', '\u2029', '"', '\\', '😀'),
  ),
});

const DETAILS = [
  'plain',
  TRICKY_TEXT,
  'line one\nline two',
  'only a line separator: \u2028',
  'next line \u0085 and paragraph \u2029',
  '😀 "quoted" \\backslashed\\ \'single\'',
  'Task timed out after 3.00 seconds',
  '{"status":200,"headers":{},"body":""}',
  '',
];

describe.each(FORMATS)('the shop, %s errors', (format) => {
  const custom = toLambdaIntegration(api, shopOptions(format));
  const document = openApiDocument(custom);

  it('matches every message of a status by that status pattern and no other', async () => {
    for (const { operation } of operationsOf(document)) {
      const integration = operation['x-amazon-apigateway-integration'];
      const statuses = selectionPatterns(integration)
        .map((pattern) => Number(statusOf(integration, pattern)))
        .filter((status) => status !== 502 && status !== 504);
      expect(statuses.length).toBeGreaterThan(0);
      for (const status of statuses) {
        expect(isErrorStatusCode(status)).toBe(true);
        for (const detail of DETAILS) {
          const message = await messageFor(status as ErrorStatus, detail, format);
          expect(matching(integration, message)).toStrictEqual([selectionPattern(status)]);
          expect(statusOf(integration, selectionPattern(status))).toBe(String(status));
        }
      }
    }
  });

  it.each(SHOP_ERROR_CASES)('$name: matched by its status pattern only', async (shopCase) => {
    const event = shopCase.event();
    const operation = operationOf(document, shopCase.method, shopCase.resource);
    const answer = await throughGateway(custom, operation, methodRequestOf(event));
    const message = (answer.error as Error).message;
    expect(matching(operation['x-amazon-apigateway-integration'], message)).toStrictEqual([
      selectionPattern(shopCase.status),
    ]);
  });

  it('writes every message as one line of printable ASCII, starting with its status', async () => {
    for (const detail of DETAILS) {
      const message = await messageFor(404, detail, format);
      expect(message).toMatch(/^\{"status":404,[\x20-\x7e]*\}$/);
      const parsed = JSON.parse(message) as { body: string };
      expect(JSON.stringify(JSON.parse(parsed.body))).toContain(JSON.stringify(detail));
    }
  });

  const FOREIGN = [
    { message: '2026-11-25T10:00:00.000Z abc Task timed out after 3.00 seconds', status: '504' },
    { message: 'Task timed out after 29.01 seconds', status: '504' },
    { message: 'RequestId: abc Error: Task timed out\nafter 3.00 seconds', status: '504' },
    { message: 'Runtime exited with error: signal: killed', status: '502' },
    { message: 'Runtime exited without providing a reason', status: '502' },
    { message: 'Error: boom\n    at handler (/var/task/index.js:1:1)\r\n    at x', status: '502' },
    { message: 'line\u2028separator\u0085next line\u2029', status: '502' },
    { message: '{"status":"500","note":"a foreign JSON message"}', status: '502' },
    { message: ' {"status":404,"headers":{},"body":""}', status: '502' },
  ];

  it.each(FOREIGN)('answers the foreign failure $message with $status', ({ message, status }) => {
    for (const { operation } of operationsOf(document)) {
      const integration = operation['x-amazon-apigateway-integration'];
      const [only, ...others] = matching(integration, message);
      expect(others).toStrictEqual([]);
      expect(only === undefined ? undefined : statusOf(integration, only)).toBe(status);
      expect(only?.endsWith(FOREIGN_ERROR_PATTERN)).toBe(true);
    }
  });

  it("answers the function's refusal of an event no template built with 502", async () => {
    const refusal: unknown = await custom({ httpMethod: 'GET' }, fakeContext()).catch(
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(UnsupportedEventError);
    for (const { operation } of operationsOf(document)) {
      const integration = operation['x-amazon-apigateway-integration'];
      const found = matching(integration, (refusal as Error).message);
      expect(found.map((pattern) => statusOf(integration, pattern))).toStrictEqual(['502']);
    }
  });

  it('matches no pattern of any operation with the empty string a success is matched as', () => {
    for (const { method, path, operation } of operationsOf(document)) {
      const integration = operation['x-amazon-apigateway-integration'];
      expect([method, path, matching(integration, SUCCESS_SELECTION_VALUE)]).toStrictEqual([
        method,
        path,
        [],
      ]);
    }
  });

  it.each([
    { method: 'GET', resource: '/health', pathParameters: {}, status: 200 },
    { method: 'GET', resource: '/users/{id}', pathParameters: { id: 'u-1' }, status: 200 },
  ])('answers $method $resource through the default response', async (row) => {
    const event = shopEvent(row.method, row.resource, row.pathParameters);
    const operation = operationOf(document, row.method, row.resource);
    const answer = await throughGateway(custom, operation, methodRequestOf(event));
    const expected = await invoke(toLambda(api, shopOptions(format)), event);
    expect(answer).toMatchObject({ pattern: 'default', status: row.status, error: undefined });
    expect(answer.body).toBe(expected.body);
  });
});

describe('status patterns', () => {
  it('tell 400 from a hypothetical 4000, 40 or 4', async () => {
    const message = await messageFor(400, 'x', 'json-api');
    expect(javaMatches(selectionPattern(400), message)).toBe(true);
    for (const other of ['4000', '40', '4', '0400', ' 400', '400.0']) {
      const changed = message.replace('{"status":400,', `{"status":${other},`);
      expect(javaMatches(selectionPattern(400), changed)).toBe(false);
    }
    expect(javaMatches(selectionPattern(4000), message)).toBe(false);
    expect(javaMatches(otherStatusPattern([]), message.replace('400', '4000'))).toBe(false);
  });

  it('leave the statuses with a pattern of their own out of the other-status pattern', async () => {
    const listed: ErrorStatus[] = [400, 404, 500];
    for (const status of listed) {
      expect(
        javaMatches(otherStatusPattern(listed), await messageFor(status, 'x', 'problem')),
      ).toBe(false);
    }
    expect(javaMatches(otherStatusPattern(listed), await messageFor(429, 'x', 'problem'))).toBe(
      true,
    );
    expect(javaMatches(otherStatusPattern([]), await messageFor(404, 'x', 'problem'))).toBe(true);
  });

  it('match exactly one pattern, whatever the status, detail and listed statuses', async () => {
    // The foreign patterns as the document writes them: they must lose to every status pattern.
    const document = openApiDocument(toLambdaIntegration(api, shopOptions('json-api')));
    const integration = operationOf(document, 'GET', '/health')['x-amazon-apigateway-integration'];
    const foreign = selectionPatterns(integration).filter((pattern) =>
      pattern.endsWith(FOREIGN_ERROR_PATTERN),
    );
    expect(foreign).toHaveLength(2);
    const detail = fc.oneof(anyText, fc.constantFrom(...DETAILS));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ERROR_STATUSES),
        detail,
        fc.subarray([...ERROR_STATUSES], { maxLength: 12 }),
        fc.boolean(),
        fc.constantFrom(...FORMATS),
        async (status, text, others, withOwnPattern, format) => {
          const message = await messageFor(status, text, format);
          const listed = withOwnPattern ? [...new Set([...others, status])] : others;
          const patterns = [
            ...listed.map(selectionPattern),
            otherStatusPattern(listed),
            ...foreign,
          ];
          const expected = listed.includes(status)
            ? selectionPattern(status)
            : otherStatusPattern(listed);
          expect(patterns.filter((pattern) => javaMatches(pattern, message))).toStrictEqual([
            expected,
          ]);
          expect(patterns.filter((pattern) => javaMatches(pattern, ''))).toStrictEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('send every foreign failure to exactly one foreign pattern', () => {
    const document = openApiDocument(toLambdaIntegration(api, shopOptions('problem')));
    const integration = operationOf(document, 'GET', '/health')['x-amazon-apigateway-integration'];
    const listed = selectionPatterns(integration);
    fc.assert(
      fc.property(
        fc.oneof(
          anyText,
          anyText.map((text) => `${text}Task timed out after 3.00 seconds`),
          anyText.map((text) => `${text}\n${text}`),
        ),
        (message) => {
          fc.pre(!/^\{"status":\d{3},/.test(message));
          const found = listed.filter((pattern) => javaMatches(pattern, message));
          // An empty message is what a success is matched as: the default response takes it
          // (and its template answers a failure's payload with the 502).
          const expected =
            message === '' ? [] : [message.includes('Task timed out') ? '504' : '502'];
          expect(found.map((pattern) => statusOf(integration, pattern))).toStrictEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});
