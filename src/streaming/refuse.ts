/**
 * The answer of a streaming function to an event whose source cannot stream. HTTP APIs and
 * ALBs invoke Lambda synchronously and read one JSON result ("Response streaming is only
 * supported for REST APIs", API Gateway developer guide, "Stream the integration response for
 * your proxy integrations"; an ALB takes a Lambda target's JSON result, Elastic Load Balancing
 * guide, "Lambda functions as targets"). Lambda still runs a streaming function for them, and
 * what it writes becomes the result: a metadata prelude and a body there would be a malformed
 * result, the client a bare 502, the logs silent. So the function writes, instead, the kind's
 * own JSON result — a 500 problem — and logs which source called and what to change.
 */
import type { Context } from 'aws-lambda';
import type { FoldConfig } from '../fold.js';
import type { HttpRequest } from '../request.js';
import type { StreamObserveConfig } from './observe.js';
import type { ResponseStream } from './wire.js';
import { readEvent, writeResult } from '../events/kinds.js';
import { fallbackRequest } from '../events/read.js';
import { problemsFolded } from '../fold.js';
import { safeLog } from '../logger.js';
import { problem } from '../problem.js';
import { withEntry } from '../_internals/fields.js';
import { requestLogFields } from '../_internals/log-fields.js';
import { endStream } from './flow.js';
import { observeStream } from './observe.js';

const SOURCES = {
  http: 'an HTTP API',
  alb: 'an Application Load Balancer',
} as const;

const FIX =
  'Invoke it through a Function URL with InvokeMode RESPONSE_STREAM, or through a REST API whose Lambda proxy integration has responseTransferMode STREAM (docs/streaming.md); or build this function with toLambda, which answers every source.';

/** @internal What the refusal needs from the adapter. */
export interface RefuseContext {
  readonly config: FoldConfig;
  readonly requestIdHeader: string;
  readonly adoptRequestId: string | undefined;
  readonly observe: StreamObserveConfig;
  readonly startedAt: number;
  readonly gatewayRequestId: string | undefined;
}

/** @internal Answers an HTTP API or ALB event with its kind's JSON 500 result, logged. */
export async function refuseSource(
  kind: 'http' | 'alb',
  record: Record<string, unknown>,
  responseStream: ResponseStream,
  context: Context,
  refuse: RefuseContext,
): Promise<void> {
  let request: HttpRequest;
  try {
    request = readEvent(kind, record, context, refuse.adoptRequestId).request;
  } catch {
    request = fallbackRequest(kind, record, context);
  }
  const source = SOURCES[kind];
  safeLog(refuse.config.logger, 'error', {
    message: `This streaming function was invoked by ${source}, which cannot stream responses; answered 500. ${FIX}`,
    ...requestLogFields(request),
  });
  const unsupported = problem({
    status: 500,
    code: 'streaming-unsupported',
    detail: `This function streams its responses, which ${source} cannot carry. The function's log says what to change.`,
  });
  const folded = problemsFolded(request, [unsupported], refuse.config);
  const { response } = folded;
  const headers =
    request.requestId === ''
      ? response.headers
      : withEntry(response.headers, refuse.requestIdHeader, [request.requestId]);
  const result = writeResult(
    kind,
    {
      status: response.status,
      headers,
      cookies: response.cookies,
      body: request.method === 'HEAD' ? '' : response.body,
    },
    record,
    request,
    refuse.config.logger,
  );
  const text = JSON.stringify(result);
  responseStream.write(text);
  const firstByteAt = performance.now();
  await endStream(responseStream);
  observeStream(
    {
      request,
      route: request.route,
      gatewayRequestId: refuse.gatewayRequestId,
      status: 500,
      startedAt: refuse.startedAt,
      firstByteAt,
      bytesSent: Buffer.byteLength(text),
      streamed: false,
      outcome: 'unsupported-source',
      defect: false,
      problems: [unsupported],
    },
    refuse.observe,
  );
}
