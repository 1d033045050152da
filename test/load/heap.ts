/**
 * Heap figures for the load and soak runs: the heap in use right after a full collection, so
 * garbage that is merely not collected yet never looks like a leak.
 */

/** The V8 heap in use, in bytes, after a full garbage collection. Needs `--expose-gc`. */
export function heapAfterGc(): number {
  if (globalThis.gc === undefined) throw new Error('run node with --expose-gc');
  // A second pass collects what the first one only unlinked (weak references, finalizers).
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed;
}

/** How the heap moved over a run: the mean of the first third of samples against the last. */
export interface HeapDrift {
  readonly samples: number;
  readonly firstThirdBytes: number;
  readonly lastThirdBytes: number;
  /** (last - first) / first: 0.05 is 5% growth. */
  readonly change: number;
}

const mean = (values: readonly number[]): number =>
  values.reduce((sum, value) => sum + value, 0) / values.length;

/** Compares the first and the last third of `samples` (at least three). */
export function heapDrift(samples: readonly number[]): HeapDrift {
  if (samples.length < 3)
    throw new Error(`need 3 heap samples or more, got ${samples.length}: run longer`);
  const third = Math.floor(samples.length / 3);
  const firstThirdBytes = mean(samples.slice(0, third));
  const lastThirdBytes = mean(samples.slice(samples.length - third));
  return {
    samples: samples.length,
    firstThirdBytes,
    lastThirdBytes,
    change: (lastThirdBytes - firstThirdBytes) / firstThirdBytes,
  };
}

export const mebibytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;

export const percent = (ratio: number): string =>
  `${ratio >= 0 ? '+' : ''}${(ratio * 100).toFixed(2)}%`;
