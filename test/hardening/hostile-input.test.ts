/**
 * Hostile input through the example API's Lambda handler (examples/shop), for every event kind:
 * one table, each row a request and the whole result it must get — status, every header and the
 * parsed body. Malformed, truncated, mis-encoded, oversized, deeply nested and prototype-laden
 * bodies; mixed-case, repeated and countless headers and parameters; long and percent-encoded
 * paths; events with null maps, missing parts and wrong types. None of them is a defect: no
 * row logs at error level, and none touches a prototype.
 */
import type { MockInstance } from 'vitest';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HttpEvent } from '../../src/index.js';
import type { EventOptions } from '../../src/testing/index.js';
import { handler } from '../../examples/shop/handler.js';
import { resetStore } from '../../examples/shop/store.js';
import type { Answer, Shape } from './shapes.js';
import {
  LAMBDA_ID,
  SHAPES,
  eventFor,
  jsonApi,
  lambdaContext,
  parsedResult,
  requestIdOf,
  resultFor,
} from './shapes.js';

const MiB = 1024 * 1024;
const OK_HEADERS = { 'content-type': 'application/json' };
/** The example negotiates its error format, so every error response varies on Accept. */
const ERROR_HEADERS = { vary: 'accept', 'content-type': 'application/json' };
const PROBLEM_HEADERS = { vary: 'accept', 'content-type': 'application/problem+json' };
const JSON_TYPE = { 'content-type': 'application/json' };

interface Row {
  readonly name: string;
  /** The shapes the row applies to; all by default. */
  readonly shapes?: readonly Shape[];
  readonly event: (shape: Shape) => HttpEvent;
  /** The answer, given the request id it must quote. */
  readonly answer: (requestId: string, shape: Shape) => Answer;
  /** The request id answered with, when it is not the shape's own. */
  readonly requestId?: (shape: Shape) => string;
  /** The row registers a user, so it starts from the seeded store (user `u-1` only). */
  readonly registers?: true;
}

// ---------------------------------------------------------------------------------------------
// Building requests.
// ---------------------------------------------------------------------------------------------

/**
 * The shapes whose sources pass the path on as the client sent it; an HTTP API decodes it before
 * the function runs.
 */
const RAW_PATH_SHAPES: readonly Shape[] = SHAPES.filter((shape) => shape !== 'http');
function send(request: EventOptions): (shape: Shape) => HttpEvent {
  return (shape) => eventFor(shape, request);
}

/** A request, then the event changed as no builder would make it. */
function mangled(
  request: EventOptions,
  change: (event: Record<string, unknown>, shape: Shape) => void,
): (shape: Shape) => HttpEvent {
  return (shape) => {
    const event = eventFor(shape, request) as unknown as Record<string, unknown>;
    change(event, shape);
    return event as unknown as HttpEvent;
  };
}

/** `POST path` with a JSON content type and the body as given. */
function postJson(path: string, body: string | Uint8Array): EventOptions {
  return { method: 'POST', path, headers: { 'content-type': 'application/json' }, body };
}

const utf8 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));

/** A registration as JSON, its first name padded so that the body is exactly `bytes` long. */
function registrationOfSize(bytes: number, attributes: Readonly<Record<string, string>>): string {
  const bare = JSON.stringify(registration({ ...attributes, 'first-name': '' }));
  return JSON.stringify(
    registration({ ...attributes, 'first-name': 'a'.repeat(bytes - bare.length) }),
  );
}

function registration(attributes: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return { data: { type: 'users', attributes } };
}

const GRACE = {
  'first-name': 'Grace',
  'last-name': 'Hopper',
  email: 'grace@example.com',
  password: 'c0bol-rules!',
  'password-confirmation': 'c0bol-rules!',
};

function userResource(id: string, attributes: Readonly<Record<string, string>>): unknown {
  return {
    data: {
      type: 'users',
      id,
      attributes: {
        'first-name': attributes['first-name'],
        'last-name': attributes['last-name'],
        email: attributes['email'],
      },
    },
  };
}

/** An object with `count` short distinct keys, as JSON, without a body limit in sight. */
function manyKeys(count: number): string {
  const members: string[] = [];
  for (let i = 0; i < count; i++) members.push(`"${i.toString(36)}":0`);
  return members.join(',');
}

