// Cold starts, median of many fresh processes per contender. Processes are started in turns
// (floor, gatefold, Middy, … then again) so that a busy moment on the machine does not fall on
// one contender only.
/* eslint-disable @typescript-eslint/explicit-module-boundary-types -- plain JavaScript, nothing to annotate */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const CHILD = path.join(import.meta.dirname, 'cold-start-child.mjs');

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * `processes` cold starts of each bundle serving `scenario`'s event; per contender the median
 * import time, first-event time, their sum, and the time from the process's start to the first
 * response (each a median of its own).
 */
export function coldStarts(contenders, bundles, scenario, processes, outDir) {
  const eventFile = path.join(outDir, 'cold-start-event.json');
  writeFileSync(eventFile, scenario.eventJson);
  const runs = Object.fromEntries(contenders.map(({ id }) => [id, []]));
  for (let turn = 0; turn < processes; turn++) {
    for (const { id } of contenders) {
      const output = execFileSync(
        process.execPath,
        [CHILD, pathToFileURL(bundles[id].file).href, eventFile],
        { encoding: 'utf8' },
      );
      const run = JSON.parse(output);
      if (run.status !== scenario.expected.status) {
        throw new Error(`${id} answered its cold start with ${run.status}`);
      }
      runs[id].push(run);
    }
  }
  return Object.fromEntries(
    Object.entries(runs).map(([id, list]) => [
      id,
      {
        processes: list.length,
        importMs: median(list.map((run) => run.importMs)),
        firstEventMs: median(list.map((run) => run.firstEventMs)),
        totalMs: median(list.map((run) => run.importMs + run.firstEventMs)),
        fromProcessStartMs: median(list.map((run) => run.fromProcessStartMs)),
      },
    ]),
  );
}
