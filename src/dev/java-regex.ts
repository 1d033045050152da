/**
 * `java.util.regex.Pattern.matches(regex, input)` in JavaScript: how API Gateway applies an
 * integration response's `selectionPattern` to a Lambda error's `errorMessage` ("a Java regular
 * expression", API Reference, `IntegrationResponse.selectionPattern`), for the local server and
 * the test helpers that answer as a custom integration does. Java's `matches()` succeeds
 * only when the whole input matches, and Java's defaults differ from JavaScript's:
 * - `.` matches any character but the line terminators `\n`, `\r`, `\u0085`, `\u2028`, `\u2029`
 *   (JavaScript's `.` does match `\u0085`);
 * - `\s` is `[ \t\n\x0B\f\r]` and `\d` is `[0-9]` (JavaScript's `\s` also takes Unicode spaces);
 * - patterns see code points, as JavaScript's do with the `u` flag.
 * Lookaheads, groups, classes and quantifiers mean the same in both. A construct whose meaning
 * differs and that is not translated here (`\Q`, `\p{…}`, possessive quantifiers, inline flags,
 * `\Z`…) is refused rather than guessed.
 */

const JAVA_SPACE = ' \\t\\n\\x0B\\f\\r';
// Everything but JAVA_SPACE, as ranges, for use inside a character class.
const JAVA_NON_SPACE = '\\x00-\\x08\\x0E-\\x1F\\x21-\\u{10FFFF}';
const DIGIT = '0-9';
const NON_DIGIT = '\\x00-\\x2F\\x3A-\\u{10FFFF}';
const DOT = '[^\\n\\r\\u0085\\u2028\\u2029]';

const UNSUPPORTED_ESCAPES = new Set([
  'Q',
  'E',
  'A',
  'Z',
  'z',
  'G',
  'p',
  'P',
  'h',
  'H',
  'v',
  'V',
  'R',
  'X',
]);

// Characters that JavaScript's `u` mode lets a backslash escape.
const SYNTAX = new Set(Array.from('^$\\.*+?()[]{}|/'));

/**
 * `\x` for any other `x`: letters and digits keep their meaning (`\n`, `\t`, `\w`, `\u0085`),
 * anything else is the character itself, as in Java.
 */
function literalEscape(char: string, inClass: boolean): string {
  if (/[A-Za-z0-9]/.test(char) || SYNTAX.has(char)) return `\\${char}`;
  if (char === '-') return inClass ? '\\-' : '-';
  return char;
}

/** The JavaScript source (for the `u` flag) of a Java regular expression. */
export function javaToJs(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern.charAt(i);
    if (char === '\\') {
      const next = pattern.charAt(i + 1);
      i++;
      if (UNSUPPORTED_ESCAPES.has(next)) throw new Error(`Unsupported Java escape \\${next}.`);
      switch (next) {
        case 's':
          out += inClass ? JAVA_SPACE : `[${JAVA_SPACE}]`;
          break;
        case 'S':
          out += inClass ? JAVA_NON_SPACE : `[${JAVA_NON_SPACE}]`;
          break;
        case 'd':
          out += inClass ? DIGIT : `[${DIGIT}]`;
          break;
        case 'D':
          out += inClass ? NON_DIGIT : `[${NON_DIGIT}]`;
          break;
        default:
          out += literalEscape(next, inClass);
      }
      continue;
    }
    if (inClass) {
      if (char === '[' || (char === '&' && pattern.charAt(i + 1) === '&')) {
        throw new Error('Nested classes and class intersections are not translated.');
      }
      if (char === ']') inClass = false;
      out += char;
      continue;
    }
    if (char === '[') {
      inClass = true;
      out += char;
      // A `]` right after `[` or `[^` is a literal in Java.
      if (pattern.charAt(i + 1) === '^') out += pattern.charAt(++i);
      if (pattern.charAt(i + 1) === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (char === '.') {
      out += DOT;
      continue;
    }
    if (/[*+?}]/.test(char) && pattern.charAt(i + 1) === '+') {
      throw new Error('Possessive quantifiers are not translated.');
    }
    if (char === '(' && pattern.charAt(i + 1) === '?' && /[a-zA-Z-]/.test(pattern.charAt(i + 2))) {
      throw new Error('Inline flags are not translated.');
    }
    out += char;
  }
  if (inClass) throw new Error('Unclosed character class.');
  return out;
}

const compiled = new Map<string, RegExp>();

/** `Pattern.matches(pattern, input)`: true when the whole input matches. */
export function javaMatches(pattern: string, input: string): boolean {
  let regex = compiled.get(pattern);
  if (regex === undefined) {
    regex = new RegExp(`^(?:${javaToJs(pattern)})$`, 'u');
    compiled.set(pattern, regex);
  }
  return regex.test(input);
}
