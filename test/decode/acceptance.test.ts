import * as t from 'io-ts';
import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { all, created, endpoint, field, rule, toLambda } from '../../src/index.js';
import { fakeContext, httpApiEvent, restApiEvent } from '../../src/testing/index.js';
import { capturingLogger } from '../support/logger.js';
import { HTTP_REQUEST_ID, LAMBDA_REQUEST_ID, REST_REQUEST_ID } from '../support/request-id.js';

const context = fakeContext({ awsRequestId: LAMBDA_REQUEST_ID });

const Registration = t.type({
  data: t.type({
    type: t.literal('users'),
    attributes: t.type({
      'first-name': t.string,
      password: t.string,
      'password-confirmation': t.string,
    }),
  }),
});

type Input = { readonly body: t.TypeOf<typeof Registration> };

const attributes = (input: Input) => input.body.data.attributes;

const firstNameLongEnough = field(
  '/data/attributes/first-name',
  (input: Input) => attributes(input)['first-name'],
  rule((name: string) => name.length >= 3, {
    code: '123',
    title: 'Value is too short',
    detail: 'First name must contain at least three characters.',
  }),
);

const CHARACTER_CLASSES = [
  ['letter', /\p{L}/u],
  ['number', /\p{N}/u],
  ['punctuation character', /[\p{P}\p{S}]/u],
] as const;

const passwordStrong = field(
  '/data/attributes/password',
  (input: Input) => attributes(input).password,
  rule((password: string) => CHARACTER_CLASSES.every(([, re]) => re.test(password)), {
    code: '225',
    title: 'Passwords must contain a letter, number, and punctuation character.',
    detail: (password) => {
      const missing = CHARACTER_CLASSES.filter(([, re]) => !re.test(password)).map(([n]) => n);
      return `The password provided is missing a ${missing.join(' and a ')}.`;
    },
  }),
);

const passwordsMatch = rule(
  (input: Input) => attributes(input).password === attributes(input)['password-confirmation'],
  {
    code: '226',
    title: 'Password and password confirmation do not match.',
    detail: 'The password confirmation must repeat the password exactly.',
    source: { pointer: '/data/attributes/password' },
  },
);

const register = endpoint(
  { body: Registration },
  ({ body }) => ok(created('/users/u-2', { name: body.data.attributes['first-name'] })),
  { validate: all(firstNameLongEnough, passwordStrong, passwordsMatch) },
);

const body = JSON.stringify({
  data: {
    type: 'users',
    attributes: {
      'first-name': 'Al',
      password: 'secret123',
      'password-confirmation': 'secret124',
    },
  },
});

describe('the registration acceptance case', () => {
  it.each([
    [
      'REST API',
      restApiEvent({
        method: 'POST',
        body,
        headers: { 'Content-Type': 'application/json' },
        requestId: REST_REQUEST_ID,
      }),
      REST_REQUEST_ID,
    ],
    [
      'HTTP API',
      httpApiEvent({
        body,
        headers: { 'content-type': 'application/json' },
        requestId: HTTP_REQUEST_ID,
      }),
      HTTP_REQUEST_ID,
    ],
  ])('%s: one 400 response with three errors', async (_, event, requestId) => {
    const lambda = toLambda(register, { logger: capturingLogger() });
    const result = await lambda(event, context);
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body ?? '')).toEqual({
      errors: [
        {
          status: '400',
          code: '123',
          title: 'Value is too short',
          detail: 'First name must contain at least three characters.',
          source: { pointer: '/data/attributes/first-name' },
        },
        {
          status: '400',
          code: '225',
          title: 'Passwords must contain a letter, number, and punctuation character.',
          detail: 'The password provided is missing a punctuation character.',
          source: { pointer: '/data/attributes/password' },
        },
        {
          status: '400',
          code: '226',
          title: 'Password and password confirmation do not match.',
          detail: 'The password confirmation must repeat the password exactly.',
          source: { pointer: '/data/attributes/password' },
        },
      ],
      meta: { requestId },
    });
  });
});
