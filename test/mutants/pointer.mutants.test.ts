/**
 * `resolvePointer` (RFC 6901 §4), the internal reader of a pointer's value in a document: what
 * it finds, and every way it finds nothing.
 */
import { describe, expect, it } from 'vitest';
import { resolvePointer, toPointer } from '../../src/decode/pointer.js';

const document = {
  data: { attributes: { 'a/b': 1, 'm~n': 2, '~1': 3, empty: '', nothing: null } },
  items: ['first', { productId: 'p-1' }],
};

describe('resolvePointer', () => {
  it('resolves the empty pointer to the whole document', () => {
    expect(resolvePointer(document, '')).toStrictEqual({ found: true, value: document });
    expect(resolvePointer(undefined, '')).toStrictEqual({ found: true, value: undefined });
  });

  it.each([
    ['/data', document.data],
    ['/data/attributes/a~1b', 1],
    ['/data/attributes/m~0n', 2],
    // `~01` is `~1` (the `~0` is decoded last), never `/`.
    ['/data/attributes/~01', 3],
    ['/data/attributes/empty', ''],
    ['/data/attributes/nothing', null],
    ['/items/0', 'first'],
    ['/items/1/productId', 'p-1'],
  ])('resolves %j', (pointer, value) => {
    expect(resolvePointer(document, pointer)).toStrictEqual({ found: true, value });
  });

  it.each([
    '/missing',
    '/data/attributes/a/b',
    '/data/attributes/nothing/deeper',
    '/data/attributes/empty/length',
    '/items/2',
    '/data/toString',
    '/data/__proto__',
  ])('finds nothing at %j', (pointer) => {
    expect(resolvePointer(document, pointer)).toStrictEqual({ found: false, value: undefined });
  });

  it('finds nothing below a primitive or null document', () => {
    expect(resolvePointer(null, '/a')).toStrictEqual({ found: false, value: undefined });
    expect(resolvePointer('text', '/length')).toStrictEqual({ found: false, value: undefined });
  });

  it('resolves every pointer toPointer builds for the same path', () => {
    const path = ['data', 'attributes', 'a/b'];
    expect(resolvePointer(document, toPointer(path))).toStrictEqual({ found: true, value: 1 });
  });
});
