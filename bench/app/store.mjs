// The data every contender serves, the same module for all of them. User u-1 is stored;
// registering answers the way the example's store does but keeps nothing and hashes nothing, so
// that 100,000 POSTs measure the handler rather than a growing Map or scrypt.
/* eslint-disable @typescript-eslint/explicit-module-boundary-types -- plain JavaScript, nothing to annotate */

const users = new Map([
  ['u-1', { id: 'u-1', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' }],
]);

/** The user with this id, if any. */
export function findUser(id) {
  return users.get(id);
}

/** The user a registration creates: always `u-2`, never stored. */
export function insertUser(input) {
  return { id: 'u-2', firstName: input.firstName, lastName: input.lastName, email: input.email };
}

/** A user as the API shows it: a JSON:API resource without the password. */
export function userDocument(user) {
  return {
    data: {
      type: 'users',
      id: user.id,
      attributes: { 'first-name': user.firstName, 'last-name': user.lastName, email: user.email },
    },
  };
}
