/**
 * Checks of the options a function is given, run when it is called rather than on each request:
 * TypeScript refuses a wrong option, but a JavaScript caller can pass anything, and a string
 * where a list belongs or an unknown name would otherwise be read as something else without a
 * word. A refusal is a `TypeError` that names the function and the option, says what it got (its
 * kind, or a name it does not know; never a value, which may be a secret) and what to pass
 * instead.
 */
import { kindOf } from './kind-of.js';

/** @internal Throws the refusal of an option: `where` is the function, as the caller wrote it. */
export function refuseOption(where: string, message: string): never {
  throw new TypeError(`${where}: ${message}`);
}

/** @internal Refuses anything but an object for the options. */
export function checkOptionsObject(where: string, options: unknown, example: string): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    refuseOption(where, `the options are ${kindOf(options)}; pass an object, e.g. ${example}.`);
  }
}

/**
 * @internal Refuses anything but a list of strings `valid` accepts (or `undefined`). A string is
 * refused rather than read as the list of its characters. `one` describes an entry ("a method
 * name"), `example` is a list to pass.
 */
export function checkStringList(
  where: string,
  name: string,
  value: unknown,
  valid: (entry: string) => boolean,
  one: string,
  example: string,
): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    refuseOption(where, `\`${name}\` is ${kindOf(value)}; pass a list, e.g. ${example}.`);
  }
  value.forEach((entry: unknown, index) => {
    if (typeof entry !== 'string' || !valid(entry)) {
      const what = typeof entry === 'string' ? 'not' : `${kindOf(entry)}, not`;
      refuseOption(where, `\`${name}[${String(index)}]\` is ${what} ${one}.`);
    }
  });
}

/** @internal Refuses anything but a finite number at least `min` (or `undefined`). */
export function checkNumber(where: string, name: string, value: unknown, min: number): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    const wanted =
      min === -Infinity ? 'a finite number' : `a finite number of ${String(min)} or more`;
    refuseOption(
      where,
      `\`${name}\` is ${typeof value === 'number' ? String(value) : kindOf(value)}; pass ${wanted}.`,
    );
  }
}

/** @internal Refuses anything but `true`, `false` or `undefined`. */
export function checkBoolean(where: string, name: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'boolean') {
    refuseOption(where, `\`${name}\` is ${kindOf(value)}; pass true or false.`);
  }
}
