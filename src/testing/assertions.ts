import type { Result } from 'neverthrow';
import { inspect } from 'node:util';

/**
 * Assertions that throw plain `Error`s with readable messages, so that they work in any test
 * runner (Vitest, Jest, `node:test`, Mocha).
 */

/**
 * One problem of an error response, in the terms both error formats share. As an expectation,
 * only the fields given are compared.
 *
 * @example
 * ```ts
 * import type { ProblemSummary } from 'gatefold/testing';
 * const expected: ProblemSummary = { status: 422, code: 'too-short', pointer: '/name' };
 * ```
 */
export interface ProblemSummary {
  readonly status?: number;
  readonly code?: string;
  readonly title?: string;
  readonly detail?: string;
  /** JSON pointer into the body (JSON:API `source.pointer`, RFC 9457 `pointer`). */
  readonly pointer?: string;
  /** The query or path parameter at fault. */
  readonly parameter?: string;
  /** The request header at fault. */
  readonly header?: string;
}

/**
 * What {@link expectProblems} reads from a response: an `InvokeResponse` fits.
 *
 * @example
 * ```ts
 * import type { ProblemResponse } from 'gatefold/testing';
 * const response: ProblemResponse = { status: 404, body: '{"errors":[{"status":"404","title":"Not Found"}]}' };
 * ```
 */
export interface ProblemResponse {
  readonly status: number;
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
}

const FIELDS = ['status', 'code', 'title', 'detail', 'pointer', 'parameter', 'header'] as const;

function show(value: unknown): string {
  return inspect(value, { depth: 6, breakLength: 100 });
}

function indent(text: string): string {
  return text.replace(/^/gm, '  ');
}

interface Settled {
  readonly ok: boolean;
  readonly value: unknown;
  readonly error: unknown;
}

