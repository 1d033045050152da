/**
 * `POST /users`: registers a user. Every rule is checked at once, so a client with a short first
 * name, a weak password and a mistyped confirmation learns all three from one 400. An email that
 * is already registered is 409 `EmailTaken`.
 */
import * as t from 'io-ts';
import { err, ok } from 'neverthrow';
import { all, created, endpoint, field, rule } from '../../../src/index.js';
import { withSchema } from '../../../src/openapi/index.js';
import { EmailTaken } from '../errors.js';
import { findUserByEmail, insertUser } from '../store.js';
import { UserDocument, userDocument } from './get-user.js';

/**
 * A string that is never repeated back: io-ts codecs report the value they refused ("Expected a
 * string, received 12345678."), which must not happen to a password sent with the wrong type.
 */
const Secret = withSchema(
  new t.Type<string, string, unknown>(
    'Secret',
    (value): value is string => typeof value === 'string',
    (value, context) =>
      typeof value === 'string'
        ? t.success(value)
        : t.failure(value, context, 'Expected a string; the value sent is not repeated here.'),
    t.identity,
  ),
  { type: 'string', format: 'password' },
);

const Registration = t.type({
  data: t.type({
    type: t.literal('users'),
    attributes: t.type({
      'first-name': t.string,
      'last-name': t.string,
      email: t.string,
      password: Secret,
      'password-confirmation': Secret,
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

const missingClasses = (password: string) =>
  CHARACTER_CLASSES.filter(([, re]) => !re.test(password)).map(([name]) => name);

const passwordStrong = field(
  '/data/attributes/password',
  (input: Input) => attributes(input).password,
  rule((password: string) => missingClasses(password).length === 0, {
    code: '225',
    title: 'Passwords must contain a letter, number, and punctuation character.',
    // Names what is missing, never the password itself.
    detail: (password) =>
      `The password provided is missing a ${missingClasses(password).join(' and a ')}.`,
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

export const registerUser = endpoint(
  { body: Registration },
  ({ body }) => {
    const { email, password } = body.data.attributes;
    if (findUserByEmail(email) !== undefined) return err(new EmailTaken({ email }));
    const user = insertUser({
      firstName: body.data.attributes['first-name'],
      lastName: body.data.attributes['last-name'],
      email,
      password,
    });
    return ok(created(`/users/${user.id}`, userDocument(user)));
  },
  {
    validate: all(firstNameLongEnough, passwordStrong, passwordsMatch),
    // 201 with the new user's document, and its URL in `Location` (`created`).
    describe: { summary: 'Register a user', status: 201, response: UserDocument },
  },
);
