/**
 * JavaScript regular expressions rewritten for JSON Schema's `pattern`, which Ajv (and most
 * validators) compile with the `u` flag: escapes that are legal only without it (`\-`, a lone
 * `{`) are rewritten, and a pattern that could match half of a surrogate pair — which the
 * codec's non-unicode regex may do — is reported as inexact, so that its schema can be widened.
 */

/** A JavaScript pattern rewritten for the `u` flag, which Ajv compiles patterns with. */
export interface UnicodePattern {
  readonly source: string;
  /**
   * True when both readings agree on every text. Otherwise the original may match half a
   * surrogate pair (`.`, `[^…]`, `\S`, negative lookarounds, surrogates in the source): on texts
   * without a surrogate the `u` reading accepts all the original does (exactly the same when
   * the source holds no surrogate itself), and texts with one need another way in.
   */
  readonly exact: boolean;
}

const SYNTAX_CHARACTERS = '^$\\.*+?()[]{}|/';
const QUANTIFIER = /^\{\d+(?:,\d*)?\}/;
const HEX2 = /^[0-9A-Fa-f]{2}/;
const HEX4 = /^[0-9A-Fa-f]{4}/;
const CLASS_ESCAPE_NEXT = /^\\[dDwWsS]/;

interface Groups {
  readonly count: number;
  readonly named: boolean;
}

function groupsOf(source: string): Groups {
  let count = 0;
  let named = false;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source.charAt(i);
    if (char === '\\') i++;
    else if (inClass) inClass = char !== ']';
    else if (char === '[') inClass = true;
    else if (char === '(' && source.charAt(i + 1) !== '?') count++;
    else if (char === '(' && /^\?<[^=!]/.test(source.slice(i + 1))) {
      count++;
      named = true;
    }
  }
  return { count, named };
}

interface Escape {
  /** The escape as the `u` flag reads it. */
  readonly text: string;
  /** How many characters of the source it took, backslash included. */
  readonly length: number;
  readonly exact: boolean;
  /** `\d`, `\w`, `\s` or their negations: a class escape, which cannot bound a range. */
  readonly classEscape?: boolean;
}

/**
 * One escape of a non-unicode pattern, read as JavaScript reads it without the `u` flag (with
 * Annex B's leniency) and written as the `u` flag reads the same thing; `undefined` for the
 * escapes the `u` flag has no spelling of here (octal escapes, numbered references to groups
 * that do not exist).
 */
function unicodeEscape(
  source: string,
  at: number,
  inClass: boolean,
  groups: Groups,
): Escape | undefined {
  const next = source.charAt(at + 1);
  const rest = source.slice(at + 2);
  const keep = (text: string, exact = true): Escape => ({ text, length: text.length, exact });
  const literal = (char: string): Escape => ({ text: char, length: 2, exact: true });
  if (next === '') return undefined;
  if ('dDwWsS'.includes(next)) {
    return { ...keep(`\\${next}`, !'DWS'.includes(next)), classEscape: true };
  }
  if ('fnrtvb'.includes(next)) return keep(`\\${next}`);
  if (next === 'B') return inClass ? literal('B') : keep('\\B', false);
  if (next === '0') return /^\d/.test(rest) ? undefined : keep('\\0');
  if (/\d/.test(next)) {
    const digits = /^\d+/.exec(source.slice(at + 1))?.[0] ?? next;
    const reference = !inClass && Number(digits) <= groups.count;
    return reference ? keep(`\\${digits}`) : undefined;
  }
  if (next === 'c') {
    const letter = rest.charAt(0);
    if (/[A-Za-z]/.test(letter)) return keep(`\\c${letter}`);
    if (inClass && /[\d_]/.test(letter)) {
      const code = letter.charCodeAt(0) % 32;
      return { text: `\\x${code.toString(16).padStart(2, '0')}`, length: 3, exact: true };
    }
    // A backslash that escapes nothing is itself; the `c` follows as a character.
    return { text: '\\\\', length: 1, exact: true };
  }
  if (next === 'x') return HEX2.test(rest) ? keep(`\\x${rest.slice(0, 2)}`) : literal('x');
  if (next === 'u') {
    if (!HEX4.test(rest)) return literal('u');
    const code = Number.parseInt(rest.slice(0, 4), 16);
    return keep(`\\u${rest.slice(0, 4)}`, code < 0xd800);
  }
  if (next === 'k') return groups.named ? keep('\\k') : literal('k');
  if (next === '-') return inClass ? keep('\\-') : literal('-');
  if (SYNTAX_CHARACTERS.includes(next)) return keep(`\\${next}`);
  // An identity escape (`\_`, `\p`, `\a`): the character itself.
  return literal(next);
}

/**
 * A non-unicode JavaScript pattern source as the `u` flag reads it, or `undefined` when it
 * cannot be carried over. Escapes the `u` flag refuses become the characters they stand for,
 * braces and brackets that are not syntax are escaped, and the result must compile.
 */
export function unicodePattern(source: string): UnicodePattern | undefined {
  const groups = groupsOf(source);
  let out = '';
  // Any surrogate or character above them in the source: a range may span the surrogates.
  let exact = !/[\uD800-\uFFFF]/.test(source);
  let inClass = false;
  let afterClassEscape = false;
  for (let i = 0; i < source.length; i++) {
    const char = source.charAt(i);
    if (char === '\\') {
      const escape = unicodeEscape(source, i, inClass, groups);
      if (escape === undefined) return undefined;
      out += escape.text;
      exact &&= escape.exact;
      afterClassEscape = escape.classEscape === true;
      i += escape.length - 1;
      continue;
    }
    if (inClass) {
      // `[\d-z]` is `\d`, `-` and `z` without the flag, an error with it.
      const dash =
        char === '-' && (afterClassEscape || CLASS_ESCAPE_NEXT.test(source.slice(i + 1)));
      out += dash ? '\\-' : char;
      inClass = char !== ']';
      afterClassEscape = false;
      continue;
    }
    const quantifier = char === '{' ? QUANTIFIER.exec(source.slice(i))?.[0] : undefined;
    if (quantifier !== undefined) {
      out += quantifier;
      i += quantifier.length - 1;
    } else if (char === '{' || char === '}' || char === ']') {
      out += `\\${char}`;
    } else {
      if (char === '.' || (char === '[' && source.charAt(i + 1) === '^')) exact = false;
      if (char === '(' && /^\?<?!/.test(source.slice(i + 1))) exact = false;
      inClass = char === '[';
      out += char;
    }
  }
  try {
    new RegExp(out, 'u');
  } catch {
    return undefined;
  }
  return { source: out, exact };
}
