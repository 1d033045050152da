/**
 * Validators: rules over decoded values, combined with all (every issue) and sequence (the first
 * failure), pointed at a part with field, and shared between endpoints.
 */
import * as t from 'io-ts';
import { err, ok } from 'neverthrow';
import { describe, expect, it, vi } from 'vitest';
import type { Issue, Validator } from '../../src/index.js';
import { all, created, endpoint, field, json, rule, sequence, toLambda } from '../../src/index.js';
import { fakeContext, httpApiEvent } from '../../src/testing/index.js';
import { capturingLogger } from '../support/logger.js';
import { HTTP_REQUEST_ID, LAMBDA_REQUEST_ID } from '../support/request-id.js';

const context = fakeContext({ awsRequestId: LAMBDA_REQUEST_ID });

const positive = rule((n: number) => n > 0, { code: 'not-positive', title: 'Must be positive' });
const even = rule((n: number) => n % 2 === 0, {
  code: 'not-even',
  title: 'Must be even',
  detail: (n) => `${String(n)} is odd.`,
});
const small = rule((n: number) => n < 100, {
  code: 'too-big',
  title: 'Must be under 100',
  detail: 'Send a number under 100.',
  source: { parameter: 'n' },
});

const NOT_POSITIVE: Issue = {
  code: 'not-positive',
  title: 'Must be positive',
  detail: 'Must be positive',
};
const oddIssue = (n: number): Issue => ({
  code: 'not-even',
  title: 'Must be even',
  detail: `${String(n)} is odd.`,
});
const TOO_BIG: Issue = {
  code: 'too-big',
  title: 'Must be under 100',
  detail: 'Send a number under 100.',
  source: { parameter: 'n' },
};

describe('rule', () => {
  it('gives the value back when the predicate holds', () => {
    const value = { n: 2 };
    const validator = rule((v: { n: number }) => v.n > 0, { code: 'x', title: 'X' });
    const result = validator(value);
    expect(result).toEqual(ok(value));
    expect(result.isOk() ? result.value : undefined).toBe(value);
  });

  it.each([
    ['with the title as detail when there is none', positive, -1, NOT_POSITIVE],
    ['with a detail computed from the value', even, 3, oddIssue(3)],
    ['with a fixed detail and its source', small, 100, TOO_BIG],
  ])('reports one issue %s', (_, validator, value, issue) => {
    expect(validator(value)).toEqual(err([issue]));
  });

  it('passes meta through', () => {
    const withMeta = rule((s: string) => s !== '', {
      code: 'blank',
      title: 'Blank',
      meta: { hint: 'type something' },
    });
    expect(withMeta('')).toEqual(
      err([{ code: 'blank', title: 'Blank', detail: 'Blank', meta: { hint: 'type something' } }]),
    );
  });
});

describe('all', () => {
  const checks = all(positive, even, small);

  it('gives the value back when every validator holds', () => {
    expect(checks(42)).toEqual(ok(42));
  });

  it.each([
    [-3, [NOT_POSITIVE, oddIssue(-3)]],
    [101, [oddIssue(101), TOO_BIG]],
    [-200, [NOT_POSITIVE]],
    [-201, [NOT_POSITIVE, oddIssue(-201)]],
    [1001, [oddIssue(1001), TOO_BIG]],
  ])('reports %d with the issues of every validator that fails, in order', (n, issues) => {
    expect(checks(n)).toEqual(err(issues));
  });

  it('runs every validator, even after one fails', () => {
    const first = vi.fn(positive);
    const second = vi.fn(even);
    expect(all(first, second)(-1)).toEqual(err([NOT_POSITIVE, oddIssue(-1)]));
    expect([first.mock.calls, second.mock.calls]).toEqual([[[-1]], [[-1]]]);
  });

  it('keeps every issue a single validator reports', () => {
    const two: Validator<number> = () =>
      err([
        { code: 'a', title: 'A', detail: 'A' },
        { code: 'b', title: 'B', detail: 'B' },
      ]);
    expect(all(two, positive)(0)).toEqual(
      err([
        { code: 'a', title: 'A', detail: 'A' },
        { code: 'b', title: 'B', detail: 'B' },
        NOT_POSITIVE,
      ]),
    );
  });

  it('holds for any value when given no validators', () => {
    expect(all<number>()(-1)).toEqual(ok(-1));
  });
});

describe('sequence', () => {
  it('gives the value back when every validator holds', () => {
    expect(sequence(positive, even, small)(4)).toEqual(ok(4));
  });

  it.each([
    [-3, [NOT_POSITIVE]],
    [3, [oddIssue(3)]],
    [102, [TOO_BIG]],
  ])('reports %d with the issues of the first validator that fails only', (n, issues) => {
    expect(sequence(positive, even, small)(n)).toEqual(err(issues));
  });

  it('does not run the validators after the first failure', () => {
    const first = vi.fn(positive);
    const second = vi.fn(even);
    const third = vi.fn(small);
    expect(sequence(first, second, third)(3)).toEqual(err([oddIssue(3)]));
    expect([first.mock.calls, second.mock.calls, third.mock.calls]).toEqual([[[3]], [[3]], []]);
  });

  it('holds for any value when given no validators', () => {
    expect(sequence<number>()(-1)).toEqual(ok(-1));
  });

  it('combines with all', () => {
    const present = rule((s: string) => s !== '', { code: 'required', title: 'Required' });
    const hasAt = rule((s: string) => s.includes('@'), { code: 'no-at', title: 'No @' });
    const hasDot = rule((s: string) => s.includes('.'), { code: 'no-dot', title: 'No dot' });
    const email = sequence(present, all(hasAt, hasDot));
    expect(['', 'x', 'a@b.c'].map(email)).toEqual([
      err([{ code: 'required', title: 'Required', detail: 'Required' }]),
      err([
        { code: 'no-at', title: 'No @', detail: 'No @' },
        { code: 'no-dot', title: 'No dot', detail: 'No dot' },
      ]),
      ok('a@b.c'),
    ]);
  });
});

