/**
 * The copy helpers that replace `{ ...record, [key]: value }` on hot paths: the same members, in
 * the same order, and a member named `__proto__` kept as a member.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copiedMap, emptyMap, withEntry, withMember } from '../../src/_internals/fields.js';
import { err } from 'neverthrow';
import type { Issue } from '../../src/index.js';
import { field, methodNotAllowed } from '../../src/index.js';
import { inheritsNothing } from '../support/inherits-nothing.js';

const PROTO = '__proto__';

/** A record with a `__proto__` member, as a spread or JSON.parse makes one. */
function withProtoMember(value: string): Record<string, string> {
  return JSON.parse(`{"a":"1","__proto__":${JSON.stringify(value)}}`) as Record<string, string>;
}

describe('copiedMap and withEntry', () => {
  it('copy every member into a map that inherits nothing, the new one last', () => {
    const source = emptyMap<string[]>();
    source['content-type'] = ['application/json'];
    source['x-a'] = ['1'];
    const copy = withEntry(source, 'vary', ['origin']);
    expect(inheritsNothing(copy)).toBe(true);
    expect(Object.entries(copy)).toStrictEqual([
      ['content-type', ['application/json']],
      ['x-a', ['1']],
      ['vary', ['origin']],
    ]);
    expect(Object.keys(source)).toStrictEqual(['content-type', 'x-a']);
    expect(copiedMap(source)).not.toBe(source);
  });

  it('replace a member that is there, keeping its place', () => {
    expect(Object.entries(withEntry({ a: 1, b: 2 }, 'a', 3))).toStrictEqual([
      ['a', 3],
      ['b', 2],
    ]);
  });

  it('keep a member named __proto__ as a member', () => {
    const copy = withEntry(withProtoMember('x'), PROTO, 'y');
    expect(inheritsNothing(copy)).toBe(true);
    expect(Object.hasOwn(copy, PROTO)).toBe(true);
    expect(copy[PROTO]).toBe('y');
    expect(Object.hasOwn(copiedMap(withProtoMember('x')), PROTO)).toBe(true);
  });

  it('give what a spread gives, members and order, for any record', () => {
    const record = fc.dictionary(fc.constantFrom('a', 'b', PROTO, 'constructor', 'x-y'), fc.nat());
    fc.assert(
      fc.property(record, fc.constantFrom('a', 'z', PROTO), fc.nat(), (source, key, value) => {
        expect(Object.entries(withEntry(source, key, value))).toStrictEqual(
          Object.entries({ ...source, [key]: value }),
        );
      }),
    );
  });
});

describe('withMember', () => {
  it('makes a plain copy with the member set', () => {
    const copy = withMember<Record<string, string>>({ a: '1' }, 'b', '2');
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(copy).toStrictEqual({ a: '1', b: '2' });
  });

  it('keeps a member named __proto__ as a member, whether it was there or is added', () => {
    const kept = withMember(withProtoMember('x'), 'b', '2');
    expect(Object.getPrototypeOf(kept)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(kept, PROTO)?.value).toBe('x');
    const added = withMember<Record<string, string>>({ a: '1' }, PROTO, 'y');
    expect(Object.getPrototypeOf(added)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(added, PROTO)?.value).toBe('y');
  });

  it('gives what a spread gives, members and order, for any record', () => {
    const record = fc.dictionary(fc.constantFrom('a', 'b', PROTO, 'x-y'), fc.string());
    fc.assert(
      fc.property(record, fc.constantFrom('a', 'z', PROTO), fc.string(), (source, key, value) => {
        expect(Object.entries(withMember(source, key, value))).toStrictEqual(
          Object.entries({ ...source, [key]: value }),
        );
      }),
    );
  });

  it('leaves a problem’s own headers as they were given, with the constructor’s added', () => {
    const headers = { 'cache-control': 'no-store' };
    const answer = methodNotAllowed(['GET'], { headers });
    expect(answer.headers).toStrictEqual({ 'cache-control': 'no-store', allow: 'GET' });
    expect(headers).toStrictEqual({ 'cache-control': 'no-store' });
  });
});

describe('field, pointing an issue at its member', () => {
  it('adds the pointer to a copy, keeping a member named __proto__ as a member', () => {
    const issue = JSON.parse(
      '{"code":"odd","title":"Odd","__proto__":{"detail":"not mine"}}',
    ) as Issue;
    const validator = field(
      '/name',
      (value: { name: string }) => value.name,
      () => err([issue]),
    );
    const [pointed] = validator({ name: 'x' })._unsafeUnwrapErr();
    expect(Object.getPrototypeOf(pointed)).toBe(Object.prototype);
    expect(Object.keys(pointed ?? {})).toStrictEqual(['code', 'title', PROTO, 'source']);
    expect(pointed?.detail).toBeUndefined();
    expect(pointed?.source).toStrictEqual({ pointer: '/name' });
    expect(Object.keys(issue)).toStrictEqual(['code', 'title', PROTO]);
  });
});
