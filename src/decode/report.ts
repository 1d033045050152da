import type * as t from 'io-ts';
import type { ProblemSource } from '../problem.js';
import type { Issue } from './issue.js';
import type { AnyCodec, TestingCodec } from './describe.js';
import { expectedOf, factsOf, receivedOf } from './describe.js';
import { issueFrom } from './issue.js';
import { toPointer } from './pointer.js';
import { withMember } from '../_internals/fields.js';

/** The request part a codec decoded; it decides what kind of source an issue names. */
export type RequestPart = 'params' | 'query' | 'headers' | 'cookies' | 'body';

interface Tagged {
  readonly _tag?: string;
  readonly type?: TestingCodec;
}

const tagOf = (codec: AnyCodec): string | undefined => (codec as unknown as Tagged)._tag;

// Context entries under these hold a branch index, not a key of the value: a pointer skips them.
const BRANCHING = new Set(['UnionType', 'IntersectionType']);

const PART_NAMES: Readonly<Record<Exclude<RequestPart, 'body'>, string>> = {
  params: 'path parameter',
  query: 'query parameter',
  headers: 'header',
  cookies: 'cookie',
};

/** @internal Where an issue at `path` of a part lies: a JSON pointer, a parameter, a header. */
export function sourceOf(part: RequestPart, path: readonly string[]): ProblemSource {
  const first = path[0] ?? '';
  switch (part) {
    case 'body':
      return { pointer: toPointer(path) };
    case 'params':
    case 'query':
      return { parameter: first };
    case 'headers':
      return { header: first };
    case 'cookies':
      return { header: 'cookie' };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keys from the root to `end` (exclusive), without union and intersection branch indexes. */
function pathTo(context: t.Context, end: number): string[] {
  const path: string[] = [];
  for (let i = 1; i < end; i++) {
    const parent = context[i - 1];
    const entry = context[i];
    if (parent === undefined || entry === undefined) continue;
    if (!BRANCHING.has(tagOf(parent.type) ?? '')) path.push(entry.key);
  }
  return path;
}

function invalid(
  code: string,
  title: string,
  detail: string,
  source: ProblemSource,
  meta?: Readonly<Record<string, unknown>>,
): Issue {
  return meta === undefined
    ? { code, title, detail, source }
    : { code, title, detail, source, meta };
}

/** True when `key` names nothing in `container`: a missing member or a missing tuple element. */
function isAbsent(container: unknown, key: string): boolean {
  if (isObject(container)) return !Object.hasOwn(container, key);
  return Array.isArray(container) && Number(key) >= container.length;
}

/**
 * @internal The issue for a member that is not there at all, at `path` (which ends with its
 * name). In a body it is reported on its parent, which exists (JSON:API requires the pointer to
 * name something in the document), with the member named in the detail.
 */
export function requiredIssue(part: RequestPart, path: readonly string[]): Issue {
  const name = path[path.length - 1] ?? '';
  if (part === 'body') {
    return invalid(
      'required',
      'Required member missing',
      `The member "${name}" is required.`,
      sourceOf(part, path.slice(0, -1)),
    );
  }
  const kind = PART_NAMES[part];
  return invalid(
    'required',
    `Required ${kind} missing`,
    `The ${kind} "${name}" is required.`,
    sourceOf(part, path),
    part === 'cookies' ? { cookie: name } : undefined,
  );
}

/** @internal The issue for a repeated query key or header given to a member that takes one value. */
export function severalValuesIssue(
  part: RequestPart,
  path: readonly string[],
  count: number,
  received: string,
): Issue {
  return invalid(
    'invalid-type',
    'Several values',
    `Expected one value, received ${String(count)}: ${received}.`,
    sourceOf(part, path),
  );
}

function leafIssue(part: RequestPart, error: t.ValidationError): Issue {
  const { context, value } = error;
  const last = context.length - 1;
  const leaf = context[last];
  const parent = context[last - 1];
  const path = pathTo(context, context.length);
  const source = sourceOf(part, path);

  // A member that is not there at all: report it on its parent, which exists (JSON:API requires
  // the pointer to name something in the document), and name the member in the detail.
  if (value === undefined && leaf !== undefined && isAbsent(parent?.actual, leaf.key)) {
    return requiredIssue(part, path);
  }

  // A repeated query key or header for a member that takes one value.
  if (part !== 'body' && path.length === 1 && Array.isArray(value)) {
    return severalValuesIssue(part, path, value.length, receivedOf(value));
  }

  if (error.message !== undefined) {
    return invalid('invalid-value', 'Invalid value', error.message, source);
  }
  const codec = leaf?.type;
  if (codec === undefined) {
    return invalid('invalid-value', 'Invalid value', `Received ${receivedOf(value)}.`, source);
  }
  return codecIssue(codec, value, source);
}

/**
 * The issue for a value a codec refused. Under a refinement, a value its base codec refuses is
 * reported as the base codec's own failure (`min(IntFromString, 1)` given `"0x10"` is the
 * integer's `invalid-format`, not the minimum's issue), recursively.
 */
function codecIssue(codec: AnyCodec, value: unknown, source: ProblemSource): Issue {
  const received = receivedOf(value);
  const facts = factsOf(codec);
  if (facts !== undefined) {
    if (facts.base !== undefined && !facts.base.is(value))
      return codecIssue(facts.base, value, source);
    const fallback =
      facts.expected === undefined
        ? `${facts.issue?.title ?? 'Invalid value'}: received ${received}.`
        : `Expected ${facts.expected}, received ${received}.`;
    if (facts.issue !== undefined) return issueFrom(facts.issue, value, fallback, source);
    return invalid('invalid-value', 'Invalid value', fallback, source);
  }
  const tag = tagOf(codec);
  if (tag === 'RefinementType') {
    const base = (codec as unknown as Tagged).type;
    if (base !== undefined && !base.is(value)) return codecIssue(base, value, source);
    return invalid(
      'invalid-value',
      'Invalid value',
      `Expected ${expectedOf(codec)}, received ${received}.`,
      source,
    );
  }
  if (tag === 'LiteralType' || tag === 'KeyofType') {
    return invalid(
      'invalid-value',
      'Invalid value',
      `Expected ${expectedOf(codec)}, received ${received}.`,
      source,
    );
  }
  return invalid(
    'invalid-type',
    'Invalid type',
    `Expected ${expectedOf(codec)}, received ${received}.`,
    source,
  );
}

function unionIssue(part: RequestPart, context: t.Context, at: number): Issue {
  const entry = context[at];
  const codec = entry?.type;
  const expected = codec === undefined ? 'another value' : expectedOf(codec);
  const literals = expected.startsWith('one of ') || expected.startsWith('"');
  return invalid(
    literals ? 'invalid-value' : 'invalid-type',
    literals ? 'Invalid value' : 'Invalid type',
    `Expected ${expected}, received ${receivedOf(entry?.actual)}.`,
    sourceOf(part, pathTo(context, at + 1)),
  );
}

/** A cookie's problems all point at the `Cookie` header; `meta.cookie` says which cookie. */
function withCookieName(issue: Issue, context: t.Context): Issue {
  return withCookieNamed(issue, pathTo(context, context.length)[0]);
}

// Headers that carry credentials by name or by convention; every cookie is taken to (a session).
const SECRET_HEADER =
  /^(?:authorization|proxy-authorization|cookie|x-api-key|x-amz-security-token)$|token|secret|password|api-?key|session/i;

/**
 * @internal `issue` without the value it quotes, when that value may be a credential: a cookie,
 * or a header such as `authorization`. The client sent it, but problem details are logged and
 * may be shown; the code, title and source still say what is wrong and where.
 */
export function withoutSecret(part: RequestPart, issue: Issue): Issue {
  if (issue.code === 'required') return issue;
  const source = issue.source;
  if (part === 'cookies') {
    // `meta.cookie` names the cookie.
    return { ...issue, detail: 'The cookie is not valid; its value is not repeated here.' };
  }
  if (part === 'headers' && source !== undefined && 'header' in source) {
    if (!SECRET_HEADER.test(source.header)) return issue;
    return {
      ...issue,
      detail: `The header "${source.header}" is not valid; its value is not repeated here.`,
    };
  }
  return issue;
}

/** @internal `issue` with `meta.cookie` set to `name`, unless it names one already. */
export function withCookieNamed(issue: Issue, name: string | undefined): Issue {
  if (name === undefined || issue.meta?.['cookie'] !== undefined) return issue;
  return withMember(issue, 'meta', withMember(issue.meta ?? {}, 'cookie', name));
}

/**
 * Turns io-ts validation errors into issues, one per problem and never one per union branch: a
 * failed union is a single issue at the union, saying what it expected.
 */
export function reportErrors(part: RequestPart, errors: t.Errors): Issue[] {
  return reportSome(part, errors, Infinity).issues;
}

/** Where an error lies in its codec: the first union on its way, and whether an intersection is. */
interface Placed {
  readonly context: t.Context;
  readonly unionAt: number;
  readonly intersected: boolean;
}

function place(context: t.Context): Placed {
  let unionAt = -1;
  let intersected = false;
  for (let i = 0; i < context.length; i++) {
    const tag = tagOf((context[i] as t.ContextEntry).type);
    if (tag === 'UnionType' && unionAt === -1) unionAt = i;
    else if (tag === 'IntersectionType') intersected = true;
  }
  return { context, unionAt, intersected };
}

/**
 * Whether two errors fall under the same union: io-ts reports a union's branches one after
 * another, and they make one issue.
 */
function sameUnion(a: Placed | undefined, b: Placed): boolean {
  if (a === undefined || b.unionAt === -1 || a.unionAt !== b.unionAt) return false;
  for (let i = 0; i <= b.unionAt; i++) {
    const x = a.context[i];
    const y = b.context[i];
    if (x === undefined || y === undefined || x.key !== y.key || x.type !== y.type) return false;
  }
  return true;
}

/**
 * What an error under an intersection is reported as, told cheaply: a missing member by its path
 * (whichever codec wanted it), any other failure by its path and what the refusing codec — the
 * union, for an error under one — expected. Each branch of an intersection reports its own
 * errors, so two of them may be one issue.
 */
function intersectedKey(placed: Placed, value: unknown): string {
  const { context, unionAt } = placed;
  const end = unionAt === -1 ? context.length : unionAt + 1;
  const refused = context[end - 1];
  const path = toPointer(pathTo(context, end));
  if (
    (unionAt !== -1 || value === undefined) &&
    isAbsent(context[end - 2]?.actual, refused?.key ?? '')
  ) {
    return `\u0000${path}`;
  }
  return `${refused === undefined ? '' : expectedOf(refused.type)}\u0000${path}`;
}

/**
 * @internal {@link reportErrors} for the first `max` issues, and how many more there are. A
 * client decides how many errors there are (one per item of a long array), so past `max` no
 * issue is built: the branches of one union, which io-ts reports one after another, count once;
 * errors under an intersection, whose branches each report their own, count once per path and
 * codec; any other error is an issue of its own. A body with 200,000 wrong items costs one walk
 * over its errors, not 200,000 issues.
 */
export function reportSome(
  part: RequestPart,
  errors: t.Errors,
  max: number,
): { readonly issues: Issue[]; readonly omitted: number } {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  const intersectedSeen = new Set<string>();
  let previous: Placed | undefined;
  let omitted = 0;
  for (const error of errors) {
    const placed = place(error.context);
    // Another branch of the union the previous error failed: the same issue.
    const again = sameUnion(previous, placed);
    previous = placed;
    if (again) continue;
    // Kept only when there is a bound to count past.
    if (placed.intersected && max !== Infinity) {
      const key = intersectedKey(placed, error.value);
      if (issues.length >= max && intersectedSeen.has(key)) continue;
      intersectedSeen.add(key);
    }
    if (issues.length >= max) {
      omitted++;
      continue;
    }
    const { unionAt } = placed;
    const found =
      unionAt === -1
        ? leafIssue(part, error)
        : isAbsent(error.context[unionAt - 1]?.actual, error.context[unionAt]?.key ?? '')
          ? // A union member that is missing altogether is `required`, like any other member.
            leafIssue(part, { value: undefined, context: error.context.slice(0, unionAt + 1) })
          : unionIssue(part, error.context, unionAt);
    const issue = withoutSecret(
      part,
      part === 'cookies' ? withCookieName(found, error.context) : found,
    );
    const key = `${issue.code}\u0000${JSON.stringify(issue.source)}\u0000${issue.detail}\u0000${issue.meta === undefined ? '' : JSON.stringify(issue.meta)}`;
    if (!seen.has(key)) {
      seen.add(key);
      issues.push(issue);
    }
  }
  return { issues, omitted };
}

/**
 * @internal Each issue {@link reportErrors} gives for a body, with the path to what it is about:
 * the member itself for a missing one (whose issue points at its parent), the union for a failed
 * union; the first `max` only. For `toStandardSchema`, whose issues carry paths rather than
 * pointers.
 */
export function reportWithPaths(
  errors: t.Errors,
  max: number,
): { readonly issue: Issue; readonly path: string[] }[] {
  const out: { issue: Issue; path: string[] }[] = [];
  const seen = new Set<string>();
  let previous: Placed | undefined;
  for (const error of errors) {
    // A client decides how many errors a value has: past `max`, none is built.
    if (out.length >= max) break;
    const placed = place(error.context);
    const again = sameUnion(previous, placed);
    previous = placed;
    if (again) continue;
    const { unionAt, context } = placed;
    const inUnion = unionAt !== -1;
    const missingUnion =
      inUnion && isAbsent(context[unionAt - 1]?.actual, context[unionAt]?.key ?? '');
    const issue = !inUnion
      ? leafIssue('body', error)
      : missingUnion
        ? leafIssue('body', { value: undefined, context: context.slice(0, unionAt + 1) })
        : unionIssue('body', context, unionAt);
    const path = pathTo(context, inUnion ? unionAt + 1 : context.length);
    const key = `${issue.code}\u0000${path.join('\u0000')}\u0000${issue.detail}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ issue, path });
    }
  }
  return out;
}
