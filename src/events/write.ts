import type { HttpResponse } from '../response.js';

/** @internal The body as an event result carries it: text as is, bytes as base64. */
export function encodeBody(body: string | Uint8Array): { body: string; isBase64Encoded: boolean } {
  return typeof body === 'string'
    ? { body, isBase64Encoded: false }
    : {
        body: Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('base64'),
        isBase64Encoded: true,
      };
}

/**
 * @internal Sets an own property, even one named `__proto__` (a valid header token), which plain
 * assignment would turn into a prototype change. Results stay plain objects, as users' tests and
 * the Lambda runtime's serialiser expect.
 */
export function setField<V>(target: Record<string, V>, key: string, value: V): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}

/**
 * @internal Headers as one value per name, repeated values joined with ", " (the list syntax of
 * RFC 9110 §5.3). Never used for `Set-Cookie`, whose values contain commas (`Expires=Wed, …`).
 */
export function joinedHeaders(response: HttpResponse): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(response.headers)) {
    const values = response.headers[name];
    if (values === undefined || values.length === 0) continue;
    setField(out, name, values.length === 1 ? (values[0] as string) : values.join(', '));
  }
  return out;
}
