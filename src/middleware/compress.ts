import * as zlib from 'node:zlib';
import type { HttpResponse } from '../response.js';
import type { Middleware } from './middleware.js';
import { sound } from './chain.js';
import { addToList } from './middleware.js';
import { withEntry } from '../_internals/fields.js';
import { kindOf } from '../_internals/kind-of.js';
import { checkNumber, checkOptionsObject, refuseOption } from '../_internals/option-checks.js';

/** Compression settings. */
export interface CompressOptions {
  /** Bodies smaller than this many bytes are sent as they are; 1024 by default. */
  readonly threshold?: number;
  /**
   * Content codings to offer, in order of preference; brotli then gzip by default. `zstd`
   * (RFC 8878) needs a Node with zstd in `node:zlib` (22.15 or later).
   */
  readonly encodings?: readonly ('br' | 'gzip' | 'zstd')[];
}

/** A content coding `compress` can produce (RFC 9110 §8.4.1). */
type CompressEncoding = NonNullable<CompressOptions['encodings']>[number];

type Compressor = (body: Uint8Array) => Uint8Array;

// zstd came to node:zlib in Node 22.15 (and 23.8): looked up when the module loads, since a named
// import of a missing export would fail to load on an older Node.
const zstdCompressSync = (zlib as Partial<typeof zlib>).zstdCompressSync;

const COMPRESSORS: Readonly<Record<CompressEncoding, Compressor | undefined>> = {
  // Quality 5 of 11: most of brotli's gain at a fraction of its top setting's CPU time.
  br: (body) =>
    zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } }),
  gzip: (body) => zlib.gzipSync(body),
  // zstd's default level (3): gzip's ratio or better, in less time.
  zstd: zstdCompressSync === undefined ? undefined : (body) => zstdCompressSync(body),
};

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
 * import { toLambda } from 'gatefold';
 * import { compress } from 'gatefold/middleware';
 *
 * export const handler = toLambda(() => ok({ items: [] }), { middleware: [compress({ threshold: 512 })] });
 * ```
 */
export function compress(options: CompressOptions = {}): Middleware {
  const encodings = checkCompressOptions(options);
  const threshold = options.threshold ?? 1024;
  return sound((next) => async (request, context) => {
    const response = await next(request, context);
    const varied = addToList(response, 'vary', 'accept-encoding');
    const accept = request.headers['accept-encoding']?.join(',') ?? '';
    if (accept === '' || response.headers['content-encoding'] !== undefined) return varied;
    const type = response.headers['content-type']?.[0] ?? '';
    if (!COMPRESSIBLE.test(type)) return varied;
    const body = bytesOf(response.body);
    if (body.byteLength < threshold) return varied;
    let best: readonly [CompressEncoding, Compressor] | undefined;
    let bestQ = 0;
    for (const entry of encodings) {
      const q = qualityOf(accept, entry[0]);
      if (q > bestQ) {
        best = entry;
        bestQ = q;
      }
    }
    if (best === undefined) return varied;
    const [encoding, compressor] = best;
    const headers = withEntry(varied.headers, 'content-encoding', [encoding]);
    delete headers['content-length'];
    // RFC 9110 §8.8.1: other bytes, so a strong validator no longer holds; a weak one still does.
    const etag = headers['etag']?.[0];
    if (etag !== undefined && !etag.startsWith('W/')) headers['etag'] = [`W/${etag}`];
    const compressed = compressor(body);
    return { ...varied, headers, body: new Uint8Array(compressed) } satisfies HttpResponse;
  });
}

/**
 * The encodings to offer, each with its compressor, once the options are known to be sound: a
 * JavaScript caller can pass a name `compress` does not produce (whose label would go out on bytes
 * of another coding), a string where the list belongs, or zstd on a Node without it.
 */
function checkCompressOptions(
  options: unknown,
): readonly (readonly [CompressEncoding, Compressor])[] {
  checkOptionsObject('compress', options, 'compress({ threshold: 1024 })');
  const { threshold, encodings = ['br', 'gzip'] } = options as Record<string, unknown>;
  checkNumber('compress', 'threshold', threshold, 0);
  if (!Array.isArray(encodings) || encodings.length === 0) {
    refuseOption(
      'compress',
      `\`encodings\` is ${Array.isArray(encodings) ? 'an empty list' : kindOf(encodings)}; pass a list such as ['br', 'gzip'] (leave compress out to send bodies as they are).`,
    );
  }
  return encodings.map((encoding: unknown, index) => {
    const compressor = Object.hasOwn(COMPRESSORS, encoding as string)
      ? COMPRESSORS[encoding as CompressEncoding]
      : undefined;
    if (compressor !== undefined) return [encoding as CompressEncoding, compressor] as const;
    return refuseOption(
      'compress',
      encoding === 'zstd'
        ? `\`encodings[${String(index)}]\` is 'zstd', which this Node (${process.version}) does not have in node:zlib; it needs Node 22.15 or later. Offer ['br', 'gzip'] instead.`
        : `\`encodings[${String(index)}]\` is ${typeof encoding === 'string' ? `'${encoding.slice(0, 32)}'` : kindOf(encoding)}, not one of 'br', 'gzip' or 'zstd'.`,
    );
  });
}
