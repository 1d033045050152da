/**
 * The values API Gateway hands a mapping template, as its documentation defines them
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html),
 * written in JavaScript so that gatefold's own templates render locally as they render on AWS:
 * - `$input.params()` is a map with the keys `path`, `querystring` and `header`, each a map with
 *   Java's `get` (null for a missing key) and `keySet`;
 * - `$input.path(p)` gives the value at a JSONPath of the payload, `$input.json(p)` its JSON
 *   text (`{}` for the root of an empty payload, as the passthrough template shows for a GET);
 * - `$util.escapeJavaScript` is Apache Commons Lang 2's `StringEscapeUtils.escapeJavaScript`,
 *   `$util.urlEncode` / `$util.urlDecode` are Java's `URLEncoder` / `URLDecoder` in UTF-8, and
 *   `$util.parseJson` parses JSON text.
 *
 * Nothing here needs the template engine: the event builders of `gatefold/testing` encode values
 * with the same `urlEncode` the request template calls.
 */

/** A map with Java's `get` and `keySet`, as `$input.params()` and its members are. */
export class JavaMap<V> {
  // A private field: velocityjs adds an `eval` member to any object whose method it calls.
  readonly #entries: Map<string, V>;

  constructor(entries: Iterable<readonly [string, V]>) {
    this.#entries = new Map(entries);
  }

  /**
   * The value, or nothing for a missing key: Java's `null`, which Velocity renders as the
   * reference's own text (velocityjs does so for `undefined`, and writes `null` for `null`).
   */
  get(key: unknown): V | undefined {
    return this.#entries.get(String(key));
  }

  keySet(): string[] {
    return [...this.#entries.keys()];
  }

  containsKey(key: unknown): boolean {
    return this.#entries.has(String(key));
  }

  size(): number {
    return this.#entries.size;
  }

  isEmpty(): boolean {
    return this.#entries.size === 0;
  }

  /** `{a=1, b=2}`, as `java.util.AbstractMap.toString`. */
  toString(): string {
    return `{${[...this.#entries].map(([key, value]) => `${key}=${String(value)}`).join(', ')}}`;
  }
}

const HEX = '0123456789ABCDEF';

function percent(byte: number): string {
  return `%${HEX[byte >> 4] ?? '0'}${HEX[byte & 15] ?? '0'}`;
}

/**
 * `java.net.URLEncoder.encode(text, "UTF-8")`: letters, digits and `.-*_` stay, a space becomes
 * `+`, everything else the `%XX` of its UTF-8 bytes (upper-case hex); a lone surrogate is
 * encoded as `?` (`%3F`), as Java's UTF-8 encoder replaces it.
 */
export function urlEncode(text: string): string {
  let out = '';
  for (const char of text) {
    if (/^[A-Za-z0-9.*_-]$/.test(char)) out += char;
    else if (char === ' ') out += '+';
    else {
      const code = char.codePointAt(0) ?? 0;
      const lone = code >= 0xd800 && code <= 0xdfff;
      for (const byte of lone ? [0x3f] : Buffer.from(char, 'utf8')) out += percent(byte);
    }
  }
  return out;
}

/** `java.net.URLDecoder.decode(text, "UTF-8")`: `+` is a space; a bad escape throws. */
export function urlDecode(text: string): string {
  return decodeURIComponent(text.replaceAll('+', ' '));
}

function unicodeEscape(code: number): string {
  return `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

const SHORT_ESCAPES: Readonly<Record<number, string>> = {
  8: '\\b',
  9: '\\t',
  10: '\\n',
  12: '\\f',
  13: '\\r',
};

/**
 * Apache Commons Lang 2 `StringEscapeUtils.escapeJavaScript`, which API Gateway's
 * `$util.escapeJavaScript` is: `'`, `"`, `\` and `/` get a backslash, `\b \t \n \f \r` their short
 * escapes, other control characters and every character above 0x7f a `\u` escape of four
 * upper-case hex digits, one per UTF-16 code unit (DEL, 0x7f, stays as it is).
 */
export function escapeJavaScript(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const char = text.charAt(i);
    if (code > 0x7f) out += unicodeEscape(code);
    else if (code < 32) out += SHORT_ESCAPES[code] ?? unicodeEscape(code);
    else if (char === "'" || char === '"' || char === '\\' || char === '/') out += `\\${char}`;
    else out += char;
  }
  return out;
}

/** The value at a JSONPath of the forms API Gateway templates use: `$`, `$.a.b`, `$['a'][0]`. */
export function jsonPath(root: unknown, path: string): unknown {
  if (!path.startsWith('$')) throw new Error(`Unsupported JSONPath ${JSON.stringify(path)}.`);
  const steps = [...path.slice(1).matchAll(/\.([^.[\]]+)|\['([^']*)'\]|\[(\d+)\]/g)];
  const consumed = steps.map((step) => step[0]).join('');
  if (consumed !== path.slice(1)) {
    throw new Error(`Unsupported JSONPath ${JSON.stringify(path)}.`);
  }
  let value = root;
  for (const step of steps) {
    const key = step[1] ?? step[2] ?? Number(step[3]);
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/**
 * `$util`, as API Gateway provides it. Each render gets a copy: velocityjs adds an `eval` member
 * to an object whose method a template calls.
 */
export const util = {
  escapeJavaScript,
  urlEncode,
  urlDecode,
  parseJson: (text: string): unknown => JSON.parse(text) as unknown,
  base64Encode: (text: string): string => Buffer.from(text, 'utf8').toString('base64'),
  base64Decode: (text: string): string => Buffer.from(text, 'base64').toString('utf8'),
} as const;
