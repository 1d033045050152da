// The contenders, in the order every table lists them; the floor first, since every ratio is
// to it. `timed: false` ones are bundled and cold-started, not timed per invocation.
import path from 'node:path';
import { transpileMiddySchema } from './middy-transpile.mjs';

const BENCH = path.resolve(import.meta.dirname, '..');

export const CONTENDERS = [
  { id: 'floor', label: 'hand-written (floor)' },
  { id: 'gatefold', label: 'gatefold' },
  { id: 'middy', label: 'Middy', prepare: transpileMiddySchema },
  // Once loaded it runs the same code as `middy`: only its bundle and cold start differ.
  { id: 'middy-runtime', label: 'Middy, schema compiled at load', timed: false },
  { id: 'powertools', label: 'Powertools' },
  { id: 'hono', label: 'Hono' },
].map((contender) => ({
  timed: true,
  ...contender,
  source: path.join(BENCH, 'contenders', `${contender.id}.mjs`),
}));

/** The contenders timed per invocation and for heap growth. */
export const TIMED = CONTENDERS.filter(({ timed }) => timed);
