/**
 * Defensive readers for event fields. AWS documents the shapes, but the console's Test button,
 * hand-written test events and proxies send `null` maps, missing parts and the odd number where
 * a string belongs; reading must never throw on them.
 */

/** A plain object, or `undefined` for anything else (null, arrays, primitives). */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** A string, a number or boolean as its text, `undefined` for anything else. */
export function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** A map without a prototype, so keys such as `__proto__` are plain keys. */
export function emptyMap<V>(): Record<string, V> {
  return Object.create(null) as Record<string, V>;
}

/** Appends `value` to the list kept under `key`. */
export function appendValue(map: Record<string, string[]>, key: string, value: string): void {
  const values = map[key];
  if (values === undefined) map[key] = [value];
  else values.push(value);
}

/**
 * Reads a multi-value map (`{ name: [values] }`) or, when that is absent or empty, a single-value
 * map (`{ name: value }`) into one list per key. `lowerCaseKeys` folds header names.
 */
export function readMultiValueMap(
  multi: unknown,
  single: unknown,
  lowerCaseKeys: boolean,
  decode: ((text: string) => string) | undefined,
): Record<string, string[]> {
  const out = emptyMap<string[]>();
  const multiRecord = asRecord(multi);
  let read = false;
  if (multiRecord !== undefined) {
    for (const rawKey in multiRecord) {
      const list = multiRecord[rawKey];
      const key = decodeKey(rawKey, lowerCaseKeys, decode);
      if (Array.isArray(list)) {
        for (const item of list as unknown[]) {
          const text = asString(item);
          if (text !== undefined) appendValue(out, key, decode ? decode(text) : text);
        }
      } else {
        const text = asString(list);
        if (text !== undefined) appendValue(out, key, decode ? decode(text) : text);
      }
      read = true;
    }
  }
  if (read) return out;
  const singleRecord = asRecord(single);
  if (singleRecord !== undefined) {
    for (const rawKey in singleRecord) {
      const text = asString(singleRecord[rawKey]);
      if (text !== undefined) {
        appendValue(out, decodeKey(rawKey, lowerCaseKeys, decode), decode ? decode(text) : text);
      }
    }
  }
  return out;
}

function decodeKey(
  key: string,
  lowerCase: boolean,
  decode: ((text: string) => string) | undefined,
): string {
  const decoded = decode ? decode(key) : key;
  return lowerCase ? decoded.toLowerCase() : decoded;
}

/** Reads a `{ name: value }` map of strings (path parameters), dropping non-string values. */
export function readStringMap(value: unknown): Record<string, string> {
  const out = emptyMap<string>();
  const record = asRecord(value);
  if (record === undefined) return out;
  for (const key in record) {
    const text = asString(record[key]);
    if (text !== undefined) out[key] = text;
  }
  return out;
}
