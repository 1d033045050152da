/**
 * `JSON.stringify` as it behaves: it returns `undefined` for `undefined`, functions and symbols,
 * which its declared type hides.
 */
export const stringify = JSON.stringify as (value: unknown) => string | undefined;
