import type { Err, Result } from 'neverthrow';
import { err, ok } from 'neverthrow';
import type { Problem } from '../problem.js';
import type { HttpRequest } from '../request.js';
import { badRequest, payloadTooLarge, unsupportedMediaType } from '../problem.js';
import { isWellFormedUtf8, sizeExceeds } from '../_internals/body.js';
import { findJsonSyntaxError } from './json-syntax.js';
import { escapePointerToken } from './pointer.js';
import type { ProblemList } from './problem-list.js';
import { DEFAULT_MAX_PROBLEMS, problemList } from './problem-list.js';
import { MAX_SOURCE_LENGTH, boundedPointer, boundedText } from './bounds.js';

/** Limits on JSON bodies. */
export interface BodyLimits {
  /** Largest body accepted, in bytes; larger ones get 413 before parsing. */
  readonly maxBytes: number;
  /** Deepest nesting of arrays and objects accepted; deeper documents get 400 before parsing. */
  readonly maxDepth: number;
}

/** 1 MiB and 64 levels. */
export const DEFAULT_BODY_LIMITS: BodyLimits = { maxBytes: 1024 * 1024, maxDepth: 64 };

// Keys that reach prototypes when a decoded value is later merged or assigned into an object.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
// A forbidden key as written, or any \u escape (which could spell one): one scan for both.
const FORBIDDEN_TEXT = /"(?:__proto__|constructor|prototype)"|\\u/;

/** What reading a body gave: the parsed value (or `undefined` for no body), or a problem. */
export type BodyReading = Result<unknown, Problem>;

/**
 * True for `application/json` and any `+json` media type (RFC 6839 §3.1), parameters ignored.
 */
export function isJsonMediaType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const semicolon = contentType.indexOf(';');
  const type = (semicolon === -1 ? contentType : contentType.slice(0, semicolon))
    .trim()
    .toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/** Whether `text` has more than `limit` opening brackets, found with `indexOf`; stops past it. */
function bracketsExceed(text: string, limit: number): boolean {
  let count = 0;
  for (const bracket of ['{', '[']) {
    for (let at = text.indexOf(bracket); at !== -1; at = text.indexOf(bracket, at + 1)) {
      if (++count > limit) return true;
    }
  }
  return false;
}

/** Deepest nesting of a JSON text, counted without parsing; stops counting past `limit`. */
function depthExceeds(text: string, limit: number): boolean {
  // Nesting cannot exceed the number of opening brackets: most bodies have far fewer than the
  // limit, and counting them is much cheaper than following strings character by character.
  if (!bracketsExceed(text, limit)) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function syntaxProblem(text: string): Problem {
  const error = findJsonSyntaxError(text);
  if (error === undefined) {
    // JSON.parse refused what the scanner accepts (an engine limit): no position to give.
    return badRequest({
      code: 'invalid-json',
      title: 'Malformed JSON',
      detail: 'The body could not be parsed as JSON.',
      source: { pointer: '' },
    });
  }
  const { line, column } = lineAndColumn(text, error.offset);
  return badRequest({
    code: 'invalid-json',
    title: 'Malformed JSON',
    detail: `The body is not valid JSON: ${error.reason} at line ${String(line)}, column ${String(column)} (offset ${String(error.offset)}).`,
    source: { pointer: '' },
    meta: { line, column, offset: error.offset },
  });
}

/** A container still to visit, or a forbidden member found: its parent's pointer and its key. */
interface Step {
  readonly value: unknown;
  /** `undefined` for the document itself, whose pointer is `""`. */
  readonly parent: string | undefined;
  readonly key: string;
  /** True for a forbidden member: reported, never entered. */
  readonly forbidden: boolean;
}

/**
 * The forbidden keys of a parsed document in document order: the pointers of the first `max`,
 * and how many there are in all. Iterative, so depth is no risk; a pointer is built only for a
 * container entered or a member reported, and none past `max`, so 60,000 `{"__proto__":0}`
 * items cost one walk and a hundred pointers.
 */
function forbiddenKeys(document: unknown, max: number): { pointers: string[]; total: number } {
  const pointers: string[] = [];
  let total = 0;
  const stack: Step[] = [{ value: document, parent: undefined, key: '', forbidden: false }];
  for (let step = stack.pop(); step !== undefined; step = stack.pop()) {
    const { parent, key: name } = step;
    const pointer = (): string =>
      parent === undefined ? '' : `${parent}/${escapePointerToken(name)}`;
    if (step.forbidden) {
      if (total < max) pointers.push(pointer());
      total++;
      continue;
    }
    const here = pointer();
    const value = step.value;
    // Children are pushed last first, so that they are visited in document order.
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        const item: unknown = value[i];
        if (typeof item === 'object' && item !== null) {
          stack.push({ value: item, parent: here, key: String(i), forbidden: false });
        }
      }
    } else if (typeof value === 'object' && value !== null) {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        if (FORBIDDEN_KEYS.has(key)) {
          stack.push({ value: undefined, parent: here, key, forbidden: true });
          continue;
        }
        const child = (value as Record<string, unknown>)[key];
        if (typeof child === 'object' && child !== null) {
          stack.push({ value: child, parent: here, key, forbidden: false });
        }
      }
    }
  }
  // The first found, listed in pointer order.
  return { pointers: pointers.sort(), total };
}

