/**
 * Header values a handler sends, for every event kind, by RFC 9110 §5.5: a field value holds HTAB,
 * space, visible ASCII and obs-text (0x80–0xFF), nothing else. A reply or problem header, or a
 * cookie, with any other character — a control character besides HTAB, DEL, or a character above
 * U+00FF — is a defect answered with the masked 500, as CR, LF and NUL always were; the log names
 * the code point, never the value.
 */
import { err, ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { json, problem, toLambda } from '../../src/index.js';
import {
  SHAPES,
  eventFor,
  jsonApi,
  lambdaContext,
  parsedResult,
  requestIdOf,
  resultFor,
} from './shapes.js';
import { capturingLogger } from '../support/logger.js';

const REFUSED: readonly (readonly [string, string, string])[] = [
  ['SOH (U+0001)', 'a\u0001b', 'U+0001'],
  ['ESC (U+001B), a terminal escape', '\u001b[2Jok', 'U+001B'],
  ['a vertical tab (U+000B)', 'a\u000bb', 'U+000B'],
  ['DEL (U+007F)', 'a\u007f', 'U+007F'],
  ['U+0100, just above obs-text', 'caf\u0100', 'U+0100'],
  ['the euro sign (U+20AC)', '5 \u20ac', 'U+20AC'],
  ['an emoji (U+1F600)', 'hi \u{1f600}', 'U+1F600'],
  ['U+2028, a line separator to JavaScript', 'a\u2028b', 'U+2028'],
];

const SENT: readonly (readonly [string, string])[] = [
  ['HTAB and spaces', 'a\tb c'],
  ['every visible ASCII character', '!"#$%&\'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~'],
  ['obs-text (0x80–0xFF)', 'caf\u00e9 \u0080\u00ff'],
];

const MASKED = {
  status: '500',
  title: 'Internal Server Error',
  detail: 'The server failed to handle the request. Quote the request id when reporting this.',
};

describe.each(SHAPES)('header values, %s events', (shape) => {
  const masked500 = resultFor(shape, {
    status: 500,
    headers: { 'content-type': 'application/json' },
    body: jsonApi(requestIdOf(shape), MASKED),
  });

  it.each(REFUSED)('a reply header with %s: the masked 500', async (_, value, codePoint) => {
    const logger = capturingLogger();
    const handler = toLambda(() => ok(json({ a: 1 }, { headers: { 'x-note': value } })), {
      logger,
    });

    const result = await handler(eventFor(shape), lambdaContext());

    expect(parsedResult(result)).toEqual(masked500);
    expect(logger.error.mock.calls).toEqual([
      [
        expect.objectContaining({
          message: 'Handler defect answered with a masked 500',
          errorName: 'InvalidResponseError',
          errorMessage: `Header "x-note" has a value containing ${codePoint}, which a field value cannot hold (RFC 9110 §5.5).`,
        }),
      ],
    ]);
  });

  it.each(REFUSED)('a cookie with %s: the masked 500', async (_, value, codePoint) => {
    const logger = capturingLogger();
    const handler = toLambda(() => ok(json({ a: 1 }, { cookies: [`id=${value}`] })), { logger });

    const result = await handler(eventFor(shape), lambdaContext());

    expect(parsedResult(result)).toEqual(masked500);
    expect(logger.error).toHaveBeenCalledWith(
      expect.objectContaining({
        errorMessage: `Header "set-cookie" has a value containing ${codePoint}, which a field value cannot hold (RFC 9110 §5.5).`,
      }),
    );
  });

  it.each(REFUSED)('a problem header with %s: the masked 500', async (_, value) => {
    const handler = toLambda(
      () => err(problem({ status: 429, headers: { 'retry-after': `1${value}` } })),
      { logger: capturingLogger() },
    );

    expect(parsedResult(await handler(eventFor(shape), lambdaContext()))).toEqual(masked500);
  });

  it.each(SENT)('a reply header with %s goes out as it is', async (_, value) => {
    const handler = toLambda(
      () => ok(json({ a: 1 }, { headers: { 'x-note': value }, cookies: [`id=${value}`] })),
      { logger: capturingLogger() },
    );

    const result = await handler(eventFor(shape), lambdaContext());

    expect(parsedResult(result)).toEqual(
      resultFor(shape, {
        status: 200,
        headers: { 'content-type': 'application/json', 'x-note': value },
        cookies: [`id=${value}`],
        body: { a: 1 },
      }),
    );
  });
});
