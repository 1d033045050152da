/**
 * JSON Pointers (RFC 6901): `/data/attributes/first-name`. Each reference token escapes `~` as
 * `~0` and `/` as `~1`, in that order, so that `a/b` and `m~n` stay one token each.
 */

const TILDE = /~/g;
const SLASH = /\//g;

/** Escapes one reference token. */
export function escapePointerToken(token: string): string {
  if (!token.includes('~') && !token.includes('/')) return token;
  return token.replace(TILDE, '~0').replace(SLASH, '~1');
}

/**
 * The pointer for a path of keys; `''` (the whole document) for an empty path.
 *
 * @example
 * ```ts
 * import { toPointer } from 'gatefold';
 * toPointer(['data', 'attributes', 'a/b']); // '/data/attributes/a~1b'
 * ```
 */
export function toPointer(path: readonly string[]): string {
  let out = '';
  for (const token of path) out += `/${escapePointerToken(token)}`;
  return out;
}

/** @internal The value a pointer names in a document, or `undefined` when it names nothing. */
export function resolvePointer(
  document: unknown,
  pointer: string,
): { found: boolean; value: unknown } {
  if (pointer === '') return { found: true, value: document };
  let current: unknown = document;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, token)) {
      return { found: false, value: undefined };
    }
    current = (current as Record<string, unknown>)[token];
  }
  return { found: true, value: current };
}
