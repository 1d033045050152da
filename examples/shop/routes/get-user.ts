/** `GET /users/{id}`: one user as a JSON:API resource, or 404 `UserNotFound`. */
import * as t from 'io-ts';
import { err, ok } from 'neverthrow';
import { endpoint, json } from '../../../src/index.js';
import { UserNotFound } from '../errors.js';
import type { User } from '../store.js';
import { findUser } from '../store.js';

/** A user as the API shows it: a JSON:API resource without the password or its hash. */
export interface UserDocument {
  readonly data: {
    readonly type: 'users';
    readonly id: string;
    readonly attributes: {
      readonly 'first-name': string;
      readonly 'last-name': string;
      readonly email: string;
    };
  };
}

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
  { describe: { summary: 'Fetch a user' } },
);
