// What "the same answer" means across contenders: the status, the headers that carry
// information (content type, location, request id) and the JSON body, compared as values —
// whatever shape of proxy result each library builds, and whatever order it writes members in.
/* eslint-disable @typescript-eslint/explicit-module-boundary-types -- plain JavaScript, nothing to annotate */
import { Buffer } from 'node:buffer';
import { isDeepStrictEqual } from 'node:util';

const COMPARED_HEADERS = ['content-type', 'location', 'x-request-id'];

/** One header map from `headers` and `multiValueHeaders`, names in lower case. */
function headersOf(result) {
  const headers = {};
  for (const [name, values] of Object.entries(result.multiValueHeaders ?? {})) {
    headers[name.toLowerCase()] = values.join(', ');
  }
  for (const [name, value] of Object.entries(result.headers ?? {})) {
    headers[name.toLowerCase()] = String(value);
  }
  return headers;
}

/** A proxy result reduced to what is compared. */
export function answerOf(result) {
  const headers = headersOf(result);
  const compared = {};
  for (const name of COMPARED_HEADERS) {
    const value = headers[name];
    if (value === undefined) continue;
    // The media type is the information; `; charset=UTF-8` and the like are not compared.
    compared[name] = name === 'content-type' ? value.split(';')[0].trim() : value;
  }
  const text = result.isBase64Encoded
    ? Buffer.from(result.body ?? '', 'base64').toString('utf8')
    : (result.body ?? '');
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: result.statusCode, headers: compared, body };
}

/** Throws when `result` is not the answer the scenario expects. */
export function verify(contender, scenario, result) {
  const actual = answerOf(result);
  if (!isDeepStrictEqual(actual, scenario.expected)) {
    throw new Error(
      `${contender} answered ${scenario.id} wrongly.\n` +
        `expected: ${JSON.stringify(scenario.expected)}\n` +
        `actual:   ${JSON.stringify(actual)}`,
    );
  }
}
