import type { AnyCodec } from './describe.js';

/**
 * Codecs whose `decode` gives back its very input whenever `is` accepts it, so that `is` — which
 * builds no context entries and no `Either` — can answer for a valid input, and only an invalid
 * one is decoded (for its errors). Recognised by io-ts's `_tag`, never by `instanceof`.
 */

interface Inspectable {
  readonly _tag?: string;
  readonly props?: Readonly<Record<string, AnyCodec>>;
  readonly type?: AnyCodec;
}

// io-ts's own codecs for these succeed with the input itself. None accepts `undefined`: an object
// codec decoding a missing member to `undefined` returns a copy with the member set.
const AS_IS_LEAVES: ReadonlySet<string> = new Set([
  'StringType',
  'NumberType',
  'BooleanType',
  'NullType',
  'LiteralType',
  'KeyofType',
]);

/**
 * True when `codec` is built only of io-ts primitives, literals and keyofs under `t.type` and
 * `t.array`: those copy their input only when a member or element decodes to another value,
 * which none of these leaves does.
 */
export function decodesAsIs(codec: AnyCodec): boolean {
  const c = codec as unknown as Inspectable;
  const tag = c._tag;
  if (tag === undefined) return false;
  if (AS_IS_LEAVES.has(tag)) return true;
  if (tag === 'InterfaceType') {
    return c.props !== undefined && Object.values(c.props).every(decodesAsIs);
  }
  if (tag === 'ArrayType') return c.type !== undefined && decodesAsIs(c.type);
  return false;
}
