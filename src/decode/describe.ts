import { registry } from '../_internals/registry.js';
import { stringify } from '../_internals/json.js';
import type { IssueTemplate } from './issue.js';

/** Any io-ts codec, seen only through what describing it needs. */
export interface AnyCodec {
  readonly name: string;
}

/** A codec that can also test a value, as every io-ts `Type` can. */
export interface TestingCodec extends AnyCodec {
  is(value: unknown): boolean;
}

/** What gatefold knows about a codec it built: how to say what it expects, and its issue. */
export interface CodecFacts {
  /**
   * A phrase for the detail: `an integer`, `a UUID`, `at least 3 characters`. Without one, the
   * detail is the issue's title and the value received.
   */
  readonly expected?: string;
  /** The issue when a value fails the codec; `invalid-value` with the phrase when absent. */
  readonly issue?: IssueTemplate;
  /** The codec this one refines: a value that fails it is reported as that codec's failure. */
  readonly base?: TestingCodec;
  /**
   * The JSON Schema (OpenAPI 3.0 dialect) of the values the codec accepts, when it is not built
   * from the codec's structure; the OpenAPI generator uses it as it is.
   */
  readonly schema?: Readonly<Record<string, unknown>>;
  /** A constraint the refinement adds to its base, as JSON Schema states it. */
  readonly constraint?: SchemaConstraint;
}

/** A refinement JSON Schema can state: a length, a bound or a pattern. */
export type SchemaConstraint =
  | { readonly kind: 'minLength' | 'maxLength' | 'minimum' | 'maximum'; readonly value: number }
  | { readonly kind: 'pattern'; readonly value: string };

// Keyed by codec identity, so codecs stay plain io-ts values that compose with any other.
const facts = /*#__PURE__*/ registry<CodecFacts>('codec-facts/1');

/** @internal Records what a codec expects; returns the codec for chaining. */
export function describeCodec<C extends AnyCodec>(codec: C, codecFacts: CodecFacts): C {
  facts.set(codec, codecFacts);
  return codec;
}

/** @internal What was recorded for a codec, if it is one of gatefold's (or described by a user). */
export function factsOf(codec: AnyCodec): CodecFacts | undefined {
  return facts.get(codec);
}

interface Tagged {
  readonly _tag?: string;
  readonly name: string;
  readonly value?: unknown;
  readonly keys?: Readonly<Record<string, unknown>>;
  readonly types?: readonly Tagged[];
  readonly type?: Tagged;
}

const MAX_LISTED = 8;

/** @internal A phrase for what a codec expects, for details such as "Expected an integer". */
export function expectedOf(codec: AnyCodec): string {
  const known = facts.get(codec);
  if (known?.expected !== undefined) return known.expected;
  if (known?.base !== undefined) return expectedOf(known.base);
  const c = codec as unknown as Tagged;
  switch (c._tag) {
    case 'StringType':
      return 'a string';
    case 'NumberType':
      return 'a number';
    case 'BooleanType':
      return 'a boolean';
    case 'NullType':
      return 'null';
    case 'UndefinedType':
    case 'VoidType':
      return 'nothing';
    case 'BigIntType':
      return 'a big integer';
    case 'LiteralType':
      return stringify(c.value) ?? String(c.value);
    case 'KeyofType':
      return oneOf(Object.keys(c.keys ?? {}).map((key) => JSON.stringify(key)));
    case 'UnionType': {
      const literals = (c.types ?? []).every((member) => member._tag === 'LiteralType');
      if (literals) {
        return oneOf(
          (c.types ?? []).map((member) => stringify(member.value) ?? String(member.value)),
        );
      }
      return c.name;
    }
    case 'ArrayType':
    case 'ReadonlyArrayType':
    case 'AnyArrayType':
    case 'TupleType':
      return 'an array';
    case 'InterfaceType':
    case 'PartialType':
    case 'StrictType':
    case 'ExactType':
    case 'DictionaryType':
    case 'AnyDictionaryType':
    case 'ObjectType':
    case 'IntersectionType':
      return 'an object';
    case 'ReadonlyType':
      return c.type === undefined ? c.name : expectedOf(c.type);
    default:
      return c.name;
  }
}

function oneOf(options: readonly string[]): string {
  if (options.length === 1) return options[0] ?? '';
  const listed = options.slice(0, MAX_LISTED).join(', ');
  return options.length > MAX_LISTED ? `one of ${listed}, …` : `one of ${listed}`;
}

/** @internal A short rendering of a received value for a detail; long values are cut. */
export function receivedOf(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  if (text === undefined) return typeof value;
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
