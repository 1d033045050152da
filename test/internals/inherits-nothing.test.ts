import { describe, expect, it } from 'vitest';
import { emptyMap } from '../../src/_internals/fields.js';
import { inheritsNothing } from '../support/inherits-nothing.js';

describe('inheritsNothing, the check the request-map tests rely on', () => {
  it('holds for maps made by emptyMap and for objects without a prototype', () => {
    expect(inheritsNothing(emptyMap())).toBe(true);
    expect(inheritsNothing(Object.create(null) as object)).toBe(true);
  });

  it('fails for plain objects, arrays and class instances', () => {
    expect(inheritsNothing({})).toBe(false);
    expect(inheritsNothing([])).toBe(false);
    expect(inheritsNothing(new Map())).toBe(false);
  });
});

describe('emptyMap', () => {
  it('reads inherited names as undefined and takes __proto__ as an ordinary key', () => {
    const map = emptyMap<string>();
    expect(map['constructor']).toBeUndefined();
    expect(Reflect.get(map, 'toString')).toBeUndefined();
    expect('hasOwnProperty' in map).toBe(false);
    map['__proto__'] = 'sent by a client';
    expect(Object.keys(map)).toEqual(['__proto__']);
    expect(map['__proto__']).toBe('sent by a client');
    expect(JSON.stringify(map)).toBe('{"__proto__":"sent by a client"}');
  });

  it('shares a prototype nobody can add members to', () => {
    const prototype = Object.getPrototypeOf(emptyMap()) as Record<string, unknown>;
    expect(Object.isFrozen(prototype)).toBe(true);
    expect(() => {
      'use strict';
      prototype['polluted'] = true;
    }).toThrow(TypeError);
    expect(emptyMap()['polluted']).toBeUndefined();
  });
});
