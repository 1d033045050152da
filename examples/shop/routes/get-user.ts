/** `GET /users/{id}`: one user as a JSON:API resource, or 404 `UserNotFound`. */
import * as t from 'io-ts';
import { err, ok } from 'neverthrow';
import { endpoint, json } from '../../../src/index.js';
import { UserNotFound } from '../errors.js';
import type { User } from '../store.js';
import { findUser } from '../store.js';

/**
 * A user as the API shows it: a JSON:API resource without the password or its hash. The codec
 * is what the routes declare they answer, for the OpenAPI document; the type is what they build.
 */
export const UserDocument = t.type({
  data: t.type({
    type: t.literal('users'),
    id: t.string,
    attributes: t.type({ 'first-name': t.string, 'last-name': t.string, email: t.string }),
  }),
});

/** A user's document, as {@link UserDocument} describes it. */
export type UserDocument = t.TypeOf<typeof UserDocument>;

/** The document for one user; only the listed attributes leave the store. */
export function userDocument(user: User): UserDocument {
  return {
    data: {
      type: 'users',
      id: user.id,
      attributes: { 'first-name': user.firstName, 'last-name': user.lastName, email: user.email },
    },
  };
}

export const getUser = endpoint(
  { params: t.type({ id: t.string }) },
  ({ params }) => {
    const user = findUser(params.id);
    return user === undefined
      ? err(new UserNotFound({ id: params.id }))
      : ok(json(userDocument(user)));
  },
  { describe: { summary: 'Fetch a user', response: UserDocument } },
);