/** Headers or query parameters, `count` of them. */
function many(prefix: string, count: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < count; i++) out[`${prefix}${String(i)}`] = `v${String(i)}`;
  return out;
}

// ---------------------------------------------------------------------------------------------
// The answers.
// ---------------------------------------------------------------------------------------------

const health: Answer = { status: 200, headers: OK_HEADERS, body: { status: 'ok' } };

function errorAnswer(requestId: string, status: number, ...errors: readonly object[]): Answer {
  return { status, headers: ERROR_HEADERS, body: jsonApi(requestId, ...errors) };
}

/** 400 `invalid-json` for a fault on the first line, at `offset`. */
function invalidJson(requestId: string, reason: string, offset: number): Answer {
  const column = offset + 1;
  return errorAnswer(requestId, 400, {
    status: '400',
    title: 'Malformed JSON',
    code: 'invalid-json',
    detail: `The body is not valid JSON: ${reason} at line 1, column ${String(column)} (offset ${String(offset)}).`,
    source: { pointer: '' },
    meta: { line: 1, column, offset },
  });
}

function notUtf8(requestId: string): Answer {
  return errorAnswer(requestId, 400, {
    status: '400',
    title: 'Malformed JSON',
    code: 'invalid-json',
    detail: 'The body is not valid UTF-8, which JSON requires (RFC 8259 §8.1).',
    source: { pointer: '' },
  });
}

function invalidBase64(requestId: string): Answer {
  return errorAnswer(requestId, 400, {
    status: '400',
    title: 'Bad Request',
    code: 'InvalidBase64Body',
    detail:
      'The request body is marked as base64-encoded but is not valid base64 (RFC 4648 §4 alphabet).',
  });
}

function bodyMissing(requestId: string): Answer {
  return errorAnswer(requestId, 400, {
    status: '400',
    title: 'Request body missing',
    code: 'required',
    detail: 'This request needs a JSON body.',
    source: { pointer: '' },
  });
}

function unsupportedType(requestId: string, contentType: string | undefined): Answer {
  return errorAnswer(requestId, 415, {
    status: '415',
    title: 'Unsupported Media Type',
    code: 'unsupported-media-type',
    detail:
      contentType === undefined
        ? 'The body has no Content-Type; send application/json.'
        : `The body is ${contentType}; send application/json or another +json type.`,
    source: { header: 'content-type' },
  });
}

function tooLarge(requestId: string, bytes: number): Answer {
  return errorAnswer(requestId, 413, {
    status: '413',
    title: 'Content Too Large',
    code: 'body-too-large',
    detail: `The body is ${String(bytes)} bytes; the limit is ${String(MiB)}.`,
    meta: { limit: MiB },
  });
}

function tooDeep(requestId: string): Answer {
  return errorAnswer(requestId, 400, {
    status: '400',
    title: 'JSON nested too deeply',
    code: 'too-deep',
    detail: 'The body nests arrays and objects deeper than 64 levels.',
    source: { pointer: '' },
  });
}

function forbidden(requestId: string, ...pointers: readonly string[]): Answer {
  return errorAnswer(
    requestId,
    400,
    ...pointers.map((pointer) => ({
      status: '400',
      title: 'Forbidden member name',
      code: 'forbidden-member',
      detail: 'Members named __proto__, constructor or prototype are not accepted.',
      source: { pointer },
    })),
  );
}

function userNotFound(requestId: string, id: string): Answer {
  return errorAnswer(requestId, 404, {
    status: '404',
    title: 'Not Found',
    code: 'UserNotFound',
    detail: `No user has the id "${id}".`,
  });
}

function routeNotFound(requestId: string, method: string, path: string): Answer {
  return errorAnswer(requestId, 404, {
    status: '404',
    title: 'Not Found',
    code: 'route-not-found',
    detail: `No route for ${method} ${path}.`,
  });
}

function methodNotAllowed(requestId: string, method: string, path: string): Answer {
  return {
    status: 405,
    headers: { allow: 'GET, HEAD, OPTIONS', ...ERROR_HEADERS },
    body: jsonApi(requestId, {
      status: '405',
      title: 'Method Not Allowed',
      code: 'method-not-allowed',
      detail: `${method} is not allowed on ${path}; use GET, HEAD, OPTIONS.`,
    }),
  };
}

