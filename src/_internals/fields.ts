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

/**
 * The constructor of maps that inherit nothing: its prototype is an empty, frozen object without
 * a prototype of its own, so `constructor`, `toString` or `__proto__` read from a map are
 * `undefined` unless the map has them as its own keys, and assigning `__proto__` sets a key (the
 * setter lives on `Object.prototype`, which is not in the chain). Node's `querystring` makes its
 * results the same way. `Object.create(null)` and `{ __proto__: null }` give V8 slow dictionary
 * objects, and `Object.setPrototypeOf({}, null)` costs several times a literal's creation on
 * Node 24; objects from a plain constructor cost what a literal does.
 */
const MapWithoutInheritance = function MapWithoutInheritance() {
  // Nothing to set: the members are the map's keys, added by its user.
} as unknown as new () => Record<string, never>;
MapWithoutInheritance.prototype = Object.freeze(Object.create(null) as object);

/** A map that inherits no members, so keys such as `__proto__` are plain keys (see above). */
export function emptyMap<V>(): Record<string, V> {
  return new MapWithoutInheritance();
}

/**
 * @internal The one frozen empty map, shared by every request without a query, cookies or path
 * parameters.
 */
export const EMPTY_MAP: Readonly<Record<string, never>> =
  /*#__PURE__*/ Object.freeze(emptyMap<never>());

/**
 * @internal A copy of `map` that inherits nothing. `Object.assign` rather than a spread: V8 (in
 * Node 20) takes a slow path, about a microsecond, for any member added to the result of a spread
 * (`{ ...map, [key]: value }`), and copies of response headers get members added.
 */
export function copiedMap<V>(map: Readonly<Record<string, V>>): Record<string, V> {
  return Object.assign(emptyMap<V>(), map);
}

/** @internal A copy of `map` that inherits nothing, with `key` set to `value` (see `copiedMap`). */
export function withEntry<V>(
  map: Readonly<Record<string, V>>,
  key: string,
  value: V,
): Record<string, V> {
  const out = copiedMap(map);
  out[key] = value;
  return out;
}

/**
 * @internal A plain copy of `record` with `key` set to `value`, for values the caller gave as
 * plain objects (a problem's headers, a validator's issue). Copied with `Object.assign` (see
 * `copiedMap`), except when a member is named `__proto__`, which assignment would take for the
 * prototype: a spread keeps it a member. `value` must fit `key`'s type in `R`.
 */
export function withMember<R extends object>(record: R, key: string, value: unknown): R {
  if (key === PROTOTYPE_KEY || Object.hasOwn(record, PROTOTYPE_KEY)) {
    return { ...record, [key]: value };
  }
  const out: Record<string, unknown> = Object.assign({}, record) as Record<string, unknown>;
  out[key] = value;
  return out as R;
}

const PROTOTYPE_KEY = '__proto__';

/** @internal `map` frozen (the shared empty map is already). */
export function frozenMap<V>(map: Readonly<Record<string, V>>): Readonly<Record<string, V>> {
  return map === EMPTY_MAP ? map : Object.freeze(map);
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
): Readonly<Record<string, string[]>> {
  // Created on the first value: most events have no query, and an empty map is the shared one.
  let out: Record<string, string[]> | undefined;
  const multiRecord = asRecord(multi);
  let read = false;
  if (multiRecord !== undefined) {
    for (const rawKey in multiRecord) {
      const list = multiRecord[rawKey];
      const key = decodeKey(rawKey, lowerCaseKeys, decode);
      if (Array.isArray(list)) {
        for (const item of list as unknown[]) {
          const text = asString(item);
          if (text !== undefined)
            appendValue((out ??= emptyMap()), key, decode ? decode(text) : text);
        }
      } else {
        const text = asString(list);
        if (text !== undefined)
          appendValue((out ??= emptyMap()), key, decode ? decode(text) : text);
      }
      read = true;
    }
  }
  if (read) return out ?? EMPTY_MAP;
  const singleRecord = asRecord(single);
  if (singleRecord !== undefined) {
    for (const rawKey in singleRecord) {
      const text = asString(singleRecord[rawKey]);
      if (text !== undefined) {
        appendValue(
          (out ??= emptyMap()),
          decodeKey(rawKey, lowerCaseKeys, decode),
          decode ? decode(text) : text,
        );
      }
    }
  }
  return out ?? EMPTY_MAP;
}

// Header names seen before, by how they arrived. An event's keys come from JSON.parse, which
// interns them, so looking one up here is cheap, and the lower-case name found is the one already
// interned: a map is looked up and filled faster with it than with a fresh
// string from toLowerCase(). Bounded in count and length, so that a client sending new or huge
// names costs at most a few kilobytes and otherwise only misses.
const LOWER_CASE_NAMES = new Map<string, string>();
const LOWER_CASE_NAMES_KEPT = 512;
const LOWER_CASE_NAME_LENGTH_KEPT = 64;

function lowerCaseName(name: string): string {
  let lower = LOWER_CASE_NAMES.get(name);
  if (lower === undefined) {
    lower = name.toLowerCase();
    if (
      LOWER_CASE_NAMES.size < LOWER_CASE_NAMES_KEPT &&
      name.length <= LOWER_CASE_NAME_LENGTH_KEPT
    ) {
      LOWER_CASE_NAMES.set(name, lower);
    }
  }
  return lower;
}

function decodeKey(
  key: string,
  lowerCase: boolean,
  decode: ((text: string) => string) | undefined,
): string {
  const decoded = decode ? decode(key) : key;
  return lowerCase ? lowerCaseName(decoded) : decoded;
}

/** Reads a `{ name: value }` map of strings (path parameters), dropping non-string values. */
export function readStringMap(value: unknown): Readonly<Record<string, string>> {
  const record = asRecord(value);
  if (record === undefined) return EMPTY_MAP;
  let out: Record<string, string> | undefined;
  for (const key in record) {
    const text = asString(record[key]);
    if (text !== undefined) (out ??= emptyMap())[key] = text;
  }
  return out ?? EMPTY_MAP;
}