/**
 * Reads a JSON body: refuses other media types (415), oversized bodies (413), bytes that are not
 * UTF-8 and documents nested deeper than the limit (400) before parsing; reports malformed JSON
 * with its line, column and offset (400); refuses `__proto__`, `constructor` and `prototype`
 * members at any depth (400, one problem each, as many as `found` has room for and the rest
 * counted), so no decoded value can carry them into a later merge. A refusal's problems join
 * those `found` already holds, and the error is the whole list.
 */
export function readJsonBody(
  request: HttpRequest,
  limits: BodyLimits,
  found: ProblemList = problemList(DEFAULT_MAX_PROBLEMS, 400),
): Result<unknown, readonly Problem[]> {
  const refused = (problem: Problem): Err<never, readonly Problem[]> => {
    found.add(problem);
    return err(found.problems());
  };
  const body = request.body;
  if (body === undefined) return ok(undefined);
  // Every value: a Content-Type sent twice is one field with a list value (RFC 9110 §5.3), as HTTP
  // APIs deliver it, so the answer is the same for every event kind.
  const contentTypes = request.headers['content-type'];
  const contentType = contentTypes?.length === 1 ? contentTypes[0] : contentTypes?.join(', ');
  if (!isJsonMediaType(contentType)) {
    return refused(
      unsupportedMediaType({
        code: 'unsupported-media-type',
        detail:
          contentType === undefined
            ? 'The body has no Content-Type; send application/json.'
            : `The body is ${boundedText(contentType, MAX_SOURCE_LENGTH)}; send application/json or another +json type.`,
        source: { header: 'content-type' },
      }),
    );
  }
  if (sizeExceeds(body, limits.maxBytes)) {
    return refused(
      payloadTooLarge({
        code: 'body-too-large',
        detail: `The body is ${String(body.size)} bytes; the limit is ${String(limits.maxBytes)}.`,
        meta: { limit: limits.maxBytes },
      }),
    );
  }
  if (!isWellFormedUtf8(body)) {
    return refused(
      badRequest({
        code: 'invalid-json',
        title: 'Malformed JSON',
        detail: 'The body is not valid UTF-8, which JSON requires (RFC 8259 §8.1).',
        source: { pointer: '' },
      }),
    );
  }
  const text = body.text;
  if (text.length > limits.maxDepth * 2 && depthExceeds(text, limits.maxDepth)) {
    return refused(
      badRequest({
        code: 'too-deep',
        title: 'JSON nested too deeply',
        detail: `The body nests arrays and objects deeper than ${String(limits.maxDepth)} levels.`,
        source: { pointer: '' },
      }),
    );
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return refused(syntaxProblem(text));
  }
  // A key may be spelt with escapes ("\u005f_proto__"), so any escape means walking the document.
  if (FORBIDDEN_TEXT.test(text)) {
    const { pointers, total } = forbiddenKeys(document, found.room);
    if (total > 0) {
      for (const pointer of pointers) {
        found.add(
          badRequest({
            code: 'forbidden-member',
            title: 'Forbidden member name',
            detail: `Members named __proto__, constructor or prototype are not accepted.`,
            source: { pointer: boundedPointer(pointer) },
          }),
        );
      }
      found.omit(total - pointers.length);
      return err(found.problems());
    }
  }
  return ok(document);
}