function emailTaken(requestId: string): Answer {
  return errorAnswer(requestId, 409, {
    status: '409',
    title: 'Conflict',
    code: 'EmailTaken',
    detail: 'A user with the email "ada@example.com" is already registered.',
  });
}

function createdUser(attributes: Readonly<Record<string, string>>): Answer {
  return {
    status: 201,
    headers: { location: '/users/u-2', ...JSON_TYPE },
    body: userResource('u-2', attributes),
  };
}

// ---------------------------------------------------------------------------------------------
// The table.
// ---------------------------------------------------------------------------------------------

const TEN_MIB_OF_GARBAGE = `{${'x'.repeat(10 * MiB - 1)}`;
const DEEP_ARRAYS = '['.repeat(100_000) + ']'.repeat(100_000);
const DEEP_OPEN_OBJECTS = '{"a":'.repeat(100_000);
const LONG_ID = 'a'.repeat(100_000);
const ONE_MIB_NAME = 'a'.repeat(MiB);
const MANY_SEGMENTS = '/s'.repeat(50_000);

const bodies: readonly Row[] = [
  {
    name: 'truncated JSON: end of input after a member name',
    event: send(postJson('/users', '{"data":')),
    answer: (id) => invalidJson(id, 'unexpected end of input', 8),
  },
  {
    name: 'truncated JSON: inside a string',
    event: send(postJson('/users', '{"data":{"type":"us')),
    answer: (id) => invalidJson(id, 'an unterminated string', 19),
  },
  {
    name: 'malformed JSON: a value where the colon belongs',
    event: send(postJson('/users', '{"data" 1}')),
    answer: (id) => invalidJson(id, "unexpected '1', expected ':'", 8),
  },
  {
    name: 'malformed JSON: single quotes',
    event: send(postJson('/users', "{'data':1}")),
    answer: (id) => invalidJson(id, "unexpected ''', expected a member name in double quotes", 1),
  },
  {
    name: 'malformed JSON: trailing garbage after the document',
    event: send(postJson('/users', '{} x')),
    answer: (id) => invalidJson(id, "unexpected 'x', expected the end of the document", 3),
  },
  {
    name: 'malformed JSON: a raw control character in a string',
    event: send(postJson('/users', '{"data":"a\u0001"}')),
    answer: (id) => invalidJson(id, 'a control character inside a string', 10),
  },
  {
    name: 'malformed JSON on the second line: line and column point at it',
    event: send(postJson('/users', '{\n  "data": tru\n}')),
    answer: (id) =>
      errorAnswer(id, 400, {
        status: '400',
        title: 'Malformed JSON',
        code: 'invalid-json',
        detail:
          "The body is not valid JSON: unexpected 't', expected a value at line 2, column 11 (offset 12).",
        source: { pointer: '' },
        meta: { line: 2, column: 11, offset: 12 },
      }),
  },
  {
    name: 'invalid UTF-8: a lone continuation byte in a base64 body',
    event: send(postJson('/users', new Uint8Array([0x7b, 0x22, 0x80, 0x22, 0x3a, 0x31, 0x7d]))),
    answer: (id) => notUtf8(id),
  },
  {
    name: 'invalid UTF-8: an overlong "." (C0 AE) in a base64 body',
    event: send(
      postJson('/users', new Uint8Array([0x7b, 0x22, 0xc0, 0xae, 0x22, 0x3a, 0x31, 0x7d])),
    ),
    answer: (id) => notUtf8(id),
  },
  {
    name: 'invalid UTF-8: an encoded surrogate (ED A0 80) in a base64 body',
    event: send(postJson('/users', new Uint8Array([0x22, 0xed, 0xa0, 0x80, 0x22]))),
    answer: (id) => notUtf8(id),
  },
  {
    name: 'valid UTF-8 in a base64 body is read as the text it encodes',
    event: send(postJson('/users', utf8('{"dätä": "€"}'))),
    answer: (id) =>
      errorAnswer(id, 400, {
        status: '400',
        title: 'Required member missing',
        code: 'required',
        detail: 'The member "data" is required.',
        source: { pointer: '' },
      }),
  },
  {
    name: 'invalid base64 with isBase64Encoded: a character outside the alphabet',
    event: mangled(postJson('/users', utf8('{}')), (event) => {
      event['body'] = 'e30=@';
    }),
    answer: (id) => invalidBase64(id),
  },
  {
    name: 'invalid base64 with isBase64Encoded: a length of 4n+1',
    event: mangled(postJson('/users', utf8('{}')), (event) => {
      event['body'] = 'e30=e';
    }),
    answer: (id) => invalidBase64(id),
  },
  {
    name: 'invalid base64 with isBase64Encoded: the URL-safe alphabet',
    event: mangled(postJson('/users', utf8('{}')), (event) => {
      event['body'] = 'e30-_w==';
    }),
    answer: (id) => invalidBase64(id),
  },
  {
    name: 'no body where one is required',
    event: send({
      method: 'POST',
      path: '/users',
      headers: { 'content-type': 'application/json' },
    }),
    answer: (id) => bodyMissing(id),
  },
  {
    name: 'an empty body (""), which every kind sends for none',
    event: mangled({ method: 'POST', path: '/users' }, (event) => {
      event['body'] = '';
    }),
    answer: (id) => bodyMissing(id),
  },
  {
    name: 'an empty base64 body',
    event: mangled({ method: 'POST', path: '/users' }, (event) => {
      event['body'] = '';
      event['isBase64Encoded'] = true;
    }),
    answer: (id) => bodyMissing(id),
  },
  {
    name: 'a body of white space only',
    event: send(postJson('/users', ' \n\t ')),
    answer: (id) =>
      errorAnswer(id, 400, {
        status: '400',
        title: 'Malformed JSON',
        code: 'invalid-json',
        detail:
          'The body is not valid JSON: unexpected end of input at line 2, column 3 (offset 4).',
        source: { pointer: '' },
        meta: { line: 2, column: 3, offset: 4 },
      }),
  },
  {
    name: 'a body without a content type',
    event: send({ method: 'POST', path: '/users', body: '{}' }),
    answer: (id) => unsupportedType(id, undefined),
  },
  {
    name: 'a body sent as text/plain',
    event: send({
      method: 'POST',
      path: '/users',
      headers: { 'content-type': 'text/plain' },
      body: '{}',
    }),
    answer: (id) => unsupportedType(id, 'text/plain'),
  },
  {
    name: 'a 10 MiB body of garbage: 413 before any parsing',
    event: send(postJson('/users', TEN_MIB_OF_GARBAGE)),
    answer: (id) => tooLarge(id, 10 * MiB),
  },
  {
    name: 'a 10 MiB base64 body: 413 by its decoded size',
    event: send(postJson('/users', new Uint8Array(10 * MiB).fill(0x7b))),
    answer: (id) => tooLarge(id, 10 * MiB),
  },
  {
    name: 'arrays nested 100,000 levels deep: 400, no stack overflow',
    event: send(postJson('/users', DEEP_ARRAYS)),
    answer: (id) => tooDeep(id),
  },
  {
    name: 'objects opened 100,000 levels deep and never closed',
    event: send(postJson('/users', DEEP_OPEN_OBJECTS)),
    answer: (id) => tooDeep(id),
  },
  {
    name: '100,000 brackets inside a string are not nesting',
    event: send(postJson('/users', `{"data":"${'['.repeat(100_000)}`)),
    answer: (id) => invalidJson(id, 'an unterminated string', 100_009),
  },
  {
    name: 'an object with 100,000 keys beside a valid registration: the extra keys are not kept',
    event: send(
      postJson('/users', `{${manyKeys(100_000)},${JSON.stringify(registration(GRACE)).slice(1)}`),
    ),
    answer: () => createdUser(GRACE),
    registers: true,
  },
  {
    name: 'a 1 MiB string field: the body is over the limit',
    event: send(
      postJson('/users', JSON.stringify(registration({ ...GRACE, 'first-name': ONE_MIB_NAME }))),
    ),
    answer: (id) =>
      tooLarge(id, JSON.stringify(registration({ ...GRACE, 'first-name': ONE_MIB_NAME })).length),
  },
  {
    name: 'a string field that fills the body to exactly its limit is decoded',
    event: send(
      postJson('/users', registrationOfSize(MiB, { ...GRACE, email: 'ada@example.com' })),
    ),
    answer: (id) => emailTaken(id),
  },
  {
    name: '__proto__, constructor and prototype members at every depth: one problem each',
    event: send(
      postJson(
        '/users',
        '{"__proto__":{"admin":true},"data":{"type":"users","constructor":{"prototype":{"admin":true}},' +
          '"attributes":{"prototype":{"admin":true},"list":[{"__proto__":{"admin":true}},[{"constructor":1}]]}}}',
      ),
    ),
    answer: (id) =>
      forbidden(
        id,
        '/__proto__',
        '/data/attributes/list/0/__proto__',
        '/data/attributes/list/1/0/constructor',
        '/data/attributes/prototype',
        '/data/constructor',
      ),
  },
  {
    name: '__proto__ spelt with escapes ("\\u005f_proto__", "__pro\\u0074o__")',
    event: send(
      postJson('/users', '{"\\u005f_proto__":{"admin":true},"a":{"__pro\\u0074o__":[]}}'),
    ),
    answer: (id) => forbidden(id, '/__proto__', '/a/__proto__'),
  },
  {
    name: 'a prototype member inside an order line',
    event: send(
      postJson(
        '/carts/c-1/checkout',
        '{"items":[{"productId":"p-1","quantity":1},{"productId":"p-2","quantity":1,"constructor":{"prototype":{}}}]}',
      ),
    ),
    answer: (id) => forbidden(id, '/items/1/constructor'),
  },
  {
    name: 'the words __proto__, constructor and prototype as values are ordinary text',
    // Decoded and validated: only the taken email stops it.
    event: send(
      postJson(
        '/users',
        JSON.stringify(
          registration({
            ...GRACE,
            'first-name': 'constructor',
            'last-name': '__proto__',
            email: 'ada@example.com',
            password: 'prototype-1',
            'password-confirmation': 'prototype-1',
          }),
        ),
      ),
    ),
    answer: (id) => emailTaken(id),
  },
];

