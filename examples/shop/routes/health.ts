/** `GET /health`: answers while the function can answer at all. */
import type { Ok } from 'neverthrow';
import { ok } from 'neverthrow';
import type { Reply } from '../../../src/index.js';
import { json } from '../../../src/index.js';

export const health = (): Ok<Reply<{ readonly status: 'ok' }>, never> => ok(json({ status: 'ok' }));
