// The results of one run, one file per Node version (results/node-<major>.json): the figures the
// page needs, rounded, and written the way Prettier writes JSON so that the committed files pass
// `prettier --check` as they are written.
/* eslint-disable @typescript-eslint/explicit-module-boundary-types -- plain JavaScript, nothing to annotate */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const FILE = /^node-(\d+)\.json$/;

/** Numbers kept to a tenth (ns, bytes) or a hundredth (ms): more digits are noise. */
function rounded(value, key = '') {
  if (typeof value === 'number') {
    const digits = key.endsWith('Ms') ? 100 : 10;
    return Number.isInteger(value) ? value : Math.round(value * digits) / digits;
  }
  if (Array.isArray(value)) return value.map((item) => rounded(item));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v, k)]));
  }
  return value;
}

/** JSON with objects expanded and arrays of plain values on one line, as Prettier prints it. */
function json(value, indent = '') {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.every((item) => item === null || typeof item !== 'object')) {
      return `[${value.map((item) => JSON.stringify(item)).join(', ')}]`;
    }
    return `[\n${value.map((item) => inner + json(item, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    if (entries.length === 0) return '{}';
    const members = entries.map(
      ([key, item]) => `${inner}${JSON.stringify(key)}: ${json(item, inner)}`,
    );
    return `{\n${members.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** A run's results as the text of its file. */
export function resultsJson(run) {
  return `${json(rounded(run))}\n`;
}

/** Every run's results in `dir`, the `primary` Node major first, then the others newest first. */
export function readResults(dir, primary) {
  if (!existsSync(dir)) return [];
  const order = (major) => (major === primary ? Infinity : major);
  return readdirSync(dir)
    .filter((name) => FILE.test(name))
    .map((name) => JSON.parse(readFileSync(path.join(dir, name), 'utf8')))
    .sort((a, b) => order(b.node.major) - order(a.node.major));
}
