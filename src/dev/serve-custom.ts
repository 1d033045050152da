/**
 * The local server's `custom` event kind: each HTTP request goes through the REST API that
 * `openApiDocument(handler)` configures for a custom (non-proxy) integration — its resources, its
 * request template, the function, its selection patterns and response templates, its gateway
 * responses — as `custom-gateway.ts` emulates it.
 */
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { LAMBDA_SYNC_PAYLOAD_LIMIT } from '../events/limits.js';
import type { CustomApi, GatewayAnswer } from './custom-gateway.js';
import { customApiOf, gatewayResponse, integrationRequest, respond } from './custom-gateway.js';
import type { MappingTemplates } from './mapping-templates.js';
import { mappingTemplates } from './mapping-templates.js';
import { readBody } from './read-body.js';

/** What serving a function through its custom integration needs, prepared once. */
export interface CustomSetup {
  readonly api: CustomApi;
  readonly engine: MappingTemplates;
}

/** Describes the function's API and loads the template engine, before the server listens. */
export async function customSetup(handler: object): Promise<CustomSetup> {
  const api = customApiOf(handler);
  return { api, engine: await mappingTemplates() };
}

/** What a request got: the answer, and why the function was not invoked, or how it failed. */
export interface CustomOutcome {
  readonly answer: GatewayAnswer;
  /** Set when API Gateway answered by itself. */
  readonly refused?: string;
  /** Whether the request body was left unread (refused by its `content-length`, or as it grew). */
  readonly unread: boolean;
  /** Set when the function failed with something other than gatefold's error response. */
  readonly failure?: string;
}

/** The headers as sent: each name as the client wrote it, with its last value. */
function sentHeaders(request: IncomingMessage): Record<string, string> {
  const byName = new Map<string, readonly [string, string]>();
  const raw = request.rawHeaders;
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = raw[index] ?? '';
    byName.set(name.toLowerCase(), [name, raw[index + 1] ?? '']);
  }
  // `fromEntries` defines own properties: a header named `__proto__` stays a header.
  return Object.fromEntries(byName.values());
}

function tooLarge(setup: CustomSetup, reason: string): CustomOutcome {
  const answer = gatewayResponse(setup.api, setup.engine, 'REQUEST_TOO_LARGE', 'Request Too Long', {
    requestId: randomUUID(),
  });
  return { answer, refused: reason, unread: true };
}

/** Answers one HTTP request as the function's REST API would. */
export async function answerCustom(
  setup: CustomSetup,
  handler: (event: never, context: Context) => unknown,
  request: IncomingMessage,
  context: Context,
): Promise<CustomOutcome> {
  const limit = LAMBDA_SYNC_PAYLOAD_LIMIT;
  const over = `over the ${String(limit)}-byte limit of Lambda's request payload`;
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) return tooLarge(setup, `a ${String(declared)}-byte body is ${over}`);
  const body = await readBody(request, limit);
  if (body === undefined) return tooLarge(setup, `the body grew ${over}`);
  const url = request.url ?? '/';
  const question = url.indexOf('?');
  const prepared = integrationRequest(setup.api, setup.engine, {
    method: request.method ?? 'GET',
    path: question === -1 ? url : url.slice(0, question),
    rawQuery: question === -1 ? '' : url.slice(question + 1),
    headers: sentHeaders(request),
    body: body.toString('utf8'),
    sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
    // The stage of the local server's other REST events.
    stage: 'local',
  });
  if ('answer' in prepared) {
    return { answer: prepared.answer, refused: prepared.reason, unread: false };
  }
  const answer = await respond(
    setup.engine,
    prepared.method,
    handler,
    prepared.event,
    context,
    prepared.request,
  );
  // gatefold's error responses are how the function answers errors (recognised by name: a copy
  // of gatefold the module imported has a class of its own); anything else it threw is a
  // failure worth a log line.
  const thrown = answer.raw as { name?: unknown; message?: unknown } | null | undefined;
  if (!answer.failed || thrown?.name === 'IntegrationErrorResponse') {
    return { answer, unread: false };
  }
  const failure = typeof thrown?.message === 'string' ? thrown.message : String(answer.raw);
  return { answer, unread: false, failure };
}
