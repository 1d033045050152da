/**
 * Reading JSON bodies from real requests (events run through toLambda): media type, size and
 * depth limits before parsing, malformed JSON with its position, and members that reach
 * prototypes.
 */
import { err, ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { BodyLimits } from '../../src/decode/json-body.js';
import { readJsonBody } from '../../src/decode/json-body.js';
import { problemList } from '../../src/decode/problem-list.js';
import type { HttpEvent, HttpRequest, Problem } from '../../src/index.js';
import {
  DEFAULT_BODY_LIMITS,
  badRequest,
  isJsonMediaType,
  noContent,
  payloadTooLarge,
  problem,
  toLambda,
  unsupportedMediaType,
} from '../../src/index.js';
import { albEvent, fakeContext, httpApiEvent, restApiEvent } from '../../src/testing/index.js';
import { capturingLogger } from '../support/logger.js';

/** The request a handler receives for an event. */
async function requestFrom(event: HttpEvent): Promise<HttpRequest> {
  const seen: HttpRequest[] = [];
  const lambda = toLambda(
    (request) => {
      seen.push(request);
      return ok(noContent());
    },
    { logger: capturingLogger() },
  );
  await lambda(event, fakeContext());
  const [request] = seen;
  if (request === undefined) throw new Error('The handler was not called.');
  return request;
}

/** An HTTP API POST with a body (bytes are sent base64-encoded) and, when given, a Content-Type. */
function post(body: string | Uint8Array, contentType?: string): HttpEvent {
  return httpApiEvent({
    method: 'POST',
    body,
    headers: contentType === undefined ? {} : { 'content-type': contentType },
  });
}

/** Reads the JSON body of an HTTP API POST. */
async function read(
  body: string,
  contentType = 'application/json',
  limits: BodyLimits = DEFAULT_BODY_LIMITS,
) {
  return readJsonBody(await requestFrom(post(body, contentType)), limits);
}

const SMALL: BodyLimits = { maxBytes: 10, maxDepth: 64 };
const SHALLOW: BodyLimits = { maxBytes: 1024, maxDepth: 3 };

function tooDeep(levels: number): Problem {
  return badRequest({
    code: 'too-deep',
    title: 'JSON nested too deeply',
    detail: `The body nests arrays and objects deeper than ${String(levels)} levels.`,
    source: { pointer: '' },
  });
}

function tooLarge(size: number, limit: number): Problem {
  return payloadTooLarge({
    code: 'body-too-large',
    detail: `The body is ${String(size)} bytes; the limit is ${String(limit)}.`,
    meta: { limit },
  });
}

function forbidden(pointer: string): Problem {
  return badRequest({
    code: 'forbidden-member',
    title: 'Forbidden member name',
    detail: 'Members named __proto__, constructor or prototype are not accepted.',
    source: { pointer },
  });
}

describe('isJsonMediaType', () => {
  it.each([
    ['application/json', true],
    ['application/vnd.api+json', true],
    ['application/problem+json', true],
    ['application/merge-patch+json', true],
    ['Application/JSON; charset=utf-8', true],
    ['application/json;charset=UTF-8', true],
    ['  application/json  ', true],
    ['APPLICATION/VND.API+JSON; ext="https://example.com/ext"', true],
    ['text/plain', false],
    ['text/json', false],
    ['application/jsonp', false],
    ['application/json-seq', false],
    ['application/x-ndjson', false],
    ['application/xml', false],
    ['multipart/form-data; boundary=x', false],
    ['json', false],
    ['', false],
    [undefined, false],
  ])('is %j for %j', (contentType, expected) => {
    expect(isJsonMediaType(contentType)).toBe(expected);
  });
});

describe('readJsonBody: media type', () => {
  it.each([
    'application/json',
    'application/vnd.api+json',
    'application/problem+json',
    'Application/JSON; charset=utf-8',
  ])('parses a body sent as %s', async (contentType) => {
    expect(await read('{"a":[1,"x",null]}', contentType)).toEqual(ok({ a: [1, 'x', null] }));
  });

  it('reads the Content-Type of a REST API event whatever its case', async () => {
    const request = await requestFrom(
      restApiEvent({
        method: 'POST',
        body: '{"a":1}',
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    expect(readJsonBody(request, DEFAULT_BODY_LIMITS)).toEqual(ok({ a: 1 }));
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'text/json'])(
    'refuses a body sent as %s with 415, pointing at the content-type header',
    async (contentType) => {
      expect(await read('{"a":1}', contentType)).toEqual(
        err([
          unsupportedMediaType({
            code: 'unsupported-media-type',
            detail: `The body is ${contentType}; send application/json or another +json type.`,
            source: { header: 'content-type' },
          }),
        ]),
      );
    },
  );

  it('refuses a body without a Content-Type with 415', async () => {
    const request = await requestFrom(post('{"a":1}'));
    expect(request.headers['content-type']).toBeUndefined();
    expect(readJsonBody(request, DEFAULT_BODY_LIMITS)).toEqual(
      err([
        unsupportedMediaType({
          code: 'unsupported-media-type',
          detail: 'The body has no Content-Type; send application/json.',
          source: { header: 'content-type' },
        }),
      ]),
    );
  });

  it('gives 415 with the Unsupported Media Type status and title', async () => {
    const result = await read('{}', 'text/plain');
    expect(result.isErr() ? result.error.map((p) => [p.status, p.title]) : result).toEqual([
      [415, 'Unsupported Media Type'],
    ]);
  });
});

describe('readJsonBody: no body', () => {
  it.each([
    ['an HTTP API event without a body', httpApiEvent()],
    ['a REST API event whose body is null', restApiEvent({ method: 'POST' })],
    ['an ALB event whose body is empty', albEvent()],
    [
      'an HTTP API event with an empty body and a text Content-Type',
      httpApiEvent({ body: '', headers: { 'content-type': 'text/plain' } }),
    ],
  ])('gives ok(undefined) for %s', async (_, event) => {
    expect(readJsonBody(await requestFrom(event), DEFAULT_BODY_LIMITS)).toEqual(ok(undefined));
  });
});

describe('readJsonBody: size', () => {
  it('accepts a body of exactly maxBytes', async () => {
    expect(await read('{"a":1234}', 'application/json', SMALL)).toEqual(ok({ a: 1234 }));
  });

  it('refuses a body one byte over maxBytes with 413', async () => {
    expect(await read('{"a":12345}', 'application/json', SMALL)).toEqual(err([tooLarge(11, 10)]));
  });

  it.each([
    ['malformed', '{not json!!'],
    ['too deep', '[[[[[[[[[[['],
    ['with a forbidden member', '{"__proto__":1}'],
  ])(
    'refuses an oversized body that is also %s with 413 alone, before parsing',
    async (_, body) => {
      expect(await read(body, 'application/json', { maxBytes: 10, maxDepth: 2 })).toEqual(
        err([tooLarge(Buffer.byteLength(body), 10)]),
      );
    },
  );

  it('counts a multibyte UTF-8 body in bytes, not characters', async () => {
    // 7 characters, 12 bytes: each "é" is two bytes in UTF-8.
    expect(await read('"ééééé"', 'application/json', SMALL)).toEqual(err([tooLarge(12, 10)]));
    // 6 characters, 10 bytes.
    expect(await read('"éééé"', 'application/json', SMALL)).toEqual(ok('éééé'));
  });

  it('counts a base64-encoded body by its decoded bytes', async () => {
    const bytes = (text: string) => Buffer.from(text, 'utf8');
    const over = await requestFrom(post(bytes('{"a":12345}'), 'application/json'));
    expect(readJsonBody(over, SMALL)).toEqual(err([tooLarge(11, 10)]));
    const within = await requestFrom(post(bytes('{"a":1234}'), 'application/json'));
    expect(readJsonBody(within, SMALL)).toEqual(ok({ a: 1234 }));
  });
});

describe('readJsonBody: depth', () => {
  it.each([
    ['arrays three deep', '[[[1]]]', [[[1]]]],
    ['mixed three deep', '[{"a":[1]}]', [{ a: [1] }]],
    ['brackets inside a string', '{"a":"[[[[[[[[{{{{"}', { a: '[[[[[[[[{{{{' }],
    ['brackets after an escaped quote', '["\\"[[[[[[["]', ['"[[[[[[[']],
    ['a backslash ending a string', '["\\\\",[[1]]]', ['\\', [[1]]]],
  ])('accepts %s with maxDepth 3', async (_, body, value) => {
    expect(await read(body, 'application/json', SHALLOW)).toEqual(ok(value));
  });

  it.each([
    ['arrays four deep', '[[[[1]]]]'],
    ['objects four deep', '{"a":{"a":{"a":{}}}}'],
    ['mixed four deep', '[{"a":[{}]}]'],
    ['four deep after a string with a bracket', '["]",[[[1]]]]'],
  ])('refuses %s with maxDepth 3 as too deep', async (_, body) => {
    expect(await read(body, 'application/json', SHALLOW)).toEqual(err([tooDeep(3)]));
  });

  it('refuses a malformed document nested too deeply as too deep, before parsing', async () => {
    expect(await read('[[[[[', 'application/json', { maxBytes: 100, maxDepth: 2 })).toEqual(
      err([tooDeep(2)]),
    );
  });

  it.each([
    ['arrays', '['.repeat(100_000) + ']'.repeat(100_000)],
    ['objects', '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000)],
  ])('refuses 100,000 nested %s as too deep without throwing', async (_, body) => {
    expect(await read(body)).toEqual(err([tooDeep(64)]));
  });

  it('parses 100,000 nested arrays without throwing when the limit allows it', async () => {
    const body = '['.repeat(100_000) + ']'.repeat(100_000);
    const result = await read(body, 'application/json', { maxBytes: 1_000_000, maxDepth: 1e6 });
    expect(result.isOk()).toBe(true);
  });
});

describe('readJsonBody: malformed JSON', () => {
  /**
   * The 400 for malformed JSON. The wording of the reason is the engine's or the library's own;
   * what is fixed is where the error stands, said in the detail and in meta, and that the reason
   * is one line that neither repeats the position nor quotes the body.
   */
  function malformed(line: number, column: number, offset: number): Problem {
    const at = `at line ${String(line)}, column ${String(column)} \\(offset ${String(offset)}\\)\\.`;
    return badRequest({
      code: 'invalid-json',
      title: 'Malformed JSON',
      detail: expect.stringMatching(
        new RegExp(
          `^The body is not valid JSON: (?!.*(?:position|is not valid JSON))[^\\n]+ ${at}$`,
        ),
      ) as string,
      source: { pointer: '' },
      meta: { line, column, offset },
    });
  }

  it.each([
    ['a missing comma', '{\n  "a": 1\n  "b": 2\n}', 3, 3, 13],
    ['a trailing comma', '{\n  "a": 1,\n}', 3, 1, 12],
    ['a missing closing bracket', '[\n  1,\n  2\n', 4, 1, 11],
    ['a line break inside a string', '{\n  "a": "abc\n}', 2, 12, 13],
    ['text after the document', '[1]\nx', 2, 1, 4],
    ['only white space', '  \n  ', 2, 3, 5],
    ['an unexpected character', '{\n  "a": 1,\n  "b": ?\n}', 3, 8, 19],
    ['a bare word', '{\n  "a": x\n}', 2, 8, 9],
    ['a single quote', "{\n  'a': 1\n}", 2, 3, 4],
  ])('reports %s with its line, column and offset', async (_, body, line, column, offset) => {
    expect(await read(body)).toEqual(err([malformed(line, column, offset)]));
  });
});

describe('readJsonBody: members that reach prototypes', () => {
  it.each([
    ['__proto__ at the root', '{"__proto__": {"polluted": true}}', ['/__proto__']],
    [
      'constructor at the root',
      '{"constructor": {"prototype": {"polluted": true}}}',
      ['/constructor'],
    ],
    ['prototype nested', '{"a": {"b": {"prototype": {"polluted": true}}}}', ['/a/b/prototype']],
    [
      'members in array elements and objects, sorted by pointer',
      '{"list": [{"prototype": 1}, {"ok": {"__proto__": null}}], "constructor": 0}',
      ['/constructor', '/list/0/prototype', '/list/1/ok/__proto__'],
    ],
    [
      '__proto__ spelt with a \\u escape',
      '{"\\u005f_proto__": {"polluted": true}}',
      ['/__proto__'],
    ],
    [
      'constructor spelt with a \\u escape',
      '{"a": [{"con\\u0073tructor": 1}]}',
      ['/a/0/constructor'],
    ],
    [
      'prototype spelt entirely in escapes',
      '{"\\u0070\\u0072\\u006f\\u0074\\u006f\\u0074\\u0079\\u0070\\u0065": 1}',
      ['/prototype'],
    ],
    ['a member under a key with a slash', '{"a/b": {"__proto__": 1}}', ['/a~1b/__proto__']],
  ])('refuses %s with one 400 per member', async (_, body, pointers) => {
    expect(await read(body)).toEqual(err(pointers.map(forbidden)));
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it.each([
    ['the names as string values', '["__proto__", "constructor", {"name": "prototype"}]'],
    ['longer names that contain them', '{"__proto__x": 1, "my constructor": 2, "prototypes": 3}'],
    ['other escaped names', '{"\\u0061": "\\u00e9"}'],
  ])('accepts %s', async (_, body) => {
    expect(await read(body)).toEqual(ok(JSON.parse(body) as unknown));
  });

  it('leaves Object.prototype untouched after reading every forbidden spelling', async () => {
    for (const body of [
      '{"__proto__": {"polluted": 1}}',
      '{"\\u005f\\u005fproto\\u005f\\u005f": {"polluted": 1}}',
      '{"constructor": {"prototype": {"polluted": 1}}}',
      '[{"__proto__": {"polluted": 1}}]',
    ]) {
      const result = await read(body);
      expect(result.isErr()).toBe(true);
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  });
});

describe('readJsonBody: members that reach prototypes, past the list’s room', () => {
  it('lists the first in the document, in pointer order, and counts the rest', async () => {
    const request = await requestFrom(
      post(
        '{"z":{"__proto__":1},"a":{"__proto__":1},"m":[{"constructor":1}],"b":{"prototype":1}}',
        'application/json',
      ),
    );

    expect(readJsonBody(request, DEFAULT_BODY_LIMITS, problemList(2, 400))).toEqual(
      err([
        forbidden('/a/__proto__'),
        forbidden('/z/__proto__'),
        badRequest({
          code: 'too-many-problems',
          title: 'Too many problems',
          detail: 'The request has 4 problems; the first 2 are listed.',
          meta: { listed: 2, omitted: 2 },
        }),
      ]),
    );
  });

  it('after problems found earlier, with room for none: every member counted', async () => {
    const found = problemList(1, 422);
    found.add(badRequest({ code: 'earlier' }));
    const request = await requestFrom(
      post('[{"__proto__":1},{"__proto__":2}]', 'application/json'),
    );

    expect(readJsonBody(request, DEFAULT_BODY_LIMITS, found)).toEqual(
      err([
        badRequest({ code: 'earlier' }),
        problem({
          status: 422,
          code: 'too-many-problems',
          title: 'Too many problems',
          detail: 'The request has 3 problems; the first is listed.',
          meta: { listed: 1, omitted: 2 },
        }),
      ]),
    );
  });

  it('a member under an empty key has the pointer "//…"', async () => {
    expect(await read('{"": {"__proto__": 1}}')).toEqual(err([forbidden('//__proto__')]));
  });

  it('a pointer past 256 characters names the deepest ancestor that fits', async () => {
    const key = 'k'.repeat(300);
    expect(await read(`{"a":{"${key}":{"__proto__":1}}}`)).toEqual(err([forbidden('/a')]));
  });

  it('a Content-Type past 256 characters is cut in the detail', async () => {
    const contentType = `text/${'x'.repeat(1000)}`;
    expect(await read('{}', contentType)).toEqual(
      err([
        unsupportedMediaType({
          code: 'unsupported-media-type',
          detail: `The body is ${contentType.slice(0, 255)}…; send application/json or another +json type.`,
          source: { header: 'content-type' },
        }),
      ]),
    );
  });
});
