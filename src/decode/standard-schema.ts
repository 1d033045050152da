import type { Issue } from './issue.js';
import type { RequestPart } from './report.js';
import type {
  StandardIssue,
  StandardJsonSchemaProps,
  StandardSchemaV1,
} from './standard-schema-spec.js';
import { receivedOf } from './describe.js';
import {
  requiredIssue,
  severalValuesIssue,
  sourceOf,
  withCookieNamed,
  withoutSecret,
} from './report.js';

/**
 * Whether `value` is a Standard Schema (version 1): an object, or a function as arktype's types
 * are, with `~standard.validate`. io-ts codecs do not implement the interface, so the two never
 * overlap.
 */
export function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  const props = (value as { readonly '~standard'?: unknown })['~standard'];
  return (
    typeof props === 'object' &&
    props !== null &&
    (props as { readonly version?: unknown }).version === 1 &&
    typeof (props as { readonly validate?: unknown }).validate === 'function'
  );
}

/** The Standard JSON Schema functions a schema offers, if it offers them. */
export function jsonSchemaPropsOf(schema: StandardSchemaV1): StandardJsonSchemaProps | undefined {
  const props = (schema['~standard'] as { readonly jsonSchema?: unknown }).jsonSchema;
  return typeof props === 'object' &&
    props !== null &&
    typeof (props as { readonly input?: unknown }).input === 'function'
    ? (props as StandardJsonSchemaProps)
    : undefined;
}

/**
 * The members of a text part's schema that take a list (a repeated query key), read from the JSON
 * Schema the schema describes itself with; none when it cannot (each member then gets one value,
 * or the list when the key is repeated).
 */
export function listMembersOf(schema: StandardSchemaV1): ReadonlySet<string> {
  const props = jsonSchemaPropsOf(schema);
  if (props === undefined) return NO_MEMBERS;
  let described: Record<string, unknown>;
  try {
    described = props.input({ target: 'draft-2020-12' });
  } catch {
    // A schema that cannot be described (a transform, a custom check) is validated all the same.
    return NO_MEMBERS;
  }
  const properties = described['properties'];
  if (typeof properties !== 'object' || properties === null) return NO_MEMBERS;
  const lists = new Set<string>();
  for (const [name, member] of Object.entries(properties as Record<string, unknown>)) {
    if (typeof member === 'object' && member !== null) {
      if ((member as { readonly type?: unknown }).type === 'array') lists.add(name);
    }
  }
  return lists;
}

const NO_MEMBERS: ReadonlySet<string> = new Set();

/** A Standard Schema issue's path as keys (a symbol as its description). */
function pathOf(issue: StandardIssue): string[] {
  const path: string[] = [];
  for (const segment of issue.path ?? []) {
    // Typed as keys or segments; read defensively, as a library's output.
    const key: unknown =
      typeof segment === 'object' ? (segment as { readonly key?: unknown } | null)?.key : segment;
    path.push(typeof key === 'symbol' ? (key.description ?? '') : String(key));
  }
  return path;
}

/** The value at `path` in `root`, and whether its last member is absent from its parent. */
function lookUp(root: unknown, path: readonly string[]): { value: unknown; absent: boolean } {
  let parent: unknown = root;
  for (let index = 0; index < path.length - 1; index++) {
    if (typeof parent !== 'object' || parent === null) return { value: undefined, absent: false };
    parent = (parent as Record<string, unknown>)[path[index] as string];
  }
  const key = path[path.length - 1];
  if (key === undefined) return { value: root, absent: false };
  if (Array.isArray(parent)) {
    const index = Number(key);
    return { value: parent[index], absent: Number.isInteger(index) && index >= parent.length };
  }
  if (typeof parent === 'object' && parent !== null) {
    return {
      value: (parent as Record<string, unknown>)[key],
      absent: !Object.hasOwn(parent, key),
    };
  }
  return { value: undefined, absent: false };
}

interface Classified {
  readonly code: string;
  readonly title: string;
}

const TITLES: Readonly<Record<string, string>> = {
  'invalid-type': 'Invalid type',
  'invalid-value': 'Invalid value',
  'invalid-format': 'Invalid format',
  'invalid-email': 'Invalid email address',
  'too-short': 'Value is too short',
  'too-long': 'Value is too long',
  'too-small': 'Value is too small',
  'too-large': 'Value is too large',
  'unknown-member': 'Unknown member',
};

// gatefold's code for each library's: zod 4's issue `code` (https://zod.dev/error-customization),
// valibot 1's issue `type` (https://valibot.dev/guides/issues/), arktype 2's error `code`
// (https://arktype.io/docs/configuration#errors). Names the libraries share mean the same.
const CODES: Readonly<Record<string, string>> = {
  // zod
  invalid_type: 'invalid-type',
  invalid_union: 'invalid-type',
  invalid_key: 'invalid-type',
  invalid_element: 'invalid-type',
  invalid_format: 'invalid-format',
  unrecognized_keys: 'unknown-member',
  // valibot (validation actions; schema issues are told by their kind)
  min_length: 'too-short',
  non_empty: 'too-short',
  max_length: 'too-long',
  min_value: 'too-small',
  gt_value: 'too-small',
  max_value: 'too-large',
  lt_value: 'too-large',
  email: 'invalid-email',
  rfc_email: 'invalid-email',
  integer: 'invalid-type',
  regex: 'invalid-format',
  url: 'invalid-format',
  uuid: 'invalid-format',
  iso_date: 'invalid-format',
  iso_date_time: 'invalid-format',
  iso_timestamp: 'invalid-format',
  // arktype
  domain: 'invalid-type',
  proto: 'invalid-type',
  unit: 'invalid-value',
  minLength: 'too-short',
  maxLength: 'too-long',
  min: 'too-small',
  after: 'too-small',
  max: 'too-large',
  before: 'too-large',
  pattern: 'invalid-format',
};

