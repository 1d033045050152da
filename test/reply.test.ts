import { ok } from 'neverthrow';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { RedirectStatus, Reply, ReplyInit } from '../src/index.js';
import {
  accepted,
  binary,
  created,
  isReply,
  json,
  noContent,
  notFound,
  redirect,
  text,
  toLambda,
} from '../src/index.js';
import { fakeContext, httpApiEvent } from '../src/testing/index.js';
import { thrownBy } from './hardening/refusal.js';
import { HTTP_REQUEST_ID, LAMBDA_REQUEST_ID } from './support/request-id.js';

const context = fakeContext({ awsRequestId: LAMBDA_REQUEST_ID });

const BRAND = Symbol.for('gatefold.reply');

/** The whole value a reply constructor must build, brand included. */
function branded(fields: {
  status: number;
  headers?: object;
  cookies?: readonly string[];
  bodyType: string;
  body: unknown;
}): object {
  return { [BRAND]: true, headers: {}, cookies: [], ...fields };
}

const INIT = {
  headers: { 'cache-control': 'no-store', vary: ['accept', 'accept-encoding'] },
  cookies: ['id=abc; Path=/; HttpOnly'],
} as const;

describe('reply constructors', () => {
  it.each<[string, Reply, object]>([
    [
      'json(body) is a 200 JSON reply',
      json({ id: 'u-1' }),
      branded({ status: 200, bodyType: 'json', body: { id: 'u-1' } }),
    ],
    [
      'json(body, init) keeps status, headers and cookies',
      json([1], { status: 201, ...INIT }),
      branded({ status: 201, ...INIT, bodyType: 'json', body: [1] }),
    ],
    [
      'text(body) is a 200 text reply',
      text('pong'),
      branded({ status: 200, bodyType: 'text', body: 'pong' }),
    ],
    [
      'text(body, init) keeps status, headers and cookies',
      text('made', { status: 201, ...INIT }),
      branded({ status: 201, ...INIT, bodyType: 'text', body: 'made' }),
    ],
    [
      'binary(bytes) is a 200 bytes reply',
      binary(new Uint8Array([1, 2])),
      branded({ status: 200, bodyType: 'bytes', body: new Uint8Array([1, 2]) }),
    ],
    [
      'binary(bytes, init) keeps status, headers and cookies',
      binary(new Uint8Array([3]), { status: 206, ...INIT }),
      branded({ status: 206, ...INIT, bodyType: 'bytes', body: new Uint8Array([3]) }),
    ],
    [
      'created(location) is an empty 201 with Location',
      created('/users/u-1'),
      branded({
        status: 201,
        headers: { location: '/users/u-1' },
        bodyType: 'empty',
        body: undefined,
      }),
    ],
    [
      'created(location, body, options) is a JSON 201 with Location and the options',
      created('/users/u-1', { id: 'u-1' }, INIT),
      branded({
        status: 201,
        headers: { ...INIT.headers, location: '/users/u-1' },
        cookies: INIT.cookies,
        bodyType: 'json',
        body: { id: 'u-1' },
      }),
    ],
    [
      'created() puts its Location over a location header in the options',
      created('/right', null, { headers: { location: '/wrong' } }),
      branded({ status: 201, headers: { location: '/right' }, bodyType: 'json', body: null }),
    ],
    [
      'accepted() is an empty 202',
      accepted(),
      branded({ status: 202, bodyType: 'empty', body: undefined }),
    ],
    [
      'accepted(body, options) is a JSON 202',
      accepted({ jobId: 'j-1' }, INIT),
      branded({ status: 202, ...INIT, bodyType: 'json', body: { jobId: 'j-1' } }),
    ],
    [
      'noContent() is an empty 204',
      noContent(),
      branded({ status: 204, bodyType: 'empty', body: undefined }),
    ],
    [
      'noContent(options) keeps headers and cookies',
      noContent(INIT),
      branded({ status: 204, ...INIT, bodyType: 'empty', body: undefined }),
    ],
    [
      'redirect(location) is an empty 302 with Location',
      redirect('/login'),
      branded({ status: 302, headers: { location: '/login' }, bodyType: 'empty', body: undefined }),
    ],
    [
      'redirect(location, status, options) keeps the options',
      redirect('/login', 303, { cookies: ['next=/cart'] }),
      branded({
        status: 303,
        headers: { location: '/login' },
        cookies: ['next=/cart'],
        bodyType: 'empty',
        body: undefined,
      }),
    ],
  ])('%s', (_, reply, expected) => {
    expect(reply).toStrictEqual(expected);
  });

  it.each<RedirectStatus>([301, 302, 303, 307, 308])('redirect with %i', (status) => {
    expect(redirect('https://example.com/', status)).toStrictEqual(
      branded({
        status,
        headers: { location: 'https://example.com/' },
        bodyType: 'empty',
        body: undefined,
      }),
    );
  });

  it('does not copy the caller’s headers object when it adds none', () => {
    const headers = { 'x-a': '1' };
    expect(json(1, { headers }).headers).toBe(headers);
  });

  it('does not change the caller’s headers object when it adds Location', () => {
    const headers = { 'x-a': '1' };
    created('/a', 1, { headers });
    expect(headers).toEqual({ 'x-a': '1' });
  });
});

