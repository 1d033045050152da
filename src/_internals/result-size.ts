/**
 * How large a result is as Lambda returns it. The runtime serialises the handler's result with
 * `JSON.stringify` and sends it as UTF-8; that byte count is what the 6 MB synchronous response
 * limit (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html) and an ALB's
 * 1 MB limit on a Lambda target's response JSON
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html)
 * apply to.
 *
 * Serialising every result a second time only to measure it would cost as much as Lambda's own
 * serialisation. Most results are far below any limit, which a bound computed from string
 * lengths alone shows; only a result whose bound reaches the limit is measured exactly.
 */

// JSON.stringify writes a UTF-16 code unit in at most 6 bytes: `\u001f` for a control character
// and `\udc00` for a lone surrogate; `"` and `\` take 2, other characters 1 to 3 in UTF-8 (a
// surrogate pair, 4 bytes for 2 units).
const MAX_BYTES_PER_UNIT = 6;
// The longest JSON number: `-2.2250738585072014e-308`.
const MAX_NUMBER_LENGTH = 24;
// Results nest headers in maps of lists: deeper than this is not a result, and is measured.
const MAX_DEPTH = 4;

function stringBound(text: string): number {
  return MAX_BYTES_PER_UNIT * text.length + 2;
}

function bound(value: unknown, depth: number): number {
  if (typeof value === 'string') return stringBound(value);
  if (typeof value === 'number') return MAX_NUMBER_LENGTH;
  if (typeof value === 'boolean') return 5;
  // `null`, or `undefined` as a list writes it (an object leaves it out).
  if (value === null || value === undefined) return 4;
  // A function, symbol or big integer has no place in a result: measure it.
  if (typeof value !== 'object' || depth >= MAX_DEPTH) return Infinity;
  let total = 2; // brackets
  if (Array.isArray(value)) {
    const list = value as readonly unknown[];
    for (let i = 0; i < list.length; i++) total += bound(list[i], depth + 1) + 1;
    return total;
  }
  // `for…in` rather than `Object.keys`, which allocates: about half the cost. It also visits
  // inherited enumerable keys, which only makes the bound larger.
  const record = value as Record<string, unknown>;
  for (const key in record) total += stringBound(key) + 2 + bound(record[key], depth + 1);
  return total;
}

/**
 * @internal A number of bytes the serialised result cannot exceed, from its strings' lengths. A
 * base64 body is counted exactly: its alphabet needs no escape and is one byte a character.
 */
export function resultSizeBound(result: object): number {
  const record = result as Record<string, unknown>;
  let total = 2;
  for (const key in record) {
    const value = record[key];
    total +=
      stringBound(key) +
      2 +
      (key === 'body' && typeof value === 'string' && record['isBase64Encoded'] === true
        ? value.length + 2
        : bound(value, 1));
  }
  return total;
}

/** @internal The result's size as Lambda sends it: `JSON.stringify(result)` in UTF-8 bytes. */
export function resultSize(result: object): number {
  const json = JSON.stringify(result) as string | undefined;
  return json === undefined ? 0 : Buffer.byteLength(json, 'utf8');
}

/**
 * @internal The result's size when it exceeds `limit`, else `undefined`. Measured only when the
 * bound reaches the limit, so a result of ordinary size costs a walk over its headers.
 */
export function sizeOver(result: object, limit: number): number | undefined {
  if (resultSizeBound(result) <= limit) return undefined;
  const size = resultSize(result);
  return size > limit ? size : undefined;
}
