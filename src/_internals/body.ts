import { isUtf8 } from 'node:buffer';
import type { RequestBody } from '../request.js';

// Standard alphabet (RFC 4648 §4), as API Gateway, ALB and Function URLs send it: whole groups of
// four, then a last group of two or three characters, padded with `==` / `=` or not at all. The
// check is linear: a single regular expression over the whole body backtracks out of stack on
// multi-megabyte uploads.
const NOT_BASE64 = /[^A-Za-z0-9+/]/;

function isBase64(text: string): boolean {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  if (padding > 0 && text.length % 4 !== 0) return false;
  const unpadded = padding === 0 ? text : text.slice(0, -padding);
  if (unpadded.length % 4 === 1 || (padding > 0 && unpadded.length % 4 === 0)) return false;
  return !NOT_BASE64.test(unpadded);
}

/**
 * The bytes in an array of their own. Node serves small buffers from a shared pool, so
 * `buffer.buffer` would expose (and let a hash or a transfer read) other requests' bytes.
 */
function ownBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(
    buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength),
  );
}

const utf8 = /*#__PURE__*/ new TextDecoder('utf-8');

/** A body read lazily: text bodies are turned into bytes, and bytes into text, only if asked. */
class LazyBody implements RequestBody {
  #bytes: Uint8Array | undefined;
  #text: string | undefined;
  readonly #arrivedAsText: boolean;

  constructor(bytes: Uint8Array | undefined, text: string | undefined) {
    this.#bytes = bytes;
    this.#text = text;
    this.#arrivedAsText = bytes === undefined;
  }

  /** Whether the event carried the body as text (not base64). */
  get arrivedAsText(): boolean {
    return this.#arrivedAsText;
  }

  get bytes(): Uint8Array {
    this.#bytes ??= ownBytes(Buffer.from(this.#text ?? '', 'utf8'));
    return this.#bytes;
  }

  get size(): number {
    return this.#bytes !== undefined
      ? this.#bytes.byteLength
      : Buffer.byteLength(this.#text ?? '', 'utf8');
  }

  get text(): string {
    this.#text ??= utf8.decode(this.#bytes);
    return this.#text;
  }

  toJSON(): { text: string } {
    return { text: this.text };
  }
}

/** What reading a body gave: the body, or why it could not be read. */
export type BodyReading =
  | { readonly ok: true; readonly body: RequestBody | undefined }
  | { readonly ok: false; readonly detail: string };

/**
 * Reads an event body. `null`, a missing body and `""` are all "no body" (AWS sends each of them
 * for a request without one). Base64 is validated first, because Node's decoder silently skips
 * characters it does not know and would hand the handler corrupted bytes.
 */
export function readBody(body: unknown, isBase64Encoded: unknown): BodyReading {
  if (typeof body !== 'string' || body === '') return { ok: true, body: undefined };
  if (isBase64Encoded !== true) return { ok: true, body: new LazyBody(undefined, body) };
  if (!isBase64(body)) {
    return {
      ok: false,
      detail:
        'The request body is marked as base64-encoded but is not valid base64 (RFC 4648 §4 alphabet).',
    };
  }
  return { ok: true, body: new LazyBody(ownBytes(Buffer.from(body, 'base64')), undefined) };
}

/**
 * False when the body arrived as bytes (base64) that are not valid UTF-8. Its `text` then holds
 * U+FFFD where the bad bytes were, which a JSON reader must not take for what the client sent.
 * A body that arrived as text is UTF-8 by construction.
 */
export function isWellFormedUtf8(body: RequestBody): boolean {
  return !(body instanceof LazyBody) || body.arrivedAsText || isUtf8(body.bytes);
}

/** A body from text, for tests and the local server. */
export function textBody(text: string): RequestBody {
  return new LazyBody(undefined, text);
}

/**
 * @internal Whether a body is larger than `limit` bytes. A UTF-16 code unit is at most 3 bytes of
 * UTF-8, so a body that arrived as text and is within a third of the limit is known to fit
 * without its bytes being counted.
 */
export function sizeExceeds(body: RequestBody, limit: number): boolean {
  if (body instanceof LazyBody && body.arrivedAsText && body.text.length * 3 <= limit) return false;
  return body.size > limit;
}
