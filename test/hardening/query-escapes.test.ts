/**
 * Queries built to make percent-decoding expensive, for every event kind: hundreds of kilobytes
 * of escapes that are valid hex but not UTF-8 (`%C0`, truncated `%E2%82`), and tens of thousands
 * of values that are a lone `%`. Each value reaches the handler as sent — REST events arrive
 * decoded by API Gateway and are not decoded again — and decoding raises no exception on the
 * way: one caught exception per escape once made 640 KB of `%C0` take seconds of a function's
 * time. Nothing is logged as a defect.
 */
import { ok } from 'neverthrow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HttpEvent, HttpRequest } from '../../src/index.js';
import { json, toLambda } from '../../src/index.js';
import { capturingLogger } from '../support/logger.js';
import type { Shape } from './shapes.js';
import { SHAPES, eventFor, lambdaContext, parsedResult, requestIdOf, resultFor } from './shapes.js';

const KB = 1024;

interface Row {
  readonly name: string;
  /** Every value of the query parameter `v`, as the client sent them. */
  readonly sent: readonly string[];
  /** What the handler reads. */
  readonly read: readonly string[];
}

const ROWS: readonly Row[] = [
  {
    name: '640 KB of %C0, an overlong lead byte',
    sent: ['%C0'.repeat((640 * KB) / 3)],
    read: ['%C0'.repeat((640 * KB) / 3)],
  },
  {
    name: '640 KB of truncated three-byte sequences (%E2%82)',
    sent: ['%E2%82'.repeat((640 * KB) / 6)],
    read: ['%E2%82'.repeat((640 * KB) / 6)],
  },
  {
    name: '640 KB of %C0 between a euro sign and a letter, which are still decoded',
    sent: [`%E2%82%AC${'%C0'.repeat((640 * KB) / 3)}%41`],
    read: [`€${'%C0'.repeat((640 * KB) / 3)}A`],
  },
  {
    name: '40,000 values that are each a lone %',
    sent: Array.from({ length: 40_000 }, () => '%'),
    read: Array.from({ length: 40_000 }, () => '%'),
  },
];

/**
 * An event whose query holds `values` under `v`, raw as each kind carries it: in
 * `rawQueryString` for payload 2.0, undecoded for an ALB (one value in single-value mode, the
 * last one, as ALB keeps), and decoded already for REST, where API Gateway has done it.
 */
function eventWith(shape: Shape, values: readonly string[]): HttpEvent {
  const event = eventFor(shape, { path: '/search' }) as unknown as Record<string, unknown>;
  switch (shape) {
    case 'http':
    case 'function-url':
      event['rawQueryString'] = values.map((value) => `v=${value}`).join('&');
      break;
    case 'alb':
      event['queryStringParameters'] = { v: values.at(-1) };
      break;
    case 'alb-multi':
    case 'rest':
      event['multiValueQueryStringParameters'] = { v: values };
      break;
  }
  return event as unknown as HttpEvent;
}

/** What the handler reads for `values`, as {@link eventWith} sends them. */
function readBy(shape: Shape, row: Row): readonly string[] {
  if (shape === 'rest') return row.sent;
  return shape === 'alb' ? row.read.slice(-1) : row.read;
}

// Exceptions raised and caught while decoding: the cost these rows would otherwise pay.
const originalDecode = globalThis.decodeURIComponent;
let thrown = 0;

beforeEach(() => {
  thrown = 0;
  globalThis.decodeURIComponent = (text) => {
    try {
      return originalDecode(text);
    } catch (error) {
      thrown += 1;
      throw error;
    }
  };
});

afterEach(() => {
  globalThis.decodeURIComponent = originalDecode;
});

describe.each(SHAPES)('hostile query escapes, %s events', (shape) => {
  it.each(ROWS.map((row) => [row.name, row] as const))('%s', async (_, row) => {
    const logger = capturingLogger();
    const echo = toLambda((request: HttpRequest) => ok(json({ v: request.query['v'] })), {
      logger,
    });

    const result = await echo(eventWith(shape, row.sent), lambdaContext());

    const answer = {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: { v: readBy(shape, row) },
    };
    expect(parsedResult(result)).toEqual(resultFor(shape, answer, requestIdOf(shape)));
    expect(thrown).toBe(0);
    expect(logger.error).not.toHaveBeenCalled();
  });
});