const SIZED_ORIGINS = new Set(['string', 'array', 'set', 'file']);

/** gatefold's code for an issue of the library `vendor`, when one means the same. */
function codeOf(vendor: string, issue: Readonly<Record<string, unknown>>): string | undefined {
  const code = issue['code'];
  switch (vendor) {
    case 'gatefold':
      // toStandardSchema's issues carry gatefold's own code.
      return typeof code === 'string' ? code : undefined;
    case 'zod':
      // Sizes of strings and lists are lengths; of numbers and dates, magnitudes.
      if (code === 'too_small' || code === 'too_big') {
        const sized = SIZED_ORIGINS.has(String(issue['origin']));
        return code === 'too_small'
          ? sized
            ? 'too-short'
            : 'too-small'
          : sized
            ? 'too-long'
            : 'too-large';
      }
      if (code === 'invalid_format' && issue['format'] === 'email') return 'invalid-email';
      return CODES[String(code)];
    case 'valibot': {
      const type = String(issue['type']);
      if (issue['kind'] !== 'schema') return CODES[type];
      return ['literal', 'picklist', 'enum'].includes(type) ? 'invalid-value' : 'invalid-type';
    }
    case 'arktype': {
      if (code !== 'union') return CODES[String(code)];
      // A union of literals (`'a' | 'b'`), each branch refusing a unit, is a wrong value.
      const branches = issue['errors'];
      return Array.isArray(branches) &&
        branches.length > 0 &&
        branches.every((branch) => (branch as { readonly code?: unknown }).code === 'unit')
        ? 'invalid-value'
        : 'invalid-type';
    }
    default:
      return undefined;
  }
}

/** The code and title of an issue: the library's mapped, or `invalid-value`. */
function classify(vendor: string, issue: Readonly<Record<string, unknown>>): Classified {
  const code = codeOf(vendor, issue) ?? 'invalid-value';
  const title =
    vendor === 'gatefold' && typeof issue['title'] === 'string'
      ? issue['title']
      : (TITLES[code] ?? 'Invalid value');
  return { code, title };
}

/** The issue a Standard Schema issue becomes, for a part, given the value the part had. */
function toIssue(part: RequestPart, vendor: string, issue: StandardIssue, input: unknown): Issue[] {
  const path = pathOf(issue);
  const { value, absent } = lookUp(input, path);
  let found: Issue[];
  if (absent && value === undefined && path.length > 0) {
    found = [requiredIssue(part, path)];
  } else if (part !== 'body' && path.length === 1 && Array.isArray(value)) {
    found = [severalValuesIssue(part, path, value.length, receivedOf(value))];
  } else {
    const details = issue as unknown as Readonly<Record<string, unknown>>;
    const classified = classify(vendor, details);
    const keys = details['keys'];
    if (classified.code === 'unknown-member' && Array.isArray(keys)) {
      // zod reports the unknown members of an object as one issue on the object: one each here.
      found = keys.map((key) => ({
        code: classified.code,
        title: classified.title,
        detail: issue.message,
        source: sourceOf(part, [...path, String(key)]),
      }));
    } else {
      found = [
        {
          code: classified.code,
          title: classified.title,
          detail: issue.message,
          source: sourceOf(part, path),
        },
      ];
    }
  }
  return found.map((one) =>
    withoutSecret(part, part === 'cookies' ? withCookieNamed(one, path[0]) : one),
  );
}

/**
 * @internal A Standard Schema's issues as gatefold's: each path turned into the part's source
 * (JSON pointer, parameter, header, cookie), a member absent from the input `required` whatever
 * the library, the codes of zod, valibot and arktype mapped where they mean the same as
 * gatefold's (`invalid-type`, `too-short`, `invalid-email` …), `invalid-value` otherwise, and the
 * library's own message as the detail. At most `max` kept; the rest counted.
 */
export function standardIssues(
  part: RequestPart,
  vendor: string,
  issues: readonly StandardIssue[],
  input: unknown,
  max: number,
): { readonly issues: Issue[]; readonly omitted: number } {
  const out: Issue[] = [];
  const seen = new Set<string>();
  let omitted = 0;
  for (const issue of issues) {
    for (const one of toIssue(part, vendor, issue, input)) {
      // Libraries may report one absent member twice (its type and a refinement of it).
      const key = `${one.code}\u0000${JSON.stringify(one.source)}`;
      if (one.code === 'required' && seen.has(key)) continue;
      seen.add(key);
      if (out.length < max) out.push(one);
      else omitted++;
    }
  }
  return { issues: out, omitted };
}
