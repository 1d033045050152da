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
