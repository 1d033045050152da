/**
 * Finds where a JSON text (RFC 8259) first goes wrong, and why. `JSON.parse` reports positions
 * inconsistently between Node versions and quotes the input in its messages; this scanner runs
 * only after `JSON.parse` has failed, gives the same answer everywhere, and never echoes input.
 * It is iterative, so a deeply nested document cannot exhaust the stack.
 */

export interface JsonSyntaxError {
  /** Offset of the first character that cannot be part of valid JSON (UTF-16 units). */
  readonly offset: number;
  readonly reason: string;
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = ['true', 'false', 'null'] as const;

type Expect =
  'value' | 'value-or-end-array' | 'key' | 'key-or-end-object' | 'colon' | 'comma-or-end';

function describeChar(text: string, offset: number): string {
  if (offset >= text.length) return 'end of input';
  const code = text.charCodeAt(offset);
  if (code < 0x20) return `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${text.charAt(offset)}'`;
}

/** Scans a string starting at the quote at `start`; returns the offset after it, or an error. */
function scanString(text: string, start: number): number | JsonSyntaxError {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) return { offset: i, reason: 'a control character inside a string' };
    if (c === 0x5c) {
      const next = text.charAt(i + 1);
      if (next === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          return { offset: i, reason: 'an invalid \\u escape' };
        }
        i += 6;
        continue;
      }
      if (!'"\\/bfnrt'.includes(next) || next === '') {
        return { offset: i, reason: 'an invalid escape sequence' };
      }
      i += 2;
      continue;
    }
    i++;
  }
  return { offset: text.length, reason: 'an unterminated string' };
}

/** Where and why `text` is not valid JSON; `undefined` if it is. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const stack: ('array' | 'object')[] = [];
  let expect: Expect = 'value';
  let i = 0;
  const unexpected = (what: string): JsonSyntaxError => ({
    offset: i,
    reason: `unexpected ${describeChar(text, i)}, expected ${what}`,
  });

  for (;;) {
    while (i < text.length && WHITESPACE.has(text.charCodeAt(i))) i++;
    if (stack.length === 0 && expect === 'comma-or-end') {
      return i < text.length ? unexpected('the end of the document') : undefined;
    }
    if (i >= text.length) return { offset: i, reason: 'unexpected end of input' };
    const c = text.charAt(i);
    switch (expect) {
      case 'value':
      case 'value-or-end-array': {
        if (c === ']' && expect === 'value-or-end-array') {
          stack.pop();
          i++;
          expect = 'comma-or-end';
          break;
        }
        if (c === '{') {
          stack.push('object');
          i++;
          expect = 'key-or-end-object';
        } else if (c === '[') {
          stack.push('array');
          i++;
          expect = 'value-or-end-array';
        } else if (c === '"') {
          const end = scanString(text, i);
          if (typeof end !== 'number') return end;
          i = end;
          expect = 'comma-or-end';
        } else if (c === '-' || (c >= '0' && c <= '9')) {
          NUMBER.lastIndex = i;
          const match = NUMBER.exec(text);
          if (match === null || match[0] === '-') return { offset: i, reason: 'an invalid number' };
          i += match[0].length;
          expect = 'comma-or-end';
        } else {
          const literal = LITERALS.find((word) => text.startsWith(word, i));
          if (literal === undefined) return unexpected('a value');
          i += literal.length;
          expect = 'comma-or-end';
        }
        break;
      }
      case 'key':
      case 'key-or-end-object': {
        if (c === '}' && expect === 'key-or-end-object') {
          stack.pop();
          i++;
          expect = 'comma-or-end';
          break;
        }
        if (c !== '"') return unexpected('a member name in double quotes');
        const end = scanString(text, i);
        if (typeof end !== 'number') return end;
        i = end;
        expect = 'colon';
        break;
      }
      case 'colon':
        if (c !== ':') return unexpected("':'");
        i++;
        expect = 'value';
        break;
      case 'comma-or-end': {
        const top = stack[stack.length - 1];
        const close = top === 'array' ? ']' : '}';
        if (c === ',') {
          i++;
          expect = top === 'array' ? 'value' : 'key';
        } else if (c === close) {
          stack.pop();
          i++;
          expect = 'comma-or-end';
        } else return unexpected(`',' or '${close}'`);
        break;
      }
    }
  }
}