const headers: readonly Row[] = [
  {
    name: 'Accept in mixed case picks RFC 9457',
    event: send({ path: '/users/u-9', headers: { aCcEpT: 'application/problem+json' } }),
    answer: (id) => ({
      status: 404,
      headers: PROBLEM_HEADERS,
      body: {
        type: 'about:blank',
        title: 'Not Found',
        status: 404,
        detail: 'No user has the id "u-9".',
        code: 'UserNotFound',
        requestId: id,
      },
    }),
  },
  {
    name: 'Content-Type in upper case is read',
    event: send({
      method: 'POST',
      path: '/users',
      headers: { 'CONTENT-TYPE': 'Application/JSON; Charset=UTF-8' },
      body: '{}',
    }),
    answer: (id) =>
      errorAnswer(id, 400, {
        status: '400',
        title: 'Required member missing',
        code: 'required',
        detail: 'The member "data" is required.',
        source: { pointer: '' },
      }),
  },
  {
    name: 'Content-Type repeated with different types: the same 415 for every kind',
    event: send({
      method: 'POST',
      path: '/users',
      headers: { 'Content-Type': ['application/json', 'text/plain'] },
      body: '{}',
    }),
    // The single-value maps of REST and ALB events hold the last value of a repeated header;
    // payload 2.0 joins repeated values with a bare comma.
    answer: (id, shape) =>
      unsupportedType(
        id,
        {
          rest: 'application/json, text/plain',
          http: 'application/json,text/plain',
          'function-url': 'application/json,text/plain',
          alb: 'text/plain',
          'alb-multi': 'application/json, text/plain',
        }[shape],
      ),
  },
  {
    name: 'x-request-id repeated: the first sane value is the request id',
    event: send({ path: '/health', headers: { 'X-Request-Id': ['client-1', 'client-2'] } }),
    answer: () => health,
    requestId: (shape) =>
      ({
        rest: 'client-1',
        http: 'client-1,client-2',
        'function-url': 'client-1,client-2',
        alb: 'client-2',
        'alb-multi': 'client-1',
      })[shape],
  },
  {
    name: 'x-request-id with CR LF is not adopted (and not echoed)',
    event: send({ path: '/health', headers: { 'x-request-id': 'evil\r\nset-cookie: a=1' } }),
    answer: () => health,
  },
  {
    name: 'x-request-id of 201 characters is not adopted',
    event: send({ path: '/health', headers: { 'x-request-id': 'r'.repeat(201) } }),
    answer: () => health,
  },
  {
    name: 'headers named __proto__, constructor and hasOwnProperty are ordinary headers',
    event: send({
      path: '/health',
      headers: Object.fromEntries([
        ['__proto__', '{"admin":true}'],
        ['constructor', 'x'],
        ['hasOwnProperty', 'y'],
      ]),
    }),
    answer: () => health,
  },
  {
    name: '10,000 headers',
    event: send({ path: '/health', headers: many('x-h-', 10_000) }),
    answer: () => health,
  },
  {
    name: 'a 256 KiB header value',
    event: send({ path: '/health', headers: { 'x-big': 'b'.repeat(256 * 1024) } }),
    answer: () => health,
  },
  {
    name: 'a 256 KiB cookie header of 20,000 cookies',
    event: send({ path: '/health', cookies: many('c', 20_000) }),
    answer: () => health,
  },
  {
    name: '10,000 query parameters, one repeated 10,000 times',
    event: send({
      path: '/health',
      query: { ...many('q', 10_000), tag: Array.from({ length: 10_000 }, (_, i) => String(i)) },
    }),
    answer: () => health,
  },
  {
    name: 'query parameters named __proto__ and constructor',
    event: send({
      path: '/health',
      query: Object.fromEntries([
        ['__proto__', ['a', 'b']],
        ['constructor', 'prototype'],
      ]) as Record<string, string[]>,
    }),
    answer: () => health,
  },
  {
    name: 'percent-encoding attacks in the query (%00, %zz, overlong %C0%AE, a lone %)',
    event: mangled({ path: '/health' }, (event, shape) => {
      const raw = 'a=%00&b=%zz&c=%C0%AE&d=%&%E0%80%AF=1';
      if (shape === 'http' || shape === 'function-url') event['rawQueryString'] = raw;
      else if (shape === 'alb')
        event['queryStringParameters'] = { a: '%00', b: '%zz', c: '%C0%AE', d: '%' };
      else if (shape === 'alb-multi')
        event['multiValueQueryStringParameters'] = { a: ['%00'], '%E0%80%AF': ['%C0%AE', '%'] };
      else event['multiValueQueryStringParameters'] = { a: ['\u0000'], c: ['%C0%AE'] };
    }),
    answer: () => health,
  },
];

