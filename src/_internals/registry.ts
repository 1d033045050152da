/**
 * Registries of what gatefold values were built from (codecs, endpoints, routers, Lambda
 * functions), shared by every copy of gatefold loaded in the process: the `gatefold` command
 * describes a module that imported its own copy (from source, or another build), and must see
 * what that copy recorded. Keyed by name and format version.
 */
const REGISTRIES = /*#__PURE__*/ Symbol.for('gatefold.registries');

type Holder = Partial<Record<symbol, Map<string, WeakMap<object, unknown>>>>;

/** @internal The process-wide registry of that name; values are kept only while keys live. */
export function registry<V>(name: string): WeakMap<object, V> {
  const holder = globalThis as Holder;
  const all = (holder[REGISTRIES] ??= new Map<string, WeakMap<object, unknown>>());
  let found = all.get(name);
  if (found === undefined) {
    found = new WeakMap();
    all.set(name, found);
  }
  return found as WeakMap<object, V>;
}
