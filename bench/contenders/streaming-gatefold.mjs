// gatefold: `toStreamingLambda` with a `stream()` reply read from an async generator.
import { queryParam } from 'gatefold';
import { ok } from 'neverthrow';
import { stream, toStreamingLambda } from 'gatefold/streaming';
import { chunksOf } from '../lib/streaming-body.mjs';

export const handler = toStreamingLambda(
  (request) =>
    ok(
      stream(chunksOf(queryParam(request, 'chunks')), {
        headers: { 'content-type': 'application/octet-stream' },
      }),
    ),
  { logger: false },
);