const paths: readonly Row[] = [
  {
    name: 'a 100,000-character path parameter is echoed in the problem',
    event: send({ path: `/users/${LONG_ID}` }),
    answer: (id) => userNotFound(id, LONG_ID),
  },
  {
    name: 'a path of 50,000 segments',
    event: send({ path: MANY_SEGMENTS }),
    answer: (id) => routeNotFound(id, 'GET', MANY_SEGMENTS),
  },
  {
    name: '%2e%2e is a parameter value, not a way up',
    event: send({ path: '/users/%2e%2e' }),
    answer: (id) => userNotFound(id, '..'),
  },
  {
    name: 'encoded slashes stay inside their parameter',
    event: send({ path: '/users/..%2F..%2Fhealth' }),
    answer: (id) => userNotFound(id, '../../health'),
    shapes: RAW_PATH_SHAPES,
  },
  {
    // An HTTP API decodes the path before the function runs: the slashes are path separators by
    // then, and gatefold does not decode again (see docs/events.md, "Paths").
    name: 'encoded slashes, already decoded by an HTTP API, are not decoded again',
    event: send({ path: '/users/..%2F..%2Fhealth' }),
    answer: (id) => routeNotFound(id, 'GET', '/users/../../health'),
    shapes: ['http'],
  },
  {
    name: 'dot segments are not resolved',
    event: send({ path: '/users/../health' }),
    answer: (id) => routeNotFound(id, 'GET', '/users/../health'),
  },
  {
    name: '%2e%2e before a route does not reach it',
    event: send({ path: '/%2e%2e/health' }),
    answer: (id) => routeNotFound(id, 'GET', '/%2e%2e/health'),
    shapes: RAW_PATH_SHAPES,
  },
  {
    name: '%2e%2e before a route, decoded by an HTTP API, does not reach it either',
    event: send({ path: '/%2e%2e/health' }),
    answer: (id) => routeNotFound(id, 'GET', '/../health'),
    shapes: ['http'],
  },
  {
    name: '%00 in a parameter',
    event: send({ path: '/users/u-1%00' }),
    answer: (id) => userNotFound(id, 'u-1\u0000'),
  },
  {
    name: '%00 after a route',
    event: send({ path: '/health%00' }),
    answer: (id) => routeNotFound(id, 'GET', '/health%00'),
  },
  {
    // An HTTP API refuses such a path itself, before the function runs (the builder throws).
    name: 'an overlong UTF-8 "." (%C0%AE) is refused as invalid percent-encoding',
    event: send({ path: '/users/%C0%AE%C0%AE' }),
    answer: (id) =>
      errorAnswer(id, 400, {
        status: '400',
        title: 'Bad Request',
        code: 'invalid-path-encoding',
        detail:
          'The path holds "%C0%AE%C0%AE", which is not valid percent-encoding (RFC 3986, section 2.1).',
      }),
    shapes: RAW_PATH_SHAPES,
  },
  {
    name: 'double encoding is decoded once',
    event: send({ path: '/users/%252e%252e' }),
    answer: (id) => userNotFound(id, '%2e%2e'),
    shapes: RAW_PATH_SHAPES,
  },
  {
    name: 'double encoding, decoded twice by an HTTP API, is not decoded a third time',
    event: send({ path: '/users/%25252e' }),
    answer: (id) => userNotFound(id, '%2e'),
    shapes: ['http'],
  },
  {
    name: 'a method in lower case is upper-cased',
    event: send({ method: 'delete', path: '/health' }),
    answer: (id) => methodNotAllowed(id, 'DELETE', '/health'),
  },
  {
    name: 'a method that is not a token',
    event: send({ method: 'G E T', path: '/health' }),
    answer: (id) => methodNotAllowed(id, 'G E T', '/health'),
  },
];