describe('isReply', () => {
  it.each<[string, unknown]>([
    ['json()', json(1)],
    ['noContent()', noContent()],
    ['a reply from another copy of gatefold', { [BRAND]: true, status: 200 }],
  ])('is true for %s', (_, value) => {
    expect(isReply(value)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['a number', 200],
    ['a Lambda result', { statusCode: 200, body: '' }],
    ['a reply-shaped object', { status: 200, headers: {}, cookies: [], bodyType: 'json', body: 1 }],
    ['a problem', notFound()],
    ['an object branded with a string key', { 'gatefold.reply': true }],
    ['an object branded with a local symbol', { [Symbol('gatefold.reply')]: true }],
    ['an object whose brand is not exactly true', { [BRAND]: 1 }],
  ])('is false for %s', (_, value) => {
    expect(isReply(value)).toBe(false);
  });

  it('a reply from another copy is sent as a reply, not as a JSON value', async () => {
    const copy = {
      [BRAND]: true,
      status: 200,
      headers: { 'x-copy': 'yes' },
      cookies: [],
      bodyType: 'text',
      body: 'from a copy',
    } as unknown as Reply;
    expect(
      await toLambda(() => ok(copy))(httpApiEvent({ requestId: HTTP_REQUEST_ID }), context),
    ).toEqual({
      statusCode: 200,
      headers: {
        'x-copy': 'yes',
        'content-type': 'text/plain; charset=utf-8',
        'x-request-id': HTTP_REQUEST_ID,
      },
      cookies: [],
      body: 'from a copy',
      isBase64Encoded: false,
    });
  });

  it('a reply-shaped object without the brand is sent as a JSON value', async () => {
    const lookalike = { status: 201, headers: {}, cookies: [], bodyType: 'text', body: 'x' };
    expect(
      await toLambda(() => ok(lookalike))(httpApiEvent({ requestId: HTTP_REQUEST_ID }), context),
    ).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json', 'x-request-id': HTTP_REQUEST_ID },
      cookies: [],
      body: JSON.stringify(lookalike),
      isBase64Encoded: false,
    });
  });
});

describe('reply options a JavaScript caller could get wrong are refused when the reply is built', () => {
  const COOKIES =
    "`cookies` is a string; pass a list of Set-Cookie values, e.g. ['id=abc; Path=/; HttpOnly'].";
  const HEADERS =
    "`headers` is a string; pass an object of names to values, e.g. { 'cache-control': 'no-store' }.";

  it.each<[string, () => unknown, string]>([
    [
      'json with one cookie string',
      // @ts-expect-error -- one cookie where the list belongs: it would go out as `a`, `=`, `b`
      () => json({}, { cookies: 'a=b' }),
      `json: ${COOKIES}`,
    ],
    [
      'created with one cookie string',
      // @ts-expect-error -- the same, on a constructor whose name fixes the status
      () => created('/a', 1, { cookies: 'a=b' }),
      `created: ${COOKIES}`,
    ],
    [
      'noContent with one cookie string',
      // @ts-expect-error -- and on noContent
      () => noContent({ cookies: 'a=b' }),
      `noContent: ${COOKIES}`,
    ],
    [
      'text with headers as a string',
      // @ts-expect-error -- headers as one string: it would be read as a map of its indices
      () => text('x', { headers: 'x-a: 1' }),
      `text: ${HEADERS}`,
    ],
    [
      'json with a status where the options belong',
      // @ts-expect-error -- `json(body, 201)` would answer 200
      () => json({}, 201),
      "json: the options are a number; pass an object such as { status: 201, headers: { 'cache-control': 'no-store' } }.",
    ],
    [
      'binary with null options',
      // @ts-expect-error -- null is not options
      () => binary(new Uint8Array([1]), null),
      "binary: the options are null; pass an object such as { status: 201, headers: { 'cache-control': 'no-store' } }.",
    ],
    [
      'redirect with a status that is not a redirect',
      // @ts-expect-error -- 200 is not a RedirectStatus
      () => redirect('/login', 200),
      'redirect: the status is 200; a redirect is 301, 302, 303, 307 or 308 (use json(body, { status }) for other statuses).',
    ],
    [
      'redirect with the status as a string',
      // @ts-expect-error -- '303' is not a RedirectStatus
      () => redirect('/login', '303'),
      'redirect: the status is a string; a redirect is 301, 302, 303, 307 or 308 (use json(body, { status }) for other statuses).',
    ],
  ])('%s', (_, build, message) => {
    expect(thrownBy(build)).toStrictEqual(new TypeError(message));
  });

  it('the option types are what the checks enforce', () => {
    expectTypeOf<NonNullable<ReplyInit['cookies']>>().toEqualTypeOf<readonly string[]>();
    expectTypeOf<NonNullable<ReplyInit['headers']>>().toEqualTypeOf<
      Readonly<Record<string, string | readonly string[]>>
    >();
  });

  it('options the types allow are not refused', () => {
    expect(
      json({}, { status: 201, headers: { vary: ['accept', 'origin'] }, cookies: ['a=b'] }),
    ).toEqual(
      branded({
        status: 201,
        headers: { vary: ['accept', 'origin'] },
        cookies: ['a=b'],
        bodyType: 'json',
        body: {},
      }),
    );
  });
});
