// Figures derived from one run's raw results: ratios to the floor, the rows of each table, and
// whether gatefold met its targets. Nothing here measures; everything here is arithmetic.
/* eslint-disable @typescript-eslint/explicit-module-boundary-types -- plain JavaScript, nothing to annotate */

export const ns = (value) => Math.round(value).toLocaleString('en-US');
export const ms = (value) => value.toFixed(1);
export const kb = (bytes) => (bytes / 1024).toFixed(1);
export const ratio = (value, floor) => `${(value / floor).toFixed(1)}×`;

/** Per scenario, per contender: median and p99 in ns, as the median over the rounds. */
export function invocationFigures(timing) {
  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  };
  const figures = {};
  for (const [scenario, byContender] of Object.entries(timing)) {
    figures[scenario] = {};
    for (const [contender, rounds] of Object.entries(byContender)) {
      figures[scenario][contender] = {
        p50: median(rounds.map((round) => round.p50)),
        p99: median(rounds.map((round) => round.p99)),
        samples: rounds.reduce((sum, round) => sum + round.samples, 0),
      };
    }
  }
  return figures;
}

/** gatefold's targets, each with whether it was met and, when not, where. */
export function targets(contenders, scenarios, invocation, coldStart, bundles) {
  const others = contenders.filter(({ id }) => id !== 'floor' && id !== 'gatefold');
  const timedOthers = others.filter(({ timed }) => timed);
  const label = (id) => contenders.find((contender) => contender.id === id).label;
  const slowFloor = [];
  const beaten = [];
  for (const scenario of scenarios) {
    const figures = invocation[scenario.id];
    const gatefold = figures.gatefold.p50;
    const toFloor = gatefold / figures.floor.p50;
    if (toFloor > 1.5)
      slowFloor.push(`${scenario.label} (${scenario.kindLabel}): ${toFloor.toFixed(1)}×`);
    for (const other of timedOthers) {
      if (figures[other.id].p50 <= gatefold) {
        beaten.push(`${scenario.label} (${scenario.kindLabel}): ${label(other.id)}`);
      }
    }
  }
  const smallerBundle = others.filter(
    ({ id }) => bundles[id].gzipBytes <= bundles.gatefold.gzipBytes,
  );
  const fasterStart = others.filter(
    ({ id }) => coldStart[id].totalMs <= coldStart.gatefold.totalMs,
  );
  return [
    {
      target: 'per invocation within 1.5× the floor, every scenario',
      met: slowFloor.length === 0,
      misses: slowFloor,
    },
    {
      target: 'per invocation faster than every other contender, every scenario',
      met: beaten.length === 0,
      misses: beaten.map((miss) => `${miss} as fast or faster`),
    },
    {
      target: 'bundle (gzip) smaller than every other contender',
      met: smallerBundle.length === 0,
      misses: smallerBundle.map(({ label: name }) => `${name} as small or smaller`),
    },
    {
      target: 'cold start faster than every other contender',
      met: fasterStart.length === 0,
      misses: fasterStart.map(({ label: name }) => `${name} as fast or faster`),
    },
  ];
}
