// gatefold, written as the example API (examples/shop) is: a router with an error map, io-ts
// codecs per part, the registration rules as validators that report every violation at once.
import * as t from 'io-ts';
import { err, ok } from 'neverthrow';
import {
  TaggedError,
  all,
  created,
  endpoint,
  errorMap,
  field,
  json,
  router,
  rule,
  toLambda,
} from 'gatefold';
import {
  FIRST_NAME_TOO_SHORT,
  PASSWORDS_DIFFER,
  WEAK_PASSWORD,
  missingClasses,
  userNotFoundDetail,
  weakPasswordDetail,
} from '../app/rules.mjs';
import { findUser, insertUser, userDocument } from '../app/store.mjs';

class UserNotFound extends TaggedError('UserNotFound') {}

const userErrors = errorMap({
  UserNotFound: (e) => ({ status: 404, detail: userNotFoundDetail(e.id) }),
});

const getUser = endpoint({ params: t.type({ id: t.string }) }, ({ params }) => {
  const user = findUser(params.id);
  return user === undefined
    ? err(new UserNotFound({ id: params.id }))
    : ok(json(userDocument(user)));
});

const Registration = t.type({
  data: t.type({
    type: t.literal('users'),
    attributes: t.type({
      'first-name': t.string,
      'last-name': t.string,
      email: t.string,
      password: t.string,
      'password-confirmation': t.string,
    }),
  }),
});

const attributes = (input) => input.body.data.attributes;

const firstNameLongEnough = field(
  '/data/attributes/first-name',
  (input) => attributes(input)['first-name'],
  rule((name) => name.length >= 3, FIRST_NAME_TOO_SHORT),
);

const passwordStrong = field(
  '/data/attributes/password',
  (input) => attributes(input).password,
  rule((password) => missingClasses(password).length === 0, {
    ...WEAK_PASSWORD,
    detail: (password) => weakPasswordDetail(missingClasses(password)),
  }),
);

const passwordsMatch = rule(
  (input) => attributes(input).password === attributes(input)['password-confirmation'],
  { ...PASSWORDS_DIFFER, source: { pointer: '/data/attributes/password' } },
);

const registerUser = endpoint(
  { body: Registration },
  ({ body }) => {
    const { email, password } = body.data.attributes;
    const user = insertUser({
      firstName: body.data.attributes['first-name'],
      lastName: body.data.attributes['last-name'],
      email,
      password,
    });
    return ok(created(`/users/${user.id}`, userDocument(user)));
  },
  { validate: all(firstNameLongEnough, passwordStrong, passwordsMatch) },
);

const api = router({ errors: userErrors }).post('/users', registerUser).get('/users/{id}', getUser);

// 4xx answers are not logged, as by no other contender.
export const handler = toLambda(api, { clientErrorLogLevel: 'off' });
