// Figures derived from a run's raw results: ratios to the floor, geometric means, and whether
// gatefold met its targets. Nothing here measures; everything here is arithmetic.
/* eslint-disable @typescript-eslint/explicit-module-boundary-types -- plain JavaScript, nothing to annotate */

export const ns = (value) => Math.round(value).toLocaleString('en-US');
export const ms = (value) => value.toFixed(1);
/** Bundle sizes in KB of 1,000 bytes, the unit of the bundle targets. */
export const kb = (bytes) => (bytes / 1000).toFixed(1);
/** Heap sizes in KiB of 1,024 bytes. */
export const kib = (bytes) => (bytes / 1024).toFixed(1);
export const times = (value, digits = 1) => `${value.toFixed(digits)}×`;
export const ratio = (value, floor) => times(value / floor);

/** The targets' thresholds, from issue #18. */
export const LIMITS = {
  /** Geometric mean over the scenarios of gatefold's median over the floor's. */
  geomean: 2,
  geomeanAim: 1.5,
  /** First response of a fresh process, counted from the process's start, over the floor's. */
  firstResponse: 1.2,
  /** Import plus first event the issue hopes for, in ms: shown beside, not a target of its own. */
  importAndFirstEventMs: 10,
  /** gatefold's bundle, ES modules first, gzip, in bytes: under 15 KB. */
  esmFirstGzipBytes: 15_000,
  /** gatefold's bundle with esbuild's default main fields, gzip, in bytes: 31.3 KB recorded. */
  esbuildDefaultsBaselineBytes: 31_300,
  /**
   * Heap growth that still counts as flat: 256 KiB over the run, under 3 bytes an invocation over
   * 100,000 (one object of 16 bytes kept per invocation would be 1.5 MiB).
   */
  heapFlatBytes: 256 * 1024,
};

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The geometric mean of positive numbers. */
export function geomean(values) {
  return Math.exp(values.reduce((sum, value) => sum + Math.log(value), 0) / values.length);
}

/** Per scenario, per contender: median and p99 in ns, as the median over the rounds. */
export function invocationFigures(timing) {
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

/** Geometric mean over the scenarios of a contender's median as a multiple of the floor's. */
export function geomeanToFloor(invocation, scenarios, id) {
  return geomean(
    scenarios.map(
      ({ id: scenario }) => invocation[scenario][id].p50 / invocation[scenario].floor.p50,
    ),
  );
}

/** `POST /users valid, HTTP API`. */
const where = (scenario) => `${scenario.label}, ${scenario.kind === 'rest' ? 'REST' : 'HTTP'} API`;
const percent = (fraction) => `${Math.round(fraction * 100)}%`;
/** `Middy, Powertools and Hono`. */
const andList = (names) =>
  names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;

/**
 * gatefold's targets for one run: each `{ target, met, detail }`, the detail giving the figure
 * and, when missed, where and by how much.
 */
export function targets(contenders, scenarios, run) {
  const { invocation, coldStart, bundles, heap, settings } = run;
  const peers = contenders.filter(({ id, timed }) => timed && id !== 'floor' && id !== 'gatefold');

  // Faster than every peer in every scenario: the misses, or the closest call.
  const slower = [];
  let closest;
  for (const scenario of scenarios) {
    const figures = invocation[scenario.id];
    for (const peer of peers) {
      const share = figures.gatefold.p50 / figures[peer.id].p50;
      if (share >= 1) {
        slower.push(
          `${where(scenario)}: gatefold ${ns(figures.gatefold.p50)} ns, ${peer.label} ` +
            `${ns(figures[peer.id].p50)} ns (${times(share, 2)})`,
        );
      }
      if (closest === undefined || share > closest.share) closest = { share, scenario, peer };
    }
  }
  const faster = {
    target: `faster than ${andList(peers.map(({ label }) => label))} in every scenario (median)`,
    met: slower.length === 0,
    detail:
      slower.length === 0
        ? `closest: ${where(closest.scenario)}, gatefold at ${times(closest.share, 2)} ` +
          `${closest.peer.label}'s median`
        : slower.join('; '),
  };

  const toFloor = geomeanToFloor(invocation, scenarios, 'gatefold');
  const geomeanTarget = {
    target: `geomean of gatefold's medians over the floor's ≤ ${LIMITS.geomean}× (aim ${LIMITS.geomeanAim}×)`,
    met: toFloor <= LIMITS.geomean,
    detail:
      `${times(toFloor, 2)}` +
      (toFloor <= LIMITS.geomean
        ? toFloor <= LIMITS.geomeanAim
          ? ', within the aim'
          : `, ${percent(toFloor / LIMITS.geomeanAim - 1)} over the aim`
        : `, ${percent(toFloor / LIMITS.geomean - 1)} over ${LIMITS.geomean}×`),
  };

  const start = coldStart.gatefold;
  const floorStart = coldStart.floor;
  const startRatio = start.fromProcessStartMs / floorStart.fromProcessStartMs;
  const firstResponse = {
    target: `first response from process start ≤ ${LIMITS.firstResponse}× the floor's`,
    met: startRatio <= LIMITS.firstResponse,
    detail:
      `${times(startRatio, 2)}: ${ms(start.fromProcessStartMs)} ms, floor ` +
      `${ms(floorStart.fromProcessStartMs)} ms` +
      (startRatio <= LIMITS.firstResponse
        ? ''
        : `, ${ms(start.fromProcessStartMs - LIMITS.firstResponse * floorStart.fromProcessStartMs)} ms over ${LIMITS.firstResponse}×`) +
      `; import + first event ${ms(start.totalMs)} ms (≈ ${LIMITS.importAndFirstEventMs} ms or less hoped for)`,
  };

  const esmFirst = bundles.gatefold.gzipBytes;
  const esmFirstTarget = {
    target: `bundle, ES modules first, gzip < ${LIMITS.esmFirstGzipBytes / 1000} KB`,
    met: esmFirst < LIMITS.esmFirstGzipBytes,
    detail:
      `${kb(esmFirst)} KB` +
      (esmFirst < LIMITS.esmFirstGzipBytes
        ? ''
        : `, ${kb(esmFirst - LIMITS.esmFirstGzipBytes)} KB over`),
  };

  const defaults = bundles.gatefold.esbuildDefaults.gzipBytes;
  const baseline = LIMITS.esbuildDefaultsBaselineBytes;
  const defaultsTarget = {
    target: `bundle, esbuild's defaults, gzip no worse than ${kb(baseline)} KB (the recorded baseline)`,
    met: defaults <= baseline,
    detail:
      `${kb(defaults)} KB` + (defaults <= baseline ? '' : `, ${kb(defaults - baseline)} KB over`),
  };

  const growth = heap.gatefold.growth;
  const heapTarget = {
    target: `heap growth flat: under ${LIMITS.heapFlatBytes / 1024} KiB over the run`,
    met: growth < LIMITS.heapFlatBytes,
    detail:
      `${kib(growth)} KiB over ${settings.heapInvocations.toLocaleString('en-US')} invocations` +
      (growth < LIMITS.heapFlatBytes ? '' : `, ${kib(growth - LIMITS.heapFlatBytes)} KiB over`),
  };

  return [faster, geomeanTarget, firstResponse, esmFirstTarget, defaultsTarget, heapTarget];
}
