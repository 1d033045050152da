// The machine a run happened on, for the page that shows its figures.
/* eslint-disable @typescript-eslint/explicit-module-boundary-types -- plain JavaScript, nothing to annotate */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

/** The commit gatefold was built from, and whether its sources differed from it. */
function gatefoldRevision() {
  const root = path.resolve(import.meta.dirname, '../..');
  try {
    const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
    const commit = git('rev-parse', '--short', 'HEAD');
    return git('status', '--porcelain', '--', 'src') === '' ? commit : `${commit}, src/ modified`;
  } catch {
    return 'unknown';
  }
}

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
    gatefold: gatefoldRevision(),
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
  };
}
