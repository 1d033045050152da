/** Run settings from the environment, so a short run is one variable away. */

/** The whole number in environment variable `name`, or `fallback` when it is unset or empty. */
export function positiveInteger(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new Error(`${name} must be a whole number above 0, got "${text}"`);
  return value;
}
