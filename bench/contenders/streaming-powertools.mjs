// Powertools for AWS Lambda: the event-handler Router with `streamify`, the route answering a
// web Response whose body is a ReadableStream.
/* global Response, ReadableStream -- the WHATWG globals of Node 18 and later */
import { URL } from 'node:url';
import { Router, streamify } from '@aws-lambda-powertools/event-handler/http';
import { chunksOf } from '../lib/streaming-body.mjs';

const app = new Router();

app.get(
  '/stream',
  (reqCtx) =>
    new Response(
      ReadableStream.from(chunksOf(new URL(reqCtx.req.url).searchParams.get('chunks'))),
      {
        status: 200,
        headers: { 'content-type': 'application/octet-stream' },
      },
    ),
);

export const handler = streamify(app);
