import type { AnyCodec } from './describe.js';
import { factsOf } from './describe.js';
import { toPointer } from './pointer.js';

/**
 * Looking inside io-ts codecs, by their `_tag`: which members an object codec declares, whether
 * a member is an array, and which members of a document no codec declares.
 */

interface Inspectable {
  readonly _tag?: string;
  readonly props?: Readonly<Record<string, AnyCodec>>;
  readonly type?: AnyCodec;
  readonly types?: readonly AnyCodec[];
  readonly codomain?: AnyCodec;
  decode?(value: unknown): { readonly _tag: 'Left' | 'Right' };
}

const inspect = (codec: AnyCodec): Inspectable => codec as unknown as Inspectable;

/** The codec under a wrapper (readonly, refinement, recursion, exact, gatefold's `refine`). */
function unwrap(codec: AnyCodec): AnyCodec | undefined {
  const c = inspect(codec);
  switch (c._tag) {
    case 'ReadonlyType':
    case 'RefinementType':
    case 'RecursiveType':
    case 'ExactType':
      return c.type;
    default:
      return factsOf(codec)?.base;
  }
}

/** The members an object codec declares, or `undefined` when it declares no fixed set. */
export function propsOf(codec: AnyCodec): Readonly<Record<string, AnyCodec>> | undefined {
  const c = inspect(codec);
  switch (c._tag) {
    case 'InterfaceType':
    case 'PartialType':
    case 'StrictType':
      return c.props;
    case 'IntersectionType': {
      const merged: Record<string, AnyCodec> = {};
      for (const member of c.types ?? []) {
        const props = propsOf(member);
        if (props === undefined) return undefined;
        for (const key of Object.keys(props)) merged[key] ??= props[key] as AnyCodec;
      }
      return merged;
    }
    default: {
      const inner = unwrap(codec);
      return inner === undefined ? undefined : propsOf(inner);
    }
  }
}

/** True when a codec takes an array (so a repeated query key keeps every value). */
export function isArrayCodec(codec: AnyCodec): boolean {
  const tag = inspect(codec)._tag;
  if (tag === 'ArrayType' || tag === 'ReadonlyArrayType' || tag === 'AnyArrayType') return true;
  if (tag === 'TupleType') return true;
  // `t.union([t.array(t.string), t.undefined])`: an optional array.
  if (tag === 'UnionType') return (inspect(codec).types ?? []).some(isArrayCodec);
  const inner = unwrap(codec);
  return inner !== undefined && isArrayCodec(inner);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Pointers to every member of `value` that `codec` does not declare, at any depth the codec
 * describes. Unions are followed into the first branch that accepts the value.
 */
export function unknownMembers(codec: AnyCodec, value: unknown): string[] {
  const found: string[] = [];
  walk(codec, value, [], found, 0);
  return found;
}

const MAX_WALK_DEPTH = 256;

function walk(
  codec: AnyCodec,
  value: unknown,
  path: string[],
  found: string[],
  depth: number,
): void {
  if (depth > MAX_WALK_DEPTH) return;
  const c = inspect(codec);
  switch (c._tag) {
    case 'InterfaceType':
    case 'PartialType':
    case 'StrictType':
    case 'IntersectionType': {
      const props = propsOf(codec);
      if (props === undefined || !isPlainObject(value)) return;
      for (const key of Object.keys(value)) {
        const member = Object.hasOwn(props, key) ? props[key] : undefined;
        if (member === undefined) found.push(toPointer([...path, key]));
        else walk(member, value[key], [...path, key], found, depth + 1);
      }
      return;
    }
    case 'ArrayType':
    case 'ReadonlyArrayType':
      if (Array.isArray(value) && c.type !== undefined) {
        const element = c.type;
        value.forEach((item, index) => {
          walk(element, item, [...path, String(index)], found, depth + 1);
        });
      }
      return;
    case 'TupleType':
      if (Array.isArray(value)) {
        (c.types ?? []).forEach((member, index) => {
          walk(member, value[index], [...path, String(index)], found, depth + 1);
        });
      }
      return;
    case 'DictionaryType':
      if (isPlainObject(value) && c.codomain !== undefined) {
        const codomain = c.codomain;
        for (const key of Object.keys(value))
          walk(codomain, value[key], [...path, key], found, depth + 1);
      }
      return;
    case 'UnionType': {
      const branch = (c.types ?? []).find(
        (member) => inspect(member).decode?.(value)._tag === 'Right',
      );
      if (branch !== undefined) walk(branch, value, path, found, depth + 1);
      return;
    }
    default: {
      const inner = unwrap(codec);
      if (inner !== undefined) walk(inner, value, path, found, depth + 1);
    }
  }
}
