// Hono: `streamHandle` from hono/aws-lambda, the body written with the `stream` helper of
// hono/streaming, as Hono's AWS Lambda documentation shows it.
import { Hono } from 'hono';
import { streamHandle } from 'hono/aws-lambda';
import { stream } from 'hono/streaming';
import { chunksOf } from '../lib/streaming-body.mjs';

const app = new Hono();

app.get('/stream', (c) => {
  c.header('content-type', 'application/octet-stream');
  return stream(c, async (out) => {
    for await (const chunk of chunksOf(c.req.query('chunks'))) await out.write(chunk);
  });
});

export const handler = streamHandle(app);
