import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { HttpResponse } from '../response.js';
import type { Middleware } from './middleware.js';
import { addToList } from './middleware.js';
import { withEntry } from '../_internals/fields.js';

/** Compression settings. */
export interface CompressOptions {
  /** Bodies smaller than this many bytes are sent as they are; 1024 by default. */
  readonly threshold?: number;
  /** Encodings to offer, in order of preference; brotli then gzip by default. */
  readonly encodings?: readonly ('br' | 'gzip')[];
}

// Text-like types compress well; images, archives and video are compressed already.
const COMPRESSIBLE =
  /^(?:text\/|application\/(?:[\w.+-]*\+)?(?:json|xml|javascript|x-www-form-urlencoded)|image\/svg\+xml)/i;

/** The q-value the `Accept-Encoding` header gives an encoding (RFC 9110 §12.5.3). */
function qualityOf(acceptEncoding: string, encoding: string): number {
  let wildcard = -1;
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    const quality = Number.isFinite(q) ? q : 0;
    if (name === encoding) return quality;
    if (name === '*') wildcard = quality;
  }
  return wildcard === -1 ? 0 : wildcard;
}

function bytesOf(body: string | Uint8Array): Uint8Array {
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
}

/**
 * Compresses response bodies with brotli or gzip (node:zlib) when the client accepts it and the
 * body is large enough and of a compressible type; the body is then sent base64-encoded with
 * `isBase64Encoded: true`, `Content-Encoding`, and `Vary: Accept-Encoding`.
 *
 * @example
 * ```ts
 * import { ok } from 'neverthrow';
 * import { compress, toLambda } from 'gatefold';
 *
 * export const handler = toLambda(() => ok({ items: [] }), { middleware: [compress({ threshold: 512 })] });
 * ```
 */
export function compress(options: CompressOptions = {}): Middleware {
  const threshold = options.threshold ?? 1024;
  const encodings = options.encodings ?? ['br', 'gzip'];
  return (next) => async (request, context) => {
    const response = await next(request, context);
    const varied = addToList(response, 'vary', 'accept-encoding');
    const accept = request.headers['accept-encoding']?.join(',') ?? '';
    if (accept === '' || response.headers['content-encoding'] !== undefined) return varied;
    const type = response.headers['content-type']?.[0] ?? '';
    if (!COMPRESSIBLE.test(type)) return varied;
    const body = bytesOf(response.body);
    if (body.byteLength < threshold) return varied;
    let best: 'br' | 'gzip' | undefined;
    let bestQ = 0;
    for (const encoding of encodings) {
      const q = qualityOf(accept, encoding);
      if (q > bestQ) {
        best = encoding;
        bestQ = q;
      }
    }
    if (best === undefined) return varied;
    // Quality 5 of 11: most of brotli's gain at a fraction of its top setting's CPU time.
    const compressed =
      best === 'br'
        ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
        : gzipSync(body);
    const headers = withEntry(varied.headers, 'content-encoding', [best]);
    delete headers['content-length'];
    // RFC 9110 §8.8.1: other bytes, so a strong validator no longer holds; a weak one still does.
    const etag = headers['etag']?.[0];
    if (etag !== undefined && !etag.startsWith('W/')) headers['etag'] = [`W/${etag}`];
    return { ...varied, headers, body: new Uint8Array(compressed) } satisfies HttpResponse;
  };
}