describe('field', () => {
  interface Form {
    readonly quantity: number;
    readonly lines: readonly { readonly quantity: number }[];
  }
  const form: Form = { quantity: -3, lines: [{ quantity: 101 }] };

  it('points an issue without a source at the field', () => {
    const quantity = field('/quantity', (f: Form) => f.quantity, all(positive, even));
    expect(quantity(form)).toEqual(
      err([
        { ...NOT_POSITIVE, source: { pointer: '/quantity' } },
        { ...oddIssue(-3), source: { pointer: '/quantity' } },
      ]),
    );
  });

  it('keeps the source of an issue that already has one', () => {
    const line = field(
      '/lines/0/quantity',
      (f: Form) => f.lines[0]?.quantity ?? 0,
      all(even, small),
    );
    expect(line(form)).toEqual(
      err([{ ...oddIssue(101), source: { pointer: '/lines/0/quantity' } }, TOO_BIG]),
    );
  });

  it('keeps the pointer of an inner field', () => {
    const inner = field('/quantity', (l: { readonly quantity: number }) => l.quantity, small);
    const innerPointer = field(
      '/quantity',
      (l: { readonly quantity: number }) => l.quantity,
      positive,
    );
    const outer = field(
      '/lines/0',
      (f: Form) => f.lines[0] ?? { quantity: 0 },
      all(inner, innerPointer),
    );
    expect(outer({ quantity: 1, lines: [{ quantity: -1 }] })).toEqual(
      err([{ ...NOT_POSITIVE, source: { pointer: '/quantity' } }]),
    );
  });

  it('gives back the whole value, not the selected part, when the validator holds', () => {
    const value: Form = { quantity: 2, lines: [] };
    const result = field('/quantity', (f: Form) => f.quantity, even)(value);
    expect(result).toEqual(ok(value));
    expect(result.isOk() ? result.value : undefined).toBe(value);
  });
});

describe('one validator in two endpoints', () => {
  const Contact = t.type({ email: t.string, backup: t.string });
  interface ContactInput {
    readonly body: t.TypeOf<typeof Contact>;
  }

  const hasAt = rule((s: string) => s.includes('@'), {
    code: 'invalid-email',
    title: 'Invalid email address',
    detail: 'An email address contains "@".',
  });
  // The same rule, pointed at two fields.
  const emails: Validator<ContactInput> = all(
    field('/email', (input: ContactInput) => input.body.email, hasAt),
    field('/backup', (input: ContactInput) => input.body.backup, hasAt),
  );

  const create = toLambda(
    endpoint({ body: Contact }, ({ body }) => ok(created('/contacts/c-1', body)), {
      validate: emails,
    }),
    { logger: capturingLogger() },
  );
  const replace = toLambda(
    endpoint({ body: Contact }, ({ body }) => ok(json(body)), {
      validate: emails,
      status: 422,
    }),
    { logger: capturingLogger() },
  );

  const send = (body: unknown, method: string) =>
    httpApiEvent({
      method,
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
      requestId: HTTP_REQUEST_ID,
    });

  const invalid = (status: string, pointer: string) => ({
    status,
    code: 'invalid-email',
    title: 'Invalid email address',
    detail: 'An email address contains "@".',
    source: { pointer },
  });

  it('reports with each endpoint’s status, and keeps no state between requests', async () => {
    const bad = { email: 'nobody', backup: 'nobody-else' };
    const good = { email: 'a@example.com', backup: 'b@example.com' };

    const first = await create(send(bad, 'POST'), context);
    const second = await replace(send(bad, 'PUT'), context);
    const third = await create(send(good, 'POST'), context);
    const fourth = await replace(send({ ...good, backup: 'x' }, 'PUT'), context);

    expect(
      [first, second, third, fourth].map((result) => [
        result.statusCode,
        JSON.parse(result.body ?? 'null') as unknown,
      ]),
    ).toEqual([
      [
        400,
        {
          errors: [invalid('400', '/email'), invalid('400', '/backup')],
          meta: { requestId: HTTP_REQUEST_ID },
        },
      ],
      [
        422,
        {
          errors: [invalid('422', '/email'), invalid('422', '/backup')],
          meta: { requestId: HTTP_REQUEST_ID },
        },
      ],
      [201, good],
      [422, { errors: [invalid('422', '/backup')], meta: { requestId: HTTP_REQUEST_ID } }],
    ]);
  });
});
