/** The pass criteria both runs share. */

/** The heap after GC may move at most this much between the first and the last third. */
export const HEAP_DRIFT_LIMIT = 0.1;

export const HEAP_DRIFT_LIMIT_TEXT = '±10%';
