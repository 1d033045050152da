/** `GET /health`: answers while the function can answer at all. */
import * as t from 'io-ts';
import type { Ok } from 'neverthrow';
import { ok } from 'neverthrow';
import type { Reply } from '../../../src/index.js';
import { json } from '../../../src/index.js';

/** What the health route answers, declared on its route for the OpenAPI document. */
export const Health = t.type({ status: t.literal('ok') });

export const health = (): Ok<Reply<t.TypeOf<typeof Health>>, never> => ok(json({ status: 'ok' }));
