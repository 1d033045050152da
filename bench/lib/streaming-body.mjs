// The body every streaming contender sends: `count` chunks of 64 KiB (the `chunks` query
// parameter), each a fresh buffer, produced as an async generator would read them from a source.
/* eslint-disable @typescript-eslint/explicit-module-boundary-types -- plain JavaScript, nothing to annotate */

export const CHUNK_BYTES = 64 * 1024;

export async function* chunksOf(chunks) {
  const count = Number(chunks ?? 1);
  for (let n = 0; n < count; n += 1) {
    await Promise.resolve();
    yield new Uint8Array(CHUNK_BYTES).fill(n & 0xff);
  }
}