const events: readonly Row[] = [
  {
    name: 'null maps, as the console’s Test button sends them',
    event: mangled({ path: '/health' }, (event, shape) => {
      for (const key of [
        'headers',
        'queryStringParameters',
        'multiValueQueryStringParameters',
        'pathParameters',
        'stageVariables',
        'cookies',
        'rawQueryString',
        'body',
      ]) {
        event[key] = null;
      }
      if (shape !== 'alb-multi') event['multiValueHeaders'] = null;
    }),
    answer: () => health,
  },
  {
    name: 'no requestContext (payload 2.0 still told by version and rawPath)',
    shapes: ['rest', 'http', 'function-url'],
    event: mangled({ path: '/users/u-1' }, (event) => {
      delete event['requestContext'];
    }),
    answer: () => ({
      status: 200,
      headers: OK_HEADERS,
      body: userResource('u-1', {
        'first-name': 'Ada',
        'last-name': 'Lovelace',
        email: 'ada@example.com',
      }),
    }),
    requestId: () => LAMBDA_ID,
  },
  {
    name: 'a requestContext without its parts',
    event: mangled({ method: 'DELETE', path: '/health' }, (event, shape) => {
      event['requestContext'] =
        shape === 'alb' || shape === 'alb-multi'
          ? { elb: {} }
          : shape === 'rest'
            ? {}
            : { http: {} };
    }),
    // Payload 2.0 carries the method in requestContext.http only: without it, the request is a GET.
    answer: (id, shape) =>
      shape === 'http' || shape === 'function-url'
        ? health
        : methodNotAllowed(id, 'DELETE', '/health'),
    requestId: () => LAMBDA_ID,
  },
  {
    name: 'numbers where strings belong are read as their text',
    event: mangled({ path: '/users/u-1' }, (event, shape) => {
      const requestContext = event['requestContext'] as Record<string, unknown>;
      if (shape === 'http' || shape === 'function-url') {
        requestContext['http'] = { ...(requestContext['http'] as object), method: 7 };
      } else event['httpMethod'] = shape === 'rest' ? '7' : 7;
      requestContext['requestId'] = 42;
      event['path'] = shape === 'rest' ? '/health' : 12;
      event['rawPath'] = 12;
      event['headers'] = { accept: 5, 'x-flag': true };
      if (shape === 'alb-multi') event['multiValueHeaders'] = { accept: 5 };
    }),
    answer: (id, shape) =>
      shape === 'rest' ? methodNotAllowed(id, '7', '/health') : routeNotFound(id, '7', '12'),
    requestId: (shape) => (shape === 'alb' || shape === 'alb-multi' ? LAMBDA_ID : '42'),
  },
  {
    name: 'wrong types are ignored: objects for strings, a string for a list, a number for a body',
    event: mangled({ method: 'POST', path: '/users' }, (event, shape) => {
      event['headers'] = { 'content-type': ['application/json'], accept: { q: 1 } };
      if (shape === 'rest' || shape === 'alb-multi') {
        event['multiValueHeaders'] = { 'content-type': 'application/json', accept: [null, 3] };
      }
      event['cookies'] = 'session=abc';
      event['queryStringParameters'] = ['a'];
      event['multiValueQueryStringParameters'] = 'a=1';
      event['pathParameters'] = 'id';
      event['body'] = 123;
      event['isBase64Encoded'] = 'true';
    }),
    answer: (id) => bodyMissing(id),
  },
  {
    name: 'isBase64Encoded as the string "true" is not base64: the body is read as text',
    event: mangled(postJson('/users', 'e30='), (event) => {
      event['isBase64Encoded'] = 'true';
    }),
    answer: (id) => invalidJson(id, "unexpected 'e', expected a value", 0),
  },
  {
    name: 'a request id with CR LF from the event is not used',
    shapes: ['rest', 'http', 'function-url'],
    event: mangled({ path: '/health' }, (event) => {
      (event['requestContext'] as Record<string, unknown>)['requestId'] =
        'gw-1\r\nset-cookie: session=stolen';
    }),
    answer: () => health,
    requestId: () => LAMBDA_ID,
  },
];

