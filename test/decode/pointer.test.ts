/**
 * JSON Pointers (RFC 6901): escaping one reference token, building a pointer from a path, and
 * resolving what was built, with a resolver written here from the RFC.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapePointerToken, toPointer } from '../../src/index.js';

/** The reference tokens of a pointer (RFC 6901 §3–4): `~1` becomes `/`, then `~0` becomes `~`. */
function tokensOf(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`Not a JSON pointer: ${pointer}`);
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** What a pointer names in a document (RFC 6901 §4), or `{ found: false }`. */
function resolve(document: unknown, pointer: string): { found: boolean; value?: unknown } {
  let current = document;
  for (const token of tokensOf(pointer)) {
    if (Array.isArray(current)) {
      if (!/^(?:0|[1-9]\d*)$/.test(token) || Number(token) >= current.length) {
        return { found: false };
      }
      current = current[Number(token)];
    } else if (typeof current === 'object' && current !== null && Object.hasOwn(current, token)) {
      current = (current as Record<string, unknown>)[token];
    } else {
      return { found: false };
    }
  }
  return { found: true, value: current };
}

/** A document with `leaf` at the end of `path` (every step an object member). */
function nest(path: readonly string[], leaf: unknown): unknown {
  return path.reduceRight<unknown>((inner, key) => {
    const object: Record<string, unknown> = {};
    Object.defineProperty(object, key, { value: inner, enumerable: true, writable: true });
    return object;
  }, leaf);
}

describe('escapePointerToken', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a/b', 'a~1b'],
    ['m~n', 'm~0n'],
    ['~', '~0'],
    ['/', '~1'],
    ['~1', '~01'],
    ['~0', '~00'],
    ['~/', '~0~1'],
    ['/~', '~1~0'],
    ['//~~', '~1~1~0~0'],
    ['a b%c"d\\e', 'a b%c"d\\e'],
    ['0', '0'],
  ])('escapes %j as %j', (token, escaped) => {
    expect(escapePointerToken(token)).toBe(escaped);
  });

  it('gives the same answer on every call', () => {
    expect(['a/b/c', 'a/b/c', '~~', '~~'].map(escapePointerToken)).toEqual([
      'a~1b~1c',
      'a~1b~1c',
      '~0~0',
      '~0~0',
    ]);
  });
});

describe('toPointer', () => {
  it.each([
    [[], ''],
    [[''], '/'],
    [['', ''], '//'],
    [['a', '', 'b'], '/a//b'],
    [['data', 'attributes', 'first-name'], '/data/attributes/first-name'],
    [['data', 'attributes', 'a/b'], '/data/attributes/a~1b'],
    [['items', '0', 'tags', '12'], '/items/0/tags/12'],
    [['~1'], '/~01'],
    [['m~n', 'a/b', '~/'], '/m~0n/a~1b/~0~1'],
  ])('turns %j into %j', (path, pointer) => {
    expect(toPointer(path)).toBe(pointer);
  });

  it('names the whole document with the empty pointer', () => {
    const document = { a: 1 };
    expect(resolve(document, toPointer([]))).toEqual({ found: true, value: document });
  });

  it('names an array element by its index', () => {
    expect(resolve({ items: ['a', 'b'] }, toPointer(['items', '1']))).toEqual({
      found: true,
      value: 'b',
    });
  });

  it.each([
    [['a/b'], { 'a/b': 1, a: { b: 2 } }, 1],
    [['a~1b'], { 'a~1b': 1, 'a/b': 2 }, 1],
    [['m~n'], { 'm~n': 1, 'm~0n': 2 }, 1],
    [[''], { '': 1 }, 1],
    [['', ''], { '': { '': 2 } }, 2],
  ])('builds for %j a pointer that names that member and no other', (path, document, value) => {
    expect(resolve(document, toPointer(path))).toEqual({ found: true, value });
  });

  it('builds pointers that parse back to their path and resolve to the leaf', () => {
    const token = fc.oneof(
      fc.string({ unit: fc.constantFrom('~', '/', '0', '1', 'a'), maxLength: 6 }),
      fc.string({ maxLength: 6 }),
      fc.constantFrom('__proto__', 'constructor', ''),
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 6 }), (path) => {
        const pointer = toPointer(path);
        expect(tokensOf(pointer)).toEqual(path);
        expect(resolve(nest(path, 'leaf'), pointer)).toEqual({ found: true, value: 'leaf' });
      }),
    );
  });
});
