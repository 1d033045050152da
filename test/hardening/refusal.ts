/**
 * What a function refuses its options with, as a value to compare whole: options are checked when
 * `cors(…)`, `json(…)` and the like are called, and a refusal is a `TypeError` saying what to do.
 */

/** The error `build` throws, or `undefined` when it throws none. */
export function thrownBy(build: () => unknown): unknown {
  try {
    build();
  } catch (error) {
    return error;
  }
  return undefined;
}
