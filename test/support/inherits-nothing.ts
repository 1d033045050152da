/**
 * Whether `value` inherits no member: every object on its prototype chain after itself has no
 * own property (names or symbols), and the chain ends in `null`. Request maps are made so, that
 * `constructor`, `toString` or `__proto__` are read as keys the client sent or as `undefined`.
 */
export function inheritsNothing(value: object): boolean {
  for (
    let prototype: object | null = Object.getPrototypeOf(value) as object | null;
    prototype !== null;
    prototype = Object.getPrototypeOf(prototype) as object | null
  ) {
    if (Reflect.ownKeys(prototype).length > 0) return false;
  }
  return true;
}