function settle(name: string, result: unknown): Settled {
  const candidate = result as
    { isOk?: unknown; value?: unknown; error?: unknown } | null | undefined;
  if (typeof candidate?.isOk !== 'function') {
    throw new Error(`${name}: expected a neverthrow Result, got:\n${indent(show(result))}`);
  }
  const ok = (candidate.isOk as () => boolean).call(candidate);
  return { ok, value: candidate.value, error: candidate.error };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

function okValue(result: unknown): unknown {
  const settled = settle('expectOk', result);
  if (!settled.ok) {
    throw new Error(`expectOk: expected an Ok result, got Err:\n${indent(show(settled.error))}`, {
      cause: settled.error,
    });
  }
  return settled.value;
}

function errValue(result: unknown): unknown {
  const settled = settle('expectErr', result);
  if (settled.ok) {
    throw new Error(`expectErr: expected an Err result, got Ok:\n${indent(show(settled.value))}`);
  }
  return settled.error;
}

/**
 * Returns the value of an `Ok` result, or throws an `Error` whose message shows the `Err` (and
 * whose `cause` is it). Given a `ResultAsync` or a promise of a result, returns a promise.
 *
 * @param result - a neverthrow `Result`, `ResultAsync` or `Promise<Result>`
 * @returns the `Ok` value
 *
 * @example
 * ```ts
 * import { expectOk } from 'gatefold/testing';
 * import { parseUser, saveUser } from '../src/users.js';
 *
 * const user = expectOk(parseUser({ name: 'Ada' }));
 * const saved = await expectOk(saveUser(user)); // a ResultAsync
 * ```
 */
export function expectOk<T, E>(result: Result<T, E>): T;
export function expectOk<T, E>(result: PromiseLike<Result<T, E>>): Promise<T>;
/** A router's answer: the result itself, or a promise of it. */
export function expectOk<T, E>(result: Result<T, E> | PromiseLike<Result<T, E>>): T | Promise<T>;
export function expectOk<T, E>(result: Result<T, E> | PromiseLike<Result<T, E>>): T | Promise<T> {
  if (isThenable(result)) return Promise.resolve(result).then((settled) => okValue(settled) as T);
  return okValue(result) as T;
}

/**
 * Returns the error of an `Err` result, or throws an `Error` whose message shows the `Ok`
 * value. Given a `ResultAsync` or a promise of a result, returns a promise.
 *
 * @param result - a neverthrow `Result`, `ResultAsync` or `Promise<Result>`
 * @returns the `Err` value
 *
 * @example
 * ```ts
 * import { expectErr } from 'gatefold/testing';
 * import { parseUser } from '../src/users.js';
 *
 * const error = expectErr(parseUser({ name: '' }));
 * ```
 */
export function expectErr<T, E>(result: Result<T, E>): E;
export function expectErr<T, E>(result: PromiseLike<Result<T, E>>): Promise<E>;
/** A router's answer: the result itself, or a promise of it. */
export function expectErr<T, E>(result: Result<T, E> | PromiseLike<Result<T, E>>): E | Promise<E>;
export function expectErr<T, E>(result: Result<T, E> | PromiseLike<Result<T, E>>): E | Promise<E> {
  if (isThenable(result)) return Promise.resolve(result).then((settled) => errValue(settled) as E);
  return errValue(result) as E;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** One entry of either format; JSON:API nests the source, RFC 9457 puts it on the entry. */
function summarise(entry: unknown): ProblemSummary {
  const record = asRecord(entry) ?? {};
  const source = asRecord(record['source']) ?? {};
  const out: { -readonly [K in keyof ProblemSummary]: ProblemSummary[K] } = {};
  const status = record['status'];
  if (typeof status === 'number') out.status = status;
  else if (typeof status === 'string' && /^\d+$/.test(status)) out.status = Number(status);
  const code = text(record['code']);
  if (code !== undefined) out.code = code;
  const title = text(record['title']);
  if (title !== undefined) out.title = title;
  const detail = text(record['detail']);
  if (detail !== undefined) out.detail = detail;
  const pointer = text(source['pointer']) ?? text(record['pointer']);
  if (pointer !== undefined) out.pointer = pointer;
  const parameter = text(source['parameter']) ?? text(record['parameter']);
  if (parameter !== undefined) out.parameter = parameter;
  const header = text(source['header']) ?? text(record['header']);
  if (header !== undefined) out.header = header;
  return out;
}

function describeProblem(problem: ProblemSummary): string {
  const parts: string[] = [];
  for (const field of FIELDS) {
    const value = problem[field];
    if (value !== undefined) parts.push(`${field}=${JSON.stringify(value)}`);
  }
  return parts.length > 0 ? parts.join(' ') : '(any problem)';
}

function listProblems(problems: readonly ProblemSummary[]): string {
  if (problems.length === 0) return '  (none)';
  return problems.map((problem, i) => `  [${i}] ${describeProblem(problem)}`).join('\n');
}

function plural(count: number): string {
  return `${count} problem${count === 1 ? '' : 's'}`;
}

function excerpt(body: string): string {
  return JSON.stringify(body.length > 300 ? `${body.slice(0, 300)}…` : body);
}

/** The problems of a JSON:API or RFC 9457 document, and which format it is. */
function readProblems(response: ProblemResponse): {
  format: string;
  problems: ProblemSummary[];
} {
  const where = `(status ${response.status}, content-type ${response.headers?.['content-type'] ?? 'unknown'})`;
  if (response.status < 400) {
    throw new Error(
      `expectProblems: expected an error response, got status ${response.status} ${where}: ${excerpt(response.body)}`,
    );
  }
  let document: unknown;
  try {
    document = JSON.parse(response.body);
  } catch {
    throw new Error(
      `expectProblems: the response body is not JSON ${where}: ${excerpt(response.body)}`,
    );
  }
  const record = asRecord(document);
  const errors = record?.['errors'];
  if (record !== undefined && Array.isArray(errors)) {
    // RFC 9457 with several problems lists them under an `errors` extension, beside `status`.
    const rfc = typeof record['status'] === 'number' || typeof record['type'] === 'string';
    return {
      format: rfc ? 'RFC 9457 problem details' : 'JSON:API',
      problems: (errors as unknown[]).map(summarise),
    };
  }
  if (record !== undefined && (record['status'] !== undefined || record['title'] !== undefined)) {
    return { format: 'RFC 9457 problem details', problems: [summarise(record)] };
  }
  throw new Error(
    `expectProblems: the response is neither a JSON:API error document nor RFC 9457 problem details ${where}: ${excerpt(response.body)}`,
  );
}

/**
 * Checks that an error response (JSON:API `errors`, or RFC 9457 problem details with one problem
 * or several under `errors`) lists exactly the expected problems, in order. Only the fields
 * given for each expected problem are compared: `{ status: 422, pointer: '/name' }` matches
 * whatever its title, code and detail. Throws an `Error` listing expected and actual problems
 * and each difference otherwise.
 *
 * @param response - the response, e.g. from `invoke`
 * @param expected - the problems, in the order the response must list them
 * @returns every problem the response lists, with all its fields
 *
 * @example
 * ```ts
 * import { expectProblems, httpApiEvent, invoke } from 'gatefold/testing';
 * import { handler } from '../src/handler.js';
 *
 * const response = await invoke(handler, httpApiEvent({ method: 'POST', path: '/users', body: {} }));
 * expectProblems(response, [
 *   { status: 422, pointer: '/name' },
 *   { status: 422, code: 'required', pointer: '/email' },
 * ]);
 * ```
 */
export function expectProblems(
  response: ProblemResponse,
  expected: readonly ProblemSummary[],
): readonly ProblemSummary[] {
  const { format, problems } = readProblems(response);
  const differences: string[] = [];
  const count = Math.max(expected.length, problems.length);
  for (let i = 0; i < count; i += 1) {
    const want = expected[i];
    const got = problems[i];
    if (want === undefined) {
      differences.push(`  [${i}] unexpected: ${describeProblem(got ?? {})}`);
      continue;
    }
    if (got === undefined) {
      differences.push(`  [${i}] missing: ${describeProblem(want)}`);
      continue;
    }
    for (const field of FIELDS) {
      const value = want[field];
      if (value !== undefined && got[field] !== value) {
        differences.push(
          `  [${i}] ${field}: expected ${JSON.stringify(value)}, got ${got[field] === undefined ? 'none' : JSON.stringify(got[field])}`,
        );
      }
    }
  }
  if (differences.length > 0) {
    throw new Error(
      [
        `expectProblems: the response's problems differ from those expected.`,
        `Expected ${plural(expected.length)}:`,
        listProblems(expected),
        `Got ${plural(problems.length)} (${format}, status ${response.status}):`,
        listProblems(problems),
        'Differences:',
        ...differences,
      ].join('\n'),
    );
  }
  return problems;
}