const TABLE: readonly (readonly [string, readonly Row[]])[] = [
  ['bodies', bodies],
  ['headers and query parameters', headers],
  ['paths and methods', paths],
  ['events', events],
];

function rowsFor(shape: Shape): (readonly [string, Row])[] {
  return TABLE.flatMap(([group, rows]) =>
    rows
      .filter((row) => row.shapes === undefined || row.shapes.includes(shape))
      .map((row) => [`${group}: ${row.name}`, row] as const),
  );
}

// ---------------------------------------------------------------------------------------------
// Running it.
// ---------------------------------------------------------------------------------------------

const prototypes = [Object.prototype, Array.prototype, Function.prototype, String.prototype];
const before = prototypes.map((p) => Object.getOwnPropertyNames(p).sort());

let logs: Record<'error' | 'warn' | 'info' | 'debug', MockInstance>;

beforeEach(() => {
  const quiet = (level: 'error' | 'warn' | 'info' | 'debug') =>
    vi.spyOn(console, level).mockImplementation(() => undefined);
  logs = { error: quiet('error'), warn: quiet('warn'), info: quiet('info'), debug: quiet('debug') };
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** The one log line a row wrote, parsed. */
function onlyLine(spy: MockInstance): Record<string, unknown> {
  expect(spy).toHaveBeenCalledTimes(1);
  return JSON.parse(String(spy.mock.calls[0]?.[0])) as Record<string, unknown>;
}

describe.each(SHAPES)('the example API, %s events', (shape) => {
  it.each(rowsFor(shape))('%s', async (_, row) => {
    const requestId = row.requestId?.(shape) ?? requestIdOf(shape);
    const answer = row.answer(requestId, shape);
    if (row.registers === true) resetStore();

    const result = await handler(row.event(shape), lambdaContext());

    expect(parsedResult(result)).toEqual(resultFor(shape, answer, requestId));
    // Hostile input is the client's fault, never a defect: nothing at error level, one info line
    // for a 4xx, nothing for a success.
    expect(logs.error).not.toHaveBeenCalled();
    expect(logs.warn).not.toHaveBeenCalled();
    if (answer.status >= 400) {
      expect(onlyLine(logs.info)).toMatchObject({
        level: 'info',
        message: `Answered ${String(answer.status)}: a client error`,
        requestId,
        status: answer.status,
      });
    } else expect(logs.info).not.toHaveBeenCalled();
    // No payload reached a prototype.
    expect(prototypes.map((p) => Object.getOwnPropertyNames(p).sort())).toEqual(before);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect('admin' in {}).toBe(false);
  });
});

afterAll(() => {
  expect(prototypes.map((p) => Object.getOwnPropertyNames(p).sort())).toEqual(before);
});
