// The contenders, in the order every table lists them; the floor first, since every ratio is
// to it.
import path from 'node:path';

const BENCH = path.resolve(import.meta.dirname, '..');

export const CONTENDERS = [
  { id: 'floor', label: 'hand-written (floor)' },
  { id: 'gatefold', label: 'gatefold' },
  { id: 'middy', label: 'Middy' },
  { id: 'powertools', label: 'Powertools' },
  { id: 'hono', label: 'Hono' },
].map((contender) => ({
  ...contender,
  source: path.join(BENCH, 'contenders', `${contender.id}.mjs`),
}));
