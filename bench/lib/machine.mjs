// The machine a run happened on, for the page that shows its figures.
/* eslint-disable @typescript-eslint/explicit-module-boundary-types -- plain JavaScript, nothing to annotate */
import os from 'node:os';

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
    v8: process.versions.v8,
    loadAverage: os.loadavg().map((load) => load.toFixed(2)),
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
  };
}
