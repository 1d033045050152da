/**
 * The bounds on what a problem echoes of the request: text cut with an ellipsis (never inside a
 * surrogate pair), pointers cut back to an ancestor that exists, and issues left as they are when
 * they are within the bounds.
 */
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/index.js';
import {
  MAX_DETAIL_LENGTH,
  MAX_SOURCE_LENGTH,
  boundedIssue,
  boundedPointer,
  boundedText,
} from '../../src/decode/bounds.js';

describe('boundedText', () => {
  it.each([
    ['shorter than the bound', 'abc', 5, 'abc'],
    ['exactly the bound', 'abcde', 5, 'abcde'],
    ['one past the bound', 'abcdef', 5, 'abcd…'],
    // "😀" is a surrogate pair: cut before it rather than through it.
    ['a surrogate pair across the cut', 'abc😀ef', 5, 'abc…'],
    ['a surrogate pair before the cut', 'ab😀cdef', 5, 'ab😀…'],
  ])('%s', (_, text, max, expected) => {
    expect(boundedText(text, max)).toBe(expected);
    expect(boundedText(text, max).length).toBeLessThanOrEqual(max);
  });

  it('cuts details at 500 by default', () => {
    expect(boundedText('d'.repeat(501))).toBe(`${'d'.repeat(499)}…`);
    expect(MAX_DETAIL_LENGTH).toBe(500);
  });
});

describe('boundedPointer', () => {
  it.each([
    ['within the bound', '/data/a', 10, '/data/a'],
    ['exactly the bound', '/data/abcd', 10, '/data/abcd'],
    ['past it: the deepest ancestor that fits', '/data/abcde', 10, '/data'],
    ['an ancestor ending at the bound', '/data/abcd/e', 10, '/data/abcd'],
    ['a first token longer than the bound: the document', '/abcdefghijk/x', 10, ''],
    ['escaped tokens stay whole', '/a~1b/c~0d/efghij', 12, '/a~1b/c~0d'],
  ])('%s', (_, pointer, max, expected) => {
    expect(boundedPointer(pointer, max)).toBe(expected);
  });

  it('cuts sources at 256 by default', () => {
    expect(boundedPointer(`/a/${'b'.repeat(300)}`)).toBe('/a');
    expect(MAX_SOURCE_LENGTH).toBe(256);
  });
});

describe('boundedIssue', () => {
  it('returns an issue within the bounds as it is', () => {
    const issue: Issue = {
      code: 'c',
      title: 't',
      detail: 'd'.repeat(500),
      source: { pointer: `/${'p'.repeat(255)}` },
      meta: { cookie: 'n'.repeat(500), count: 3 },
    };
    expect(boundedIssue(issue)).toBe(issue);
  });

  it('cuts each member past its bound and keeps the rest', () => {
    const issue: Issue = {
      code: 'c',
      title: 't',
      detail: 'd'.repeat(501),
      source: { header: 'h'.repeat(257) },
      meta: { cookie: 'n'.repeat(501), count: 3 },
    };
    expect(boundedIssue(issue)).toEqual({
      code: 'c',
      title: 't',
      detail: `${'d'.repeat(499)}…`,
      source: { header: `${'h'.repeat(255)}…` },
      meta: { cookie: `${'n'.repeat(499)}…`, count: 3 },
    });
  });

  it('keeps a meta member named __proto__ a member', () => {
    const meta = JSON.parse(`{"__proto__": "${'x'.repeat(600)}"}`) as Record<string, unknown>;
    const bounded = boundedIssue({ code: 'c', title: 't', detail: 'd', meta });
    expect(Object.getOwnPropertyDescriptor(bounded.meta, '__proto__')?.value).toBe(
      `${'x'.repeat(499)}…`,
    );
  });
});
